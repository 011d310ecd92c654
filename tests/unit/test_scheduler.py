"""The weekly digest scheduler against a fake Slack over real HTTP, with the clock moved by hand.

Nothing here waits for wall-clock time: each test says what time it is and calls the
scheduler as APScheduler would at that moment.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.config import DigestChannel, DigestConfig
from bot.context import Context, system_clock
from bot.digest.outbox import get_post
from bot.digest.scheduler import (
    BEFORE_FIRST_START,
    FIRST_START_KEY,
    DigestScheduler,
    start_scheduler,
)
from bot.kb.db import open_db
from bot.kb.model import Fact
from bot.kb.store import fact_to_row
from tests.context import CONFIG as PROJECT
from tests.fakeslack import FakeSlack

TOKYO = ZoneInfo("Asia/Tokyo")
CHANNEL = "C0DIGEST1"
CONFIG = DigestConfig(channel=CHANNEL, weekday="mon", time="09:00", timezone="Asia/Tokyo",
                      grace_hours=72, upcoming_weeks=8)
DUE = datetime(2024, 6, 3, 9, 0, tzinfo=TOKYO)  # a Monday: posts the week of 27 May


@pytest.fixture
def slack():
    with FakeSlack() as fake:
        yield fake


def client_for(slack: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=slack.base_url,
                     retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)])


@pytest.fixture
def db(db):
    """The empty database plus one meeting in the week of 27 May 2024."""
    db["facts"].insert(fact_to_row(Fact(
        id="m1", kind="meeting", title="Alliance talks in Tokyo", summary="Ministers met.",
        date_start="2024-05-29", date_end=None, date_precision="day", participants=["A", "B"],
        countries=["Japan", "United States"], location="Tokyo", doc_id="d.txt", doc_title="D",
        quote="met in Tokyo", span=[0, 12])))
    # A bot that has been running since January (a fresh install: see the test below).
    db["meta"].upsert({"key": FIRST_START_KEY, "value": "2024-01-01T00:00:00+09:00"}, pk="key")
    return db


def context(db, digest: DigestConfig, clock=system_clock) -> Context:
    """The project's configuration with this test's digest settings."""
    return Context(db, replace(PROJECT, digest=digest), clock=clock)


def db_path(db) -> str:
    return db.execute("pragma database_list").fetchone()[2]


def posts(slack):
    """The digests posted in channels (not the replies in their threads)."""
    return [c for c in slack.calls_to("chat.postMessage") if not c.params.get("thread_ts")]


@pytest.mark.parametrize("weekday, at, now, due", [
    ("mon", "09:00", datetime(2024, 6, 3, 9, 0, tzinfo=TOKYO), datetime(2024, 6, 3, 9, 0, tzinfo=TOKYO)),
    ("mon", "09:00", datetime(2024, 6, 3, 8, 59, tzinfo=TOKYO), datetime(2024, 5, 27, 9, 0, tzinfo=TOKYO)),
    ("mon", "09:00", datetime(2024, 6, 5, 12, 0, tzinfo=TOKYO), datetime(2024, 6, 3, 9, 0, tzinfo=TOKYO)),
    # the clock may be in UTC: Sunday 23:30 UTC is Monday 08:30 in Tokyo, before the due time
    ("mon", "09:00", datetime(2024, 6, 2, 23, 30, tzinfo=ZoneInfo("UTC")), datetime(2024, 5, 27, 9, 0, tzinfo=TOKYO)),
    ("fri", "17:30", datetime(2024, 6, 3, 9, 0, tzinfo=TOKYO), datetime(2024, 5, 31, 17, 30, tzinfo=TOKYO)),
])
def test_due_time_is_the_most_recent_scheduled_moment(db, weekday, at, now, due):
    config = DigestConfig(CHANNEL, weekday, at, "Asia/Tokyo", 72, 8)
    assert DigestScheduler(context(db, config), client=None).due_time(now) == due


def test_the_monday_run_posts_last_weeks_digest_once(db, slack):
    scheduler = DigestScheduler(context(db, CONFIG), client_for(slack))
    assert scheduler.run_due(DUE) == "posted"
    assert scheduler.run_due(DUE + timedelta(minutes=5)) == "already-posted"
    [call] = posts(slack)
    assert call.params["channel"] == CHANNEL
    assert call.params["metadata"]["event_payload"]["week_start"] == "2024-05-27"
    assert "Alliance talks in Tokyo" in str(call.params["blocks"])
    record = get_post(db, CHANNEL, "2024-05-27")
    assert record.status == "posted" and record.message_ts == slack_ts(slack, call)
    [reply] = [c for c in slack.calls_to("chat.postMessage") if c.params.get("thread_ts")]
    assert reply.params["thread_ts"] == record.message_ts and record.thread_ts == [slack_ts(slack, reply)]


def slack_ts(slack, call) -> str:
    """The ts the fake gave a message: the n-th answered call got 1700000000 + n."""
    index = [c for c in slack.calls if c.status == 200].index(call) + 1
    return f"{1700000000 + index}.000100"


def test_every_configured_channel_gets_its_digest_once_and_a_failing_one_does_not_stop_the_rest(db, slack):
    db["facts"].insert(fact_to_row(Fact(
        id="s1", kind="space", title="Lunar rover agreement", summary="Signed.", date_start="2024-05-30",
        date_end=None, date_precision="day", participants=[], countries=["Japan", "United States"],
        location=None, doc_id="d.txt", doc_title="D", quote="signed", span=[0, 6])))
    config = DigestConfig(CHANNEL, "mon", "09:00", "Asia/Tokyo", 72, 8,
                          (DigestChannel("C0SPACE01", kinds=("space",)),))
    slack.fail("chat.postMessage", status=500, retry_after=None, times=1)  # the first channel
    scheduler = DigestScheduler(context(db, config), client_for(slack))
    assert scheduler.run_due(DUE) == "failed"
    assert scheduler.outcomes == {CHANNEL: "failed", "C0SPACE01": "posted"}
    assert scheduler.run_due(DUE + timedelta(minutes=15)) == "posted"
    assert scheduler.run_due(DUE + timedelta(minutes=30)) == "already-posted"
    by_channel = {c.params["channel"]: str(c.params["blocks"]) for c in posts(slack)}
    assert set(by_channel) == {CHANNEL, "C0SPACE01"} and len(posts(slack)) == 2
    assert "Lunar rover" in by_channel["C0SPACE01"] and "Alliance talks" not in by_channel["C0SPACE01"]
    assert "Alliance talks" in by_channel[CHANNEL]


def test_a_restart_at_the_same_moment_does_not_post_again(db, slack):
    assert DigestScheduler(context(db, CONFIG), client_for(slack)).run_due(DUE) == "posted"
    other = open_db(db_path(db))  # a new process: new scheduler, new connection, same file
    try:
        assert DigestScheduler(context(other, CONFIG), client_for(slack)).catch_up(DUE) == "already-posted"
    finally:
        other.close()
    assert len(posts(slack)) == 1


def test_a_bot_down_at_the_due_time_posts_once_on_start_within_the_grace_period(db, slack):
    started = DUE + timedelta(hours=25)
    assert DigestScheduler(context(db, CONFIG), client_for(slack)).catch_up(started) == "posted"
    assert DigestScheduler(context(db, CONFIG), client_for(slack)).catch_up(started + timedelta(hours=1)) == "already-posted"
    [call] = posts(slack)
    assert call.params["metadata"]["event_payload"]["week_start"] == "2024-05-27"


def test_a_bot_down_past_the_grace_period_does_not_post_a_stale_digest(db, slack):
    started = DUE + timedelta(hours=72, minutes=1)
    assert DigestScheduler(context(db, CONFIG), client_for(slack)).catch_up(started) == "too-late"
    assert posts(slack) == [] and get_post(db, CHANNEL, "2024-05-27") is None


def test_a_rate_limited_post_is_retried_and_posted_once(db, slack):
    slack.fail("chat.postMessage", status=429, retry_after=1, times=1)
    assert DigestScheduler(context(db, CONFIG), client_for(slack)).run_due(DUE) == "posted"
    assert len(posts(slack)) == 1
    assert [c.status for c in slack.calls_to("chat.postMessage", ok_only=False)] == [429, 200, 200]  # + the thread


def test_a_final_server_error_is_recorded_and_retried_at_the_next_start(db, slack):
    slack.fail("chat.postMessage", status=500, retry_after=None, times=1)
    assert DigestScheduler(context(db, CONFIG), client_for(slack)).run_due(DUE) == "failed"
    record = get_post(db, CHANNEL, "2024-05-27")
    assert record.status == "failed" and "fatal_error" in record.error and posts(slack) == []

    restarted = DigestScheduler(context(db, CONFIG), client_for(slack))
    assert restarted.catch_up(DUE + timedelta(hours=2)) == "posted"
    assert restarted.catch_up(DUE + timedelta(hours=3)) == "already-posted"
    assert len(posts(slack)) == 1
    record = get_post(db, CHANNEL, "2024-05-27")
    assert record.status == "posted" and record.error is None and record.attempts == 2


@pytest.mark.parametrize("shared_connection", [False, True])
def test_two_schedulers_racing_post_once(db, slack, shared_connection):
    path = db_path(db)
    handles = [db if shared_connection else open_db(path) for _ in range(2)]
    schedulers = [DigestScheduler(context(h, CONFIG), client_for(slack)) for h in handles]
    for round_ in range(3):  # three due times, three weeks, each raced for
        now = DUE + timedelta(days=7 * round_)
        barrier = threading.Barrier(len(schedulers))
        outcomes: list[str] = []

        def run(scheduler, now=now, barrier=barrier, outcomes=outcomes):
            barrier.wait()
            outcomes.append(scheduler.run_due(now))

        threads = [threading.Thread(target=run, args=(s,)) for s in schedulers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert sorted(outcomes)[-1] == "posted"
        assert sorted(outcomes)[0] in ("already-posted", "in-progress")
    weeks = [c.params["metadata"]["event_payload"]["week_start"] for c in posts(slack)]
    assert sorted(weeks) == ["2024-05-27", "2024-06-03", "2024-06-10"]
    if not shared_connection:
        for h in handles:
            h.close()


def test_start_scheduler_catches_up_in_the_background_and_schedules_the_next_monday(db, slack):
    scheduler = start_scheduler(context(db, CONFIG, lambda: DUE + timedelta(hours=1)), client_for(slack))
    try:
        assert scheduler.caught_up.result(timeout=60) == "posted"
        next_run = scheduler.next_run_time().astimezone(TOKYO)
        assert (next_run.weekday(), next_run.hour, next_run.minute) == (0, 9, 0)
    finally:
        scheduler.shutdown()
    assert len(posts(slack)) == 1


def test_a_failure_while_running_schedules_a_retry_that_then_posts_once(db, slack):
    slack.fail("chat.postMessage", status=500, retry_after=None, times=1)
    clock = [DUE + timedelta(minutes=1)]
    scheduler = start_scheduler(context(db, CONFIG, lambda: clock[0]), client_for(slack))
    try:
        assert scheduler.caught_up.result(timeout=60) == "failed"
        assert scheduler.retry_pending()
        clock[0] += timedelta(minutes=15)
        assert scheduler.run_due() == "posted"  # what the retry job runs, at the moved time
    finally:
        scheduler.shutdown()
    assert len(posts(slack)) == 1


def test_no_retry_is_scheduled_past_the_grace_period(db, slack):
    slack.fail("chat.postMessage", status=500, retry_after=None, times=1)
    late = DUE + timedelta(hours=71, minutes=55)
    scheduler = start_scheduler(context(db, CONFIG, lambda: late), client_for(slack))
    try:
        assert scheduler.caught_up.result(timeout=60) == "failed"
        assert not scheduler.retry_pending()
    finally:
        scheduler.shutdown()


def test_a_new_install_posts_no_digest_for_a_week_before_it_first_started(db, slack):
    db.execute("delete from meta where key = ?", [FIRST_START_KEY])
    db.conn.commit()
    first = DUE + timedelta(hours=2)  # installed on the Monday, after the due time
    assert DigestScheduler(context(db, CONFIG), client_for(slack)).catch_up(first) == BEFORE_FIRST_START
    assert DigestScheduler(context(db, CONFIG), client_for(slack)).catch_up(first + timedelta(hours=5)) == BEFORE_FIRST_START
    assert posts(slack) == []
    # The next Monday's digest is a real one: posted.
    assert DigestScheduler(context(db, CONFIG), client_for(slack)).catch_up(DUE + timedelta(days=7, hours=1)) == "posted"
