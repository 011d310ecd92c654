"""What one fact merged from several documents says: the finest place any source gives, and
the names each source calls the event by (issue 11). Texts written for the test in the
shapes real readouts and wire stories use."""

from __future__ import annotations

from datetime import date

import pytest

from bot.kb.extract.facts import extract_document
from bot.kb.merge import merge_facts
from tests.unit.test_facts import gazetteer, make_doc  # noqa: F401

# (case, kind, [(document date, text)], words the merged fact's title must carry,
#  words its summary must carry, its location)
CASES = [
    (
        "a country in one report and the city in another",
        "meeting",
        [
            (
                date(2024, 11, 17),
                "Defense Minister Gen Nakatani and Defense Secretary Lloyd Austin held talks in "
                "Australia on November 17, 2024.",
            ),
            (
                date(2024, 11, 18),
                "The ministry said Defense Minister Gen Nakatani and Lloyd Austin, his American "
                "counterpart, met in Darwin, northern Australia, on Sunday.",
            ),
        ],
        ["darwin"],
        [],
        "Darwin",
    ),
    (
        "a joint patrol that another story calls by its name",
        "exercise",
        [
            (
                date(2025, 3, 30),
                "On March 28, JS Noshiro, USS Shoup and BRP Jose Rizal sailed in company on a "
                "joint patrol in the South China Sea.",
            ),
            (
                date(2025, 3, 29),
                "Navies of the Philippines, Japan and the United States held a Maritime "
                "Cooperative Activity (MCA) in the West Philippine Sea on Friday.",
            ),
        ],
        [],
        ["maritime cooperative activity", "joint patrol"],
        None,
    ),
    (
        "an agreement signed, named by one source only",
        "space",
        [
            (
                date(2023, 1, 13),
                "Secretary of State Antony Blinken and Foreign Minister Yoshimasa Hayashi signed "
                "an agreement on space cooperation at NASA Headquarters in Washington on Friday.",
            ),
            (
                date(2023, 1, 13),
                "Today Prime Minister Fumio Kishida, Foreign Minister Yoshimasa Hayashi and I "
                "signed the Framework Agreement on Space Cooperation.",
            ),
        ],
        [],
        ["framework agreement"],
        None,
    ),
    (
        "one force's firing at one range on one day, told by two stories",
        "exercise",
        [
            (
                date(2023, 7, 20),
                "Japanese anti-ship missiles will be fired by the Japan Ground "
                "Self-Defense Force from the Beecroft Weapons Range near Currarong on Friday, "
                "July 21.",
            ),
            (
                date(2023, 7, 24),
                "On Friday Japan's Ground Self-Defense Force fired a Type 12 surface-to-ship "
                "missile from the Beecroft Weapons Range as well.",
            ),
        ],
        ["firing"],
        [],
        "Beecroft Weapons Range",
    ),
    (
        "a forum under its formal name and its everyday one",
        "meeting",
        [
            (
                date(2024, 7, 28),
                "Defense Minister Minoru Kihara held the Japan-U.S. Security Consultative "
                "Committee with Secretary of Defense Lloyd Austin in Tokyo on July 28.",
            ),
            (
                date(2024, 7, 29),
                "The United States and Japan held a two-plus-two meeting of Defense Secretary "
                "Lloyd Austin and Defense Minister Minoru Kihara in Tokyo on Sunday.",
            ),
        ],
        ["security consultative committee"],
        ["two-plus-two"],
        "Tokyo",
    ),
]


@pytest.mark.parametrize(
    "kind,docs,in_title,in_summary,location", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_merged_fact_keeps_what_each_source_adds(
    gazetteer, kind, docs, in_title, in_summary, location  # noqa: F811
):
    facts = [
        f
        for i, (when, text) in enumerate(docs)
        for f in extract_document(make_doc(f"d{i}", text, when), gazetteer)
        if f.kind == kind
    ]
    (fact,) = [f for f in merge_facts(facts) if f.kind == kind]
    assert {s.doc_id for s in fact.sources} == {f"d{i}" for i in range(len(docs))}
    text = f"{fact.title} {fact.summary}".lower()
    for w in in_title:
        assert w in fact.title.lower(), fact.title
    for w in in_summary:
        assert w in text, text
    if location:
        assert fact.location == location


def test_a_source_naming_the_event_as_the_title_does_adds_nothing(gazetteer):  # noqa: F811
    text = "Defense Minister Gen Nakatani met Defense Secretary Pete Hegseth in Tokyo on March 30."
    facts = [
        f
        for i in range(2)
        for f in extract_document(make_doc(f"d{i}", text, date(2025, 3, 30)), gazetteer)
    ]
    (fact,) = merge_facts(facts)
    assert "Also reported as" not in fact.summary


def test_an_exercise_is_found_under_every_place_its_sources_name(gazetteer):  # noqa: F811
    from bot.kb.index_names import search_names

    text = (
        "Ground troops and U.S. Marines started the Resolute Dragon exercise in Japan on "
        "December 4, 2021.\n\nResolute Dragon ranks among the largest exercises held in Japan, with about "
        "1,400 ground troops and some 2,650 Marines, and practices the defense of remote islands "
        "with transport aircraft, artillery rockets and anti-ship missiles fired from the shore "
        "by both forces.\n\nThe drills will take place at a training area in Aomori "
        "Prefecture and another in the northernmost prefecture of Hokkaido."
    )
    (fact,) = extract_document(make_doc("rd", text, date(2021, 12, 4)), gazetteer)
    assert fact.location == "Japan"  # the place the report gives; Hokkaido comes later
    assert "Hokkaido" in search_names(fact, gazetteer).split(" | ")


@pytest.mark.parametrize(
    "text,head",
    [
        (
            "Japan launched a U.S.-built space domain awareness sensor aboard its "
            "Quasi-Zenith Satellite 6 on Sunday.",
            "QZS-6",
        ),
        ("The Michibiki No. 7 satellite carrying a U.S. payload will launch next year.", "QZS-7"),
    ],
    ids=["a field of activity aboard a satellite", "a satellite by its Japanese name"],
)
def test_a_space_launch_is_titled_by_the_craft(gazetteer, text, head):  # noqa: F811
    facts = extract_document(make_doc("s", text, date(2025, 2, 3)), gazetteer)
    assert [f.title.split(":")[0] for f in facts if f.kind == "space"] == [head]


@pytest.mark.parametrize(
    "other",
    [
        # another range the same day
        "The Japan Ground Self-Defense Force fired an anti-ship missile from the Shoalwater Bay "
        "Training Area on Friday.",
        # the same range, another force
        "U.S. Marines fired a HIMARS rocket from the Beecroft Weapons Range on Friday.",
    ],
    ids=["another range", "another force"],
)
def test_firings_at_other_ranges_or_by_other_forces_stay_apart(gazetteer, other):  # noqa: F811
    one = (
        "The Japan Ground Self-Defense Force fired a surface-to-ship missile from the Beecroft "
        "Weapons Range on Friday."
    )
    facts = [
        f
        for i, text in enumerate((one, other))
        for f in extract_document(make_doc(f"d{i}", text, date(2023, 7, 22)), gazetteer)
    ]
    assert len(facts) == 2 and len(merge_facts(facts)) == 2
