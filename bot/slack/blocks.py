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
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    SectionBlock,
)

from bot.digest.trends import PLURALS, plural
from bot.kb.model import Fact, Passage, Period
from bot.kb.status import describe, lines
from bot.kb.text import markdown_to_plain
from commands.errors import CommandError, UsageError
from commands.followups import Change, Notice
from commands.results import (
    DigestResult,
    FactsResult,
    FollowsResult,
    HelpResult,
    PassagesResult,
    Result,
    StatusResult,
    WhoResult,
)

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_TEXT = 3900  # Slack truncates top-level text past 4000 characters
MAX_VALUE = 2000
QUOTE_CHARS = 600
PASSAGE_CHARS = 1200

TITLES = {"meetings": "Meetings", "exercises": "Exercises", "space": "Space cooperation",
          "lookup": "Lookup", "digest": "Weekly digest", "allybot": "allybot help", "who": "Who",
          "follow": "Your follows", "unfollow": "Your follows", "calendar": "Alliance calendar",
          "export": "Export"}

_MENTION_ID = re.compile(r"<@([A-Z0-9]+)>")  # a Slack mention, shown as @U123 in a terminal


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
    return markdown_to_plain(text)


def _parts(value: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of an ISO date at year, month or day precision."""
    period = Period.parse(value)
    if period is None:
        return None
    d = period.start
    return d.year, d.month if period.precision != "year" else None, d.day if period.precision == "day" else None


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
    # A document cited for several passages is named once.
    firsts: dict[str, object] = {}
    for s in fact.sources:
        if s.doc_id != fact.doc_id:
            firsts.setdefault(s.doc_id, s)
    others = list(firsts.values())
    if others:
        names = ", ".join(clean(s.doc_title) or s.doc_id for s in others[:3])
        more = f" and {len(others) - 3} more" if len(others) > 3 else ""
        cite += f"; also in {names}{more}"
    return cite


def _blockquote(text: str) -> str:
    return "\n".join("> " + line for line in text.splitlines() if line.strip()) or ">"


def fact_mrkdwn(fact: Fact, doc_dates: dict[str, str] | None = None, note: str | None = None) -> str:
    lines = [f"*{esc(clip(clean(fact.title), 300))}*"]
    where = f" · {esc(fact.location)}" if fact.location else ""
    lines.append(f"{fact_date(fact)}{where}")
    if fact.participants:
        lines.append(esc(_people(fact)))
    if fact.quote:
        lines.append(_blockquote(esc(clip(clean(fact.quote), QUOTE_CHARS))))
    lines.append(f"_{esc(clip(_citation(fact, doc_dates), 400))}_")
    if note:  # "corrected by <@U1> on 3 Dec": a mention, so not escaped
        lines.append(f":pencil2: _{note}_")
    return clip("\n".join(lines), MAX_SECTION)


# The fact menu: what an analyst can do about one fact (handled in bot/slack/listeners/curation.py).
FACT_MENU = (("source", "Show source"), ("date", "Wrong date"), ("people", "Wrong people or place"),
             ("suppress", "Not an event"), ("merge", "Same event as…"))
MAX_OPTION_VALUE = 150


UNDO_LABELS = {"date": "Undo date correction", "people": "Undo people/place correction",
               "merge": "Undo same-event merge"}


def fact_menu(fact: Fact, undo_slot: str | None = None) -> OverflowMenuElement | None:
    """The overflow menu on a fact. Slack allows five entries, so where a correction is in
    effect its entry ("Wrong date") becomes the way back ("Undo date correction")."""
    if not fact.id or len(fact.id) + 10 > MAX_OPTION_VALUE:
        return None
    entries = [("undo", UNDO_LABELS[code]) if code == undo_slot else (code, label)
               for code, label in FACT_MENU]
    return OverflowMenuElement(action_id="fact_menu",
                               options=[Option(value=f"{code}:{fact.id}", text=label) for code, label in entries])


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


def _section(text: str, accessory: ButtonElement | OverflowMenuElement | None = None) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=clip(text, MAX_SECTION)), accessory=accessory)


def _context(text: str, block_id: str | None = None) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=clip(text, MAX_SECTION))], block_id=block_id)


CLOSING = "closing"  # block_id of a message's closing line (the digest's curation line)


def _header(text: str) -> HeaderBlock:
    return HeaderBlock(text=clip(" ".join(text.split()), MAX_HEADER))


@dataclass(frozen=True)
class Rerun:
    """What the Share and More buttons carry: the command to run again, and which page."""

    command: str
    text: str
    page: int = 1

    def to_value(self) -> str:
        return json.dumps({"command": self.command, "text": self.text, "page": self.page}, ensure_ascii=False)

    @classmethod
    def from_value(cls, value: str) -> Rerun:
        spec = json.loads(value)
        return cls(str(spec.get("command") or ""), str(spec.get("text") or ""), int(spec.get("page") or 1))


def _button_value(result: Result, page: int) -> str | None:
    value = Rerun(result.command, result.query, page).to_value()
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
    buttons += feedback_buttons(result.answer_id)
    return ActionsBlock(elements=buttons) if buttons else None


def feedback_buttons(answer_id: int | None) -> list[ButtonElement]:
    """👍 / 👎 on an answer allybot recorded as shown; the value is only the answer's number."""
    if answer_id is None:
        return []
    return [ButtonElement(text=":thumbsup:", action_id="feedback_up", value=str(answer_id)),
            ButtonElement(text=":thumbsdown:", action_id="feedback_down", value=str(answer_id))]


def _payload(text: str, blocks: _Blocks) -> dict:
    """Slack reads the top-level text as mrkdwn too (it is the notification): escape it."""
    return {"text": clip(esc(text), MAX_TEXT) or " ", "blocks": blocks.blocks}


def _suggestion_text(result: Result) -> str:
    if not result.suggestions:
        return ""
    label = result.suggest_label
    names = ", ".join(f"*{esc(s)}*" for s in result.suggestions)
    return f"{label}: {names}?" if label == "Did you mean" else f"{label}: {names}."


def _heading(result: Result) -> str:
    title = TITLES.get(result.command, result.command.capitalize())
    if isinstance(result, WhoResult) and result.name:
        return f"{title}: {result.name}"
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
    if isinstance(result, DigestResult):
        return _digest_blocks(result, interactive, max_blocks)
    if isinstance(result, StatusResult):
        return status_payload(result.status)
    if isinstance(result, PassagesResult):
        return _passage_result_blocks(result, interactive, max_blocks)
    if isinstance(result, FactsResult):
        return _fact_blocks(result, interactive, max_blocks)
    if isinstance(result, FollowsResult):
        return _follows_blocks(result)
    return _message_blocks(result, max_blocks)


def _fact_blocks(result: FactsResult, interactive: bool, max_blocks: int | None) -> dict:
    b = _Blocks(max_blocks)
    heading = _heading(result)
    b.add(_header(heading))
    doc_dates = result.doc_dates
    notes = result.notes  # {fact id: {"text", "correction"}}
    when = result.when
    text_lines = [heading]
    if isinstance(result, WhoResult):
        b.add(_section(esc(who_profile(result))))
        text_lines.append(who_profile(result))
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
        need = (2 if i else 1) + (1 if interactive else 0)
        if b.room(reserve) < need:
            break
        if i:
            b.add(DividerBlock())
        note = notes.get(fact.id) or {}
        menu = fact_menu(fact, note.get("slot")) if interactive else None
        b.add(_section(fact_mrkdwn(fact, doc_dates, note.get("text")), menu))
        cite = cite_button(fact) if interactive else None
        if cite is not None:
            b.add(ActionsBlock(elements=[cite]))
        text_lines.append(fact_line(fact))
        shown += 1
    if items:
        note = _range_note(result, shown)
        order = result.order
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


def marked(p: Passage) -> str:
    """The passage's snippet with its matched words in *bold* ("" when it has none)."""
    out, prev = [], 0
    for s, e in p.marks:
        out += [p.snippet[prev:s], "*", p.snippet[s:e], "*"]
        prev = e
    out.append(p.snippet[prev:])
    return "".join(out)


def _passage_mrkdwn(p: Passage) -> str:
    body = marked(p) or clean(p.text)
    body = esc(clip(body, PASSAGE_CHARS))
    return clip(f"{_blockquote(body)}\n_source: {esc(_passage_cite(p))}_", MAX_SECTION)


def _passage_cite(p: Passage) -> str:
    title = clean(p.doc_title) or p.doc_id
    when = _doc_date(p.doc_date)
    return title + (f" ({when})" if when and when not in title else "")


def _passage_result_blocks(result: PassagesResult, interactive: bool, max_blocks: int | None) -> dict:
    b = _Blocks(max_blocks)
    heading = _heading(result)
    b.add(_header(heading))
    lines = [heading]
    if result.message:
        sugg = _suggestion_text(result)
        b.add(_section(esc(result.message) + (f"\n{sugg}" if sugg else "")))
        lines.append(result.message)
    for fact in result.items[:1]:  # the event the question names, before the passages
        b.add(_section(fact_mrkdwn(fact, getattr(result, "doc_dates", None))))
        lines.append(fact_line(fact))
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


def passages_blocks(passages: list[Passage], question: str, facts: list[Fact] | None = None,
                    answer_id: int | None = None) -> dict:
    """A thread reply: the event the question names (if a fact), then the best passages for
    it, each with its source, and 👍 / 👎 for the answer when it was recorded."""
    b = _Blocks()
    feedback = feedback_buttons(answer_id)
    q = clip(" ".join((question or "").split()), 200)
    if not passages and not facts:
        b.add(_section(f"I found no passage about \u201c{esc(q)}\u201d."))
        return _payload(f"No passage found for \u201c{q}\u201d.", b)
    b.add(_section(f"Passages for \u201c{esc(q)}\u201d:"))
    lines = [f"Passages for \u201c{q}\u201d:"]
    for fact in (facts or [])[:1]:
        b.add(_section(fact_mrkdwn(fact)))
        lines.append(fact_line(fact))
    for i, p in enumerate(passages):
        if b.room(1) < 1:
            b.add(_context(f"{len(passages) - i} more not shown."))
            break
        b.add(_section(_passage_mrkdwn(p)))
        lines.append(f"{clip(clean(p.text), 300)} (source: {clean(p.doc_title)})")
    if feedback and b.room() >= 1:
        b.add(ActionsBlock(elements=feedback))
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
    is_help = isinstance(result, HelpResult)
    if is_help:
        b.add(_header(f"/{result.topic}" if result.topic else "allybot: what I can answer"))
    body = _slack_help(result.message or "") if is_help else esc(result.message or "")
    for chunk in _chunks(body):
        if b.room(1) < 1:
            break
        b.add(_section(chunk))
    sugg = _suggestion_text(result)
    if sugg and b.room() >= 1:
        b.add(_context(sugg))
    return _payload(result.message or "", b)


def _digest_line(fact: Fact, when: str | None = None) -> str:
    """One headline or coming-up line: the date (and how far off), then the title."""
    date_text = f"*{fact_date(fact)}*" + (f" ({esc(when)})" if when else "")
    return f"• {date_text} — {esc(clip(clean(fact.title), 200))}"


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


MAX_UPCOMING_SHOWN = 5  # in the channel message; the thread lists the rest
QUOTE_SENTENCE = 300


def _digest_counts(digest) -> str:
    bits = [f"{len(s.items)} {_kind_noun(s.kind, s.title, len(s.items))}" for s in digest.sections]
    docs = len(digest.new_documents)
    if docs:
        bits.append(f"{docs} new document{'s' if docs != 1 else ''}")
    return " · ".join(bits)


def _kind_noun(kind: str, title: str, n: int) -> str:
    many = PLURALS[kind][1] if kind in PLURALS else (title or "items").lower()
    return many[:-1] if n == 1 and many.endswith("s") else many


def quote_sentence(quote: str | None, limit: int = QUOTE_SENTENCE) -> str:
    """A fact's quote shortened to its first sentence (and to `limit` characters)."""
    from bot.kb.sentences import split_sentences

    text = clean(quote)
    if not text:
        return ""
    sentences = split_sentences(text)
    return clip(sentences[0].text if sentences else text, limit)


def digest_message_blocks(result: DigestResult, interactive: bool = False, *, thread: bool = True,
                          closing: bool = True) -> dict:
    """The channel message of a digest: headlines, counts, trend and what is coming up.

    `thread` says the details follow in a thread reply (the posted digest); a quiet week
    is one line and has no thread. Always within one message's 50 blocks.
    """
    digest = result.digest
    title = digest.title
    b = _Blocks(MAX_BLOCKS)
    b.add(_header(title))
    text = [title]
    if digest.message:
        b.add(_section(esc(digest.message)))
        text.append(digest.message)
    if digest.headlines:
        lines = [_digest_line(h.fact) for h in digest.headlines]
        b.add(_section("*Headlines*\n" + "\n".join(lines)))
        text.append("Headlines: " + "; ".join(clean(h.fact.title) for h in digest.headlines))
    counts = _digest_counts(digest)
    if counts and digest.items:
        note = counts + (" · every item with its quote and source in the thread" if thread else "")
        b.add(_context(esc(note)))
        text.append(counts)
    if digest.trend is not None and digest.items:
        b.add(_context(esc(f"Trend: {digest.trend.comparison}")))
    if digest.upcoming and digest.items:
        shown = digest.upcoming[:MAX_UPCOMING_SHOWN]
        lines = [_digest_line(f, digest.how_far.get(f.id)) for f in shown]
        more = len(digest.upcoming) - len(shown)
        if more:
            lines.append(f"_and {more} more{' in the thread' if thread else ''}_")
        b.add(_section("*Coming up*\n" + "\n".join(lines)))
        text.append(f"{len(digest.upcoming)} coming up")
    last = digest.curation_line if closing else None  # one closing line, from the curation records
    if last:
        b.add(_context(esc(last), CLOSING))
        text.append(last)
    if interactive:
        b.add(_post_button(digest.week_start, result.answer_id))
    return _payload("\n".join(text), b)


def _post_button(week_start: str, answer_id: int | None = None) -> ActionsBlock:
    """Post to channel, and 👍 / 👎 when the answer was recorded as shown."""
    return ActionsBlock(elements=[
        ButtonElement(text="Post to channel", action_id="digest_post", value=str(week_start), style="primary"),
        *feedback_buttons(answer_id),
    ])


def digest_thread_blocks(result: DigestResult, max_blocks: int | None = None) -> dict | None:
    """The thread reply under a digest: every item of the week by kind, each with its quote
    shortened to a sentence and a Show source button; None for a quiet week.

    Unbounded by default: the poster splits a long thread into several replies.
    """
    digest = result.digest
    if not digest.items:
        return None
    b = _Blocks(max_blocks)
    text = [f"Details: {digest.title}"]
    groups: list[tuple[str, list[Fact], dict[str, str]]] = [
        (s.title or s.kind.capitalize(), list(s.items), {}) for s in digest.sections
    ]
    if len(digest.upcoming) > MAX_UPCOMING_SHOWN:
        groups.append(("Coming up", list(digest.upcoming), digest.how_far))
    cut = False
    for heading, facts, how_far in groups:
        if b.room(2) < 2:
            cut = True
            break
        b.add(_header(f"{heading} ({len(facts)})"))
        text.append(f"{heading}:")
        for fact in facts:
            if b.room(1) < 1:
                cut = True
                break
            button = None
            if fact.id and len(fact.id) < MAX_VALUE:
                button = ButtonElement(text="Show source", action_id="show_source", value=fact.id)
            b.add(_section(_detail_mrkdwn(fact, how_far.get(fact.id)), button))
            text.append("  " + fact_line(fact))
    if digest.new_documents and not cut and b.room(1) >= 1:
        lines = []
        for d in digest.new_documents:
            loaded = _doc_date((d.loaded_at or "")[:10])
            lines.append(f"• {esc(clean(d.title) or d.doc_id)}" + (f" _(loaded {loaded})_" if loaded else ""))
        for s in _packed_sections("New documents", lines):
            if b.room(1) < 1:
                break
            b.add(_section(s))
        text.append(f"New documents: {len(digest.new_documents)}")
    if cut:
        b.add(_context("More items than one message holds: see `allybot digest` for the full list."))
    return _payload("\n".join(text), b)


def _detail_mrkdwn(fact: Fact, when: str | None = None) -> str:
    lines = [f"*{esc(clip(clean(fact.title), 300))}*"]
    bits = [fact_date(fact) + (f" ({when})" if when else "")]
    if fact.location:
        bits.append(esc(fact.location))
    if fact.participants:
        bits.append(esc(_people(fact, 4)))
    lines.append(" · ".join(bits))
    sentence = quote_sentence(fact.quote)
    if sentence:
        lines.append(_blockquote(esc(sentence)))
    lines.append(f"_{esc(clip(_citation(fact), 300))}_")
    return clip("\n".join(lines), MAX_SECTION)


def _digest_blocks(result: DigestResult, interactive: bool, max_blocks: int | None) -> dict:
    """/digest's private answer: the channel message and, below it, the thread's details
    (a private message has no thread), cut to one message."""
    main = digest_message_blocks(result, interactive=False, thread=False, closing=False)
    blocks = list(main["blocks"])
    limit = max_blocks or MAX_BLOCKS
    reserve = 2 if interactive else 1
    details = digest_thread_blocks(result, max_blocks=max(limit - len(blocks) - reserve, 2))
    if details is not None:
        blocks.append(DividerBlock().to_dict())
        blocks.extend(details["blocks"])
    if result.digest.curation_line:
        blocks = blocks[: limit - reserve]
        blocks.append(_context(esc(result.digest.curation_line), CLOSING).to_dict())
    if interactive:
        blocks.append(_post_button(result.digest.week_start, result.answer_id).to_dict())
    return {"text": main["text"], "blocks": blocks[:limit]}


# -- status -----------------------------------------------------------------------------


MAX_STATUS_LINES = 30


def status_blocks(data: dict[str, Any]) -> list[dict]:
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": "What allybot knows"}}]
    for title, body in lines(data, slack=True):
        text = f"*{esc(title)}*\n" + "\n".join(_status_line(b) for b in body[:MAX_STATUS_LINES])
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)}})
    return blocks


def _status_line(text: str) -> str:
    """Escape a line but keep the user mentions lines() put in."""
    parts = text.split("<@")
    out = esc(parts[0])
    for part in parts[1:]:
        mention, _, rest = part.partition(">")
        out += f"<@{mention}>" + esc(rest)
    return "• " + out


def status_payload(data: dict[str, Any]) -> dict:
    """/allybot status: the same sections as the Home tab."""
    return {"text": clip(esc(describe(data)), MAX_TEXT), "blocks": status_blocks(data)}


def usage_blocks(error: UsageError | CommandError) -> dict:
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


def apology_text(ref_id: str) -> str:
    """What a user sees instead of a traceback: the reference id of the logged error."""
    return f"Sorry, something went wrong (ref {ref_id}). Please try again; if it keeps happening, quote the ref."


def apology_blocks(ref_id: str) -> dict:
    text = apology_text(ref_id)
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
    if isinstance(result, DigestResult):
        return _digest_text(result)
    out: list[str] = []
    if not isinstance(result, HelpResult):
        out.append(_heading(result))
    if isinstance(result, WhoResult):
        out.append(who_profile(result))
    if result.message:
        out.append(result.message)
    if isinstance(result, FollowsResult):
        out += [f"{n:>2}. {line}" for n, line in enumerate(result.follows, 1)]
    if result.suggestions:
        label = result.suggest_label
        out.append(f"{label}: {', '.join(result.suggestions)}" + ("?" if label == "Did you mean" else ""))
    first = (result.page - 1) * result.page_size + 1
    for n, fact in enumerate(result.items, first):
        out.append("")
        label = "Fact:" if isinstance(result, PassagesResult) else f"{n:>2}."
        out.append(f"{label} {fact_date(fact)} · {clean(fact.title)}")
        if fact.participants:
            out.append(f"    {_people(fact)}")
        if fact.location:
            out.append(f"    {fact.location}")
        if fact.quote:
            out.append(f"    \u201c{clip(clean(fact.quote), QUOTE_CHARS)}\u201d")
        out.append(f"    {_citation(fact, getattr(result, 'doc_dates', None))}")
        note = (getattr(result, "notes", None) or {}).get(fact.id)
        if note:
            out.append("    (" + _MENTION_ID.sub(r"@\1", note["text"]) + ")")
    passages = result.passages if isinstance(result, PassagesResult) else []
    for n, p in enumerate(passages, first):
        out.append("")
        out.append(f"{n:>2}. {_passage_cite(p)}")
        out.append(f"    {clip(marked(p) or clean(p.text), PASSAGE_CHARS)}")
    shown = len(passages) if result.command == "lookup" else len(result.items) + len(passages)
    if shown:
        out.append("")
        out.append(_range_note(result, shown))
        if result.page * result.page_size < result.total:
            out.append(f"More: /{result.command} {_without_page(result.query)} page:{result.page + 1}".replace("  ", " "))
    return "\n".join(out).strip("\n")


def _without_page(text: str) -> str:
    return " ".join(w for w in (text or "").split() if not w.lower().startswith("page:"))


def _digest_text(result: DigestResult) -> str:
    """The digest in a terminal: the channel message, then the thread's details."""
    digest = result.digest
    out = [digest.title]
    if digest.message:
        out.append(digest.message)
    if digest.headlines:
        out.append("")
        out.append("Headlines:")
        out.extend(f"  - {fact_date(h.fact)} — {clean(h.fact.title)}" for h in digest.headlines)
    if digest.items:
        out.append("")
        out.append(_digest_counts(digest))
        if digest.trend is not None:
            out.append(f"Trend: {digest.trend.comparison}")
    if digest.upcoming:
        out.append("")
        out.append("Coming up:")
        out.extend(f"  - {fact_date(f)}" + (f" ({digest.how_far[f.id]})" if f.id in digest.how_far else "")
                   + f" — {clean(f.title)}" for f in digest.upcoming)
    for section in digest.sections:
        out.append("")
        out.append(f"{section.title or section.kind.capitalize()}:")
        for f in section.items:
            out.append(f"  - {fact_line(f)}")
            sentence = quote_sentence(f.quote)
            if sentence:
                out.append(f"    \u201c{sentence}\u201d")
    if digest.new_documents:
        out.append("")
        out.append("New documents:")
        for d in digest.new_documents:
            loaded = (d.loaded_at or "")[:10]
            out.append(f"  - {clean(d.title) or d.doc_id}" + (f" (loaded {loaded})" if loaded else ""))
    if digest.curation_line:
        out.append("")
        out.append(digest.curation_line)
    return "\n".join(out)


def preview_text(payload: dict, indent: str = "") -> str:
    """Block Kit as a reader sees it in Slack, in plain text: what `allybot digest --preview`
    prints and the README shows. Headers in capitals, buttons in [brackets]."""
    out: list[str] = []
    for block in payload.get("blocks") or []:
        kind = block.get("type")
        if kind == "header":
            out += ["", block["text"]["text"].upper()]
        elif kind == "section":
            text = _unmark(block["text"]["text"])
            button = (block.get("accessory") or {}).get("text", {}).get("text")
            out += ["", text + (f"   [{button}]" if button else "")]
        elif kind == "context" and block.get("block_id") == CLOSING:  # sets apart, as in Slack
            out += ["", " ".join(_unmark(e.get("text", "")) for e in block.get("elements") or [])]
        elif kind == "context":
            out.append("  " + " ".join(_unmark(e.get("text", "")) for e in block.get("elements") or []))
        elif kind == "divider":
            out += ["", "-" * 40]
        elif kind == "actions":
            out += ["", "  ".join(f"[{e['text']['text']}]" for e in block.get("elements") or [])]
    lines = "\n".join(out).strip("\n").splitlines()
    return "\n".join(indent + line if line else indent.rstrip() for line in lines)


def _unmark(text: str) -> str:
    text = re.sub(r"(?<!\w)[*_](\S(?:[^*_\n]*\S)?)[*_](?!\w)", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def usage_text(error: UsageError | CommandError) -> str:
    """A usage error as text (shell, CLI): what was wrong, the hint, "did you mean"."""
    lines = [error.message]
    if error.hint:
        lines.append(error.hint)
    if error.suggestions:
        lines.append("Did you mean: " + ", ".join(error.suggestions) + "?")
    return "\n".join(lines)


# -- follows, timelines, citations ------------------------------------------------------

def who_profile(result: WhoResult) -> str:
    """The lines above a /who timeline: aliases, roles by year, counts by kind and year."""
    lines = []
    if result.aliases:
        lines.append("Also: " + ", ".join(result.aliases[:8]))
    for years, role in result.roles:
        lines.append(f"{years}: {role}" if years else role)
    if result.total:
        lines.append("Facts: " + ", ".join(plural(k, n) for k, n in result.by_kind.items()))
        lines.append("By year: " + ", ".join(f"{y} ({n})" for y, n in result.by_year.items()))
    return "\n".join(lines) or result.entity_type


def _follows_blocks(result: FollowsResult) -> dict:
    b = _Blocks()
    b.add(_header(_heading(result)))
    if result.message:
        b.add(_section(esc(result.message)))
    if result.follows:
        lines = [f"{n}. `{esc(line)}`" for n, line in enumerate(result.follows, 1)]
        b.add(_section("\n".join(lines)))
    text = "\n".join([result.message or ""] + [f"{n}. {line}" for n, line in enumerate(result.follows, 1)])
    return _payload(text, b)


def cite_button(fact: Fact) -> ButtonElement | None:
    if not fact.id or len(fact.id) >= MAX_VALUE:
        return None
    return ButtonElement(text="Cite", action_id="cite", value=fact.id)


def cite_blocks(fact: Fact, notes: list) -> dict:
    """The Cite answer: a Chicago-style note for each source, each with its quote.
    `notes` are bot.kb.citations.Citation."""
    b = _Blocks()
    b.add(_section(f"*Cite:* {esc(clip(clean(fact.title), 300))} · {fact_date(fact)}"))
    text = [f"Cite: {clean(fact.title)} ({fact_date(fact)})"]
    for n, c in enumerate(notes, 1):
        if b.room(1) < 1:
            break
        body = f"{n}. {esc(c.note)}"
        if c.quote:
            body += "\n" + _blockquote(esc(clip(c.quote, PASSAGE_CHARS)))
        b.add(_section(body))
        text.append(f"{n}. {c.note}" + (f" \u201c{c.quote}\u201d" if c.quote else ""))
    return _payload("\n".join(text), b)


def change_text(change: Change) -> str:
    """What changed in a followed fact, in words: "date: June 2024 → 3–5 June 2024"."""
    if change.field == "date":
        return f"date: {format_date(*change.before)} \u2192 {format_date(*change.after)}"
    if change.field == "sources":
        added = [s for s in change.after or [] if s not in (change.before or [])]
        return f"new source{'s' if len(added) != 1 else ''}: {', '.join(added)}" if added else "sources changed"
    before, after = change.before, change.after
    if isinstance(before, list) or isinstance(after, list):
        before, after = ", ".join(before or []) or "none", ", ".join(after or []) or "none"
    return f"{change.field}: {before or 'none'} \u2192 {after or 'none'}"


MAX_NOTICE_FACTS = 15


def notice_blocks(notice: Notice) -> dict:
    """The direct message to a follower after a load: per follow, new and changed facts."""
    b = _Blocks()
    n = notice.count
    head = f"{n} new or changed fact{'s' if n != 1 else ''} for what you follow"
    b.add(_header(head))
    text = [head]
    listed = 0
    for news in notice.news:
        if b.room(2) < 2:
            break
        b.add(_context(f"Following `{esc(news.line)}` \u00b7 {news.count} · `/follow` lists, `/unfollow N` stops"))
        text.append(f"{news.line}:")
        entries = [(f, None) for f in news.new] + list(news.changed)
        for fact, changes in entries:
            if listed >= MAX_NOTICE_FACTS or b.room(2) < 1:
                break
            body = fact_mrkdwn(fact)
            if changes is not None:
                what = "; ".join(change_text(c) for c in changes) or "updated"
                body = f":arrows_counterclockwise: _Changed: {esc(what)}_\n" + body
            b.add(_section(clip(body, MAX_SECTION), cite_button(fact)))
            text.append("  " + ("(changed) " if changes is not None else "") + fact_line(fact))
            listed += 1
    if listed < n:
        b.add(_context(f"{n - listed} more: run the followed query to see them all."))
        text.append(f"{n - listed} more.")
    return _payload("\n".join(text), b)


# -- documents added from Slack --------------------------------------------------------

ADDED_FACTS_SHOWN = 10


def added_blocks(outcome, what: str, user: str | None = None) -> dict:
    """The thread reply to an added document: what allybot learned from it, and Remove.

    `outcome` is a bot.kb.added.Outcome; `what` names what was shared (a file name or URL);
    `user` is who removed it, for a removal.
    The reply says the document's title, its date and how the date was found, each fact
    found with its date, or why nothing was added.
    """
    b = _Blocks()
    doc = outcome.document or {}
    title = clean(doc.get("title")) or what
    if outcome.status in ("unreadable", "unsupported"):
        text = f"I couldn't add {what}: {outcome.reason}."
        b.add(_section(f":warning: {esc(text)}"))
        return _payload(text, b)
    if outcome.status == "removed":
        by = f" (by <@{user}>)" if user else ""
        b.add(_section(f":wastebasket: Removed *{esc(title)}* from allybot's documents{by}."))
        return _payload(f"Removed {title}", b)
    verb = {"added": "Added", "replaced": "Updated (the page changed)", "already": "Already in allybot:"}
    lines = [f"{verb.get(outcome.status, 'Added')} *{esc(title)}*"]
    if doc.get("date"):
        how = doc.get("date_note") or ""
        approx = "about " if doc.get("date_inferred") else ""
        when = format_date(doc["date"], precision=doc.get("date_precision"))
        lines.append(f"Dated {approx}{when}" + (f" ({esc(how)})" if how else ""))
    else:
        lines.append(f"No date found ({esc(doc.get('date_note') or 'the document states none')})")
    origin = [x for x in (doc.get("source"), doc.get("source_url")) if x]
    if origin:
        lines.append("Source: " + esc(" · ".join(dict.fromkeys(origin))))
    b.add(_section("\n".join(lines)))
    facts = outcome.facts or []
    if facts:
        shown = [f"• {esc(fact_date(f))} · {esc(clean(f.title))}" for f in facts[:ADDED_FACTS_SHOWN]]
        more = len(facts) - len(shown)
        head = f"{len(facts)} fact{'s' if len(facts) != 1 else ''} found:"
        b.add(_section(head + "\n" + "\n".join(shown) + (f"\n…and {more} more" if more > 0 else "")))
    else:
        b.add(_section("No meetings, exercises or space cooperation found in it; its passages "
                       "still answer /lookup."))
    who = f"Added by <@{doc['added_by']}>" if doc.get("added_by") else ""
    if who:
        b.add(_context(who))
    if outcome.doc_id and len(outcome.doc_id) < MAX_VALUE:
        b.add(ActionsBlock(elements=[ButtonElement(
            text="Remove", action_id="remove_document", value=outcome.doc_id, style="danger",
            confirm={"title": {"type": "plain_text", "text": "Remove this document?"},
                     "text": {"type": "mrkdwn", "text": f"allybot forgets *{esc(clip(title, 200))}* and its facts."},
                     "confirm": {"type": "plain_text", "text": "Remove"},
                     "deny": {"type": "plain_text", "text": "Keep"}},
        )]))
    summary = f"{verb.get(outcome.status, 'Added')} {title}: {len(facts)} facts found"
    return _payload(summary, b)
