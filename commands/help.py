"""/allybot: what allybot can answer and how to ask.

/allybot help lists every command; /allybot help <command> (or /allybot <command>
with nothing after it) shows that command's full help. /allybot <command> <words>
runs the command, so one slash command reaches them all.

Examples:
  /allybot help
  /allybot help meetings
  /allybot exercises 2023
"""

from __future__ import annotations

import commands  # the registry, read when help runs (it imports this module first)
from bot.context import Context
from commands import status
from commands.query import Query
from commands.results import HelpResult, StatusResult

NAME = "allybot"


def parse(text: str) -> Query:
    words = [w for w in (text or "").split() if w]
    return Query(command=NAME, text=(text or "").strip(), words=words)


def run(query: Query, ctx: Context | None = None) -> HelpResult | StatusResult:
    words = [w.lstrip("/").lower() for w in query.words]
    if words == ["status"] and ctx is not None:
        return status.run(status.parse(""), ctx)
    if words and words[0] in {"help", "?", "-h", "--help"}:
        words = words[1:]
    if words:
        command = commands.closest(words[0])
        if command is not None and command.name != NAME:
            return HelpResult(
                command=NAME,
                query=query.text,
                message=f"{command.slash} {command.usage_hint}\n\n{command.help}",
                topic=command.name,
            )
        unknown = f"I don't know {words[0]!r}. " if words[0] != NAME else ""
    else:
        unknown = ""
    lines = [
        f"{unknown}allybot answers questions about the US-Japan alliance from the team's documents.",
        "",
    ]
    for c in commands.COMMANDS:
        if c.name == NAME:
            continue
        lines.append(f"{c.slash} {c.usage_hint}")
        lines.append(f"    {c.description}")
    lines += [
        "",
        "Names may have typos; dates are 2024, 2024-05, 2024-05-29, since:... until:....",
        "In a thread, mention @allybot with a question to get the passages that answer it.",
        "To add a document, share the file with @allybot, use Add to allybot on a message, or /add <url>.",
        "/allybot help <command> shows a command's help and examples.",
        "/allybot status shows what allybot holds: documents, facts, the last load, what is next.",
    ]
    return HelpResult(command=NAME, query=query.text, message="\n".join(lines))
