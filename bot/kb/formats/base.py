"""What every reader returns, so the document pipeline does not care where text came from.

A reader turns a file's bytes into the plain text that passages are cut from (offsets in
the database point into it; the original file stays where it was) plus what the file says
about itself in its own metadata. Metadata a reader is sure of (an HTML page's published
date, an e-mail's Date header) wins over what the text suggests; metadata that only says
when the file was made (a PDF's creation date) is a fallback for a text that states none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


class Unreadable(Exception):
    """A file that cannot be loaded; the message says why, for the summary and the reply."""


@dataclass
class Extracted:
    text: str
    format: str  # "txt", "md", "html", "pdf", "eml", "docx"
    title: str | None = None
    date: date | None = None  # stated by the file's own metadata: wins over the text
    date_note: str | None = None  # how `date` was found
    fallback_date: date | None = None  # only when the text states no date either
    fallback_note: str | None = None
    author: str | None = None
    source: str | None = None  # publisher, site or sender
    url: str | None = None
    encoding: str = "utf-8"
    # (start, end, reason): stretches of `text` the reader knows are not the document
    # (an e-mail's unsubscribe footer); their passages are flagged as furniture.
    furniture: list[tuple[int, int, str]] = field(default_factory=list)


def clean_lines(text: str) -> str:
    """Newlines normalised, trailing spaces and runs of blank lines collapsed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"
