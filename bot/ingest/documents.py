"""Reading a document: text, its own metadata, and its passages with page furniture flagged.

Documents arrive as text copied from web pages, newsletters and statement databases,
so the metadata is read from whatever the document says about itself (a header block,
a date line under the title, a byline, a dateline) and the page furniture around the
article (banners, "Check Also" boxes, image credits, subscription lines) is flagged
rather than deleted: offsets stay true to the original file, and later stages skip it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class PassageRecord:
    seq: int
    start: int  # character offsets into DocumentRecord.text
    end: int
    text: str
    furniture: bool = False
    furniture_reason: str | None = None


@dataclass
class DocumentRecord:
    id: str  # the file name
    text: str
    title: str
    date: date | None
    date_inferred: bool
    date_note: str | None = None
    source: str | None = None
    place: str | None = None
    byline: str | None = None
    encoding: str = "utf-8"
    passages: list[PassageRecord] = field(default_factory=list)

    @property
    def body(self) -> list[PassageRecord]:
        """The passages that are the document itself, not page furniture."""
        return [p for p in self.passages if not p.furniture]
