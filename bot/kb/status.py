"""What the knowledge base holds: documents, facts by kind, period, the last load, what is next.

Nobody could see what allybot knows, so an answer of "no meetings" could mean "none
happened" or "that newsletter was never loaded". The status gathers the answer to that
once, for the App Home tab, `/allybot status` and `allybot status --json` alike. Loads
are recorded here (when, how long, by whom, what was skipped and why), because the
last load's warnings otherwise only ever reached the terminal that ran it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from bot.kb.model import date_as_known
from bot.kb.search import PLANNED

UPCOMING_WEEKS = 8
UPCOMING_MAX = 15


def ensure_tables(db) -> None:
    if "load_runs" not in set(db.table_names()):
        db["load_runs"].create(
            {"id": int, "started_at": str, "seconds": float, "by": str, "seeds": str,
             "loaded": str, "removed": str, "skipped": str,  # JSON lists
             "unchanged": int, "facts": int},
            pk="id",
        )


def record_run(db, summary, *, started_at: datetime, seconds: float, by: str, seeds: str) -> None:
    """One row per `allybot load` (or Slack upload) that ran to the end."""
    with db.conn:
        db.conn.execute(
            "insert into load_runs (started_at, seconds, by, seeds, loaded, removed, skipped, unchanged, facts) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (started_at.astimezone(UTC).isoformat(timespec="seconds"), round(seconds, 3), by, seeds,
             json.dumps(list(summary.loaded)), json.dumps(list(summary.removed)),
             json.dumps([{"file": f, "reason": r} for f, r in summary.skipped]),
             summary.unchanged, summary.facts),
        )


def _parse(when: str | None) -> datetime | None:
    try:
        value = datetime.fromisoformat(when or "")
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def gather(db, now: datetime | None = None, tz: tzinfo | None = None,
           weeks: int = UPCOMING_WEEKS) -> dict[str, Any]:
    """The status as plain data (the JSON of `allybot status --json`)."""
    tz = tz or UTC
    now = (now or datetime.now(UTC)).astimezone(tz)
    today = now.date()
    monday = today - timedelta(days=today.weekday())
    week_start = datetime.combine(monday, datetime.min.time(), tzinfo=tz)

    documents = db.execute("select count(*) from documents").fetchone()[0]
    by_kind = {k: n for k, n in db.execute("select kind, count(*) from facts group by kind order by kind")}
    # The period covered is of what happened: one plan known only to its year would otherwise
    # stretch it to 31 December. How far the plans reach is said apart, as precisely as known.
    def extreme(order: str, planned: bool) -> tuple[str | None, str | None]:
        day = "date_start" if order == "asc" else "coalesce(date_end, date_start)"
        row = db.execute(
            f"select {day}, date_precision from facts where date_start is not null "
            f"and coalesce(title, '') {'' if planned else 'not '}like ? order by 1 {order} limit 1",
            [f"%{PLANNED}"]).fetchone()
        return (row[0], date_as_known(row[0], row[1])) if row else (None, None)

    first = extreme("asc", planned=False)[1]
    last_day, last = extreme("desc", planned=False)
    plan_day, plan_known = extreme("desc", planned=True)
    plans_to = plan_known if plan_day and (last_day is None or plan_day > last_day) else None

    runs = db.execute("select started_at, seconds, by, loaded, removed, skipped, unchanged, facts "
                      "from load_runs order by id desc").fetchall()
    last_load = None
    if runs:
        r = runs[0]
        last_load = {"at": r[0], "seconds": r[1], "by": r[2], "loaded": len(json.loads(r[3])),
                     "removed": len(json.loads(r[4])), "unchanged": r[6], "facts": r[7],
                     "skipped": json.loads(r[5])}
    loaded_by: dict[str, str] = {}
    for r in reversed(runs):  # the latest run that loaded a document says who added it
        for doc_id in json.loads(r[3]):
            loaded_by[doc_id] = r[2]

    added = []
    for doc_id, title, loaded_at in db.execute(
            "select id, title, loaded_at from documents where loaded_at is not null order by loaded_at, id"):
        when = _parse(loaded_at)
        if when is not None and week_start <= when.astimezone(tz) <= now:
            added.append({"doc_id": doc_id, "title": title, "loaded_at": loaded_at,
                          "by": loaded_by.get(doc_id)})

    horizon = today + timedelta(weeks=weeks)
    upcoming_rows = db.execute(
        "select id, kind, title, date_start, date_end, date_precision from facts "
        "where date_start > ? and date_start <= ? order by date_start, title, id limit ?",
        (today.isoformat(), horizon.isoformat(), UPCOMING_MAX + 1)).fetchall()
    upcoming = [{"id": r[0], "kind": r[1], "title": r[2], "date_start": r[3], "date_end": r[4],
                 "date_precision": r[5]} for r in upcoming_rows[:UPCOMING_MAX]]
    return {
        "documents": documents,
        "facts": sum(by_kind.values()),
        "facts_by_kind": by_kind,
        "period": {"first": first, "last": last, "plans_to": plans_to},
        "last_load": last_load,
        "added_this_week": {"since": monday.isoformat(), "documents": added},
        "upcoming": {"from": today.isoformat(), "until": horizon.isoformat(), "weeks": weeks,
                     "facts": upcoming, "more": len(upcoming_rows) > UPCOMING_MAX},
    }


def _who(by: str | None) -> str:
    if not by:
        return "someone"
    return by[4:] if by.startswith("cli:") else f"<@{by}>" if by[:1] in "UW" else by


def lines(data: dict[str, Any], slack: bool = False) -> list[tuple[str, list[str]]]:
    """The status as titled groups of lines, for the terminal and for Block Kit alike.

    With `slack`, user ids become mentions; the caller escapes titles of documents.
    """
    def who(by: str | None) -> str:
        return _who(by) if slack else (by[4:] if by and by.startswith("cli:") else by or "someone")

    kinds = ", ".join(f"{n} {k}" for k, n in data["facts_by_kind"].items()) or "none"
    period = data["period"]
    held = [f"{data['documents']} documents, {data['facts']} facts ({kinds})"]
    covered = (f"Period covered: {period['first']} to {period['last']}" if period["first"]
               else "Period covered: no dated facts yet")
    if period.get("plans_to"):
        covered += f"; plans to {period['plans_to']}"
    held.append(covered)
    groups = [("What allybot holds", held)]

    load = data["last_load"]
    if load is None:
        groups.append(("Last load", ["No load recorded yet: run `allybot load`."]))
    else:
        out = [f"{load['at']} by {who(load['by'])}, {load['seconds']:.1f} s: loaded {load['loaded']}, "
               f"unchanged {load['unchanged']}, removed {load['removed']}, skipped {len(load['skipped'])}"]
        out += [f"skipped {s['file']}: {s['reason']}" for s in load["skipped"][:10]]
        if len(load["skipped"]) > 10:
            out.append(f"and {len(load['skipped']) - 10} more skipped")
        groups.append(("Last load", out))

    added = data["added_this_week"]["documents"]
    groups.append((f"Added this week (since {data['added_this_week']['since']})",
                   [f"{d['title'] or d['doc_id']} ({who(d['by'])})" for d in added[:15]]
                   + ([f"and {len(added) - 15} more"] if len(added) > 15 else [])
                   or ["No documents added this week."]))
    up = data["upcoming"]
    groups.append((f"Next {up['weeks']} weeks (to {up['until']})",
                   [f"{f['date_start']} · {f['title']} ({f['kind']})" for f in up["facts"]]
                   + (["and more: see /meetings, /exercises, /space"] if up["more"] else [])
                   or ["Nothing dated in the next weeks."]))
    return groups


def describe(data: dict[str, Any]) -> str:
    """Plain text for the shell and `allybot status`."""
    out = []
    for title, body in lines(data):
        out.append(f"{title}:")
        out.extend(f"  {line}" for line in body)
    return "\n".join(out)

