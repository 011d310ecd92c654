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

import json
import struct
import sys
from array import array

MAGIC = b"allybot packed 1\n"
TYPECODES = frozenset("bBiIqQ")  # integers only: no floats, no objects
_LENGTH = struct.Struct("<Q")


def pack(doc: object, arrays: list[array]) -> bytes:
    """`doc` (JSON) and `arrays` (referred to in `doc` by their position) as one value."""
    head = json.dumps({"doc": doc, "arrays": [[a.typecode, len(a)] for a in arrays]},
                      ensure_ascii=False, separators=(",", ":")).encode()
    parts = [MAGIC, _LENGTH.pack(len(head)), head]
    for a in arrays:
        if a.typecode not in TYPECODES:
            raise ValueError(f"not an integer array: {a.typecode!r}")
        if sys.byteorder == "big":
            a = array(a.typecode, a)
            a.byteswap()
        parts.append(a.tobytes())
    return b"".join(parts)


def unpack(data: bytes) -> tuple[object, list[array]]:
    """What `pack` was given; ValueError or TypeError for anything else."""
    if not isinstance(data, bytes) or not data.startswith(MAGIC):
        raise ValueError("not a packed value")
    pos = len(MAGIC) + _LENGTH.size
    (n,) = _LENGTH.unpack_from(data, len(MAGIC))
    head = json.loads(data[pos : pos + n])
    pos += n
    view, arrays = memoryview(data), []
    for code, count in head["arrays"]:
        if code not in TYPECODES or type(count) is not int or count < 0:
            raise ValueError("bad array description")
        a = array(code)
        end = pos + a.itemsize * count
        if end > len(data):
            raise ValueError("truncated")
        a.frombytes(view[pos:end])
        if sys.byteorder == "big":
            a.byteswap()
        arrays.append(a)
        pos = end
    if pos != len(data):
        raise ValueError("trailing bytes")
    return head["doc"], arrays
