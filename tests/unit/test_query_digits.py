"""Full-width input is read as ASCII (issue 18); any other non-ASCII digit is refused with a
hint (issue 13).

A Japanese keyboard types "ｐａｇｅ：２" and the ideographic space, and people mean page 2.
"²", "①" or Arabic-Indic digits are no number anyone types on purpose: once NFKC read
`page:²` as page 2; now the user is told to write 0-9.
"""

from __future__ import annotations

import pytest

from commands import exercises, lookup, meetings, space
from commands.errors import UsageError
from commands.query import clean_text

FULL_WIDTH_TEXT = [
    ("ｐａｇｅ：２", "page:2"),
    ("ｓｉｎｃｅ：２０２４－０５", "since:2024-05"),
    ("岸田\u3000ｐａｐａｒｏ", "岸田 paparo"),
    ("ＰＡＰＡＲＯ！", "PAPARO!"),
    ("\uff02valiant shield\uff02", '"valiant shield"'),
    # outside U+FF01-U+FF5E and U+3000 nothing changes: no digit appears from elsewhere
    ("page:²", "page:²"),
    ("page:①", "page:①"),
    ("since:٢٠٢٤", "since:٢٠٢٤"),
    ("ﾊﾟﾊﾟﾛ", "ﾊﾟﾊﾟﾛ"),
]


@pytest.mark.parametrize("typed, read", FULL_WIDTH_TEXT)
def test_only_full_width_forms_are_read_as_ascii(typed, read):
    assert clean_text(typed) == read


# (typed, words, since, until, page)
FULL_WIDTH_QUERIES = [
    ("岸田\u3000since：２０２４", ["岸田"], "2024-01-01", None, 1),
    ("ｐａｐａｒｏ\u3000ｐａｇｅ：２", ["paparo"], None, None, 2),
    ("ｕｎｔｉｌ：２０２３－０２", [], None, "2023-02-28", 1),
    ("ｔｏｋｙｏ ２０２４－０５－２９", ["tokyo"], "2024-05-29", "2024-05-29", 1),
    ("ＰＡＧＥ：３ kishida", ["kishida"], None, None, 3),
]


@pytest.mark.parametrize("module", [meetings, exercises, space], ids=lambda m: m.__name__)
@pytest.mark.parametrize("typed, words, since, until, page", FULL_WIDTH_QUERIES)
def test_full_width_queries_parse_like_ascii(module, typed, words, since, until, page):
    q = module.parse(typed)
    assert (q.words, q.since, q.until, q.page) == (words, since, until, page)


ODD = [
    ("superscript", "page:²"),
    ("circled", "page:①"),
    ("arabic-indic page", "page:٣"),
    ("arabic-indic year", "since:٢٠٢٤"),
    ("extended arabic-indic", "until:۲۰۲۴"),
    ("devanagari", "२०२४"),
    ("mathematical bold", "paparo 𝟐𝟎𝟐𝟒"),
    ("superscript in a date", "since:2024-0⁵"),
    ("circled word", "paparo ①"),
    ("quoted", '"keen sword ②"'),
]


@pytest.mark.parametrize("module", [meetings, exercises, space], ids=lambda m: m.__name__)
@pytest.mark.parametrize("case, typed", ODD, ids=[c for c, _ in ODD])
def test_other_non_ascii_digits_get_a_usage_hint(module, case, typed):
    with pytest.raises(UsageError) as err:
        module.parse(typed)
    assert "not a digit" in err.value.message and "0-9" in err.value.hint


@pytest.mark.parametrize("typed", ["paparo page:²", "paparo page:①", "paparo page:٣", "paparo page:𝟐"])
def test_lookup_refuses_odd_page_digits(typed):
    with pytest.raises(UsageError) as err:
        lookup.parse(typed)
    assert "not a digit" in err.value.message and "page:2" in err.value.hint


def test_lookup_reads_a_full_width_page_and_keeps_odd_digits_in_a_question_as_words():
    assert lookup.parse("ｐａｐａｒｏ ｐａｇｅ：２").page == 2
    # A whole message may be the question (Find sources): "km²" in it is a word, not a number.
    assert lookup.parse("airfield of 3 km² near Naha").words
