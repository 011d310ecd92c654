"""The alliance calendar: every dated fact as an iCalendar event (RFC 5545, `icalendar`).

Subscribed calendars (Google, Outlook, Apple) poll the file and update events in place by
UID, so the UID is the fact's id, which the loader derives from the event itself and keeps
across reloads. Facts are dated to the day, month or year; all are all-day events (the
documents give no times), a range covers its days, and a fact known only to the month or
year is one all-day event on its first day whose title says the precision ("June 2024
(date not yet known)"), rather than a block filling the month.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta

import sqlite_utils
from icalendar import Calendar, Event

from bot.kb.citations import DocInfo, citations, documents
from bot.kb.model import Fact, Period
from bot.kb.store import all_facts
from bot.kb.text import markdown_to_plain

PRODID = "-//allybot//US-Japan alliance calendar//EN"
NAME = "US-Japan alliance (allybot)"


def dated_facts(db: sqlite_utils.Database, kinds: list[str] | None = None) -> list[Fact]:
    facts = [f for f in all_facts(db) if Period.of_fact(f.date_start, f.date_end, f.date_precision)]
    return [f for f in facts if not kinds or f.kind in kinds]


def precision_label(period: Period) -> str:
    """"" for a day-precise fact; else how precisely it is known, for the event title."""
    if period.precision == "month":
        return f"{calendar.month_name[period.start.month]} {period.start.year} (date not yet known)"
    if period.precision == "year":
        return f"{period.start.year} (date not yet known)"
    return ""


def event(db: sqlite_utils.Database, fact: Fact, stamp: datetime, infos: dict[str, DocInfo] | None = None) -> Event:
    period = Period.of_fact(fact.date_start, fact.date_end, fact.date_precision)
    assert period is not None
    ev = Event()
    ev.add("uid", fact.id)
    ev.add("dtstamp", stamp)
    title = markdown_to_plain(fact.title)
    label = precision_label(period)
    ev.add("summary", f"{label}: {title}" if label else title)
    if period.precision in ("month", "year"):
        start, end = period.start, period.start
    else:
        start, end = period.start, period.end
    ev.add("dtstart", start)  # a date, not a datetime: an all-day event
    ev.add("dtend", end + timedelta(days=1))  # DTEND is exclusive
    ev.add("categories", [fact.kind])
    if fact.location:
        ev.add("location", fact.location)
    lines = []
    if label:
        lines.append(f"Date known only as {label.split(' (')[0]}.")
    if fact.participants:
        lines.append("Who: " + ", ".join(fact.participants))
    for c in citations(db, fact, infos):
        lines.append("")
        lines.append("Source: " + c.note)
        if c.quote:
            lines.append(f"\u201c{c.quote}\u201d")
    ev.add("description", "\n".join(lines).strip())
    return ev


def calendar_ics(db: sqlite_utils.Database, kinds: list[str] | None = None,
                 now: datetime | None = None) -> bytes:
    """The iCalendar file of every dated fact (of `kinds`, when given)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", NAME)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    facts = dated_facts(db, kinds)
    infos = documents(db, [d for f in facts for d in (f.doc_id, *(s.doc_id for s in f.sources))])
    for fact in facts:
        cal.add_component(event(db, fact, stamp, infos))
    return cal.to_ical()
