"""Dated facts (meetings, exercises, space cooperation) from one document.

No statistical model can be installed offline (see the extraction notes), so extraction is
a set of readable rules over sentences, gazetteer mentions and resolved dates. The rules
aim at what an analyst records: one fact per event, however many sentences or documents
describe it, each with its source sentence quoted verbatim. Three steps:

1. Every body sentence is read once (common.py, names.py): entities, usable dates (not
   deadlines, not dates of other things named in passing, not dates inside quotations),
   names of forums, exercises and programs (from the gazetteer or from their shape), and
   whether it refers back to what came before ("During the meeting, ...").
2. Each kind's detector (kinds.py: meeting.py, exercise.py, space.py) finds the candidates
   a clause reports; a candidate joins an earlier event of the same document when it is the
   same forum, the same people on the same day, or a plain back-reference, else it starts a
   new one (events.py).
3. Events with too little to record (no one named, nothing named, no date) are dropped;
   the rest become Facts with titles, summaries and content-derived ids, so a reload or
   an unrelated new document never renames a fact that curation refers to.

Merging the same event across documents is bot.kb.merge.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from bot.kb.dates import find_dates, find_yearless, month_range
from bot.kb.extract.calendar import dated_day, edition_date
from bot.kb.extract.common import (
    _ALLIES,
    _ALLY_IN_NAME,
    WEEKDAY,
    _country_of,
    _Named,
    _planned,
    _quote_spans,
    _Sent,
    _usable_dates,
)
from bot.kb.extract.events import _Event, _group
from bot.kb.extract.kinds import BY_NAME
from bot.kb.extract.names import _find_named, _learn_acronyms
from bot.kb.extract.speakers import speaker_mentions
from bot.kb.model import Fact, Source
from bot.kb.sentences import split_sentences
from bot.kb.text import excerpt_to_plain, plain_view

if TYPE_CHECKING:
    from bot.kb.documents import DocumentRecord
    from bot.kb.entities import Gazetteer
    from bot.kb.entities.entity import Entity


# The last words of a site's name (and "Camp ..." first): "Yokota Air Base", "the Beecroft
# Weapons Range", "Camp Hachinohe" are sites, not areas. bot.kb.borrow finds sites with them.
SITE_WORDS = r"Range|Base|Training\s+Area|Airfield|Air\s+Station"
_SITE = re.compile(rf"(?:\b(?:{SITE_WORDS})$|^Camp\s)")


def _title(e: _Event, ahead: bool = False) -> str:
    short: dict[str, str] = {}
    for m in e.members:
        short.update(m.short)

    def brief(names: list[str]) -> list[str]:
        return [short.get(n, n) for n in names]

    loc = e.location
    where = (f" at {loc}" if loc.startswith("the ") or _SITE.search(loc) else f" in {loc}") if loc else ""
    plan = " (planned)" if e.future or ahead else ""
    return _well_formed(BY_NAME[e.kind].title(e, loc, where, plan, brief))


# A word that cannot end a phrase: "U.S. Space Forces Korea was:", "firing of (JGSDF)".
_DANGLING_WORD = re.compile(
    r"(?i)\s+(?:of|to|for|with|by|from|the|a|an|was|is|were|are|and|or|its|their)(?=\s*(?:\(|:|$))"
)


def _well_formed(title: str) -> str:
    """A title is a subject and an event: no word left dangling before its parentheses, colon
    or end, and no empty parentheses."""
    title = re.sub(r"\s*\(\s*\)", "", title)
    while (m := _DANGLING_WORD.search(title)) and m.start() > 0:
        title = title[: m.start()] + title[m.end() :]
    if same := re.fullmatch(r"(.+?): \1", title.strip()):  # "X: X" says X once
        return same.group(1)
    return title.strip() or title


def _fit(text: str, limit: int) -> str:
    """At most `limit` characters (Slack headers stop at 150), cut at a word."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:(") + "…"


def _summary(e: _Event) -> str:
    parts = [excerpt_to_plain(e.main.sent.text)]
    seen = {e.main.sent.i}
    for c in e.members[1:]:
        if c.sent.i in seen:
            continue
        seen.add(c.sent.i)
        if len(" ".join(parts)) > 320:
            break
        parts.append(excerpt_to_plain(c.sent.text))
    text = " ".join(parts)
    if len(text) > 480:
        text = text[:477].rsplit(" ", 1)[0] + "…"
    if e.topics:
        text += " Topics: " + ", ".join(e.topics[:8]) + "."
    return text


def _id(kind: str, key: str, when: str | None) -> str:
    raw = f"{kind}|{key}|{when or 'undated'}"
    return f"{kind[0]}-{hashlib.sha1(raw.encode()).hexdigest()[:10]}"


def _event_key(e: _Event, participants: list[str]) -> str:
    if e.name is not None:
        return f"{e.name.key}|{(e.name.ordinal or '').lower()}"
    if participants:
        return "|".join(sorted(participants))
    c = e.main
    return (
        "|".join(sorted(c.countries))
        + "|"
        + (c.location or "")
        + "|"
        + (c.space_term or c.trigger).lower()
    )


def _keep(e: _Event, when: tuple | None) -> bool:
    if all(c.actorless for c in e.members):
        return False  # a program named with no one acting: not news of its own
    if when is None and e.main.generic:
        return False  # "alternates with the Keen Sword exercises": a series, not an event
    return BY_NAME[e.kind].keep(e, when)


def _yearless_note(e: _Event, doc: DocumentRecord) -> str | None:
    """What an undated fact's text says of its day when nothing gives the year: "On 27 Aug"
    is kept as 27 August, year unknown, rather than lost with the year ("yesterday" only
    under a dateline's month and day)."""
    for c in [e.main, *e.members]:
        for y in find_yearless(c.sent.text, doc.month_day or (1, 1)):
            if y.future or (doc.month_day is None and not any(ch.isdigit() for ch in y.text)):
                continue
            start = f"{y.day} {_MONTH_NAMES[y.month]}" if y.day else _MONTH_NAMES[y.month]
            end = f"{y.day_end} {_MONTH_NAMES[y.month_end]}" if y.day_end else _MONTH_NAMES[y.month_end]
            return f"The text gives {start if start == end else f'{start} to {end}'} and no year."
    return None


_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


_SAID_DAY = re.compile(rf"(?i)\b(?:{WEEKDAY}|tomorrow)\b")


def _day_ahead(e: _Event) -> bool:
    """A meeting of two people, both named where it is told, planned for a day the story tells
    by weekday."""
    return (
        e.kind == "meeting"
        and _planned(e)
        and len({m.entity.name for m in e.main.persons}) >= 2
        and not e.main.generic
        and bool(_SAID_DAY.search(e.main.sent.plain))
    )


def _reportable(e: _Event) -> bool:
    """Enough to be an event without a date of its own: two people, a named forum or
    exercise, forces or countries taking part; not told as history or routine."""
    if e.main.generic:
        return False
    reportable = BY_NAME[e.kind].reportable
    return reportable is not None and reportable(e)


def _reported_month(e: _Event, doc: DocumentRecord) -> tuple[date, date, str] | None:
    """An undated meeting or exercise that a story reports: the month it was published.

    A readout's call or meeting told in the past tense in its first sentences, under a date
    line that states the day ("10/7/2021 ... Secretary Blinken spoke with Foreign Minister
    Motegi"), happened that day."""
    if not _reportable(e):
        return None
    if (
        e.kind == "meeting"
        and doc.date is not None
        and not doc.date_inferred
        and _doc_precision(doc) == "day"
        and e.main.sent.i <= _LEDE_SENTENCES
        and _READOUT_VERB.search(e.main.sent.plain)
    ):
        return doc.date, doc.date, "day"
    return _doc_span(doc, "month")


_LEDE_SENTENCES = 3
_READOUT_VERB = re.compile(
    r"(?i)\b(?:spoke|talked|held\s+(?:a\s+)?(?:telephone|phone|video)\s+(?:call|talks?|conversation))\b"
    # a transcript's title: "Remarks Prior to Meeting with Foreign Minister Motegi" is of its day
    r"|\bRemarks\s+(?:Prior\s+to|Before|After|at\s+the\s+(?:Start|Top)\s+of)\s+(?:an?\s+|the\s+)?(?:Bilateral\s+)?Meeting\b"
    # "Remarks by Acting Secretary Shanahan at an Enhanced Honor Cordon and Meeting Welcoming
    # Japanese Minister of Defense Takeshi Iwaya to the Pentagon"; a release's "Secretary
    # Austin Welcomes Minister Hamada to the Pentagon"
    r"|\bRemarks\b[^.\n]{0,120}\b(?-i:Welcoming)\s|\b(?-i:Welcomes|Hosts)\s+(?:[A-Z][\w.'’-]*\s+){1,8}to\s+(?:the\s+)?[A-Z]"
)


# A series' gazetteer roles saying an ally takes part ("trilateral exercise, Australia, Japan,
# U.S."): a series another country hosts is the alliance's by its name only when both do.
_JAPANESE = re.compile(r"\b(?:Japan|JSDF|JGSDF|JMSDF|JASDF)\b")
_AMERICAN_ROLE = re.compile(r"\bU\.S\.|\bUnited States\b|\bAmerican\b|\bUSMC\b")


def _alliance(e: _Event) -> bool:
    """Does Japan or the United States take part, and at a meeting not one of them alone with
    a third country? A party plenary in Pyongyang, a PLA patrol or Trump's talks with Modi are
    not alliance facts, however many allies the story names. Parties are the people's
    and forces' countries and the countries a name spells; a gazetteer exercise or program is
    one the team follows; with no party known at all the event is kept."""
    kind = BY_NAME[e.kind]
    if e.name is not None and _both_allies(e.name.name):
        return True  # "the Japan-Australia-U.S. Trilateral Defense Ministers' Meeting"
    parties: set[str] = set()
    for c in e.members:
        parties |= {x for m in c.persons if (x := _country_of(m.entity))}
        if kind.parties is not None:
            parties |= kind.parties(c)
    allies = parties & _ALLIES
    if e.kind == "meeting" and len(allies) == 1 and parties - _ALLIES:
        # "Trump meets Modi", "Ishiba welcomed President Lee": one ally at the table with
        # another country is that ally's own diplomacy, not the alliance (an exercise of one
        # ally with a partner may be part of a larger one with both: Talisman Sabre's
        # firings), at a forum the team follows too ("Ishiba and Xi ... during APEC"), or
        # under a name with that ally in it ("the Korea-Japan summit", Yoon and Kishida)
        return False
    if e.name is not None and (named := _one_ally_pair(e.name.name)) and not allies - {named}:
        # "Japan-Australia Foreign Ministers' Telephone Talk": one ally's meeting with
        # another country, by its name, with no one from the other ally at it
        return False
    if e.name is not None and _ALLY_IN_NAME.search(e.name.name):
        return True
    if e.name is not None and e.name.entity is not None and e.name.entity.source != "shape":
        # (a name read from its shape, "the Northern/Interaction-2024 exercises" of the PLA
        # Navy, is no exercise the team follows: its parties decide; nor is a series another
        # country hosts with the United States, Ulchi Freedom Shield, unless Japan takes part)
        ent = e.name.entity
        paired = next((p for role in ent.roles if (p := _one_ally_pair(role))), None)
        if e.kind == "exercise" and paired is not None and not allies - {paired}:
            # a series the gazetteer calls one ally's with another country ("Japan-Australia
            # air exercise": Bushido Guardian), with no one from the other ally in it
            return False
        if e.kind != "exercise" or ent.country in (None, *_ALLIES) or not parties:
            return True
        roles = " ".join(ent.roles)
        named = {"Japan"} if _JAPANESE.search(roles) else set()
        named |= {"United States"} if _AMERICAN_ROLE.search(roles) else set()
        return _ALLIES - named <= parties
    if kind.outside_alliance is not None and kind.outside_alliance(e, parties):
        return False
    if e.kind == "exercise" and allies == {"United States"} and parties - _ALLIES:
        # "the US-ROK Iron Mace nuclear operations exercise", "Philippine and U.S. Marines
        # kicked off their bilateral training": America's drill with another country, under
        # no name the team follows (Japan's firings with Australia in Talisman Sabre, told
        # apart from its name, are Japan's part in an allied exercise: kept)
        return False
    return bool(allies) or not parties


_LAUNCH_DATE_NAMED = re.compile(r"(?i)\blaunch\s+(?:date|time|window)\b")
# A release's launch line: "Launch Date/Time: November 15, 2020 / 9:49 a.m. (JST)"
_LAUNCH_LINE = re.compile(
    r"(?im)^[ \t]*(?:Scheduled[ \t]+|Planned[ \t]+)?Launch[ \t]+(?:Date|Time|Day)(?:[ \t]*(?:/|and|&)[ \t]*(?:Date|Time))?"
    r"[ \t]*(?:\([^()\n]{1,30}\))?[ \t]*:[ \t]*(?P<rest>[^\n]+)"
)


_DOCUMENT_NOUNS = r"(?:statement|agreement|memorandum|declaration|arrangement|letter)s?"
_SIGNED_DOC = re.compile(
    r"(?i)\b(?:sign|signs|signed|issued|exchanged|concluded)\s+(?:an?\s+|the\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    rf"{_DOCUMENT_NOUNS}\b"
)
# "the statement dated Jan. 24", told in the sentence after the signing
_DATED_DOC = re.compile(rf"(?i)\b{_DOCUMENT_NOUNS}\s+(?:was\s+)?dated\s+")


def _days_in(text: str, doc: DocumentRecord) -> list:
    """The day-precision dates `text` writes, read against the document's date."""
    return [d for d in find_dates(text, doc.date, _doc_precision(doc)) if d.precision == "day"]


def _dated_document_day(doc: DocumentRecord, start: int) -> tuple[date, date, str] | None:
    """The day a signed document is dated, from its sentence (at `start`) or the next few."""
    window = doc.text[start : start + 400]
    m = _DATED_DOC.search(window)
    if m is None:
        return None
    days = [d for d in _days_in(window[m.end() : m.end() + 40], doc) if d.date_start <= doc.date]
    return (days[0].date_start, days[0].date_end, "day") if days and days[0].start == 0 else None


def _launch_line_day(doc: DocumentRecord) -> tuple[date, date, str] | None:
    """The first day a release's launch line gives, read against the release's date."""
    line = _LAUNCH_LINE.search(doc.text)
    days = _days_in(line.group("rest"), doc) if line else []
    return (days[0].date_start, days[0].date_end, "day") if days else None


# "NASA announces the updated launch date for the Crew-11 mission ... Set for liftoff on July
# 31st at 12:09 PM EDT": the day the next sentence sets
_SET_FOR = re.compile(
    r"(?i)^\W*(?:(?:it|the\s+(?:launch|mission|liftoff|flight))\s+is\s+(?:now\s+)?)?"
    r"(?:set|scheduled|slated|planned|targeted)\s+for\s+(?:(?:liftoff|lift-off|launch|blastoff)\s+)?(?:on\s+)?"
)


def _launch_day_after(doc: DocumentRecord, end: int) -> tuple[date, date, str] | None:
    """The day the sentence after a launch-date lede sets ("Set for liftoff on July 31st")."""
    nxt = re.match(r"\s*([^\n]{0,200}?[.!?])(?:\s|$)", doc.text[end : end + 240])
    if nxt is None or not (m := _SET_FOR.match(nxt.group(1))):
        return None
    days = _days_in(nxt.group(1)[m.end() :][:40], doc)
    return (days[0].date_start, days[0].date_end, "day") if days else None


def _fact(
    e: _Event, doc: DocumentRecord, fallback: tuple[date, date, str] | None, us_named: bool = True,
    offices: Sequence[Entity] = (),
) -> Fact | None:
    kind = BY_NAME[e.kind]
    ahead = False  # a day after the document's, from a release's launch line
    if e.kind == "space" and not us_named and not _nasa_program(e) and (
        not any(_TOGETHER.search(c.sent.plain) for c in e.members) or _third_partner(e)
    ):
        # "A Japanese government satellite lifted off on an H2A rocket": space news in a
        # story that never names the United States or an American agency or force, nor
        # tells of anyone working together, is Japan's own program, not cooperation; nor is
        # Japan's work with another country ("India and Japan have formalised a partnership
        # on a joint lunar mission").
        return None
    when = kind.when(e, doc) if kind.when is not None else e.date
    if e.kind in ("space", "meeting") and doc.date is not None and (
        _SIGNED_DOC.search(e.main.sent.plain) or _DATED_DOC.search(e.main.sent.plain)
    ) and (dated := _dated_document_day(doc, e.main.sent.start)) and (when is None or when[0] > dated[0]):
        # "Saturday evening's Mainichi wrote that NASA and JAXA have signed a joint statement
        # ... The paper wrote that the statement dated Jan. 24 said ...": the day the
        # document is dated, not the day the paper told of it
        when = dated
    if when is None and kind.dated_by_document:
        # "U.S. Space Command announced April 1 it has signed an agreement with Japan": the
        # day it was announced, when the story gives one, rather than the story's own day
        told = [m for m, report in e.main.sent.dates if report and m.precision == "day"]
        if told and (doc.date is None or told[0].date_start <= doc.date):
            when = (told[0].date_start, told[0].date_end, "day")
    if when is None and e.kind == "space" and doc.date is not None and _LAUNCH_DATE_NAMED.search(e.main.sent.plain):
        # "officially decided the launch date and time for the Crew Dragon spacecraft
        # (Crew-1)" above "Launch Date/Time: November 15, 2020 / 9:49 a.m. (JST)": the day
        # the release's launch line gives
        when = _launch_line_day(doc) or _launch_day_after(doc, e.main.sent.end)
        ahead = when is not None and when[0] > doc.date
    by_document = when is None and kind.dated_by_document and fallback is not None
    met_at = getattr(doc, "met_at", None)
    if when is None and e.kind == "meeting" and met_at is not None and e.location == met_at[1]:
        # "The two met on the sidelines ... in Kuala Lumpur" in a story dated by that very
        # calendar meeting: its day, not the story's month
        when = (met_at[0], met_at[0], "day")
    if when is None:
        when = fallback if kind.dated_by_document else _reported_month(e, doc)
    if when is None and doc.date is not None and _doc_precision(doc) == "year":
        # "Today Tillerson and Mattis are hosting Kono and Onodera for a Security Consultative
        # Committee meeting" in a story known to be of 2017: the calendar's one SCC of 2017,
        # though "today" needs a day the story does not give
        year = (date(doc.date.year, 1, 1), date(doc.date.year, 12, 31), "year")
        when, date_note = edition_date(e, year, doc, offices)
        if date_note is None:
            # ("Biden and Kishida on Wednesday will hold talks" in a story known only to be of
            # 2024: talks planned for a day of that year, as talks held "on Wednesday" are)
            when = None
            if _day_ahead(e):
                when, ahead = year, True
    else:
        when, date_note = edition_date(e, when, doc, offices)
        if date_note is None:
            when, date_note = dated_day(e, when, by_document)
    # In a document whose own date is unknown nothing can be dated; the event is still
    # worth keeping, as "date unknown", rather than lost.
    undated = when is None and doc.date is None and _reportable(e)
    if not (undated or _keep(e, when)) or not _alliance(e):
        return None
    if undated:
        date_note = _yearless_note(e, doc)
    participants = kind.participants(e)
    countries: list[str] = []
    for m in e.members:
        countries += [x for x in m.countries if x not in countries]
    # "Kishida will travel to meet Biden. The two leaders' summit will be held on Friday": the
    # sides are also those of the people at the table and of a named forum's members, when
    # the sentence that dates the event names no country.
    sides = [_country_of(p.entity) for p in e.person_mentions()]
    if e.name is not None and e.name.entity is not None:
        sides += list(e.name.entity.members)
    countries += [x for x in dict.fromkeys(sides) if x and x not in countries]
    location = e.location
    start = end = prec = None
    if when:
        start, end, prec = when[0].isoformat(), when[1].isoformat(), when[2]
        if prec == "week":
            prec = "day"
    main = _quoted(e)
    sources, seen = [], set()
    for s in [main, *(m.sent for m in e.members)]:
        if s.i in seen:
            continue
        seen.add(s.i)
        sources.append(Source(doc.id, doc.title, doc.text[s.start : s.end], [s.start, s.end]))
    return Fact(
        # An undated fact is never merged across documents, so it is its document's own: two
        # documents' undated "Talisman Sabre" facts must not share an id (one would overwrite
        # the other in the store).
        id=_id(e.kind, _event_key(e, participants), start or f"undated|{doc.id}"),
        kind=e.kind,
        title=_fit(_title(e, ahead), 140),
        summary=_summary(e) + (f" {date_note}" if date_note else ""),
        date_start=start,
        date_end=end,
        date_precision=prec,
        participants=participants,
        countries=countries,
        location=location,
        doc_id=doc.id,
        doc_title=doc.title,
        quote=doc.text[main.start : main.end],
        span=[main.start, main.end],
        sources=sources[:6],
    )


_CAPTION = re.compile(r"^\s*(?:#|\[\d+\s*/\s*\d+\]|[-*•]\s)|\[\d+\s*/\s*\d+\]")


def _headline_like(text: str) -> bool:
    """A Markdown heading, a "[1/2]" caption, "Marine Minute: Iron Fist 23": a label, not a
    sentence stating the event."""
    t = text.strip()
    return bool(
        _CAPTION.search(t)
        or not re.search(r"[.!?][\"”’')]*$", t)
        or len(re.findall(r"[A-Za-z]+", t)) < 6
    )


def _quoted(e: _Event) -> _Sent:
    """The sentence quoted for the fact: the body's sentence stating the event rather than a
    headline or caption, which is kept only when nothing else states it."""
    main = e.main.sent
    if not _headline_like(main.text):
        return main
    return next((m.sent for m in e.members if not _headline_like(m.sent.text)), main)


# A chronology's year heading: a line that is a year alone ("2011", "2011:").
_YEAR_HEADING = re.compile(r"(?m)^[ \t]*((?:19|20)\d\d)[ \t]*:?[ \t]*$")


def _year_headings(doc: DocumentRecord) -> list[tuple[int, int]]:
    """(offset, year) of each year heading, when the text has two or more: a chronology
    ("2011 / President Obama Meets with Prime Minister Noda (Sept. 22)") places its yearless
    days in the year above them, not the document's."""
    found = [(m.start(), int(m.group(1))) for m in _YEAR_HEADING.finditer(doc.text)]
    return found if len({y for _, y in found}) >= 2 else []


def _sentence_ref(own: tuple, headings: list, at: int) -> tuple:
    """What a sentence's dates are read against (reference, its precision, weekdays_after):
    the document's own, or the year of the chronology heading above it."""
    year = next((y for start, y in reversed(headings) if start <= at), None)
    if year is None or (own[0] is not None and year == own[0].year):
        return own
    return date(year, 12, 31), "year", None


def _doc_precision(doc: DocumentRecord) -> str:
    """How much of the document's date is known: day, month or year."""
    return getattr(doc, "date_precision", None) or "day"


def _doc_span(doc: DocumentRecord, finest: str) -> tuple[date, date, str] | None:
    """The document's date as a range no finer than `finest` nor than what is known of it."""
    if doc.date is None:
        return None
    known = _doc_precision(doc)
    if known == "year":
        return date(doc.date.year, 1, 1), date(doc.date.year, 12, 31), "year"
    if known == "month" or finest == "month" or doc.date_inferred:
        a, b = month_range(doc.date.year, doc.date.month)
        return a, b, "month"
    return doc.date, doc.date, "day"


def _fallback_date(doc: DocumentRecord) -> tuple[date, date, str] | None:
    """The date a statement or report gives to what it announces without a date of its own."""
    return _doc_span(doc, "day")


_TOGETHER = re.compile(
    r"(?i)\b(?:both\s+sides|two\s+(?:countries|nations|sides|governments|agencies)|jointly|joint|"
    r"cooperat\w*|collaborat\w*|partner\w*|agreements?|together|allies|alliance|bilateral)\b"
)


def _nasa_program(e: _Event) -> bool:
    """Is the event's program one NASA runs with partners (the International Space Station)?
    A Japanese astronaut's stay aboard it is the alliance's news though the story, of a
    Soyuz flight, never names America."""
    ent = e.name.entity if e.name is not None else None
    if ent is not None and ent.type == "program" and "NASA" in (ent.roles or ()):
        return True
    # "launched its new flagship H3 rocket carrying an unmanned cargo spacecraft ... to
    # deliver supplies to the International Space Station": a mission to it
    return any(
        m.entity.type == "program" and "NASA" in (m.entity.roles or ()) and _TO_IT.search(c.sent.plain, max(0, m.start - 24), m.start)
        for c in e.members for m in c.sent.mentions
    )


_TO_IT = re.compile(r"(?i)\b(?:to|for|at|aboard|with|(?:living|staying|working)\s+(?:in|on|aboard))\s+(?:the\s+)?$")


def _third_partner(e: _Event) -> bool:
    """Does the event's story name a country other than the allies (or its agency)?"""
    return any(
        (c := (m.entity.name if m.entity.type == "country" else _country_of(m.entity)))
        and c not in _ALLIES
        for member in e.members
        for m in member.sent.mentions
        if m.entity.type in ("country", "org")
    )


_JAPAN_WORDS = frozenset({"japan", "japanese", "nippon"})  # the Japanese side in an ally word
# "Japan-Australia", "U.S.-Philippines", "Korea-Japan": the countries a name pairs
_PAIRED = re.compile(r"^(?:the\s+)?((?:U\.S\.|[A-Z][A-Za-z]+)(?:[-–](?:U\.S\.|[A-Z][A-Za-z]+))+)\b")


def _one_ally_pair(name: str) -> str | None:
    """The one ally a name pairs with other countries only ("Japan-Australia ..."), or None."""
    m = _PAIRED.match(name)
    if m is None:
        return None
    words = re.split(r"[-–]", m.group(1))
    sides = {("Japan" if w.lower() in _JAPAN_WORDS else "United States")
             for w in words if _ALLY_IN_NAME.fullmatch(w)}
    return next(iter(sides)) if len(sides) == 1 and len(words) > len(sides) else None


def _both_allies(name: str) -> bool:
    said = {w.lower().rstrip(".") for w in _ALLY_IN_NAME.findall(name)}
    return bool(said & _JAPAN_WORDS) and bool(said - _JAPAN_WORDS)


def _american(entity) -> bool:
    return entity.name == "United States" or _country_of(entity) == "United States"


def _sentences(doc: DocumentRecord, gazetteer: Gazetteer) -> list[_Sent]:
    """The body's sentences, each with the gazetteer mentions inside it (found once per doc)."""
    found = gazetteer.find(doc.text)
    known = _doc_precision(doc)
    # (a story known to its month: whoever held the post on any day of it)
    until = month_range(doc.date.year, doc.date.month)[1] if doc.date is not None and known == "month" else None
    found += gazetteer.find_roles(doc.text, doc.date, found, known != "year", until)
    found += speaker_mentions(doc.text, found)  # "I" of a transcript's speaker
    mentions = sorted(found, key=lambda m: m.start)
    starts = [m.start for m in mentions]
    sents: list[_Sent] = []
    for p in doc.body:
        for piece in split_sentences(p.text, p.start):
            s = _Sent(len(sents), p.seq, piece.start, piece.end, piece.text, plain_view(piece.text))
            first = bisect_left(starts, piece.start)
            last = bisect_left(starts, piece.end, first)
            s.mentions = [
                _Shifted(m, -piece.start) for m in mentions[first:last] if m.end <= piece.end
            ]
            s.quotes = _quote_spans(s.plain)
            sents.append(s)
    return sents


class _Shifted:
    """A gazetteer mention with offsets made relative to its sentence."""

    __slots__ = ("start", "end", "text", "entity", "via", "title")

    def __init__(self, m, shift: int):
        self.start, self.end = m.start + shift, m.end + shift
        self.text, self.entity = m.text, m.entity
        self.via, self.title = getattr(m, "via", None), getattr(m, "title", None)


def extract_document(doc: DocumentRecord, gazetteer: Gazetteer) -> list[Fact]:
    """The facts one document reports; every quote and span points into doc.text."""
    sents = _sentences(doc, gazetteer)
    acronyms: dict[str, _Named] = {}
    forums: list[_Named] = []
    headings = _year_headings(doc)
    own = (getattr(doc, "told_on", None) or doc.date, _doc_precision(doc), getattr(doc, "weekdays_after", None))
    for s in sents:
        s.dates = _usable_dates(s, *_sentence_ref(own, headings, s.start))
        s.named = _find_named(s, acronyms, forums)
        _learn_acronyms(s, acronyms)
        forums += [n for n in s.named if n.kind == "forum" and len(n.name.split()) > 1]
    events = _group(sents)
    fallback = _fallback_date(doc)
    us_named = any(_american(m.entity) for s in sents for m in s.mentions)
    facts: list[Fact] = []
    ids: set[str] = set()
    # the meetings kept by office and venue, which date a meeting told by who met where
    offices = gazetteer.office_forums()
    for e in events:
        f = _fact(e, doc, fallback, us_named, offices)
        if f is None:
            continue
        if f.id in ids:  # two events with the same key and date: tell them apart by their quote
            f.id = _id(f.kind, f"{f.id}|{f.quote}", f.date_start)
        ids.add(f.id)
        facts.append(f)
    return facts
