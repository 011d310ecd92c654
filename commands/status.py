"""/allybot status: what the knowledge base holds.

Documents and facts by kind, the period the facts cover, the last load (when, how long,
what it skipped and why), the documents added this week and by whom, and what is dated
in the next eight weeks. The App Home tab shows the same.

Examples:
  /allybot status
"""

from __future__ import annotations

from bot.context import Context
from bot.kb.status import describe, gather
from commands.query import Query
from commands.results import StatusResult

NAME = "status"


def parse(text: str) -> Query:
    return Query(command=NAME, text=(text or "").strip())


def run(query: Query, ctx: Context) -> StatusResult:
    data = gather(ctx.db, now=ctx.now(), tz=ctx.config.digest.tz)
    return StatusResult(command=NAME, query=query.text, message=describe(data), status=data)
