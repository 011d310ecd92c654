"""The Slack app manifest, generated from the command registry.

Pasting `allybot manifest` into api.slack.com/apps creates the app with exactly the
commands, shortcut, event and scopes the code handles; a test checks the checked-in
manifest.yml against both this module and the listeners create_app registers, so a new
command cannot ship without its slash command (or the reverse).
"""

from __future__ import annotations

from typing import Any

import yaml

from bot.slack.listeners.ingest import (
    ADD_COMMAND,
    ADD_COMMAND_DESCRIPTION,
    ADD_COMMAND_HINT,
    ADD_SHORTCUT,
    DM_EVENT,
)
from commands import COMMANDS

APP_NAME = "allybot"
DESCRIPTION = "Answers questions about the US-Japan alliance from the team's documents."
LONG_DESCRIPTION = (
    "allybot reads the team's documents on the US-Japan alliance and answers from them: "
    "/meetings, /exercises and /space list dated facts with their sources, /lookup finds "
    "the passages that answer a question, and /digest shows any week's digest. /who shows "
    "a person's or exercise's timeline, /follow sends a direct message when new facts match "
    "a query, /calendar and an iCalendar feed show what is coming, /export gives a CSV, and "
    "every fact has a Cite button. Mention "
    "@allybot in a thread, or use the Find sources shortcut on a message, to get the "
    "passages behind it. Share a file with allybot, use Add to allybot on a message, or "
    "/add a link to add a document. A digest of the week is posted once a week. Every fact "
    "has a menu to correct it; curators approve other people's corrections. The Home tab and "
    "/allybot status show what allybot holds."
)
BACKGROUND_COLOR = "#1d3557"

SHORTCUTS = (
    {
        "name": "Find sources",
        "type": "message",
        "callback_id": "find_sources",
        "description": "Find the document passages behind this message",
    },
    {
        "name": "Add to allybot",
        "type": "message",
        "callback_id": ADD_SHORTCUT,
        "description": "Add this message's file or link to allybot's documents",
    },
)
# Slash commands that are Slack front-end actions rather than registry queries.
EXTRA_COMMANDS = ({"command": ADD_COMMAND, "description": ADD_COMMAND_DESCRIPTION,
                   "usage_hint": ADD_COMMAND_HINT},)
BOT_EVENTS = ("app_mention", "app_home_opened", DM_EVENT)
# commands: slash commands; app_mentions:read: @allybot; chat:write: answers, digest, review
# posts and their updates (chat.update), confirmations (chat.postEphemeral);
# channels:history / groups:history / mpim:history: reading a thread's first message
# (conversations.replies) in a public or private channel or a group DM the bot is mentioned in;
# files:read: files shared with the bot (files.info, url_private); im:history: direct
# messages to the bot (message.im, files shared in a DM); im:write: opening a direct message to
# a follower (conversations.open); files:write: /export's CSV;
# app_home_opened, views.open and views.publish need no scope of their own.
BOT_SCOPES = ("commands", "app_mentions:read", "chat:write", "channels:history", "groups:history",
              "mpim:history", "files:read", "im:history", "im:write", "files:write")
EVENTS_PATH = "/slack/events"


def request_url(url: str | None) -> str | None:
    """The one URL Slack sends everything to, from a base URL (or the full URL)."""
    if not url:
        return None
    url = url.strip().rstrip("/")
    return url if url.endswith(EVENTS_PATH) else url + EVENTS_PATH


def manifest(url: str | None = None) -> dict[str, Any]:
    """The manifest as a dict; with a URL, for HTTP mode, else for Socket Mode."""
    endpoint = request_url(url)
    slash_commands = []
    specs = [{"command": c.slash, "description": c.description, "usage_hint": c.usage_hint}
             for c in COMMANDS] + [dict(c) for c in EXTRA_COMMANDS]
    for spec in specs:
        entry: dict[str, Any] = {**spec, "should_escape": False}
        if endpoint:
            entry["url"] = endpoint
        slash_commands.append(entry)

    events: dict[str, Any] = {"bot_events": list(BOT_EVENTS)}
    interactivity: dict[str, Any] = {"is_enabled": True}
    if endpoint:
        events = {"request_url": endpoint, **events}
        interactivity["request_url"] = endpoint

    return {
        "display_information": {
            "name": APP_NAME,
            "description": DESCRIPTION,
            "long_description": LONG_DESCRIPTION,
            "background_color": BACKGROUND_COLOR,
        },
        "features": {
            "bot_user": {"display_name": APP_NAME, "always_online": True},
            "slash_commands": slash_commands,
            "shortcuts": [dict(s) for s in SHORTCUTS],
            # The Home tab shows what allybot knows (bot/slack/listeners/home.py).
            "app_home": {"home_tab_enabled": True, "messages_tab_enabled": True,
                         "messages_tab_read_only_enabled": True},
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": endpoint is None,
            "token_rotation_enabled": False,
        },
    }


def manifest_yaml(url: str | None = None) -> str:
    header = (
        "# The Slack app manifest: generated by `allybot manifest"
        + (f" --url {url}" if url else "")
        + "`; do not edit by hand.\n"
    )
    return header + yaml.safe_dump(manifest(url), sort_keys=False, allow_unicode=True, width=100)
