"""/follow, /unfollow and what a follower is told after a load: new facts once, a changed
fact once more with what changed, nothing twice."""

from __future__ import annotations

from dataclasses import replace

import pytest

import commands
from bot.kb import follows
from bot.kb.model import Fact
from bot.kb.store import fact_from_row, fact_to_row
from bot.slack.blocks import change_text, notice_blocks
from commands.errors import UsageError
from commands.followups import pending
from commands.selection import parse_selection, select_facts
from tests.context import ctx
from tests.e2e.conftest import FACTS, NAMES, fill
from tests.e2e.slackhttp import blocks_text

USER = "U0FOLLOW"

NEW_EXERCISE = Fact(
    id="e-new-kamandag", kind="exercise", title="Kamandag with the Philippines",
    summary="U.S., Japanese and Philippine marines trained together.",
    date_start="2025-05-26", date_end="2025-06-06", date_precision="day",
    participants=["U.S. Marine Corps", "JGSDF"], countries=["US", "Japan", "Philippines"],
    location="Philippines", doc_id="doc-kamandag", doc_title="Marines open Kamandag",
    quote="Marines from the three countries opened exercise Kamandag in the Philippines", span=[0, 74])


@pytest.fixture
def me(db):
    fill(db)
    return ctx(db).as_user(USER)


def _add(db, fact: Fact, names: str = "") -> None:
    with db.conn:
        db["facts"].insert(fact_to_row(fact, names=names or fact.title), replace=True)


def _ask(line: str, c) -> str:
    return "\n".join([r.message or ""] + r.follows) if (r := commands.dispatch(line, c)) else ""


@pytest.mark.parametrize("text, command, kinds", [
    ("exercises philippines", "exercises", {"exercise"}),
    ("/meetings paparo 2024", "meetings", {"meeting"}),
    ("paparo since:2025", None, {"meeting", "exercise", "space"}),
    ("", None, {"meeting", "exercise", "space"}),
])
def test_a_selection_is_a_fact_commands_query(text, command, kinds):
    sel = parse_selection(text, slash="/follow")
    assert sel.command == command
    assert {m.KIND for m, _ in sel.queries()} == kinds


def test_a_bad_date_is_refused_when_following_not_at_the_next_load(me):
    with pytest.raises(UsageError) as err:
        commands.dispatch("/follow exercises until:2024-13", me)
    assert "/follow" in err.value.hint
    assert follows.follows_of(me.db, USER) == []


def test_follow_needs_a_slack_user(db):
    fill(db)
    with pytest.raises(UsageError):
        commands.dispatch("/follow exercises", ctx(db))


def test_follow_lists_and_unfollow_removes_by_number(me):
    assert "follow nothing" in _ask("/follow", me)
    commands.dispatch("/follow exercises shield", me)
    commands.dispatch("/follow paparo since:2024", me)
    listed = commands.dispatch("/follow", me)
    assert listed.follows == ["exercises shield", "paparo since:2024"]
    again = commands.dispatch("/follow exercises shield", me)
    assert "already" in again.message and len(again.follows) == 2
    gone = commands.dispatch("/unfollow 1", me)
    assert gone.follows == ["paparo since:2024"]
    with pytest.raises(UsageError):
        commands.dispatch("/unfollow 5", me)
    with pytest.raises(UsageError):
        commands.dispatch("/unfollow two", me)


def test_what_matched_when_following_is_not_news(me):
    commands.dispatch("/follow exercises", me)
    assert pending(me) == []


def test_a_new_matching_fact_is_news_once(me):
    commands.dispatch("/follow exercises philippines", me)
    commands.dispatch("/follow meetings paparo", me)
    _add(me.db, NEW_EXERCISE, "Kamandag Philippines JGSDF")
    [notice] = pending(me)
    assert notice.user == USER
    assert [f.id for n in notice.news for f in n.new] == [NEW_EXERCISE.id]
    won = follows.claim(me.db, notice.claims)
    assert len(won) == len(notice.claims)
    assert pending(me) == []
    assert follows.claim(me.db, notice.claims) == []  # a second notifier wins nothing


def test_a_changed_fact_is_news_again_saying_what_changed(me):
    commands.dispatch("/follow exercises shield", me)
    shield = fact_from_row(me.db["facts"].get("f-shield"))
    _add(me.db, replace(shield, date_start="2023-09-12", date_end="2023-09-19"), NAMES["f-shield"])
    [notice] = pending(me)
    [(fact, changes)] = notice.news[0].changed
    assert fact.id == "f-shield"
    assert [c.field for c in changes] == ["date"]
    assert change_text(changes[0]) == "date: 19 September 2023 \u2192 12–19 Sep 2023"
    text = blocks_text(notice_blocks(notice))
    assert "Changed: date" in text and "Orient Shield" in text


def test_a_fact_whose_id_changed_with_its_date_is_the_same_fact_changed(me):
    """Fact ids derive from the date: a plan that gets its day is a new id, same sentence."""
    commands.dispatch("/follow exercises shield", me)
    shield = fact_from_row(me.db["facts"].get("f-shield"))
    with me.db.conn:
        me.db["facts"].delete("f-shield")
    _add(me.db, replace(shield, id="f-shield-dated", date_start="2023-09-20", date_end="2023-09-20"),
         NAMES["f-shield"])
    [notice] = pending(me)
    assert notice.news[0].new == []
    [(fact, changes)] = notice.news[0].changed
    assert fact.id == "f-shield-dated" and [c.field for c in changes] == ["date"]
    follows.claim(me.db, notice.claims)
    assert pending(me) == []


def test_a_fact_in_two_follows_is_listed_once(me):
    commands.dispatch("/follow exercises philippines", me)
    commands.dispatch("/follow kamandag", me)
    _add(me.db, NEW_EXERCISE, "Kamandag Philippines JGSDF")
    [notice] = pending(me)
    assert sum(len(n.new) for n in notice.news) == 1
    follows.claim(me.db, notice.claims)
    assert pending(me) == []  # and both follows count it as told


def test_a_failed_message_gives_its_claim_back(me):
    commands.dispatch("/follow exercises philippines", me)
    _add(me.db, NEW_EXERCISE, "Kamandag Philippines JGSDF")
    [notice] = pending(me)
    won = follows.claim(me.db, notice.claims)
    follows.give_back(me.db, won)
    assert [f.id for n in pending(me)[0].news for f in n.new] == [NEW_EXERCISE.id]


def test_select_facts_is_every_match_newest_first(me):
    facts = select_facts(parse_selection("", slash="/export"), me)
    assert {f.id for f in facts} == {f.id for f in FACTS}
    starts = [f.date_start for f in facts]
    assert starts == sorted(starts, reverse=True)


def test_a_dm_slack_refuses_is_sent_at_the_next_run_and_the_watcher_waits_for_a_load(me):
    from slack_sdk import WebClient

    from bot.slack.notify import FollowWatcher, notify_followers
    from tests.fakeslack import FakeSlack

    commands.dispatch("/follow exercises philippines", me)
    _add(me.db, NEW_EXERCISE, "Kamandag Philippines JGSDF")
    with FakeSlack() as slack:
        client = WebClient(token="xoxb-test", base_url=slack.base_url)
        slack.fail("chat.postMessage", status=200, error="channel_not_found")
        [failed] = notify_followers(me, client)
        assert (failed.outcome, failed.error) == ("failed", "channel_not_found")
        watcher = FollowWatcher(me, client)
        [sent] = watcher.check()
        assert (sent.outcome, sent.facts, sent.channel) == ("sent", 1, "D" + USER)
        assert watcher.check() == []  # no load since: nothing to do, nothing sent
        with me.db.conn:
            me.db["meta"].insert({"key": "generation", "value": "after-a-load"}, replace=True)
        assert watcher.check() == []  # a load with nothing new for anyone
        assert len(slack.calls_to("chat.postMessage")) == 2  # the refused one, the one delivered
