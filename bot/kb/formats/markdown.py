"""Markdown notes: front matter read and removed, markup reduced to the words a reader sees.

Titles, quotes and summaries are cut from the text, so markup left in it would show up in
Slack as `# Analyst notes` or `**Kihara**`. The note below its front matter is rewritten
line for line (headings, emphasis, links, images, code, quotes, rules), keeping list
markers and blank lines, which the passage splitter reads as structure; the front matter
is kept for the document pipeline, which reads its date (with its precision) and url.
"""

from __future__ import annotations

import re

from bot.kb.formats.base import Extracted
from bot.kb.formats.frontmatter import front_matter
from bot.kb.formats.plain import decode

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^(\s*)[*+]\s+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\*)|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"`([^`]+)`")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def inline_plain(line: str) -> str:
    """One line of Markdown inline markup as plain text."""
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _CODE.sub(r"\1", line)
    for _ in range(2):  # nested emphasis: ***both***
        line = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", line)
    line = _STRIKE.sub(r"\1", line)
    return _TAG.sub("", line)


def to_plain(markdown: str) -> tuple[str, str | None]:
    """(plain text, the first heading); one output line per input line."""
    out: list[str] = []
    heading: str | None = None
    in_code = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
            out.append("")
            continue
        if in_code:
            out.append(line)
            continue
        if _REF_DEF.match(line) or _RULE.match(line):
            out.append("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            heading = heading or out[-1].strip()
            out.append("")
            continue
        if m := _HEADING.match(line):
            text = inline_plain(m.group(1)).strip()
            heading = heading or text or None
            out.append(text)
            continue
        line = _QUOTE.sub("", line)
        line = _BULLET.sub(r"\1- ", line)
        out.append(inline_plain(line).rstrip())
    return "\n".join(out), heading


def read(data: bytes, name: str) -> Extracted:
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fields, end = front_matter(text)
    body, heading = to_plain(text[end:])
    # The block stays as written (the document pipeline reads its date and flags it);
    # what is shown from it is markup-free.
    doc = Extracted(text=text[:end] + body, format="md", encoding=encoding, title=heading)
    for key in ("title", "source", "author"):
        value = fields.get(key)
        if value not in (None, ""):
            setattr(doc, "author" if key == "author" else key, inline_plain(" ".join(str(value).split())))
    return doc
