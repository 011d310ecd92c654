"""The Cite button on every fact: a footnote for each of its sources, privately.

The answer is ephemeral, under the message clicked: a citation is for the person writing,
not for the channel, and an ephemeral message has no thread to answer in anyway.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.context import Context
from bot.kb.citations import citations
from bot.slack import blocks as render
from bot.slack.listeners.answering import ack, attempt, clicked_fact

CITE = "cite"


def register(app, ctx: Context, registered: dict) -> None:
    app.action(CITE)(ack=ack, lazy=[_cite_listener(ctx)])
    registered["actions"].append(CITE)


def cite_payload(ctx: Context, fact_id: str) -> dict:
    fact = clicked_fact(ctx.db, fact_id)
    return render.cite_blocks(fact, citations(ctx.db, fact))


def _cite_listener(ctx: Context) -> Callable:
    def cite(body, respond):
        fact_id = str(((body.get("actions") or [{}])[0]).get("value") or "")
        payload, _ = attempt(lambda: cite_payload(ctx, fact_id), f"citing {fact_id!r}")
        respond(response_type="ephemeral", replace_original=False, **payload)

    return cite
