"""/export: every fact a query matches, as a CSV file (a spreadsheet) in the channel.

Takes what /meetings, /exercises or /space take, with the command's name first (or no
name, for every kind of fact); all matches are exported, not one page. Each row has every
field of the fact and every source: its document ids and titles, and a Chicago-style note
with the quote for each. A cell that starts like a spreadsheet formula (=, +, -, @) gets a
leading apostrophe. `allybot facts QUERY --csv` writes the same file.

Examples:
  /export exercises 2023
  /export meetings paparo
  /export space since:2024
"""

from __future__ import annotations

import csv
import io
import json
import re

from bot.context import Context
from bot.kb.citations import citations, documents
from bot.kb.model import Fact
from bot.kb.text import plain_fields
from commands.query import Query, clean_text
from commands.results import ExportResult
from commands.selection import parse_selection, select_facts

NAME = "export"
COLUMNS = ("id", "kind", "title", "summary", "date_start", "date_end", "date_precision", "participants",
           "countries", "location", "doc_id", "doc_title", "quote", "span_start", "span_end", "sources",
           "citations")
LIST_SEPARATOR = "; "
# A cell a spreadsheet would run as a formula (documents are third-party text): kept as text
# with a leading apostrophe, as OWASP advises for CSV exports.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def parse(text: str) -> Query:
    text = " ".join(clean_text(text or "").split())
    selection = parse_selection(text, slash="/export")
    return Query(command=NAME, text=selection.line, options={"selection": selection})


def filename(line: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", line.lower()).strip("-")[:60] or "all-facts"
    return f"allybot-{slug}.csv"


def rows(facts: list[Fact], ctx: Context) -> list[dict[str, str]]:
    out = []
    infos = documents(ctx.db, [d for f in facts for d in (f.doc_id, *(s.doc_id for s in f.sources))])
    for f in facts:
        data = plain_fields(f.to_json())  # as `allybot facts --json` gives it
        notes = citations(ctx.db, f, infos)
        out.append({
            **{k: "" if data.get(k) is None else str(data[k]) for k in COLUMNS if k in data and k not in
               ("participants", "countries", "span", "sources")},
            "participants": LIST_SEPARATOR.join(f.participants),
            "countries": LIST_SEPARATOR.join(f.countries),
            "span_start": str(f.span[0]) if f.span else "",
            "span_end": str(f.span[1]) if f.span and len(f.span) > 1 else "",
            "sources": json.dumps(data["sources"], ensure_ascii=False),
            "citations": "\n".join(f"{c.note} \u201c{c.quote}\u201d" if c.quote else c.note for c in notes),
        })
    return out


def inert(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def to_csv(facts: list[Fact], ctx: Context) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: inert(v) for k, v in row.items()} for row in rows(facts, ctx))
    return buffer.getvalue()


def run(query: Query, ctx: Context) -> ExportResult:
    selection = query.options.get("selection") or parse_selection(query.text, slash="/export")
    facts = select_facts(selection, ctx)
    n = len(facts)
    what = f"\u201c{selection.line}\u201d" if selection.line else "every fact"
    message = (f"{n} fact{'s' if n != 1 else ''} for {what}, as a CSV file." if n else
               f"No facts match {what}: there is nothing to export.")
    return ExportResult(command=NAME, query=selection.line, facts=facts, total=n, page_size=max(n, 1),
                        message=message, filename=filename(selection.line), csv=to_csv(facts, ctx) if n else "")
