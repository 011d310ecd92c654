"""What an analyst notices at a glance: the venue, the parties and the title of a fact.

Each case is a shape found on real texts (issue 11 QA), written here in the same shape.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.kb.extract.facts import _well_formed, extract_document
from tests.unit.test_facts import gazetteer, make_doc  # noqa: F401

WHEN = date(2024, 4, 12)

# (case, text, location the fact must have (None: none), words the title must not carry)
VENUES = [
    (
        "a building named after 'at the' beats a region named in the purpose clause",
        "Prime Minister Fumio Kishida met President Joe Biden at the White House on Thursday "
        "to talk about stability in the Indo-Pacific.",
        "the White House",
        ["indo-pacific"],
    ),
    (
        "a region named with its article is the theater, not the venue",
        "Defense Minister Minoru Kihara held talks with Defense Secretary Lloyd Austin on "
        "Thursday about deterrence in the Indo-Pacific.",
        None,
        ["indo-pacific"],
    ),
    (
        "a place in a possessive is a modifier, not the venue",
        "Prime Minister Fumio Kishida met President Joe Biden on Thursday, days after ships "
        "sailed near Beijing's claimed waters.",
        None,
        ["beijing"],
    ),
    (
        "'tensions over X' is what the text is about, not where",
        "Defense Minister Minoru Kihara met Defense Secretary Lloyd Austin on Thursday amid "
        "tensions over Taiwan.",
        None,
        ["taiwan"],
    ),
    (
        "an exercise's own name is never its venue",
        "Japanese and U.S. troops began the command post drill on Monday in Exercise Yama "
        "Sakura, held every year.",
        None,
        ["in exercise"],
    ),
]


@pytest.mark.parametrize(
    "text,location,absent", [c[1:] for c in VENUES], ids=[c[0] for c in VENUES]
)
def test_the_venue_is_where_the_event_happened(gazetteer, text, location, absent):  # noqa: F811
    facts = extract_document(make_doc("venue", text, WHEN), gazetteer)
    assert facts, "the event itself is still reported"
    for f in facts:
        assert f.location == location, (f.title, f.location)
        assert not any(w in f.title.lower() for w in absent), f.title


# (case, text, forum the title must not name)
NOT_THE_FORUM = [
    (
        "a meeting to prepare a forum",
        "Foreign Minister Yoko Kamikawa met Secretary of State Antony Blinken on Monday to "
        "prepare the Security Consultative Committee meeting.",
        "security consultative committee",
    ),
    (
        "a meeting ahead of a forum",
        "Foreign Minister Yoko Kamikawa met Secretary of State Antony Blinken on Monday ahead "
        "of the Security Consultative Committee.",
        "security consultative committee",
    ),
]


@pytest.mark.parametrize(
    "text,forum", [c[1:] for c in NOT_THE_FORUM], ids=[c[0] for c in NOT_THE_FORUM]
)
def test_a_meeting_preparing_a_forum_is_not_that_forum(gazetteer, text, forum):  # noqa: F811
    (fact,) = extract_document(make_doc("prep", text, WHEN), gazetteer)
    assert forum not in fact.title.lower(), fact.title
    assert {"Kamikawa", "Blinken"} <= {p.split()[-1] for p in fact.participants}


# (case, text, forces that take part, a country that is no party)
BYSTANDERS = [
    (
        "a force watching the drill",
        "The Japan Maritime Self-Defense Force and the U.S. Navy held a joint exercise on "
        "Monday, which the People's Liberation Army monitored closely.",
        {"Japan Maritime Self-Defense Force", "U.S. Navy"},
        "China",
    ),
    (
        "the other side of a dispute in a commentary clause",
        "The Japan Maritime Self-Defense Force and the U.S. Navy held a joint exercise on "
        "Monday amid tensions over Taiwan with the People's Liberation Army.",
        {"Japan Maritime Self-Defense Force", "U.S. Navy"},
        "Taiwan",
    ),
]


@pytest.mark.parametrize(
    "text,forces,absent", [c[1:] for c in BYSTANDERS], ids=[c[0] for c in BYSTANDERS]
)
def test_a_force_reacting_to_a_drill_takes_no_part(gazetteer, text, forces, absent):  # noqa: F811
    (fact,) = extract_document(make_doc("drill", text, WHEN), gazetteer)
    assert set(fact.participants) == forces, fact.participants
    assert "People's Liberation Army" not in fact.title, fact.title
    assert absent not in fact.countries and "China" not in fact.countries, fact.countries


# (case, text, words the title must carry)
TITLES = [
    (
        "a trigger ending in a preposition takes its object",
        "Japan's Ground Self-Defense Force conducted the first offshore firing of its Type 12 "
        "missile on Monday at a range in Hokkaido.",
        ["firing of type 12 missile"],
    ),
    (
        "a trigger ending in a preposition with no object drops it",
        "Japan's Ground Self-Defense Force conducted the first offshore firing of, it said, "
        "a new missile on Monday.",
        ["firing"],
    ),
]


@pytest.mark.parametrize("text,words", [c[1:] for c in TITLES], ids=[c[0] for c in TITLES])
def test_a_title_is_well_formed(gazetteer, text, words):  # noqa: F811
    (fact,) = extract_document(make_doc("title", text, WHEN), gazetteer)
    title = fact.title.lower()
    assert all(w in title for w in words), fact.title
    assert not re.search(r"\b(?:of|to|for|with|by|from|at|in|on)\s*(?:\(|$)", title), fact.title
    assert "()" not in title, fact.title


# (case, text, number of facts: a one-country meeting is kept only with another side)
ONE_COUNTRY = [
    (
        "two officials of one country discussing the other's astronaut",
        "NASA Administrator Bill Nelson met NASA Deputy Administrator Pam Melroy on Tuesday "
        "in Washington to discuss the Japanese astronaut's lunar mission.",
        0,
    ),
    (
        "two officials of one country with the other country at the table",
        "NASA Deputy Administrator Pam Melroy and Administrator Bill Nelson met representatives "
        "of Japan on Tuesday in Washington to discuss a lunar mission.",
        1,
    ),
]


@pytest.mark.parametrize("text,n", [c[1:] for c in ONE_COUNTRY], ids=[c[0] for c in ONE_COUNTRY])
def test_a_one_country_meeting_is_no_alliance_fact(gazetteer, text, n):  # noqa: F811
    facts = extract_document(make_doc("one", text, WHEN), gazetteer)
    assert len(facts) == n, [f.title for f in facts]


# (case, text, the start of the quote)
QUOTES = [
    (
        "a newsletter label before the body sentence",
        "Corps Roundup: Iron Fist 23\n\nU.S. Marines and the Japan Ground Self-Defense Force "
        "began Exercise Iron Fist 23 on Monday in California.",
        "U.S. Marines",
    ),
    (
        "a photo caption marker",
        "[1/3] Exercise Iron Fist 23 begins in California\n\nU.S. Marines and the Japan Ground "
        "Self-Defense Force began Exercise Iron Fist 23 on Monday in California.",
        "U.S. Marines",
    ),
    (
        "a headline is kept when nothing else states the event",
        "Exercise Iron Fist 23 begins in California on Monday\n\nThe weather was mild.",
        "Exercise Iron Fist 23",
    ),
]


@pytest.mark.parametrize("text,start", [c[1:] for c in QUOTES], ids=[c[0] for c in QUOTES])
def test_the_quote_is_a_sentence_stating_the_event(gazetteer, text, start):  # noqa: F811
    doc = make_doc("quote", text, WHEN)
    facts = extract_document(doc, gazetteer)
    assert facts
    for f in facts:
        assert f.quote.startswith(start), f.quote
        assert f.sources[0].quote == f.quote == doc.text[f.span[0] : f.span[1]]


@pytest.mark.parametrize(
    "built,title",
    [
        ("First offshore firing of (JGSDF)", "First offshore firing (JGSDF)"),
        ("Space Forces Korea was: Space Forces Korea", "Space Forces Korea"),
        ("Kishida meets Biden ()", "Kishida meets Biden"),
        ("Talks with", "Talks"),
        ("Kishida meets Biden in Tokyo (planned)", "Kishida meets Biden in Tokyo (planned)"),
    ],
)
def test_a_built_title_never_dangles(built, title):
    assert _well_formed(built) == title
