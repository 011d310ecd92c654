"""Reading documents: metadata from what each document says, passages, page furniture."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.kb.documents import read_document, split_passages

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


def seed(name_prefix: str):
    path = next(SEEDS.glob(f"{name_prefix}_*.txt"))
    return read_document(path.name, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "prefix, expected_date, inferred, title_part",
    [
        ("000", date(2024, 5, 31), False, "US-Japan Alliance Digest"),
        ("003", date(2024, 8, 27), False, "Comprehensive Dialogue on Space"),
        ("001", date(2019, 4, 19), True, "Military Space"),
    ],
)
def test_seed_metadata(prefix, expected_date, inferred, title_part):
    doc = seed(prefix)
    assert doc.date == expected_date
    assert doc.date_inferred is inferred
    assert title_part in doc.title


def test_undated_news_story_is_dated_in_the_year_after_its_latest_dated_mention():
    # Talks "on July 13" in a story whose latest fully dated mention is October 2022.
    doc = seed("002")
    assert doc.date_inferred
    assert doc.date is not None and (doc.date.year, doc.date.month) == (2023, 7)
    assert "inferred" in doc.date_note


def test_undated_story_is_dated_by_its_july_events_in_the_captions_year():
    doc = seed("004")
    assert doc.date_inferred
    assert doc.date is not None and (doc.date.year, doc.date.month) == (2023, 7)
    assert doc.byline == "Gao Haipeng and Li Shuo"


def test_header_block_gives_source_and_title_without_brackets():
    doc = seed("003")
    assert doc.source == "Ministry of Foreign Affairs of Japan"
    assert not doc.title.startswith("[")


def test_newsletter_title_includes_volume_and_source_is_newsletter():
    doc = seed("000")
    assert doc.title == "US-Japan Alliance Digest, Vol: 3.10"
    assert doc.source == "US-Japan Alliance Digest"


def test_image_credit_is_stripped_from_a_headline_title():
    doc = seed("002")
    assert doc.title.startswith("Space Force Holds First-Ever Forum with Japan")
    assert "Image Credit" not in doc.title


@pytest.mark.parametrize(
    "prefix, furniture_text",
    [
        ("001", "EU SST Wins T.S. Kelso Award"),  # a "Check Also" box
        ("001", "SpaceTech 2023 - Banner"),
        ("001", "Photograph courtesy of the European Space Agency"),
        ("000", "To receive \"Alliance Digest\" via email"),
        ("000", "Image Source:"),
        ("004", "By Gao Haipeng and Li Shuo"),
    ],
)
def test_page_furniture_is_flagged(prefix, furniture_text):
    doc = seed(prefix)
    hits = [p for p in doc.passages if furniture_text in p.text]
    assert hits, f"no passage contains {furniture_text!r}"
    assert all(p.furniture for p in hits)


def test_story_passages_are_not_furniture():
    doc = seed("001")
    story = [p for p in doc.passages if "Security Consultative Committee convened" in p.text]
    assert story and not story[0].furniture


def test_passage_offsets_point_into_the_original_text():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = read_document(path.name, text)
        assert doc.passages, path.name
        for p in doc.passages:
            assert text[p.start:p.end] == p.text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One paragraph.\n\nAnother paragraph.", ["One paragraph.", "Another paragraph."]),
        ("Line one of a story.\nLine two of the same page.", ["Line one of a story.", "Line two of the same page."]),
        (
            "A hard-wrapped paragraph that goes on past the\nend of the line and continues here.",
            ["A hard-wrapped paragraph that goes on past the\nend of the line and continues here."],
        ),
        ("Intro:\n- first item\n- second item", ["Intro:", "- first item", "- second item"]),
        ("\n\n   \n", []),
    ],
)
def test_split_passages(text, expected):
    assert [p.text for p in split_passages(text)] == expected


def test_dateline_gives_date_and_place():
    text = "Allies agree on drills\n\nTOKYO, March 3, 2025 (Kyodo) - Japan and the US agreed on Monday to expand drills.\n"
    doc = read_document("x.txt", text)
    assert doc.date == date(2025, 3, 3) and not doc.date_inferred
    assert doc.place == "TOKYO"


def test_document_without_any_date_is_left_undated_not_today():
    doc = read_document("x.txt", "Allies talk\n\nThe ministers met and talked about many things.\n")
    assert doc.date is None
    assert doc.date_inferred
    assert doc.date_note


def test_a_yearless_february_29_in_a_common_year_does_not_break_inference():
    text = (
        "Allies plan drills\n\n"
        "The ministers met in October 2022 to plan the drills.\n"
        "The drills ran on February 29 off Okinawa.\n"
    )
    doc = read_document("leap.txt", text)
    assert doc.date_inferred and doc.date is not None
    assert doc.date.year in (2022, 2023)


LEDE = "The two navies began a week of drills off the northern coast on Monday, officials said."


@pytest.mark.parametrize(
    "text, title",
    [
        # A section label or masthead above the headline is not the title.
        ("WORLD\n\nFleet Drills Open Off Northern Coast\n\n" + LEDE, "Fleet Drills Open Off Northern Coast"),
        ("THE MORNING COURIER\nFleet drills open off northern coast\n" + LEDE, "Fleet drills open off northern coast"),
        # A date line, a dateline alone, a label, a byline and a picture credit neither.
        ("3 March 2025\nFleet drills open off northern coast\n" + LEDE, "Fleet drills open off northern coast"),
        ("March 3, 2025 at 09:12 JST\n\nFleet drills open off northern coast\n\n" + LEDE,
         "Fleet drills open off northern coast"),
        ("Key points:\nFleet drills open off northern coast\n" + LEDE, "Fleet drills open off northern coast"),
        ("By Jo Harlan\n\nFleet drills open off northern coast\n\n" + LEDE, "Fleet drills open off northern coast"),
        ("Photo: Kim Lee/Harbor News\nFleet drills open off northern coast\n" + LEDE,
         "Fleet drills open off northern coast"),
        # The first headline-like line wins over what follows it (a standfirst, a place, a date).
        ("Fleet drills open off northern coast\nOfficials say the week of drills is routine\nOSLO\n"
         "Published: 3 March 2025\n" + LEDE, "Fleet drills open off northern coast"),
        # A headline may end on an abbreviation; one hard-wrapped in the file is one title.
        ("Navy chiefs to meet in Feb.\n\n" + LEDE, "Navy chiefs to meet in Feb."),
        ("Navy chiefs from five countries agree to widen their drills\nin the northern seas next year\n\n" + LEDE,
         "Navy chiefs from five countries agree to widen their drills in the northern seas next year"),
        # No headline: the lede's first sentence, its dateline off, cut at a word.
        ("NEWS\n\n" + LEDE, "The two navies began a week of drills off the northern coast on Monday, officials said"),
        ("OSLO, March 3 (Reuters) - The two navies began a long and carefully planned week of joint drills "
         "off the northern coast on Monday. More follows.",
         "The two navies began a long and carefully planned week of joint drills…"),
        # Cut short: before a phrase rather than inside it, not inside a name, and without
        # the attribution leading the sentence.
        ("NEWS\n\nJapan, the Philippines and the U.S. jointly conducted a multilateral Maritime "
         "Cooperative Activity within the exclusive economic zone on Friday, officials said.",
         "Japan, the Philippines and the U.S. jointly conducted a multilateral Maritime Cooperative "
         "Activity…"),
        ("NEWS\n\nAccording to a trade weekly, during a conference on Tuesday the commander of the "
         "space forces said the two allies would share their satellite data more often.",
         "During a conference on Tuesday the commander of the space forces said the two allies…"),
        ("A sailor checks a line aboard the frigate during the drills, March 3, 2025. (Kim Lee/Harbor News)\n\n"
         "LIMA -- Navy ships from three countries gathered offshore.\n",
         "Navy ships from three countries gathered offshore"),
        # A newsletter's masthead and volume line are one title, and the masthead is its source.
        ("HARBOR BRIEF\nVol. 2.4 / March 3, 2025\n\nFleet drills open off northern coast\n\n" + LEDE,
         "HARBOR BRIEF, Vol. 2.4"),
        # Front matter and a [Title] header still win.
        ("---\ntitle: Notes on the drills\n---\nNEWS\n\n" + LEDE, "Notes on the drills"),
        ("[Title] Notes on the drills\n[Date] 3 March 2025\n\n" + LEDE, "Notes on the drills"),
    ],
)
def test_title_is_the_headline_not_the_furniture_above_it(text, title):
    doc = read_document("note.txt", text, today=date(2026, 1, 1))
    assert doc.title == title


def test_newsletter_masthead_is_the_source():
    doc = read_document("note.txt", "HARBOR BRIEF\nVol. 2.4 / March 3, 2025\n\n" + LEDE)
    assert doc.source == "HARBOR BRIEF"


def test_lede_title_stays_within_a_citation_line():
    doc = read_document("note.txt", "NEWS\n\n" + " ".join(["The ministers agreed"] + ["again"] * 60) + ".")
    assert len(doc.title) <= 91 and doc.title.endswith("…") and " again…" in doc.title


_FURNITURE_PIECES = [
    " ", "\t", "\n", "a", "B", "the ", "|", "[", "]", ":", "©", "’", "ſ", "K", "By ", "by", "banner",
    "Photo", "photograph", "IMAGE", "Copyright", "all rights reserved", "Cookies", "accept",
    "Share", "follow us", "Print", "email this", "Editor's note", "subscribe", "sign up",
    "to receive", "newsletter", "@", "Headlines", "in this issue", "Contents", "details",
    "advertisement", "Sponsored content", "skip to main content", "picture", "credit",
    "courtesy", "source", "[Title]", "John Smith", "The ministers met in Tokyo.",
]


# One line of each kind of furniture, in the shapes _FURNITURE_LINE lists, cased at random.
_FURNITURE_EXAMPLES = [
    "[Source] Ministry of Defense", "Sign up for our BANNER offers", "Advertisement",
    "Sponsored content", "Skip to main content", "Image source: wire service",
    "Photographs courtesy of the navy", "Photo credit the ministry", "© 2024 The Daily",
    "Copyright 2024 The Daily", "All Rights Reserved", "We use cookies: accept or decline",
    "Share this on:", "Follow us", "Print", "Email this", "Home | World | Asia | Defense",
    "Editor's note: updated", "By John Smith and Ann Lee", "Subscribe to our newsletter",
    "to receive updates by email", "Headlines", "In this issue:", "Contents", "Details:",
]


@pytest.mark.parametrize("line", _FURNITURE_EXAMPLES)
def test_the_furniture_prefilter_lets_every_kind_of_furniture_through(line):
    from bot.kb.documents import _FURNITURE_LINE, _may_be_furniture

    assert any(pattern.search(line) for pattern, _ in _FURNITURE_LINE), "an example of furniture"
    for variant in (line, line.upper(), line.lower(), "  " + line):
        assert _may_be_furniture(variant) or not any(p.search(variant) for p, _ in _FURNITURE_LINE)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FURNITURE_PIECES), max_size=8).map("".join))
def test_the_furniture_prefilter_never_hides_a_furniture_line(text):
    """A passage the cheap test passes over matches none of the furniture patterns."""
    from bot.kb.documents import _FURNITURE_LINE, _may_be_furniture

    if not _may_be_furniture(text):
        assert not any(pattern.search(text) for pattern, _ in _FURNITURE_LINE), text
