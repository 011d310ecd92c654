"""/space: space cooperation: programs, missions, agreements, dialogues.

Answers from the space items found in the loaded documents, best match first; with no
words, the most recent first.

Query: programs, missions, agencies, companies (typos are fine), plus optional dates:
  a year 2024, a month 2024-08, a day 2024-08-27,
  since:YYYY[-MM[-DD]] and until:YYYY[-MM[-DD]] (inclusive), page:N for more.
  "Quoted words" are kept together as one phrase.

Examples:
  /space jaxa nasa
  /space lunar since:2024
  /space "situational awareness" 2023
"""

from __future__ import annotations

from bot.context import Context
from bot.digest.trends import PLURALS
from commands.query import Query, parse_query, run_facts
from commands.results import FactsResult

NAME = "space"
KIND = "space"
IGNORE: frozenset[str] = frozenset()  # "space" itself is part of names ("Space Force")


def parse(text: str) -> Query:
    return parse_query(NAME, text, ignore=IGNORE)


def run(query: Query, ctx: Context) -> FactsResult:
    return run_facts(query, ctx, kind=KIND, plural=PLURALS[KIND][1])
