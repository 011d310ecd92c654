"""The weekly digest: what the documents date to one week, and delivering it exactly once.

A digest is built for any week on demand (`/digest`, `allybot digest`) and posted to the
team channel once a week by the scheduler. Building is pure (database in, `Result` out);
posting is where the care goes, because a digest posted twice is noise the team learns
to ignore, and a digest silently lost is a week nobody looks at.

Exactly once, and how far that goes
-----------------------------------
* Every post first claims its row in `digest_posts` (PK channel + week) inside a
  `BEGIN IMMEDIATE` transaction, so of any number of schedulers, CLI runs and button
  clicks - threads or processes sharing the database file - one posts and the others
  answer "already-posted" or "in-progress". A claim older than `LEASE` (a crashed
  poster) or a 'failed' row may be taken over.
* Every message carries Slack message metadata (event_type `allybot_digest`, with the
  channel, week and part number), and each part's `ts` is written to the row as soon as
  Slack confirms it, so a resumed post continues after the last confirmed part.
* The dangerous case is a post Slack accepted whose answer never arrived (timeout,
  connection reset, crash before the write). slack_sdk's own connection-error retry would
  resend blindly, so posting uses a copy of the client without it; instead, before any
  resend - in the same attempt or at the next start - the channel's recent history is
  searched for the metadata and a message found there is recorded, not posted again.
* The limit, said plainly: that history check needs the channel's ID (a name such as
  "#team" cannot be read back until one post has told us its ID, which is then kept in
  `meta`) and the `channels:history` / `groups:history` scope. When the check cannot be
  made the attempt stops as 'failed' rather than resend; the next attempt logs a warning
  and posts, so a digest is never lost, and duplicated at most once and only after a
  lost answer. Configure `digest.channel` as an ID to close that gap.
* A week is posted only once it has ended in the digest time zone ("too-early"
  otherwise): a partial week posted from a button would use up the week's one post.
  This also bounds the history search to messages since the week ended.
* Rate limits (429) are retried after Retry-After (Slack did not accept the message).
  Any other final failure marks the row 'failed' with the error; the scheduler retries it
  later and at its next start, within the grace period.
"""

from __future__ import annotations

import calendar
import json
import logging
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

import sqlite_utils

from bot.kb.model import Fact
from bot.kb.store import fact_from_row
from commands.results import Result

log = logging.getLogger(__name__)

METADATA_EVENT = "allybot_digest"
LEASE = timedelta(minutes=10)
MAX_BLOCKS = 50  # Slack's limit per message; nothing in slack_sdk enforces it
MAX_TEXT = 3000  # the notification text; Slack asks for under 4000
SEND_ATTEMPTS = 3  # per part, when an answer is lost and history shows no delivery

# Outcomes of post_digest.
POSTED = "posted"
ALREADY_POSTED = "already-posted"
IN_PROGRESS = "in-progress"
FAILED = "failed"
TOO_EARLY = "too-early"  # the week has not ended yet in the digest time zone

SECTIONS = (("meeting", "Meetings"), ("exercise", "Exercises"), ("space", "Space"))

# Serializes this process's writes to digest_posts; SQLite's lock does it across processes.
_CLAIM_LOCK = threading.RLock()


# -- weeks -------------------------------------------------------------------------------


def week_bounds(d: date) -> tuple[date, date]:
    """The Monday and Sunday of the week that contains `d`."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def last_complete_week(now: datetime, tz: tzinfo | None = None) -> date:
    """The Monday of the last Mon..Sun week that has fully ended at `now` in `tz`."""
    local = now.astimezone(tz) if tz is not None else now
    return week_bounds(local.date())[0] - timedelta(days=7)


def week_label(monday: date) -> str:
    sunday = monday + timedelta(days=6)
    if monday.year != sunday.year:
        return f"{_day(monday)} {monday:%b %Y} – {_day(sunday)} {sunday:%b %Y}"
    if monday.month != sunday.month:
        return f"{_day(monday)} {monday:%b} – {_day(sunday)} {sunday:%b %Y}"
    return f"{_day(monday)}–{_day(sunday)} {sunday:%b %Y}"


def _day(d: date) -> str:
    return str(d.day)


# -- when a fact falls in a week ---------------------------------------------------------

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _bounds(text: str | None) -> tuple[date, date, str] | None:
    """First and last day of an ISO date written at year, month or day precision."""
    m = _PARTIAL.match(text or "")
    if not m:
        return None
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day:
            d = date(year, int(month), int(day))
            return d, d, "day"
        if month:
            mo = int(month)
            return date(year, mo, 1), date(year, mo, calendar.monthrange(year, mo)[1]), "month"
        return date(year, 1, 1), date(year, 12, 31), "year"
    except ValueError:
        return None


@dataclass(frozen=True)
class _Dated:
    fact: Fact
    first: date  # first day of date_start at its precision
    last: date  # last day of date_end (or date_start)
    precision: str  # day | month | year
    anchor: date  # the day that places it in exactly one week

    def in_week(self, monday: date, sunday: date) -> bool:
        if self.precision == "day":
            return self.first <= sunday and self.last >= monday
        return monday <= self.anchor <= sunday


def _first_thursday_week(first: date) -> date:
    """The Monday of the first week whose Thursday lies on or after `first`."""
    thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    return thursday - timedelta(days=3)


def _dated(fact: Fact) -> _Dated | None:
    """Place a fact on the calendar, or None when it has no usable date.

    A day-precision fact belongs to every week its date range touches. A coarser fact
    ("in June", "in 2026") would otherwise touch four or fifty-two weeks and fill every
    digest with the same lines, so it belongs to exactly one week, chosen the way ISO 8601
    assigns weeks to years: the first week whose Thursday falls inside its month (or year).
    "Valiant Shield in June 2024" is thus news of the week of 3 June, and in the digest of
    27 May - the week that holds Saturday 1 June but is mostly May - it is "upcoming".
    """
    start = _bounds(fact.date_start)
    if start is None:
        return None
    end = _bounds(fact.date_end) or start
    first, _, inferred = start
    last = max(end[1], start[1])
    precision = fact.date_precision if fact.date_precision in ("day", "month", "year") else inferred
    if precision == "year":
        first = date(first.year, 1, 1)
        anchor = date.fromisocalendar(first.year, 1, 1)
    elif precision == "month":
        first = first.replace(day=1)
        anchor = _first_thursday_week(first)
    else:
        anchor = first
    return _Dated(fact, first, last, precision, anchor)


# -- building ----------------------------------------------------------------------------


def build_digest(
    db: sqlite_utils.Database,
    week_of: date,
    upcoming_weeks: int = 8,
    *,
    tz: tzinfo | None = None,
) -> Result:
    """The digest of the week containing `week_of`, as a Result with command "digest".

    `tz` decides which documents count as loaded during the week (default: the digest
    time zone in config). Facts are shown in `extra["sections"]` by kind; `items` holds
    the same facts in one list for front ends that do not know about sections.
    """
    monday, sunday = week_bounds(week_of)
    window_end = sunday + timedelta(days=7 * max(upcoming_weeks, 0))
    # Only facts that can touch the week or the window ahead (a month or year fact's week
    # lies within 3 days of its first day); a week's margin covers partial dates like
    # "2024-06", and _dated decides exactly. db.execute, not db.query: sqlite-utils wraps
    # queries in a savepoint, which other threads sharing the connection would trip over.
    low, high = (monday - timedelta(days=7)).isoformat(), (window_end + timedelta(days=7)).isoformat()
    cursor = db.execute(
        """select * from facts
           where date_start is not null and date_start <= ?
             and (coalesce(date_end, date_start) >= ? or date_start >= ?)
           order by date_start, title, id""",
        [high, low, low],
    )
    names = [c[0] for c in cursor.description]
    rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    dated = [d for d in (_dated(fact_from_row(r)) for r in rows) if d is not None]

    in_week = [d for d in dated if d.in_week(monday, sunday)]
    seen = {d.fact.id for d in in_week}
    upcoming = sorted(
        (d for d in dated if d.fact.id not in seen and sunday < d.anchor <= window_end),
        key=lambda d: (d.anchor, d.first, d.fact.title, d.fact.id),
    )

    sections = []
    known = {kind for kind, _ in SECTIONS}
    others = sorted({d.fact.kind for d in in_week} - known)
    for kind, title in (*SECTIONS, *((k, (k or "other").capitalize()) for k in others)):
        items = sorted(
            (d for d in in_week if d.fact.kind == kind),
            key=lambda d: (d.first, d.precision != "day", d.fact.title, d.fact.id),
        )
        if items:
            sections.append({"kind": kind, "title": title, "items": [d.fact for d in items]})

    new_documents = _documents_loaded(db, monday, sunday, tz)
    items = [f for s in sections for f in s["items"]]
    label = week_label(monday)
    message = None
    if not items:
        message = f"Quiet week: nothing in the loaded documents is dated {label}."
        if not upcoming:
            message += f" Nothing is planned in the {upcoming_weeks} weeks after it either."
        if new_documents:
            n = len(new_documents)
            message += f" {n} new document{'s' if n != 1 else ''} arrived."
    return Result(
        command="digest",
        query=monday.isoformat(),
        items=items,
        total=len(items),
        message=message,
        page_size=max(len(items), 1),
        extra={
            "week_start": monday.isoformat(),
            "week_end": sunday.isoformat(),
            "title": f"Weekly digest: {label}",
            "sections": sections,
            "upcoming": [d.fact for d in upcoming],
            "upcoming_weeks": upcoming_weeks,
            "new_documents": new_documents,
        },
    )


def _default_tz() -> tzinfo:
    from bot.config import get_config

    return get_config().digest.tz


def _documents_loaded(db, monday: date, sunday: date, tz: tzinfo | None) -> list[dict]:
    tz = tz or _default_tz()
    start = datetime.combine(monday, datetime.min.time(), tzinfo=tz)
    end = start + timedelta(days=7)
    found = []
    rows = db.execute("select id, title, loaded_at from documents where loaded_at is not null").fetchall()
    for doc_id, title, loaded_at in rows:
        row = {"id": doc_id, "title": title, "loaded_at": loaded_at}
        try:
            when = datetime.fromisoformat(row["loaded_at"])
        except (TypeError, ValueError):
            continue
        if when.tzinfo is None:  # written without an offset: take it as UTC
            when = when.replace(tzinfo=UTC)
        if start <= when < end:
            found.append((when, {"doc_id": row["id"], "title": row["title"], "loaded_at": row["loaded_at"]}))
    return [doc for _, doc in sorted(found, key=lambda x: (x[0], x[1]["doc_id"]))]


def digest_json(result: Result) -> dict[str, Any]:
    """The digest as `allybot digest --json` prints it (a stable machine interface)."""
    extra = result.extra
    return {
        "week_start": extra["week_start"],
        "week_end": extra["week_end"],
        "sections": [
            {"kind": s["kind"], "title": s["title"], "items": [f.to_json() for f in s["items"]]}
            for s in extra.get("sections", [])
        ],
        "upcoming": [f.to_json() for f in extra.get("upcoming", [])],
        "new_documents": [dict(d) for d in extra.get("new_documents", [])],
        "message": result.message,
    }


def summary_text(result: Result) -> str:
    """One line for notifications and screen readers (Slack's top-level `text`)."""
    extra = result.extra
    title = extra.get("title") or f"Weekly digest {extra.get('week_start')}"
    counts = [f"{len(s['items'])} {s['title'].lower()}" for s in extra.get("sections", [])]
    line = f"{title}: {', '.join(counts) if counts else 'a quiet week'}"
    if extra.get("upcoming"):
        line += f"; {len(extra['upcoming'])} coming up"
    return line


# -- posting -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PostRecord:
    """A row of digest_posts. `ts` holds the ts of every part delivered, comma-separated."""

    channel: str
    week_start: str
    status: str
    ts: str | None
    attempts: int
    claimed_at: str | None
    posted_at: str | None
    error: str | None

    @property
    def parts(self) -> list[str]:
        return [t for t in (self.ts or "").split(",") if t]


def get_post(db: sqlite_utils.Database, channel: str, week_start: date | str) -> PostRecord | None:
    """The delivery record of a week's digest in a channel, or None if never attempted."""
    return _read_post(db.conn, channel, str(week_start))


def _read_post(conn: sqlite3.Connection, channel: str, week: str) -> PostRecord | None:
    row = conn.execute(
        "select channel, week_start, status, ts, attempts, claimed_at, posted_at, error "
        "from digest_posts where channel = ? and week_start = ?",
        [channel, week],
    ).fetchone()
    return PostRecord(*row) if row else None


def _now(now: datetime | None) -> datetime:
    now = now or datetime.now(UTC)
    return now if now.tzinfo else now.replace(tzinfo=UTC)


def _db_file(db: sqlite_utils.Database) -> str:
    row = db.conn.execute("pragma database_list").fetchone()
    return row[2] if row else ""


@contextmanager
def _transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """A write transaction on the digest's own connection to the database file.

    The bot shares one connection among threads, and sqlite-utils wraps every query in a
    savepoint, so a transaction opened on it could swallow another thread's statements or
    collide with them; a private connection leaves all the serializing to SQLite's lock.
    BEGIN IMMEDIATE takes the write lock before the row is read, so two claimers cannot
    both see it free.
    """
    path = _db_file(db)
    with _CLAIM_LOCK:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None) if path else db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            if path:
                conn.close()


def _claim(db, channel: str, week: str, now: datetime, lease: timedelta) -> tuple[str, PostRecord | None]:
    """Take the (channel, week) row for this poster; says why not when someone else has it.

    Returns ("claimed", previous row or None), or (ALREADY_POSTED | IN_PROGRESS, row).
    """
    with _transaction(db) as conn:
        previous = _read_post(conn, channel, week)
        if previous is not None:
            if previous.status == "posted":
                return ALREADY_POSTED, previous
            if previous.status == "claimed" and previous.claimed_at:
                try:
                    age = now - datetime.fromisoformat(previous.claimed_at)
                except (TypeError, ValueError):  # unreadable: treat the claim as lapsed
                    age = lease
                if age < lease:
                    return IN_PROGRESS, previous
        conn.execute(
            """insert into digest_posts
                   (channel, week_start, status, ts, attempts, claimed_at, posted_at, error)
               values (?, ?, 'claimed', null, 1, ?, null, null)
               on conflict (channel, week_start) do update set
                   status = 'claimed', attempts = coalesce(attempts, 0) + 1,
                   claimed_at = excluded.claimed_at, error = null""",
            [channel, week, now.isoformat()],
        )
    return "claimed", previous


def _update(db, channel: str, week: str, **values) -> None:
    sets = ", ".join(f"{k} = ?" for k in values)
    with _transaction(db) as conn:
        conn.execute(
            f"update digest_posts set {sets} where channel = ? and week_start = ?",
            [*values.values(), channel, week],
        )


def _chunks(blocks: list[dict], size: int = MAX_BLOCKS) -> list[list[dict]]:
    """Split blocks into messages of at most `size`, preferring to cut before a header."""
    parts: list[list[dict]] = []
    current: list[dict] = []
    for block in blocks:
        if len(current) >= size:
            cut = max((i for i, b in enumerate(current) if b.get("type") == "header" and i > 0), default=0)
            if cut and cut >= size // 2:
                parts.append(current[:cut])
                current = current[cut:]
            else:
                parts.append(current)
                current = []
        current.append(block)
    if current or not parts:
        parts.append(current)
    return parts


def _default_render(result: Result) -> dict:
    from bot.slack.blocks import to_blocks

    # No 50-block cut: post_digest splits a long digest into several messages instead.
    return to_blocks(result, interactive=False, max_blocks=None)


def _as_dicts(rendered: dict | Iterable[Any]) -> list[dict]:
    """Blocks from a renderer's answer: a message dict {"blocks": [...]} or a list of blocks."""
    blocks = rendered.get("blocks") or [] if isinstance(rendered, dict) else rendered
    return [b.to_dict() if hasattr(b, "to_dict") else dict(b) for b in blocks]


def _posting_client(client):
    """The caller's client without blind resends of a message whose answer was lost.

    slack_sdk's ConnectionErrorRetryHandler resends after a reset connection, which may
    follow a delivered message; post_digest checks the channel history before resending
    instead. 429s are always safe to retry: a rate-limited message was not accepted.
    """
    try:
        from slack_sdk import WebClient
        from slack_sdk.http_retry.builtin_handlers import (
            ConnectionErrorRetryHandler,
            RateLimitErrorRetryHandler,
        )
    except ImportError:  # pragma: no cover - slack_sdk is a dependency
        return client
    if type(client) is not WebClient:
        return client
    handlers = [h for h in client.retry_handlers if not isinstance(h, ConnectionErrorRetryHandler)]
    if not any(isinstance(h, RateLimitErrorRetryHandler) for h in handlers):
        handlers.append(RateLimitErrorRetryHandler(max_retry_count=3))
    copy = WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        ssl=client.ssl,
        proxy=client.proxy,
        headers=dict(client.headers),
        logger=client.logger,
        retry_handlers=handlers,
    )
    copy.default_params = dict(client.default_params)
    return copy


_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")


def _channel_key(channel: str) -> str:
    return f"slack_channel_id:{channel}"


def _channel_id(db, channel: str) -> str | None:
    if _CHANNEL_ID.match(channel):
        return channel
    row = db.execute("select value from meta where key = ?", [_channel_key(channel)]).fetchone()
    return row[0] if row else None


def _remember_channel_id(db, channel: str, channel_id: str | None) -> None:
    if channel_id and channel_id != channel and not _CHANNEL_ID.match(channel):
        with _transaction(db) as conn:
            conn.execute(
                "insert or replace into meta (key, value) values (?, ?)",
                [_channel_key(channel), channel_id],
            )


class _CannotVerify(Exception):
    """The channel history could not be read, so an earlier delivery cannot be ruled out."""


HISTORY_PAGES = 10  # of 200 messages, searched for an earlier delivery


def _delivered_parts(client, db, channel: str, week: str) -> dict[int, str]:
    """Parts of this digest already in the channel, found by their metadata: {part: ts}.

    A week's digest is never posted before the week ends (TOO_EARLY), so only messages
    since then are searched; a day's margin covers every time zone.
    """
    from slack_sdk.errors import SlackApiError

    channel_id = _channel_id(db, channel)
    if channel_id is None:
        raise _CannotVerify(f"channel {channel!r} is a name whose ID is not known yet")
    found: dict[int, str] = {}
    cursor = None
    week_over = datetime.combine(date.fromisoformat(week) + timedelta(days=7), datetime.min.time(), tzinfo=UTC)
    oldest = f"{(week_over - timedelta(days=1)).timestamp():.6f}"
    try:
        for _ in range(HISTORY_PAGES):
            response = client.conversations_history(
                channel=channel_id, oldest=oldest, limit=200, include_all_metadata=True, cursor=cursor
            )
            for message in response.get("messages") or []:
                meta = message.get("metadata") or {}
                payload = meta.get("event_payload") or {}
                if (
                    meta.get("event_type") == METADATA_EVENT
                    and payload.get("week_start") == week
                    and payload.get("channel") == channel
                ):
                    found.setdefault(int(payload.get("part", 1)), message.get("ts"))
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        else:
            raise _CannotVerify(f"more than {HISTORY_PAGES * 200} messages since the week ended")
    except SlackApiError as exc:
        raise _CannotVerify(f"conversations.history failed: {exc.response.get('error')}") from exc
    except OSError as exc:
        raise _CannotVerify(f"conversations.history failed: {exc}") from exc
    return found


def _error_text(exc: BaseException) -> str:
    response = getattr(exc, "response", None)
    if response is not None:
        try:
            return f"slack: {response.get('error')} (HTTP {response.status_code})"
        except Exception:  # noqa: BLE001 - a best-effort description only
            pass
    return f"{type(exc).__name__}: {exc}"


def post_digest(
    db: sqlite_utils.Database,
    client,
    channel: str,
    week_start: date,
    *,
    now: datetime | None = None,
    render: Callable[[Result], dict | list] | None = None,
    upcoming_weeks: int | None = None,
    tz: tzinfo | None = None,
    lease: timedelta = LEASE,
) -> str:
    """Post the digest of `week_start`'s week to `channel`, at most once; returns the outcome.

    Outcomes: "posted" (this call delivered it), "already-posted" (delivered before, by
    any process - including a delivery found in the channel history after a lost answer),
    "in-progress" (another poster holds a fresh claim), "failed" (recorded with the error;
    the next attempt resumes it), "too-early" (the week has not ended in `tz`: posting a
    partial week would use up the week's one post before the scheduled, complete one). `render(result)` gives the message, {"blocks": [...]} or a
    list of blocks (default: bot.render.to_blocks without buttons or the 50-block cut).
    Never raises for Slack errors.
    """
    from slack_sdk.errors import SlackApiError

    now = _now(now)
    monday = week_bounds(week_start)[0]
    week = monday.isoformat()
    if upcoming_weeks is None or tz is None:
        from bot.config import get_config

        cfg = get_config().digest
        upcoming_weeks = cfg.upcoming_weeks if upcoming_weeks is None else upcoming_weeks
        tz = tz or cfg.tz
    if now < datetime.combine(monday + timedelta(days=7), datetime.min.time(), tzinfo=tz):
        log.info("digest %s for %s: the week has not ended yet, not posting", week, channel)
        return TOO_EARLY
    state, previous = _claim(db, channel, week, now, lease)
    if state != "claimed":
        log.info("digest %s for %s: %s", week, channel, state)
        return state

    try:
        result = build_digest(db, monday, upcoming_weeks, tz=tz)
        blocks = _as_dicts((render or _default_render)(result))
    except Exception as exc:  # a bug in building or rendering must not leave a stuck claim
        log.exception("digest %s for %s could not be built", week, channel)
        _update(db, channel, week, status="failed", error=f"build: {_error_text(exc)}")
        return FAILED
    parts = _chunks(blocks)
    text = summary_text(result)[:MAX_TEXT]
    poster = _posting_client(client)

    delivered = previous.parts if previous else []
    if previous is not None:
        # A claim that lapsed or failed may have reached Slack without our hearing back.
        try:
            known = dict(enumerate(delivered, start=1))
            known.update(_delivered_parts(poster, db, channel, week))
            delivered = []
            while known.get(len(delivered) + 1):
                delivered.append(known[len(delivered) + 1])
        except _CannotVerify as why:
            log.warning(
                "digest %s for %s: cannot check for an earlier delivery (%s); posting again may "
                "duplicate it. Set digest.channel to a channel ID and grant channels:history.",
                week, channel, why,
            )
    if len(delivered) >= len(parts):
        _update(db, channel, week, status="posted", ts=",".join(delivered[: len(parts)]),
                posted_at=now.isoformat(), error=None)
        log.info("digest %s for %s: found already delivered, recorded", week, channel)
        return ALREADY_POSTED

    for index in range(len(delivered), len(parts)):
        metadata = {
            "event_type": METADATA_EVENT,
            "event_payload": {"channel": channel, "week_start": week, "part": index + 1, "parts": len(parts)},
        }
        part_text = text if index == 0 else f"{text} (part {index + 1} of {len(parts)})"
        ts = None
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                response = poster.chat_postMessage(
                    channel=channel, text=part_text, blocks=parts[index], metadata=metadata,
                    unfurl_links=False, unfurl_media=False,
                )
                ts = response.get("ts")
                _remember_channel_id(db, channel, response.get("channel"))
                break
            except SlackApiError as exc:
                error = _error_text(exc)
                log.error("digest %s for %s: Slack refused part %d: %s", week, channel, index + 1, error)
                _update(db, channel, week, status="failed", error=error)
                return FAILED
            except OSError as exc:  # the answer was lost: did the message arrive?
                error = _error_text(exc)
                log.warning("digest %s for %s: no answer for part %d (%s)", week, channel, index + 1, error)
                try:
                    ts = _delivered_parts(poster, db, channel, week).get(index + 1)
                except _CannotVerify as why:
                    log.warning("digest %s for %s: cannot check delivery: %s", week, channel, why)
                    _update(db, channel, week, status="failed", error=f"{error}; {why}")
                    return FAILED
                if ts:
                    break
                if attempt == SEND_ATTEMPTS:
                    _update(db, channel, week, status="failed", error=error)
                    return FAILED
        delivered.append(ts or "")
        _update(db, channel, week, ts=",".join(delivered))

    _update(db, channel, week, status="posted", posted_at=_now(None).isoformat(), error=None)
    log.info("digest %s posted to %s in %d message(s)", week, channel, len(parts))
    return POSTED


# -- the CLI -----------------------------------------------------------------------------


def cli_digest(args, db: sqlite_utils.Database) -> int:
    """`allybot digest [--week W] [--json] [--post [--channel C]]`; returns the exit code."""
    from bot.config import get_config
    from commands.digest import resolve_week
    from commands.errors import CommandError

    cfg = get_config().digest
    # A UsageError or CommandError is answered by the CLI (in JSON with --json).
    monday = resolve_week(args.week or "", now=datetime.now(cfg.tz))

    if not args.post:
        result = build_digest(db, monday, cfg.upcoming_weeks, tz=cfg.tz)
        if args.json:
            json.dump(digest_json(result), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            from bot.slack.blocks import to_text

            print(to_text(result))
        return 0

    token = (os.environ.get("SLACK_BOT_TOKEN") or "").strip()
    if not token:
        raise CommandError("SLACK_BOT_TOKEN is not set.",
                           hint="Export the Bot User OAuth Token (xoxb-...) to post the digest.")
    from slack_sdk import WebClient
    from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

    base_url = (os.environ.get("SLACK_API_BASE_URL") or "").strip() or "https://slack.com/api/"
    client = WebClient(
        token=token,
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=3)],
    )
    channel = args.channel or cfg.channel
    outcome = post_digest(db, client, channel, monday, upcoming_weeks=cfg.upcoming_weeks, tz=cfg.tz)
    record = get_post(db, channel, monday.isoformat())
    if args.json:
        json.dump(
            {"outcome": outcome, "channel": channel, "week_start": monday.isoformat(),
             "ts": record.parts if record else [], "error": record.error if record else None},
            sys.stdout, indent=2,
        )
        sys.stdout.write("\n")
    else:
        line = f"{outcome}: digest of {week_label(monday)} in {channel}"
        if outcome == FAILED and record and record.error:
            line += f" ({record.error}); run the same command again to retry"
        print(line)
    if outcome == TOO_EARLY:
        print(f"allybot: the week of {monday} has not ended yet; a week's digest is posted once, "
              "when it is complete", file=sys.stderr)
    return 0 if outcome in (POSTED, ALREADY_POSTED) else 1
