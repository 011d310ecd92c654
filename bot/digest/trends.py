"""How a week compares with the weeks before it, and how far off the coming items are.

One line, not a chart: a reader wants to know whether this week was unusual. The week's
count of each kind is compared with the previous four weeks (the comparison the line
states); when a count beats all four, the look-back continues (up to `LOOKBACK_WEEKS`)
to say since when it is the highest, which is what makes "more exercises than any
week since March" worth reading. Otherwise the line names a count below all four weeks,
else one at least half (and two items) away from its four-week average, else says the
week was about as usual. Counts use the same week assignment as the digest
itself, so a multi-week exercise counts in every week it touches.

"How far off" is measured from the Monday after the week (the day the digest is
posted) and said only as precisely as the fact's date is known: "in 3 days" for a day,
"next month" for a month, "next year" for a year.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

COMPARE_WEEKS = 4
LOOKBACK_WEEKS = 52

# The words for each fact kind, here once: one and many for counts ("1 meeting", "3 space
# items"), and the word its slash command, calendar filter and digest section go by
# ("/space", "/calendar space", "Space").
PLURALS = {"meeting": ("meeting", "meetings"), "exercise": ("exercise", "exercises"),
           "space": ("space item", "space items")}
COMMAND_WORDS = {"meeting": "meetings", "exercise": "exercises", "space": "space"}


def plural(kind: str, n: int) -> str:
    one, many = PLURALS.get(kind, (kind or "item", f"{kind or 'item'}s"))
    return f"{n} {one if n == 1 else many}"


def _noun(kind: str) -> str:
    return PLURALS.get(kind, (kind, f"{kind}s"))[1]


@dataclass(frozen=True)
class Trend:
    counts: dict[str, int]  # this week, by kind
    previous: dict[str, list[int]]  # by kind: the previous weeks, most recent first
    line: str  # "3 meetings, 1 exercise: more exercises than any week since ..."

    @property
    def comparison(self) -> str:
        """The line without this week's counts: what the digest message shows under them."""
        head, sep, tail = self.line.partition(": ")
        return tail if sep else self.line

    def to_json(self) -> dict:
        return {
            "counts": dict(self.counts),
            "previous_weeks": {k: v[:COMPARE_WEEKS] for k, v in self.previous.items()},
            "average": {k: round(sum(v[:COMPARE_WEEKS]) / COMPARE_WEEKS, 2) for k, v in self.previous.items()},
            "line": self.line,
            "comparison": self.comparison,
        }


def trend(
    kinds: Sequence[str],
    count: Callable[[date], dict[str, int]],
    monday: date,
    lookback: int = LOOKBACK_WEEKS,
) -> Trend:
    """The trend of the week starting `monday`; `count(monday)` counts one week by kind."""
    now = count(monday)
    previous: dict[str, list[int]] = {k: [] for k in kinds}
    weeks = [monday - timedelta(days=7 * i) for i in range(1, lookback + 1)]
    for i, week in enumerate(weeks):
        if i >= COMPARE_WEEKS and not _needs_more(now, previous):
            break
        counts = count(week)
        for k in kinds:
            previous[k].append(counts.get(k, 0))
    line = _line(kinds, now, previous, weeks)
    return Trend({k: now.get(k, 0) for k in kinds}, previous, line)


def _needs_more(now: dict[str, int], previous: dict[str, list[int]]) -> bool:
    """Keep looking back while a kind that beats the four weeks has not met its match."""
    return any(n > 0 and all(p < n for p in previous.get(k, [])) for k, n in now.items())


def _line(kinds: Sequence[str], now: dict[str, int], previous: dict[str, list[int]], weeks: list[date]) -> str:
    shown = [k for k in kinds if now.get(k, 0)]
    total = sum(now.get(k, 0) for k in kinds)
    before = {k: previous[k][:COMPARE_WEEKS] for k in kinds}
    if total == 0:
        avg = sum(sum(v) for v in before.values()) / COMPARE_WEEKS
        return f"Nothing this week; the previous four weeks averaged {avg:g} item{'' if avg == 1 else 's'} a week."
    head = ", ".join(plural(k, now[k]) for k in shown)
    records = []
    for k in shown:
        n, prev = now[k], previous[k]
        if prev[:COMPARE_WEEKS] and all(p < n for p in prev[:COMPARE_WEEKS]):
            since = next((i for i, p in enumerate(prev) if p >= n), None)
            records.append((since if since is not None else len(prev), k, since))
    if records:
        records.sort(key=lambda r: (-r[0], kinds.index(r[1])))
        _, k, since = records[0]
        if since is None:
            span = "in the past year" if len(previous[k]) >= LOOKBACK_WEEKS else f"in the previous {len(previous[k])}"
            tail = f"more {_noun(k)} than any week {span}"
        else:  # the weeks after `since` all had fewer, and there are at least four of them
            tail = f"more {_noun(k)} than any week since the week of {_day(weeks[since])}"
        return f"{head}: {tail}."
    avg = {k: sum(v) / COMPARE_WEEKS for k, v in before.items()}
    fewer = [k for k in kinds if before[k] and now.get(k, 0) < min(before[k])]
    if fewer:
        k = fewer[0]
        return f"{head}: fewer {_noun(k)} than in any of the previous four weeks."
    usual = ", ".join(f"{avg[k]:g} {_noun(k)}" for k in kinds if avg[k])
    off = [(abs(now.get(k, 0) - avg[k]) / max(avg[k], 1), k) for k in kinds
           if abs(now.get(k, 0) - avg[k]) >= 2 and abs(now.get(k, 0) - avg[k]) >= avg[k] / 2]
    if off:
        k = max(off, key=lambda o: (o[0], -kinds.index(o[1])))[1]
        side = "more" if now.get(k, 0) > avg[k] else "fewer"
        return f"{head}: {side} {_noun(k)} than usual ({avg[k]:g} a week over the previous four)."
    return f"{head}: about as usual (previous four weeks: {usual or 'nothing'} a week on average)."


def _day(d: date) -> str:
    return f"{d.day} {calendar.month_abbr[d.month]} {d.year}"


def how_far(first: date, precision: str, reference: date) -> str:
    """How far off an item starting `first` is, seen from `reference`, at its precision."""
    if precision == "year":
        years = first.year - reference.year
        return "this year" if years <= 0 else "next year" if years == 1 else f"in {years} years"
    if precision == "month":
        months = (first.year - reference.year) * 12 + first.month - reference.month
        return "this month" if months <= 0 else "next month" if months == 1 else f"in {months} months"
    days = (first - reference).days
    if days <= 0:
        return "today" if days == 0 else "under way"
    if days == 1:
        return "tomorrow"
    if days < 14:
        return f"in {days} days"
    return f"in {days // 7} weeks"
