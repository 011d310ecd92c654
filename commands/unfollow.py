"""/unfollow N: stop following a query.

N is the number /follow shows next to the query. You get no more direct messages about
it; the facts themselves stay, so /follow the same query again starts afresh.

Examples:
  /unfollow 2
"""

from __future__ import annotations

from bot.context import Context
from bot.kb import follows
from commands.errors import UsageError
from commands.follow import listing, need_user
from commands.query import Query, clean_text
from commands.results import FollowsResult

NAME = "unfollow"
USAGE = "Usage: /unfollow N, where N is a number /follow shows."


def parse(text: str) -> Query:
    text = " ".join(clean_text(text or "").split()).lstrip("#")
    # ASCII digits only: "²" passes str.isdigit() but not int().
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise UsageError(f"{text!r} is not a follow's number." if text else "Which follow? Give its number.",
                         hint=USAGE + " `/follow` lists them.")
    return Query(command=NAME, text=text, options={"n": int(text)})


def run(query: Query, ctx: Context) -> FollowsResult:
    user = need_user(ctx)
    mine = follows.follows_of(ctx.db, user)
    n = query.options["n"]
    if n > len(mine):
        raise UsageError(f"You have {len(mine)} follow{'s' if len(mine) != 1 else ''}; there is no number {n}.",
                         hint="`/follow` lists them with their numbers.")
    gone = mine[n - 1]
    follows.remove_follow(ctx.db, gone)
    return listing(ctx, user, f"Stopped following \u201c{gone.line or 'everything'}\u201d.")
