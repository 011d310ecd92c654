"""The two ways a command tells its user something went wrong (no traceback, ever).

Every front end (Slack, shell, CLI) shows these through bot.slack.blocks' usage formatting,
so a hint reads the same wherever it is shown.
"""

from __future__ import annotations


class UsageError(Exception):
    """Bad input from a user: the message and hint are shown to them as they are."""

    def __init__(self, message: str, hint: str | None = None, suggestions: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.suggestions = suggestions or []


class CommandError(Exception):
    """A command could not do its job for a reason the user should hear about."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.suggestions: list[str] = []
