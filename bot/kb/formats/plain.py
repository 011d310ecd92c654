"""Plain text: decoded as it comes, UTF-8 first, legacy single-byte encodings as a fallback.

Header lines, date lines, datelines and front matter are the document pipeline's to read
(bot/kb/documents.py), as for every format.
"""

from __future__ import annotations

from bot.kb.formats.base import Extracted, Unreadable


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding used; binary data is refused rather than read as mojibake."""
    if not data.strip():
        raise Unreadable("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sample or controls > len(sample) * 0.05:
        raise Unreadable("binary file (not text)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def read(data: bytes, name: str) -> Extracted:
    text, encoding = decode(data)
    return Extracted(text=text.replace("\r\n", "\n").replace("\r", "\n"), format="txt", encoding=encoding)
