"""Answers an analyst can trust: ranking rules, questions, Japanese names, command names.

Each test builds the few documents, entities and facts it needs (short texts written for
the tests, in the shape of alliance news) through the real schema, so the rules are
checked apart from what the extractor currently reads from the seeds.
"""

from __future__ import annotations

import json
import re

import pytest

import commands
from bot.kb.db import open_db
from bot.kb.entities import default_gazetteer
from bot.kb.model import Fact, Source
from bot.kb.store import fact_to_row
from commands import exercises, lookup, meetings, space
from commands.errors import UsageError
from tests.context import ctx


def build(path, docs, entities=(), facts=()):
    """docs: (id, title, date, [passage, ...]); entities: (id, type, name, [aliases]);
    facts: dicts with id, kind, title, doc, quote, start (and optional fields)."""
    db = open_db(path)
    texts = {}
    for doc_id, title, date, passages in docs:
        text = ""
        for seq, passage in enumerate(passages):
            start = len(text)
            text += passage + "\n\n"
            db["passages"].insert({"doc_id": doc_id, "seq": seq, "start": start,
                                   "end": start + len(passage), "text": passage, "furniture": 0})
        texts[doc_id] = (title, text)
        db["documents"].insert({"id": doc_id, "path": doc_id, "title": title, "date": date,
                                "date_inferred": 0, "text": text, "content_hash": doc_id})
    for eid, etype, name, aliases in entities:
        db["entities"].insert({"id": eid, "type": etype, "name": name, "aliases": json.dumps(aliases)})
    for f in facts:
        title, text = texts[f["doc"]]
        at = text.index(f["quote"])
        span = [at, at + len(f["quote"])]
        sources = [Source(f["doc"], title, f["quote"], span)]
        for other in f.get("also", []):
            sources.append(Source(other, texts[other][0], "", [0, 0]))
        fact = Fact(
            id=f["id"], kind=f["kind"], title=f["title"], summary=f.get("summary", f["quote"]),
            date_start=f.get("start"), date_end=f.get("end", f.get("start")),
            date_precision=f.get("precision", "day" if f.get("start") else None),
            participants=f.get("people", []), countries=["Japan", "United States"],
            location=f.get("location"), doc_id=f["doc"], doc_title=title, quote=f["quote"], span=span,
            sources=sources,
        )
        db["facts"].insert(fact_to_row(fact, names=" | ".join(f.get("people", []))))
    return db


def ask(module, text, db):
    return module.run(module.parse(text), ctx(db))


ENTITIES = [
    ("person:gen-nakatani", "person", "Gen Nakatani", ["Nakatani Gen", "中谷元", "中谷"]),
    ("person:lloyd-austin", "person", "Lloyd Austin", ["Lloyd J. Austin", "オースティン"]),
    ("person:fumio-kishida", "person", "Fumio Kishida", ["Kishida Fumio", "岸田文雄", "岸田"]),
    ("person:samuel-paparo", "person", "Samuel Paparo", ["Sam Paparo", "パパロ"]),
    ("person:kurt-campbell", "person", "Kurt Campbell", []),
    ("exercise:valiant-shield", "exercise", "Valiant Shield", ["バリアント・シールド"]),
    ("exercise:pacific-vanguard", "exercise", "Pacific Vanguard", []),
    ("program:space-domain-awareness", "program", "Space Domain Awareness", ["space domain awareness"]),
    ("place:okinawa", "place", "Okinawa", ["沖縄"]),
]

DOCS = [
    ("preview.txt", "Defense chiefs to meet in Darwin", "2024-11-10", [
        "Defense Minister Gen Nakatani will hold talks with Secretary of Defense Lloyd Austin next week.",
    ]),
    ("darwin.txt", "Nakatani and Austin meet in Darwin", "2024-11-18", [
        "Defense Minister Gen Nakatani met Secretary of Defense Lloyd Austin in Darwin on November 17.",
        "Nakatani and Austin also talked about the next Talisman Sabre.",
    ]),
    ("profile.txt", "Profile of the defense minister", "2024-10-02", [
        "Gen Nakatani, who first served as defense minister in 2001, met Lloyd Austin at a forum.",
    ]),
    ("vs.txt", "Valiant Shield begins", "2024-06-08", [
        "Exercise Valiant Shield 2024 brings together forces from the United States and Japan.",
        "The biennial exercise runs from June 7 to June 18 across Guam and Palau.",
        "About 4,000 Self-Defense Force personnel joined the drills in their first participation.",
    ]),
    ("vs_plan.txt", "Japan to join Valiant Shield", "2024-05-25", [
        "Japan will join Valiant Shield for the first time in June.",
    ]),
    ("baseball.txt", "Baseball season opens", "2024-04-01", [
        "When does the season run? The shield of the league runs from April to October in Tokyo.",
    ]),
    ("kishida.txt", "Kishida meets Paparo", "2024-05-31", [
        "Prime Minister Kishida met the new commander of INDOPACOM, Admiral Samuel Paparo, in Tokyo on May 29.",
    ]),
    ("pacvan.txt", "Pacific Vanguard off Guam", "2019-05-24", [
        "The navies held Pacific Vanguard off Guam on May 22.",
    ]),
    ("moon.txt", "Space dialogue", "2024-08-27", [
        "Japan will provide a pressurized rover for the Moon.",
        "JAXA's mission to the Martian moons launches in 2026.",
        "The sides discussed space domain awareness cooperation.",
    ]),
]

FACTS = [
    dict(id="m-plan", kind="meeting", title="Nakatani and Austin hold talks (planned)", doc="preview.txt",
         quote=DOCS[0][3][0], start="2025-11", precision="month", people=["Gen Nakatani", "Lloyd Austin"]),
    dict(id="m-held", kind="meeting", title="Nakatani meets Austin in Darwin", doc="darwin.txt",
         quote=DOCS[1][3][0], start="2024-11-17", people=["Gen Nakatani", "Lloyd Austin"], location="Darwin"),
    dict(id="m-undated", kind="meeting", title="Nakatani meets Austin", doc="profile.txt",
         quote=DOCS[2][3][0], start=None, people=["Gen Nakatani", "Lloyd Austin"]),
    dict(id="e-vs", kind="exercise", title="Valiant Shield exercise (planned)", doc="vs_plan.txt",
         quote=DOCS[4][3][0], start="2024-06", precision="month", also=["vs.txt"]),
    dict(id="m-kishida", kind="meeting", title="Kishida meets Paparo in Tokyo", doc="kishida.txt",
         quote=DOCS[6][3][0], start="2024-05-29", people=["Fumio Kishida", "Samuel Paparo"], location="Tokyo"),
    dict(id="e-pacvan", kind="exercise", title="Pacific Vanguard exercise in Guam", doc="pacvan.txt",
         quote=DOCS[7][3][0], start="2019-05-22", location="Guam"),
    dict(id="s-rover", kind="space", title="Pressurized Rover: Japan", doc="moon.txt", quote=DOCS[8][3][0],
         start="2024-08-27", summary="Japan will provide a pressurized rover for the Moon."),
    dict(id="s-mmx", kind="space", title="MMX: JAXA (planned)", doc="moon.txt", quote=DOCS[8][3][1],
         start="2026", precision="year", summary="JAXA's Martian moons mission launches in 2026."),
    dict(id="s-sda", kind="space", title="Space domain awareness: Japan", doc="moon.txt", quote=DOCS[8][3][2],
         start="2024-08-27"),
]


@pytest.fixture
def kb(tmp_path):
    db = build(tmp_path / "kb.db", DOCS, ENTITIES, FACTS)
    yield db
    db.close()


# -- ranking ------------------------------------------------------------------------------


def test_held_meeting_before_its_plan_and_dated_before_undated(kb):
    # The plan is dated a year late (newer); the held meeting still comes first, and an
    # undated mention that matches as well comes after both dated facts.
    assert [f.id for f in ask(meetings, "nakatani", kb).items] == ["m-held", "m-plan", "m-undated"]
    assert [f.id for f in ask(meetings, "austin nakatani", kb).items][0] == "m-held"


def test_planned_only_while_the_date_is_after_every_source(kb):
    plan = next(f for f in ask(meetings, "nakatani", kb).items if f.id == "m-plan")
    assert plan.title.endswith("(planned)")  # November 2025 is after its only source
    vs = ask(exercises, "valiant shield", kb).items[0]
    assert vs.title == "Valiant Shield exercise"  # a source dated after June 2024 reports it


def test_word_as_typed_beats_an_inflection(kb):
    assert ask(space, "moon", kb).items[0].id == "s-rover"


@pytest.mark.parametrize(("module", "text", "first"), [
    (exercises, "pacvan", "e-pacvan"),  # the start of each word of the name
    (space, "SDA", "s-sda"),  # initials of a multi-word name
])
def test_abbreviations_find_the_name(kb, module, text, first):
    result = ask(module, text, kb)
    assert result.items and result.items[0].id == first, result.message


# -- Japanese -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "first"), [
    ("岸田", "m-kishida"),
    ("岸田文雄", "m-kishida"),
    ("岸田とパパロ", "m-kishida"),  # no space between the names
    ("中谷 オースティン", "m-held"),
    ("ｷｼﾀﾞ 岸田", "m-kishida"),  # half-width kana are read, not dropped
])
def test_japanese_names_find_their_facts(kb, text, first):
    result = ask(meetings, text, kb)
    assert result.items and result.items[0].id == first, result.message


def test_full_width_input_from_a_japanese_keyboard_parses():
    query = meetings.parse("岸田\u3000since：２０２４")
    assert query.words == ["岸田"] and query.since == "2024-01-01"


def test_japanese_that_matches_nothing_says_so(kb):
    result = ask(meetings, "首相", kb)
    assert result.items == []
    assert "首相" in result.message and "Japanese" in result.message
    partly = ask(meetings, "岸田 首相", kb)
    assert partly.items and "首相" in partly.message


def test_lookup_in_japanese(kb):
    result = ask(lookup, "岸田 パパロ", kb)
    assert result.passages and "Paparo" in result.passages[0].text


def test_the_document_matcher_reads_japanese_script():
    found = {m.entity.name for m in default_gazetteer().find("岸田文雄首相は防衛省で陸上自衛隊の沖縄訓練を視察した。")}
    assert {"Fumio Kishida", "Ministry of Defense", "Japan Ground Self-Defense Force", "Okinawa"} <= found


@pytest.mark.parametrize("name", ["岸田文雄", "石破茂", "木原稔", "中谷元", "防衛省", "陸上自衛隊", "沖縄"])
def test_gazetteer_knows_japanese_names(name):
    assert default_gazetteer().resolve(name) is not None


def test_japanese_names_of_people_in_the_seeds_find_their_facts(seeded_db):
    gaz = default_gazetteer()
    cjk = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
    checked = 0
    for kind, module in (("meeting", meetings), ("exercise", exercises), ("space", space)):
        for (people,) in seeded_db.conn.execute("select participants from facts where kind = ?", [kind]):
            for person in json.loads(people or "[]"):
                ent = gaz.resolve(person, "person")
                names = [a for a in (ent.aliases if ent else ()) if cjk.search(a)]
                if not names:
                    continue
                found = ask(module, names[0], seeded_db)
                assert any(ent.name in f.participants for f in found.items), (names[0], found.message)
                checked += 1
    assert checked  # the seeds name Japanese officials


# -- /lookup ------------------------------------------------------------------------------


def test_question_about_an_event_puts_its_fact_first_and_passages_about_it(kb):
    result = ask(lookup, "when does valiant shield run?", kb)
    assert [f.id for f in result.items] == ["e-vs"]
    assert result.passages and all(p.doc_id != "baseball.txt" for p in result.passages[:2])
    assert "June 7" in result.passages[0].text  # a "when" question: the passage with the dates


@pytest.mark.parametrize(("question", "needle"), [
    ("how many SDF personnel joined valiant shield", "4,000"),
    ("where did nakatani and austin meet", "Darwin"),
    ("who did kishida meet in tokyo", "Paparo"),
])
def test_questions_prefer_the_kind_of_answer_asked_for(kb, question, needle):
    result = ask(lookup, question, kb)
    assert result.passages and needle in result.passages[0].text


def test_no_passage_from_a_document_without_the_names_ranks_first(kb):
    # The baseball text shares "when", "run", "shield" with the question but names no exercise.
    result = ask(lookup, "when does valiant shield run", kb)
    docs = [p.doc_id for p in result.passages]
    if "baseball.txt" in docs:
        assert docs.index("baseball.txt") > max(i for i, d in enumerate(docs) if d.startswith("vs"))


def test_a_passage_that_does_not_repeat_the_name_is_shown_with_it(kb):
    result = ask(lookup, "how many personnel joined valiant shield", kb)
    top = result.passages[0]
    assert "4,000" in top.text and "Valiant Shield" in top.text


def test_question_words_alone_ask_for_nothing(kb):
    with pytest.raises(UsageError):
        lookup.parse("what is the")


# -- empty knowledge base, suggestions ----------------------------------------------------


def test_empty_knowledge_base_says_so_without_suggestions(db):
    for module, text in ((meetings, "paparo"), (exercises, "valiant shield"), (space, "artemis")):
        result = ask(module, text, db)
        assert result.items == [] and result.suggestions == []
        assert "load some documents" in result.message
    result = ask(lookup, "who is paparo", db)
    assert result.passages == [] and result.suggestions == [] and "empty" in result.message


def test_did_you_mean_comes_from_names_in_facts_of_that_kind(kb):
    near = ask(meetings, "pappparro", kb)  # too far to match, close enough to suggest
    assert near.items == [] and "Samuel Paparo" in near.suggestions
    # Paparo is in a meeting, not in an exercise; Campbell is in the gazetteer, in no fact.
    assert "Samuel Paparo" not in ask(exercises, "pappparro", kb).suggestions
    assert "Kurt Campbell" not in ask(meetings, "kampbelll", kb).suggestions


# -- command names ------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "name"), [
    ("/meeting paparo", "meetings"),
    ("/excercises 2023", "exercises"),
    ("/spce artemis", "space"),
    ("/lookp who commands", "lookup"),
    ("/allybot meeting paparo", "meetings"),
])
def test_mistyped_command_names_run_the_command(line, name):
    command, _ = commands.split(line)
    assert command.name == name


@pytest.mark.parametrize("line", ["/me paparo", "/zzz", "/d"])
def test_a_name_close_to_no_command_is_refused(line):
    with pytest.raises(UsageError):
        commands.split(line)


def test_help_accepts_a_mistyped_command(db):
    result = commands.help.run(commands.help.parse("help meeting"), ctx(db))
    assert result.topic == "meetings"


# -- every help example answers on the seeds ----------------------------------------------


def _examples():
    for c in commands.COMMANDS:
        doc = c.module.__doc__ or ""
        if "Examples:" in doc:
            yield from re.findall(r"^\s+(/\S.*?)\s*$", doc.split("Examples:", 1)[1], re.M)


def _analyst(db):
    """A Slack user who already follows two queries, so /follow and /unfollow examples act."""
    me = ctx(db).as_user("U0EXAMPLES")
    for line in ("/follow meetings kishida", "/follow space"):
        commands.dispatch(line, me)
    return me


@pytest.mark.parametrize("line", list(_examples()))
def test_every_help_example_answers(seeded_db, line):
    command, text = commands.split(line)
    result = command.module.run(command.module.parse(text), _analyst(seeded_db))
    if command.name in ("meetings", "exercises", "space", "export"):
        assert result.items, result.message
        assert not (result.message or "").startswith("Nothing matched"), result.message
    elif command.name == "lookup":
        assert result.passages, result.message
    elif command.name == "who":
        assert result.items and result.name, result.message
    else:
        assert result.message
