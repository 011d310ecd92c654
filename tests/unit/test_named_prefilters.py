"""A sentence is scanned for named things only when it holds a word every match needs
(bot.kb.extract.names): the word lists must never skip a sentence a pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.kb.extract import names as N

# (pattern, its words, whether the words are looked for in the lower-cased sentence)
CASES = [
    (N._COUNTRIES_FORUM, N._COUNTRIES_FORUM_WORDS, False),
    (N._EXERCISE_AFTER, N._EXERCISE_WORDS, False),
    (N._EXERCISE_BEFORE, N._EXERCISE_WORDS, False),
    (N._PROGRAM_SHAPE, N._PROGRAM_WORDS, False),
    (N._COMPANY_SHAPE, N._COMPANY_WORDS, False),
]


def _forum_chunk(text: str) -> bool:
    """What the forum loop needs: a capitalised chunk holding a forum word."""
    return any(
        N._head(t) for m in N._CHUNK.finditer(text) for t in m.group().split()
    )


def _two_plus_two(text: str) -> bool:
    return bool(N._TWO_PLUS_TWO.search(text))


def _check(text: str) -> None:
    low = text.lower()
    for rx, words, lowered in CASES:
        if rx.search(text):
            assert N._has_any(low if lowered else text, words), (rx.pattern[:40], text)
    if _forum_chunk(text):
        assert N._has_any(low, N._HEAD_WORDS), text
    if _two_plus_two(text):
        assert "+" in text or "plu" in low, text


@pytest.mark.parametrize(
    "text",
    [
        "The US-Japan-ROK summit and the Japan-U.S. defense ministers’ meeting were held.",
        "Exercise Keen Sword and the drills dubbed Iron Fist; Resolute Dragon exercises began.",
        "The Artemis program, the QZSS satellites and the Hubble Telescope; the Moon Initiative.",
        "Mitsubishi Heavy Industries, Acme Co., Ltd. and Rocket Corp. signed; IHI Aerospace too.",
        "The Japan-U.S. Economic Policy Consultative Committee (Economic “2+2”) and TWO-PLUS-TWO talks.",
        "The Extended Deterrence Dialogue’s Tenth Round; Security Consultations; the Summit’s end.",
        "The pluſ one \u212aEY TAL\u212a and two-pluſ-two meeting",
    ],
)
def test_word_lists_cover_the_patterns(text):
    _check(text)


_PIECES = st.sampled_from(
    "The Japan-U.S. US ROK South Korea summit Summit leaders’ foreign ministers' meeting "
    "Meeting exercise exercises Exercise drill drills Drills dubbed called Iron Fist 2024 "
    "program programme mission Initiative initiative Accords Treaty satellite satellites "
    "telescope Telescope Observatory constellation system project Inc. Corp. Corporation Co. "
    "Ltd. LLC Technologies Aerospace Heavy Industries Talks talk Dialogue Forum Consultation "
    "Roundtable Ministerial Symposium Committee Conference 2 + two-plus-two TWO-PLUS-TWO of on "
    "the and ’s , . ( ) \" “ ” \u212a \u017f \u0130".split(" ")
)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=20), st.sampled_from([" ", "", "  "]))
def test_word_lists_cover_the_patterns_generated(pieces, sep):
    _check(sep.join(pieces))


def test_program_words_cover_every_head():
    heads = re.search(r"\(\?P<head>([^)]*)\)", N._PROGRAM_SHAPE.pattern).group(1)
    for alt in heads.split("|"):
        word = alt.rstrip("?").rstrip("s") if alt.endswith("s?") else alt
        assert N._has_any(word, N._PROGRAM_WORDS), alt
