"""The buttons under an answer: Share (post it in the channel), Show source (the passage, in
the thread), More (the next page, in place) and Post digest."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from slack_sdk.errors import SlackApiError

import commands
from bot.context import Context
from bot.digest.outbox import post_digest
from bot.kb.search import source_passage
from bot.slack import blocks as render
from bot.slack.listeners.answering import (
    Payload,
    ack,
    action_value,
    answer,
    attempt,
    channel_id,
    clicked_fact,
    post_failed_note,
    reply_in_thread,
    with_note,
)
from bot.slack.listeners.curation import annotate
from commands.errors import CommandError
from commands.results import Result

log = logging.getLogger(__name__)

ACTIONS = ("share", "show_source", "more", "digest_post")


def register(app, ctx: Context, registered: dict[str, list[str]]) -> Callable:
    """Returns the Show source handler, which the fact menu (listeners/curation.py) reuses."""
    handlers = {
        "share": _share_listener(ctx),
        "show_source": _show_source_listener(ctx),
        "more": _more_listener(ctx),
        "digest_post": _digest_post_listener(ctx),
    }
    for action_id in ACTIONS:
        app.action(action_id)(ack=ack, lazy=[handlers[action_id]])
        registered["actions"].append(action_id)
    return handlers["show_source"]


def _run_from_button(value: str, ctx: Context, body: dict | None = None, interactive: bool = True) -> Result:
    """Run again what a button's value describes (bot.slack.blocks.Rerun)."""
    rerun = render.Rerun.from_value(value)
    result = commands.rerun(rerun.command, rerun.text, ctx, page=rerun.page)
    return annotate(result, ctx.db, body, interactive)



def _share_listener(ctx) -> Callable:
    def share(body, client, respond):
        payload, ok = attempt(
            lambda: render.to_blocks(_run_from_button(action_value(body), ctx, body, False),
                                     interactive=False),
            "sharing a result",
        )
        if not ok:  # an error is for the person who clicked, not for the channel
            respond(response_type="ephemeral", replace_original=False, **payload)
            return
        user = (body.get("user") or {}).get("id")
        if user:
            payload = with_note(payload, f"Shared by <@{user}>")
        try:
            client.chat_postMessage(channel=channel_id(body), **payload)
        except SlackApiError as exc:
            log.warning("share failed: %s", exc)
            respond(response_type="ephemeral", replace_original=False,
                    **with_note(payload, post_failed_note(exc)))

    return share


def _show_source_listener(ctx) -> Callable:
    def show_source(body, client, respond):
        fact_id = action_value(body)

        def produce() -> Payload:
            fact = clicked_fact(ctx.db, fact_id)
            return render.source_blocks(fact, source_passage(ctx.db, fact))

        payload, ok = attempt(produce, f"showing the source of {fact_id!r}")
        container = body.get("container") or {}
        message = body.get("message") or {}
        ts = message.get("thread_ts") or message.get("ts")
        if not ok or container.get("is_ephemeral") or not ts:
            # An ephemeral message has no thread to reply in: answer privately below it.
            respond(response_type="ephemeral", replace_original=False, **payload)
            return
        reply_in_thread(client, respond, body, ts, payload, "show_source")

    return show_source


def _more_listener(ctx) -> Callable:
    def more(body, respond):
        payload = answer(
            lambda: render.to_blocks(_run_from_button(action_value(body), ctx, body)),
            "showing more results",
        )
        respond(replace_original=True, **payload)

    return more


def _digest_post_listener(ctx) -> Callable:
    def digest_post(body, client, respond):
        def produce() -> Payload:
            try:
                week = date.fromisoformat(action_value(body))
            except ValueError:
                raise CommandError("That button does not name a week.") from None
            digest = ctx.config.digest
            # The digest shown is the one of the channel it was asked in, if it has one.
            scope = digest.for_channel(channel_id(body), (body.get("channel") or {}).get("name"))
            scope = scope or digest.channels[0]
            channel = scope.channel
            outcome = post_digest(ctx.db, client, scope, week, config=digest)
            what = f"the digest for the week of {week:%Y-%m-%d}"
            text = {
                "posted": f"Posted {what} in {channel}.",
                "already-posted": f"{what.capitalize()} was already posted in {channel}; "
                                  "it is posted only once.",
                "in-progress": f"{what.capitalize()} is being posted in {channel} right now.",
                "failed": f"Slack did not accept {what} in {channel}; the next try resumes it "
                          "(is allybot invited to the channel?).",
                "too-early": f"{what.capitalize()} can be posted once that week is over.",
            }.get(outcome, f"{what.capitalize()} in {channel}: {outcome}.")
            return {"text": text, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]}

        payload = answer(produce, "posting the digest")
        respond(response_type="ephemeral", replace_original=False, **payload)

    return digest_post
