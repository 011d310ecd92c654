"""A full merge's groups decided a few months at a time, for archives too large to hold
every mention's features at once.

Every comparison merging makes is between mentions sharing a block key, and a block key
names a month (bot.kb.merge `_block_keys`): a mention dated to a day has the months of its
days, one dated to a month or a year those months, at most 24. So `merge.group_mentions`'
three steps can be taken sweeping over the months, holding the features of the mentions
of a window of months only:

1. day-dated mentions, month by month: the pairs of each month's blocks, each pair under
   the first key the two share (a title name first: `block_pairs` compares it there), then
   `merge.greedy` over all the pairs (few: a mention that pairs with none is its own event);
2. each mention not dated to a day, in order of its first month, against a pool of the
   day-dated mentions of its months (`merge.candidates_of`), then `merge.choose` for each
   document once its last such mention is done;
3. those that joined no event, against a pool of the others of their months, then
   `greedy` again.

What is held for the whole archive is a skeleton: per mention its row id, precision,
months, document, span and first day, in arrays and shared strings, read with SQLite's
JSON functions in merging's order (document, span, id). The groups are those of
`group_mentions` over the whole archive: tests/unit/test_full_merge.py holds them to that.
Each mention's JSON is decoded about twice instead of once, so the full merge of a smaller
archive, whose features fit in memory, still holds them (bot.kb.fullmerge).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from bot.kb import mentions as mention_rows
from bot.kb.merge import _Pool, _same, candidates_of, choose, close_in_block, greedy, main_mention

_SHARE_MAX = 20_000  # strings and sets kept shared while loading, before starting afresh


@dataclass
class Skeleton:
    """Every mention, by its place in merging's order (its rank)."""

    mids: array  # row ids
    prec: list  # date precision (shared strings)
    first: array  # first month of its block keys (year * 12 + month - 1), -1 without dates
    last: array
    doc: array  # document, as an index into `docs` (sorted: compares as the ids do)
    span0: array
    starts: list  # first day (shared strings)
    docs: list[str]

    def __len__(self) -> int:
        return len(self.mids)

    def precise(self, r: int) -> bool:
        return self.prec[r] == "day" and bool(self.starts[r])


def _months(start: str | None, end: str | None) -> tuple[int, int]:
    """The months `_block_keys` gives a mention of these dates (its `_range`), as numbers."""
    if not start:
        return -1, -1
    a, b = date.fromisoformat(start), date.fromisoformat(end or start)
    lo, hi = a.year * 12 + a.month - 1, b.year * 12 + b.month - 1
    if hi < lo:
        return -1, -1
    return lo, min(hi, lo + 23)


def skeleton(db) -> Skeleton:
    once: dict = {}
    sk = Skeleton(array("q"), [], array("i"), array("i"), array("i"), array("q"), [], [])
    doc_at: dict[str, int] = {}
    rows = db.execute(
        "select id, json_extract(data, '$.doc_id') as d, coalesce(json_extract(data, '$.span[0]'), 0) as s,"
        " json_extract(data, '$.date_precision'), json_extract(data, '$.date_start'),"
        " json_extract(data, '$.date_end') from mentions order by d, s, json_extract(data, '$.id'), id")
    for mid, doc, s0, prec, start, end in rows:
        at = doc_at.get(doc)
        if at is None:
            at = doc_at[doc] = len(sk.docs)
            sk.docs.append(doc)
        lo, hi = _months(start, end)
        sk.mids.append(mid)
        sk.prec.append(once.setdefault(prec, prec))
        sk.first.append(lo)
        sk.last.append(hi)
        sk.doc.append(at)
        sk.span0.append(s0)
        sk.starts.append(once.setdefault(start, start))
    return sk


def ids_of(db, mids: list[int]) -> list[str]:
    """The fact ids the mentions `mids` were extracted with, read once the groups are decided
    (held through the sweep, every mention's id was 70 MB at 100,000 documents)."""
    out: list = [None] * len(mids)
    at = sorted(range(len(mids)), key=mids.__getitem__)
    x = 0
    for mid, fid in db.execute("select id, json_extract(data, '$.id') from mentions order by id"):
        while x < len(at) and mids[at[x]] == mid:
            out[at[x]] = fid
            x += 1
    return out


def spans(db) -> dict[str, array]:
    """Per document, (row id, span start, span end) of each of its mentions, by row id
    (fullmerge's lookup of search names by span)."""
    out: dict[str, array] = {}
    for mid, doc, s0, s1 in db.execute(
            "select id, json_extract(data, '$.doc_id'), coalesce(json_extract(data, '$.span[0]'), 0),"
            " coalesce(json_extract(data, '$.span[1]'), 0) from mentions order by id"):
        out.setdefault(doc, array("q")).extend((mid, s0, s1))
    return out


class _Held:
    """The mentions (by rank) whose features are in memory: their slim records, features
    and block keys, decoded from their rows when taken in."""

    def __init__(self, db, sk: Skeleton) -> None:
        self.db, self.sk = db, sk
        self.facts: dict[int, object] = {}
        self.feats: dict[int, object] = {}
        self.keys: dict[int, frozenset] = {}
        self.once: dict = {}

    def take(self, ranks: list[int]) -> None:
        if len(self.once) > _SHARE_MAX:
            self.once = {}
        rank_of = {self.sk.mids[r]: r for r in ranks}
        for chunk in mention_rows.chunks(sorted(rank_of)):
            for mid, data in self.db.execute(
                    f"select id, data from mentions where id in ({','.join('?' * len(chunk))})", chunk):
                f, _ = mention_rows.decode(data)
                r = rank_of[mid]
                s = mention_rows.Slim(mid, f, self.once)
                self.facts[r] = s
                self.feats[r] = mention_rows.featured(f, s, self.once)
                self.keys[r] = mention_rows.block_keys(f, self.once)

    def drop(self, r: int) -> None:
        del self.facts[r], self.feats[r], self.keys[r]


class _Day:
    """What `greedy` reads of a mention (as `facts[i]` and `feats[i]` both)."""

    __slots__ = ("date_precision", "date_start", "date_end", "doc_id", "kind", "lo", "hi")

    def __init__(self, f, feat) -> None:
        self.date_precision, self.date_start, self.date_end = f.date_precision, f.date_start, f.date_end
        self.doc_id, self.kind, self.lo, self.hi = f.doc_id, f.kind, feat.lo, feat.hi


def _by_first(sk: Skeleton, ranks) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for r in ranks:
        out.setdefault(sk.first[r], []).append(r)
    return out


def _sweep(sk: Skeleton, held: _Held, ranks, visit, ahead, pool: _Pool | None = None
           ) -> Iterator[tuple[int, set[int]]]:
    """Month by month (ascending), the month and the mentions of `ranks` held then. A mention
    is taken in (decoded) at the first month whose `ahead(month)`, the last month that must
    be held by then, reaches its first month, and dropped once the sweep is past its last.
    Stops at every month where a mention of `ranks` or of `visit` (those asked about)
    starts, and at each month while any is held. `pool`, if given, holds the same mentions."""
    starting = _by_first(sk, ranks)
    stops = sorted(set(starting) | {sk.first[r] for r in visit})
    pending = sorted(starting)
    live: set[int] = set()
    ends: dict[int, list[int]] = {}
    x = y = 0
    month = 0
    while x < len(stops) or live:
        month = stops[x] if not live else month + 1
        if x < len(stops) and stops[x] == month:
            x += 1
        for r in ends.pop(month - 1, ()):
            live.discard(r)
            if pool is not None:
                pool.drop(r)
            held.drop(r)
        until = ahead(month)
        take: list[int] = []
        while y < len(pending) and pending[y] <= until:
            take += starting[pending[y]]
            y += 1
        if take:
            held.take(take)
            live.update(take)
            if pool is not None:
                for r in sorted(take):
                    pool.add(r)
            for r in take:
                ends.setdefault(sk.last[r], []).append(r)
        yield month, live
    for r in live:
        held.drop(r)


def _day_events(sk: Skeleton, held: _Held) -> tuple[dict[int, int], dict[int, set[str]]]:
    """Step 1: the day-dated mentions joined into events; {rank: its event's root} for those
    compared with another, {root: the documents of its event's mentions}."""
    day = [r for r in range(len(sk)) if sk.first[r] >= 0 and sk.precise(r)]
    pairs = _Pairs()
    feats, keys = held.feats, held.keys
    for month, live in _sweep(sk, held, day, (), lambda month: month):
        ym = (month // 12, month % 12 + 1)
        blocks: dict[tuple, list[int]] = {}
        for r in sorted(live):
            for k in keys[r]:
                if k[2] == ym:
                    blocks.setdefault(k, []).append(r)
        if not blocks:
            continue
        lo = {r: date.fromisoformat(feats[r].lo).toordinal() for r in live}
        hi = {r: date.fromisoformat(feats[r].hi).toordinal() for r in live}
        docs = {r: feats[r].doc_id for r in live}
        for k, members in blocks.items():
            for a, b in close_in_block(k, members, lo, hi, docs):
                if _first_shared(keys[a], keys[b]) != k:
                    continue  # compared under that key, in its month
                if _same(feats[a], feats[b]):
                    pairs.add(a, b, held)
    return pairs.joined()


def _first_shared(a: frozenset, b: frozenset) -> tuple:
    """The block key two mentions are compared under: a title name first (its reach is the
    longest, as in `block_pairs`), then the earliest month."""
    return min(a & b, key=lambda k: (not k[1].startswith("t:"), k[2], k[1]))


class _Pairs:
    """The pairs of mentions found to be one event (by rank), and what `greedy` reads of
    each mention in one: 665,000 pairs of 237,000 mentions at 100,000 documents."""

    def __init__(self) -> None:
        self.first, self.second = array("q"), array("q")
        self.seen: dict[int, _Day] = {}

    def add(self, a: int, b: int, held: _Held) -> None:
        self.first.append(a)
        self.second.append(b)
        for r in (a, b):
            if r not in self.seen:
                self.seen[r] = _Day(held.facts[r], held.feats[r])

    def joined(self) -> tuple[dict[int, int], dict[int, set[str]]]:
        """`greedy` over each connected set of pairs apart (its result for one depends on
        nothing outside it, and all at once held a sorted copy of every pair): {rank: its
        group's root, the lowest rank as over the whole archive}, {root: the group's
        documents}."""
        ranks = sorted(self.seen)
        at = {r: x for x, r in enumerate(ranks)}
        n = len(ranks)
        parent = array("q", range(n))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in zip(self.first, self.second, strict=True):
            ra, rb = find(at[a]), find(at[b])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        part = array("q", (find(x) for x in range(n)))
        # Members and pairs of each part, by counting: positions in `members` and `edges`.
        member_at = _bucketed(part, range(n))
        edge_at = _bucketed(part, (at[a] for a in self.first))
        edges = array("q", bytes(8 * len(self.first)))
        fill = array("q", edge_at[0])
        for e, a in enumerate(self.first):
            p = part[at[a]]
            edges[fill[p]] = e
            fill[p] += 1
        del fill
        members = array("q", bytes(8 * n))
        fill = array("q", member_at[0])
        for x in range(n):
            members[fill[part[x]]] = x
            fill[part[x]] += 1
        del fill
        root_of: dict[int, int] = {}
        docs: dict[int, set[str]] = {}
        for p in range(n):
            lo, hi = member_at[0][p], member_at[1][p]
            if lo == hi:
                continue
            xs = members[lo:hi]
            local = {x: y for y, x in enumerate(xs)}
            days = [self.seen[ranks[x]] for x in xs]
            pairs = sorted((local[at[self.first[e]]], local[at[self.second[e]]])
                           for e in edges[edge_at[0][p]:edge_at[1][p]])
            for y, root in enumerate(greedy(days, days, pairs)):
                r, g = ranks[xs[y]], ranks[xs[root]]
                root_of[r] = g
                docs.setdefault(g, set()).add(days[y].doc_id)
        return root_of, docs


def _bucketed(part: array, items) -> tuple[array, array]:
    """For each part p, where its items start and end in a list of `items` ordered by part
    (`items` are positions whose part is `part[x]`)."""
    count = array("q", bytes(8 * len(part)))
    for x in items:
        count[part[x]] += 1
    start, end = array("q", bytes(8 * len(part))), array("q", bytes(8 * len(part)))
    total = 0
    for p in range(len(part)):
        start[p] = total
        total += count[p]
        end[p] = total
    return start, end


class _Roots:
    def __init__(self, root_of: dict[int, int]) -> None:
        self.root_of = root_of

    def __getitem__(self, r: int) -> int:
        return self.root_of.get(r, r)


class _EventDocs:
    def __init__(self, docs: dict[int, set[str]], sk: Skeleton) -> None:
        self.docs, self.sk = docs, sk

    def __getitem__(self, root: int) -> set[str]:
        got = self.docs.get(root)
        return got if got is not None else {self.sk.docs[self.sk.doc[root]]}


def _chosen(sk: Skeleton, held: _Held, root_of: dict[int, int], event_docs: dict[int, set[str]]) -> dict[int, int]:
    """Step 2: {rank: its event's root} for each mention not dated to a day that joins one."""
    coarse = [r for r in range(len(sk)) if not sk.precise(r)]
    need: dict[int, int] = {}
    for r in coarse:
        need[sk.doc[r]] = need.get(sk.doc[r], 0) + 1
    keyed = [r for r in coarse if sk.first[r] >= 0]
    left: dict[int, int] = {}
    for r in keyed:
        left[sk.doc[r]] = left.get(sk.doc[r], 0) + 1
    starting = _by_first(sk, keyed)
    day = [r for r in range(len(sk)) if sk.first[r] >= 0 and sk.precise(r)]
    pool = _Pool([], held.feats, held.keys)
    roots, docs = _Roots(root_of), _EventDocs(event_docs, sk)
    waiting: dict[int, list] = {}
    out: dict[int, int] = {}
    cs: list[int] = []

    def ahead(month: int) -> int:
        return max((sk.last[c] for c in starting.get(month, ())), default=month)

    for month, _ in _sweep(sk, held, day, keyed, ahead, pool):
        cs = starting.get(month, [])
        if not cs:
            continue
        mine = _Held(held.db, sk)
        mine.take(cs)
        for c in cs:
            fc = mine.feats[c]
            held.facts[c], held.feats[c], held.keys[c] = mine.facts[c], fc, mine.keys[c]
            cands = candidates_of(c, pool, held.facts, held.feats, roots, docs, need[sk.doc[c]])
            del held.facts[c], held.feats[c], held.keys[c]
            d = sk.doc[c]
            if cands:
                waiting.setdefault(d, []).append((c, mine.facts[c], fc, cands))
            left[d] -= 1
            if not left[d]:
                out.update(choose(sorted(waiting.pop(d, []), key=lambda m: m[0])))
    return out


def _loose(sk: Skeleton, held: _Held, chosen: dict[int, int]) -> dict[int, int]:
    """Step 3: {rank: its group's root} for the mentions not dated to a day that joined no
    event, joined among themselves."""
    keyed = [r for r in range(len(sk)) if not sk.precise(r) and r not in chosen and sk.first[r] >= 0]
    starting = _by_first(sk, keyed)
    pool = _Pool([], held.feats, held.keys)
    pairs = _Pairs()

    def ahead(month: int) -> int:
        return max((sk.last[c] for c in starting.get(month, ())), default=month)

    feats = held.feats
    for month, _ in _sweep(sk, held, keyed, (), ahead, pool):
        for i in starting.get(month, ()):
            for j in pool.near(i):
                if j > i and _same(feats[i], feats[j]):
                    pairs.add(i, j, held)
    return pairs.joined()[0]


def grouped(db) -> tuple[Skeleton, array, array, list[int]]:
    """The groups of `merge.group_mentions` over every mention of `db`: (the skeleton, the
    ranks of each group's mentions in merging's order, `members[starts[g]:starts[g + 1]]`,
    the groups in the order of their first mention, and each group's main mention's rank)."""
    sk = skeleton(db)
    held = _Held(db, sk)
    root_of, event_docs = _day_events(sk, held)
    chosen = _chosen(sk, held, root_of, event_docs)
    loose = _loose(sk, held, chosen)
    n = len(sk)
    group = array("q", bytes(8 * n))
    for r in range(n):
        if sk.precise(r):
            group[r] = root_of.get(r, r)
        else:
            group[r] = chosen.get(r, loose.get(r, r))
    del root_of, event_docs, chosen, loose
    slot = array("q", [-1]) * n
    sizes = array("q")
    for r in range(n):
        g = group[r]
        if slot[g] < 0:
            slot[g] = len(sizes)
            sizes.append(0)
        sizes[slot[g]] += 1
    starts = array("q", [0])
    for size in sizes:
        starts.append(starts[-1] + size)
    fill = array("q", starts[:-1])
    members = array("q", bytes(8 * n))
    for r in range(n):
        s = slot[group[r]]
        members[fill[s]] = r
        fill[s] += 1
    del group, slot, sizes, fill
    mains = []
    for g in range(len(starts) - 1):
        a, b = starts[g], starts[g + 1]
        mains.append(members[a] if b - a == 1 else main_mention(
            [_Main(sk, r) for r in members[a:b]]).rank)
    return sk, members, starts, mains


class _Main:
    """What `main_mention` reads of a mention, from the skeleton (a document's index compares
    as its id does)."""

    __slots__ = ("rank", "date_precision", "doc_id", "span")

    def __init__(self, sk: Skeleton, r: int) -> None:
        self.rank, self.date_precision, self.doc_id, self.span = r, sk.prec[r], sk.doc[r], (sk.span0[r],)
