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
from pathlib import Path

import pytest

from bot.cli.main import main as allybot
from bot.kb import loader, remerge
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
def test_local_merge_equals_a_merge_from_scratch(seed, tmp_path, monkeypatch, capsys):
    ran: list[str] = []
    real = remerge.plan

    def plan(*args, **kwargs):
        p = real(*args, **kwargs)
        ran.append(p.how)
        return p

    monkeypatch.setattr(remerge, "plan", plan)
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
