"""Every fact a fact command's query matches, not just one page: what /follow watches,
/export writes and `allybot facts QUERY` prints.

A selection is written in the fact commands' own language, so whatever an analyst typed
after /meetings, /exercises or /space can be followed or exported as it is: the command
name first narrows it to that kind ("exercises philippines 2024"); without one, every
fact kind is searched ("paparo since:2025"). Using the same parser and the same ranking as
the commands keeps the three from disagreeing about what "matches" means.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from bot.context import Context
from bot.kb import search
from bot.kb.model import Fact
from commands import exercises, meetings, space
from commands.errors import UsageError
from commands.query import Query

FACT_COMMANDS: dict[str, ModuleType] = {"meetings": meetings, "exercises": exercises, "space": space}
ALL = 10**6  # a page size no knowledge base reaches: every match on one page


@dataclass(frozen=True)
class Selection:
    """A parsed selection: the command it names (None: every fact kind) and its query text."""

    command: str | None
    text: str

    @property
    def line(self) -> str:
        """As the user would type it again: "exercises philippines", "paparo since:2025"."""
        return " ".join(p for p in (self.command, self.text) if p)

    def queries(self) -> list[tuple[ModuleType, Query]]:
        names = [self.command] if self.command else list(FACT_COMMANDS)
        return [(FACT_COMMANDS[n], FACT_COMMANDS[n].parse(self.text)) for n in names]


def parse_selection(text: str, *, slash: str) -> Selection:
    """Split an optional leading command name ("/exercises" or "exercises") from the query;
    the query is parsed now, so a bad date is refused before anything is stored."""
    text = " ".join((text or "").split())
    head, _, rest = text.partition(" ")
    name = head.lstrip("/").lower()
    if name in FACT_COMMANDS:
        selection = Selection(name, rest.strip())
    else:
        selection = Selection(None, text)
    try:
        selection.queries()
    except UsageError as exc:
        raise UsageError(exc.message, hint=f"{slash} takes what /meetings, /exercises or /space take, "
                         f"e.g. `{slash} exercises philippines 2024`.", suggestions=exc.suggestions) from None
    return selection


def select_facts(selection: Selection, ctx: Context) -> list[Fact]:
    """Every fact the selection matches, newest first (undated last), each once."""
    found: dict[str, Fact] = {}
    for module, query in selection.queries():
        ranked = search.rank_facts(ctx.db, module.KIND, query.words, since=query.since,
                                   until=query.until, page=1, page_size=ALL)
        if ranked.terms and len(ranked.unmatched) == len(ranked.terms):
            continue  # no word matched: the command shows nothing either
        for fact in ranked.facts:
            found.setdefault(fact.id, fact)
    return sorted(found.values(), key=newest_first)


def newest_first(fact: Fact) -> tuple:
    start = fact.date_start or ""
    return (start == "", _inverted(start), fact.id)


def _inverted(text: str) -> str:
    """A string that sorts in the reverse order of `text` (ISO dates, newest first)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text)
