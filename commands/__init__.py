"""The command registry: one plain tuple, like Starlette's routes.

Every front end (Slack listeners, the local shell, `allybot ask`) reads this tuple, so
adding a command here is the only step needed to expose it everywhere; the Slack app
manifest is checked against it in the tests.

Each module provides `parse(text) -> Query` and `run(query, ctx) -> Result` (ctx: a
bot.context.Context) and never imports Slack; its docstring is its help text. Front ends
run a line through `dispatch`, so they all answer and fail the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from bot.context import Context
from commands import (
    calendar,
    digest,
    exercises,
    export,
    follow,
    help,
    lookup,
    meetings,
    space,
    unfollow,
    who,
)
from commands.errors import CommandError, UsageError
from commands.results import Result


@dataclass(frozen=True)
class Command:
    name: str  # the slash command without "/", e.g. "meetings"
    module: ModuleType
    description: str  # one line, shown in Slack's command picker (manifest)
    usage_hint: str  # shown in Slack's command picker (manifest)

    @property
    def slash(self) -> str:
        return f"/{self.name}"

    @property
    def help(self) -> str:
        return (self.module.__doc__ or self.description).strip()


COMMANDS: tuple[Command, ...] = (
    Command("meetings", meetings, "Meetings: who met whom, when, where", "[names, places, topics] [2024 | 2024-05 | since:2024-01 until:2024-06]"),
    Command("exercises", exercises, "Military exercises: name, dates, forces, place", "[exercise, forces, place] [2023 | since:... until:...]"),
    Command("space", space, "Space cooperation: programs, missions, agreements", "[program, mission, agency] [2024 | since:... until:...]"),
    Command("lookup", lookup, "Find the passages that answer a question", "<question>"),
    Command("digest", digest, "The weekly digest, for any week", "[last | this | next | YYYY-MM-DD | YYYY-Www]"),
    Command("who", who, "A person, organization, exercise or program: roles and facts by year", "<name> [2024 | since:...] [page:N]"),
    Command("follow", follow, "A DM when new facts match a query; alone, what you follow", "[meetings | exercises | space] [words] [dates]"),
    Command("unfollow", unfollow, "Stop following a query (its number from /follow)", "N"),
    Command("calendar", calendar, "What is dated in the next 8 weeks; how to subscribe", "[meetings | exercises | space] [YYYY-MM-DD]"),
    Command("export", export, "Every fact a query matches, as a CSV file", "[meetings | exercises | space] [words] [dates]"),
    Command("allybot", help, "Help, status, and any command: /allybot meetings paparo", "[help | status | <command> ...]"),
)


def get(name: str) -> Command | None:
    name = name.strip().lstrip("/").lower()
    return next((c for c in COMMANDS if c.name == name), None)


def closest(name: str) -> Command | None:
    """The command a mistyped name stands for ("/meeting", "/excercises", "/look"): one
    whose name it is a prefix of (3 letters at least), or within a typo or two of it;
    None when that is not one command."""
    from rapidfuzz.distance import OSA

    name = name.strip().lstrip("/").lower()
    if len(name) < 3:
        return None
    exact = get(name)
    if exact is not None:
        return exact
    prefixed = [c for c in COMMANDS if c.name.startswith(name)]
    if len(prefixed) == 1:
        return prefixed[0]
    near = sorted((OSA.distance(name, c.name), c.name) for c in COMMANDS)
    allowed = 1 if len(name) < 6 else 2
    if near[0][0] <= allowed and (len(near) == 1 or near[1][0] > near[0][0]):
        return get(near[0][1])
    return None


def split(line: str) -> tuple[Command, str]:
    """Split "/meetings paparo" into its command and text; unknown commands raise UsageError.

    A mistyped command name ("/meeting paparo") runs the command it is close to: Slack
    only sends the registered names, but the shell, `allybot ask` and "/allybot meeting
    paparo" get whatever was typed.

    "/allybot meetings paparo" runs /meetings, so one slash command can reach them all;
    "/allybot meetings" alone shows the help of /meetings.
    """
    line = line.strip()
    head, _, rest = line.partition(" ")
    command = closest(head)
    if command is None:
        names = ", ".join(c.slash for c in COMMANDS)
        raise UsageError(f"Unknown command {head!r}.", hint=f"Try one of: {names}")
    if command.name == "allybot":
        sub, _, subrest = rest.strip().partition(" ")
        inner = closest(sub) if sub else None
        if inner is not None and inner.name != "allybot":
            if not subrest.strip():
                return command, sub  # "/allybot meetings": that command's help
            return inner, subrest.strip()
    return command, rest.strip()


def dispatch(line: str, ctx: Context) -> Result:
    """Run one command line ("/meetings paparo") as Slack, the shell, the CLI and the
    benchmark all do; raises UsageError or CommandError for the front end to show."""
    command, text = split(line)
    return command.module.run(command.module.parse(text), ctx)


def check(line: str) -> None:
    """Parse a command line without running it: a UsageError says what is wrong."""
    command, text = split(line)
    command.module.parse(text)


def rerun(name: str, text: str, ctx: Context, *, page: int = 1) -> Result:
    """Run a command again, on another page (the Share and More buttons)."""
    command = get(name)
    if command is None:
        raise CommandError("That button belongs to a command allybot no longer has.",
                           hint="Run the command again.")
    query = command.module.parse(text)
    query.page = max(1, page)
    return command.module.run(query, ctx)
