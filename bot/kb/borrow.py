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
  two of the same people, or the same three or more countries on that day;
- and exactly one such day is found: two candidate days date nothing.

The document is then dated to that day ("inferred: ... borrowed from ...") and written on
it or after it, so its other weekdays ("talks on Monday") fall from that day on; the loader
extracts it again and merges what it touched. A document known to its year whose report of
a day's event ("launched a unit on Wednesday") merged with another's known only to the
month borrows that month, and its "last month" becomes the month before. Nothing here
writes: it says which documents to date to which day, and why.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from bot.kb.dates import scan

_ANY_WEEKDAY = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MIN_COUNTRIES = 3  # two countries meet every week; the same three on one day are one event
_MIN_PEOPLE = 2


@dataclass(frozen=True)
class Borrowed:
    doc_id: str
    day: date | None  # None: read the document again as it is (its lender changed)
    note: str
    precision: str = "day"  # or "month": the first of the month borrowed


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


def _body(db, doc_id: str) -> str:
    """The document's text without its page furniture (a related-stories box names days too)."""
    return "\n".join(r["text"] for r in db.query(
        "select text from passages where doc_id = ? and not furniture order by seq", [doc_id]))


def plan(db) -> list[Borrowed]:
    """The documents that can borrow a day, each with the day and the reason."""
    wanted = list(db.query(
        "select id, date, date_precision, date_note from documents "
        "where date_inferred = 1 and (date is null or date_precision = 'year')"
    ))
    if not wanted:
        return []
    # One-day facts by kind and weekday: an archive has tens of thousands.
    days: dict[tuple[str, int], list[tuple[date, dict]]] = {}
    for r in db.query(
        "select kind, title, date_start, participants, countries, doc_id, sources from facts "
        "where date_precision = 'day' and date_start is not null "
        "and (date_end is null or date_end = '' or date_end = date_start)"
    ):
        day = date.fromisoformat(r["date_start"])
        days.setdefault((r["kind"], day.weekday()), []).append((day, r))
    # Facts known to the month that a document's report merged into with another's.
    months: dict[str, list[dict]] = {}
    for r in db.query(
        "select kind, title, date_start, doc_id, sources from facts "
        "where date_precision = 'month' and date_start is not null"
    ):
        if len(cited := _docs_of(r)) > 1:
            for d in cited:
                months.setdefault(d, []).append(r)
    out: list[Borrowed] = []
    for doc in wanted:
        year = date.fromisoformat(doc["date"]).year if doc["date"] else None
        body_days: set[int] | None = None  # read only when an undated story needs them
        found: dict[date, str] = {}
        reported: set[str] = set()  # kinds of events the document reports on a day of their own
        for row in db.query("select data from mentions where doc_id = ?", [doc["id"]]):
            m = json.loads(row["data"])
            # The weekday of the sentence that states the event; another of its sentences may
            # give another event's day ("... also staged air drills Thursday").
            own = _weekdays(m.get("quote") or "")
            if own and not (m.get("title") or "").endswith("(planned)"):
                reported.add(m.get("kind"))
            # An undated story that names one weekday in all names its event's day.
            if not own and year is None and body_days is None:
                body_days = _weekdays(_body(db, doc["id"]))
            wds = own or (body_days if body_days and len(body_days) == 1 else set())
            if not wds:
                continue
            people, countries = _surnames(m.get("participants")), set(m.get("countries") or [])
            for day, f in (x for wd in wds for x in days.get((m.get("kind"), wd), ())):
                # A fact the document's own year-only report merged into has its day from the
                # other documents it cites; one citing this document alone is its own.
                if (year is not None and day.year != year) or _docs_of(f) == {doc["id"]}:
                    continue
                shared_people = len(people & _surnames(_loads(f["participants"])))
                same_countries = len(countries) >= _MIN_COUNTRIES and countries == set(_loads(f["countries"]))
                if shared_people >= _MIN_PEOPLE or same_countries:
                    found.setdefault(day, f"{f['title']} ({f['doc_id']})")
        if len(found) == 1:
            (day, what), = found.items()
            old = (doc["date_note"] or "").removeprefix("inferred: ")
            note = (f"inferred: {day:%A %d %B %Y}, {_LENT}{what}"
                    + (f"; {old}" if old else ""))
            out.append(Borrowed(doc["id"], day, note))
        elif not found and year is not None and reported:
            # No day, but the event it reports "on Wednesday" merged with another document's
            # report known to its month ("the unit will be launched in December"): the
            # document is of that month, and its "last month" the one before.
            got = {date(year, int(f["date_start"][5:7]), 1): f for f in months.get(doc["id"], ())
                   if f["kind"] in reported and f["date_start"].startswith(f"{year:04d}-")}
            if len(got) == 1:
                (first, f), = got.items()
                old = (doc["date_note"] or "").removeprefix("inferred: ")
                note = f"inferred: {first:%B %Y}, {_LENT}{f['title']} ({f['doc_id']}); {old}"
                out.append(Borrowed(doc["id"], first, note, "month"))
    return out
