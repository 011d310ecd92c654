"""/digest - the weekly digest of meetings, exercises and space cooperation, for any week.

Usage:
  /digest               the last complete week (Monday to Sunday)
  /digest last | this | next
  /digest 2024-05-27    the week containing that date (any day of it)
  /digest 2024-W22      an ISO week

It lists the facts dated in that week, what is planned in the weeks after it, and the
documents loaded during it. Only you see the answer; "Post to channel" shares it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from commands.errors import UsageError
from commands.query import Query
from commands.results import Result

HINT = "Try /digest, /digest last, /digest this, /digest next, /digest 2024-05-27 or /digest 2024-W22."

_RELATIVE = {"": -1, "last": -1, "previous": -1, "this": 0, "current": 0, "next": 1}
_ISO_WEEK = re.compile(r"^(\d{4})-?w(\d{1,2})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _today(now: datetime | None) -> date:
    if now is not None:
        return now.date()
    from bot.config import get_config

    return datetime.now(get_config().digest.tz).date()


def resolve_week(text: str, *, now: datetime | None = None) -> date:
    """The Monday of the week `text` names; `now` (default: now in the digest time zone)
    anchors "last", "this" and "next"."""
    words = (text or "").strip().lower().split()
    if words and words[-1] == "week":  # "last week", "this week"
        words = words[:-1]
    if words and words[0] == "week":  # "week 2024-05-27"
        words = words[1:]
    word = " ".join(words)

    if word in _RELATIVE:
        today = _today(now)
        monday = today - timedelta(days=today.weekday())
        return monday + timedelta(days=7 * _RELATIVE[word])
    if m := _ISO_WEEK.match(word):
        try:
            return date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            raise UsageError(f"{text.strip()!r} is not a week: {m[1]} has no week {int(m[2])}.", hint=HINT) from None
    if _ISO_DATE.match(word):
        try:
            d = date.fromisoformat(word)
        except ValueError:
            raise UsageError(f"{text.strip()!r} is not a real date.", hint=HINT) from None
        return d - timedelta(days=d.weekday())
    raise UsageError(f"I don't know which week {text.strip()!r} means.", hint=HINT)


def parse(text: str, *, now: datetime | None = None) -> Query:
    """Resolve the week now, so the answer names the same week however long it takes."""
    monday = resolve_week(text, now=now)
    sunday = monday + timedelta(days=6)
    return Query(
        command="digest",
        text=(text or "").strip(),
        since=monday.isoformat(),
        until=sunday.isoformat(),
        options={"week_start": monday.isoformat()},
    )


def run(query: Query, db) -> Result:
    from bot.config import get_config
    from bot.digest.build import build_digest

    cfg = get_config().digest
    monday = date.fromisoformat(query.options.get("week_start") or query.since)
    result = build_digest(db, monday, cfg.upcoming_weeks, tz=cfg.tz)
    result.query = query.text or result.query
    return result
