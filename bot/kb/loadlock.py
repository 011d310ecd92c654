"""One load at a time per database, across threads and processes.

A load from Slack can start while `allybot load` runs in a shell, or while another Slack
upload is being loaded: two writers would make the second fail on SQLite's lock after its
timeout, or read the folder while the first is saving into it. Loads therefore queue on
an advisory lock file beside the database; readers are never blocked (a load writes in
short transactions and WAL keeps the previous version readable until each commits).
"""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_threads = threading.RLock()  # queues this process's threads; flock queues processes
_held = threading.local()


@contextmanager
def load_lock(db_path: Path | str) -> Iterator[None]:
    """Hold the database's load lock; waits for a running load to finish.

    Re-entrant within a thread: adding a document holds the lock across saving the file
    and the load that follows.
    """
    path = Path(f"{db_path}.load-lock").resolve()
    held = getattr(_held, "paths", None)
    if held is None:
        held = _held.paths = set()
    if path in held:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with _threads, open(path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        held.add(path)
        try:
            yield
        finally:
            held.discard(path)
            fcntl.flock(fh, fcntl.LOCK_UN)
