"""Ranking facts and passages: fuzzy names and aliases first, full-text BM25 second, dates last.

Analysts type names the way they remember them ("papparo", "kihara minoru", "2+2",
"indopacom"), so every query word is first resolved against the names the knowledge
base knows (gazetteer entities and their aliases, fact participants and places) and
the words facts actually contain, with typo tolerance; FTS5's BM25 then adds a small
relevance signal and the date breaks ties (newer first).

A fact that matches every term ranks above any fact that matches only some of them: a
user who typed two names wants the meeting of those two people, not the most recent
mention of either. Words that match nothing are reported back with "did you mean"
suggestions instead of being silently dropped or answered with unrelated facts.

To answer within Slack's three seconds on tens of thousands of facts, everything but
one FTS query lives in an in-memory index, built once per (database, generation): the
loader bumps `meta.generation` whenever a load changes something.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import json
import math
import re
import sqlite3
import threading
import time
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import sqlite_utils
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.kb.db import db_key, private_connection
from bot.kb.model import Fact, Passage, Period
from bot.kb.store import fact_from_row
from bot.kb.text import markdown_to_plain

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
W_TITLE, W_NAMES, W_SUMMARY, W_QUOTE = 10, 9, 7, 5
SIM_EXACT, SIM_VARIANT, SIM_PREFIX, SIM_EDIT1, SIM_EDIT2 = 1.0, 0.95, 0.85, 0.8, 0.7
ALIAS_CUTOFF = 0.8  # mean token similarity for a query span to resolve to an alias
FTS_WEIGHT = 0.5  # the best BM25 hit gets this bonus (term scores are ~1..10 each)
FTS_RARE = 0.05  # only tokens in at most this share of facts go to FTS (common ones are slow, uninformative)
FTS_BUDGET_MS = 15  # past this, rank without the BM25 bonus
LOOKUP_BUDGET_MS = 400  # per FTS query of /lookup
MAX_LOOKUP_TERMS = 12
SUGGEST_CUTOFF = 75
MAX_SUGGEST_NAMES = 2000  # most frequent names per kind offered as suggestions
MAX_FUZZY = 12

_WORD = re.compile(r"[a-z0-9]+(?:\+[a-z0-9]+)*")
_HYPHENATED = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")


# -- text normalisation -------------------------------------------------------------------


def normalize(text: str) -> str:
    """Lowercase, strip accents, "U.S." -> "us", drop possessive "'s"."""
    text = text or ""
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
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


# -- the index ----------------------------------------------------------------------------


@dataclass
class Group:
    """One thing with several names: a gazetteer entity, or a name seen in facts."""

    name: str
    aliases: list[tuple[str, ...]]  # content tokens of each name


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


def get_index(db: sqlite_utils.Database) -> Index:
    """The in-memory index of this database, rebuilt when the loader changed it."""
    key, gen = db_key(db), _generation(db)
    index = _cache.get(key)
    if index is not None and index.generation == gen:
        return index
    with _lock:
        index = _cache.get(key)
        if index is None or index.generation != gen:
            index = _build(db, gen)
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


def _index_fact(kinds, raw, kind, seen_names, add_group, rowid, title, summary, quote, names,
                participants, location, ds, de, dp) -> None:
    kidx = kinds.get(kind)
    if kidx is None:
        kidx = kinds[kind] = KindIndex(kind)
        raw[kind] = {}
    i = kidx.size
    kidx.rowids.append(rowid)
    lo, hi = date_bounds(ds, de, dp)
    kidx.lo.append(lo)
    kidx.hi.append(hi)
    try:
        people = [p for p in json.loads(participants or "[]") if isinstance(p, str)]
    except ValueError:
        people = []
    shown = [*people, *([location] if location else [])]
    for name in shown:
        name = name.strip()
        if name not in kidx.names and name not in seen_names:
            seen_names.add(name)
            add_group(name, [])
        kidx.names[name] += 1
    weights: dict[str, int] = {}
    fields = (
        (title, W_TITLE),
        (" ; ".join(shown) + " ; " + (names or ""), W_NAMES),
        (summary, W_SUMMARY),
        (quote, W_QUOTE),
    )
    for text, w in fields:
        for tok in index_tokens(text or ""):
            if weights.get(tok, 0) < w:
                weights[tok] = w
    postings = raw[kind]
    for tok, w in weights.items():
        p = postings.get(tok)
        if p is None:
            postings[tok] = ([i], [w])
        else:
            p[0].append(i)
            p[1].append(w)


def _build(db: sqlite_utils.Database, generation: object) -> Index:
    kinds: dict[str, KindIndex] = {}
    raw: dict[str, dict[str, tuple[list[int], list[int]]]] = {}
    groups: list[Group] = []
    seen_alias: dict[tuple[str, ...], int] = {}
    seen_names: set[str] = set()

    def add_group(name: str, names: list[str]) -> None:
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
            groups.append(Group(name.strip(), aliases))
        for a in aliases:
            seen_alias.setdefault(a, known)

    for row in db.conn.execute("select name, aliases from entities order by id"):
        try:
            aliases = json.loads(row[1] or "[]")
        except ValueError:
            aliases = []
        if not isinstance(aliases, list):
            aliases = []
        add_group(row[0] or "", [a for a in aliases if isinstance(a, str)])

    n_entities = len(groups)
    cur = db.conn.execute(
        """select rowid, kind, title, summary, quote, names, participants, location,
                  date_start, date_end, date_precision from facts"""
    )
    for rowid, kind, title, summary, quote, names, participants, location, ds, de, dp in cur:
        # A dialogue about space is a meeting, and /space users look for it too.
        also_space = kind == "meeting" and SPACE_WORD.search(title or "")
        for k in (kind, "space") if also_space else (kind,):
            _index_fact(kinds, raw, k, seen_names, add_group, rowid, title, summary, quote, names,
                        participants, location, ds, de, dp)

    vocab: set[str] = set()
    for kind, kidx in kinds.items():
        kidx.postings = {t: (array("i", p[0]), array("b", p[1])) for t, p in raw[kind].items()}
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
    alias_by_token: dict[str, list[tuple[int, int]]] = {}
    for gi, g in enumerate(groups):
        for ai, a in enumerate(g.aliases):
            for tok in set(a):
                alias_by_token.setdefault(tok, []).append((gi, ai))
                vocab.add(tok)
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
    everything: dict[str, str] = {}
    for g in groups[:n_entities] + groups[n_entities:][:MAX_SUGGEST_NAMES]:
        for a in g.aliases:
            everything.setdefault(" ".join(a), g.name)
    suggest = list(everything.items())
    doc_dates = {i: d for i, d in db.conn.execute("select id, date from documents") if d}
    return Index(
        doc_dates=doc_dates,
        generation=generation,
        kinds=kinds,
        groups=groups,
        alias_by_token=alias_by_token,
        vocab=vocab,
        vocab_sorted=sorted(vocab),
        vocab_by_len=by_len,
        suggest_names=suggest,
    )


# -- resolving query words ----------------------------------------------------------------


def _variants(tok: str) -> list[str]:
    out = []
    for suffix in ("s", "es", "ed", "ing", "'s"):
        if tok.endswith(suffix) and len(tok) - len(suffix) >= 3:
            out.append(tok[: -len(suffix)])
    out.extend((tok + "s", tok + "es"))
    return out


def max_edits(tok: str) -> int:
    if len(tok) < 4 or not tok.isalpha():
        return 0
    return 1 if len(tok) < 8 else 2


def expand_token(tok: str, vocab: set[str], vocab_sorted: list[str], by_len: dict[int, list[str]]) -> dict[str, float]:
    """The known words a typed word may stand for, each with a similarity in (0, 1]."""
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


def resolve_terms(index: Index, words: list[str]) -> list[Term]:
    """Group query words into terms, resolving each to known words and named things."""
    # Units: a word, a compound ("F-35", "Indo-Pacific": its parts go together) or a quoted
    # phrase (kept exactly as one term).
    units: list[tuple[list[str], bool]] = []  # (tokens, quoted phrase?)
    compound: set[int] = set()
    for w in words:
        toks = tokenize(w)
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
            return expand_token(tok, index.vocab, index.vocab_sorted, index.vocab_by_len)

        index._expand = cache  # type: ignore[attr-defined]
    return cache


# -- scoring facts ------------------------------------------------------------------------


class _Words:
    """One typed word against one kind: the facts containing any form of it, and how well."""

    def __init__(self, kidx: KindIndex, expansion: dict[str, float]):
        self.parts = [
            (sim * kidx.idf(tok) / 10, kidx.weights(tok))
            for tok, sim in sorted(expansion.items(), key=lambda kv: -kv[1])
            if tok in kidx.postings
        ]
        if len(self.parts) == 1:
            self.members = self.parts[0][1].keys()
        else:
            self.members = set().union(*(m.keys() for _, m in self.parts))

    def score(self, i: int) -> float:
        return max(f * m.get(i, 0) for f, m in self.parts)


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

    def score(self, i: int) -> float:
        # Scores add up over an alias's words: a fact naming the thing by a fuller name
        # ("Artemis program") is more clearly about it than one sharing a word with some
        # other name ("Artemis Accords").
        best = sum(w.score(i) for w in self.words) if i in self.word_members else 0.0
        for sim, ws, members in self.aliases:
            if i in members:
                best = max(best, sim * sum(w.score(i) for w in ws))
        return best


def term_scores(index: Index, kidx: KindIndex, term: Term) -> dict[int, float]:
    """How well each fact of this kind matches the term (facts not matching are absent)."""
    m = _Matcher(index, kidx, term)
    return {i: m.score(i) for i in m.members}


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


def _fts_bonus(db: sqlite_utils.Database, index: Index, kidx: KindIndex, terms: list[Term]) -> dict[int, float]:
    """BM25 over facts_fts for the query's rarer words, scaled so the best hit gets FTS_WEIGHT.

    Only rare words go to FTS: common ones make BM25 score most of the table (slow) and
    say little. FTS stems words, so a word's rarity counts all its inflections.
    """
    rare: set[str] = set()
    limit = max(50, int(FTS_RARE * kidx.size))
    for term in terms:
        for e in term.expansions:
            for tok in e:
                if tok not in kidx.postings:
                    continue
                df = sum(
                    len(k.postings[f][0]) for f in word_forms(tok) for k in index.kinds.values() if f in k.postings
                )
                if df <= limit:
                    rare.add(tok)
    if not rare:
        return {}
    expr = " OR ".join('"' + " ".join(re.findall(r"[a-z0-9]+", t)) + '"' for t in sorted(rare)[:16])
    rows = _bounded(
        db,
        "select rowid, bm25(facts_fts, 4.0, 2.0, 1.0, 3.0) from facts_fts "
        "where facts_fts match ? order by 2 limit 500",
        [expr],
        FTS_BUDGET_MS,
    )
    if not rows:
        return {}
    best = min(r[1] for r in rows)
    if not best:
        return {}
    return {rowid: FTS_WEIGHT * (r / best) for rowid, r in rows}


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
    bonus = _fts_bonus(db, index, kidx, terms)
    rowids, rank = kidx.rowids, kidx.date_rank
    picked: list[int] = []
    offset = 0  # facts in the tiers before this one
    for tier in tiers:
        if offset + len(tier) > start:
            need = stop - offset
            keyed = [
                (-round(sum(m.score(i) for m in live) + bonus.get(rowids[i], 0.0), 1), rank[i], i)
                for i in tier
            ]
            best = heapq.nsmallest(need, keyed) if need < len(keyed) else sorted(keyed)
            picked.extend(i for _, _, i in best[max(start - offset, 0) :])
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
    return [fact_from_row(rows[r]) for r in rowids if r in rows]


def suggest(index: Index, kidx: KindIndex | None, text: str, limit: int = 3) -> list[str]:
    """Known names with words close to the typed ones (a looser cutoff than matching
    uses), preferring names found in this kind of fact and names matching more words."""
    if kidx is not None and kidx.suggest_keys:
        keys, names = kidx.suggest_keys, kidx.suggest_names
    else:
        keys = [k for k, _ in index.suggest_names]
        names = [n for _, n in index.suggest_names]
    by_token = _suggest_tokens(kidx if kidx is not None and kidx.suggest_keys else index, keys)
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


def popular_names(kidx: KindIndex, limit: int = 3) -> list[str]:
    return [n for n, _ in kidx.names.most_common(limit)]


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
    by_len: dict[int, list[str]] = {}
    for t in stems:
        by_len.setdefault(len(t), []).append(t)
    index.passage_by_len = by_len
    index.passage_count = db.conn.execute("select count(*) from passages where furniture = 0").fetchone()[0]
    index.passage_stems = stems


@dataclass
class LookupTerm:
    text: str
    forms: set[str]  # single words that count as a match
    phrases: list[tuple[str, ...]]  # multi-word names that count as a match

    def fts(self) -> str:
        alts = sorted({f'"{f}"' for f in self.forms if re.fullmatch(r"[a-z0-9]+", f)})
        alts += sorted({'"' + " ".join(p) + '"' for p in self.phrases})
        return "(" + " OR ".join(alts) + ")" if alts else ""

    def __post_init__(self) -> None:
        self.all_forms: set[str] = set().union(*(word_forms(f) for f in self.forms)) if self.forms else set()

    def matches(self, toks: set[str]) -> bool:
        if not self.all_forms.isdisjoint(toks):
            return True
        return any(toks.issuperset(p) for p in self.phrases)


def lookup_terms(db: sqlite_utils.Database, index: Index, words: list[str]) -> list[LookupTerm]:
    _passage_vocab(db, index)
    stems = index.passage_stems or {}
    out: list[LookupTerm] = []
    for term in resolve_terms(index, words):
        forms: set[str] = set()
        phrases: list[tuple[str, ...]] = []
        for tok, e in zip(term.tokens, term.expansions, strict=True):
            forms.add(tok)
            forms.update(v for v, sim in e.items() if sim >= SIM_EDIT1 or v in term.tokens)
            if tok not in stems and not any(close_forms(tok, v) for v in e) and max_edits(tok):
                k = max_edits(tok)
                for n in range(len(tok) - k, len(tok) + k + 1):
                    for cand, _, _ in process.extract(
                        tok, (index.passage_by_len or {}).get(n, []), scorer=OSA.distance,
                        score_cutoff=k, limit=5,
                    ):
                        forms.add(cand)
        if len(term.tokens) > 1:
            phrases.append(tuple(term.tokens))
            forms -= set(term.tokens) if term.groups else set()
        for gi in term.groups:
            for alias in index.groups[gi].aliases:
                if len(alias) == 1:
                    forms.add(alias[0])
                else:
                    phrases.append(alias)
        if len(term.tokens) > 1 and not term.groups:
            # A phrase with no known name: its words must all be there.
            forms = set()
        out.append(LookupTerm(term.text, forms, phrases))
    return out


def rank_passages(
    db: sqlite_utils.Database, words: list[str], page: int = 1, page_size: int = 5
) -> tuple[list[Passage], int, list[LookupTerm]]:
    """Passages (never page furniture) answering a question: most terms matched, then BM25."""
    index = get_index(db)
    terms = [t for t in lookup_terms(db, index, words) if t.fts()]
    if not terms:
        return [], 0, []
    stems = index.passage_stems or {}
    total_docs = max(index.passage_count, 1)

    def df(t: LookupTerm) -> int:
        return max((stems.get(f, 0) for f in t.forms), default=0) if not t.phrases else 0

    if len(terms) > MAX_LOOKUP_TERMS:  # a long text: its rarest words find it
        keep = set(map(id, sorted(terms, key=df)[:MAX_LOOKUP_TERMS]))
        terms = [t for t in terms if id(t) in keep]

    def common(t: LookupTerm) -> bool:
        return all(stems.get(f, 0) > 0.25 * total_docs for f in t.forms) and not t.phrases

    # FTS5 ranks inside the index first (rank = BM25) and only the best 600 are joined:
    # joining every match of a common word before sorting was most of /lookup's p99.
    sql = """select p.rowid, p.doc_id, p.start, p."end", p.text, d.title, d.date, f.r
             from (select rowid, rank as r from passages_fts where passages_fts match ?
                   order by rank limit 600) f
             join passages p on p.rowid = f.rowid
             join documents d on d.id = p.doc_id
             where coalesce(p.furniture, 0) = 0
             order by f.r limit 300"""
    need = page * page_size
    rows: list = []
    if len(terms) > 1:  # passages with every term first: selective, so fast
        rows = _bounded(db, sql, [" AND ".join(t.fts() for t in terms)], LOOKUP_BUDGET_MS) or []
    if len(rows) < need:
        # Partial matches rank by their rarer words anyway; OR-ing the common ones too made
        # BM25 score a large share of the archive (the slowest /lookup queries).
        occurring = [t for t in terms if t.phrases or df(t) > 0] or terms  # absent words find nothing
        selective = sorted([t for t in occurring if not common(t)] or occurring, key=df)[:MAX_OR_TERMS]
        more = _bounded(db, sql, [" OR ".join(t.fts() for t in selective)], LOOKUP_BUDGET_MS)
        if more is None:  # too many matches to rank in time: the rarest term alone
            rarest = min(selective, key=df)
            more = _bounded(db, sql, [rarest.fts()], LOOKUP_BUDGET_MS) or []
        have = {r[0] for r in rows}
        rows += [r for r in more if r[0] not in have]
    scored = []
    for rowid, doc_id, start, end, text, title, ddate, r in rows:
        toks = set(index_tokens(text or ""))
        covered = sum(1 for t in terms if t.matches(toks))
        scored.append((-covered, r, -(int(ddate[:4]) if ddate and ddate[:4].isdigit() else 0), rowid,
                       Passage(doc_id, title or doc_id, ddate, text or "", [start, end], round(-r, 4))))
    scored.sort(key=lambda x: x[:4])
    first = (page - 1) * page_size
    page_rows = [s[-1] for s in scored[first : first + page_size]]
    for p in page_rows:
        p.snippet, p.marks = mark(p.text, terms)
    return page_rows, len(scored), terms


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
            """select p.doc_id, p.start, p."end", p.text, d.title, d.date from passages p
               join documents d on d.id = p.doc_id
               where p.doc_id = ? and p.start <= ? and p."end" > ? order by p.start limit 1""",
            [fact.doc_id, start, start],
        ).fetchone()
    if row is None:
        return None
    doc_id, s, e, text, title, ddate = row
    return Passage(doc_id, title or fact.doc_title, ddate, text, [s, e], 1.0, markdown_to_plain(text, one_line=False))
