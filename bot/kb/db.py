"""The one way the knowledge base is opened, and what the operator is told when it cannot be.

SQLite reports a damaged, read-only or missing file as a raw exception naming no file
(`database disk image is malformed`), deep in whatever first touched it. Opening through
here turns each of these into one DatabaseError line that names the file and says what
to do, at start-up, before any user is answered.

The bot shares one connection among Bolt's worker threads. That is safe for plain queries,
but three things need a connection of their own to the same file: a query with a progress
handler (its Python callback runs under the connection's mutex, so a second thread calling
into it deadlocks), a one-row commit that must stay out of another thread's transaction
(seen events), and a `BEGIN IMMEDIATE` claim (the digest outbox). An in-memory database
cannot be opened twice, so those callers fall back to the shared connection.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote as url_quote

import sqlite_utils

from bot.kb.store import ensure_schema

BUSY_MS = 5000


class DatabaseError(Exception):
    """The database cannot be used; the message names the file and what to do."""


def open_db(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (and if `create`, create) the database with the current schema."""
    memory = str(path) == ":memory:"
    if not memory:
        path = Path(path)
        if not create and not path.exists():
            raise DatabaseError(f"no database at {path}: run `allybot load` first")
        if path.is_dir():
            raise DatabaseError(f"{path} is a folder, not a database file: set `database` in config/allybot.yaml")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"cannot create the folder {path.parent} for the database {path} "
                f"({exc.strerror or exc}): make it writable or set `database` in config/allybot.yaml"
            ) from None
        if path.exists() and not os.access(path, os.W_OK):
            raise DatabaseError(f"{path} is read-only: make it writable (chmod u+w {path})")
        if not path.exists() and not os.access(path.parent, os.W_OK):
            raise DatabaseError(f"cannot create {path}: the folder {path.parent} is read-only")
    try:
        # Bolt answers in worker threads (lazy listeners, the ASGI thread pool): one connection
        # shared across them; SQLite serializes access and WAL keeps readers off the loader's lock.
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=5.0)
        db = sqlite_utils.Database(conn)
        db.conn.execute("PRAGMA busy_timeout = 5000")
        if not memory:
            db.conn.execute("PRAGMA journal_mode = WAL")
        ensure_schema(db)
        db.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(explain(path, exc)) from None
    return db


def explain(path: str | Path, exc: BaseException) -> str:
    """One line for a SQLite error on `path`: what is wrong and what to do."""
    text = str(exc)
    low = text.lower()
    if "malformed" in low or "not a database" in low or "corrupt" in low:
        return (f"{path} is damaged ({text}): move it aside and run `allybot load` to rebuild it "
                "from the documents (corrections live in config/curation.yaml, not in the database)")
    if "readonly" in low or "read-only" in low:
        return f"{path} is read-only ({text}): make the file and its folder writable"
    if "unable to open" in low:
        return f"cannot open {path} ({text}): check that its folder exists and is writable"
    if "locked" in low or "busy" in low:
        return f"{path} is locked by another process ({text}): wait for it (a load?) and try again"
    return f"{path}: {text}"


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


_writer_lock = threading.Lock()
_writers: dict[str, sqlite_utils.Database] = {}


@contextmanager
def writing(db: sqlite_utils.Database, busy_ms: int = BUSY_MS) -> Iterator[sqlite_utils.Database]:
    """`with writing(db) as w:` -> a Database on a private writer connection, held alone.

    Corrections, votes and answers-as-shown are written while answering in Slack. Bolt
    answers in many threads over one shared connection, and sqlite-utils wraps reads in
    savepoints: a commit on that connection from another thread releases them under the
    reader's feet. So these writes go through one private connection per file, one writer
    at a time in this process (SQLite's locking and busy timeout order it against other
    processes such as `allybot load`). An in-memory database is its own writer. `busy_ms`
    bounds the wait for another process's write lock: a write that must not hold up an
    answer (recording it as shown) asks for a short one and gives up.
    """
    path = db_file(db)
    with _writer_lock:
        if path is None:
            yield db
            return
        writer = _writers.get(path)
        if writer is None:
            writer = _writers[path] = sqlite_utils.Database(private_connection(db, shared_thread=True))
        writer.conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        try:
            yield writer
        finally:
            if busy_ms != BUSY_MS:
                writer.conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
