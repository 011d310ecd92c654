"""Playing Slack's side of the HTTP conversation: signed requests to a served allybot.

The app is served by uvicorn (the production server) in a thread on a free port, and
requests are signed exactly as Slack signs them, so signature checks, acknowledgement
bodies and retries are exercised for real rather than through Bolt's internals.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import uvicorn
from slack_sdk.signature import SignatureVerifier

SIGNING_SECRET = "e2e-signing-secret-0123456789"
BOT_TOKEN = "xoxb-e2e-test-token"
FORM = "application/x-www-form-urlencoded"


@dataclass
class Reply:
    status: int
    body: str
    headers: dict[str, str]

    def json(self):
        return json.loads(self.body)


class Served:
    """`with Served(asgi) as app:` serves it on 127.0.0.1:<free port> until the block ends."""

    def __init__(self, asgi):
        self.asgi = asgi
        self.server: uvicorn.Server | None = None
        self.thread: threading.Thread | None = None
        self.port = 0

    def __enter__(self) -> Served:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.asgi, log_config=None, lifespan="off", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc) -> None:
        assert self.server is not None and self.thread is not None
        self.server.should_exit = True
        self.thread.join(timeout=10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- requests as Slack sends them ----------------------------------------------------
    def post(self, body: str, content_type: str, *, headers: dict[str, str] | None = None,
             timestamp: int | None = None, signature: str | None = None,
             secret: str = SIGNING_SECRET, path: str = "/slack/events") -> Reply:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        sig = signature or SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": sig,
            **(headers or {}),
        }
        request = urllib.request.Request(self.url + path, data=body.encode("utf-8"),
                                         headers=all_headers, method="POST")
        return _send(request)

    def get(self, path: str) -> Reply:
        return _send(urllib.request.Request(self.url + path, method="GET"))

    def command(self, command: str, text: str, response_url: str, **kw) -> Reply:
        return self.post(command_body(command, text, response_url), FORM, **kw)

    def event(self, event: dict, event_id: str, retry: int | None = None, **kw) -> Reply:
        headers = {}
        if retry:
            headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(json.dumps(event_envelope(event, event_id)), "application/json",
                         headers=headers, **kw)

    def interact(self, payload: dict, **kw) -> Reply:
        return self.post(interaction_body(payload), FORM, **kw)


def _send(request: urllib.request.Request) -> Reply:
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return Reply(resp.status, resp.read().decode("utf-8"), dict(resp.headers.items()))
    except urllib.error.HTTPError as err:
        return Reply(err.code, err.read().decode("utf-8"), dict(err.headers.items()))


# -- payload shapes (from Slack's docs) ----------------------------------------------------
TEAM = "T0TEST"
CHANNEL = "C0ALLIANCE"
USER = "U0ANALYST"


def command_body(command: str, text: str, response_url: str) -> str:
    return urlencode({
        "token": "deprecated", "team_id": TEAM, "team_domain": "test", "channel_id": CHANNEL,
        "channel_name": "alliance", "user_id": USER, "user_name": "analyst", "command": command,
        "text": text, "api_app_id": "A0ALLYBOT", "is_enterprise_install": "false",
        "response_url": response_url, "trigger_id": "1.2.3",
    })


def event_envelope(event: dict, event_id: str) -> dict:
    return {
        "token": "deprecated", "team_id": TEAM, "api_app_id": "A0ALLYBOT", "event": event,
        "type": "event_callback", "event_id": event_id, "event_time": 1717000000,
        "authorizations": [{"team_id": TEAM, "user_id": "UALLYBOT", "is_bot": True}],
    }


def mention(text: str, ts: str, thread_ts: str | None = None, bot: str = "UALLYBOT") -> dict:
    event = {"type": "app_mention", "user": USER, "text": f"<@{bot}> {text}".strip(),
             "ts": ts, "channel": CHANNEL, "event_ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def interaction_body(payload: dict) -> str:
    return "payload=" + quote(json.dumps(payload))


def block_action(action_id: str, value: str, response_url: str, *, message_ts: str | None = None,
                 ephemeral: bool = False) -> dict:
    container = {"type": "message", "channel_id": CHANNEL, "is_ephemeral": ephemeral,
                 "message_ts": message_ts or "1717000000.000200"}
    payload = {
        "type": "block_actions", "team": {"id": TEAM, "domain": "test"},
        "user": {"id": USER, "username": "analyst", "team_id": TEAM}, "api_app_id": "A0ALLYBOT",
        "token": "deprecated", "container": container, "trigger_id": "1.2.3",
        "channel": {"id": CHANNEL, "name": "alliance"}, "response_url": response_url,
        "actions": [{"action_id": action_id, "block_id": "b1", "value": value, "type": "button",
                     "action_ts": "1717000001.000300"}],
    }
    if not ephemeral:
        payload["message"] = {"type": "message", "user": "UALLYBOT", "ts": container["message_ts"],
                              "text": "allybot answer"}
    return payload


def message_shortcut(text: str, ts: str, response_url: str, thread_ts: str | None = None) -> dict:
    message = {"type": "message", "user": USER, "ts": ts, "text": text}
    if thread_ts:
        message["thread_ts"] = thread_ts
    return {
        "type": "message_action", "callback_id": "find_sources", "trigger_id": "1.2.3",
        "team": {"id": TEAM, "domain": "test"}, "user": {"id": USER, "name": "analyst"},
        "channel": {"id": CHANNEL, "name": "alliance"}, "message_ts": ts, "message": message,
        "response_url": response_url, "token": "deprecated", "action_ts": "1717000001.000400",
    }


def blocks_text(payload: dict) -> str:
    """Everything a reader sees in a message: its text and its blocks' strings."""
    parts: list[str] = [str(payload.get("text") or "")]

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    parts.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    blocks = payload.get("blocks")
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    walk(blocks or [])
    return "\n".join(parts)


def overflow_action(value: str, response_url: str, *, user: str = USER, action_id: str = "fact_menu",
                    trigger_id: str = "1.2.3") -> dict:
    """A choice in an overflow menu (the fact menu) on a private answer."""
    payload = block_action(action_id, "", response_url, ephemeral=True)
    payload["user"] = {"id": user, "username": user.lower(), "team_id": TEAM}
    payload["trigger_id"] = trigger_id
    payload["actions"] = [{"action_id": action_id, "block_id": "b1", "type": "overflow",
                           "selected_option": {"text": {"type": "plain_text", "text": "x"}, "value": value},
                           "action_ts": "1717000001.000300"}]
    return payload


def button_action(action_id: str, value: str, response_url: str, *, user: str = USER,
                  channel: str = CHANNEL, message_ts: str = "1717000000.000200") -> dict:
    """A button clicked on a channel message, by `user`."""
    payload = block_action(action_id, value, response_url, message_ts=message_ts)
    payload["user"] = {"id": user, "username": user.lower(), "team_id": TEAM}
    payload["channel"] = {"id": channel, "name": "review"}
    payload["container"]["channel_id"] = channel
    return payload


def view_submission(view: dict, values: dict[str, str], *, user: str = USER) -> dict:
    """Submitting a modal as Slack sends it: the view as opened, with the typed values in state."""
    state = {block_id: {"value": {"type": "plain_text_input", "value": value}}
             for block_id, value in values.items()}
    return {
        "type": "view_submission", "team": {"id": TEAM, "domain": "test"},
        "user": {"id": user, "username": user.lower(), "team_id": TEAM}, "api_app_id": "A0ALLYBOT",
        "token": "deprecated", "trigger_id": "1.2.4",
        "view": {**view, "id": view.get("id") or "V0MODAL", "team_id": TEAM, "app_id": "A0ALLYBOT",
                 "state": {"values": state}, "hash": "1717000002.abc"},
    }
