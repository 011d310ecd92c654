"""One fact per event across documents: a preview and its report, a ministry summary and a
wire story, a newsletter headline, each a source of the one fact.

Two facts are one event when they are of the same kind, from different documents, on
overlapping dates (one may give the day and the other only the month), in compatible places
(the same, one within the other as the gazetteer's `within` and `country` say: "at the White
House" and "in Washington"), and share a person or an event name; each kind says how long its
events run and what else counts (bot.kb.extract.spec.Kind).
"""

from __future__ import annotations

import calendar
import dataclasses
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property

from bot.kb.entities.gazetteer import default_gazetteer
from bot.kb.extract.common import _norm_key
from bot.kb.extract.kinds import BY_NAME
from bot.kb.model import Fact, Source

_NAME_IN_TITLE = re.compile(
    r"[A-Z“\"0-9][\w’'.+&“”\"-]*(?:\s+(?:of|on|for|the|and)?\s*[A-Z][\w’'.+&-]*)+|“?2\+2”?"
)


def _title_names(f: Fact) -> set[str]:
    """Multi-word names in a title (forums, exercises, programs), people and places left out."""
    skip = {_norm_key(x) for x in f.participants + f.countries + [f.location or ""]}
    out = set()
    for m in _NAME_IN_TITLE.finditer(f.title.split(":")[0].split(" (")[0]):
        k = _norm_key(m.group())
        if k and k not in skip and len(k.split()) >= 2 or k == "2+2":
            out.add(k)
    # "Balikatan exercise ...", "Malabar exercise": a one-word exercise name leads its title
    if BY_NAME[f.kind].merge_needs_name and (m := re.match(rf"([A-Z][\w-]+) {f.kind}\b", f.title)):
        out.add(_norm_key(m.group(1)))
    return out


_PHONE = re.compile(r"(?i)\b(?:tele)?phone\b|\bby\s+phone\b|\bphone\s+call\b")
_VIDEO = re.compile(r"(?i)\bvideo\b|\bvirtual(?:ly)?\b|\bonline\b|\bteleconference\b|\bvideoconference\b")
_IN_PERSON = re.compile(r"(?i)\bin[\s-]person\b|\bface[\s-]to[\s-]face\b|\bvisit(?:ed|ing)?\b")


def mode_of(quote: str | None, location: str | None, countries) -> str:
    """How a meeting was held, as its own sentence tells: "phone" ("spoke by phone"),
    "video" ("met virtually"), "in person" (at a place finer than a country that sentence
    names, or "visited"),
    or "" when it does not say. A phone call is not the 2+2 held in Washington the same week."""
    text = quote or ""
    if _PHONE.search(text):
        return "phone"
    if _VIDEO.search(text):
        return "video"
    if _IN_PERSON.search(text) or (
        location and location not in (countries or ()) and location.split(",")[0] in text
    ):
        return "in person"
    return ""


@cache
def _containers() -> dict[str, frozenset[str]]:
    """Each place's and venue's name (normalized) -> the names of the places it lies in and of
    its country: "house white" -> {"c d washington", "us", ...}. A name two entries share with
    different containers is left out: it does not say which place is meant."""
    gaz = default_gazetteer()
    out: dict[str, frozenset[str]] = {}
    clash: set[str] = set()
    for e in gaz.entities:
        if e.type != "place" and not (e.type == "org" and e.within):
            continue
        around = frozenset(_norm_key(n) for p in gaz.within(e) for n in (p.name, *p.aliases)) - {""}
        if not around:
            continue
        for n in (e.name, *e.aliases):
            k = _norm_key(n)
            if not k:
                continue
            if k in out and out[k] != around:
                clash.add(k)
            out[k] = around
    for k in clash:
        del out[k]
    return out


def _around(loc: str | None) -> frozenset[str]:
    """What a (normalized) place lies in; nothing for one the gazetteer does not place."""
    return _containers().get(loc, _NONE) if loc else _NONE


def _range(f: Fact) -> tuple[date, date] | None:
    if not f.date_start:
        return None
    return date.fromisoformat(f.date_start), date.fromisoformat(f.date_end or f.date_start)


@dataclass(frozen=True)
class _Feat:
    """What deciding "same event?" needs of a fact, worked out once: merging compares
    millions of pairs at archive scale, and re-deriving these per pair dominated a load."""

    kind: str
    doc_id: str
    lo: str | None  # ISO dates compare as strings
    hi: str | None
    loc: str | None  # normalized location; None when the fact names none
    loc_words: frozenset[str]
    people: frozenset[str]  # normalized names
    lone: frozenset[str]  # surnames of names written as a surname alone
    last: frozenset[str]  # surnames of every name
    titles: frozenset[str]
    coarse: bool  # dated to a month or year only
    site: str | None  # a place finer than a country ("Yokota Air Base"), normalized
    head: str  # what a space fact is about, as its title says ("unit", "qzss")
    day: str | None  # the one day it is dated to, if it is
    countries: frozenset[str]
    fact: Fact = dataclasses.field(compare=False, repr=False)  # its quote and summary, for `words`
    mode: str = ""  # meetings: "phone", "video", "in person" or "" (see mode_of)
    around: frozenset[str] = frozenset()  # the places `loc` lies in, normalized (_containers)

    @cached_property
    def text(self) -> str:
        """The quote and summary normalized, each word between spaces: " darwin the capital
        of australia s ... ". Worked out only for the few pairs whose places differ
        (normalizing every text was a third of the cost of featuring a mention), and kept
        as one string: a set of its words was a fifth of a full merge's memory."""
        words = _norm_key(f"{self.fact.quote or ''} {self.fact.summary or ''}").split()
        return " " + " ".join(words) + " "

    def says(self, words: frozenset[str]) -> bool:
        """Whether each of `words` (single words) is a word of the quote or summary."""
        return all(f" {w} " in self.text for w in words)


_NONE: frozenset = frozenset()


def _set(items) -> frozenset:
    """A frozenset, the one shared empty one when empty: a merge holds the features of every
    mention, and most of their sets are empty (216 bytes each)."""
    out = frozenset(items)
    return out if out else _NONE


def _features(f: Fact) -> _Feat:
    loc = _norm_key(f.location) if f.location else None
    words = [p.split() for p in f.participants if p.split()]
    return _Feat(
        f.kind,
        f.doc_id,
        f.date_start or None,
        (f.date_end or f.date_start) or None,
        loc,
        _set(loc.split()) if loc else _NONE,
        _set(_norm_key(p) for p in f.participants),
        _set(w[-1].lower() for w in words if len(w) == 1),
        _set(w[-1].lower() for w in words),
        _set(_title_names(f)),
        f.date_precision in ("month", "year"),
        loc if f.location and f.location not in f.countries else None,
        _norm_key(f.title.split(":")[0])
        if BY_NAME[f.kind].one_item_per_site and ":" in f.title
        else "",
        f.date_start
        if f.date_precision == "day" and f.date_end in (None, "", f.date_start)
        else None,
        _set(f.countries),
        f,
        mode_of(f.quote, f.location, f.countries) if f.kind == "meeting" else "",
        _around(loc),
    )


def _same(a: _Feat, b: _Feat) -> bool:
    """Same kind, other documents, overlapping dates, compatible places, and a shared
    person (a surname alone matches the full name) or a shared event name."""
    if a.kind != b.kind or a.doc_id == b.doc_id or a.lo is None or b.lo is None:
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False  # a phone call and a meeting held in person are two events
    kind = BY_NAME[a.kind]
    if kind.runs and a.titles & b.titles:
        # One named exercise runs for weeks over many places: one story reports its start in
        # one port, another a later phase elsewhere.
        return _days_apart(a, b) <= kind.runs
    if not (a.lo <= b.hi and b.lo <= a.hi):
        # A virtual 2+2 on Thursday evening in Washington is Friday morning in Tokyo: the
        # same people or forum a day apart in two countries' reports are one meeting.
        close = kind.across_time_zones and _days_apart(a, b) <= 1
        if not (close and (len(a.people & b.people) >= 2 or a.titles & b.titles)):
            return False
        if (
            len(a.people) >= 2
            and len(b.people) >= 2
            and a.people != b.people
            and len(a.countries) >= 2
            and len(b.countries) >= 2
            and a.countries != b.countries
        ):
            # Biden and Kishida's state visit on April 10 and their summit with Marcos on
            # April 11: a day apart, neither the people nor the sides agree; two meetings,
            # not two time zones.
            return False
    if (
        a.loc is not None
        and b.loc is not None
        and a.loc != b.loc
        and not (a.loc_words & b.loc_words)
        and not (b.says(a.loc_words) or a.says(b.loc_words))  # Darwin, in Australia
        and a.loc not in b.around
        and b.loc not in a.around  # at the White House, in Washington
    ):
        return False
    if kind.merge_needs_name:
        # A navy takes part in many exercises: a shared force is not enough, a shared name is
        # (or, for two unnamed ones, two shared forces).
        if a.titles and b.titles:
            return bool(a.titles & b.titles)
        if not (a.titles or b.titles) and len(a.people & b.people) >= 2:
            return True
        # "a joint patrol" of JS, USS and BRP ships and "a Maritime Cooperative Activity" of
        # Japan, the U.S. and the Philippines on the same day: one activity under two names.
        return _one_day_group(a, b) or _one_site_one_day(a, b)
    if a.titles & b.titles:
        return True
    shared = len(a.people & b.people) + len((a.lone & b.last) | (b.lone & a.last))
    # A fact known only to its month or year overlaps many days: one shared person (Austin
    # meets someone most weeks) is not enough there, two are.
    same_item = bool(a.head) and a.head == b.head  # "Unit: U.S. Space Force" in both
    if kind.one_item_per_site and a.site and a.site == b.site and not (a.coarse or b.coarse):
        return True  # one space news item at one base on one day, however each names it
    if kind.one_item_per_site and same_item and a.site and b.site:
        # The same item at one place (the places agree: "Yokota Air Base" and "in western
        # Tokyo"), one report giving the month: "a unit to be set up in Tokyo next month" and "a
        # command activated at Yokota Air Base on the 3rd", whoever each says set it up.
        return True
    if (a.fact.date_precision == "year" or b.fact.date_precision == "year") and not same_item:
        # A story known only to its year ("Akazawa met Trump at the White House on Tuesday")
        # and a dated meeting of the same two: they meet more than once a year, so the year
        # alone does not make it that meeting; a third person in common does. (Nor are two
        # stories each known only to its year one meeting: "Abe met Trump in Italy" and
        # "Trump and Abe at Mar-a-Lago", both of 2017.)
        return shared >= 3
    return shared >= (2 if (a.coarse or b.coarse) and not same_item else 1)


def _one_day_group(a: _Feat, b: _Feat) -> bool:
    """The same three or more countries on the same single day."""
    return bool(a.day) and a.day == b.day and len(a.countries) >= 3 and a.countries == b.countries


def _one_site_one_day(a: _Feat, b: _Feat) -> bool:
    """Two unnamed activities of one force at one range or base on one day: "rockets will be
    fired on Friday at Range X" and "fired a missile from Range X on Friday" are one
    firing."""
    return (
        not (a.titles or b.titles)
        and bool(a.day)
        and a.day == b.day
        and a.site is not None
        and a.site == b.site
        and bool(a.people & b.people)
    )


def _days_apart(a: _Feat, b: _Feat) -> int:
    if a.lo <= b.hi and b.lo <= a.hi:
        return 0
    lo, hi = (a.hi, b.lo) if a.hi < b.lo else (b.hi, a.lo)
    return (date.fromisoformat(hi) - date.fromisoformat(lo)).days


def _same_name(x: str, y: str) -> bool:
    if _norm_key(x) == _norm_key(y):
        return True
    tx, ty = x.split(), y.split()
    return (len(tx) == 1 or len(ty) == 1) and tx[-1].lower() == ty[-1].lower()


def _add_names(names: list[str], more: list[str]) -> None:
    """Add names not already there, a full name replacing its surname alone."""
    for n in more:
        same = next((i for i, x in enumerate(names) if _same_name(x, n)), None)
        if same is None:
            names.append(n)
        elif len(n.split()) > len(names[same].split()):
            names[same] = n


_PREC = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}


def _block_keys(f: Fact) -> set[tuple]:
    span = _range(f)
    if span is None:
        return set()
    months = []
    y, m = span[0].year, span[0].month
    while (y, m) <= (span[1].year, span[1].month) and len(months) < 24:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    names = {"p:" + p.split()[-1].lower() for p in f.participants if p.split()}
    names |= {"t:" + n for n in _title_names(f)}
    if BY_NAME[f.kind].one_item_per_site and f.location and f.location not in f.countries:
        names.add("l:" + _norm_key(f.location))  # one base's news under different names
        if ":" in f.title:  # one item ("Unit: ...") at places told apart by how fine they are
            names.add("h:" + _norm_key(f.title.split(":")[0]))
    if BY_NAME[f.kind].merge_needs_name and len(f.countries) >= 3:
        names.add("c:" + "|".join(sorted(f.countries)))  # a group of countries' activity
    if BY_NAME[f.kind].merge_needs_name and f.location and f.location not in f.countries:
        names.add("s:" + _norm_key(f.location))  # one range's activity that day
    return {(f.kind, n, ym) for n in names for ym in months}


def _finer_place(merged: Fact, f: Fact) -> None:
    """The place of one event told by several sources: the finest any of them names. "talks
    last month in Australia" and "their meeting on Sunday in Darwin" were in Darwin."""
    if not f.location or f.location == merged.location:
        return
    countries = set(merged.countries) | set(f.countries)
    old = merged.location
    if old is None:
        merged.location = f.location
    elif (old in countries and f.location not in countries) or (
        _norm_key(old) in _around(_norm_key(f.location))  # Washington -> the White House
    ):
        merged.location = f.location
        at = merged.title.rfind(f" in {old}")
        if at >= 0:  # the title says where, as the finer source does
            merged.title = f"{merged.title[:at]} in {f.location}{merged.title[at + 4 + len(old):]}"


def _head(title: str) -> str:
    """What a title calls the event: "Maritime Cooperative Activity exercise (AFP)" ->
    "Maritime Cooperative Activity exercise"; "Space agreement: NASA" -> "Space agreement";
    a name in quotes stays ("Security Consultative Committee (“2+2”) meeting")."""
    t = title.split(":")[0]
    cut = re.search(r"\s\((?![“\"])", t)
    return (t[: cut.start()] if cut else t).strip()


def _also_called(merged: Fact, others: list[Fact]) -> None:
    """The names other sources give the event, when they name it otherwise than the merged
    title ("a joint patrol" that another story calls a Maritime Cooperative Activity): said
    in the summary, so the fact reads, and is found, under each of them."""
    own = _title_names(merged)
    head = _norm_key(_head(merged.title))
    names: list[str] = []
    for f in others:
        theirs = _title_names(f)
        if not theirs or _norm_key(_head(f.title)) == head or (theirs <= own and "“" not in f.title):
            continue
        name = _head(f.title)
        if name and name not in names and _norm_key(name) not in _norm_key(merged.summary):
            names.append(name)
    if names:
        merged.summary = f"{merged.summary} Also reported as: {'; '.join(names[:3])}."


def precise(f: Fact) -> bool:
    """Dated to a day (or a run of days): such mentions decide the events; the others (a
    month, a week, a year) are attached to one of them afterwards."""
    return f.date_precision == "day" and bool(f.date_start)


def order(f: Fact) -> tuple:
    """The order merging tests mentions in: which of two is first."""
    return (f.doc_id, f.span[0] if f.span else 0, f.id)


def same(a: Fact, fa: _Feat, b: Fact, fb: _Feat) -> bool:
    """`_same` with the two mentions in merging's order."""
    return _same(fa, fb) if order(a) < order(b) else _same(fb, fa)


def same_event(a: Fact, b: Fact) -> bool:
    """Whether two mentions are one event, as merging decides it."""
    return same(a, _features(a), b, _features(b))


def greedy(facts: list[Fact], feats: list[_Feat], pairs: list[tuple[int, int]]) -> list[int]:
    """Join mentions pair by pair, precise pairs first; each mention's group (a root index).

    `pairs` (i < j, indices into `facts`, sorted by `order`) are the same event. A group
    never takes in a mention whose day disagrees with its days or a second mention of a
    document it has: a week-precision report must not chain the 11 January meeting and the
    13 January summit into one. The result for one connected set of pairs depends on
    nothing outside it.
    """
    parent = list(range(len(facts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ranked = sorted(
        (max(_PREC[facts[i].date_precision], _PREC[facts[j].date_precision]),
         _days_apart(feats[i], feats[j]), i, j)
        for i, j in pairs
    )
    days: dict[int, tuple[str, str] | None] = {}
    docs: dict[int, set[str]] = {}
    for _, _, i, j in ranked:
        for k in (i, j):
            if k not in docs:
                f = facts[k]
                days[k] = (f.date_start, f.date_end or f.date_start) if f.date_precision == "day" else None
                docs[k] = {f.doc_id}
        a, b = find(i), find(j)
        if a == b or docs[a] & docs[b]:
            continue
        da, db = days[a], days[b]
        if da and db and not (da[0] <= db[1] and db[0] <= da[1]) and not BY_NAME[facts[i].kind].runs:
            apart = (date.fromisoformat(max(da[0], db[0])) - date.fromisoformat(min(da[1], db[1]))).days
            if apart > 1:
                continue
        root, other = min(a, b), max(a, b)
        parent[other] = root
        both = da and db and (max(da[0], db[0]), min(da[1], db[1]))
        days[root] = both if both and both[0] <= both[1] else (da or db)
        docs[root] = docs[a] | docs[b]
    return [find(i) for i in range(len(facts))]


def choose(mentions) -> dict[int, object]:
    """The event each month-, week- or year-dated mention of one document belongs to.

    `mentions`: (its index, the mention, its features, its candidates) for the coarse
    mentions of one document, a candidate being (precise mention, its features, its event's
    key, the documents of its event's precise mentions) for every precise mention it is the
    same event as. The closest in time wins, then the first in merging's order; an event
    already holding a mention of the document is passed over. Only the document's own
    mentions and their candidates decide, never another document's coarse mentions, so one
    report dated "in January" no longer bridges every meeting of that month into one group
    to merge again.
    """
    ranked = sorted(
        ((_days_apart(cf, pf), order(p), order(c)), i, key)
        for i, c, cf, cands in mentions
        for p, pf, key, docs in cands
        if c.doc_id not in docs
    )
    out: dict[int, object] = {}
    holding: set = set()
    for _, i, key in ranked:
        if i not in out and key not in holding:
            out[i] = key
            holding.add(key)
    return out


def _reach(kind: str, title_key: bool) -> int:
    """How many days apart two mentions of `kind` sharing a block key may be and still be one
    event (`_same`): a named exercise runs for weeks (under a title name they share), two
    countries' reports of one meeting may be a day apart; any others must overlap."""
    spec = BY_NAME[kind]
    return max(spec.runs if title_key else 0, 1 if spec.across_time_zones else 0)


def block_pairs(facts: list[Fact], feats: list[_Feat], keys: list[set[tuple]] | None = None
                ) -> list[tuple[int, int]]:
    """Every (i, j), i < j, sharing a block key and the same event, sorted; facts sorted by
    `order`.

    Only facts that share a person's surname or a title name in the same month can be one
    event, so only those are compared, and each pair once: under the first block key the
    two share, title names ranked first (a pair sharing one may be `runs` days apart), then
    as first met; no set of the pairs compared is kept. Within a block, mentions in order of
    their first day are compared only while the days can still be close enough (`_reach`):
    a month of one person's meetings is compared day by day, not each with all the others,
    so the cost follows the mentions that overlap, not the square of the block.
    """
    blocks: dict[tuple, list[int]] = {}
    for i, f in enumerate(facts):
        for key in (keys[i] if keys is not None else _block_keys(f)):
            blocks.setdefault(key, []).append(i)
    rank = {k: r for r, k in enumerate(sorted(blocks, key=lambda k: not k[1].startswith("t:")))}
    mine: list[list[int]] = [[] for _ in facts]  # each mention's keys, by rank
    for k, members in blocks.items():
        for i in members:
            mine[i].append(rank[k])
    held = [set(m) for m in mine]
    for m in mine:
        m.sort()
    lo = [date.fromisoformat(f.lo).toordinal() if f.lo else 0 for f in feats]
    hi = [date.fromisoformat(f.hi).toordinal() if f.hi else 0 for f in feats]
    docs = [f.doc_id for f in feats]
    pairs: list[tuple[int, int]] = []
    for k, members in blocks.items():
        r = rank[k]
        for a, b in close_in_block(k, members, lo, hi, docs):
            other = held[b]
            for q in mine[a]:  # holds r: stops there at the latest
                if q >= r or q in other:
                    break
            if q < r:
                continue  # compared under an earlier key they share
            if _same(feats[a], feats[b]):
                pairs.append((a, b))
    pairs.sort()
    return pairs


def close_in_block(key: tuple, members: list[int], lo, hi, docs):
    """The pairs (a, b), a < b, of one block (the mentions holding `key`, in index order)
    from other documents whose days are close enough to be one event (`_reach`); `lo` and
    `hi` (the days as ordinals) and `docs` by index. Sorts `members` by first day."""
    reach = _reach(key[0], key[1].startswith("t:"))
    members.sort(key=lo.__getitem__)
    n = len(members)
    for x in range(n - 1):
        i = members[x]
        last, doc = hi[i] + reach, docs[i]
        for y in range(x + 1, n):
            j = members[y]
            if lo[j] > last:
                break  # and so are all after it
            if docs[j] == doc:
                continue  # one document's mentions are never one event (`_same`)
            yield (i, j) if i < j else (j, i)


def merge_facts(facts: list[Fact]) -> list[Fact]:
    """One fact per event across documents: sources from all, the most precise date;
    sorted by date, then id."""
    return [f for f, _ in merge_groups(facts)]


def merge_groups(facts: list[Fact]) -> list[tuple[Fact, list[Fact]]]:
    """Each merged fact with the mentions (of `facts`) it was made of; sorted by date, then id."""
    out = [(build(members), members) for members in group_mentions(facts)]
    ids = told_apart([f.id for f, _ in out], lambda held: [id_key(out[x][0]) for x in held])
    for x, new in enumerate(ids):
        if new != out[x][0].id:
            out[x] = (dataclasses.replace(out[x][0], id=new), out[x][1])
    out.sort(key=lambda g: (g[0].date_start or "9999", g[0].id))
    return out


def told_apart(ids: list[str], keys_of: Callable[[list[int]], list[tuple]]) -> list[str]:
    """`ids` (one per merged fact) with those that several facts share told apart by
    `assign_ids`; `keys_of(positions)` gives the `id_key` of the facts at those positions,
    asked only for the few that share one (a full merge reads their mentions for it)."""
    seen: set[str] = set()
    shared: set[str] = set()
    for fid in ids:
        (shared if fid in seen else seen).add(fid)
    del seen  # the positions of the few shared ones only (a full merge has 600,000 ids)
    holders: dict[str, list[int]] = {}
    for x, fid in enumerate(ids):
        if fid in shared:
            holders.setdefault(fid, []).append(x)
    out = list(ids)
    for base, held in holders.items():
        for x, new in zip(held, assign_ids(base, keys_of(held)), strict=True):
            out[x] = new
    return out


def main_mention(members: list) -> object:
    """The mention that names a merged fact (`build`): its id and dates are the fact's."""
    return members[0] if len(members) == 1 else min(
        members, key=lambda f: (_PREC[f.date_precision], f.doc_id, f.span[0]))


def group_mentions(facts: list, feats: list[_Feat] | None = None, keys: list | None = None) -> list[list]:
    """The mentions of each event, in merging's order, the groups in the order of their
    first mention (what `merge_groups` builds its facts from).

    `feats` and `keys` (the mentions' features and block keys, in the order of `facts`) may
    be given, and then `facts` need only their dates, kind, document, span and id: a full
    merge of an archive passes compact mentions and builds each fact later from its
    mentions in full (bot.kb.fullmerge).

    In three steps, each deciding from little so that a change stays local (bot.kb.remerge):
    day-dated mentions are joined into events; each coarser mention joins the one event it
    fits best (`choose`); coarse mentions that fit none are joined among themselves. Each
    step compares only what it needs (`block_pairs`, `_candidates`): the pairs of coarse
    mentions, and most pairs of a coarse and a day-dated one, decide nothing, and at an
    archive's scale they were most of its time and memory.
    """
    if feats is None:
        facts = sorted(facts, key=order)
        feats = [_features(f) for f in facts]
        keys = [_block_keys(f) for f in facts]
    else:
        at = sorted(range(len(facts)), key=lambda i: order(facts[i]))
        facts, feats, keys = [facts[i] for i in at], [feats[i] for i in at], [keys[i] for i in at]
        del at
    is_precise = [precise(f) for f in facts]
    day = [i for i in range(len(facts)) if is_precise[i]]
    root = greedy(facts, feats, [(day[a], day[b]) for a, b in block_pairs(
        [facts[i] for i in day], [feats[i] for i in day], [keys[i] for i in day])])
    event_docs: dict[int, set[str]] = {}
    for i in day:
        event_docs.setdefault(root[i], set()).add(facts[i].doc_id)
    group = list(root)
    by_doc: dict[str, list] = {}
    for c, cands in _candidates(facts, feats, keys, is_precise, root, event_docs):
        by_doc.setdefault(facts[c].doc_id, []).append((c, facts[c], feats[c], cands))
    for mentions in by_doc.values():
        for c, chosen in choose(mentions).items():
            group[c] = chosen
    loose = [i for i in range(len(facts)) if not is_precise[i] and group[i] == i]
    at = {i: x for x, i in enumerate(loose)}
    pool = _Pool(loose, feats, keys)
    among = greedy([facts[i] for i in loose], [feats[i] for i in loose], [
        (at[i], at[j]) for i in loose for j in pool.near(i) if j > i and _same(feats[i], feats[j])])
    for x, i in enumerate(loose):
        group[i] = loose[among[x]]
    groups: dict[int, list] = {}
    for i, f in enumerate(facts):
        groups.setdefault(group[i], []).append(f)
    return list(groups.values())


def _whole_months(f: _Feat) -> bool:
    """Dated to whole months (a month, a year): every mention sharing a block key (a month)
    with it overlaps it."""
    if f.lo is None or f.hi is None or not f.lo.endswith("-01"):
        return False
    end = date.fromisoformat(f.hi)
    return end.day == calendar.monthrange(end.year, end.month)[1]


class _Pool:
    """Mentions (indices into merging's list) to compare others with: by block key, and by
    what a coarse mention (dated to a month or year) must share with another to be one event
    with it (`_same`): a title name, the item a space fact is about (`head`), or two
    people (two of: a full name, a surname written alone on one side and in a name on the
    other)."""

    def __init__(self, members: list[int], feats, keys) -> None:
        """`feats` and `keys` by index (lists, or dicts of the mentions a full merge holds
        at a time: bot.kb.sweep)."""
        self.feats, self.keys = feats, keys
        self.blocks: dict[tuple, list[int]] = {}
        self.by: dict[tuple, set[int]] = {}
        for i in members:
            self.add(i)

    def add(self, i: int) -> None:
        f = self.feats[i]
        for k in self.keys[i]:
            self.blocks.setdefault(k, []).append(i)
        for ym in {k[2] for k in self.keys[i]}:
            for what in _traits(f):
                self.by.setdefault((f.kind, ym, *what), set()).add(i)

    def drop(self, i: int) -> None:
        """Take `i` out (a full merge sweeping over time: bot.kb.sweep)."""
        f = self.feats[i]
        for k in self.keys[i]:
            block = self.blocks[k]
            block.remove(i)
            if not block:
                del self.blocks[k]
        for ym in {k[2] for k in self.keys[i]}:
            for what in _traits(f):
                at = (f.kind, ym, *what)
                held = self.by[at]
                held.discard(i)
                if not held:
                    del self.by[at]

    def near(self, i: int) -> list[int]:
        """The members other than `i` sharing a block key with it that may be the same event
        as it, in merging's order: for a coarse mention only those sharing one of the above,
        a superset of those `_same` accepts; for another all that share a block key."""
        f, mine = self.feats[i], self.keys[i]
        if not f.coarse:
            return sorted(set().union(*(self.blocks.get(k, ()) for k in mine)) - {i})
        found: set[int] = set()
        for ym in {k[2] for k in mine}:
            for t in f.titles:
                found.update(self.blocks.get((f.kind, "t:" + t, ym), ()))
            if f.head:
                found |= self.by.get((f.kind, ym, "h", f.head), set())
            # Each shared person `_same` counts is one of these: their full name in both, a
            # surname alone in this one and in a name of the other, or the other way round.
            ways = [self.by.get((f.kind, ym, "n", n)) for n in f.people]
            ways += [self.by.get((f.kind, ym, "s", s)) for s in f.lone]
            ways += [self.by.get((f.kind, ym, "alone", s)) for s in f.last]
            ways = [w for w in ways if w]
            for x, w in enumerate(ways):
                for v in ways[x + 1:]:
                    found |= w & v
        found.discard(i)
        return sorted(j for j in found if not mine.isdisjoint(self.keys[j]))


def _traits(f: _Feat):
    """What `_Pool.near` looks a coarse mention's partners up by (see there)."""
    for n in f.people:
        yield ("n", n)
    for s in f.last:
        yield ("s", s)
    for s in f.lone:
        yield ("alone", s)
    if f.head:
        yield ("h", f.head)


def _candidates(facts: list[Fact], feats: list[_Feat], keys: list[set[tuple]], is_precise: list[bool],
                root: list[int], event_docs: dict[int, set[str]]):
    """Each coarse mention (index) with its candidates for `choose`: the day-dated mentions
    sharing a block key with it and the same event, as (mention, features, event, the
    documents of the event's day-dated mentions); facts sorted by `order`.

    `choose` gives a coarse mention the first candidate, closest in time and then in
    merging's order, whose event takes no other mention of its document; a document with
    n coarse mentions holds at most n - 1 other events. So a mention dated to whole months
    (all its candidates equally close) is compared with the day-dated mentions of its blocks
    in merging's order only until n events it may join are found (and those that tie with
    the last): what follows could not change its choice. A month report of a person met
    every week is compared with a few of their meetings, not with all of them.
    """
    pool = _Pool([i for i in range(len(facts)) if is_precise[i]], feats, keys)
    coarse_in: dict[str, int] = {}
    for i, f in enumerate(facts):
        if not is_precise[i]:
            coarse_in[f.doc_id] = coarse_in.get(f.doc_id, 0) + 1
    for c, f in enumerate(facts):
        if is_precise[c] or not keys[c]:
            continue
        cands = candidates_of(c, pool, facts, feats, root, event_docs, coarse_in[f.doc_id])
        if cands:
            yield c, cands


def candidates_of(c: int, pool: _Pool, facts, feats, root, event_docs, need: int) -> list[tuple]:
    """The candidates of coarse mention `c` (see `_candidates`), `pool` holding the day-dated
    mentions of its months at least, `need` the number of its document's mentions not dated
    to a day; `facts`, `feats`, `root` and `event_docs` by index."""
    fc, doc = feats[c], facts[c].doc_id
    bounded = _whole_months(fc)
    cands: list[tuple] = []
    free: set[int] = set()
    stop = None
    for p in pool.near(c):
        if stop is not None and order(facts[p]) != stop:
            break
        fp = feats[p]
        if not (_same(fc, fp) if c < p else _same(fp, fc)):
            continue
        event, docs = root[p], event_docs[root[p]]
        cands.append((facts[p], fp, event, docs))
        if bounded and stop is None and doc not in docs:
            free.add(event)
            if len(free) >= need:
                stop = order(facts[p])  # and any tying with it
    return cands


def id_key(f: Fact) -> tuple:
    """What tells apart two facts given the same id (same kind, people and date, yet two
    events: in two places, or twice in one document)."""
    return (f.doc_id, *(f.span or (0, 0)), f.title)


def base_id(fact_id: str) -> str:
    return fact_id.split("~")[0]


def assign_ids(base: str, keys: list[tuple]) -> list[str]:
    """The ids of facts sharing one id as extracted, in the order of `keys`: the first by
    `id_key` keeps it, each other one gets a suffix from its own key (so it keeps its id
    as long as it is not the first). Without this, writing one would replace the other."""
    first = min(keys)
    return [base if k == first else f"{base}~{hashlib.sha1(repr(k).encode()).hexdigest()[:6]}" for k in keys]


def build(members: list[Fact]) -> Fact:
    """One fact from the mentions of one event: the most precise names it; sources from all."""
    if len(members) == 1:
        return members[0]
    main = main_mention(members)
    merged = Fact.from_json(main.to_json())
    seen = {(s.doc_id, tuple(s.span)) for s in merged.sources}
    for f in sorted(members, key=lambda f: (f.doc_id, f.span[0])):
        if f is main:
            continue
        for s in f.sources or [Source(f.doc_id, f.doc_title, f.quote, f.span)]:
            if (s.doc_id, tuple(s.span)) not in seen:
                seen.add((s.doc_id, tuple(s.span)))
                merged.sources.append(Source(s.doc_id, s.doc_title, s.quote, list(s.span)))
        _add_names(merged.participants, f.participants)
        merged.countries += [c for c in f.countries if c not in merged.countries]
        _finer_place(merged, f)
    _also_called(merged, [f for f in members if f is not main])
    return merged
