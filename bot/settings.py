"""Deployment settings that come from the environment: Slack credentials, port, API URL.

Secrets never live in config/*.yaml or the repository. Reading them in one place, at
start-up, means a missing token stops the bot with the variable's name instead of a
confusing `invalid_auth` in the logs after the first user has already been ignored.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Mode = Literal["http", "socket"]

DEFAULT_API_BASE_URL = "https://slack.com/api/"
DEFAULT_PORT = 3000

# What each way of serving cannot start without, with where to find it.
REQUIRED: dict[str, tuple[tuple[str, str], ...]] = {
    "http": (
        ("SLACK_BOT_TOKEN", "the Bot User OAuth Token (xoxb-...) from OAuth & Permissions"),
        ("SLACK_SIGNING_SECRET", "the Signing Secret from Basic Information > App Credentials"),
    ),
    "socket": (
        ("SLACK_BOT_TOKEN", "the Bot User OAuth Token (xoxb-...) from OAuth & Permissions"),
        ("SLACK_APP_TOKEN", "an app-level token (xapp-...) with connections:write, from Basic Information"),
    ),
}


class SettingsError(Exception):
    """A required environment variable is missing or malformed; names the variable."""

    def __init__(self, variable: str, message: str):
        self.variable = variable
        super().__init__(f"{variable}: {message}")


@dataclass(frozen=True)
class Settings:
    bot_token: str | None
    signing_secret: str | None
    app_token: str | None
    port: int | None  # $PORT, if set; the CLI's --port wins over it
    api_base_url: str = DEFAULT_API_BASE_URL
    calendar_token: str | None = None  # ALLYBOT_CALENDAR_TOKEN: /calendar.ics is served only with it
    public_url: str | None = None  # ALLYBOT_PUBLIC_URL: where `serve --http` is reached, for links
    allow_private_urls: bool = False  # ALLYBOT_ALLOW_PRIVATE_URLS=1, or ingest.allow_private_urls

    @classmethod
    def from_env(cls, mode: Mode | None = None, env: Mapping[str, str] | None = None) -> Settings:
        """Read the settings; with a mode, fail on the first variable that mode needs and lacks."""
        env = os.environ if env is None else env

        def value(name: str) -> str | None:
            v = (env.get(name) or "").strip()
            return v or None

        if mode is not None:
            if mode not in REQUIRED:
                raise ValueError(f"unknown mode {mode!r}")
            for name, what in REQUIRED[mode]:
                if value(name) is None:
                    raise SettingsError(name, f"not set; export {what}")

        port_text = value("PORT")
        port: int | None = None
        if port_text is not None:
            if not re.fullmatch(r"[0-9]{1,5}", port_text) or not 0 < int(port_text) < 65536:
                raise SettingsError("PORT", f"expected a TCP port number, got {port_text!r}")
            port = int(port_text)

        base = value("SLACK_API_BASE_URL") or DEFAULT_API_BASE_URL
        if not base.startswith(("https://", "http://")):
            raise SettingsError("SLACK_API_BASE_URL", f"expected an http(s) URL, got {base!r}")
        # WebClient joins method names onto the base URL: without the slash "api" is dropped.
        if not base.endswith("/"):
            base += "/"

        private = (value("ALLYBOT_ALLOW_PRIVATE_URLS") or "0").lower()
        if private not in ("0", "1", "true", "false", "yes", "no"):
            raise SettingsError("ALLYBOT_ALLOW_PRIVATE_URLS", f"expected 1 or 0, got {private!r}")

        return cls(
            allow_private_urls=private in ("1", "true", "yes"),
            bot_token=value("SLACK_BOT_TOKEN"),
            signing_secret=value("SLACK_SIGNING_SECRET"),
            app_token=value("SLACK_APP_TOKEN"),
            port=port,
            api_base_url=base,
            calendar_token=value("ALLYBOT_CALENDAR_TOKEN"),
            public_url=value("ALLYBOT_PUBLIC_URL"),
        )
