"""Follows: who wants to hear about which query, and which version of each fact they were told.

Kept in the knowledge base's SQLite file so a follow outlives a restart and a redeploy.
What was sent is remembered per follow and fact as a fingerprint of what a reader sees
(title, dates, people, place, sources) plus that snapshot, so a fact is announced once,
and once more only when it changed, saying what changed. A delivery claims its rows in one
`BEGIN IMMEDIATE` transaction before posting, so two notifiers (the server's watcher and
`allybot load` in a shell) cannot both announce the same fact; a failed post gives the claim back.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from bot.kb.db import private_connection
from bot.kb.model import Fact

MAX_FOLLOWS = 50  # per user: beyond this a list is unreadable and every load slower


@dataclass(frozen=True)
class Follow:
    id: int
    user: str
    line: str  # the selection as typed, e.g. "exercises philippines"
    created_at: str


def ensure_tables(db: sqlite_utils.Database) -> None:
    tables = set(db.table_names())
    if "follows" not in tables:
        db["follows"].create({"id": int, "user": str, "line": str, "created_at": str}, pk="id")
        db["follows"].create_index(["user"])
    if "follow_sent" not in tables:
        db["follow_sent"].create(
            {"follow_id": int, "fact_id": str, "fingerprint": str, "snapshot": str, "sent_at": str},
            pk=("follow_id", "fact_id"),
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def anchors(fact: Fact) -> list[str]:
    """Where a fact was read: its sentences ("doc:start-end"). A fact's id is derived from its
    date, so a plan that gets its day is a new id; the same sentences say it is the same fact."""
    spans = [(fact.doc_id, fact.span)] + [(s.doc_id, s.span) for s in fact.sources]
    return sorted({f"{d}:{sp[0]}-{sp[1]}" for d, sp in spans if sp and len(sp) == 2})


def snapshot(fact: Fact) -> dict:
    """What a reader of the DM sees of a fact: a change here is worth a second message."""
    return {
        "anchors": anchors(fact),
        "title": fact.title,
        "date_start": fact.date_start,
        "date_end": fact.date_end,
        "date_precision": fact.date_precision,
        "participants": sorted(fact.participants),
        "location": fact.location,
        "sources": sorted({fact.doc_id, *(s.doc_id for s in fact.sources)}),
    }


def fingerprint(fact: Fact) -> str:
    seen = {k: v for k, v in snapshot(fact).items() if k != "anchors"}  # re-read spans are no news
    data = json.dumps(seen, sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:16]


def follows_of(db: sqlite_utils.Database, user: str) -> list[Follow]:
    rows = db.execute("select id, user, line, created_at from follows where user = ? order by id", [user])
    return [Follow(*r) for r in rows.fetchall()]


def all_follows(db: sqlite_utils.Database) -> list[Follow]:
    return [Follow(*r) for r in db.execute("select id, user, line, created_at from follows order by id").fetchall()]


def add_follow(db: sqlite_utils.Database, user: str, line: str, current: list[Fact]) -> Follow:
    """Store a follow; the facts that match now count as told (only news is worth a DM)."""
    now = _now()
    with db.conn:
        cur = db.conn.execute("insert into follows (user, line, created_at) values (?, ?, ?)", (user, line, now))
        follow_id = cur.lastrowid
        db.conn.executemany(
            "insert or replace into follow_sent (follow_id, fact_id, fingerprint, snapshot, sent_at) "
            "values (?, ?, ?, ?, ?)",
            [(follow_id, f.id, fingerprint(f), json.dumps(snapshot(f)), now) for f in current],
        )
    return Follow(follow_id, user, line, now)


def remove_follow(db: sqlite_utils.Database, follow: Follow) -> None:
    with db.conn:
        db.conn.execute("delete from follow_sent where follow_id = ?", (follow.id,))
        db.conn.execute("delete from follows where id = ?", (follow.id,))


def sent_snapshots(db: sqlite_utils.Database, follow_id: int) -> dict[str, tuple[str, dict]]:
    """fact id -> (fingerprint, snapshot) of what this follow was last told."""
    rows = db.execute("select fact_id, fingerprint, snapshot from follow_sent where follow_id = ?", [follow_id])
    return {fid: (fp, json.loads(snap or "{}")) for fid, fp, snap in rows.fetchall()}


@dataclass(frozen=True)
class Claim:
    """Rows written for one DM, with what they replaced, to give back if the DM fails."""

    follow_id: int
    fact_id: str
    fingerprint: str
    snapshot: dict
    previous: tuple[str, dict] | None


def claim(db: sqlite_utils.Database, claims: list[Claim]) -> list[Claim]:
    """Record the claims that still announce something; those another notifier already
    recorded (same fingerprint) are dropped. One transaction, so two notifiers never
    both win a fact."""
    conn = private_connection(db, autocommit=True)
    own = conn is not None
    conn = conn or db.conn
    won: list[Claim] = []
    try:
        _begin(conn, own)
        try:
            for c in claims:
                row = conn.execute("select fingerprint from follow_sent where follow_id = ? and fact_id = ?",
                                   (c.follow_id, c.fact_id)).fetchone()
                if row is not None and row[0] == c.fingerprint:
                    continue
                conn.execute(
                    "insert or replace into follow_sent (follow_id, fact_id, fingerprint, snapshot, sent_at) "
                    "values (?, ?, ?, ?, ?)",
                    (c.follow_id, c.fact_id, c.fingerprint, json.dumps(c.snapshot), _now()),
                )
                won.append(c)
            conn.execute("commit")
        except BaseException:
            conn.execute("rollback")
            raise
    finally:
        if own:
            conn.close()
    return won


def give_back(db: sqlite_utils.Database, claims: list[Claim]) -> None:
    """Undo claims whose DM was not delivered, so the next run tries again."""
    with db.conn:
        for c in claims:
            if c.previous is None:
                db.conn.execute("delete from follow_sent where follow_id = ? and fact_id = ? and fingerprint = ?",
                                (c.follow_id, c.fact_id, c.fingerprint))
            else:
                fp, snap = c.previous
                db.conn.execute("update follow_sent set fingerprint = ?, snapshot = ? "
                                "where follow_id = ? and fact_id = ? and fingerprint = ?",
                                (fp, json.dumps(snap), c.follow_id, c.fact_id, c.fingerprint))


def _begin(conn: sqlite3.Connection, own: bool) -> None:
    if not own and conn.in_transaction:
        conn.commit()
    conn.execute("begin immediate")
