"""Reading a document: text, its own metadata, and its passages with page furniture flagged.

Documents arrive as text copied from web pages, newsletters and statement databases,
so the metadata is read from whatever the document says about itself (a header block,
a date line under the title, a byline, a dateline) and the page furniture around the
article (banners, "Check Also" boxes, image credits, subscription lines) is flagged
rather than deleted: offsets stay true to the original file, and later stages skip it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise

from bot.kb.dates import (
    TOOK_OFFICE,
    a_year_later,
    month_range,
    scan,
    took_office_month,
    valid_day,
    weekday_years,
)
from bot.kb.editions import (
    LEDE_WEEKDAY,
    MeetingDay,
    astronaut_missions,
    calendar_day,
    calendar_month,
    captioned_event_day,
    dated_event_day,
    edition_clues,
    in_caption,
    meeting_day,
    named_edition_day,
    sentence_bounds,
)
from bot.kb.entities import PAIR_JOIN, day_starts, month_starts, periods_of, role_periods
from bot.kb.formats.frontmatter import front_matter  # the one front-matter parser
from bot.kb.sentences import bounded_pieces, split_sentences

MAX_PASSAGE = 5000  # characters; the longest paragraph in the seeds and evaluation texts is under 1,200


@dataclass
class PassageRecord:
    seq: int
    start: int  # character offsets into DocumentRecord.text
    end: int
    text: str
    furniture: bool = False
    furniture_reason: str | None = None


@dataclass
class DocumentRecord:
    id: str  # the file name
    text: str
    title: str
    date: date | None
    date_inferred: bool
    date_note: str | None = None
    date_precision: str | None = None  # day | month | year: how much of `date` is known
    # A stated month and day whose year nothing in the text settles ("Tokyo, Nov. 10 (Jiji
    # Press)--" alone): kept so later stages can say "Nov. 10, year unknown" instead of guessing.
    month_day: tuple[int, int] | None = None
    # A document dated by the latest day it writes was written after that day: a weekday it
    # names alone ("It ended Thursday") is the first such weekday after this one.
    weekdays_after: date | None = None
    # The calendar meeting the document's date was read from (who met where): its day and
    # the venue the story names. A meeting there that the story gives no day of its own is on it.
    met_at: tuple[date, str] | None = None
    # "NEWS | Nov. 5, 2015 ... TOKYO, November 4, 2015 — ... met here today": a story filed
    # under a dateline a day or two before it was published tells its "today" from there.
    told_on: date | None = None
    # A document known only to its year whose office-holders share a few months ("President-
    # elect Trump" and "Ambassador Emanuel": November 2024 to January 2025): the first and last
    # day of those months, which tell apart two editions of a series held that year.
    term_window: tuple[date, date] | None = None
    url: str | None = None
    source: str | None = None
    place: str | None = None
    byline: str | None = None
    encoding: str = "utf-8"
    passages: list[PassageRecord] = field(default_factory=list)

    @property
    def body(self) -> list[PassageRecord]:
        """The passages that are the document itself, not page furniture."""
        return [p for p in self.passages if not p.furniture]


# --- passages ------------------------------------------------------------------------

_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_ENDS_CLAUSE = re.compile(r"[.!?:;\"”’)\]]\s*$")


def split_passages(text: str) -> list[PassageRecord]:
    """Paragraphs with offsets into `text`.

    Blank lines separate blocks. Inside a block a line is its own passage (pages copied
    from the web put one paragraph per line) unless it looks hard-wrapped: a longish line
    that does not end a clause, followed by a line that is not a list item.
    """
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append((pos, pos + len(body)))
        pos += len(raw)

    passages: list[PassageRecord] = []
    current: tuple[int, int] | None = None

    def flush() -> None:
        nonlocal current
        if current is not None:
            # A block longer than MAX_PASSAGE (a page pasted without line breaks) becomes
            # several passages, cut at sentence ends: every later stage and every answer
            # that quotes a passage stays bounded.
            for s, e in bounded_pieces(text, MAX_PASSAGE, *current):
                chunk = text[s:e]
                lead = len(chunk) - len(chunk.lstrip())
                trail = len(chunk) - len(chunk.rstrip())
                s, e = s + lead, e - trail
                if e > s:
                    passages.append(PassageRecord(len(passages), s, e, text[s:e]))
        current = None

    prev = ""  # the passage's last line (not re-split from the passage: that was quadratic)
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            flush()
            continue
        if current is not None:
            wrapped = (
                len(prev.strip()) >= 40
                and not _ENDS_CLAUSE.search(prev)
                and not _LIST_ITEM.match(line)
            )
            if wrapped:
                current = (current[0], end)
                prev = line
                continue
            flush()
        current = (start, end)
        prev = line
    flush()
    return passages


# --- page furniture ----------------------------------------------------------------------

_FURNITURE_LINE = [
    (re.compile(r"^\s*\[(?:title|date|source|place|notes|full text|author)\]", re.I), "metadata header"),
    (re.compile(r"\bbanner\b", re.I), "banner"),
    (re.compile(r"^\s*(?:advertisement|sponsored( content)?|skip to (?:main )?content)\b", re.I), "advertising/navigation"),
    (re.compile(r"^\s*(?:image|photo|picture)\s*(?:source|credit)s?\s*:", re.I), "image credit"),
    (re.compile(r"\b(?:photograph|photo|image)s?\s+(?:courtesy|credit)\b", re.I), "image credit"),
    (re.compile(r"(?:©|\bcopyright\b|all rights reserved)", re.I), "copyright"),
    (re.compile(r"\bcookies?\b.*\b(?:accept|consent|policy|use)\b", re.I), "cookie notice"),
    (re.compile(r"^\s*(?:share(?: this)?(?: on)?|follow us|print|email this)\s*:?\s*$", re.I), "sharing links"),
    (re.compile(r"(?:\|[^|]{1,30}){3,}"), "navigation"),
    (re.compile(r"^\s*editor['’]s note\s*:", re.I), "editor's note"),
    (re.compile(r"^\s*[Bb]y\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|,))*\s*$"), "byline"),
    (re.compile(r"\b(?:subscribe|sign up|to receive)\b.*(?:@|newsletter|email)", re.I), "subscription"),
    (re.compile(r"^\s*(?:headlines|in this issue|contents|details)\s*:?\s*$", re.I), "section heading"),
]
# A marker after which the rest of the page is another story or a list of them.
_TRAILER = re.compile(
    r"^\s*(?:check also|related (?:stories|articles|posts|news|coverage)|read (?:more|next|also)|"
    r"you (?:may|might) also like|more from|recommended(?: for you)?|most read|trending)\s*:?\s*$",
    re.I,
)
_TOC_HEADING = re.compile(r"^\s*(?:headlines|in this issue|contents)\s*:?\s*$", re.I)


def flag_furniture(text: str, passages: list[PassageRecord]) -> None:
    """Flag navigation, banners, credits, related-story boxes and subscription lines in place."""
    header_at = next(
        (i for i, p in enumerate(passages) if re.match(r"\s*\[title\]", p.text, re.I)), None
    )
    if header_at is not None:
        # Lines above a "[Title]" block are the hosting site's masthead.
        for p in passages[:header_at]:
            p.furniture, p.furniture_reason = True, "site header"

    in_toc = False
    for i, p in enumerate(passages):
        if p.furniture:
            continue
        if _TRAILER.match(p.text) and i >= len(passages) // 3:
            for q in passages[i:]:
                q.furniture, q.furniture_reason = True, "related stories"
            break
        if _TOC_HEADING.match(p.text):
            in_toc = True
        elif in_toc and not (_LIST_ITEM.match(p.text) and len(p.text) <= 160):
            in_toc = False
        if in_toc and _LIST_ITEM.match(p.text):
            p.furniture, p.furniture_reason = True, "headline list (repeated in full below)"
            continue
        if (m := _CREDIT_SUFFIX.search(p.text)) and m.start() > 20:
            continue  # a headline carrying its picture's credit: the headline is content
        if not _may_be_furniture(p.text):
            continue
        for pattern, reason in _FURNITURE_LINE:
            if pattern.search(p.text) and (len(p.text) < 400 or reason == "subscription"):
                p.furniture, p.furniture_reason = True, reason
                break


# What one of _FURNITURE_LINE's patterns needs, lower-cased: the start of the line for the
# patterns anchored there, a word anywhere for the others. A plain ASCII passage with none of
# them (most passages) matches no pattern, and is told so at a fraction of their cost. Only
# for ASCII text: re.IGNORECASE also matches a few non-ASCII letters to ASCII ones.
_FURNITURE_STARTS = (
    "[", "advertisement", "sponsored", "skip to", "image", "photo", "picture", "share", "follow us",
    "print", "email this", "editor", "by", "headlines", "in this issue", "contents", "details",
)
_FURNITURE_WORDS = (
    "banner", "photo", "image", "copyright", "all rights reserved", "cookie", "|", "subscribe",
    "sign up", "to receive",
)


def _may_be_furniture(text: str) -> bool:
    if not text.isascii():
        return True
    low = text.lower()
    return low.lstrip().startswith(_FURNITURE_STARTS) or any(w in low for w in _FURNITURE_WORDS)


# --- metadata --------------------------------------------------------------------------

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_HEADER_FIELD = re.compile(r"^[ \t]*\[(title|date|source|place|author)\][ \t]*(.*?)[ \t]*$", re.I | re.M)
_BYLINE = re.compile(r"^[ \t]*[Bb]y[ \t]+([A-Z][\w.'’-]+(?:[ \t]+(?:[A-Z][\w.'’-]+|and|&|,))*)[ \t]*$", re.M)
# A wire dateline: "TOKYO, March 3, 2025 (Kyodo) -", "Tokyo, Nov. 10 (Jiji Press)--",
# "Dec. 7 (UPI) --", or a place and a date alone on their line ("New Delhi, November 9").
# Without a place the agency in brackets is needed: "May 4 -- ..." could be a list item.
_DATELINE = re.compile(
    rf"^[ \t]*(?:(?P<place>[A-Z][A-Za-z .'’-]{{1,30}}?(?:,[ \t]*[A-Z][A-Za-z .'’-]{{1,30}}?)?"
    # (a third part in capitalised words: "CAMP ASAKA, Saitama, Japan (Dec. 4, 2023) –")
    rf"(?:,[ \t]*[A-Z][A-Za-z.'’-]*(?:[ \t]+[A-Z][A-Za-z.'’-]*){{0,3}})?),?[ \t]+)?"
    # (day first too: "Tokyo, 18 May, /AJMEDIA/")
    # ("Washington DC, 19 February 2024 (TDI):": a day first, its year with no comma)
    # ("PHILIPPINE SEA (Feb. 10, 2021) –": a navy release's date in brackets after the place)
    rf"(?P<open>\()?(?P<date>(?:{_MONTH}[ \t]+\d{{1,2}}(?:,[ \t]*\d{{4}})?|\d{{1,2}}[ \t]+{_MONTH}(?:,?[ \t]*\d{{4}})?))"
    rf"(?(open)\))[ \t]*"
    # "MOSCOW, December 24. /TASS/.": a wire's name between slashes, after a period or comma
    # (a dash before a digit joins a range: "Held September 11–25, the fifth iteration")
    rf"(?:\((?P<agency>[^()\n]{{2,40}})\)|[.,]?[ \t]*/(?P<wire>[A-Za-z][\w .-]{{1,30}})/\.?)?[ \t]*(?P<end>[-–—]+(?![ \t]*\d)|$)?",
    re.M,
)
# Lines that say when the page was published or changed; the label ranks them.
_DATE_LABEL = re.compile(
    # ("By ERIK SLAVIN | STARS AND STRIPES Published: October 31, 2016": a masthead in
    # capitals before the label)
    r"^[ \t]*(?:[^|\n]{0,40}\|[ \t]*){0,4}(?-i:[A-Z][A-Z0-9&.'’ -]{1,40}[ \t]+)?"
    r"(?P<label>published|posted|first published|released|"
    r"release date|date|dated|created|issued|last updated|updated|modified)\b[ \t]*(?:on\b|:)?"
    r"[ \t]*(?P<rest>.+)$",
    re.I | re.M,
)
_LABEL_RANK = {"updated": 2, "last updated": 2, "modified": 2}
# A time, zone and weekday a label may put before its date ("Published 3:15 PM EDT, Mon July 29").
_LEAD_TIME = re.compile(
    r"^\s*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|AM|PM)?\s*(?:[A-Z]{2,4}T|IST|ET|GMT|UTC)?\s*[,|·-]?\s*)?"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s*)?"
)
# 07-12-2021 / 12/7/2021: day and month order is read from which one exceeds 12, else from
# the separator (slashes are American month-first, dashes and dots day-first).
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([-/.])(\d{1,2})\2((?:19|20)\d\d)(?![\d/.-])")
_CREDIT_SUFFIX = re.compile(r"\s*\((?:image|photo|picture)\s+(?:credit|source)[^)]*\)\s*$", re.I)
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ALT = "|".join(name.title() for name in _WEEKDAY_NAMES)  # "Monday|Tuesday|...", for patterns
# Dates that point ahead without a plan verb: "ahead of an August 1 deadline", "by August 1".
# ("before a looming August 1 tariff deadline")
_AHEAD_BEFORE = re.compile(
    r"\b(?:ahead\s+of|before|by|until|till)\s+(?:an?\s+|the\s+)?"
    r"(?:(?:looming|upcoming|coming|impending|self-imposed|new|tariff)\s+)?$",
    re.I,
)
_DEADLINE_AFTER = re.compile(r"^\s*deadline\b", re.I)
# A numbered edition of an exercise: "Keen Sword 25", "Resolute Dragon 21", "Balikatan 2025".
_EDITION = re.compile(r"[ \t]+(?:'|’)?((?:19|20)\d\d|\d\d)(?![\w%,.]\d|\s*(?:percent|%|troops|ships))\b")
# Words in a title that make it someone else's post, or a past one.
_NOT_THE_POST = frozenset({"vice", "deputy", "former", "acting", "under", "assistant", "then",
                           "ex", "late", "senior", "parliamentary", "state-minister"})
# Title words that make it a past post, whoever held it
_PAST_POST = frozenset({"former", "then", "ex", "late"})
_ROLE_FILLER = frozenset({"of", "for", "the", "and", "affairs", "s", "u", "us"})
_EARLIEST_YEAR = 1990
# "after the last year's US presidential election", "this year's U.S. presidential election"
_US_ELECTION = re.compile(
    r"(?i)\b(last|this)\s+year['’]s\s+(?:U\.S\.|US|American)\s+presidential\s+election\b"
)
_FIRST_US_ELECTION = 1992
# "In the opening days of his presidency, Mr Trump's diplomacy had a rocky stretch": news from
# early in a term (its first year), told after those days (no month of them)
_EARLY_IN_TERM = re.compile(
    r"(?i)\b(?:opening|first|early)\s+(?:days|weeks)\s+of\s+(?:his|her|their)\s+(?:presidency|premiership|"
    r"administration|tenure|term)\b|"
    # "his first talks with new U.S. defense chief Lloyd Austin", "Japan's new Defense
    # Minister Shinjiro Koizumi", "his incoming counterpart, Mike Pompeo": an office-holder
    # the lede calls new is in the first months of the term
    r"\b(?:new|incoming|newly\s+(?:appointed|confirmed|installed))\s+(?:(?:U\.S\.|US|American|Japanese)\s+)?"
    r"(?:counterpart|(?:defen[cs]e|foreign)\s+(?:minister|chief|secretary)|secretary\s+of\s+(?:state|defen[cs]e)|"
    r"(?:defen[cs]e\s+)?secretary|prime\s+minister|premier|ambassador)\b|"
    # "Abe, the first world leader to meet Trump in November after his election win"
    r"\bfirst\s+(?:[\w-]+\s+){0,3}?to\s+(?:meet|call|visit)\b[^.]{0,60}?\bafter\s+(?:his|her)\s+"
    r"(?:election\s+(?:win|victory)|electoral\s+victory|victory\s+in\s+the\s+(?:presidential\s+)?election)\b|"
    # "on Secretary Carter's first trip to Asia as secretary of defense"
    r"\bfirst\s+(?:[\w-]+\s+){0,2}?(?:trip|visit|tour|overseas\s+trip)\b[^.]{0,40}?\bas\s+(?:the\s+)?(?:new\s+)?"
    r"(?:[\w.-]+\s+){0,2}?(?:secretary|minister|president|premier|chief)\b"
)
_NEW_YEAR = re.compile(r"(?i)\b(?:at|in)\s+the\s+(?:very\s+)?(?:beginning|start|outset)\s+of\s+the\s+new\s+year\b")
_LAST_MONTH_AFTER = re.compile(r"[^.;]{0,20}?\blast\s+month\b")
_ANY_YEAR = frozenset(range(_EARLIEST_YEAR, 2100))
_FIRST_IN_POST = re.compile(
    # (an initial's period is no sentence end: "first phone call with U.S. President Biden since ...")
    r"(?i)\bfirst\b(?:[^.]|(?<=\b[A-Z])\.|(?<=\b[JS]r)\.){0,60}?\b(?:after|since)\s+(?:(?:his|her|their|the)\s+(?:appointment|inauguration|"
    # ("the situation has improved since he took office": over the term so far, no first)
    r"confirmation|taking\s+office)|taking\s+office|(?:he|she|they)\s+took\s+office)|"
    # "phone talks on Sunday, their first since Suga took over as Japan's new leader"
    # ("their first in-person talks since Kihara assumed the post in last month's cabinet reshuffle")
    r"\bfirst\b(?:[^.]|(?<=\b[A-Z])\.){0,60}?\bsince\s+(?:[A-Z][\w'’-]+\s+){1,3}(?:took\s+(?:over|office)|"
    r"assumed\s+(?:the|his|her)\s+(?:post|office|portfolio|role)|became|was\s+(?:sworn\s+in|"
    r"inaugurated|appointed|elected))|"
    # "who took office last Tuesday", "sworn in earlier this month": days into the term
    # ("who assumed the foreign affairs portfolio on Wednesday following a Cabinet reshuffle")
    r"\b(?:took|assumed)\s+(?:office|the\s+(?:[\w-]+\s+){0,3}(?:portfolio|post))\s+(?:last\s+(?:week|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)|earlier\s+this\s+(?:week|month)|this\s+week|on\s+\w+day)|"
    r"\bsworn\s+in\s+(?:last\s+(?:week|weekend|\w+day)|earlier\s+this\s+(?:week|month)|(?:on\s+)?\w+day\b)|"
    # "had his first phone conversation with President Biden just a day after taking office"
    r"\b(?:a|one|two|three|\d)\s+days?\s+after\s+(?:taking\s+office|(?:he|she)\s+took\s+office|"
    r"(?:his|her)\s+(?:appointment|inauguration))|"
    r"\bcongratulat\w*\b[^.]{0,80}?\b(?:appointment|confirmation|inauguration|new\s+(?:post|position|tenure)|"
    # "I want to again congratulate you on assuming this position"
    r"assuming\s+(?:this|the|your|her|his)\s+(?:new\s+)?(?:position|post|office|role))|"
    # "Last week we just had a phone call right after I had been appointed foreign minister"
    r"\b(?:right|just|shortly|soon)\s+after\s+(?:I|he|she)\s+(?:had\s+been|was|were)\s+(?:appointed|named|sworn\s+in)|"
    # "Takaichi said on Tuesday at her inaugural news conference as prime minister"
    r"\b(?:his|her)\s+(?:inaugural|first)\s+(?:news|press)\s+conference\s+as\s+(?:the\s+)?(?:new\s+)?"
    r"(?:prime\s+minister|premier|president|secretary|(?:[\w-]+\s+){0,3}minister)\b|"
    # "following the inauguration of President Trump, the GOJ is making final arrangements"
    r"\b(?:following|right\s+after|just\s+after)\s+the\s+inauguration\s+of\b"
)
_RECALLED_YEAR = timedelta(days=365)  # a written date this long before a plan's is recalled
_RECALLED_NEAR_YEARS = 2  # a written date this close before the clues' first year points to it
_TODAY_BEFORE = re.compile(r"(?i)\btoday\s*(?:\(|,\s*)(?:\w+day,?\s*)?$")  # "today (March 6)"
_WITHIN_THE_WEEK = timedelta(days=7)  # how long after a weekday's event a story names its weekday
_WEEKDAY_TOLD = re.compile(r"\((?:last\s+|past\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day;")
_LOOSE_CLUE = 2  # a clue allowing more years than this says little beside a narrower one
_AFTER_A_MONTH = timedelta(days=92)  # how long after a month it recalls a story is written
_TOOK_OFFICE_REACH = 90  # characters before the verb where the office-holder stands
_RUN_BOUND_BEFORE = re.compile(r"(?i)\b(?:began|begun|started|since|from|until|till|through)\s+(?:on\s+)?$")
# "held joint drills on Tuesday. This came hot on the heels of joint aerial drills held on
# Aug. 4": a day in a clause the lede's news follows is an earlier event's
# ("had been a flight engineer since he arrived at ISS on Nov. 7": a day a clause opened by
# "since" recalls)
# ("This mission is in direct response to North Korea's ... launch of ICBMs on July 3 and
# July 28": the day of what the news answers)
_FOLLOWED_BEFORE = re.compile(
    r"(?i)\b(?:heels\s+of|after|since|follow(?:s|ed|ing)?|in\s+(?:direct\s+)?response\s+to|"
    r"in\s+retaliation\s+(?:for|against|to)|prompted\s+by)\b(?:[^.;\n]|\.(?=\S))*$"
)
# A wire story's own copyright line, on a line of its own: "© Thomson Reuters 2024.", "© 2018
# the Stars and Stripes", "Copyright 2021 The Associated Press."
_COPYRIGHT_YEAR = re.compile(
    r"(?im)^[ \t]*(?:©|\(c\)|copyright\b)[ \t]*(?:[^\n\d]{0,50}?[ \t])?((?:19|20)\d\d)\b[^\n\d]{0,60}$"
)
# "Australia participated in the exercise in 2007, but Canberra has not returned to Malabar
# for 13 years": a past year and the years since it, told up to now in one sentence, make the
# story's year (not a duration: "agreed in 2015 to extend the deal for 10 years")
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                 "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                 "nineteen", "twenty")
_N_YEARS = r"(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s+years"
_YEARS_SINCE = re.compile(
    r"(?i)\b(?:(?:has|have)(?:\s+not|n['’]t)\s[^.;\n]{0,80}?\bfor\s+|(?:first|1st)\s+time\s+in\s+)"
    + _N_YEARS + r"\b|\b" + _N_YEARS.replace("?P<n>", "?P<m>") + r"\s+later\b"
)
_PAST_YEAR = re.compile(r"\b(?:in|since)\s+((?:19|20)\d\d)\b")
_FRONTED_IN = re.compile(r"(?:^|[.!?]\s+|\n)\s*In\s+$")  # "In April, ...": a month a sentence opens on
_LEDE_WEEKDAY_CHARS = 700  # where a story's first weekday names the day of its news
_FILED_BEFORE_DAYS = 3  # how long before its publication a story's dateline may be
# How far after its latest written date a yearless day may lie and still be of that year
# when the year before puts it closer (see _recalled_from_year_before)
_AFTER_WRITTEN_DAYS = 150
_RECALLED_DAYS = 60  # how far before its latest written date a story's yearless days recall it
_LEDE_CHARS = 1500  # where office-holders count as clues to the year


# A 12-hour clock after a numeric date, in no day-first country's zone: the page is American,
# and writes the month first
_US_CLOCK = re.compile(r"\s*,?\s*\d{1,2}:\d{2}(?::\d{2})?\s*[AaPp]\.?[Mm]\.?(?!\s*(?:IST|BST|GMT|CET|CEST|AEST|AEDT|SGT|HKT|KST|JST)\b)")


def parse_stated_date(
    text: str, within: int | None = None, month_first: bool | None = None
) -> tuple[date, str] | None:
    """A date as metadata states it, with its precision: a full date, else a month, else a year.

    Metadata also writes numeric dates ("07-12-2021 00:55 IST") that running text does not.
    With `within`, the date must start in the first `within` characters: a label's date
    follows the label, a sentence that merely starts with "Released" is no date line.
    `month_first`: how the document writes its other dates (see _month_first), which
    decides "12.02.2024" when the numbers do not.
    """
    limit = len(text) if within is None else within
    numeric = _NUMERIC_DATE.search(text)
    raws = [r for r in scan(text) if r.year and not r.relative and r.start < limit]
    full = [r for r in raws if r.month and r.day and valid_day(r.year, r.month, r.day)]
    if numeric and numeric.start() < limit and (not full or numeric.start() < full[0].start):
        a, sep, b, y = int(numeric[1]), numeric[2], int(numeric[3]), int(numeric[4])
        if month_first is None and _US_CLOCK.match(text, numeric.end()):
            month_first = True  # "posted 01-12-2021 06:26 PM": an American page's clock
        day_first = a > 12 or (b <= 12 and (sep != "/" if month_first is None else not month_first))
        d, m = (a, b) if day_first else (b, a)
        if valid_day(y, m, d):
            return date(y, m, d), "day"
    if full:
        return date(full[0].year, full[0].month, full[0].day), "day"
    for r in raws:
        if r.month:
            return date(r.year, r.month, 1), "month"
        return date(r.year, 1, 1), "year"
    if within is None and (m := re.fullmatch(r"\s*((?:19|20)\d\d)\s*", text)):
        return date(int(m[1]), 1, 1), "year"
    return None


def _month_first(text: str) -> bool | None:
    """Does the document write its dates month first ("Dec. 2, 2024") or day first ("2
    December 2024")? A service release that types "12.02.2024" under its headline and "Dec.
    2, 2024" in its story means December; None when its dates do not say."""
    us = intl = 0
    written: set[tuple[int, int]] = set()
    for r in scan(text[:_LEDE_CHARS * 2]):
        if r.month and r.day and not r.relative:
            written.add((r.month, r.day))
            if r.text[:1].isalpha():
                us += 1
            elif r.text[:1].isdigit():
                intl += 1
    # "Date: 01/08/2025" over "Pyongyang, August 1 (KCNA)": the reading the story writes out
    if (numeric := _NUMERIC_DATE.search(text, 0, 3000)) is not None:
        a, b = int(numeric[1]), int(numeric[3])
        month_day, day_month = (a, b) in written, (b, a) in written
        if month_day != day_month:
            return month_day
    return None if us == intl else us > intl


def _clean_title(line: str) -> str:
    line = _CREDIT_SUFFIX.sub("", line.strip())
    return re.sub(r"\s+", " ", line).strip(" -–—|")


# --- title ------------------------------------------------------------------------------
# A plain text's title is its headline: the first line that reads like one, past the
# masthead, section label, date line, byline and picture caption a copied page puts above
# it. A story copied without its headline is named by the first sentence of its lede.

_TITLE_CHARS = 90  # a lede sentence standing in for a headline is cut to this, at a word
_HEADLINE_CHARS = 200  # longer than any headline: a line this long is the story itself
_VOLUME = re.compile(r"^\s*(?:vol(?:ume)?\.?|issue|no\.)\s*[:#]?\s*[\w.]+", re.I)
_VOLUME_TAIL = re.compile(r"\s*/.*$")  # "Vol: 3.10 / May 31, 2024": the date is read elsewhere
# "NEWS", "THE DAILY TIMES", "WASHINGTON": a masthead, section or place, not a headline.
_CAPS_LABEL = re.compile(r"^[^a-z]*[A-Z][^a-z]*$")
_CREDIT_LINE = re.compile(
    r"^\s*(?:(?:file\s+)?photo|image|picture|illustration|graphic|video|credit|caption|source)s?"
    r"(?:\s+(?:credit|source|by))?\s*:",
    re.I,
)
# A caption: a sentence, then the photographer or agency in brackets ("... 2022. (Jo Roe/AP)").
_CAPTION = re.compile(r"[.!?]\s*\([^()]{3,100}\)\s*$")
# A caption line (a sentence, then the photographer and agency): editions.PHOTO_CAPTION.
_STAFF_BYLINE = re.compile(r"^\s*(?:[A-Z][\w.'’-]*\s+){1,3}(?:staff|reporters?|correspondents?|writers?)\s*$", re.I)
# The place, date and agency a lede opens with: "OSLO, May 2 (Reuters) -", "LIMA --",
# "BERLIN, Germany —", "Rome:".
_LEDE_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Z .'’-]{{1,30}}(?:,\s*[A-Z][\w .'’-]{{1,30}}?)?|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=:))"
    rf"(?:,?\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?\s*(?:\([^()\n]{{2,40}}\))?\s*(?:[-–—]{{1,2}}|:)\s*(?=\S)"
)
# A headline may end on an abbreviation ("... to meet in Jan.", "... visits U.S."); a sentence's
# period closes a word.
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Adm|Maj|"
    r"Sgt|Gov|Sen|Rep|Inc|Corp|Ltd|Co|Jr|Sr|St|No|vs|etc)|\b[A-Za-z]\.[A-Za-z])\.$"
)
_DANGLING = frozenset(
    "a an the of to and or in on at by for from with as that which who its their his her".split()
)


def _not_a_headline(line: str) -> bool:
    """Lines that sit above a headline or stand in for one without being one."""
    body = line.strip()
    words = body.split()
    return (
        len(words) < 3
        or len(body) < 12
        or (len(words) <= 4 and _CAPS_LABEL.match(body) is not None)
        or (body.endswith(":") and len(body) <= 60)
        or _CREDIT_LINE.match(body) is not None
        or _CAPTION.search(body) is not None
        or _BYLINE.match(body) is not None
        or _STAFF_BYLINE.match(body) is not None
        or _DATE_LABEL.match(body) is not None
        or _line_date(body) is not None
        or _DATELINE.fullmatch(body) is not None
    )


def _lede_title(line: str) -> str:
    """The first sentence of a lede, without its dateline, cut at a word to a title's length."""
    line = _LIST_ITEM.sub("", line.strip())
    if m := _DATELINE.match(line):
        if m.group("agency") or m.group("wire") or m.group("end"):
            line = line[m.end() :]
    line = _LEDE_DATELINE.sub("", line, count=1)
    first = split_sentences(line)
    sentence = first[0].text if first else line
    sentence = _clean_title(sentence)
    if sentence.endswith(".") and not _ABBREVIATION_END.search(sentence):
        sentence = sentence[:-1]
    if (said := _ATTRIBUTION.match(sentence)) and len(sentence) > _TITLE_CHARS:
        sentence = sentence[said.end() :]
        sentence = sentence[:1].upper() + sentence[1:]
    if len(sentence) <= _TITLE_CHARS:
        return sentence
    return _cut_title(sentence.split())


# "According to Spacenews, during the conference ...": who said it is no part of a title
_ATTRIBUTION = re.compile(r"^According\s+to\s+[^,]{2,60},\s+(?=\w)")
# Words a phrase starts with: a lede cut short stops before one rather than inside its
# phrase ("... week of joint drills…", not "... week of joint drills off the northern…").
_PHRASE_START = frozenset(
    """of to and or in on at by for from with as that which who whose off near over under
    after before while amid within during into onto than across along around against
    between since until via code-named dubbed called""".split()
)
_NAME_WORD = re.compile(r"^[A-Z0-9][\w’'.&-]*$")


def _cut_title(words: list[str]) -> str:
    """A lede's words cut to a title's length: not inside a name ("a multilateral Maritime…"
    takes the whole name, or none of it) and, when enough is left, before the phrase the
    cut falls in; no word left dangling."""
    def size(k: int) -> int:
        return len(" ".join(words[:k]))

    n = 0
    while n < len(words) and size(n + 1) <= _TITLE_CHARS:
        n += 1
    if 0 < n < len(words) and _NAME_WORD.match(words[n]) and _NAME_WORD.match(words[n - 1]):
        end = n
        while end < len(words) and _NAME_WORD.match(words[end]) and words[end - 1][-1] not in ",;:":
            end += 1
        if size(end) <= _TITLE_CHARS + 30:
            n = end
        else:
            while n > 3 and _NAME_WORD.match(words[n - 1]):
                n -= 1
    floor = int(_TITLE_CHARS * 0.65)
    k = n
    while k > 3 and size(k) > floor:
        if (k < len(words) and words[k].lower() in _PHRASE_START) or words[k - 1][-1] in ",;:":
            break
        k -= 1
    if size(k) > floor:
        n = k
    words = words[:n]
    while len(words) > 3 and words[-1].lower().strip(",;:") in _DANGLING | _AUXILIARY:
        words.pop()
    return " ".join(words).rstrip(",;:–—-(") + "…"


_AUXILIARY = frozenset("is are was were be been being has have had will would can could may might must should".split())


def _headline(top: list[PassageRecord]) -> tuple[str | None, str | None]:
    """A plain text's title, and the newsletter it names when it is a masthead and volume."""
    lines = [
        (i, line) for i, p in enumerate(top) for line in p.text.splitlines() if line.strip()
    ][:16]
    for k, (i, line) in enumerate(lines):
        nxt = lines[k + 1][1] if k + 1 < len(lines) else ""
        if _VOLUME.match(nxt):
            # A newsletter masthead followed by a volume line reads best as one title.
            masthead = _clean_title(line)
            return f"{masthead}, {_VOLUME_TAIL.sub('', nxt.strip())}", masthead
        if _not_a_headline(line):
            continue
        body = _clean_title(line)
        sentence = body.endswith(".") and not _ABBREVIATION_END.search(body)
        if len(body) > _HEADLINE_CHARS or sentence or _LIST_ITEM.match(line):
            return _lede_title(line), None  # no headline above the story
        # A headline hard-wrapped in the file goes on in lower case on the next line.
        while k + 1 < len(lines) and lines[k + 1][0] == i and lines[k + 1][1].strip()[:1].islower():
            k += 1
            body = f"{body} {_clean_title(lines[k][1])}"
        return body, None
    return None, None


def _front_matter_date(value) -> tuple[date, str] | None:
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    if isinstance(value, int) and _EARLIEST_YEAR <= value <= 2100:
        return date(value, 1, 1), "year"
    if m := re.fullmatch(r"\s*((?:19|20)\d\d)-(0?[1-9]|1[0-2])\s*", str(value)):
        return date(int(m[1]), int(m[2]), 1), "month"
    return parse_stated_date(str(value))


def _top_lines(text: str, start: int, limit: int = 14) -> list[tuple[int, str]]:
    """The first non-empty lines after `start`, with their offsets: where date lines sit."""
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"[^\n]+", text[start : start + 3000]):
        if m.group().strip():
            out.append((start + m.start(), m.group()))
            if len(out) >= limit:
                break
    return out


def _date_line(
    lines: list[tuple[int, str]], title: str | None = None, month_first: bool | None = None
) -> tuple[date, str, str] | None:
    """A date stated on its own line near the top: a labelled "Published:"/"Updated" line
    (the publication date first), a date line under the title ("Monday, July 29, 2024"),
    a release block's date, or a byline carrying one ("By Jane Doe | March 3, 2024").

    The headline itself does not end the search however long it is: a long one (a
    readout's "Secretary ... spoke with ... to congratulate him on ...") sits above its
    date line like any other."""
    labelled: list[tuple[int, int, date, str, str]] = []
    for i, (_, line) in enumerate(lines):
        if (m := _DATE_LABEL.match(line)) and (
            got := parse_stated_date(_LEAD_TIME.sub("", m.group("rest")), 12, month_first)
        ):
            rank = _LABEL_RANK.get(m.group("label").lower(), 1)
            labelled.append((rank, i, got[0], got[1], line.strip()))
    if labelled:
        _, _, d, precision, line = min(labelled)
        return d, precision, f"stated in a date line ({line[:60]!r})"
    for i, (_, line) in enumerate(lines):
        body = line.strip()
        if title and _clean_title(body) == title:
            continue
        if len(body) > 150:
            if i + 1 < len(lines) and _PHOTO_CREDIT_LINE.match(lines[i + 1][1]):
                continue  # a picture's caption, its credit under it: the date line may follow
            break  # the story has begun: a date line sits above it
        if len(body) < 6 or _EMBED_SIGNATURE.search(body):
            continue
        got = _line_date(body, month_first)
        if got is not None:
            return got, "day", f"stated near the top ({body[:60]!r})"
    return None


_PHOTO_CREDIT_LINE = re.compile(r"\s*\(?(?:photo|image|picture)s?\s*(?:by|:|credit|courtesy)", re.I)
# What else a date line may hold: a byline, weekday, time and zone, release words, separators.
_DATE_LINE_REST = re.compile(
    r"\b[Bb]y\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&))*|"
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\b(?:[A-Z]{2,4}T|IST|GMT|UTC|ET)\b|"
    r"\b(?i:for\s+immediate\s+release|immediate\s+release|release|press|media|note|statement|"
    r"readout|news|at|on)\b|[|/·•,;:()\[\]–—-]"
)
# "— NASA (@NASA) January 13, 2023": an embedded post's signature dates the post, not the page.
_EMBED_SIGNATURE = re.compile(r"\(@\w+\)|pic\.twitter\.com")


def _line_date(line: str, month_first: bool | None = None) -> date | None:
    """The date of a line that is only a date, with at most a few words of furniture around
    it ("Monday, July 29, 2024", "By Jane Roe | March 3, 2024", "Release / July 29, 2024");
    a sentence or a headline that mentions a date is not a date line."""
    found: tuple[date, int, int] | None = None
    for r in scan(line):
        if r.year and r.month and r.day and not r.relative and valid_day(r.year, r.month, r.day):
            found = (date(r.year, r.month, r.day), r.start, r.end)
            # (a weekly's issue, "2015 June 17 - 23": the page tells that week's news, to its
            # last day)
            if r.end_day and valid_day(r.year, r.end_month or r.month, r.end_day):
                last = date(r.year, r.end_month or r.month, r.end_day)
                if 0 < (last - found[0]).days <= 7:
                    found = (last, r.start, r.end)
            break
    if found is None and (numeric := _NUMERIC_DATE.search(line)):
        got = parse_stated_date(numeric.group(), month_first=month_first)
        if got:
            found = (got[0], numeric.start(), numeric.end())
    if found is None:
        return None
    rest = _DATE_LINE_REST.sub(" ", line[: found[1]] + " " + line[found[2] :])
    # A few names (a wire, a place, an author) may stand beside the date; running words
    # ("The ministers met on May 4") make it a sentence.
    if re.search(r"\b[a-z]{3,}\b", rest):
        return None
    # "11 Sep 2015 | Cpl. Jane Roe The Official United States Marine Corps Website": a date
    # that opens the line, a bar after it, then a byline and the site's name, however long.
    if _DATE_THEN_BAR.fullmatch(line[: found[1]]) and _BAR.match(line[found[2] :]):
        return found[0]
    return found[0] if len(re.findall(r"[A-Za-z]{2,}", rest)) <= 4 else None


_DATE_THEN_BAR = re.compile(r"\W*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?")
_BAR = re.compile(r"\s*[|·•]")


def read_document(
    doc_id: str, text: str, gazetteer=None, today: date | None = None
) -> DocumentRecord:
    """Read a document's metadata and passages from what the document says about itself.

    `gazetteer` lets an undated document's year be read from the office-holders it names;
    `today` only bounds the years considered (a page is not from the future), it is never
    given as a date.
    """
    passages = split_passages(text)
    flag_furniture(text, passages)
    meta, body_start = front_matter(text)
    for p in passages:
        if p.start < body_start:
            p.furniture, p.furniture_reason = True, "front matter"
    fields = {k.lower(): v for k, v in _HEADER_FIELD.findall(text) if v}

    title = str(meta["title"]) if "title" in meta else fields.get("title")
    source = str(meta["source"]) if "source" in meta else fields.get("source")
    url = str(meta["url"]) if "url" in meta else None
    place = fields.get("place")
    byline = str(meta["author"]) if "author" in meta else fields.get("author")
    stated: tuple[date, str] | None = None
    note = None
    if "date" in meta and (stated := _front_matter_date(meta["date"])):
        note = "stated in the front matter"
    if stated is None and "date" in fields and (stated := parse_stated_date(fields["date"])):
        note = "stated in the [Date] header"

    if not title:
        title, masthead = _headline([p for p in passages if not p.furniture][:8])
        source = source or masthead
    dateline = next(
        (m for m in _DATELINE.finditer(text, body_start, body_start + 3000)
         if m.group("agency") or m.group("wire") or (m.group("place") and m.group("end") is not None)),
        None,
    )
    if stated is None and (
        got := _date_line(
            _top_lines(text, body_start),
            title,
            _month_first(text) if _NUMERIC_DATE.search(text, 0, 3000) else None,
        )
    ):
        stated, note = (got[0], got[1]), got[2]
    told_on = None
    if stated is not None and stated[1] == "day" and dateline is not None:
        full = [r for r in scan(dateline.group("date")) if r.year and r.month and r.day]
        if full and valid_day(full[0].year, full[0].month, full[0].day):
            filed = date(full[0].year, full[0].month, full[0].day)
            if 0 < (stated[0] - filed).days <= _FILED_BEFORE_DAYS:
                told_on = filed
    month_day: tuple[int, int] | None = None
    if dateline:
        place = place or dateline.group("place") and dateline.group("place").strip() or None
        if stated is None:
            raws = [r for r in scan(dateline.group("date")) if r.month and r.day]
            if raws and raws[0].year and valid_day(raws[0].year, raws[0].month, raws[0].day):
                stated, note = (date(raws[0].year, raws[0].month, raws[0].day), "day"), "stated in the dateline"
            elif raws:
                month_day = (raws[0].month, raws[0].day)
    if not byline and (m := _BYLINE.search(text[:3000])):
        byline = m.group(1).strip()

    doc = DocumentRecord(
        id=doc_id, text=text, title=title or doc_id, date=stated[0] if stated else None,
        date_inferred=False, date_note=note, date_precision=stated[1] if stated else None,
        source=source, place=place or None, byline=byline, passages=passages, url=url,
        told_on=told_on,
    )
    if stated is None:
        today = today or date.today()
        evidence = YearEvidence.read(doc, gazetteer, today, filed=month_day)
        if month_day is not None:
            lede = text[dateline.end() : dateline.end() + 400]
            doc.date, doc.date_precision, doc.date_note = _date_the_dateline(
                month_day, dateline.group("date").strip(), lede, evidence, today
            )
            doc.month_day = month_day if doc.date is None else None
        else:
            doc.date, doc.date_precision, doc.date_note = infer_date(doc, evidence, today)
            if doc.date_precision == "year":
                doc.term_window = evidence.window(today)
            by_meeting = (evidence.meeting is not None and doc.date == evidence.meeting[0]
                          and "by who met where" in doc.date_note)
            if by_meeting:
                doc.met_at = (evidence.meeting[0], evidence.meeting[2])
            if by_meeting or (
                evidence.dated_event is not None and doc.date == evidence.dated_event[0]
                and doc.date_precision == "day"
            ):
                # the calendar meeting's day: the story was written on it or after it (its
                # weekdays from the visit's first meeting it tells)
                doc.weekdays_after = _visit_start(evidence.meeting, doc.date) - timedelta(days=1)
            elif doc.date_precision == "day" and doc.date_note.startswith("inferred: latest undated mention"):
                doc.weekdays_after = doc.date
                met = evidence.meeting
                if met is not None and timedelta(0) < doc.date - met[0] <= _WITHIN_THE_WEEK:
                    # "held their first official meeting in Washington on Friday" (7 February)
                    # over "On February 10, the ministry responded": the calendar meeting's
                    # Friday, days before the latest day the story writes
                    doc.weekdays_after = met[0] - timedelta(days=1)
                if _told_in_japan_time(_body_text(doc), doc.date):
                    # "early on Jan. 28 Japan time" and "the White House said Wednesday local
                    # time": Washington's weekday may be the day before Tokyo's date
                    doc.weekdays_after = doc.date - timedelta(days=1)
                if got := calendar_day(_body_text(doc), gazetteer, doc.date.year, after=doc.date):
                    # "missiles on Nov. 5" and "Freedom Edge 24-2 ends on Friday": the story is
                    # of the calendar's edition, weeks after the days it recalls
                    _on_calendar_day(doc, got)
                elif got := calendar_month(_body_text(doc), gazetteer, after=doc.date):
                    # "the video conference held on March 12" and "Last month, ... met in a
                    # 2+2": the month after the calendar's 2+2 of March 16
                    doc.date, doc.date_precision, doc.weekdays_after = got[0], "month", None
                    doc.date_note = _first_said(got[1], doc.date_note)
            elif doc.date_precision == "month" and doc.date_note.startswith("inferred: latest undated mention") and (
                got := calendar_day(_body_text(doc), gazetteer, doc.date.year, after=doc.date,
                                    weeks=_AFTER_A_MONTH)
            ):
                # "during their meeting in April" above "the DICAS kicked off its first meeting
                # on Sunday": the calendar's edition, in the months after the one it recalls
                _on_calendar_day(doc, got)
            elif doc.date_precision == "year" and (
                got := calendar_day(_body_text(doc), gazetteer, doc.date.year)
            ):
                _on_calendar_day(doc, got)
            elif doc.date_precision in (None, "year") and (
                got := _met_where(doc, evidence, gazetteer, today)
            ):
                doc.date, doc.date_precision, doc.date_note = got[0], "day", got[1]
                doc.met_at = (got[0], got[2])
                doc.weekdays_after = _visit_start(got, got[0]) - timedelta(days=1)
            elif doc.date_precision in (None, "year") and evidence.preview is None and (
                got := _met_where(doc, evidence, gazetteer, today, planned=True)
            ):
                # A preview of a calendar meeting by its day: that day's year, written before it
                # (or the day before it, told by its weekday)
                doc.date, doc.date_precision, doc.date_note = _announcing(got, body=_body_text(doc))
            elif doc.date_precision in (None, "year") and (
                got := _named_edition(doc, evidence, gazetteer, today)
            ):
                doc.date, doc.date_precision, doc.date_note = got[0], "day", got[1]
                doc.weekdays_after = got[0] - timedelta(days=1)
            elif doc.date_precision in (None, "year") and (
                got := _dated_event(doc, evidence, gazetteer, today)
            ):
                doc.date, doc.date_precision, doc.date_note = got
                doc.weekdays_after = got[0] - timedelta(days=1) if got[1] == "day" else None
        doc.date_inferred = True
    return doc


_JAPAN_TIME = re.compile(r"(?:(?:Japan|Tokyo)\s+time|JST)", re.I)
_JAPAN_TIME_AFTER = re.compile(r"\s*,?\s*\(?\s*" + _JAPAN_TIME.pattern + r"\b", re.I)


def _told_in_japan_time(body: str, day: date) -> bool:
    """Is the text's latest day written as Japan's ("on Jan. 28 Japan time", "(JST)")?
    (the whole-text date scan runs only when the text names Japan's time at all)"""
    return _JAPAN_TIME.search(body) is not None and any(
        r.year is None and (r.month, r.day) == (day.month, day.day) and _JAPAN_TIME_AFTER.match(body, r.end)
        for r in scan(body)
    )


def _on_calendar_day(doc: DocumentRecord, got: tuple[date, str, date]) -> None:
    """Date a document to the calendar day bot.kb.editions.calendar_day found. It was written
    on that day or after it, so its other weekdays ("talks on Monday", "kicked off
    Wednesday") fall from that day on, or from the first day of the day's edition."""
    doc.date, doc.date_precision = got[0], "day"
    doc.weekdays_after = min(got[0], got[2]) - timedelta(days=1)
    doc.date_note = _first_said(got[1], doc.date_note)


def _first_said(reason: str, note: str) -> str:
    """ "inferred: <the new reason>; <what the note said before>"."""
    return f"inferred: {reason}; {note.removeprefix('inferred: ')}"


def _visit_start(met: MeetingDay | None, day: date) -> date:
    """The first day of the visit whose meetings dated the story on `day` (MeetingDay.since)."""
    return met.since if met is not None and met.since is not None and met.day == day else day


def _met_where(doc: DocumentRecord, evidence: YearEvidence, gazetteer, today: date,
               planned: bool = False) -> MeetingDay | None:
    """A story known at most to its year that names a calendar meeting by who met where
    ("the defense ministers ... met on Sunday in Darwin"): that meeting's day, when exactly
    one held day fits the years its office-holders allow (bot.kb.editions.meeting_day)."""
    years, used, _ = evidence.years(today)
    if not used:
        return None
    got = meeting_day(_body_text(doc), gazetteer, frozenset(years), today, planned)
    if got is None:
        return None
    if (months := evidence._allowed_months(used)) is not None and (got.day.year, got.day.month) not in months:
        return None  # (outside the months its office-holders allow: "incoming vice president Pence")
    return got._replace(reason=f"inferred: {got[1]}; {_settled_note(doc, got[0].year)}")


def _named_edition(doc: DocumentRecord, evidence: YearEvidence, gazetteer, today: date) -> tuple[date, str] | None:
    """A story known at most to its year that reports a calendar meeting held by its name:
    the one edition in the years its office-holders allow (bot.kb.editions.named_edition_day)."""
    years, used, _ = evidence.years(today)
    if not used:
        return None
    got = named_edition_day(_body_text(doc), gazetteer, frozenset(years), today)
    if got is None:
        return None
    return got[0], f"inferred: {got[1]}; {_settled_note(doc, got[0].year)}"


def _dated_event(doc: DocumentRecord, evidence: YearEvidence, gazetteer, today: date
                 ) -> tuple[date, str, str] | None:
    """A story known at most to its year that reports an event the gazetteer dates ("QZS-6
    ... launched on Sunday", "the review released last month"): that day or month, when
    its year is one the story's clues allow (YearEvidence.read found it already)."""
    got = evidence.dated_event
    if got is None:
        return None
    years, used, _ = evidence.years(today)
    if used and got[0].year not in years:
        return None
    before = _settled_note(doc, got[0].year) if doc.date is not None else ""
    # (the event's own clue said once: "... launched on Sunday 17 December 2017; year 2017
    # from <other clues>")
    return got[0], got[2], _with_rest(got[1], before) if before else f"inferred: {got[1]}"


def _settled_note(doc: DocumentRecord, year: int) -> str:
    """The document's date note once a calendar day has settled its year: "2023 also
    consistent" dropped, and a most recent year that was a guess told as one allowed."""
    before = re.sub(r"; [\d, ]+ also consistent$", "", (doc.date_note or "").removeprefix("inferred: "))
    if doc.date is not None and doc.date.year != year:
        before = re.sub(r"^year \d{4} from\b", f"year {year} also allowed by", before)
    return before


# A launch told as days ahead: "will ... take off from Tanegashima on Monday", "set to
# launch Friday", "scheduled to lift off on Sunday"
_LAUNCH_AHEAD = re.compile(
    r"(?i)\b(?:will|set\s+to|scheduled\s+to|slated\s+to|due\s+to|to)\s+(?:[\w-]+\s+){0,12}?"
    # ("scheduled to launch the ... (HTV-9) on a Japanese H-IIB rocket at 1:30 p.m. (2:30 a.m.
    # Thursday, May 21, Japan time)": the clock's periods and the weekday in brackets)
    rf"(?:launch|lift\s+off|blast\s+off|takes?\s+off|fly)\b(?:[^.]|(?<=\b[ap])\.(?=m\.)|(?<=\b[ap]\.m)\.){{0,120}}?"
    rf"(?:\bon\s+|\b[ap]\.m\.\s+)(?:{_WEEKDAY_ALT})\b|"
    # "Soyuz MS-01 commander ... are scheduled for blastoff from the Baikonur Cosmodrome ...
    # at 9:36:41 p.m. EDT Wednesday"
    r"\b(?:scheduled|set|slated|due)\s+for\s+(?:launch|liftoff|lift-off|blastoff|blast-off)\b"
    # (the clock's periods in it: the test is of one sentence)
    rf"[^;\n]{{0,120}}?\b(?:{_WEEKDAY_ALT})\b"
)
# ...or its craft's departure from the station days ahead: "HTV-9 will depart the orbital
# laboratory Tuesday, Aug. 18" (the launch's year or the next)
_DEPARTURE_AHEAD = re.compile(
    r"(?i)\b(?:will|set\s+to|scheduled\s+to|slated\s+to|due\s+to|to)\s+(?:[\w-]+\s+){0,6}?"
    rf"(?:depart|leave|undock|unberth|be\s+released)\b[^.]{{0,80}}?\b(?:on\s+)?(?:{_WEEKDAY_ALT})\b"
)
_LAUNCH_HEADLINE = re.compile(
    rf"(?i)\bto\s+(?:launch|lift\s+off|blast\s+off)\s+(?:on\s+)?(?:{_WEEKDAY_ALT})\b"
)


def _launch_planned(body: str, mentions: list) -> list[tuple[str, tuple[Term, ...]]]:
    """Clues from a launch the text tells as days ahead, of a mission the gazetteer dates
    (its first dated day is the launch): that launch's year."""
    out: list[tuple[str, tuple[Term, ...]]] = []
    done: set[str] = set()
    for m in mentions:
        dated = getattr(m.entity, "dated", ())
        if not dated or m.entity.type != "program" or m.entity.id in done:
            continue
        s, e = sentence_bounds(body, m.start, m.end)
        told = body[s:e]
        if _sentence_has_year(body, m.start):
            continue
        if _LAUNCH_AHEAD.search(told) or _LAUNCH_HEADLINE.search(told):
            done.add(m.entity.id)
            out.append((f"{m.text}'s launch ahead (gazetteer dated events)", _whole_years({dated[0].year})))
        elif _DEPARTURE_AHEAD.search(told):
            done.add(m.entity.id)
            out.append((f"{m.text}'s departure ahead (launched {dated[0]:%B %Y}; gazetteer dated events)",
                        _whole_years({dated[0].year, dated[0].year + 1})))
    return out


# A flight ahead: "which will launch ... on or after Aug. 17", "ahead of his mission to the
# International Space Station in August"
_FLIGHT_AHEAD = re.compile(
    r"(?i)\b(?:will|set\s+to|scheduled\s+to|slated\s+to|due\s+to)\s+(?:[\w-]+\s+){0,3}?(?:launch|lift\s+off|blast\s+off|fly)\b|"
    # "NASA said Friday it is aiming for April 20 at the earliest to launch another SpaceX
    # spacecraft that will take ... Akihiko Hoshide"
    r"\b(?:aim(?:s|ed|ing)?|plan(?:s|ned|ning)?|target(?:s|ed|ing)?)\s+(?:for\s+[^.;]{0,40}?\s+)?to\s+"
    r"(?:launch|fly)\b|"
    r"\b(?:ahead\s+of|before)\s+(?:his|her|their|the)\s+(?:[\w-]+\s+){0,2}(?:flight|mission|launch)\b|"
    r"\bupcoming\s+(?:[\w-]+\s+){0,2}(?:flight|mission|launch)\b"
)


def _crew_flight_ahead(body: str, mentions: list, gazetteer) -> list[tuple[str, tuple[Term, ...]]]:
    """Clues from an astronaut's flight told as ahead in a month without its year: the years
    the gazetteer's crewed missions seating them launched in that month (or the next, a
    slipped launch)."""
    crews = astronaut_missions(gazetteer)
    out: list[tuple[str, tuple[Term, ...]]] = []
    done: set[str] = set()
    for m in mentions:
        if m.entity.type != "person" or m.entity.id in done or m.entity.id not in crews:
            continue
        s, e = sentence_bounds(body, m.start, m.end)
        told = body[s:e]
        if _sentence_has_year(body, m.start) or not _FLIGHT_AHEAD.search(told):
            continue
        months = {r.month for r in scan(told) if r.month and not r.year and not r.relative}
        years = {
            mission.dated[0].year
            for mission in crews[m.entity.id]
            if mission.dated and any(mission.dated[0].month in (mo, mo % 12 + 1) for mo in months)
        }
        if years:
            done.add(m.entity.id)
            out.append((f"{m.text}'s flight ahead (gazetteer dated events)", _whole_years(years)))
    return out


def _clue_name(reason: str) -> str:
    """A calendar's reason as a year clue's name, without the source it ends with."""
    return reason.removesuffix(" (gazetteer editions)").removesuffix(" (gazetteer dated events)")


def _whole_years(years) -> tuple[Term, ...]:
    return tuple(((y, 1), (y, 12)) for y in sorted(years))


def borrow_date(doc: DocumentRecord, day: date, note: str, precision: str = "day") -> bool:
    """Date a document that knows at most its year to a day another document gives its
    event (bot/kb/borrow.py): it was written on that day or after it, so the weekdays it
    names fall from that day on. False (and nothing changed) when the document knows more
    than its year, or a year that is not the day's."""
    if not doc.date_inferred or doc.date_precision not in (None, "year", "month"):
        return False
    if doc.date is not None and doc.date.year != day.year:
        return False
    if doc.date_precision == "month" and (precision != "day" or doc.date.month != day.month):
        return False
    doc.month_day = None
    if precision == "year":
        # Only the year: the document's own dates, placed in it, date it as the year's clues
        # from office-holders would ("latest undated mention, year 2024 from ...").
        why = re.sub(r"^inferred: (?:year \d{4}, )?", "", note).split("; ")[0]
        evidence = YearEvidence(clues=[(why, (((day.year, 1), (day.year, 12)),))])
        got, got_precision, got_note = infer_date(doc, evidence)
        if got is not None and got.year == day.year:
            doc.date, doc.date_precision, doc.date_note = got, got_precision, got_note
            doc.weekdays_after = got if got_precision == "day" else None
            return True
    doc.date, doc.date_precision, doc.date_note = day, precision, note
    doc.weekdays_after = day - timedelta(days=1) if precision == "day" else None
    return True


# --- the year of an undated document ------------------------------------------------------


# A picture's caption set apart as furniture by its credit: a sentence naming who is shown
_CAPTION_CREDIT = frozenset({"copyright", "image credit"})
_PICTURED = re.compile(r"(?i)^\s*(?:from\s+left|left\s+to\s+right|\(?(?:L|R)\s*-\s*R\)?|\w[^.]{0,200}\b(?:poses?|pose\s+for|shakes?\s+hands|speaks?|attends?|before\s+their|during\s+their)\b)")


def _captions(doc: DocumentRecord) -> list[str]:
    """The captions near the top that were set aside with their credit, that tell who is shown."""
    return [
        p.text for p in doc.passages
        if p.furniture and p.furniture_reason in _CAPTION_CREDIT and p.start < _LEDE_CHARS and _PICTURED.search(p.text)
    ]


def _body_text(doc: DocumentRecord) -> str:
    return "\n".join(p.text for p in doc.passages if not p.furniture)


_FISCAL_NAMED = re.compile(r"(?i)\s*(?:fiscal|FY)")
_BUDGET_PROPOSED = re.compile(r"(?i)\s+(?:defen[cs]e\s+)?budget\s+(?:proposal|request)")
# A year whose office-holders held their posts together for a month or less of it (Biden's
# 2025: 1-20 January) is a poor guess beside a whole year they shared.
_EDGE_MONTHS = 1


# "NASA's Artemis program to land humans on the moon in 2024": a goal's year, no floor under
# the story's (it may be written years before)
_GOAL_BEFORE = re.compile(
    r"(?i)\b(?:to|aims?\s+to|plans?\s+to|goal\s+of)\s+(?:land|launch|send|return|put|reach|build|complete|"
    # ("wants the Self-Defense Forces to have the missiles by 2025, a year earlier than planned")
    r"deploy|fly|establish|have|acquire|obtain|field|procure|purchase|receive|possess)\b[^.;]{0,60}?\b"
    r"(?:in|by|as\s+early\s+as|no\s+later\s+than)\s+$"
)


@dataclass
class YearEvidence:
    """What a text says about its year without writing it: each clue a set of years.

    Office-holders named with their post (the gazetteer's role years: "Defense Minister
    Nakatani" is 2014-2016 or 2024-2025) and numbered exercise editions ("Keen Sword 25" is
    held in 2024 or 2025: some series number by the U.S. fiscal year, which starts in
    October). Years written in the past tense set a floor.
    """

    # Each clue: a name and the terms (first and last (year, month)) it allows.
    clues: list[tuple[str, tuple[Term, ...]]] = field(default_factory=list)
    open_ended: set[str] = field(default_factory=set)  # clues whose last year is not known
    floor: int | None = None
    floor_text: str = ""
    month_floor: int | None = None  # the latest year written with a month ("May 17, 2022")
    month_floor_text: str = ""
    # The latest numbered edition named: (label, number as a year, numbered by fiscal year?)
    edition: tuple[str, int, bool] | None = None
    edition_first: int | None = None  # the year of that series' first edition, when known
    # A calendar meeting the text tells by who met where, on a weekday or day it names.
    meeting: MeetingDay | None = None  # (day, reason, venue, ...): editions.meeting_day
    # ...or announces by who will meet where, on the day it writes ("Abe will hold talks with
    # Obama in Washington on February 22"): the story was written before that day
    preview: MeetingDay | None = None
    # A dated event it reports (bot.kb.editions.dated_event_day): day, reason, precision,
    # and whether it is the story's own day's news.
    dated_event: tuple[date, str, str, bool] | None = None
    # "held a first telecon after his appointment", "congratulated him on his confirmation":
    # news from the start of someone's term, so the earliest year the clues allow.
    first_in_post: bool = False
    first_weekday: re.Match | None = None  # a weekday in the sentence telling the term's first days
    # "their first talks since Kihara assumed the post in last month's cabinet reshuffle": the
    # term began the month before the story's
    first_last_month: bool = False
    early_only: bool = False  # early in a term, its first year, but no month of it (_EARLY_IN_TERM)
    paired: int = 0  # clues that name two office-holders at once ("Barack Obama and Shinzo Abe")
    # The term starts, (year, month), that the gazetteer writes with their month ("Oct
    # 2024-"), by clue: a bare year ("2022-") is read as January, which is no month to date by
    month_stated: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    # ...and the days, where the gazetteer writes them ("1 Oct 2024-"): a first call "on
    # Wednesday" a day after taking office is the first Wednesday of the term
    day_stated: dict[str, set[date]] = field(default_factory=dict)

    @classmethod
    def read(cls, doc: DocumentRecord, gazetteer, today: date,
             filed: tuple[int, int] | None = None) -> YearEvidence:
        """`filed`: the (month, day) of a dateline that writes no year."""
        ev = cls()
        body = _body_text(doc)
        first = _FIRST_IN_POST.search(body[:_LEDE_CHARS])
        if first is None and _EARLY_IN_TERM.search(body[:_LEDE_CHARS * 2]):
            ev.first_in_post, ev.early_only = True, True
        if first:
            ev.first_in_post = True
            ev.first_last_month = bool(_LAST_MONTH_AFTER.match(body, first.end()))
            # ("Takaichi said on Tuesday at her inaugural news conference": the weekday
            # told with it is the term's first such day)
            s, e = sentence_bounds(body, first.start(), first.end())
            # (not the term's own first day: "who assumed the portfolio on Wednesday")
            ev.first_weekday = next(
                (w for w in LEDE_WEEKDAY.finditer(body, s, e) if not first.start() <= w.start() < first.end()), None
            )
        if (el := _US_ELECTION.search(body)) is not None:
            # "the first to call Trump after the last year's US presidential election": the
            # year after one (2016, 2020, 2024 ...); "this year's": one
            after = 1 if el.group(1).lower() == "last" else 0
            years = [y + after for y in range(_FIRST_US_ELECTION, today.year + 1, 4) if y + after <= today.year]
            if years:
                ev.clues.append((el.group().strip(), tuple(((y, 1), (y, 12)) for y in years)))
        for r in scan(body):
            if r.year and not r.future and not r.relative and r.year <= today.year and not (
                _GOAL_BEFORE.search(body, max(0, r.start - 80), r.start)
            ):
                # ("President Obama's fiscal year 2014 budget proposal": a fiscal year is
                # named, budgeted and proposed the calendar year before it)
                year = r.year - 1 if _FISCAL_NAMED.match(r.text) and _BUDGET_PROPOSED.match(body, r.end) else r.year
                if ev.floor is None or year > ev.floor:
                    ev.floor, ev.floor_text = year, r.text
                if r.month and (ev.month_floor is None or r.year > ev.month_floor):
                    ev.month_floor, ev.month_floor_text = r.year, r.text
        if gazetteer is None:
            return ev
        try:
            # The people a story is about are named in its opening; further down come the
            # predecessors and past meetings it recalls.
            mentions = gazetteer.find(body[:_LEDE_CHARS])
        except Exception:  # noqa: BLE001 - dating must not fail for want of a name
            return ev
        seen: set[tuple[str, str]] = set()
        # ("Forest Light 16-1 at Camp Imazu, Sept. 6, 2015": a day written with its year
        # beside an exercise's name dates the edition; the label's number is a designation)
        dated_series = {
            m.entity.id for m in mentions
            if m.entity.type == "exercise" and _writes_its_day(body, m.start, m.end)
        }
        for caption in _captions(doc):
            # "From left, Japanese Defense Minister Yasukazu Hamada, U.S. Defense Secretary
            # Lloyd Austin and ... before their trilateral meeting ... on June 3. © U.S.
            # Department of Defense": the picture's office-holders, in office when it was taken
            try:
                pictured = gazetteer.find(caption)
            except Exception:  # noqa: BLE001 - dating must not fail for want of a name
                continue
            for m in pictured:
                if m.entity.type == "person" and m.title and not _sentence_has_year(caption, m.start):
                    got = _titled_post(m, caption, today)
                    if got and (m.entity.id, "post") not in seen:
                        seen.add((m.entity.id, "post"))
                        ev._add_post(f"{m.title} {m.text} (pictured)", got)
        for m in mentions:
            # (a rank is no post: "Gen. Charles Brown, chairman of the U.S. Joint Chiefs of
            # Staff" is dated by the post told after the name)
            titled = (
                _titled_post(m, body, today)
                if m.entity.type == "person" and m.title and not _sentence_has_year(body, m.start)
                else None
            )
            if titled is not None or (m.entity.type == "person" and m.title and not _RANK.fullmatch(m.title)):
                key = (m.entity.id, "post")
                if titled and key not in seen:
                    seen.add(key)
                    name = f"{m.title} {m.text}"
                    ev._add_named_post(name, titled, m.entity)
            elif (
                m.entity.type == "person"
                and (post := _post_after(body, m.end))
                and (m.entity.id, "post") not in seen
                and not _sentence_has_year(body, m.start)
                and (got := _post_terms(m.entity, post, "", today))
            ):
                # "Randall Schriver, U.S. Assistant Secretary of Defense for Indo-Pacific
                # Security Affairs": the post told after the name
                seen.add((m.entity.id, "post"))
                name = f"{m.text}, {post}"
                ev._add_named_post(name, got, m.entity)
            elif (
                m.entity.type == "person" and not m.title
                and (pre := _POST_COMMA_BEFORE.search(body, max(0, m.start - 60), m.start))
                and (m.entity.id, "post") not in seen
                and not _sentence_has_year(body, m.start)
                and (got := _post_terms(m.entity, pre.group("title"), "", today))
            ):
                seen.add((m.entity.id, "post"))
                ev._add_named_post(f"{pre.group('title')}, {m.text}", got, m.entity)
            elif (
                m.entity.type == "person"
                and (_NOMINEE_AFTER.match(body, m.end) or _NOMINEE_BEFORE.search(body, max(0, m.start - 40), m.start))
                and not _sentence_has_year(body, m.start)
                and (m.entity.id, "post") not in seen
            ):
                # "Caroline Kennedy, who is awaiting Senate confirmation to become U.S.
                # ambassador to Japan": the months before one of her terms began
                seen.add((m.entity.id, "post"))
                terms = tuple(
                    (_months_before((start.year, start.month), _NOMINEE_MONTHS), (start.year, start.month))
                    for start, _ in periods_of(m.entity.roles)
                )
                if terms:
                    ev.clues.append((f"{m.text}, awaiting confirmation", terms))
            elif m.entity.type == "person" and m.via == "pair" and not _sentence_has_year(body, m.start):
                # "Nakatani and Hegseth confirmed ...": counterparts named by surname alone
                # are in office together (the matcher paired them by their terms)
                got = [g for role in m.entity.roles if (g := _role_terms(role, today))]
                key = (m.entity.id, "post")
                if got and key not in seen:
                    seen.add(key)
                    ev.clues.append((m.text, tuple(t for g in got for t in g[1])))
                    if got[-1][2]:
                        ev.open_ended.add(m.text)
            elif m.entity.type == "exercise" and (
                num := _EDITION.match(body, m.end) or re.search(r"\s((?:19|20)\d\d|\d\d)$", m.text)
            ) and m.entity.id not in dated_series:
                n = int(num.group(1))
                year = n if n > 1900 else 2000 + n
                # The latest edition named is the one the text is about; earlier ones are history.
                if _EARLIEST_YEAR <= year <= today.year + 1 and (ev.edition is None or year > ev.edition[1]):
                    label = m.text if m.text.endswith(num.group(1)) else f"{m.text} {num.group(1)}"
                    fiscal = any("fiscal" in role.lower() for role in m.entity.roles)
                    ev.edition = (label, year, fiscal)
                    # "Freedom Edge 24-2" in November: the series began in June 2024, so its
                    # 24 is no fiscal 2024 held in 2023
                    firsts = [e.year for e in m.entity.editions or () if e.ordinal == 1]
                    ev.edition_first = min(firsts) if firsts else None
        for name, terms in _aboard_the_station(body, mentions, gazetteer):
            # "Kimiya Yui ... became the first Japanese crew member to helm the space
            # station's robotic arm": the months of his missions (launch to return)
            ev.clues.append((name, terms))
        for name, terms in _crew_flight_ahead(body, mentions, gazetteer):
            # "Furukawa will join three astronauts ... aboard Crew Dragon, which will launch ...
            # on or after Aug. 17": the year of his flight launched in that month
            ev.clues.append((name, terms))
        for name, terms in _launch_planned(body, mentions):
            # "XRISM ... will be onboard the H2A No. 47 Launch Vehicle when it takes off ...
            # on Monday": a launch days ahead is of the year the gazetteer dates it
            ev.clues.append((name, terms))
        for name, terms in _full_name_pairs(body, mentions, seen):
            # "Itsunori Onodera and Chuck Hagel met in Washington": two full names, one of
            # each ally, joined as counterparts: the months both held office
            ev.clues.append((name, terms))
            ev.paired += 1
        if (c := _COPYRIGHT_YEAR.search(doc.text)) is not None and _EARLIEST_YEAR <= int(c.group(1)) <= today.year:
            # "© Thomson Reuters 2024." under a wire story: the year it was filed
            ev.clues.append((c.group().strip().rstrip("."), _whole_years({int(c.group(1))})))
        for hit in _YEARS_SINCE.finditer(body):
            s, e = sentence_bounds(body, hit.start(), hit.end())
            years = {int(y) for y in _PAST_YEAR.findall(body, s, e)}
            n = hit.group("n") or hit.group("m")
            n = int(n) if n.isdigit() else _NUMBER_WORDS.index(n.lower()) + 2
            if len(years) == 1 and _EARLIEST_YEAR <= (y := years.pop() + n) <= today.year:
                # (a year and "for 13 years" since it: the year it is written in)
                ev.clues.append((f"{hit.group().strip()} after {y - n}", _whole_years({y})))
        for hit in TOOK_OFFICE.finditer(body):
            if (got := _took_office(body, hit, gazetteer)) is not None and got[0] not in {c[0] for c in ev.clues}:
                ev.clues.append(got)
        # The alliance calendar: which known edition of a named exercise the text's dates fall in.
        for reason, years in edition_clues(body, gazetteer, today):
            ev.clues.append((reason, _whole_years(years)))
        # ...and which summit or ministerial the people it names held where it says, on the
        # day it says ("Abe and Trump jetted to Mar-a-Lago ... on Feb. 10 ... for more talks").
        # ...and an agreement signed, a satellite launched, on a day the gazetteer knows.
        # (a caption is read though it is furniture: "... lift off ... on Oct. 5, 2022, for the
        # Crew-5 mission. Photo credit: NASA" shows the story's event on its day)
        if (got := dated_event_day(body, gazetteer, today, filed) or captioned_event_day(doc.text, gazetteer)) is not None:
            ev.dated_event = got
            ev.clues.append((_clue_name(got[1]), _whole_years({got[0].year})))
        # (two office-holders at least, a pair named in full counting as two)
        named = len(ev.clues) + ev.paired
        if named >= 2 and (got := meeting_day(body, gazetteer, _ANY_YEAR, today)) and not (
            # (news from the first weeks of a term is of its first year, whatever summit a
            # later year holds in the city it is filed from)
            ev.first_in_post and (first := ev.years(today)[0]) and got[0].year != first[0]
        ):
            ev.meeting = got
            ev.clues.append((_clue_name(got[1]), _whole_years({got[0].year})))
        elif named >= 2 and (got := meeting_day(body, gazetteer, _ANY_YEAR, today, planned=True)):
            ev.preview = got
        return ev

    def _add_post(self, name: str, got: tuple[tuple[Term, ...], bool]) -> None:
        """A titled office-holder's terms as a clue (see _titled_post)."""
        self.clues.append((name, got[0]))
        if got[1]:
            self.open_ended.add(name)

    def _add_named_post(self, name: str, got: tuple[tuple[Term, ...], bool], person) -> None:
        """...and, for one named in the story's text, the months and days the gazetteer writes
        their terms from (a term's first days: YearEvidence.first_in_post)."""
        self._add_post(name, got)
        self.month_stated[name] = {start for role in person.roles for start in month_starts(role)}
        self.day_stated[name] = {start for role in person.roles for start in day_starts(role)}

    def pick(self, years: list[int], first: bool = False) -> int:
        """Of the consistent years (ascending), the story's: the most recent, or the first
        for news from a term's first days (first_in_post) or where the caller says so."""
        return years[0] if first or self.first_in_post else years[-1]

    def window(self, today: date) -> tuple[date, date] | None:
        """The first and last day of the months every clue used allows, when they are fewer
        than a year's (see window_year); None otherwise."""
        _, used, _ = self.years(today)
        if not (months := self._shared_months(used)):
            return None
        (y1, m1), (y2, m2) = min(months), max(months)
        return date(y1, m1, 1), month_range(y2, m2)[1]

    def window_year(self, used: list[str], years: list[int]) -> int | None:
        """The year holding most of the months every clue used allows, when those months
        are fewer than a year's ("President-elect Trump" and "Ambassador Rahm Emanuel": November
        2024 to January 2025, two months of them in 2024); None when they are many or tie."""
        if not (months := self._shared_months(used)):
            return None
        count = {y: sum(1 for (yy, _) in months if yy == y) for y in years}
        best = max(count.values(), default=0)
        top = [y for y, n in count.items() if n == best and n > 0]
        return top[0] if len(top) == 1 else None

    def months_in(self, year: int, used: list[str]) -> int:
        """How many months of `year` every clue used allows (12 when no clue says months)."""
        months = self._allowed_months(used)
        return 12 if months is None else sum(1 for y, _ in months if y == year)

    def _shared_months(self, used: list[str]) -> set[tuple[int, int]] | None:
        """The months every clue used allows, when they are fewer than a year's and lie
        within a year of each other (not an astronaut's two stays aboard the station, ten
        years apart)."""
        months = self._allowed_months(used)
        if not months or len(months) > 12:
            return None
        (y1, m1), (y2, m2) = min(months), max(months)
        return months if (y2 - y1) * 12 + m2 - m1 < 12 else None

    def _allowed_months(self, used: list[str]) -> set[tuple[int, int]] | None:
        """The (year, month)s every clue used allows; None when none of them has terms."""
        months: set[tuple[int, int]] | None = None
        for name, terms in self.clues:
            if name not in used or not terms:
                continue
            got = {
                (y, m)
                for (y1, m1), (y2, m2) in terms
                for y in range(y1, y2 + 1)
                for m in range(1, 13)
                if (y1, m1) <= (y, m) <= (y2, m2)
            }
            months = got if months is None else months & got
        return months

    def newest_term(self, year: int, used: list[str]) -> tuple[str, int] | None:
        """The clue (of those used) whose term began last, when it began in `year` in a
        month the gazetteer states: its name and month ("Prime Minister Ishiba Shigeru",
        October)."""
        starts = [
            (first, name)
            for name, terms in self.clues
            if name in used
            for first, _ in terms
            if first[0] == year and first in self.month_stated.get(name, ())
        ]
        if not starts:
            return None
        (_, month), name = max(starts)
        return name, month

    def newest_start_day(self, year: int, used: list[str]) -> tuple[str, date] | None:
        """The day the newest term (of those used) began, when it began in `year` and the
        gazetteer writes its day: its name and that day."""
        began = self.newest_term(year, used)
        if began is None:
            return None
        name, month = began
        days = [d for d in self.day_stated.get(name, ()) if (d.year, d.month) == (year, month)]
        return (name, days[0]) if len(days) == 1 else None

    def edition_years(self, month: int | None) -> frozenset[int]:
        """The years edition N can be held in. A series numbered by calendar year holds N in
        N; one numbered by the U.S. fiscal year (October to September, the gazetteer's roles
        say which) holds N from October of N-1. So January to September is always N, and
        October to December is N-1 for a fiscal series, either year when nobody says."""
        _, n, fiscal = self.edition
        if month is not None and month <= 9:
            return frozenset({n})
        if month is not None and fiscal:
            return frozenset({n - 1})
        if self.edition_first is not None and self.edition_first > n - 1:
            return frozenset({n})
        return frozenset({n - 1, n})

    def years(
        self, today: date, extra: list[tuple[str, frozenset[int]]] = (), month: int | None = None
    ) -> tuple[list[int], list[str], list[str]]:
        """The years every clue allows (clues that contradict the others are set aside).

        `month` is the month of the date being placed, which decides a numbered edition.
        """
        # A year the text writes of the past is a floor under every clue.
        allowed = set(range(max(_EARLIEST_YEAR, self.floor or 0), today.year + 1))
        used, dropped = [], []
        clues = [(name, _years_of(terms, month)) for name, terms in self.clues]
        if self.edition is not None:
            clues.append((self.edition[0], self.edition_years(month)))
        # Clues that agree with the most others first, so one odd mention (a past leader
        # named without "former") is what gets set aside; the weekday, the weakest, last.
        # (between clues that agree with as many, one that allows many years last: "Valiant
        # Shield 2026" over a "July 1" that fits five RIMPAC editions)
        # (and between those, the year an exercise's label writes: "Sea Dragon 2026 ... March
        # 9" over the edition of the year before that also ran on March 9)
        label = self.edition[0] if self.edition is not None else None
        clues = sorted(clues, key=lambda c: (-sum(bool(c[1] & other[1]) for other in clues),
                                             len(c[1]) > _LOOSE_CLUE, c[0] != label))
        for name, years in [*clues, *extra]:
            if allowed & years:
                allowed &= years
                used.append(name)
            else:
                dropped.append(name)
        if used and all(name in self.open_ended for name in used):
            # Posts still held when the gazetteer was written say when they began, not how
            # long they lasted: the first year of the term still running is the latest the
            # text supports (Trump's second term from 2025: 2025, or his first, 2017-2021).
            began = max(
                (max(first for first, _ in terms)[0] for name, terms in self.clues if name in used and terms),
                default=None,
            )
            if began is not None and (kept := {y for y in allowed if y <= began}):
                allowed = kept
        return sorted(allowed), used, dropped


_ALLY_PAIR = frozenset({"Japan", "United States"})


# An astronaut told as on the station now: aboard it, working its robotic arm, on a stay
_ABOARD = re.compile(
    r"(?i)\b(?:aboard|on\s+board|onboard)\s+the\s+(?:International\s+Space\s+Station|ISS|(?:space\s+)?station|"
    r"orbiting\s+(?:laboratory|lab|outpost))|\b(?:station's|station’s|ISS's|ISS’s)\s+robotic\s+arm|"
    r"\bcurrently\s+(?:on|aboard|staying)|\blong-(?:term|duration)\s+(?:mission|stay)\s+(?:aboard|on|at)\b|"
    # "a Japanese astronaut staying at the International Space Station"
    r"\bstaying\s+(?:at|on|aboard|in)\s+the\s+(?:International\s+Space\s+Station|ISS|(?:space\s+)?station)\b"
)


def _aboard_the_station(body: str, mentions: list, gazetteer) -> list[tuple[str, tuple[Term, ...]]]:
    """Clues from an astronaut a sentence tells is on the station (no year written in it):
    the months from each of their missions' launch to its return (the gazetteer's crewed
    missions, which name their astronauts in their roles)."""
    out: list[tuple[str, tuple[Term, ...]]] = []
    crews = astronaut_missions(gazetteer)
    done: set[str] = set()
    for m in mentions:
        if m.entity.type != "person" or m.entity.id in done or m.entity.id not in crews:
            continue
        s, e = sentence_bounds(body, m.start, m.end)
        if not _ABOARD.search(body, s, e) or _sentence_has_year(body, m.start):
            continue
        terms = tuple(
            ((mission.dated[0].year, mission.dated[0].month), (mission.returned[-1].year, mission.returned[-1].month))
            for mission in crews[m.entity.id]
            if mission.dated and mission.returned
        )
        if terms:
            done.add(m.entity.id)
            out.append((f"{m.text} aboard the station", terms))
    return out


def _full_name_pairs(body: str, mentions: list, seen: set) -> list[tuple[str, tuple[Term, ...]]]:
    """Clues from a Japanese and an American named in full without a title and joined by
    "and" ("Itsunori Onodera and Chuck Hagel met"): the months in which both held office.
    A person already dated by a title is left to that title."""
    people = [m for m in mentions if m.entity.type == "person" and m.entity.country]
    out = []
    for a, b in pairwise(people):
        if {a.entity.country, b.entity.country} != _ALLY_PAIR or not PAIR_JOIN.fullmatch(body, a.end, b.start):
            continue
        if a.title or b.title or (a.entity.id, "post") in seen or (b.entity.id, "post") in seen:
            continue
        if _sentence_has_year(body, a.start):
            continue
        both = [
            (max(s1, s2), min(e1, e2))
            for s1, e1 in periods_of(a.entity.roles)
            for s2, e2 in periods_of(b.entity.roles)
            if s1 <= e2 and s2 <= e1 and min(e1, e2) != date.max
        ]
        if not both:
            continue
        seen |= {(a.entity.id, "post"), (b.entity.id, "post")}
        terms = tuple(((s.year, s.month), (e.year, e.month)) for s, e in both)
        out.append((f"{a.text} and {b.text}, in office together", terms))
    return out


def _took_office(body: str, hit: re.Match, gazetteer) -> tuple[str, tuple[Term, ...]] | None:
    """The year a term began in the month the text names ("since Hamada assumed his role in
    August" is August 2022): the story is of that year, when exactly the office-holder's
    terms say which. The nearest person named before the verb is the office-holder."""
    start = max(0, hit.start() - _TOOK_OFFICE_REACH)
    start += max((m.end() for m in re.finditer(r"[.;]\s", body[start : hit.start()])), default=0)
    try:
        # (read from the top: "Hamada" alone is known by "Defense Minister Hamada" earlier)
        people = [m for m in gazetteer.find(body[: hit.start()]) if m.entity.type == "person" and m.start >= start]
    except Exception:  # noqa: BLE001 - dating must not fail for want of a name
        return None
    if not people:
        return None
    person = people[-1].entity
    month = took_office_month(hit)
    years = sorted({
        first.year for first, _ in periods_of(person.roles) if first.month == month
    })
    if len(years) != 1:
        return None
    y = years[0]
    return f"{person.name} took office in {hit.group(1).rstrip('.')} {y}", (((y, month), (y, 12)),)



def _next_nearer(d: date, anchor: date) -> bool:
    """Is day `d` a year on nearer after `anchor` than it is before it?"""
    return a_year_later(d) - anchor < anchor - d


def _writes_its_day(text: str, start: int, end: int) -> bool:
    """Does the sentence around a name write a day with its year ("Sept. 6, 2015")?"""
    s, e = sentence_bounds(text, start, end)
    return any(r.year and r.month and r.day and not r.relative and not r.future for r in scan(text[s:e]))


def _sentence_has_year(text: str, pos: int) -> bool:
    """Does the sentence around `pos` write a past year? "In 2015, Prime Minister Abe signed"
    dates the post by that year, not the document; "will co-host the 2023 meeting" is the
    document's own business."""
    start = max((m.end() for m in re.finditer(r"[.!?]\s", text[max(0, pos - 400) : pos])), default=0)
    start += max(0, pos - 400)
    end = re.search(r"[.!?](?:\s|$)", text[pos : pos + 400])
    sentence = text[start : pos + (end.end() if end else 400)]
    return any(
        r.year
        for r in scan(sentence)
        if not r.relative
        and not r.future
        # ("welcomes Japan's support of the ISS through 2030": a target, no past year)
        and not _TARGET_BEFORE.search(sentence, max(0, r.start - 12), r.start)
    )


_TARGET_BEFORE = re.compile(r"(?i)\b(?:through|until|till|by|beyond)\s+(?:the\s+end\s+of\s+)?$")


def _role_words(title: str) -> frozenset[str]:
    words = re.findall(r"[a-z]+", title.lower().replace("defence", "defense"))
    words = [x for w in words for x in _MINISTRY_ACRONYMS.get(w, (w,))]
    return frozenset(w for w in words if w not in _ROLE_FILLER)


# Japan's ministries by the acronyms titles use: "MEXT Minister Nagaoka" is the Minister of
# Education, Culture, Sports, Science and Technology.
_MINISTRY_ACRONYMS = {
    "mext": ("education", "culture", "sports", "science", "technology"),
    "meti": ("economy", "trade", "industry"),
    "mic": ("internal", "communications"),
    "mlit": ("land", "infrastructure", "transport", "tourism"),
}
_BARE_POST = frozenset({"minister", "secretary"})


Term = tuple[tuple[int, int], tuple[int, int]]  # first and last (year, month) of a term

def _role_terms(role: str, today: date) -> tuple[str, list[Term], bool] | None:
    """ "Minister of Defense (Dec 2014-Aug 2016, Oct 2024-Oct 2025)" -> the post, its terms as
    (year, month) pairs, and whether the last is still open. The gazetteer's own reader
    (`role_periods`) parses the terms, so posts and dates are read one way everywhere."""
    m = re.search(r"\(([^()]*\d{4}[^()]*)\)\s*$", role)
    periods = role_periods(role) if m else []
    if not periods:
        return None
    terms: list[Term] = []
    for start, end in periods:
        last = (today.year, today.month) if end == date.max else (end.year, end.month)
        terms.append(((start.year, start.month), last))
    return role[: m.start()].strip(), terms, periods[-1][1] == date.max


def _years_of(terms: tuple[Term, ...], month: int | None) -> frozenset[int]:
    """The years in which `month` (any month, when None) falls inside one of the terms."""
    out: set[int] = set()
    for (y1, m1), (y2, m2) in terms:
        for y in range(y1, y2 + 1):
            if month is None or (y1, m1) <= (y, month) <= (y2, m2):
                out.add(y)
    return frozenset(out)


def _titled_post(m, text: str, today: date) -> tuple[tuple[Term, ...], bool] | None:
    """The terms of the post a person mention's title names (_post_terms), read with the words
    just before the title ("former", "then")."""
    return _post_terms(m.entity, m.title, text[max(0, m.start - len(m.title) - 12) : m.start], today)


def _post_terms(person, title: str, before: str, today: date) -> tuple[tuple[Term, ...], bool] | None:
    """The terms in which `person` held the post `title` names, if the gazetteer knows
    them, and whether the last is still open."""
    words = _role_words(title)
    if words & {"former", "ex"} or re.search(r"\b(?:former|ex)[\s-]*$", before, re.I):
        # "former Japanese Prime Minister Fumio Kishida": the story is from the end of his first
        # term in the post on, whatever it tells
        held = _post_terms(person, " ".join(sorted(words - {"former", "ex"})), "", today)
        if held is None or not held[0]:
            return None
        ended = min(last for _, last in held[0])
        if len(held[0]) == 1 and held[1]:
            return None  # a holder still in office is no "former" one: another post is meant
        return ((ended, (today.year, today.month)),), False
    if words & _PAST_POST or re.search(r"\b(?:former|then|ex|late)[\s-]*$", before, re.I):
        return None
    terms: list[Term] = []
    still = False
    elect = "elect" in words or "incoming" in words  # "President-elect Donald Trump": the months before a term
    outgoing = "outgoing" in words  # "outgoing President Barack Obama": a term's last months
    for role in person.roles:
        got = _role_terms(role, today)
        # ("Science and technology minister Hagiuda": a title naming part of a long post)
        # (a "Deputy Secretary of State" is one by a role of that name, not by a Secretary's)
        if got and (post := _role_words(got[0])) and (
            post <= words | {"elect"} or (len(words - _BARE_POST - {"elect"}) >= 2 and words - {"elect"} <= post)
            # "Secretary Carter": a cabinet secretary, whichever department (not a deputy's post)
            or (words - {"elect"} == {"secretary"} and "secretary" in post and len(post) == 2)
        ) and post & _NOT_THE_POST == words & _NOT_THE_POST:
            if elect:
                terms += [(_months_before(first, _ELECT_MONTHS), first) for first, _ in got[1]]
                continue
            if outgoing:
                terms += [(_months_before(last, _ELECT_MONTHS), last) for _, last in got[1]]
                continue
            terms += got[1]
            still = still or got[2]
    return (tuple(terms), still) if terms else None


# A post told after the name, between commas: "Randall Schriver, U.S. Assistant Secretary of
# Defense for Indo-Pacific Security Affairs, and ..."
# ("Fumio Kishida, Japan's new Prime Minister, and ...": a new holder's post)
_RANK = re.compile(r"(?i)(?:Gen|Lt|Col|Adm|Maj|Capt|Cmdr|Vice\s+Adm|Rear\s+Adm|Lt\.\s+Gen|Maj\.\s+Gen|Brig\.\s+Gen|General|Admiral)\.?")
_APPOSITIVE_POST = re.compile(
    r",\s+(?:the\s+)?(?:(?:U\.S\.|US|American|Japanese|Japan['’]s|South\s+Korean|Korean)\s+)?"
    r"(?:new\s+|newly[- ](?:elected|appointed)\s+)?"
    r"(?P<title>[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|for|and|the)){0,10})(?=\s*[,;)]|\s*$|\s+(?:and|said|says)\b)"
)
# ...or in lower case after the country's possessive: "Keiko Nagaoka, Japan's minister of
# education, culture, sports, science and technology, said"
_APPOSITIVE_POST_OF = re.compile(
    r",\s+(?:(?:Japan|America|the\s+U\.?S\.?|US|the\s+United\s+States)['’]s\s+(?:new\s+)?"
    r"(?P<title>(?:[a-z-]+\s+){0,3}?(?:minister|secretary|ambassador)"
    r"(?:\s+(?:of|for)\s+[a-z-]+(?:(?:,\s+|,?\s+and\s+)[a-z-]+){0,6})?)|"
    # "Gen. Charles Brown, chairman of the U.S. Joint Chiefs of Staff,", "Gen. Yoshihide
    # Yoshida, chief of staff at the Japanese Self-Defense Forces' Joint Staff,"
    r"(?P<head>(?:chairman|chief\s+of\s+staff|commander|chief)\s+(?:of|at)\s+the\s+[^,;()\n]{3,60}?))\s*[,;)]"
)


def _post_after(body: str, end: int) -> str | None:
    """The post told after a name ending at `end` (_APPOSITIVE_POST, _APPOSITIVE_POST_OF)."""
    if app := _APPOSITIVE_POST.match(body, end):
        return app.group("title")
    if app := _APPOSITIVE_POST_OF.match(body, end):
        return app.group("title") or app.group("head")
    return None


# ...or before it, a comma between: "Japan's new prime minister, Sanae Takaichi, told ..."
_POST_COMMA_BEFORE = re.compile(
    r"(?i)\b(?:Japan|America|the\s+U\.?S\.?|US|the\s+United\s+States|South\s+Korea)['’]s\s+"
    r"(?:new\s+|newly[- ](?:elected|appointed)\s+)?"
    r"(?P<title>(?:[a-z-]+\s+){0,3}?(?:prime\s+minister|minister|secretary|president|ambassador|premier)"
    r"(?:\s+of\s+[a-z]+)?)\s*,\s*$"
)
_ELECT_MONTHS = 3  # from an election (November) to the term (January 20)
# A nominee awaiting the Senate: "Kennedy, who is awaiting Senate confirmation to become
# ambassador", "Defense Secretary nominee Pete Hegseth"
_NOMINEE_AFTER = re.compile(
    r",?\s+(?:who\s+is\s+|who\s+was\s+)?(?:awaiting|pending)\s+(?:(?:her|his|the)\s+)?(?:Senate\s+)?confirmation\b"
    r"|,?\s+(?:who\s+(?:has\s+been|was)\s+)?nominated\s+(?:as|to\s+(?:be|become|serve))\b",
    re.I,
)
_NOMINEE_BEFORE = re.compile(r"(?i)\bnominee\s+$")
_NOMINEE_MONTHS = 6  # from a nomination to the term


def _months_before(ym: tuple[int, int], n: int) -> tuple[int, int]:
    y, m = ym
    m -= n
    while m < 1:
        y, m = y - 1, m + 12
    return y, m


_SAID_WEEKDAY = re.compile(
    rf"\b(?:said|says|announced|reported|told\s+reporters)\s+(?:on\s+)?({_WEEKDAY_ALT})\b"
)


def _date_the_dateline(
    month_day: tuple[int, int], shown: str, lede: str, ev: YearEvidence, today: date
) -> tuple[date | None, str | None, str]:
    """A dateline without a year: the year from the lede's weekday and the text's clues.

    A wire story's lede names its event's weekday ("Tokyo, Nov. 10 (Jiji Press)--... started
    Thursday"); a Thursday that is Nov. 10 is 2022, 2016, 2011..., and the clues and the
    floor choose among them: the most recent consistent year. The weekday is the weakest
    clue (a lede may name the day before the dateline), so it yields to the others.
    """
    month, day = month_day
    extra = []
    first = re.split(r"(?<=[a-z])\.\s", lede, maxsplit=1)[0]
    # ("... exercises over the Sea of Japan on Wednesday, the Japanese Joint Staff said
    # Thursday": the day of the report is the dateline's, the event's the day before)
    if wd := _SAID_WEEKDAY.search(first) or LEDE_WEEKDAY.search(first):
        n = _WEEKDAY_NAMES.index(wd.group(1).lower())
        years = weekday_years(month, day, n, _EARLIEST_YEAR, today)
        extra.append((f"{wd.group(1)} is {shown}", frozenset(years)))
    years, used, dropped = ev.years(today, extra, month)
    if extra and dropped and extra[0][0] in dropped:
        # A Tokyo wire's dateline is often the day after the Washington news its lede tells
        # ("Tokyo, July 30 (Jiji Press)--... agreed Friday", July 29): when the weekday cannot
        # be the dateline's day, it may be the day before.
        before = weekday_years(month, day, (n + 1) % 7, _EARLIEST_YEAR, today)
        eve = [(f"{wd.group(1)} is the day before {shown}", frozenset(before))]
        got = ev.years(today, eve, month)
        if eve[0][0] in got[1]:
            years, used, dropped = got
    years = [y for y in years if valid_day(y, month, day) and date(y, month, day) <= today]
    if not used and ev.month_floor is not None:
        # No clue but a date written with its year: the first such date at or after it.
        years = [y for y in years if y >= ev.month_floor][:1]
        used = [f"after {ev.month_floor_text!r}"]
    if not used or not years:
        return None, None, f"dateline gives {shown}; no year stated or inferable"
    y = ev.pick(years)
    why = "; ".join(used) + (f" (set aside: {'; '.join(dropped)})" if dropped else "")
    alts = "" if len(years) == 1 else f", most recent of {', '.join(map(str, years[-4:]))}"
    return date(y, month, day), "day", f"inferred: dateline {shown}, year {y} from {why}{alts}"


# A page telling its own day: "This transcript is from a CSIS press briefing hosted on April
# 2, 2024.", "This article was first published on March 3, 2023."
_SELF_DATED = re.compile(
    r"(?i)\bthis\s+(?:transcript|article|story|report|release|briefing|interview|post|page|piece|"
    r"commentary|podcast|episode)\s+(?:is\s+from|was\s+(?:first\s+|originally\s+)?(?:published|posted|"
    r"released|updated|recorded|held|hosted|written))\b[^.\n]{0,80}$"
)


def infer_date(
    doc: DocumentRecord, evidence: YearEvidence | None = None, today: date | None = None
) -> tuple[date | None, str | None, str]:
    """Infer an undated document's date from the dates it mentions; never today's date.

    The latest fully dated mention (month and year at least) anchors the year. Month-day
    mentions without a year ("July 13", "updated July 24") are placed in the anchor's year,
    or the next one when most of them would otherwise fall before the anchor; the latest of
    them is the inferred date. Office-holders and numbered editions (`evidence`) settle the
    year when no mention writes one, and overrule an anchor they contradict. Plans ("will
    ... in September", "ahead of an August 1 deadline") are left out: a document is written
    before the future it announces.
    """
    today = today or date.today()
    evidence = evidence or YearEvidence()
    # An editor's "updated July 24" note dates the page too, though it is not the story.
    body = "\n".join(
        p.text for p in doc.passages if not p.furniture or p.furniture_reason == "editor's note"
    )
    # "Kishida, who became prime minister in October": the month a term began is a clue to
    # the year (YearEvidence), not a day of the story
    took_office = [(m.start(1), m.end(1)) for m in TOOK_OFFICE.finditer(body)]
    scanned = [r for r in scan(body) if not any(r.start < b and a < r.end for a, b in took_office)]
    raws = [
        r for r in scanned
        if not r.future and not r.relative
        and not _AHEAD_BEFORE.search(body, max(0, r.start - 30), r.start)
        and not _DEADLINE_AFTER.match(body, r.end)
    ]
    # A picture's caption ("... May 17, 2022. (Jo Roe/U.S. Marine Corps)") dates the picture,
    # often one from the archive: a floor under the year (YearEvidence), never the anchor.
    captioned = in_caption(body)
    dated = [r for r in raws if r.year and r.month and r.year <= today.year and not captioned(r.start)]
    for r in dated:
        if r.day and _SELF_DATED.search(body, max(0, r.start - 120), r.start):
            # "This transcript is from a CSIS press briefing hosted on April 2, 2024.": the
            # page's own day, whatever days ahead it previews
            return date(r.year, r.month, r.day), "day", f"stated in the text ({r.text!r})"
    anchor: date | None = None
    anchor_text = ""
    anchor_precision = "day"
    for r in dated:
        end = _end_of(r.year, r.month, r.day)
        if anchor is None or end > anchor:
            anchor, anchor_text = end, r.text
            anchor_precision = "day" if r.day else "month"
    if anchor is not None and anchor_precision == "month":
        # "JAXA President Monthly Regular Press Conference July 2016" over "Date and time:
        # ... on July 14 (Thu), 2016": the month's day the text writes is the finer anchor
        days = [r for r in dated if r.day and (r.year, r.month) == (anchor.year, anchor.month)]
        if days:
            r = max(days, key=lambda r: r.day)
            anchor, anchor_text, anchor_precision = date(r.year, r.month, r.day), r.text, "day"
    # A picture of the story's own day: "... attend their meeting in Tokyo Tuesday, Oct. 6,
    # 2020. (Charly Triballeau/Pool Photo via AP)" above "gathered in Tokyo on Tuesday".
    if (pictured := _pictured_day(body, raws, captioned, today)) is not None and (
        anchor is None or pictured[0] > anchor
    ):
        anchor, anchor_text = pictured
        anchor_precision = "day"
    # (not the month of what the story looks ahead to: "before the election in November")
    yearless = [
        r for r in raws
        if r.year is None and r.month and not _BEFORE_EVENT_IN.search(body, max(0, r.start - 60), r.start)
    ]
    # (not a goal's deadline: "vowed to raise defense spending to 2 percent of GDP by March"
    # is months ahead, and whoever holds a post then says nothing of the story's year)
    target = max(((r.month, r.day or 0) for r in yearless if not _deadline(body, r)), default=(None, 0))[0]
    # "reaffirmed the close coordination of the alliance at the beginning of the new year": a
    # January story, whose yearless months ("first met Trump ... in October") are the year before's
    new_year = _NEW_YEAR.search(body) if anchor is None else None
    if new_year:
        target = 1
    if target is None and anchor is None:
        # Only plans ("scheduled for November 10"): the officials named hold their posts when
        # the plan is made, weeks before it, so its month places their terms.
        planned = [
            r for r in scanned if r.future and not r.relative and r.year is None and r.month and not _deadline(body, r)
        ]
        target = planned[0].month if planned else None
    # "Thursday, Nov. 10" written in the text: a Thursday that is Nov. 10 is 2022, 2016...
    # (a plan's too: "from tomorrow (i.e. Tuesday, November 3)" is days ahead, no more)
    stated_days = [
        (f"{r.text} is a {_WEEKDAY_NAMES[r.weekday].title()}",
         frozenset(weekday_years(r.month, r.day, r.weekday, _EARLIEST_YEAR, today)))
        for r in scanned
        if r.year is None and r.month and r.day and r.weekday is not None and not r.relative
    ]
    if not stated_days and (lede := LEDE_WEEKDAY.search(body[:_LEDE_WEEKDAY_CHARS])):
        # "The chief diplomats gathered in Tokyo on Oct. 6." over "... gathered here Tuesday":
        # a day written at the top is most likely the weekday the lede names (the weakest
        # clue: the others overrule it); a day further down is another event's.
        # (not a run's bound: "the dispatch, which began Aug. 26 and will run through
        # October" is not the day the Kaga "linked up Friday")
        top = [
            r for r in yearless
            if r.day and r.start < _LEDE_WEEKDAY_CHARS
            and not _RUN_BOUND_BEFORE.search(body, max(0, r.start - 20), r.start)
            and not _FOLLOWED_BEFORE.search(body, max(0, r.start - 120), r.start)
        ]
        last = max(top, key=lambda r: (r.month, r.day), default=None)
        if last is not None:
            wd = _WEEKDAY_NAMES.index(lede.group(1).lower())
            stated_days = [(
                f"{lede.group(1)} is {last.text}",
                frozenset(weekday_years(last.month, last.day, wd, _EARLIEST_YEAR, today)),
            )]
    years, used, dropped = evidence.years(today, stated_days, month=target)
    if new_year and used and years:
        y = evidence.pick(years)
        return date(y, 1, 1), "month", (f"inferred: January {y}, '{new_year.group()}'; year {y} from "
                                        + "; ".join(used))
    if (
        anchor is not None and target is not None and anchor.year not in years and anchor_precision == "day"
        and all(d <= anchor for d in (date(anchor.year, r.month, r.day or 1) for r in yearless
                                      if valid_day(anchor.year, r.month, r.day or 1)))
    ):
        # "... at the State Department on August 17, 2017" over "following Abe's visit to the
        # U.S. in February": the yearless month recalls one before the written day, in its
        # year, and the office-holders are those of the written day's month (Onodera, in the
        # post from August 2017), not of February's. (Only under a written day: a written month
        # with its year, "in October 2022", is often itself recalled from a year before.)
        at = evidence.years(today, stated_days, month=anchor.month)
        if anchor.year in at[0]:
            years, used, dropped = at
    why = "; ".join(used) + (f" (set aside: {'; '.join(dropped)})" if dropped else "")
    if anchor is not None and used:
        later = [y for y in years if y >= anchor.year]
        if not later:
            used = []  # the clues contradict a written date: the written date wins
        elif not yearless and later[0] > anchor.year:
            # A written date the clues rule out (a past event recalled): their first year
            # (its term's first days, when the story tells them: "who assumed the portfolio
            # on Wednesday" above "her predecessor, in the post since November 2021")
            # (a date recalled from long before, "the last time anyone reached the moon was in
            # December 1972", says nothing of which of the clues' years: the most recent)
            y = evidence.pick(later, first=later[0] - anchor.year <= _RECALLED_NEAR_YEARS)
            if (first := _term_first_days(evidence, y, used, body, why)) is not None:
                return first
            others = [x for x in later if x != y][-3:] if y != later[0] else []
            also = f"; {', '.join(map(str, others))} also consistent" if others else ""
            return date(y, 1, 1), "year", f"inferred: year {y} from {why}{also}"
    preview = evidence.preview if used and anchor is None and evidence.meeting is None else None
    if preview is not None and preview[0].year in years and not yearless:
        # "Biden will host Kishida and Yoon ... at Camp David on Aug. 18": a preview of that
        # summit, written before it (in its year, most likely)
        return _announcing(preview, why, body)
    if not yearless:
        # The days the text announces with their year ("will hold ... from June 21 to 22, 2022")
        planned_days = [
            r for r in scanned
            if r.future and r.year and r.month and r.day and not r.relative and r.year <= today.year
            and not captioned(r.start)
        ]
        if anchor is None:
            met = evidence.meeting
            if met is not None and used and met[0].year in years:
                # The meeting the story tells, by who met where on the day it names.
                rest = "; ".join(u for u in used if not met[1].startswith(u))
                return met[0], "day", f"inferred: {met[1]}" + (f"; year {met[0].year} also allowed by {rest}" if rest else "")
            if used and years:
                # The most recent consistent year, and the others said: "2022 (2021 also fits)".
                y = evidence.pick(years)
                if (
                    not evidence.first_in_post and len(years) > 1
                    and evidence.months_in(y, used) <= _EDGE_MONTHS
                    and evidence.months_in(years[-2], used) > _EDGE_MONTHS
                ):
                    y = years[-2]
                if not evidence.first_in_post and (w := evidence.window_year(used, years)) is not None:
                    y = w  # most of the months its office-holders share
                pictured = [r.year for r in _caption_days(raws, captioned, today) if r.year in years]
                if pictured and not evidence.first_in_post:
                    # "... after landing on Kin Blue Beach, Okinawa, March 1, 2025, during the
                    # Iron Fist exercise": the story is of its pictures' year, not the latest
                    # its other clues allow
                    y = max(pictured)
                also = [x for x in years if x != y][-3:]
                also = f"; {', '.join(map(str, also))} also consistent" if also else ""
                if (first := _term_first_days(evidence, y, used, body, why)) is not None:
                    return first
                return date(y, 1, 1), "year", f"inferred: year {y} from {why}{also}"
            if planned_days:
                # "will hold a bilateral Extended Deterrence Dialogue in the US from June 21 to
                # 22, 2022": written before the day it announces, in its year most likely
                first = min(planned_days, key=lambda r: (r.year, r.month, r.day))
                return (date(first.year, 1, 1), "year",
                        f"inferred: year {first.year}, announcing {first.text.strip()!r}")
            return None, None, "no date stated or inferable: the document names no dated event"
        if (ahead := _announced_by_weekday(body, scanned, anchor, today)) is not None:
            return ahead
        planned = [date(r.year, r.month, r.day) for r in planned_days if valid_day(r.year, r.month, r.day)]
        if planned and (first := min(planned)) - anchor > _RECALLED_YEAR and not used:
            # "currently set to take place on Aug. 19, 2015" above "The most recent mission took
            # to the skies on Aug. 4, 2013": written before the day it announces, in its year
            # most likely, not on the day it recalls two years before
            return (date(first.year, 1, 1), "year",
                    f"inferred: year {first.year}, announcing {first:%-d %B %Y} (after {anchor_text!r}, recalled)")
        return anchor, anchor_precision, f"inferred: latest date mentioned ({anchor_text!r})"

    def place(year: int) -> list[date]:
        return [date(year, r.month, r.day or 1) for r in yearless if valid_day(year, r.month, r.day or 1)]

    if used and years:
        # After a written date, the first consistent year: the text is near its dates.
        # Without one, the most recent: the clues are all there is.
        candidates = [y for y in years if anchor is None or y >= anchor.year]
        year = evidence.pick(candidates, first=anchor is not None)
        if anchor is None and (met := evidence.meeting) is not None and met.day.year in candidates:
            # "TOKYO, Apr 24: Barack Obama and Shinzo Abe ... met for talks": the calendar
            # meeting the story tells by who met where on the day it writes is of 2014, not
            # of the latest year the two shared
            year = met.day.year
        elif anchor is None and not evidence.first_in_post and (
            pictured := [r.year for r in _caption_days(raws, captioned, today) if r.year in candidates]
        ):
            # "Tuesday, Sept. 24" (2019 or 2024) under a picture of "Saturday Sept. 28, 2019":
            # the story is of its pictures' year, as where it writes no day
            year = max(pictured)
            why = f"{why}; the year of its pictures' captions"
        if preview is not None and (before := [y for y in candidates if all(d <= preview[0] for d in place(y))]):
            # "Abe will hold talks with Obama in Washington on February 22" above "won an
            # election landslide in December": the story precedes the summit it announces,
            # so its days are those of the latest year that puts them before it
            year = max(before)
            why = f"{why}; before {_clue_name(preview[1])}"
        elif preview is not None and preview[0].year in candidates:
            # (days the clues cannot put before it: the summit's year, and no day of it)
            return _announcing(preview, why, body)
        also = [y for y in candidates if y != year][-3:]
        reason = f"year {year} from {why}" + (f"; {', '.join(map(str, also))} also consistent" if also else "")
    elif anchor is not None or (caption := _caption_anchor(raws, captioned, today, place)):
        # (with nothing else to go by, a picture taken days before the story's days: "May 17"
        # under a picture of "May 10, 2023" is 2023's)
        if anchor is None:
            anchor, anchor_text = caption
        year = anchor.year
        # A story recalls days of its own year a little before its latest written date
        # ("kicked off Oct. 15" beside a picture of Oct. 20, 2023); only days well before
        # it ("January 5" under "December 20, 2023") point to the next year.
        # (and when the latest written date is a day, only when the next year puts them nearer
        # it: a story that writes "concluded ... on October 31, 2023" writes its own year's days
        # with their year, so "The first phase of RD 23, held in July" is July 2023, not July
        # 2024; one that recalls "visited Japan in October 2022" is often of the next year)
        if sum(
            d < anchor - timedelta(days=_RECALLED_DAYS)
            and (anchor_precision != "day" or _next_nearer(d, anchor))
            for d in place(year)
        ) * 2 > len(yearless):
            year += 1
        if evidence.floor is not None and evidence.floor > year:
            # "the apprehension of a pirate vessel in November 1999" and "the signing of a
            # memorandum in 2006": the story is after 2006, so its "January 13" is not 2000's;
            # which year it is, nothing says
            return None, None, (f"no year inferable: the latest dated mention ({anchor_text!r}) is before "
                                f"a year the text writes ({evidence.floor_text!r})")
        reason = f"placed in {year} (after the latest dated mention {anchor_text!r})"
    else:
        return None, None, "no year stated or inferable: dates are mentioned without a year"
    if (ev := evidence.dated_event) is not None and ev[3] and ev[2] == "day" and (anchor is None or ev[0] >= anchor):
        # "Earlier in the day, Blinken and Hayashi signed the framework agreement": the story
        # is of that day, and the days it writes without a year ("On November 16, NASA
        # launched Artemis 1") are recalled from before it
        return ev[0], "day", _with_rest(ev[1], reason)
    # (a plan's too: "will depart the station today (March 6)")
    told_today = [
        r for r in scanned
        if r.year is None and r.month and r.day and not r.relative
        and _TODAY_BEFORE.search(body, max(0, r.start - 12), r.start)
    ]
    if len(told_today) == 1 and valid_day(year, told_today[0].month, told_today[0].day) and (
        (day := date(year, told_today[0].month, told_today[0].day)) <= today
    ) and (anchor is None or day >= anchor):
        # "will depart the station today (March 6)": the story's own day, whatever days it
        # recalls from the year before ("On Oct. 28, HTV-X1 reached its destination")
        return day, "day", f"inferred: 'today ({told_today[0].text})', {reason}"
    # ("conducted ... from March 6 to 17": a run told as past ends on its last day)
    days = [
        date(year, *md) for r in yearless if r.day and valid_day(year, *(md := _last_day(r, body)))
    ]
    # "Vinson deployed from San Diego on Oct.12" in a story whose written date is "Jan. 31,
    # 2024": a day months after the written one, and weeks before it a year earlier, is
    # recalled from that year (the October before), not the story's latest day.
    recalls = anchor is not None and year == anchor.year
    placed = [
        d for d in (days or place(year))
        if d <= today and not (recalls and _recalled_from_year_before(d, anchor))
    ]
    if not placed:  # only "February 29" in a year without one: fall back to the anchor
        if anchor is None:
            return None, None, "no year stated or inferable: dates are mentioned without a year"
        return anchor, anchor_precision, f"inferred: latest date mentioned ({anchor_text!r})"
    latest = max(placed)
    if anchor is not None and anchor > latest:
        return anchor, anchor_precision, f"inferred: latest date mentioned ({anchor_text!r})"
    if (met := evidence.meeting) is not None and met[0].year == year and met[0] > latest:
        # "The face-to-face meeting was their first since February": the story is of the
        # meeting it tells, after the days it recalls
        return met[0], "day", _with_rest(met[1], reason)
    if (ev := evidence.dated_event) is not None and ev[0].year == year and ev[2] == "day" and (
        ev[0] > latest
        # "returned to Earth on Sunday" is told within the week: "It was launched in
        # November" is the November before, not one months after the Sunday
        or (latest > ev[0] + _WITHIN_THE_WEEK and _WEEKDAY_TOLD.search(ev[1]))
    ):
        # "a Hwasong-18 fired last Wednesday" after the days it recalls from April
        return ev[0], "day", _with_rest(ev[1], reason)
    if (began := _term_begins_after(evidence, used, latest)) is not None and year < today.year:
        # "Takaichi may visit the United States around March 20" (premier from October
        # 2025): a day before the term of a post its holder is named with is the next year's
        later = [
            d for r in yearless if r.day and valid_day(year + 1, r.month, r.day)
            if (d := date(year + 1, r.month, r.day)) <= today
        ]
        if later and max(later) >= began:
            reason = f"year {year + 1} from {why} ({latest:%-d %B %Y} is before the term from {began:%B %Y})"
            latest, days = max(later), later
    precision = "day" if days else "month"
    lede = LEDE_WEEKDAY.search(body[:_LEDE_WEEKDAY_CHARS])
    if not days and evidence.preview is None and all(
        (lede is not None and r.start > lede.end() and _FRONTED_IN.search(body, max(0, r.start - 8), r.start))
        or _FOLLOWED_BEFORE.search(body, max(0, r.start - 120), r.start)
        for r in yearless if r.month == latest.month
    ):
        # "... conducted a two-day exercise, the Pacific Fleet said on Monday. ... In April, the
        # Philippines conducted joint maritime activity with Japan", "the first since early
        # April", "after the two countries in March confirmed": the news is after the month
        # recalled; the year is all that is known
        return date(year, 1, 1), "year", f"inferred: year {year} from {why}; the news is after the month recalled"
    if days and (told := next((r for r in yearless if r.day and (r.month, r.day) == (latest.month, latest.day)), None)) and (
        _LAST_WEEK.search(body, max(0, told.start - _LAST_WEEK_REACH), told.end + _LAST_WEEK_REACH)
        and (monday := latest + timedelta(days=7 - latest.weekday())) <= today
    ):
        # "North Korea's missile tests last week ... the two ballistic missiles that fell ...
        # on Sept. 15": the story is of the week after that day, from its Monday
        return monday, "day", f"inferred: the week after {told.text!r}, told as last week; {reason}"
    return latest, precision, f"inferred: latest undated mention, {reason}"


_RUN_OVER_BEFORE = re.compile(
    r"\b(?i:conducted|held|ran|took\s+place|staged|carried\s+out|concluded|completed|wrapped\s+up)\b(?:(?!\.\s+[A-Z])[^;])*$"
)


_DEADLINE_BEFORE = re.compile(r"(?i)\b(?:by|until|till)\s+(?:the\s+)?$")


# "to cement the relationship ... before the election in November": the month of a later event
# the story looks ahead to
_BEFORE_EVENT_IN = re.compile(r"(?i)\bbefore\s+(?:the|a|an|next|this)\s+(?:[\w'’-]+\s+){0,3}(?:in|on)\s+$")


def _deadline(body: str, r) -> bool:
    """ "by March", "by the end of March": a deadline, not a day anything happens."""
    return bool(r.future and _DEADLINE_BEFORE.search(body, max(0, r.start - 12), r.start))


def _last_day(r, body: str) -> tuple[int, int]:
    """The (month, day) a yearless mention ends on: its own day, or the last of a run told as
    over ("conducted ... from March 6 to 17"; not "running from September 15 to 19")."""
    if r.end_day is None or not _RUN_OVER_BEFORE.search(body, max(0, r.start - 160), r.start):
        return r.month, r.day
    last = (r.end_month or r.month, r.end_day)
    return last if last > (r.month, r.day) else (r.month, r.day)


def _term_first_days(evidence: YearEvidence, y: int, used: list[str], body: str,
                     why: str) -> tuple[date, str, str] | None:
    """News from the start of a term (YearEvidence.first_in_post) in year `y`: the first such
    weekday of the term when the gazetteer gives its first day and the story a weekday ("phone
    talks on Sunday, their first since Suga took over on Wednesday"), else the month it began
    ("had his first phone conversation with Biden just a day after taking office")."""
    if not evidence.first_in_post or evidence.early_only:
        return None
    if evidence.first_last_month:
        if (began := evidence.newest_term(y, used)) is None or began[1] == 12:
            return None
        name, month = began
        return (date(y, month + 1, 1), "month",
                f"inferred: the month after {name}'s term began in {date(y, month, 1):%B %Y}; year {y} from {why}")
    if (first := evidence.newest_start_day(y, used)) is not None and (
        told := evidence.first_weekday or LEDE_WEEKDAY.search(body[:_LEDE_WEEKDAY_CHARS])
    ):
        name, began = first
        wd = _WEEKDAY_NAMES.index(told.group(1).lower())
        day = began + timedelta(days=(wd - began.weekday()) % 7)
        return (day, "day", f"inferred: the first {told.group(1)} of {name}'s term, from "
                            f"{began:%A} {began.day} {began:%B %Y}; year {y} from {why}")
    if (began := evidence.newest_term(y, used)) is not None:
        name, month = began
        return (date(y, month, 1), "month",
                f"inferred: the first weeks of {name}'s term, from {date(y, month, 1):%B %Y}; year {y} from {why}")
    return None


def _announced_by_weekday(body: str, scanned, anchor: date, today: date) -> tuple[date, str, str] | None:
    """"Biden will kick off his visit to Japan with a meeting with Kishida on Thursday" and,
    further down, "reaching Hiroshima on Thursday, May 18": the story announces a day told by
    its weekday, so it is of the days before it (the day before, the latest it can be), after
    the latest day it recalls (January 2023)."""
    lede = LEDE_WEEKDAY.search(body, 0, _LEDE_WEEKDAY_CHARS)
    if lede is None or not _PLAN_NEAR.search(body, max(0, lede.start() - 120), lede.start()):
        return None
    wd = _WEEKDAY_NAMES.index(lede.group(1).lower())
    days = {
        day for r in scanned
        if r.future and r.year is None and r.month and r.day and r.weekday == wd and not r.relative
        for y in weekday_years(r.month, r.day, wd, anchor.year, today)
        if y <= anchor.year + 1 and (day := date(y, r.month, r.day)) > anchor
    }
    if len(days) != 1:
        return None
    (day,) = days
    return (day - timedelta(days=1), "day",
            f"inferred: the day before {day:%A} {day.day} {day:%B %Y}, which it announces by its weekday "
            f"(after {anchor:%B %Y}, the latest day it recalls)")


_PLAN_NEAR = re.compile(r"(?i)\b(?:will|is\s+(?:set|scheduled|due|expected)\s+to|plans?\s+to|to\s+(?:meet|hold|visit|kick\s+off))\b")


def _announcing(preview: MeetingDay, why: str | None = None, body: str = "") -> tuple[date, str, str]:
    """A story previewing a calendar meeting (YearEvidence.preview; _met_where's reason is
    whole, `why` None): that meeting's year; or, announced by its weekday alone ("is set to
    meet ... in Tokyo on Wednesday"), the day before it, the latest it can be written on (as
    a story dated by its latest day is dated by the earliest it can be written on), unless
    the lede tells the weekday it was said ("will meet ... on Wednesday morning in Tokyo,
    the Japanese Defense Ministry said Monday"): that day."""
    said = preview.reason.removeprefix("inferred: ") if why is None else f"{_clue_name(preview.reason)}; {why}"
    if preview.by_weekday:
        told = _SAID_WEEKDAY.search(body, 0, _LEDE_WEEKDAY_CHARS)
        if told is not None and (wd := _WEEKDAY_NAMES.index(told.group(1).lower())) != preview.day.weekday():
            day = preview.day - timedelta(days=(preview.day.weekday() - wd) % 7)
            return day, "day", f"inferred: {told.group(1)} before the meeting it announces by its weekday, {said}"
        return preview.day - timedelta(days=1), "day", f"inferred: the day before the meeting it announces by its weekday, {said}"
    return date(preview.day.year, 1, 1), "year", f"inferred: year {preview.day.year}, announcing {said}"


def _recalled_from_year_before(day: date, anchor: date) -> bool:
    if (day - anchor).days <= _AFTER_WRITTEN_DAYS or not valid_day(day.year - 1, day.month, day.day):
        return False
    return (anchor - date(day.year - 1, day.month, day.day)).days * 2 < (day - anchor).days


_LAST_WEEK = re.compile(r"(?i)\blast\s+week(?:'s|’s)?\b")
_LAST_WEEK_REACH = 200  # how far from a day the "last week" that tells it may stand (its sentence)


def _term_begins_after(evidence: YearEvidence, used: list[str], day: date) -> date | None:
    """The first day of a term a clue the year was chosen by allows that begins after `day`,
    when none of that clue's terms holds `day` and one runs into the next year."""
    for name, terms in evidence.clues:
        if name not in used or not terms:
            continue
        month = (day.year, day.month)
        if any(first <= month <= last for first, last in terms):
            continue
        after = [first for first, last in terms if first > month and first[0] == day.year and last[0] > day.year]
        if after:
            return date(*min(after), 1)
    return None


def _caption_days(raws, captioned, today: date) -> list:
    """The whole days written in pictures' captions."""
    return [
        r for r in raws
        if r.year and r.month and r.day and r.year <= today.year and captioned(r.start)
        and valid_day(r.year, r.month, r.day)
    ]


def _pictured_day(body: str, raws, captioned, today: date) -> tuple[date, str] | None:
    """A caption's day that is the weekday the story's lede names."""
    days = _caption_days(raws, captioned, today)
    if not days:
        return None
    lede = next(
        (m for m in LEDE_WEEKDAY.finditer(body, 0, _LEDE_WEEKDAY_CHARS * 2) if not captioned(m.start())),
        None,
    )
    if lede is None:
        return None
    wd = _WEEKDAY_NAMES.index(lede.group(1).lower())
    fits = [r for r in days if date(r.year, r.month, r.day).weekday() == wd]
    if not fits:
        return None
    r = max(fits, key=lambda r: (r.year, r.month, r.day))
    return date(r.year, r.month, r.day), f"{r.text}, in a picture's caption, the lede's {lede.group(1)}"


_PICTURE_DAYS = 14  # how long before a story's days a picture of them is taken


def _with_rest(said: str, reason: str) -> str:
    """ "inferred: <the calendar's day>; <the other clues>", the day's clue said once."""
    clue = _clue_name(said)
    rest = re.sub(r"(?:; )?" + re.escape(clue), "", reason).replace("from ; ", "from ")
    rest = "" if re.fullmatch(r"year \d{4} from\s*", rest) else rest
    return f"inferred: {said}" + (f"; {rest}" if rest else "")


def _caption_anchor(raws, captioned, today: date, place) -> tuple[date, str] | None:
    """A caption's day in the fortnight before the story's yearless days, placed in its
    year. A picture from the archive, a year or a month earlier ("..., May 17, 2022. (Jo
    Roe/U.S. Marine Corps)" above "between June 15 and mid-July"), says nothing of the year."""
    days = [
        (date(r.year, r.month, r.day), f"{r.text}, in a picture's caption")
        for r in _caption_days(raws, captioned, today)
    ]
    for day, text in sorted(days, reverse=True):
        if any(timedelta(0) <= d - day <= timedelta(days=_PICTURE_DAYS) for d in place(day.year)):
            return day, text
    return None


def _end_of(year: int, month: int, day: int | None) -> date:
    return date(year, month, day) if day else month_range(year, month)[1]


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
