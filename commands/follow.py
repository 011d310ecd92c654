"""/follow: a direct message when new facts match a query.

Follow anything /meetings, /exercises or /space can answer: start with the command's
name to follow one kind of fact, or leave it out to follow every kind. After each load
of new documents you get at most one direct message, listing the facts that are new
since you followed (or since the last message), and a fact again only when it changed,
saying what changed. /follow alone lists what you follow; /unfollow N stops one.

Examples:
  /follow exercises philippines
  /follow paparo since:2025
  /follow space artemis
  /follow
"""

from __future__ import annotations

from bot.context import Context
from bot.kb import follows
from commands.errors import UsageError
from commands.query import Query, clean_text
from commands.results import FollowsResult
from commands.selection import parse_selection, select_facts

NAME = "follow"


def parse(text: str) -> Query:
    text = " ".join(clean_text(text or "").split())
    if text:
        parse_selection(text, slash="/follow")  # refuse a bad query now, not at the next load
    return Query(command=NAME, text=text)


def need_user(ctx: Context) -> str:
    if not ctx.user_id:
        raise UsageError("Follows belong to a Slack user: use /follow in Slack.",
                           hint="In a terminal, run the query itself, e.g. `allybot ask \"/exercises philippines\"`.")
    return ctx.user_id


def listing(ctx: Context, user: str, message: str) -> FollowsResult:
    lines = [f.line or "everything" for f in follows.follows_of(ctx.db, user)]
    return FollowsResult(command=NAME, query="", follows=lines, total=len(lines), message=message,
                         page_size=max(len(lines), 1))


def run(query: Query, ctx: Context) -> FollowsResult:
    user = need_user(ctx)
    if not query.text:
        mine = follows.follows_of(ctx.db, user)
        message = ("You follow nothing yet. Try `/follow exercises philippines`." if not mine else
                   "You follow these; after each load I DM you what is new. `/unfollow N` stops one.")
        return listing(ctx, user, message)
    selection = parse_selection(query.text, slash="/follow")
    mine = follows.follows_of(ctx.db, user)
    if any(f.line == selection.line for f in mine):
        return listing(ctx, user, f"You already follow \u201c{selection.line}\u201d.")
    if len(mine) >= follows.MAX_FOLLOWS:
        raise UsageError(f"You follow {len(mine)} queries already, the most I keep per person.",
                         hint="Stop one with /unfollow N (see /follow for the numbers).")
    current = select_facts(selection, ctx)
    follows.add_follow(ctx.db, user, selection.line, current)
    n = len(current)
    known = f"{n} fact{'s' if n != 1 else ''} match{'es' if n == 1 else ''} it now" if n else "nothing matches it yet"
    return listing(ctx, user, f"Following \u201c{selection.line}\u201d ({known}). After each load I DM you "
                              "the new facts that match.")
