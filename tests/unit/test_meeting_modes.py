"""A phone call is not the meeting held in person the same day, nor the one its speakers agree
to hold (issue 11): merging and borrowing keep apart meetings whose own sentences say they
were held differently. Texts written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from bot.kb.extract.facts import extract_document
from bot.kb.merge import merge_facts, mode_of
from tests.unit.test_facts import gazetteer, make_doc  # noqa: F401

MODES = [
    ("Defense Minister Nakatani spoke by phone with Secretary Hegseth on Friday.", None, "phone"),
    ("The two ministers held telephone talks on Friday.", None, "phone"),
    ("The ministers met virtually on Friday.", None, "video"),
    ("The ministers held talks in Tokyo on Friday.", "Tokyo", "in person"),
    ("Hegseth visited Tokyo on Friday.", None, "in person"),
    ("The ministers held talks on Friday.", None, ""),
]


@pytest.mark.parametrize("quote,location,mode", MODES)
def test_how_a_meeting_was_held_is_what_its_own_sentence_says(quote, location, mode):
    assert mode_of(quote, location, ["Japan", "United States"]) == mode


# (case, [(document date, text)], how many meeting facts the reports make)
CASES = [
    ("a call and a meeting in person of the same people the same day: two events",
     [(date(2025, 3, 29), "Defense Minister Gen Nakatani and Defense Secretary Pete Hegseth spoke "
                          "by phone on March 28 about the alliance."),
      (date(2025, 3, 29), "Defense Minister Gen Nakatani and Defense Secretary Pete Hegseth met in "
                          "Tokyo on March 28 to discuss the alliance.")],
     2),
    ("two reports of one call: one event",
     [(date(2025, 3, 29), "Defense Minister Gen Nakatani and Defense Secretary Pete Hegseth spoke "
                          "by phone on March 28 about the alliance."),
      (date(2025, 3, 30), "Defense Minister Gen Nakatani held telephone talks with Defense "
                          "Secretary Pete Hegseth on March 28.")],
     1),
    ("a report that does not say how: one event with either",
     [(date(2025, 3, 29), "Defense Minister Gen Nakatani and Defense Secretary Pete Hegseth met in "
                          "Tokyo on March 28 to discuss the alliance."),
      (date(2025, 3, 30), "Defense Minister Gen Nakatani held talks with Defense Secretary Pete "
                          "Hegseth on March 28.")],
     1),
]


@pytest.mark.parametrize("case,docs,count", CASES, ids=[c[0] for c in CASES])
def test_a_call_does_not_merge_with_a_meeting_held_in_person(gazetteer, case, docs, count):  # noqa: F811
    facts = []
    for i, (when, text) in enumerate(docs):
        facts += [f for f in extract_document(make_doc(f"d{i}", text, when), gazetteer) if f.kind == "meeting"]
    assert len(facts) == len(docs), [f.title for f in facts]
    assert len(merge_facts(facts)) == count
