"""Sentences with exact offsets, so every fact can quote its source verbatim.

pysbd handles rank and state abbreviations ("Lt. Gen.", "Adm.", "U.S.") that trip simple
splitters, but it returns its own copies of the text and merges a sentence that follows an
all-capitals abbreviation ("... in Washington, D.C. The Ministers ..."). We therefore
split each line separately (a line break in copied web text is always a boundary),
re-anchor pysbd's sentences on the original string ourselves, and split those merges
again when the next word is one that starts sentences, not names. pysbd is also slow (a
few milliseconds a paragraph, most of the extraction time), so paragraphs whose every
possible boundary is plain are split directly, the way pysbd would split them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd
from pysbd.lang.english import English
from pysbd.lists_item_replacer import ListItemReplacer


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into the text given to split_sentences (plus its `offset`)
    end: int
    text: str


# Words that begin a new sentence far more often than they continue a name after "D.C." or
# "U.S.": a split before them undoes pysbd's merge without breaking "U.S. Navy".
_STARTERS = (
    "The|This|These|That|Those|It|Its|He|She|They|We|I|In|On|At|During|After|Before|Both|"
    "A|An|But|However|Meanwhile|Separately|Also|As|Earlier|Later|Following|According|"
    "There|His|Her|Their|Our|When|While|Since|Under|With|For|Officials|Ministers"
)
# Also a space lost in copying ("... with Secretary Austin.The two Ministers ..."): a word,
# a period and a sentence starter run together.
# And a footnote's number after the stop ("on March 25.[3] In November 2022, ..."), as
# papers and newsletters copied from the web print them: pysbd sees no end there.
_MERGED = re.compile(
    r"(?<=\b[A-Z]\.[A-Z]\.)\s+(?=(?:" + _STARTERS + r")\b)"
    r"|(?<=[a-z]{2}\.)(?=(?:" + _STARTERS + r")\s)"
    r"|(?:(?<=[.!?]\[\d\])|(?<=[.!?]\[\d\d\])|(?<=[.!?]\[\d\d\d\]))\s+(?=[A-Z])"
)


# pysbd builds its regular expressions as strings on every call (one per abbreviation it
# meets, and its rules through re.sub), so it depends on re's cache of compiled patterns.
# With the extractor's own patterns that is ~2,300 distinct ones over a large load, and re
# keeps 512: they evicted each other and were compiled again and again (a tenth of the
# extraction time). A larger cache keeps them all, at a few MB.
if getattr(re, "_MAXCACHE", 0) < 4096:
    re._MAXCACHE = 4096


# Characters that re's IGNORECASE matches to an ASCII letter although they are not ASCII
# (every other one is told apart from ASCII letters by str.lower()).
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


class _Abbreviations(English.AbbreviationReplacer):
    """pysbd's English abbreviation pass, skipping the abbreviations that cannot match.

    For every abbreviation whose letters occur anywhere in a line (most short ones do:
    "co" in "cooperation"), pysbd runs ``findall("(?:^|\\s)co", line, IGNORECASE)``: most of
    its time. An abbreviation of plain letters matches only where its letters stand at the
    start of the line or after a space, which str.find sees at a fraction of the cost; when
    they stand nowhere like that, the findall would have found nothing and is skipped. The
    rest is pysbd's loop as it is (pysbd 0.3.4, MIT licence), so the sentences are the same.
    """

    def search_for_abbreviations_in_string(self, text):
        lowered = text.lower()
        plain = not _FOLDS_TO_ASCII.search(text)
        for abbr in self.lang.Abbreviation.ABBREVIATIONS:
            stripped = abbr.strip()
            if stripped not in lowered:
                continue
            if plain and stripped in _PLAIN_ABBREVIATIONS and not _after_space(lowered, stripped):
                continue
            abbrev_match = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
            if not abbrev_match:
                continue
            next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
            char_array = re.findall(next_word_start, text)
            for ind, match in enumerate(abbrev_match):
                text = self.scan_for_replacements(text, match, ind, char_array)
        return text


_PLAIN_ABBREVIATIONS = frozenset(
    a.strip() for a in English.Abbreviation.ABBREVIATIONS
    if a.strip().isascii() and a.strip().isalpha() and a.strip().islower()
)


def _after_space(lowered: str, word: str) -> bool:
    """Does `word` stand at the start of `lowered` or right after a white space?"""
    at = lowered.find(word)
    while at >= 0:
        if at == 0 or lowered[at - 1].isspace():
            return True
        at = lowered.find(word, at + 1)
    return False


class _English(English):
    AbbreviationReplacer = _Abbreviations


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    segmenter = pysbd.Segmenter(language="en", clean=False)
    segmenter.language_module = _English
    return segmenter


def _pysbd_sentences(line: str) -> list[str]:
    """pysbd's sentences without its span pass.

    `Segmenter.segment` always re-finds every sentence with a freshly compiled regex to
    compute spans (most of its cost, and it floods re's cache); we anchor the pieces
    ourselves with str.find, so only the boundary rules are needed.
    """
    return _segmenter().processor(line).process()


# A possible sentence end: terminal punctuation, closing quotes or markup, space, a capital.
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]*]*\s+(?=[\"“‘(\[*]*[A-Z0-9])")
# pysbd's own lists, so the fast path and pysbd agree on what an abbreviation is.
_TITLES = frozenset(English.Abbreviation.PREPOSITIVE_ABBREVIATIONS)
_ABBREVIATIONS = frozenset(English.Abbreviation.ABBREVIATIONS) | _TITLES
_CLOSERS = frozenset(".!?…\"'”’)]*")
_OPENERS = frozenset("\"“‘([*")

# The longest line given to pysbd and the longest sentence handed on. pysbd's abbreviation
# pass and the per-sentence rules cost more than linear time in the length, so a line of
# 100 KB (a page pasted without line breaks) is cut into pieces first, at a likely sentence
# end where there is one. Real sentences stay far below these (the longest in the seeds
# and the evaluation texts is under 900 characters).
MAX_LINE = 3000
MAX_SENTENCE = 1500


def _plain_boundaries(line: str) -> list[int] | None:
    """Ends of sentences when none of them is in doubt, else None (ask pysbd).

    Titles ("Gen.", "Adm."), initials ("Philip A. Garrant") and dotted capitals ("U.S.")
    before a capital never end a sentence for pysbd either; other abbreviations do or do
    not depending on what follows, so those paragraphs go to pysbd.
    """
    cuts = []
    for m in _BOUNDARY.finditer(line):
        # The word before the boundary, found by stepping back from it (slicing the line up to
        # every boundary made a long line cost the square of its length).
        end = m.start()
        while end > 0 and line[end - 1] in _CLOSERS:
            end -= 1
        begin = end
        while begin > 0 and line[begin - 1] not in _OPENERS and not line[begin - 1].isspace():
            begin -= 1
        word = line[begin:end]
        if line[m.start() - 1] != "." or m.start() - end > 1:
            cuts.append(m.start())
        elif word.lower() in _TITLES or re.fullmatch(r"[A-Z]|(?:[A-Z]\.)+[A-Z]", word):
            continue
        elif _before_number(line, begin, word, m) or _dotted_tail(line, word, m):
            if not _plain_line(line):
                return None  # pysbd decides, as for any other abbreviation
        elif _day_number(line, begin, word):
            if not _plain_line(line) or _numbered_list(line):
                return None
            cuts.append(m.start())
        elif (
            len(word) <= 1
            or "." in word
            or word.lower() in _ABBREVIATIONS
            or (
                word.isdigit() and len(word) <= 2  # "1." in a numbered list
            )
        ):
            return None
        else:
            cuts.append(m.start())
    return cuts


# pysbd's abbreviations that take a number ("Oct. 8", "No. 5"): its abbreviation pass turns
# the period of such a word into a non-boundary whenever the word stands at the start of the
# line or after a space and one white space and a digit follow (`replace_period_of_abbr`,
# `replace_pre_number_abbr`, pysbd 0.3.4), so pysbd never ends a sentence there.
_NUMBERED = frozenset(
    a for a in _ABBREVIATIONS if a.isascii() and a.isalpha() and len(a) >= 2 and a not in _TITLES
)


def _before_number(line: str, begin: int, word: str, m: re.Match) -> bool:
    """Is the boundary candidate `m` after `word` ("Oct", "No") one pysbd never splits at?"""
    return (
        word.lower() in _NUMBERED
        and (begin == 0 or line[begin - 1].isspace())
        and m.end() == m.start() + 1
        and line[m.end()] in "0123456789"
    )


# pysbd's words that start a sentence after "U.S." (`replace_abbreviation_as_sentence_boundary`).
_PYSBD_STARTERS = frozenset(English.AbbreviationReplacer.SENTENCE_STARTERS)
# "Japan-U.S." before a capital: pysbd's multi-period rule protects the dotted capitals after
# the hyphen, and gives the period back as a boundary only before one of its starters.
_DOTTED_TAIL = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*-(?:[A-Z]\.)+[A-Z]")
_NEXT_WORD = re.compile(r"[A-Za-z']+")
# The lines those rules may take from pysbd: letters, digits and plain punctuation only (no
# brackets, quotes or markup, which pysbd's between-punctuation pass reads), nothing after a
# period and a space but a capital or a digit (pysbd splits before "iQPS" or "&" too), no run
# of punctuation ("No.,", "..."), and no single letter with a period before one of pysbd's
# sentence starters ("U.S. Who": pysbd splits there, the fast path does not).
_PLAIN_LINE = re.compile(
    r"(?![^\n]*[.!?…](?<!\b[A-Z]\.[A-Z]\.)\s+[^A-Z0-9])"
    r"(?![^\n]*[.!?…,;:]\s*[.!?…]|[^\n]*[.!?…][,;:'’])"
    r"(?![^\n]*\b[A-Za-z]\.\s(?:" + "|".join(sorted(_PYSBD_STARTERS)) + r")\s)"
    r"[A-Za-z0-9 ,.;:%$&/+'’-]*"
)


@lru_cache(maxsize=16)  # asked once per doubtful period of the line
def _plain_line(line: str) -> bool:
    return _PLAIN_LINE.fullmatch(line) is not None


def _dotted_tail(line: str, word: str, m: re.Match) -> bool:
    """Is the boundary candidate `m` after "Japan-U.S." one pysbd never splits at?"""
    if not _DOTTED_TAIL.fullmatch(word) or m.end() != m.start() + 1 or line[m.start()] != " ":
        return False
    nxt = _NEXT_WORD.match(line, m.end())
    return nxt is not None and nxt.group() not in _PYSBD_STARTERS


# pysbd's numbered lists ("1. ... 2. ..."): numbers before a period that follow each other.
_LIST_NUMBER = re.compile(ListItemReplacer.NUMBERED_LIST_REGEX_1)


def _day_number(line: str, begin: int, word: str) -> bool:
    """ "from Oct. 4 to Oct. 7. Some ...": a number of one or two digits after a space ends a
    sentence for pysbd unless its list pass takes it for a list item (`_numbered_list`)."""
    return word.isascii() and word.isdigit() and len(word) <= 2 and begin > 0 and line[begin - 1] == " "


def _numbered_list(line: str) -> bool:
    """Does pysbd's list pass see a numbered list: two numbers of the line before a period
    that follow each other (`ListItemReplacer.scan_lists`)?"""
    numbers = [int(n) for n in _LIST_NUMBER.findall(line)]
    return any(
        b - a == 1 or (a, b) in ((9, 0), (0, 9)) for a, b in zip(numbers, numbers[1:], strict=False)
    )


def _pysbd_pieces(line: str) -> list[tuple[int, int]]:
    """pysbd's sentences re-anchored on `line` (pysbd's own spans can skip repeated text)."""
    cuts = _plain_boundaries(line.rstrip())
    if cuts is not None:
        spans, start = [], len(line) - len(line.lstrip())
        for cut in cuts:
            end = len(line[:cut].rstrip()) + len(re.match(r"[\"'”’)\]*]*", line[cut:]).group())
            spans.append((start, end))
            start = cut + len(re.match(r"[\"'”’)\]*]*\s*", line[cut:]).group())
        spans.append((start, len(line.rstrip())))
        return [(a, b) for a, b in spans if b > a]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _pysbd_sentences(line):
        piece = piece.strip()
        if not piece:
            continue
        at = line.find(piece, cursor)
        if at < 0:  # pysbd changed the text: fall back to the rest of the line
            spans.append((cursor, len(line)))
            cursor = len(line)
            break
        spans.append((at, at + len(piece)))
        cursor = at + len(piece)
    if cursor < len(line) and line[cursor:].strip():
        rest = len(line) - len(line[cursor:].lstrip())
        spans.append((rest, len(line.rstrip())))
    return spans


def _split_merges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if text.find(".", max(0, start - 1), end - 1) < 0:
        # Every split _MERGED makes comes right after a period with more of the sentence
        # after it: a sentence whose only period ends it has none.
        return [(start, end)]
    out: list[tuple[int, int]] = []
    for m in _MERGED.finditer(text, start, end):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, end))
    return out


# A piece that begins in lower case continues the previous sentence: pysbd splits after
# "Inc." or "Corp." when markup ("**", "[") follows, as in copied newsletters.
_CONTINUES = re.compile(r"[*_\[(\"'“‘\s]*[a-z]")


# "at 1 p.m. JST (12 a.m. ET) on July 29", "around 10:15 p.m. Sunday Japan time": a clock
# time and its zone or day do not end a sentence (the alliance calendar cuts its sentences
# by the same rule: bot.kb.editions).
CLOCK_END = re.compile(r"\b\d{1,2}(?::\d\d)?\s*[ap]\.m\.$", re.I)
CLOCK_GOES_ON = re.compile(
    r"(?:JST|KST|ET|EST|EDT|CT|PT|PST|PDT|GMT|UTC|local\b|\(|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b(?!['’]))"
)


# "the U.S.-Japan-S. Korea naval drill", "N. Korea": a lone capital initial ends no sentence.
_INITIAL_END = re.compile(r"(?:^|[\s(\-–])[A-Z]\.$")


# "held a meeting for approx. 85 minutes from 9:15am" (ministries' readouts): an
# approximation before a number ends no sentence.
_APPROX_END = re.compile(r"\b(?:approx|appr|ca|est)\.$", re.I)
_NUMBER_START = re.compile(r"\d")


def _join_continuations(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        clock = out and CLOCK_END.search(line, out[-1][0], out[-1][1]) and CLOCK_GOES_ON.match(line, a)
        initial = out and _INITIAL_END.search(line, out[-1][0], out[-1][1])
        approx = out and _APPROX_END.search(line, out[-1][0], out[-1][1]) and _NUMBER_START.match(line, a)
        if out and (_CONTINUES.match(line, a) or clock or initial or approx):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def bounded_pieces(text: str, limit: int, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """`text[start:end]` as consecutive spans of at most `limit` characters.

    Each cut falls at the last likely sentence end in the second half of the window, else at
    the last space there, else at the limit itself (a 100 KB "word" has no better place).
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    while end - start > limit:
        lo, hi = start + limit // 2, start + limit
        cut = -1
        for m in _BOUNDARY.finditer(text, lo, hi):
            cut = m.end()
        if cut <= start:
            cut = text.rfind(" ", lo, hi) + 1
        if cut <= start:
            cut = hi
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


# A quotation this long is a story quoted whole (a newsletter's "“Japanese Prime Minister Shinzo
# Abe is expected to meet ... in late May. ...”" under its topic line), not a remark: pysbd keeps
# everything between quotes in one sentence, so its sentences are cut here.
_QUOTED_STORY = 600
_OPENING_QUOTE = re.compile(r"[“\"]")
_STORY_BOUNDARY = re.compile(r"(?<=[a-z0-9\]][.!?])\s+(?=[A-Z])")


def _quoted_story(line: str, start: int, end: int) -> list[tuple[int, int]]:
    # (the length first: almost every sentence is far shorter, and needs no search)
    if end - start <= _QUOTED_STORY or (q := _OPENING_QUOTE.search(line, start, min(end, start + 80))) is None:
        return bounded_pieces(line, MAX_SENTENCE, start, end)
    out: list[tuple[int, int]] = []
    for m in _STORY_BOUNDARY.finditer(line, q.end(), end):
        word = line[line.rfind(" ", start, m.start()) + 1 : m.start()]
        if word.rstrip(".!?").lower() in _ABBREVIATIONS or len(word.rstrip(".!?")) < 3:
            continue  # "Mr.", "No." or an initial
        out.append((start, m.start()))
        start = m.end()
    out.append((start, end))
    return [p for a, b in out for p in bounded_pieces(line, MAX_SENTENCE, a, b)]


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """The sentences of `text`; `offset` is added to every span (a passage's start in its doc)."""
    sentences: list[Sentence] = []
    for line_match in re.finditer(r"[^\n]+", text):
        whole = line_match.group()
        if not whole.strip():
            continue
        for c0, c1 in bounded_pieces(whole, MAX_LINE):
            line = whole[c0:c1]
            base = line_match.start() + c0
            for a, b in _join_continuations(line, _pysbd_pieces(line)):
                for m0, m1 in _split_merges(line, a, b):
                    for s, e in _quoted_story(line, m0, m1):
                        piece = line[s:e]
                        lead = len(piece) - len(piece.lstrip())
                        piece = piece.strip()
                        if piece:
                            s0 = base + s + lead
                            sentences.append(Sentence(offset + s0, offset + s0 + len(piece), piece))
    return sentences
