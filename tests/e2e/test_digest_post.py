"""Posting the digest end to end: the real CLI and WebClient, a fake Slack over real HTTP.

The fake here also keeps each channel's history (with message metadata) and can drop
the answer to a message it accepted, which is how a timeout after delivery looks from
the bot's side: the case where a naive retry posts the digest twice.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient

from bot.cli.main import main
from bot.digest.build import get_post, post_digest
from bot.kb.model import Fact
from bot.kb.store import fact_to_row
from tests.fakeslack import FakeSlack, _Failure

CHANNEL = "C0DIGEST1"
WEEK = date(2024, 5, 27)
NOW = datetime(2024, 6, 3, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
TOKYO = ZoneInfo("Asia/Tokyo")


class HistoryFakeSlack(FakeSlack):
    """FakeSlack plus conversations.history, and answers it can lose after delivery."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.history: dict[str, list[dict]] = {}
        self.lose_answers = 0  # accept the next N chat.postMessage calls but never answer them
        self.refuse_posts: set[int] = set()  # answer these chat.postMessage calls (1-based) with 500
        self._posts_seen = 0
        self._local = threading.local()

    def _take_failure(self, method):
        if method == "chat.postMessage":
            with self._lock:
                self._posts_seen += 1
                if self._posts_seen in self.refuse_posts:
                    return _Failure(status=500, retry_after=None, error=None, times=1)
        return super()._take_failure(method)

    def _answer(self, method, params):
        answer = super()._answer(method, params)
        if method == "chat.postMessage":
            message = {"type": "message", "ts": answer["ts"], "text": params.get("text"),
                       "metadata": params.get("metadata")}
            with self._lock:
                self.history.setdefault(params["channel"], []).insert(0, message)  # newest first
                if self.lose_answers > 0:
                    self.lose_answers -= 1
                    self._local.lose = True
        if method == "conversations.history":
            with_metadata = str(params.get("include_all_metadata")).lower() in ("1", "true")
            messages = [dict(m) if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
                        for m in self.history.get(params.get("channel"), [])]
            return {"ok": True, "messages": messages, "has_more": False}
        return answer

    def _send(self, req, status, payload, headers=None):
        if getattr(self._local, "lose", False):
            self._local.lose = False
            return  # the connection closes with no answer: RemoteDisconnected in the client
        FakeSlack._send(req, status, payload, headers)

    def delivered(self, channel=CHANNEL) -> list[dict]:
        return list(reversed(self.history.get(channel, [])))


@pytest.fixture
def slack():
    with HistoryFakeSlack() as fake:
        yield fake


def client_for(slack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=slack.base_url)


def add_facts(db, n=1):
    db["facts"].insert_all(fact_to_row(Fact(
        id=f"m{i}", kind="meeting", title=f"Alliance talks {i}", summary="Ministers met.",
        date_start="2024-05-29", date_end=None, date_precision="day", participants=[], countries=[],
        location="Tokyo", doc_id="d.txt", doc_title="D", quote="met", span=[0, 3])) for i in range(n))


def db_path(db) -> str:
    return db.execute("pragma database_list").fetchone()[2]


def weeks_posted(slack) -> list[tuple[str, int]]:
    return [(m["metadata"]["event_payload"]["week_start"], m["metadata"]["event_payload"]["part"])
            for m in slack.delivered()]


# -- exactly once through lost answers and crashes -------------------------------------------

def test_an_answer_lost_after_delivery_is_not_posted_again(db, slack):
    add_facts(db)
    slack.lose_answers = 1
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=NOW) == "posted"
    assert weeks_posted(slack) == [("2024-05-27", 1)]
    assert slack.calls_to("conversations.history"), "the lost answer was checked in the history"
    record = get_post(db, CHANNEL, "2024-05-27")
    assert record.status == "posted" and record.parts == [slack.delivered()[0]["ts"]]


def test_a_crash_after_delivery_is_recorded_not_reposted_on_the_next_attempt(db, slack):
    add_facts(db)
    client = client_for(slack)
    assert post_digest(db, client, CHANNEL, WEEK, now=NOW) == "posted"
    [message] = slack.delivered()
    # what the row looks like when the process died between Slack's answer and the write
    db["digest_posts"].update((CHANNEL, "2024-05-27"), {
        "status": "claimed", "ts": None, "posted_at": None,
        "claimed_at": (NOW - timedelta(minutes=30)).isoformat()})
    assert post_digest(db, client, CHANNEL, WEEK, now=NOW) == "already-posted"
    assert len(slack.delivered()) == 1
    assert get_post(db, CHANNEL, "2024-05-27").parts == [message["ts"]]


def test_a_fresh_claim_is_left_to_its_owner_and_a_stale_one_is_taken_over(db, slack):
    add_facts(db)
    db["digest_posts"].insert({"channel": CHANNEL, "week_start": "2024-05-27", "status": "claimed",
                               "attempts": 1, "claimed_at": (NOW - timedelta(minutes=2)).isoformat()})
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=NOW) == "in-progress"
    assert slack.delivered() == []
    later = NOW + timedelta(minutes=30)
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=later) == "posted"
    assert weeks_posted(slack) == [("2024-05-27", 1)]


def test_a_digest_too_long_for_one_message_is_split_and_resumed_after_a_failure(db, slack):
    add_facts(db)

    def render(result):  # 120 blocks, more than Slack's 50 per message
        return [{"type": "section", "text": {"type": "mrkdwn", "text": f"line {i}"}} for i in range(120)]

    slack.refuse_posts = {2}  # the first part goes through, then Slack fails on the second
    client = client_for(slack)
    assert post_digest(db, client, CHANNEL, WEEK, now=NOW, render=render) == "failed"
    assert weeks_posted(slack) == [("2024-05-27", 1)]
    assert get_post(db, CHANNEL, "2024-05-27").status == "failed"

    assert post_digest(db, client, CHANNEL, WEEK, now=NOW + timedelta(hours=1), render=render) == "posted"
    assert weeks_posted(slack) == [("2024-05-27", 1), ("2024-05-27", 2), ("2024-05-27", 3)]
    sizes = [len(c.params["blocks"]) for c in slack.calls_to("chat.postMessage")]
    assert sum(sizes) == 120 and max(sizes) <= 50
    record = get_post(db, CHANNEL, "2024-05-27")
    assert record.status == "posted" and record.parts == [m["ts"] for m in slack.delivered()]


def test_a_digest_that_cannot_be_built_is_recorded_failed_not_left_claimed(db, slack):
    def broken(result):
        raise ValueError("renderer bug")

    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=NOW, render=broken) == "failed"
    record = get_post(db, CHANNEL, "2024-05-27")
    assert record.status == "failed" and "renderer bug" in record.error
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=NOW) == "posted"


def test_a_channel_name_is_resolved_to_its_id_for_later_delivery_checks(db, slack):
    """Slack answers a post to "#team" with the channel's ID; allybot keeps it in meta."""
    add_facts(db)
    original = slack._answer

    def answer(method, params):
        result = original(method, params)
        if method == "chat.postMessage":
            result["channel"] = "C0TEAM123"
        return result

    slack._answer = answer
    assert post_digest(db, client_for(slack), "#team", WEEK, now=NOW) == "posted"
    row = db.execute("select value from meta where key = ?", ["slack_channel_id:#team"]).fetchone()
    assert row == ("C0TEAM123",)


def test_a_week_not_yet_over_is_not_posted(db, slack):
    """Posting a partial week would use up its one post before the complete digest."""
    add_facts(db)
    sunday_evening = datetime(2024, 6, 2, 23, 0, tzinfo=TOKYO)
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=sunday_evening, tz=TOKYO) == "too-early"
    assert slack.calls == [] and get_post(db, CHANNEL, "2024-05-27") is None


def test_a_rate_limit_is_waited_out_even_with_a_client_built_without_a_retry_handler(db, slack):
    add_facts(db)
    slack.fail("chat.postMessage", status=429, retry_after=1, times=1)
    assert post_digest(db, WebClient(token="xoxb-test", base_url=slack.base_url), CHANNEL, WEEK, now=NOW) == "posted"
    assert weeks_posted(slack) == [("2024-05-27", 1)]


def test_slack_unreachable_is_recorded_failed_and_the_next_attempt_posts(db, slack):
    add_facts(db)
    unreachable = WebClient(token="xoxb-test", base_url="http://127.0.0.1:9/api/", timeout=5)
    assert post_digest(db, unreachable, CHANNEL, WEEK, now=NOW) == "failed"
    record = get_post(db, CHANNEL, "2024-05-27")
    assert record.status == "failed" and record.error
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=NOW + timedelta(hours=1)) == "posted"
    assert weeks_posted(slack) == [("2024-05-27", 1)]


def test_a_lost_answer_with_an_unresolvable_channel_name_is_not_resent_blindly(db, slack):
    """Without the channel's ID the history cannot be checked: stop and record why."""
    add_facts(db)
    slack.lose_answers = 1
    assert post_digest(db, client_for(slack), "#team", WEEK, now=NOW) == "failed"
    assert len(slack.delivered("#team")) == 1
    record = get_post(db, "#team", "2024-05-27")
    assert record.status == "failed" and "ID is not known" in record.error


# -- the CLI ---------------------------------------------------------------------------------

def test_cli_digest_json_prints_the_documented_shape(db, capsys):
    add_facts(db, 2)
    assert main(["digest", "--week", "2024-05-29", "--json", "--db", db_path(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"week_start", "week_end", "sections", "upcoming", "new_documents", "message"}
    assert data["week_start"] == "2024-05-27" and data["week_end"] == "2024-06-02"
    assert [f["id"] for f in data["sections"][0]["items"]] == ["m0", "m1"]


def test_cli_digest_json_on_the_seeds(seeded_db, capsys):
    assert main(["digest", "--week", "2024-05-27", "--json", "--db", db_path(seeded_db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"week_start", "week_end", "sections", "upcoming", "new_documents", "message"}
    meetings = [f for s in data["sections"] if s["kind"] == "meeting" for f in s["items"]]
    assert any("paparo" in json.dumps(f).lower() and f["date_start"].startswith("2024-05-29") for f in meetings)
    assert any("valiant shield" in json.dumps(f).lower() for f in data["upcoming"])


def test_cli_rejects_a_bad_week(db, capsys):
    assert main(["digest", "--week", "2024-13-01", "--db", db_path(db)]) == 2
    assert "2024-13-01" in capsys.readouterr().err


def test_cli_post_posts_once_even_when_run_twice(db, slack, monkeypatch, capsys):
    add_facts(db)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_BASE_URL", slack.base_url)
    argv = ["digest", "--week", "2024-05-27", "--post", "--channel", CHANNEL, "--db", db_path(db)]
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("posted:")
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("already-posted:")
    [call] = slack.calls_to("chat.postMessage")
    assert call.params["channel"] == CHANNEL and call.headers.get("Authorization") == "Bearer xoxb-test"
    assert "Alliance talks 0" in json.dumps(call.params["blocks"])


def test_cli_post_reports_a_failure_and_a_rerun_posts_it(db, slack, monkeypatch, capsys):
    add_facts(db)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_BASE_URL", slack.base_url)
    slack.fail("chat.postMessage", status=200, error="channel_not_found", times=1)
    argv = ["digest", "--week", "2024-05-27", "--post", "--channel", CHANNEL, "--db", db_path(db)]
    assert main(argv) == 1
    assert "channel_not_found" in capsys.readouterr().out
    assert main(argv) == 0
    assert weeks_posted(slack) == [("2024-05-27", 1)]


def test_cli_post_without_a_token_says_what_to_set(db, slack, monkeypatch, capsys):
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    monkeypatch.setenv("SLACK_API_BASE_URL", slack.base_url)
    assert main(["digest", "--post", "--db", db_path(db)]) == 2
    assert "SLACK_BOT_TOKEN" in capsys.readouterr().err
    assert slack.calls == []


def test_cli_default_week_is_the_last_complete_one(db, capsys):
    assert main(["digest", "--json", "--db", db_path(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    from bot.config import get_config
    from bot.digest.build import last_complete_week

    expected = last_complete_week(datetime.now(UTC), get_config().digest.tz)
    assert data["week_start"] in (expected.isoformat(), (expected + timedelta(days=7)).isoformat())
