"""Text as a reader sees it: markdown and Slack's message markup reduced to plain words.

Documents arrive as markdown ("**bold**", "[label](url)", "\\$5", list bullets) and Slack
sends typed text with its own markup ("<@U123|ann>", "<https://x|label>", "&amp;"); every
place that shows or searches text needs the same reduction, so it lives here once. The
extractors read the same markdown in pieces (a sentence, a clause): `plain_view` and
`excerpt_to_plain` are their reductions, here beside the others so the markup is known in
one place.
"""

from __future__ import annotations

import re
from html import unescape

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_BULLET = re.compile(r"^(?:[-*\u2022\u25aa]|\d{1,2}[.)])\s+")  # a list item's marker
# <@U123|name>, <!here>, <#C123|channel>, <https://x|label>, <https://x>
_SLACK_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
# What a piece of a document's markdown may hold, whole or cut in two by the piece's edges:
# a link's target, bold markers, brackets, backslash escapes.
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_PIECE_MARKUP = re.compile(r"\]\([^)]*\)|\*\*|__|[\[\]\\]")
_PIECE_MARKERS = re.compile(r"\*\*|__|[\[\]]|\\(?=[$#*_\[\]])")
_PIECE_BULLET = re.compile(r"^\s*[-*\u2022]\s+")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})


def markdown_to_plain(text: str | None, *, one_line: bool = True) -> str:
    """Document text without markdown links, bold markers, escapes or a list bullet;
    on one line, or with its line breaks kept (`one_line=False`)."""
    text = _MD_LINK.sub(r"\1", text or "")
    text = _MD_BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = text.replace("\\$", "$").replace("\\*", "*").replace("\\_", "_")
    text = " ".join(text.split()) if one_line else re.sub(r"[ \t]+", " ", text).strip()
    return _BULLET.sub("", text)


def plain_view(text: str) -> str:
    """`text` with link and emphasis markup blanked out, keeping every offset: the
    extractors match patterns on this view and cut quotes and spans from the original."""
    return _PIECE_MARKUP.sub(lambda m: " " * len(m.group()), text)


def excerpt_to_plain(text: str) -> str:
    """A piece of a document (a sentence, a clause) as plain words on one line, for a
    fact's title and summary and for comparing pieces by their words.

    Unlike `markdown_to_plain`, every bracket and bold marker goes, paired or not (a
    sentence's edges may cut a link or a bold run in two), and a numbered item's "1." is
    kept; facts' stored titles and summaries are made this way, so it stays as it is."""
    text = _LINK_TARGET.sub("", text)
    text = _PIECE_MARKERS.sub("", text)
    text = _PIECE_BULLET.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def slack_to_plain(text: str | None, *, mention_labels: bool = False) -> str:
    """Slack's message markup as the words a reader sees, on one line.

    Links become their label (or URL), channel links their name; mentions (<@U1>,
    <!here>) are dropped, or with `mention_labels` replaced by their label, for a query
    where "<@U1|kihara>" means Kihara. Entities are unescaped and smart quotes straightened.
    """

    def replace(m: re.Match) -> str:
        target, label = m.group(1), m.group(2)
        if target[:1] in "@!":
            return f" {label} " if label and mention_labels else " "
        if label:
            return label
        return "" if target[:1] == "#" else target

    text = _SLACK_LINK.sub(replace, text or "")
    return " ".join(unescape(text).translate(_QUOTES).split())


# Fields that carry document text: given out as plain text (a quote's "[meeting](#)" or "**"
# is markup of the source page, not something a program reading JSON or a CSV wants).
TEXT_FIELDS = frozenset({"quote", "title", "summary", "text", "doc_title"})


def plain_fields(data):
    """`data` (JSON-like) with its document-text fields as plain text, at any depth."""
    if isinstance(data, dict):
        return {k: markdown_to_plain(v) if k in TEXT_FIELDS and isinstance(v, str) else plain_fields(v)
                for k, v in data.items()}
    if isinstance(data, list):
        return [plain_fields(v) for v in data]
    return data
