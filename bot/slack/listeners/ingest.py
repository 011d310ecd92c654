"""Adding documents from Slack: files shared with the bot, the "Add to allybot" shortcut,
`/add <url>` and "@allybot add <url>", each answered with what allybot learned and Remove.

The work (download or fetch, save, load, describe) runs in lazy listeners after the
acknowledgement, since a load takes longer than Slack's 3 s. Who may add is the
`ingest.allowed_channels` / `ingest.allowed_users` setting (default: anyone who can talk to
the bot); anyone else gets a private refusal. Files come from Slack with the bot token
(`files:read`), which is only ever sent to Slack's own hosts; pages come through
bot.kb.fetch, which refuses private addresses unless an operator allowed them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from slack_sdk.errors import SlackApiError

from bot.config import Config
from bot.kb.added import Incoming, Outcome, add, remove
from bot.kb.fetch import FetchError, fetch
from bot.kb.formats import supported
from bot.settings import Settings
from bot.slack import blocks as render
from bot.slack.listeners.answering import ack, apology

log = logging.getLogger(__name__)

ADD_COMMAND = "/add"
ADD_COMMAND_DESCRIPTION = "Add a web page (or a PDF, Word file...) to allybot's documents"
ADD_COMMAND_HINT = "<url>"
ADD_SHORTCUT = "add_to_allybot"
REMOVE_ACTION = "remove_document"
DM_EVENT = "message.im"  # the manifest's name for direct messages to the bot

_URL = re.compile(r"<(https?://[^>|\s]+)(?:\|[^>]*)?>|(https?://\S+)")
_ADD_WORD = re.compile(r"^\s*(?:<@[^>]+>\s*)*add\b", re.I)


def links(slack_text: str) -> list[str]:
    """The URLs in a message as Slack sends it (<url|label>, <url>) or as typed."""
    found = [m.group(1) or m.group(2).rstrip(">.,)") for m in _URL.finditer(slack_text or "")]
    return list(dict.fromkeys(found))


def asks_to_add(event: dict) -> bool:
    """A message allybot should add from: it carries files, or says "add <url>"."""
    if event.get("files"):
        return True
    text = event.get("text") or ""
    return bool(_ADD_WORD.match(text) and links(text))


def _db_path(db) -> Path | None:
    rows = db.execute("PRAGMA database_list").fetchall()
    files = [r[2] for r in rows if r[1] == "main" and r[2]]
    return Path(files[0]) if files else None


class Adder:
    """Everything the listeners share: settings, where to save, how to reply."""

    def __init__(self, db, settings: Settings, config: Config):
        self.db = db
        self.settings = settings
        self.config = config
        self.allow_private = config.ingest.allow_private_urls or settings.allow_private_urls

    # -- who may add ------------------------------------------------------------------
    def refusal(self, user: str | None, channel: str | None, is_dm: bool = False) -> str | None:
        ingest = self.config.ingest
        if ingest.allowed_users and user not in ingest.allowed_users:
            return "Only the people listed in allybot's `ingest.allowed_users` setting can add documents."
        if ingest.allowed_channels and not is_dm and channel not in ingest.allowed_channels:
            return ("Documents can't be added from this channel (see `ingest.allowed_channels`); "
                    "try a channel where adding is allowed, or a direct message to allybot.")
        return None

    # -- adding -------------------------------------------------------------------------
    def _add(self, incoming: Incoming) -> Outcome:
        db_path = _db_path(self.db)
        if db_path is None:
            return Outcome("unreadable", reason="this allybot runs on an in-memory database and cannot keep documents")
        return add(incoming, self.config, db_path)

    def add_url(self, url: str, user: str | None) -> tuple[Outcome, str]:
        try:
            got = fetch(url, max_bytes=self.config.max_bytes, allow_private=self.allow_private)
        except FetchError as exc:
            return Outcome("unreadable", reason=str(exc)), url
        name = (PurePosixPath(urlsplit(got.url).path).stem or "page") + got.suffix
        return self._add(Incoming(got.data, name, added_by=user, source_url=url, key=url)), url

    def add_file(self, client, file_id: str, user: str | None) -> tuple[Outcome, str]:
        try:
            info = client.files_info(file=file_id)["file"]
        except SlackApiError as exc:
            return Outcome("unreadable", reason=f"Slack would not share the file ({exc.response.get('error')})"), "the file"
        name = info.get("name") or info.get("title") or file_id
        suffix = PurePosixPath(name).suffix.lower()
        if not supported(suffix) or suffix not in self.config.extensions:
            return Outcome("unsupported", reason=f"unsupported type {suffix or '(no extension)'}"), name
        size = int(info.get("size") or 0)
        if size > self.config.max_bytes:
            return Outcome("unreadable", reason=f"too large ({size / 1e6:.1f} MB; the limit is "
                                                f"{self.config.max_bytes / 1e6:.0f} MB)"), name
        url = info.get("url_private_download") or info.get("url_private")
        if not url or not self._is_slack_host(url):
            return Outcome("unreadable", reason="Slack gave no download link for it"), name
        try:
            # The configured Slack API host is trusted wherever it is (a local stand-in, an
            # enterprise grid on an intranet); Slack's own file hosts are public.
            trusted = urlsplit(url).hostname == urlsplit(self.settings.api_base_url).hostname
            got = fetch(url, max_bytes=self.config.max_bytes, allow_private=self.allow_private or trusted,
                        any_type=True,
                        headers={"Authorization": f"Bearer {self.settings.bot_token}"})
        except FetchError as exc:
            return Outcome("unreadable", reason=f"the download failed: {exc}"), name
        incoming = Incoming(got.data, name, added_by=user, source_url=info.get("permalink"))
        return self._add(incoming), name

    def _is_slack_host(self, url: str) -> bool:
        """The bot token goes to Slack's file hosts (or the configured API host) only."""
        host = (urlsplit(url).hostname or "").lower()
        api_host = (urlsplit(self.settings.api_base_url).hostname or "").lower()
        return host == api_host or host == "slack.com" or host.endswith(".slack.com")

    def remove(self, doc_id: str, by: str | None = None) -> Outcome:
        db_path = _db_path(self.db)
        if db_path is None:
            return Outcome("gone", doc_id, reason="nothing to remove")
        return remove(doc_id, self.config, db_path, by=by)

    # -- one message's worth ------------------------------------------------------------
    def items(self, client, message: dict, user: str | None) -> list[tuple[str, Callable[[], dict]]]:
        """(what, how to add it and get the reply) for every file and link of a message."""
        out: list[tuple[str, Callable[[], dict]]] = []
        for f in message.get("files") or []:
            out.append((f.get("name") or "the shared file",
                        lambda f=f: self._safely(lambda: self.add_file(client, f["id"], user), "adding a file")))
        for url in links(message.get("text") or ""):
            out.append((url, lambda url=url: self._safely(lambda: self.add_url(url, user), "adding a link")))
        return out

    def _safely(self, produce: Callable[[], tuple[Outcome, str]], what: str) -> dict:
        try:
            outcome, name = produce()
            return render.added_blocks(outcome, name)
        except Exception:
            return apology(what)


def register(app, db, settings: Settings, config: Config, registered: dict[str, list[str]]) -> Adder:
    """The /add command, the Add to allybot shortcut, DMs with files, and the Remove button.

    Returns the Adder, which the @mention listener asks first (a mention with files or
    "add <url>" adds; any other mention is a question).
    """
    adder = Adder(db, settings, config)

    def ack_add(ack, body, context):
        url = next(iter(links(body.get("text") or "")), None)
        refusal = adder.refusal(body.get("user_id"), body.get("channel_id"))
        if refusal or not url:
            context["allybot_done"] = True
            message = refusal or "Give the page to add: `/add https://…` (a web page, PDF or Word file)."
            ack(response_type="ephemeral", text=message)
            return
        ack(response_type="ephemeral", text=f"Fetching {url} …")

    def run_add(body, context, respond):
        if context.get("allybot_done"):
            return
        url = links(body.get("text") or "")[0]
        payload = adder._safely(lambda: adder.add_url(url, body.get("user_id")), "running /add")
        respond(response_type="in_channel" if _succeeded(payload) else "ephemeral",
                replace_original=False, **payload)

    app.command(ADD_COMMAND)(ack=ack_add, lazy=[run_add])
    registered["commands"].append(ADD_COMMAND)

    def on_direct_message(event, client):
        if event.get("bot_id") or event.get("subtype") not in (None, "file_share") or not asks_to_add(event):
            return
        _add_and_reply(adder, client, event, event["channel"], event.get("thread_ts") or event["ts"],
                       is_dm=True)

    app.event("message", matchers=[_is_direct_message])(ack=ack, lazy=[on_direct_message])
    registered["events"].append(DM_EVENT)

    def add_shortcut(body, client, respond):
        message = body.get("message") or {}
        user = (body.get("user") or {}).get("id")
        channel = (body.get("channel") or {}).get("id")
        refusal = adder.refusal(user, channel, is_dm=str(channel or "").startswith("D"))
        if refusal:
            respond(response_type="ephemeral", replace_original=False, text=refusal)
            return
        if not message.get("files") and not links(message.get("text") or ""):
            respond(response_type="ephemeral", replace_original=False,
                    text="That message has no file or link to add.")
            return
        ts = message.get("ts") or body.get("message_ts")
        in_thread = message.get("thread_ts") and message.get("thread_ts") != ts
        for what, produce in adder.items(client, message, user):
            _reply_with_progress(client, respond, channel, message.get("thread_ts") if in_thread else ts,
                                 what, produce)

    app.message_shortcut(ADD_SHORTCUT)(ack=ack, lazy=[add_shortcut])
    registered["shortcuts"].append(ADD_SHORTCUT)

    def remove_document(body, respond):
        user = (body.get("user") or {}).get("id")
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        refusal = adder.refusal(user, channel, is_dm=str(channel or "").startswith("D"))
        if refusal:
            respond(response_type="ephemeral", replace_original=False, text=refusal)
            return
        doc_id = str(((body.get("actions") or [{}])[0]).get("value") or "")
        try:
            outcome = adder.remove(doc_id, by=user)
        except Exception:
            respond(response_type="ephemeral", replace_original=False, **apology(f"removing {doc_id}"))
            return
        if outcome.status != "removed":
            respond(response_type="ephemeral", replace_original=False, text=f"Not removed: {outcome.reason}.")
            return
        respond(replace_original=True, **render.added_blocks(outcome, doc_id, user=user))

    app.action(REMOVE_ACTION)(ack=ack, lazy=[remove_document])
    registered["actions"].append(REMOVE_ACTION)
    return adder


def handle_mention(adder: Adder | None, event: dict, client) -> bool:
    """Add from a mention with files or "add <url>"; False when the mention is a question."""
    if adder is None or not asks_to_add(event):
        return False
    _add_and_reply(adder, client, event, event["channel"], event.get("thread_ts") or event["ts"])
    return True




def _is_direct_message(event: dict) -> bool:
    return event.get("channel_type") == "im"


def _succeeded(payload: dict) -> bool:
    return any(e.get("action_id") == REMOVE_ACTION for b in payload.get("blocks") or []
               for e in b.get("elements") or [] if isinstance(e, dict))


def _add_and_reply(adder: Adder, client, event: dict, channel: str, thread_ts: str,
                   is_dm: bool = False) -> None:
    user = event.get("user")
    refusal = adder.refusal(user, channel, is_dm=is_dm)
    if refusal:
        try:
            client.chat_postEphemeral(channel=channel, user=user, text=refusal)
        except SlackApiError as exc:
            log.warning("refusal not delivered: %s", exc)
        return
    for what, produce in adder.items(client, event, user):
        _reply_with_progress(client, None, channel, thread_ts, what, produce)


def _reply_with_progress(client, respond, channel: str | None, ts: str | None, what: str,
                         produce: Callable[[], dict[str, Any]]) -> None:
    """Say "Reading …" in the thread at once, then replace it with the answer.

    A large PDF in a large knowledge base takes seconds to load; without a sign of life
    people share the file again. When Slack refuses the post (the bot is not in the
    channel) and there is a response_url, the answer goes privately to whoever asked.
    """
    try:
        placeholder = client.chat_postMessage(
            channel=channel, thread_ts=ts, text=f":hourglass_flowing_sand: Reading {render.esc(what)}…")
    except SlackApiError as exc:
        log.warning("add reply failed: %s", exc)
        if respond is not None:
            respond(response_type="ephemeral", replace_original=False, **produce())
        return
    payload = produce()
    try:
        client.chat_update(channel=placeholder["channel"], ts=placeholder["ts"], **payload)
    except SlackApiError as exc:  # the placeholder was deleted meanwhile: post the answer anew
        log.warning("could not update the progress message: %s", exc)
        client.chat_postMessage(channel=channel, thread_ts=ts, **payload)
