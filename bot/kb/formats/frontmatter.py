"""YAML front matter (a `---` block at the top of a .md or .txt note): the one parser of it.

Analysts write notes with `title`, `date`, `source`, `url` (and `author`) in front matter;
whoever filed the note wrote them, so they win over anything read from the text. The
document pipeline (bot/kb/documents.py) reads the fields and flags the block as furniture,
so offsets stay true to the text; the Markdown reader keeps the block as it is and turns
only the note below it into plain text.
"""

from __future__ import annotations

import re

import yaml

_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def front_matter(text: str) -> tuple[dict[str, object], int]:
    """(the fields, keys lower-cased and empty ones left out; where the body starts).

    ({}, 0) when there is none; a block that is not a YAML mapping (a horizontal rule
    opening a note, broken YAML) is no front matter and stays part of the text.
    """
    m = _BLOCK.match(text)
    if not m:
        return {}, 0
    try:
        data = yaml.safe_load(m.group(1) or "") or {}
    except yaml.YAMLError:
        return {}, 0
    if not isinstance(data, dict):
        return {}, 0
    return {str(k).lower(): v for k, v in data.items() if v is not None}, m.end()


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """(the fields, the text after the block)."""
    fields, end = front_matter(text)
    return fields, text[end:]
