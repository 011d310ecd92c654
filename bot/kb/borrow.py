"""A day one document borrows from another document's report of the same event.

A wire rewrite, a digest item or a commentary often dates nothing itself: its year comes
from the office-holders it names ("Defense Minister Kihara": 2024), or there is none at all,
and its events happen "on Sunday" or were "conducted Friday". Another document in the
archive may report the same event with its day: the ministry's readout of the 2+2 of Sunday
28 July 2024, the navy's release on the patrol of Friday 28 March 2025. An analyst reading
both dates the first from the second, and so does this module, after the merge, when:

- the document knows at most its year (an inferred year, or nothing);
- one of its events names a weekday in the sentence stating it ("held a 2+2 ... on Sunday"), or
  the document names a single weekday in all (an undated story's "conducted Friday");
- a fact of the same kind from another document is dated to one day that is that weekday,
  inside the document's year when it has one, and shares what makes two reports one event:
  two of the same people, the same three or more countries on that day, or the same force
  at the same range or base ("fired ... from the Beecroft Weapons Range on Friday");
- and one such day is found. Of several (a recurring exercise fires at the same range every
  other July), the one whose report shares the most of the sites, ships and weapons named
  ("Type 12", "JS Izumo") wins; when that is even, a report saying it happened "for the
  first time" takes the earliest (a later one would be a repetition); else nothing is dated.

The document is then dated to that day ("inferred: ... borrowed from ...") and written on
it or after it, so its other weekdays ("talks on Monday") fall from that day on; the loader
extracts it again and merges what it touched. A document known to its year whose report of
a day's event ("launched a unit on Wednesday") merged with another's known only to the
month borrows that month, and its "last month" becomes the month before; it then takes the
day of that month on its weekday that another report of the event gives. A document with no
year whose event states its day ("opened ... on March 3") takes the year of another
document's fact of that day or month that merging would join it with. Nothing here writes:
it says which documents to date to which day, and why.

A reload costs what it changed, not the archive: given the load's `Changes` (the documents
written, the one-day and month facts each merge replaced and wrote), `plan` looks only at the
documents those can reach, and reads candidate days through the facts' (kind, date_start)
index by kind, weekday and year. Every other document finds what it found at an earlier load.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from bot.kb import merge
from bot.kb.dates import scan, stated_day
from bot.kb.extract.facts import SITE_WORDS
from bot.kb.model import Fact

_ANY_WEEKDAY = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MIN_COUNTRIES = 3  # two countries meet every week; the same three on one day are one event
_MIN_PEOPLE = 2
# A place finer than a country, named in a report: "the Beecroft Weapons Range", "Yokota Air
# Base", "Camp Hansen". One force's activity at one range on one weekday is one event.
_SITE = re.compile(
    rf"\b(?:[A-Z][\w'’-]*\s+){{1,3}}(?:Weapons\s+Range|Air\s+Base|Naval\s+Base|{SITE_WORDS})\b"
    r"|\bCamp\s+[A-Z][\w-]+"
)
# What tells one report's event from another of the same kind at the same place: the site,
# the ships ("JS Izumo"), the weapon ("Type 12").
_DETAIL = re.compile(
    r"\b(?:JS|USS|USNS|HMAS|HMS|ROKS|BRP|INS|HMCS|HMNZS|FS)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*"
    r"|\b(?:Type|Mk|MK|SM|PAC)[\s-]?\d+[A-Z]?\b"
)
# "for the first time", "the first-ever": what a report says happened for the first time is
# not a later repetition of an event another document reports.
_FIRST_TIME = re.compile(r"(?i)\bfor\s+the\s+(?:very\s+)?first\s+time\b|\bfirst[\s-]ever\b")


@dataclass(frozen=True)
class Borrowed:
    doc_id: str
    day: date | None  # None: read the document again as it is (its lender changed)
    note: str
    precision: str = "day"  # or "month": the first of the month borrowed; "year": its year


def _weekdays(text: str) -> set[int]:
    """Bare past weekdays the text names ("on Sunday", "conducted Friday"); not "next
    Friday" nor a plan ("will meet on Friday")."""
    out: set[int] = set()
    if not text or not _ANY_WEEKDAY.search(text):
        return out  # most texts name none: the grammar is not run over them
    for r in scan(text):
        word = r.text.strip().lower()
        if r.relative and not r.future and word in _WEEKDAYS:
            out.add(_WEEKDAYS.index(word))
    return out


def _surnames(names) -> set[str]:
    return {n.split()[-1].lower() for n in names or [] if n.split()}


def _key(text: str) -> str:
    return " ".join(re.sub(r"(?i)^the\s+", "", text).lower().split())


def _sites(*texts: str | None) -> set[str]:
    return {_key(m.group()) for t in texts if t for m in _SITE.finditer(t)}


def _details(*texts: str | None) -> set[str]:
    """The sites, ships and weapons a report names: what two reports of one event share."""
    return _sites(*texts) | {_key(m.group()) for t in texts if t for m in _DETAIL.finditer(t)}


def _loads(value) -> list:
    if isinstance(value, str):
        try:
            return json.loads(value) or []
        except ValueError:
            return []
    return list(value or [])


def _docs_of(row) -> set[str]:
    return {row["doc_id"]} | {s.get("doc_id") for s in _loads(row["sources"]) if isinstance(s, dict)}


_LENT = "borrowed from another report of the same event: "


def borrowers_of(db, lenders: set[str]) -> list[str]:
    """The documents whose borrowed date came from one of `lenders` (changed or removed)."""
    if not lenders:
        return []
    return [r["id"] for r in db.query(
        "select id, date_note from documents where date_note like ?", [f"%{_LENT}%"])
        if any(f"({d})" in r["date_note"] for d in lenders)]


def borrowers_of_all(db, lenders: set[str]) -> list[str]:
    """The borrowers of `lenders`, and theirs in turn: a document that dated another from a
    date it borrowed itself must not keep it once the first lender changes or goes."""
    out: list[str] = []
    todo = set(lenders)
    while todo:
        found = [d for d in borrowers_of(db, todo) if d not in out and d not in lenders]
        out += found
        todo = set(found)
    return out


def _body(db, doc_id: str) -> str:
    """The document's text without its page furniture (a related-stories box names days too)."""
    return "\n".join(r["text"] for r in db.query(
        "select text from passages where doc_id = ? and not furniture order by seq", [doc_id]))


@dataclass
class Changes:
    """What a load changed, so that `plan` looks only where a borrowing can change: the
    documents written (read, re-read or re-dated) and the one-day and month facts as they were
    before and are after each merge of the load. `everything`: a full merge (or a load from
    scratch) changed every fact."""

    docs: set[str] = field(default_factory=set)
    facts: list[dict] = field(default_factory=list)
    everything: bool = False

    def record(self, db, merge_plan) -> None:
        """Note the facts a merge plan (bot/kb/remerge.py) replaces and writes; call before
        it writes, while the facts it replaces are still there."""
        if merge_plan.how != "local":
            self.everything = True
            return
        self.facts.extend(r for r in merge_plan.facts if _lendable(r))
        dropped = list(merge_plan.dropped)
        for i in range(0, len(dropped), 500):
            chunk = dropped[i : i + 500]
            self.facts.extend(r for r in db.query(
                f"select {_FACT_COLUMNS} from facts where id in ({','.join('?' * len(chunk))})", chunk)
                if _lendable(r))


_FACT_COLUMNS = ("kind, title, date_start, date_end, date_precision, participants, countries, doc_id, sources, "
                 "location, quote")
# A fact dated to one day (a lender), as `_ONE_DAY` says in SQL.
_ONE_DAY = ("date_precision = 'day' and date_start is not null "
            "and (date_end is null or date_end = '' or date_end = date_start)")


def _one_day(r) -> bool:
    return (r["date_precision"] == "day" and bool(r["date_start"])
            and (not r["date_end"] or r["date_end"] == r["date_start"]))


def _lendable(r) -> bool:
    return _one_day(r) or (r["date_precision"] == "month" and bool(r["date_start"]))


@dataclass
class _Wants:
    """What a document that knows at most its year looks for: per mention, its kind, the
    weekdays it names, its people and countries; and the kinds it reports on a day."""

    year: int | None
    mentions: list[_Mention]
    reported: set[str]
    first_time: bool = False  # one of its events happened "for the first time", it says
    # An undated document's events stated with a month and day and no year ("opened ... on
    # March 3"): (the mention, month, day)
    yearless: list[tuple[dict, int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _Mention:
    """One event of a document looking for its day: its kind, the weekdays it names, its
    people's surnames, its countries, its parties' full names, and the sites, ships and
    weapons it names."""

    kind: str
    weekdays: set[int]
    people: set[str]
    countries: set[str]
    parties: frozenset[str] = frozenset()
    details: frozenset[str] = frozenset()
    mode: str = ""  # a meeting's: by phone, by video, in person (bot.kb.merge.mode_of)
    sites: frozenset[str] = frozenset()  # the ranges and bases its own sentence or place names
    first_time: bool = False  # its sentences say it happened "for the first time"


def _wants(db, doc) -> _Wants:
    year = date.fromisoformat(doc["date"]).year if doc["date"] else None
    body_days: set[int] | None = None  # read only when an undated story needs them
    reported: set[str] = set()  # kinds of events the document reports on a day of their own
    out: list[_Mention] = []
    yearless: list[tuple[dict, int, int]] = []
    held: list[set[str]] = []

    def body_details() -> set[str]:
        if not held:
            held.append(_details(_body(db, doc["id"])))
        return held[0]

    for row in db.query("select data from mentions where doc_id = ?", [doc["id"]]):
        m = json.loads(row["data"])
        if year is None and not m.get("date_start") and (day := stated_day(m.get("quote") or "")):
            yearless.append((m, *day))
        # The weekday of the sentence that states the event; another of its sentences may
        # give another event's day ("... also staged air drills Thursday").
        own = _weekdays(m.get("quote") or "")
        if own and not (m.get("title") or "").endswith("(planned)"):
            reported.add(m.get("kind"))
        # An undated story that names one weekday in all names its event's day.
        if not own and year is None and body_days is None:
            body_days = _weekdays(_body(db, doc["id"]))
        wds = own or (body_days if body_days and len(body_days) == 1 else set())
        if wds:
            told = [x.get("quote") or "" for x in m.get("sources") or [] if isinstance(x, dict)]
            out.append(_Mention(
                m.get("kind"), wds, _surnames(m.get("participants")), set(m.get("countries") or []),
                frozenset(_key(p) for p in m.get("participants") or []),
                frozenset(_details(m.get("quote"), m.get("location"), *told,
                                   *[p for p in m.get("participants") or [] if isinstance(p, str)])
                          # an undated story's ships and sites are those of its one event
                          | (body_details() if year is None else set())),
                merge.mode_of(m.get("quote"), m.get("location"), m.get("countries"))
                if m.get("kind") == "meeting" else "",
                frozenset(_sites(m.get("quote"), m.get("location"))),
                any(_FIRST_TIME.search(t) for t in [m.get("quote") or "", *told]),
            ))
    # What it says happened "for the first time" is one of its events with a weekday, not
    # something else the story mentions.
    first_time = any(w.first_time for w in out)
    return _Wants(year, out, reported, first_time, yearless)


def _same_event(doc_id: str, want: _Mention, year: int | None, day: date, f) -> bool:
    """Whether the one-day fact `f` (on `day`) can date the document's mention `want`: two
    of the same people, the same three or more countries, or the same force at the same
    site ("fired ... from the Beecroft Weapons Range ... on Friday" and a range's notice of
    the firing there on Friday, July 21)."""
    # A fact the document's own year-only report merged into has its day from the other
    # documents it cites; one citing this document alone is its own.
    if (year is not None and day.year != year) or _docs_of(f) == {doc_id}:
        return False
    if want.mode and (theirs := merge.mode_of(f["quote"], f["location"], _loads(f["countries"]))) \
            and theirs != want.mode:
        return False  # a Friday call is not the 2+2 held in Washington that Friday
    participants = _loads(f["participants"])
    shared_people = len(want.people & _surnames(participants))
    same_countries = len(want.countries) >= _MIN_COUNTRIES and want.countries == set(_loads(f["countries"]))
    if same_countries and year is None and want.details and not _overlap(want, f):
        # With no year to hold to, the same three countries on a Monday are found in any
        # year of a trilateral drill: a report naming its ships ("USS Benfold, JS Atago")
        # needs one of them in the other report too.
        same_countries = False
    same_site = bool(want.sites & _sites(f["location"], f["title"]) and
                     want.parties & {_key(p) for p in participants})
    return shared_people >= _MIN_PEOPLE or same_countries or same_site


def _overlap(want: _Mention, f) -> int:
    """How many of the sites, ships and weapons the mention names the fact names too."""
    return len(want.details & _details(f["title"], f["location"], f["quote"]))


def _pick(found: dict[date, tuple[str, int]], first_time: bool) -> tuple[date | None, str]:
    """The one day of the candidates, and why: the only one; else the one whose report shares
    the most details; else, for a report saying it happened "for the first time", the earliest
    (a later one would be a repetition); else none: the evidence is even."""
    if len(found) <= 1:
        return next(iter(found), None), ""
    best = max(score for _, score in found.values())
    top = sorted(day for day, (_, score) in found.items() if score == best)
    if len(top) == 1:
        return top[0], f" (of {len(found)} days, the report sharing the most details)"
    if first_time:
        return top[0], f" (of {len(found)} days, the earliest: the text says it happened for the first time)"
    return None, ""


class _Facts:
    """One-day facts by kind, weekday and year, read through the (kind, date_start) index
    and kept for the plan: a load looks only at the days its documents can borrow."""

    def __init__(self, db) -> None:
        self.db = db
        self.cache: dict[tuple, list[tuple[date, dict]]] = {}

    def days(self, kind: str, weekday: int, year: int | None) -> list[tuple[date, dict]]:
        key = (kind, weekday, year)
        if key not in self.cache:
            sql = (f"select {_FACT_COLUMNS} from facts where kind = ? and {_ONE_DAY} "
                   "and strftime('%w', date_start) = ?")
            args: list = [kind, str((weekday + 1) % 7)]  # SQLite's %w counts from Sunday
            if year is not None:
                sql += " and date_start >= ? and date_start <= ?"
                args += [f"{year:04d}-01-01", f"{year:04d}-12-31"]
            rows = self.db.query(sql + " order by rowid", args)
            self.cache[key] = [(d, r) for r in rows
                               if (d := date.fromisoformat(r["date_start"])).weekday() == weekday]
        return self.cache[key]


def plan(db, changes: Changes | None = None) -> list[Borrowed]:
    """The documents that can borrow a day, each with the day and the reason.

    With `changes`, only the documents whose borrowing those changes can reach are looked at
    (the others found what they find at an earlier load): those written, those a changed
    one-day fact can date, those a changed month fact cites. The answer is the same as
    looking at every document."""
    # A document known to a month it borrowed ("December 2024, borrowed from ...") looks for
    # its day inside that month: "launched a unit on Wednesday" and a report of that unit
    # opening on Wednesday 4 December.
    wanted = list(db.query(
        "select id, date, date_precision, date_note from documents "
        "where date_inferred = 1 and (date is null or date_precision = 'year' "
        "or (date_precision = 'month' and date_note like ?))", [f"%{_LENT}%"]
    ))
    if not wanted:
        return []
    wants: dict[str, _Wants] = {}

    def wants_of(doc) -> _Wants:
        if doc["id"] not in wants:
            wants[doc["id"]] = _wants(db, doc)
        return wants[doc["id"]]

    if changes is not None and not changes.everything:
        reached = _reach(changes, wants_of)
        wanted = [doc for doc in wanted if reached(doc)]
    facts = _Facts(db)
    out: list[Borrowed] = []
    for doc in wanted:
        w = wants_of(doc)
        month = date.fromisoformat(doc["date"]).month if doc["date_precision"] == "month" else None
        found: dict[date, tuple[str, int]] = {}
        for want in w.mentions:
            for day, f in (x for wd in want.weekdays for x in facts.days(want.kind, wd, w.year)):
                if month is not None and day.month != month:
                    continue
                if _same_event(doc["id"], want, w.year, day, f):
                    score = _overlap(want, f)
                    if day not in found or score > found[day][1]:
                        found[day] = (f"{f['title']} ({f['doc_id']})", score)
        day, why = _pick(found, w.first_time)
        if day is not None:
            what = found[day][0] + why
            old = (doc["date_note"] or "").removeprefix("inferred: ")
            if month is not None:  # the month it borrowed before: the day says more
                old = old.split("; ", 1)[1] if "; " in old else ""
            note = (f"inferred: {day:%A %d %B %Y}, {_LENT}{what}"
                    + (f"; {old}" if old else ""))
            out.append(Borrowed(doc["id"], day, note))
        elif not found and w.yearless:
            got = _year_of(db, doc["id"], w.yearless)
            if got is not None:
                year, what = got
                old = (doc["date_note"] or "").removeprefix("inferred: ")
                note = f"inferred: year {year}, the date {_LENT}{what}; {old}"
                out.append(Borrowed(doc["id"], date(year, 1, 1), note, "year"))
        elif not found and month is None and w.year is not None and w.reported:
            # No day, but the event it reports "on Wednesday" merged with another document's
            # report known to its month ("the unit will be launched in December"): the
            # document is of that month, and its "last month" the one before.
            year = w.year
            kinds = sorted(k for k in w.reported if k is not None)
            rows = db.query(
                f"select {_FACT_COLUMNS} from facts where date_precision = 'month' "
                f"and kind in ({','.join('?' * len(kinds))}) and date_start >= ? and date_start < ? "
                "order by rowid", [*kinds, f"{year:04d}-", f"{year + 1:04d}-"]) if kinds else []
            got = {date(year, int(f["date_start"][5:7]), 1): f for f in rows
                   if len(cited := _docs_of(f)) > 1 and doc["id"] in cited}
            if len(got) == 1:
                (first, f), = got.items()
                old = (doc["date_note"] or "").removeprefix("inferred: ")
                note = f"inferred: {first:%B %Y}, {_LENT}{f['title']} ({f['doc_id']}); {old}"
                out.append(Borrowed(doc["id"], first, note, "month"))
    return out


def _fact_of(row) -> Fact:
    data = dict(row)
    for key in ("participants", "countries", "sources"):
        data[key] = _loads(data.get(key))
    data["span"] = [data.get("span_start") or 0, data.get("span_end") or 0]
    return Fact.from_json(data)


def _covers(f, month: int, day: int) -> bool:
    """A one-day fact on that month and day, or a month fact of that month, in any year."""
    start = f["date_start"] or ""
    if f["date_precision"] == "month":
        return start[5:7] == f"{month:02d}"
    return _one_day(f) and start[5:10] == f"{month:02d}-{day:02d}"


def _year_of(db, doc_id: str, yearless: list[tuple[dict, int, int]]) -> tuple[int, str] | None:
    """The one year another document's report of the same event gives an undated document's
    "on March 3": a fact of that day, or of that month, in some year, which the mention
    placed on that day in that year would merge with (bot.kb.merge decides "same event")."""
    years: dict[int, str] = {}
    for m, month, day in yearless:
        rows = db.query(
            "select * from facts where kind = ? and date_start is not null and ("
            f"({_ONE_DAY} and strftime('%m-%d', date_start) = ?) or "
            "(date_precision = 'month' and strftime('%m', date_start) = ?)) order by rowid",
            [m.get("kind"), f"{month:02d}-{day:02d}", f"{month:02d}"])
        for r in rows:
            if _docs_of(r) <= {doc_id} or not _covers(r, month, day):
                continue
            year = int(r["date_start"][:4])
            try:
                on = date(year, month, day).isoformat()
            except ValueError:  # 29 February in a year without one
                continue
            placed = Fact.from_json({**m, "date_start": on, "date_end": on, "date_precision": "day"})
            lender = _fact_of(r)
            if merge.same_event(placed, lender):
                years.setdefault(year, f"{lender.title} ({lender.doc_id})")
    if len(years) != 1:
        return None
    return next(iter(years.items()))


def _reach(changes: Changes, wants_of):
    """Whether what a load changed can change what a document borrows: it was written, a
    changed month fact cites it, or a changed one-day fact is a day one of its mentions can
    borrow (looked up by kind and weekday, not tried against every change)."""
    cited: set[str] = set()
    days: dict[tuple[str, int], list[tuple[date, dict]]] = {}
    for f in changes.facts:
        if f["date_precision"] == "month":
            cited |= _docs_of(f)
        else:
            day = date.fromisoformat(f["date_start"])
            days.setdefault((f["kind"], day.weekday()), []).append((day, f))
    years = {day.year for found in days.values() for day, _ in found}

    def reached(doc) -> bool:
        if doc["id"] in changes.docs:
            return True
        year = date.fromisoformat(doc["date"]).year if doc["date"] else None
        if year is None and changes.facts and any(
            f["kind"] == m.get("kind") and _covers(f, month, day)
            for m, month, day in wants_of(doc).yearless for f in changes.facts
        ):
            return True
        if year is not None and doc["id"] in cited:
            return True
        if not days or (year is not None and year not in years):
            return False
        return any(_same_event(doc["id"], want, year, day, f)
                   for want in wants_of(doc).mentions for wd in want.weekdays
                   for day, f in days.get((want.kind, wd), ()))

    return reached
