"""One reader per file type, chosen by the file's suffix.

Every reader turns bytes into an `Extracted` (text + the file's own metadata), so the
document pipeline (passages, furniture, dates, facts) is the same whatever the format.
A suffix with no reader is reported by name, never silently ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from bot.kb.formats.base import Extracted, Unreadable

__all__ = ["Extracted", "Unreadable", "READERS", "read_bytes", "supported", "Unsupported"]

# suffix -> module holding `read(data, name) -> Extracted`; imported on first use, so a
# plain-text load never pays for lxml or pypdf.
READERS: dict[str, str] = {
    ".txt": "plain",
    ".text": "plain",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".eml": "eml",
    ".docx": "docx",
}


class Unsupported(Unreadable):
    """A file whose type has no reader."""


def supported(suffix: str) -> bool:
    return suffix.lower() in READERS


def reader(suffix: str) -> Callable[[bytes, str], Extracted]:
    module = READERS.get(suffix.lower())
    if module is None:
        raise Unsupported(f"unsupported type {suffix.lower() or '(no extension)'}")
    return import_module(f"bot.kb.formats.{module}").read


def read_bytes(data: bytes, name: str) -> Extracted:
    """The file's text and metadata; raises Unreadable (or Unsupported) with the reason."""
    from pathlib import PurePath

    read = reader(PurePath(name).suffix)
    if not data.strip():
        raise Unreadable("empty file")
    return read(data, name)
