"""Following, exporting, the calendar feed, /who and Cite, as Slack and a calendar app use them:
signed HTTP in, the real WebClient out to the fake Web API, real loads of real documents."""

from __future__ import annotations

import csv
import io
import json
import shutil
import urllib.request

import pytest
from icalendar import Calendar

from bot.cli.main import main
from bot.kb.db import open_db
from bot.kb.model import Period
from bot.kb.store import all_facts
from bot.settings import Settings
from bot.slack.serve import build_asgi
from commands.export import inert
from tests.conftest import SEEDS
from tests.context import ctx
from tests.e2e.slackhttp import USER, Served, block_action, blocks_text

TOKEN = "cal-token-for-tests-0123"

# A short document written for these tests, added between loads.
EXTRA_DOC = """Japan, US and Philippine forces train together

Manila, March 3, 2025

U.S. Marine Corps and Japan Ground Self-Defense Force units held exercise Kamandag with the
Philippine Marine Corps in Luzon from May 26 to June 6, 2025.
"""


@pytest.fixture
def feed_settings(slack, monkeypatch) -> Settings:
    monkeypatch.setenv("ALLYBOT_CALENDAR_TOKEN", TOKEN)
    from tests.e2e.slackhttp import BOT_TOKEN, SIGNING_SECRET

    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    monkeypatch.setenv("SLACK_API_BASE_URL", slack.base_url)
    return Settings.from_env("http")


def _cli_json(capsys, *argv) -> object:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def _seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def test_a_follow_made_before_a_load_gets_one_dm_after_it_and_none_after_a_reload(
        tmp_path, slack, feed_settings, capsys):
    path = tmp_path / "kb.db"
    db = open_db(path)
    seeds = _seeds(tmp_path)
    with Served(build_asgi(ctx(db, settings=feed_settings))) as app:
        app.command("/follow", "exercises", slack.response_url("follow"))
        [answer] = slack.wait_for("response_url")
        assert "Following" in blocks_text(answer.params)

        loaded = _cli_json(capsys, "load", "--seeds", str(seeds), "--db", str(path), "--json", "-q")
        expected = _cli_json(capsys, "facts", "exercises", "--db", str(path), "--json")
        assert expected, "the seeds hold exercises"
        [opened] = slack.calls_to("conversations.open")
        assert opened.params["users"] == USER
        [dm] = slack.calls_to("chat.postMessage")
        assert dm.params["channel"] == "D" + USER
        text = blocks_text(dm.params)
        assert f"{len(expected)} new or changed fact" in text
        shown = [f for f in expected if f["title"] in text]
        assert len(shown) == min(len(expected), 15)
        [sent] = loaded["notified"]
        assert sent["ts"]
        assert {**sent, "ts": None} == {"user": USER, "facts": len(expected), "outcome": "sent",
                                        "channel": "D" + USER, "ts": None, "error": None}

        # A reload that brings nothing new sends nothing: the same files, then one without events.
        again = _cli_json(capsys, "load", "--seeds", str(seeds), "--db", str(path), "--json", "-q")
        assert again["notified"] == []
        (seeds / "zz_touch.txt").write_text("Weather report\n\nIt rained in Tokyo.\n", encoding="utf-8")
        _cli_json(capsys, "load", "--seeds", str(seeds), "--db", str(path), "--json", "-q")
        assert main(["notify", "--db", str(path)]) == 0
        assert len(slack.calls_to("chat.postMessage")) == 1
    db.close()


def test_export_uploads_a_csv_whose_rows_are_allybot_facts_json(seeded_db_path, tmp_path, slack,
                                                                feed_settings, capsys):
    path = tmp_path / "kb.db"
    shutil.copy(seeded_db_path, path)
    db = open_db(path)
    with Served(build_asgi(ctx(db, settings=feed_settings))) as app:
        app.command("/export", "exercises", slack.response_url("export"))
        [done] = slack.wait_for("files.completeUploadExternal")
        [reply] = slack.wait_for("response_url")
    assert "Uploaded" in blocks_text(reply.params)
    [ask] = slack.calls_to("files.getUploadURLExternal")
    assert ask.params["filename"] == "allybot-exercises.csv"
    files = json.loads(done.params["files"])
    assert done.params["channel_id"] == "C0ALLIANCE"
    data = slack.uploads[files[0]["id"]].decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(data)))
    expected = _cli_json(capsys, "facts", "exercises", "--db", str(path), "--json")
    assert [r["id"] for r in rows] == [f["id"] for f in expected]
    for row, fact in zip(rows, expected, strict=True):
        assert row["title"] == inert(fact["title"]) and row["kind"] == fact["kind"]
        assert (row["date_start"], row["date_end"]) == (fact["date_start"] or "", fact["date_end"] or "")
        assert row["participants"] == inert("; ".join(fact["participants"]))
        assert json.loads(row["sources"]) == fact["sources"]
        assert fact["doc_title"].rstrip(".") in row["citations"]
    db.close()


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


def test_the_calendar_feed_holds_every_dated_fact_refuses_a_wrong_token_and_keeps_uids(
        tmp_path, slack, feed_settings, capsys):
    path = tmp_path / "kb.db"
    seeds = _seeds(tmp_path)
    _cli_json(capsys, "load", "--seeds", str(seeds), "--db", str(path), "--json", "-q")
    db = open_db(path)
    with Served(build_asgi(ctx(db, settings=feed_settings))) as app:
        for bad in ("", "?token=", "?token=wrong", f"?token={TOKEN}x"):
            assert _get(f"{app.url}/calendar.ics{bad}")[0] == 404
        status, body = _get(f"{app.url}/calendar.ics?token={TOKEN}")
        assert status == 200
        before = {str(e["UID"]): str(e["SUMMARY"]) for e in Calendar.from_ical(body).walk("VEVENT")}
        dated = {f.id for f in all_facts(db) if Period.of_fact(f.date_start, f.date_end, f.date_precision)}
        assert dated and set(before) == dated

        (seeds / "zz_kamandag.txt").write_text(EXTRA_DOC, encoding="utf-8")
        _cli_json(capsys, "load", "--seeds", str(seeds), "--db", str(path), "--json", "-q")
        status, body = _get(f"{app.url}/calendar.ics?token={TOKEN}&kind=exercise")
        after_exercises = {str(e["UID"]) for e in Calendar.from_ical(body).walk("VEVENT")}
        status, body = _get(f"{app.url}/calendar.ics?token={TOKEN}")
        after = {str(e["UID"]): str(e["SUMMARY"]) for e in Calendar.from_ical(body).walk("VEVENT")}
    assert {u: after.get(u) for u in before} == before  # same events, same UIDs, updated in place
    assert after_exercises <= set(after) and after_exercises
    db.close()


def test_the_calendar_feed_is_404_without_a_configured_token(served):
    assert _get(f"{served.url}/calendar.ics?token=anything")[0] == 404


def test_who_paparo_lists_his_facts(seeded_db_path, tmp_path, slack, feed_settings):
    path = tmp_path / "kb.db"
    shutil.copy(seeded_db_path, path)
    db = open_db(path)
    his = [f for f in all_facts(db) if "Samuel Paparo" in f.participants]
    with Served(build_asgi(ctx(db, settings=feed_settings))) as app:
        app.command("/who", "paparo", slack.response_url("who"))
        [answer] = slack.wait_for("response_url")
    text = blocks_text(answer.params)
    assert "Who: Samuel Paparo" in text
    assert his and all(f.title in text for f in his[:5])
    db.close()


def test_cite_gives_a_note_per_source_with_the_quote(served, slack):
    served.interact(block_action("cite", "f-dialogue", slack.response_url("cite")))
    [answer] = slack.wait_for("response_url")
    assert answer.params.get("response_type") == "ephemeral"
    text = blocks_text(answer.params)
    assert "\u201cSpace dialogue in Washington,\u201d August 27, 2024." in text.replace("&amp;", "&")
    assert "Comprehensive Dialogue on Space in Washington" in text


def test_every_fact_answer_has_a_cite_button(served, slack):
    served.command("/meetings", "", slack.response_url("m"))
    [answer] = slack.wait_for("response_url")
    blocks = answer.params["blocks"]
    cites = [e["value"] for b in blocks if b["type"] == "actions" for e in b["elements"] if e["action_id"] == "cite"]
    # Each fact's menu (Show source, corrections) names the fact in its options' values.
    shown = [b["accessory"]["options"][0]["value"].split(":", 1)[1]
             for b in blocks if b["type"] == "section" and b.get("accessory", {}).get("type") == "overflow"]
    assert cites and cites == shown
