"""Reading a document: text, its own metadata, and its passages with page furniture flagged.

Documents arrive as text copied from web pages, newsletters and statement databases,
so the metadata is read from whatever the document says about itself (a header block,
a date line under the title, a byline, a dateline) and the page furniture around the
article (banners, "Check Also" boxes, image credits, subscription lines) is flagged
rather than deleted: offsets stay true to the original file, and later stages skip it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.kb.dates import month_range, scan
from bot.kb.sentences import bounded_pieces

MAX_PASSAGE = 5000  # characters; the longest paragraph in the seeds and evaluation texts is under 1,200


@dataclass
class PassageRecord:
    seq: int
    start: int  # character offsets into DocumentRecord.text
    end: int
    text: str
    furniture: bool = False
    furniture_reason: str | None = None


@dataclass
class DocumentRecord:
    id: str  # the file name
    text: str
    title: str
    date: date | None
    date_inferred: bool
    date_note: str | None = None
    source: str | None = None
    place: str | None = None
    byline: str | None = None
    encoding: str = "utf-8"
    passages: list[PassageRecord] = field(default_factory=list)

    @property
    def body(self) -> list[PassageRecord]:
        """The passages that are the document itself, not page furniture."""
        return [p for p in self.passages if not p.furniture]


# --- passages ------------------------------------------------------------------------

_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_ENDS_CLAUSE = re.compile(r"[.!?:;\"”’)\]]\s*$")


def split_passages(text: str) -> list[PassageRecord]:
    """Paragraphs with offsets into `text`.

    Blank lines separate blocks. Inside a block a line is its own passage (pages copied
    from the web put one paragraph per line) unless it looks hard-wrapped: a longish line
    that does not end a clause, followed by a line that is not a list item.
    """
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append((pos, pos + len(body)))
        pos += len(raw)

    passages: list[PassageRecord] = []
    current: tuple[int, int] | None = None

    def flush() -> None:
        nonlocal current
        if current is not None:
            # A block longer than MAX_PASSAGE (a page pasted without line breaks) becomes
            # several passages, cut at sentence ends: every later stage and every answer
            # that quotes a passage stays bounded.
            for s, e in bounded_pieces(text, MAX_PASSAGE, *current):
                chunk = text[s:e]
                lead = len(chunk) - len(chunk.lstrip())
                trail = len(chunk) - len(chunk.rstrip())
                s, e = s + lead, e - trail
                if e > s:
                    passages.append(PassageRecord(len(passages), s, e, text[s:e]))
        current = None

    prev = ""  # the passage's last line (not re-split from the passage: that was quadratic)
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            flush()
            continue
        if current is not None:
            wrapped = (
                len(prev.strip()) >= 40
                and not _ENDS_CLAUSE.search(prev)
                and not _LIST_ITEM.match(line)
            )
            if wrapped:
                current = (current[0], end)
                prev = line
                continue
            flush()
        current = (start, end)
        prev = line
    flush()
    return passages


# --- page furniture ----------------------------------------------------------------------

_FURNITURE_LINE = [
    (re.compile(r"^\s*\[(?:title|date|source|place|notes|full text|author)\]", re.I), "metadata header"),
    (re.compile(r"\bbanner\b", re.I), "banner"),
    (re.compile(r"^\s*(?:advertisement|sponsored( content)?|skip to (?:main )?content)\b", re.I), "advertising/navigation"),
    (re.compile(r"^\s*(?:image|photo|picture)\s*(?:source|credit)s?\s*:", re.I), "image credit"),
    (re.compile(r"\b(?:photograph|photo|image)s?\s+(?:courtesy|credit)\b", re.I), "image credit"),
    (re.compile(r"(?:©|\bcopyright\b|all rights reserved)", re.I), "copyright"),
    (re.compile(r"\bcookies?\b.*\b(?:accept|consent|policy|use)\b", re.I), "cookie notice"),
    (re.compile(r"^\s*(?:share(?: this)?(?: on)?|follow us|print|email this)\s*:?\s*$", re.I), "sharing links"),
    (re.compile(r"(?:\|[^|]{1,30}){3,}"), "navigation"),
    (re.compile(r"^\s*editor['’]s note\s*:", re.I), "editor's note"),
    (re.compile(r"^\s*[Bb]y\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|,))*\s*$"), "byline"),
    (re.compile(r"\b(?:subscribe|sign up|to receive)\b.*(?:@|newsletter|email)", re.I), "subscription"),
    (re.compile(r"^\s*(?:headlines|in this issue|contents|details)\s*:?\s*$", re.I), "section heading"),
]
# A marker after which the rest of the page is another story or a list of them.
_TRAILER = re.compile(
    r"^\s*(?:check also|related (?:stories|articles|posts|news|coverage)|read (?:more|next|also)|"
    r"you (?:may|might) also like|more from|recommended(?: for you)?|most read|trending)\s*:?\s*$",
    re.I,
)
_TOC_HEADING = re.compile(r"^\s*(?:headlines|in this issue|contents)\s*:?\s*$", re.I)


def flag_furniture(text: str, passages: list[PassageRecord]) -> None:
    """Flag navigation, banners, credits, related-story boxes and subscription lines in place."""
    header_at = next(
        (i for i, p in enumerate(passages) if re.match(r"\s*\[title\]", p.text, re.I)), None
    )
    if header_at is not None:
        # Lines above a "[Title]" block are the hosting site's masthead.
        for p in passages[:header_at]:
            p.furniture, p.furniture_reason = True, "site header"

    in_toc = False
    for i, p in enumerate(passages):
        if p.furniture:
            continue
        if _TRAILER.match(p.text) and i >= len(passages) // 3:
            for q in passages[i:]:
                q.furniture, q.furniture_reason = True, "related stories"
            break
        if _TOC_HEADING.match(p.text):
            in_toc = True
        elif in_toc and not (_LIST_ITEM.match(p.text) and len(p.text) <= 160):
            in_toc = False
        if in_toc and _LIST_ITEM.match(p.text):
            p.furniture, p.furniture_reason = True, "headline list (repeated in full below)"
            continue
        if (m := _CREDIT_SUFFIX.search(p.text)) and m.start() > 20:
            continue  # a headline carrying its picture's credit: the headline is content
        for pattern, reason in _FURNITURE_LINE:
            if pattern.search(p.text) and (len(p.text) < 400 or reason == "subscription"):
                p.furniture, p.furniture_reason = True, reason
                break


# --- metadata --------------------------------------------------------------------------

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_HEADER_FIELD = re.compile(r"^[ \t]*\[(title|date|source|place|author)\][ \t]*(.*?)[ \t]*$", re.I | re.M)
_BYLINE = re.compile(r"^[ \t]*[Bb]y[ \t]+([A-Z][\w.'’-]+(?:[ \t]+(?:[A-Z][\w.'’-]+|and|&|,))*)[ \t]*$", re.M)
_DATELINE = re.compile(
    rf"^\s*(?P<place>[A-Z][A-Za-z .'-]{{2,30}}?),?\s+(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s*(?:\([^)]*\))?\s*[-–—]",
    re.M,
)
_PUBLISHED = re.compile(
    r"^\s*(?:published|posted|date|updated|released)\s*(?:on)?\s*:?\s*(?P<rest>.+)$", re.I | re.M
)
_CREDIT_SUFFIX = re.compile(r"\s*\((?:image|photo|picture)\s+(?:credit|source)[^)]*\)\s*$", re.I)


def parse_full_date(text: str) -> date | None:
    """The first complete calendar date (day, month and year) in `text`, if any.

    The temporal grammar reads it, so a header, a date line and a dateline accept the same
    forms ("May 31, 2024", "19 April 2019", "2024-05-31") as the story text does.
    """
    for r in scan(text):
        if r.year and r.month and r.day and not r.relative and _valid(r.year, r.month, r.day):
            return date(r.year, r.month, r.day)
    return None


def _clean_title(line: str) -> str:
    line = _CREDIT_SUFFIX.sub("", line.strip())
    return re.sub(r"\s+", " ", line).strip(" -–—|")


def read_document(doc_id: str, text: str) -> DocumentRecord:
    """Read a document's metadata and passages from what the document says about itself."""
    passages = split_passages(text)
    flag_furniture(text, passages)
    fields = {k.lower(): v for k, v in _HEADER_FIELD.findall(text) if v}

    title = fields.get("title")
    source = fields.get("source")
    place = fields.get("place")
    byline = fields.get("author")
    stated: date | None = parse_full_date(fields["date"]) if "date" in fields else None
    note = "stated in the [Date] header" if stated else None

    top = [p for p in passages if not p.furniture][:8]
    if not title and top:
        # A newsletter masthead followed by a volume line reads best as one title.
        title = _clean_title(top[0].text)
        if len(top) > 1 and re.match(r"^\s*(?:vol(?:ume)?\.?|issue|no\.)\s*[:#]?\s*[\w.]+", top[1].text, re.I):
            vol = re.sub(r"\s*/.*$", "", top[1].text.strip())
            source = source or title
            title = f"{title}, {vol}"
    if stated is None:
        # A date line near the top: under the title, in a "Vol: 3.10 / May 31, 2024" line, or a
        # "Published:" line. Only short lines count, so a date inside the story is not taken.
        for p in top:
            if len(p.text) <= 80 and (d := parse_full_date(p.text)):
                stated, note = d, f"stated near the top ({p.text.strip()!r})"
                break
    if stated is None and (m := _PUBLISHED.search(text[:2000])) and (d := parse_full_date(m.group("rest"))):
        stated, note = d, "stated in a published/updated line"
    if stated is None and (m := _DATELINE.search(text[:3000])):
        d = parse_full_date(m.group("date"))
        if d:
            stated, note = d, "stated in the dateline"
        place = place or m.group("place").strip()
    if not byline and (m := _BYLINE.search(text[:3000])):
        byline = m.group(1).strip()

    doc = DocumentRecord(
        id=doc_id, text=text, title=title or doc_id, date=stated, date_inferred=False,
        date_note=note, source=source, place=place or None, byline=byline, passages=passages,
    )
    if stated is None:
        doc.date, doc.date_note = infer_date(doc)
        doc.date_inferred = True
    return doc


def infer_date(doc: DocumentRecord) -> tuple[date | None, str]:
    """Infer an undated document's date from the dates it mentions; never today's date.

    The latest fully dated mention (month and year at least) anchors the year. Month-day
    mentions without a year ("July 13", "updated July 24") are placed in the anchor's year,
    or the next one when most of them would otherwise fall before the anchor; the latest of
    them is the inferred date. Plans ("will ... in September") are left out: a document is
    written before the future it announces.
    """
    # An editor's "updated July 24" note dates the page too, though it is not the story.
    body = "\n".join(
        p.text for p in doc.passages if not p.furniture or p.furniture_reason == "editor's note"
    )
    raws = [r for r in scan(body) if not r.future and not r.relative]
    dated = [r for r in raws if r.year and r.month]
    anchor: date | None = None
    anchor_text = ""
    for r in dated:
        end = _end_of(r.year, r.month, r.day)
        if anchor is None or end > anchor:
            anchor, anchor_text = end, r.text
    yearless = [r for r in raws if r.year is None and r.month]
    if not yearless:
        if anchor is None:
            return None, "no date stated or inferable: the document names no dated event"
        return anchor, f"inferred: latest date mentioned ({anchor_text!r})"
    if anchor is None:
        return None, "no year stated or inferable: dates are mentioned without a year"

    def place(year: int) -> list[date]:
        return [date(year, r.month, r.day or 1) for r in yearless if _valid(year, r.month, r.day or 1)]

    year = anchor.year
    if sum(d < anchor for d in place(year)) * 2 > len(yearless):
        year += 1
    days = [date(year, r.month, r.day) for r in yearless if r.day and _valid(year, r.month, r.day)]
    placed = days or place(year)
    if not placed:  # only "February 29" in a year without one: fall back to the anchor
        return anchor, f"inferred: latest date mentioned ({anchor_text!r})"
    return max(placed), (
        f"inferred: latest undated mention placed in {year} "
        f"(after the latest dated mention {anchor_text!r})"
    )


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _end_of(year: int, month: int, day: int | None) -> date:
    return date(year, month, day) if day else month_range(year, month)[1]


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
