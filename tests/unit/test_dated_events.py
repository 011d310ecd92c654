"""The shipped gazetteer's dated events date a yearless story that reports one.

Missile test firings, space launches and landings, and strategy documents' release days are
listed under `dated:` in config/gazetteer/programs.yaml, a crewed mission's splashdown under
`returned:` and its docking under `docked:` (its astronauts, named in its roles, tell them too). A story that names one with a verb of
its kind (fired, launched or landed, released or adopted) and a weekday, a yearless day or
"last month" is dated from it; a weekday none of the events fell on, a name without such a
verb, or a verb of another kind dates nothing. The texts are written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.kb.documents import read_document
from bot.kb.editions import dated_event_day
from bot.kb.entities.gazetteer import default_gazetteer

TODAY = date(2026, 12, 2)

STORIES = [
    # (case, text, date or None, precision)
    ("an ICBM's firing weekday next to its name",
     "Missile alert\n\nThe ministry said a Hwasong-19 was test-fired on Thursday and flew for over an hour.",
     date(2024, 10, 31), "day"),
    ("the type fired twice: the weekday picks the firing",
     "Missile alert\n\nState media said the Hwasong-15 was fired on Saturday from the capital's airport.",
     date(2023, 2, 18), "day"),
    ("a landing told from across the date line: the day before in Japan",
     "Moon lander\n\nThe SLIM probe touched down on Friday afternoon, Eastern time, the agency said.",
     date(2024, 1, 19), "day"),
    ("a launch's weekday",
     "Moon flight\n\nThe uncrewed Artemis I mission lifted off on Wednesday from Florida.",
     date(2022, 11, 16), "day"),
    ("a yearless day that is the launch day",
     "Telescope in orbit\n\nXRISM was launched on September 7 together with a small lunar lander.",
     date(2023, 9, 7), "day"),
    ("documents adopted on a weekday",
     "Security policy\n\nThe cabinet approved the Defense Buildup Program on Friday with two other papers.",
     date(2022, 12, 16), "day"),
    ("a document released 'last month': the month after its release",
     "Security policy\n\nAllies welcomed the Defense Buildup Program released last month.",
     date(2023, 1, 1), "month"),
    ("a firing on a weekday none of the type's firings fell on: undated",
     "Missile alert\n\nA Hwasong-17 was fired on Tuesday, officials said.", None, None),
    ("named without a verb of its event: undated",
     "Missile alert\n\nAnalysts discussed the Hwasong-19 at a seminar on Thursday.", None, None),
    ("a document named beside a missile firing: the firing does not date the document",
     "Security policy\n\nThe Defense Buildup Program was debated as a missile was fired on Friday.",
     None, None),
    ("a satellite's launch on a rocket flown on two Sundays: the satellite's Sunday",
     "Navigation satellite\n\nMichibiki No. 6 lifted off on Sunday aboard an H3 rocket from the island.",
     date(2025, 2, 2), "day"),
    ("a name released on three Fridays beside one released on one of them: that Friday",
     "Security policy\n\nThe cabinet adopted the National Defense Strategy and the Defense Buildup "
     "Program on Friday.", date(2022, 12, 16), "day"),
    ("a name released on three Fridays alone: undated",
     "Security policy\n\nThe National Defense Strategy was released on Friday.", None, None),
    ("a rocket's flight named by its number",
     "Rocket flight\n\nThe No. 2 H3 rocket lifted off on Saturday morning with a dummy payload.",
     date(2024, 2, 17), "day"),
    ("a rocket that flies every few months, without its flight number: undated",
     "Rocket flight\n\nThe H3 rocket lifted off on Tuesday carrying a satellite.", None, None),
    ("an astronaut's capsule that returned to Earth on a weekday: the mission's splashdown",
     "Astronaut home\n\nA SpaceX ship carrying Japan's Soichi Noguchi and three American astronauts "
     "returned to Earth on Sunday.\n\nIt was launched in November from the Kennedy Space Center.",
     date(2021, 5, 2), "day"),
    ("a mission named with its splashdown's weekday: the return, not the launch",
     "Crew home\n\nThe four astronauts of Crew-5 splashed down off Florida on Saturday night.",
     date(2023, 3, 11), "day"),
    ("an astronaut who 'arrived at the International Space Station Monday': the docking, not the launch",
     "Crew arrives\n\nJAXA astronaut Soichi Noguchi arrived at the International Space Station Monday, "
     "as the SpaceX Crew Dragon docked to the complex at 11:01 p.m. EST.",
     date(2020, 11, 16), "day"),
    ("a crew that docked on a weekday none of its days fell on: undated",
     "Crew arrives\n\nThe Crew-7 spacecraft docked with the station on Thursday.", None, None),
    ("an astronaut's homecoming on a weekday none of the returns fell on: undated",
     "Astronaut home\n\nSoichi Noguchi returned to Earth on Thursday.", None, None),
    ("a crew 'lifting off' on a weekday, beside the astronaut's stay years before",
     "Back in space\n\nThe Crew-11 team flew for nearly 15 hours after lifting off from Florida on "
     "Friday local time.\n\nKimiya Yui previously stayed at the ISS between July and December 2015.",
     date(2025, 8, 1), "day"),
    ("astronauts who 'headed to the International Space Station' on a weekday: their launch",
     "Back in space\n\nA team of astronauts headed to the International Space Station aboard a "
     "SpaceX craft on Friday, marking the second space flight for Japanese astronaut Kimiya Yui.",
     date(2025, 8, 1), "day"),
    # a launch days ahead is no day the story reports, only the year it is held in
    ("a plan dates only its year",
     "Rocket flight\n\nThe HTV-X1 will launch on Sunday from the island.", date(2025, 1, 1), "year"),
    ("a plan without its day dates nothing",
     "Rocket flight\n\nThe HTV-X1 will launch from the island.", None, None),
]


@pytest.mark.parametrize("case,text,when,precision", STORIES, ids=[c[0] for c in STORIES])
def test_a_yearless_story_is_dated_by_the_event_it_reports(case, text, when, precision):
    doc = read_document("d.txt", text, gazetteer=default_gazetteer(), today=TODAY)
    assert doc.date == when, doc.date_note
    assert doc.date_precision == precision
    if when is not None:
        assert "gazetteer dated events" in doc.date_note


def test_an_event_after_today_dates_nothing():
    # The same story read before the firing happened cannot be of it.
    text = "The ministry said a Hwasong-19 was test-fired on Thursday."
    assert dated_event_day(text, default_gazetteer(), date(2024, 10, 1)) is None
    assert dated_event_day(text, default_gazetteer(), TODAY)[0] == date(2024, 10, 31)


def test_the_shipped_gazetteer_dates_each_kind_of_event():
    dated = [e for e in default_gazetteer().by_type("program") if e.dated]
    roles = " ".join(r for e in dated for r in e.roles).lower()
    assert len(dated) >= 20
    for kind in ("missile", "satellite", "rocket launch", "mission", "strategy document"):
        assert kind in roles
