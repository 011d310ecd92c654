"""What a command, the digest or a listener may use: the database, the configuration,
the clock and the environment's settings, passed in rather than read from globals.

Front ends (the CLI, `allybot serve`, the shell) build one at start-up, after the
configuration was loaded and validated once; tests build their own with a fixed clock or
another configuration, without patching modules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from bot.config import Config
from bot.settings import Settings

if TYPE_CHECKING:
    import sqlite_utils


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Context:
    db: sqlite_utils.Database
    config: Config
    settings: Settings | None = None  # only the Slack front end and posting need them
    clock: Callable[[], datetime] = field(default=system_clock)
    # Where a Slack command was typed (an ID, and the name without "#"): /digest in a
    # channel with its own digest shows that one. None outside Slack.
    channel_id: str | None = None
    channel_name: str | None = None
    user_id: str | None = None  # who asked, in Slack (follows are per user); None elsewhere

    def as_user(self, user_id: str | None) -> Context:
        """This context for a request made by a Slack user."""
        return replace(self, user_id=user_id or None)

    def in_channel(self, channel_id: str | None, channel_name: str | None = None) -> Context:
        """This context for a request made in a Slack channel."""
        return replace(self, channel_id=channel_id or None, channel_name=channel_name or None)

    def now(self, tz: tzinfo | None = None) -> datetime:
        """The current time (aware), in `tz` when given."""
        now = self.clock()
        now = now if now.tzinfo else now.replace(tzinfo=UTC)
        return now.astimezone(tz) if tz is not None else now
