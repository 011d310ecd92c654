"""The query language shared by /meetings, /exercises and /space.

People type into Slack the way they talk: names with typos, a year, a month, sometimes a
range. Anything that looks like a date filter but is not a valid one is refused with a
hint, because silently treating "until:2024-13" as a search word would return a
confusing list instead of telling the user what went wrong.

    words         names, aliases, places, topics ("paparo", "2+2", "valiant shield")
    "a phrase"    quoted words kept together
    2023          a year;  2024-05 a month;  2024-05-29 a day
    since:2024-01 until:2024-06-30   inclusive; a year or month expands to its range
    page:2        the next page of results
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from bot.context import Context
from bot.kb import corrections, search
from bot.kb.model import Period
from bot.kb.text import slack_to_plain
from commands.errors import UsageError
from commands.results import FactsResult

FILTERS = ("since", "until", "page")
MAX_WORDS = 20
MAX_PAGE = 1000
MIN_YEAR, MAX_YEAR = 1900, 2100

USAGE = (
    "Usage: {slash} [words] [2024 | 2024-05 | 2024-05-29] [since:YYYY[-MM[-DD]]] "
    "[until:YYYY[-MM[-DD]]] [page:N]"
)

# ASCII digits only: "²" and "①" pass str.isdigit() but not int(), and a 4,300-digit number
# is past what int() parses by default; both used to reach the user as an apology.
_DATE_SHAPE = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$")
_LOOKS_LIKE_DATE = re.compile(r"^[0-9]{4}-[0-9]+(?:-[0-9]+)?$")
_PAGE = re.compile(r"[0-9]{1,6}")
# Ranking work grows with the number of search terms, and one hyphenated "word" can hold
# hundreds of them: a query is bounded in terms, not only in words.
MAX_TERMS = 30
_FILTER_SHAPE = re.compile(r"^([A-Za-z]{2,12}):(.*)$")
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


@dataclass
class Query:
    """What a user asked, parsed: free words plus date filters (inclusive ISO dates)."""

    command: str
    text: str
    words: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    page: int = 1
    options: dict[str, Any] = field(default_factory=dict)



# A Japanese keyboard types full-width forms ("since：２０２４", the ideographic space): they
# are read as the ASCII they stand for. Only that block: NFKC would also turn "²" and "①"
# into digits, and a number written with anything but 0-9 is refused (see odd_digit).
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: ord(" ")}


def clean_text(text: str) -> str:
    """Undo what Slack does to typed text (links, mentions, smart quotes, entities), and
    read full-width forms as the plain ones."""
    text = slack_to_plain(text, mention_labels=True)
    return text.translate(_FULL_WIDTH) if not text.isascii() else text


def odd_digit(token: str) -> str | None:
    """The first digit in `token` that is not 0-9 ("²", "①", Arabic-Indic "٣"), if any.

    They pass str.isdigit() yet are no number a user meant to type, so a query holding one
    is answered with a hint rather than searched for or guessed at."""
    return next((c for c in token if not c.isascii() and unicodedata.category(c) in ("Nd", "No")), None)


def refuse_odd_digits(token: str, hint: str) -> None:
    """UsageError naming the odd digit in `token`, if it has one."""
    if (odd := odd_digit(token)) is not None:
        raise UsageError(f"{token[:25]}: {odd!r} is not a digit I can read.",
                         hint="Write numbers with the digits 0-9. " + hint)


def parse_date(value: str, *, what: str, slash: str) -> Period:
    """A year, month or day as the inclusive range it covers; UsageError when invalid."""
    m = _DATE_SHAPE.match(value.strip())
    if not m:
        raise UsageError(
            f"{what} {value!r} is not a date I understand.",
            hint="Write dates as 2024, 2024-05 or 2024-05-29. " + USAGE.format(slash=slash),
        )
    year = int(m.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(
            f"{what} {value!r}: the year must be between {MIN_YEAR} and {MAX_YEAR}.",
            hint=USAGE.format(slash=slash),
        )
    if m.group(2) is None:
        return Period.year(year)
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise UsageError(
            f"{what} {value!r}: there is no month {month}.",
            hint="Months go from 01 to 12, e.g. 2024-05. " + USAGE.format(slash=slash),
        )
    period = Period.month(year, month)
    if m.group(3) is None:
        return period
    last = period.end.day
    day = int(m.group(3))
    if not 1 <= day <= last:
        raise UsageError(
            f"{what} {value!r}: {calendar.month_name[month]} {year} has {last} days.",
            hint=USAGE.format(slash=slash),
        )
    return Period.day(date(year, month, day))


def _is_year(token: str) -> bool:
    return bool(re.fullmatch(r"[0-9]{4}", token)) and MIN_YEAR <= int(token) <= MAX_YEAR


def page_number(value: str) -> int | None:
    """The page that `value` names (ASCII digits, 1..MAX_PAGE), else None."""
    if _PAGE.fullmatch(value) and 1 <= int(value) <= MAX_PAGE:
        return int(value)
    return None


def term_count(words: list[str]) -> int:
    """How many search terms the words make (what ranking costs grow with)."""
    from bot.kb.search import content_tokens

    return sum(len(content_tokens(w)) for w in words)


def tokens(text: str) -> list[tuple[str, bool]]:
    """Split on spaces, keeping "quoted phrases" together: (token, was_quoted)."""
    out: list[tuple[str, bool]] = []
    if text.count('"') % 2:  # an unbalanced quote: treat every quote as a space
        text = text.replace('"', " ")
    for m in _TOKEN.finditer(text):
        if m.group(1) is not None:
            phrase = " ".join(m.group(1).split())
            if phrase:
                out.append((phrase, True))
        else:
            out.append((m.group(2), False))
    return out


def parse_query(command: str, text: str, *, ignore: frozenset[str] = frozenset()) -> Query:
    """Parse the text of /meetings, /exercises or /space (pure; raises UsageError).

    `ignore` holds words that say nothing in this command ("meeting" in /meetings):
    they would otherwise demand that every answer contain them.
    """
    slash = f"/{command}"
    text = clean_text(text)
    words: list[str] = []
    bounds: list[Period] = []  # bare dates: the span of all of them
    since: Period | None = None
    until: Period | None = None
    page = 1
    shown: list[str] = []
    toks = tokens(text)
    i = 0
    while i < len(toks):
        tok, quoted = toks[i]
        i += 1
        refuse_odd_digits(tok, USAGE.format(slash=slash))
        if quoted:
            words.append(tok)
            continue
        fm = _FILTER_SHAPE.match(tok)
        if fm:
            key, value = fm.group(1).lower(), fm.group(2)
            if key in FILTERS:
                if not value and i < len(toks):  # "since: 2024"
                    value = toks[i][0]
                    i += 1
                if not value:
                    raise UsageError(
                        f"{key}: needs a value.",
                        hint=f"For example {key}:{'2' if key == 'page' else '2024-05'}. "
                        + USAGE.format(slash=slash),
                    )
                if key == "page":
                    number = page_number(value)
                    if number is None:
                        raise UsageError(
                            f"page:{value[:20]} is not a page number.",
                            hint=f"Use page:2, page:3 ... (up to {MAX_PAGE}).",
                        )
                    page = number
                    continue
                rng = parse_date(value, what=f"{key}:", slash=slash)
                if key == "since":
                    since = rng
                else:
                    until = rng
                shown.append(f"{key}:{value}")
                continue
            close = max(FILTERS, key=lambda f: fuzz.ratio(key, f))
            if fuzz.ratio(key, close) >= 70 and (value[:1].isdigit() or not value):
                raise UsageError(
                    f"Unknown filter {key + ':'!r}.",
                    hint=f"Did you mean {close}:? " + USAGE.format(slash=slash),
                    suggestions=[f"{close}:{value}"],
                )
            # Anything else with a colon ("re:invent") is just a word.
        if _is_year(tok) or _LOOKS_LIKE_DATE.match(tok):
            bounds.append(parse_date(tok, what="Date", slash=slash))
            shown.append(tok)
            continue
        if tok.lower() in ignore:
            continue
        words.append(tok)

    if len(words) > MAX_WORDS:
        raise UsageError(
            f"That is {len(words)} words; I can search for at most {MAX_WORDS} at once.",
            hint="Keep the names, places or topics that matter most. " + USAGE.format(slash=slash),
        )
    if (terms := term_count(words)) > MAX_TERMS:
        raise UsageError(
            f"That is {terms} search terms; I can search for at most {MAX_TERMS} at once.",
            hint="Keep the names, places or topics that matter most. " + USAGE.format(slash=slash),
        )
    lo = [r.start for r in ([min(bounds, key=lambda r: r.start)] if bounds else [])]
    hi = [r.end for r in ([max(bounds, key=lambda r: r.end)] if bounds else [])]
    if since:
        lo.append(since.start)
    if until:
        hi.append(until.end)
    start = max(lo) if lo else None
    end = min(hi) if hi else None
    if start and end and start > end:
        raise UsageError(
            f"The dates leave nothing to search: {start.isoformat()} is after {end.isoformat()}.",
            hint="Put since: before until:, e.g. since:2023-01 until:2024-06.",
        )
    return Query(
        command=command,
        text=text,
        words=words,
        since=start.isoformat() if start else None,
        until=end.isoformat() if end else None,
        page=page,
        options={"filters": shown},
    )


# -- running a fact query (shared by /meetings, /exercises, /space) ------------------------

JAPANESE_HINT = (
    " Japanese script finds the people, places and organizations I know by their kanji or"
    " kana names (岸田, 防衛省, 沖縄); for anything else, try the name in English."
)


def describe_dates(since: str | None, until: str | None) -> str:
    """ "in 2023", "in May 2024", "on 29 May 2024", "since 1 Jan 2024", "from ... to ..." """
    if not since and not until:
        return ""
    s = date.fromisoformat(since) if since else None
    u = date.fromisoformat(until) if until else None
    if s and u:
        if s == u:
            return f"on {s.day} {calendar.month_name[s.month]} {s.year}"
        if s.year == u.year and (s.month, s.day, u.month, u.day) == (1, 1, 12, 31):
            return f"in {s.year}"
        if (s, u) == Period.month(s.year, s.month).bounds:
            return f"in {calendar.month_name[s.month]} {s.year}"
        return f"from {s.isoformat()} to {u.isoformat()}"
    if s:
        return f"since {s.isoformat()}"
    return f"until {u.isoformat()}"  # type: ignore[union-attr]


def run_facts(query: Query, ctx: Context, *, kind: str, plural: str) -> FactsResult:
    """Rank facts of one kind for a parsed query and say plainly when nothing matched."""
    db = ctx.db
    size = ctx.config.page_size
    ranked = search.rank_facts(
        db, kind, query.words, since=query.since, until=query.until, page=query.page, page_size=size
    )
    when = describe_dates(query.since, query.until)
    asked = " ".join(query.words)
    result = FactsResult(
        command=query.command,
        query=query.text,
        facts=ranked.facts,
        total=ranked.total,
        page=query.page,
        page_size=size,
        suggestions=list(ranked.suggestions),
        kind=kind,
        plural=plural,
        when=when,
        order="best match first" if ranked.terms else "newest first",
    )
    if ranked.facts:
        dates = search.get_index(db).doc_dates
        result.doc_dates = {f.doc_id: dates[f.doc_id] for f in ranked.facts if f.doc_id in dates}
        # "corrected by @ann on 3 Dec", in every front end
        result.notes = corrections.notes(db, [f.id for f in ranked.facts])
    unmatched = ", ".join(f"\u201c{w}\u201d" for w in ranked.unmatched)
    japanese = JAPANESE_HINT if any(search.CJK.search(w) for w in ranked.unmatched) else ""
    if ranked.terms and len(ranked.unmatched) == len(ranked.terms):
        if search.get_index(db).kind(kind).size == 0:
            result.message = f"No {plural} in the knowledge base yet: load some documents first."
            result.suggestions = []
            return result
        result.message = f"No {plural} matched {unmatched}." + japanese
        if not result.suggestions and not japanese:
            result.message += " No name in these facts is close to it either."
        return result
    if ranked.total == 0:
        if ranked.outside_dates:
            n = ranked.outside_dates
            result.message = (
                f"No {plural} matched \u201c{asked}\u201d {when}; {n} match at other dates "
                f"(drop the date to see them)."
            )
        elif when:
            result.message = f"No {plural} {when}" + (f" matched \u201c{asked}\u201d." if asked else ".")
        else:
            result.message = f"No {plural} in the knowledge base yet: load some documents first."
        return result
    pages = -(-ranked.total // size)
    if query.page > pages:
        result.message = (
            f"Page {query.page} is past the end: {ranked.total} {plural} make {pages} "
            f"page{'s' if pages != 1 else ''}."
        )
        return result
    if ranked.unmatched:
        result.message = f"Nothing matched {unmatched}; showing {plural} for the other words." + japanese
    return result
