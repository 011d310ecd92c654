"""/digest - the weekly digest of meetings, exercises and space cooperation, for any week.

Usage:
  /digest               the last complete week (Monday to Sunday)
  /digest last | this | next
  /digest 2024-05-27    the week containing that date (any day of it)
  /digest 2024-W22      an ISO week

It opens with up to five headlines (the most significant items: reported by more
documents, more senior participants, firsts, more countries), then the counts, how the
week compares with the four before it and what is coming up; below that every item
with a quote and its source. In a channel with its own digest (digest.channels in
config: some kinds, or a topic) you get that channel's digest. Only you see the answer;
"Post to channel" posts it once: the headlines in the channel, the details in a thread.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from bot.config import Config, ConfigError
from bot.context import Context
from bot.digest.build import build_digest
from commands.errors import UsageError
from commands.query import Query, parse_query
from commands.results import DigestResult

HINT = "Try /digest, /digest last, /digest this, /digest next, /digest 2024-05-27 or /digest 2024-W22."

_RELATIVE = {"": -1, "last": -1, "previous": -1, "this": 0, "current": 0, "next": 1}
_ISO_WEEK = re.compile(r"^(\d{4})-?w(\d{1,2})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _monday(today: date, offset: int) -> date:
    return today - timedelta(days=today.weekday()) + timedelta(days=7 * offset)


def resolve_week(text: str, *, now: datetime) -> date:
    """The Monday of the week `text` names; `now` (in the digest time zone) anchors
    "last", "this" and "next"."""
    relative, monday = _read_week(text)
    return monday if relative is None else _monday(now.date(), relative)


def _read_week(text: str) -> tuple[int | None, date | None]:
    """(weeks from this one, None) for "last", "this", "next"; (None, Monday) for a date."""
    words = (text or "").strip().lower().split()
    if words and words[-1] == "week":  # "last week", "this week"
        words = words[:-1]
    if words and words[0] == "week":  # "week 2024-05-27"
        words = words[1:]
    word = " ".join(words)

    if word in _RELATIVE:
        return _RELATIVE[word], None
    if m := _ISO_WEEK.match(word):
        try:
            return None, date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            raise UsageError(f"{text.strip()!r} is not a week: {m[1]} has no week {int(m[2])}.", hint=HINT) from None
    if _ISO_DATE.match(word):
        try:
            d = date.fromisoformat(word)
        except ValueError:
            raise UsageError(f"{text.strip()!r} is not a real date.", hint=HINT) from None
        return None, d - timedelta(days=d.weekday())
    raise UsageError(f"I don't know which week {text.strip()!r} means.", hint=HINT)


def parse(text: str, *, now: datetime | None = None) -> Query:
    """Read the week; "last", "this" and "next" are resolved against `now`, or when the
    command runs (in the digest time zone) if no `now` is given."""
    relative, monday = _read_week(text)
    if relative is not None and now is not None:
        relative, monday = None, _monday(now.date(), relative)
    options: dict = {"relative": relative} if monday is None else {"week_start": monday.isoformat()}
    return Query(
        command="digest",
        text=(text or "").strip(),
        since=monday.isoformat() if monday else None,
        until=(monday + timedelta(days=6)).isoformat() if monday else None,
        options=options,
    )


def read_channel_queries(config: Config) -> Config:
    """The configuration with each digest channel's query read in the commands' language
    (its words); a query /meetings would refuse, or one with dates or pages (the week is
    the digest's date), is a ConfigError naming the file and key. Run at start-up."""
    digest = config.digest
    path = Path(config.config_dir) / "allybot.yaml"
    channels = []
    for i, channel in enumerate(digest.extra_channels):
        if channel.query is None:
            channels.append(channel)
            continue
        key = f"digest.channels[{i}].query"
        try:
            parsed = parse_query("digest", channel.query)
        except UsageError as exc:
            raise ConfigError(path, key, exc.message) from None
        if parsed.since or parsed.until or parsed.page != 1:
            raise ConfigError(path, key, "a channel's query picks topics; dates and pages come from the week")
        if not parsed.words:
            raise ConfigError(path, key, "has no words to match")
        channels.append(replace(channel, words=tuple(parsed.words)))
    return replace(config, digest=replace(digest, extra_channels=tuple(channels)))


def run(query: Query, ctx: Context) -> DigestResult:
    cfg = ctx.config.digest
    if query.options.get("week_start"):
        monday = date.fromisoformat(query.options["week_start"])
    else:
        monday = _monday(ctx.now(cfg.tz).date(), int(query.options.get("relative") or 0))
    scope = cfg.for_channel(ctx.channel_id, ctx.channel_name)
    digest = build_digest(ctx.db, monday, cfg.upcoming_weeks, tz=cfg.tz, channel=scope)
    return DigestResult.of(digest, query.text or None)
