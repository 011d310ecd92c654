"""Ranking as a user sees it: which facts and passages come back, in which order."""

from __future__ import annotations

import pickle

import pytest

from bot.kb import packed, search
from bot.kb.model import Fact
from bot.kb.store import fact_to_row
from bot.slack.blocks import marked
from commands import exercises, lookup, meetings, space
from tests import golden_facts
from tests.context import ctx


@pytest.fixture
def fx(tmp_path):
    db = golden_facts.build(tmp_path / "fixture.db")
    yield db
    db.close()


def ask(module, text, db):
    return module.run(module.parse(text), ctx(db))


def ids(result):
    return [f.id for f in result.items]


# (command, query, the fact that must come first)
FIRST = [
    (meetings, "paparo", {"m-kishida-paparo", "m-paparo-kihara"}),
    (meetings, "papparo", {"m-kishida-paparo", "m-paparo-kihara"}),  # typo
    (meetings, "indopacom", {"m-kishida-paparo"}),  # alias of an entity in the fact
    (meetings, "Indo-Pacific Command", {"m-kishida-paparo"}),  # the alias the other way round
    (meetings, "kishida paparo", {"m-kishida-paparo"}),  # both names beat either one
    (meetings, "paparo kishida", {"m-kishida-paparo"}),
    (meetings, "kurt campbel", {"m-trilateral-vfm"}),
    (meetings, "2+2", {"m-scc-2024"}),  # alias; newest first among equals
    (meetings, "kihara minoru", {"m-paparo-kihara", "m-scc-2024"}),  # Japanese name order
    (meetings, "austin kihara", {"m-scc-2024"}),
    (exercises, "valiant sheild", {"e-valiant-shield"}),
    (exercises, "jasdf", {"e-bombers"}),
    (exercises, "air self defense force", {"e-bombers"}),
    (exercises, "keen swrod", {"e-keen-sword"}),
    (exercises, "B-52", {"e-bombers"}),  # a compound word: both parts, together
    (exercises, "b52", {"e-bombers"}),
    (space, "artemis", {"s-rover", "s-accords"}),
    (space, "pressurised rover", {"s-rover"}),
    (space, "michibiki", {"s-qzss"}),  # an alias that appears in no fact text
]


@pytest.mark.parametrize("module,text,first", FIRST)
def test_best_match_first(fx, module, text, first):
    result = ask(module, text, fx)
    assert result.items, result.message
    assert result.items[0].id in first


def test_all_terms_beat_some_even_when_older(fx):
    result = ask(meetings, "austin hamada", fx)
    assert ids(result)[0] == "m-scc-2023"  # the only one with both, though 2024's is newer
    assert "m-scc-2024" in ids(result)  # still listed: it matches one term


def test_japanese_order_does_not_pull_in_a_namesake(fx):
    result = ask(meetings, "kihara minoru", fx)
    assert "m-kiuchi-nelson" not in ids(result)  # Minoru Kiuchi is another person


def test_typo_does_not_match_a_different_word(fx):
    result = ask(exercises, "valiant sheild", fx)
    assert ids(result) == ["e-valiant-shield"]  # not Orient Shield: the name is one term


def test_empty_query_lists_newest_first_undated_last(fx):
    result = ask(space, "", fx)
    rest = ask(space, "page:2", fx)
    items = result.items + rest.items
    assert result.total == len(items) == 6  # five space facts and one meeting about space
    assert items[0].id == "s-mmx"  # planned for 2026: the latest date
    assert items[-1].id == "s-reusable"  # the undated fact comes last
    dated = [f.date_start for f in items if f.date_start]
    assert dated == sorted(dated, reverse=True)


def test_space_includes_dialogues_about_space(fx):
    result = ask(space, "kiuchi nelson", fx)
    assert result.items[0].id == "m-kiuchi-nelson"
    assert ask(meetings, "kiuchi nelson", fx).items[0].id == "m-kiuchi-nelson"


@pytest.mark.parametrize(
    "module,text,expected",
    [
        (exercises, "2023", ["e-orient-shield", "e-maya-finn", "e-bombers"]),  # only 2023, newest first
        (exercises, "2024-11", ["e-keen-sword"]),  # a range overlapping the month
        (exercises, "2024-06-15", ["e-valiant-shield"]),  # inside a month-precision date
        (exercises, "since:2023-07-14 until:2023-12", ["e-orient-shield", "e-maya-finn"]),
        (meetings, "paparo 2024-05-30", ["m-paparo-kihara"]),
        (space, "2026", ["s-mmx"]),
        # undated never passes a filter; facts of one day in the order a load writes them (by id)
        (space, "until:2030", ["s-mmx", "s-accords", "s-qzss", "s-rover", "m-kiuchi-nelson"]),
    ],
)
def test_date_filters_keep_overlapping_facts(fx, module, text, expected):
    result = ask(module, text, fx)
    got = ids(result)
    if len(expected) > 1 and result.items and result.items[0].date_start == result.items[-1].date_start:
        assert set(got) == set(expected)
    else:
        assert got[: len(expected)] == expected[: len(got)]
    assert result.total == len(expected)


def test_no_match_says_so_without_unrelated_facts_or_names(fx):
    # The same few popular names for every miss read as noise: only names close to the words.
    result = ask(meetings, "zzqqx", fx)
    assert result.items == [] and result.total == 0
    assert "zzqqx" in result.message and "close" in result.message
    assert result.suggestions == []


def test_did_you_mean_for_a_word_too_far_to_match(fx):
    result = ask(meetings, "kampbelll", fx)
    assert result.items == []
    assert "Kurt Campbell" in result.suggestions
    assert result.suggest_label == "Did you mean"  # a real "did you mean", not a fallback list


def test_unknown_word_next_to_known_ones_is_reported(fx):
    result = ask(meetings, "paparo zzqqx", fx)
    assert result.items
    assert "zzqqx" in result.message


def test_match_outside_the_dates_is_explained(fx):
    result = ask(meetings, "paparo 2019", fx)
    assert result.items == []
    assert "other dates" in result.message


def test_paging(fx):
    first = ask(meetings, "", fx)
    q = meetings.parse("page:2")
    second = meetings.run(q, ctx(fx))
    assert first.total == second.total == 6
    assert len(first.items) == 5 and len(second.items) == 1
    assert not set(ids(first)) & set(ids(second))
    past = ask(meetings, "page:9", fx)
    assert past.items == [] and "past the end" in past.message


def _load_a_meeting(db) -> None:
    """What a load does to the database: a new fact ("m-new", Nakatani) and a new generation."""
    fact = Fact(
        id="m-new", kind="meeting", title="Nakatani meets Hegseth", summary="",
        date_start="2025-03-30", date_end="2025-03-30", date_precision="day",
        participants=["Gen Nakatani", "Pete Hegseth"], countries=[], location="Tokyo",
        doc_id="digest_2024_05.txt", doc_title="x", quote="", span=[0, 0],
    )
    db["facts"].insert(fact_to_row(fact))
    db["meta"].upsert({"key": "generation", "value": "fixture-2"}, pk="key")


def test_index_follows_the_generation(fx):
    assert ask(meetings, "nakatani", fx).items == []
    _load_a_meeting(fx)
    assert ids(ask(meetings, "nakatani", fx)) == ["m-new"]


def _fresh_start(monkeypatch) -> list[object]:
    """Forget the in-memory index (as a restarted bot would) and record every build."""
    search._cache.clear()
    builds: list[object] = []
    real = search._build

    def counting(db, generation):
        builds.append(generation)
        return real(db, generation)

    monkeypatch.setattr(search, "_build", counting)
    return builds


def test_stored_index_answers_after_a_restart(fx, monkeypatch):
    before = ids(ask(meetings, "kishida paparo", fx))
    builds = _fresh_start(monkeypatch)
    assert ids(ask(meetings, "kishida paparo", fx)) == before
    assert ask(lookup, "who is the new INDOPACOM commander", fx).passages
    assert builds == [], "a restart must read the stored index, not build it again"


@pytest.mark.parametrize("with_vocabulary", [False, True])
def test_stored_index_reads_back_as_built(fx, with_vocabulary):
    built = search._build(fx, "g")
    if with_vocabulary:
        search._passage_vocab(fx, built)
        assert built.passage_stems and built.passage_count
    read = search._unpack_index(search._pack_index(built), "g")
    assert read == built


def test_a_restart_reads_the_passage_vocabulary_with_the_index(fx, monkeypatch):
    """At 100,000 documents scanning the passages' vocabulary takes seconds: after a restart
    the first /lookup (and the requests sharing its connection) must not wait for it."""
    ask(meetings, "paparo", fx)
    stored = search.get_index(fx)
    assert stored.passage_stems and stored.passage_count
    _fresh_start(monkeypatch)
    read = search.get_index(fx)
    assert read is not stored
    assert read.passage_stems == stored.passage_stems
    assert read.passage_count == stored.passage_count
    assert read.passage_by_len == stored.passage_by_len


class _Payload:
    """What a hostile database could hold if the index were pickled: code that runs on load."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def _tampered(blob: bytes, how: str) -> bytes:
    doc, arrays = packed.unpack(blob)
    if how == "out of range":  # a posting naming a fact the kind does not have
        arrays[doc["kinds"][0]["ids"]][0] = 10**6
    else:  # "wrong shape": numbers where a kind's words belong
        doc["kinds"][0]["tokens"] = [1, 2, 3]
    return packed.pack(doc, arrays)


@pytest.mark.parametrize("spoil", ["generation", "code", "damaged", "pickle", "out of range",
                                   "wrong shape", "deeply nested"])
def test_stored_index_is_not_used_when_stale_or_tampered(fx, monkeypatch, tmp_path, spoil):
    ask(meetings, "paparo", fx)
    builds = _fresh_start(monkeypatch)
    marker = tmp_path / "ran"
    if spoil == "generation":  # a load changed the facts since the index was stored
        _load_a_meeting(fx)
    elif spoil == "code":  # a new version of the ranking code
        monkeypatch.setattr(search, "_CODE_KEY", "other-code")
    else:
        blob = fx.execute(f"select data from {search.INDEX_TABLE}").fetchone()[0]
        blob = {"damaged": b"\x00\xff", "pickle": pickle.dumps(_Payload(marker)),
                "deeply nested": b"[" * 100_000 + b"]" * 100_000}.get(spoil) or _tampered(blob, spoil)
        fx.execute(f"update {search.INDEX_TABLE} set data = ?", [blob])
        fx.conn.commit()
    found = ids(ask(meetings, "nakatani", fx))
    assert found == (["m-new"] if spoil == "generation" else [])
    assert ids(ask(meetings, "kishida paparo", fx)), "answers from the rebuilt index"
    assert not marker.exists(), "a stored index is data: nothing in it runs"
    assert len(builds) == 1
    search._cache.clear()
    ask(meetings, "nakatani", fx)
    assert len(builds) == 1, "the rebuilt index is stored for the next start"


def test_kinds_do_not_mix(fx):
    assert all(f.kind == "exercise" for f in ask(exercises, "japan", fx).items)
    assert all(f.kind == "meeting" for f in ask(meetings, "", fx).items)


# -- /lookup ------------------------------------------------------------------------------


def test_lookup_alias_question_finds_the_passage(fx):
    result = ask(lookup, "who is the new INDOPACOM commander", fx)
    assert "Paparo" in result.passages[0].text
    assert "*INDOPACOM*" in marked(result.passages[0])


def test_lookup_never_returns_page_furniture(fx):
    result = ask(lookup, "subscribe newsletter INDOPACOM updates", fx)
    assert all("Subscribe" not in p.text for p in result.passages)
    assert all("Image credit" not in p.text for p in ask(lookup, "image credit", fx).passages)


@pytest.mark.parametrize(
    "question,needle",
    [
        ("papparo", "Paparo"),  # typo
        ("Indo-Pacific Command", "INDOPACOM"),  # alias expanded the other way
        ("where did the B-52 bombers fly", "B-52"),
        ("pressurized rover astronauts", "pressurized rover"),
        ("when is the MMX launch", "MMX"),
    ],
)
def test_lookup_finds(fx, question, needle):
    result = ask(lookup, question, fx)
    assert result.passages, result.message
    assert needle in result.passages[0].text
    p = result.passages[0]
    assert p.doc_title and p.doc_date and p.span[1] > p.span[0]


def test_lookup_nothing_found(fx):
    result = ask(lookup, "zzqqx wobble", fx)
    assert result.passages == [] and "No passage" in result.message


def test_source_passage_contains_the_quote(fx):
    fact = golden_facts.fact("m-paparo-kihara", fx.conn.execute("PRAGMA database_list").fetchone()[2])
    passage = search.source_passage(fx, fact)
    assert passage is not None and fact.quote in passage.text


@pytest.mark.parametrize(
    "typed,known",
    [("papparo", "paparo"), ("sheild", "shield"), ("campbel", "campbell"), ("indopacom", "indopacom")],
)
def test_expand_token_typos(fx, typed, known):
    index = search.get_index(fx)
    assert known in search.expand_token(typed, index.vocab, index.vocab_sorted, index.vocab_by_len)


def test_short_words_need_an_exact_match(fx):
    index = search.get_index(fx)
    assert search.expand_token("kyo", index.vocab, index.vocab_sorted, index.vocab_by_len) == {}


# -- acceptance on the real seeds ---------------------------------------------------------


SEED_FIRST = [
    (meetings, "papparo", ("Paparo", "2024-05-29")),
    (meetings, "indopacom", ("Paparo", "2024-05-29")),
    (meetings, "kishida paparo", ("Paparo", "2024-05-29")),
    (exercises, "valiant sheild", ("Valiant Shield", None)),
    (space, "artemis", ("rover", None)),
]


@pytest.mark.parametrize("module,text,expect", SEED_FIRST)
def test_seeds_acceptance_first(seeded_db, module, text, expect):
    result = ask(module, text, seeded_db)
    assert result.items, result.message
    top = result.items[0]
    words, day = expect
    blob = " ".join([top.title, top.summary, top.quote, *top.participants])
    assert words.lower() in blob.lower()
    if day:
        assert top.date_start == day


def test_seeds_exercises_2023(seeded_db):
    result = ask(exercises, "2023", seeded_db)
    assert result.items
    everything = []
    q = exercises.parse("2023")
    for page in range(1, 20):
        q.page = page
        items = exercises.run(q, ctx(seeded_db)).items
        if not items:
            break
        everything += items
    assert len(everything) == result.total
    assert all(f.date_start <= "2023-12-31" and (f.date_end or f.date_start) >= "2023-01-01" for f in everything)
    starts = [f.date_start for f in everything]
    assert starts == sorted(starts, reverse=True)


def test_seeds_no_match(seeded_db):
    result = ask(meetings, "zzqqx", seeded_db)
    assert result.items == [] and "zzqqx" in result.message and result.suggestions == []


def test_seeds_lookup_indopacom_commander(seeded_db):
    result = ask(lookup, "who is the new INDOPACOM commander", seeded_db)
    assert any("Paparo" in p.text for p in result.passages[:3])


def test_lookup_of_a_whole_message_finds_its_passage(fx):
    # A message shortcut or a thread parent hands /lookup a long text, not a question.
    text = ("Reminder for the team: " + "please read the notes before the call. " * 10
            + "Paparo met Defense Minister Kihara and Chief of Joint Staff Yoshida on May 30.")
    result = ask(lookup, text, fx)
    assert result.passages and "Yoshida" in result.passages[0].text


_CONCURRENT = """
import sys
from concurrent.futures import ThreadPoolExecutor
from bot.kb import packed, search
from bot.kb.db import open_db
from bot.config import load_config
from bot.context import Context
from commands import lookup

db = open_db(sys.argv[1])
ctx = lambda db: Context(db, load_config())
questions = ["who is the new INDOPACOM commander", "exercise japan", "artemis rover", "minister"]
expected = {q: [p.doc_id for p in lookup.run(lookup.parse(q), ctx(db)).passages] for q in questions}
search._cache.clear()

def ask(i):
    if i % 10 == 0:
        search.warm(db)
    q = questions[i % len(questions)]
    return q, [p.doc_id for p in lookup.run(lookup.parse(q), ctx(db)).passages]

with ThreadPoolExecutor(8) as pool:
    results = list(pool.map(ask, range(120)))
bad = [q for q, got in results if got != expected[q]]
print("ok" if not bad else f"different answers for {bad}")
"""


def test_concurrent_queries_and_warming_share_one_connection_safely(seeded_db_path):
    """Bolt answers in worker threads over one shared connection while the index warms.

    Time-bounded queries once installed their progress handler on that shared connection,
    which deadlocks two threads (GIL against SQLite's mutex). A deadlock holds the GIL, so
    nothing in-process could time it out: the threads run in a child process.
    """
    import subprocess
    import sys

    try:
        out = subprocess.run(
            [sys.executable, "-c", _CONCURRENT, str(seeded_db_path)],
            capture_output=True, text=True, timeout=90,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("concurrent lookups deadlocked")
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"
