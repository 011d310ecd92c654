"""Posting the weekly digest on time, once, and after an outage.

Run the scheduler in exactly ONE process: `allybot serve` starts it unless given
`--no-scheduler`, so with several web workers start it in one of them (or in a separate
clock process) and pass `--no-scheduler` to the rest. A second scheduler would not post
twice - every post claims its (channel, week) row in SQLite first (see bot.digest.outbox) - but
it would race for nothing and log "in-progress".

What a run posts: in every channel of `digest.channel` and `digest.channels`, each
channel's own digest of the last complete Monday-Sunday week before the most recent due time
(weekday + time in `digest.timezone`), so a Monday 09:00 run posts the week that ended
the evening before. A bot that was down at the due time posts that digest when it starts
again, if it starts within `grace_hours`; later than that the week is stale and skipped
(post it by hand with `allybot digest --week ... --post`). A failed post is retried every
`RETRY_EVERY` while inside the grace period, and at the next start.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from datetime import date, datetime, time, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger

from bot.config import WEEKDAYS, DigestConfig
from bot.context import Context
from bot.digest.build import last_complete_week
from bot.digest.outbox import ALREADY_POSTED, FAILED, IN_PROGRESS, POSTED, post_digest

log = logging.getLogger(__name__)

RETRY_EVERY = timedelta(minutes=15)


def combined(outcomes: list[str]) -> str:
    """One outcome for a run over several channels: the one that needs attention first."""
    for outcome in (FAILED, IN_PROGRESS, POSTED, ALREADY_POSTED):
        if outcome in outcomes:
            return outcome
    return outcomes[0] if outcomes else ALREADY_POSTED
TOO_LATE = "too-late"
JOB_ID = "weekly-digest"
RETRY_JOB_ID = "weekly-digest-retry"


FIRST_START_KEY = "digest_first_start"
BEFORE_FIRST_START = "before-first-start"


class DigestScheduler:
    """The weekly job plus start-up catch-up; `clock()` returns an aware datetime."""

    def __init__(self, ctx: Context, client, *, render=None):
        self.config: DigestConfig = ctx.config.digest
        self.db = ctx.db
        self.client = client
        self.clock = ctx.clock
        self.render = render
        self.tz = self.config.tz
        self.scheduler = BackgroundScheduler(timezone=self.tz)
        self.caught_up: Future[str] = Future()  # the start-up catch-up's outcome
        self._lock = threading.Lock()  # one run at a time within this process
        self.outcomes: dict[str, str] = {}  # channel -> outcome of the last run

    # -- when ------------------------------------------------------------------------
    def due_time(self, now: datetime) -> datetime:
        """The most recent scheduled time at or before `now`."""
        local = now.astimezone(self.tz)
        back = (local.weekday() - WEEKDAYS.index(self.config.weekday)) % 7
        day = local.date() - timedelta(days=back)
        due = self._at(day)
        if due > local:
            due = self._at(day - timedelta(days=7))
        return due

    def _at(self, day: date) -> datetime:
        return datetime.combine(day, time(self.config.hour, self.config.minute), tzinfo=self.tz)

    def week_for(self, due: datetime) -> date:
        """The week a run at `due` posts: the last complete one before it."""
        return last_complete_week(due, self.tz)

    # -- what ------------------------------------------------------------------------
    def run_due(self, now: datetime | None = None) -> str:
        """Post the digests of the most recent due time, if still within the grace period.

        Safe to call any number of times, from any process: each channel's digest is posted
        at most once. Returns "too-late", or the outcome of bot.digest.outbox.post_digest
        summed over the channels (see `combined`); `self.outcomes` keeps each channel's.
        """
        now = now or self.clock()
        due = self.due_time(now)
        week = self.week_for(due)
        if now - due > timedelta(hours=self.config.grace_hours):
            log.info("digest of week %s was due %s; past the %.0f h grace period, not posting",
                     week, due.isoformat(), self.config.grace_hours)
            return TOO_LATE
        outcomes: dict[str, str] = {}
        with self._lock:
            for channel in self.config.channels:  # one failing channel does not hold up the rest
                try:
                    outcomes[channel.channel] = post_digest(
                        self.db, self.client, channel, week, config=self.config, now=now, render=self.render,
                    )
                except Exception:  # never let a bug kill the scheduler thread silently
                    log.exception("digest of week %s for %s: unexpected error", week, channel.channel)
                    outcomes[channel.channel] = FAILED
                log.info("digest of week %s for %s: %s", week, channel.channel, outcomes[channel.channel])
            self.outcomes = outcomes
        outcome = combined(list(outcomes.values()))
        if outcome == FAILED:
            self._schedule_retry(now, due)
        return outcome

    def catch_up(self, now: datetime | None = None) -> str:
        """On start-up: post a digest missed while the bot was down (within the grace period).

        The same as run_due; a digest already posted is not posted again. A digest that
        was due before the bot's first start was not missed (the bot did not exist yet: a
        new install posted a "Quiet week" for a week before it), so it is not posted.
        """
        now = now or self.clock()
        first = self.first_start(now)
        due = self.due_time(now)
        if due < first:
            log.info("digest of week %s was due %s, before allybot first started (%s): not posting",
                     self.week_for(due), due.isoformat(), first.isoformat())
            return BEFORE_FIRST_START
        return self.run_due(now)

    def first_start(self, now: datetime) -> datetime:
        """When the scheduler first started on this database (recorded the first time)."""
        with self._lock:
            row = self.db.execute("select value from meta where key = ?", [FIRST_START_KEY]).fetchone()
            if row:
                return datetime.fromisoformat(row[0])
            with self.db.conn:
                self.db.execute("insert or ignore into meta (key, value) values (?, ?)",
                                [FIRST_START_KEY, now.isoformat()])
            return now

    def _schedule_retry(self, now: datetime, due: datetime) -> None:
        if now + RETRY_EVERY - due > timedelta(hours=self.config.grace_hours) or not self.scheduler.running:
            return
        # APScheduler keeps real time; `now` may come from an injected clock.
        at = datetime.now(self.tz) + RETRY_EVERY
        self.scheduler.add_job(self.run_due, DateTrigger(at), id=RETRY_JOB_ID, replace_existing=True)
        log.info("digest: will retry at %s", at.isoformat())

    def retry_pending(self) -> bool:
        return self.scheduler.get_job(RETRY_JOB_ID) is not None

    # -- lifecycle -------------------------------------------------------------------
    def start(self, *, catch_up: bool = True) -> DigestScheduler:
        cfg = self.config
        trigger = CronTrigger(day_of_week=cfg.weekday, hour=cfg.hour, minute=cfg.minute, timezone=self.tz)
        self.scheduler.add_job(
            self.run_due,
            trigger,
            id=JOB_ID,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=max(int(cfg.grace_hours * 3600), 1),
        )
        self.scheduler.start()
        if catch_up:
            # In its own thread so a slow Slack does not hold up the bot's start-up.
            threading.Thread(target=self._catch_up_into_future, name="digest-catch-up", daemon=True).start()
        else:
            self.caught_up.set_result("skipped")
        log.info("digest scheduler: %s %s %s -> %s", cfg.weekday, cfg.time, cfg.timezone,
                 ", ".join(c.channel for c in cfg.channels))
        return self

    def _catch_up_into_future(self) -> None:
        try:
            self.caught_up.set_result(self.catch_up())
        except BaseException as exc:  # pragma: no cover - run_due catches errors itself
            self.caught_up.set_exception(exc)

    def next_run_time(self) -> datetime | None:
        job = self.scheduler.get_job(JOB_ID)
        return job.next_run_time if job else None

    def shutdown(self, wait: bool = True) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=wait)


def start_scheduler(ctx: Context, client) -> DigestScheduler:
    """Start the weekly digest job and the start-up catch-up; see the module docstring."""
    return DigestScheduler(ctx, client).start()
