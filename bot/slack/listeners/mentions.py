"""@allybot in a channel or thread: a question answered with sources in the thread (a bare
mention in a thread looks up the thread's first message); files or "add <url>" add instead."""

from __future__ import annotations

from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

import commands
from bot.context import Context
from bot.kb.text import slack_to_plain
from bot.slack import blocks as render
from bot.slack.listeners.answering import Payload, ack, answer
from bot.slack.listeners.curation import annotate
from bot.slack.listeners.ingest import Adder, handle_mention
from commands.errors import CommandError, UsageError

APP_MENTION = "app_mention"


def register(app, ctx: Context, registered: dict[str, list[str]], adder: Adder | None = None) -> None:
    app.event(APP_MENTION)(ack=ack, lazy=[_mention_listener(ctx, adder)])
    registered["events"].append(APP_MENTION)


def lookup(question: str, ctx: Context, body: dict | None = None) -> Payload:
    result = commands.lookup.run(commands.lookup.parse(question), ctx)
    if result.passages:
        annotate(result, ctx.db, body)
        return render.passages_blocks(result.passages, question, result.items, result.answer_id)
    # No passage: the result's own message and suggestions say what to try instead.
    return render.to_blocks(result, interactive=False)


def _thread_parent_text(client: WebClient, channel: str, thread_ts: str) -> str:
    reply = client.conversations_replies(channel=channel, ts=thread_ts, limit=1, inclusive=True)
    messages = reply.get("messages") or []
    parent = next((m for m in messages if m.get("ts") == thread_ts), messages[0] if messages else {})
    return slack_to_plain(parent.get("text") or "")


def _mention_listener(ctx, adder=None) -> Callable:
    def answer_mention(event, client):
        if handle_mention(adder, event, client):  # files or "add <url>": adding, not a question
            return
        channel = event["channel"]
        thread_ts = event.get("thread_ts") or event["ts"]

        def produce() -> Payload:
            question = slack_to_plain(event.get("text") or "")
            if not question and event.get("thread_ts"):
                try:
                    question = _thread_parent_text(client, channel, event["thread_ts"])
                except SlackApiError as exc:
                    raise CommandError(
                        "I couldn't read this thread's first message "
                        f"({exc.response.get('error', 'error')}).",
                        hint="Mention me with the question itself, e.g. `@allybot who met in Tokyo?`",
                    ) from None
            if not question:
                raise UsageError(
                    "Ask me a question after the mention, or mention me in a thread to look up "
                    "its first message.",
                    hint="e.g. `@allybot which exercises were held last year?`",
                )
            return lookup(question, ctx, {"user": {"id": event.get("user")}, "channel": {"id": channel}})

        payload = answer(produce, "answering a mention")
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, **payload)

    return answer_mention
