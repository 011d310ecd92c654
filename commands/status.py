"""/allybot status: what the knowledge base holds.

Documents and facts by kind, the period the facts cover, the last load (when, how long,
what it skipped and why), the documents added this week and by whom, and what is dated
in the next eight weeks. The App Home tab shows the same.

Examples:
  /allybot status
"""

from __future__ import annotations

from commands.query import Query
from commands.results import Result

NAME = "status"


def parse(text: str) -> Query:
    return Query(command=NAME, text=(text or "").strip())


def run(query: Query, db) -> Result:
    from bot.kb.status import describe, gather

    data = gather(db, tz=_tz())
    return Result(command=NAME, query=query.text, message=describe(data), extra={"status": data})


def _tz():
    from bot.config import get_config

    return get_config().digest.tz
