"""The checked-in manifest matches the registry and what the app really listens to."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from slack_bolt import BoltRequest, BoltResponse

from bot.digest.build import build_digest
from bot.kb.model import Fact
from bot.settings import Settings
from bot.slack import blocks as render
from bot.slack.app import create_app, registrations
from bot.slack.manifest import manifest, manifest_yaml
from commands import COMMANDS
from commands.results import DigestResult, FactsResult
from tests.context import CONFIG, ctx

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(db):
    return create_app(ctx(db, settings=Settings("xoxb-1", "secret", None, None)))


def test_checked_in_manifest_is_the_generated_one():
    assert (ROOT / "manifest.yml").read_text(encoding="utf-8") == manifest_yaml(None), (
        "manifest.yml is stale: run `allybot manifest > manifest.yml`"
    )


def test_manifest_lists_exactly_what_the_app_registers(app):
    data = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    got = registrations(app)
    assert sorted(c["command"] for c in data["features"]["slash_commands"]) == sorted(got["commands"])
    assert sorted(s["callback_id"] for s in data["features"]["shortcuts"]) == sorted(got["shortcuts"])
    assert sorted(data["settings"]["event_subscriptions"]["bot_events"]) == sorted(got["events"])
    assert data["settings"]["interactivity"]["is_enabled"] is True
    assert data["features"]["app_home"]["home_tab_enabled"] is ("app_home_opened" in got["events"])


def _matching(app, body: str | dict) -> int:
    req = BoltRequest(body=body if isinstance(body, str) else json.dumps(body), mode="http")
    return sum(1 for listener in app._listeners
               if listener.matches(req=req, resp=BoltResponse(status=200)))


def test_every_registration_is_a_live_listener_and_nothing_else_is(app):
    got = registrations(app)
    assert len(app._listeners) == sum(len(v) for v in got.values())
    for slash in got["commands"]:
        assert _matching(app, urlencode({"command": slash, "text": ""})) == 1, slash
    assert _matching(app, urlencode({"command": "/not-a-command", "text": ""})) == 0
    for callback_id in got["shortcuts"]:
        payload = {"type": "message_action", "callback_id": callback_id, "message": {"ts": "1"}}
        assert _matching(app, urlencode({"payload": json.dumps(payload)})) == 1
    for event in got["events"]:
        assert _matching(app, {"type": "event_callback", "event": EVENTS[event]}) == 1, event
    assert got["views"], "the correction modal's submissions are listened to"
    for callback_id in got["views"]:
        payload = {"type": "view_submission", "view": {"type": "modal", "callback_id": callback_id}}
        assert _matching(app, urlencode({"payload": json.dumps(payload)})) == 1, callback_id


# A manifest event name -> the event Slack sends for it.
EVENTS = {"app_mention": {"type": "app_mention"},
          "app_home_opened": {"type": "app_home_opened"},
          "message.im": {"type": "message", "channel_type": "im", "subtype": "file_share"}}


def test_every_registry_command_is_in_the_manifest():
    commands = {c["command"]: c for c in manifest()["features"]["slash_commands"]}
    assert set(commands) == {c.slash for c in COMMANDS} | {"/add"}
    for command in COMMANDS:
        entry = commands[command.slash]
        assert entry["description"] == command.description
        assert entry["usage_hint"] == command.usage_hint
        assert entry["should_escape"] is False


@pytest.mark.parametrize("url", ["https://bot.example.org", "https://bot.example.org/",
                                 "https://bot.example.org/slack/events"])
def test_with_a_url_everything_points_at_the_one_events_endpoint(url):
    data = manifest(url)
    endpoint = "https://bot.example.org/slack/events"
    assert {c["url"] for c in data["features"]["slash_commands"]} == {endpoint}
    assert data["settings"]["event_subscriptions"]["request_url"] == endpoint
    assert data["settings"]["interactivity"]["request_url"] == endpoint
    assert data["settings"]["socket_mode_enabled"] is False


def test_without_a_url_the_app_uses_socket_mode_and_no_urls():
    data = manifest(None)
    assert data["settings"]["socket_mode_enabled"] is True
    assert all("url" not in c for c in data["features"]["slash_commands"])
    assert "request_url" not in json.dumps(data["settings"])


def test_scopes_cover_what_the_app_calls():
    scopes = set(manifest()["oauth_config"]["scopes"]["bot"])
    # slash commands, @mentions, posting, and conversations.replies in public and private
    # channels and group DMs (a bare mention in a thread reads the thread's first message)
    assert {"commands", "app_mentions:read", "chat:write", "channels:history", "groups:history",
            "mpim:history"} <= scopes
    # files shared with the bot (files.info + url_private) and direct messages (message.im)
    assert {"files:read", "im:history"} <= scopes


def test_manifest_yaml_round_trips():
    assert yaml.safe_load(manifest_yaml("https://x.example")) == manifest("https://x.example")


def _action_ids(payload: dict) -> set[str]:
    ids = set()
    for block in payload["blocks"]:
        for element in [block.get("accessory"), *(block.get("elements") or [])]:
            if isinstance(element, dict) and "action_id" in element:
                ids.add(element["action_id"])
    return ids


def test_every_button_allybot_renders_has_a_listener(app, db):
    """A button without a listener spins and fails for the user; check what render emits."""
    fact = Fact(id="f1", kind="meeting", title="Talks", summary="", date_start="2024-05-01",
                date_end="2024-05-01", date_precision="day", participants=[], countries=[],
                location=None, doc_id="d1", doc_title="Doc", quote="They talked.", span=[0, 12])
    facts = FactsResult(command="meetings", query="talks", facts=[fact] * 5, total=12, page=1, page_size=5)
    digest = DigestResult.of(build_digest(db, date(2024, 5, 6), tz=CONFIG.digest.tz))
    from bot.kb.added import Outcome

    added = Outcome("added", "added/a.pdf", document={"title": "A", "date": "2024-05-01"}, facts=[fact])
    emitted = (_action_ids(render.to_blocks(facts)) | _action_ids(render.to_blocks(digest))
               | _action_ids(render.added_blocks(added, "a.pdf")))
    assert emitted, "render emits buttons"
    assert emitted <= set(registrations(app)["actions"])
    for action_id in registrations(app)["actions"]:
        payload = {"type": "block_actions", "actions": [{"action_id": action_id, "value": "x"}]}
        assert _matching(app, urlencode({"payload": json.dumps(payload)})) == 1, action_id
