"""Previews and ledes in the shapes wire stories use (issue 11): a weekday named for a
plan is the coming one, a planned meeting told with "will be held" is a planned fact, and a
lede naming the United States first is a meeting of both. Every text is written for the
test in the same shape (the real ones stay out of the repo)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.kb.dates import find_dates
from bot.kb.extract.facts import extract_document
from tests.unit.test_facts import gazetteer, make_doc  # noqa: F401

WED = date(2024, 4, 10)  # a Wednesday: the document's date in every case below

# (sentence, the day its weekday resolves to): a plan takes the coming weekday on or after
# the document's date, a report the one before.
WEEKDAYS = [
    ("Their summit is set for Friday.", "2024-04-12"),
    ("The summit has been set for Monday.", "2024-04-15"),
    ("Summit set for Friday", "2024-04-12"),
    ("The two ministers will meet on Sunday.", "2024-04-14"),
    ("The talks are scheduled for Tuesday.", "2024-04-16"),
    ("Talks are expected on Thursday.", "2024-04-11"),
    ("The meeting is to be held Friday.", "2024-04-12"),
    ("The ministers met on Friday.", "2024-04-05"),
    ("They held talks Friday.", "2024-04-05"),
    ("The meeting was set for Monday.", "2024-04-08"),
]


@pytest.mark.parametrize("text,day", WEEKDAYS)
def test_weekday_of_a_plan_or_a_report(text, day):
    (m,) = find_dates(text, WED)
    assert m.date_start.isoformat() == day, text


# (case, text, expected meeting facts: (date_start, planned, countries))
MEETINGS = [
    (
        "set for a weekday",
        "A summit between Prime Minister Fumio Kishida and President Joe Biden is set for "
        "Friday.",
        [("2024-04-12", True, {"Japan", "United States"})],
    ),
    (
        "will meet on a weekday",
        "Prime Minister Fumio Kishida and President Joe Biden will meet on Sunday in Tokyo.",
        [("2024-04-14", True, {"Japan", "United States"})],
    ),
    (
        "held talks on a weekday: the one before",
        "Prime Minister Fumio Kishida and President Joe Biden held talks Friday.",
        [("2024-04-05", False, {"Japan", "United States"})],
    ),
    (
        "the two leaders' summit will be held, the leaders named before",
        "Prime Minister Fumio Kishida will travel to Washington to meet President Joe Biden. "
        "The two leaders' summit will be held on Friday.",
        [("2024-04-12", True, {"Japan", "United States"})],
    ),
    (
        "the two leaders' summit, one leader and the other's country named before",
        "Prime Minister Fumio Kishida will visit the United States. The two leaders' summit "
        "will be held on Friday.",
        [("2024-04-12", True, {"Japan", "United States"})],
    ),
    (
        "the two leaders' summit, one leader and the other's capital named before",
        "Prime Minister Fumio Kishida will visit Washington. The two leaders' summit will be "
        "held on Friday.",
        [("2024-04-12", True, {"Japan", "United States"})],
    ),
    (
        "the two leaders' summit, the two countries named before",
        "Japan and the United States will hold a summit. The two leaders' summit will be held "
        "on Friday.",
        [("2024-04-12", True, {"Japan", "United States"})],
    ),
    (
        "the two leaders' summit, only one country known: no fact",
        "Prime Minister Fumio Kishida will visit Tokyo. The two leaders' summit will be held "
        "on Friday.",
        [],
    ),
    (
        "a forum is to be held",
        "A Japan-U.S. summit is to be held on Friday in Washington.",
        [("2024-04-12", True, {"Japan", "United States"})],
    ),
    (
        "a forum is set to take place",
        "The Japan-U.S. summit is set to take place on Friday in Washington.",
        [("2024-04-12", True, {"Japan", "United States"})],
    ),
]


@pytest.mark.parametrize(
    "text,expected", [c[1:] for c in MEETINGS], ids=[c[0] for c in MEETINGS]
)
def test_meeting_shape(gazetteer, text, expected):  # noqa: F811
    facts = [f for f in extract_document(make_doc("x", text, WED), gazetteer) if f.kind == "meeting"]
    got = sorted(facts, key=lambda f: f.date_start or "")
    assert len(got) == len(expected), [f.title for f in got]
    for f, (start, planned, countries) in zip(got, expected, strict=True):
        assert f.date_start == start, f.title
        assert f.title.endswith("(planned)") == planned, f.title
        assert countries <= set(f.countries), f.countries


# A wire lede names both sides' chiefs, in either order and any spelling of the U.S.
SIDES = ["the United States and Japan", "Japan and the United States", "the U.S. and Japan",
         "Japan and the U.S.", "the US and Japan", "Japan and the US"]
LEDES = [
    "The defense chiefs of {sides} agreed Sunday to expand cooperation on missiles. Defense "
    "Secretary Lloyd Austin and Defense Minister Minoru Kihara also pledged closer ties.",
    "The defense chiefs of {sides}, Lloyd Austin and Minoru Kihara, agreed Sunday to expand "
    "cooperation on missiles.",
]


@pytest.mark.parametrize("lede", LEDES)
@pytest.mark.parametrize("sides", SIDES)
def test_lede_of_both_defense_chiefs(gazetteer, lede, sides):  # noqa: F811
    text = lede.format(sides=sides)
    (f,) = [f for f in extract_document(make_doc("x", text, WED), gazetteer) if f.kind == "meeting"]
    assert f.date_start == "2024-04-07", f.title
    assert {"austin", "kihara"} <= set(f.title.lower().replace(",", " ").split()), f.title
    assert {"Japan", "United States"} <= set(f.countries), f.countries


# A departure is not the talks: the travel day never dates them; the day stated for the
# talks does. (case, text, the meeting facts' days)
DEPARTURES = [
    (
        "left a named city for another",
        "Defense Minister Minoru Kihara left Tokyo for Washington on Thursday to hold talks "
        "with Defense Secretary Lloyd Austin. The two will meet on Friday at the Pentagon.",
        ["2024-04-12"],
    ),
    (
        "departed from an airport for a city",
        "Defense Minister Minoru Kihara departed from Haneda Airport for Washington on Thursday "
        "to hold talks with Defense Secretary Lloyd Austin. The two will meet on Friday at the "
        "Pentagon.",
        ["2024-04-12"],
    ),
    (
        "left for a city",
        "Defense Minister Minoru Kihara left for Washington on Thursday to hold talks with "
        "Defense Secretary Lloyd Austin. The two will meet on Friday at the Pentagon.",
        ["2024-04-12"],
    ),
    (
        "left a city, no day told for the talks: not the travel day",
        "Defense Minister Minoru Kihara left Tokyo for Washington on Thursday to hold talks "
        "with Defense Secretary Lloyd Austin.",
        [],
    ),
]


@pytest.mark.parametrize(
    "text,days", [c[1:] for c in DEPARTURES], ids=[c[0] for c in DEPARTURES]
)
def test_departure_does_not_date_the_talks(gazetteer, text, days):  # noqa: F811
    facts = [f for f in extract_document(make_doc("x", text, WED), gazetteer) if f.kind == "meeting"]
    assert sorted(f.date_start for f in facts) == days, [f.title for f in facts]
