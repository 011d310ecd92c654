"""Document dates: one case per shape a real page states its date in, and per clue an
analyst reads the year from when none is written. The texts are written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from bot.kb.dates import scan
from bot.kb.documents import read_document
from bot.kb.entities import Entity, Gazetteer

TODAY = date(2026, 12, 2)  # bounds the years considered; never a document's date


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer([
        Entity("person:taro-sato", "person", "Taro Sato", ("Sato Taro",), "Japan",
               ("Minister for Foreign Affairs (2019-2021)",)),
        Entity("person:jiro-ito", "person", "Jiro Ito", ("Ito Jiro",), "Japan",
               ("Minister of Defense (2020-2022)",)),
        Entity("person:pat-doe", "person", "Pat Doe", (), "United States",
               ("Secretary of Defense (2025-)",)),
        Entity("person:lee-roe", "person", "Lee Roe", (), "United States",
               ("Secretary of State (2009-2013)",)),
        Entity("person:ken-mori", "person", "Ken Mori", (), "Japan", ("Minister of Defense (Oct 2024-Oct 2025)",)),
        Entity("person:sam-vale", "person", "Sam Vale", (), "United States",
               ("Secretary of Defense (Jan 2021-Jan 2025)",)),
        Entity("exercise:iron-kite", "exercise", "Iron Kite", (), None),
        Entity("exercise:steel-kite", "exercise", "Steel Kite", (), None,
               ("biennial field exercise, editions numbered by U.S. fiscal year",)),
    ], weak={"person:taro-sato": ("Sato",), "person:jiro-ito": ("Ito",),
             "person:pat-doe": ("Doe",), "person:lee-roe": ("Roe",),
             "person:ken-mori": ("Mori",), "person:sam-vale": ("Vale",)})


STATED = [
    # (failure class, text, date, precision)
    ("date line with a weekday", "Allies meet in Tokyo\nMonday, July 29, 2024\n\nThe ministers met.\n",
     date(2024, 7, 29), "day"),
    ("release block", "Release\nIMMEDIATE RELEASE\nJuly 29, 2024\n\nThe ministers met.\n",
     date(2024, 7, 29), "day"),
    ("date line under a long title joined to it",
     "Statement by the Ambassador on a New Era of Space Cooperation\nNovember 18, 2022\n\nToday we signed.\n",
     date(2022, 11, 18), "day"),
    ("published line with a month only",
     "As good as it gets\n\nPublished March 2023 in The Quarterly Review, Volume 3, Issue 1\n\nText.\n",
     date(2023, 3, 1), "month"),
    ("updated line with a day-first numeric date",
     "Plant to be built\nWire | Tokyo | Updated: 09-11-2022 18:05 IST | Created: 09-11-2022\n\nText.\n",
     date(2022, 11, 9), "day"),
    ("published line with a time and weekday first",
     "Drills end\nPublished 3:15 PM EDT, Mon July 29, 2024\n\nThe drills ended.\n", date(2024, 7, 29), "day"),
    ("ISO date line", "Readout\ndate 2025-07-13\n\nThe two sides talked.\n", date(2025, 7, 13), "day"),
    ("byline with a date", "Drills end\nBy Jane Roe | March 3, 2024\n\nThe drills ended.\n",
     date(2024, 3, 3), "day"),
    ("dateline with a year", "Drills\n\nTOKYO, March 3, 2025 (Kyodo) - Japan agreed on Monday.\n",
     date(2025, 3, 3), "day"),
    ("press-release wire dateline",
     "Agreement signed\n\nWASHINGTON, Jan. 13, 2023 /Newswire/ -- During an event hosted by the agency "
     "at its headquarters in Washington on Friday, both sides signed a framework agreement.\n",
     date(2023, 1, 13), "day"),
    ("dateline with a service name and a reporter, no dash",
     "Briefing\n\nNews Service, Beijing, January 13, 2023 (Reporter Li Hua) The spokesperson spoke.\n",
     date(2023, 1, 13), "day"),
]


@pytest.mark.parametrize("case, text, expected, precision", STATED, ids=[c[0] for c in STATED])
def test_a_stated_date_is_read_in_every_common_shape(case, text, expected, precision):
    doc = read_document("x.txt", text, today=TODAY)
    assert (doc.date, doc.date_precision, doc.date_inferred) == (expected, precision, False), doc.date_note


def test_a_label_followed_by_other_words_is_no_date_line():
    text = "Alliance Weekly\nDate of the next meeting: June 3, 2024\n\nThe ministers met on May 4, 2024.\n"
    doc = read_document("x.txt", text, today=TODAY)
    assert doc.date_inferred and doc.date == date(2024, 5, 4)


def test_a_sentence_that_starts_like_a_label_is_no_date_line():
    text = (
        "Drills announced\n\nReleased on Monday, the ministry's statement said drills would begin on "
        "March 3, 2024 near Okinawa.\n\nThe drills of June 2023 were smaller.\n"
    )
    doc = read_document("x.txt", text, today=TODAY)
    assert doc.date_inferred


def test_a_short_line_inside_the_story_is_not_the_date_line():
    text = (
        "Drills\n\nThe two forces held a long series of drills across the southwestern islands, with "
        "ships, aircraft and ground units taking part from both countries over several weeks.\n"
        "The drills ended on July 29, 2024.\n"
    )
    doc = read_document("x.txt", text, today=TODAY)
    assert doc.date == date(2024, 7, 29) and doc.date_inferred


def test_front_matter_wins_over_what_the_text_says():
    text = (
        "---\ndate: 2024-02-01\ntitle: Filed title\nsource: Analyst desk\nurl: https://example.org/a\n---\n"
        "Headline in the text\n\nPublished: May 5, 2023\n\nThe ministers met.\n"
    )
    doc = read_document("x.md", text, today=TODAY)
    assert (doc.date, doc.date_precision, doc.date_inferred) == (date(2024, 2, 1), "day", False)
    assert (doc.title, doc.source, doc.url) == ("Filed title", "Analyst desk", "https://example.org/a")
    assert all(p.furniture for p in doc.passages if "title:" in p.text)


@pytest.mark.parametrize("value, expected, precision", [
    ("2024-02-01", date(2024, 2, 1), "day"),
    ("'2024-02'", date(2024, 2, 1), "month"),
    ("2024", date(2024, 1, 1), "year"),
    ("March 3, 2024", date(2024, 3, 3), "day"),
])
def test_front_matter_dates_keep_their_precision(value, expected, precision):
    doc = read_document("x.md", f"---\ndate: {value}\n---\nHeadline\n\nText.\n", today=TODAY)
    assert (doc.date, doc.date_precision) == (expected, precision)


INFERRED = [
    # (failure class, text, date, words the reason must name)
    ("wire dateline without a year, weekday in the lede",
     "Drills begin\n\nTokyo, Nov. 10 (Wire Press)--The two forces started drills Thursday.\n",
     date(2022, 11, 10), ["Thursday"]),
    ("month abbreviation without a period, office-holders with their posts",
     "Two-plus-two\n\nOn Mar 16, Foreign Minister Sato and Defense Minister Ito held talks.\n",
     date(2021, 3, 16), ["Foreign Minister Sato", "Defense Minister Ito"]),
    ("numbered edition and weekday",
     "Kite flies\n\nTokyo, Nov. 3 (Wire Press)--Iron Kite 23 began on Thursday near Okinawa.\n",
     date(2022, 11, 3), ["Iron Kite 23", "Thursday"]),
    ("numbered edition alone: the most recent consistent year",
     "Kite flies\n\nIron Kite 21 ran on Dec. 4 near Okinawa.\n", date(2021, 12, 4), ["Iron Kite 21"]),
    ("fiscal-numbered edition held in October: the year before its number",
     "Kite flies\n\nSteel Kite 25 began on Oct. 23 across the islands.\n", date(2024, 10, 23), ["Steel Kite 25"]),
    ("fiscal-numbered edition held in February: its number's year",
     "Kite flies\n\nSteel Kite 24 ended on Feb. 9 after a week.\n", date(2024, 2, 9), ["Steel Kite 24"]),
    ("calendar-numbered edition held in June: its number's year",
     "Kite flies\n\nIron Kite 23 wrapped up on June 3.\n", date(2023, 6, 3), ["Iron Kite 23"]),
    ("a post still held: the first year it allows",
     "Visit\n\nOn July 4, Defense Secretary Doe visited the base.\n", date(2025, 7, 4), ["Doe"]),
    ("terms with months tell a late-2024 December from a 2025 one",
     "Talks\n\nTokyo, Dec. 1 (Wire Press)--Defense Minister Mori and Defense Secretary Vale met in Tokyo.\n",
     date(2024, 12, 1), ["Mori", "Vale"]),
    ("a plan's month places the terms when nothing past is dated (year only)",
     "Drills set\n\nDefense Minister Mori said drills are scheduled for November 10.\n",
     None, ["Mori"]),
    ("a weekday written with a yearless day in the story",
     "Drills\n\nThe drills began on Thursday, Nov. 10, and Defense Minister Ito watched.\n",
     date(2022, 11, 10), ["Thursday"]),
    ("a weekday after 'until' is not the dateline's day",
     "Dialogue\n\nTokyo, June 16 (Wire Press)--Officials met until Friday, Foreign Minister Sato said.\n",
     date(2021, 6, 16), ["Sato"]),
]


@pytest.mark.parametrize("case, text, expected, words", INFERRED, ids=[c[0] for c in INFERRED])
def test_the_year_is_inferred_from_the_clues_with_its_reason(case, text, expected, words, gazetteer):
    doc = read_document("x.txt", text, gazetteer, today=TODAY)
    assert doc.date_inferred
    if expected is None:  # a year only: Mori held the post in November of 2024, not of 2025
        assert (doc.date, doc.date_precision) == (date(2024, 1, 1), "year"), doc.date_note
    else:
        assert doc.date == expected, doc.date_note
        assert doc.date_precision == "day"
    for word in words:
        assert word in doc.date_note


def test_a_written_date_keeps_the_year_nearest_it_when_the_posts_allow_several(gazetteer):
    # Doe's term is open (2025-): a text that writes March 2025 and names him is from 2025,
    # not the latest year his term allows.
    text = "Visit\n\nDefense Secretary Doe arrived on March 3, 2025, and met troops on March 5.\n"
    doc = read_document("x.txt", text, gazetteer, today=TODAY)
    assert doc.date == date(2025, 3, 5)


def test_one_past_leader_named_without_former_is_set_aside(gazetteer):
    text = (
        "Talks\n\nOn May 2, Foreign Minister Sato, Defense Minister Ito and Secretary of State Roe "
        "were remembered as the ministers met.\n"
    )
    doc = read_document("x.txt", text, gazetteer, today=TODAY)
    assert doc.date == date(2021, 5, 2)
    assert "set aside" in doc.date_note and "Roe" in doc.date_note.split("set aside")[1]


def test_a_weekday_that_contradicts_the_posts_yields_to_them(gazetteer):
    # Nov. 10 was a Thursday in 2022, when Sato was no longer foreign minister (2019-2021).
    text = "Talks\n\nTokyo, Nov. 10 (Wire Press)--Foreign Minister Sato met his counterpart Thursday.\n"
    doc = read_document("x.txt", text, gazetteer, today=TODAY)
    assert doc.date is not None and doc.date.year in (2019, 2020, 2021)
    assert "set aside: Thursday" in doc.date_note


def test_a_post_in_a_sentence_with_its_own_year_dates_that_year_not_the_text(gazetteer):
    text = (
        "Talks\n\nTokyo, July 4 (Wire Press)--Defense Secretary Doe spoke Friday. "
        "In 2012, Secretary of State Roe signed the accord.\n"
    )
    doc = read_document("x.txt", text, gazetteer, today=TODAY)
    assert doc.date == date(2025, 7, 4), doc.date_note
    assert "Roe" not in doc.date_note


def test_a_year_written_of_the_past_is_a_floor_under_the_clues(gazetteer):
    # Ito was defense minister 2020-2022; the text recalls 2022, so not 2020 or 2021.
    text = "Talks\n\nOn May 2, Defense Minister Ito met his counterpart.\n\nThe drills of 2022 were larger.\n"
    doc = read_document("x.txt", text, gazetteer, today=TODAY)
    assert doc.date == date(2022, 5, 2), doc.date_note


def test_a_former_post_is_a_floor_not_a_term(gazetteer):
    """"former Secretary of State Roe" (2009-2013) is no clue that the story is of 2009-2013:
    it is of the years after, where Sato's term (2019-2021) puts it."""
    text = "Talks\n\nOn May 2, former Secretary of State Roe and Foreign Minister Sato met.\n"
    doc = read_document("x.txt", text, gazetteer, today=TODAY)
    assert doc.date is not None and doc.date.year == 2021
    text = "Talks\n\nOn May 2, former Secretary of State Roe spoke in Tokyo.\n"
    doc = read_document("x.txt", text, gazetteer, today=TODAY)
    assert doc.date is None or doc.date.year > 2013, doc.date_note


def test_a_yearless_dateline_with_no_clue_keeps_its_month_and_day_not_today():
    doc = read_document("x.txt", "Talks\n\nTokyo, Nov. 10 (Wire Press)--Ministers met.\n", today=TODAY)
    assert doc.date is None and doc.date_inferred
    assert doc.month_day == (11, 10)
    assert "Nov. 10" in doc.date_note


def test_a_deadline_ahead_is_not_the_documents_date():
    text = (
        "Coalition loses majority\n\nThe loss comes just ahead of an August 1 deadline.\n\n"
        "The prime minister spoke in Tokyo on July 21, 2025.\n"
    )
    doc = read_document("x.txt", text, today=TODAY)
    assert doc.date == date(2025, 7, 21)


def test_likely_plans_are_read_as_plans():
    (raw,) = [r for r in scan("The two sides are likely to hold talks on January 7.") if r.month]
    assert raw.future


REF_PRECISION = [
    # (failure class, sentence, ref, ref precision, expected (start, end) or None = left out)
    ("a yearless day in a document known to its year takes that year, even in a plan",
     "The ministers will meet on July 4.", date(2025, 1, 1), "year", (date(2025, 7, 4), date(2025, 7, 4))),
    ("a past yearless day in a document known to its year",
     "The ministers met on March 3.", date(2025, 1, 1), "year", (date(2025, 3, 3), date(2025, 3, 3))),
    ("a weekday needs the day: left out", "The ministers met on Tuesday.", date(2025, 1, 1), "year", None),
    ("'last month' needs the month: left out", "Drills ended last month.", date(2025, 1, 1), "year", None),
    ("'yesterday' in a document known to its month: left out", "Talks began yesterday.",
     date(2024, 6, 1), "month", None),
    ("a yearless day in a document known to its month", "Talks began on June 20.",
     date(2024, 6, 1), "month", (date(2024, 6, 20), date(2024, 6, 20))),
]


@pytest.mark.parametrize("case, text, ref, precision, expected", REF_PRECISION, ids=[c[0] for c in REF_PRECISION])
def test_dates_resolve_only_as_far_as_the_documents_date_is_known(case, text, ref, precision, expected):
    from bot.kb.dates import find_dates

    got = [(m.date_start, m.date_end) for m in find_dates(text, ref, precision)]
    assert got == ([expected] if expected else [])


def test_the_weekday_written_with_a_yearless_day_corrects_the_year_a_tense_would_give():
    from bot.kb.dates import find_dates

    # A plan after the document's date would be next year's July 21; a Friday, July 21 is 2023's.
    (m,) = find_dates("Missiles will be fired early on Friday, July 21.", date(2023, 7, 22))
    assert m.date_start == date(2023, 7, 21)


@pytest.mark.parametrize("text", ["Akazawa is meeting Lutnick this weekend.", "They met last weekend."])
def test_a_weekend_in_a_year_known_document_is_left_out(text):
    """A story known only to be of 2025 cannot place "this weekend": read against 1 January
    it became 4-5 January, a day the story never gave."""
    from bot.kb.dates import find_dates

    assert find_dates(text, date(2025, 1, 1), "year") == []


def test_a_past_day_in_a_year_known_document_is_not_a_plan():
    from bot.kb.dates import find_dates

    (m,) = find_dates("The ministers met on March 3.", date(2025, 1, 1), "year")
    assert not m.future


YEARLESS = [
    # (failure class, sentence, reference month/day, expected [(month, day, month_end, day_end)])
    ("a written day keeps its month and day", "The ministers met on Nov. 8 in Tokyo.", (11, 10),
     [(11, 8, 11, 8)]),
    ("yesterday counts back across a month end", "The talks ended yesterday.", (3, 1), [(2, 29, 2, 29)]),
    ("a range keeps both ends", "Drills run from Oct. 23 to Nov. 1.", (10, 20), [(10, 23, 11, 1)]),
    ("a bare month is the whole month", "The drills will be held in June.", (5, 2), [(6, None, 6, None)]),
    ("a weekday needs the year: left out", "The ministers met on Thursday.", (11, 10), []),
    ("a written year is not yearless", "The ministers met on Nov. 8, 2022.", (11, 10), []),
]


@pytest.mark.parametrize("case, text, month_day, expected", YEARLESS, ids=[c[0] for c in YEARLESS])
def test_dates_under_a_yearless_dateline_keep_month_and_day(case, text, month_day, expected):
    from bot.kb.dates import find_yearless

    got = [(m.month, m.day, m.month_end, m.day_end) for m in find_yearless(text, month_day)]
    assert got == expected


PLANS = [
    # (failure class, sentence, document date, the date it must resolve to, is it a plan)
    ("a headline's infinitive announces", "Japan's Self-Defense Forces to join U.S. drills in June",
     date(2024, 5, 24), date(2024, 6, 1), True),
    ("arrangements and 'as early as'", "Tokyo is making arrangements to hold talks as early as mid-August.",
     date(2017, 7, 12), date(2017, 8, 1), True),
    ("the present of a run's end is its schedule", "The drill, which began Sunday and ends Feb. 8, is large.",
     date(2020, 1, 28), date(2020, 2, 8), True),
    ("a month run into its day with a period", "Blinken met Hayashi on December.11 in Liverpool.",
     date(2021, 12, 15), date(2021, 12, 11), False),
    ("a purpose after a past verb is no plan", "Kishida flew to Washington to meet Biden on Jan. 13.",
     date(2023, 1, 14), date(2023, 1, 13), False),
    ("a purpose after a past -ed verb is no plan", "Kishida traveled to Washington to meet Biden on Jan. 13.",
     date(2023, 1, 14), date(2023, 1, 13), False),
]


@pytest.mark.parametrize("case, text, ref, expected, plan", PLANS, ids=[c[0] for c in PLANS])
def test_plans_are_read_from_their_shape(case, text, ref, expected, plan):
    from bot.kb.dates import find_dates

    last = find_dates(text, ref)[-1]
    assert (last.date_start, last.future) == (expected, plan)


WEEKDAY_AFTER = [
    # (failure class, text, expected (start, end) of the exercise fact's first date)
    ("a document dated by its latest yearless day: a weekday after it is the next such day",
     "Kite ends\n\nIron Kite 23 was a command post exercise. The forces began the exercise on "
     "June 1. It ended Thursday.\n", [date(2023, 6, 1), date(2023, 6, 1)]),
]


@pytest.mark.parametrize("case, text, expected", WEEKDAY_AFTER, ids=[c[0] for c in WEEKDAY_AFTER])
def test_a_weekday_in_a_document_dated_by_its_latest_day_comes_after_that_day(case, text, expected, gazetteer):
    from bot.kb.dates import find_dates

    doc = read_document("x.txt", text, gazetteer, today=TODAY)
    assert doc.date == expected[0] and doc.weekdays_after == expected[0], doc.date_note
    # June 1, 2023 was a Thursday: "It ended Thursday" is that day or a later one, never
    # the Thursday before the exercise began.
    (m,) = find_dates("It ended Thursday.", doc.date, "day", doc.weekdays_after)
    assert m.date_start >= doc.date and m.date_start.weekday() == 3 and not m.future
    (m,) = find_dates("The talks ended Friday.", doc.date, "day", doc.weekdays_after)
    assert m.date_start == date(2023, 6, 2)


def test_a_weekday_in_a_document_with_its_own_date_counts_back():
    from bot.kb.dates import find_dates

    (m,) = find_dates("The talks ended Friday.", date(2023, 6, 1))
    assert m.date_start == date(2023, 5, 26)


UNDATED_FACTS = [
    # (failure class, text, the words the undated fact's summary must carry)
    ("a day and month with no year anywhere: kept as the text gives it",
     "Air forces train\n\nOn 14 Mar, JASDF and U.S. Air Force fighters conducted bilateral training "
     "over the Sea of Japan to strengthen the alliance.\n",
     "The text gives 14 March and no year."),
]


@pytest.mark.parametrize("case, text, words", UNDATED_FACTS, ids=[c[0] for c in UNDATED_FACTS])
def test_an_undated_fact_keeps_the_month_and_day_its_text_gives(case, text, words):
    from bot.kb.entities import default_gazetteer
    from bot.kb.extract.facts import extract_document

    gaz = default_gazetteer()
    doc = read_document("x.txt", text, gaz, today=TODAY)
    assert doc.date is None, doc.date_note
    (f,) = extract_document(doc, gaz)
    assert f.date_start is None and words in f.summary


def test_a_year_picked_from_several_consistent_ones_says_the_others(gazetteer):
    # Sato was foreign minister 2019-2021 and nothing else in the text narrows it: the most
    # recent year is taken, and the note says which others fit.
    doc = read_document("x.txt", "Talks\n\nForeign Minister Sato held talks in Tokyo.\n", gazetteer, today=TODAY)
    assert (doc.date, doc.date_precision) == (date(2021, 1, 1), "year")
    assert "2019, 2020 also consistent" in doc.date_note


def test_a_pictures_caption_date_is_no_anchor_for_the_story():
    # An archive picture's caption ("..., May 17, 2022. (Jo Roe/U.S. Marine Corps)") says when
    # the picture was taken: the story's "June 15" is not placed in 2022 by it.
    text = ("Drills ahead\n\nMarines train with allies at a range in Queensland, Australia, May 17, 2022. "
            "(Jo Roe/U.S. Marine Corps)\n\nThe drills run between June 15 and mid-July, a spokesman said.\n")
    doc = read_document("x.txt", text, today=TODAY)
    assert doc.date is None, doc.date_note
    # Without the credit it is a sentence of the story, and dates it.
    doc = read_document("x.txt", text.replace(" (Jo Roe/U.S. Marine Corps)", ""), today=TODAY)
    assert doc.date is not None and doc.date.year == 2022
