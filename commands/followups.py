"""What each follower should hear after a load: new facts, and facts that changed.

Pure (no Slack): it reads the follows and what each was last told, runs each follow's
query as /follow stored it, and groups the news per user, so a follower gets one message
however many follows matched. Delivering it (bot/slack/notify.py) claims the rows first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.context import Context
from bot.kb import follows
from bot.kb.model import Fact
from commands.errors import UsageError
from commands.selection import parse_selection, select_facts

# What a reader notices, in the order a change is described.
FIELDS = ("date", "title", "participants", "location", "sources")


@dataclass
class Change:
    """One field of a fact that is not what the follower was told: (field, before, after)."""

    field: str
    before: object
    after: object


@dataclass
class FollowNews:
    follow_id: int
    line: str  # the followed selection
    new: list[Fact] = field(default_factory=list)
    changed: list[tuple[Fact, list[Change]]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.new) + len(self.changed)


@dataclass
class Notice:
    """One direct message: a user's news across their follows, and the rows it claims."""

    user: str
    news: list[FollowNews] = field(default_factory=list)
    claims: list[follows.Claim] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(n.count for n in self.news)


def changes(before: dict, after: dict) -> list[Change]:
    out = []
    dates = ("date_start", "date_end", "date_precision")
    if any(before.get(k) != after.get(k) for k in dates):
        out.append(Change("date", tuple(before.get(k) for k in dates), tuple(after.get(k) for k in dates)))
    for name in FIELDS[1:]:
        if before.get(name) != after.get(name):
            out.append(Change(name, before.get(name), after.get(name)))
    return out


def pending(ctx: Context) -> list[Notice]:
    """Every user's unannounced news, computed (nothing is recorded here)."""
    notices: dict[str, Notice] = {}
    listed: dict[str, set[str]] = {}  # user -> fact ids already in their message
    for follow in follows.all_follows(ctx.db):
        try:
            selection = parse_selection(follow.line, slash="/follow")
        except UsageError:
            continue  # a follow the query language no longer reads: never fail the others
        told = follows.sent_snapshots(ctx.db, follow.id)
        news = FollowNews(follow.id, follow.line)
        notice = notices.setdefault(follow.user, Notice(follow.user))
        shown = listed.setdefault(follow.user, set())
        matching = select_facts(selection, ctx)
        current = {f.id for f in matching}
        # Told facts gone from the matches, by the sentences they were read from: a fact
        # whose id changed with its date is that fact, changed, not a new one.
        gone: dict[str, dict] = {}
        for fact_id, (_, snap) in told.items():
            if fact_id not in current:
                for anchor in snap.get("anchors") or []:
                    gone.setdefault(anchor, snap)
        for fact in matching:
            fp = follows.fingerprint(fact)
            previous = told.get(fact.id)
            if previous is not None and previous[0] == fp:
                continue
            snap = follows.snapshot(fact)
            was = previous[1] if previous else next((gone[a] for a in snap["anchors"] if a in gone), None)
            if fact.id in shown:
                pass  # in this message already, under another follow: told once, claimed for both
            elif was is None:
                news.new.append(fact)
            else:
                news.changed.append((fact, changes(was, snap)))
            shown.add(fact.id)
            notice.claims.append(follows.Claim(follow.id, fact.id, fp, snap, previous))
        if news.count:
            notice.news.append(news)
    return [n for n in notices.values() if n.news]


def keep_claimed(notice: Notice, won: list[follows.Claim]) -> Notice:
    """The notice narrowed to the rows this notifier won (another may have sent the rest)."""
    mine = {(c.follow_id, c.fact_id) for c in won}
    news = []
    for item in notice.news:
        kept = FollowNews(item.follow_id, item.line, [f for f in item.new if (item.follow_id, f.id) in mine],
                          [(f, ch) for f, ch in item.changed if (item.follow_id, f.id) in mine])
        if kept.count:
            news.append(kept)
    return Notice(notice.user, news, [c for c in notice.claims if (c.follow_id, c.fact_id) in mine])
