"""/calendar: what is dated in the next 8 weeks, and how to subscribe to the calendar.

Lists the meetings, exercises and space items dated from today to 8 weeks ahead, soonest
first; a plan known only to the month shows as that month. Start with a kind to see only
that kind, or a date to look at another 8 weeks. The whole calendar of dated facts is an
iCalendar feed your calendar app can subscribe to; it updates in place after each load.

Examples:
  /calendar
  /calendar exercises
  /calendar 2024-05-01
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.context import Context
from bot.digest.trends import COMMAND_WORDS
from bot.kb.ical import dated_facts
from bot.kb.model import Period
from commands.errors import UsageError
from commands.query import Query, clean_text, parse_date
from commands.results import FactsResult

NAME = "calendar"
WEEKS = 8
# "/calendar exercises" or "/calendar exercise": a kind's command word or its name.
KINDS = {word: kind for kind, many in COMMAND_WORDS.items() for word in (many, kind)}
FEED_PATH = "/calendar.ics"


def parse(text: str) -> Query:
    kinds, start, page = [], None, 1
    for word in clean_text(text or "").split():
        low = word.lower()
        if low in KINDS:
            kinds.append(KINDS[low])
        elif low.startswith("page:") and low[5:].isdigit() and int(low[5:]) >= 1:
            page = int(low[5:])
        elif word[:1].isdigit():
            start = parse_date(word, what="Date", slash="/calendar").start
        else:
            raise UsageError(f"/calendar does not search words ({word!r}).",
                             hint=f"Give a kind ({', '.join(COMMAND_WORDS.values())}) or a start date, e.g. "
                                  "`/calendar exercises 2024-06`.")
    return Query(command=NAME, text=" ".join((clean_text(text or "")).split()), page=page,
                 since=start.isoformat() if start else None, options={"kinds": sorted(set(kinds))})


def subscribe_hint(ctx: Context) -> str:
    base = (ctx.settings.public_url if ctx.settings else None) or ""
    where = f"{base.rstrip('/')}{FEED_PATH}?token=…" if base else f"`{FEED_PATH}?token=…` on allybot's web address"
    return (f"Subscribe in your calendar app to {where} (ask whoever runs allybot for the token); "
            "`allybot calendar --ics` writes the same file.")


def run(query: Query, ctx: Context) -> FactsResult:
    first = date.fromisoformat(query.since) if query.since else ctx.now().date()
    window = Period(first, first + timedelta(weeks=WEEKS) - timedelta(days=1))
    kinds = query.options.get("kinds") or None
    found = []
    for fact in dated_facts(ctx.db, kinds):
        period = Period.of_fact(fact.date_start, fact.date_end, fact.date_precision)
        if period is not None and period.precision != "year" and period.overlaps(window):
            found.append((period.start, fact.id, fact))
    facts = [f for _, _, f in sorted(found, key=lambda t: (t[0], t[1]))]
    size = ctx.config.page_size
    page = facts[(query.page - 1) * size: query.page * size]
    when = f"from {window.start:%-d %b %Y} to {window.end:%-d %b %Y}"
    hint = subscribe_hint(ctx)
    message = hint if facts else f"Nothing is dated {when}. {hint}"
    return FactsResult(command=NAME, query=query.text, facts=page, total=len(facts), page=query.page,
                       page_size=size, message=message, kind="", plural="dated facts", when=when,
                       order="soonest first")
