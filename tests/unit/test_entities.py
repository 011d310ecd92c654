"""Recognising people, bodies, places, exercises and programs in text a user would paste in."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.kb.entities import Gazetteer, Mention, default_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def found(gaz: Gazetteer, text: str) -> list[Mention]:
    mentions = gaz.find(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return mentions


def one(gaz: Gazetteer, text: str, surface: str) -> Mention:
    hits = [m for m in found(gaz, text) if m.text == surface]
    assert hits, f"{surface!r} not found in {[m.text for m in gaz.find(text)]}"
    return hits[0]


# (text, surface, entity id or shape name, via, title)
PEOPLE = [
    # in the gazetteer, with the title kept apart from the name
    (
        "Admiral Samuel Paparo arrived in Tokyo.",
        "Samuel Paparo",
        "person:samuel-paparo",
        "alias",
        "Admiral",
    ),
    (
        "Lt. Gen. Philip A. Garrant led the talks.",
        "Philip A. Garrant",
        "person:philip-garrant",
        "alias",
        "Lt. Gen.",
    ),
    (
        "Brig. Gen. Anthony J. Mastalir spoke.",
        "Anthony J. Mastalir",
        "person:anthony-mastalir",
        "alias",
        "Brig. Gen.",
    ),
    (
        "and SPACECOM boss Gen. James Dickinson did the same.",
        "James Dickinson",
        "person:james-dickinson",
        "alias",
        "Gen.",
    ),
    (
        "Gen. John W. \u201cJay\u201d Raymond visited Japan.",
        "John W. \u201cJay\u201d Raymond",
        "person:john-w-raymond",
        "shape",
        "Gen.",
    ),
    (
        "South Korea's First Vice Minister of Foreign Affairs Kim Hong Kyun said.",
        "Kim Hong Kyun",
        "person:kim-hong-kyun",
        "alias",
        "First Vice Minister of Foreign Affairs",
    ),
    (
        "He met President of the European Council Charles Michel.",
        "Charles Michel",
        "person:charles-michel",
        "alias",
        "President of the European Council",
    ),
    (
        "with General Kim Seung-kyum, chairman of the JCS.",
        "Kim Seung-kyum",
        "person:kim-seung-kyum",
        "alias",
        "General",
    ),
    (
        "Prime Minister Fumio Kishida said.",
        "Fumio Kishida",
        "person:fumio-kishida",
        "alias",
        "Prime Minister",
    ),
    (
        "the Japanese Defense Minister Yasukazu Hamada said",
        "Yasukazu Hamada",
        "person:yasukazu-hamada",
        "alias",
        "Defense Minister",
    ),
    (
        "then-Defense Secretary Mark Esper said",
        "Mark Esper",
        "person:mark-esper",
        "alias",
        "Defense Secretary",
    ),
    # a surname alone, trusted because a title stands right before it
    ("PM Kishida promised more.", "Kishida", "person:fumio-kishida", "weak", "PM"),
    (
        "Defense Minister Kihara agreed.",
        "Kihara",
        "person:minoru-kihara",
        "weak",
        "Defense Minister",
    ),
    (
        "Chief of Joint Staff Yoshida agreed.",
        "Yoshida",
        "person:yoshihide-yoshida",
        "weak",
        "Chief of Joint Staff",
    ),
    (
        "Secretary of State Pompeo said",
        "Pompeo",
        "person:mike-pompeo",
        "weak",
        "Secretary of State",
    ),
    (
        "Acting Secretary of Defense Shanahan said",
        "Shanahan",
        "person:patrick-shanahan",
        "weak",
        "Acting Secretary of Defense",
    ),
    (
        "Minister for Foreign Affairs Kono said",
        "Kono",
        "person:taro-kono",
        "weak",
        "Minister for Foreign Affairs",
    ),
    (
        "At the summit, President Marcos said",
        "Marcos",
        "person:ferdinand-marcos-jr",
        "weak",
        "President",
    ),
    (
        "New INDOPACOM chief Paparo meets officials",
        "Paparo",
        "person:samuel-paparo",
        "weak",
        "INDOPACOM chief",
    ),
    # Japanese name order, either way round, in any case
    ("Kihara Minoru met reporters.", "Kihara Minoru", "person:minoru-kihara", "alias", None),
    ("Project Leader: TANAKA Akihiko", "TANAKA Akihiko", "person:akihiko-tanaka", "alias", None),
    # a shape name close to a gazetteer name resolves to it
    (
        "Admiral Samuel Q. Paparo spoke.",
        "Samuel Q. Paparo",
        "person:samuel-paparo",
        "shape",
        "Admiral",
    ),
    ("Admiral Samuel Paparro spoke.", "Samuel Paparro", "person:samuel-paparo", "shape", "Admiral"),
    # names the gazetteer does not know, found by their shape
    (
        "Lt. Gen. Harold B. Fenwick, commander of the task force, spoke.",
        "Harold B. Fenwick",
        "Harold B. Fenwick",
        "shape",
        "Lt. Gen.",
    ),
    (
        "First Vice Minister of Foreign Affairs Park Min-jun met them.",
        "Park Min-jun",
        "Park Min-jun",
        "shape",
        "First Vice Minister of Foreign Affairs",
    ),
    (
        "President of the European Council Jonas Virtanen said.",
        "Jonas Virtanen",
        "Jonas Virtanen",
        "shape",
        "President of the European Council",
    ),
    (
        "Secretary of State Harlan Whitcombe said.",
        "Harlan Whitcombe",
        "Harlan Whitcombe",
        "shape",
        "Secretary of State",
    ),
    (
        "Acting Secretary of Defense Whitcombe said.",
        "Whitcombe",
        "Whitcombe",
        "shape",
        "Acting Secretary of Defense",
    ),
    (
        "Rear Adm. Dana K. O'Rourke Jr. took command.",
        "Dana K. O'Rourke Jr.",
        "Dana K. O'Rourke Jr.",
        "shape",
        "Rear Adm.",
    ),
    (
        "Dr. Jane Q. Doe-Smith, director of the institute, said.",
        "Jane Q. Doe-Smith",
        "Jane Q. Doe-Smith",
        "shape",
        "Dr.",
    ),
    (
        "Gen. Marcus \u201cBull\u201d Halvorsen spoke.",
        "Marcus \u201cBull\u201d Halvorsen",
        "Marcus Halvorsen",
        "shape",
        "Gen.",
    ),
    (
        "Prime Minister Haruto Ogino's cabinet fell.",
        "Haruto Ogino",
        "Haruto Ogino",
        "shape",
        "Prime Minister",
    ),
]


@pytest.mark.parametrize(
    ("text", "surface", "expected", "via", "title"), PEOPLE, ids=[p[1] for p in PEOPLE]
)
def test_people(gaz, text, surface, expected, via, title):
    m = one(gaz, text, surface)
    assert m.entity.type == "person"
    if expected.startswith("person:"):
        assert m.entity.id == expected
        assert m.entity.source == "gazetteer"
    else:
        assert m.entity.name == expected
        assert m.entity.source == "shape"
    assert m.via == via
    assert m.title == title


def test_titles_do_not_swallow_sentence_words(gaz):
    text = (
        "Admiral Samuel Paparo met the minister. Paparo also met Defense Minister Kihara "
        "and Chief of Joint Staff Yoshida. Speaking with Foreign Minister Kamikawa, he agreed."
    )
    titles = {m.text: m.title for m in found(gaz, text) if m.entity.type == "person"}
    assert titles["Kihara"] == "Defense Minister"
    assert titles["Yoshida"] == "Chief of Joint Staff"
    assert titles["Kamikawa"] == "Foreign Minister"
    assert titles["Paparo"] is None


@pytest.mark.parametrize(
    "text",
    [
        "Austin is the capital of Texas.",
        "Campbell soup and Hamada Street.",
        "The general public and a major step.",
        "The annual report was sent to the head office.",
        "Yesterday the President said nothing.",
        "Mr. Smith and Ms. Jones",  # honorifics find shape names, never gazetteer people
    ],
)
def test_weak_aliases_need_support(gaz, text):
    assert [
        m for m in found(gaz, text) if m.entity.source == "gazetteer" and m.entity.type == "person"
    ] == []


@pytest.mark.parametrize(
    ("text", "surface_index", "expected", "via"),
    [
        (
            "Lloyd Austin flew in. Austin said the alliance is strong.",
            1,
            "person:lloyd-austin",
            "coref",
        ),
        ("Kurt Campbell spoke first. Campbell said.", 1, "person:kurt-campbell", "coref"),
        ("Angus Campbell spoke first. Campbell said.", 1, "person:angus-campbell", "coref"),
        ("Defense Minister Kihara spoke. Kihara said more.", 1, "person:minoru-kihara", "coref"),
        # support from a later full mention still counts for a weak alias
        (
            "Paparo meets officials. Admiral Samuel Paparo arrived.",
            0,
            "person:samuel-paparo",
            "weak",
        ),
    ],
)
def test_weak_aliases_with_support(gaz, text, surface_index, expected, via):
    people = [m for m in found(gaz, text) if m.entity.type == "person"]
    m = people[surface_index]
    assert (m.entity.id, m.via) == (expected, via)


def test_a_title_only_fits_the_person_it_describes(gaz):
    # Akihiko Tanaka (JICA) was never a minister; "Minister Tanaka" is someone else.
    m = one(gaz, "Minister Tanaka said the budget will pass.", "Tanaka")
    assert m.entity.source == "shape" and m.title == "Minister"


def test_secretary_austin_is_not_the_city_mentioned_before(gaz):
    text = "Austin is in Texas. Secretary Austin met them."
    people = [m for m in found(gaz, text) if m.entity.type == "person"]
    second = text.index("Austin", 1)
    assert [(m.start, m.entity.id, m.title) for m in people] == [
        (second, "person:lloyd-austin", "Secretary")
    ]


def test_coreference_to_a_name_found_by_shape(gaz):
    text = (
        "Brig. Gen. Dana Whitmore, commander of the wing, opened the talks. "
        "\u201cWe are ready,\u201d Whitmore said. Later Whitmore left."
    )
    people = [m for m in found(gaz, text) if m.entity.type == "person"]
    assert [m.text for m in people] == ["Dana Whitmore", "Whitmore", "Whitmore"]
    assert [m.via for m in people] == ["shape", "coref", "coref"]
    assert len({m.entity for m in people}) == 1


def test_coreference_picks_the_earlier_person_and_skips_longer_names(gaz):
    text = (
        "Kim Jong Un fired a missile. General Kim Seung-kyum said Kim will respond. "
        "Kim Yeon-woo, a new name, disagreed."
    )
    people = [(m.text, m.entity.id, m.via) for m in found(gaz, text) if m.entity.type == "person"]
    assert people == [
        ("Kim Jong Un", "person:kim-jong-un", "alias"),
        ("Kim Seung-kyum", "person:kim-seung-kyum", "alias"),
        ("Kim", "person:kim-seung-kyum", "coref"),
    ]



@pytest.mark.parametrize(
    ("tail", "lone"),
    [
        ("Later Whitmore left.", ["Whitmore"]),
        ("Whitmore, Whitmore and Whitmore left.", ["Whitmore", "Whitmore", "Whitmore"]),
        ("Whitmore", ["Whitmore"]),  # at the very end of the text
        ("The Whitmore-led team left.", []),  # part of a hyphenated word
        ("Ex-Whitmore left.", []),
        ("Mr.Whitmore left.", []),  # run together with what comes before
        ("O'Whitmore left.", []),
        ("Whitmores left.", []),  # inside a longer word
        ("Whitmore_x left.", []),
        ("Later WHITMORE left.", []),  # another spelling: not the same word
    ],
)
def test_a_lone_surname_refers_back_only_where_it_stands_alone(gaz, tail, lone):
    text = "Brig. Gen. Dana Whitmore opened the talks. " + tail
    after = len(text) - len(tail)
    people = [m for m in found(gaz, text) if m.entity.type == "person" and m.start >= after]
    assert [m.text for m in people] == lone
    assert all(m.via == "coref" and m.entity.name == "Dana Whitmore" for m in people)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab Kim.-'\u2019_\u00e9\u017f1\n", max_size=40),
    st.lists(st.sampled_from(["Kim", "Kim Jong", "Jo", "Kimm", "a", "\u00e9", "b-a"]), min_size=1, unique=True),
)
def test_surnames_are_found_as_the_alternation_would_find_them(text, names):
    """The str.find scan answers what its docstring's regular expression answers."""
    import re

    from bot.kb.entities.shapes import _surname_hits

    names = tuple(sorted(names, key=lambda n: (-len(n), n)))
    pattern = re.compile(r"(?<![\w.'\u2019-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    expected = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    assert _surname_hits(text, names) == expected


# --- exercises ----------------------------------------------------------------------------

EXERCISES = [
    (
        "JGSDF and US Army plan the annual Orient Shield exercise in September.",
        "Orient Shield",
        "exercise:orient-shield",
        "alias",
    ),
    (
        "Japan will join Valiant Shield for the first time.",
        "Valiant Shield",
        "exercise:valiant-shield",
        "alias",
    ),
    ("Forces began Exercise Southern Beacon on Monday.", "Southern Beacon", None, "shape"),
    ("The Freedom Flag 24 exercise ended.", "Freedom Flag", None, "shape"),
    ("They joined the Cobalt Harbor exercises near Guam.", "Cobalt Harbor", None, "shape"),
    ("The US-Japan Nightfall Lance exercise opened.", "Nightfall Lance", None, "shape"),
    (
        "Troops trained in the Talisman Saber exercise.",
        "Talisman Saber",
        "exercise:talisman-sabre",
        "alias",
    ),
]


@pytest.mark.parametrize(
    ("text", "surface", "expected", "via"), EXERCISES, ids=[e[1] for e in EXERCISES]
)
def test_exercises(gaz, text, surface, expected, via):
    m = one(gaz, text, surface)
    assert m.entity.type == "exercise" and m.via == via
    if expected:
        assert m.entity.id == expected
    else:
        assert m.entity.source == "shape" and m.entity.name == surface


@pytest.mark.parametrize(
    "text",
    [
        "US Navy and JMSDF conduct a joint training exercise at sea.",
        "JASDF flew in the bilateral aviation exercise with three aircraft.",
        "Japan will join the large scale US field training exercise in June.",
        "The Field Training Exercise ended on Friday.",
        "The Joint Bilateral Exercise was postponed.",
        "Their March exercise was small.",
        "US, Japan Hold Joint Exercise Near Okinawa",  # a headline: capitals say little
        "They held an exercise in the Japan Sea.",
    ],
)
def test_generic_exercise_phrases_are_not_exercises(gaz, text):
    assert [m.text for m in found(gaz, text) if m.entity.type == "exercise"] == []


# --- everything else, and text as it arrives -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("The new commander of INDOPACOM met them.", "INDOPACOM", "org:indopacom"),
        (
            "It was a formal dialogue with the Japan Air Self-Defense Force.",
            "Japan Air Self-Defense Force",
            "org:jasdf",
        ),
        ("On July 12, JASDF dispatched four warplanes.", "JASDF", "org:jasdf"),
        (
            "Japan\u2019s Defense Ministry released images.",
            "Japan\u2019s Defense Ministry",
            "org:mod-japan",
        ),
        (
            "the U.S.\u2013Japan Security Consultative Committee convened",
            "U.S.\u2013Japan Security Consultative Committee",
            "forum:security-consultative-committee",
        ),
        (
            "the US-Japan Security Consultative Committee convened",
            "US-Japan Security Consultative Committee",
            "forum:security-consultative-committee",
        ),
        (
            "the Japan-US Security Consultative Committee convened",
            "Japan-US Security Consultative Committee",
            "forum:security-consultative-committee",
        ),
        (
            "ministers met for a \u201c2+2\u201d meeting",
            "2+2",
            "forum:security-consultative-committee",
        ),
        (
            "the first-ever Space Engagement Talks",
            "Space Engagement Talks",
            "forum:space-engagement-talks",
        ),
        ("Following the SET, the teams met.", "SET", "forum:space-engagement-talks"),
        ("Japan's QZSS program", "QZSS", "program:qzss"),
        ("the successful transfer of OSIRIS- REx samples", "OSIRIS- REx", "program:osiris-rex"),
        ("Japan will provide a pressurized rover", "pressurized rover", "program:lunar-cruiser"),
        ("met in Washington, DC on Friday", "Washington, DC", "place:washington-dc"),
        ("talks in Seoul and Tokyo", "Seoul", "place:seoul"),
        ("over the Japan Sea after April 17", "Japan Sea", "place:sea-of-japan"),
        ("ROK Navy destroyers", "ROK Navy", "org:rok-navy"),
        ("The Philippine's trading partners", "Philippine", "country:philippines"),
        ("The U.S. side", "U.S.", "country:united-states"),
    ],
)
def test_other_entities(gaz, text, surface, expected):
    assert one(gaz, text, surface).entity.id == expected


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Let us set the rules for all of us.",
            {"country:united-states", "forum:space-engagement-talks"},
        ),
        ("It is a gateway to the region.", {"program:gateway"}),
        ("They focus on the thus far unknown.", {"country:united-states"}),
        ("USS John Finn sailed.", {"country:united-states"}),
    ],
)
def test_short_and_common_words_need_their_case(gaz, text, absent):
    assert {m.entity.id for m in found(gaz, text)} & absent == set()


def test_a_document_defines_its_own_acronyms(gaz):
    text = (
        "Japan's Innovative Space Carrier Inc. (ISC) is joining the effort. In March, ISC founded "
        "a subsidiary. They discussed Maritime Domain Awareness (MDA); MDA matters."
    )
    got = [(m.text, m.entity.id, m.via) for m in found(gaz, text) if m.text in ("ISC", "MDA")]
    assert got == [
        ("ISC", "org:isc", "coref"),
        ("ISC", "org:isc", "coref"),
        ("MDA", "program:mda-maritime", "coref"),
        ("MDA", "program:mda-maritime", "coref"),
    ]


def test_offsets_stay_true_when_lowercasing_changes_length(gaz):
    # "İ".lower() is two characters; the offsets must still point into the original text.
    text = "İİİ Straße, Şahin and ǅemal said Admiral Samuel Paparo met KİHARA Minoru in Tōkyō."
    mentions = found(gaz, text)
    paparo = one(gaz, text, "Samuel Paparo")
    assert paparo.start == text.index("Samuel")
    kihara = one(gaz, text, "KİHARA Minoru")
    assert kihara.entity.id == "person:minoru-kihara"
    assert one(gaz, text, "Tōkyō").entity.id == "place:tokyo"
    assert mentions == sorted(mentions, key=lambda m: m.start)


def test_names_broken_across_lines_and_spaces(gaz):
    text = "the new commander,\nAdmiral Samuel\n  Paparo, said"
    m = one(gaz, text, "Samuel\n  Paparo")
    assert m.entity.id == "person:samuel-paparo" and m.title == "Admiral"


def test_korean_given_names_match_with_or_without_the_hyphen(gaz):
    for spelling in ("Kim Seung-kyum", "Kim Seung Kyum", "Kim Seungkyum"):
        assert one(gaz, f"General {spelling} spoke.", spelling).entity.id == "person:kim-seung-kyum"


def test_longest_match_wins_and_mentions_never_overlap(gaz):
    text = "The Japan Air Self-Defense Force and the Camp David Summit in Japan."
    mentions = found(gaz, text)
    assert [m.text for m in mentions] == [
        "Japan Air Self-Defense Force",
        "Camp David Summit",
        "Japan",
    ]


def test_empty_text(gaz):
    assert gaz.find("") == []


FRAGMENTS = [
    "Admiral Samuel Paparo",
    "PM Kishida",
    "Kihara Minoru",
    "JASDF",
    "U.S.\u2013Japan",
    "İ",
    "ß",
    "\u201cJay\u201d",
    "Valiant Shield exercise",
    "Exercise Southern Beacon",
    "Paparo said",
    "  ",
    "\n",
    "Kim Seung-kyum",
    "(ISC)",
    "Innovative Space Carrier",
    "Austin",
    "Secretary of State",
    "2+2",
    "the",
    "met",
    ",",
    ".",
    "OSIRIS- REx",
    "Tōkyō",
    "Gen.",
    "Lt.",
    "Jr.",
    "\u2019s",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(" ".join))
def test_any_text_gives_sorted_non_overlapping_mentions_on_the_original_text(text):
    mentions = default_gazetteer().find(text)
    last_end = 0
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end and m.end > m.start
        last_end = m.end
        assert m.via in ("alias", "weak", "shape", "coref")
        assert m.entity.type in (
            "person",
            "org",
            "country",
            "place",
            "exercise",
            "program",
            "forum",
        )


@pytest.mark.parametrize(
    "text, when, expected",
    [
        ("On July 13, the Japanese prime minister met in Belgium with EU leaders.", date(2023, 7, 20), "Fumio Kishida"),
        ("The U.S. secretary of state flew to Tokyo.", date(2022, 3, 1), "Antony Blinken"),
        ("Japan's foreign minister said the talks went well.", date(2019, 3, 1), "Taro Kono"),
        ("The American defence secretary visited Canberra.", date(2022, 2, 1), "Lloyd Austin"),
        # terms with months settle a year two people held the post
        ("The Japanese prime minister met EU leaders.", date(2024, 7, 1), "Fumio Kishida"),
        ("The Japanese prime minister met EU leaders.", date(2024, 11, 1), "Shigeru Ishiba"),
        # no country: "the prime minister" alone is left alone
        ("During the talks the prime minister reaffirmed his stance.", date(2023, 3, 1), None),
        # a post followed by a name is the name's business, not a role reference
        ("The Japanese Prime Minister Fumio Kishida met them.", date(2023, 7, 1), None),
    ],
)
def test_people_named_by_post_resolve_to_the_holder_that_year(gaz, text, when, expected):
    roles = gaz.find_roles(text, when, gaz.find(text))
    assert [m.entity.name for m in roles] == ([expected] if expected else [])
    for m in roles:
        assert text[m.start:m.end] == m.text and m.via == "role"


def test_a_post_held_by_two_in_a_year_names_nobody_when_only_the_year_is_known(gaz):
    text = "The Japanese prime minister met EU leaders."
    assert gaz.find_roles(text, date(2024, 1, 1), gaz.find(text), precise=False) == []
