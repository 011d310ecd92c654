"""Telling followers what is new: one direct message per follower after a load.

Whatever loads documents can call `notify_followers` afterwards: `allybot load` does when
SLACK_BOT_TOKEN is set, `allybot notify` does it by hand, and `allybot serve` runs a
`FollowWatcher` that notices a load (the loader's generation in the `meta` table) from any
process, including an `allybot load` run in a shell, within `POLL_SECONDS`. Running it twice
is harmless: each (follow, fact version) is claimed in SQLite before the DM is posted, and
given back if Slack refuses it, so the next run tries again.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError

from bot.context import Context
from bot.kb import follows
from bot.slack import blocks as render
from bot.slack.client import without_blind_resends
from commands.followups import keep_claimed, pending

log = logging.getLogger(__name__)

POLL_SECONDS = 30.0
_run_lock = threading.Lock()  # one notifier at a time in a process; SQLite claims across processes


@dataclass
class Sent:
    user: str
    facts: int
    outcome: str  # "sent" | "failed"
    channel: str | None = None
    ts: str | None = None
    error: str | None = None

    def to_json(self) -> dict:
        return dict(self.__dict__)


def notify_followers(ctx: Context, client) -> list[Sent]:
    """DM every follower their news since the last message; what was sent, per user."""
    client = without_blind_resends(client)  # a resent DM after a lost answer would be a duplicate
    out: list[Sent] = []
    with _run_lock:
        for notice in pending(ctx):
            won = follows.claim(ctx.db, notice.claims)
            notice = keep_claimed(notice, won)
            if not notice.news:
                continue
            payload = render.notice_blocks(notice)
            try:
                opened = client.conversations_open(users=notice.user)
                channel = opened["channel"]["id"]
                reply = client.chat_postMessage(channel=channel, **payload)
            except Exception as exc:  # SlackApiError or a network failure: retried next run
                follows.give_back(ctx.db, won)
                error = exc.response.get("error") if isinstance(exc, SlackApiError) else type(exc).__name__
                log.warning("follow DM to %s failed (%s); will retry after the next load", notice.user, error)
                out.append(Sent(notice.user, notice.count, "failed", error=str(error)))
                continue
            out.append(Sent(notice.user, notice.count, "sent", channel, reply.get("ts")))
    return out


def generation(ctx: Context) -> object:
    """Changes with every load that changed something (see bot.kb.loader)."""
    row = ctx.db.execute("select value from meta where key = 'generation'").fetchone()
    return row[0] if row else None


class FollowWatcher:
    """In the serving process: notify followers when the knowledge base was reloaded."""

    def __init__(self, ctx: Context, client, every: float = POLL_SECONDS):
        self.ctx, self.client, self.every = ctx, client, every
        self._stop = threading.Event()
        self._seen: object = object()  # nothing seen yet: the first check runs (catches up)
        self._thread = threading.Thread(target=self._loop, name="follow-watcher", daemon=True)

    def start(self) -> FollowWatcher:
        self._thread.start()
        return self

    def check(self) -> list[Sent]:
        now = generation(self.ctx)
        if now == self._seen:
            return []
        sent = notify_followers(self.ctx, self.client)
        if not any(s.outcome == "failed" for s in sent):
            self._seen = now  # else try again at the next tick
        return sent

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.check()
            except Exception:
                log.exception("notifying followers failed")
            self._stop.wait(self.every)

    def shutdown(self) -> None:
        self._stop.set()
