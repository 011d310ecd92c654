"""Exercise facts dated from the alliance calendar when the text knows only the year or month.

A story says "Japan joins Talisman Sabre 2025" or reports Valiant Shield in a June story
without a day of its own; the fact then holds only "2025" or "June 2024", and lands in no
digest week. An analyst dates it from the series' record: Valiant Shield 2024 ran 7-18
June. The gazetteer's `editions:` (config/gazetteer/exercises.yaml) hold that record; the
document dater (bot.kb.editions) uses it for a document's year, this module for one fact's
dates. It only refines: a day the text states always wins; an edition the text numbers or
counts otherwise ("Keen Sword 23", "the 11th iteration") is never used for it; two editions
in one year that nothing tells apart date nothing. The note saying so goes into the fact's
summary, the field the reader sees, so the date is never mistaken for a stated one.
Planned stays planned: the title's "(planned)" comes from the text, and search keeps a plan
planned while the edition lies after its newest source. A space program's launch or
signing the gazetteer dates (`dated:`, programs.yaml) refines a space fact the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from bot.kb.dates import month_range
from bot.kb.editions import (
    NUMBERED,
    RETURNED,
    bounds_told_after,
    edition_span,
    event_verb,
    holds,
    run_weekdays,
    stated_ordinals,
    weekday_bounds,
)
from bot.kb.entities.entity import Edition

Span = tuple[date, date, str]

_FINER = {"day": 0, "week": 0, "month": 1, "year": 2}
# A story filed the day before an exercise "begins" still reports it as held; more than this
# before an edition, a report of it as held is about something else.
_SLACK = timedelta(days=2)
_REPORTED_WITHIN = timedelta(days=14)  # how long after a launch a story reports it as news


def edition_date(e: Any, when: Span | None, doc: Any, offices: Sequence[Any] = ()) -> tuple[Span | None, str | None]:
    """The event's date, refined to its exercise edition's days when the text gives only the
    year or a month that edition falls in; and the note saying why (None when unchanged).

    A meeting held at a calendar forum it does not take its name from ("met on the sidelines
    of the G7 summit in Hiroshima") takes that forum's edition the same way; so does one told
    only by who met where (`offices`: the forums kept by office and venue), as the document
    dater reads a story's own day."""
    if e.kind not in ("exercise", "meeting") or when is None or when[2] not in ("year", "month"):
        return when, None
    name = e.name
    entity = getattr(name, "entity", None) if name is not None else None
    numbers, ordinals = _stated(e, name.key) if name is not None else (set(), set())
    if not getattr(entity, "editions", ()) and e.kind == "meeting":
        entity, numbers, ordinals = _occasion(e), set(), set()
    editions: tuple[Edition, ...] = getattr(entity, "editions", ()) or ()
    if not editions and e.kind == "meeting" and e.name is None:
        return _held_where(e, when, offices)
    if not editions or getattr(entity, "partial", False):
        return when, None
    places = {c.location for c in e.members if c.location}
    fits = [
        ed
        for ed in editions
        if ed.start <= when[1] and when[0] <= ed.end and _agrees(ed, numbers, ordinals)
        and not (_by_place(entity) and when[2] == "year" and not places & set(ed.places))
    ]
    if len(fits) > 1 and (window := getattr(doc, "term_window", None)) is not None:
        # "this edition of Freedom Edge" in a 2024 story naming "President-elect Trump": of
        # that year's two, the one held while he was
        fits = [ed for ed in fits if ed.start <= window[1] and window[0] <= ed.end] or fits
    if len(fits) > 1 and places:
        # "the meeting of the Quad Foreign Ministers in New Delhi" in a 2023 story: of that
        # year's two, the one held there
        fits = [ed for ed in fits if places & set(ed.places)]
    if len(fits) > 1:
        # ("The three-day exercises began on Thursday ... They are scheduled to run through
        # Saturday": of 2024's two Freedom Edges, the one run from a Thursday to a Saturday)
        bounds = set().union(*(weekday_bounds(c.sent.plain) | bounds_told_after(doc.text, c.sent.end)
                               for c in e.members))
        fits = [ed for ed in fits if run_weekdays(ed, bounds)] or fits
    if len(fits) != 1:
        return when, None  # none in that period, or two the text does not tell apart
    ed = fits[0]
    if _FINER[ed.precision] >= _FINER[when[2]]:
        return when, None  # the record knows no more than the text
    latest = _latest(doc)
    if not e.future and latest is not None and ed.start > latest + _SLACK:
        return when, None  # told as held before it began: not this edition
    if ed.precision == "day":
        span: Span = (ed.start, ed.end, "day")
    else:
        span = (month_range(ed.start.year, ed.start.month)[0],
                month_range(ed.end.year, ed.end.month)[1], "month")
    note = (f"Dated from the alliance calendar: {entity.name} {ed.year} ran {edition_span(ed)}"
            f" (gazetteer editions); the text gives only {_told(when)}.")
    return span, note


def dated_day(e: Any, when: Span | None, by_document: bool = False) -> tuple[Span | None, str | None]:
    """A space event dated only to a month or year, refined to the day the gazetteer gives
    the program it names, when its sentences tell that very event ("Crew-5 ... blasted off"
    in an October 2022 story is the launch of 5 October 2022): the one dated day in the
    period, or nothing. `by_document`: the date is the story's own, the event having none
    in its sentences ("announce the successful launch of ASTRO-H" on 22 February 2016):
    the dated day in the fortnight up to it counts too."""
    if e.kind != "space" or when is None or e.name is None:
        return when, None
    if when[2] == "day" and by_document:
        first = when[0] - _REPORTED_WITHIN
    elif when[2] in ("year", "month"):
        first = when[0]
    else:
        return when, None
    entity = getattr(e.name, "entity", None)
    # (told by the story's own date, the event must be the one its main sentence tells:
    # "HTV-X1 ... was captured by the station's arm" days after its launch is not the launch)
    telling = [e.main] if by_document else e.members
    if getattr(entity, "returned", ()) and any(RETURNED.search(c.sent.plain) for c in telling):
        # "The Crew Dragon spacecraft (Crew-2) has safely returned to Earth": the splashdown
        # (Eastern time, as the gazetteer keeps it; a JAXA release's Japan date may be the next)
        days = [d for d in entity.returned if first - timedelta(days=1) <= d <= when[1]]
        what = "returned"
    else:
        days = [d for d in getattr(entity, "dated", ()) or () if first <= d <= when[1]]
        verb = event_verb(entity) if days else None  # (no entity, no dated days)
        if verb and not any(verb.search(c.sent.plain) and not _OTHER_STAGE.search(c.sent.plain) for c in telling):
            return when, None
        what = "on"
    if len(days) != 1:
        return when, None
    day = days[0]
    return (day, day, "day"), (f"Dated from the gazetteer: {entity.name} {what} {day.day} {day:%B %Y}; "
                               f"the text gives only {_told(when)}.")


def _told(when: Span) -> str:
    """What the text gives of a date the calendar refines: "2023", "June 2024", or (a fact
    dated by its story) "its own date, 22 February 2016"."""
    if when[2] == "day":
        return f"its own date, {when[0].day} {when[0]:%B %Y}"
    return str(when[0].year) if when[2] == "year" else f"{when[0]:%B %Y}"


# A later stage of a launched craft's flight, which its launch day does not date
_OTHER_STAGE = re.compile(
    r"(?i)\b(?:arriv(?:ed|es|ing|al)|dock(?:ed|s|ing)|berth(?:ed|s|ing)|captur(?:ed|es|ing|e)|grappl(?:ed|es|ing|e)|"
    r"splash(?:ed|es|ing)?\s+down|splashdown|return(?:ed|s|ing)?\s+(?:to\s+Earth|home)|reached|depart(?:ed|s|ing|ure))\b"
)
_SIDELINES_OF = r"(?:sidelines|margins|fringes)\s+of"
_OCCASION_BEFORE = re.compile(
    rf"(?i)\b(?:on\s+the\s+{_SIDELINES_OF}|during|at|ahead\s+of|after)\s+(?:the\s+)?(?:[\w.'’-]+\s+){{0,3}}$"
)


# A sentence going on about the meeting itself: "The trilateral meeting, organized on ..."
_THE_MEETING_START = re.compile(
    r"(?i)^\W*(?:(?:during|at|in)\s+)?(?:the|their|this)\s+(?:[\w-]+\s+){0,2}(?:meeting|talks|summit|session|dialogue)\b"
)
_SIDELINES_BEFORE = re.compile(
    rf"(?i)\b(?:on|at)\s+the\s+{_SIDELINES_OF}\s+(?:the\s+)?(?:[\w.'’-]+\s+){{0,3}}$"
)


def _occasion(e: Any) -> Any:
    """The calendar forum the meeting's own sentence says it was held at ("on the sidelines of
    the G7 summit", "during the APEC meetings"), when exactly one is named so."""
    found = {
        m.entity.id: m.entity
        for m in e.main.sent.mentions
        if m.entity.type == "forum" and m.entity.editions and not m.entity.partial
        and _OCCASION_BEFORE.search(e.main.sent.text, max(0, m.start - 60), m.start)
    }
    if not found:
        # ("During a meeting in New York, ..." / "The trilateral meeting, organized on the
        # sidelines of the U.N. General Assembly, ...": told in a sentence that goes on about it)
        found = {
            m.entity.id: m.entity
            for c in e.members if c.sent is not e.main.sent and _THE_MEETING_START.match(c.sent.plain)
            for m in c.sent.mentions
            if m.entity.type == "forum" and m.entity.editions and not m.entity.partial
            and _SIDELINES_BEFORE.search(c.sent.text, max(0, m.start - 60), m.start)
        }
    return next(iter(found.values())) if len(found) == 1 else None


def _held_where(e: Any, when: Span, offices: Sequence[Any]) -> tuple[Span | None, str | None]:
    """ "Kishida's state visit to the White House" in a story known to be of 2024, Biden
    named with it: the one meeting of the calendar held at that venue in that period by the
    office-holders named (two member countries' at least, and no other country's), as
    `bot.kb.editions.meeting_day` reads a story's own day. The venue must be the event's
    own place; two fitting meetings date nothing."""
    if not e.location:
        return when, None
    venue = re.sub(r"^the\s+", "", e.location)
    # (those the sentences telling the meeting or its venue name: "Pompeo arrived in Tokyo for
    # talks" is not the summit of Trump and Abe, named as they go on about Trump's plans)
    telling = [c for c in e.members if c is e.main or c.location == e.location]
    people = [m.entity for c in telling for m in c.persons if getattr(m.entity, "country", None)]
    # ("Kishida's state visit to the White House": a leader received at the other member's
    # venue meets its office-holder there)
    hosts = {m.entity.country for c in e.members for m in c.sent.mentions
             if m.entity.name == venue and getattr(m.entity, "country", None)}
    fits = []
    for forum in offices:
        for ed in forum.editions:
            if ed.precision != "day" or venue not in ed.places or not (ed.start <= when[1] and when[0] <= ed.end):
                continue
            held = {p.country for p in people if holds(p, forum.office, ed.start)}
            if held - set(forum.members):
                continue
            if len(held) == 1:
                held |= hosts & set(forum.members)
            if len(held) >= 2:
                fits.append((forum, ed, held >= set(forum.members)))
    if any(whole for *_, whole in fits):
        # (the Japan-U.S. summit of 10 April 2024, not the next day's trilateral with the
        # Philippines there, whose third member the story does not name)
        fits = [f for f in fits if f[2]]
    if len(fits) != 1:
        return when, None
    forum, ed, _ = fits[0]
    note = (f"Dated from the alliance calendar: the {forum.name} at {venue} was held {edition_span(ed)}"
            f" (gazetteer editions); the text gives only {_told(when)}.")
    return (ed.start, ed.end, "day"), note


def _by_place(entity: Any) -> bool:
    """A meeting calendar kept by venue (forums with members and an office, e.g. the
    Washington summits): it lists the meetings of its places, not every one of the year, so
    a year alone does not pick its day; the year and the venue together do."""
    return bool(getattr(entity, "office", None))


def _latest(doc: Any) -> date | None:
    """The last day the document may have been written, given how much of its date is known."""
    if doc.date is None:
        return None
    known = getattr(doc, "date_precision", None) or "day"
    if known == "year":
        return date(doc.date.year, 12, 31)
    if known == "month":
        return month_range(doc.date.year, doc.date.month)[1]
    return doc.date


def _stated(e: Any, key: str) -> tuple[set[int], set[int]]:
    """Edition numbers written after the exercise's name ("Keen Sword 25", "Balikatan 2025")
    and series ordinals ("the 10th iteration") in the sentences that name it."""
    numbers: set[int] = set()
    ordinals: set[int] = set()
    seen: set[int] = set()
    for c in e.members:
        n = c.name
        if n is None or n.key != key:
            continue
        if n.edition:
            numbers.add(n.edition)
        if m := NUMBERED.match(c.sent.plain, n.end):
            numbers.add(int(m.group(1)))
        if c.sent.i in seen:
            continue
        seen.add(c.sent.i)
        ordinals |= stated_ordinals(c.sent.plain)
    return numbers, ordinals


def _agrees(ed: Edition, numbers: set[int], ordinals: set[int]) -> bool:
    """Does the edition fit what the text numbers or counts (nothing stated fits any)?"""
    if numbers and not numbers & {ed.year, ed.year % 100, ed.number}:
        return False
    return not (ordinals and ed.ordinal is not None and ed.ordinal not in ordinals)
