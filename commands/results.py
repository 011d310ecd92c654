"""What commands answer: one typed result per shape, rendered by type (bot.slack.blocks).

A result says what was found, never how to show it; the renderer picks the layout from
the type, so a new fact command that finds nothing still gets its header and message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.digest.build import Digest
from bot.kb.model import Fact, Passage


@dataclass
class Result:
    """The common part: which command answered which query, and what to tell the user."""

    command: str
    query: str
    total: int = 0
    message: str | None = None
    suggestions: list[str] = field(default_factory=list)
    suggest_label: str = "Did you mean"  # "Try" when the suggestions are popular names
    page: int = 1
    page_size: int = 5
    # The recorded answer that 👍/👎 refer to; set by the Slack front end once it records it.
    answer_id: int | None = None

    @property
    def items(self) -> list[Fact]:
        return []

    def to_json(self) -> dict[str, Any]:
        return {
            "command": self.command,
            "query": self.query,
            "items": [f.to_json() for f in self.items],
            "total": self.total,
            "message": self.message,
            "suggestions": list(self.suggestions),
        }


@dataclass
class WithFacts(Result):
    """A result whose items are facts it carries itself (not derived, as a digest's are)."""

    facts: list[Fact] = field(default_factory=list)

    @property
    def items(self) -> list[Fact]:
        return self.facts


@dataclass
class FactsResult(WithFacts):
    """A page of facts of one kind (/meetings, /exercises, /space)."""

    kind: str = ""
    plural: str = ""
    when: str = ""  # the date filter in words ("in 2023"), "" without one
    order: str = ""  # "best match first" | "newest first"
    doc_dates: dict[str, str] = field(default_factory=dict)  # doc_id -> the document's date
    # fact id -> {"text": "corrected by <@U1> on 3 Dec", "correction": its id}, for facts
    # an analyst corrected (bot.kb.corrections.notes)
    notes: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class PassagesResult(WithFacts):
    """A page of passages that answer a question (/lookup); `facts`: the event the question
    names, if a fact."""

    passages: list[Passage] = field(default_factory=list)
    doc_dates: dict[str, str] = field(default_factory=dict)  # doc_id -> the document's date


@dataclass
class HelpResult(Result):
    """Help text: the overview, or one command's help when `topic` names it."""

    topic: str | None = None


@dataclass
class StatusResult(Result):
    """What the knowledge base holds (/allybot status, the App Home tab): bot.kb.status.gather."""

    status: dict[str, Any] = field(default_factory=dict)


@dataclass
class DigestResult(Result):
    """A week's digest (/digest, the scheduler, `allybot digest`)."""

    digest: Digest | None = None

    @property
    def items(self) -> list[Fact]:
        return self.digest.items if self.digest else []

    @classmethod
    def of(cls, digest: Digest, query: str | None = None) -> DigestResult:
        n = len(digest.items)
        return cls(command="digest", query=query or digest.week_start, total=n, message=digest.message,
                   page_size=max(n, 1), digest=digest)


@dataclass
class FollowsResult(Result):
    """/follow and /unfollow: the user's follows, numbered as /unfollow takes them."""

    follows: list[str] = field(default_factory=list)  # the followed selections, in order


@dataclass
class WhoResult(FactsResult):
    """/who: a person, organization, exercise or program, and their facts newest first."""

    name: str = ""
    entity_type: str = ""
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)  # (years, role), earliest first
    by_kind: dict[str, int] = field(default_factory=dict)
    by_year: dict[str, int] = field(default_factory=dict)  # "2024" -> facts; "undated" last

    def to_json(self) -> dict[str, Any]:
        return {**super().to_json(), "name": self.name, "type": self.entity_type, "aliases": list(self.aliases),
                "roles": [{"years": y, "role": r} for y, r in self.roles],
                "by_kind": dict(self.by_kind), "by_year": dict(self.by_year)}


@dataclass
class ExportResult(WithFacts):
    """/export: every fact a query matches, as a CSV file to upload."""

    filename: str = "allybot.csv"
    csv: str = ""
