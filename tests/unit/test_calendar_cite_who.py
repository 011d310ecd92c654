"""The iCalendar file, Chicago-style notes, /calendar and /who, on knowledge bases built here."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

import commands
from bot.kb.citations import DocInfo, chicago_note
from bot.kb.ical import calendar_ics
from bot.kb.model import Fact, Period
from bot.kb.store import all_facts, fact_to_row
from bot.slack.blocks import to_text
from tests.context import ctx
from tests.e2e.conftest import fill

PLANNED = Fact(
    id="e-planned-june", kind="exercise", title="Valiant Shield (planned)", summary="",
    date_start="2026-06-01", date_end="2026-06-30", date_precision="month", participants=[],
    countries=["US", "Japan"], location=None, doc_id="doc-shield", doc_title="Allies wrap up Orient Shield drill",
    quote="Japan will join Valiant Shield for the first time in June", span=[0, 50])
RANGE = Fact(
    id="e-range", kind="exercise", title="Resolute Dragon", summary="", date_start="2026-07-10",
    date_end="2026-07-14", date_precision="day", participants=["JGSDF"], countries=["Japan"],
    location="Hokkaido", doc_id="doc-shield", doc_title="Allies wrap up Orient Shield drill",
    quote="Resolute Dragon runs from July 10 to 14", span=[0, 40])
UNDATED = Fact(
    id="m-undated", kind="meeting", title="Talks at some point", summary="", date_start=None, date_end=None,
    date_precision=None, participants=[], countries=[], location=None, doc_id="doc-space",
    doc_title="Space dialogue in Washington", quote="They will talk", span=[0, 15])


@pytest.fixture
def kb(db):
    fill(db)
    with db.conn:
        for f in (PLANNED, RANGE, UNDATED):
            db["facts"].insert(fact_to_row(f, names=f.title))
        db["documents"].update("doc-space", {"source": "Ministry of Foreign Affairs of Japan"})
    return db


def _events(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_every_dated_fact_is_one_all_day_event_whose_uid_is_its_id(kb):
    events = _events(calendar_ics(kb))
    dated = {f.id for f in all_facts(kb) if Period.of_fact(f.date_start, f.date_end, f.date_precision)}
    assert set(events) == dated and UNDATED.id not in events
    for e in events.values():
        assert type(e.decoded("DTSTART")) is date  # all-day: a date, not a datetime


@pytest.mark.parametrize("fact_id, start, end_exclusive, in_summary", [
    ("f-paparo", date(2024, 5, 29), date(2024, 5, 30), "Paparo meets Kishida"),
    ("e-range", date(2026, 7, 10), date(2026, 7, 15), "Resolute Dragon"),
    ("e-planned-june", date(2026, 6, 1), date(2026, 6, 2), "June 2026 (date not yet known)"),
])
def test_days_ranges_and_month_precision(kb, fact_id, start, end_exclusive, in_summary):
    e = _events(calendar_ics(kb))[fact_id]
    assert (e.decoded("DTSTART"), e.decoded("DTEND")) == (start, end_exclusive)
    assert in_summary in str(e["SUMMARY"])


def test_the_description_cites_the_source_and_quote(kb):
    e = _events(calendar_ics(kb))["f-dialogue"]
    text = str(e["DESCRIPTION"])
    assert "Space dialogue in Washington" in text and "Ministry of Foreign Affairs of Japan" in text
    assert "Comprehensive Dialogue on Space in Washington" in text


def test_kinds_narrow_the_calendar(kb):
    events = _events(calendar_ics(kb, ["exercise"]))
    assert set(events) == {"f-shield", "e-planned-june", "e-range"}


@pytest.mark.parametrize("doc, expected", [
    (DocInfo("d", "Alliance Digest, Vol 3", "2024-05-31", "US-Japan Alliance Digest", None, None),
     "\u201cAlliance Digest, Vol 3,\u201d US-Japan Alliance Digest, May 31, 2024."),
    (DocInfo("d", "Forces train together.", "2023-07", None, "Gao Haipeng", "https://example.org/a"),
     "Gao Haipeng, \u201cForces train together,\u201d July 2023, https://example.org/a."),
    (DocInfo("d", "Undated note", None, None, None, None), "\u201cUndated note.\u201d"),
    (DocInfo("d", "Same as publisher", "2024", "Same as publisher", None, None),
     "\u201cSame as publisher,\u201d 2024."),
])
def test_chicago_notes(doc, expected):
    assert chicago_note(doc) == expected


def test_calendar_lists_the_next_eight_weeks_soonest_first(kb):
    c = ctx(kb, clock=lambda: datetime(2026, 5, 20, 9, tzinfo=UTC))
    result = commands.dispatch("/calendar", c)
    assert [f.id for f in result.facts] == ["e-planned-june", "e-range"]
    assert "calendar.ics" in result.message
    only = commands.dispatch("/calendar meetings 2024-05-01", c)
    assert [f.id for f in only.facts] == ["f-paparo"]


def test_who_paparo_on_the_seeds(seeded_db):
    """Every fact naming Samuel Paparo among its people, newest first, whatever the seeds hold."""
    c = ctx(seeded_db)
    first = commands.dispatch("/who paparo", c)
    assert first.name == "Samuel Paparo"
    assert any("Indo-Pacific Command" in role for _, role in first.roles)
    got, page = list(first.facts), 1
    while page * first.page_size < first.total:
        page += 1
        got += commands.dispatch(f"/who paparo page:{page}", c).facts
    expected = {f.id for f in all_facts(seeded_db) if "Samuel Paparo" in f.participants}
    assert expected and expected <= {f.id for f in got}
    assert len(got) == first.total == sum(first.by_kind.values())
    starts = [f.date_start or "" for f in got]
    assert starts == sorted(starts, reverse=True)


def test_who_cites_each_source_with_its_date_as_meetings_does(seeded_db):
    c = ctx(seeded_db)
    who = commands.dispatch("/who paparo", c)
    meetings = commands.dispatch("/meetings paparo", c)
    shared = [f for f in who.facts if f.doc_id in meetings.doc_dates]
    assert shared and all(who.doc_dates[f.doc_id] == meetings.doc_dates[f.doc_id] for f in shared)
    assert "(31 May 2024)" in to_text(who)  # the seeds' digest of that week, by its own date


def test_who_an_unknown_name_suggests(seeded_db):
    with pytest.raises(commands.UsageError) as err:
        commands.dispatch("/who paparro kishda zzz", ctx(seeded_db))
    assert "don't know" in err.value.message



def test_the_access_log_never_shows_the_calendar_token():
    import logging

    from bot.slack.serve import RedactTokens

    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5", "GET", "/calendar.ics?token=s3cret&kind=exercise", "1.1", 200), None)
    RedactTokens().filter(record)
    assert "s3cret" not in record.getMessage() and "kind=exercise" in record.getMessage()


@pytest.mark.parametrize("roles, expected", [
    (["Prime Minister (Oct 2021-Oct 2024)"], [("2021\u20132024", "Prime Minister")]),
    (["Commander, U.S. Indo-Pacific Command (2024-)", "Commander, U.S. Pacific Fleet (2021-2024)"],
     [("2021\u20132024", "Commander, U.S. Pacific Fleet"), ("2024\u2013", "Commander, U.S. Indo-Pacific Command")]),
    (["Minister of Defense (2014-2016, 2024-2025)"],
     [("2014\u20132016", "Minister of Defense"), ("2024\u20132025", "Minister of Defense")]),
    (["Ambassador (Mar 2022)"], [("2022", "Ambassador")]),
    (["Adviser"], [("", "Adviser")]),
])
def test_roles_by_year(roles, expected):
    from commands.who import roles_by_year

    assert roles_by_year(roles) == expected


def test_a_csv_cell_that_looks_like_a_formula_stays_text(kb):
    import csv
    import io

    from commands.export import to_csv

    evil = Fact(id="m-evil", kind="meeting", title='=HYPERLINK("http://x.example","click")', summary="+1",
                date_start="2024-01-02", date_end="2024-01-02", date_precision="day", participants=["@someone"],
                countries=[], location="-Tokyo", doc_id="doc-space", doc_title="Space dialogue in Washington",
                quote="plain", span=[0, 5])
    [row] = csv.DictReader(io.StringIO(to_csv([evil], ctx(kb))))
    assert row["title"] == "'" + evil.title and row["summary"] == "'+1"
    assert row["participants"] == "'@someone" and row["location"] == "'-Tokyo" and row["quote"] == "plain"
