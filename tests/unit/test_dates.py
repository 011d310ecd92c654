"""The temporal grammar: what a reader would take each date in a news sentence to mean."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.kb.dates import DateMention, find_dates, fiscal_year_range, month_range, scan

D = date.fromisoformat

# (sentence, ref, [(mention text, start, end, precision, flags)]). Flags: "D" deadline,
# "F" future. The expected list is complete: any extra mention fails the test.
CASES = [
    # a deadline the event comes before: "ahead of July 9", "the August 1 tariff deadline"
    ("Akazawa talked with Lutnick ahead of July 9.", "2025-06-30",
     [("July 9", "2025-07-09", "2025-07-09", "day", "DF")]),
    ("Negotiators aim to finalize a deal before a looming August 1 tariff deadline.", "2025-07-23",
     [("August 1", "2025-08-01", "2025-08-01", "day", "DF")]),
    # "this past weekend" is the last one ("over the weekend" is left alone: a wire story
    # filed days later may mean the Friday before it, and another report's day is better)
    ("Nakatani met Austin this past weekend in Tokyo.", "2024-11-11",
     [("this past weekend", "2024-11-09", "2024-11-10", "week", "")]),
    ("Nakatani met Austin this past week in Tokyo.", "2024-11-11",
     [("this past week", "2024-11-04", "2024-11-10", "week", "")]),
    # days, with and without a year
    ("Kishida met Paparo in Tokyo May 29.", "2024-05-31",
     [("May 29", "2024-05-29", "2024-05-29", "day", "")]),
    ("Milley met Hamada on July 14.", "2023-07-20",
     [("July 14", "2023-07-14", "2023-07-14", "day", "")]),
    ("Garrant led the U.S. in the July 13 talks.", "2023-07-20",
     [("July 13", "2023-07-13", "2023-07-13", "day", "")]),
    ("On 19 April 2019, the committee convened in Washington.", "2019-04-19",
     [("19 April 2019", "2019-04-19", "2019-04-19", "day", "")]),
    ("The digest was published May 31, 2024.", "2024-05-31",
     [("May 31, 2024", "2024-05-31", "2024-05-31", "day", "")]),
    ("The record is dated 2024-05-29.", "2024-06-30",
     [("2024-05-29", "2024-05-29", "2024-05-29", "day", "")]),
    ("The talks ended Tuesday, May 28, 2024, in Tokyo.", "2024-05-31",
     [("Tuesday, May 28, 2024", "2024-05-28", "2024-05-28", "day", "")]),
    ("They met on the 19th of April.", "2019-05-02",
     [("the 19th of April", "2019-04-19", "2019-04-19", "day", "")]),
    # day ranges
    ("The Dialogue met in Washington, DC on August 26 and 27, 2024.", "2024-08-27",
     [("August 26 and 27, 2024", "2024-08-26", "2024-08-27", "day", "")]),
    ("The exercise ran Oct. 23 to Nov. 1.", "2024-11-10",
     [("Oct. 23 to Nov. 1", "2024-10-23", "2024-11-01", "day", "")]),
    ("Drills were held July 10-14 off Okinawa.", "2024-08-01",
     [("July 10-14", "2024-07-10", "2024-07-14", "day", "")]),
    ("The talks took place from June 5 through June 9.", "2024-06-20",
     [("June 5 through June 9", "2024-06-05", "2024-06-09", "day", "")]),
    ("The drill ran Dec. 28 to Jan. 3.", "2025-01-10",
     [("Dec. 28 to Jan. 3", "2024-12-28", "2025-01-03", "day", "")]),
    ("The drills ran 26-27 August 2024.", "2024-09-01",
     [("26-27 August 2024", "2024-08-26", "2024-08-27", "day", "")]),
    # a yearless date after the document's month and day lies in the previous year
    ("The destroyers sailed together on Dec. 28.", "2025-01-10",
     [("Dec. 28", "2024-12-28", "2024-12-28", "day", "")]),
    # months
    ("The exercise was at the Philippine Sea in June, 2023.", "2023-07-20",
     [("June, 2023", "2023-06-01", "2023-06-30", "month", "")]),
    ("Raymond visited Japan in October 2022.", "2023-07-20",
     [("October 2022", "2022-10-01", "2022-10-31", "month", "")]),
    ("They followed the April 2024 Joint Leaders' Statement.", "2024-08-27",
     [("April 2024", "2024-04-01", "2024-04-30", "month", "")]),
    ("In March, ISC founded a US subsidiary.", "2024-05-31",
     [("March", "2024-03-01", "2024-03-31", "month", "")]),
    ("In March, ISC founded a US subsidiary.", "2024-02-10",
     [("March", "2023-03-01", "2023-03-31", "month", "")]),
    ("The commanders went to Hawaii in mid-July for talks.", "2023-07-25",
     [("mid-July", "2023-07-01", "2023-07-31", "month", "")]),
    ("Early July saw the first flights; late July the second.", "2023-08-05",
     [("Early July", "2023-07-01", "2023-07-31", "month", ""),
      ("late July", "2023-07-01", "2023-07-31", "month", "")]),
    ("The review is due by the end of July.", "2023-06-05",
     [("the end of July", "2023-07-01", "2023-07-31", "month", "DF")]),
    ("The armies plan to hold Orient Shield across Japan in September this year.",
     "2023-07-20", [("September this year", "2023-09-01", "2023-09-30", "month", "F")]),
    ("It was the second such drill after April 17.", "2023-07-20",
     [("April 17", "2023-04-17", "2023-04-17", "day", "")]),
    ("The reply must come no later than June.", "2024-05-02",
     [("June", "2024-06-01", "2024-06-30", "month", "DF")]),
    ("Leaders met at the April summit in Washington.", "2024-05-31",
     [("April", "2024-04-01", "2024-04-30", "month", "")]),
    ("Japan held its first such exercise last March.", "2024-05-31",
     [("last March", "2024-03-01", "2024-03-31", "month", "")]),
    ("Japan hosts the summit from June to August 2025.", "2024-05-31",
     [("June to August 2025", "2025-06-01", "2025-08-31", "month", "F")]),
    # plan context decides the year of a yearless date
    ("Separately, Kihara announced May 24 that Japan will join the exercise Valiant "
     "Shield (focused on joint training) for the first time in June.", "2024-05-31",
     [("May 24", "2024-05-24", "2024-05-24", "day", ""),
      ("June", "2024-06-01", "2024-06-30", "month", "F")]),
    ("Japan joined the exercise Valiant Shield in June.", "2024-05-31",
     [("June", "2023-06-01", "2023-06-30", "month", "")]),
    ("The talks are scheduled for May 3.", "2024-05-31",
     [("May 3", "2025-05-03", "2025-05-03", "day", "F")]),
    ("North Korea notified its neighbours of its [intention](#) to launch a satellite "
     "before June 4.", "2024-05-31",
     [("June 4", "2024-06-04", "2024-06-04", "day", "DF")]),
    # years
    ("Both sides will hold the Tenth meeting of the Dialogue in Japan in 2025.",
     "2024-08-27", [("2025", "2025-01-01", "2025-12-31", "year", "F")]),
    ("The US discontinued the effort in 2025.", "2024-08-27",
     [("2025", "2025-01-01", "2025-12-31", "year", "F")]),
    ("ATLA began its project in 2016.", "2024-05-31",
     [("2016", "2016-01-01", "2016-12-31", "year", "")]),
    ("They aim to fly a reusable rocket by 2030.", "2024-05-31",
     [("2030", "2030-01-01", "2030-12-31", "year", "DF")]),
    ("They reaffirmed cooperation set by the 2023 Camp David Summit.", "2024-05-31",
     [("2023", "2023-01-01", "2023-12-31", "year", "")]),
    ("Output is to double by mid-2026.", "2024-05-31",
     [("mid-2026", "2026-01-01", "2026-12-31", "year", "DF")]),
    ("The buildup runs from 2023 to 2027.", "2024-05-31",
     [("2023 to 2027", "2023-01-01", "2027-12-31", "year", "")]),
    # Japanese fiscal years
    ("The first offshore firing came in fiscal 2023.", "2024-05-31",
     [("fiscal 2023", "2023-04-01", "2024-03-31", "year", "")]),
    ("The FY2023 budget funds it.", "2024-05-31",
     [("FY2023", "2023-04-01", "2024-03-31", "year", "")]),
    ("Funds come in FY 2024.", "2024-05-31",
     [("FY 2024", "2024-04-01", "2025-03-31", "year", "")]),
    ("Spending rises in the current fiscal year.", "2024-02-10",
     [("the current fiscal year", "2023-04-01", "2024-03-31", "year", "")]),
    # relative to the document date
    ("China fired its railgun last year.", "2024-05-31",
     [("last year", "2023-01-01", "2023-12-31", "year", "")]),
    ("Output doubled this year.", "2024-05-31",
     [("this year", "2024-01-01", "2024-12-31", "year", "")]),
    ("Japan hosts the summit next year.", "2024-05-31",
     [("next year", "2025-01-01", "2025-12-31", "year", "F")]),
    ("The ministers met last month.", "2024-05-31",
     [("last month", "2024-04-01", "2024-04-30", "month", "")]),
    ("Talks resume this month.", "2024-05-31",
     [("this month", "2024-05-01", "2024-05-31", "month", "")]),
    ("Talks resume next month.", "2024-12-15",
     [("next month", "2025-01-01", "2025-01-31", "month", "F")]),
    ("The ships docked earlier this month.", "2024-05-31",
     [("earlier this month", "2024-05-01", "2024-05-31", "month", "")]),
    ("The U.S. and Japan held their first talks last week.", "2023-07-20",
     [("last week", "2023-07-10", "2023-07-16", "week", "")]),
    ("They meet this week.", "2023-07-20",
     [("this week", "2023-07-17", "2023-07-23", "week", "")]),
    ("They meet next week.", "2023-07-20",
     [("next week", "2023-07-24", "2023-07-30", "week", "F")]),
    ("The minister arrived yesterday.", "2024-03-01",
     [("yesterday", "2024-02-29", "2024-02-29", "day", "")]),
    ('Marcos said, "we meet today as friends."', "2024-05-31",
     [("today", "2024-05-31", "2024-05-31", "day", "")]),
    ("The minister leaves tomorrow.", "2024-12-31",
     [("tomorrow", "2025-01-01", "2025-01-01", "day", "F")]),
    ("The treaty was signed 15 years ago.", "2024-05-31",
     [("15 years ago", "2009-01-01", "2009-12-31", "year", "")]),
    # weekdays: before the document date in a report, after it in a plan
    ("The ministers met on Tuesday.", "2024-05-31",
     [("Tuesday", "2024-05-28", "2024-05-28", "day", "")]),
    ("The ministers will meet on Tuesday.", "2024-05-31",
     [("Tuesday", "2024-06-04", "2024-06-04", "day", "F")]),
    ("The ministers met last Friday.", "2024-05-31",
     [("last Friday", "2024-05-24", "2024-05-24", "day", "")]),
    ("Japan will host the U.S. delegation in June.", "2024-05-31",
     [("June", "2024-06-01", "2024-06-30", "month", "F")]),
    ("The talks will be held in June.", "2024-05-31",
     [("June", "2024-06-01", "2024-06-30", "month", "F")]),
    # a document dated only to its month, given as the month's first day
    ("The Space Engagement Talks were held on July 13.", "2023-07-01",
     [("July 13", "2023-07-13", "2023-07-13", "day", "F")]),
    # a day of the year before or of this one: one date, not a yearless day and a year
    ("On December 16th of last year, Japan unveiled new strategies.", "2023-01-20",
     [("December 16th of last year", "2022-12-16", "2022-12-16", "day", "")]),
    ("The pact was signed the 3rd of March last year.", "2023-01-20",
     [("the 3rd of March last year", "2022-03-03", "2022-03-03", "day", "")]),
    ("A launch is planned for December 16 this year.", "2023-01-20",
     [("December 16 this year", "2023-12-16", "2023-12-16", "day", "F")]),
    # a cue carries along a list
    ("Exports grew in 2022 and 2023.", "2024-05-31",
     [("2022", "2022-01-01", "2022-12-31", "year", ""),
      ("2023", "2023-01-01", "2023-12-31", "year", "")]),
    ("Drills were held in April and May.", "2024-05-31",
     [("April", "2024-04-01", "2024-04-30", "month", ""),
      ("May", "2024-05-01", "2024-05-31", "month", "")]),
    # a document with no year anywhere resolves against its own date
    ("The talks were held on March 3 and the exercise began in April.", "2021-06-01",
     [("March 3", "2021-03-03", "2021-03-03", "day", ""),
      ("April", "2021-04-01", "2021-04-30", "month", "")]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "ref", "expected"), CASES)
def test_find_dates_resolves_what_a_reader_would(sentence, ref, expected):
    mentions = find_dates(sentence, D(ref))
    got = [
        (
            m.text,
            m.date_start.isoformat(),
            m.date_end.isoformat(),
            m.precision,
            ("D" if m.deadline else "") + ("F" if m.future else ""),
        )
        for m in mentions
    ]
    assert got == expected
    for m in mentions:
        assert sentence[m.start : m.end] == m.text


NOT_DATES = [
    "The 7th Fleet sailed from Yokosuka.",
    "Keen Sword 25 involved both navies.",
    "Article 5 covers the Senkaku Islands.",
    "Article V of the treaty applies.",
    "The 2+2 ministers agreed on a plan.",
    "Japan is buying the F-35 fighter.",
    "The deal is worth $1.5 billion.",
    "The US spent $500 million on its development.",
    "About 2,500 troops took part.",
    "The program ran for 15 years.",
    "The projectile reached Mach 5 and 9 miles into the atmosphere.",
    "They agreed to cooperate in 16 areas.",
    "39 Japanese and U.S. companies joined.",
    "It marks the 10th anniversary of the accord.",
    "US-Japan Alliance Digest Vol: 3.10",
    "ASCA-1 is Japan's first reusable rocket.",
    "G7 leaders met.",
    "UNSCR 2397 restricts oil imports.",
    "The ministers may meet again soon.",
    "May the alliance prosper.",
    "The troops march to the port.",
    "Wait a second before firing.",
    "He joined the 7th as a young officer.",
    "A force of 2000 troops deployed.",
    "UNSCR 2087 and 2094 apply.",
    "Stores opened early on Black Friday.",
    "The book by June Smith sold well.",
    "USA Today reported the deal.",
    "They met in the 1990s.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_numbers_and_words_that_are_not_dates(sentence):
    assert find_dates(sentence, D("2024-05-31")) == []
    assert scan(sentence) == []


def test_yearless_date_in_scan_has_no_year():
    [raw] = scan("Garrant led the U.S. in the July 13 talks.")
    assert (raw.text, raw.year, raw.month, raw.day, raw.precision) == (
        "July 13",
        None,
        7,
        13,
        "day",
    )
    assert not raw.relative and not raw.future


@pytest.mark.parametrize(
    ("sentence", "text", "year", "month", "day", "precision", "future", "relative"),
    [
        ("Raymond visited in October 2022.", "October 2022", 2022, 10, None, "month", False, False),
        ("On 19 April 2019, they met.", "19 April 2019", 2019, 4, 19, "day", False, False),
        ("It flew in fiscal 2023.", "fiscal 2023", 2023, None, None, "year", False, False),
        ("They held talks last week.", "last week", None, None, None, "day", False, True),
        ("Japan will join in June.", "June", None, 6, None, "month", True, False),
        ("They plan to drill in September this year.", "September this year", None, 9, None,
         "month", True, True),
        ("The ministers met on Tuesday.", "Tuesday", None, None, None, "day", False, True),
        # (no yearless day: the year is the one before the reader's)
        ("It began on March 3 last year.", "March 3 last year", None, 3, None, "day", False, True),
        ("It ran Oct. 23 to Nov. 1, 2024.", "Oct. 23 to Nov. 1, 2024", 2024, 10, 23, "day",
         False, False),
    ],
)  # fmt: skip
def test_scan_reports_what_the_words_alone_pin_down(
    sentence, text, year, month, day, precision, future, relative
):
    [raw] = scan(sentence)
    assert raw.text == text == sentence[raw.start : raw.end]
    assert (raw.year, raw.month, raw.day, raw.precision) == (year, month, day, precision)
    assert (raw.future, raw.relative) == (future, relative)


def test_scan_and_find_dates_see_the_same_expressions():
    text = (
        "Kihara announced May 24 that Japan will join Valiant Shield in June. "
        "The first firing came in fiscal 2023, and China tested a railgun last year."
    )
    spans = [(r.start, r.end) for r in scan(text)]
    assert spans == [(m.start, m.end) for m in find_dates(text, D("2024-05-31"))]
    assert len(spans) == 4


def test_a_paragraph_keeps_offsets_and_order():
    text = (
        "- PM Kishida met Admiral Paparo in Tokyo May 29. Separately, Kihara announced May 24 "
        "that Japan will join Valiant Shield for the first time in June.\n"
        "- In March, ISC founded a US subsidiary to fly a reusable rocket by 2030."
    )
    mentions = find_dates(text, D("2024-05-31"))
    assert [m.text for m in mentions] == ["May 29", "May 24", "June", "March", "2030"]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_invalid_calendar_days_are_not_dates():
    assert find_dates("They met on February 30 and April 31.", D("2024-05-31")) == []
    [leap] = find_dates("They met on February 29.", D("2023-05-31"))
    assert leap.date_start == D("2020-02-29")


def test_helpers():
    assert month_range(2024, 2) == (D("2024-02-01"), D("2024-02-29"))
    assert fiscal_year_range(2023) == (D("2023-04-01"), D("2024-03-31"))


_DATEISH = st.sampled_from(
    [
        "May", "may", "29", "2024", "in", "by", "fiscal", "FY", "Oct.", "to", "-", "–", "and",
        "last", "next", "week", "year", "Tuesday", "mid-", "the end of", ",", ".", "\n",
        "2+2", "$", "7th", "Article", "ago", "15", "will", "30", "Feb", "02", "/",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_DATEISH, st.text(max_size=12)), max_size=40).map(" ".join),
    st.dates(),
)
def test_find_dates_never_raises_and_offsets_hold(text, ref):
    mentions = find_dates(text, ref)
    for m in mentions:
        assert isinstance(m, DateMention)
        assert text[m.start : m.end] == m.text
        assert m.date_start <= m.date_end
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))
    for r in scan(text):
        assert text[r.start : r.end] == r.text
