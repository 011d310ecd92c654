"""Posting the weekly digest to Slack exactly once: a channel message and its thread.

A posted digest is one channel message (part 1: headlines, counts, trend, coming up) and,
unless the week was quiet, its details as replies in that message's thread (parts 2..n:
every item with its quote and a Show source button), so the channel stays readable. The
guarantee below covers every part: a retry posts neither a second message nor a second
thread.

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
  searched for the metadata (the message), and the message's thread with
  conversations.replies (the replies, which the history does not list); a part found
  there is recorded, not posted again.
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

import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlite_utils
from slack_sdk.errors import SlackApiError

from bot.config import DigestChannel, DigestConfig
from bot.digest.build import build_digest, summary_text
from bot.kb.db import private_connection
from bot.kb.model import Period
from bot.slack.blocks import MAX_BLOCKS, MAX_TEXT, digest_message_blocks, digest_thread_blocks
from bot.slack.client import without_blind_resends
from commands.results import DigestResult

log = logging.getLogger(__name__)

METADATA_EVENT = "allybot_digest"
LEASE = timedelta(minutes=10)
SEND_ATTEMPTS = 3  # per part, when an answer is lost and history shows no delivery

# Outcomes of post_digest.
POSTED = "posted"
ALREADY_POSTED = "already-posted"
IN_PROGRESS = "in-progress"
FAILED = "failed"
TOO_EARLY = "too-early"  # the week has not ended yet in the digest time zone

# Serializes this process's writes to digest_posts; SQLite's lock does it across processes.
_CLAIM_LOCK = threading.RLock()





@dataclass(frozen=True)
class PostRecord:
    """A row of digest_posts. `ts` holds the ts of every part delivered, comma-separated:
    the channel message first, then each reply in its thread."""

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

    @property
    def message_ts(self) -> str | None:
        """The channel message (part 1)."""
        return self.parts[0] if self.parts else None

    @property
    def thread_ts(self) -> list[str]:
        """The replies in its thread (parts 2..n): the details of the digest."""
        return self.parts[1:]


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


@contextmanager
def _transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """A write transaction on the digest's own connection to the database file.

    The bot shares one connection among threads, and sqlite-utils wraps every query in a
    savepoint, so a transaction opened on it could swallow another thread's statements or
    collide with them; a private connection leaves all the serializing to SQLite's lock.
    BEGIN IMMEDIATE takes the write lock before the row is read, so two claimers cannot
    both see it free.
    """
    with _CLAIM_LOCK:
        private = private_connection(db, autocommit=True, timeout=30)
        conn = private or db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            if private is not None:
                private.close()


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


def _default_render(result: DigestResult) -> tuple[dict, dict | None]:
    # The thread has no 50-block cut: post_digest splits it into several replies instead.
    return digest_message_blocks(result), digest_thread_blocks(result)


def _as_dicts(rendered: dict | Iterable[Any] | None) -> list[dict]:
    """Blocks from a renderer's answer: a message dict {"blocks": [...]} or a list of blocks."""
    if rendered is None:
        return []
    blocks = rendered.get("blocks") or [] if isinstance(rendered, dict) else rendered
    return [b.to_dict() if hasattr(b, "to_dict") else dict(b) for b in blocks]


def _message_and_thread(rendered) -> tuple[list[dict], list[dict]]:
    """A renderer answers (message, thread) or, with no thread, the message alone."""
    if isinstance(rendered, tuple):
        message, thread = rendered
        return _as_dicts(message), _as_dicts(thread)
    return _as_dicts(rendered), []


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
    week_over = datetime.combine(date.fromisoformat(week) + timedelta(days=7), datetime.min.time(), tzinfo=UTC)
    oldest = f"{(week_over - timedelta(days=1)).timestamp():.6f}"
    found: dict[int, str] = {}
    for message, payload in _read_pages(client.conversations_history, "conversations.history",
                                        "messages since the week ended",
                                        channel=_known_channel_id(db, channel), oldest=oldest):
        if payload.get("week_start") == week and payload.get("channel") == channel:
            found.setdefault(int(payload.get("part", 1)), message.get("ts"))
    return found


def _delivered_replies(client, db, channel: str, week: str, parent_ts: str) -> dict[int, str]:
    """Replies of this digest already in the thread under `parent_ts`: {part: ts}.

    The thread part of the exactly-once guarantee: replies do not appear in the channel
    history, so a retry reads the thread itself (conversations.replies) before resending.
    """
    found: dict[int, str] = {}
    for message, payload in _read_pages(client.conversations_replies, "conversations.replies",
                                        "replies in the digest's thread",
                                        channel=_known_channel_id(db, channel), ts=parent_ts):
        if message.get("ts") == parent_ts:
            continue
        if payload.get("week_start") == week and payload.get("channel") == channel:
            found.setdefault(int(payload.get("part", 0)), message.get("ts"))
    return found


def _known_channel_id(db, channel: str) -> str:
    channel_id = _channel_id(db, channel)
    if channel_id is None:
        raise _CannotVerify(f"channel {channel!r} is a name whose ID is not known yet")
    return channel_id


def _read_pages(call, method: str, what: str, **params):
    """(message, digest payload) for every message of a paged conversations.* call.

    An earlier delivery can be ruled out only by reading everything: a failed call, or more
    than HISTORY_PAGES pages of `what`, is _CannotVerify.
    """
    cursor = None
    try:
        for _ in range(HISTORY_PAGES):
            response = call(limit=200, include_all_metadata=True, cursor=cursor, **params)
            for message in response.get("messages") or []:
                yield message, _digest_payload(message)
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return
    except SlackApiError as exc:
        raise _CannotVerify(f"{method} failed: {exc.response.get('error')}") from exc
    except OSError as exc:
        raise _CannotVerify(f"{method} failed: {exc}") from exc
    raise _CannotVerify(f"more than {HISTORY_PAGES * 200} {what}")


def _digest_payload(message: dict) -> dict:
    meta = message.get("metadata") or {}
    return (meta.get("event_payload") or {}) if meta.get("event_type") == METADATA_EVENT else {}


def _delivered(client, db, channel: str, week: str, recorded: list[str], parts: int) -> list[str]:
    """The parts delivered so far, in order: what the row recorded, plus what Slack shows
    (the channel message in the history, the replies in its thread)."""
    known = dict(enumerate(recorded, start=1))
    for part, ts in _delivered_parts(client, db, channel, week).items():
        known.setdefault(part, ts)
    if known.get(1) and parts > 1:
        for part, ts in _delivered_replies(client, db, channel, week, known[1]).items():
            known.setdefault(part, ts)
    out: list[str] = []
    while known.get(len(out) + 1):
        out.append(known[len(out) + 1])
    return out


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
    channel: str | DigestChannel,
    week_start: date,
    *,
    config: DigestConfig,
    now: datetime | None = None,
    render: Callable[[DigestResult], Any] | None = None,
    lease: timedelta = LEASE,
    gazetteer=None,
) -> str:
    """Post the digest of `week_start`'s week to `channel`, at most once; returns the outcome.

    `channel` is a channel name or ID (the whole digest) or a configured DigestChannel
    (its kinds and query). Outcomes: "posted" (this call delivered it), "already-posted"
    (delivered before, by any process - including a delivery found in the channel history
    or the thread after a lost answer), "in-progress" (another poster holds a fresh
    claim), "failed" (recorded with the error; the next attempt resumes it), "too-early"
    (the week has not ended in the digest time zone: posting a partial week would use up
    the week's one post before the scheduled, complete one). `render(result)` gives
    (message, thread) - each {"blocks": [...]} or a list of blocks, thread None for none -
    or the message alone (default: bot.slack.blocks.digest_message_blocks and
    digest_thread_blocks). `config` gives the time zone and how many weeks ahead count as
    coming up. Never raises for Slack errors.
    """
    scope = channel if isinstance(channel, DigestChannel) else DigestChannel(channel)
    channel = scope.channel
    now = _now(now)
    monday = Period.week(week_start).start
    week = monday.isoformat()
    tz = config.tz
    if now < datetime.combine(monday + timedelta(days=7), datetime.min.time(), tzinfo=tz):
        log.info("digest %s for %s: the week has not ended yet, not posting", week, channel)
        return TOO_EARLY
    state, previous = _claim(db, channel, week, now, lease)
    if state != "claimed":
        log.info("digest %s for %s: %s", week, channel, state)
        return state

    try:
        digest = build_digest(db, monday, config.upcoming_weeks, tz=tz, channel=scope, gazetteer=gazetteer)
        result = DigestResult.of(digest)
        message, thread = _message_and_thread((render or _default_render)(result))
    except Exception as exc:  # a bug in building or rendering must not leave a stuck claim
        log.exception("digest %s for %s could not be built", week, channel)
        _update(db, channel, week, status="failed", error=f"build: {_error_text(exc)}")
        return FAILED
    parts = [message[:MAX_BLOCKS]] + (_chunks(thread) if thread else [])
    text = summary_text(digest)[:MAX_TEXT]
    poster = without_blind_resends(client)

    delivered = previous.parts if previous else []
    if previous is not None:
        # A claim that lapsed or failed may have reached Slack without our hearing back.
        try:
            delivered = _delivered(poster, db, channel, week, delivered, len(parts))
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
        part = index + 1
        metadata = {
            "event_type": METADATA_EVENT,
            "event_payload": {"channel": channel, "week_start": week, "part": part, "parts": len(parts)},
        }
        if index == 0:
            where = {"channel": channel}
            part_text = text
        else:  # a reply in the thread of the channel message
            where = {"channel": _channel_id(db, channel) or channel, "thread_ts": delivered[0]}
            part_text = f"Details: {text}" + (f" (part {index} of {len(parts) - 1})" if len(parts) > 2 else "")
        ts = None
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                response = poster.chat_postMessage(
                    **where, text=part_text, blocks=parts[index], metadata=metadata,
                    unfurl_links=False, unfurl_media=False,
                )
                ts = response.get("ts")
                _remember_channel_id(db, channel, response.get("channel"))
                break
            except SlackApiError as exc:
                error = _error_text(exc)
                log.error("digest %s for %s: Slack refused part %d: %s", week, channel, part, error)
                _update(db, channel, week, status="failed", error=error)
                return FAILED
            except OSError as exc:  # the answer was lost: did the message arrive?
                error = _error_text(exc)
                log.warning("digest %s for %s: no answer for part %d (%s)", week, channel, part, error)
                try:
                    if index == 0:
                        ts = _delivered_parts(poster, db, channel, week).get(part)
                    else:
                        ts = _delivered_replies(poster, db, channel, week, delivered[0]).get(part)
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
    log.info("digest %s posted to %s: message and %d thread repl%s", week, channel, len(parts) - 1,
             "y" if len(parts) == 2 else "ies")
    return POSTED
