"""The sentence splitter's fast path against pysbd, for the lines it takes from pysbd.

Lines whose only doubtful periods are an abbreviation before a number ("Oct. 8", "No. 5"),
dotted capitals after a hyphen ("Japan-U.S. Indo-Pacific") or a day number that ends a
sentence ("from Oct. 4 to Oct. 7. Some ...") are split without pysbd when the line has no
markup, brackets or quotes; the spans must be exactly pysbd's.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.kb.sentences as sentences


def _both(line: str, monkeypatch) -> tuple[list, list]:
    fast = sentences._pysbd_pieces(line)
    with monkeypatch.context() as m:
        m.setattr(sentences, "_plain_boundaries", lambda text: None)
        slow = sentences._pysbd_pieces(line)
    return fast, slow


@pytest.mark.parametrize(
    "line",
    [
        "The drill ran from Oct. 4 to Oct. 7. Some 1,200 personnel took part.",
        "It will fly on Dec. 28. Experts cautioned that it would take years.",
        "On Sept. 19, CNES announced a sensor. No. 6 flew on Nov. 2 as planned.",
        "The Japan-U.S. Indo-Pacific Forum met. The Japan-Philippines-U.S. Space Dialogue followed.",
        "The Japan-U.S. alliance is strong, officials said on Jan. 3. It held.",
        "Leaders met on Feb. 9. They agreed. Ministers met on Feb. 10. They left.",
        "It began on 1. The Japan-U.S. The talks ended on Aug. 2. More came.",
        "- On Oct. 9, Prime Minister Suga met Secretary Carter in Yokota. Japan pledged 2% of GDP.",
    ],
)
def test_fast_path_matches_pysbd_on_taken_lines(line, monkeypatch):
    fast, slow = _both(line, monkeypatch)
    assert fast == slow


_WORDS = st.sampled_from(
    "the ministers met in Tokyo on and agreed to Japan-U.S. Japan-Australia-U.S. U.S. Oct. Sept. "
    "Dec. Jan. May No. Nos. Art. Gen. 4 7 12 28 2023 9, 10 1,200 The A It In More Who For "
    "He She They Experts Officials said, alliance talks drill, exercise Indo-Pacific 5%".split(" ")
)
_ENDS = st.sampled_from([".", ".", ".", "?", "!", ","])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.lists(_WORDS, min_size=1, max_size=9), _ENDS), min_size=1, max_size=5))
def test_fast_path_matches_pysbd_on_generated_lines(parts):
    import unittest.mock

    line = " ".join(" ".join(words) + end for words, end in parts)
    fast = sentences._pysbd_pieces(line)
    with unittest.mock.patch.object(sentences, "_plain_boundaries", lambda text: None):
        slow = sentences._pysbd_pieces(line)
    if sentences._plain_boundaries(line.rstrip()) is not None and _old_fast(line) is None:
        assert fast == slow, line


def _old_fast(line: str):
    """The fast path without the rules that take these lines from pysbd."""
    import unittest.mock

    with unittest.mock.patch.object(sentences, "_plain_line", lambda text: False):
        return sentences._plain_boundaries(line.rstrip())
