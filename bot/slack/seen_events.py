"""Exactly once: Slack redelivers events it thinks were missed, so each event id is handled
once, remembered in SQLite (which survives a restart between retries)."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import sqlite_utils
from slack_bolt import BoltResponse

from bot.kb.db import private_connection

log = logging.getLogger(__name__)

SEEN_EVENTS_KEEP = timedelta(days=2)  # Slack's last retry comes ~5 minutes after the first try


class SeenEvents:
    """Event ids already handled, kept in the database so a restart between retries is safe.

    The check must never hold up an acknowledgement: a load may hold the database's write
    lock, or the file may be read-only. So ids are first checked in memory (which settles
    every redelivery to this process), then written through a connection of its own with a
    short busy timeout; an id that cannot be written now is kept and written with the next
    one, and the event is answered meanwhile.
    """

    BUSY_MS = 250

    def __init__(self, db: sqlite_utils.Database):
        self._lock = threading.Lock()
        self._recent: dict[str, float] = {}  # event id -> when first seen (epoch seconds)
        self._unsaved: dict[str, str] = {}  # event id -> seen_at, not yet in the database
        # An in-memory database has no file to share: then the shared connection it is.
        self._conn = private_connection(db, autocommit=True, shared_thread=True,
                                        timeout=self.BUSY_MS / 1000) or db.conn

    def first_time(self, event_id: str) -> bool:
        """Record the id; True only for the first caller, across threads and processes."""
        now = datetime.now(UTC)
        with self._lock:
            if event_id in self._recent:
                return False
            self._forget_before((now - SEEN_EVENTS_KEEP).timestamp())
            self._recent[event_id] = now.timestamp()
            self._unsaved[event_id] = now.isoformat(timespec="seconds")
            try:
                return self._save(event_id, now)
            except sqlite3.Error as exc:  # locked by a load, or read-only: memory decides
                log.debug("event ids not saved yet (%s); %d waiting", exc, len(self._unsaved))
                if self._conn.in_transaction:
                    self._conn.rollback()
                return True

    def _forget_before(self, cutoff: float) -> None:
        while self._recent:
            oldest, at = next(iter(self._recent.items()))
            if at >= cutoff:
                break
            del self._recent[oldest]

    def _save(self, event_id: str, now: datetime) -> bool:
        """Write the unsaved ids; whether `event_id` was new to the database too."""
        fresh = True
        for eid, seen_at in list(self._unsaved.items()):
            cur = self._conn.execute(
                "INSERT OR IGNORE INTO seen_events (event_id, seen_at) VALUES (?, ?)", (eid, seen_at)
            )
            if eid == event_id:
                fresh = cur.rowcount == 1  # another process may have handled it already
            del self._unsaved[eid]
        cutoff = (now - SEEN_EVENTS_KEEP).isoformat(timespec="seconds")
        self._conn.execute("DELETE FROM seen_events WHERE seen_at < ?", (cutoff,))
        if self._conn.in_transaction:
            self._conn.commit()
        return fresh


def dedupe_events_middleware(seen: SeenEvents) -> Callable:
    def dedupe_events(body, next_):
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not seen.first_time(event_id):
            log.info("event %s already handled; skipping this redelivery", event_id)
            return BoltResponse(status=200, body="")
        return next_()

    return dedupe_events
