"""Answering safely, shared by every listener: a user sees an answer, a usage hint or an
apology with a reference id, never a traceback; and a post Slack refuses is shown privately
to the person who asked instead of failing silently."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

import sqlite_utils
from slack_sdk.errors import SlackApiError

from bot.kb.model import Fact
from bot.kb.store import fact_from_row
from bot.slack import blocks as render
from bot.slack.blocks import MAX_BLOCKS
from commands.errors import CommandError, UsageError

log = logging.getLogger(__name__)

Payload = dict[str, Any]  # {"text": ..., "blocks": [...]} as bot.slack.blocks returns it


def ack(ack) -> None:
    """Bolt's acknowledgement for a listener whose answer comes from a lazy function."""
    ack()


def clicked_fact(db: sqlite_utils.Database, fact_id: str) -> Fact:
    """The fact a button names; a hint, not an apology, when a reload has removed it."""
    try:
        return fact_from_row(db["facts"].get(fact_id))
    except sqlite_utils.db.NotFoundError:
        raise CommandError("That fact is no longer in the knowledge base (the documents were reloaded).",
                           hint="Run the command again to get fresh results.") from None

def user_error(exc: UsageError | CommandError) -> Payload:
    return render.usage_blocks(exc)


def apology(what: str) -> Payload:
    """Log the current exception under a short id the user can quote; never show it."""
    ref = uuid.uuid4().hex[:8]
    log.exception("allybot error ref=%s while %s", ref, what)
    return render.apology_blocks(ref)


def attempt(produce: Callable[[], Payload], what: str) -> tuple[Payload, bool]:
    """The payload to send and whether it is the answer (else a usage hint or an apology)."""
    try:
        return produce(), True
    except (UsageError, CommandError) as exc:
        return user_error(exc), False
    except Exception:
        return apology(what), False


def answer(produce: Callable[[], Payload], what: str) -> Payload:
    return attempt(produce, what)[0]


def with_note(payload: Payload, note: str) -> Payload:
    """Add a one-line context note at the end, within Slack's 50-block limit."""
    blocks = list(payload.get("blocks") or [])[: MAX_BLOCKS - 1]
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": note}]})
    return {**payload, "blocks": blocks}


def post_failed_note(exc: SlackApiError) -> str:
    error = exc.response.get("error") if exc.response is not None else None
    if error in ("not_in_channel", "channel_not_found"):
        return "I can't post in this channel: invite me with `/invite @allybot`, then try again."
    return f"Slack refused the message ({error or 'unknown error'}); only you can see this copy."



def action_value(body) -> str:
    actions = body.get("actions") or [{}]
    return str(actions[0].get("value") or "")


def channel_id(body) -> str | None:
    return (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")


def reply_in_thread(client, respond, body, ts: str, payload: Payload, what: str) -> None:
    """Post in the thread under `ts`; if Slack refuses (say, the bot is not in the channel),
    tell the person who clicked, privately, rather than fail silently."""
    try:
        client.chat_postMessage(channel=channel_id(body), thread_ts=ts, **payload)
    except SlackApiError as exc:
        log.warning("%s post failed: %s", what, exc)
        respond(response_type="ephemeral", replace_original=False,
                **with_note(payload, post_failed_note(exc)))

