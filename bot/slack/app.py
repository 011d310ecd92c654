"""The Slack front end: Bolt listeners that turn Slack requests into registry commands.

Kept thin on purpose: parsing, searching and rendering live in commands/ and
bot/slack/blocks.py, so the shell, the CLI and Slack all answer the same way. What lives here
is only what Slack itself imposes:

- acknowledge within 3 s, then answer later (lazy listeners, `respond`/`response_url`);
- slash commands cannot run in threads, so thread lookups come from @mentions and the
  "Find sources" message shortcut, and a shortcut started on a threaded reply can only
  be answered privately;
- Slack redelivers events it thinks were missed, so every event is handled once
  (event ids are remembered in SQLite, which survives a restart between retries);
- a user never sees a traceback: unexpected errors are logged under a short reference
  id and the user gets an apology quoting it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlite_utils
from slack_bolt import App, BoltResponse
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

import commands
from bot.context import Context
from bot.digest.outbox import post_digest
from bot.kb.db import private_connection
from bot.kb.search import source_passage
from bot.kb.store import fact_from_row
from bot.kb.text import slack_to_plain
from bot.slack import blocks as render
from bot.slack.blocks import MAX_BLOCKS
from bot.slack.client import web_client
from bot.slack.listeners import cite, curation, export, home
from bot.slack.listeners.curation import annotate
from commands import COMMANDS
from commands.errors import CommandError, UsageError
from commands.results import ExportResult, Result

log = logging.getLogger(__name__)

FIND_SOURCES = "find_sources"  # the message shortcut's callback_id (see bot/slack/manifest.py)
APP_MENTION = "app_mention"
ACTIONS = ("share", "show_source", "more", "digest_post")
SEEN_EVENTS_KEEP = timedelta(days=2)  # Slack's last retry comes ~5 minutes after the first try

Payload = dict[str, Any]  # {"text": ..., "blocks": [...]} as bot.slack.blocks returns it


# -- the app -------------------------------------------------------------------------


def create_app(ctx: Context, client: WebClient | None = None) -> App:
    """The Bolt app with one listener per registry command, the thread lookups and the buttons.

    `ctx.settings` gives the token, signing secret and API URL.
    """
    from bot.slack.listeners import ingest

    settings = ctx.settings
    client = client or web_client(settings)
    identity = BotIdentity(client)
    # Bolt warns that the client's token wins over $SLACK_BOT_TOKEN and that `authorize`
    # wins over both: both are this function's deliberate choices, not news for an operator.
    bolt_log = logging.getLogger("slack_bolt.App")
    level = bolt_log.level
    bolt_log.setLevel(logging.ERROR)
    try:
        app = App(
            name="allybot",  # else Bolt inspects the call stack for a name
            client=client,
            signing_secret=settings.signing_secret,
            # Never auth.test while a request waits for its acknowledgement (see BotIdentity).
            authorize=identity.authorize,
            # Acknowledge first, then run the slow part in a lazy listener (safe on FaaS too).
            process_before_response=True,
        )
    finally:
        bolt_log.setLevel(level)
    registered: dict[str, list[str]] = {"commands": [], "shortcuts": [], "events": [], "actions": [],
                                        "views": []}
    app._allybot_registered = registered  # type: ignore[attr-defined]  # read by registrations()

    seen = SeenEvents(ctx.db)
    app.use(_dedupe_events(seen))

    for command in COMMANDS:
        ack_fn, lazy_fn = _command_listener(command, ctx)
        app.command(command.slash)(ack=ack_fn, lazy=[lazy_fn])
        registered["commands"].append(command.slash)

    adder = ingest.register(app, ctx.db, settings, ctx.config, registered)

    app.event(APP_MENTION)(ack=_ack, lazy=[_mention_listener(ctx, adder)])
    registered["events"].append(APP_MENTION)

    app.message_shortcut(FIND_SOURCES)(ack=_ack, lazy=[_find_sources_listener(ctx)])
    registered["shortcuts"].append(FIND_SOURCES)

    handlers = {
        "share": _share_listener(ctx),
        "show_source": _show_source_listener(ctx),
        "more": _more_listener(ctx),
        "digest_post": _digest_post_listener(ctx),
    }
    for action_id in ACTIONS:
        app.action(action_id)(ack=_ack, lazy=[handlers[action_id]])
        registered["actions"].append(action_id)
    curation.register(app, ctx.db, ctx.config.curation, handlers["show_source"], registered)
    home.register(app, ctx.db, ctx.config.curation, ctx.config.digest.tz, registered)
    cite.register(app, ctx, registered, _attempt)
    return app


class BotIdentity:
    """Who the bot is (auth.test), asked once in the background, never on a request's path.

    Bolt's default asks auth.test during the first request, so with a slow or absent
    network the first command waited past Slack's 3 s and got a 500. The token is known from
    the environment; the bot's own user id only helps ignore its own events, so requests
    are authorized at once with whatever is known so far.
    """

    def __init__(self, client: WebClient):
        self._client = client
        self._found: dict[str, Any] = {}
        threading.Thread(target=self._ask, name="auth-test", daemon=True).start()

    def _ask(self) -> None:
        try:
            self._found = dict(self._client.auth_test().data)
        except Exception as exc:  # offline or a bad token: requests still answer
            log.warning("auth.test failed (%s); the bot token may be wrong or Slack unreachable",
                        type(exc).__name__)

    @property
    def authorize(self) -> Callable[..., AuthorizeResult]:
        """Bolt's `authorize` function (a plain function: Bolt passes arguments by name)."""

        def authorize(enterprise_id: str | None, team_id: str | None) -> AuthorizeResult:
            return AuthorizeResult(
                enterprise_id=enterprise_id,
                team_id=team_id,
                bot_token=self._client.token,
                bot_id=self._found.get("bot_id"),
                bot_user_id=self._found.get("user_id"),
            )

        return authorize


def registrations(app: App) -> dict[str, list[str]]:
    """What create_app registered: slash commands, shortcuts, events and action ids."""
    return app._allybot_registered  # type: ignore[attr-defined]


def _ack(ack) -> None:
    ack()


# -- exactly once --------------------------------------------------------------------


class SeenEvents:
    """Event ids already handled, kept in the database so a restart between retries is safe.

    The check must never hold up an acknowledgement: a load may hold the database's write
    lock, or the file may be read-only. So ids are first checked in memory (which settles
    every redelivery to this process), then written through a connection of its own with a
    short busy timeout; an id that cannot be written now is kept and written with the next
    one, and the event is answered meanwhile.
    """

    BUSY_MS = 250

    def __init__(self, db: sqlite_utils.Database):
        self._lock = threading.Lock()
        self._recent: dict[str, float] = {}  # event id -> when first seen (epoch seconds)
        self._unsaved: dict[str, str] = {}  # event id -> seen_at, not yet in the database
        # An in-memory database has no file to share: then the shared connection it is.
        self._conn = private_connection(db, autocommit=True, shared_thread=True,
                                        timeout=self.BUSY_MS / 1000) or db.conn

    def first_time(self, event_id: str) -> bool:
        """Record the id; True only for the first caller, across threads and processes."""
        now = datetime.now(UTC)
        with self._lock:
            if event_id in self._recent:
                return False
            self._forget_before((now - SEEN_EVENTS_KEEP).timestamp())
            self._recent[event_id] = now.timestamp()
            self._unsaved[event_id] = now.isoformat(timespec="seconds")
            try:
                return self._save(event_id, now)
            except sqlite3.Error as exc:  # locked by a load, or read-only: memory decides
                log.debug("event ids not saved yet (%s); %d waiting", exc, len(self._unsaved))
                if self._conn.in_transaction:
                    self._conn.rollback()
                return True

    def _forget_before(self, cutoff: float) -> None:
        while self._recent:
            oldest, at = next(iter(self._recent.items()))
            if at >= cutoff:
                break
            del self._recent[oldest]

    def _save(self, event_id: str, now: datetime) -> bool:
        """Write the unsaved ids; whether `event_id` was new to the database too."""
        fresh = True
        for eid, seen_at in list(self._unsaved.items()):
            cur = self._conn.execute(
                "INSERT OR IGNORE INTO seen_events (event_id, seen_at) VALUES (?, ?)", (eid, seen_at)
            )
            if eid == event_id:
                fresh = cur.rowcount == 1  # another process may have handled it already
            del self._unsaved[eid]
        cutoff = (now - SEEN_EVENTS_KEEP).isoformat(timespec="seconds")
        self._conn.execute("DELETE FROM seen_events WHERE seen_at < ?", (cutoff,))
        if self._conn.in_transaction:
            self._conn.commit()
        return fresh


def _dedupe_events(seen: SeenEvents) -> Callable:
    def dedupe_events(body, next_):
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not seen.first_time(event_id):
            log.info("event %s already handled; skipping this redelivery", event_id)
            return BoltResponse(status=200, body="")
        return next_()

    return dedupe_events


# -- answering safely ----------------------------------------------------------------


def _user_error(exc: UsageError | CommandError) -> Payload:
    if isinstance(exc, CommandError):
        exc = UsageError(exc.message, hint=exc.hint)
    return render.usage_blocks(exc)


def _apology(what: str) -> Payload:
    """Log the current exception under a short id the user can quote; never show it."""
    ref = uuid.uuid4().hex[:8]
    log.exception("allybot error ref=%s while %s", ref, what)
    return render.apology_blocks(ref)


def _attempt(produce: Callable[[], Payload], what: str) -> tuple[Payload, bool]:
    """The payload to send and whether it is the answer (else a usage hint or an apology)."""
    try:
        return produce(), True
    except (UsageError, CommandError) as exc:
        return _user_error(exc), False
    except Exception:
        return _apology(what), False


def _answer(produce: Callable[[], Payload], what: str) -> Payload:
    return _attempt(produce, what)[0]


def _with_note(payload: Payload, note: str) -> Payload:
    """Add a one-line context note at the end, within Slack's 50-block limit."""
    blocks = list(payload.get("blocks") or [])[: MAX_BLOCKS - 1]
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": note}]})
    return {**payload, "blocks": blocks}


def _post_failed_note(exc: SlackApiError) -> str:
    error = exc.response.get("error") if exc.response is not None else None
    if error in ("not_in_channel", "channel_not_found"):
        return "I can't post in this channel: invite me with `/invite @allybot`, then try again."
    return f"Slack refused the message ({error or 'unknown error'}); only you can see this copy."


# -- slash commands ------------------------------------------------------------------


def _command_listener(command, ctx) -> tuple[Callable, Callable]:
    def line(body) -> str:
        # Through the registry, so "/allybot meetings paparo" runs /meetings.
        return f"{command.slash} {body.get('text') or ''}"

    def ack_command(ack, body, context):
        # Bad input is answered in the acknowledgement itself: instant, and nothing left to do.
        try:
            commands.check(line(body))
        except (UsageError, CommandError) as exc:
            context["allybot_done"] = True
            ack(response_type="ephemeral", **_user_error(exc))
            return
        except Exception:
            context["allybot_done"] = True
            ack(response_type="ephemeral", **_apology(f"parsing {command.slash}"))
            return
        ack()

    def run_command(body, context, respond, client):
        if context.get("allybot_done"):
            return

        def produce() -> Payload:
            here = ctx.in_channel(body.get("channel_id"), body.get("channel_name")).as_user(body.get("user_id"))
            result = commands.dispatch(line(body), here)
            if isinstance(result, ExportResult):  # the answer is a file in the channel
                return export.deliver(result, body, client)
            return render.to_blocks(annotate(result, ctx.db, body))

        payload = _answer(produce, f"running {command.slash} {body.get('text')!r}")
        respond(response_type="ephemeral", **payload)

    return ack_command, run_command


def _run_from_button(value: str, ctx: Context, body: dict | None = None, interactive: bool = True) -> Result:
    """Run again what a button's value describes (bot.slack.blocks.Rerun)."""
    rerun = render.Rerun.from_value(value)
    result = commands.rerun(rerun.command, rerun.text, ctx, page=rerun.page)
    return annotate(result, ctx.db, body, interactive)


# -- buttons -------------------------------------------------------------------------


def _action_value(body) -> str:
    actions = body.get("actions") or [{}]
    return str(actions[0].get("value") or "")


def _channel_id(body) -> str | None:
    return (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")


def _reply_in_thread(client, respond, body, ts: str, payload: Payload, what: str) -> None:
    """Post in the thread under `ts`; if Slack refuses (say, the bot is not in the channel),
    tell the person who clicked, privately, rather than fail silently."""
    try:
        client.chat_postMessage(channel=_channel_id(body), thread_ts=ts, **payload)
    except SlackApiError as exc:
        log.warning("%s post failed: %s", what, exc)
        respond(response_type="ephemeral", replace_original=False,
                **_with_note(payload, _post_failed_note(exc)))


def _share_listener(ctx) -> Callable:
    def share(body, client, respond):
        payload, ok = _attempt(
            lambda: render.to_blocks(_run_from_button(_action_value(body), ctx, body, False),
                                     interactive=False),
            "sharing a result",
        )
        if not ok:  # an error is for the person who clicked, not for the channel
            respond(response_type="ephemeral", replace_original=False, **payload)
            return
        user = (body.get("user") or {}).get("id")
        if user:
            payload = _with_note(payload, f"Shared by <@{user}>")
        try:
            client.chat_postMessage(channel=_channel_id(body), **payload)
        except SlackApiError as exc:
            log.warning("share failed: %s", exc)
            respond(response_type="ephemeral", replace_original=False,
                    **_with_note(payload, _post_failed_note(exc)))

    return share


def _show_source_listener(ctx) -> Callable:
    def show_source(body, client, respond):
        fact_id = _action_value(body)

        def produce() -> Payload:
            try:
                row = ctx.db["facts"].get(fact_id)
            except sqlite_utils.db.NotFoundError:
                raise CommandError(
                    "That fact is no longer in the knowledge base (the documents were reloaded).",
                    hint="Run the command again to get fresh results.",
                ) from None
            fact = fact_from_row(row)
            return render.source_blocks(fact, source_passage(ctx.db, fact))

        payload, ok = _attempt(produce, f"showing the source of {fact_id!r}")
        container = body.get("container") or {}
        message = body.get("message") or {}
        ts = message.get("thread_ts") or message.get("ts")
        if not ok or container.get("is_ephemeral") or not ts:
            # An ephemeral message has no thread to reply in: answer privately below it.
            respond(response_type="ephemeral", replace_original=False, **payload)
            return
        _reply_in_thread(client, respond, body, ts, payload, "show_source")

    return show_source


def _more_listener(ctx) -> Callable:
    def more(body, respond):
        payload = _answer(
            lambda: render.to_blocks(_run_from_button(_action_value(body), ctx, body)),
            "showing more results",
        )
        respond(replace_original=True, **payload)

    return more


def _digest_post_listener(ctx) -> Callable:
    def digest_post(body, client, respond):
        def produce() -> Payload:
            try:
                week = date.fromisoformat(_action_value(body))
            except ValueError:
                raise CommandError("That button does not name a week.") from None
            digest = ctx.config.digest
            # The digest shown is the one of the channel it was asked in, if it has one.
            scope = digest.for_channel(_channel_id(body), (body.get("channel") or {}).get("name"))
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

        payload = _answer(produce, "posting the digest")
        respond(response_type="ephemeral", replace_original=False, **payload)

    return digest_post


# -- thread lookups ------------------------------------------------------------------

def _lookup(question: str, ctx: Context, body: dict | None = None) -> Payload:
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
        from bot.slack.listeners.ingest import handle_mention

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
            return _lookup(question, ctx, {"user": {"id": event.get("user")}, "channel": {"id": channel}})

        payload = _answer(produce, "answering a mention")
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, **payload)

    return answer_mention


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
            return _lookup(question, ctx, body)

        payload, ok = _attempt(produce, "finding sources for a message")
        is_root = not message.get("thread_ts") or message.get("thread_ts") == ts
        if not ok:
            respond(response_type="ephemeral", replace_original=False, **payload)
            return
        if not is_root or not ts:
            respond(response_type="ephemeral", replace_original=False,
                    **_with_note(payload, THREAD_NOTE))
            return
        _reply_in_thread(client, respond, body, ts, payload, "find_sources")

    return find_sources
