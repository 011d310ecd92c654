"""A reload that merges locally ends where a load from scratch does: `allybot facts --json`
after load + change + reload equals it after a load of the same folder into a new database.

The documents are short reports written for this test, drawn at random (a fixed seed per
case) from a few shapes that exercise every merge rule: the same meeting reported to the
day by several documents, a day apart across time zones, to the month or the year only
(which must each join one event, or each other), a named exercise over several days, and
two meetings of the same people a few days apart (a month report must not chain them).
Each round rewrites, extends, re-saves, deletes, adds and copies documents.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.cli.main import main as allybot
from bot.kb import loader
from tests.context import CONFIG

PAIRS = [
    ("Defense Minister Minoru Kihara", "Defense Secretary Lloyd Austin"),
    ("Foreign Minister Yoko Kamikawa", "Secretary of State Antony Blinken"),
    ("Defense Minister Minoru Kihara", "Secretary of State Antony Blinken"),
]
PLACES = ["Tokyo", "Washington", "Honolulu"]
EXERCISES = [("Resolute Dragon", "Hokkaido"), ("Orient Shield", "Kyushu")]
MONTHS = ["March", "April"]


def _sentence(rng: random.Random) -> str:
    a, b = rng.choice(PAIRS)
    if rng.random() < 0.5:
        a, b = b, a
    place, month, day = rng.choice(PLACES), rng.choice(MONTHS), rng.randint(3, 6)
    exercise, site = rng.choice(EXERCISES)
    shapes = [
        f"{a} met {b} in {place} on {month} {day}, 2024.",
        f"{a} and {b} held a virtual meeting on {month} {day}, 2024.",
        f"{a} and {b} held talks in {place} in {month} 2024.",
        f"{a} met {b} in {place} earlier this year.",
        f"Ground troops and U.S. Marines opened the {exercise} exercise in {site} on {month} {day}, 2024.",
        f"U.S. and Japanese forces held the {exercise} exercise in {site} in {month} 2024.",
    ]
    return rng.choice(shapes)


def _text(rng: random.Random) -> str:
    body = " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
    return f"Published: December {rng.randint(10, 20)}, 2024\n\n{body}\n"


def _change(docs: Path, rng: random.Random, round_: int) -> None:
    files = sorted(docs.iterdir())
    rewritten, extended, saved = rng.sample(files, 4)[:2], *rng.sample(files, 2)
    for p in rewritten:  # other events
        p.write_text(_text(rng), encoding="utf-8")
    # Saved again with one more event, or with a correction note: the old events stay.
    extended.write_text(extended.read_text(encoding="utf-8") + _sentence(rng) + "\n", encoding="utf-8")
    saved.write_text(saved.read_text(encoding="utf-8") + "Correction: an earlier version misspelled a name.\n",
                     encoding="utf-8")
    rng.choice(files).unlink()
    for i in range(2):
        (docs / f"new_{round_}_{i}.txt").write_text(_text(rng), encoding="utf-8")
    source = rng.choice(sorted(docs.iterdir()))
    shutil.copy(source, docs / f"copy_{round_}_{source.name}")  # the same events again


def _facts(db_path: Path, capsys) -> list[dict]:
    capsys.readouterr()
    assert allybot(["facts", "--json", "--db", str(db_path)]) == 0
    return json.loads(capsys.readouterr().out)


def _load(folder: Path, db_path: Path) -> None:
    loader.load(seeds=folder, db_path=db_path, config=CONFIG, progress=False)


@pytest.mark.parametrize("seed", range(4))
def test_local_merge_equals_a_merge_from_scratch(seed, tmp_path, merge_spy, capsys):
    ran = merge_spy
    rng = random.Random(seed)
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(14):
        (docs / f"doc{i:02d}.txt").write_text(_text(rng), encoding="utf-8")
    db_path = tmp_path / "kb.db"
    _load(docs, db_path)
    for round_ in range(3):
        _change(docs, rng, round_)
        _load(docs, db_path)
        assert ran[-1] == "local"
        scratch = tmp_path / f"scratch{round_}.db"
        _load(docs, scratch)
        got, want = _facts(db_path, capsys), _facts(scratch, capsys)
        assert got == want
        # Not a vacuous pass: events reported by several documents, coarse dates among them.
        merged = [f for f in want if len({s["doc_id"] for s in f["sources"]}) > 1]
        assert merged
        assert len(want) < sum(len(f["sources"]) for f in want)


# A story that knows only its year (the office-holders') and says "on Sunday", and the dated
# readout of the same meeting (2 June 2024 was a Sunday): whichever comes first, the reload
# that brings the other one dates the story as a load from scratch does (its Monday talks
# then fall on 3 June), and so does the reload after the readout is gone.
STORY = ("Alliance notes\n\nDefense Minister Minoru Kihara and Secretary of Defense Lloyd Austin "
         "met in Yokosuka on Sunday to talk about command ties. Defense Minister Minoru Kihara and "
         "Admiral John Aquilino held talks in Sasebo on Monday.\n")
READOUT = ("Ministers meet in Yokosuka\nJune 2, 2024\n\nDefense Minister Kihara met Secretary of Defense "
           "Austin in Yokosuka on June 2 and discussed command ties.\n")
OTHERS = [
    "Published: May 20, 2024\n\nForeign Minister Yoko Kamikawa met Secretary of State Antony Blinken "
    "in Washington on May 14, 2024.\n",
    "Published: June 9, 2024\n\nForeign Minister Yoko Kamikawa and Secretary of State Antony Blinken "
    "held talks in Tokyo on June 2, 2024.\n",
]


def _dates(db_path: Path) -> list[tuple]:
    """Each document's date as `allybot docs` shows it."""
    with sqlite3.connect(db_path) as conn:
        return conn.execute("select id, date, date_precision, date_note from documents order by id").fetchall()


def _story_days(facts: list[dict]) -> set[str]:
    return {f["date_start"] for f in facts if "story.txt" in {s["doc_id"] for s in f["sources"]}}


@pytest.mark.parametrize("first, then", [("story.txt", "readout.txt"), ("readout.txt", "story.txt")])
def test_borrowed_day_after_a_reload_equals_a_load_from_scratch(first, then, tmp_path, capsys):
    texts = {"story.txt": STORY, "readout.txt": READOUT}
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, text in enumerate(OTHERS):
        (docs / f"other{i}.txt").write_text(text, encoding="utf-8")
    (docs / first).write_text(texts[first], encoding="utf-8")
    db_path = tmp_path / "kb.db"
    _load(docs, db_path)
    for step, change in enumerate([lambda: (docs / then).write_text(texts[then], encoding="utf-8"),
                                   lambda: (docs / "readout.txt").unlink()]):
        change()
        _load(docs, db_path)
        scratch = tmp_path / f"scratch{step}.db"
        _load(docs, scratch)
        got, want = _facts(db_path, capsys), _facts(scratch, capsys)
        assert got == want
        assert _dates(db_path) == _dates(scratch)
        # Dated from the readout while it is there; back to its year once it is gone.
        assert _story_days(want) == ({"2024-06-02", "2024-06-03"} if step == 0 else {"2024-01-01"})


def test_a_change_reaching_too_far_is_merged_in_full(tmp_path, merge_spy, capsys, monkeypatch):
    """A reload whose change would make the local merge read more than LOCAL_MAX mentions
    merges every mention instead (bounded memory), and ends where a load from scratch does."""
    from bot.kb import remerge

    rng = random.Random(11)
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(14):
        (docs / f"doc{i:02d}.txt").write_text(_text(rng), encoding="utf-8")
    db_path = tmp_path / "kb.db"
    _load(docs, db_path)
    _change(docs, rng, 0)
    monkeypatch.setattr(remerge, "LOCAL_MAX", 3)
    _load(docs, db_path)
    assert merge_spy[-1] == "full"
    monkeypatch.setattr(remerge, "LOCAL_MAX", 10**9)
    _change(docs, rng, 1)
    _load(docs, db_path)
    assert merge_spy[-1] == "local"  # a small change still merges locally
    scratch = tmp_path / "scratch.db"
    _load(docs, scratch)
    assert _facts(db_path, capsys) == _facts(scratch, capsys)
