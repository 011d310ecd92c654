"""The one way to open the knowledge base, and the private connections some callers need.

The bot shares one connection among Bolt's worker threads. That is safe for plain queries,
but three things need a connection of their own to the same file: a query with a progress
handler (its Python callback runs under the connection's mutex, so a second thread calling
into it deadlocks), a one-row commit that must stay out of another thread's transaction
(seen events), and a `BEGIN IMMEDIATE` claim (the digest outbox). An in-memory database
cannot be opened twice, so those callers fall back to the shared connection.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote as url_quote

import sqlite_utils

from bot.kb import store

BUSY_MS = 5000


def open_db(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (and if needed create) the database with the current schema."""
    if str(path) != ":memory:":
        path = Path(path)
        if not create and not path.exists():
            raise FileNotFoundError(f"no database at {path}: run `allybot load` first")
        path.parent.mkdir(parents=True, exist_ok=True)
    # Bolt answers in worker threads (lazy listeners, the ASGI thread pool): one connection
    # shared across them; SQLite serializes access and WAL keeps readers off the loader's lock.
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=5.0)
    db = sqlite_utils.Database(conn)
    db.conn.execute("PRAGMA busy_timeout = 5000")
    if str(path) != ":memory:":
        db.conn.execute("PRAGMA journal_mode = WAL")
    store.ensure_schema(db)
    return db


def db_file(db: sqlite_utils.Database) -> str | None:
    """The file behind `db`'s main database, or None when it lives in memory."""
    for _, name, file in db.conn.execute("PRAGMA database_list"):
        if name == "main":
            return file or None
    return None


def db_key(db: sqlite_utils.Database) -> object:
    """Names the database for caches: its file, or the connection of an in-memory one."""
    return db_file(db) or ("memory", id(db.conn))


def private_connection(
    db: sqlite_utils.Database,
    *,
    readonly: bool = False,
    autocommit: bool = False,
    shared_thread: bool = False,
    timeout: float = BUSY_MS / 1000,
) -> sqlite3.Connection | None:
    """A new connection to `db`'s file (None for an in-memory database: use db.conn).

    `readonly` opens it with mode=ro; `autocommit` leaves transactions to the caller's
    explicit BEGIN (isolation_level=None); `shared_thread` lets other threads use it.
    """
    path = db_file(db)
    if path is None:
        return None
    if readonly:
        conn = sqlite3.connect(f"file:{url_quote(path)}?mode=ro", uri=True, timeout=timeout,
                               check_same_thread=not shared_thread)
    else:
        conn = sqlite3.connect(path, timeout=timeout, check_same_thread=not shared_thread,
                               **({"isolation_level": None} if autocommit else {}))
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    return conn
