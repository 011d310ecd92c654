"""Adding documents from Slack, end to end: signed HTTP in, the fake Web API and a local
web server out, the real loader and SQLite in between."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime

import pytest

from bot.config import IngestConfig
from bot.context import Context
from bot.slack.serve import build_asgi
from tests import makedocs
from tests.context import CONFIG
from tests.e2e.slackhttp import BOT_TOKEN, CHANNEL, USER, Served, blocks_text, mention
from tests.webserver import WebServer

DM = "D0ANALYST"
MEETING = ("Defense Minister Minoru Kihara met Secretary of Defense Lloyd Austin in Tokyo on "
           "July 28 and agreed to upgrade U.S. Forces Japan into a joint force headquarters.")
FILLER = ("The ministers also reviewed the co-production of air defense missiles and the "
          "stationing of new units in the southwest islands.")


def statement_pdf() -> bytes:
    return makedocs.pdf_bytes(["Joint Statement of the Defense Ministers", "July 29, 2024", MEETING, FILLER],
                              title="Joint Statement of the Defense Ministers",
                              created=datetime(2024, 8, 1, tzinfo=UTC))


def news_page(extra: str = "") -> bytes:
    return makedocs.html_page("Kihara and Austin meet in Tokyo", [MEETING, FILLER + extra],
                              published="2024-07-29T09:00:00+09:00")


@pytest.fixture
def site():
    with WebServer() as server:
        yield server


def make_config(tmp_path, **ingest):
    """The test's own documents folder; fetching the local web server must be allowed
    explicitly (it is on 127.0.0.1), as an operator would for an intranet."""
    return dataclasses.replace(CONFIG, seeds=tmp_path / "docs",
                               ingest=IngestConfig(**{"allow_private_urls": True, **ingest}))


@pytest.fixture
def config(tmp_path):
    cfg = make_config(tmp_path)
    cfg.seeds.mkdir()
    return cfg


def serve(settings, db, config):
    return Served(build_asgi(Context(db, config, settings=settings)))


@pytest.fixture
def served(settings, db, config, slack):
    slack.token = BOT_TOKEN
    with serve(settings, db, config) as app:
        yield app


def dm_file_share(file_id: str, ts: str) -> dict:
    return {"type": "message", "subtype": "file_share", "channel": DM, "channel_type": "im",
            "user": USER, "text": "", "ts": ts, "event_ts": ts, "files": [{"id": file_id}]}


def docs(db) -> dict[str, dict]:
    return {r["id"]: r for r in db.query("select * from documents")}


def last_post(slack, count: int = 1) -> dict:
    """The reply in the thread: "Reading …" posted at once, then updated with the answer."""
    placeholder = slack.wait_for("chat.postMessage", count)[-1].params
    answer = slack.wait_for("chat.update", count)[-1].params
    assert "Reading" in placeholder["text"] and answer["channel"] == placeholder["channel"]
    return {**placeholder, **answer}


def remove_button(payload: dict) -> dict:
    blocks = payload["blocks"] if isinstance(payload["blocks"], list) else json.loads(payload["blocks"])
    return next(e for b in blocks for e in b.get("elements") or [] if e.get("action_id") == "remove_document")


def test_a_pdf_shared_in_a_dm_is_answered_in_its_thread_with_the_facts_found(served, slack, db, config):
    slack.add_file("F0PDF", "scc-statement.pdf", statement_pdf(), "application/pdf")
    assert served.event(dm_file_share("F0PDF", "1722300000.000100"), "Ev-pdf").status == 200

    reply = last_post(slack)
    assert reply["channel"] == DM and reply["thread_ts"] == "1722300000.000100"
    text = blocks_text(reply)
    assert "Joint Statement of the Defense Ministers" in text
    assert "29 July 2024" in text, "the date the statement gives, and how it was found"
    assert "28 July 2024" in text, "the meeting, with its date"
    assert remove_button(reply)["value"].startswith("added/")
    # Downloaded with the bot token from url_private; kept under the documents folder.
    download = slack.calls_to("url_private")[-1]
    assert download.headers.get("Authorization") == f"Bearer {BOT_TOKEN}"
    (doc,) = docs(db).values()
    assert doc["added_by"] == USER and doc["source_url"].endswith("/F0PDF/scc-statement.pdf")
    assert doc["added_at"] and doc["format"] == "pdf"
    assert (config.seeds / doc["id"]).read_bytes() == statement_pdf()


def test_allybot_docs_json_shows_who_added_what_from_where(served, slack, db, capsys):
    from bot.cli.main import main

    slack.add_file("F0PDF", "scc-statement.pdf", statement_pdf(), "application/pdf")
    served.event(dm_file_share("F0PDF", "1722300000.000100"), "Ev-pdf")
    last_post(slack)
    db_file = db.execute("PRAGMA database_list").fetchone()[2]
    assert main(["docs", "--json", "--db", db_file]) == 0
    (doc,) = json.loads(capsys.readouterr().out)
    assert doc["added_by"] == USER and doc["source_url"] and doc["added_at"]


def test_a_link_in_a_mention_is_fetched_and_added(served, slack, db, site):
    url = site.page("/news/kihara-austin.html", news_page())
    served.event(mention(f"add <{url}>", "1722300000.000200"), "Ev-link")
    reply = last_post(slack)
    assert reply["channel"] == CHANNEL and reply["thread_ts"] == "1722300000.000200"
    text = blocks_text(reply)
    assert "Kihara and Austin meet in Tokyo" in text and "page's metadata" in text
    assert "28 July 2024" in text
    (doc,) = docs(db).values()
    assert doc["source_url"] == url and doc["date"] == "2024-07-29"


def test_a_mention_without_add_is_still_a_question(served, slack, db, site):
    served.event(mention("who met in Tokyo?", "1722300000.000300"), "Ev-question")
    (answer,) = slack.wait_for("chat.postMessage")
    assert "Reading" not in answer.params["text"]
    assert docs(db) == {} and slack.calls_to("chat.update") == [], "a question adds nothing"


def test_add_refuses_a_private_url_unless_allowed(settings, db, slack, site, tmp_path):
    config = make_config(tmp_path, allow_private_urls=False)
    config.seeds.mkdir()
    url = site.page("/admin", b"<html>internal</html>")
    with serve(settings, db, config) as app:
        app.command("/add", url, slack.response_url("add"))
        (answer,) = slack.wait_for("response_url")
    assert "private network" in blocks_text(answer.params)
    assert answer.params.get("response_type") == "ephemeral"
    assert site.hits["/admin"] == 0, "never requested"
    assert docs(db) == {}


def test_add_fetches_a_page_and_answers_in_the_channel_then_a_changed_page_replaces_it(served, slack, db, site):
    url = site.page("/news/talks.html", news_page())
    served.command("/add", url, slack.response_url("add1"))
    first = slack.wait_for("response_url")[-1].params
    assert first["response_type"] == "in_channel" and "Kihara and Austin" in blocks_text(first)
    (before,) = docs(db).values()

    site.page("/news/talks.html", news_page(" The ministers will meet again in the autumn."))
    served.command("/add", url, slack.response_url("add2"))
    second = slack.wait_for("response_url", 2)[-1].params
    assert "Updated" in blocks_text(second)
    (after,) = docs(db).values()
    assert after["id"] == before["id"] and "again in the autumn" in after["text"]


@pytest.mark.parametrize("name, data, size, reason", [
    ("huge.pdf", b"%PDF-1.4", 50_000_000, "too large"),
    ("budget.xlsx", b"PK\x03\x04", None, "unsupported type .xlsx"),
    ("scan.pdf", makedocs.scanned_pdf_bytes(), None, "scanned PDF with no text layer"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj <<>> garbage", None, "not a readable PDF"),
    ("menu.html", b"<html><body><nav>Home | About</nav></body></html>", None, "no article text"),
    ("photo.eml", makedocs.eml_bytes("Picture", datetime(2024, 1, 1, tzinfo=UTC)), None, "no text part"),
])
def test_files_allybot_cannot_add_get_the_reason_in_the_thread(served, slack, db, config, name, data, size, reason):
    slack.add_file("F0BAD", name, data, size=size)
    served.event(dm_file_share("F0BAD", "1722300000.000400"), "Ev-bad")
    reply = last_post(slack)
    assert reason in blocks_text(reply)
    assert docs(db) == {}
    assert not [p for p in config.seeds.rglob("*") if p.is_file() and not p.name.startswith(".")]
    if reason in ("too large", "unsupported type .xlsx"):
        assert slack.calls_to("url_private") == [], "not even downloaded"


def test_an_event_delivered_twice_adds_once_and_a_second_share_is_recognised(served, slack, db):
    slack.add_file("F0PDF", "scc-statement.pdf", statement_pdf(), "application/pdf")
    event = dm_file_share("F0PDF", "1722300000.000500")
    served.event(event, "Ev-twice")
    last_post(slack)
    assert served.event(event, "Ev-twice", retry=1).status == 200
    slack.add_file("F0COPY", "copy-of-statement.pdf", statement_pdf(), "application/pdf")
    served.event(dm_file_share("F0COPY", "1722300000.000600"), "Ev-copy")
    reply = last_post(slack, 2)
    assert len(slack.calls_to("chat.postMessage")) == 2, "the redelivery was not answered again"
    assert "Already in allybot" in blocks_text(reply)
    assert len(docs(db)) == 1


def test_remove_unloads_the_document_and_deletes_its_file(served, slack, db, config):
    slack.add_file("F0PDF", "scc-statement.pdf", statement_pdf(), "application/pdf")
    served.event(dm_file_share("F0PDF", "1722300000.000700"), "Ev-rm")
    doc_id = remove_button(last_post(slack))["value"]
    assert db["facts"].count > 0

    from tests.e2e.slackhttp import block_action

    served.interact(block_action("remove_document", doc_id, slack.response_url("rm")))
    (answer,) = slack.wait_for("response_url")
    assert "Removed" in blocks_text(answer.params) and answer.params.get("replace_original") is True
    assert docs(db) == {} and db["facts"].count == 0
    assert not (config.seeds / doc_id).exists()


def test_adding_is_refused_in_channels_not_listed(settings, db, slack, site, tmp_path):
    config = make_config(tmp_path, allowed_channels=("C0LIBRARY",))
    config.seeds.mkdir()
    url = site.page("/news/k.html", news_page())
    with serve(settings, db, config) as app:
        app.event(mention(f"add <{url}>", "1722300000.000850"), "Ev-channel")
        (refusal,) = slack.wait_for("chat.postEphemeral")
    assert "allowed_channels" in refusal.params["text"] and refusal.params["channel"] == CHANNEL
    assert docs(db) == {} and site.hits["/news/k.html"] == 0


def test_only_allowed_people_may_add(settings, db, slack, tmp_path):
    config = make_config(tmp_path, allowed_users=("U0LIBRARIAN",))
    config.seeds.mkdir()
    slack.add_file("F0PDF", "scc-statement.pdf", statement_pdf(), "application/pdf")
    with serve(settings, db, config) as app:
        app.event(dm_file_share("F0PDF", "1722300000.000800"), "Ev-refused")
        (refusal,) = slack.wait_for("chat.postEphemeral")
    assert "allowed_users" in refusal.params["text"] and refusal.params["user"] == USER
    assert docs(db) == {} and slack.calls_to("files.info") == []


def test_the_add_to_allybot_shortcut_adds_a_messages_link_in_its_thread(served, slack, db, site):
    url = site.page("/news/shortcut.html", news_page())
    payload = {
        "type": "message_action", "callback_id": "add_to_allybot", "trigger_id": "1.2.3",
        "team": {"id": "T0TEST"}, "user": {"id": USER}, "channel": {"id": CHANNEL},
        "message_ts": "1722300000.000900", "response_url": slack.response_url("sc"),
        "message": {"type": "message", "user": "U0OTHER", "ts": "1722300000.000900",
                    "text": f"Worth reading: <{url}|Kihara and Austin>"},
    }
    served.interact(payload)
    reply = last_post(slack)
    assert reply["thread_ts"] == "1722300000.000900" and "Kihara and Austin meet" in blocks_text(reply)
    assert len(docs(db)) == 1
