"""Citations: a fact's sources as a footnote (Chicago notes style) an analyst can paste.

A research memo cites the document, not the bot: author when the document names one,
"Title," publisher, date and URL when known, in the order and punctuation of a Chicago
note for a web page or news article. Whatever the document does not tell us is left out
rather than guessed, so a note is never wrong, only shorter.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import sqlite_utils

from bot.kb.model import Fact, Period, date_as_known
from bot.kb.text import markdown_to_plain


@dataclass(frozen=True)
class DocInfo:
    doc_id: str
    title: str
    date: str | None
    publisher: str | None
    author: str | None
    url: str | None


@dataclass(frozen=True)
class Citation:
    """One source of a fact: the note and the quote it gives for the fact."""

    doc_id: str
    note: str
    quote: str


def documents(db: sqlite_utils.Database, doc_ids: list[str]) -> dict[str, DocInfo]:
    """What the documents table knows of each document (a `url` column when a reader adds one)."""
    if not doc_ids:
        return {}
    columns = {c.name for c in db["documents"].columns}
    url = "url" if "url" in columns else "null"
    found: dict[str, DocInfo] = {}
    ids = list(dict.fromkeys(doc_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows = db.execute(
            f"select id, title, date, date_precision, source, byline, path, {url} from documents "
            f"where id in ({', '.join('?' * len(chunk))})", chunk)
        for doc_id, title, date, precision, source, byline, path, link in rows.fetchall():
            if not link and (path or "").startswith(("http://", "https://")):
                link = path
            found[doc_id] = DocInfo(doc_id, markdown_to_plain(title or ""), date_as_known(date, precision),
                                    source or None, byline or None, link or None)
    return found


def chicago_date(value: str | None) -> str:
    """"May 31, 2024", "May 2024", "2024" as precisely as known; "" when unknown."""
    period = Period.parse(value)
    if period is None:
        return ""
    d = period.start
    if period.precision == "year":
        return str(d.year)
    if period.precision == "month":
        return f"{calendar.month_name[d.month]} {d.year}"
    return f"{calendar.month_name[d.month]} {d.day}, {d.year}"


def chicago_note(doc: DocInfo | None, fallback_title: str = "") -> str:
    """Author, “Title,” Publisher, Month D, YYYY, URL.  (“Title.” when nothing follows.)"""
    title = (doc.title if doc else "") or markdown_to_plain(fallback_title) or (doc.doc_id if doc else "")
    title = title.strip().rstrip(".,;:")
    head = f"{doc.author}, " if doc and doc.author else ""
    publisher = doc.publisher if doc and doc.publisher and doc.publisher != title else None
    tail = [p for p in (publisher, chicago_date(doc.date) if doc else "", doc.url if doc else None) if p]
    if not tail:
        return f"{head}\u201c{title}.\u201d"
    return f"{head}\u201c{title},\u201d {', '.join(tail)}."


def citations(db: sqlite_utils.Database, fact: Fact, infos: dict[str, DocInfo] | None = None) -> list[Citation]:
    """Every source of the fact, first the one it was taken from, each document once.
    `infos` (from `documents`) saves a query per fact when citing many facts."""
    sources = [(fact.doc_id, fact.doc_title, fact.quote)] + [(s.doc_id, s.doc_title, s.quote) for s in fact.sources]
    seen: set[str] = set()
    unique = []
    for doc_id, title, quote in sources:
        if doc_id in seen:
            continue
        seen.add(doc_id)
        unique.append((doc_id, title, quote))
    if infos is None:
        infos = documents(db, [d for d, _, _ in unique])
    return [Citation(doc_id, chicago_note(infos.get(doc_id), title), markdown_to_plain(quote or ""))
            for doc_id, title, quote in unique]
