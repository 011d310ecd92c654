"""The knowledge base's core types: a fact, its sources, a passage, a period of time.

They live in the knowledge layer because everything above it (commands, the digest, the
renderer, the CLI's --json) speaks in them, and the layer below must not import upward.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
