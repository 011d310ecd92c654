"""YAML front matter (`---` block at the top of a .md or .txt note): the one parser of it.

Analysts write notes with `title`, `date`, `source`, `url` (and `author`) in front matter;
those are the note's own metadata, so they win over anything guessed from the text, and
the block itself is removed from the text passages are cut from.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import yaml

from bot.kb.formats.base import Extracted

_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict, str]:
    """(the front matter's fields, the text after it); ({}, text) when there is none.

    A block that is not a YAML mapping (a horizontal rule opening a note) is left in place.
    """
    m = _BLOCK.match(text)
    if not m:
        return {}, text
    try:
        data = yaml.safe_load(m.group(1) or "") or {}
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    return {str(k).lower(): v for k, v in data.items()}, text[m.end():]


def front_matter_date(value) -> date | None:
    """A front-matter `date`: YAML reads 2026-09-02 as a date already; strings are ISO dates."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            return None
    return None


def apply_front_matter(doc: Extracted) -> Extracted:
    """Remove the block from `doc.text` and take its fields as the document's metadata."""
    fields, body = split_front_matter(doc.text)
    if not fields:
        return doc
    doc.text = body.lstrip("\n")

    def text_field(*keys: str) -> str | None:
        for key in keys:
            value = fields.get(key)
            if value not in (None, ""):
                return " ".join(str(value).split())
        return None

    doc.title = text_field("title") or doc.title
    doc.source = text_field("source", "publisher", "site") or doc.source
    doc.url = text_field("url", "link") or doc.url
    doc.author = text_field("author", "by") or doc.author
    stated = front_matter_date(fields.get("date") or fields.get("published"))
    if stated:
        doc.date, doc.date_note = stated, "stated in the front matter"
    return doc
