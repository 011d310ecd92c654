"""Issue 13, items 1-2: no file in the documents folder can stop, stall or leak through a load.

Real files on disk (links, pipes, odd encodings and names), a real load, a real database.
Every hostile entry is skipped with a reason naming it; the ordinary document next to it
is loaded; nothing outside the folder is read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.kb import loader
from bot.kb.db import open_db
from tests.context import CONFIG

ORDINARY = (
    "Kishida meets Paparo\n\nPrime Minister Fumio Kishida met Admiral Samuel Paparo in Tokyo "
    "on May 29, 2024.\n"
)
SECRET = "root:x:0:0:root:/root:/bin/bash\n"


def _write(folder: Path, name: str | bytes, data: bytes) -> None:
    path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else os.fsencode(name))
    with open(path, "wb") as f:
        f.write(data)


def make_entry(folder: Path, outside: Path, kind: str) -> None:
    """One hostile entry of `kind` in `folder`."""
    if kind == "bom-not-utf16":
        _write(folder, "bom.txt", b"\xff\xfeabc")  # odd length: not UTF-16 at all
    elif kind == "name-not-utf8":
        _write(folder, b"caf\xe9.txt", ORDINARY.encode())
    elif kind == "newline-in-name":
        _write(folder, "two\nlines.txt", ORDINARY.encode())
    elif kind == "link-outside":
        (outside / "passwd").write_text(SECRET)
        (folder / "p.txt").symlink_to(outside / "passwd")
    elif kind == "link-loop":
        (folder / "loop.txt").symlink_to(folder / "loop.txt")
    elif kind == "dangling-link":
        (folder / "gone.txt").symlink_to(folder / "missing.txt")
    elif kind == "directory":
        (folder / "foo.txt").mkdir()
        (folder / "foo.txt" / "inner.txt").write_text(ORDINARY)
    elif kind == "fifo":
        os.mkfifo(folder / "pipe.txt")
    else:
        raise AssertionError(kind)


# kind, the name reported, words of the reason
REFUSED = [
    ("bom-not-utf16", "bom.txt", "byte-order mark"),
    ("name-not-utf8", "caf\\xe9.txt", "not valid UTF-8"),
    ("newline-in-name", "two\\nlines.txt", "line break"),
    ("link-outside", "p.txt", "outside the documents folder"),
    ("link-loop", "loop.txt", "loop"),
    ("dangling-link", "gone.txt", "dangling"),
    ("fifo", "pipe.txt", "named pipe"),
]


@pytest.fixture
def folder(tmp_path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ordinary.txt").write_text(ORDINARY)
    (tmp_path / "outside").mkdir()
    return seeds


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind,name,reason", REFUSED, ids=[r[0] for r in REFUSED])
def test_hostile_entry_is_skipped_with_its_reason(folder, tmp_path, kind, name, reason):
    make_entry(folder, tmp_path / "outside", kind)
    summary = loader.load(folder, tmp_path / "kb.db", CONFIG, progress=False)
    assert summary.loaded == ["ordinary.txt"]
    skipped = dict(summary.skipped)
    assert name in skipped, summary.skipped
    assert reason in skipped[name]
    db = open_db(tmp_path / "kb.db")
    texts = " ".join(r[0] for r in db.execute("select text from documents"))
    assert "root:x:0:0" not in texts
    assert "\n" not in "".join(r[0] for r in db.execute("select id from documents"))


@pytest.mark.timeout(60)
def test_every_hostile_entry_at_once_through_the_cli(folder, tmp_path, capsys):
    for kind, _, _ in REFUSED:
        make_entry(folder, tmp_path / "outside", kind)
    code = main(["load", "--seeds", str(folder), "--db", str(tmp_path / "kb.db"), "--json", "-q"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["loaded"] == ["ordinary.txt"]
    assert sorted(s["file"] for s in out["skipped"]) == sorted(name for _, name, _ in REFUSED)


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "encoding", ["utf-32", "utf-32-le", "utf-16-le", "utf-16-be", "utf-16", "utf-8-sig"]
)
def test_unicode_encodings_load_as_text(folder, tmp_path, encoding):
    (folder / "ordinary.txt").unlink()
    (folder / "wide.txt").write_bytes(ORDINARY.encode(encoding))
    summary = loader.load(folder, tmp_path / "kb.db", CONFIG, progress=False)
    assert summary.loaded == ["wide.txt"] and summary.skipped == []
    db = open_db(tmp_path / "kb.db")
    (text,) = db.execute("select text from documents").fetchone()
    assert text.replace("\r\n", "\n") == ORDINARY
    assert summary.facts >= 1


@pytest.mark.timeout(60)
def test_a_folder_named_like_a_document_is_walked_not_read(folder, tmp_path):
    make_entry(folder, tmp_path / "outside", "directory")
    summary = loader.load(folder, tmp_path / "kb.db", CONFIG, progress=False)
    assert sorted(summary.loaded) == ["foo.txt/inner.txt", "ordinary.txt"]
    assert summary.skipped == []


@pytest.mark.timeout(60)
def test_a_link_to_a_folder_is_not_followed(folder, tmp_path):
    (folder / "loop").symlink_to(folder)
    (folder / "etc").symlink_to(tmp_path / "outside")
    summary = loader.load(folder, tmp_path / "kb.db", CONFIG, progress=False)
    assert summary.loaded == ["ordinary.txt"]
    skipped = dict(summary.skipped)
    assert "directory" in skipped["loop"] and "outside" in skipped["etc"]


@pytest.mark.timeout(60)
def test_a_hostile_entry_in_a_subfolder_is_named_by_its_path(folder, tmp_path):
    (folder / "sub").mkdir()
    (tmp_path / "outside" / "passwd").write_text(SECRET)
    (folder / "sub" / "p.txt").symlink_to(tmp_path / "outside" / "passwd")
    summary = loader.load(folder, tmp_path / "kb.db", CONFIG, progress=False)
    assert summary.loaded == ["ordinary.txt"]
    assert "outside the documents folder" in dict(summary.skipped)["sub/p.txt"]


@pytest.mark.timeout(60)
def test_a_link_inside_the_folder_is_read(folder, tmp_path):
    (folder / "alias.txt").symlink_to(folder / "ordinary.txt")
    summary = loader.load(folder, tmp_path / "kb.db", CONFIG, progress=False)
    assert sorted(summary.loaded) == ["alias.txt", "ordinary.txt"]
