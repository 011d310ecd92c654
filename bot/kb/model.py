"""The knowledge base's core types: a fact, its sources, a passage, a period of time.

They live in the knowledge layer because everything above it (commands, the digest, the
renderer, the CLI's --json) speaks in them, and the layer below must not import upward.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
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
    snippet: str = ""  # the part of `text` to show (markdown removed), "" for all of it
    marks: list[tuple[int, int]] = field(default_factory=list)  # matched words in `snippet`

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "doc_date": self.doc_date,
            "text": self.text,
            "span": self.span,
            "score": self.score,
        }


PRECISIONS = ("day", "week", "month", "year")
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

# A document's date is stored as a whole day plus how much of it is known; wherever it is
# shown it must be cut to that ("2024", "2024-01"), else a year reads as 1 January.
_KNOWN_CHARS = {"year": 4, "month": 7}
DOC_DATE_SQL = "substr(d.date, 1, case d.date_precision when 'year' then 4 when 'month' then 7 else 10 end)"


def date_as_known(value: str | None, precision: str | None) -> str | None:
    """A stored date as much as is known of it: "2024-01-01" at year precision is "2024"."""
    return value[:_KNOWN_CHARS[precision]] if value and precision in _KNOWN_CHARS else value


@dataclass(frozen=True)
class Period:
    """An inclusive range of days and how precisely it is known: the one date-range type.

    Facts are dated as precisely as their source allows ("2024", "2024-06", "2024-06-03"),
    queries filter by years, months and days, and the digest works in Monday-Sunday weeks;
    all of them are a Period, so "what does 2024-06 cover" has a single answer.
    """

    start: date
    end: date
    precision: str = "day"  # day | week | month | year (of `start`; `end` may be later)

    @classmethod
    def day(cls, d: date) -> Period:
        return cls(d, d, "day")

    @classmethod
    def week(cls, d: date) -> Period:
        """The Monday-to-Sunday week holding `d`."""
        monday = d - timedelta(days=d.weekday())
        return cls(monday, monday + timedelta(days=6), "week")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def parse(cls, text: str | None) -> Period | None:
        """An ISO date at year, month or day precision ("2024", "2024-06", "2024-06-03"),
        read from the start of `text`; None when there is none or it is not a real date."""
        m = _PARTIAL.match(text or "")
        if not m:
            return None
        try:
            year = int(m[1])
            if m[2] is None:
                return cls.year(year)
            if m[3] is None:
                return cls.month(year, int(m[2]))
            return cls.day(date(year, int(m[2]), int(m[3])))
        except (ValueError, calendar.IllegalMonthError):
            return None

    @classmethod
    def of_fact(cls, start: str | None, end: str | None, precision: str | None = None) -> Period | None:
        """A fact's dates widened to its precision: "2024-06-03".."2024-06-10" at month
        precision is all of June. None when the fact has no readable start date."""
        first = cls.parse(start)
        if first is None:
            return None
        last = cls.parse(end) or first
        precision = precision if precision in PRECISIONS else first.precision
        if precision == "year":
            first, last = cls.year(first.start.year), cls.year(last.end.year)
        elif precision == "month":
            first = cls.month(first.start.year, first.start.month)
            last = cls.month(last.end.year, last.end.month)
        return cls(first.start, max(first.end, last.end), precision)

    @property
    def bounds(self) -> tuple[date, date]:
        return self.start, self.end

    def iso(self) -> tuple[str, str]:
        return self.start.isoformat(), self.end.isoformat()

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end
