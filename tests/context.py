"""A Context for tests: the project's configuration (read once) around a test database."""

from __future__ import annotations

from bot.config import load_config
from bot.context import Context

CONFIG = load_config()


def ctx(db, **kwargs) -> Context:
    return Context(db, CONFIG, **kwargs)
