"""The mentions table read back: one place that decodes a stored mention and hashes what
it says, for the local merge after a reload (bot.kb.remerge) and the full merge that
decodes mentions one group at a time (bot.kb.fullmerge)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from bot.kb.model import Fact

BATCH = 500  # ids per `in (...)` list (SQLite's default limit is 32,766 variables)


def chunks(ids: Iterable, size: int = BATCH):
    ids = list(ids)
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def decode(data: str) -> tuple[Fact, str]:
    """A stored mention and the search names kept with it."""
    raw = json.loads(data)
    names = raw.pop("_names", "")
    return Fact.from_json(raw), names


def digest(data: str) -> str:
    """What a mention says, hashed: the same for the same mention re-extracted from a
    document saved again."""
    return hashlib.sha1(data.encode()).hexdigest()[:16]


def read(db, where: str, params: list, digests: dict[int, str] | None = None) -> dict[int, tuple[Fact, str]]:
    """Mentions by id, decoded; `digests` gets each one's `digest`.

    Read row by row, and each document's id and title, and a quote its sources repeat,
    kept once: a full merge holds every mention of the archive."""
    out: dict[int, tuple[Fact, str]] = {}
    once: dict[str, str] = {}
    for mid, data in db.execute(f"select id, data from mentions where {where}", params):
        m, names = decode(data)
        m.doc_id = once.setdefault(m.doc_id, m.doc_id)
        m.doc_title = once.setdefault(m.doc_title, m.doc_title)
        for src in m.sources:
            if src.doc_id == m.doc_id:
                src.doc_id = m.doc_id
            if src.doc_title == m.doc_title:
                src.doc_title = m.doc_title
            if src.quote == m.quote:
                src.quote = m.quote
        out[mid] = (m, names)
        if digests is not None:
            digests[mid] = digest(data)
    return out


def by_id(db, ids: Iterable[int], digests: dict[int, str] | None = None) -> dict[int, tuple[Fact, str]]:
    out: dict[int, tuple[Fact, str]] = {}
    for chunk in chunks(ids):
        out.update(read(db, f"id in ({','.join('?' * len(chunk))})", chunk, digests))
    return out
