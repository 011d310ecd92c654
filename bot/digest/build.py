"""The weekly digest: what the documents date to one week, and delivering it exactly once.

A digest is built for any week on demand (`/digest`, `allybot digest`) and posted to each
digest channel once a week by the scheduler. Building is pure (database in, `Digest`
out): up to five headlines (bot.digest.headlines says which, and why), the week's facts
by kind, a trend line against the previous four weeks and how far off the coming items
are (bot.digest.trends), narrowed to a channel's kinds and query when it has them.

Posting it exactly once - a channel message and a thread of details - is
bot.digest.outbox's job; the schedule is bot.digest.scheduler's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

import sqlite_utils

from bot.config import DIGEST_KINDS, DigestChannel
from bot.digest.headlines import Significance
from bot.digest.headlines import headlines as rank_headlines
from bot.digest.trends import COMMAND_WORDS, LOOKBACK_WEEKS, Trend, how_far, plural
from bot.digest.trends import trend as week_trend
from bot.kb.feedback import digest_line
from bot.kb.model import Fact, Period
from bot.kb.store import fact_from_row

log = logging.getLogger(__name__)

SECTIONS = tuple((kind, COMMAND_WORDS[kind].capitalize()) for kind in DIGEST_KINDS)


@dataclass
class Section:
    kind: str
    title: str
    items: list[Fact]


@dataclass
class NewDocument:
    doc_id: str
    title: str | None
    loaded_at: str

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "title": self.title, "loaded_at": self.loaded_at}


@dataclass
class Headline:
    fact: Fact
    significance: Significance

    def to_json(self) -> dict[str, Any]:
        return {**self.fact.to_json(), "significance": self.significance.to_json()}


@dataclass
class Digest:
    """One week's digest: headlines, its facts by kind, the trend, what is coming up (with
    how far off each item is, by fact id) and the documents loaded."""

    week: Period
    sections: list[Section] = field(default_factory=list)
    upcoming: list[Fact] = field(default_factory=list)
    upcoming_weeks: int = 8
    new_documents: list[NewDocument] = field(default_factory=list)
    message: str | None = None
    headlines: list[Headline] = field(default_factory=list)
    trend: Trend | None = None
    how_far: dict[str, str] = field(default_factory=dict)
    channel: str | None = None  # the channel it was built for, None for the whole digest
    scope: str = ""  # that channel's kinds and query in words ("space"), "" for everything
    curation_line: str | None = None  # one closing line, from the curation records

    @property
    def title(self) -> str:
        return f"Weekly digest: {week_label(self.week.start)}" + (f" · {self.scope}" if self.scope else "")

    @property
    def counts(self) -> dict[str, int]:
        return {s.kind: len(s.items) for s in self.sections}

    @property
    def week_start(self) -> str:
        return self.week.start.isoformat()

    @property
    def week_end(self) -> str:
        return self.week.end.isoformat()

    @property
    def items(self) -> list[Fact]:
        """Every fact of the week in one list, section by section."""
        return [f for s in self.sections for f in s.items]


# -- weeks -------------------------------------------------------------------------------


def last_complete_week(now: datetime, tz: tzinfo | None = None) -> date:
    """The Monday of the last Mon..Sun week that has fully ended at `now` in `tz`."""
    local = now.astimezone(tz) if tz is not None else now
    return Period.week(local.date()).start - timedelta(days=7)


def week_label(monday: date) -> str:
    sunday = monday + timedelta(days=6)
    if monday.year != sunday.year:
        return f"{_day(monday)} {monday:%b %Y} – {_day(sunday)} {sunday:%b %Y}"
    if monday.month != sunday.month:
        return f"{_day(monday)} {monday:%b} – {_day(sunday)} {sunday:%b %Y}"
    return f"{_day(monday)}–{_day(sunday)} {sunday:%b %Y}"


def _day(d: date) -> str:
    return str(d.day)


# -- when a fact falls in a week ---------------------------------------------------------

@dataclass(frozen=True)
class _Dated:
    fact: Fact
    first: date  # first day of date_start at its precision
    last: date  # last day of date_end (or date_start)
    precision: str  # day | month | year
    anchor: date  # the day that places it in exactly one week
    rowid: int | None = None  # the facts row, for matching a channel's query

    def in_week(self, monday: date, sunday: date) -> bool:
        if self.precision == "day":
            return self.first <= sunday and self.last >= monday
        return monday <= self.anchor <= sunday


def _first_thursday_week(first: date) -> date:
    """The Monday of the first week whose Thursday lies on or after `first`."""
    thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    return thursday - timedelta(days=3)


def _dated(fact: Fact, rowid: int | None = None) -> _Dated | None:
    """Place a fact on the calendar, or None when it has no usable date.

    A day-precision fact belongs to every week its date range touches. A coarser fact
    ("in June", "in 2026") would otherwise touch four or fifty-two weeks and fill every
    digest with the same lines, so it belongs to exactly one week, chosen the way ISO 8601
    assigns weeks to years: the first week whose Thursday falls inside its month (or year).
    "Valiant Shield in June 2024" is thus news of the week of 3 June, and in the digest of
    27 May - the week that holds Saturday 1 June but is mostly May - it is "upcoming".
    """
    period = Period.of_fact(fact.date_start, fact.date_end, fact.date_precision)
    if period is None:
        return None
    precision = period.precision if period.precision in ("month", "year") else "day"
    first, last = period.start, period.end
    if precision == "year":
        anchor = date.fromisocalendar(first.year, 1, 1)
    elif precision == "month":
        anchor = _first_thursday_week(first)
    else:
        anchor = first
    return _Dated(fact, first, last, precision, anchor, rowid)


# -- building ----------------------------------------------------------------------------


def build_digest(
    db: sqlite_utils.Database,
    week_of: date,
    upcoming_weeks: int = 8,
    *,
    tz: tzinfo,
    channel: DigestChannel | None = None,
    gazetteer=None,
) -> Digest:
    """The digest of the week containing `week_of`.

    `tz` (the digest's time zone) decides which documents count as loaded during the week;
    `channel` narrows the digest to a channel's kinds and query; `gazetteer` (default: the
    shipped one) gives the participants' roles for the headlines.
    """
    week = Period.week(week_of)
    monday, sunday = week.bounds
    window_end = sunday + timedelta(days=7 * max(upcoming_weeks, 0))
    dated = _dated_facts(db, monday - timedelta(days=7 * (LOOKBACK_WEEKS + 1)), window_end)
    if channel is not None and channel.filtered:
        dated = _in_scope(db, dated, channel)
    kinds = list(channel.kinds) if channel is not None and channel.kinds is not None else list(DIGEST_KINDS)

    in_week = [d for d in dated if d.in_week(monday, sunday)]
    seen = {d.fact.id for d in in_week}
    upcoming = sorted(
        (d for d in dated if d.fact.id not in seen and sunday < d.anchor <= window_end),
        key=lambda d: (d.anchor, d.first, d.fact.title, d.fact.id),
    )
    posted_on = sunday + timedelta(days=1)  # "how far off" is seen from the day it is posted

    sections = []
    known = {kind for kind, _ in SECTIONS}
    others = sorted({d.fact.kind for d in in_week} - known)
    for kind, title in (*SECTIONS, *((k, (k or "other").capitalize()) for k in others)):
        items = sorted(
            (d for d in in_week if d.fact.kind == kind),
            key=lambda d: (d.first, d.precision != "day", d.fact.title, d.fact.id),
        )
        if items:
            sections.append(Section(kind, title, [d.fact for d in items]))

    facts = [f for s in sections for f in s.items]
    gaz = gazetteer if gazetteer is not None else _default_gazetteer()
    top = [Headline(f, sig) for f, sig in rank_headlines(facts, gaz)]
    kinds += [k for k in others if k not in kinds]
    trend = None
    if facts:
        counts = _week_counts(dated, monday)
        trend = week_trend(kinds, lambda w: counts.get(w, {}), monday)
    how_far_off = {
        d.fact.id: how_far(d.first if d.precision == "day" else max(d.first, d.anchor), d.precision, posted_on)
        for d in upcoming
    }

    new_documents = _documents_loaded(db, monday, tz)
    label = week_label(monday)
    scope = channel.describe() if channel is not None else ""
    message = None
    if not facts:
        message = f"Quiet week: nothing{f' on {scope}' if scope else ''} in the loaded documents is dated {label}."
        if upcoming:
            nxt, more = upcoming[0], len(upcoming) - 1
            message += (f" Next: {nxt.fact.title} ({how_far_off[nxt.fact.id]})"
                        + (f" and {more} more in the {upcoming_weeks} weeks after it." if more else "."))
        else:
            message += f" Nothing is planned in the {upcoming_weeks} weeks after it either."
        if new_documents:
            n = len(new_documents)
            message += f" {n} new document{'s' if n != 1 else ''} arrived."
    return Digest(
        week=week,
        sections=sections,
        upcoming=[d.fact for d in upcoming],
        upcoming_weeks=upcoming_weeks,
        new_documents=new_documents,
        message=message,
        headlines=top,
        trend=trend,
        how_far=how_far_off,
        channel=channel.channel if channel is not None else None,
        scope=scope,
        curation_line=curation_line(db, monday, tz),
    )


def curation_line(db: sqlite_utils.Database, monday: date, tz: tzinfo) -> str:
    """The digest's closing line: corrections made in the week and the share of facts shown
    that were marked wrong (bot/kb/feedback.py counts them)."""
    return digest_line(db, monday, tz)


def _week_counts(dated: list[_Dated], monday: date) -> dict[date, dict[str, int]]:
    """Facts per kind in every week up to the one of `monday`, in one pass (the trend
    looks back up to a year; counting week by week would rescan every fact each time)."""
    counts: dict[date, dict[str, int]] = {}
    earliest = monday - timedelta(days=7 * (LOOKBACK_WEEKS + 1))
    for d in dated:
        if d.precision == "day":
            week = max(Period.week(d.first).start, earliest)
            last = min(d.last, monday + timedelta(days=6))
        else:
            week = last = d.anchor
        while week <= last:
            if week <= monday:
                got = counts.setdefault(week, {})
                got[d.fact.kind] = got.get(d.fact.kind, 0) + 1
            week += timedelta(days=7)
    return counts


def _dated_facts(db: sqlite_utils.Database, low_day: date, high_day: date) -> list[_Dated]:
    """Facts that can touch [low_day, high_day]; a month or year fact's week lies within 3
    days of its first day, so a week's margin covers partial dates like "2024-06", and
    _dated decides exactly. db.execute, not db.query: sqlite-utils wraps queries in a
    savepoint, which other threads sharing the connection would trip over."""
    low, high = (low_day - timedelta(days=7)).isoformat(), (high_day + timedelta(days=7)).isoformat()
    cursor = db.execute(
        """select rowid as rowid_, * from facts
           where date_start is not null and date_start <= ?
             and (coalesce(date_end, date_start) >= ? or date_start >= ?)
           order by date_start, title, id""",
        [high, low, low],
    )
    names = [c[0] for c in cursor.description]
    out = []
    for r in cursor.fetchall():
        row = dict(zip(names, r, strict=True))
        d = _dated(fact_from_row(row), row["rowid_"])
        if d is not None:
            out.append(d)
    return out


def _in_scope(db: sqlite_utils.Database, dated: list[_Dated], channel: DigestChannel) -> list[_Dated]:
    """The facts of a channel's kinds that match every term of its query, as /meetings,
    /exercises and /space match them (names, aliases, typos)."""
    if channel.kinds is not None:
        dated = [d for d in dated if d.fact.kind in channel.kinds]
    if not channel.words:
        return dated
    from bot.kb import search

    index = search.get_index(db)
    terms = search.resolve_terms(index, list(channel.words))
    wanted: set[int] = set()
    for kind in {d.fact.kind for d in dated}:
        kidx = index.kind(kind)
        members: set[int] | None = None
        for term in terms:
            got = set(search.term_scores(index, kidx, term))
            members = got if members is None else members & got
        wanted.update(kidx.rowids[i] for i in members or ())
    return [d for d in dated if d.rowid in wanted]


def _default_gazetteer():
    from bot.kb.entities import default_gazetteer

    return default_gazetteer()


def _documents_loaded(db, monday: date, tz: tzinfo) -> list[NewDocument]:
    start = datetime.combine(monday, datetime.min.time(), tzinfo=tz)
    end = start + timedelta(days=7)
    found = []
    rows = db.execute("select id, title, loaded_at from documents where loaded_at is not null").fetchall()
    for doc_id, title, loaded_at in rows:
        row = {"id": doc_id, "title": title, "loaded_at": loaded_at}
        try:
            when = datetime.fromisoformat(row["loaded_at"])
        except (TypeError, ValueError):
            continue
        if when.tzinfo is None:  # written without an offset: take it as UTC
            when = when.replace(tzinfo=UTC)
        if start <= when < end:
            found.append((when, NewDocument(row["id"], row["title"], row["loaded_at"])))
    return [doc for _, doc in sorted(found, key=lambda x: (x[0], x[1].doc_id))]


def digest_json(digest: Digest) -> dict[str, Any]:
    """The digest as `allybot digest --json` prints it (a stable machine interface): the
    same parts the Slack message and its thread show."""
    return {
        "week_start": digest.week_start,
        "week_end": digest.week_end,
        "title": digest.title,
        "channel": digest.channel,
        "headlines": [h.to_json() for h in digest.headlines],
        "counts": digest.counts,
        "trend": digest.trend.to_json() if digest.trend is not None else None,
        "sections": [
            {"kind": s.kind, "title": s.title, "items": [f.to_json() for f in s.items]}
            for s in digest.sections
        ],
        "upcoming": [{**f.to_json(), "how_far": digest.how_far.get(f.id)} for f in digest.upcoming],
        "new_documents": [d.to_json() for d in digest.new_documents],
        "message": digest.message,
        "curation": digest.curation_line,
    }


def summary_text(digest: Digest) -> str:
    """One line for notifications and screen readers (Slack's top-level `text`)."""
    counts = [plural(s.kind, len(s.items)) for s in digest.sections]
    line = f"{digest.title}: {', '.join(counts) if counts else 'a quiet week'}"
    if digest.headlines:
        line += f". Top: {digest.headlines[0].fact.title}"
    if digest.upcoming:
        line += f"; {len(digest.upcoming)} coming up"
    return line
