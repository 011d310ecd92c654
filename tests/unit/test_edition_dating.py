"""An exercise fact known only to the year or month is dated to its edition's days.

The calendar is a small made-up one and the texts are written for the test, so the cases
check the rule (bot/kb/extract/calendar.py), not the shipped gazetteer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.kb.documents import read_document
from bot.kb.entities import Gazetteer
from bot.kb.extract.facts import extract_document

_COUNTRIES = """type: country
entries:
  - {id: "country:japan", name: Japan}
  - {id: "country:united-states", name: United States, aliases: [U.S.]}
"""
_ORGS = """type: org
entries:
  - {id: "org:jmsdf", name: Japan Maritime Self-Defense Force, aliases: [JMSDF], country: Japan}
"""
_EXERCISES = """type: exercise
entries:
  - id: exercise:iron-lantern
    name: Iron Lantern
    editions:
      - {year: 2022, start: 2022-06-06, end: 2022-06-17, number: 22, ordinal: 9}
      - {year: 2024, start: 2024-06-07, end: 2024-06-18, number: 24, ordinal: 10}
  - id: exercise:tri-edge
    name: Tri Edge
    editions:
      - {year: 2024, start: 2024-06-27, end: 2024-06-29, ordinal: 1}
      - {year: 2024, start: 2024-11-13, end: 2024-11-15, ordinal: 2}
  - id: exercise:paper-crane
    name: Paper Crane
    editions:
      - {year: 2023, start: 2023-10, end: 2023-11}
  - id: exercise:grey-gull
    name: Grey Gull
"""


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    d: Path = tmp_path_factory.mktemp("gazetteer")
    (d / "countries.yaml").write_text(_COUNTRIES)
    (d / "organizations.yaml").write_text(_ORGS)
    (d / "exercises.yaml").write_text(_EXERCISES)
    return Gazetteer.load(d)


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


def _exercise(gaz: Gazetteer, published: str, body: str):
    doc = read_document("drills.md", _doc(published, body), gaz)
    facts = [f for f in extract_document(doc, gaz) if f.kind == "exercise"]
    assert len(facts) == 1, [(f.title, f.date_start) for f in facts]
    return facts[0]


@pytest.mark.parametrize("case,published,body,expected,noted", CASES, ids=[c[0] for c in CASES])
def test_exercise_fact_dated_by_edition(gaz, case, published, body, expected, noted):
    f = _exercise(gaz, published, body)
    assert (f.date_start, f.date_end, f.date_precision) == expected
    assert ("alliance calendar" in f.summary) is noted


def test_the_note_says_where_the_days_come_from(gaz):
    f = _exercise(gaz, "2025-02-10", CASES[0][2])
    assert "Iron Lantern 2024 ran 7-18 June" in f.summary
    assert "the text gives only 2024" in f.summary


def test_a_plan_stays_planned(gaz):
    f = _exercise(
        gaz,
        "2024-03-02",
        "JMSDF destroyers will join U.S. Navy ships in the Iron Lantern exercise in June, the ministry said.",
    )
    assert (f.date_start, f.date_end, f.date_precision) == ("2024-06-07", "2024-06-18", "day")
    assert f.title.endswith("(planned)")
