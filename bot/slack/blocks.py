"""One renderer for every front end: a Result becomes Block Kit for Slack or plain text.

Blocks are built with slack_sdk's models and turned into dicts with `.to_dict()`, which
checks Slack's per-element limits (section text, header length, button values) before
Slack would reject the message; the 50-block and 4000-character message limits are
checked here, because nothing else does: a long result is cut, with a note saying how
much more there is, rather than failing to post at all.

The shell and the CLI print `to_text(result)`, so what a developer sees locally is what
a Slack user sees, minus the buttons.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.kb.model import Fact, Passage
from commands.errors import UsageError
from commands.results import Result

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_TEXT = 3900  # Slack truncates top-level text past 4000 characters
MAX_VALUE = 2000
QUOTE_CHARS = 600
PASSAGE_CHARS = 1200

TITLES = {"meetings": "Meetings", "exercises": "Exercises", "space": "Space cooperation",
          "lookup": "Lookup", "digest": "Weekly digest", "allybot": "allybot help"}
KIND_PLURAL = {"meeting": "meetings", "exercise": "exercises", "space": "space items"}

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_BULLET = re.compile(r"^(?:[-*\u2022\u25aa]|\d{1,2}[.)])\s+")  # a list item's marker


# -- text helpers -------------------------------------------------------------------------


def esc(text: str | None) -> str:
    """Escape what Slack's mrkdwn treats as markup (&, <, >)."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    text = text or ""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    cut = cut if cut > limit // 2 else limit - 1
    return text[:cut].rstrip(" ,;:") + "…"


def clean(text: str | None) -> str:
    """Document text without markdown links and bold markers, on one line."""
    text = _MD_LINK.sub(r"\1", text or "")
    text = _MD_BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = text.replace("\\$", "$").replace("\\*", "*").replace("\\_", "_")
    return _BULLET.sub("", " ".join(text.split()))


def _parts(value: str) -> tuple[int, int | None, int | None] | None:
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value or "")
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None


def format_date(start: str | None, end: str | None = None, precision: str | None = None) -> str:
    """A date as precise as it is known: "29 May 2024", "June 2024", "2025", "26–27 Aug 2024"."""
    a = _parts(start or "")
    if a is None:
        return "date unknown"
    b = _parts(end or "") or a
    if precision is None:
        precision = "day" if a[2] else "month" if a[1] else "year"
    if precision == "year" or a[1] is None:
        return str(a[0]) if b[0] == a[0] else f"{a[0]}–{b[0]}"
    if precision == "month" or a[2] is None:
        if (a[0], a[1]) == (b[0], b[1] or a[1]):
            return f"{calendar.month_name[a[1]]} {a[0]}"
        bm = b[1] or 12
        if a[0] == b[0]:
            return f"{calendar.month_abbr[a[1]]}–{calendar.month_abbr[bm]} {a[0]}"
        return f"{calendar.month_abbr[a[1]]} {a[0]} – {calendar.month_abbr[bm]} {b[0]}"
    ad = a[2]
    bd = b[2] if b[2] else ad
    bm = b[1] or a[1]
    if (a[0], a[1], ad) == (b[0], bm, bd):
        return f"{ad} {calendar.month_name[a[1]]} {a[0]}"
    if (a[0], a[1]) == (b[0], bm):
        return f"{ad}–{bd} {calendar.month_abbr[a[1]]} {a[0]}"
    if a[0] == b[0]:
        return f"{ad} {calendar.month_abbr[a[1]]} – {bd} {calendar.month_abbr[bm]} {a[0]}"
    return f"{ad} {calendar.month_abbr[a[1]]} {a[0]} – {bd} {calendar.month_abbr[bm]} {b[0]}"


def fact_date(fact: Fact) -> str:
    return format_date(fact.date_start, fact.date_end, fact.date_precision)


def _people(fact: Fact, limit: int = 6) -> str:
    people = [p for p in fact.participants if p]
    if len(people) > limit:
        return ", ".join(people[:limit]) + f" and {len(people) - limit} more"
    return ", ".join(people)


def _doc_date(value: str | None) -> str:
    return format_date(value) if value and _parts(value) else ""


def fact_line(fact: Fact) -> str:
    """One line per fact: date, title, participants, place and the source document."""
    bits = [fact_date(fact), clean(fact.title)]
    if fact.participants:
        bits.append(_people(fact))
    if fact.location:
        bits.append(fact.location)
    bits.append(f"source: {clean(fact.doc_title) or fact.doc_id}")
    return " · ".join(bits)


def _citation(fact: Fact, doc_dates: dict[str, str] | None = None) -> str:
    title = clean(fact.doc_title) or fact.doc_id
    when = _doc_date((doc_dates or {}).get(fact.doc_id))
    cite = f"source: {title}" + (f" ({when})" if when and when not in title else "")
    others = [s for s in fact.sources if s.doc_id != fact.doc_id]
    if others:
        names = ", ".join(clean(s.doc_title) or s.doc_id for s in others[:3])
        more = f" and {len(others) - 3} more" if len(others) > 3 else ""
        cite += f"; also in {names}{more}"
    return cite


def _blockquote(text: str) -> str:
    return "\n".join("> " + line for line in text.splitlines() if line.strip()) or ">"


def fact_mrkdwn(fact: Fact, doc_dates: dict[str, str] | None = None) -> str:
    lines = [f"*{esc(clip(clean(fact.title), 300))}*"]
    where = f" · {esc(fact.location)}" if fact.location else ""
    lines.append(f"{fact_date(fact)}{where}")
    if fact.participants:
        lines.append(esc(_people(fact)))
    if fact.quote:
        lines.append(_blockquote(esc(clip(clean(fact.quote), QUOTE_CHARS))))
    lines.append(f"_{esc(clip(_citation(fact, doc_dates), 400))}_")
    return clip("\n".join(lines), MAX_SECTION)


# -- block assembly -----------------------------------------------------------------------


class _Blocks:
    """Blocks within Slack's limits: `room` keeps space for what must come last."""

    def __init__(self, limit: int | None = MAX_BLOCKS):
        self.blocks: list[dict] = []
        self.limit = limit

    def room(self, reserve: int = 0) -> int:
        if self.limit is None:
            return 10**9
        return self.limit - len(self.blocks) - reserve

    def add(self, block: Block) -> None:
        self.blocks.append(block.to_dict())


def _section(text: str, accessory: ButtonElement | None = None) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=clip(text, MAX_SECTION)), accessory=accessory)


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=clip(text, MAX_SECTION))])


def _header(text: str) -> HeaderBlock:
    return HeaderBlock(text=clip(" ".join(text.split()), MAX_HEADER))


def _button_value(result: Result, page: int) -> str | None:
    value = json.dumps({"command": result.command, "text": result.query, "page": page}, ensure_ascii=False)
    return value if len(value) < MAX_VALUE else None


def _actions(result: Result, interactive: bool, more: bool) -> ActionsBlock | None:
    if not interactive:
        return None
    buttons = []
    share = _button_value(result, result.page)
    if share:
        buttons.append(ButtonElement(text="Share in channel", action_id="share", value=share))
    nxt = _button_value(result, result.page + 1) if more else None
    if nxt:
        buttons.append(ButtonElement(text="More", action_id="more", value=nxt, style="primary"))
    return ActionsBlock(elements=buttons) if buttons else None


def _payload(text: str, blocks: _Blocks) -> dict:
    """Slack reads the top-level text as mrkdwn too (it is the notification): escape it."""
    return {"text": clip(esc(text), MAX_TEXT) or " ", "blocks": blocks.blocks}


def _suggestion_text(result: Result) -> str:
    if not result.suggestions:
        return ""
    label = result.extra.get("suggest_label") or "Did you mean"
    names = ", ".join(f"*{esc(s)}*" for s in result.suggestions)
    return f"{label}: {names}?" if label == "Did you mean" else f"{label}: {names}."


def _heading(result: Result) -> str:
    title = TITLES.get(result.command, result.command.capitalize())
    return f"{title}: {result.query}" if result.query else title


def _range_note(result: Result, shown: int) -> str:
    first = (result.page - 1) * result.page_size + 1
    last = first + shown - 1
    if result.total <= shown and result.page == 1:
        return f"{result.total} found"
    return f"{first}–{last} of {result.total}"


# -- public API ---------------------------------------------------------------------------


def to_blocks(result: Result, interactive: bool = True, max_blocks: int | None = MAX_BLOCKS) -> dict:
    """The Slack message for a Result: {"text": ..., "blocks": [...]}.

    `max_blocks=None` lifts the 50-block cut, for callers that split a long message
    (the digest poster) themselves.
    """
    if result.command == "digest":
        return _digest_blocks(result, interactive, max_blocks)
    if result.command == "lookup" or result.passages:
        return _passage_result_blocks(result, interactive, max_blocks)
    if result.items or result.command in ("meetings", "exercises", "space"):
        return _fact_blocks(result, interactive, max_blocks)
    return _message_blocks(result, max_blocks)


def _fact_blocks(result: Result, interactive: bool, max_blocks: int | None) -> dict:
    b = _Blocks(max_blocks)
    heading = _heading(result)
    b.add(_header(heading))
    doc_dates = result.extra.get("doc_dates") or {}
    when = result.extra.get("when") or ""
    text_lines = [heading]
    if result.message:
        msg = esc(result.message)
        sugg = _suggestion_text(result)
        b.add(_section(msg + (f"\n{sugg}" if sugg else "")))
        text_lines.append(result.message + (" " + re.sub(r"[*]", "", sugg) if sugg else ""))
    items = list(result.items)
    shown = 0
    more_on_later_pages = result.page * result.page_size < result.total
    reserve = 2 + (1 if interactive else 0)  # note, "N more" and actions
    for i, fact in enumerate(items):
        need = 2 if i else 1
        if b.room(reserve) < need:
            break
        if i:
            b.add(DividerBlock())
        button = None
        if interactive and fact.id and len(fact.id) < MAX_VALUE:
            button = ButtonElement(text="Show source", action_id="show_source", value=fact.id)
        b.add(_section(fact_mrkdwn(fact, doc_dates), button))
        text_lines.append(fact_line(fact))
        shown += 1
    if items:
        note = _range_note(result, shown)
        order = result.extra.get("order")
        bits = [note] + ([order] if order else []) + ([when] if when else [])
        b.add(_context(" · ".join(bits)))
        hidden = len(items) - shown
        if hidden > 0:
            b.add(_context(f"{hidden} more not shown here: narrow the query or use page:N."))
            text_lines.append(f"{hidden} more not shown.")
    actions = _actions(result, interactive, more_on_later_pages) if items else None
    if actions is not None and b.room() >= 1:
        b.add(actions)
    return _payload("\n".join(text_lines), b)


def _passage_mrkdwn(p: Passage) -> str:
    body = p.marked or clean(p.text)
    body = esc(clip(body, PASSAGE_CHARS))
    return clip(f"{_blockquote(body)}\n_source: {esc(_passage_cite(p))}_", MAX_SECTION)


def _passage_cite(p: Passage) -> str:
    title = clean(p.doc_title) or p.doc_id
    when = _doc_date(p.doc_date)
    return title + (f" ({when})" if when and when not in title else "")


def _passage_result_blocks(result: Result, interactive: bool, max_blocks: int | None) -> dict:
    b = _Blocks(max_blocks)
    heading = _heading(result)
    b.add(_header(heading))
    lines = [heading]
    if result.message:
        sugg = _suggestion_text(result)
        b.add(_section(esc(result.message) + (f"\n{sugg}" if sugg else "")))
        lines.append(result.message)
    reserve = 2 + (1 if interactive else 0)
    shown = 0
    for p in result.passages:
        if b.room(reserve) < 1:
            break
        b.add(_section(_passage_mrkdwn(p)))
        lines.append(f"{clip(clean(p.text), 300)} (source: {clean(p.doc_title)})")
        shown += 1
    if result.passages:
        b.add(_context(_range_note(result, shown) + " · most matched words first"))
        hidden = len(result.passages) - shown
        if hidden > 0:
            b.add(_context(f"{hidden} more not shown here."))
    more = result.page * result.page_size < result.total
    actions = _actions(result, interactive, more) if result.passages else None
    if actions is not None and b.room() >= 1:
        b.add(actions)
    return _payload("\n".join(lines), b)


def passages_blocks(passages: list[Passage], question: str) -> dict:
    """A thread reply: the best passages for a question, each with its source."""
    b = _Blocks()
    q = clip(" ".join((question or "").split()), 200)
    if not passages:
        b.add(_section(f"I found no passage about \u201c{esc(q)}\u201d."))
        return _payload(f"No passage found for \u201c{q}\u201d.", b)
    b.add(_section(f"Passages for \u201c{esc(q)}\u201d:"))
    lines = [f"Passages for \u201c{q}\u201d:"]
    for i, p in enumerate(passages):
        if b.room(1) < 1:
            b.add(_context(f"{len(passages) - i} more not shown."))
            break
        b.add(_section(_passage_mrkdwn(p)))
        lines.append(f"{clip(clean(p.text), 300)} (source: {clean(p.doc_title)})")
    return _payload("\n".join(lines), b)


def _slack_help(text: str) -> str:
    """Help text for Slack: command lines and examples as code."""
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("/") and not stripped.split()[0].endswith(":"):
            indent = "    " if line.startswith(" ") else ""
            out.append(f"{indent}`{esc(stripped)}`")
        else:
            out.append(esc(line))
    return "\n".join(out)


def _chunks(text: str, size: int = MAX_SECTION - 100) -> list[str]:
    parts, current = [], ""
    for para in text.split("\n"):
        if len(current) + len(para) + 1 > size and current:
            parts.append(current)
            current = ""
        current = f"{current}\n{para}" if current else para
        while len(current) > size:
            parts.append(current[:size])
            current = current[size:]
    if current.strip():
        parts.append(current)
    return parts


def _message_blocks(result: Result, max_blocks: int | None) -> dict:
    b = _Blocks(max_blocks)
    help_for = result.extra.get("help_for")
    if result.command == "allybot":
        b.add(_header(f"/{help_for}" if help_for else "allybot: what I can answer"))
    body = _slack_help(result.message or "") if result.command == "allybot" else esc(result.message or "")
    for chunk in _chunks(body):
        if b.room(1) < 1:
            break
        b.add(_section(chunk))
    sugg = _suggestion_text(result)
    if sugg and b.room() >= 1:
        b.add(_context(sugg))
    return _payload(result.message or "", b)


def _digest_line(fact: Fact) -> str:
    bits = [f"*{fact_date(fact)}*", esc(clean(fact.title))]
    if fact.participants:
        bits.append(esc(_people(fact, 4)))
    if fact.location:
        bits.append(esc(fact.location))
    bits.append(f"_source: {esc(clean(fact.doc_title) or fact.doc_id)}_")
    return "• " + " — ".join(bits)


def _packed_sections(title: str, lines: Iterable[str]) -> list[str]:
    """Lines under a bold title, packed into as few sections as the 3000-char limit allows."""
    out, current = [], f"*{esc(title)}*"
    for line in lines:
        line = clip(line, 1000)
        if len(current) + len(line) + 1 > MAX_SECTION - 50:
            out.append(current)
            current = f"*{esc(title)}* (continued)"
        current += "\n" + line
    out.append(current)
    return out


def _digest_blocks(result: Result, interactive: bool, max_blocks: int | None) -> dict:
    extra = result.extra
    start, end = extra.get("week_start"), extra.get("week_end")
    span = format_date(start, end, "day") if start else result.query
    title = extra.get("title") or f"Weekly digest: {span}"
    b = _Blocks(max_blocks)
    b.add(_header(title))
    text = [title]
    if result.message:
        b.add(_section(esc(result.message)))
        text.append(result.message)
    groups: list[tuple[str, list[str], list[str]]] = []
    for section in extra.get("sections") or []:
        facts = list(section.get("items") or [])
        groups.append((section.get("title") or section.get("kind", "").capitalize(),
                       [_digest_line(f) for f in facts], [fact_line(f) for f in facts]))
    upcoming = list(extra.get("upcoming") or [])
    if upcoming:
        groups.append(("Coming up", [_digest_line(f) for f in upcoming], [fact_line(f) for f in upcoming]))
    docs = list(extra.get("new_documents") or [])
    if docs:
        lines = []
        for d in docs:
            loaded = _doc_date((d.get("loaded_at") or "")[:10])
            lines.append(f"• {esc(clean(d.get('title')) or d.get('doc_id', ''))}" + (f" _(loaded {loaded})_" if loaded else ""))
        groups.append(("New documents", lines, [re.sub(r"[_*]", "", ln) for ln in lines]))
    reserve = 1 + (1 if interactive and start else 0)
    cut = False
    for title_, slack_lines, plain_lines in groups:
        sections = _packed_sections(title_, slack_lines)
        text.append(f"{title_}:")
        text.extend("  " + ln for ln in plain_lines)
        for s in sections:
            if b.room(reserve) < 1:
                cut = True
                break
            b.add(_section(s))
    if cut:
        b.add(_context("More items than one message holds: see `allybot digest` for the full list."))
    if interactive and start:
        b.add(ActionsBlock(elements=[
            ButtonElement(text="Post to channel", action_id="digest_post", value=str(start), style="primary")
        ]))
    return _payload("\n".join(text), b)


def usage_blocks(error: UsageError) -> dict:
    """The private answer to a malformed command: what was wrong and what to type instead."""
    b = _Blocks()
    b.add(_section(f":warning: {esc(error.message)}"))
    if error.hint:
        b.add(_context(esc(error.hint)))
    if error.suggestions:
        names = ", ".join(f"`{esc(s)}`" for s in error.suggestions[:5])
        b.add(_context(f"Did you mean: {names}?"))
    text = error.message + (f" {error.hint}" if error.hint else "")
    return _payload(text, b)


def apology_blocks(ref_id: str) -> dict:
    text = f"Sorry, something went wrong (ref {ref_id}). Please try again; if it keeps happening, quote the ref."
    b = _Blocks()
    b.add(_section(esc(text)))
    return _payload(text, b)


def source_blocks(fact: Fact, passage: Passage | None = None) -> dict:
    """The passage a fact came from (or its quotes), with the documents it cites."""
    b = _Blocks()
    head = f"*{esc(clip(clean(fact.title), 300))}* · {fact_date(fact)}"
    b.add(_section(head))
    text = [f"{clean(fact.title)} ({fact_date(fact)})"]
    seen: set[tuple[str, str]] = set()
    if passage is not None:
        b.add(_section(_passage_mrkdwn(passage)))
        seen.add((passage.doc_id, clean(fact.quote)))
        text.append(clean(passage.text))
    quotes = [(fact.doc_id, fact.doc_title, fact.quote)] + [(s.doc_id, s.doc_title, s.quote) for s in fact.sources]
    for doc_id, title, quote in quotes:
        key = (doc_id, clean(quote))
        if key in seen or not quote:
            continue
        seen.add(key)
        if b.room(1) < 1:
            break
        body = _blockquote(esc(clip(clean(quote), PASSAGE_CHARS)))
        b.add(_section(f"{body}\n_source: {esc(clean(title) or doc_id)}_"))
        text.append(f"\u201c{clean(quote)}\u201d (source: {clean(title) or doc_id})")
    return _payload("\n".join(text), b)


# -- plain text ---------------------------------------------------------------------------


def to_text(result: Result) -> str:
    """What a terminal shows for a Result (the shell, `allybot ask`, `allybot lookup`)."""
    if result.command == "digest":
        return _digest_text(result)
    out: list[str] = []
    if result.command != "allybot":
        out.append(_heading(result))
    if result.message:
        out.append(result.message)
    if result.suggestions:
        label = result.extra.get("suggest_label") or "Did you mean"
        out.append(f"{label}: {', '.join(result.suggestions)}" + ("?" if label == "Did you mean" else ""))
    first = (result.page - 1) * result.page_size + 1
    for n, fact in enumerate(result.items, first):
        out.append("")
        out.append(f"{n:>2}. {fact_date(fact)} · {clean(fact.title)}")
        if fact.participants:
            out.append(f"    {_people(fact)}")
        if fact.location:
            out.append(f"    {fact.location}")
        if fact.quote:
            out.append(f"    \u201c{clip(clean(fact.quote), QUOTE_CHARS)}\u201d")
        out.append(f"    {_citation(fact, result.extra.get('doc_dates'))}")
    for n, p in enumerate(result.passages, first):
        out.append("")
        out.append(f"{n:>2}. {_passage_cite(p)}")
        out.append(f"    {clip(p.marked or clean(p.text), PASSAGE_CHARS)}")
    shown = len(result.items) + len(result.passages)
    if shown:
        out.append("")
        out.append(_range_note(result, shown))
        if result.page * result.page_size < result.total:
            out.append(f"More: /{result.command} {_without_page(result.query)} page:{result.page + 1}".replace("  ", " "))
    return "\n".join(out).strip("\n")


def _without_page(text: str) -> str:
    return " ".join(w for w in (text or "").split() if not w.lower().startswith("page:"))


def _digest_text(result: Result) -> str:
    extra = result.extra
    start, end = extra.get("week_start"), extra.get("week_end")
    out = [extra.get("title") or f"Weekly digest: {format_date(start, end, 'day') if start else result.query}"]
    if result.message:
        out.append(result.message)
    for section in extra.get("sections") or []:
        out.append("")
        out.append(f"{section.get('title') or section.get('kind', '').capitalize()}:")
        out.extend(f"  - {fact_line(f)}" for f in section.get("items") or [])
    if extra.get("upcoming"):
        out.append("")
        out.append("Coming up:")
        out.extend(f"  - {fact_line(f)}" for f in extra["upcoming"])
    if extra.get("new_documents"):
        out.append("")
        out.append("New documents:")
        for d in extra["new_documents"]:
            loaded = (d.get("loaded_at") or "")[:10]
            out.append(f"  - {clean(d.get('title')) or d.get('doc_id')}" + (f" (loaded {loaded})" if loaded else ""))
    return "\n".join(out)


def usage_text(error: UsageError) -> str:
    lines = [error.message]
    if error.hint:
        lines.append(error.hint)
    if error.suggestions:
        lines.append("Did you mean: " + ", ".join(error.suggestions) + "?")
    return "\n".join(lines)
