"""/meetings: who met whom, when and where.

Answers from the meetings found in the loaded documents (talks, dialogues, summits,
calls, visits), best match first; with no words, the most recent first.

Query: names, aliases, places or topics (typos are fine), plus optional dates:
  a year 2024, a month 2024-05, a day 2024-05-29,
  since:YYYY[-MM[-DD]] and until:YYYY[-MM[-DD]] (inclusive), page:N for more.
  "Quoted words" are kept together as one phrase.

Examples:
  /meetings kishida paparo
  /meetings 2+2 since:2019
  /meetings 岸田
  /meetings tokyo 2024-05
"""

from __future__ import annotations

from bot.context import Context
from bot.digest.trends import PLURALS
from commands.query import Query, parse_query, run_facts
from commands.results import FactsResult

NAME = "meetings"
KIND = "meeting"
# Words every meeting implies; requiring them in the answer would only lose matches.
IGNORE = frozenset({"meeting", "meetings", "meet", "meets", "met"})


def parse(text: str) -> Query:
    return parse_query(NAME, text, ignore=IGNORE)


def run(query: Query, ctx: Context) -> FactsResult:
    return run_facts(query, ctx, kind=KIND, plural=PLURALS[KIND][1])
