"""More shapes real wire stories report events in (issue 11), one case per failure class;
every text is written for the test in the same shape (the real ones stay out of the repo)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.kb.extract.facts import extract_document
from tests.unit.test_facts import gazetteer, make_doc  # noqa: F401

# (case, document date, text, kind, expected facts of that kind:
#  (date_start, precision, words the title carries, countries it has))
SHAPES = [
    (
        "a summit of two countries, no leader named",
        date(2025, 1, 22),
        "Japan and the United States will hold a summit in the first half of February.",
        "meeting",
        [("2025-02-01", "month", ["summit"], {"Japan", "United States"})],
    ),
    (
        "their upcoming summit, after the ministers' meeting",
        date(2025, 1, 22),
        "Secretary of State Marco Rubio and Foreign Minister Takeshi Iwaya met on Tuesday in "
        "Washington.\n\nThe talks lasted half an hour. The two ministers also agreed to step up "
        "preparations for their upcoming summit, which is now planned for the first half of "
        "February.",
        "meeting",
        [
            ("2025-01-21", "day", ["iwaya", "rubio"], {"Japan", "United States"}),
            ("2025-02-01", "month", ["summit"], {"Japan", "United States"}),
        ],
    ),
    (
        "the day of a meeting planned for a month, told in the next sentence",
        date(2021, 12, 15),
        "Defense Minister Nobuo Kishi and Foreign Minister Yoshimasa Hayashi will visit the "
        "U.S. for a two-plus-two meeting in January with their counterparts, Defense Secretary "
        "Lloyd Austin and Secretary of State Antony Blinken. The two sides are expected to hold "
        "the ministerial talks in Washington on January 7.",
        "meeting",
        [("2022-01-07", "day", ["security consultative committee"], {"Japan", "United States"})],
    ),
    (
        "a summit's agenda is no summit",
        date(2025, 1, 22),
        "Japanese and U.S. officials discussed the summit agenda on Friday.",
        "meeting",
        [],
    ),
]


@pytest.mark.parametrize(
    "when,text,kind,expected", [c[1:] for c in SHAPES], ids=[c[0] for c in SHAPES]
)
def test_shape(gazetteer, when, text, kind, expected):  # noqa: F811
    facts = [f for f in extract_document(make_doc("x", text, when), gazetteer) if f.kind == kind]
    got = sorted(facts, key=lambda f: f.date_start or "")
    assert len(got) == len(expected), [f.title for f in got]
    for f, (start, precision, words, countries) in zip(got, expected, strict=True):
        assert (f.date_start, f.date_precision) == (start, precision), f.title
        for w in words:
            assert w in f.title.lower(), f.title
        assert countries <= set(f.countries), f.countries


@pytest.mark.parametrize(
    "text,title,location",
    [
        (
            "On Friday the Japan Ground Self-Defense Force fired a Type 12 surface-to-ship "
            "missile from the Beecroft Weapons Range in New South Wales.",
            "Type 12 missile firing at Beecroft Weapons Range (JGSDF)",
            "Beecroft Weapons Range",
        ),
        (
            "On Friday, July 21, Japanese anti-ship missiles will be fired from the Shoalwater "
            "Bay Training Area near Rockhampton.",
            "Missile firing at Shoalwater Bay Training Area (planned) (Japan)",
            "Shoalwater Bay Training Area",
        ),
    ],
    ids=["fired from a range near a town", "to be fired from a training area"],
)
def test_a_firing_is_titled_by_what_was_fired_where(gazetteer, text, title, location):  # noqa: F811
    facts = extract_document(make_doc("f", text, date(2023, 7, 20)), gazetteer)
    assert [(f.title, f.location) for f in facts if f.kind == "exercise"] == [(title, location)]


@pytest.mark.parametrize(
    "text,title",
    [
        (
            "Japan's foreign and defense ministers are likely to meet Defense Secretary Lloyd "
            "Austin and Secretary of State Antony Blinken in Washington on January 7.",
            "Meeting with Austin and Blinken in Washington, D.C. (planned)",
        ),
        (
            "At a ceremony hosted by NASA Deputy Administrator Pam Melroy and Administrator "
            "Bill Nelson in Washington Friday, Japanese and U.S. delegates came together to "
            "sign a treaty.",
            "Melroy and Nelson host a meeting in Washington, D.C.",
        ),
    ],
    ids=["both are met by people not named", "co-hosts"],
)
def test_people_named_after_the_trigger_are_not_each_others_counterparts(
    gazetteer, text, title  # noqa: F811
):
    facts = extract_document(make_doc("h", text, date(2022, 1, 3)), gazetteer)
    assert [f.title for f in facts if f.kind == "meeting"] == [title]


@pytest.mark.parametrize(
    "text,absent",
    [
        (
            "Japanese and U.S. forces began the Resolute Dragon exercise on Thursday.\n\nThe "
            "drills come just days after a big parade in Beijing, at which the People's "
            "Liberation Army displayed its latest missiles.",
            {"People's Liberation Army", "Beijing"},
        ),
        (
            "Japan and the United States began the Resolute Dragon exercise on Thursday amid "
            "rising tensions with China over Taiwan.",
            {"Taiwan"},
        ),
    ],
    ids=["another event's place and force", "the subject of a dispute"],
)
def test_what_the_story_sets_the_drill_against_is_not_the_drill(gazetteer, text, absent):  # noqa: F811
    (fact,) = extract_document(make_doc("r", text, date(2025, 9, 12)), gazetteer)
    found = set(fact.participants) | set(fact.countries) | {fact.location}
    assert not absent & found, (fact.title, found)
    assert {"Japan", "United States"} <= set(fact.countries)


# A space agency or force opening, activating or standing up a unit at a base is a space
# fact titled "Unit: <who>"; in an undated document it is kept, undated, with the day the
# text gives (another report of the unit may give the year: bot/kb/borrow.py).
UNITS = [
    "A U.S. Space Command opened at the Misawa Air Base on March 3 with a staff of twenty.",
    "U.S. Space Forces Japan was activated at Yokota Air Base on March 3.",
    "The U.S. Space Force stood up a new unit at Yokota Air Base on March 3.",
    "The Space Force unit was established at Yokota Air Base on March 3.",
]


@pytest.mark.parametrize("text", UNITS)
@pytest.mark.parametrize("when", [date(2025, 3, 20), None], ids=["dated", "undated"])
def test_a_unit_opened_at_a_base_is_a_space_fact(gazetteer, text, when):  # noqa: F811
    facts = [f for f in extract_document(make_doc("x", text, when), gazetteer) if f.kind == "space"]
    assert [f.title.split(":")[0] for f in facts] == ["Unit"], [f.title for f in facts]
    assert facts[0].location and facts[0].location.split()[0] in text  # the base
    if when is None:
        assert facts[0].date_start is None
        assert "3 March and no year" in facts[0].summary
    else:
        assert (facts[0].date_start, facts[0].date_precision) == ("2025-03-03", "day")


def test_two_days_written_in_an_undated_story_are_two_events(gazetteer):  # noqa: F811
    text = ("At a space conference on March 9, the U.S. Space Forces Indo-Pacific commander "
            "warned about rival satellites.\n\nA U.S. Space Command was opened at Yokota Air Base "
            "on March 3, a paper said.")
    facts = [f for f in extract_document(make_doc("x", text, None), gazetteer) if f.kind == "space"]
    assert any(f.title.startswith("Unit:") and "3 March" in f.summary for f in facts), [f.title for f in facts]


@pytest.mark.parametrize(
    "text",
    [
        "JAXA partnered with NASA at the Tsukuba Space Center on March 3.",
        "The Japan Aerospace Exploration Agency is joining with Blue Origin to build a lunar "
        "lander at the Tsukuba Space Center, the two said on March 3.",
    ],
)
def test_an_agency_working_with_another_is_not_a_unit_set_up(gazetteer, text):  # noqa: F811
    facts = [f for f in extract_document(make_doc("x", text, date(2025, 3, 20)), gazetteer) if f.kind == "space"]
    assert facts and not any(f.title.startswith("Unit") for f in facts), [f.title for f in facts]
