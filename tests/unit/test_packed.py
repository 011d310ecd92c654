"""The stored search index's container: whatever is read back is what was packed, and any
other bytes are refused (a database someone hands you is data), whether read whole or a
piece at a time out of SQLite."""

import sqlite3
from array import array

import pytest

from bot.kb import packed

DOC = {"name": "index", "words": ["alliance", "同盟"], "kinds": [{"ids": 0}, {"ids": 1}]}


def _arrays():
    return [array("i", range(-5, 70_000)), array("q", [2**40, 0, 7]), array("B", b"xyz")]


def _blob_reader(value: bytes, piece_limit: int | None = None):
    conn = sqlite3.connect(":memory:")
    conn.execute("create table t (data blob)")
    rowid = conn.execute("insert into t values (?)", [value]).lastrowid
    blob = conn.blobopen("t", "data", rowid, readonly=True)
    if piece_limit is None:
        return blob.read
    return lambda n: blob.read(min(n, piece_limit))


@pytest.mark.parametrize("how", ["whole", "from a sqlite blob", "in short reads"])
def test_what_is_packed_comes_back(how, monkeypatch):
    value = packed.pack(DOC, _arrays())
    if how == "whole":
        doc, arrays = packed.unpack(value)
    else:
        monkeypatch.setattr(packed, "_PIECE", 1024)  # many pieces per array
        read = _blob_reader(value, None if how == "from a sqlite blob" else 4096)
        doc, arrays = packed.unpack_from(read, len(value))
    assert doc == DOC
    assert arrays == _arrays()


def test_written_in_pieces_reads_back_the_same():
    size, pieces = packed.pack_parts(DOC, [packed.Chain("i", [array("i", [1, 2]), array("i", [3])])])
    value = b"".join(pieces)
    assert len(value) == size
    assert packed.unpack(value) == (DOC, [array("i", [1, 2, 3])])


def _spoiled(how: str) -> bytes:
    value = packed.pack(DOC, _arrays())
    return {
        "not ours": b"\x80\x04pickle data",
        "empty": b"",
        "cut in the head": value[: len(packed.MAGIC) + 12],
        "cut in an array": value[:-5],
        "cut mid item": value[:-1],
        "trailing bytes": value + b"\x00",
        "a float array": _framed(b'{"doc":1,"arrays":[["d",1]]}', b"\x00" * 8),
        "a negative count": _framed(b'{"doc":1,"arrays":[["i",-1]]}', b""),
    }[how]


def _framed(head: bytes, rest: bytes) -> bytes:
    return packed.MAGIC + packed._LENGTH.pack(len(head)) + head + rest


SPOILED = ["not ours", "empty", "cut in the head", "cut in an array", "cut mid item", "trailing bytes",
           "a float array", "a negative count"]


@pytest.mark.parametrize("how", SPOILED)
@pytest.mark.parametrize("reader", ["whole", "from a sqlite blob"])
def test_anything_else_is_refused(how, reader):
    value = _spoiled(how)
    with pytest.raises(ValueError):
        if reader == "whole":
            packed.unpack(value)
        else:
            packed.unpack_from(_blob_reader(value) if value else (lambda n: b""), len(value))


def test_a_float_array_is_never_packed():
    with pytest.raises(ValueError):
        packed.pack(DOC, [array("d", [1.5])])
