"""A JSON document with big integer arrays beside it, in one bytes value: how the search
index is kept in the database.

Why not pickle: loading a database someone hands you must not run their code. Why not
JSON alone: parsing hundreds of thousands of integers as text takes several times as long
as the index takes to use, and the first answer after a start waits for it. So the numbers
travel as the raw bytes of `array`s (little-endian), read back in C, and the JSON names
them by position. Anything not written by `pack` raises ValueError (or TypeError) in
`unpack`; nothing in the data is ever executed.
"""

from __future__ import annotations

import io
import json
import struct
import sys
from array import array
from collections.abc import Callable, Iterator

MAGIC = b"allybot packed 1\n"
TYPECODES = frozenset("bBiIqQ")  # integers only: no floats, no objects
_LENGTH = struct.Struct("<Q")


class Chain:
    """Integer arrays stored one after another as one array of `typecode` (its items the
    same size as theirs): a big array written without first copying its parts together.
    The bytes are those of `array(typecode, <the parts' items>)` when every item fits
    `typecode` (the caller's promise: fact numbers are never negative)."""

    def __init__(self, typecode: str, parts: list[array]):
        self.typecode, self.parts = typecode, parts
        self.itemsize = array(typecode).itemsize
        if any(a.itemsize != self.itemsize or a.typecode not in TYPECODES for a in parts):
            raise ValueError("parts of another item size")

    def __len__(self) -> int:
        return sum(len(a) for a in self.parts)


def pack_parts(doc: object, arrays: list[array | Chain]) -> tuple[int, Iterator[bytes | memoryview]]:
    """What `pack` returns, as its length and the pieces that make it, in order: the arrays'
    own buffers, not copies, so a big value can be written (sqlite3 `blobopen`) without
    ever being whole in memory. The arrays must not change until the pieces are used."""
    for a in arrays:
        if a.typecode not in TYPECODES:
            raise ValueError(f"not an integer array: {a.typecode!r}")
    head = list(_json_pieces({"doc": doc, "arrays": [[a.typecode, len(a)] for a in arrays]}))
    length = sum(len(h) for h in head)
    size = len(MAGIC) + _LENGTH.size + length + sum(a.itemsize * len(a) for a in arrays)

    def pieces() -> Iterator[bytes | memoryview]:
        yield MAGIC + _LENGTH.pack(length)
        yield from head
        for a in arrays:
            for part in a.parts if isinstance(a, Chain) else (a,):
                if sys.byteorder == "big":
                    part = array(part.typecode, part)
                    part.byteswap()
                yield memoryview(part).cast("B")

    return size, pieces()


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _json_pieces(value: object) -> Iterator[bytes]:
    """`_dumps(value)` in pieces: a dict or list of a few items is written an item at a
    time, so a big document (the search index's head: 30 MB at 100,000 documents) is never
    one string, nor a string and its bytes at once."""
    if isinstance(value, dict) and len(value) <= 64 and all(type(k) is str for k in value):
        yield b"{"
        for n, (k, v) in enumerate(value.items()):
            yield (b"," if n else b"") + _dumps(k) + b":"
            yield from _json_pieces(v)
        yield b"}"
    elif isinstance(value, (list, tuple)) and len(value) <= 64:
        yield b"["
        for n, v in enumerate(value):
            if n:
                yield b","
            yield from _json_pieces(v)
        yield b"]"
    else:
        yield _dumps(value)


def pack(doc: object, arrays: list[array | Chain]) -> bytes:
    """`doc` (JSON) and `arrays` (referred to in `doc` by their position) as one value."""
    return b"".join(pack_parts(doc, arrays)[1])


def unpack(data: bytes) -> tuple[object, list[array]]:
    """What `pack` was given; ValueError or TypeError for anything else."""
    if not isinstance(data, bytes):
        raise ValueError("not a packed value")
    return unpack_from(io.BytesIO(data).read, len(data))


_PIECE = 1 << 22  # bytes read at a time into an array: a multiple of every item size


def unpack_from(read: Callable[[int], bytes], size: int) -> tuple[object, list[array]]:
    """`unpack` of the `size` bytes that `read(n)` returns in order (a sqlite3 `Blob`'s
    read): each array is filled a piece at a time, so the whole value (142 MB at 100,000
    documents) is never in memory beside what it decodes to."""
    start = read(len(MAGIC) + _LENGTH.size)
    if not start.startswith(MAGIC) or len(start) != len(MAGIC) + _LENGTH.size:
        raise ValueError("not a packed value")
    (n,) = _LENGTH.unpack_from(start, len(MAGIC))
    pos = len(start) + n
    if pos > size:
        raise ValueError("truncated")
    head = json.loads(read(n))
    arrays = []
    for code, count in head["arrays"]:
        if code not in TYPECODES or type(count) is not int or count < 0:
            raise ValueError("bad array description")
        a = array(code)
        end = pos + a.itemsize * count
        if end > size:
            raise ValueError("truncated")
        while pos < end:
            piece = read(min(_PIECE, end - pos))
            if not piece or len(piece) % a.itemsize:
                raise ValueError("truncated")
            a.frombytes(piece)
            pos += len(piece)
        if sys.byteorder == "big":
            a.byteswap()
        arrays.append(a)
    if pos != size or read(1):
        raise ValueError("trailing bytes")
    return head["doc"], arrays
