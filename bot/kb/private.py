"""A writer connection of its own for writes made while answering in Slack.

Bolt answers in many threads over one shared connection, and sqlite-utils wraps reads in
savepoints: a commit on that connection from another thread releases them under the
reader's feet. Corrections, votes and answers-as-shown are therefore written through a
second connection to the same file, one writer at a time in this process (SQLite's own
locking and busy timeout order it against other processes such as `allybot load`).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

_lock = threading.Lock()
_writers: dict[str, sqlite_utils.Database] = {}


def _file(db: sqlite_utils.Database) -> str:
    rows = db.execute("PRAGMA database_list").fetchall()
    return next((r[2] for r in rows if r[1] == "main"), "") or ""


@contextmanager
def writing(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """`with writing(db) as w:` -> a Database on the private writer connection, held alone."""
    path = _file(db)
    with _lock:
        if not path:  # an in-memory database cannot be opened twice: it is its own writer
            yield db
            return
        writer = _writers.get(path)
        if writer is None:
            conn = sqlite3.connect(path, check_same_thread=False, timeout=5.0)
            conn.execute("PRAGMA busy_timeout = 5000")
            writer = _writers[path] = sqlite_utils.Database(conn)
        yield writer
