"""The mentions table read back: one place that decodes a stored mention and hashes what
it says, for the local merge after a reload (bot.kb.remerge) and the full merge that
decodes mentions one group at a time (bot.kb.fullmerge)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable

from bot.kb.merge import _block_keys, _features
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


class Slim:
    """What merging reads of a mention besides its features and block keys (bot.kb.merge:
    its dates, kind, document, span and id), and its row id. The quote and summary are kept
    only when it names a place (`_Feat.text` reads them for such pairs alone)."""

    __slots__ = ("mid", "id", "kind", "date_start", "date_end", "date_precision", "doc_id", "span", "quote",
                 "summary")

    def __init__(self, mid: int, f: Fact, once: dict) -> None:
        self.mid = mid
        self.id = f.id
        self.kind = once.setdefault(f.kind, f.kind)
        self.date_start = once.setdefault(f.date_start, f.date_start)
        self.date_end = once.setdefault(f.date_end, f.date_end)
        self.date_precision = once.setdefault(f.date_precision, f.date_precision)
        self.doc_id = once.setdefault(f.doc_id, f.doc_id)
        self.span = (f.span[0], f.span[1]) if f.span else (0, 0)
        self.quote = f.quote if f.location else ""
        self.summary = f.summary if f.location else ""


def featured(f: Fact, slim: Slim, once: dict):
    """`f`'s features, kept with its slim record (for `text`), every set and name shared
    with equal ones of other mentions: most mentions name the same few people, countries,
    places and days."""
    feat = _features(f)
    changes: dict = {"fact": slim}
    for name in _SHARED:
        value = getattr(feat, name)
        if value:
            changes[name] = once.setdefault(value, value)
    return dataclasses.replace(feat, **changes)


def block_keys(f: Fact, once: dict) -> frozenset:
    """`f`'s block keys, each key and the whole set shared with equal ones (the mentions
    of one person's meetings in a month have the same)."""
    keys = frozenset(once.setdefault(k, k) for k in _block_keys(f))
    return once.setdefault(keys, keys)


_SHARED = ("kind", "doc_id", "lo", "hi", "loc", "loc_words", "people", "lone", "last", "titles", "site", "head",
           "day", "countries", "mode", "around")
