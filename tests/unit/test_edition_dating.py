"""An exercise fact known only to the year or month is dated to its edition's days.

The calendar is the made-up one of tests/calendar_gazetteer.py and the texts are written for
the test, so the cases check the rule (bot/kb/extract/calendar.py), not the shipped gazetteer.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.kb.documents import read_document
from bot.kb.entities import Gazetteer
from bot.kb.extract.facts import extract_document


def _doc(published: str, body: str) -> str:
    return f"---\ntitle: Drills report\ndate: {published}\n---\n\n{body}\n"


CASES = [
    # (case, published, body, expected (start, end, precision), calendar note expected)
    (
        "year only: the edition's days",
        "2025-02-10",
        "JMSDF destroyers took part in Iron Lantern 2024 alongside U.S. Navy ships, the ministry said.",
        ("2024-06-07", "2024-06-18", "day"),
        True,
    ),
    (
        "the month it was reported, which the edition falls in",
        "2024-06-20",
        "JMSDF destroyers and U.S. Navy ships are taking part in the Iron Lantern exercise.",
        ("2024-06-07", "2024-06-18", "day"),
        True,
    ),
    (
        "a day the text states wins",
        "2024-06-20",
        "JMSDF destroyers and U.S. Navy ships began the Iron Lantern exercise on June 10.",
        ("2024-06-10", "2024-06-10", "day"),
        False,
    ),
    (
        "the text counts another edition: left alone",
        "2024-06-20",
        "JMSDF destroyers joined the 9th iteration of the Iron Lantern exercise with U.S. Navy ships.",
        ("2024-06-01", "2024-06-30", "month"),
        False,
    ),
    (
        "the text numbers another edition: left alone",
        "2024-06-20",
        "JMSDF destroyers joined Iron Lantern 22 with U.S. Navy ships, the ministry said.",
        ("2024-06-01", "2024-06-30", "month"),
        False,
    ),
    (
        "two editions in the year, nothing tells them apart: left alone",
        "2025-02-10",
        "JMSDF destroyers took part in Tri Edge 2024 alongside U.S. Navy ships, the ministry said.",
        ("2024-01-01", "2024-12-31", "year"),
        False,
    ),
    (
        "two editions in the year, the ordinal tells which",
        "2025-02-10",
        "JMSDF destroyers took part in the second Tri Edge exercise of 2024 alongside U.S. Navy ships.",
        ("2024-11-13", "2024-11-15", "day"),
        True,
    ),
    (
        "an edition known to the month: months, not days",
        "2024-05-02",
        "JMSDF destroyers took part in Paper Crane 2023 alongside U.S. Navy ships, the ministry said.",
        ("2023-10-01", "2023-11-30", "month"),
        True,
    ),
    (
        "an exercise with no editions: left alone",
        "2025-02-10",
        "JMSDF destroyers took part in Grey Gull 2024 alongside U.S. Navy ships, the ministry said.",
        ("2024-01-01", "2024-12-31", "year"),
        False,
    ),
]


def _exercise(calendar_gaz: Gazetteer, published: str, body: str):
    doc = read_document("drills.md", _doc(published, body), calendar_gaz)
    facts = [f for f in extract_document(doc, calendar_gaz) if f.kind == "exercise"]
    assert len(facts) == 1, [(f.title, f.date_start) for f in facts]
    return facts[0]


@pytest.mark.parametrize("case,published,body,expected,noted", CASES, ids=[c[0] for c in CASES])
def test_exercise_fact_dated_by_edition(calendar_gaz, case, published, body, expected, noted):
    f = _exercise(calendar_gaz, published, body)
    assert (f.date_start, f.date_end, f.date_precision) == expected
    assert ("alliance calendar" in f.summary) is noted


def test_the_note_says_where_the_days_come_from(calendar_gaz):
    f = _exercise(calendar_gaz, "2025-02-10", CASES[0][2])
    assert "Iron Lantern 2024 ran 7-18 June" in f.summary
    assert "the text gives only 2024" in f.summary


def test_a_plan_stays_planned(calendar_gaz):
    f = _exercise(
        calendar_gaz,
        "2024-03-02",
        "JMSDF destroyers will join U.S. Navy ships in the Iron Lantern exercise in June, the ministry said.",
    )
    assert (f.date_start, f.date_end, f.date_precision) == ("2024-06-07", "2024-06-18", "day")
    assert f.title.endswith("(planned)")


# --- recurring meetings: the same calendar, on forums --------------------------------------

MEETING_YEAR = [
    # (case, text, the document's date and precision)
    ("a yearless dateline two days after a calendar meeting it names: that meeting's year",
     "Spokesman briefs\n\nNews Service, Beijing, January 13 (Reporter Li Hua) Asked about the "
     "joint statement after the \"3+3\" meeting held on the 11th, the spokesman said nothing new.\n",
     (date(2023, 1, 13), "day")),
    ("a yearless dateline far from every calendar meeting: no year",
     "Spokesman briefs\n\nNews Service, Beijing, March 20 (Reporter Li Hua) Asked about the "
     "\"3+3\" meeting, the spokesman said nothing new.\n",
     (None, None)),
]


@pytest.mark.parametrize("case,text,expected", MEETING_YEAR, ids=[c[0] for c in MEETING_YEAR])
def test_a_yearless_story_about_a_calendar_meeting_takes_its_year(calendar_gaz, case, text, expected):
    doc = read_document("briefing.txt", text, calendar_gaz, today=date(2026, 12, 2))
    assert (doc.date, doc.date_precision) == expected, doc.date_note


def test_a_meeting_fact_known_to_the_month_is_dated_to_the_calendar_day(calendar_gaz):
    doc = read_document("m.md", _doc("2023-01", "The foreign and defense ministers of Japan and the United States held the Harbor Council meeting in Washington."), calendar_gaz)
    (f,) = [f for f in extract_document(doc, calendar_gaz) if f.kind == "meeting"]
    assert (f.date_start, f.date_end, f.date_precision) == ("2023-01-11", "2023-01-11", "day")
    assert "alliance calendar" in f.summary


CALENDAR_DAY = [
    # (case, text, year, expected day or None)
    ("the meeting's own weekday, after its name",
     "Kihara and Austin talked after Japan and the U.S. held a \"3+3\" meeting of their ministers "
     "in the capital on Sunday.", 2024, date(2024, 7, 28)),
    ("a weekday that does not fit the year's meeting", "Japan and the U.S. held a 3+3 meeting on Friday.",
     2024, None),
    ("the weekday of another clause before the name",
     "The ministers spoke by phone on Sunday and agreed to hold a 3+3 meeting at an early date.", 2024, None),
    ("a plan is written before its day", "Japan and the U.S. will hold a 3+3 meeting on Sunday.", 2024, None),
    ("another pair's meeting of the same shape", "India and Japan held a 3+3 meeting on Sunday.", 2024, None),
]


@pytest.mark.parametrize("case,text,year,expected", CALENDAR_DAY, ids=[c[0] for c in CALENDAR_DAY])
def test_a_year_known_story_is_anchored_to_the_calendar_meeting_it_names_with_its_weekday(
    calendar_gaz, case, text, year, expected
):
    from bot.kb.editions import calendar_day

    got = calendar_day(text, calendar_gaz, year)
    assert (got[0] if got else None) == expected
