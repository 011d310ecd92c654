"""Which facts lead the digest: the ordering rule of bot/headlines.py, criterion by criterion."""

from __future__ import annotations

import pytest

from bot.digest.headlines import (
    LEADER,
    MINISTER,
    OFFICIAL,
    headlines,
    person_tier,
    role_tier,
    significance,
)
from bot.kb.entities import Entity, default_gazetteer
from bot.kb.model import Fact, Source


def fact(fid, *, people=(), countries=("Japan", "United States"), docs=1, text="", start="2024-05-29",
         title=None):
    sources = [Source(f"doc-{i}.txt", f"Doc {i}", "q", [0, 1]) for i in range(docs)]
    return Fact(id=fid, kind="meeting", title=title or f"Meeting {fid}", summary=text, date_start=start,
                date_end=None, date_precision="day", participants=list(people), countries=list(countries),
                location=None, doc_id="doc-0.txt", doc_title="Doc 0", quote=text, span=[0, 1], sources=sources)


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.mark.parametrize("post, tier", [
    ("Prime Minister", LEADER),
    ("President", LEADER),
    ("President of France", LEADER),
    ("Chancellor of Germany", LEADER),
    ("President of the European Commission", LEADER),
    ("President of JAXA", OFFICIAL),  # heads an agency, not a state
    ("President of JICA", OFFICIAL),
    ("President of the Republic of Korea", LEADER),
    ("Prime Minister of the Netherlands", LEADER),
    ("Minister of Defense", MINISTER),
    ("Minister for Foreign Affairs", MINISTER),
    ("Secretary of State", MINISTER),
    ("Deputy Prime Minister and Minister for Defence", MINISTER),
    ("Secretary General of NATO", MINISTER),
    ("Secretary of the Air Force", OFFICIAL),
    ("Deputy Secretary of State", OFFICIAL),
    ("Vice-Minister for Foreign Affairs", OFFICIAL),
    ("First Vice Minister of Foreign Affairs", OFFICIAL),
    ("Commander, U.S. Indo-Pacific Command", OFFICIAL),
    ("Chairman of the Joint Chiefs of Staff", OFFICIAL),
])
def test_role_tiers(gaz, post, tier):
    assert role_tier(post, gaz) == tier


@pytest.mark.parametrize("roles, year, tier", [
    (("Prime Minister (2021-2024)", "Minister for Foreign Affairs (2012-2017)"), 2024, LEADER),
    (("Prime Minister (2021-2024)", "Minister for Foreign Affairs (2012-2017)"), 2015, MINISTER),
    (("Prime Minister (2021-2024)",), 2019, OFFICIAL),  # between posts: a known figure only
    (("Prime Minister (2006-2007, 2012-2020)",), 2013, LEADER),
    (("Minister of Defense (2014-2016, 2024-2025)",), 2020, OFFICIAL),
    (("Minister of Defense (2014-2016, 2024-2025)",), 2025, MINISTER),
    (("Prime Minister (2025-)",), 2030, LEADER),  # open-ended
    (("President of JAXA (from 2018)",), 2024, OFFICIAL),
    (("Prime Minister of Singapore",), 1990, LEADER),  # no years: always
])
def test_a_person_counts_with_the_post_held_in_the_year_of_the_fact(gaz, roles, year, tier):
    from datetime import date

    person = Entity("person:x", "person", "X", roles=roles)
    assert person_tier(person, date(year, 6, 1), gaz) == tier


# Each case: facts in any order -> the expected headline order. One criterion decides each.
CASES = [
    ("more reporting documents first",
     [fact("one", people=["Fumio Kishida"]), fact("three", docs=3)], ["three", "one"]),
    ("a leader before ministers",
     [fact("ministers", people=["Yoko Kamikawa", "Minoru Kihara"]),
      fact("leader", people=["Fumio Kishida", "Samuel Paparo"])], ["leader", "ministers"]),
    ("ministers before commanders and officials",
     [fact("officials", people=["Kurt Campbell", "Samuel Paparo", "Masataka Okano"]),
      fact("minister", people=["Minoru Kihara"])], ["minister", "officials"]),
    ("a leader with ministers before a leader alone",
     [fact("alone", people=["Fumio Kishida"]), fact("with", people=["Fumio Kishida", "Yoko Kamikawa"])],
     ["with", "alone"]),
    ("known officials before unknown names",
     [fact("unknown", people=["Somebody Nobody"]), fact("official", people=["Samuel Paparo"])],
     ["official", "unknown"]),
    ("a first before a routine meeting",
     [fact("routine", text="They met again."), fact("first", text="They held the inaugural dialogue.")],
     ["first", "routine"]),
    ("a title 'First Vice Minister' is not a first",
     [fact("title", text="First Vice Minister Kim met them.", start="2024-05-28"),
      fact("plain", text="They met.", start="2024-05-29")], ["title", "plain"]),
    ("multilateral before bilateral",
     [fact("bilateral"), fact("trilateral", countries=("Japan", "United States", "South Korea"))],
     ["trilateral", "bilateral"]),
    ("seniority outranks reach",
     [fact("trilateral", people=["Kurt Campbell"], countries=("Japan", "United States", "South Korea")),
      fact("leader", people=["Fumio Kishida"])], ["leader", "trilateral"]),
    ("ties go to the earlier date",
     [fact("later", start="2024-05-31"), fact("earlier", start="2024-05-28")], ["earlier", "later"]),
]


@pytest.mark.parametrize("why, facts, order", CASES, ids=[c[0] for c in CASES])
def test_headline_order(gaz, why, facts, order):
    assert [f.id for f, _ in headlines(facts, gaz)] == order
    assert [f.id for f, _ in headlines(list(reversed(facts)), gaz)] == order


def test_at_most_five_headlines_with_their_reasons(gaz):
    facts = [fact(f"m{i}", start=f"2024-05-2{i}") for i in range(8)]
    facts.append(fact("top", people=["Fumio Kishida", "Yoko Kamikawa"], docs=2, text="the first visit",
                      start="2024-05-30"))
    top = headlines(facts, gaz)
    assert len(top) == 5 and top[0][0].id == "top"
    sig = top[0][1].to_json()
    assert sig["documents"] == 2 and sig["seniority"] == ["leader", "minister"] and sig["first"]
    assert sig["reasons"][0] == "reported in 2 documents"
    assert "Fumio Kishida (leader)" in sig["reasons"][1]


def test_without_a_gazetteer_seniority_is_unknown_not_an_error():
    sig = significance(fact("x", people=["Fumio Kishida"]))
    assert sig.seniority == () and sig.documents == 1
