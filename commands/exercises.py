"""/exercises: military exercises, with dates, forces and place.

Answers from the exercises and drills found in the loaded documents, best match first;
with no words, the most recent first.

Query: exercise names, forces, ships, places (typos are fine), plus optional dates:
  a year 2023, a month 2024-06, a day 2023-07-16,
  since:YYYY[-MM[-DD]] and until:YYYY[-MM[-DD]] (inclusive), page:N for more.
  "Quoted words" are kept together as one phrase.

Examples:
  /exercises valiant shield
  /exercises 2023
  /exercises bomber since:2023-01 until:2023-12
"""

from __future__ import annotations

from bot.context import Context
from bot.digest.trends import PLURALS
from commands.query import Query, parse_query, run_facts
from commands.results import FactsResult

NAME = "exercises"
KIND = "exercise"
IGNORE = frozenset({"exercise", "exercises", "drill", "drills"})


def parse(text: str) -> Query:
    return parse_query(NAME, text, ignore=IGNORE)


def run(query: Query, ctx: Context) -> FactsResult:
    return run_facts(query, ctx, kind=KIND, plural=PLURALS[KIND][1])
