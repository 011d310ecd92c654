"""The Slack front end: create_app builds the Bolt app and registers bot/slack/listeners/.

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
import threading
from collections.abc import Callable
from typing import Any

from slack_bolt import App
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.logger.messages import (
    warning_client_prioritized_and_token_skipped,
    warning_token_skipped,
)
from slack_sdk import WebClient

from bot.context import Context
from bot.slack.client import web_client
from bot.slack.listeners import (
    actions,
    cite,
    commands,
    curation,
    home,
    ingest,
    mentions,
    shortcuts,
    views,
)
from bot.slack.seen_events import SeenEvents, dedupe_events_middleware

log = logging.getLogger(__name__)


def create_app(ctx: Context, client: WebClient | None = None) -> App:
    """The Bolt app with one listener per registry command, the thread lookups and the buttons.

    `ctx.settings` gives the token, signing secret and API URL.
    """
    settings = ctx.settings
    client = client or web_client(settings)
    identity = BotIdentity(client)
    app = App(
        name="allybot",  # else Bolt inspects the call stack for a name
        client=client,
        signing_secret=settings.signing_secret,
        # Never auth.test while a request waits for its acknowledgement (see BotIdentity).
        authorize=identity.authorize,
        # Acknowledge first, then run the slow part in a lazy listener (safe on FaaS too).
        process_before_response=True,
        logger=_bolt_logger(),
    )
    registered: dict[str, list[str]] = {"commands": [], "shortcuts": [], "events": [], "actions": [],
                                        "views": []}
    app._allybot_registered = registered  # type: ignore[attr-defined]  # read by registrations()

    app.use(dedupe_events_middleware(SeenEvents(ctx.db)))
    commands.register(app, ctx, registered)
    adder = ingest.register(app, ctx.db, settings, ctx.config, registered)
    mentions.register(app, ctx, registered, adder)
    shortcuts.register(app, ctx, registered)
    show_source = actions.register(app, ctx, registered)
    curation.register(app, ctx.db, ctx.config.curation, show_source, registered)
    views.register(app, ctx.db, ctx.config.curation, registered)
    home.register(app, ctx.db, ctx.config.curation, ctx.config.digest.tz, registered)
    cite.register(app, ctx, registered)
    return app


def _bolt_logger() -> logging.Logger:
    """Bolt's own logger, without the two start-up warnings that our choices make untrue.

    Bolt reads $SLACK_BOT_TOKEN itself, so with a client and an `authorize` it always warns
    that the token is unused; the client carries that very token and `authorize` hands it
    out, so the warnings would only mislead an operator. Passing a base logger is Bolt's
    way to configure its logging (setting a level does not last: Bolt resets it from root).
    """
    logger = logging.getLogger("slack_bolt.App")
    if not any(isinstance(f, _DropTokenNotices) for f in logger.filters):
        logger.addFilter(_DropTokenNotices())
    return logger


class _DropTokenNotices(logging.Filter):
    NOTICES = frozenset({warning_client_prioritized_and_token_skipped(), warning_token_skipped()})

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self.NOTICES


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
