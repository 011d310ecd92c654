"""Posting the digest end to end: the real CLI and WebClient, a fake Slack over real HTTP.

The fake here also keeps each channel's history and each thread's replies (with message
metadata) and can drop the answer to a message it accepted, which is how a timeout
after delivery looks from the bot's side: the case where a naive retry posts the digest
(or its thread of details) twice. The clock is moved by passing `now`, never by waiting.
"""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient

from bot.cli.main import main
from bot.config import DigestChannel
from bot.digest.outbox import get_post, post_digest
from bot.kb.model import Fact
from bot.kb.store import fact_to_row
from tests.context import CONFIG
from tests.fakeslack import FakeSlack, _Failure

CHANNEL = "C0DIGEST1"
WEEK = date(2024, 5, 27)
NOW = datetime(2024, 6, 3, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
TOKYO = ZoneInfo("Asia/Tokyo")
DIGEST = replace(CONFIG.digest, timezone="Asia/Tokyo", upcoming_weeks=8)


class HistoryFakeSlack(FakeSlack):
    """FakeSlack plus conversations.history and .replies, and answers it can lose after delivery."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.history: dict[str, list[dict]] = {}
        self.threads: dict[tuple[str, str], list[dict]] = {}  # (channel, parent ts) -> replies
        self.lose_answers = 0  # accept the next N chat.postMessage calls but never answer them
        self.refuse_posts: set[int] = set()  # answer these chat.postMessage calls (1-based) with 500
        self.lose_posts: set[int] = set()  # accept these chat.postMessage calls (1-based) but never answer
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
                       "metadata": params.get("metadata"), "blocks": params.get("blocks")}
            with self._lock:
                if params.get("thread_ts"):  # a reply: in its thread, not in the channel history
                    message["thread_ts"] = params["thread_ts"]
                    self.threads.setdefault((params["channel"], params["thread_ts"]), []).append(message)
                else:
                    self.history.setdefault(params["channel"], []).insert(0, message)  # newest first
                if self.lose_answers > 0 or self._posts_seen in self.lose_posts:
                    self.lose_answers = max(self.lose_answers - 1, 0)
                    self._local.lose = True
        if method == "conversations.history":
            with_metadata = str(params.get("include_all_metadata")).lower() in ("1", "true")
            messages = [dict(m) if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
                        for m in self.history.get(params.get("channel"), [])]
            return {"ok": True, "messages": messages, "has_more": False}
        if method == "conversations.replies":
            with_metadata = str(params.get("include_all_metadata")).lower() in ("1", "true")
            channel, ts = params.get("channel"), params.get("ts")
            parent = [m for m in self.history.get(channel, []) if m["ts"] == ts]
            thread = parent + self.threads.get((channel, ts), [])
            messages = [dict(m) if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
                        for m in thread]
            return {"ok": True, "messages": messages, "has_more": False}
        return answer

    def _send(self, req, status, payload, headers=None):
        if getattr(self._local, "lose", False):
            self._local.lose = False
            return  # the connection closes with no answer: RemoteDisconnected in the client
        FakeSlack._send(req, status, payload, headers)

    def delivered(self, channel=CHANNEL) -> list[dict]:
        """The channel's top-level messages, oldest first."""
        return list(reversed(self.history.get(channel, [])))

    def replies(self, parent: dict, channel=CHANNEL) -> list[dict]:
        return list(self.threads.get((channel, parent["ts"]), []))


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


def weeks_posted(slack, channel=CHANNEL) -> list[tuple[str, int]]:
    """(week, part) of every message in the channel and, after each, of its thread's replies."""
    out = []
    for m in slack.delivered(channel):
        for msg in [m, *slack.replies(m, channel)]:
            out.append((msg["metadata"]["event_payload"]["week_start"], msg["metadata"]["event_payload"]["part"]))
    return out


def delivered_ts(slack, channel=CHANNEL) -> list[str]:
    return [msg["ts"] for m in slack.delivered(channel) for msg in [m, *slack.replies(m, channel)]]


# -- exactly once through lost answers and crashes -------------------------------------------

def test_an_answer_lost_after_delivery_is_not_posted_again(db, slack):
    add_facts(db)
    slack.lose_answers = 1
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=NOW, config=DIGEST) == "posted"
    assert weeks_posted(slack) == [("2024-05-27", 1), ("2024-05-27", 2)]
    assert slack.calls_to("conversations.history"), "the lost answer was checked in the history"
    record = get_post(db, CHANNEL, "2024-05-27")
    assert record.status == "posted" and record.parts == delivered_ts(slack)


def test_a_lost_answer_to_the_thread_reply_is_found_in_the_thread_not_posted_again(db, slack):
    add_facts(db)
    slack.lose_posts = {2}  # the thread reply arrives, its answer does not
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=NOW, config=DIGEST) == "posted"
    [message] = slack.delivered()
    assert len(slack.replies(message)) == 1
    assert slack.calls_to("conversations.replies"), "the lost answer was checked in the thread"
    assert get_post(db, CHANNEL, "2024-05-27").parts == delivered_ts(slack)


@pytest.mark.parametrize("recorded, claimed_ago, retry_after", [
    ("nothing", timedelta(minutes=30), timedelta(0)),
    ("nothing", timedelta(0), timedelta(hours=1)),
    ("the message", timedelta(0), timedelta(hours=1)),
])
def test_a_retry_after_a_crash_gives_one_message_and_one_thread_reply(db, slack, recorded, claimed_ago,
                                                                      retry_after):
    """The process died after Slack took the message and its reply but before the row said
    so (with nothing recorded, or only the message): the retry finds both and records them."""
    add_facts(db)
    client = client_for(slack)
    assert post_digest(db, client, CHANNEL, WEEK, now=NOW, config=DIGEST) == "posted"
    [message] = slack.delivered()
    [reply] = slack.replies(message)
    db["digest_posts"].update((CHANNEL, "2024-05-27"), {
        "status": "claimed", "ts": None if recorded == "nothing" else message["ts"], "posted_at": None,
        "claimed_at": (NOW - claimed_ago).isoformat()})
    assert post_digest(db, client, CHANNEL, WEEK, now=NOW + retry_after, config=DIGEST) == "already-posted"
    assert slack.delivered() == [message] and slack.replies(message) == [reply]
    assert len(slack.calls_to("chat.postMessage")) == 2
    assert get_post(db, CHANNEL, "2024-05-27").parts == [message["ts"], reply["ts"]]
    record = get_post(db, CHANNEL, "2024-05-27")
    assert record.status == "posted" and (record.message_ts, record.thread_ts) == (message["ts"], [reply["ts"]])


def test_a_thread_refused_after_its_message_is_resumed_under_the_same_message(db, slack):
    add_facts(db)
    slack.refuse_posts = {2}
    client = client_for(slack)
    assert post_digest(db, client, CHANNEL, WEEK, now=NOW, config=DIGEST) == "failed"
    [message] = slack.delivered()
    assert slack.replies(message) == []
    db["digest_posts"].update((CHANNEL, "2024-05-27"), {"ts": None})  # and the message's ts was lost too
    assert post_digest(db, client, CHANNEL, WEEK, now=NOW + timedelta(minutes=20), config=DIGEST) == "posted"
    assert slack.delivered() == [message] and len(slack.replies(message)) == 1
    assert weeks_posted(slack) == [("2024-05-27", 1), ("2024-05-27", 2)]


def test_a_quiet_week_is_one_line_and_no_thread(db, slack):
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=NOW, config=DIGEST) == "posted"
    [message] = slack.delivered()
    assert slack.replies(message) == [] and len(slack.calls_to("chat.postMessage")) == 1
    blocks = message["blocks"]
    # The title, one line, and the digest's closing curation line (every digest ends with it).
    assert [b["type"] for b in blocks] == ["header", "section", "context"]
    assert blocks[1]["text"]["text"].startswith("Quiet week") and "\n" not in blocks[1]["text"]["text"]
    assert blocks[2]["elements"][0]["text"].startswith("Curation: 0 corrections this week")
    assert get_post(db, CHANNEL, "2024-05-27").thread_ts == []


def fact_ids(blocks) -> set[str]:
    return {b["accessory"]["value"] for b in blocks if (b.get("accessory") or {}).get("action_id") == "show_source"}


def test_a_space_channel_receives_only_space_items(seeded_db, slack):
    space = DigestChannel(CHANNEL, kinds=("space",))
    assert post_digest(seeded_db, client_for(slack), space, WEEK, now=NOW, config=DIGEST) == "posted"
    [message] = slack.delivered()
    [reply] = slack.replies(message)
    ids = fact_ids(reply["blocks"])
    kinds = {r[0] for r in seeded_db.execute(
        f"select kind from facts where id in ({','.join('?' * len(ids))})", list(ids)).fetchall()}
    assert ids and kinds == {"space"}
    everything = json.dumps([message["blocks"], reply["blocks"]]).lower()
    assert "paparo" not in everything and "meetings" not in everything
    assert "space" in message["blocks"][0]["text"]["text"]


def test_each_channel_gets_its_own_digest_once(seeded_db, slack):
    client = client_for(slack)
    channels = [DigestChannel(CHANNEL), DigestChannel("C0SPACE01", kinds=("space",))]
    for _ in range(2):
        assert [post_digest(seeded_db, client, c, WEEK, now=NOW, config=DIGEST) for c in channels] in (
            ["posted", "posted"], ["already-posted", "already-posted"])
    assert len(slack.delivered(CHANNEL)) == 1 and len(slack.delivered("C0SPACE01")) == 1
    assert "paparo" in json.dumps(slack.delivered(CHANNEL)[0]["blocks"]).lower()


def test_a_fresh_claim_is_left_to_its_owner_and_a_stale_one_is_taken_over(db, slack):
    add_facts(db)
    db["digest_posts"].insert({"channel": CHANNEL, "week_start": "2024-05-27", "status": "claimed",
                               "attempts": 1, "claimed_at": (NOW - timedelta(minutes=2)).isoformat()})
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=NOW, config=DIGEST) == "in-progress"
    assert slack.delivered() == []
    later = NOW + timedelta(minutes=30)
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=later, config=DIGEST) == "posted"
    assert weeks_posted(slack) == [("2024-05-27", 1), ("2024-05-27", 2)]


def test_a_thread_too_long_for_one_reply_is_split_and_resumed_after_a_failure(db, slack):
    add_facts(db)

    def render(result):  # a 120-block thread, more than Slack's 50 per message
        message = [{"type": "section", "text": {"type": "mrkdwn", "text": "headlines"}}]
        return message, [{"type": "section", "text": {"type": "mrkdwn", "text": f"line {i}"}} for i in range(120)]

    slack.refuse_posts = {3}  # the message and the first reply go through, then Slack fails
    client = client_for(slack)
    assert post_digest(db, client, CHANNEL, WEEK, now=NOW, render=render, config=DIGEST) == "failed"
    assert weeks_posted(slack) == [("2024-05-27", 1), ("2024-05-27", 2)]
    assert get_post(db, CHANNEL, "2024-05-27").status == "failed"

    assert post_digest(db, client, CHANNEL, WEEK, now=NOW + timedelta(hours=1), render=render, config=DIGEST) == "posted"
    assert weeks_posted(slack) == [("2024-05-27", p) for p in (1, 2, 3, 4)]
    [message] = slack.delivered()
    calls = slack.calls_to("chat.postMessage")
    assert all(c.params.get("thread_ts") == message["ts"] for c in calls[1:])
    sizes = [len(c.params["blocks"]) for c in calls[1:]]
    assert sum(sizes) == 120 and max(sizes) <= 50
    record = get_post(db, CHANNEL, "2024-05-27")
    assert record.status == "posted" and record.parts == delivered_ts(slack)
    assert record.message_ts == message["ts"] and len(record.thread_ts) == 3


def test_a_digest_that_cannot_be_built_is_recorded_failed_not_left_claimed(db, slack):
    def broken(result):
        raise ValueError("renderer bug")

    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=NOW, render=broken, config=DIGEST) == "failed"
    record = get_post(db, CHANNEL, "2024-05-27")
    assert record.status == "failed" and "renderer bug" in record.error
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=NOW, config=DIGEST) == "posted"


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
    assert post_digest(db, client_for(slack), "#team", WEEK, now=NOW, config=DIGEST) == "posted"
    row = db.execute("select value from meta where key = ?", ["slack_channel_id:#team"]).fetchone()
    assert row == ("C0TEAM123",)


def test_a_week_not_yet_over_is_not_posted(db, slack):
    """Posting a partial week would use up its one post before the complete digest."""
    add_facts(db)
    sunday_evening = datetime(2024, 6, 2, 23, 0, tzinfo=TOKYO)
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=sunday_evening, config=DIGEST) == "too-early"
    assert slack.calls == [] and get_post(db, CHANNEL, "2024-05-27") is None


def test_a_rate_limit_is_waited_out_even_with_a_client_built_without_a_retry_handler(db, slack):
    add_facts(db)
    slack.fail("chat.postMessage", status=429, retry_after=1, times=1)
    assert post_digest(db, WebClient(token="xoxb-test", base_url=slack.base_url), CHANNEL, WEEK, now=NOW, config=DIGEST) == "posted"
    assert weeks_posted(slack) == [("2024-05-27", 1), ("2024-05-27", 2)]


def test_slack_unreachable_is_recorded_failed_and_the_next_attempt_posts(db, slack):
    add_facts(db)
    unreachable = WebClient(token="xoxb-test", base_url="http://127.0.0.1:9/api/", timeout=5)
    assert post_digest(db, unreachable, CHANNEL, WEEK, now=NOW, config=DIGEST) == "failed"
    record = get_post(db, CHANNEL, "2024-05-27")
    assert record.status == "failed" and record.error
    assert post_digest(db, client_for(slack), CHANNEL, WEEK, now=NOW + timedelta(hours=1), config=DIGEST) == "posted"
    assert weeks_posted(slack) == [("2024-05-27", 1), ("2024-05-27", 2)]


def test_a_lost_answer_with_an_unresolvable_channel_name_is_not_resent_blindly(db, slack):
    """Without the channel's ID the history cannot be checked: stop and record why."""
    add_facts(db)
    slack.lose_answers = 1
    assert post_digest(db, client_for(slack), "#team", WEEK, now=NOW, config=DIGEST) == "failed"
    assert len(slack.delivered("#team")) == 1
    record = get_post(db, "#team", "2024-05-27")
    assert record.status == "failed" and "ID is not known" in record.error


# -- the CLI ---------------------------------------------------------------------------------

JSON_KEYS = {"week_start", "week_end", "title", "channel", "headlines", "counts", "trend", "sections",
             "upcoming", "new_documents", "message", "curation"}


def test_cli_digest_json_prints_the_documented_shape(db, capsys):
    add_facts(db, 2)
    assert main(["digest", "--week", "2024-05-29", "--json", "--db", db_path(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == JSON_KEYS
    assert [h["id"] for h in data["headlines"]] == ["m0", "m1"]
    assert set(data["headlines"][0]["significance"]) == {"documents", "seniority", "first", "multilateral", "reasons"}
    assert data["counts"] == {"meeting": 2} and data["trend"]["counts"]["meeting"] == 2
    assert data["trend"]["line"].startswith("2 meetings")
    assert data["week_start"] == "2024-05-27" and data["week_end"] == "2024-06-02"
    assert [f["id"] for f in data["sections"][0]["items"]] == ["m0", "m1"]


def test_cli_digest_json_on_the_seeds(seeded_db, capsys):
    assert main(["digest", "--week", "2024-05-27", "--json", "--db", db_path(seeded_db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == JSON_KEYS
    meetings = [f for s in data["sections"] if s["kind"] == "meeting" for f in s["items"]]
    assert any("paparo" in json.dumps(f).lower() and f["date_start"].startswith("2024-05-29") for f in meetings)
    assert any("valiant shield" in json.dumps(f).lower() for f in data["upcoming"])
    assert "paparo" in json.dumps(data["headlines"][0]).lower()
    assert all(u["how_far"] for u in data["upcoming"])


def test_cli_preview_shows_the_message_then_its_thread(seeded_db, capsys):
    assert main(["digest", "--week", "2024-05-27", "--preview", "--db", db_path(seeded_db)]) == 0
    out = capsys.readouterr().out
    message, _, thread = out.partition("── thread ──")
    assert message.splitlines()[0].startswith("WEEKLY DIGEST") and "Headlines" in message
    assert "Paparo" in message.split("Headlines")[1].splitlines()[1]
    assert "[Show source]" in thread and "[Show source]" not in message


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
    [call, reply] = slack.calls_to("chat.postMessage")
    assert call.params["channel"] == CHANNEL and call.headers.get("Authorization") == "Bearer xoxb-test"
    assert "Alliance talks 0" in json.dumps(call.params["blocks"])
    assert reply.params["thread_ts"] == slack.delivered()[0]["ts"]


def test_cli_post_json_gives_each_channels_message_and_thread(db, slack, monkeypatch, capsys):
    add_facts(db)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_BASE_URL", slack.base_url)
    argv = ["digest", "--week", "2024-05-27", "--post", "--json", "--channel", CHANNEL, "--db", db_path(db)]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    [message] = slack.delivered()
    [reply] = slack.replies(message)
    assert data == {"week_start": "2024-05-27", "outcome": "posted", "posts": [
        {"channel": CHANNEL, "outcome": "posted", "ts": message["ts"], "thread_ts": [reply["ts"]], "error": None}]}


def test_cli_post_reports_a_failure_and_a_rerun_posts_it(db, slack, monkeypatch, capsys):
    add_facts(db)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_BASE_URL", slack.base_url)
    slack.fail("chat.postMessage", status=200, error="channel_not_found", times=1)
    argv = ["digest", "--week", "2024-05-27", "--post", "--channel", CHANNEL, "--db", db_path(db)]
    assert main(argv) == 1
    assert "channel_not_found" in capsys.readouterr().out
    assert main(argv) == 0
    assert weeks_posted(slack) == [("2024-05-27", 1), ("2024-05-27", 2)]


def test_cli_post_without_a_token_says_what_to_set(db, slack, monkeypatch, capsys):
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    monkeypatch.setenv("SLACK_API_BASE_URL", slack.base_url)
    assert main(["digest", "--post", "--db", db_path(db)]) == 2
    assert "SLACK_BOT_TOKEN" in capsys.readouterr().err
    assert slack.calls == []


def test_cli_default_week_is_the_last_complete_one(db, capsys):
    assert main(["digest", "--json", "--db", db_path(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    from bot.digest.build import last_complete_week

    expected = last_complete_week(datetime.now(UTC), CONFIG.digest.tz)
    assert data["week_start"] in (expected.isoformat(), (expected + timedelta(days=7)).isoformat())
