"""Types shared by the commands, the ingest pipeline and the renderer.

They are plain dataclasses so that commands stay pure (no Slack, no I/O beyond the
database handle they are given) and every front end (Slack, shell, CLI --json) shows
the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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


@dataclass
class Source:
    doc_id: str
    doc_title: str
    quote: str
    span: list[int]


@dataclass
class Fact:
    """One fact as `allybot facts --json` prints it (the project's machine interface)."""

    id: str
    kind: str  # meeting | exercise | space
    title: str
    summary: str
    date_start: str | None
    date_end: str | None
    date_precision: str | None  # day | month | year
    participants: list[str]
    countries: list[str]
    location: str | None
    doc_id: str
    doc_title: str
    quote: str
    span: list[int]
    sources: list[Source] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        # Built by hand: dataclasses.asdict deep-copies recursively, and loads call this per fact.
        out = {name: getattr(self, name) for name in _FACT_FIELDS}
        out["participants"] = list(self.participants)
        out["countries"] = list(self.countries)
        out["span"] = list(self.span)
        out["sources"] = [
            {"doc_id": s.doc_id, "doc_title": s.doc_title, "quote": s.quote, "span": list(s.span)}
            for s in self.sources
        ]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fact:
        data = dict(data)
        data["sources"] = [s if isinstance(s, Source) else Source(**s) for s in data.get("sources") or []]
        return cls(**{k: data.get(k) for k in cls.__dataclass_fields__})


_FACT_FIELDS = tuple(Fact.__dataclass_fields__)


@dataclass
class Passage:
    doc_id: str
    doc_title: str
    doc_date: str | None
    text: str
    span: list[int]
    score: float
    marked: str = ""  # text with the matching words marked (*word*), for display

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "doc_date": self.doc_date,
            "text": self.text,
            "span": self.span,
            "score": self.score,
        }


@dataclass
class Query:
    """What a user asked, parsed: free words plus date filters (inclusive ISO dates)."""

    command: str
    text: str
    words: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    page: int = 1
    options: dict[str, Any] = field(default_factory=dict)


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
