"""Correcting a fact from Slack, over signed HTTP against the fake Web API.

A curator's correction goes block_actions -> views.open -> view_submission and shows in
the next answer and after a reload; anyone else's waits in the review channel for a
curator; a forged or replayed submission changes nothing; App Home is published.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
import yaml

from bot.cli.main import main
from bot.config import CurationConfig
from bot.context import Context
from bot.kb import corrections as cx
from bot.kb.db import open_db
from bot.kb.loader import load
from bot.kb.model import date_as_known
from bot.kb.search import PLANNED
from bot.kb.store import all_facts
from bot.slack.app import create_app
from bot.slack.serve import build_asgi
from tests.context import CONFIG
from tests.e2e.slackhttp import (
    CHANNEL,
    Served,
    blocks_text,
    button_action,
    event_envelope,
    overflow_action,
    view_submission,
)

CURATOR, ANALYST, REVIEW = "U0CURATOR", "U0ANALYST", "C0REVIEW"
DOC = """Alliance Newsletter, 31 May 2024

Prime Minister Fumio Kishida met Adm. Samuel Paparo, commander of U.S. Indo-Pacific Command, in Tokyo on May 29, 2024 to discuss command and control.

Japan Ground Self-Defense Force and U.S. Army units ended exercise Orient Shield in Kumamoto on September 19, 2023.
"""


@pytest.fixture
def world(tmp_path, settings, slack):
    """Documents loaded by the real loader, served with one curator and a review channel."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "note.txt").write_text(DOC, encoding="utf-8")
    db_path = tmp_path / "kb.db"
    config = dataclasses.replace(CONFIG, curation=CurationConfig((CURATOR,), REVIEW))
    load(seeds, db_path, config, progress=False)
    db = open_db(db_path)
    world_ctx = Context(db, config, settings=settings)
    with Served(build_asgi(world_ctx, app=create_app(world_ctx))) as served:
        meeting = next(f for f in all_facts(db) if f.kind == "meeting")
        yield {"served": served, "db": db, "db_path": db_path, "seeds": seeds, "config": config,
               "meeting": meeting.id, "title": meeting.title}
    db.close()


def answer_to(slack, send, name: str):
    """Send something whose answer comes to response_url `name`; wait for that answer."""
    before = _count(slack, "response_url")
    send(slack.response_url(name))
    answers = [c for c in slack.wait_for("response_url", count=before + 1) if c.path.endswith("/" + name)]
    assert answers, f"no answer at {name}"
    return answers[-1]


def meetings_text(world, slack, name: str) -> str:
    answer = answer_to(slack, lambda url: world["served"].command("/meetings", "kishida paparo", url), name)
    return blocks_text(answer.params)


def _count(slack, method: str) -> int:
    return len(slack.calls_to(method))


def open_form(world, slack, code: str, user: str) -> dict:
    before = _count(slack, "views.open")
    reply = world["served"].interact(overflow_action(f"{code}:{world['meeting']}", slack.response_url("menu"),
                                                     user=user))
    assert reply.status == 200
    views = slack.wait_for("views.open", count=before + 1)
    assert len(views) == before + 1, "the menu opens a modal"
    return slack.views()[-1]


def submit(world, view: dict, values: dict, user: str):
    return world["served"].interact(view_submission(view, {"reason": "misdated", **values}, user=user))


def test_a_curator_corrects_a_date_and_it_sticks(world, slack, tmp_path):
    view = open_form(world, slack, "date", CURATOR)
    assert view["callback_id"] == "correction" and view["private_metadata"]
    prefilled = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"] if b["type"] == "input"}
    assert prefilled["date_start"] == "2024-05-29"
    assert "29 May 2024" in meetings_text(world, slack, "before")

    reply = submit(world, view, {"date_start": "2024-05-30"}, CURATOR)
    assert reply.status == 200 and "errors" not in reply.body  # the modal closes

    text = meetings_text(world, slack, "after")
    assert "30 May 2024" in text and "29 May 2024" not in text
    assert "corrected by <@U0CURATOR>" in text
    [confirm] = slack.wait_for("chat.postEphemeral")
    assert confirm.params["user"] == CURATOR and confirm.params["channel"] == CHANNEL

    # A reload that rebuilds the facts (a new document arrives) keeps the correction.
    (world["seeds"] / "more.txt").write_text(DOC.replace("Tokyo", "Osaka").replace("Paparo", "Aquilino"),
                                             encoding="utf-8")
    summary = load(world["seeds"], world["db_path"], world["config"], progress=False)
    assert summary.loaded == ["more.txt"]
    text = meetings_text(world, slack, "reloaded")
    assert "30 May 2024" in text and "corrected by <@U0CURATOR>" in text

    out = tmp_path / "curation.yaml"
    assert main(["curation", "export", "--file", str(out), "--db", str(world["db_path"])]) == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["correct"][world["meeting"]] == {"date_start": "2024-05-30"}


def test_an_analyst_correction_waits_for_a_curator(world, slack):
    view = open_form(world, slack, "date", ANALYST)
    assert view["submit"]["text"] == "Send for review"
    assert submit(world, view, {"date_start": "2024-06-02"}, ANALYST).status == 200

    [report] = slack.wait_for("chat.postMessage")
    assert report.params["channel"] == REVIEW
    blocks = json.loads(report.params["blocks"]) if isinstance(report.params["blocks"], str) else report.params["blocks"]
    approve = next(e for b in blocks if b["type"] == "actions" for e in b["elements"]
                   if e["action_id"] == "review_approve")
    assert "2024-06-02" in blocks_text(report.params) and "<@U0ANALYST>" in blocks_text(report.params)
    assert "29 May 2024" in meetings_text(world, slack, "pending")

    # Approving is for curators only: the analyst's own click changes nothing.
    refusal = answer_to(slack, lambda url: world["served"].interact(
        button_action("review_approve", approve["value"], url, user=ANALYST, channel=REVIEW)), "self")
    assert "Only curators" in blocks_text(refusal.params)
    assert "29 May 2024" in meetings_text(world, slack, "still")

    world["served"].interact(button_action("review_approve", approve["value"], slack.response_url("ok"),
                                           user=CURATOR, channel=REVIEW))
    [update] = slack.wait_for("chat.update")
    assert "Approved by <@U0CURATOR>" in blocks_text(update.params)
    text = meetings_text(world, slack, "approved")
    assert "2 Jun 2024" in text or "2 June 2024" in text
    assert "corrected by <@U0ANALYST>" in text


def test_forged_and_replayed_submissions_change_nothing(world, slack):
    view = open_form(world, slack, "date", CURATOR)
    served = world["served"]

    def changed() -> bool:
        return cx.all_corrections(world["db"]) != []

    # Not signed by Slack.
    bad = served.interact(view_submission(view, {"date_start": "1999-01-01"}, user=CURATOR), secret="wrong")
    assert bad.status == 401 and not changed()
    # Signed, but the form was issued to someone else, or never issued at all.
    for forged_view, user in [(view, ANALYST), ({**view, "private_metadata": "made-up-token"}, CURATOR),
                              ({**view, "private_metadata": json.dumps({"fact": world["meeting"]})}, CURATOR)]:
        reply = served.interact(view_submission(forged_view, {"date_start": "1999-01-01"}, user=user))
        assert reply.status == 200 and reply.json()["response_action"] == "errors"
        assert not changed()
    # A bad value is refused with the field named, and the form stays usable.
    reply = submit(world, view, {"date_start": "2024-13-45"}, CURATOR)
    assert "date_start" in reply.json()["errors"] and not changed()
    # The real submission works once; the same payload again does nothing more.
    assert submit(world, view, {"date_start": "2024-05-30"}, CURATOR).status == 200
    again = submit(world, view, {"date_start": "1999-01-01"}, CURATOR)
    assert again.json()["response_action"] == "errors"
    assert [c.fields for c in cx.all_corrections(world["db"])] == [{"date_start": "2024-05-30"}]


def test_not_an_event_then_undo_from_the_same_menu(world, slack):
    view = open_form(world, slack, "people", CURATOR)
    assert submit(world, view, {"participants": "Fumio Kishida\nSamuel Paparo\nRahm Emanuel",
                                "location": "Tokyo", "countries": ""}, CURATOR).status == 200
    text = meetings_text(world, slack, "people")
    assert "Rahm Emanuel" in text
    answer = answer_to(slack, lambda url: world["served"].command("/meetings", "kishida paparo", url), "menu2")
    blocks = answer.params["blocks"]
    options = [o["value"] for b in blocks if b.get("accessory", {}).get("type") == "overflow"
               for o in b["accessory"]["options"]]
    assert f"undo:{world['meeting']}" in options
    view = open_form(world, slack, "undo", CURATOR)
    assert submit(world, view, {}, CURATOR).status == 200
    assert "Rahm Emanuel" not in meetings_text(world, slack, "undone")


def test_votes_are_stored_with_the_query_and_the_items(world, slack, capsys):
    answer = answer_to(slack, lambda url: world["served"].command("/meetings", "kishida paparo", url), "vote")
    down = next(e for b in answer.params["blocks"] if b["type"] == "actions" for e in b["elements"]
                if e["action_id"] == "feedback_down")
    thanks = answer_to(slack, lambda url: world["served"].interact(
        button_action("feedback_down", down["value"], url, user=ANALYST)), "v")
    assert "Thanks" in blocks_text(thanks.params)
    capsys.readouterr()
    assert main(["feedback", "--json", "--db", str(world["db_path"])]) == 0
    [vote] = json.loads(capsys.readouterr().out)
    assert (vote["vote"], vote["user"], vote["query"], vote["items"]) == (
        "down", ANALYST, "kishida paparo", [world["meeting"]])


def test_app_home_is_published_when_opened(world, slack):
    event = {"type": "app_home_opened", "user": CURATOR, "channel": "D0HOME", "tab": "home",
             "event_ts": "1717000003.000100"}
    reply = world["served"].post(json.dumps(event_envelope(event, "EvHOME1")), "application/json")
    assert reply.status == 200
    [publish] = slack.wait_for("views.publish")
    assert publish.params["user_id"] == CURATOR
    view = slack.views("views.publish")[0]
    text = blocks_text({"blocks": view["blocks"]})
    assert view["type"] == "home"
    assert "1 documents, 2 facts (1 exercise, 1 meeting)" in text
    assert "Last load" in text and "Next 8 weeks" in text


def test_status_command_and_cli_agree(world, slack, capsys):
    answer = answer_to(slack, lambda url: world["served"].command("/allybot", "status", url), "status")
    capsys.readouterr()
    assert main(["status", "--json", "--db", str(world["db_path"])]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["facts_by_kind"] == {"exercise": 1, "meeting": 1}
    # The period is the held facts' own span, as precisely as known, however the extractor dates them.
    facts = [f for f in all_facts(open_db(world["db_path"])) if not f.title.endswith(PLANNED)]
    earliest = min(facts, key=lambda f: f.date_start)
    latest = max(facts, key=lambda f: f.date_end or f.date_start)
    first = date_as_known(earliest.date_start, earliest.date_precision)
    last = date_as_known(latest.date_end or latest.date_start, latest.date_precision)
    assert (data["period"]["first"], data["period"]["last"]) == (first, last)
    assert f"{first} to {last}" in blocks_text(answer.params)
    assert data["last_load"]["loaded"] == 1 and data["last_load"]["skipped"] == []
    assert [d["doc_id"] for d in data["added_this_week"]["documents"]] == ["note.txt"]




def test_not_an_event_is_undone_from_the_home_tab_by_a_curator(world, slack):
    view = open_form(world, slack, "suppress", CURATOR)
    assert submit(world, view, {}, CURATOR).status == 200
    assert world["title"] not in meetings_text(world, slack, "gone")

    def home(user: str, event_id: str) -> dict:
        before = _count(slack, "views.publish")
        event = {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": "home"}
        world["served"].post(json.dumps(event_envelope(event, event_id)), "application/json")
        slack.wait_for("views.publish", count=before + 1)
        return slack.views("views.publish")[-1]

    undo = [b["accessory"] for b in home(CURATOR, "EvH1")["blocks"]
            if b.get("accessory", {}).get("action_id") == "correction_undo"]
    assert len(undo) == 1
    assert not any(b.get("accessory") for b in home(ANALYST, "EvH2")["blocks"]), "only curators get Undo"

    # An analyst's forged click changes nothing; the curator's brings the fact back.
    world["served"].interact(button_action("correction_undo", undo[0]["value"], slack.response_url("x"),
                                           user=ANALYST, channel="D0HOME"))
    before = _count(slack, "views.publish")
    world["served"].interact(button_action("correction_undo", undo[0]["value"], slack.response_url("y"),
                                           user=CURATOR, channel="D0HOME"))
    slack.wait_for("views.publish", count=before + 1)
    assert [c.status for c in cx.all_corrections(world["db"])] == ["undone", "applied"]
    assert world["title"] in meetings_text(world, slack, "back")
