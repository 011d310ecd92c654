"""A reload merges again only what changed, and ends exactly where a load from scratch does.

Documents are edited, replaced, deleted, added and copied (a copy reports the same events,
so its facts merge with the original's): after each round of changes the reloaded database
must hold the same facts, entities and answers as a fresh load of the same folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench.corpus import build_cast, document, revise, write_corpus
from bench.queries import query_mix
from bot.kb import loader, remerge, search
from bot.kb.db import open_db
from commands import dispatch
from commands.errors import CommandError, UsageError
from tests.context import CONFIG, ctx

SEED = 7


def run_load(folder: Path, db_path: Path):
    return loader.load(seeds=folder, db_path=db_path, config=CONFIG, progress=False)


def state(db_path: Path) -> dict:
    """Everything a user could see of the facts: rows, entities and every answer of the mix."""
    db = open_db(db_path)
    try:
        facts = [tuple(r) for r in db.execute("select * from facts order by id").fetchall()]
        entities = [tuple(r) for r in db.execute("select * from entities order by id").fetchall()]
        search._cache.clear()
        answers = {}
        for q in query_mix(SEED, build_cast(SEED)):
            try:
                result = dispatch(q.line, ctx(db))
            except (UsageError, CommandError) as exc:
                answers[q.line] = str(exc)
                continue
            answers[q.line] = (
                [f.id for f in result.items],
                [(p.doc_id, *p.span) for p in getattr(result, "passages", [])],
            )
        merged = sum(
            len({s["doc_id"] for s in json.loads(sources or "[]")}) > 1
            for (sources,) in db.execute("select sources from facts")
        )
        return {"facts": facts, "entities": entities, "answers": answers, "merged": merged}
    finally:
        db.close()


@pytest.fixture
def folder(tmp_path) -> Path:
    docs = tmp_path / "docs"
    paths = write_corpus(40, docs, SEED)
    for p in paths[:8]:  # re-saved copies: the same events from a second document
        shutil.copy(p, docs / f"copy_{p.name}")
    return docs


def _change(docs: Path, round_: int) -> None:
    files = sorted(p for p in docs.iterdir() if not p.name.startswith("copy_"))
    for p in files[10 + round_ : 13 + round_]:  # corrected
        p.write_text(revise(p.read_text(encoding="utf-8"), round_), encoding="utf-8")
    # An original of a copy now tells another story: its merges with the copy come apart.
    files[round_].write_text(document(900 + round_, SEED).text, encoding="utf-8")
    files[20 + round_].unlink()  # deleted
    (docs / f"copy_{files[2 + round_].name}").unlink()  # a copy deleted, its original stays
    (docs / f"new_{round_}.txt").write_text(document(500 + round_, SEED).text, encoding="utf-8")
    shutil.copy(files[30 + round_], docs / f"copy2_{files[30 + round_].name}")  # a new copy


def test_reload_after_changes_equals_a_load_from_scratch(folder, tmp_path, merge_spy):
    db_path = tmp_path / "kb.db"
    run_load(folder, db_path)
    for round_ in range(2):
        _change(folder, round_)
        summary = run_load(folder, db_path)
        assert summary.loaded and summary.removed
        scratch = tmp_path / f"scratch{round_}.db"
        run_load(folder, scratch)
        assert merge_spy[-2:] == ["local", "full"]
        got, want = state(db_path), state(scratch)
        assert got["merged"] > 0, "the corpus must have facts merged across documents"
        assert got["facts"] == want["facts"]
        assert got["entities"] == want["entities"]
        assert got["answers"] == want["answers"]


def test_merge_runs_in_full_when_the_tables_are_missing(folder, tmp_path, merge_spy):
    """A database made before the merge tables existed (or by an interrupted load) is merged
    in full once, then locally."""
    db_path = tmp_path / "kb.db"
    run_load(folder, db_path)
    db = open_db(db_path)
    db.execute("delete from meta where key = ?", [remerge.STATE_KEY])
    db.conn.commit()
    db.close()
    _change(folder, 0)
    run_load(folder, db_path)
    _change(folder, 1)
    run_load(folder, db_path)
    assert merge_spy == ["full", "full", "local"]
