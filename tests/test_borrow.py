"""A document that knows at most its year borrows the day another document gives the same
event (bot/kb/borrow.py): a digest's "met in Yokosuka on Sunday" and a ministry readout of that
meeting. The texts are written for the test; the office-holders are the shipped gazetteer's.
The meeting is placed where the alliance calendar has none (bot.kb.editions.meeting_day
would otherwise date the digest by itself)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.kb import loader
from bot.kb.db import open_db
from tests.context import CONFIG

READOUT = """Defense ministers meet in Yokosuka
June 2, 2024

Defense Minister Kihara met Secretary of Defense Austin in Yokosuka on June 2 and discussed command ties.
"""
# (case, the digest's text, its expected date and precision, a fact of it on this day or None)
CASES = [
    ("the weekday of the readout's day: the digest takes that day",
     "Weekly alliance digest\n\nDefense Minister Minoru Kihara and Secretary of Defense Lloyd Austin "
     "met in Yokosuka on Sunday to discuss command ties.\n",
     ("2024-06-02", "day"), "2024-06-02"),
    ("another weekday: not the same meeting, nothing borrowed",
     "Weekly alliance digest\n\nDefense Minister Minoru Kihara and Secretary of Defense Lloyd Austin "
     "met in Yokosuka on Friday to discuss command ties.\n",
     ("2024-01-01", "year"), None),
]


def _load(tmp_path: Path, files: dict[str, str], doc_id: str) -> tuple[dict, list[dict]]:
    """Load `files` (name -> text); the document `doc_id` and every fact."""
    seeds = tmp_path / "docs"
    seeds.mkdir()
    for name, text in files.items():
        (seeds / name).write_text(text, encoding="utf-8")
    loader.load(seeds=seeds, db_path=tmp_path / "a.db", config=CONFIG, progress=False)
    db = open_db(tmp_path / "a.db")
    try:
        doc = next(iter(db.query("select * from documents where id = ?", [doc_id])))
        facts = [dict(r) for r in db.query("select * from facts")]
    finally:
        db.close()
    return doc, facts


@pytest.mark.parametrize("case, digest, expected, day", CASES, ids=[c[0] for c in CASES])
def test_a_year_known_document_borrows_the_day_of_the_same_event(tmp_path, case, digest, expected, day):
    doc, facts = _load(tmp_path, {"readout.txt": READOUT, "digest.txt": digest}, "digest.txt")
    assert (doc["date"], doc["date_precision"]) == expected, doc["date_note"]
    cited = [f for f in facts if "digest.txt" in {s["doc_id"] for s in json.loads(f["sources"])}]
    assert cited
    if day is None:
        assert "borrowed" not in doc["date_note"]
    else:
        assert "borrowed from another report of the same event" in doc["date_note"]
        assert "readout.txt" in doc["date_note"]
        assert any(f["date_start"] == day and f["date_precision"] == "day" for f in cited)


PREVIEW = """Space unit for Japan confirmed
November 18, 2024

The U.S. Space Force will activate a new unit at Yokota Air Base outside Tokyo in December, Defense Minister Gen Nakatani said on Monday.
"""
REPORT = """Space unit activated

On Wednesday the U.S. Space Force activated a unit at Yokota Air Base outside Tokyo to work more closely with Japan in space.

Defense Minister Gen Nakatani and Lloyd Austin, his U.S. counterpart, confirmed the new unit when they met last month in Australia.

The base lies in a city whose mayor was re-elected in April 2022.
"""


def test_a_year_known_report_merged_with_a_preview_known_to_the_month_takes_that_month(tmp_path):
    # The report says "on Wednesday" and its year (Nakatani's post, after April 2022); the
    # preview that merged with it says December: the report is of December 2024, and its
    # "meeting last month" is of November.
    doc, facts = _load(tmp_path, {"preview.txt": PREVIEW, "report.txt": REPORT}, "report.txt")
    meetings = [f for f in facts if f["kind"] == "meeting"]
    assert (doc["date"], doc["date_precision"]) == ("2024-12-01", "month"), doc["date_note"]
    assert "preview.txt" in doc["date_note"]
    assert [(f["date_start"], f["date_precision"]) for f in meetings] == [("2024-11-01", "month")]


RELEASE = """Allies sail together
March 28, 2025

The Japan Maritime Self-Defense Force, the U.S. Navy and the Philippine Navy conducted a joint patrol in the South China Sea on March 28, 2025, with the destroyer JS Akebono.
"""
# (case, an undated wire story, its expected date)
UNDATED = [
    ("one weekday in all and the same three countries: the release's day",
     "Three navies patrol\n\nManila: Ships of the Philippines, Japan, and the United States held a joint "
     "maritime cooperative activity in the South China Sea.\n\nThe patrol was conducted Friday amid "
     "growing tension in the region, officials said.\n", "2025-03-28"),
    ("another weekday: nothing borrowed",
     "Three navies patrol\n\nManila: Ships of the Philippines, Japan, and the United States held a joint "
     "maritime cooperative activity in the South China Sea.\n\nThe patrol was conducted Sunday amid "
     "growing tension in the region, officials said.\n", None),
    ("the same three countries but other ships named: not the same patrol",
     "Three navies patrol\n\nManila: Ships of the Philippines, Japan, and the United States held a joint "
     "maritime cooperative activity in the South China Sea.\n\nThe patrol, conducted Friday, involved "
     "the destroyer USS Benfold and the Japanese destroyer JS Atago, officials said.\n", None),
    ("the same three countries and a ship the release names too: the release's day",
     "Three navies patrol\n\nManila: Ships of the Philippines, Japan, and the United States held a joint "
     "maritime cooperative activity in the South China Sea.\n\nThe patrol, conducted Friday, involved "
     "the destroyer JS Akebono, officials said.\n", "2025-03-28"),
    ("two countries only: not enough to call it the same event",
     "Two navies patrol\n\nManila: The Philippines and Japan conducted a maritime cooperative activity "
     "in the South China Sea.\n\nThe patrol was conducted Friday, officials said.\n", None),
]


@pytest.mark.parametrize("case, wire, expected", UNDATED, ids=[c[0] for c in UNDATED])
def test_an_undated_story_borrows_the_day_of_the_same_three_countries_event(tmp_path, case, wire, expected):
    seeds = tmp_path / "docs"
    seeds.mkdir()
    (seeds / "release.txt").write_text(RELEASE, encoding="utf-8")
    (seeds / "wire.txt").write_text(wire, encoding="utf-8")
    loader.load(seeds=seeds, db_path=tmp_path / "a.db", config=CONFIG, progress=False)
    db = open_db(tmp_path / "a.db")
    try:
        doc = next(iter(db.query("select * from documents where id = 'wire.txt'")))
    finally:
        db.close()
    assert doc["date"] == expected, doc["date_note"]


def test_a_borrowed_day_goes_with_its_lender(tmp_path):
    # Remove the readout: the digest is read again as it is, known to its year only.
    seeds = tmp_path / "docs"
    seeds.mkdir()
    (seeds / "readout.txt").write_text(READOUT, encoding="utf-8")
    (seeds / "digest.txt").write_text(CASES[0][1], encoding="utf-8")
    loader.load(seeds=seeds, db_path=tmp_path / "a.db", config=CONFIG, progress=False)
    (seeds / "readout.txt").unlink()
    loader.load(seeds=seeds, db_path=tmp_path / "a.db", config=CONFIG, progress=False)
    db = open_db(tmp_path / "a.db")
    try:
        doc = next(iter(db.query("select * from documents where id = 'digest.txt'")))
    finally:
        db.close()
    assert (doc["date"], doc["date_precision"]) == ("2024-01-01", "year"), doc["date_note"]


# A force's firing at one range on one weekday, reported undated; range notices of two years
# name firings there on a Friday. (case, the report's text, its expected date or None)
NOTICES = {
    "notice23.txt": "Range notice\nJuly 10, 2023\n\nJapan Ground Self-Defense Force Type 12 missiles will "
                    "be fired on Friday, July 21, from the Beecroft Weapons Range.\n",
    "notice25.txt": "Range notice\nJuly 8, 2025\n\nJapan Ground Self-Defense Force surface-to-ship missiles will "
                    "be fired on Friday, July 18, from the Beecroft Weapons Range.\n",
}
FIRINGS = [
    ("one notice: the same force at the same range on that weekday",
     ["notice23.txt"],
     "Allied forces fire missiles\n\nThe Japan Ground Self-Defense Force fired a surface-to-ship missile "
     "from the Beecroft Weapons Range on Friday.\n", "2023-07-21"),
    ("two years fit and nothing tells them apart: nothing borrowed",
     ["notice23.txt", "notice25.txt"],
     "Allied forces fire missiles\n\nThe Japan Ground Self-Defense Force fired a surface-to-ship missile "
     "from the Beecroft Weapons Range on Friday.\n", None),
    ("two years fit, the report says it happened for the first time: the earliest",
     ["notice23.txt", "notice25.txt"],
     "Allied forces fire missiles\n\nJapanese troops took part in live-fire drills on the continent "
     "for the first time.\n\nThe Japan Ground Self-Defense Force fired a surface-to-ship missile from the "
     "Beecroft Weapons Range on Friday.\n", "2023-07-21"),
    ("two years fit, the weapon named is one notice's: that one",
     ["notice23.txt", "notice25.txt"],
     "Allied forces fire missiles\n\nThe Japan Ground Self-Defense Force fired a Type 12 missile "
     "from the Beecroft Weapons Range on Friday.\n", "2023-07-21"),
    ("the range named only in another sentence: not the same firing",
     ["notice23.txt"],
     "Allied forces fire missiles\n\nThe Japan Ground Self-Defense Force fired an anti-ship missile "
     "from the Shoalwater Bay Training Area on Friday. The drills also used the Beecroft Weapons "
     "Range, the force said.\n", None),
    ("another range: not the same firing",
     ["notice23.txt"],
     "Allied forces fire missiles\n\nThe Japan Ground Self-Defense Force fired an anti-ship missile "
     "from the Shoalwater Bay Training Area on Friday.\n", None),
]


@pytest.mark.parametrize("case, notices, report, expected", FIRINGS, ids=[c[0] for c in FIRINGS])
def test_an_undated_report_of_a_firing_borrows_the_day_of_the_same_range(tmp_path, case, notices, report, expected):
    files = {name: NOTICES[name] for name in notices} | {"report.txt": report}
    doc, facts = _load(tmp_path, files, "report.txt")
    assert doc["date"] == expected, doc["date_note"]
    if expected:
        cited = [f for f in facts if "report.txt" in {s["doc_id"] for s in json.loads(f["sources"])}]
        assert [f["date_start"] for f in cited] == [expected]
        assert "notice23.txt" in {s["doc_id"] for s in json.loads(cited[0]["sources"])}


# An undated commentary that states the day and no year: "was opened ... on December 4".
COMMENTARY = """Commentary: the militarization of space

A think-tank paper said on December 9 that the new arrangement serves one side only.

That push went further when a U.S. Space Command was opened at Yokota Air Base on December 4, one newspaper wrote.
"""


def test_an_undated_report_of_a_unit_opened_on_a_day_borrows_the_year_of_the_same_unit(tmp_path):
    # The preview gives December 2024, the report "Wednesday" of that month, the commentary
    # 4 December without a year: the commentary is of December 2024, and the three are one
    # fact on 4 December 2024 (a Wednesday).
    files = {"preview.txt": PREVIEW, "report.txt": REPORT, "commentary.txt": COMMENTARY}
    doc, facts = _load(tmp_path, files, "commentary.txt")
    assert (doc["date"], doc["date_precision"]) == ("2024-12-09", "day"), doc["date_note"]
    assert "borrowed from another report of the same event" in doc["date_note"]
    units = [f for f in facts if f["kind"] == "space" and "commentary.txt" in f["sources"]]
    assert [(f["date_start"], f["date_precision"]) for f in units] == [("2024-12-04", "day")]
    cited = {s["doc_id"] for s in json.loads(units[0]["sources"])}
    assert cited == {"preview.txt", "report.txt", "commentary.txt"}


def test_an_undated_report_of_a_day_with_no_report_of_its_unit_stays_undated(tmp_path):
    doc, facts = _load(tmp_path, {"commentary.txt": COMMENTARY}, "commentary.txt")
    assert doc["date"] is None, doc["date_note"]
    units = [f for f in facts if f["kind"] == "space"]
    assert [f["date_start"] for f in units] == [None]
    assert "4 December and no year" in units[0]["summary"]


# A preview of ministers meeting in person on a Friday; a digest known only to its year whose
# ministers talked by phone on Friday and agreed to meet in person soon.
TWO_PLUS_TWO = """Ministers to meet in Washington
March 20, 2024

Defense Minister Minoru Kihara and Secretary of Defense Lloyd Austin will hold talks in Washington on Friday, April 12.
"""
CALL = """Weekly alliance digest

Defense Minister Minoru Kihara held telephone talks with Secretary of Defense Lloyd Austin on Friday, and the two agreed to meet in person soon.
"""


def test_a_call_does_not_borrow_the_day_of_a_meeting_in_person(tmp_path):
    doc, facts = _load(tmp_path, {"preview.txt": TWO_PLUS_TWO, "digest.txt": CALL}, "digest.txt")
    assert "borrowed" not in (doc["date_note"] or ""), doc["date_note"]
    calls = [f for f in facts if "digest.txt" in {s["doc_id"] for s in json.loads(f["sources"])}]
    assert calls and all("preview.txt" not in f["sources"] for f in calls)
    assert all(f["date_start"] != "2024-04-12" for f in calls)


def test_a_report_known_to_a_borrowed_month_takes_the_day_of_the_same_unit(tmp_path):
    # The report borrowed December 2024 from the preview; the commentary gives 4 December,
    # a Wednesday: the report, which says "on Wednesday", is of that day.
    files = {"preview.txt": PREVIEW, "report.txt": REPORT, "commentary.txt": COMMENTARY}
    doc, _ = _load(tmp_path, files, "report.txt")
    assert (doc["date"], doc["date_precision"]) == ("2024-12-04", "day"), doc["date_note"]
    assert "commentary.txt" in doc["date_note"]


def _state(db_path: Path) -> tuple[list, list]:
    db = open_db(db_path)
    try:
        docs = sorted((r["id"], r["date"], r["date_precision"]) for r in db.query("select * from documents"))
        facts = sorted((r["title"], r["date_start"], r["date_precision"]) for r in db.query("select * from facts"))
    finally:
        db.close()
    return docs, facts


def test_dates_borrowed_in_a_chain_go_when_the_first_lender_goes(tmp_path):
    # The commentary took its year from the preview's month, the report its day from the
    # commentary: with the preview removed, a reload finds what a load from scratch finds.
    seeds = tmp_path / "docs"
    seeds.mkdir()
    for name, text in {"preview.txt": PREVIEW, "report.txt": REPORT, "commentary.txt": COMMENTARY}.items():
        (seeds / name).write_text(text, encoding="utf-8")
    loader.load(seeds=seeds, db_path=tmp_path / "a.db", config=CONFIG, progress=False)
    (seeds / "preview.txt").unlink()
    loader.load(seeds=seeds, db_path=tmp_path / "a.db", config=CONFIG, progress=False)
    loader.load(seeds=seeds, db_path=tmp_path / "b.db", config=CONFIG, progress=False)
    assert _state(tmp_path / "a.db") == _state(tmp_path / "b.db")
