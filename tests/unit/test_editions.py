"""Dating a yearless exercise story from the alliance calendar (gazetteer `editions:`).

The calendar is the made-up one of tests/calendar_gazetteer.py, so the tests check the rule,
not the shipped data.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.config import ConfigError
from bot.kb.editions import edition_clues
from bot.kb.entities import Gazetteer
from tests import calendar_gazetteer

TODAY = date(2026, 1, 15)

CASES = [
    # (case, text, years, words the reason must hold)
    ("starts on the first day of one edition only",
     "On June 7 the allies gathered near the islands as Iron Lantern begins.", {2024}, ["Iron Lantern 2024", "7-18 June"]),
    ("a day inside two editions: the one it starts or ends on wins",
     "Blue Heron drills will run from Monday to May 9 across the northern provinces.", {2025}, ["'May 9'"]),
    ("a day inside an edition's window",
     "Sailors trained at sea on June 12 during Iron Lantern.", {2020, 2022, 2024}, ["June 12"]),
    ("an ordinal of the series",
     "The three navies held their first trilateral multidomain exercise, Tri Edge, which began Thursday.", {2024}, ["1st edition"]),
    ("a numbered ordinal",
     "Blue Heron, now in its 39th iteration, opened with a ceremony.", {2024}, ["39th edition"]),
    ("a number the gazetteer knows",
     "Snow Bell 87 opened at the camp with three armies.", {2024}, ["Snow Bell 87"]),
    ("the host settles a day near two editions",
     "TOKYO, November 10 -- Quiet Harbor began off the coast today, hosted by the JMSDF.", {2022}, ["hosted by Japan"]),
    ("a stated weekday must agree with the edition's year",
     "Iron Lantern forces moved on Monday, June 8.", {2020}, ["June 8"]),
    ("an earlier edition in past tense: the next one after it",
     "Troops fired rockets in Southern Cross for a second time, after first doing so in 2023.", {2025}, ["after 2023"]),
    ("an earlier edition alone: any later edition, the dater takes the latest",
     "Southern Cross drew more nations than the edition held in 2021.", {2023, 2025}, ["after 2021"]),
    ("a year written with the edition's plans is this edition",
     "Iron Lantern's aims in 2024 will be to test long-range fires near the islands on June 7.", {2024}, ["Iron Lantern 2024"]),
    ("a year in the edition's name is not an earlier edition",
     "Southern Cross 2023 opened with a ceremony.", {2023}, ["Southern Cross 2023 ran"]),
    ("a month-precision edition",
     "The Paper Crane staff drill ran through Nov. 3 at the depot.", {2023}, ["Paper Crane 2023"]),
    ("a yearless span covering most of one edition, though its first day is off it",
     "The Blue Heron drills are taking place between April 5 and late April, a spokesman said.",
     {2023}, ["Blue Heron 2023", "April 5 and late April"]),
    ("a dated caption is the picture's, and 'last year' names no year: the text's days decide",
     "Sailors line up during Iron Lantern near the islands, June 10, 2022. (Jo Roe/Navy)\n\n"
     "On June 7 the allies gathered as Iron Lantern begins.\n\nLast year, 500 sailors took part "
     "in Iron Lantern.", {2024}, ["Iron Lantern 2024"]),
]


@pytest.mark.parametrize("case,text,years,words", CASES, ids=[c[0] for c in CASES])
def test_a_named_exercise_with_a_yearless_day_gets_its_editions_years(calendar_gaz, case, text, years, words):
    clues = edition_clues(text, calendar_gaz, TODAY)
    assert len(clues) == 1, clues
    reason, got = clues[0]
    assert got == years
    assert "gazetteer editions" in reason
    for w in words:
        assert w in reason


NO_CLUE = [
    ("no edition holds the day", "On March 3 officials met in the capital; Iron Lantern came up."),
    ("the text writes its year: the stated year wins", "On June 7, 2022, Iron Lantern began near the islands."),
    ("an exercise with no day, number or ordinal", "Iron Lantern is held every two years."),
    ("'for the first time' is a participant's first, not the series'",
     "Ruritania will take part in Iron Lantern for the first time."),
    ("no exercise named", "On June 7 the ministers met in the capital."),
    ("an edition that has not begun by today", "Snow Bell 89 opens with a ceremony on Dec. 1."),
]


@pytest.mark.parametrize("case,text", NO_CLUE, ids=[c[0] for c in NO_CLUE])
def test_no_clue_when_the_calendar_says_nothing(calendar_gaz, case, text):
    assert edition_clues(text, calendar_gaz, TODAY) == []


def test_no_gazetteer_no_clue():
    assert edition_clues("On June 7 Iron Lantern begins.", None, TODAY) == []


BROKEN = [
    ("editions on a country", "country", "  - id: country:japan\n    name: Japan\n    editions: [{year: 2024, start: 2024-06-07, end: 2024-06-18}]\n",
     "only exercises"),
    ("a day not in ISO form", "exercise", "  - id: exercise:x\n    name: X Drill\n    editions: [{year: 2024, start: June 7, end: 2024-06-18}]\n",
     "expected an ISO date"),
    ("end before start", "exercise", "  - id: exercise:x\n    name: X Drill\n    editions: [{year: 2024, start: 2024-06-18, end: 2024-06-07}]\n",
     "ends before it starts"),
    ("year off its dates", "exercise", "  - id: exercise:x\n    name: X Drill\n    editions: [{year: 2023, start: 2024-06-07, end: 2024-06-18}]\n",
     "neither the start's nor the end's year"),
    ("unknown host", "exercise", "  - id: exercise:x\n    name: X Drill\n    editions: [{year: 2024, start: 2024-06-07, end: 2024-06-18, host: Atlantis}]\n",
     "unknown country 'Atlantis'"),
    ("unknown key", "exercise", "  - id: exercise:x\n    name: X Drill\n    editions: [{year: 2024, start: 2024-06-07, end: 2024-06-18, venue: Guam}]\n",
     "unknown key"),
    ("out of order", "exercise", "  - id: exercise:x\n    name: X Drill\n    editions:\n"
     "      - {year: 2024, start: 2024-06-07, end: 2024-06-18}\n      - {year: 2022, start: 2022-06-06, end: 2022-06-17}\n",
     "oldest first"),
]


@pytest.mark.parametrize("case,type_,entries,message", BROKEN, ids=[c[0] for c in BROKEN])
def test_a_broken_edition_fails_naming_file_and_key(tmp_path, case, type_, entries, message):
    directory = calendar_gazetteer.write(tmp_path / "gazetteer", exercises="type: exercise\nentries:\n" + (entries if type_ == "exercise" else ""))
    if type_ == "country":
        (directory / "countries.yaml").write_text(calendar_gazetteer.COUNTRIES + entries.replace("country:japan", "country:nippon").replace("Japan", "Nippon"))
    with pytest.raises(ConfigError) as err:
        Gazetteer.load(directory)
    assert message in str(err.value)
    assert "editions" in str(err.value)


def test_an_impossible_day_fails_naming_the_file(tmp_path):
    directory = calendar_gazetteer.write(tmp_path / "gazetteer", exercises="type: exercise\nentries:\n  - id: exercise:x\n"
                       "    name: X Drill\n    editions: [{year: 2024, start: 2024-13-07, end: 2024-06-18}]\n")
    with pytest.raises(ConfigError, match="not valid YAML") as err:
        Gazetteer.load(directory)
    assert "exercises.yaml" in str(err.value)


def test_the_shipped_calendar_loads_with_editions():
    """The shipped exercises carry editions; the loader has checked every one."""
    shipped = Gazetteer.load()
    dated = [e for e in shipped.by_type("exercise") if e.editions]
    assert len(dated) >= 5
    for ent in dated:
        assert [ed.start for ed in ent.editions] == sorted(ed.start for ed in ent.editions)


DOCUMENTS = [
    # (case, text, date, precision or None)
    ("a yearless dateline placed by the edition that began that day",
     "Tokyo, June 7 (Jiji Press)--Iron Lantern begins near the islands today, the ministry said.",
     date(2024, 6, 7), "day"),
    ("a story with no dateline: the edition's year",
     "Iron Lantern drills near the islands\n\nOn June 7 the allies gathered as Iron Lantern begins.",
     date(2024, 6, 7), "day"),
    ("the stated year wins over the calendar",
     "Iron Lantern drills near the islands\n\nIron Lantern began near the islands on June 7, 2022.",
     date(2022, 6, 7), "day"),
    ("no edition holds the day: still undated",
     "Talks in the capital\n\nOn March 3 officials met in the capital and discussed Iron Lantern.",
     None, None),
]


@pytest.mark.parametrize("case,text,when,precision", DOCUMENTS, ids=[c[0] for c in DOCUMENTS])
def test_the_document_dater_weighs_the_calendar(calendar_gaz, case, text, when, precision):
    from bot.kb.documents import read_document

    doc = read_document("d.txt", text, gazetteer=calendar_gaz, today=TODAY)
    assert doc.date == when, doc.date_note
    assert doc.date_precision == precision
    if when is not None and "2022" not in text:
        assert "gazetteer editions" in doc.date_note


# An event the gazetteer dates (`dated:`) anchors a yearless story that reports it.
# Lark-3 was launched on Sunday 10 March 2024, Lark-4 on Sunday 9 March 2025; Kestrel-9 fired on
# Thursday 13 April, Wednesday 12 July and Monday 18 December 2023; the Harbor Posture Review was
# released on 27 November 2023.
LAUNCHES = [
    # (case, text, date or None)
    ("the launch's weekday: that day",
     "Relay satellite in orbit\n\nThe satellite, called Lark No. 3, lifted off from the coast on Sunday "
     "with a hosted sensor aboard.", date(2024, 3, 10)),
    ("the day before, told from across the date line",
     "Relay satellite in orbit\n\nLark-3 launched Saturday evening, Washington time, the agency said.",
     date(2024, 3, 9)),
    ("a yearless date that is the launch day",
     "Relay satellite in orbit\n\nLark-4 was launched on March 9 from the coast.", date(2025, 3, 9)),
    ("another weekday: not that launch",
     "Relay satellite in orbit\n\nLark-3 launched on Tuesday, officials said.", None),
    # (a plan anchors no day: its launch's year only, test_dated_events.py)
    ("a plan anchors nothing",
     "Relay satellite ready\n\nLark-3 will launch from the coast.", None),
    ("named without its launch: no anchor",
     "Relay satellite data\n\nData from Lark-3 reached users on Sunday.", None),
    ("one of a missile's firings, by the weekday told next to its name",
     "Navies drill\n\nThe drill came amid tension this year, after the firing of a Kestrel-9 missile "
     "last Wednesday, an agency reported on Sunday.", date(2023, 7, 12)),
    ("a review released 'last month': the month after its release",
     "Ministers talk\n\nThe minister welcomed the Harbor Posture Review released last month.",
     date(2023, 12, 1)),
    ("a weekday none of its firings fell on (nor the day before): no anchor",
     "Navies drill\n\nThe drill came after the firing of a Kestrel-9 missile last Saturday.", None),
]


@pytest.mark.parametrize("case,text,when", LAUNCHES, ids=[c[0] for c in LAUNCHES])
def test_a_yearless_story_reporting_a_known_launch_takes_its_day(calendar_gaz, case, text, when):
    from bot.kb.documents import read_document

    doc = read_document("d.txt", text, gazetteer=calendar_gaz, today=TODAY)
    assert doc.date == when, doc.date_note
    if when is not None:
        assert doc.date_precision == ("month" if "last month" in text else "day")
        assert "gazetteer dated events" in doc.date_note


def test_only_a_program_has_dated_events(tmp_path):
    bad = calendar_gazetteer.EXERCISES + "    dated: 2024-03-10\n"
    with pytest.raises(ConfigError, match="dated"):
        Gazetteer.load(calendar_gazetteer.write(tmp_path / "g", bad))


@pytest.mark.parametrize("field", ["returned: 2023-12-01", "docked: 2023-11-28"])
def test_a_mission_that_returned_or_docked_was_launched(tmp_path, field):
    directory = calendar_gazetteer.write(tmp_path / "g")
    programs = directory / "programs.yaml"
    programs.write_text(calendar_gazetteer.PROGRAMS.replace(
        "    roles: [review]\n", f"    roles: [review]\n    {field}\n"
    ).replace("    dated: 2023-11-27\n", ""))
    key = field.split(":")[0]
    with pytest.raises(ConfigError, match=f"{key}.*give its `dated:` too"):
        Gazetteer.load(directory)
