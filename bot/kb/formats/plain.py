"""Plain text: decoded as it comes, UTF-8 first, legacy single-byte encodings as a fallback.

Header lines, date lines, datelines and front matter are the document pipeline's to read
(bot/kb/documents.py), as for every format.
"""

from __future__ import annotations

import codecs

from bot.kb.formats.base import Extracted, Unreadable

# Byte-order marks, UTF-32's first: FF FE 00 00 also starts with UTF-16's FF FE.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def _mostly_text(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if c < " " and c not in "\t\n\f\r")
    return bool(sample.strip()) and controls <= len(sample) * 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding used; binary data is refused rather than read as mojibake.

    UTF-16 and UTF-32 are read by their byte-order mark, or without one when the bytes
    decode to text (ASCII in UTF-16 is half NUL bytes, which would otherwise look binary).
    """
    if not data.strip():
        raise Unreadable("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise Unreadable(
                    f"starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()}"
                ) from None
    sample = data[:8192]
    if b"\x00" in sample:
        # Mostly-ASCII text has its NUL bytes after each letter (little-endian) or before it.
        little = sample[1::2].count(0) >= sample[0::2].count(0)
        order = ("le", "be") if little else ("be", "le")
        for encoding in [f"utf-32-{e}" for e in order] + [f"utf-16-{e}" for e in order]:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _mostly_text(text) and "\x00" not in text:
                return text, encoding
        raise Unreadable("binary file (not text)")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(sample) * 0.05:
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
