"""Ranking facts and passages for analysts who type names as they remember them.

Query words. Every word is resolved against the names the knowledge base knows (gazetteer
entities and their aliases, including kanji and kana; fact participants and places) and
the words facts contain: as typed, inflected, as the start of a longer word or the end of
a compound ("phone" -> "telephone"), with typos, as initials ("SDA") or the start of each
word of a name ("pacvan"). Japanese script has no spaces, so a run of it is cut at the
names it contains. Words that match nothing are reported back, with "did you mean" names
close to them that occur in facts of the kind asked for, never silently dropped.

Facts (/meetings, /exercises, /space, and the event card of /lookup), in this order:
 1. a fact matching every term beats one matching only some (a user who typed two names
    wants the meeting of those two people, not the latest mention of either); among
    partial matches, matching rarer terms ranks higher;
 2. match quality: each term weighs its rarity, times how it matched: as typed or by an
    alias (1.0) over an inflection (0.95) over a typo or prefix (0.8), and in what the
    fact is about (title, people, place: 1.0) over its sentences (0.7) over the aliases
    of a name it carries (0.5);
 3. a known date beats an unknown one;
 4. a held event beats a plan for the same event (same kind, same people or name, held
    after the plan was announced and within about a year of its date);
 5. recency: the newest date first; then the fact's id (the order a load from scratch
    writes facts in, so a reload that rewrote only some of them answers the same).
The same keys order every fact command; a query with no words lists newest first,
undated last. "(planned)" is shown only while the date is in the future of the fact's
newest source (or, with one source, until the period it names has passed).

Passages (/lookup) are ranked as `rank_passages` says: documents naming what the
question names first, then the question's words weighted by rarity, the kind of answer
asked for (date, place, person, number), BM25, then the newest document.

To answer within Slack's three seconds on tens of thousands of facts, everything but
one FTS query lives in an in-memory index, built once per (database, generation): the
loader bumps `meta.generation` whenever a load changes something.
"""

from __future__ import annotations

import bisect
import calendar
import hashlib
import heapq
import itertools
import json
import logging
import math
import re
import sqlite3
import threading
import time
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import sqlite_utils
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.kb import packed
from bot.kb.db import db_key, private_connection
from bot.kb.model import DOC_DATE_SQL, Fact, Passage, Period, date_as_known
from bot.kb.store import FACT_ORDER, fact_from_row
from bot.kb.text import markdown_to_plain

log = logging.getLogger(__name__)

# Words that carry no meaning in a search for names, places and topics.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves tell show find give list please any anything happened latest recent""".split()
)

# Field weights (tenths): a name in the title or participants says more than one in a quote.
# Entity aliases ("Martian Moons eXploration" for MMX) weigh least: a word found only there
# is in no text the fact was read from.
W_TITLE, W_NAMES, W_SUMMARY, W_QUOTE, W_ALIASES = 10, 9, 7, 5, 3
SIM_EXACT, SIM_VARIANT, SIM_PREFIX, SIM_EDIT1, SIM_EDIT2 = 1.0, 0.95, 0.85, 0.8, 0.7
ALIAS_CUTOFF = 0.8  # mean token similarity for a query span to resolve to an alias
LOOKUP_BUDGET_MS = 400  # per FTS query of /lookup
MAX_LOOKUP_TERMS = 12
MAX_NAME_DOCS = 10  # documents of the best passages, read whole for context
SUGGEST_CUTOFF = 75
MAX_SUGGEST_NAMES = 2000  # most frequent names per kind offered as suggestions
MAX_FUZZY = 12

# Japanese and Chinese script (kana, kanji, the iteration mark; not the middle dot "・").
CJK_CHARS = "\u3005\u3041-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_CHARS}]")
_WORD = re.compile(f"[a-z0-9]+(?:\\+[a-z0-9]+)*|[{CJK_CHARS}]+")
_NON_CJK = re.compile(f"[^{CJK_CHARS}]+")
_HIRAGANA = re.compile("[\u3041-\u309f]+")
_HYPHENATED = re.compile(r"(?<![a-z0-9])[a-z0-9]+(?:-[a-z0-9]+)+")  # from a word start only: 2x faster
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")


# -- text normalisation -------------------------------------------------------------------


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_combining(m: re.Match) -> str:
    return "".join(c for c in m.group() if not unicodedata.combining(c))


def _strip_accents(text: str) -> str:
    # Only non-ASCII runs can hold combining marks: a per-character loop over whole fact
    # texts with one curly quote in them was most of the time to build the index.
    return _NON_ASCII.sub(_drop_combining, unicodedata.normalize("NFKD", text))


def normalize(text: str) -> str:
    """Lowercase, strip accents, "U.S." -> "us", drop possessive "'s". Japanese script keeps
    its voicing marks (バイデン is not ハイテン); half-width kana become full-width."""
    text = text or ""
    if text.isascii():
        text = text.lower()
    elif max(text) >= "\u3000":  # Japanese script or full-width forms
        text = unicodedata.normalize("NFKC", text)
        text = _NON_CJK.sub(lambda m: _strip_accents(m.group()), text).casefold()
    else:
        text = _strip_accents(text).casefold()
    if "." in text:
        text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    if "'" in text or "\u2019" in text:
        text = _POSSESSIVE.sub("", text)
    return text


def tokenize(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


def index_tokens(text: str) -> list[str]:
    """Tokens plus hyphenated words joined ("indo-pacific" also as "indopacific")."""
    norm = normalize(text)
    out = _WORD.findall(norm)
    if "-" in norm:
        out.extend(m.group(0).replace("-", "") for m in _HYPHENATED.finditer(norm))
    return out


def content_tokens(text: str) -> list[str]:
    return [t for t in tokenize(text) if t not in STOP_WORDS]


SUFFIXES = ("s", "es", "ed", "d", "er", "ers", "ing", "ion", "ions", "al", "ly", "ment", "ments")


def word_forms(word: str) -> set[str]:
    """The word and its likely inflections: what a stemmer would fold together, as a set
    so that a passage can be checked with one set intersection instead of pairwise."""
    forms = {word}
    if len(word) >= 4 and word.isalpha():
        forms.update(word + s for s in SUFFIXES)
        forms.update(word[:-k] for k in (1, 2, 3) if len(word) - k >= 4)
        for k in (1, 2, 3):
            base = word[:-k]
            if len(base) >= 4:
                forms.update(base + s for s in SUFFIXES)
    return forms


def close_forms(a: str, b: str) -> bool:
    """Same word up to a short suffix ("commander"/"command", "exercises"/"exercise")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3


# -- dates --------------------------------------------------------------------------------


def date_bounds(start: str | None, end: str | None, precision: str | None) -> tuple[str, str]:
    """A fact's date as an inclusive ISO range ("" when unknown), widened to its precision."""
    period = Period.of_fact(start, end, precision)
    return period.iso() if period else ("", "")


# -- plans and the events that happened -----------------------------------------------------

PLANNED = " (planned)"
TWIN_DAYS = 400  # a plan and a held fact this far apart are not the same event


def newest_source(doc_id: str | None, sources_json: str | None, doc_dates: dict[str, str]) -> tuple[str, int]:
    """The publication date of the newest document a fact was read from ("" when none is
    dated), and how many documents it was read from."""
    docs = {doc_id} if doc_id else set()
    if sources_json and sources_json != "[]":
        try:
            docs.update(s.get("doc_id") for s in json.loads(sources_json) if isinstance(s, dict))
        except ValueError:
            pass
    docs.discard(None)
    return max((doc_dates.get(d) or "" for d in docs), default=""), len(docs)


def still_planned(start: str, end: str, newest: str, n_docs: int = 1) -> bool:
    """A plan stays "planned" while its date is in the future of its newest source: once a
    source dated on or after its start reports it, calling it planned would contradict the
    archive. Its own announcement ("later this year", said in May) keeps it planned until
    the whole period has passed."""
    if not newest or not start:
        return True
    return start > newest or (n_docs <= 1 and end > newest)


def _title_key(title: str) -> tuple[str, ...]:
    return tuple(content_tokens(title.removesuffix(PLANNED))[:2])


class _Held:
    """What `_held_twins` needs of a kind's facts, gathered as they are indexed (not every
    fact's people and title kept until the end): the dated facts that are not plans by
    person and by the first words of their title, and the title words of plans without
    people."""

    def __init__(self) -> None:
        self.by_person: dict[str, list[int]] = {}
        self.by_title: dict[tuple[str, ...], list[int]] = {}
        self.plan_titles: dict[int, tuple[str, ...]] = {}

    def add(self, i: int, people: list[str], title: str, dated: bool, plan: bool) -> None:
        if plan:
            if not people:
                self.plan_titles[i] = _title_key(title)
        elif dated:
            for p in people:
                self.by_person.setdefault(p, []).append(i)
            self.by_title.setdefault(_title_key(title), []).append(i)


def _held_twins(kidx: KindIndex, held: _Held) -> set[int]:
    """Plans for an event that a held fact of the same kind also reports: the same people
    (or, with no people, the same name), dated after the plan was announced and near it.
    Ranking puts such a plan below what was held.

    A plan's candidates are looked for only among the facts that start within TWIN_DAYS of
    it (each person's facts kept by start date), not among all of its people's facts: at
    100,000 documents a minister's name is in tens of thousands of facts and there are
    thousands of plans. Whether a plan has a twin does not depend on the order it is found in."""
    lo, hi = kidx.lo, kidx.hi
    by_start: dict[tuple[bool, object], tuple[list[int], list[str]]] = {}

    def by_date(is_title: bool, key: object) -> tuple[list[int], list[str]]:
        got = by_start.get((is_title, key))
        if got is None:
            table: dict = held.by_title if is_title else held.by_person
            facts = sorted(table.get(key, ()), key=lo.__getitem__)
            got = by_start[is_title, key] = (facts, [lo[j] for j in facts])
        return got

    twins: set[int] = set()
    for i, (people, announced) in kidx.planned.items():
        if people:
            lists = [by_date(False, p) for p in people]
        else:
            lists = [by_date(True, held.plan_titles[i])]
        first, last = (_shifted(lo[i], -TWIN_DAYS), _shifted(lo[i], TWIN_DAYS)) if lo[i] else ("", "\uffff")
        near = [facts[bisect.bisect_left(starts, first) : bisect.bisect_right(starts, last)]
                for facts, starts in lists]
        if len(near) == 1:
            cands = near[0]
        else:  # facts with two of the plan's people (a fact naming one twice counts it twice)
            cands = [j for j, n in Counter(itertools.chain.from_iterable(near)).items() if n >= 2]
        # latest first: one that starts after the announcement was held after it
        if any(not announced or hi[j] >= announced for j in reversed(cands)):
            twins.add(i)
    return twins


def _shifted(day: str, days: int) -> str:
    """The ISO date `days` after `day` (before, when negative), as far as dates go."""
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except OverflowError:
        return "" if days < 0 else "\uffff"


# -- the index ----------------------------------------------------------------------------


@dataclass
class Group:
    """One thing with several names: a gazetteer entity, or a name seen in facts."""

    name: str
    aliases: list[tuple[str, ...]]  # content tokens of each name
    type: str | None = None  # the gazetteer's type (person, exercise, forum...), or participant/place for names seen in facts


def _evict(cache: dict, size: int) -> None:
    """Drop the oldest entries past `size` (safe when several threads share the cache)."""
    while len(cache) >= size:
        try:
            cache.pop(next(iter(cache)), None)
        except (StopIteration, RuntimeError):
            return


@dataclass
class KindIndex:
    kind: str
    rowids: array = field(default_factory=lambda: array("q"))
    lo: list[str] = field(default_factory=list)
    hi: list[str] = field(default_factory=list)
    order: list[int] = field(default_factory=list)  # newest first
    postings: dict[str, tuple[array, array]] = field(default_factory=dict)
    names: Counter = field(default_factory=Counter)  # display names seen, for suggestions
    date_rank: list[int] = field(default_factory=list)  # position in `order`
    by_lo: list[int] = field(default_factory=list)  # dated facts by start, ascending
    lo_sorted: list[str] = field(default_factory=list)
    by_hi: list[int] = field(default_factory=list)  # dated facts by end, ascending
    hi_sorted: list[str] = field(default_factory=list)
    suggest_keys: list[str] = field(default_factory=list)  # normalised names and aliases
    suggest_names: list[str] = field(default_factory=list)  # the name to show for each
    planned: dict[int, tuple[frozenset[str], str]] = field(default_factory=dict)  # plans: people, newest source
    held_twin: set[int] = field(default_factory=set)  # plans of an event a held fact reports

    @property
    def size(self) -> int:
        return len(self.rowids)

    def weights(self, token: str) -> dict[int, int]:
        """fact -> field weight for a word; dicts are built (in C) on demand and kept."""
        cache = self.__dict__.setdefault("_weights", {})
        got = cache.get(token)
        if got is None:
            p = self.postings.get(token)
            got = dict(zip(p[0], p[1], strict=True)) if p else {}
            _evict(cache, 512)
            cache[token] = got
        return got

    def classes(self, token: str) -> list[tuple[float, list[int]]]:
        """The facts with a word, split by what a match there is worth (`_field_class`), so a
        query grades them a class at a time in C instead of a fact at a time; kept like
        `weights`."""
        cache = self.__dict__.setdefault("_classes", {})
        got = cache.get(token)
        if got is None:
            by: dict[float, list[int]] = {}
            for i, w in self.weights(token).items():
                by.setdefault(_field_class(w), []).append(i)
            got = sorted(by.items())
            _evict(cache, 512)
            cache[token] = got
        return got

    def in_range(self, since: str | None, until: str | None) -> set[int]:
        """Facts whose date range overlaps [since, until] (undated facts never do)."""
        cache = self.__dict__.setdefault("_ranges", {})
        key = (since, until)
        got = cache.get(key)
        if got is None:
            got = set(self.by_lo[: bisect.bisect_right(self.lo_sorted, until)] if until else self.by_lo)
            if since:
                got &= set(self.by_hi[bisect.bisect_left(self.hi_sorted, since) :])
            _evict(cache, 64)
            cache[key] = got
        return got

    def idf(self, token: str) -> float:
        p = self.postings.get(token)
        df = len(p[0]) if p else 0
        return math.log(1 + (self.size + 1) / (df + 0.5))


@dataclass
class Index:
    generation: object
    kinds: dict[str, KindIndex]
    groups: list[Group]
    alias_by_token: dict[str, list[tuple[int, int]]]  # token -> (group, alias number)
    vocab: set[str]
    vocab_sorted: list[str]
    vocab_by_len: dict[int, list[str]]
    suggest_names: list[tuple[str, str]]  # (normalised alias, name to show), for /lookup
    doc_dates: dict[str, str] = field(default_factory=dict)
    passage_stems: dict[str, int] | None = None  # FTS vocabulary of passages -> doc count
    passage_count: int = 0
    passage_by_len: dict[int, list[str]] | None = None
    cjk_names: dict[str, list[str]] = field(default_factory=dict)  # first char -> names in Japanese script
    vocab_reversed: list[str] = field(default_factory=list)  # every word spelled backwards, sorted

    def kind(self, kind: str) -> KindIndex:
        return self.kinds.get(kind) or KindIndex(kind)



MAX_CACHED = 8
SPACE_WORD = re.compile(r"\bspace\b", re.I)
_lock = threading.Lock()
_cache: dict[object, Index] = {}


def _generation(db: sqlite_utils.Database) -> object:
    row = db.conn.execute("select value from meta where key = 'generation'").fetchone()
    if row is not None:
        return row[0]
    # No loader has run (fixtures, tests): notice any change to facts or entities.
    f = db.conn.execute("select count(*), max(rowid) from facts").fetchone()
    e = db.conn.execute("select count(*), max(rowid) from entities").fetchone()
    return ("rows", tuple(f), tuple(e))


# The built index is kept in the database, next to the facts it was built from, so a bot
# that starts (or restarts) answers at once instead of rebuilding it for seconds. It is
# valid for one load generation and one version of this module (its layout below). It is
# data (bot/kb/packed: JSON and integer arrays), read back field by field into the index's
# types, never pickle: a database someone hands you must not run their code, and a damaged
# or odd blob is rebuilt, not trusted.
INDEX_TABLE = "search_index"
_CODE_KEY = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def _stored_key(gen: object) -> str | None:
    return f"{gen}:{_CODE_KEY}" if isinstance(gen, str) else None


def _strs(value: object) -> list[str]:
    """`value` if it is a list of strings (checked in C: str.join refuses anything else)."""
    if not isinstance(value, list):
        raise TypeError("expected a list of strings")
    "".join(value)
    return value


def _in_range(values: array, size: int) -> array:
    """`values` (fact numbers, unsigned: one pass over them finds any out of range)."""
    if values.typecode != "I" or (values and max(values) >= size):
        raise ValueError("a fact number out of range")
    return values


def _kind_to_doc(k: KindIndex, put) -> dict:
    # Every word's facts, then every word's weights, written from the postings themselves
    # (at 100,000 documents one copy of them is ~100 MB). Fact numbers are never negative:
    # an "i" array's bytes are those of an "I" one.
    ids = packed.Chain("I", [i for i, _ in k.postings.values()])
    weights = packed.Chain("b", [w for _, w in k.postings.values()])
    # Four date lists a fact, a few thousand distinct dates: each list is kept as positions
    # in the distinct dates, so reading it back makes no string per occurrence.
    dates = sorted(set(k.lo).union(k.hi, k.lo_sorted, k.hi_sorted))
    at = {x: i for i, x in enumerate(dates)}.__getitem__
    return {
        "kind": k.kind, "rowids": put(k.rowids), "dates": dates,
        "lo": put(array("I", map(at, k.lo))), "hi": put(array("I", map(at, k.hi))),
        "order": put(array("I", k.order)), "date_rank": put(array("I", k.date_rank)),
        "by_lo": put(array("I", k.by_lo)), "lo_sorted": put(array("I", map(at, k.lo_sorted))),
        "by_hi": put(array("I", k.by_hi)), "hi_sorted": put(array("I", map(at, k.hi_sorted))),
        "tokens": list(k.postings), "counts": put(array("i", (len(i) for i, _ in k.postings.values()))),
        "ids": put(ids), "weights": put(weights),
        "names": list(k.names), "name_counts": put(array("q", k.names.values())),
        "suggest_keys": k.suggest_keys, "suggest_names": k.suggest_names,
        "planned_facts": put(array("I", k.planned)),
        "planned": [[sorted(people), newest] for people, newest in k.planned.values()],
        "held_twin": put(array("I", sorted(k.held_twin))),
    }


def _kind_from_doc(d: dict, arrays: list[array]) -> KindIndex:
    rowids = arrays[d["rowids"]]
    size = len(rowids)

    def facts(name: str) -> list[int]:
        return _in_range(arrays[d[name]], size).tolist()

    tokens, counts = _strs(d["tokens"]), arrays[d["counts"]]
    ids, weights = _in_range(arrays[d["ids"]], size), arrays[d["weights"]]
    if len(tokens) != len(counts) or (counts and min(counts) < 1) or not len(ids) == len(weights) == sum(counts):
        raise ValueError("postings do not add up")
    postings, at = {}, 0
    ids = array("i", ids.tobytes())  # the type `_build` makes (all in range: the same bytes)
    for tok, n in zip(tokens, counts, strict=True):
        postings[tok], at = (ids[at : at + n], weights[at : at + n]), at + n
    planned = d["planned"]
    # One string object per distinct date, not per occurrence (~90 MB of a 100,000-document
    # index, and as much again while reading, when JSON held the dates themselves).
    dates = _strs(d["dates"])
    lo, hi, lo_sorted, hi_sorted = (list(map(dates.__getitem__, _in_range(arrays[d[name]], len(dates))))
                                    for name in ("lo", "hi", "lo_sorted", "hi_sorted"))
    k = KindIndex(
        kind=str(d["kind"]), rowids=rowids, lo=lo, hi=hi,
        order=facts("order"), postings=postings,
        names=Counter(dict(zip(_strs(d["names"]), arrays[d["name_counts"]], strict=True))),
        date_rank=facts("date_rank"), by_lo=facts("by_lo"), lo_sorted=lo_sorted,
        by_hi=facts("by_hi"), hi_sorted=hi_sorted,
        suggest_keys=_strs(d["suggest_keys"]), suggest_names=_strs(d["suggest_names"]),
        planned=dict(zip(facts("planned_facts"),
                         ((frozenset(_strs(people)), str(newest)) for people, newest in planned),
                         strict=True)),
        held_twin=set(facts("held_twin")),
    )
    if not (len(k.lo) == len(k.hi) == len(k.order) == len(k.date_rank) == size
            and len(k.by_lo) == len(k.lo_sorted) and len(k.by_hi) == len(k.hi_sorted)
            and len(k.suggest_keys) == len(k.suggest_names)):
        raise ValueError(f"kind {k.kind!r}: lists of different lengths")
    return k


def _alias_by_token(groups: list[Group]) -> dict[str, list[tuple[int, int]]]:
    """token -> (group, alias number) of every alias holding it."""
    found: dict[str, list[tuple[int, int]]] = {}
    for gi, g in enumerate(groups):
        for ai, a in enumerate(g.aliases):
            for tok in set(a):
                found.setdefault(tok, []).append((gi, ai))
    return found


def _pack_index(index: Index) -> bytes:
    return b"".join(_pack_parts(index)[1])


def _pack_parts(index: Index) -> tuple[int, Iterator[bytes | memoryview]]:
    """The stored form of `index`: its length, and its pieces to write in order."""
    arrays: list[array | packed.Chain] = []

    def put(a: array | packed.Chain) -> int:
        arrays.append(a)
        return len(arrays) - 1

    refs = array("i", (x for pairs in index.alias_by_token.values() for pair in pairs for x in pair))
    doc = {
        "generation": index.generation,
        "kinds": [_kind_to_doc(k, put) for k in index.kinds.values()],
        # aliases as their tokens joined by spaces (a token never holds one)
        "groups": [[g.name for g in index.groups], [[" ".join(a) for a in g.aliases] for g in index.groups],
                   [g.type for g in index.groups]],
        # token -> its (group, alias number) pairs: the tokens, how many pairs each, the pairs
        "alias_tokens": list(index.alias_by_token),
        "alias_counts": put(array("i", (len(p) for p in index.alias_by_token.values()))),
        "alias_refs": put(refs),
        "vocab_sorted": index.vocab_sorted,
        "vocab_by_len": [[n, words] for n, words in index.vocab_by_len.items()],
        "suggest_names": [list(p) for p in index.suggest_names],
        "doc_dates": index.doc_dates,
        "cjk_names": index.cjk_names,
        "vocab_reversed": index.vocab_reversed,
    }
    if index.passage_stems is not None:  # the passages' FTS vocabulary: its terms, their document counts
        doc["passage_terms"] = list(index.passage_stems)
        doc["passage_docs"] = put(array("q", index.passage_stems.values()))
        doc["passage_count"] = index.passage_count
    return packed.pack_parts(doc, arrays)


def _unpack_index(data: bytes | tuple[object, list[array]], gen: object) -> Index:
    """The stored index (its bytes, or what `packed` read of them), checked for shape as it
    is read (an exception when it is not what `_pack_index` wrote for this generation).
    Lists are checked in C, not item by item: reading it must stay much faster than
    building it."""
    d, arrays = packed.unpack(data) if isinstance(data, bytes) else data
    if d["generation"] != gen:
        raise ValueError("another generation")
    kinds = [_kind_from_doc(k, arrays) for k in d["kinds"]]
    names, aliases, types = d["groups"]
    _strs(names)
    "".join(t or "" for t in types)
    groups = [Group(n, [tuple(a.split(" ")) for a in _strs(al)], t)
              for n, al, t in zip(names, aliases, types, strict=True)]
    refs = arrays[d["alias_refs"]]
    pairs = list(zip(refs[::2], refs[1::2], strict=True))
    if not {(gi, ai) for gi, g in enumerate(groups) for ai in range(len(g.aliases))}.issuperset(pairs):
        raise ValueError("an alias out of range")
    alias_by_token, at = {}, 0
    for tok, n in zip(_strs(d["alias_tokens"]), arrays[d["alias_counts"]], strict=True):
        alias_by_token[tok], at = pairs[at : at + n], at + n
    if at != len(pairs):
        raise ValueError("alias counts do not add up")
    vocab_sorted = _strs(d["vocab_sorted"])
    suggest = d["suggest_names"]
    "".join(a + b for a, b in suggest)
    index = Index(
        generation=gen,
        kinds={k.kind: k for k in kinds},
        groups=groups,
        alias_by_token=alias_by_token,
        vocab=set(vocab_sorted),
        vocab_sorted=vocab_sorted,
        vocab_by_len={int(n): _strs(words) for n, words in d["vocab_by_len"]},
        suggest_names=[(a, b) for a, b in suggest],
        doc_dates=dict(zip(_strs(list(d["doc_dates"])), _strs(list(d["doc_dates"].values())), strict=True)),
        cjk_names={c: _strs(names) for c, names in d["cjk_names"].items()},
        vocab_reversed=_strs(d["vocab_reversed"]),
    )
    if "passage_terms" in d:
        count = d["passage_count"]
        if not isinstance(count, int) or count < 0:
            raise ValueError("a passage count that is not a count")
        _set_passage_vocab(index, dict(zip(_strs(d["passage_terms"]), arrays[d["passage_docs"]], strict=True)),
                           count)
    return index


def _load_stored(db: sqlite_utils.Database, gen: object) -> Index | None:
    key = _stored_key(gen)
    if key is None:
        return None
    # This thread's own read-only connection, not the one Bolt's threads share: there an
    # error of this read can surface as a SystemError, not an sqlite3.Error, when another
    # thread's call resets SQLite's per-connection error code first (seen once in CI).
    # Here any failure is an sqlite3.Error, and the index is built instead.
    conn = _private(db)
    try:
        row = conn.execute(f"select rowid, length(data) from {INDEX_TABLE} where key = ?", [key]).fetchone()
    except sqlite3.Error:  # no table yet
        return None
    if row is None:
        return None
    try:
        # Read a piece at a time: the blob (142 MB at 100,000 documents) is never held
        # beside the index it decodes to, which was the serving process's peak.
        with conn.blobopen(INDEX_TABLE, "data", row[0], readonly=True) as blob:
            content = packed.unpack_from(blob.read, row[1] or 0)
        return _unpack_index(content, gen)
    except Exception:  # noqa: BLE001 - damaged or foreign (not JSON, not this layout): build it

        log.info("stored search index unreadable; rebuilding", exc_info=log.isEnabledFor(logging.DEBUG))
        return None


def _store(db: sqlite_utils.Database, gen: object, index: Index) -> None:
    """Keep `index` for the next start; skipped (not waited for) while a load writes."""
    key = _stored_key(gen)
    conn = private_connection(db, timeout=0.25) if key else None
    if conn is None:
        return
    try:
        size, pieces = _pack_parts(index)
        with conn:
            conn.execute(f"create table if not exists {INDEX_TABLE} (key text primary key, data blob)")
            # Only for the generation still current: a load may have finished meanwhile.
            current = conn.execute("select value from meta where key = 'generation'").fetchone()
            if current is None or current[0] != gen:
                return
            conn.execute(f"delete from {INDEX_TABLE}")
            # Written a piece at a time: the whole value (140 MB at 100,000 documents) is never
            # in memory at once.
            cur = conn.execute(f"insert into {INDEX_TABLE} (key, data) values (?, zeroblob(?))", [key, size])
            with conn.blobopen(INDEX_TABLE, "data", cur.lastrowid) as blob:
                for piece in pieces:
                    blob.write(piece)
    except sqlite3.Error:
        log.debug("search index not stored", exc_info=True)
    finally:
        conn.close()


def get_index(db: sqlite_utils.Database) -> Index:
    """The in-memory index of this database, rebuilt when the loader changed it."""
    key, gen = db_key(db), _generation(db)
    index = _cache.get(key)
    if index is not None and index.generation == gen:
        return index
    with _lock:
        index = _cache.get(key)
        if index is None or index.generation != gen:
            index = _load_stored(db, gen)
            if index is None:
                index = _build(db, gen)
                _passage_vocab(db, index)  # stored with the rest: seconds to scan at 100,000 documents
                _store(db, gen, index)
            _cache.pop(key, None)
            while len(_cache) >= MAX_CACHED:  # the oldest database first (tests open many)
                _cache.pop(next(iter(_cache)))
            _cache[key] = index
    return index


def warm(db: sqlite_utils.Database) -> Index:
    """Build the index now (at start-up or after a load) so the first user does not wait."""
    index = get_index(db)
    _passage_vocab(db, index)
    for kind in index.kinds:
        rank_facts(db, kind, [], page_size=1)
    return index


def _index_fact(kinds, held, shared, kind, seen_names, add_group, rowid, title, summary, quote, names,
                participants, location, ds, de, dp, plan=None) -> None:
    """Add a fact to its kind's index. `held` gathers each kind's `_Held`; `shared` makes
    equal strings (dates, people) one object: a few thousand distinct dates, four lists of
    them per fact."""
    kidx = kinds.get(kind)
    if kidx is None:
        kidx = kinds[kind] = KindIndex(kind)
        held[kind] = _Held()
    i = kidx.size
    kidx.rowids.append(rowid)
    lo, hi = date_bounds(ds, de, dp)
    kidx.lo.append(shared.setdefault(lo, lo))
    kidx.hi.append(shared.setdefault(hi, hi))
    try:
        people = [shared.setdefault(p, p) for p in json.loads(participants or "[]") if isinstance(p, str)]
    except ValueError:
        people = []
    shown = [*people, *([location] if location else [])]
    if plan is not None:
        kidx.planned[i] = (frozenset(people), plan)
    held[kind].add(i, people, title or "", bool(lo), plan is not None)
    for n, name in enumerate(shown):
        name = name.strip()
        if name not in kidx.names and name not in seen_names:
            seen_names.add(name)
            add_group(name, [], "participant" if n < len(people) else "place")
        kidx.names[name] += 1
    weights: dict[str, int] = {}
    fields = (
        (title, W_TITLE),
        (" ; ".join(shown), W_NAMES),
        (names, W_ALIASES),
        (summary, W_SUMMARY),
        (quote, W_QUOTE),
    )
    for text, w in fields:
        for tok in index_tokens(text or ""):
            if weights.get(tok, 0) < w:
                weights[tok] = w
    postings = kidx.postings  # arrays from the start: a list of ints takes 16 bytes a posting, these 5
    for tok, w in weights.items():
        p = postings.get(tok)
        if p is None:
            postings[tok] = (array("i", (i,)), array("b", (w,)))
        else:
            p[0].append(i)
            p[1].append(w)


def _build(db: sqlite_utils.Database, generation: object) -> Index:
    kinds: dict[str, KindIndex] = {}
    held: dict[str, _Held] = {}
    shared: dict[str, str] = {}
    groups: list[Group] = []
    seen_alias: dict[tuple[str, ...], int] = {}
    seen_names: set[str] = set()

    def add_group(name: str, names: list[str], type_: str | None = None) -> None:
        aliases: list[tuple[str, ...]] = []
        for n in [name, *names]:
            toks = tuple(content_tokens(n))
            if toks and toks not in aliases:
                aliases.append(toks)
        if not aliases:
            return
        known = next((seen_alias[a] for a in aliases if a in seen_alias), None)
        if known is not None:  # same name again (a participant that is also an entity)
            g = groups[known]
            g.aliases.extend(a for a in aliases if a not in g.aliases)
        else:
            known = len(groups)
            groups.append(Group(name.strip(), aliases, type_))
        for a in aliases:
            seen_alias.setdefault(a, known)

    for row in db.conn.execute("select name, aliases, type from entities order by id"):
        try:
            aliases = json.loads(row[1] or "[]")
        except ValueError:
            aliases = []
        if not isinstance(aliases, list):
            aliases = []
        add_group(row[0] or "", [a for a in aliases if isinstance(a, str)], row[2])

    n_entities = len(groups)
    doc_rows = [r for r in db.conn.execute("select id, date, date_precision from documents") if r[1]]
    doc_dates = {i: d for i, d, _ in doc_rows}
    cur = db.conn.execute(
        """select rowid, kind, title, summary, quote, names, participants, location,
                  date_start, date_end, date_precision, doc_id, sources from facts
           order by """ + FACT_ORDER
    )
    for rowid, kind, title, summary, quote, names, participants, location, ds, de, dp, doc, srcs in cur:
        plan = None
        if title and title.endswith(PLANNED):
            newest, n_docs = newest_source(doc, srcs, doc_dates)
            if still_planned(*date_bounds(ds, de, dp), newest, n_docs):
                plan = newest
        # A dialogue about space is a meeting, and /space users look for it too.
        also_space = kind == "meeting" and SPACE_WORD.search(title or "")
        for k in (kind, "space") if also_space else (kind,):
            _index_fact(kinds, held, shared, k, seen_names, add_group, rowid, title, summary, quote, names,
                        participants, location, ds, de, dp, plan)

    del shared
    vocab: set[str] = set()
    for kind, kidx in kinds.items():
        vocab.update(kidx.postings)
        kidx.order = sorted(range(kidx.size), key=lambda i, k=kidx: (k.lo[i], k.hi[i]), reverse=True)
        kidx.order.sort(key=lambda i, k=kidx: k.lo[i] == "")  # undated last, stable
        kidx.date_rank = [0] * kidx.size
        for rank, i in enumerate(kidx.order):
            kidx.date_rank[i] = rank
        dated = [i for i in range(kidx.size) if kidx.lo[i]]
        kidx.by_lo = sorted(dated, key=lambda i, k=kidx: k.lo[i])
        kidx.lo_sorted = [kidx.lo[i] for i in kidx.by_lo]
        kidx.by_hi = sorted(dated, key=lambda i, k=kidx: k.hi[i])
        kidx.hi_sorted = [kidx.hi[i] for i in kidx.by_hi]
        kidx.held_twin = _held_twins(kidx, held.pop(kind))
    _add_acronyms(groups[:n_entities], vocab)
    alias_by_token = _alias_by_token(groups)
    vocab.update(alias_by_token)
    cjk_names: dict[str, list[str]] = {}
    for tok in vocab:
        if CJK.match(tok):
            cjk_names.setdefault(tok[0], []).append(tok)
    for lst in cjk_names.values():
        lst.sort(key=len, reverse=True)
    by_len: dict[int, list[str]] = {}
    for tok in vocab:
        by_len.setdefault(len(tok), []).append(tok)
    for lst in by_len.values():
        lst.sort()
    for kidx in kinds.values():
        pairs: dict[str, str] = {}
        for g in groups[:n_entities]:
            if any(all(t in kidx.postings for t in a) for a in g.aliases):
                for a in g.aliases:
                    pairs.setdefault(" ".join(a), g.name)
        for name, _ in kidx.names.most_common(MAX_SUGGEST_NAMES):
            pairs.setdefault(" ".join(tokenize(name)), name)
        pairs.pop("", None)
        kidx.suggest_keys, kidx.suggest_names = list(pairs), list(pairs.values())
    everything: dict[str, str] = {}  # names that occur in some fact, for /lookup
    for kidx in kinds.values():
        everything.update(zip(kidx.suggest_keys, kidx.suggest_names, strict=True))
    suggest = list(everything.items())
    return Index(
        cjk_names=cjk_names,
        doc_dates={i: date_as_known(d, p) for i, d, p in doc_rows},  # as shown
        generation=generation,
        kinds=kinds,
        groups=groups,
        alias_by_token=alias_by_token,
        vocab=vocab,
        vocab_sorted=sorted(vocab),
        vocab_reversed=sorted(v[::-1] for v in vocab if v.isalpha()),
        vocab_by_len=by_len,
        suggest_names=suggest,
    )


def _add_acronyms(groups: list[Group], vocab: set[str]) -> None:
    """Initials of multi-word names as aliases ("SDA" for space domain awareness): analysts
    type them, documents often spell the name out. Never for people, never when the initials
    are a word the facts contain, never two letters (too many collide)."""
    seen: Counter[str] = Counter()
    made: list[tuple[Group, str]] = []
    for g in groups:
        if g.type == "person":
            continue
        for alias in list(g.aliases):
            if 3 <= len(alias) <= 6 and all(t.isalpha() for t in alias):
                initials = "".join(t[0] for t in alias)
                if initials not in vocab and (initials,) not in g.aliases:
                    made.append((g, initials))
                    seen[initials] += 1
    for g, initials in made:
        if seen[initials] <= 3 and (initials,) not in g.aliases:
            g.aliases.append((initials,))


# -- resolving query words ----------------------------------------------------------------


def _variants(tok: str) -> list[str]:
    out = []
    for suffix in ("s", "es", "ed", "ing", "'s"):
        if tok.endswith(suffix) and len(tok) - len(suffix) >= 3:
            out.append(tok[: -len(suffix)])
    out.extend((tok + "s", tok + "es"))
    return out


def max_edits(tok: str) -> int:
    if len(tok) < 4 or not tok.isalpha() or CJK.match(tok):
        return 0
    return 1 if len(tok) < 8 else 2


def expand_token(
    tok: str,
    vocab: set[str],
    vocab_sorted: list[str],
    by_len: dict[int, list[str]],
    reversed_sorted: list[str] | None = None,
) -> dict[str, float]:
    """The known words a typed word may stand for, each with a similarity in (0, 1]:
    itself, inflections, longer words it starts ("indo" -> "indopacom") or ends a compound
    of ("phone" -> "telephone"), and typos."""
    out: dict[str, float] = {}
    if tok in vocab:
        out[tok] = SIM_EXACT
    for v in _variants(tok):
        if v in vocab:
            out.setdefault(v, SIM_VARIANT)
    if len(tok) >= 4 and tok.isalnum():
        start = bisect.bisect_left(vocab_sorted, tok)
        for v in itertools.islice(vocab_sorted, start, start + 50):
            if not v.startswith(tok):
                break
            if v != tok and (len(v) - len(tok) <= 4 or tok not in vocab):
                out.setdefault(v, SIM_PREFIX)
    if reversed_sorted is not None and len(tok) >= 5 and tok.isalpha():
        rev = tok[::-1]
        start = bisect.bisect_left(reversed_sorted, rev)
        for v in itertools.islice(reversed_sorted, start, start + 20):
            if not v.startswith(rev):
                break
            if len(v) - len(tok) >= 3:
                out.setdefault(v[::-1], SIM_PREFIX)
    if tok in vocab:
        return out
    k = max_edits(tok)
    if k:
        for n in range(len(tok) - k, len(tok) + k + 1):
            bucket = by_len.get(n)
            if not bucket:
                continue
            for cand, dist, _ in process.extract(
                tok, bucket, scorer=OSA.distance, score_cutoff=k, limit=MAX_FUZZY
            ):
                if cand[0] != tok[0] and dist > 1:
                    continue
                out.setdefault(cand, SIM_EDIT1 if dist <= 1 else SIM_EDIT2)
    return out


@dataclass
class Term:
    """One thing the user asked for: a word, a quoted phrase, or a multi-word name."""

    text: str
    tokens: list[str]
    expansions: list[dict[str, float]]
    groups: dict[int, float] = field(default_factory=dict)


def split_cjk(index: Index, run: str) -> list[str]:
    """A run of Japanese script cut into the names it contains ("岸田とバイデン" -> 岸田,
    バイデン): the script has no spaces, so known names (longest first) are the cuts. Pieces
    left between them stay, to be reported if they match nothing, except particles (と, の)
    and single characters."""
    out: list[str] = []
    gap = ""
    i = 0
    while i < len(run):
        name = next((n for n in index.cjk_names.get(run[i], ()) if run.startswith(n, i)), None)
        if name is None:
            gap += run[i]
            i += 1
            continue
        out.extend(_cjk_gap(index, gap))
        gap = ""
        out.append(name)
        i += len(name)
    out.extend(_cjk_gap(index, gap))
    return out


def _cjk_gap(index: Index, gap: str) -> list[str]:
    if len(gap) < 2 or _HIRAGANA.fullmatch(gap):
        return []
    # Part of a longer known name ("岸田文" typed for 岸田文雄) stands for that name.
    whole = next((n for n in index.cjk_names.get(gap[0], ()) if n.startswith(gap)), None)
    return [whole or gap]


def resolve_terms(index: Index, words: list[str]) -> list[Term]:
    """Group query words into terms, resolving each to known words and named things."""
    # Units: a word, a compound ("F-35", "Indo-Pacific": its parts go together) or a quoted
    # phrase (kept exactly as one term).
    units: list[tuple[list[str], bool]] = []  # (tokens, quoted phrase?)
    compound: set[int] = set()
    for w in words:
        toks = tokenize(w)
        if any(CJK.match(t) for t in toks):
            toks = [p for t in toks for p in (split_cjk(index, t) if CJK.match(t) else [t])]
            units.extend(([t], False) for t in toks if t not in STOP_WORDS)
            continue
        if " " in w.strip():
            toks = [t for t in toks if t not in STOP_WORDS] or toks
            if toks:
                units.append((toks, True))
        elif len(toks) > 1:
            compound.add(len(units))
            units.append((toks, True))
        else:
            units.extend(([t], False) for t in toks if t not in STOP_WORDS)
    cache = _expansion_cache(index)
    flat: list[str] = [t for toks, _ in units for t in toks]
    exp = [cache(t) for t in flat]

    # Where a run of query tokens spells one alias (in any order, with typos), it is one term.
    hits: dict[tuple[int, int], set[int]] = {}  # (group, alias) -> query positions touching it
    for pos, e in enumerate(exp):
        for v in e:
            for ga in index.alias_by_token.get(v, ()):
                hits.setdefault(ga, set()).add(pos)
    spans: list[tuple[int, int, int, float]] = []  # (start, end, group, sim)
    for (gi, ai), positions in hits.items():
        alias = index.groups[gi].aliases[ai]
        n = len(alias)
        if n > len(positions) or n > 6:
            continue
        for s in sorted(positions):
            if s + n > len(flat) or any(p not in positions for p in range(s, s + n)):
                continue
            sim = _match_alias(alias, exp[s : s + n])
            if sim >= ALIAS_CUTOFF:
                spans.append((s, s + n, gi, sim))
    for pos, tok in enumerate(flat):  # "pacvan": the first letters of each word of a name
        if len(tok) >= 5 and tok.isalpha() and tok not in index.vocab:
            for gi in _abbreviated(index, tok):
                spans.append((pos, pos + 1, gi, SIM_PREFIX))
    # A span may join unquoted words, or be exactly one quoted phrase; never cut a phrase.
    unit_of: list[int] = [u for u, (toks, _) in enumerate(units) for _ in toks]
    unit_start = {u: p for p, u in reversed(list(enumerate(unit_of)))}

    def whole(u: int, s: int, e: int) -> bool:
        return s <= unit_start[u] and unit_start[u] + len(units[u][0]) <= e

    def valid(s: int, e: int) -> bool:
        grouped = {unit_of[p] for p in range(s, e) if units[unit_of[p]][1]}
        if not all(whole(u, s, e) for u in grouped):
            return False  # never cut a phrase or a compound word
        quoted = grouped - compound
        if not quoted:
            return True
        u = quoted.pop()  # a quoted phrase is its own term, joined with nothing else
        return s == unit_start[u] and e == unit_start[u] + len(units[u][0])

    spans = [sp for sp in spans if valid(sp[0], sp[1])]
    spans.sort(key=lambda sp: (-(sp[1] - sp[0]), -sp[3]))
    taken: dict[tuple[int, int], dict[int, float]] = {}
    used = [False] * len(flat)
    for s, e, gi, sim in spans:
        if (s, e) in taken:
            taken[(s, e)][gi] = max(sim, taken[(s, e)].get(gi, 0))
            continue
        if any(used[s:e]):
            continue
        taken[(s, e)] = {gi: sim}
        for p in range(s, e):
            used[p] = True

    terms: list[Term] = []
    span_at = {s: e for (s, e) in taken}
    p = 0
    while p < len(flat):
        toks, quoted = units[unit_of[p]]
        if p in span_at and unit_of[p] in compound and span_at[p] > p + len(toks):
            quoted = False  # a compound inside a longer name ("Indo-Pacific Command")
        if quoted and len(toks) > 1:
            end = p + len(toks)
            groups: dict[int, float] = dict(taken.get((p, end), {}))
            terms.append(Term(" ".join(toks), toks, exp[p:end], groups))
        elif p in span_at:
            end = span_at[p]
            terms.append(Term(" ".join(flat[p:end]), flat[p:end], exp[p:end], dict(taken[(p, end)])))
        else:
            end = p + 1
            terms.append(Term(flat[p], [flat[p]], [exp[p]]))
        p = end
    return terms


def _abbreviated(index: Index, tok: str) -> list[int]:
    """Named things (not people) that `tok` abbreviates by the start of each word of one of
    their names ("pacvan" for Pacific Vanguard, "natsec" for national security)."""
    table = getattr(index, "_abbrev", None)
    if table is None:
        table = {}
        for gi, g in enumerate(index.groups):
            if g.type in (None, "person", "participant", "place"):
                continue
            for alias in g.aliases:
                if 2 <= len(alias) <= 4 and all(w.isalpha() and len(w) >= 2 for w in alias):
                    table.setdefault(alias[0][:2], []).append((gi, alias))
        index._abbrev = table  # type: ignore[attr-defined]

    def spells(rest: str, words: tuple[str, ...]) -> bool:
        if not words:
            return not rest
        w = words[0]
        return any(
            rest[:k] == w[:k] and spells(rest[k:], words[1:]) for k in range(min(len(w), len(rest)), 1, -1)
        )

    return list(dict.fromkeys(gi for gi, alias in table.get(tok[:2], ()) if spells(tok, alias)))


def _match_alias(alias: tuple[str, ...], exps: list[dict[str, float]]) -> float:
    """Mean similarity when the query tokens spell the alias in some order, else 0."""
    n = len(alias)
    best = 0.0
    orders = itertools.permutations(range(n)) if n <= 4 else [tuple(range(n))]
    for perm in orders:
        total = 0.0
        for qi, ai in enumerate(perm):
            sim = exps[qi].get(alias[ai], 0.0)
            if not sim:
                break
            total += sim
        else:
            best = max(best, total / n)
    return best


def _expansion_cache(index: Index):
    cache = getattr(index, "_expand", None)
    if cache is None:

        @lru_cache(maxsize=4096)
        def cache(tok: str) -> dict[str, float]:
            return expand_token(tok, index.vocab, index.vocab_sorted, index.vocab_by_len, index.vocab_reversed)

        index._expand = cache  # type: ignore[attr-defined]
    return cache


# -- scoring facts ------------------------------------------------------------------------


class _Words:
    """One typed word against one kind: the facts containing any form of it, and how well."""

    def __init__(self, kidx: KindIndex, expansion: dict[str, float]):
        self.kidx = kidx
        self.parts = [
            (_sim_class(sim), tok)
            for tok, sim in sorted(expansion.items(), key=lambda kv: -kv[1])
            if tok in kidx.postings
        ]
        self.idf = max((kidx.idf(tok) for tok in expansion if tok in kidx.postings), default=0.0)
        if len(self.parts) == 1:
            self.members = kidx.weights(self.parts[0][1]).keys()
        else:
            self.members = set().union(*(kidx.weights(tok).keys() for _, tok in self.parts))
        self._table: dict[int, float] | None = None

    def table(self) -> dict[int, float]:
        """fact -> the best of its forms' grades (a form's similarity times the class of the
        field it is in), for every member. A common word reaches tens of thousands of facts
        at 100,000 documents: written a class at a time, lowest first so the best wins,
        instead of comparing every form for every fact."""
        if self._table is None:
            levels = sorted(((c * cls, ids) for c, tok in self.parts for cls, ids in self.kidx.classes(tok)),
                            key=lambda level: level[0])
            table: dict[int, float] = {}
            for value, ids in levels:
                table.update(dict.fromkeys(ids, value))
            self._table = table
        return self._table


def _sim_class(sim: float) -> float:
    """The word as typed (or an alias of it), an inflection of it, or a typo or prefix."""
    return sim if sim >= SIM_VARIANT else 0.8


def _field_class(weight: int) -> float:
    """Named in the title or among the people and place (what the fact is about), only in
    its sentences (mentioned), or only in the aliases of a name it carries."""
    return 1.0 if weight >= W_NAMES else 0.7 if weight >= W_QUOTE else 0.5 if weight else 0.0


def _all_of(words: list[_Words]):
    if not words or any(not w.members for w in words):
        return set()
    if len(words) == 1:
        return words[0].members
    ordered = sorted((w.members for w in words), key=len)
    return set(ordered[0]).intersection(*ordered[1:])


class _Matcher:
    """One query term against one kind: its words (all required), or any alias of its names."""

    def __init__(self, index: Index, kidx: KindIndex, term: Term):
        self.words = [_Words(kidx, e) for e in term.expansions]
        self.word_members = _all_of(self.words)
        self.aliases: list[tuple[float, list[_Words], object]] = []
        for gi, sim in term.groups.items():
            for alias in index.groups[gi].aliases:
                ws = [_Words(kidx, {t: 1.0}) for t in alias]
                members = _all_of(ws)
                if members:
                    self.aliases.append((sim, ws, members))
        if not self.aliases:
            self.members = self.word_members
        else:
            self.members = set(self.word_members).union(*(m for _, _, m in self.aliases))

        # How much matching this term says: the rarer its words, the more.
        self.idf = max([sum(w.idf for w in self.words) / max(len(self.words), 1)]
                       + [sum(w.idf for w in ws) / len(ws) for _, ws, _ in self.aliases])

        self._grades: dict[int, float] | None = None

    def grades(self) -> dict[int, float]:
        """fact -> how well it matches, for every member: 1.0 when every word is there as
        typed (or as an alias of the name) in what the fact is about; less for typos and for
        mere mentions. Worked out once for all members (a page is chosen among all of them)."""
        if self._grades is None:
            tables = [w.table() for w in self.words]
            if len(tables) == 1:
                best = dict(tables[0])
            else:
                best = {i: min(t[i] for t in tables) for i in self.word_members}
            for sim, ws, members in self.aliases:
                cls = _sim_class(sim)
                tables = [w.table() for w in ws]
                alias = tables[0] if len(tables) == 1 else {i: max(t[i] for t in tables) for i in members}
                for i in members:
                    if (v := cls * alias[i]) > best.get(i, 0.0):
                        best[i] = v
            self._grades = best
        return self._grades


def term_scores(index: Index, kidx: KindIndex, term: Term) -> dict[int, float]:
    """How well each fact of this kind matches the term (facts not matching are absent)."""
    m = _Matcher(index, kidx, term)
    grades = m.grades()
    return {i: m.idf * grades.get(i, 0.0) for i in m.members}


@dataclass
class Ranked:
    """A page of ranked facts and what the query resolved to (for messages)."""

    facts: list[Fact]
    total: int
    terms: list[Term]
    unmatched: list[str]  # terms that matched no fact of this kind
    suggestions: list[str]
    outside_dates: int = 0  # matching facts that the date filter left out


_local = threading.local()
MAX_PRIVATE = 8
MAX_OR_TERMS = 2  # /lookup's fallback for partial matches: only the rarest words  # private connections kept per thread (tests open many databases)


def _private(db: sqlite_utils.Database) -> sqlite3.Connection:
    """A read-only connection to db's file that only the calling thread uses.

    The bot shares one connection across Bolt's worker threads, which is safe for plain
    queries but not with a progress handler: that Python callback runs while SQLite holds
    the connection's mutex, so a second thread holding the GIL and calling into the same
    connection deadlocks with it (and one thread's deadline would cut another's query).
    """
    key = db_key(db)
    if not isinstance(key, str):  # an in-memory database can't be opened twice
        return db.conn
    conns: dict[str, sqlite3.Connection] = _local.__dict__.setdefault("conns", {})
    conn = conns.get(key)
    if conn is None:
        while len(conns) >= MAX_PRIVATE:
            conns.pop(next(iter(conns))).close()
        conn = private_connection(db, readonly=True) or db.conn
        conns[key] = conn
    return conn


def _bounded(db: sqlite_utils.Database, sql: str, params: list, budget_ms: float) -> list | None:
    """Run a query, giving up (None) past a time budget: a bonus signal must never make an
    answer late. SQLite calls the progress handler every few thousand VM steps."""
    deadline = time.perf_counter() + budget_ms / 1000
    conn = _private(db)
    conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), 2000)
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:
        return None
    finally:
        conn.set_progress_handler(None, 0)


def rank_facts(
    db: sqlite_utils.Database,
    kind: str,
    words: list[str],
    since: str | None = None,
    until: str | None = None,
    page: int = 1,
    page_size: int = 5,
) -> Ranked:
    """Facts of one kind for a query: all-terms matches first, then score, then newest."""
    index = get_index(db)
    kidx = index.kind(kind)
    terms = resolve_terms(index, words)
    dated = since is not None or until is not None
    allowed = kidx.in_range(since, until) if dated else None
    start, stop = (page - 1) * page_size, page * page_size

    if not terms:
        if allowed is None:
            return Ranked(_fetch(db, kidx, kidx.order[start:stop]), kidx.size, [], [], [])
        picked = list(itertools.islice((i for i in kidx.order if i in allowed), start, stop))
        return Ranked(_fetch(db, kidx, picked), len(allowed), [], [], [])

    matchers = [_Matcher(index, kidx, t) for t in terms]
    unmatched = [t.text for t, m in zip(terms, matchers, strict=True) if not m.members]
    if len(unmatched) == len(terms):
        return Ranked([], 0, terms, unmatched, suggest(index, kidx, " ".join(unmatched)))
    live = [m for m in matchers if m.members]
    union = set().union(*(m.members for m in live))
    kept = union & allowed if allowed is not None else union
    total = len(kept)
    sugg = suggest(index, kidx, " ".join(unmatched)) if unmatched else []
    if not kept or start >= total:
        return Ranked([], total, terms, unmatched, sugg, outside_dates=len(union) - total)

    # Tiers by how many terms a fact matches; only the tiers the page reaches are scored.
    if len(live) == 1:
        tiers = [kept]
    else:
        counts = Counter(itertools.chain.from_iterable(m.members for m in live))
        by_count: dict[int, list[int]] = {}
        for i, c in counts.items():
            if allowed is None or i in allowed:
                by_count.setdefault(c, []).append(i)
        tiers = [by_count[c] for c in sorted(by_count, reverse=True)]
    rank, twins, lo = kidx.date_rank, kidx.held_twin, kidx.lo
    picked: list[int] = []
    offset = 0  # facts in the tiers before this one
    for tier in tiers:
        if offset + len(tier) > start:
            need = stop - offset
            scored = [(m.idf, m.grades()) for m in live]
            keyed = [
                (-round(sum(idf * g.get(i, 0.0) for idf, g in scored), 3), not lo[i], i in twins, rank[i], i)
                for i in tier
            ]
            best = heapq.nsmallest(need, keyed) if need < len(keyed) else sorted(keyed)
            picked.extend(k[-1] for k in best[max(start - offset, 0) :])
        offset += len(tier)
        if offset >= stop:
            break
    return Ranked(
        _fetch(db, kidx, picked[: stop - start]),
        total,
        terms,
        unmatched,
        sugg,
        outside_dates=len(union) - total,
    )


def _fetch(db: sqlite_utils.Database, kidx: KindIndex, idxs: list[int]) -> list[Fact]:
    if not idxs:
        return []
    rowids = [kidx.rowids[i] for i in idxs]
    marks = ",".join("?" * len(rowids))
    rows = {r["rowid"]: r for r in db.query(f"select rowid, * from facts where rowid in ({marks})", rowids)}
    out = []
    for i, r in zip(idxs, rowids, strict=True):
        if r in rows:
            fact = fact_from_row(rows[r])
            if fact.title.endswith(PLANNED) and i not in kidx.planned:
                fact.title = fact.title.removesuffix(PLANNED)  # a newer source is dated after it
            out.append(fact)
    return out


def suggest(index: Index, kidx: KindIndex | None, text: str, limit: int = 3) -> list[str]:
    """Known names with words close to the typed ones (a looser cutoff than matching
    uses), preferring names found in this kind of fact and names matching more words."""
    if kidx is not None:
        keys, names = kidx.suggest_keys, kidx.suggest_names
    else:
        keys = [k for k, _ in index.suggest_names]
        names = [n for _, n in index.suggest_names]
    if not keys:
        return []
    by_token = _suggest_tokens(kidx if kidx is not None else index, keys)
    vocab = list(by_token)
    score: dict[str, float] = {}
    for tok in dict.fromkeys(content_tokens(text)):
        best: dict[str, float] = {}
        for cand, sim, _ in process.extract(
            tok, vocab, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF, limit=8
        ):
            for i in by_token[cand]:
                best[names[i]] = max(best.get(names[i], 0.0), sim)
        for name, sim in best.items():
            score[name] = score.get(name, 0.0) + sim
    ranked = sorted(score, key=lambda n: (-score[n], n))
    return ranked[:limit]


def _suggest_tokens(owner: object, keys: list[str]) -> dict[str, list[int]]:
    cached = getattr(owner, "_suggest_tokens", None)
    if cached is None:
        cached = {}
        for i, key in enumerate(keys):
            for tok in key.split():
                if len(tok) >= 3 and tok not in STOP_WORDS:
                    cached.setdefault(tok, []).append(i)
        owner._suggest_tokens = cached  # type: ignore[attr-defined]
    return cached


# -- passages (/lookup) -------------------------------------------------------------------


def _passage_vocab(db: sqlite_utils.Database, index: Index) -> None:
    if index.passage_stems is not None:
        return
    stems: dict[str, int] = {}
    try:
        db.conn.execute(
            "create virtual table if not exists temp.allybot_passages_vocab "
            "using fts5vocab(main, passages_fts, row)"
        )
        for term, docs in db.conn.execute("select term, doc from temp.allybot_passages_vocab"):
            stems[term] = docs
    except Exception:  # noqa: BLE001 - without the vocabulary, lookup still works, with less typo tolerance
        stems = {}
    count = db.conn.execute("select count(*) from passages where furniture = 0").fetchone()[0]
    _set_passage_vocab(index, stems, count)


def _set_passage_vocab(index: Index, stems: dict[str, int], count: int) -> None:
    by_len: dict[int, list[str]] = {}
    for t in stems:
        by_len.setdefault(len(t), []).append(t)
    index.passage_by_len = by_len
    index.passage_count = count
    index.passage_stems = stems


def _equivalents() -> dict[str, set[str]]:
    """Words written two ways in the documents: month abbreviations, roman numerals
    ("Article V" for "article 5")."""
    pairs = [(m[:3], m) for m in calendar.month_name[1:] if len(m) > 3]
    pairs = [(a.lower(), b.lower()) for a, b in pairs] + [("sept", "september")]
    pairs += list(zip("1 2 3 4 5 6 7 8 9 10".split(), "i ii iii iv v vi vii viii ix x".split(), strict=True))
    out: dict[str, set[str]] = {}
    for a, b in pairs:
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    for roman in "i v x".split():  # too common as words to stand for numbers
        out.pop(roman, None)
    return out


EQUIVALENT = _equivalents()

# Words a question asks in plain terms that the documents write in their trade's terms:
# "what ship is Japan sending" is answered by "will dispatch ... the frigate Yahagi".
# Question word -> the words that answer it (their inflections count too).
RELATED = {
    "send": ("dispatch", "deploy"),
    "ship": ("warship", "frigate", "destroyer", "vessel", "cruiser", "carrier"),
    "ships": ("warships", "frigates", "destroyers", "vessels", "cruisers", "carriers"),
    "plane": ("aircraft", "fighter", "bomber", "jet"),
    "planes": ("aircraft", "fighters", "bombers", "jets"),
    "troops": ("personnel", "soldiers", "marines"),
    "start": ("begin", "began", "opened"),
    "end": ("conclude", "concluded", "closing"),
}


def _related(tok: str) -> set[str]:
    """The trade's words for a plain question word ("sending" -> dispatch, deploy)."""
    for base in (tok, *sorted(word_forms(tok), key=len)):
        if base in RELATED:
            return set(RELATED[base])
    return set()


def _stem_df(stems: dict[str, int], word: str) -> int:
    """Passages with a word, from the FTS vocabulary, which holds Porter stems ("forc" for
    "force"): the word, or the longest of its prefixes one or two letters shorter."""
    for k in (0, 1, 2):
        if len(word) - k >= 3 and word[: len(word) - k] in stems:
            return stems[word[: len(word) - k]]
    return 0


def _is_year_word(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and text[:2] in ("19", "20")


# Gazetteer types whose names a passage must carry to answer a question about them: a
# passage about some other exercise or person is no answer, however many words it shares.
NAME_TYPES = frozenset({"person", "exercise", "program", "forum"})
EVENT_TYPES = frozenset({"exercise", "forum"})

# Words of a question that say what kind of answer is wanted, not what it is about.
QUESTION_WORDS = frozenset(
    """actually really anyone anybody someone somebody ever many much big large long going
    get got gets say said says tell know kind sort happen happens happening""".split()
)


@dataclass
class LookupTerm:
    text: str
    forms: set[str]  # single words that count as a match
    phrases: list[tuple[str, ...]]  # multi-word names that count as a match
    name_type: str | None = None  # the gazetteer type when the term names a person, exercise...

    def fts(self) -> str:
        alts = sorted({f'"{f}"' for f in self.forms if re.fullmatch(r"[a-z0-9]+", f)})
        alts += sorted({'"' + f.replace("+", " ") + '"' for f in self.forms if re.fullmatch(r"[a-z0-9]+(?:\+[a-z0-9]+)+", f)})
        alts += sorted({f'"{f}" *' for f in self.forms if CJK.match(f)})
        alts += sorted({'"' + " ".join(p) + '"' for p in self.phrases if all(re.fullmatch(r"[a-z0-9]+", w) for w in p)})
        return "(" + " OR ".join(alts) + ")" if alts else ""

    def __post_init__(self) -> None:
        self.all_forms: set[str] = set().union(*(word_forms(f) for f in self.forms)) if self.forms else set()
        self.cjk = [f for f in self.forms if CJK.match(f)]

    @property
    def required(self) -> bool:
        return self.name_type in NAME_TYPES

    def matches(self, toks: set[str]) -> bool:
        if not self.all_forms.isdisjoint(toks):
            return True
        if self.cjk and any(f in t for f in self.cjk for t in toks if CJK.match(t)):
            return True  # no word boundaries in Japanese script
        return any(toks.issuperset(p) for p in self.phrases)


def lookup_terms(db: sqlite_utils.Database, index: Index, words: list[str]) -> list[LookupTerm]:
    _passage_vocab(db, index)
    stems = index.passage_stems or {}
    out: list[LookupTerm] = []
    words = [w for w in words if w.lower() not in QUESTION_WORDS]
    for term in resolve_terms(index, words):
        if term.groups and max(term.groups.values()) < SIM_VARIANT and all(t in stems for t in term.tokens):
            # Words the documents contain were not mistyped: "carl" is no typo of CARAT.
            term = Term(term.text, term.tokens, term.expansions, {})
        forms: set[str] = set()
        phrases: list[tuple[str, ...]] = []
        for tok, e in zip(term.tokens, term.expansions, strict=True):
            forms.add(tok)
            # A word the documents contain was not mistyped: only its inflections count.
            typed_ok = tok in stems or any(f in stems for f in word_forms(tok))
            floor = SIM_VARIANT if typed_ok else SIM_EDIT1
            forms.update(v for v, sim in e.items() if sim >= floor or v in term.tokens)
            if not typed_ok and not any(close_forms(tok, v) for v in e) and max_edits(tok):
                k = max_edits(tok)
                for n in range(len(tok) - k, len(tok) + k + 1):
                    for cand, _, _ in process.extract(
                        tok, (index.passage_by_len or {}).get(n, []), scorer=OSA.distance,
                        score_cutoff=k, limit=5,
                    ):
                        forms.add(cand)
        for tok in term.tokens:
            forms.update(EQUIVALENT.get(tok, ()))
            if not term.groups:
                forms.update(_related(tok))
        if len(term.tokens) > 1:
            phrases.append(tuple(term.tokens))
            if term.groups:  # a name: its aliases, not words that look like its parts
                forms = set()
        for gi in term.groups:
            for alias in index.groups[gi].aliases:
                if len(alias) == 1:
                    forms.add(alias[0])
                else:
                    phrases.append(alias)
        if len(term.tokens) > 1 and not term.groups:
            # A phrase with no known name: its words must all be there.
            forms = set()
        out.append(LookupTerm(term.text, forms, phrases, _name_type(index, term)))
    return out


def _name_type(index: Index, term: Term) -> str | None:
    """What a term names, when it resolved to a named thing: the best-matching group's type
    ("person" also for people known only from facts, which have no gazetteer type, and for
    a surname typed alone, "kihara")."""
    if not term.groups:
        if len(term.tokens) == 1 and term.tokens[0] in _surnames(index):
            return "person"
        return None
    best = max(term.groups, key=lambda gi: term.groups[gi])
    g = index.groups[best]
    if g.type == "participant":  # a full name seen among a fact's people
        return "person" if len(g.aliases[0]) >= 2 else None
    return g.type


def _surnames(index: Index) -> set[str]:
    """Words that are a person's family name: the last word of a full name."""
    got = getattr(index, "_surnames", None)
    if got is None:
        got = set()
        for g in index.groups:
            if g.type in ("person", "participant"):
                toks = content_tokens(g.name)
                if len(toks) >= 2 and toks[-1].isalpha() and len(toks[-1]) >= 3:
                    got.add(toks[-1])
        got -= STOP_WORDS
        index._surnames = got  # type: ignore[attr-defined]
    return got


# What a "when", "where", "who" or "how many" question wants a passage to carry.
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WANTS = {
    "date": re.compile(
        rf"(?i)\b{_MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTHS}|\b(?:19|20)\d\d-\d\d|"
        r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\bfiscal (?:year )?\d{4}\b|"
        rf"\b{_MONTHS}\s+(?:19|20)\d\d\b|\b(?:until|through|from)\s+(?:19|20)\d\d\b"
    ),
    "place": re.compile(
        r"\b(?:in|at|near|off|to|from)\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)*[A-Z][a-z]{2,}"
        r"|\b(?:Air Base|Naval Base|Camp|Fort|Island|Islands|Prefecture|Bay|Sea)\b"
    ),
    "person": re.compile(
        r"\b(?:Gen|Lt|Col|Adm|Maj|Capt|Cmdr|Cdr|Sgt|Vice Adm|Rear Adm|Mr|Ms|Mrs|Dr)\.?\s+[A-Z][a-z]+"
        r"|\b(?:General|Colonel|Admiral|Commander|Minister|Secretary|President|Ambassador|Director|"
        r"Chief)\s+(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+"
        r"|\b[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+,\s+(?:the\s+)?(?:commander|chief|head|director|minister|secretary)"
    ),
    "number": re.compile(
        r"(?i)\b(?:about|around|some|nearly|more than|over|up to|approximately)\s+\d|"
        r"\b\d{1,3}(?:,\d{3})+\b|\b(?!(?:19|20)\d\d\b)\d+\s+(?:[a-z]+\s+)?(?:troops|personnel|"
        r"people|ships|aircraft|service members|members|soldiers|sailors|marines|guardians|vessels)\b|"
        r"\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|hundreds?|thousands?)\b"
    ),
}
_QUESTION = [
    (re.compile(r"(?i)^\s*(?:when|what\s+(?:date|day|month|year|time))\b|\bwhen\b"), "date"),
    (re.compile(r"(?i)^\s*where\b|\bwhere\b"), "place"),
    (re.compile(r"(?i)^\s*(?:who|whom|whose)\b"), "person"),
    (re.compile(r"(?i)\bhow\s+(?:many|much|big|large|long|often)\b"), "number"),
]


def question_wants(text: str) -> str | None:
    """What a question asks for: a date, a place, a person or a number (None for others)."""
    for pattern, want in _QUESTION:
        if pattern.search(text or ""):
            return want
    return None


_PASSAGE_SQL = f"""select p.rowid, p.doc_id, p.start, p."end", p.text, d.title, {DOC_DATE_SQL}, f.r
             from (select rowid, rank as r from passages_fts where passages_fts match ?
                   order by rank limit 600) f
             join passages p on p.rowid = f.rowid
             join documents d on d.id = p.doc_id
             where coalesce(p.furniture, 0) = 0
             order by f.r limit 300"""


def rank_passages(
    db: sqlite_utils.Database, words: list[str], page: int = 1, page_size: int = 5, wants: str | None = None
) -> tuple[list[Passage], int, list[LookupTerm]]:
    """Passages (never page furniture) answering a question.

    Order: passages from documents naming more of the things the question names (people,
    exercises, programs, forums, with their aliases) first, so no passage from a document
    naming none of them ranks above one from a document that does; inside that, the
    question's words the passage carries, each weighing its rarity (names are rare, so a
    passage naming them comes first), a word found elsewhere in the same document half as
    much, a year also matching the document's date, and the kind of answer the question
    wants (a date for "when", a place for "where", a person for "who", a number for "how
    many") as much as a typical word; then BM25, then the newest document.
    """
    index = get_index(db)
    terms = [t for t in lookup_terms(db, index, words) if t.fts()]
    if not terms:
        return [], 0, []
    stems = index.passage_stems or {}
    total_docs = max(index.passage_count, 1)

    def df(t: LookupTerm) -> int:
        """Passages with the term, estimated: a phrase is as rare as its rarest word."""
        got = max((_stem_df(stems, f) for f in t.forms), default=0)
        for p in t.phrases:
            got = max(got, min(_stem_df(stems, w) for w in p))
        return got

    if len(terms) > MAX_LOOKUP_TERMS:  # a long text: its rarest words find it
        keep = set(map(id, sorted(terms, key=lambda t: (not t.required, df(t)))[:MAX_LOOKUP_TERMS]))
        terms = [t for t in terms if id(t) in keep]

    def common(t: LookupTerm) -> bool:
        return all(stems.get(f, 0) > 0.25 * total_docs for f in t.forms) and not t.phrases

    names = [t for t in terms if t.required]
    others = [t for t in terms if not t.required]
    need = page * page_size
    rows: list = []
    seen: set[int] = set()

    def fetch(expr: str) -> bool:
        got = _bounded(db, _PASSAGE_SQL, [expr], LOOKUP_BUDGET_MS)
        if got is None:
            return False
        rows.extend(r for r in got if r[0] not in seen)
        seen.update(r[0] for r in got)
        return True

    occurring = [t for t in others if t.phrases or df(t) > 0]  # absent words find nothing
    selective = sorted([t for t in occurring if not common(t)] or occurring, key=df)[:MAX_OR_TERMS]
    if len(terms) > 1:  # passages with every term first: selective, so fast
        fetch(" AND ".join(t.fts() for t in terms))
    if names:
        # Every name, with any of the rarer other words, then every name alone: a passage
        # about the thing asked about beats one sharing more of the question's other words.
        name_expr = " AND ".join(t.fts() for t in names)
        if selective and len(rows) < need * 4:
            fetch(f"({name_expr}) AND ({' OR '.join(t.fts() for t in selective)})")
        if len(rows) < need * 4:
            fetch(name_expr)
    if len(rows) < need:
        # Partial matches rank by their rarer words anyway; OR-ing the common ones too made
        # BM25 score a large share of the archive (the slowest /lookup queries).
        pool = [t for t in terms if t.phrases or df(t) > 0] or terms
        pick = sorted([t for t in pool if not common(t)] or pool, key=lambda t: (not t.required, df(t)))[:MAX_OR_TERMS]
        if not fetch(" OR ".join(t.fts() for t in pick)):  # too many to rank in time: the rarest alone
            fetch(min(pick, key=df).fts())

    # A term weighs its rarity (IDF over passages); names and phrases count as rare.
    weight = {id(t): math.log(1 + total_docs / (df(t) + 1)) for t in terms}
    years = {t.text for t in terms if _is_year_word(t.text)}

    def matched_in(text: str, ddate: str | None) -> set[int]:
        toks = set(index_tokens(text or ""))
        got = {id(t) for t in terms if t.matches(toks)}
        if years and ddate and ddate[:4] in years:  # "the 2023 2+2": a document of that year
            got |= {id(t) for t in terms if t.text == ddate[:4]}
        return got

    matched = {r[0]: matched_in(r[4], r[6]) for r in rows}
    # The documents of the best passages, read whole (a few, by their index): which of the
    # question's words each has anywhere, and their other passages as candidates, since an
    # answer often says "the exercise" instead of repeating the name.
    best_docs: dict[str, float] = {}
    for r in rows:
        sc = sum(weight[i] for t in terms if (i := id(t)) in matched[r[0]])
        best_docs[r[1]] = max(best_docs.get(r[1], 0.0), sc + (100.0 if any(id(t) in matched[r[0]] for t in names) else 0))
    # (Not needed for a one-word question, nor when enough passages carry every word.)
    complete = sum(1 for got in matched.values() if len(got) == len(terms))
    top_docs = sorted(best_docs, key=lambda d: -best_docs[d])[:MAX_NAME_DOCS]
    if len(terms) == 1 or complete >= need:
        top_docs = []
    in_doc: dict[str, set[int]] = {}
    if top_docs:
        marks = ",".join("?" * len(top_docs))
        extra = db.conn.execute(
            f"""select p.rowid, p.doc_id, p.start, p."end", p.text, d.title, {DOC_DATE_SQL}, 0.0
                from passages p join documents d on d.id = p.doc_id
                where p.doc_id in ({marks}) and coalesce(p.furniture, 0) = 0""",
            top_docs,
        ).fetchall()
        for r in extra:
            got = matched.get(r[0])
            if got is None:
                got = matched[r[0]] = matched_in(r[4], r[6])
                if got:
                    rows.append(r)
            in_doc.setdefault(r[1], set()).update(got)
    want = WANTS.get(wants or "")
    want_weight = sorted(weight.values())[len(weight) // 2]  # the wanted answer: a typical word
    scored = []
    for rowid, doc_id, start, end, text, title, ddate, r in rows:
        got = matched[rowid]
        doc_has = in_doc.get(doc_id, set())
        doc_names = sum(1 for t in names if id(t) in doc_has or id(t) in got)
        # The passage's own words, then (half) the words its document has elsewhere: a
        # passage inside a document about the question is likelier its answer.
        score = sum(weight[id(t)] for t in terms if id(t) in got)
        score += 0.5 * sum(weight[id(t)] for t in terms if id(t) in doc_has and id(t) not in got)
        if want is not None and want.search(text or ""):
            score += want_weight
        year = int(ddate[:4]) if ddate and ddate[:4].isdigit() else 0
        scored.append((-doc_names, -round(score, 2), r, -year, rowid,
                       Passage(doc_id, title or doc_id, ddate, text or "", [start, end], round(-r, 4))))
    scored.sort(key=lambda x: x[:5])
    first = (page - 1) * page_size
    page_rows = [s[-1] for s in scored[first : first + page_size]]
    for p in page_rows:
        if names:
            _with_context(db, p, names)
        p.snippet, p.marks = mark(p.text, terms)
    return page_rows, len(scored), terms


def _with_context(db: sqlite_utils.Database, p: Passage, names: list[LookupTerm]) -> None:
    """A passage that answers without naming what was asked about ("the exercise started on
    12 February") is shown with the neighbouring passage that names it, so the answer reads
    on its own: the one before it first, else the one after, at most two away."""
    missing = [t for t in names if not t.matches(set(index_tokens(p.text)))]
    if not missing:
        return
    rows = db.conn.execute(
        """select start, "end", text from passages where doc_id = ? and coalesce(furniture, 0) = 0
           and ((start < ? and "end" <= ?) or start >= ?) order by abs(start - ?) limit 4""",
        [p.doc_id, p.span[0], p.span[0], p.span[1], p.span[0]],
    ).fetchall()
    rows.sort(key=lambda r: (r[0] > p.span[0], abs(r[0] - p.span[0])))  # before, then after
    for start, end, text in rows:
        if all(t.matches(set(index_tokens(text or ""))) for t in missing) and len(text) + len(p.text) < 1500:
            if start < p.span[0]:
                p.text, p.span = f"{text}\n{p.text}", [start, p.span[1]]
            else:
                p.text, p.span = f"{p.text}\n{text}", [p.span[0], end]
            return


_DISPLAY_WORD = re.compile(r"[\w\u2019']+(?:[-+.][\w]+)*\.?", re.UNICODE)


def snippet(text: str, terms: list[LookupTerm], width: int = 600) -> str:
    """The part of a long passage with the most matched words, cut at sentence ends."""
    text = markdown_to_plain(text, one_line=False)
    if len(text) <= width:
        return text
    sentences = [m for m in re.finditer(r"[^.!?]+(?:[.!?]+[\"')\]]*\s*|$)", text) if m.group(0).strip()]
    if not sentences:
        return text[:width].rstrip() + "…"
    hits = [sum(1 for t in terms if t.matches(set(index_tokens(s.group(0))))) for s in sentences]
    best_i = max(range(len(sentences)), key=lambda i: (hits[i], -i))
    lo = hi = best_i
    while True:
        grew = False
        if hi + 1 < len(sentences) and sentences[hi + 1].end() - sentences[lo].start() <= width:
            hi += 1
            grew = True
        if lo > 0 and sentences[hi].end() - sentences[lo - 1].start() <= width:
            lo -= 1
            grew = True
        if not grew:
            break
    start, end = sentences[lo].start(), sentences[hi].end()
    if end - start > width:
        end = start + width
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    out = text[start:end].strip()
    return ("… " if start > 0 else "") + out + (" …" if end < len(text) else "")


def mark(text: str, terms: list[LookupTerm]) -> tuple[str, list[tuple[int, int]]]:
    """A snippet and the spans of its matched words; adjacent ones share one span."""
    text = snippet(text, terms)
    forms = set().union(*(t.all_forms for t in terms)) if terms else set()
    phrase_words = {w for t in terms for p in t.phrases for w in p}
    spans: list[list[int]] = []
    for m in _DISPLAY_WORD.finditer(text):
        word = m.group(0).rstrip(".")
        toks = index_tokens(word)
        if not toks:
            continue
        if not forms.isdisjoint(toks) or not phrase_words.isdisjoint(toks):
            s, e = m.start(), m.start() + len(word)
            if spans and text[spans[-1][1] : s].strip() == "":
                spans[-1][1] = e
            else:
                spans.append([s, e])
    return text, [(s, e) for s, e in spans]


def source_passage(db: sqlite_utils.Database, fact: Fact) -> Passage | None:
    """The passage a fact was read from (for the "Show source" button)."""
    start = fact.span[0] if fact.span else None
    row = None
    if start is not None:
        row = db.conn.execute(
            f"""select p.doc_id, p.start, p."end", p.text, d.title, {DOC_DATE_SQL} from passages p
               join documents d on d.id = p.doc_id
               where p.doc_id = ? and p.start <= ? and p."end" > ? order by p.start limit 1""",
            [fact.doc_id, start, start],
        ).fetchone()
    if row is None:
        return None
    doc_id, s, e, text, title, ddate = row
    return Passage(doc_id, title or fact.doc_title, ddate, text, [s, e], 1.0, markdown_to_plain(text, one_line=False))
