"""The query language: what users type into /meetings, /exercises, /space and /lookup."""

from __future__ import annotations

import pytest

from commands import exercises, help, lookup, meetings, space
from commands.errors import UsageError
from commands.query import describe_dates, parse_query

# (text, words, since, until, page)
VALID = [
    ("", [], None, None, 1),
    ("paparo", ["paparo"], None, None, 1),
    ("  kishida   paparo ", ["kishida", "paparo"], None, None, 1),
    ("2023", [], "2023-01-01", "2023-12-31", 1),
    ("2024-05", [], "2024-05-01", "2024-05-31", 1),
    ("2024-02", [], "2024-02-01", "2024-02-29", 1),
    ("2024-5", [], "2024-05-01", "2024-05-31", 1),
    ("2024-05-29", [], "2024-05-29", "2024-05-29", 1),
    ("tokyo 2024-05", ["tokyo"], "2024-05-01", "2024-05-31", 1),
    ("since:2024", [], "2024-01-01", None, 1),
    ("since:2024-03", [], "2024-03-01", None, 1),
    ("until:2023", [], None, "2023-12-31", 1),
    ("until:2024-02", [], None, "2024-02-29", 1),
    ("since:2023-06-15 until:2024-01", [], "2023-06-15", "2024-01-31", 1),
    ("SINCE:2023 Until:2023", [], "2023-01-01", "2023-12-31", 1),
    ("since: 2024", [], "2024-01-01", None, 1),
    ("2023 since:2023-07", [], "2023-07-01", "2023-12-31", 1),
    ("2022 2024", [], "2022-01-01", "2024-12-31", 1),
    ("2+2", ["2+2"], None, None, 1),
    ("2+2 2023", ["2+2"], "2023-01-01", "2023-12-31", 1),
    ("keen sword 25", ["keen", "sword", "25"], None, None, 1),
    ("F-35 7th fleet", ["F-35", "7th", "fleet"], None, None, 1),
    ('"valiant shield" guam', ["valiant shield", "guam"], None, None, 1),
    ("\u201cvaliant shield\u201d", ["valiant shield"], None, None, 1),
    ('"unbalanced quote', ["unbalanced", "quote"], None, None, 1),
    ("paparo page:2", ["paparo"], None, None, 2),
    ("re:invent", ["re:invent"], None, None, 1),
    ("<@U123|ann> paparo", ["ann", "paparo"], None, None, 1),
    ("<https://example.org|Camp David>", ["Camp", "David"], None, None, 1),
    ("1600", ["1600"], None, None, 1),  # not a plausible year: a number to search for
]


@pytest.mark.parametrize("text,words,since,until,page", VALID)
def test_valid_queries(text, words, since, until, page):
    q = meetings.parse(text)
    assert (q.words, q.since, q.until, q.page) == (words, since, until, page)
    assert q.command == "meetings"


# (text, words in the message or hint)
INVALID = [
    ("since:yesterdayish", "not a date"),
    ("until:2024-13", "no month 13"),
    ("2024-13", "no month 13"),
    ("2024-02-30", "29 days"),
    ("2023-02-29", "28 days"),
    ("since:2024 until:2023", "is after"),
    ("2024 until:2023-06", "is after"),
    ("since:2025-01-01 2024", "is after"),
    ("since:", "needs a value"),
    ("page:0", "not a page"),
    ("page:two", "not a page"),
    ("sinse:2024", "since:"),
    ("untill:2023", "until:"),
    ("since:1066", "between"),
    (" ".join(f"w{i}" for i in range(30)), "at most"),
]


@pytest.mark.parametrize("text,expected", INVALID)
def test_bad_filters_are_usage_errors_with_a_hint(text, expected):
    with pytest.raises(UsageError) as exc:
        exercises.parse(text)
    err = exc.value
    assert expected in err.message + " " + (err.hint or "") + " " + " ".join(err.suggestions)
    assert err.hint, "every usage error tells the user what to type instead"


def test_misspelt_filter_suggests_the_right_one():
    with pytest.raises(UsageError) as exc:
        space.parse("sinse:2024-05")
    assert exc.value.suggestions == ["since:2024-05"]


@pytest.mark.parametrize(
    "module,text,words",
    [
        (meetings, "who met paparo", ["who", "paparo"]),  # "met" says nothing in /meetings
        (exercises, "exercise valiant shield", ["valiant", "shield"]),
        (space, "space force", ["space", "force"]),  # "space" is part of names here
    ],
)
def test_words_every_answer_implies_are_dropped(module, text, words):
    assert module.parse(text).words == words


def test_quoted_words_are_never_dropped_or_read_as_filters():
    q = meetings.parse('"meeting" "2023"')
    assert q.words == ["meeting", "2023"]
    assert q.since is None and q.until is None


@pytest.mark.parametrize(
    "since,until,text",
    [
        ("2023-01-01", "2023-12-31", "in 2023"),
        ("2024-05-01", "2024-05-31", "in May 2024"),
        ("2024-05-29", "2024-05-29", "on 29 May 2024"),
        ("2024-01-01", None, "since 2024-01-01"),
        (None, "2023-12-31", "until 2023-12-31"),
        ("2023-06-15", "2024-01-31", "from 2023-06-15 to 2024-01-31"),
        (None, None, ""),
    ],
)
def test_date_descriptions(since, until, text):
    assert describe_dates(since, until) == text


@pytest.mark.parametrize(
    "text,words,page",
    [
        ("who is the new INDOPACOM commander", ["who", "is", "the", "new", "INDOPACOM", "commander"], 1),
        ("what happened in 2023", ["what", "happened", "in", "2023"], 1),  # a year is a word here
        ("reusable rocket page:2", ["reusable", "rocket"], 2),
        ("<@U1> where is Valiant Shield held?", ["where", "is", "Valiant", "Shield", "held?"], 1),
    ],
)
def test_lookup_parse(text, words, page):
    q = lookup.parse(text)
    assert (q.words, q.page) == (words, page)


@pytest.mark.parametrize("text", ["", "   ", "who is the", "page:2", "?"])
def test_lookup_needs_a_question(text):
    with pytest.raises(UsageError) as exc:
        lookup.parse(text)
    assert exc.value.hint


def test_lookup_bad_page():
    with pytest.raises(UsageError):
        lookup.parse("paparo page:x")


def test_help_parse_keeps_words():
    assert help.parse("help meetings").words == ["help", "meetings"]
    assert help.parse("").words == []


def test_same_language_for_the_three_fact_commands():
    for module in (meetings, exercises, space):
        q = module.parse("tokyo since:2024-01 until:2024-06")
        assert (q.words, q.since, q.until) == (["tokyo"], "2024-01-01", "2024-06-30")
    assert parse_query("space", "2024").command == "space"
