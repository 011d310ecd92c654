"""The SQLite knowledge base: schema, full-text indexes and how facts are read back.

One file holds the documents, their passages, per-document fact mentions, the merged
facts, the entity gazetteer and the bot's own delivery state (seen events, digest
posts). Loads write a few documents per transaction and swap the merged facts in one
(see bot/kb/loader.py); WAL mode lets the bot keep answering meanwhile. The file is
opened through bot/kb/db.py.
"""

from __future__ import annotations

import json

import sqlite_utils

from bot.kb.model import Fact, Source

SCHEMA_VERSION = 1

# The order a full merge writes facts in (merge_facts sorts by date, then id). A reload
# rewrites only the facts it changed, so their rows come last: readers that let the row
# order break ties read in this order instead, and answer as after a load from scratch.
FACT_ORDER = "coalesce(nullif(date_start, ''), '9999'), id"


def ensure_schema(db: sqlite_utils.Database) -> None:
    tables = set(db.table_names())
    if "documents" not in tables:
        db["documents"].create(
            {
                "id": str,
                "path": str,
                "title": str,
                "date": str,
                "date_inferred": int,
                "date_note": str,
                "date_precision": str,
                "source": str,
                "place": str,
                "byline": str,
                "content_hash": str,
                "size": int,
                "mtime": float,
                "encoding": str,
                "extractor": str,
                "loaded_at": str,
                "text": str,
            },
            pk="id",
        )
    elif "date_precision" not in db["documents"].columns_dict:
        db["documents"].add_column("date_precision", str)  # databases made before it was kept
    _add_columns(db, "documents", DOCUMENT_ORIGIN)
    if "passages" not in tables:
        db["passages"].create(
            {
                "id": int,
                "doc_id": str,
                "seq": int,
                "start": int,
                "end": int,
                "text": str,
                "furniture": int,
                "furniture_reason": str,
            },
            pk="id",
            foreign_keys=[("doc_id", "documents", "id")],
        )
        db["passages"].create_index(["doc_id"])
        db["passages"].enable_fts(
            ["text"], create_triggers=True, tokenize="porter unicode61 remove_diacritics 2"
        )
    if "mentions" not in tables:
        # Facts as found in one document, before merging across documents.
        db["mentions"].create(
            {"id": int, "doc_id": str, "seq": int, "kind": str, "data": str},
            pk="id",
            foreign_keys=[("doc_id", "documents", "id")],
        )
        db["mentions"].create_index(["doc_id"])
    if "facts" not in tables:
        db["facts"].create(
            {
                "id": str,
                "kind": str,
                "title": str,
                "summary": str,
                "date_start": str,
                "date_end": str,
                "date_precision": str,
                "participants": str,  # JSON list
                "countries": str,  # JSON list
                "location": str,
                "doc_id": str,
                "doc_title": str,
                "quote": str,
                "span_start": int,
                "span_end": int,
                "sources": str,  # JSON list of Source
                "names": str,  # entity names and aliases, for search
                "curated": int,
            },
            pk="id",
        )
        db["facts"].create_index(["kind", "date_start"])
        db["facts"].enable_fts(
            ["title", "summary", "quote", "names"],
            create_triggers=True,
            tokenize="porter unicode61 remove_diacritics 2",
        )
    if "entities" not in tables:
        db["entities"].create(
            {"id": str, "type": str, "name": str, "aliases": str, "roles": str, "country": str, "source": str},
            pk="id",
        )
    if "seen_events" not in tables:
        db["seen_events"].create({"event_id": str, "seen_at": str}, pk="event_id")
    if "digest_posts" not in tables:
        db["digest_posts"].create(
            {
                "channel": str,
                "week_start": str,
                "status": str,  # claimed | posted | failed
                "ts": str,
                "attempts": int,
                "claimed_at": str,
                "posted_at": str,
                "error": str,
            },
            pk=("channel", "week_start"),
        )
    if "meta" not in tables:
        db["meta"].create({"key": str, "value": str}, pk="key")
        db["meta"].insert({"key": "schema_version", "value": str(SCHEMA_VERSION)})
    # Lazily: they read facts through this module.
    from bot.kb import corrections, feedback, follows, status

    for module in (corrections, feedback, follows, status):
        module.ensure_tables(db)


# Where a document came from (bot/kb/formats, bot/kb/added); added to older databases in place.
DOCUMENT_ORIGIN = {"format": str, "url": str, "added_by": str, "source_url": str, "added_at": str,
                   # the file's size, mtime, ctime and inode when it was read (bot.kb.loader)
                   "file_stat": str}


def _add_columns(db: sqlite_utils.Database, table: str, columns: dict[str, type]) -> None:
    have = set(db[table].columns_dict)
    for name, kind in columns.items():
        if name not in have:
            db[table].add_column(name, kind)


def fact_from_row(row: dict) -> Fact:
    return Fact(
        id=row["id"],
        kind=row["kind"],
        title=row["title"],
        summary=row["summary"] or "",
        date_start=row["date_start"],
        date_end=row["date_end"],
        date_precision=row["date_precision"],
        participants=json.loads(row["participants"] or "[]"),
        countries=json.loads(row["countries"] or "[]"),
        location=row["location"],
        doc_id=row["doc_id"],
        doc_title=row["doc_title"] or "",
        quote=row["quote"] or "",
        span=[row["span_start"], row["span_end"]],
        sources=[Source(**s) for s in json.loads(row["sources"] or "[]")],
    )


def fact_to_row(fact: Fact, names: str = "", curated: bool = False) -> dict:
    return {
        "id": fact.id,
        "kind": fact.kind,
        "title": fact.title,
        "summary": fact.summary,
        "date_start": fact.date_start,
        "date_end": fact.date_end,
        "date_precision": fact.date_precision,
        "participants": json.dumps(fact.participants),
        "countries": json.dumps(fact.countries),
        "location": fact.location,
        "doc_id": fact.doc_id,
        "doc_title": fact.doc_title,
        "quote": fact.quote,
        "span_start": fact.span[0],
        "span_end": fact.span[1],
        "sources": json.dumps([s.__dict__ for s in fact.sources]),
        "names": names,
        "curated": int(curated),
    }


def all_facts(db: sqlite_utils.Database, kind: str | None = None) -> list[Fact]:
    where, params = ("kind = ?", [kind]) if kind else (None, None)
    rows = db["facts"].rows_where(where, params, order_by="date_start desc, id")
    return [fact_from_row(r) for r in rows]
