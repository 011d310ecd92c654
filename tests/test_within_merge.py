"""A place inside another: one report of a meeting "at the White House", another "in
Washington" the same day, are one event (the gazetteer's `within`), told at the finer place;
meetings in two different cities the same day stay two. A reload that brings the second
report ends where a load from scratch does.

The documents are short reports written for these tests.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bot.cli.main import main as allybot
from bot.kb import loader
from tests.context import CONFIG

AT = "Published: {d}, 2024\n\n{who} met {other} {where} on {d}, 2024, and discussed deterrence.\n"
KIHARA, AUSTIN = "Defense Minister Minoru Kihara", "Defense Secretary Lloyd Austin"
DAY = "June 11"

# (first report's place, second report's place, facts expected, place the merged fact names)
CASES = [
    ("at the White House", "in Washington", 1, "White House"),
    ("at Yokota Air Base", "in Tokyo", 1, "Yokota Air Base"),
    ("at Camp David", "in Maryland", 1, "Camp David"),
    ("at the Shoalwater Bay Training Area", "in Queensland", 1, "Shoalwater Bay Training Area"),
    ("at the Shoalwater Bay Training Area", "in Australia", 1, "Shoalwater Bay Training Area"),
    ("in Tokyo", "at the Prime Minister's Office", 1, "Prime Minister's Office"),
    ("in Tokyo", "in Osaka", 2, None),
    ("at Yokota Air Base", "in Washington", 2, None),
    ("at the White House", "in Tokyo", 2, None),
]


def _write(docs: Path, name: str, where: str, swap: bool) -> None:
    who, other = (AUSTIN, KIHARA) if swap else (KIHARA, AUSTIN)
    (docs / name).write_text(AT.format(d=DAY, who=who, other=other, where=where), encoding="utf-8")


def _facts(db_path: Path, capsys) -> list[dict]:
    capsys.readouterr()
    assert allybot(["facts", "--json", "--db", str(db_path)]) == 0
    return [f for f in json.loads(capsys.readouterr().out) if f["kind"] == "meeting"]


def _load(folder: Path, db_path: Path) -> None:
    loader.load(seeds=folder, db_path=db_path, config=CONFIG, progress=False)


@pytest.mark.parametrize("first, second, count, place", CASES)
def test_a_place_within_another_is_one_event(first, second, count, place, tmp_path, merge_spy, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, "a.txt", first, False)
    db_path = tmp_path / "kb.db"
    _load(docs, db_path)
    _write(docs, "b.txt", second, True)
    _load(docs, db_path)  # the reload that adds the second report
    assert merge_spy[-1] == "local"
    scratch = tmp_path / "scratch.db"
    _load(docs, scratch)
    got, want = _facts(db_path, capsys), _facts(scratch, capsys)
    assert got == want
    assert len(want) == count
    cited = [{s["doc_id"] for s in f["sources"]} for f in want]
    if count == 1:
        assert cited == [{"a.txt", "b.txt"}]
        assert place in want[0]["location"]
    else:
        assert sorted(map(sorted, cited)) == [["a.txt"], ["b.txt"]]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select count(*) from documents").fetchone()[0] == 2
