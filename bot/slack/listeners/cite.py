"""The Cite button on every fact: a footnote for each of its sources, privately.

The answer is ephemeral, under the message clicked: a citation is for the person writing,
not for the channel, and an ephemeral message has no thread to answer in anyway.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from bot.context import Context
from bot.kb.citations import citations
from bot.kb.store import fact_from_row
from bot.slack import blocks as render
from commands.errors import CommandError

CITE = "cite"


def register(app, ctx: Context, registered: dict, attempt: Callable) -> None:
    """`attempt(produce, what)` is app.py's: the payload, or a hint or an apology instead."""
    app.action(CITE)(ack=lambda ack: ack(), lazy=[_cite_listener(ctx, attempt)])
    registered["actions"].append(CITE)


def cite_payload(ctx: Context, fact_id: str) -> dict:
    try:
        row = ctx.db["facts"].get(fact_id)
    except sqlite_utils.db.NotFoundError:
        raise CommandError("That fact is no longer in the knowledge base (the documents were reloaded).",
                           hint="Run the command again to get fresh results.") from None
    fact = fact_from_row(row)
    return render.cite_blocks(fact, citations(ctx.db, fact))


def _cite_listener(ctx: Context, attempt: Callable) -> Callable:
    def cite(body, respond):
        fact_id = str(((body.get("actions") or [{}])[0]).get("value") or "")
        payload, _ = attempt(lambda: cite_payload(ctx, fact_id), f"citing {fact_id!r}")
        respond(response_type="ephemeral", replace_original=False, **payload)

    return cite
