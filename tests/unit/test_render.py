"""The renderer: golden Block Kit per command, Slack's limits, dates, buttons and plain text.

Regenerate the golden files after an intended change with UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from slack_sdk.models.blocks import Block

from bot.digest.build import Digest, NewDocument, Section
from bot.kb.model import Fact, Passage, Period, Source
from bot.slack import blocks as render
from bot.slack.listeners.actions import ACTIONS
from bot.slack.listeners.cite import CITE
from bot.slack.listeners.curation import ACTIONS as CURATION_ACTIONS
from commands import exercises, help, lookup, meetings, space
from commands.errors import UsageError
from commands.results import DigestResult, FactsResult, PassagesResult
from tests import golden_facts
from tests.context import ctx

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
ACTION_IDS = {*ACTIONS, CITE, *CURATION_ACTIONS}  # every button rendered has a listener


@pytest.fixture
def fx(tmp_path):
    db = golden_facts.build(tmp_path / "fixture.db")
    yield db
    db.close()


def check_message(payload: dict) -> None:
    """Everything Slack would reject, checked the way slack_sdk and Slack check it."""
    assert set(payload) == {"text", "blocks"}
    assert payload["text"] and len(payload["text"]) < 4000
    blocks = payload["blocks"]
    assert 1 <= len(blocks) <= 50
    for block in Block.parse_all(blocks):
        block.to_dict()  # raises SlackObjectFormationError past a limit
    for b in blocks:
        if b["type"] == "section":
            assert len(b["text"]["text"]) <= 3000
        if b["type"] == "header":
            assert len(b["text"]["text"]) <= 150
        if b["type"] == "context":
            assert len(b["elements"]) <= 10
        buttons = b.get("elements", []) if b["type"] == "actions" else [b.get("accessory") or {}]
        for button in buttons:
            if button.get("type") == "overflow":  # Slack: 1-5 options, values up to 150
                assert button["action_id"] == "fact_menu" and 1 <= len(button["options"]) <= 5
                assert all(len(o["value"]) <= 150 and len(o["text"]["text"]) <= 75 for o in button["options"])
            if button.get("type") == "button":
                assert button["action_id"] in ACTION_IDS
                assert len(button["value"]) < 2000
                assert len(button["text"]["text"]) <= 75


def compare_golden(name: str, payload: dict) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        if not os.environ.get("UPDATE_GOLDEN"):
            pytest.fail(f"no golden file {path.name}: run with UPDATE_GOLDEN=1 to create it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == payload, f"{path.name} changed"


def buttons(payload: dict) -> list[dict]:
    out = []
    for b in payload["blocks"]:
        if b["type"] == "actions":
            out += b["elements"]
        elif b.get("accessory", {}).get("type") == "button":
            out.append(b["accessory"])
    return out


def run(module, text, db):
    return module.run(module.parse(text), ctx(db))


def digest_result(db) -> DigestResult:
    facts = {f.id: f for f in (golden_facts.fact(i, db_path(db)) for i in
                               ("m-kishida-paparo", "m-paparo-kihara", "m-trilateral-vfm", "e-valiant-shield"))}
    return DigestResult.of(Digest(
        week=Period.week(date(2024, 5, 27)),
        sections=[Section("meeting", "Meetings",
                          [facts["m-kishida-paparo"], facts["m-paparo-kihara"], facts["m-trilateral-vfm"]])],
        upcoming=[facts["e-valiant-shield"]],
        new_documents=[NewDocument("digest_2024_05.txt", "Alliance Newsletter, 31 May 2024",
                                   "2024-05-31T09:00:00+00:00")],
    ))


def db_path(db) -> str:
    return db.conn.execute("PRAGMA database_list").fetchone()[2]


CASES = [
    ("meetings_kishida_paparo", meetings, "kishida paparo"),
    ("meetings_recent", meetings, ""),
    ("meetings_no_match", meetings, "zzqqx"),
    ("exercises_2023", exercises, "2023"),
    ("space_artemis", space, "artemis"),
    ("lookup_indopacom", lookup, "who is the new INDOPACOM commander"),
    ("lookup_no_match", lookup, "zzqqx wobble"),
    ("lookup_event_card", lookup, "when does valiant shield run"),
    ("help", help, ""),
    ("help_meetings", help, "help meetings"),
]


@pytest.mark.parametrize("name,module,text", CASES)
def test_golden_commands(fx, name, module, text):
    payload = render.to_blocks(run(module, text, fx))
    check_message(payload)
    compare_golden(name, payload)


def built_digest(db) -> DigestResult:
    """The fixture's week of 27 May 2024 through the real builder (headlines, trend, upcoming)."""
    from zoneinfo import ZoneInfo

    from bot.digest.build import build_digest

    return DigestResult.of(build_digest(db, date(2024, 5, 27), tz=ZoneInfo("Asia/Tokyo")))


def test_golden_digest(fx):
    """/digest's private answer: the channel message, then the details (no thread there)."""
    payload = render.to_blocks(built_digest(fx))
    check_message(payload)
    compare_golden("digest", payload)
    post = [b for b in buttons(payload) if b["action_id"] == "digest_post"]
    assert post and post[0]["value"] == "2024-05-27"
    text = json.dumps(payload)
    assert "source: Alliance Newsletter" in text and "Coming up" in text and "New documents" in text
    assert "digest_post" not in json.dumps(render.to_blocks(built_digest(fx), interactive=False))


def test_golden_digest_message_and_thread(fx):
    """The two parts posted: headlines, counts, trend and coming up in the channel; every
    item with a one-sentence quote and a Show source button in the thread."""
    result = built_digest(fx)
    message, thread = render.digest_message_blocks(result), render.digest_thread_blocks(result)
    for name, payload in (("digest_message", message), ("digest_thread", thread)):
        check_message(payload)
        compare_golden(name, payload)
    headlines = message["blocks"][1]["text"]["text"]
    assert headlines.startswith("*Headlines*") and "Kishida" in headlines.splitlines()[1]
    assert "Coming up" in json.dumps(message) and "(this month)" in json.dumps(message)
    assert "show_source" not in json.dumps(message)
    shown = [b["value"] for b in buttons(thread) if b["action_id"] == "show_source"]
    assert sorted(shown) == sorted(f.id for f in result.items)
    for block in thread["blocks"]:
        quote = [ln for ln in (block.get("text") or {}).get("text", "").splitlines() if ln.startswith(">")]
        assert len(quote) <= 1  # one sentence, on one line


def test_a_quiet_digest_is_a_title_and_one_line_with_no_thread():
    result = DigestResult.of(Digest(week=Period.week(date(2024, 1, 1)),
                                    message="Quiet week: nothing is dated 1–7 Jan 2024."))
    message = render.digest_message_blocks(result)
    assert [b["type"] for b in message["blocks"]] == ["header", "section"]
    assert render.digest_thread_blocks(result) is None


def test_a_closing_line_ends_the_digest_message_and_the_private_answer(fx):
    result = built_digest(fx)
    result.digest.curation_line = "2 corrections this week."
    message = render.digest_message_blocks(result)
    assert message["blocks"][-1] == {"type": "context", "block_id": "closing", "elements": [
        {"type": "mrkdwn", "text": "2 corrections this week."}]}
    # The preview sets it apart at the foot, not as a note under "Coming up".
    assert render.preview_text(message).endswith("\n\n2 corrections this week.")
    private = render.to_blocks(result)
    assert private["blocks"][-2]["elements"][0]["text"] == "2 corrections this week."  # then the button
    assert render.to_text(result).endswith("2 corrections this week.")


def test_golden_quiet_digest():
    result = DigestResult.of(Digest(week=Period.week(date(2024, 1, 1)),
                                    message="Quiet week: nothing is dated 1–7 Jan 2024."))
    payload = render.to_blocks(result)
    check_message(payload)
    compare_golden("digest_quiet", payload)


def test_golden_usage_apology_source_passages(fx):
    err = UsageError("until:2024-13: there is no month 13.", hint="Months go from 01 to 12.",
                     suggestions=["until:2024-12"])
    cases = {
        "usage": render.usage_blocks(err),
        "apology": render.apology_blocks("abc123"),
        "source": render.source_blocks(golden_facts.fact("m-kishida-paparo", db_path(fx))),
        "passages": render.passages_blocks(
            run(lookup, "who is the new INDOPACOM commander", fx).passages, "who is the new INDOPACOM commander"
        ),
    }
    for name, payload in cases.items():
        check_message(payload)
        compare_golden(name, payload)
    assert "ref abc123" in cases["apology"]["text"]
    assert "until:2024-12" in json.dumps(cases["usage"])


def menus(payload: dict) -> list[list[str]]:
    return [[o["value"] for o in b["accessory"]["options"]] for b in payload["blocks"]
            if b.get("accessory", {}).get("type") == "overflow"]


def test_fact_results_have_the_buttons(fx):
    q = meetings.parse("")
    result = meetings.run(q, ctx(fx))
    assert result.total > result.page_size
    payload = render.to_blocks(result)
    by_action = {}
    for b in buttons(payload):
        by_action.setdefault(b["action_id"], []).append(b["value"])
    assert menus(payload) == [[f"{code}:{f.id}" for code in ("source", "date", "people", "suppress", "merge")]
                              for f in result.items]
    assert "feedback_up" not in by_action  # only answers recorded as shown can be voted on
    assert json.loads(by_action["share"][0]) == {"command": "meetings", "text": "", "page": 1}
    assert json.loads(by_action["more"][0]) == {"command": "meetings", "text": "", "page": 2}
    last = meetings.parse("page:2")
    payload2 = render.to_blocks(meetings.run(last, ctx(fx)))
    assert "more" not in {b["action_id"] for b in buttons(payload2)}  # nothing after the last page
    assert buttons(render.to_blocks(result, interactive=False)) == []
    assert menus(render.to_blocks(result, interactive=False)) == []


def test_a_corrected_fact_says_who_and_offers_undo_in_place_of_its_entry(fx):
    result = run(meetings, "kishida paparo", fx)
    fact = result.items[0]
    result.notes = {fact.id: {"text": "corrected by <@U0CURATOR> on 3 Dec", "correction": 7, "slot": "date"}}
    result.answer_id = 42
    payload = render.to_blocks(result)
    check_message(payload)
    section = next(b for b in payload["blocks"] if f"source:{fact.id}" in json.dumps(b.get("accessory")))
    assert "_corrected by <@U0CURATOR> on 3 Dec_" in section["text"]["text"]
    assert [o["value"] for o in section["accessory"]["options"]] == [
        f"source:{fact.id}", f"undo:{fact.id}", f"people:{fact.id}", f"suppress:{fact.id}", f"merge:{fact.id}"]
    votes = {b["action_id"]: b["value"] for b in buttons(payload) if b["action_id"].startswith("feedback")}
    assert votes == {"feedback_up": "42", "feedback_down": "42"}
    assert "(corrected by @U0CURATOR on 3 Dec)" in render.to_text(result)


def test_each_fact_shows_date_title_people_place_quote_and_source(fx):
    payload = render.to_blocks(run(meetings, "kishida paparo", fx))
    section = next(b for b in payload["blocks"] if "source:m-kishida-paparo" in json.dumps(b.get("accessory")))
    text = section["text"]["text"]
    for part in ("29 May 2024", "*Kishida meets new INDOPACOM commander Paparo*", "Fumio Kishida, Samuel Paparo",
                 "Tokyo", "> Prime Minister Kishida met", "_source: Alliance Newsletter, 31 May 2024_"):
        assert part in text


def test_a_document_cited_for_several_passages_is_named_once():
    fact = Fact(
        id="m-x", kind="meeting", title="Ministers meet", summary="", date_start="2024-07-28",
        date_end="2024-07-28", date_precision="day", participants=[], countries=["Japan"], location=None,
        doc_id="a.txt", doc_title="Joint statement", quote="q", span=[0, 1],
        sources=[Source("a.txt", "Joint statement", "q", [0, 1]), Source("a.txt", "Joint statement", "r", [2, 3]),
                 Source("b.txt", "NEWS", "s", [0, 1]), Source("b.txt", "NEWS", "t", [2, 3]),
                 Source("c.txt", "Wire", "u", [0, 1])],
    )
    text = render.to_text(FactsResult(command="meetings", query="", facts=[fact], total=1))
    assert "source: Joint statement; also in NEWS, Wire" in text


def long_fact(i: int) -> Fact:
    quote = ("A very long quote about alliance cooperation & <deterrence> " * 40).strip()
    return Fact(
        id=f"f{i:04d}" + "x" * 30, kind="meeting", title=f"Meeting number {i} " + "with a long title " * 20,
        summary="", date_start="2024-05-29", date_end="2024-05-30", date_precision="day",
        participants=[f"Person {j}" for j in range(12)], countries=["Japan"], location="Tokyo",
        doc_id="d.txt", doc_title="A document " * 30, quote=quote, span=[0, len(quote)],
        sources=[Source(f"d{j}.txt", f"Doc {j}", quote, [0, 1]) for j in range(6)],
    )


@pytest.mark.parametrize("interactive", [True, False])
def test_a_200_fact_result_fits_in_one_message(interactive):
    facts = [long_fact(i) for i in range(200)]
    result = FactsResult(command="meetings", query="alliance " * 300, facts=facts, total=200, page_size=200)
    payload = render.to_blocks(result, interactive=interactive)
    check_message(payload)
    assert "more not shown" in json.dumps(payload)


def test_a_200_fact_digest_fits_or_is_left_whole_for_the_poster():
    from bot.digest.build import Headline
    from bot.digest.headlines import significance

    facts = [long_fact(i) for i in range(200)]
    result = DigestResult.of(Digest(week=Period.week(date(2024, 5, 27)),
                                    sections=[Section("meeting", "Meetings", facts)], upcoming=facts[:50],
                                    headlines=[Headline(f, significance(f)) for f in facts[:5]]))
    check_message(render.to_blocks(result))
    check_message(render.digest_message_blocks(result))
    whole = render.digest_thread_blocks(result)
    assert len(whole["blocks"]) > 50  # the poster splits the thread into several replies
    for block in Block.parse_all(whole["blocks"]):
        block.to_dict()


def test_many_long_passages_fit():
    text = "The alliance deepened its cooperation. " * 300
    passages = [Passage("d.txt", "Doc", "2024-05-31", text, [0, len(text)], 1.0, text) for _ in range(80)]
    result = PassagesResult(command="lookup", query="alliance", passages=passages, total=80, page_size=80)
    check_message(render.to_blocks(result))
    check_message(render.passages_blocks(passages, "alliance " * 500))


def test_help_lists_every_command_in_the_registry(fx):
    import commands

    payload = render.to_blocks(run(help, "", fx))
    text = json.dumps(payload)
    for c in commands.COMMANDS:
        if c.name != "allybot":
            assert c.slash in text


@pytest.mark.parametrize(
    "start,end,precision,expected",
    [
        ("2024-05-29", "2024-05-29", "day", "29 May 2024"),
        ("2024-05-29", None, "day", "29 May 2024"),
        ("2024-06-01", "2024-06-30", "month", "June 2024"),
        ("2024-06", None, None, "June 2024"),
        ("2025-01-01", "2025-12-31", "year", "2025"),
        ("2025", None, None, "2025"),
        ("2024-08-26", "2024-08-27", "day", "26–27 Aug 2024"),
        ("2024-10-23", "2024-11-01", "day", "23 Oct – 1 Nov 2024"),
        ("2023-12-28", "2024-01-03", "day", "28 Dec 2023 – 3 Jan 2024"),
        ("2024-06-01", "2024-07-31", "month", "Jun–Jul 2024"),
        ("2023-04-01", "2024-03-31", "month", "Apr 2023 – Mar 2024"),
        ("2024-01-01", "2025-12-31", "year", "2024–2025"),
        (None, None, None, "date unknown"),
    ],
)
def test_format_date(start, end, precision, expected):
    assert render.format_date(start, end, precision) == expected


def test_fact_line():
    fact = long_fact(1)
    fact.participants = ["Fumio Kishida", "Samuel Paparo"]
    fact.title = "Kishida meets [Paparo](#)"
    fact.doc_title = "Alliance Digest"
    assert render.fact_line(fact) == (
        "29–30 May 2024 · Kishida meets Paparo · Fumio Kishida, Samuel Paparo · Tokyo · source: Alliance Digest"
    )


def test_mrkdwn_is_escaped():
    fact = long_fact(2)
    fact.title = "<!channel> & <b>"
    text = json.dumps(render.to_blocks(FactsResult(command="meetings", query="x", facts=[fact], total=1)))
    assert "<!channel>" not in text and "&lt;!channel&gt; &amp;" in text


def test_to_text(fx):
    text = render.to_text(run(meetings, "kishida paparo", fx))
    assert "29 May 2024 · Kishida meets new INDOPACOM commander Paparo" in text
    assert "source: Alliance Newsletter, 31 May 2024" in text
    more = render.to_text(run(meetings, "", fx))
    assert "More: /meetings page:2" in more
    none = render.to_text(run(meetings, "zzqqx", fx))
    assert "No meetings matched" in none and "Try:" not in none
    digest = render.to_text(digest_result(fx))
    assert "Meetings:" in digest and "Coming up:" in digest and "New documents:" in digest


def test_show_source_with_the_whole_passage(fx):
    from bot.kb.search import source_passage

    fact = golden_facts.fact("m-kishida-paparo", db_path(fx))
    payload = render.source_blocks(fact, source_passage(fx, fact))
    check_message(payload)
    text = json.dumps(payload)
    assert "Kishida promised to enhance alliance deterrence" in text  # beyond the quote
    assert "source: Alliance Newsletter, 31 May 2024" in text
    assert text.count("Prime Minister Kishida met the new commander") == 2  # in text and blocks once each


def test_a_fact_command_that_finds_nothing_keeps_its_header():
    """The layout follows the result's type, not a list of command names: a new fact
    command that finds nothing still shows its header and the message."""
    result = FactsResult(command="summits", query="nowhere", message="No summits matched \u201cnowhere\u201d.")
    payload = render.to_blocks(result)
    check_message(payload)
    assert payload["blocks"][0]["type"] == "header"
    assert "Summits: nowhere" in payload["blocks"][0]["text"]["text"]
    assert "No summits matched" in json.dumps(payload)
