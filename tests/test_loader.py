"""`allybot load`: incremental, atomic, and never stopped by a bad document."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.kb import loader
from bot.kb.db import open_db
from tests.context import CONFIG

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"  # the suite's own copy: seeds/ may grow


@pytest.fixture
def seeds(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def run_load(seeds: Path, db_path: Path):
    return loader.load(seeds=seeds, db_path=db_path, config=CONFIG, progress=False)


def snapshot(db_path: Path) -> dict:
    db = open_db(db_path)
    try:
        return {
            "docs": {r["id"]: r["content_hash"] for r in db.query("select id, content_hash from documents")},
            "passages": db["passages"].count,
            "facts": sorted(r["id"] for r in db.query("select id from facts")),
        }
    finally:
        db.close()


def test_loads_every_seed(seeds, tmp_path):
    summary = run_load(seeds, tmp_path / "a.db")
    assert sorted(summary.loaded) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert summary.skipped == [] and summary.removed == []
    assert summary.facts > 0
    snap = snapshot(tmp_path / "a.db")
    assert len(snap["docs"]) == 5 and snap["passages"] > 50


def test_second_load_touches_nothing(seeds, tmp_path):
    db_path = tmp_path / "a.db"
    run_load(seeds, db_path)
    before = snapshot(db_path)
    generation = dict(open_db(db_path).execute("select key, value from meta").fetchall())["generation"]
    summary = run_load(seeds, db_path)
    assert summary.loaded == [] and summary.unchanged == 5 and summary.removed == []
    assert snapshot(db_path) == before
    after = dict(open_db(db_path).execute("select key, value from meta").fetchall())["generation"]
    assert after == generation, "a load that changed nothing must not invalidate caches"


def test_changed_file_is_replaced_and_deleted_file_removed(seeds, tmp_path):
    db_path = tmp_path / "a.db"
    run_load(seeds, db_path)
    changed = next(seeds.glob("002_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA new closing paragraph about the alliance.\n", encoding="utf-8")
    deleted = next(seeds.glob("001_*.txt"))
    deleted.unlink()

    summary = run_load(seeds, db_path)
    assert summary.loaded == [changed.name]
    assert summary.removed == [deleted.name]
    assert summary.unchanged == 3
    db = open_db(db_path)
    assert deleted.name not in {r["id"] for r in db["documents"].rows}
    assert db.execute("select count(*) from passages where doc_id = ?", [deleted.name]).fetchone()[0] == 0
    assert all(f["doc_id"] != deleted.name for f in db["facts"].rows)
    hits = db.execute(
        "select count(*) from passages_fts where passages_fts match 'closing paragraph'"
    ).fetchone()[0]
    assert hits == 1


def test_an_edit_is_found_even_with_the_size_and_mtime_restored(seeds, tmp_path, monkeypatch):
    """A reload does not hash files whose stat is as recorded when they were read; an edit
    that keeps the size and sets the old mtime back (an editor, `cp -p`, `rsync -t`) still
    changes the ctime, so it is found; a file only touched, or copied back as it was, is not
    loaded again."""
    monkeypatch.setattr(loader, "SETTLED_NS", 0)  # no waiting for the test's files to settle
    db_path = tmp_path / "a.db"
    run_load(seeds, db_path)
    edited, touched = sorted(seeds.glob("*.txt"))[:2]
    st = edited.stat()
    text = edited.read_text(encoding="utf-8")
    swapped = text.replace("the", "THE", 1)
    assert swapped != text and len(swapped) == len(text)
    edited.write_text(swapped, encoding="utf-8")
    os.utime(edited, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert edited.stat().st_size == st.st_size and edited.stat().st_mtime_ns == st.st_mtime_ns
    os.utime(touched)
    summary = run_load(seeds, db_path)
    assert summary.loaded == [edited.name] and summary.unchanged == 4
    assert "THE" in open_db(db_path)["documents"].get(edited.name)["text"]
    copy = tmp_path / "copy.txt"
    shutil.copy2(touched, copy)
    shutil.copy2(copy, touched)  # the same bytes, a new inode's worth of stat
    summary = run_load(seeds, db_path)
    assert summary.loaded == [] and summary.unchanged == 5


def test_bad_documents_are_skipped_with_reasons_and_the_rest_load(seeds, tmp_path, caplog):
    (seeds / "empty.txt").write_text("", encoding="utf-8")
    (seeds / "blank.md").write_text("  \n\n ", encoding="utf-8")
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (seeds / "latin1.txt").write_bytes(
        "Tokyo, March 3, 2025\n\nThe ministers met in Tōkyō caf\xe9 talks on défense.\n".encode("latin-1", "replace")
    )
    (seeds / "notes.pdf").write_bytes(b"%PDF-1.4 not a text document")
    (seeds / "budget.xlsx").write_bytes(b"PK\x03\x04 a spreadsheet")
    summary = run_load(seeds, tmp_path / "a.db")

    reasons = dict(summary.skipped)
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.md"] == "empty file"
    assert reasons["binary.txt"].startswith("binary")
    assert reasons["notes.pdf"].startswith("not a readable PDF")
    assert reasons["budget.xlsx"] == "unsupported type .xlsx", "other types are named, not ignored"
    assert "latin1.txt" in summary.loaded
    assert len(summary.loaded) == 6
    db = open_db(tmp_path / "a.db")
    text = db["documents"].get("latin1.txt")["text"]
    assert "café" in text
    assert any("empty.txt" in r.getMessage() for r in caplog.records)


def test_huge_file_is_skipped(seeds, tmp_path):
    big = seeds / "huge.txt"
    big.write_text("The allies met. " * (CONFIG.max_bytes // 16 + 10), encoding="utf-8")
    summary = run_load(seeds, tmp_path / "a.db")
    assert "too large" in dict(summary.skipped)["huge.txt"]
    assert len(summary.loaded) == 5


def test_a_file_that_turns_unreadable_keeps_its_previous_version(seeds, tmp_path):
    db_path = tmp_path / "a.db"
    run_load(seeds, db_path)
    victim = next(seeds.glob("003_*.txt"))
    victim.write_bytes(b"")
    summary = run_load(seeds, db_path)
    assert "previously loaded version is kept" in dict(summary.skipped)[victim.name]
    assert victim.name in snapshot(db_path)["docs"]


def test_interrupted_load_leaves_the_previous_database_usable(seeds, tmp_path, monkeypatch):
    """Documents are written in short transactions (the bot answers during a load), so an
    interrupted load leaves each document whole, old or new, and the previous facts; the
    next load finishes the job."""
    db_path = tmp_path / "a.db"
    run_load(seeds, db_path)
    before = snapshot(db_path)

    changed = next(seeds.glob("000_*.txt"))
    changed.write_text("Replaced\n\nNothing but a short note now.\n", encoding="utf-8")
    next(seeds.glob("004_*.txt")).unlink()

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C while the new facts are being written

    monkeypatch.setattr(loader, "_rebuild_facts", crash)
    with pytest.raises(KeyboardInterrupt):
        run_load(seeds, db_path)
    assert snapshot(db_path)["facts"] == before["facts"]  # the previous facts, still answering

    monkeypatch.undo()
    run_load(seeds, db_path)  # finishes: the facts are rebuilt from the new documents
    clean = tmp_path / "clean.db"
    run_load(seeds, clean)
    assert snapshot(db_path) == snapshot(clean)


def test_cli_load_and_docs_json(seeds, tmp_path, capsys):
    db_path = tmp_path / "cli.db"
    assert main(["load", "--seeds", str(seeds), "--db", str(db_path), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["docs", "--json", "--db", str(db_path)]) == 0
    docs = {d["id"]: d for d in json.loads(capsys.readouterr().out)}
    assert len(docs) == 5
    d0 = docs[next(SEEDS.glob("000_*.txt")).name]
    assert d0["date"] == "2024-05-31" and d0["date_inferred"] is False
    assert set(d0) == {
        "id", "title", "date", "date_precision", "date_inferred", "date_note", "source", "place", "passages",
        "format", "url", "added_by", "source_url", "added_at",
    }
    assert d0["format"] == "txt" and d0["added_by"] is None, "a seed was not added from Slack"
    assert d0["passages"] > 5
    d2 = docs[next(SEEDS.glob("002_*.txt")).name]
    assert d2["date_inferred"] is True and d2["date"].startswith("2023-07")


def test_cli_reports_missing_database_clearly(tmp_path, capsys):
    assert main(["docs", "--db", str(tmp_path / "nope.db")]) == 2
    assert "allybot load" in capsys.readouterr().err


def test_parallel_extraction_gives_the_same_facts_as_sequential(seeds, tmp_path, monkeypatch):
    from bot.kb.store import all_facts

    monkeypatch.setattr(loader, "PARALLEL_MIN", 10**9)
    run_load(seeds, tmp_path / "seq.db")
    monkeypatch.setattr(loader, "PARALLEL_MIN", 2)  # the process pool, as for a large archive
    summary = run_load(seeds, tmp_path / "par.db")
    assert len(summary.loaded) == 5
    seq = [f.to_json() for f in all_facts(open_db(tmp_path / "seq.db"))]
    par = [f.to_json() for f in all_facts(open_db(tmp_path / "par.db"))]
    assert par == seq and len(par) > 20


def test_a_document_that_breaks_extraction_is_skipped_and_the_rest_load(seeds, tmp_path, monkeypatch):
    real = loader.extract_document

    def fragile(doc, gazetteer):
        if doc.id.startswith("002_"):
            raise ValueError("an odd document")
        return real(doc, gazetteer)

    monkeypatch.setattr(loader, "extract_document", fragile)
    summary = run_load(seeds, tmp_path / "a.db")
    reasons = dict(summary.skipped)
    bad = next(seeds.glob("002_*.txt")).name
    assert reasons[bad] == "could not be extracted (ValueError: an odd document)"
    assert len(summary.loaded) == 4 and summary.facts > 0


def _facts_and_names(db_path: Path) -> list:
    db = open_db(db_path)
    try:
        facts = [dict(r) for r in db.query("select * from facts order by id")]
        mentions = [(r["doc_id"], r["seq"], r["data"]) for r in db.query("select * from mentions order by doc_id, seq")]
        return [facts, mentions]
    finally:
        db.close()


def test_an_edited_document_is_found_by_the_same_names_as_after_a_load_from_scratch(seeds, tmp_path):
    """A reload reuses the search names of facts that come out of an edited document as they
    were, and works out those of changed facts: either way as a load from scratch does."""
    db_path = tmp_path / "a.db"
    run_load(seeds, db_path)
    for path in sorted(seeds.glob("*.txt")):
        path.write_text(path.read_text(encoding="utf-8") + "\nCorrection: an earlier version misspelt a name.\n",
                        encoding="utf-8")
    edited = next(seeds.glob("004_*.txt"))  # its facts change: another person, another role
    edited.write_text(edited.read_text(encoding="utf-8").replace("Kishida", "Kihara"), encoding="utf-8")
    summary = run_load(seeds, db_path)
    assert len(summary.loaded) == 5
    run_load(seeds, tmp_path / "scratch.db")
    assert _facts_and_names(db_path) == _facts_and_names(tmp_path / "scratch.db")


def test_a_gazetteer_edited_between_loads_of_one_process_is_the_one_used(seeds, tmp_path):
    """The bot loads again in its own process after each document added from Slack, and the
    loader keeps the gazetteer between loads: an alias an analyst adds meanwhile must reach
    the facts' search names all the same, as after a load from scratch."""
    import dataclasses

    config_dir = tmp_path / "config"
    shutil.copytree(CONFIG.config_dir, config_dir)
    config = dataclasses.replace(CONFIG, config_dir=config_dir)
    db_path = tmp_path / "a.db"

    def names(path: Path) -> str:
        db = open_db(path)
        try:
            return " ".join(r["names"] or "" for r in db.query("select names from facts"))
        finally:
            db.close()

    loader.load(seeds=seeds, db_path=db_path, config=config, progress=False)
    assert "Premier Quillfeather" not in names(db_path)
    people = config_dir / "gazetteer" / "people.yaml"
    text = people.read_text(encoding="utf-8")
    assert "aliases: [Kishida Fumio," in text
    people.write_text(text.replace("aliases: [Kishida Fumio,", "aliases: [Premier Quillfeather, Kishida Fumio,"),
                      encoding="utf-8")
    summary = loader.load(seeds=seeds, db_path=db_path, config=config, progress=False)
    assert len(summary.loaded) == 5  # a new extractor: every document read again
    assert "Premier Quillfeather" in names(db_path)
    loader._LOADED.clear()
    loader.load(seeds=seeds, db_path=tmp_path / "scratch.db", config=config, progress=False)
    assert _facts_and_names(db_path) == _facts_and_names(tmp_path / "scratch.db")
