"""Trigger words are looked for in the lower-cased sentence, without IGNORECASE, when that
finds exactly what the case-insensitive pattern finds (bot.kb.extract.common._spans)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.kb.extract import common, exercise, meeting
from bot.kb.extract.common import _cased_twin, _first_trigger, _Sent, _spans

PATTERNS = [
    meeting.TRIGGER,
    meeting._HOSTING_TRIGGER,
    exercise.TRIGGER,
    re.compile(r"\b(?:Japan-U\.S\.|[A-Z]{2,4}|talks?)\b", re.I),
    re.compile(r"\bse[a-z]+\b|\bki\w*", re.I),
]


def _sent(text: str) -> _Sent:
    return _Sent(0, 0, 0, len(text), text, text, quotes=common._quote_spans(text))


def _slow(text: str, rx: re.Pattern, a: int, b: int) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text, a, b)]


@pytest.mark.parametrize(
    "text",
    [
        "Kishida MET Biden; the TALKS were held. Japan-U.S. Drills.",
        "The \u017fummit and \u212aishida's \u0130stanbul vi\u0131sit were talks.",  # folds to ASCII
        "Stra\u00dfe talks, \u0130 met Biden, Joint Training and live-fire drills",  # changes length
        "“The drills,” he said, “were held.” Ministers co-hosted the 2 + 2 meeting.",
    ],
)
def test_spans_are_finditer_spans(text):
    s = _sent(text)
    for rx in PATTERNS:
        assert list(_spans(s, rx, 0, len(text))) == _slow(text, rx, 0, len(text))


def test_patterns_that_cannot_be_lowered_keep_ignorecase():
    assert _cased_twin(re.compile(r"\bTalks\S*", re.I)) is None  # \S would become \s
    assert _cased_twin(re.compile(r"(?P<Word>talks)", re.I)) is None
    assert _cased_twin(re.compile(r"caf\u00e9", re.I)) is None  # a letter outside ASCII
    assert _cased_twin(re.compile(r"talks")) is None  # not case-insensitive at all
    assert _cased_twin(meeting.TRIGGER) is not None and _cased_twin(exercise.TRIGGER) is not None


_TEXT = st.lists(
    st.one_of(
        st.sampled_from(
            ["met", "MET", "Talks", "talk", "drills", "Joint  Training", "live-fire", "2+2",
             "Japan-U.S.", "visited", "Summit", "co-hosted", "host", "\u017f", "\u212a", "\u0130",
             "\u0131", "\u00df", "“", "”", "\"", "’", "-", ".", ",", " ", "\n", "é", "Ǆ"]
        ),
        st.text(max_size=4),
    ),
    max_size=25,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXT, st.integers(0, 40), st.integers(0, 80))
def test_spans_and_first_trigger_match_ignorecase_scans(text, a, length):
    a = min(a, len(text))
    b = min(len(text), a + length)
    s = _sent(text)
    for rx in PATTERNS:
        assert list(_spans(s, rx, a, b)) == _slow(text, rx, a, b)
        got = _first_trigger(s, rx, a, b)
        want = next(
            (m for m in rx.finditer(text, a, b)
             if not common._in_reference(s, m.start(), m.end()) and not s.in_quote(m.start())),
            None,
        )
        assert (got and (got.span(), got.group())) == (want and (want.span(), want.group()))
