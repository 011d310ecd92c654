"""Date expressions in English news text, found with exact offsets and resolved to ranges.

dateparser and datefinder were measured unfit for this text (see the extraction notes):
they turn "may", "the 7th" (Fleet) and "2+2" into dates, miss "mid-July", "fiscal 2023"
and "September this year", and pick last year's June for "will join ... in June". A
compact grammar does better because news dates come in few shapes; what is hard is
telling a date from a number and choosing the year of a yearless date.

Two rules carry most of the weight:

* A bare month name or year is a date only with a cue (a preposition or modifier next to
  it, or a day/year attached), so the verb "may", "troops march", "Article 5" and
  "Keen Sword 25" never match.
* A yearless date takes the nearest year at or before the document date, or at or after
  it when its clause is about a plan. The clause's tense is read from the cue word
  nearest before the date ("announced May 24 that Japan will join ... in June": "will"
  is nearest to "June", nothing plan-like precedes "May 24").

Every rule is one row of ``_RULE_TABLE``: the kind of word it needs (a month name, a
year, ...), a pattern, and a builder that turns a match into an unresolved ``_Expr``.
Matches of all rules are pooled and the longest win, so "Oct. 23 to Nov. 1" beats
"Oct. 23" and "September this year" beats "this year".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from bot.kb.model import Period

# --------------------------------------------------------------------------- public types


@dataclass(frozen=True)
class DateMention:
    start: int  # character offsets into the text passed in
    end: int
    text: str  # text[start:end]
    date_start: date
    date_end: date  # inclusive
    precision: str  # "day" | "week" | "month" | "year"
    deadline: bool = False  # "by 2030", "no later than June": an end point, not an event date
    future: bool = False  # said of a plan (and not over by ref), or wholly after ref


@dataclass(frozen=True)
class RawDate:
    """A date expression before resolution: what the words alone say."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    precision: str  # what the expression pins down: "day" | "month" | "year" (a week: "day")
    future: bool  # said in a plan context, or the words point ahead ("next", "tomorrow")
    relative: bool  # needs a reference date ("last year", "on Tuesday", "September this year")
    weekday: int | None = None  # the weekday written with a yearless day ("Friday, July 21"), Monday 0
    # a run's last day, where the words give one ("March 6 to 17", "Oct. 29 to Nov. 8")
    end_month: int | None = None
    end_day: int | None = None


# --------------------------------------------------------------------------- calendar helpers


def month_range(year: int, month: int) -> tuple[date, date]:
    return Period.month(year, month).bounds


def a_year_later(d: date) -> date:
    """The same day a year on (29 February on the 28th)."""
    return d.replace(year=d.year + 1, day=min(d.day, 28) if d.month == 2 else d.day)


def fiscal_year_range(fy: int) -> tuple[date, date]:
    """Japan's fiscal year `fy` runs April `fy` to March `fy`+1 (the alliance's budgets)."""
    return date(fy, 4, 1), date(fy + 1, 3, 31)


def _fiscal_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + by
    return n // 12, n % 12 + 1


def _first(y: int, m: int | None, d: int | None) -> date:
    return date(y, m or 1, d or 1)


def _last(y: int, m: int | None, d: int | None) -> date:
    if m is None:
        return date(y, 12, 31)
    if d is None:
        return month_range(y, m)[1]
    return date(y, m, d)


# --------------------------------------------------------------------------- vocabulary

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_ABBR = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7,
    "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
_MONTH_NUM = {name.lower(): i for i, name in enumerate(_MONTHS, 1)} | {
    a.lower(): n for a, n in _MONTH_ABBR.items()
}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
# Nouns that make "the 2023 ..." / "the April ..." a date ("the April summit").
_EVENT_NOUNS = (
    "summit|summits|meeting|meetings|talks|dialogue|agreement|statement|declaration|"
    "exercise|exercises|drill|drills|strategy|guidelines|election|elections|budget|report|"
    "review|edition|visit|treaty|accord|plan|communique|communiqué|framework|deal|"
    "conference|forum|launch|test|session|consultations|joint"
)


def _alt(words: Iterable[str]) -> str:
    """Title-case and upper-case forms, longest first: names are capitalised in news."""
    forms = {f for w in words for f in (w, w.upper())}
    return "|".join(sorted(forms, key=len, reverse=True))


_S = r"(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)"  # spaces, at most one line break
_DASH = r"\s*[-–—]\s*"


def _mon(name: str = "mon", *, bare: bool = False) -> str:
    """A month name; an abbreviation needs its period when nothing else marks it a date."""
    abbr = rf"(?:{_alt(_MONTH_ABBR)})" + (r"\." if bare else r"\b\.?")
    # ("Posted April. 06, 2021": a full name with a period, where a day and year follow)
    return rf"(?P<{name}>(?:{_alt(_MONTHS)})\b(?:\.(?=[ \t]?\d{{1,2}},?[ \t]+(?:19|20)\d\d))?|{abbr})"


def _day(name: str = "d") -> str:
    return rf"(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![.,:]?\d)"


# Counted things after a number: "a force of 2000 troops" is no year.
_COUNTED = (
    r"troops|soldiers|sailors|marines|airmen|personnel|people|members|servicemembers|"
    r"workers|residents|households|companies|participants|tons|tonnes|km|kilometers|"
    r"kilometres|miles|meters|metres|feet|units|vehicles|aircraft|ships|vessels|missiles|"
    r"jets|yen|dollars|won|euros|rounds|sorties|hours|days|cases"
)


def _year(name: str = "y", *, after_hyphen: bool = False) -> str:
    guard = "" if after_hyphen else r"(?<![\w$#£€¥.,+/-])"  # "mid-2026" needs the hyphen
    return (
        rf"{guard}(?P<{name}>(?:18|19|20)\d\d)(?![\w%]|[.,/-]\d|–\d)"
        rf"(?!\s+(?:{_COUNTED})\b)"
    )


_WD_ALT = _alt(_WEEKDAYS)
_NAMED_DAY = re.compile(
    r"\b(?:Black|Good|Holy|Easter|Palm|Super|Cyber|Ash|Maundy|Bloody|Shrove|Giving)\s+$"
)
_WD_PREFIX = rf"(?:(?:{_WD_ALT}),?{_S})?"  # "Tuesday, May 28": the weekday adds nothing
_MODS = (
    r"(?P<mod>(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of))"
    r"(?:-|[ \t\u00a0]+)"
)
_MONTH_CUES = (
    r"(?i:in|on|since|until|till|by|from|during|through|throughout|before|after|of|around|"
    r"for|as\s+of|starting|ahead\s+of|(?:no|not)\s+later\s+than)"
)
_YEAR_CUES = (
    r"(?i:in|by|since|until|till|through|throughout|from|during|before|after|of|for|around|"
    r"circa|year|as\s+of|starting|ahead\s+of|(?:no|not)\s+later\s+than)"
)
_REL_WORD = r"(?P<rel>(?i:last|this\s+past|this|next|the\s+current|the\s+previous|the\s+prior))"
_UNIT = r"(?P<unit>(?i:fiscal\s+year|day|weekend|week|month|year))"

# A run's end told in the present ("ends Feb. 8", "wraps up Friday"): a plan cue (_TENSE_CUES)
# for the day it names only (_plan)
_RUN_END_WORDS = r"ends|runs\s+(?:until|through|till|to)|lasts|continues|concludes|(?:wraps|winds)\s+up"
# Words that show a clause is about a plan, and finite past forms that show it is not;
# the one nearest before a date decides. Participles ("held", "launched") are left out:
# "will be held in June" is a plan.
_TENSE_CUES = re.compile(
    r"\b(?=[abcdefghilmnprstuvwABCDEFGHILMNPRSTUVW])"  # first letters of the cues: a quick reject
    # ("As you may already know, on July 9th, Astronaut Onishi safely arrived": an aside)
    r"(?:(?P<plan>will|would|shall|(?-i:may|might)(?!\s+(?:already\s+|well\s+)?(?:know|recall|remember|be\s+aware|"
    r"have\s+(?:seen|heard|read|noticed)))|plans?\s+to|planned|planning|"
    r"scheduled|slated|(?:is|are)\s+to|to\s+be\s+held|upcoming|forthcoming|next|"
    # a headline's "US and Japan schedule Biden-Suga meeting for April 16"
    r"reschedul(?:e|es|ed|ing)|schedul(?:e|es|ing)|"
    r"expected\s+to|expects?\s+to|intends?\s+to|intended\s+to|intention\s+to|aims?\s+to|"
    # "before Donald Trump reenters the White House in January": a present after "before" looks ahead
    r"before\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:re-?enters|enters|takes|leaves|returns|begins|starts|"
    r"ends|steps\s+down|hands\s+over)\b|"
    # "They were projected to launch in 2024"
    r"(?:projected|forecast|anticipated|predicted)\s+to|"
    r"aiming\s+to|set\s+to|(?<!was\s)(?<!were\s)set\s+for|expected\s+(?:on|for)|going\s+to|likely\s+to|prepar(?:ing|es?)\s+(?:to|for)|(?:is|are)\s+due|"
    r"due\s+to\s+(?:be|take|hold|begin|start|meet|visit|launch)|later\s+this|coming|"
    r"arrangements?\s+to|as\s+(?:early|soon)\s+as|(?:no|not)\s+earlier\s+than|"
    # "the HTV-X, which is targeted for its first launch in 2022"
    r"targeted\s+for|"
    # "hopes to build trust by meeting in person before the inauguration in January"
    r"hopes?\s+to|hoping\s+to|look(?:s|ing)?\s+forward\s+to|"
    # What a step is taken before lies ahead: "sought to clarify ... ahead of a summit on Thursday".
    r"ahead\s+of|"
    # "in time for their expected meeting in mid-June": an event looked forward to
    r"in\s+time\s+for|expected\s+(?:[\w-]+\s+)?(?:meeting|summit|talks|visit|trip|call)|"
    # "had received an invitation from Trump for the March 19 visit": what one is invited to
    r"invitations?|"
    # The present of a run's end is its schedule: "began Sunday and ends Feb. 8".
    rf"{_RUN_END_WORDS}|"
    # "when the two meet on Saturday": the present of a time clause is the future
    r"when\s+the\s+two\s+(?:[\w-]+\s+)?meet|"
    # "when the spacecraft launches to the Red Planet in 2024": so is a launch's
    r"when\s+(?:the|it|its|their)\s+(?:[\w-]+\s+){0,2}(?:launches|lifts\s+off|takes\s+off|arrives))"
    r"|(?P<past>was|were|did|had|began|took|went|came|saw|gave|spoke|flew|wrote|said|told|"
    r"visited|arrived|travell?ed|"
    r"met|ago|(?<!no\s)(?<!not\s)earlier(?!\s+than\b)|previously|"
    # "last week", not the verb: "will last until Feb. 8", "to last two weeks"
    r"(?<!will\s)(?<!would\s)(?<!to\s)(?<!shall\s)(?<!may\s)last(?!\s+(?:until|till|through|for)\b)))\b",
    re.IGNORECASE,
)
# A headline's infinitive announces ("Japan to join drills in June"), unless a finite past
# verb before it makes it a purpose ("flew to Washington to meet Biden on Jan. 13").
_INFINITIVE = re.compile(
    r"\bto\s+(?:join|hold|host|launch|visit|meet|begin|start|sign|deploy|open|conduct|"
    r"participate|take\s+part|attend|send|dispatch|resume|stage|travel|fly|depart)\b",
    re.IGNORECASE,
)
# An agreement or decision whose infinitive follows: "agreed on Monday to hold", "reached an
# agreement ... to start" (no clause break between)
_AGREED_BEFORE = re.compile(
    r"(?i)\b(?:agreed|agreements?|decided|decisions?|pledged|vowed|promised|approved)\b[^,;]{0,60}$"
)
_PAST_VERB = re.compile(
    r"\b(?:[a-z]{2,}(?<!need)(?<!speed)(?<!feed)(?<!seed)ed|was|were|did|had|began|took|went|came|"
    r"saw|gave|spoke|flew|wrote|said|told|met|left|held|sent|made)\b"
)
# A past verb reporting what was agreed or said: "agreed (with X) that", "said that".
_REPORTED_THAT = re.compile(
    r"\b(?:agreed|confirmed|affirmed|reaffirmed|concurred|said|stated|announced|noted|"
    r"stressed|emphasized|emphasised|underscored)\b[^,;]{0,80}?\bthat\b",
    re.IGNORECASE,
)
# Link and emphasis markup in copied newsletters ("its [intention](#) to") hides cue phrases.
_MARKUP = re.compile(r"\]\([^)]*\)|[\[\]*_]")
_DEADLINE_BEFORE = re.compile(
    r"\b(by|before|until|till|ahead\s+of|(?:no|not)\s+later\s+than)\s+$", re.IGNORECASE
)
_FORWARD_DEADLINES = frozenset({"by", "no later than", "not later than"})
_DEADLINE_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?deadline\b", re.IGNORECASE)
# Clause boundaries for reading tense: sentence ends, semicolons, line breaks, bullets.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]*]*(?=\s)|[;\n•]")
_WORD_BEFORE = re.compile(r"[\w.]*$")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cmdr cdr adm brig sgt cpl gov sen rep rev st mt ft "
    "no vol inc corp co ltd jr sr vs approx est dept jan feb mar apr jun jul aug sep sept oct "
    "nov dec".split()
)


# --------------------------------------------------------------------------- expressions


@dataclass(frozen=True)
class _Expr:
    """What a match says before a reference date is known.

    kind "cal": a calendar span; a missing year is inferred. The end (y2, m2, d2) inherits
    from the start what it leaves out. "fiscal": Japanese fiscal years y..y2.
    "rel": `rel` units (day/week/month/year/fy) from the reference. "ago": `rel` units back.
    "month_rel": the month m last/this/next (rel -1/0/1). "year_rel": month m of the year
    `rel` from the reference. "weekday": weekday `wd`, rel -1/0/1 or None for a bare name;
    with unit "week", weekdays `wd` to `wd2` of the week `rel` from the reference's.
    """

    kind: str
    precision: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    rel: int | None = 0
    unit: str = ""
    wd: int = 0
    wd2: int = 0  # the last weekday of "Monday and Tuesday next week" (unit "week")
    dow: int | None = None  # the weekday written with a calendar day ("Friday, July 21")
    past: bool = False  # the words themselves point back ("last", "ago", "earlier")
    ahead: bool = False  # the words themselves point forward ("next", "tomorrow")

    @property
    def relative(self) -> bool:
        return self.kind not in ("cal", "fiscal")


Builder = Callable[[re.Match[str], str], _Expr | None]


def _month(m: re.Match[str], group: str | int = "mon") -> int:
    return _MONTH_NUM[m.group(group).rstrip(".").lower()]


def _int(m: re.Match[str], group: str) -> int | None:
    value = m.group(group) if group in m.re.groupindex else None
    return int(value) if value else None


def _rel_word(word: str) -> int:
    word = " ".join(word.lower().split())
    return -1 if word in ("last", "this past", "the previous", "the prior") else 1 if word == "next" else 0


def _cal_day(m: re.Match[str], text: str) -> _Expr:
    wd = m.group("wdp") if "wdp" in m.re.groupindex else None
    dow = _WEEKDAYS.index(wd.title()) if wd else None
    return _Expr("cal", "day", y=_int(m, "y"), m=_month(m), d=int(m.group("d")), dow=dow)


def _year_month_day(m: re.Match[str], text: str) -> _Expr:
    d = int(m.group("d"))
    d2 = int(m.group("d2")) if m.group("d2") else None
    mon = _month(m)
    if d2 is None or d2 <= d:
        return _Expr("cal", "day", y=int(m.group("y")), m=mon, d=d)
    return _Expr("cal", "day", y=int(m.group("y")), m=mon, d=d, m2=mon, d2=d2)


def _cal_day_range_same_month(m: re.Match[str], text: str) -> _Expr | None:
    d, d2 = int(m.group("d")), int(m.group("d2"))
    linked_by_and = m.group("conn").strip().lower() in ("and", "&") and not m.group("between")
    if d2 <= d or (linked_by_and and d2 != d + 1):  # "July 10 and 14" are two days
        return None
    mon = _month(m)
    return _Expr("cal", "day", y=_int(m, "y"), m=mon, d=d, m2=mon, d2=d2)


def _cal_day_range(m: re.Match[str], text: str) -> _Expr | None:
    if m.group("conn").strip().lower() == "and" and not m.group("between"):
        return None  # "on June 5 and June 9": two dates, not a span
    return _Expr(
        "cal", "day", y=_int(m, "y"), m=_month(m), d=int(m.group("d")),
        y2=_int(m, "y2"), m2=_month(m, "mon2"), d2=int(m.group("d2")),
    )  # fmt: skip


def _cal_month_range(m: re.Match[str], text: str) -> _Expr | None:
    conn = m.group("conn").strip().lower()
    if not (m.group("y2") or m.group("between") or m.group("from")):
        return None  # "June to August" with nothing else could be names; need a year or "from"
    if conn == "and" and not m.group("between"):
        return None
    return _Expr("cal", "month", m=_month(m), y2=_int(m, "y2"), m2=_month(m, "mon2"))


def _cal_month(m: re.Match[str], text: str) -> _Expr:
    return _Expr("cal", "month", y=_int(m, "y"), m=_month(m))


_NAME_NEXT = re.compile(r"\s+[A-Z][a-z]")


def _bare_month(m: re.Match[str], text: str) -> _Expr | None:
    cue = m.group("cue").lower()
    # "by June Smith", "for May Day": a capitalised word after a weak cue makes a name.
    if cue in ("by", "for", "of", "from") and _NAME_NEXT.match(text, m.end()):
        return None
    return _Expr("cal", "month", m=_month(m))


def _month_year_rel(m: re.Match[str], text: str) -> _Expr:
    return _Expr("year_rel", "month", m=_month(m), rel=_rel_word(m.group("rel")))


def _day_year_rel(m: re.Match[str], text: str) -> _Expr:
    return _Expr("year_rel", "day", m=_month(m), d=int(m.group("d")), rel=_rel_word(m.group("rel")))


def _month_rel(m: re.Match[str], text: str) -> _Expr:
    rel = _rel_word(m.group("rel"))
    return _Expr("month_rel", "month", m=_month(m), rel=rel, past=rel < 0, ahead=rel > 0)


def _cal_year(m: re.Match[str], text: str) -> _Expr:
    return _Expr("cal", "year", y=int(m.group("y")))


def _year_range(m: re.Match[str], text: str) -> _Expr | None:
    y, y2 = int(m.group("y")), m.group("y2")
    end = int(y2) if len(y2) == 4 else y // 100 * 100 + int(y2)
    words = not re.fullmatch(_DASH, m.group("conn"))
    if not y < end <= y + 30 or (words and not (m.group("from") or m.group("between"))):
        return None
    if m.group("conn").strip().lower() == "and" and not m.group("between"):
        return None
    return _Expr("cal", "year", y=y, y2=end)


def _fiscal(m: re.Match[str], text: str) -> _Expr | None:
    y = int(m.group("y") or m.group("fy"))
    if y < 100:  # FY23
        y += 2000
    end = y
    if m.group("y2"):
        y2 = m.group("y2")
        end = int(y2) if len(y2) == 4 else y // 100 * 100 + int(y2)
        if end == y + 1 and len(y2) == 2:  # "FY2023-24" names one year by both its ends
            end = y
        if not y <= end <= y + 30:
            return None
    return _Expr("fiscal", "year", y=y, y2=end)


_REL_UNIT_PRECISION = {
    "day": "day", "week": "week", "weekend": "week", "month": "month", "year": "year", "fy": "year",
}  # fmt: skip


def _relative(m: re.Match[str], text: str) -> _Expr | None:
    unit = "fy" if m.group("unit").lower().startswith("fiscal") else m.group("unit").lower()
    rel_text = " ".join(m.group("rel").lower().split())
    mod = (m.group("mod") or "").lower()
    if unit == "day":
        return None  # "next day" counts from another date in the text, not from ref
    rel = _rel_word(rel_text)
    return _Expr(
        "rel", _REL_UNIT_PRECISION[unit], rel=rel, unit=unit,
        past=rel < 0 or mod.startswith("earlier"), ahead=rel > 0 or mod.startswith("later"),
    )  # fmt: skip


def _end_of_the(m: re.Match[str], text: str) -> _Expr:
    unit = m.group("unit").lower()
    return _Expr("rel", _REL_UNIT_PRECISION[unit], rel=0, unit=unit)


def _day_word(m: re.Match[str], text: str) -> _Expr | None:
    word = m.group("x")
    lower = word.lower()
    if word[0].isupper() and not word.isupper():
        # "USA Today": a capitalised "Today" after a capitalised word is a title.
        before = text[max(0, m.start() - 40) : m.start()].rstrip()
        prev = re.search(r"(\S+)$", before)
        if prev and prev.group(1)[:1].isupper() and not re.search(r"[.!?:;\"“]$", before):
            return None
    offset = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(lower.split()[0], 0)
    if lower.endswith(" day"):
        offset, lower = 0, "today"
    return _Expr("rel", "day", rel=offset, unit="day", past=offset < 0, ahead=offset > 0)


def _weekday_of_week(m: re.Match[str], text: str) -> _Expr | None:
    if _NAMED_DAY.search(text, max(0, m.start() - 12), m.start()):
        return None
    wd = _WEEKDAYS.index(m.group("wd").title())
    wd2 = _WEEKDAYS.index(m.group("wd2").title()) if m.group("wd2") else wd
    if wd2 < wd:
        return None
    rel = {"last": -1, "this": 0, "next": 1}[m.group("week").lower()]
    return _Expr("weekday", "day", rel=rel, unit="week", wd=wd, wd2=wd2, past=rel == -1, ahead=rel == 1)


def _ago(m: re.Match[str], text: str) -> _Expr | None:
    n_text = m.group("n").lower()
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text]
    unit = m.group("unit").lower()
    if not 0 < n <= 200:
        return None
    return _Expr("ago", _REL_UNIT_PRECISION[unit], rel=n, unit=unit, past=True)


def _weekday(m: re.Match[str], text: str) -> _Expr | None:
    if _NAMED_DAY.search(text, max(0, m.start() - 12), m.start()):
        return None  # "Black Friday", "Super Tuesday": names, not dates
    wd = _WEEKDAYS.index(m.group("wd").title())
    last_word = (m.group("rel") or "").lower().split()[-1:]
    rel: int | None = None  # a bare name: which side of ref depends on the clause
    if last_word:
        rel = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(last_word[0], 0)
    return _Expr(
        "weekday", "day", rel=rel, wd=wd, past=rel == -1, ahead=rel == 1
    )  # fmt: skip


def _iso(m: re.Match[str], text: str) -> _Expr:
    return _Expr("cal", "day", y=int(m.group("y")), m=int(m.group("mo")), d=int(m.group("d")))


# "March 31, 2014", "March 31. 2014" (KCNA), "July 14 (Thu), 2016" (a ministry's notice)
_YEAR_TAIL = rf"(?:(?:{_S}?\((?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]{{0,6}}\.?\))?[,.]?{_S}{_year()})?"
# Between a month and its day: spaces, or nothing after an abbreviation's period ("Feb.19 –
# Mar.7", as wire copy and service releases type it)
_MD = rf"(?:{_S}|(?<=\.))"
_CONN = rf"(?P<conn>{_DASH}|{_S}(?i:to|through|thru|until|till|and){_S})"
_FROM = rf"(?:(?:(?P<from>(?i:from))|(?P<between>(?i:between))){_S})?"

# (anchor, pattern, builder). A rule is tried only near a word of its anchor kind (see
# _ANCHOR): trying two dozen patterns at every character would cost milliseconds per KB.
# The span of a match is its group "x" when it has one (cue words around a date are
# evidence, not part of it), else the whole match.
_RULE_TABLE: tuple[tuple[str, str, Builder], ...] = (
    # 2024-05-29, 2024/5/29, 2024.05.29
    (
        "year",
        r"(?<![\w.,/-])(?P<y>(?:18|19|20)\d\d)(?P<sep>[-/.])(?P<mo>1[0-2]|0?[1-9])(?P=sep)"
        r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d]|[-/.]\d)",
        _iso,
    ),
    # 2016 February 17 / 2015 June 17 - 23: the year first, as some Japanese and Korean
    # sites write a release's date and a weekly's issue
    (
        "year",
        rf"{_year()}{_S}{_mon()}{_S}{_day()}(?:{_DASH}{_day('d2')})?",
        _year_month_day,
    ),
    # Oct. 23 to Nov. 1 / from June 5 through June 9 / Dec. 28, 2023 - Jan. 3, 2024
    (
        "month",
        rf"{_FROM}(?P<x>{_WD_PREFIX}{_mon()}{_MD}{_day()}{_YEAR_TAIL}{_CONN}{_WD_PREFIX}"
        rf"{_mon('mon2')}{_MD}{_day('d2')}(?:,?{_S}{_year('y2')})?)",
        _cal_day_range,
    ),
    # July 10-14 / August 26 and 27, 2024 / June 5 to 9 / between January 18 and 30
    (
        "month",
        rf"{_FROM}(?P<x>{_WD_PREFIX}{_mon()}{_MD}{_day()}(?P<conn>{_DASH}|{_S}(?i:to|through|thru|until|till"
        rf"|and|&){_S}){_day('d2')}{_YEAR_TAIL})",
        _cal_day_range_same_month,
    ),
    # 26-27 August 2024
    (
        "month",
        rf"(?<![\w.,$/-]){_day()}(?P<conn>{_DASH}|{_S}(?i:to|and|&){_S}){_day('d2')}{_S}"
        rf"(?:of{_S})?{_mon()}{_YEAR_TAIL}",
        _cal_day_range_same_month,
    ),
    # Tuesday, May 28, 2024 / May 29 / July 13th
    # Thursday (June 24): the weekday with its day in brackets
    ("month", rf"(?:(?P<wdp>{_WD_ALT})(?:,?{_S}|{_S}?\({_S}?))?{_mon()}{_MD}{_day()}{_YEAR_TAIL}", _cal_day),
    # December.11: a month name run into its day with a period (a typing slip in real copy)
    ("month", rf"(?P<mon>{_alt(m for m in _MONTHS if m != 'May')})\.(?P<d>3[01]|[12]\d|0?[1-9])\b(?![.,:]?\d){_YEAR_TAIL}", _cal_day),
    # 19 April 2019 / the 19th of April
    # (not "Rising Thunder 18 Sept. 14": a day after the month makes the number before it
    # something else's, an edition's)
    (
        "month",
        rf"{_WD_PREFIX}(?<![\w.,$/+-])(?:(?i:the){_S})?{_day()}{_S}(?:of{_S})?{_mon()}{_YEAR_TAIL}"
        rf"(?!{_S}\d{{1,2}}\b(?![:.]\d))",
        _cal_day,
    ),
    # June to August 2024 / from June to August / between May and July
    (
        "month",
        rf"{_FROM}(?P<x>{_mon()}{_CONN}{_mon('mon2')}(?:,?{_S}{_year('y2')})?)",
        _cal_month_range,
    ),
    # October 2022 / June, 2023 / mid-July 2023 / March of 2024
    ("month", rf"(?:{_MODS})?{_mon()}(?:,|{_S}of)?{_S}{_year()}", _cal_month),
    # September this year / mid-September of last year
    (
        "month",
        rf"(?:{_MODS})?{_mon()},?{_S}(?:(?i:of){_S})?{_REL_WORD}{_S}(?i:year)\b",
        _month_year_rel,
    ),
    # December 16th of last year / 3 March last year / the 16th of December of this year
    (
        "month",
        rf"{_mon()}{_MD}{_day()},?{_S}(?:(?i:of){_S})?{_REL_WORD}{_S}(?i:year)\b",
        _day_year_rel,
    ),
    (
        "month",
        rf"(?<![\w.,$/-])(?:(?i:the){_S})?{_day()}{_S}(?:of{_S})?{_mon()},?{_S}(?:(?i:of){_S})?{_REL_WORD}{_S}(?i:year)\b",
        _day_year_rel,
    ),
    # last March / next June / this coming September
    (
        "month",
        rf"(?<![\w-])(?P<rel>(?i:last|this|next|this\s+coming|this\s+past)){_S}(?:{_MODS})?"
        rf"{_mon(bare=True)}",
        _month_rel,
    ),
    # mid-July / early July / the end of July
    ("month", rf"{_MODS}{_mon(bare=True)}", _cal_month),
    # in June / since March / In March (sentence start) / no later than June
    (
        "month",
        rf"(?<![\w-])(?P<cue>{_MONTH_CUES}){_S}(?:(?i:the){_S}month{_S}of{_S})?"
        rf"(?P<x>{_mon(bare=True)})",
        _bare_month,
    ),
    # the April summit
    (
        "month",
        rf"(?<![\w-])(?i:the){_S}(?P<x>{_mon(bare=True)})(?={_S}(?i:{_EVENT_NOUNS})\b)",
        _cal_month,
    ),
    # fiscal 2023 / fiscal year 2024 / FY2023 / FY 2024 / FY23 / FY2023-27
    (
        "fiscal",
        rf"(?<![\w-])(?:(?i:fiscal){_S}(?:(?i:year){_S})?(?P<y>(?:18|19|20)\d\d)"
        rf"|FY{_S}?(?P<fy>(?:18|19|20)\d\d|\d\d))"
        rf"(?:[-–/](?P<y2>(?:18|19|20)\d\d|\d\d))?(?![\w%]|[.,]\d)",
        _fiscal,
    ),
    # mid-2024 / early 2025 / the end of 2025
    ("year", rf"{_MODS}{_year(after_hyphen=True)}", _cal_year),
    # from 2023 to 2027 / 2023-2027 / between 2020 and 2022
    (
        "year",
        rf"{_FROM}(?P<x>(?<![\w$#.,+/-])(?P<y>(?:18|19|20)\d\d){_CONN}"
        rf"(?P<y2>(?:18|19|20)\d\d|\d\d)(?![\w%]|[.,/-]\d))",
        _year_range,
    ),
    # in 2025 / by 2030 / since 2019
    ("year", rf"(?<![\w-]){_YEAR_CUES}{_S}(?P<x>{_year()})", _cal_year),
    # the 2023 Camp David Summit / the 2022 budget
    (
        "year",
        rf"(?<![\w-])(?i:the){_S}(?P<x>{_year()})(?={_S}(?:[A-Z]|(?i:{_EVENT_NOUNS})\b))",
        _cal_year,
    ),
    # last week / this month / next year / earlier this month / the current fiscal year
    (
        "unit",
        rf"(?<![\w-])(?<!the )(?<!The )(?:(?P<mod>(?i:earlier|later|early|late|"
        rf"(?:the\s+)?(?:end|beginning|start|middle)\s+of)){_S})?{_REL_WORD}{_S}{_UNIT}\b",
        _relative,
    ),
    # the end of the year / the beginning of the month
    (
        "unit",
        rf"(?<![\w-])(?i:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+the){_S}"
        rf"(?P<unit>(?i:week|month|year))\b",
        _end_of_the,
    ),
    # yesterday / today / tomorrow / this morning
    (
        "dayword",
        # ("earlier in the day": the story's own day, as a wire tells a second event of it)
        # ("Last evening, the Japanese and U.S. leaders held telephone conversations": yesterday)
        r"(?<![\w-])(?P<x>(?i:yesterday|today|tomorrow|tonight|this\s+(?:morning|afternoon|"
        r"evening)|last\s+(?:night|evening)|(?:earlier|later)\s+in\s+the\s+day))\b",
        _day_word,
    ),
    # three days ago / a year ago / 15 years ago
    (
        "ago",
        rf"(?<![\w-])(?P<n>\d{{1,3}}|(?i:{'|'.join(_NUMBER_WORDS)})){_S}"
        rf"(?P<unit>(?i:day|week|month|year))s?{_S}(?i:ago)\b",
        _ago,
    ),
    # "on Monday and Tuesday next week", "Thursday of last week": weekdays of a week named
    (
        "weekday",
        rf"(?<![\w-])(?P<wd>{_WD_ALT})(?:{_S}(?i:and|through|to|or){_S}(?P<wd2>{_WD_ALT}))?"
        rf"{_S}(?:(?i:of){_S}(?:(?i:the){_S})?)?(?P<week>(?i:next|this|last)){_S}(?i:week)\b",
        _weekday_of_week,
    ),
    # on Tuesday / last Friday / next Monday / Wednesday
    (
        "weekday",
        rf"(?<![\w-])(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming)){_S})?"
        rf"(?P<wd>{_WD_ALT})\b",
        _weekday,
    ),
)
_LIST_LINK = rf"(?:,{_S}(?:(?i:and|or){_S})?|{_S}(?i:and|or|&){_S})"
_LIST_LINK_ONLY = re.compile(_LIST_LINK)
_LIST_NEXT_YEAR = re.compile(rf"{_LIST_LINK}(?P<x>{_year()})")
_LIST_NEXT_MONTH = re.compile(
    rf"{_LIST_LINK}(?P<x>{_mon(bare=True)})(?!{_S}(?:\d|(?i:this|last|next)\b))"
)
_RULES_BY_ANCHOR: dict[str, list[tuple[int, re.Pattern[str], Builder, bool]]] = {}
for _order, (_anchor, _pattern, _builder) in enumerate(_RULE_TABLE):
    _compiled = re.compile(_pattern)
    _RULES_BY_ANCHOR.setdefault(_anchor, []).append(
        (_order, _compiled, _builder, "x" in _compiled.groupindex)
    )
# Words without which no rule can match, by kind. A match starts at most _LEAD characters
# before the first anchor of its rule's kind ("no later than the month of June"). Anchors
# are found as plain tokens and looked up: one simple pattern is cheaper than a search
# for every name.
_ANCHOR = re.compile(
    r"\b(?:[A-Z][A-Za-z]{1,8}\b|FY|(?:18|19|20)\d\d"
    r"|(?:fiscal|weeks?|weekends?|months?|years?|yesterday|today|tomorrow|tonight|morning|afternoon|day"
    r"|evening|ago)\b)"
)
_ANCHOR_KIND: dict[str, str] = {}
for _kind, _words in (
    ("month", (*_MONTHS, *_MONTH_ABBR)),
    ("weekday", _WEEKDAYS),
    ("fiscal", ("fiscal", "FY")),
    ("unit", ("week", "weeks", "weekend", "month", "months", "year", "years")),
    ("dayword", ("yesterday", "today", "tomorrow", "tonight", "morning", "afternoon", "evening", "day")),
    ("ago", ("ago",)),
):
    for _word in _words:
        for _form in (_word, _word.lower(), _word.title(), _word.upper()):
            _ANCHOR_KIND[_form] = _kind
_WORD_START = re.compile(r"\b\w")
_LEAD = 48


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    expr: _Expr


def _candidates(text: str) -> Iterator[tuple[int, int, int, _Expr]]:
    """Every rule's matches, tried only at the word starts shortly before an anchor word.

    Every match starts at a word start at most _LEAD characters before an anchor of its
    rule's kind, so ``pattern.match`` at those few positions finds what ``finditer`` over
    the whole text would, at a tenth of the cost.
    """
    tried: set[tuple[str, int]] = set()
    for anchor in _ANCHOR.finditer(text):
        token = anchor.group()
        kind = "year" if token[0].isdigit() else _ANCHOR_KIND.get(token)
        if kind is None:
            continue
        at = anchor.start()
        for word in _WORD_START.finditer(text, max(0, at - _LEAD), at + 1):
            pos = word.start()
            if (kind, pos) in tried:
                continue
            tried.add((kind, pos))
            for order, pattern, builder, has_x in _RULES_BY_ANCHOR[kind]:
                m = pattern.match(text, pos)
                if m is None:
                    continue
                expr = builder(m, text)
                if expr is not None:
                    start, end = m.span("x") if has_x else m.span()
                    yield start, end, order, expr


def _match(text: str) -> list[_Hit]:
    """Longest matches first, then earliest, then the rule listed first; no overlaps."""
    chosen: list[_Hit] = []
    starts: list[int] = []
    ranked = sorted(_candidates(text), key=lambda c: (c[0] - c[1], c[0], c[2]))
    for start, end, _, expr in ranked:
        i = bisect_right(starts, start)
        if i and chosen[i - 1].end > start:
            continue
        if i < len(chosen) and chosen[i].start < end:
            continue
        starts.insert(i, start)
        chosen.insert(i, _Hit(start, end, expr))
    return _continue_lists(text, chosen)


@lru_cache(maxsize=2048)
def _matched(text: str) -> tuple[_Hit, ...]:
    """_match, remembered: a document's sentences are read for dates more than once (its
    year evidence, then each sentence's dates), half the calls in a load repeat a text."""
    return tuple(_match(text))


def _continue_lists(text: str, chosen: list[_Hit]) -> list[_Hit]:
    """Carry a cue along a list: "in 2023 and 2024", "in May and June", "in 2019, 2020".

    The later items have no cue of their own, so only a chosen year or month opens a list:
    "UNSCR 2087 and 2094" stays out.
    """
    i = 0
    while i < len(chosen):
        hit = chosen[i]
        e = hit.expr
        tail = None
        if e.kind == "cal" and e.m2 is None and e.y2 is None:
            if e.precision == "year":
                tail = _LIST_NEXT_YEAR.match(text, hit.end)
            elif e.precision == "month" and e.y is None:
                tail = _LIST_NEXT_MONTH.match(text, hit.end)
        if tail and (i + 1 == len(chosen) or chosen[i + 1].start >= tail.end()):
            if e.precision == "year":
                expr = _Expr("cal", "year", y=int(tail.group("y")))
            else:
                expr = _Expr("cal", "month", m=_month(tail))
            chosen.insert(i + 1, _Hit(tail.start("x"), tail.end("x"), expr))
        i += 1
    # ...and back from its last item: "in June and November of the previous year"
    for i in range(len(chosen) - 2, -1, -1):
        a, b = chosen[i].expr, chosen[i + 1].expr
        if not (a.kind == "cal" and a.precision == "month" and a.y is None and a.m2 is None
                and _LIST_LINK_ONLY.fullmatch(text, chosen[i].end, chosen[i + 1].start)):
            continue
        if b.kind == "year_rel":
            expr = _Expr("year_rel", "month", m=a.m, rel=b.rel, past=b.past, ahead=b.ahead)
        elif (b.kind == "cal" and b.precision == "month" and b.y is not None and b.m2 is None
                and b.y2 is None and a.m < b.m):
            expr = _Expr("cal", "month", y=b.y, m=a.m)  # ("in June and July 2023")
        else:
            continue
        chosen[i] = _Hit(chosen[i].start, chosen[i].end, expr)
    return chosen


def _abbreviation(text: str, dot: int) -> bool:
    """Does the period at `dot` end an abbreviation ("Gen.", "U.S.") rather than a sentence?"""
    word = _WORD_BEFORE.search(text, max(0, dot - 20), dot).group()
    if word.lower() in _ABBREVIATIONS or _INITIALS.fullmatch(word):
        return True
    after = text[dot + 1 : dot + 40].lstrip()
    return bool(after) and after[0].islower()


_RUN_END_CUE = re.compile(rf"(?i){_RUN_END_WORDS}")
_RUN_SPAN_BEFORE = re.compile(r"(?i)\b(?:runs|lasts|continues)\s+(?:from|between)\s+$")
# "Exercise Forest Light 19.2 Begins Early February", "Marines begin Forest Light on Feb. 4":
# a start told in the present is the nearest such day, ahead or just past
_PRESENT_START_BEFORE = re.compile(
    r"(?i)\b(?:begins?|starts?|kicks?\s+off|commences?)\b[^.;,:\n]{0,60}?(?:\s(?:on|in|from))?\s*$"
)


def _clause_start(text: str, start: int) -> int:
    begin = max(0, start - 400)
    clause = begin
    for m in _BOUNDARY.finditer(text, begin, start):
        if m.group() == "." and _abbreviation(text, m.start()):
            continue
        clause = m.end()
    return clause


def _deadline_word(text: str, start: int) -> str | None:
    """The deadline word just before a date ("by", "no later than"), lower-cased."""
    m = _DEADLINE_BEFORE.search(text, max(0, start - 40), start)
    return " ".join(m.group(1).lower().split()) if m else None


# "During Monday's Japan-US summit, Kishida is expected to tell Biden ...": a weekday's event
# opening the sentence, whose main verb looks ahead
_POSSESSIVE = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,4}?[\w-]+\s*,")
_MAIN_PLAN = re.compile(
    r"\s*(?:[A-Z][\w.-]*\s+){1,4}(?:is|are)\s+(?:expected|likely|set|scheduled|due|slated)\s+to\b"
    r"|\s*(?:[A-Z][\w.-]*\s+){1,4}will\b"
)


def _possessive_plan(text: str, end: int) -> bool:
    m = _POSSESSIVE.match(text, end)
    return m is not None and _MAIN_PLAN.match(text, m.end()) is not None


def _plan(text: str, start: int) -> bool:
    """Is the clause before `start` about a plan? The nearest tense cue decides.

    With no cue at all, "by June" / "no later than June" still look ahead: a target is set
    for a time to come (a past one reads "had ... by June", and "had" is a cue).
    """
    window = _MARKUP.sub(" ", text[_clause_start(text, start) : start])
    cues = list(_TENSE_CUES.finditer(window))
    inf = next(iter(reversed(list(_INFINITIVE.finditer(window)))), None)
    if inf and (not cues or cues[-1].start() < inf.start()) and (
        not _PAST_VERB.search(window, 0, inf.start()) or _AGREED_BEFORE.search(window, 0, inf.start())
    ):
        # "Self-Defense Forces to join U.S. drills in June": a headline's plan; "reached an
        # agreement with the United States on Wednesday to start procuring ... in fiscal
        # 2025": what was agreed or decided lies ahead of the agreement
        return True
    if cues and _RUN_END_CUE.fullmatch(cues[-1].group()) and len(window[cues[-1].end() :].split()) > 3:
        # "Freedom Edge 24-2 ends on Friday and includes seven warships, according to a
        # news release Wednesday": a run's end is the schedule of the day it names, not of
        # the days after it
        cues.pop()
    if cues:
        last = cues[-1]
        if (
            last.group().lower() == "would"
            and "," in window[last.end() :]
            and _REPORTED_THAT.search(window, 0, last.start())
        ):
            # "Ishiba agreed with Austin that their countries would enhance cooperation, at
            # a meeting on Tuesday": the "would" is the reported agreement's, closed by the
            # comma; the date belongs to the past verb that reports it.
            return False
        if (
            last.group().lower() in ("scheduled", "planned", "slated")
            and _APPOSITIVE.search(window, 0, last.start())
            and (told := _TOLD_AFTER.match(text, start))
            and _PAST_MAIN_VERB.match(text, told.end())
        ):
            # "Valiant Shield, scheduled from June 7 to 18, involved more than 10,000
            # personnel": the schedule of a past event, set off by commas; the main verb's
            # tense is the date's
            return False
        if (
            last.group("plan") is not None
            and _INTENTION_VOICED.search(window, 0, last.end())
            and _AT_A_MEETING.search(window, last.end())
        ):
            # "confirmed their intention to reinforce security cooperation at a meeting of
            # their foreign and defense ministers in Tokyo on July 28": the intention is
            # voiced at the meeting, which is as past as the verb voicing it
            return False
        return last.group("plan") is not None
    if _SUBJECT_THEN_WILL.match(text, start, start + 60):
        # "Mr. Biden's bilateral summit with ... Kishida on Wednesday will bring an upgrade":
        # a date inside the subject takes the tense of the verb right after it
        return True
    if _FRONTED.fullmatch(window):
        # "On Sunday, Trump will play golf": a date set before its clause takes the clause's
        # tense, told after it
        after = _BOUNDARY.search(text, start, start + 120)
        cue = _TENSE_CUES.search(text, start, after.start() if after else start + 120)
        if cue is not None:
            return cue.group("plan") is not None
    return _deadline_word(text, start) in _FORWARD_DEADLINES


_INTENTION_VOICED = re.compile(
    r"(?i)\b(?:confirmed|expressed|reaffirmed|affirmed|shared|stated|underscored|reiterated|voiced|conveyed)\s+"
    r"(?:their|its|his|her|the|a|an)\s+(?:[\w-]+\s+)?intention\s+to$"
)
_AT_A_MEETING = re.compile(
    r"(?i)\b(?:at|during|in)\s+(?:a|an|the|their|his|her|its)\s+(?:[\w'’+-]+\s+){0,3}"
    r"(?:meeting|talks|summit|call|conference|session|dialogue)\b"
)
_SUBJECT_THEN_WILL = re.compile(
    r"(?:(?!\b(?:and|but|while|then|before|after|when|which|who|that)\b)[^,;.\n]){0,30}?"
    r"\b(?:will|(?:is|are)\s+(?:set|expected|scheduled|due|slated)\s+to)\b"
)
_APPOSITIVE = re.compile(r",\s*$")
_TOLD_AFTER = re.compile(r"[^,;.\n]{0,40},\s*")  # the rest of the appositive, to its comma
_PAST_MAIN_VERB = re.compile(r"(?:\w+\s+){0,2}?" + _PAST_VERB.pattern)
# "since Hamada assumed his role in August", "who took office in October": the month a
# term began, without its year, is of the story's own year.
_MONTH_WORDS = "|".join(sorted(_MONTH_NUM, key=len, reverse=True))
TOOK_OFFICE = re.compile(
    r"(?i)\b(?:(?:assum(?:ed|ing|es?)|t(?:ook|aking|akes?)(?:\s+up)?)\s+(?:(?:his|her|the)\s+)?"
    r"(?:role|post|office|position|helm|job|reins|portfolio)"
    r"|(?:became|was\s+(?:appointed|named|sworn\s+in))(?:\s+[\w-]+){0,6}?"
    # "since the U.S. president began his nonconsecutive second term in January"
    r"|(?:began|begun|started|starting)\s+(?:his|her)\s+(?:[\w-]+\s+){0,3}term)"
    r"\s+(?:(?:(?:earlier\s+)?in|this)\s+(?=(?:" + _MONTH_WORDS + r")\b\.?(?!\s*\d))"
    # "Esper, who took office on July 23": the month of a day
    r"|on\s+(?=(?:" + _MONTH_WORDS + r")\.?\s+\d{1,2}\b))(" + _MONTH_WORDS + r")\b"
)
# ("So, on Friday, ..., President Trump is going to host ...": a spoken opening word first)
_FRONTED = re.compile(
    r"[\W_]*(?:(?i:so|and|but|now|then|also|meanwhile|next|first|finally)\s*,?\s+)?"
    r"(?:(?i:on|in|from|starting|beginning|the)\s+)?"
)


def took_office_month(hit: re.Match[str]) -> int:
    """The month a TOOK_OFFICE match names, as a number."""
    return _month(hit, 1)


# --------------------------------------------------------------------------- resolution


def _pick_year(span_for: Callable[[int], tuple[date, date]], ref: date, plan: bool) -> int:
    """Nearest year at or before `ref` (or at or after it, for a plan).

    A date later in the reference month still counts as "at or before": a document whose
    date is known only to the month is often given the month's first day.
    """
    spans: list[tuple[int, date, date]] = []
    for y in range(ref.year - 4, ref.year + 5):
        try:
            a, b = span_for(y)
        except ValueError:  # Feb 29 outside a leap year
            continue
        if a <= b:
            spans.append((y, a, b))
    if not spans:
        raise ValueError("no year has this date")
    if plan:
        for y, _, b in spans:
            if b >= ref:
                return y
        return spans[-1][0]
    for y, a, _ in reversed(spans):
        if a <= ref or (a.year, a.month) == (ref.year, ref.month):
            return y
    return spans[0][0]


def _cal_span(e: _Expr, y: int, y2: int | None) -> tuple[date, date]:
    """Start and end when the start year is `y`; the end inherits what it leaves out."""
    m2 = e.m2 if e.m2 is not None else e.m
    d2 = e.d2 if e.d2 is not None else (e.d if e.m2 is None else None)
    start = _first(y, e.m, e.d)
    if y2 is None:
        y2 = y
        if m2 is not None and (m2, d2 or 0) < (e.m or 0, e.d or 0):
            y2 = y + 1  # Dec. 28 to Jan. 3
    return start, _last(y2, m2, d2)


def _resolve(e: _Expr, ref: date, plan: bool) -> tuple[date, date]:
    if e.kind == "cal":
        if e.y is not None:
            return _cal_span(e, e.y, e.y2)
        if e.y2 is not None:  # "Oct. 23 to Nov. 1, 2024": the year is written at the end
            return _cal_span(e, e.y2 - 1 if _ends_next_year(e) else e.y2, e.y2)
        y = _pick_year(lambda y: _cal_span(e, y, None), ref, plan)
        if e.dow is not None and e.d is not None and e.m2 is None:
            # "Friday, July 21": the weekday settles the year when the tense was off by one.
            for cand in (y, y - 1, y + 1):
                if valid_day(cand, e.m, e.d) and date(cand, e.m, e.d).weekday() == e.dow:
                    y = cand
                    break
        return _cal_span(e, y, None)
    if e.kind == "fiscal":
        return fiscal_year_range(e.y)[0], fiscal_year_range(e.y2 or e.y)[1]
    if e.kind == "rel":
        return _relative_span(e.unit, e.rel or 0, ref)
    if e.kind == "ago":
        n = e.rel or 0
        if e.unit == "day":
            return _relative_span("day", -n, ref)
        if e.unit == "week":
            return Period.week(ref - timedelta(weeks=n)).bounds
        return _relative_span(e.unit, -n, ref)
    if e.kind == "year_rel":
        if e.d is not None:
            day = date(ref.year + (e.rel or 0), e.m, e.d)  # (ValueError: no such day, no date)
            return day, day
        return month_range(ref.year + (e.rel or 0), e.m)
    if e.kind == "month_rel":
        if e.rel == 0:
            return month_range(ref.year, e.m)
        y = ref.year
        if e.rel < 0:
            y = y if e.m < ref.month else y - 1
        else:
            y = y if e.m > ref.month else y + 1
        return month_range(y, e.m)
    if e.kind == "weekday" and e.unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=e.rel)
        return monday + timedelta(days=e.wd), monday + timedelta(days=e.wd2)
    if e.kind == "weekday":
        day = _weekday_date(e.wd, e.rel, ref, plan)
        return day, day
    raise ValueError(e.kind)


def _relative_span(unit: str, n: int, ref: date) -> tuple[date, date]:
    if unit == "day":
        day = ref + timedelta(days=n)
        return day, day
    if unit == "week":
        return Period.week(ref + timedelta(weeks=n)).bounds
    if unit == "weekend":  # "this weekend": the Saturday and Sunday of the reference's week
        saturday = ref + timedelta(days=5 - ref.weekday(), weeks=n)
        return saturday, saturday + timedelta(days=1)
    if unit == "month":
        return month_range(*_shift_month(ref.year, ref.month, n))
    if unit == "fy":
        return fiscal_year_range(_fiscal_year_of(ref) + n)
    return date(ref.year + n, 1, 1), date(ref.year + n, 12, 31)


def _weekday_date(wd: int, rel: int | None, ref: date, plan: bool) -> date:
    gap = wd - ref.weekday()
    if rel == -1:  # last Tuesday: strictly before
        return ref - timedelta(days=(-gap - 1) % 7 + 1)
    if rel == 1:  # next Tuesday: strictly after
        return ref + timedelta(days=(gap - 1) % 7 + 1)
    if rel == 0:  # this Tuesday: in the reference week
        return ref + timedelta(days=gap)
    return ref + timedelta(days=gap % 7) if plan else ref - timedelta(days=-gap % 7)


# --------------------------------------------------------------------------- public API


# What a reference known only to its month or year cannot resolve: "yesterday", "on Tuesday",
# "last week" need the day; "last March", "this month" need the month. ("this April" is
# April of the reference's year, whichever month that is.)
_NEEDS_DAY = ("weekday", "ago")
_DAY_UNITS = ("day", "week", "weekend")


def _needs_finer(e: _Expr, ref_precision: str) -> bool:
    if ref_precision == "day":
        return False
    if e.kind in _NEEDS_DAY or (e.kind == "rel" and e.unit in _DAY_UNITS):
        return True
    if ref_precision == "year":
        return (e.kind == "month_rel" and e.rel != 0) or (e.kind in ("rel", "ago") and e.unit == "month")
    return False


def find_dates(
    text: str, ref: date, ref_precision: str = "day", weekdays_after: date | None = None
) -> list[DateMention]:
    """Every date expression in `text`, resolved against `ref` (the document's date).

    `ref_precision` says how much of `ref` is known. A document dated only to its year
    ("Defense Minister Nakatani" and "Hegseth": 2025) places a yearless "July 4" in that
    year whatever the tense, and leaves out what needs the day or month ("on Tuesday",
    "last month"): a guess there would look as sure as a stated date.

    `weekdays_after` is for a document dated only by the latest day it writes: it was
    written after that day, so a weekday it names alone ("began on February 1. It ended
    Thursday.") is the first such weekday after it, not the one before.
    """
    mentions: list[DateMention] = []
    ref_end = (
        date(ref.year, 12, 31) if ref_precision == "year"
        else month_range(ref.year, ref.month)[1] if ref_precision == "month" else ref
    )
    for hit in _matched(text):
        e = hit.expr
        if _needs_finer(e, ref_precision):
            continue
        plan = _plan(text, hit.start) or (e.kind == "weekday" and _possessive_plan(text, hit.end))
        try:
            if ref_precision == "year" and e.kind == "cal" and e.y is None and e.y2 is None:
                start, end = _cal_span(e, ref.year, None)
            elif weekdays_after is not None and e.kind == "weekday" and e.rel is None:
                start = end = weekdays_after + timedelta(days=(e.wd - weekdays_after.weekday()) % 7)
            else:
                # ("The Resolute Dragon exercise runs from September 11 to September 25": a
                # run told in the present is the coming or current one, not last year's)
                start, end = _resolve(e, ref, plan or (
                    e.kind == "cal" and e.y is None and _RUN_SPAN_BEFORE.search(text, max(0, hit.start - 30), hit.start)
                    is not None))
                if (
                    not plan and e.kind == "cal" and e.y is None and e.y2 is None
                    and _PRESENT_START_BEFORE.search(text, max(0, hit.start - 80), hit.start)
                    and (ahead := _resolve(e, ref, True))[0] > ref
                    and (ahead[0] - ref) < (ref - start)
                ):
                    start, end = ahead
        except (ValueError, OverflowError):  # outside the calendar: not a date after all
            continue
        if end < start:
            continue
        future = not e.past and (e.ahead or start > ref_end or (plan and end >= ref))
        if weekdays_after is not None and e.kind == "weekday" and e.rel is None:
            future = plan  # after the latest written day, which is not the document's own
        mentions.append(
            DateMention(
                start=hit.start,
                end=hit.end,
                text=text[hit.start : hit.end],
                date_start=start,
                date_end=end,
                precision=e.precision,
                # ("by June 1", "ahead of July 9", "the August 1 tariff deadline")
                deadline=_deadline_word(text, hit.start) is not None or bool(_DEADLINE_AFTER.match(text, hit.end)),
                future=future,
            )
        )
    return mentions


def scan(text: str) -> list[RawDate]:
    """The same expressions as find_dates, unresolved: what each says without a reference."""
    raws: list[RawDate] = []
    for hit in _matched(text):
        e = hit.expr
        if e.kind == "cal" and not _valid(e):
            continue
        year = e.y if e.kind in ("cal", "fiscal") else None
        if year is None and e.kind == "cal" and e.y2 is not None:
            year = e.y2 - 1 if _ends_next_year(e) else e.y2
        precision = "day" if e.precision == "week" else e.precision
        raws.append(
            RawDate(
                start=hit.start,
                end=hit.end,
                text=text[hit.start : hit.end],
                year=year,
                month=e.m if e.kind != "fiscal" else None,
                day=e.d if e.kind == "cal" else None,
                precision=precision,
                future=e.ahead or _plan(text, hit.start),
                relative=e.relative,
                weekday=e.dow if year is None else None,
                end_month=e.m2 if e.kind == "cal" and e.d2 is not None else None,
                end_day=e.d2 if e.kind == "cal" else None,
            )
        )
    return raws


def valid_day(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _ends_next_year(e: _Expr) -> bool:
    """A span whose end comes before its start in the calendar crosses New Year."""
    return e.m2 is not None and (e.m2, e.d2 or 0) < (e.m or 0, e.d or 0)


def _valid(e: _Expr) -> bool:
    """A yearless "February 30" is no date in any year."""
    try:
        _cal_span(e, e.y if e.y is not None else 2000, e.y2)  # 2000 is a leap year
    except ValueError:
        return False
    return True


def weekday_years(month: int, day: int, weekday: int, first: int, today: date) -> list[int]:
    """The years from `first` up to today's in which `month`/`day` falls on `weekday`
    (Monday 0): a Thursday that is Nov. 10 is 2022, 2016, 2011..."""
    out = []
    for y in range(first, today.year + 1):
        try:
            if date(y, month, day).weekday() == weekday:
                out.append(y)
        except ValueError:
            continue
    return out


@dataclass(frozen=True)
class YearlessMention:
    """A date whose year nothing settles: month and day as the text gives them.

    A story under "Tokyo, Nov. 10 (Wire)--" with no year anywhere still says its talks were
    "on Nov. 8" or "yesterday"; an analyst records "Nov. 8, year unknown" rather than drop
    the event or guess a year.
    """

    start: int
    end: int
    text: str
    month: int
    day: int | None  # None: the whole month
    month_end: int
    day_end: int | None
    future: bool


_ANY_LEAP_YEAR = 2000  # month-day arithmetic ("yesterday" from Mar. 1) in a year with Feb. 29


def find_yearless(text: str, month_day: tuple[int, int]) -> list[YearlessMention]:
    """The dates in `text` resolvable from a reference whose year is unknown.

    Calendar dates without a year ("Nov. 8", "Oct. 23 to Nov. 1", "in June") are kept as
    written and "yesterday"/"today"/"tomorrow" count from `month_day`. What needs a year is
    left out: a weekday (which date is a Thursday depends on the year), "last week", a
    written year (that is find_dates' business).
    """
    ref = date(_ANY_LEAP_YEAR, *month_day)
    out: list[YearlessMention] = []
    for hit in _matched(text):
        e = hit.expr
        future = e.ahead or _plan(text, hit.start)
        if e.kind == "cal" and e.y is None and e.y2 is None and e.m is not None and _valid(e):
            m2 = e.m2 if e.m2 is not None else e.m
            d2 = e.d2 if e.d2 is not None else (e.d if e.m2 is None else None)
            out.append(YearlessMention(hit.start, hit.end, text[hit.start : hit.end], e.m, e.d,
                                       m2, d2, future))
        elif e.kind == "rel" and e.unit == "day":
            day = ref + timedelta(days=e.rel or 0)
            out.append(YearlessMention(hit.start, hit.end, text[hit.start : hit.end], day.month,
                                       day.day, day.month, day.day, (e.rel or 0) > 0))
    return out


def stated_day(text: str) -> tuple[int, int] | None:
    """The month and day a sentence writes without a year ("on March 3"), not a plan nor a
    word like "yesterday": what another report of the same event may give the year of."""
    if not any(ch.isdigit() for ch in text):
        return None
    return next(((y.month, y.day) for y in find_yearless(text, (1, 1))
                 if y.day and not y.future and any(ch.isdigit() for ch in y.text)), None)
