"""What commands answer: typed results that the renderer turns into Block Kit or text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.kb.model import Fact, Passage


@dataclass
class Result:
    """What a command answers; the renderer turns it into Block Kit or plain text."""

    command: str
    query: str
    items: list[Fact] = field(default_factory=list)
    total: int = 0
    message: str | None = None
    suggestions: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    page: int = 1
    page_size: int = 5
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "command": self.command,
            "query": self.query,
            "items": [f.to_json() for f in self.items],
            "total": self.total,
            "message": self.message,
            "suggestions": list(self.suggestions),
        }
