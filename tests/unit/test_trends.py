"""The trend line and "how far off": what a reader learns about the week from one line."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.digest.trends import how_far, trend

KINDS = ["meeting", "exercise", "space"]
MONDAY = date(2024, 5, 27)


def counter(weeks: list[dict[str, int]]):
    """count(monday) for a history: weeks[0] is this week, weeks[1] the one before, ..."""
    def count(monday: date) -> dict[str, int]:
        back = (MONDAY - monday).days // 7
        return weeks[back] if back < len(weeks) else {}
    return count


@pytest.mark.parametrize("weeks, line", [
    # more exercises than any of the four weeks before, and the last week with as many was 8 weeks back
    ([{"meeting": 4, "exercise": 2}, {"meeting": 3}, {"meeting": 5, "exercise": 1}, {"meeting": 4}, {"meeting": 2},
      {}, {}, {}, {"exercise": 2}],
     "4 meetings, 2 exercises: more exercises than any week since the week of 1 Apr 2024."),
    # never as many in a year
    ([{"space": 3}, {"space": 1}],
     "3 space items: more space items than any week in the past year."),
    # fewer than in every one of the previous four weeks
    ([{"meeting": 1}, {"meeting": 3}, {"meeting": 2}, {"meeting": 4}, {"meeting": 2}],
     "1 meeting: fewer meetings than in any of the previous four weeks."),
    # well below the average without being below every week
    ([{"meeting": 6}, {"meeting": 20}, {"meeting": 5}, {"meeting": 14}, {"meeting": 13}],
     "6 meetings: fewer meetings than usual (13 a week over the previous four)."),
    ([{"exercise": 5, "meeting": 1}, {"exercise": 6, "meeting": 1}, {"exercise": 1}, {"exercise": 0}, {"exercise": 1}],
     "1 meeting, 5 exercises: more exercises than usual (2 a week over the previous four)."),
    # nothing unusual
    ([{"meeting": 2}, {"meeting": 2}, {"meeting": 1}, {"meeting": 3}, {"meeting": 2}],
     "2 meetings: about as usual (previous four weeks: 2 meetings a week on average)."),
    ([{}, {"meeting": 2}, {"exercise": 2}],
     "Nothing this week; the previous four weeks averaged 1 item a week."),
])
def test_trend_line(weeks, line):
    assert trend(KINDS, counter(weeks), MONDAY).line == line


def test_trend_keeps_the_four_weeks_it_compares_with():
    got = trend(KINDS, counter([{"meeting": 2}, {"meeting": 1}, {}, {"meeting": 3}, {}]), MONDAY)
    data = got.to_json()
    assert data["counts"] == {"meeting": 2, "exercise": 0, "space": 0}
    assert data["previous_weeks"]["meeting"] == [1, 0, 3, 0] and data["average"]["meeting"] == 1.0
    assert data["comparison"] == got.line.split(": ", 1)[1]


POSTED = date(2024, 6, 3)  # the Monday after the week of 27 May


@pytest.mark.parametrize("first, precision, expected", [
    (POSTED, "day", "today"),
    (POSTED + timedelta(days=1), "day", "tomorrow"),
    (POSTED + timedelta(days=9), "day", "in 9 days"),
    (POSTED + timedelta(days=23), "day", "in 3 weeks"),
    (date(2024, 6, 1), "month", "this month"),
    (date(2024, 7, 1), "month", "next month"),
    (date(2024, 9, 1), "month", "in 3 months"),
    (date(2024, 1, 1), "year", "this year"),
    (date(2025, 1, 1), "year", "next year"),
    (date(2026, 1, 1), "year", "in 2 years"),
])
def test_how_far_off_at_the_precision_of_the_date(first, precision, expected):
    assert how_far(first, precision, POSTED) == expected
