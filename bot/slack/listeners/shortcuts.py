"""The "Find sources" message shortcut: sources for a message, in its thread.

Slack does not let an app answer a shortcut inside a thread, so on a threaded reply the
answer is private, with a note saying how to get it in the thread (an @mention).
"""

from __future__ import annotations

from collections.abc import Callable

from bot.context import Context
from bot.kb.text import slack_to_plain
from bot.slack.listeners.answering import Payload, ack, attempt, reply_in_thread, with_note
from bot.slack.listeners.mentions import lookup
from commands.errors import UsageError

FIND_SOURCES = "find_sources"  # the message shortcut's callback_id (see bot/slack/manifest.py)


def register(app, ctx: Context, registered: dict[str, list[str]]) -> None:
    app.message_shortcut(FIND_SOURCES)(ack=ack, lazy=[_find_sources_listener(ctx)])
    registered["shortcuts"].append(FIND_SOURCES)


THREAD_NOTE = (
    "Only you can see this: Slack doesn't let an app answer a shortcut inside a thread. "
    "To get sources in the thread, mention @allybot there with your question "
    "(a bare mention looks up the thread's first message)."
)


def _find_sources_listener(ctx) -> Callable:
    def find_sources(body, client, respond):
        message = body.get("message") or {}
        ts = message.get("ts") or body.get("message_ts")

        def produce() -> Payload:
            question = slack_to_plain(message.get("text") or "")
            if not question:
                raise UsageError("That message has no text to look up.",
                                 hint="Use Find sources on a message with words in it.")
            return lookup(question, ctx, body)

        payload, ok = attempt(produce, "finding sources for a message")
        is_root = not message.get("thread_ts") or message.get("thread_ts") == ts
        if not ok:
            respond(response_type="ephemeral", replace_original=False, **payload)
            return
        if not is_root or not ts:
            respond(response_type="ephemeral", replace_original=False,
                    **with_note(payload, THREAD_NOTE))
            return
        reply_in_thread(client, respond, body, ts, payload, "find_sources")

    return find_sources
