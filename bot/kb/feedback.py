"""What allybot showed people, and what they thought of it (👍 / 👎).

Every answer sent in Slack is recorded with its query and the items it showed, and the
feedback buttons carry only the answer's number: the query and items a vote refers to
come from our own record, never from the button's payload. The same record tells the
weekly digest how many facts people saw and how many of those they marked wrong.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

VOTES = ("up", "down")
MAX_QUERY = 500
KEEP_UNVOTED = timedelta(days=400)  # answers nobody voted on matter only to recent digests
PRUNE_EVERY = 500


def ensure_tables(db) -> None:
    tables = set(db.table_names())
    if "answers" not in tables:
        db["answers"].create(
            {"id": int, "created_at": str, "user": str, "channel": str, "command": str,
             "query": str, "items": str},  # items: JSON list of fact ids or passage refs
            pk="id",
        )
        db["answers"].create_index(["created_at"])
    if "feedback" not in tables:
        db["feedback"].create(
            {"id": int, "answer_id": int, "user": str, "vote": str, "created_at": str},
            pk="id",
        )
        db["feedback"].create_index(["answer_id", "user"], unique=True)


def _iso(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


def record_answer(db, *, command: str, query: str, items: list[str], user: str | None = None,
                  channel: str | None = None, now: datetime | None = None) -> int:
    """Remember an answer as shown; its id goes on the answer's 👍 / 👎 buttons."""
    with db.conn:
        cur = db.conn.execute(
            "insert into answers (created_at, user, channel, command, query, items) values (?, ?, ?, ?, ?, ?)",
            (_iso(now), user, channel, command, (query or "")[:MAX_QUERY], json.dumps(list(items))),
        )
    if cur.lastrowid % PRUNE_EVERY == 0:
        prune(db, now)
    return int(cur.lastrowid)


def prune(db, now: datetime | None = None) -> int:
    """Forget answers older than KEEP_UNVOTED that nobody voted on; returns how many."""
    cutoff = ((now or datetime.now(UTC)) - KEEP_UNVOTED).astimezone(UTC).isoformat(timespec="seconds")
    with db.conn:
        return db.conn.execute(
            "delete from answers where created_at < ? and id not in (select answer_id from feedback)",
            (cutoff,)).rowcount


def vote(db, answer_id: Any, user: str, value: Any, now: datetime | None = None) -> dict[str, Any]:
    """Store (or change) one person's vote on one answer; ValueError for a bad payload."""
    if value not in VOTES:
        raise ValueError(f"unknown vote {value!r}")
    try:
        aid = int(answer_id)
    except (TypeError, ValueError):
        raise ValueError(f"not an answer id: {answer_id!r}") from None
    row = db.execute("select command, query, items from answers where id = ?", (aid,)).fetchone()
    if row is None:
        raise ValueError(f"no answer {aid}")
    with db.conn:
        db.conn.execute(
            "insert into feedback (answer_id, user, vote, created_at) values (?, ?, ?, ?) "
            "on conflict (answer_id, user) do update set vote = excluded.vote, created_at = excluded.created_at",
            (aid, user, value, _iso(now)),
        )
    return {"answer_id": aid, "command": row[0], "query": row[1], "items": json.loads(row[2]), "vote": value}


def export(db) -> list[dict[str, Any]]:
    """Every vote with the query and the items it was about (`allybot feedback --json`)."""
    rows = db.execute(
        """select f.id, f.created_at, f.user, f.vote, a.id, a.command, a.query, a.items, a.channel,
                  a.created_at
           from feedback f join answers a on a.id = f.answer_id order by f.id"""
    ).fetchall()
    return [
        {"id": r[0], "at": r[1], "user": r[2], "vote": r[3], "answer_id": r[4], "command": r[5],
         "query": r[6], "items": json.loads(r[7] or "[]"), "channel": r[8], "answered_at": r[9]}
        for r in rows
    ]


def _window(monday: date, tz: tzinfo | None) -> tuple[str, str]:
    start = datetime.combine(monday, time.min, tzinfo=tz or UTC)
    return (start.astimezone(UTC).isoformat(timespec="seconds"),
            (start + timedelta(days=7)).astimezone(UTC).isoformat(timespec="seconds"))


def week_numbers(db, monday: date, tz: tzinfo | None = None) -> dict[str, int]:
    """Corrections made in the week, facts shown in answers, and how many of those were
    marked wrong (a correction or report filed on them in the same week, not rejected)."""
    low, high = _window(monday, tz)
    corrections = db.execute(
        "select count(*) from corrections where created_at >= ? and created_at < ? and action != 'undo'",
        (low, high)).fetchone()[0]
    shown: set[str] = set()
    for (items,) in db.execute(
            "select items from answers where created_at >= ? and created_at < ? and command != 'lookup'",
            (low, high)).fetchall():
        shown.update(i for i in json.loads(items or "[]") if isinstance(i, str))
    marked = {r[0] for r in db.execute(
        "select fact_id from corrections where created_at >= ? and created_at < ? "
        "and action in ('correct', 'suppress', 'merge') and status != 'rejected'", (low, high))}
    return {"corrections": corrections, "shown": len(shown), "marked_wrong": len(shown & marked)}


def digest_line(db, monday: date, tz: tzinfo | None = None) -> str:
    """The weekly digest's last line: how much curating the week saw."""
    n = week_numbers(db, monday, tz)
    made = f"{n['corrections']} correction{'s' if n['corrections'] != 1 else ''} this week"
    if not n["shown"]:
        return f"Curation: {made}; no facts were shown in answers."
    share = round(100 * n["marked_wrong"] / n["shown"])
    return (f"Curation: {made}; {n['marked_wrong']} of {n['shown']} facts shown "
            f"({share}%) were marked wrong.")
