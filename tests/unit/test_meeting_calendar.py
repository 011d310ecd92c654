"""A story that names a calendar meeting only by who met where takes that meeting's day.

"The defense ministers ... met on Sunday in Port Alder" in a story known only to its year
(from the office-holders it names) is the calendar meeting of Port Alder, when exactly one
held day fits (bot.kb.editions.meeting_day). The gazetteer and the texts are made up for the
test, so the cases check the rule, not the shipped calendar.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.config import ConfigError
from bot.kb.documents import read_document
from bot.kb.editions import meeting_day
from bot.kb.entities import Gazetteer
from bot.kb.extract.facts import extract_document

TODAY = date(2026, 12, 2)

_COUNTRIES = """type: country
entries:
  - {id: "country:japan", name: Japan, aliases: [Japanese]}
  - {id: "country:united-states", name: United States, aliases: [U.S.]}
  - {id: "country:australia", name: Australia, aliases: [Australian]}
  - {id: "country:philippines", name: Philippines, aliases: [Philippine]}
"""
_PLACES = """type: place
entries:
  - {id: "place:port-alder", name: Port Alder, country: Australia, roles: [city]}
  - {id: "place:kestrel-bay", name: Kestrel Bay, country: United States, roles: [city]}
  - {id: "place:camp-wren", name: Camp Wren, country: United States, roles: [base]}
  - {id: "place:gull-point", name: Gull Point, country: Japan, roles: [city]}
"""
# Terms: Ikeda 2023-2024, Holloway 2021-2024 (both in office in 2023 and 2024), Brent from
# 2022, Santos from 2023, Mori 2019-2020.
_PEOPLE = """type: person
entries:
  - {id: "person:taro-ikeda", name: Taro Ikeda, weak_aliases: [Ikeda], country: Japan,
     roles: ["Minister of Defense (Sep 2023-Dec 2024)"]}
  - {id: "person:ken-mori", name: Ken Mori, weak_aliases: [Mori], country: Japan,
     roles: ["Minister of Defense (2019-2020)"]}
  - {id: "person:mark-holloway", name: Mark Holloway, weak_aliases: [Holloway], country: United States,
     roles: ["Secretary of Defense (Jan 2021-Dec 2024)"]}
  - {id: "person:ann-brent", name: Ann Brent, weak_aliases: [Brent], country: Australia,
     roles: ["Deputy Prime Minister and Minister for Defence (2022-)"]}
  - {id: "person:luis-santos", name: Luis Santos, weak_aliases: [Santos], country: Philippines,
     roles: ["Secretary of National Defense (2023-)"]}
  - {id: "person:hana-ueno", name: Hana Ueno, weak_aliases: [Ueno], country: Japan,
     roles: ["Prime Minister (2023-2025)"]}
  - {id: "person:carl-reyes", name: Carl Reyes, weak_aliases: [Reyes], country: United States,
     roles: ["President (2021-2025)"]}
"""
_FORUMS = """type: forum
entries:
  - id: forum:alder-trilateral
    name: Alder Trilateral Defense Meeting
    members: [Australia, Japan, United States]
    office: defense
    editions:
      - {year: 2023, start: 2023-10-08, end: 2023-10-08, place: Kestrel Bay}
      - {year: 2024, start: 2024-02-04, end: 2024-02-04, place: Gull Point}
      - {year: 2024, start: 2024-05-02, end: 2024-05-02, place: [Kestrel Bay, Camp Wren]}
      - {year: 2024, start: 2024-11-17, end: 2024-11-17, place: Port Alder}
  - id: forum:four-way
    name: Four-Way Defense Meeting
    members: [Australia, Japan, Philippines, United States]
    office: defense
    editions:
      - {year: 2024, start: 2024-05-02, end: 2024-05-02, place: [Kestrel Bay, Camp Wren]}
      - {year: 2024, start: 2024-05-04, end: 2024-05-04, place: Port Alder}
  - id: forum:harbor-summit
    name: Harbor Summit
    members: [Japan, United States]
    office: leaders
    editions:
      - {year: 2024, start: 2024-04-10, end: 2024-04-10, place: Kestrel Bay}
  - id: forum:kestrel-four
    name: Kestrel Four Leaders' Summit
    members: [Australia, Japan, Philippines, United States]
    office: leaders
    editions:
      - {year: 2024, start: 2024-09-18, end: 2024-09-18, place: Kestrel Bay}
"""


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    d: Path = tmp_path_factory.mktemp("gazetteer")
    (d / "countries.yaml").write_text(_COUNTRIES)
    (d / "places.yaml").write_text(_PLACES)
    (d / "people.yaml").write_text(_PEOPLE)
    (d / "forums.yaml").write_text(_FORUMS)
    return Gazetteer.load(d)


BOTH_YEARS = frozenset({2023, 2024})

CASES = [
    # (case, text, years the story's clues allow, expected day or None)
    ("two members' ministers, the venue and its weekday",
     "Defense Minister Taro Ikeda and his U.S. counterpart Mark Holloway agreed on the unit "
     "during their meeting on Sunday in Port Alder.", BOTH_YEARS, date(2024, 11, 17)),
    ("a one-day meeting needs no weekday",
     "Taro Ikeda and Mark Holloway held talks in Gull Point.", BOTH_YEARS, date(2024, 2, 4)),
    # (a press briefing of the two leaders: their own summit on that Wednesday, not the
    # four-member one there on another Wednesday, two of whose members go unnamed)
    ("the two leaders' own summit over a larger one at the venue on the same weekday",
     "Prime Minister Hana Ueno and President Carl Reyes spoke at a Kestrel Bay press briefing "
     "on Wednesday.", frozenset({2024}), date(2024, 4, 10)),
    ("two members' meetings at the venue, no weekday to choose: refused",
     "Taro Ikeda and Mark Holloway held talks in Port Alder.", BOTH_YEARS, None),
    ("the weekday is not the meeting's",
     "Taro Ikeda and Mark Holloway held talks on Friday in Port Alder.", BOTH_YEARS, None),
    ("two meetings at the venue in the years allowed: refused",
     "Taro Ikeda and Mark Holloway held talks in Kestrel Bay.", BOTH_YEARS, None),
    ("the terms choose between the years: the one meeting there in 2023 or 2024 that fits",
     "Taro Ikeda and Mark Holloway held talks on Sunday in Kestrel Bay.", BOTH_YEARS, date(2023, 10, 8)),
    ("a fourth country's minister: the four-way meeting, not the three-way one",
     "Holloway hosted Ikeda, Ann Brent and Luis Santos in Port Alder for talks.",
     frozenset({2024}), date(2024, 5, 4)),
    ("the three-way and the four-way meeting on the same day at one venue: that day",
     "Holloway hosted Ikeda, Ann Brent and Luis Santos at Camp Wren on Thursday for talks.",
     frozenset({2024}), date(2024, 5, 2)),
    ("a meeting recalled from before the story",
     "Taro Ikeda, who met Mark Holloway in Port Alder last month, spoke on Tuesday.", BOTH_YEARS, None),
    ("a plan is written before its day",
     "Mark Holloway will host Taro Ikeda for talks in Gull Point.", BOTH_YEARS, None),
    ("a plan whose sentence an initial cuts short",
     "Mark Holloway will host Minister Taro K. Ikeda of Japan on Sunday for talks in Gull Point.",
     BOTH_YEARS, None),
    ("a headline's plan", "Ikeda, Holloway to meet in Gull Point\n\nThe talks come as ties deepen.",
     BOTH_YEARS, None),
    ("only one member's office-holder named",
     "Taro Ikeda held talks in Port Alder with local officials.", BOTH_YEARS, None),
    ("the ministers were not in office on the meeting's day",
     "Ken Mori and Mark Holloway held talks in Gull Point.", frozenset(range(2019, 2025)), None),
    ("a year the clues rule out",
     "Taro Ikeda and Mark Holloway held talks in Gull Point.", frozenset({2023}), None),
    ("no meeting told at the venue",
     "Taro Ikeda and Mark Holloway both praised the harbor of Port Alder.", BOTH_YEARS, None),
]


@pytest.mark.parametrize("case,text,years,expected", CASES, ids=[c[0] for c in CASES])
def test_who_met_where_dates_the_meeting(gaz, case, text, years, expected):
    got = meeting_day(text, gaz, years, TODAY)
    assert (got[0] if got else None) == expected, got


DOCS = [
    # (case, text, the document's date and precision, words in its note)
    ("a year-only story takes the meeting's day and says why",
     "Unit confirmed\n\nJapan's Defense Minister Ikeda and U.S. Defense Secretary Holloway "
     "reaffirmed the plan during their meeting on Sunday in Port Alder.\n",
     (date(2024, 11, 17), "day"), "Alder Trilateral Defense Meeting in Port Alder"),
    ("two fitting days leave the story at its year",
     "Unit confirmed\n\nJapan's Defense Minister Ikeda and U.S. Defense Secretary Holloway "
     "reaffirmed the plan during their meeting in Kestrel Bay.\n",
     (date(2024, 1, 1), "year"), "year 2024"),
]


@pytest.mark.parametrize("case,text,expected,note", DOCS, ids=[c[0] for c in DOCS])
def test_the_document_date_follows_the_meeting(gaz, case, text, expected, note):
    doc = read_document("story.txt", text, gaz, today=TODAY)
    assert (doc.date, doc.date_precision) == expected, doc.date_note
    assert note in doc.date_note


def test_a_later_weekday_in_the_story_falls_after_the_meeting(gaz):
    doc = read_document(
        "story.txt",
        "Talks held\n\nDefense Minister Ikeda and Defense Secretary Holloway met on Sunday in "
        "Port Alder.\n",
        gaz, today=TODAY)
    assert doc.weekdays_after == date(2024, 11, 16)


def test_a_venue_calendar_does_not_date_a_year_known_meeting_elsewhere(gaz):
    """The venue calendar lists the meetings of its places, not every one of the year: a
    Harbor Summit known only to 2024 and held elsewhere keeps its year."""
    doc = read_document("m.md", "---\ntitle: Summit\ndate: 2025-01-20\n---\n\nJapan and the "
                        "United States held a Harbor Summit in Port Alder in 2024.\n", gaz)
    facts = [f for f in extract_document(doc, gaz) if f.kind == "meeting"]
    assert facts and all(f.date_precision == "year" for f in facts), [(f.title, f.date_start) for f in facts]


@pytest.mark.parametrize("row,error", [
    ("{id: 'forum:x', name: X, members: [Japan]}", "members and office go together"),
    ("{id: 'forum:x', name: X, members: [Japan, Atlantis], office: defense}", "unknown country"),
    ("{id: 'forum:x', name: X, members: [Japan], office: sports}", "expected one of"),
    ("{id: 'forum:x', name: X, members: [Japan], office: defense, editions: "
     "[{year: 2024, start: 2024-05-02, end: 2024-05-02, place: Atlantis}]}", "unknown place"),
])
def test_a_bad_meeting_identity_is_a_config_error(tmp_path, row, error):
    (tmp_path / "countries.yaml").write_text(_COUNTRIES)
    (tmp_path / "forums.yaml").write_text(f"type: forum\nentries:\n  - {row}\n")
    with pytest.raises(ConfigError, match=error):
        Gazetteer.load(tmp_path)
