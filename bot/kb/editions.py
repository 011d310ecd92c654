"""The alliance calendar: which held edition of a named exercise a yearless text is about.

Wire stories about an exercise often write no year: "On June 7 ... Valiant Shield begins",
"Balikatan ... from Monday to May 9", "their first trilateral multidomain exercise". An
analyst dates them from what is known of each series: Valiant Shield ran 7-18 June in 2024
and 6-17 June in 2022, so a story where it begins on June 7 is the 2024 one. The gazetteer's
`editions:` (config/gazetteer/exercises.yaml) hold that calendar; this module turns a text's
yearless days, edition numbers and ordinals into the years they allow, each with its reason,
for the document dater to weigh with its other clues. Recurring meetings have editions too
(config/gazetteer/forums.yaml); those of office-holders (`members`, `office`, each edition's
`place`) also date a story that names them only by who met where (`meeting_day`). It reads
dates with `bot.kb.dates` only, so there is one date grammar.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import pairwise
from typing import NamedTuple

from bot.kb.dates import RawDate, find_dates, scan, valid_day
from bot.kb.entities.entity import DATED_TYPES, Edition, Entity
from bot.kb.entities.roles import role_periods
from bot.kb.sentences import CLOCK_END, CLOCK_GOES_ON

# A day a few days off an edition's published dates still belongs to it: a story filed the
# day before "begins Friday", a closing ceremony the day after the last drill.
_SLACK = timedelta(days=2)
# A story says which edition it is about in its opening; reading further only costs time on
# a long (or hostile) document.
_READ = 8000

_ORDINAL_WORDS = {
    "first": 1, "inaugural": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
# "the 40th iteration", "their first trilateral multidomain exercise", "the inaugural Freedom
# Edge": an ordinal of the series. "For the first time" is not one: it is a participant's
# first (Japan's first Valiant Shield), so a noun of the series must follow the ordinal.
_ORDINAL = re.compile(
    r"\b(?:(?P<n>\d{1,3})(?:st|nd|rd|th)|(?P<w>" + "|".join(_ORDINAL_WORDS) + r"))\b"
    r"(?:(?P<gap>(?:[ \t]+[\w'’-]+){0,4}?)[ \t]+(?P<noun>iterations?|editions?|rounds?|exercises?|drills?|"
    r"meetings?|summits?|dialogues?|talks|sessions?|conferences?|consultations?|symposiums?|symposia)"
    # "marks 12th year of Iron Fist", "now in its 12th year" (not a "third consecutive year")
    r"|[ \t]+year(?![ \t]+in[ \t]+a[ \t]+row))\b",
    re.I,
)
# An edition number written right after the series' name: "Keen Sword 25", "Balikatan 2025".
NUMBERED = re.compile(r"[ \t]*(?:-[ \t]*)?(\d{2,4})\b(?![.,]\d)")
_AGAIN = re.compile(r"\b(?:second|2nd)[ \t]+time\b|\bagain\b", re.I)
# A sentence ends at a stop, not at the period of "U.S.", "Feb. 10" or "Gen. Brown".
_ABBREVIATED = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
                "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Adm", "Capt", "Sen", "Rep", "Gov", "St", "No")
_STOP = re.compile(r"[.!?](?=\s)|\n\s*\n")
_WORD_BEFORE = re.compile(r"(?:^|[^A-Za-z])([A-Za-z]+)$")
# A weekday told in Japan's time: "Thursday Japan time", "Friday (JST)"
_JAPAN_TIME_AFTER = re.compile(r"[ \t]*\(?[ \t]*(?:(?:Japan|Tokyo)[ \t]+time|JST)\b")
# The end of a dateline after its day: "Tokyo, Oct. 6 (Jiji Press)--", "WASHINGTON, May 3 —"
_DATELINE_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{2,40}\))?[ \t]*(?:--|[—–])")
# "around 1 a.m. Thursday Japan time (4 p.m. Wednesday GMT)", "at about 5 p.m. on Thursday":
# a clock's period before its day, zone or a lower-case word ends no sentence (the sentence
# splitter's rule, bot.kb.sentences.CLOCK_END and CLOCK_GOES_ON)
_SPACE = re.compile(r"\s+")
_ABBREVIATED_SET = frozenset(_ABBREVIATED)


def _ends(text: str, start: int = 0, end: int | None = None):
    """The sentence ends between start and end (matches of _STOP that are not an
    abbreviation's period)."""
    for m in _STOP.finditer(text, start, len(text) if end is None else end):
        if m.group() == ".":
            w = _WORD_BEFORE.search(text, max(0, m.start() - 6), m.start())
            if w and ((len(w.group(1)) == 1 and w.group(1).isupper()) or w.group(1) in _ABBREVIATED_SET):
                continue
            if CLOCK_END.search(text, max(0, m.start() - 12), m.end()) and (
                (gap := _SPACE.match(text, m.end()))
                and (CLOCK_GOES_ON.match(text, gap.end()) or text[gap.end() : gap.end() + 1].islower())
            ):
                continue
        yield m
_AHEAD = re.compile(r"\b(?:will|shall|is to|are to|scheduled|planned|plans?|this year)\b", re.I)
# "China has been part of RIMPAC since 2014, but was not invited this year": a year the
# series has run since is no edition of this year's sentence (nor a floor: "taken part
# since 1999, with this year marking the 15th time" bounds nothing the calendar can use)
_SINCE = re.compile(r"(?i)\bsince\s+$")
# A series' origin is no edition recalled: "The Quad was revived in 2017, which was formed
# in 2004", "Malabar began in 1992" (the calendar may list editions only from years later)
_ORIGIN_BEFORE = re.compile(
    r"(?i)\b(?:formed|founded|established|revived|relaunched|created|set\s+up|inaugurated|"
    r"(?:began|started)(?=\s+in\b))\s+(?:back\s+)?(?:in\s+)?$"
)
# (not the noun: "U.S. Forces and host nation partners")
_HOST = re.compile(r"\bhost(?:s|ed|ing)?\b(?!\s+(?:nations?|countr(?:y|ies)|governments?|cities|city)\b)", re.I)
# A caption line: a sentence, then the photographer and agency ("... 2022. (Jo Roe/AP)"). Its
# date is the picture's, often one from the archive, not the text's.
# So is a line ending in its credit: "... in May 2014. Credit: NASA/Bill Ingalls", "... Photo:
# AFP/File".
PHOTO_CAPTION = re.compile(
    # ("... Dec. 7, 2021. [AP Photo/Eugene Hoshiko]": the credit in square brackets too)
    r"^[^\n]*[.!?](?:\s*\([^()\n]{3,100}/[^()\n]{2,60}\)|\s*\[[^\[\]\n]{3,100}/[^\[\]\n]{2,60}\]|"
    # (on the caption's own line: a release's photo credited on the line below, "... at the
    # Pentagon, Jan. 15, 2026." / "Credit: Navy Petty Officer ...", is of the day it reports)
    r"[ \t]*(?:Photo\s+credit|Credit|Photo|Image|Picture)s?[ \t]*:[ \t]*[^\n]{2,80}|"
    # "... October 27, 2022. REUTERS/Evelyn Hockstein": a wire's picture credit
    # (or several: "REUTERS/U.S. Navy/Mass Communication Specialist .../Handout")
    r"[ \t]+(?:REUTERS|AFP|AP\s+Photo|EPA)(?:/[^\n/]{2,60}){1,4})[ \t]*$"
    # "FILE PHOTO – U.S. President Joe Biden disembarks Air Force One ...": an archive picture
    r"|^[ \t]*FILE\s+PHOTO\b[^\n]*$"
    # a credit on the line above its caption ("REUTERS/Eloisa Lopez" over "A Filipino soldier
    # fires ... April 13, 2023."; "Yomiuri Shimbun file photo" over "The building that ...")
    r"|^[ \t]*(?:REUTERS|AFP|AP(?:\s+Photo)?|EPA|Kyodo|Jiji(?:\s+Press)?|(?:The\s+)?Yomiuri\s+Shimbun(?:\s+file\s+photo)?)"
    r"(?:/[^\n/]{2,60}){0,3}[ \t]*\n[^\n]*[.!?][ \t]*$",
    re.M,
)


def in_caption(text: str):
    """A test of whether a position of `text` lies in one of its photo-caption lines."""
    spans = [(m.start(), m.end()) for m in PHOTO_CAPTION.finditer(text)]
    return lambda pos: any(a <= pos < b for a, b in spans)

# "from June 12 until mid-July", "May 10 to May 31": a yearless span, as two dates
_SPAN_JOIN = re.compile(r"\s*(?:and|to|through|until|till|-|–)\s*$", re.I)


@dataclass(frozen=True)
class _Fit:
    edition: Edition
    score: int
    why: str


def edition_clues(text: str, gazetteer, today: date) -> list[tuple[str, frozenset[int]]]:
    """The years the named exercises' known editions allow, one clue per exercise.

    Each clue is (reason, years), e.g. ("Valiant Shield 2024 ran 7-18 June (gazetteer
    editions): 'June 7'", {2024}). A text that writes a full date with its year states its
    own year, and gets no clue here. Editions that had not begun by `today` are left out;
    `today` is never a date given to the text.
    """
    if gazetteer is None or not text:
        return []
    text = text[:_READ]
    raws = scan(text)
    captioned = in_caption(text)
    if any(r.year and r.month and r.day and not r.future and not r.relative and not captioned(r.start) for r in raws):
        return []
    try:
        mentions = [m for m in gazetteer.find(text) if m.entity.type in DATED_TYPES and m.entity.editions]
    except Exception:  # noqa: BLE001 - dating must not fail for want of a name
        return []
    days = [r for r in raws if r.year is None and r.month and r.day and not r.relative]
    month_raws = [r for r in raws if r.year is None and r.month and not r.day and not r.relative
                  and not r.future and r.precision == "month"]
    spans = _spans(text, raws)
    past_years = [r for r in raws if r.year and not r.month and not r.future and not r.relative
                  and r.year <= today.year]
    by_entity: dict[str, list] = {}
    for m in mentions:
        by_entity.setdefault(m.entity.id, []).append(m)
    # A text about one series only: "this marks the third iteration of the trilateral drills"
    # a sentence after "... their trilateral multi-domain exercise, named Freedom Edge" is
    # that series' third
    lone = _iteration_ordinals(text) if len(by_entity) == 1 else set()
    # ("will hold ... from June 21 to 22, 2022": a plan's written year says more than "an
    # edition after the first, in 2010")
    planned_year = any(r.year and r.month and r.day and r.future and not r.relative and not captioned(r.start) for r in raws)
    clues = []
    for ms in by_entity.values():
        clue = _clue(text, ms, days, past_years, gazetteer, today, spans, lone, month_raws, planned_year)
        if clue:
            clues.append(clue)
    return clues


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    head = max((m.end() for m in _ends(text, max(0, start - 600), start)), default=max(0, start - 600))
    tail = next(_ends(text, end, end + 600), None)
    return head, tail.start() if tail else min(len(text), end + 600)


def _spans(text: str, raws: list[RawDate]) -> list[tuple[RawDate, RawDate]]:
    """Yearless spans the text writes as two dates: "from June 12 until mid-July"."""
    out = []
    for a, b in pairwise(raws):
        if (a.year is None and b.year is None and a.month and a.day and b.month and not a.relative
                and not b.relative and _SPAN_JOIN.fullmatch(text[a.end : b.start])):
            out.append((a, b))
    return out


def _iteration_ordinals(text: str) -> set[int]:
    """Ordinals of an iteration or edition anywhere in the text ("the third iteration", "the
    sixth time the operation has been conducted")."""
    return {
        n for o, n in _ordinals(text)
        if "noun" not in o.re.groupindex or (o.group("noun") or "").lower().startswith(("iteration", "edition"))
    }


# "in the city of Osaka": the place with its kind. (Not "in Japan's capital Tokyo": a story
# of the Quad's foreign ministers there in 2020 is not the leaders' 2022 summit in Tokyo,
# and the Quad's name does not tell the two apart.)
_CITY_OF = r"(?:(?:(?:port|southern|northern|western|eastern|capital)\s+)?(?:city|capital|town)\s+of\s+)?"
_PLACE_AFTER_CHARS = 60  # how far after a forum's name "in <place>" may tell where it met
_FEW_AT_PLACE = 3  # a place tells editions apart when at most a third of them were held there


def _clue(text, mentions, days: list[RawDate], past_years: list[RawDate], gazetteer, today,
          spans: list[tuple[RawDate, RawDate]] = (), lone: set[int] = frozenset(),
          month_raws: list[RawDate] = (), planned_year: bool = False):
    ent: Entity = mentions[0].entity
    held = [e for e in ent.editions if e.start <= today]
    if not held:
        return None
    numbers: set[int] = set()
    ordinals: set[int] = set(lone)
    months: set[tuple[int, str]] = set()
    floor: int | None = None
    again = False
    sentences: list[str] = []
    bounds: set[tuple[str, int]] = set()  # ("end", 5): "holding the exercise ... through Saturday"
    for m in mentions:
        named_end = m.end
        if num := NUMBERED.match(text, m.end):
            numbers.add(int(num.group(1)))
            named_end = num.end()
        s, e = _sentence(text, m.start, m.end)
        sentence = text[s:e]
        sentences.append(text[m.end : min(e, m.end + _PLACE_AFTER_CHARS)])
        ordinals |= stated_ordinals(sentence)
        # ("held the Camp David Trilateral Summit in August": the month it was held in)
        months |= {(r.month, r.text) for r in month_raws if s <= r.start < e}
        for r in past_years:
            if not s <= r.start < e or m.start <= r.start < named_end:
                continue  # another sentence, or the edition's own name ("Talisman Sabre 2023")
            if _ORIGIN_BEFORE.search(text, max(s, r.start - 30), r.start):
                continue
            if _AHEAD.search(sentence):
                if not _SINCE.search(text, max(0, r.start - 12), r.start):
                    numbers.add(r.year)  # "Valiant Shield's aims for 2024 will be ...": this edition
            elif floor is None or r.year > floor:
                floor = r.year  # an earlier edition recalled: this story is about a later one
        again = again or bool(_AGAIN.search(sentence))
        bounds |= weekday_bounds(sentence, m.end - s)
        bounds |= bounds_told_after(text, e)
    if bounds and (lede := _LEDE_START.search(text, 0, _LEDE_DAY_CHARS)):
        bounds.add(("start", _WEEKDAY_NAMES.index(lede.group("wd").lower())))
    hosts = _hosts(text, gazetteer)
    held_at = Counter(p for ed in held for p in ed.places)  # how many editions met at each place

    fits: list[_Fit] = []
    for ed in held:
        if floor is not None and ed.year <= floor:
            continue
        if hosts and ed.host and ed.host not in hosts:
            continue  # the text names who hosts it, and this edition had another host
        score, why = 0, []
        named = ed.number if ed.number is not None else ed.year % 100  # "Talisman Sabre 23"
        if named in numbers or ed.year in numbers:
            score += 10
            why.append(f"{ent.name} {ed.number or ed.year}")
        if ed.ordinal is not None and ed.ordinal in ordinals:
            score += 6
            why.append(f"its {_nth(ed.ordinal)} edition")
        best_day = 0
        for r in days:
            got = _day_fit(ed, r)
            if got > best_day:
                best_day = got
                day_text = r.text
        for a, b in spans:
            got = _span_fit(ed, a, b)
            if got > best_day:
                best_day = got
                day_text = text[a.start : b.end]
        if best_day:
            score += best_day
            why.append(repr(day_text))
        elif run_weekdays(ed, bounds):
            # "announced the start of a trilateral exercise ... on Thursday" / "... are holding
            # the exercise, called Freedom Edge, through Saturday": the editions that began and
            # ended on the weekdays told (one of them alone fits too many, where the gazetteer
            # misses an edition or a phase)
            score += 2
            told = ", ".join(f"{which}s on a {_WEEKDAY_NAMES[wd].title()}" for which, wd in sorted(bounds))
            why.append(told)
        elif held_in := [said for month, said in months if month in (ed.start.month, ed.end.month)]:
            score += 1
            why.append(repr(held_in[0]))
        # ("the G7 leaders' summit in Hiroshima": the edition held there, when few were: a
        # forum held at the White House or in Singapore every year is not told apart by it)
        if at := [
            p for p in ed.places
            if held_at[p] * _FEW_AT_PLACE <= len(held)
            and any(re.match(rf"[^.;]{{0,40}}?\b(?:in|at)\s+(?:the\s+)?{_CITY_OF}{re.escape(p)}\b", x) for x in sentences)
        ]:
            score += 3
            why.append(f"in {at[0]}")
        if score and ed.host and ed.host in hosts:
            score += 1
            why.append(f"hosted by {ed.host}")
        if score:
            fits.append(_Fit(ed, score, ", ".join(why)))
    if not fits:
        if floor is None or ent.partial or planned_year:
            return None
        later = [ed for ed in held if ed.year > floor]
        if not later:
            return None
        if again:
            nxt = later[0]
            return (f"{ent.name} {nxt.year}: the edition after {floor} (gazetteer editions)",
                    frozenset({nxt.year}))
        return (f"{ent.name}: an edition after {floor} ({', '.join(str(e.year) for e in later)}; gazetteer editions)",
                frozenset(e.year for e in later))
    top = max(f.score for f in fits)
    best = [f for f in fits if f.score == top]
    reason = "; ".join(f"{ent.name} {f.edition.year} ran {edition_span(f.edition)} ({f.why}; gazetteer editions)"
                       for f in best)
    return reason, frozenset(f.edition.year for f in best)


_RUN_BOUND = re.compile(
    r"(?i)\b(?:(?P<end>through|until|till|ends?|ending|ended|concludes?|concluded|concluding|wraps?\s+up|wrapped\s+up)|"
    r"(?P<start>began|begins|started|starts|kicked\s+off|kicks\s+off|opened|opens|launched))\s+(?:on\s+)?"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


# "Japan's Defense Ministry has announced the start of a trilateral exercise with the United
# States and South Korea on Thursday": the lede's first day of a run
_LEDE_START = re.compile(
    r"(?i)\b(?:start|beginning|opening|kick-?off)\s+of\s+(?:a|an|the|their|its)\s+[^.;]{0,90}?\bon\s+"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


# The sentences that go on about the exercise just named: "The three-day exercises began on
# Thursday ...", "They ... are scheduled to run through Saturday"
_GOES_ON = re.compile(
    r"[.!?]?[\"”’)]*\s*(?:(?:The|These|This|Those|Its|Their)\s+(?:[\w'’-]+\s+){0,3}?(?:exercises?|drills?|trainings?|"
    r"maneuvers|manoeuvres|operations?)\b|(?:They|It)\s)"
)
_GOES_ON_SENTENCES = 3


def bounds_told_after(text: str, end: int) -> set[tuple[str, int]]:
    """The run's weekdays told in the sentences right after the name's that go on about it
    ("... have begun their Freedom Edge exercises. | The three-day exercises began on
    Thursday ... They ... are scheduled to run through Saturday"), up to the first that does not."""
    out: set[tuple[str, int]] = set()
    for _ in range(_GOES_ON_SENTENCES):
        if not (g := _GOES_ON.match(text, end)):
            break
        s, e = _sentence(text, g.end(), g.end())
        s = max(s, end)
        out |= weekday_bounds(text[s:e], 0)
        if e <= end:
            break
        end = e
    return out


def run_weekdays(ed: Edition, bounds: set[tuple[str, int]]) -> bool:
    """Did the edition begin and end on the weekdays told (both told: one alone fits too many)?"""
    return {which for which, _ in bounds} == {"start", "end"} and ed.precision == "day" and all(
        (ed.start if which == "start" else ed.end).weekday() == wd for which, wd in bounds
    )


def weekday_bounds(sentence: str, after: int = 0) -> set[tuple[str, int]]:
    """The weekdays a sentence tells a run began or ends on, after the name at `after`."""
    return {
        ("end" if b.group("end") else "start", _WEEKDAY_NAMES.index(b.group("wd").lower()))
        for b in _RUN_BOUND.finditer(sentence, after)
    }


def _day_fit(ed: Edition, r: RawDate) -> int:
    """How well a yearless day fits an edition: 5 when it is a run from the edition's first
    day to its last ("from June 27 to Aug. 2"), 4 on its first or last day, 2 within it."""
    y = ed.start.year if (r.month, r.day) >= (ed.start.month, ed.start.day) else ed.end.year
    try:
        day = date(y, r.month, r.day)
    except ValueError:
        return 0
    if r.weekday is not None and day.weekday() != r.weekday:
        return 0
    if ed.precision == "day" and getattr(r, "end_day", None) and r.end_day > r.day:
        # "between November 1-11": the run must fit the edition, not only touch its last day
        # (Keen Sword 2024 ended on 1 November; 2016's ran from 30 October to 11 November)
        try:
            last = date(day.year, r.month, r.end_day)
        except ValueError:
            return 0
        if not (ed.start - _SLACK <= day and last <= ed.end + _SLACK):
            return 0
        return 5 if (day, last) == (ed.start, ed.end) else 3
    if ed.precision == "day" and day == ed.start and r.text[-1:].isdigit():
        # (RIMPAC 2018 and 2024 both began on 27 June; only 2018's ended on 2 August)
        said = find_dates(r.text, date(ed.end.year, 12, 31))
        if said and (said[0].date_start, said[0].date_end) == (ed.start, ed.end):
            return 5
    if ed.precision == "day" and day in (ed.start, ed.end):
        return 4
    slack = _SLACK if ed.precision == "day" else timedelta(0)
    return 2 if ed.start - slack <= day <= ed.end + slack else 0


def _span_fit(ed: Edition, a: RawDate, b: RawDate) -> int:
    """How well a yearless span fits an edition: 3 when each covers most of the other ("from
    June 12 to mid-July" and 19 June-14 July), more than a single day within it says."""
    if ed.precision != "day":
        return 0
    try:
        start = date(ed.start.year, a.month, a.day)
        last = calendar.monthrange(ed.start.year, b.month)[1]
        day = b.day or (15 if b.text.lower().startswith("mid") else 10 if b.text.lower().startswith("early") else last)
        end = date(ed.start.year + (b.month < a.month), b.month, day)
    except ValueError:
        return 0
    overlap = (min(end, ed.end) - max(start, ed.start)).days + 1
    longer = max((end - start).days, (ed.end - ed.start).days) + 1
    return 3 if end >= start and overlap > 0 and overlap * 2 >= longer else 0


def _hosts(text: str, gazetteer) -> set[str]:
    """Countries the text says host something ("hosted by the JMSDF", "India will host")."""
    out: set[str] = set()
    spans = [(m.start(), m.end()) for m in _HOST.finditer(text)][:20]
    if not spans:
        return out
    for m in gazetteer.find(text):
        if any(abs(m.start - s) <= 60 or abs(m.end - e) <= 60 for s, e in spans):
            country = m.entity.name if m.entity.type == "country" else m.entity.country
            if country:
                out.add(country)
    return out


def stated_ordinals(text: str) -> set[int]:
    """The series ordinals the text states: "the 40th iteration" -> {40}, "the sixth time
    the operation has been conducted" -> {6}; not those of an edition recalled ("Following
    the inaugural exercise last June")."""
    return {n for _, n in _ordinals(text)}


def _ordinals(text: str):
    """Each series ordinal the text states (_ORDINAL, _ORDINAL_TIME) with its number, those of
    an edition recalled left out."""
    for o in (*_ORDINAL.finditer(text), *_ORDINAL_TIME.finditer(text)):
        if not _RECALLED_ORDINAL_BEFORE.search(text, max(0, o.start() - 20), o.start()) and (
            not _RECALLED_ORDINAL_AFTER.match(text, o.end())
        ):
            yield o, int(o.group("n")) if o.group("n") else _ORDINAL_WORDS[o.group("w").lower()]


# "This is the sixth time the operation has been conducted in the region": the series' count
# (not "the sixth time North Korea has fired", nor "for the first time")
_ORDINAL_TIME = re.compile(
    r"\b(?:(?P<n>\d{1,3})(?:st|nd|rd|th)|(?P<w>" + "|".join(_ORDINAL_WORDS) + r"))[ \t]+time[ \t]+"
    r"(?:that[ \t]+)?(?:the[ \t]+)?(?:exercise|operation|drills?|event|series|it)[ \t]+"
    r"(?:has|have|had|is|was)[ \t]+(?:been[ \t]+|being[ \t]+)?(?:held|conducted|staged|run|hosted)\b",
    re.I,
)


_RECALLED_ORDINAL_BEFORE = re.compile(r"(?i)(?:following|after|since)\s+(?:the|its|their)\s+$")
_RECALLED_ORDINAL_AFTER = re.compile(r"(?i)\s+(?:last\s+(?:year|month|week|[A-Z][a-z]+)|the\s+previous|held\s+(?:last|in))")


def edition_span(ed: Edition) -> str:
    if ed.precision != "day":
        return f"{ed.start:%B}-{ed.end:%B} {ed.end.year}" if ed.start.month != ed.end.month else f"{ed.start:%B %Y}"
    if ed.start == ed.end:
        return f"{ed.start.day} {ed.start:%B}"
    if ed.start.month == ed.end.month:
        return f"{ed.start.day}-{ed.end.day} {ed.start:%B}"
    return f"{ed.start.day} {ed.start:%B}-{ed.end.day} {ed.end:%B}"


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_ALLIANCE = frozenset({"Japan", "United States"})
_CLAUSE_END = re.compile(r"[,;:()]|\s(?:but|while|after|before|when|then)\s")
_NEAR = 100  # characters after a meeting's name where its weekday may stand
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _calendar_mentions(text: str, gazetteer) -> list[tuple]:
    """The text's mentions of a calendar that lists every edition of its series, each with
    its sentence's bounds: (mention, start, end). Not a calendar kept by venue (`office`
    forums: see meeting_day) nor a `partial` one, which do not list every meeting of a year;
    not in a sentence naming another country ("India and the U.S. held a two-plus-two on
    Sunday": another pair's meeting of the same shape; the calendar holds the alliance's own)."""
    try:
        found_all = gazetteer.find(text)
    except Exception:  # noqa: BLE001 - dating must not fail for want of a name
        return []
    out = []
    for m in found_all:
        if m.entity.type not in DATED_TYPES or not m.entity.editions or m.entity.office or m.entity.partial:
            continue
        s, e = _sentence(text, m.start, m.end)
        # (a country of the series itself is no other pair: "India's defense ministry says the
        # Malabar drill began on Tuesday")
        own = _ALLIANCE | {m.entity.country} | set(getattr(m.entity, "members", None) or ())
        roles = " ".join(m.entity.roles)
        if not any(c.entity.type == "country" and c.entity.name not in own and c.entity.name not in roles
                   and s <= c.start < e for c in found_all):
            out.append((m, s, e))
    return out


_HELD_PAST = re.compile(r"\b(?:met|held|convened|hosted|gathered|attended|co-chaired|took\s+place)\b", re.I)


def named_edition_day(text: str, gazetteer, years: frozenset[int] | set[int], today: date,
                      ) -> tuple[date, str] | None:
    """The day of the one edition, in the years a story's office-holders allow, of a calendar
    meeting it names as held ("Today, Secretary of Defense Jim Mattis met with Japanese
    Defense Minister Itsunori Onodera on the sidelines of the U.S.-Japan Security
    Consultative Committee": Mattis and Onodera share 2017 and 2018, and the SCC met once
    in them, on 17 August 2017); None when the sentence recalls or plans it, or the years
    hold no edition or two."""
    if gazetteer is None or not text or not years:
        return None
    text = text[:_READ]
    found: dict[date, str] = {}
    for m, s, e in _calendar_mentions(text, gazetteer):
        if m.entity.type != "forum":
            continue
        sentence = text[s:e]
        if not _HELD_PAST.search(sentence) or _RECALLED.search(sentence) or _PLANNED.search(sentence):
            continue
        if any(r.year for r in scan(sentence) if not r.relative):
            continue  # dated already, or another year's
        held = [ed for ed in m.entity.editions
                if ed.precision == "day" and ed.start.year in years and ed.start <= today]
        if len(held) == 1:
            day = held[0].start
            found.setdefault(day, f"the {m.entity.name} held on {day:%A} {day.day} {day:%B %Y}, "
                                  "its one meeting in the years its office-holders allow (gazetteer editions)")
        elif held:
            return None
    if len(found) != 1:
        return None
    return next(iter(found.items()))


_THROUGH_BEFORE = re.compile(r"(?i)\b(?:through|until|till)\s+(?:on\s+)?$")
_BEGAN_BEFORE = re.compile(r"(?i)\b(?:began|begins|started|starts|kicked\s+off|opened|got\s+under\s*way)\s+(?:on\s+)?$")


def calendar_day(text: str, gazetteer, year: int, after: date | None = None,
                 weeks: timedelta | None = None) -> tuple[date, str, date] | None:
    """The day a text known only to its year is anchored to by a calendar meeting or
    exercise it names with a bare weekday: "held a two-plus-two meeting ... on Sunday" in a
    2024 story is the Security Consultative Committee of Sunday 28 July 2024. Returns the
    day, the reason and the first day of its edition (an exercise's other weekdays, "kicked
    off Wednesday", fall from there), or None unless exactly one held day of that year fits
    the weekday. A plan ("will meet on Sunday") anchors nothing: a preview is written
    before the day.

    `after`: the latest day the text writes, when that is all that dates it ("missiles on
    Nov. 5" above "Freedom Edge 24-2 ends on Friday"); only days in the `weeks` after it
    (four, unless told) count, and a day ahead ("ends on Friday") is of the edition under
    way: the story is then dated to its first day.
    """
    if gazetteer is None or not text or not _WEEKDAY_WORDS.search(text, 0, _READ):
        return None  # (a look-up over the whole text costs milliseconds: only when it can fit)
    text = text[:_READ]
    found: dict[date, tuple[str, date, bool]] = {}  # day -> (reason, edition's first day, told ahead)
    for m, s, e in _calendar_mentions(text, gazetteer):
        # The weekday of the meeting's own clause, after its name: "held a two-plus-two
        # meeting ... in the capital on Sunday", not "spoke by phone on Friday and agreed to
        # hold a 2+2".
        # ("the Forum (DICAS), kicked off its first meeting on Sunday": past the acronym's
        # parenthesis)
        paren = _PAREN_CLOSE.match(text, m.end)
        begin = paren.end() if paren else m.end
        clause = _CLAUSE_END.search(text, begin, min(e, begin + _NEAR))
        stop = clause.start() if clause else min(e, begin + _NEAR)
        for r in scan(text[s:stop]):
            wd = r.text.strip().lower()
            if s + r.start < m.end or not r.relative or wd not in _WEEKDAY_NAMES:
                continue
            if r.future and after is None:
                continue
            # (after the days it recalls, "ends on Friday" is the edition under way: the
            # story is of its first day at the latest)
            # ("the Malabar drill began on Tuesday": its first day, not a later Tuesday of it)
            began = bool(_BEGAN_BEFORE.search(text, max(s, s + r.start - 30), s + r.start))
            # ("are holding the exercise ... through Saturday": a run told to its end is
            # under way, the story of its first day at the latest)
            through = bool(_THROUGH_BEFORE.search(text, max(s, s + r.start - 12), s + r.start))
            for ed in m.entity.editions:
                if ed.precision != "day" or year not in (ed.start.year, ed.end.year):
                    continue
                day = ed.start
                while day <= (ed.start if began else ed.end):
                    if (day.year == year and day.weekday() == _WEEKDAY_NAMES.index(wd)
                            and (after is None or after <= day <= after + (weeks or _AFTER_WEEKS))):
                        found.setdefault(day, (f"{m.entity.name} on {r.text} is the one of "
                                               f"{day:%A %d %B %Y} (gazetteer editions)", ed.start,
                                               r.future or through))
                    day += timedelta(days=1)
    if len(found) != 1:
        return None
    ((day, (why, first, ahead)),) = found.items()
    return (max(first, after or first) if ahead else day), why, first


def calendar_month(text: str, gazetteer, after: date) -> tuple[date, str] | None:
    """The month a story is written in when it recalls a calendar meeting as "last month"
    ("Last month, the top diplomatic and defense officials ... met in a Security
    Consultative Committee (2+2) meeting") and the latest day it writes (`after`, "the
    video conference held on March 12") comes just before that meeting: the first day of
    the month after the meeting's (of its month, for "this month"). None unless exactly one
    edition in the weeks after `after` fits."""
    if gazetteer is None or not text or not _MONTH_BACK_WORDS.search(text, 0, _READ):
        return None  # (a look-up over the whole text costs milliseconds: only when it can fit)
    text = text[:_READ]
    found: dict[date, str] = {}
    for m, s, e in _calendar_mentions(text, gazetteer):
        for r in scan(text[s:e]):
            phrase = " ".join(r.text.lower().split())
            if not r.relative or r.future or phrase not in _MONTH_BACK:
                continue
            for ed in m.entity.editions:
                if ed.precision != "day" or not after <= ed.start <= after + _AFTER_WEEKS:
                    continue
                month = ed.start.month + _MONTH_BACK[phrase]
                first = date(ed.start.year + (month > 12), (month - 1) % 12 + 1, 1)
                found.setdefault(first, f"{m.entity.name} of {ed.start.day} {ed.start:%B %Y}, "
                                        f"{r.text.strip()} (gazetteer editions)")
    if len(found) != 1:
        return None
    ((first, why),) = found.items()
    return first, why


_WEEKDAY_WORDS = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_MONTH_BACK_WORDS = re.compile(r"(?i)\b(?:last|this)\s+month\b")
_PAREN_CLOSE = re.compile(r"\)\s*,?\s*")
_AFTER_WEEKS = timedelta(days=28)  # how long after the latest day it writes a story is written


# --- meetings known by who met where --------------------------------------------------------
#
# A story often names a calendar meeting only by its participants and its venue: "Austin
# and Nakatani, meeting in Darwin on Sunday". The forums whose gazetteer entry lists
# `members` and an `office` hold such meetings, each edition with its place; the
# office-holders' terms say which editions the people named could have attended.

_OFFICE_ROLE = {
    # "Minister of Defense", "Secretary of Defense", "Deputy Prime Minister and Minister for
    # Defence", "Minister of National Defense", "Secretary of National Defense", "Secretary of War"
    "defense": re.compile(
        r"^(?:Deputy Prime Minister and )?(?:Minister (?:of|for) (?:National )?Defen[cs]e"
        r"|Secretary of (?:National )?Defen[cs]e|Secretary of War|Defen[cs]e Minister)\b", re.I),
    "leaders": re.compile(r"^(?:President|Prime Minister)\b(?! of the (?:Senate|Court))"),
    # "Minister for Foreign Affairs", "Secretary of State", "Foreign Minister"
    "foreign": re.compile(r"^(?:Minister (?:of|for) (?:Foreign|External) Affairs|Secretary of State|Foreign Minister)\b"),
}
_MET_PAST = re.compile(r"(?i)\b(?:met|held\s+talks|gathered|convened)\b")
# The offices named by their holders' title, as a sentence telling a meeting by countries does
_OFFICE_NOUN = {
    "defense": re.compile(r"(?i)\bdefen[cs]e\s+(?:ministers|chiefs|secretaries|heads)\b"),
    "leaders": re.compile(r"(?i)\b(?:leaders|heads\s+of\s+(?:state|government))\b"),
    "foreign": re.compile(r"(?i)\b(?:foreign\s+ministers|top\s+diplomats|foreign\s+policy\s+chiefs)\b"),
}
# The venue's sentence tells of the meeting itself...
_MET = re.compile(
    # ("Kihara, left, and Austin, second from right, talk at the Pentagon on Wednesday")
    r"\b(?:met|meet(?:s|ing|ings)?|talks|talked|talk(?=\s+(?:at|in|during)\b)|summit|convened|host(?:s|ed|ing)?(?!\s+nation)|gather(?:ed|ing)|"
    r"welcom(?:e|es|ed|ing)|receiv(?:e|es|ed|ing)|"
    # "Trump and Abe signed a statement Wednesday ... on the sidelines of the U.N. General
    # Assembly in New York"
    r"signed|sidelines|"
    r"(?:news|press) (?:conference|briefing|availability)|held)\b", re.I)
# ...not of one still to come (a preview is written before the day)...
_PLANNED = re.compile(
    r"\b(?:will|shall|would|is to|are to|scheduled|planned|plans? to|expected to|set to|upcoming|"
    r"due to|ahead of|next (?:week|month)|later this|to (?:meet|hold|host|visit|attend)|"
    # "we are looking forward to having talks on the sidelines of the G7 summit in Canada"
    r"look(?:s|ing|ed)? forward to|hop(?:e|es|ed|ing) to)\b", re.I)
# "Washington and Tokyo are seeking to reach a broad agreement": two capitals for their
# governments, no venue
_CAPITALS_PAIRED = re.compile(
    r"\b(?:Washington|Tokyo|Seoul|Beijing|Canberra|Manila|Moscow|Pyongyang)\s+and\s+"
    r"(?:Washington|Tokyo|Seoul|Beijing|Canberra|Manila|Moscow|Pyongyang)\b"
)
# "The two met on the sidelines of ... in Kuala Lumpur": the pair the story is about, named
# paragraphs before
_THE_TWO_MET = re.compile(
    r"(?i)\b(?:the\s+two|both)(?:\s+(?:ministers|leaders|men|sides|secretaries|chiefs))?\s+(?:also\s+)?met\b"
    r"|\bthey\s+(?:also\s+)?met\b"
)
_LOOKBACK = 200  # a sentence cut short ("Ferdinand R. Marcos") may carry its plan just before
# An announcement's own verb: "Biden will host Kishida and Yoon ... at Camp David on Aug. 18"
_WILL_MEET = re.compile(r"\b(?:will|to)\s+(?:host|meet|hold|visit|welcome|receive)\b", re.I)
_CUT_AT_INITIAL = re.compile(r"(?:^|[\s(])(?:[A-Z]|Jr|Sr)\.\s*$")


def _plan_from(text: str, s: int, para: int) -> int:
    """Where a plan that would make the sentence at `s` another's may start: the sentence,
    or, when it was cut after an initial ("President Ferdinand R. Marcos Jr. | of the
    Philippines and Prime Minister Kishida ... at the White House"), up to
    _LOOKBACK before it in its paragraph (not "The Artemis programme will include ...",
    a whole sentence before "Biden and Kishida met in Tokyo on Monday")."""
    return max(para, s - _LOOKBACK) if _CUT_AT_INITIAL.search(text, max(0, s - 6), s) else s


# ...nor of one recalled from before the story ("met in Darwin last month").
_NICKNAMED_BEFORE = re.compile(r"(?i)\b(?:winter|southern|western|summer)\s+$")
_RECALLED = re.compile(
    # ("we held the Japan-U.S. 2+2 meeting after one and a half years since the last time":
    # the interval since the one before, told of this one)
    r"\b(?<!since the )(?<!since )(?:last|previous|earlier this)[ \t]+(?:week|month|year|time)\b|\bago\b|"
    r"\bprevious(?:ly)?\b|"
    r"\bformer\b|\bin (?:19|20)\d\d\b|"
    # "who was joined by Kishida and Yoon at Camp David in August": a month told without its
    # day is a meeting recalled, not the story's
    r"\bin (?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b(?![ \t]+\d)|"
    # "The meeting was their first since February, when Ishiba flew to Washington"
    r"\bsince (?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:19|20)\d\d|last(?![ \t]+time\b)|their|the(?![ \t]+last[ \t]+time\b)|his|her)\b", re.I)


def holds(person: Entity, office: str, day: date) -> bool:
    """Did `person` hold `office` (one of the gazetteer's offices) on `day`?"""
    pattern = _OFFICE_ROLE[office]
    return any(pattern.search(role) and any(a <= day <= b for a, b in role_periods(role))
               for role in person.roles)


_NEWS_CREDIT = re.compile(r"\s+NEWS\b")


def meeting_day(text: str, gazetteer, years: frozenset[int] | set[int], today: date,
                planned: bool = False) -> MeetingDay | None:
    """The day of the calendar meeting a story names by who met where, when exactly one
    held day fits; the reason; and the venue the story names. A meeting fits when the text names one of its places in
    a sentence telling of a meeting held (not one recalled: "last month", "in 2023"; nor a
    plan: "will host"), names
    office-holders of at least two of its member countries (in office that day) or the
    meeting's own name, and no office-holder of another country, and the edition lies in `years` (the years
    the story's other clues allow). A bare weekday in the venue's sentence ("their meeting
    on Sunday in Darwin") must be the meeting's. Two fitting days date nothing.

    `planned`: the meeting announced instead, by the day written in the venue's sentence
    ("Biden will host Kishida and Yoon for a trilateral summit at the Camp David presidential
    retreat near Washington on Aug. 18": the Camp David Summit of 18 August 2023). The story
    is written before that day, so only the day's year is its. Told by its weekday alone
    ("Hegseth is set to meet ... Koizumi in Tokyo on Wednesday"), it is days away.
    """
    if gazetteer is None or not text or not years:
        return None
    text = text[:_READ]
    try:
        found_all = gazetteer.find(text)
        forums = gazetteer.office_forums()
    except Exception:  # noqa: BLE001 - dating must not fail for want of a name
        return None
    people_at = [(m.start, m.entity) for m in found_all if m.entity.type == "person" and m.entity.country]
    people = {p.id: p for _, p in people_at}
    venues = [m for m in found_all if m.entity.type in ("place", "country", "org")]
    named = {m.entity.id for m in found_all if m.entity.type == "forum"}
    if not venues or (len(people) < 2 and not named):
        return None
    found: dict[date, list[tuple[str, str, bool]]] = {}
    for forum in forums:
        for ed in forum.editions:
            if ed.precision != "day" or not ed.places or ed.start > today or ed.start.year not in years:
                continue
            # Who met: office-holders of two members at least, or the meeting's own name.
            holders = {p.country for p in people.values() if holds(p, forum.office, ed.start)}
            if len(holders & set(forum.members)) < 2 and forum.id not in named:
                continue
            # Every sentence telling of the meeting at the venue: a weekday any of them names
            # ("welcomed Abe Tuesday ... at the White House") is the meeting's.
            told: list[tuple[str, set[str]]] = []
            covered = 0.0  # the share of the forum's members whose office-holders are named there
            for v in venues:
                if v.entity.name not in ed.places:
                    continue
                if _NICKNAMED_BEFORE.search(text, max(0, v.start - 10), v.start):
                    continue  # "Trump's winter White House at Mar-a-Lago": not the White House
                if text[v.end : v.end + 2] in ("'s", "’s") or _CAPITALS_PAIRED.search(
                    text, max(0, v.start - 30), v.end + 30
                ):
                    continue  # "Tokyo's summit", "Washington and Tokyo are seeking": governments
                if _NEWS_CREDIT.match(text, v.end):
                    continue  # "DOD NEWS -- Secretary of Defense ...": who wrote it, not where
                s, e = _sentence(text, v.start, v.end)
                sentence = text[s:e]
                # (a plan in the paragraph before is another's)
                para = text.rfind("\n", 0, s + len(sentence) - len(sentence.lstrip())) + 1
                # (a cue after the venue is of what follows: "met in Tokyo on Monday for talks
                # expected to focus on maritime security")
                plan = _PLANNED.search(text, _plan_from(text, s, para), v.start) or (
                    None if _MET_PAST.search(text, s, v.start) else _PLANNED.search(text, v.start, e))
                if not _MET.search(sentence) or _RECALLED.search(sentence) or bool(plan) != planned:
                    continue
                if planned and not _WILL_MEET.search(sentence):
                    continue  # ("ahead of the summit", "looks forward to": no announcement)
                # Someone who met there is named with the venue, in its paragraph: in a
                # chronology, "Kono's statement at the UN in New York" is not a summit of
                # leaders named items away.
                para_end = text.find("\n", e)
                para_end = len(text) if para_end < 0 else para_end
                here = {p.country for at, p in people_at if para <= at < para_end and holds(p, forum.office, ed.start)}
                if not here and _OFFICE_NOUN[forum.office].search(sentence):
                    # "Foreign ministers from Australia, India, Japan and the United States ...
                    # met in Tokyo on Monday": the office told by its countries
                    told_of = {c.entity.name for c in found_all if c.entity.type == "country" and s <= c.start < e}
                    if len(told_of & set(forum.members)) >= 2 and not told_of - set(forum.members):
                        here = told_of
                if forum.id not in named and not _THE_TWO_MET.search(sentence) and not here & set(forum.members):
                    continue
                # ...and no office-holder of another country with them ("Biden, Kishida and
                # Yoon in Phnom Penh" is a trilateral; Johnson named paragraphs away is not)
                if here - set(forum.members):
                    continue
                raws = scan(sentence)
                if any(r.year for r in raws if not r.relative):
                    continue  # "in Tokyo on April 24, 2014" is dated already, or another year's
                # A weekday, or a yearless day ("jetted to Mar-a-Lago ... on Feb. 10"), in the
                # sentence is the meeting's.
                if planned:
                    # ("is set to meet ... in Tokyo on Wednesday": the announced day by its
                    # weekday, when no day is written)
                    if written := {(r.month, r.day) for r in raws if r.month and r.day and not r.relative} or {
                        r.text.strip().lower() for r in raws
                        if r.relative and r.text.strip().lower() in _WEEKDAY_NAMES
                    }:
                        told.append((v.entity.name, written))
                    continue
                told.append((v.entity.name, {
                    r.text.strip().lower() for r in raws
                    if r.relative and not r.future and r.text.strip().lower() in _WEEKDAY_NAMES
                } | {(r.month, r.day) for r in raws if r.month and r.day and not r.future}))
                covered = max(covered, len(here & set(forum.members)) / len(forum.members))
            if not told:
                continue
            said = set().union(*(w for _, w in told))
            weekdays = {w for w in said if isinstance(w, str)}
            days = said - weekdays
            venue = next((name for name, w in told if w), told[0][0])
            day = ed.start
            while day <= ed.end:
                if (not weekdays or _WEEKDAY_NAMES[day.weekday()] in weekdays) and (
                    not days or (day.month, day.day) in days
                ):
                    if said or ed.start == ed.end:
                        found.setdefault(day, []).append(
                            (f"the {forum.name} in {venue} on {day:%A} {day.day} {day:%B %Y}", venue,
                             bool(weekdays) and not days, len({name for name, _ in told}), covered))
                day += timedelta(days=1)
    if found:
        # ("PALM BEACH -- Trump and Abe talked defense and trade in Washington, then arrived
        # at Mar-a-Lago on Friday": the edition held at more of the places named, Palm Beach
        # and Mar-a-Lago in 2017, not a Friday of another year's summit in Washington)
        most = max(n[3] for names in found.values() for n in names)
        found = {day: names for day, names in found.items() if any(n[3] == most for n in names)}
        # ("Biden and Suga at a White House press briefing on Friday": their own summit of
        # 16 April 2021, not the Quad's Friday there in September, whose other two members
        # the story does not name)
        # (only a meeting all of whose members are named wins so: two of three and two of
        # four tell nothing apart)
        if any(n[4] == 1.0 for names in found.values() for n in names):
            found = {day: names for day, names in found.items() if any(n[4] == 1.0 for n in names)}
    if (
        len(found) > 1 and not planned and max(found) - min(found) > _ONE_VISIT
        and _FIRST_MEETING.search(text)
    ):
        # "this is Hamada's first meeting with Austin": of the meetings the two held where the
        # story says, their first (Washington, 14 September 2022, not January 2023)
        first = min(found)
        found = {d: n for d, n in found.items() if d - first <= _ONE_VISIT}
    if not found or (len(found) > 1 and (planned or max(found) - min(found) > _ONE_VISIT)):
        return None
    # Two meetings of one visit told as held ("first met on Tuesday when they joined Takaichi
    # and Trump ... in Yokosuka"; "held talks ... in Tokyo on Wednesday morning"): the story
    # is of the later one, and its weekdays run from the first.
    day = max(found)
    names = found[day]
    return MeetingDay(day, f"{names[0][0]}, by who met where (gazetteer editions)", names[0][1],
                      by_weekday=names[0][2], since=min(found))


# "Hamada's first meeting with Austin", "the first time Austin and Hamada met in person", "their
# first in-person talks": the first meeting of the people named
_FIRST_MEETING = re.compile(
    r"(?i)\bfirst\s+(?:(?:in-person|face-to-face|formal|bilateral)\s+)?(?:meeting|talks)\s+"
    r"(?:with|between|since)\b|\btheir\s+first\s+(?:(?:in-person|face-to-face|formal|bilateral)\s+)?"
    r"(?:meeting|talks)\b|\bfirst\s+time\s+(?:[\w.'’-]+\s+){1,6}(?:have\s+)?met\b"
)


class MeetingDay(NamedTuple):
    """A calendar meeting's day as meeting_day found it: the day, the reason, the venue named,
    and whether the story told the day only by its weekday ("on Wednesday"): a preview told
    so is written in the six days before it."""

    day: date
    reason: str
    venue: str
    by_weekday: bool = False
    since: date | None = None  # the first day of the visit's meetings the story tells


_ONE_VISIT = timedelta(days=6)  # the meetings of one visit, told in one story


# --- dated events ------------------------------------------------------------------------
#
# Some named things happen on known days, once or a few times: a satellite is launched once,
# a missile type test-fired a few times, a review released once, an agreement signed once. "The satellite lifted off on
# Sunday" names a dated event, and the gazetteer's `dated:` days say which Sunday; "the review
# released last month" says the text is of the month after. The text is written on that day
# or after it.

# The verbs that report each kind of dated event, as data: a document is released (or adopted),
# a missile fired, a satellite, rocket or mission launched or landed. A program's kind is read
# from its roles (`_kind_of`), so a strategy document named in a sentence that reports a
# missile "fired on Friday" is not dated by the firing's weekday.
_EVENT_VERBS: dict[str, tuple[str, ...]] = {
    "release": (r"released", r"publish(?:ed|es)", r"unveil(?:ed|s)", r"issued", r"completed",
                r"adopted", r"approved", r"rolled[ \t]+out"),
    "firing": (r"fir(?:ed|ing)", r"test[ \t-]fir(?:ed|ing)", r"launch(?:ed|es|ing)?",
               r"test[ \t-]launch(?:ed)?"),
    "launch": (r"launch(?:ed|es|ing)?", r"lift(?:ed|s|ing)?[ \t]+off", r"blast(?:ed|s|ing)?[ \t]+off",
               # a crew that "boarded the US private firm SpaceX's craft" for its launch
               r"board(?:ed|s|ing)[ \t]+(?:the[ \t]+)?(?:[\w'’-]+[ \t]+){0,4}?(?:craft|spacecraft|capsule|Soyuz|Dragon)",
               r"liftoff", r"land(?:ed|ing)", r"touch(?:ed|es)[ \t]+down", r"touchdown",
               # "astronauts ... headed to the International Space Station ... on Friday"
               r"head(?:ed|s|ing)?[ \t]+(?:to|for)[ \t]+the[ \t]+(?:International[ \t]+Space[ \t]+Station|ISS|space[ \t]+station)"),
    # ("The Artemis Accords ... have been officially unveiled on Tuesday": the day signed)
    "signing": (r"sign(?:ed|s|ing)", r"ink(?:ed|s)", r"unveil(?:ed|s)"),
}
# Roles that make a program a document or a missile; any other dated program (satellite,
# rocket, spacecraft, mission) is launched.
_RELEASED_ROLES = ("strategy document", "review", "policy document")
_FIRED_ROLES = ("missile",)
_SIGNED_ROLES = ("agreement", "accords", "treaty")
_VERBS = {kind: re.compile(r"\b(?:" + "|".join(verbs) + r")\b", re.I) for kind, verbs in _EVENT_VERBS.items()}
_HAPPENED = re.compile(r"\b(?:" + "|".join(v for vs in _EVENT_VERBS.values() for v in vs) + r")\b", re.I)


def _kind_of(entity: Entity) -> str:
    """Which verbs report a dated program's event: "release", "firing", "signing" or "launch"."""
    roles = " ".join(entity.roles).lower()
    if any(r in roles for r in _RELEASED_ROLES):
        return "release"
    if any(r in roles for r in _FIRED_ROLES):
        return "firing"
    if any(r in roles for r in _SIGNED_ROLES):
        return "signing"
    return "launch"


def event_verb(entity: Entity) -> re.Pattern[str]:
    """The verbs that report a dated program's event ("launched", "signed", "released")."""
    return _VERBS[_kind_of(entity)]


_MONTH_BACK = {"last month": 1, "this month": 0, "earlier this month": 0}


def _flat(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower().replace("u.s.", "us")))


def _dated_keys(gazetteer) -> tuple[tuple[str, str], ...]:
    """Each name of a dated thing, lower-cased with its punctuation flattened, with its
    longest word: a text holding none of them names none of them, however the gazetteer
    folds dashes and quotes."""
    keys = getattr(gazetteer, "_dated_keys", None)
    if keys is None:
        crews = _crews(gazetteer)
        names = {
            f" {flat} "
            for e in gazetteer.entities
            if getattr(e, "dated", None) or e.id in crews
            for name in (e.name, *e.aliases, *gazetteer.weak_aliases(e.id))
            if (flat := _flat(name))
        }
        keys = tuple(sorted((n, max(n.split(), key=len)) for n in names))
        gazetteer._dated_keys = keys
    return keys


def _sentences(text: str):
    """(start, end) of each sentence, as _sentence cuts them."""
    start = 0
    for m in _ends(text):
        yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)



# A crewed mission's homecoming: "returned to Earth on Sunday", "splashed down Saturday"
# (not its launch: "landed" is a lander's touchdown, and a capsule's splashdown)
RETURNED = re.compile(
    r"(?i)\b(?:return(?:ed|s)\s+(?:safely\s+)?(?:to\s+(?:the\s+)?Earth|home)|"
    r"splashed\s+down|splashdown|(?:is|are|were|was)\s+back\s+on\s+Earth|came\s+home|"
    # "arrived back on Earth on Thursday"; a headline's "Kimiya Yui Returns to Earth"
    r"arrived\s+back\s+on\s+Earth|"
    # a Soyuz capsule "landed in Kazakhstan", "touched down on the steppe"; a Dragon "landed
    # off the coast of California"
    r"landed\s+(?:safely\s+)?(?:in|on|near|off)|touched\s+down)\b"
)


# A crewed mission's arrival: "docked to the complex", "arrived at the International Space
# Station Monday" (not a plan's "will dock", nor "docking", the manoeuvre still to come)
DOCKED = re.compile(
    r"(?i)\b(?:docked|arrived\s+(?:safely\s+)?at\s+the\s+(?:International\s+Space\s+Station|ISS|space\s+station|"
    r"orbiting\s+(?:laboratory|lab|outpost))|reached\s+the\s+(?:International\s+Space\s+Station|ISS|space\s+station))\b"
)


def astronaut_missions(gazetteer) -> dict[str, tuple[Entity, ...]]:
    """The crewed missions each astronaut flew, by the astronaut's id (the dater's clue for
    one told aboard the station)."""
    return _crews(gazetteer) if gazetteer is not None else {}


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around text[start:end], as the calendars cut sentences."""
    return _sentence(text, start, end)


def _crews(gazetteer) -> dict[str, tuple[Entity, ...]]:
    """Each astronaut the gazetteer seats on a crewed mission it dates (the mission's roles
    name them), by the astronaut's id: "Noguchi returned to Earth" tells Crew-1's return."""
    crews = getattr(gazetteer, "_crews", None)
    if crews is None:
        flown = [e for e in gazetteer.entities if getattr(e, "returned", None)]
        people = {e.name: e for e in gazetteer.entities if e.type == "person"}
        crews = {}
        for mission in flown:
            for role in mission.roles:
                if (person := people.get(role)) is not None:
                    crews[person.id] = (*crews.get(person.id, ()), mission)
        gazetteer._crews = crews
    return crews


def _happenings(entity: Entity, sentence: str, crews) -> list[tuple[date, str]]:
    """The dated days a sentence may tell of an entity it names, each with what happened:
    a mission's return when the sentence tells a homecoming, else its launch (or a
    document's release, a missile's firing, an agreement's signing); an astronaut's
    mission's, told the same way."""
    home = RETURNED.search(sentence)
    docked = DOCKED.search(sentence)
    missions = crews.get(entity.id, ()) if entity.type == "person" else (entity,)
    out: list[tuple[date, str]] = []
    for mission in missions:
        if home and mission.returned:
            verb = re.sub(r"\s+(?:in|on|near)$", "", home.group().lower())
            out += [(day, f"{mission.name} {verb}") for day in mission.returned]
        elif docked and not home and mission.docked:
            out += [(day, f"{mission.name} docked") for day in mission.docked]
        elif not (home and entity.type == "person") and (verb := event_verb(mission).search(sentence)):
            out += [(day, f"{mission.name} {verb.group().lower()}") for day in mission.dated]
    return out


# A weekday that names the day of the lede's event ("returned to Earth on Sunday"): not a
# bound or another week's ("until Friday", "since Monday", "last Friday"). The dater reads
# it too (bot.kb.documents).
LEDE_WEEKDAY = re.compile(
    r"(?<!until )(?<!till )(?<!since )(?<!through )(?<!from )(?<!by )(?<!last )(?<!next )"
    r"(?<!before )(?<!after )(?<!this )\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_LEDE_DAY_CHARS = 500


# A sentence naming a flight's crew: "The crew comprised Soyuz commander ..., flight engineer"
_CREW_OF = re.compile(
    r"(?i)\bcrew\s+(?:comprised|consisted|consists|includes|included|members)\b|\bflight\s+engineers?\b|"
    # "On board are Americans Anne McClain and Nichole Ayers, Japanese Takuya Onishi, ..."
    r"^\W*(?:on\s+board|aboard)\s+(?:are|were|is|was)\b|"
    # "The spacecraft carrying Norishige Kanai of the Japan Aerospace Exploration Agency"
    r"\b(?:spacecraft|capsule|Soyuz|Dragon)\s+carrying\b"
)


def _told_happening(sentence: str) -> bool:
    return bool(_HAPPENED.search(sentence) or RETURNED.search(sentence) or DOCKED.search(sentence))


def dated_event_day(text: str, gazetteer, today: date,
                    filed: tuple[int, int] | None = None) -> tuple[date, str, str, bool] | None:
    """The day (or month) a yearless text is anchored to by a dated event it reports with
    the weekday, the yearless date or the month it happened: "QZS-6 ... launched on Sunday"
    is Sunday 2 February 2025 when the gazetteer dates QZS-6's launch that day; "the review
    released last month" puts the text in the month after the release. The weekday may be
    the day before in a report from the other side of the date line (a Tuesday morning
    launch in Japan is Monday in Washington), or the day after when told in Japan's time (a
    Wednesday afternoon launch in Florida is "1 a.m. Thursday Japan time"), when no event
    fell on the weekday itself. Returns the
    day, the reason, the precision ("day" or "month") and whether the story tells the event
    as of its own day ("earlier in the day", "today"), or None unless exactly one event fits
    every mention that fits one: "adopted the National Defense Strategy and the Defense
    Buildup Program on Friday" is the Friday the second was adopted, though strategies of
    that name were released on three Fridays, and two mentions that fit different days date
    nothing, unless the story tells one as of its own day. A plan ("will launch on Sunday")
    and a sentence writing its year anchor nothing. `filed`: the (month, day) of a yearless
    dateline ("Tokyo, Oct. 6 (Jiji Press)"): the event is of the week before it, so a
    Soyuz launched on a Thursday in November is not the Thursday launch it reports."""
    if gazetteer is None or not text or not _told_happening(text):
        return None
    text = text[:_READ]
    # Only the sentences that name a dated thing and tell of its event are looked up (a
    # gazetteer look-up over the whole text costs milliseconds).
    keys = _dated_keys(gazetteer)
    low = text.lower()
    words = {w for key, w in keys if w in low}
    if not words:
        return None
    crews = _crews(gazetteer)
    lede_day = LEDE_WEEKDAY.search(text, 0, _LEDE_DAY_CHARS)
    # (the lede must tell the same happening: a launch "on Saturday" is no return's day)
    lede_told = text[slice(*_sentence(text, lede_day.start(), lede_day.end()))] if lede_day else None
    lede_dated = _lede_day_told(text) if lede_day is None else None
    named = []
    try:
        for s, e in _sentences(text):
            sentence = text[s:e]
            lowered = sentence.lower()
            if not any(w in lowered for w in words) or not (
                _told_happening(sentence) or (lede_told and _CREW_OF.search(sentence) and _told_happening(lede_told))
            ):
                continue
            flat = f" {_flat(sentence)} "
            if not any(key in flat for key, w in keys if w in words):
                continue
            named += [
                replace(m, start=m.start + s, end=m.end + s)
                for m in gazetteer.find(sentence)
                if getattr(m.entity, "dated", None) or m.entity.id in crews
            ]
    except Exception:  # noqa: BLE001 - dating must not fail for want of a name
        return None
    why: dict[tuple[date, str], str] = {}
    fits: list[set[tuple[date, str]]] = []  # each mention's events on the weekday itself
    fits_across: list[set[tuple[date, str]]] = []  # ... on the day before it
    news: list[set[tuple[date, str]]] = []  # those told by the story's own day ("earlier in the day")
    for m in named:
        found: dict[tuple[date, str], str] = {}
        across: dict[tuple[date, str], str] = {}
        s, e = _sentence(text, m.start, m.end)
        sentence = text[s:e]
        # "The crew comprised Soyuz commander Oleg Kononenko, ... flight engineer Kimiya Yui":
        # the crew of the launch or arrival the lede tells
        told = sentence if _told_happening(sentence) or lede_told is None else lede_told
        happened = [(day, what) for day, what in _happenings(m.entity, told, crews)
                    if filed is None or _filed_after(day, filed)]
        if not happened:
            continue
        raws = scan(sentence)
        if any(r.year for r in raws if not r.relative):
            continue  # the text states its year
        # The day told nearest the name is the event's ("a Hwasong-18 was test-fired on
        # Wednesday, officials said on Friday"), not the dateline's ("Tokyo, Oct. 6 (Jiji
        # Press)--A U.S. spacecraft carrying ... Wakata ... was launched ... Thursday").
        at = m.start - s
        # (or the verb telling it, when a date of another step stands nearer the name: "The
        # Artemis Accords, proposed in May ..., have been officially unveiled on Tuesday")
        verbs = [v.start() for v in _HAPPENED.finditer(sentence) if v.start() > at]
        if verbs:
            at = verbs[0]
        raws = sorted((r for r in raws if not r.future and not _DATELINE_AFTER.match(sentence, r.end)),
                      key=lambda r: abs(r.start - at))[:1]
        if not raws and lede_told is not None and (
            s > lede_day.start()
            # ("Onishi has successfully arrived at the ISS aboard the SpaceX Crew-10
            # spacecraft" above "The Crew Dragon spacecraft docked with the ISS on Sunday"):
            # the same arrival, told first without its day
            # (or "The spacecraft Crew Dragon carrying ... Onishi ... has been successfully
            # launched" above "Onishi ... boarded the US private firm SpaceX's craft ... on
            # Friday")
            or (e <= lede_day.start() and _same_happening(sentence, lede_told))
        ) and (
            bool(RETURNED.search(lede_told)) == bool(RETURNED.search(sentence))
            # ("... a smooth Pacific splashdown on Saturday. The crew included Takuya Onishi":
            # the crew of the lede's homecoming, told in a sentence that tells no event itself)
            or (_CREW_OF.search(sentence) is not None and not _told_happening(sentence) and s > lede_day.start())
        ):
            # "A Japanese astronaut ... returned to Earth on Sunday. ... Onishi ... landed in
            # Kazakhstan aboard their Soyuz": the lede's weekday is the event's, told again
            word = lede_day.group(1).lower()
            for day, what in happened:
                if day <= today and day.weekday() == _WEEKDAY_NAMES.index(word):
                    found.setdefault((day, "day"), f"{what} on {day:%A} {day.day} {day:%B %Y} "
                                                   f"(the lede's {lede_day.group(1)}; gazetteer dated events)")
        if not raws and lede_dated is not None and s > lede_dated[0] and (
            bool(RETURNED.search(lede_dated[1])) == bool(RETURNED.search(sentence))
        ):
            # "A multinational crew blasted off ... early on July 7" over "... carrying NASA
            # astronaut Kathleen Rubins, ... and Japanese astronaut Takuya Onishi": the day
            # the lede tells is that of the crew's flight
            raws = lede_dated[2]
        # "Earlier in the day, Blinken and Hayashi signed the framework agreement": the day the
        # story tells, whichever day the gazetteer gives the event
        told_today = False
        ago = _HOURS_AGO.search(sentence) if not raws else None
        if ago is not None or (raws and raws[0].relative and " ".join(raws[0].text.lower().split()) in _TODAY_WORDS):
            # ("A few hours ago, the Japanese XRISM space telescope ... were launched": today)
            said_as, raws = (ago.group() if ago is not None else raws[0].text.strip()), []
            for day, what in happened:
                if day <= today:
                    told_today = True
                    found.setdefault((day, "day"), f"{what} on {day:%A} {day.day} {day:%B %Y} "
                                                   f"({said_as}; gazetteer dated events)")
        for day, what in happened:
            if day > today:
                continue
            for r in raws:
                word = re.sub(r"^(?:last|past|this\s+past)\s+", "", r.text.strip().lower())
                said = f"{what} on {day:%A} {day.day} {day:%B %Y}"
                if r.relative and word in _WEEKDAY_NAMES:
                    # (told in Japan's time, a day after: "1 a.m. Thursday Japan time" is
                    # a Wednesday launch in Florida)
                    after = day + timedelta(days=1) if _JAPAN_TIME_AFTER.match(sentence, r.end) else None
                    for when, into in ((day, found), (day - timedelta(days=1), across), (after, across)):
                        if when is None:
                            continue
                        if when.weekday() == _WEEKDAY_NAMES.index(word):
                            into.setdefault((when, "day"), f"{what} on {when:%A} {when.day} "
                                                           f"{when:%B %Y} ({r.text.strip()}; gazetteer dated events)")
                elif r.relative and r.text.strip().lower() in _MONTH_BACK:
                    month = day.month + _MONTH_BACK[r.text.strip().lower()]
                    first = date(day.year + (month > 12), (month - 1) % 12 + 1, 1)
                    found.setdefault((first, "month"), f"{said}, {r.text.strip()} ({first:%B %Y}; gazetteer dated events)")
                elif not r.relative and (r.month, r.day) == (day.month, day.day):
                    found.setdefault((day, "day"), f"{said} ({r.text.strip()!r}; gazetteer dated events)")
                elif not r.relative and r.month == day.month and r.day is None and r.precision == "month":
                    # "a framework for space cooperation signed in January": written that
                    # month or after it
                    first = date(day.year, day.month, 1)
                    found.setdefault((first, "month"), f"{said}, {r.text.strip()} ({first:%B %Y}; gazetteer dated events)")
        for into, fitting in ((found, fits), (across, fits_across)):
            if into:
                fitting.append(set(into))
                for key, reason in into.items():
                    why.setdefault(key, reason)
        if told_today and found:
            news.append(set(found))
    # The story's own day outweighs the days it recalls ("On November 16, NASA launched
    # Artemis 1" in a story of the January signing).
    for fitting in (news, fits or fits_across):
        events = set.intersection(*fitting) if fitting else set()
        if len(events) == 1:
            (day, precision), = events
            return day, why[(day, precision)], precision, fitting is news
        if fitting and (got := _day_after_months(fitting)) is not None:
            return got, why[(got, "day")], "day", fitting is news
        if fitting:
            return None
    return None


def _same_happening(a: str, b: str) -> bool:
    """Do two sentences tell the same kind of happening: both a docking, both a return, or
    both a launch?"""
    if bool(DOCKED.search(a)) != bool(DOCKED.search(b)) or bool(RETURNED.search(a)) != bool(RETURNED.search(b)):
        return False
    return bool(DOCKED.search(a) or RETURNED.search(a) or (_VERBS["launch"].search(a) and _VERBS["launch"].search(b)))


def _lede_day_told(text: str) -> tuple[int, str, list] | None:
    """The lede's yearless day of a happening ("A multinational crew blasted off ... early on
    July 7"): where its sentence starts, the sentence, and that day's mention."""
    for s, e in _sentences(text[:_LEDE_DAY_CHARS * 2]):
        sentence = text[s:e]
        days = [r for r in scan(sentence) if r.month and r.day and not r.year and not r.relative and not r.future]
        if days:
            return (s, sentence, days[:1]) if _told_happening(sentence) else None
    return None


def _day_after_months(fitting: list[set[tuple[date, str]]]) -> date | None:
    """The one day the weekday or dated mentions fit, when the others fit only months that
    come before it: "docked ... on Saturday" (Crew-2, 24 April 2021) above "Noguchi, who
    arrived at the ISS ... in November" (Crew-1, 2020) is the Saturday's story, the month
    recalled from before it."""
    days = [f for f in fitting if all(p == "day" for _, p in f)]
    months = [f for f in fitting if all(p == "month" for _, p in f)]
    if not days or not months or len(days) + len(months) != len(fitting):
        return None
    common = set.intersection(*days)
    if len(common) != 1:
        return None
    (day, _), = common
    return day if all(any(first <= day for first, _ in m) for m in months) else None


def _filed_after(day: date, filed: tuple[int, int]) -> bool:
    """Can a story filed on the yearless (month, day) `filed` report the event of `day` as
    news: filed in the week after it (or the day before it, across the date line)?"""
    for year in (day.year, day.year + 1):
        if valid_day(year, *filed) and -1 <= (date(year, *filed) - day).days <= 7:
            return True
    return False


def captioned_event_day(text: str, gazetteer) -> tuple[date, str, str, bool] | None:
    """The day of a dated event a picture's caption shows on that very day ("Falcon 9 ...
    lift off ... on Oct. 5, 2022, for the Crew-5 mission. Photo credit: NASA"): the story is
    of the event the gazetteer dates that day. A caption's other days are the archive's and
    date nothing. Returns what dated_event_day does, or None."""
    if gazetteer is None or not text:
        return None
    text = text[:_READ]
    found: dict[date, str] = {}
    for line in PHOTO_CAPTION.finditer(text):
        days = [r for r in scan(line.group()) if r.year and r.month and r.day and not r.relative]
        if not days:
            continue
        try:
            named = [m for m in gazetteer.find(line.group()) if getattr(m.entity, "dated", None)]
        except Exception:  # noqa: BLE001 - dating must not fail for want of a name
            return None
        for r in days:
            if not valid_day(r.year, r.month, r.day):
                continue
            day = date(r.year, r.month, r.day)
            for m in named:
                if day in m.entity.dated:
                    found.setdefault(day, f"{m.entity.name} on {day:%A} {day.day} {day:%B %Y}, in a "
                                          f"picture's caption ({r.text.strip()!r}; gazetteer dated events)")
    if len(found) != 1:
        return None
    ((day, why),) = found.items()
    return day, why, "day", True


_HOURS_AGO = re.compile(r"(?i)\b(?:(?:a\s+few|several|a\s+couple\s+of|\d+|two|three|four|five|six)\s+hours|moments|minutes)\s+ago\b")
_TODAY_WORDS = frozenset({"today", "this morning", "this afternoon", "this evening", "tonight",
                          "earlier in the day", "later in the day"})
