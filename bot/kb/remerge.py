"""The cross-document merge (bot/kb/merge.py), redone only where a load changed something.

`merge_facts` decides in three steps, each from little: day-dated mentions are joined into
events (two mentions only when they share a block key: kind, a name, a month; and are the
same event), each coarser mention (a month, a week, a year) joins the one event it fits
best among those it is the same event as, and coarse mentions that fit none are joined
among themselves. So after a load that changed a few documents, only what those steps can
reach from the change is merged again (`_plan_touched`): the day-dated mentions connected
to a changed one, the coarse mentions that could choose differently, and the coarse ones
grouped with those. Everything else keeps its fact row as it is, and a reload costs what
the change touches, not the archive: a report dated "in March" no longer chains every
meeting of its people that month into one group to merge again.

Two tables make that a lookup: `mention_blocks` (the block keys of every mention) and
`mention_facts` (which fact each mention is in). They are rewritten by a full merge and
kept in step by every local one; `meta.merge_state` says they are complete. A full merge
runs when they are not, when the extractor or the merge rules (merge.py, this file)
changed, or when curation.yaml or the corrections made in Slack have anything in them (an
analyst's merge can join facts of different groups).
"""

from __future__ import annotations

import dataclasses
import gc
import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from bot.config import Config
from bot.kb import corrections, fullmerge
from bot.kb import mentions as mention_rows
from bot.kb.curation import apply_curation, load_curation
from bot.kb.index_names import search_names
from bot.kb.merge import (
    _block_keys,
    _features,
    _same,
    assign_ids,
    base_id,
    build,
    choose,
    greedy,
    id_key,
    merge_groups,
    order,
    precise,
)
from bot.kb.model import Fact
from bot.kb.store import FACT_ORDER, fact_to_row

log = logging.getLogger(__name__)

STATE_KEY = "merge_state"
STATE = "4"  # bump when the meaning of the tables changes


def ensure_tables(db) -> None:
    db.execute("create table if not exists mention_blocks (mention_id integer, doc_id text, key text)")
    db.execute("create index if not exists mention_blocks_key on mention_blocks (key)")
    db.execute("create index if not exists mention_blocks_doc on mention_blocks (doc_id)")
    db.execute("create table if not exists mention_facts (mention_id integer, doc_id text, fact_id text, digest text)")
    db.execute("create index if not exists mention_facts_fact on mention_facts (fact_id)")
    db.execute("create index if not exists mention_facts_doc on mention_facts (doc_id)")
    db.execute("create index if not exists mention_facts_mention on mention_facts (mention_id)")


def _key(k: tuple, is_precise: bool) -> str:
    """A block key as stored, with whether the mention is dated to a day (P) or coarser (C):
    a coarse mention looks for day-dated ones only, and the other way round."""
    kind, name, (y, m) = k
    return f"{kind}\t{name}\t{y:04d}-{m:02d}\t{'P' if is_precise else 'C'}"


def _fact_rows(facts: list[Fact], curated: set[str], names_at: dict[tuple, str], gazetteer) -> list[dict]:
    """A merged fact's search names are the union of its mentions' (keyed by the source each
    mention was quoted from); only facts an analyst curated are looked up afresh."""

    def names_of(f: Fact) -> str:
        if f.id in curated:
            return search_names(f, gazetteer)
        found = [names_at.get((s.doc_id, *s.span)) for s in f.sources]
        parts = dict.fromkeys(p for n in found if n for p in n.split(" | "))
        return " | ".join(parts) if parts else search_names(f, gazetteer)

    return [fact_to_row(f, names=names_of(f), curated=f.id in curated) for f in facts]

def _insert_facts(db, rows: list[dict]) -> None:
    if rows:
        cols = list(rows[0])
        db.conn.executemany(
            f"insert or replace into facts ({', '.join(map(quote_ident, cols))}) "
            f"values ({', '.join('?' * len(cols))})",
            [tuple(r[c] for c in cols) for r in rows],
        )

def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'

@dataclass
class Plan:
    """What a merge will write: worked out by reading only, so the write lock is held for
    the writes alone (the bot answering meanwhile writes too)."""

    how: str  # "full" or "local"
    docs: list[str]  # documents whose block and membership rows are replaced (local)
    dropped: set[str]  # fact ids replaced (local)
    region: list[int]  # mentions merged again (local)
    facts: list[dict]  # fact rows to write
    blocks: Iterable[tuple[int, str, str]]  # written once (a full merge makes them as it writes)
    members: list[tuple[int, str, str, str]]  # mention, its document, its fact, its digest
    renames: list[tuple[str, str]] = field(default_factory=list)  # facts kept under another id (local)
    groups: fullmerge.Groups | None = None  # a full merge's facts, built as they are written

    def write(self, db, gazetteer) -> None:
        """Apply the plan; call inside a transaction (with the loader's lock held)."""
        if self.how == "full":
            db.execute("delete from facts")
            db.execute("drop table if exists mention_blocks")  # their columns may have changed
            db.execute("drop table if exists mention_facts")
        ensure_tables(db)
        if self.how != "full":
            for chunk in mention_rows.chunks(self.docs):
                marks = ",".join("?" * len(chunk))
                db.execute(f"delete from mention_facts where doc_id in ({marks})", chunk)
                db.execute(f"delete from mention_blocks where doc_id in ({marks})", chunk)
            for chunk in mention_rows.chunks(self.dropped):
                db.execute(f"delete from facts where id in ({','.join('?' * len(chunk))})", chunk)
            for chunk in mention_rows.chunks(self.region):
                db.execute(f"delete from mention_facts where mention_id in ({','.join('?' * len(chunk))})", chunk)
            # In two steps: one fact may take the id another gives up.
            for step in (lambda old, new: (old, f"{old}~moving"), lambda old, new: (f"{old}~moving", new)):
                for old, new in self.renames:
                    was, now = step(old, new)
                    db.execute("update facts set id = ? where id = ?", [now, was])
                    db.execute("update mention_facts set fact_id = ? where fact_id = ?", [now, was])
        _insert_facts(db, self.facts)
        db.conn.executemany("insert into mention_blocks (mention_id, doc_id, key) values (?, ?, ?)", self.blocks)
        db.conn.executemany("insert into mention_facts (mention_id, doc_id, fact_id, digest) values (?, ?, ?, ?)",
                            self.members)
        if self.groups is not None:
            for facts, mentions, names_at, members in self.groups.chunks(db):
                _insert_facts(db, _fact_rows(facts, set(), names_at, gazetteer))
                db.conn.executemany("insert into mention_blocks (mention_id, doc_id, key) values (?, ?, ?)",
                                    _iter_blocks(mentions))
                db.conn.executemany(
                    "insert into mention_facts (mention_id, doc_id, fact_id, digest) values (?, ?, ?, ?)", members)
        if self.how == "full" or self.facts or self.dropped or self.renames:
            _rebuild_entities(db, gazetteer)  # else the facts are as they were, and so are these
        db["meta"].upsert({"key": STATE_KEY, "value": STATE}, pk="key")

def plan(db, config: Config, gazetteer, touched: set[str] | None) -> Plan:
    """The merge that brings the facts in line with the mentions; see the module docstring.

    `touched`: the documents this load wrote or removed (already written), or None when
    everything may have changed (extractor, curation).
    """
    ensure_tables(db)
    curation = load_curation(config.config_dir / "curation.yaml")
    from_slack = corrections.as_curation(db)
    state = db.execute("select value from meta where key = ?", [STATE_KEY]).fetchone()
    if touched is None or curation or from_slack or state is None or state[0] != STATE:
        return _plan_all(db, curation, from_slack, gazetteer)
    try:
        return _plan_touched(db, touched, gazetteer)
    except _Ambiguous as exc:
        log.info("mention %s is in more than one fact: merging in full", exc)
    except _TooWide as exc:
        log.info("the change reaches %s mentions or more: merging in full", exc)
    # Out of the except clause first: its traceback held the local merge's mentions.
    return _plan_all(db, curation, from_slack, gazetteer)

def rebuild(db, config: Config, gazetteer, touched: set[str] | None) -> str:
    """Plan and write in one go (inside the caller's transaction); "full" or "local"."""
    p = plan(db, config, gazetteer, touched)
    p.write(db, gazetteer)
    return p.how

def _blocks(mentions: dict[int, tuple[Fact, str]]) -> list[tuple[int, str, str]]:
    return list(_iter_blocks(mentions))


def _iter_blocks(mentions: dict[int, tuple[Fact, str]]) -> Iterator[tuple[int, str, str]]:
    for mid, (m, _) in mentions.items():
        for k in _block_keys(m):
            yield mid, m.doc_id, _key(k, precise(m))


@contextmanager
def _no_gc():
    """The cyclic garbage collector off: a full merge makes millions of objects and no
    cycles to collect, and at 100,000 documents the collector's passes over all of them
    were a large part of its time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _plan_all(db, curation, from_slack, gazetteer) -> Plan:
    if not (curation or from_slack):
        # The usual case: the groups decided from compact mentions, each fact built as it
        # is written (bot/kb/fullmerge.py); memory that does not hold the archive's facts.
        with _no_gc():
            groups = fullmerge.plan_groups(db)
        return Plan("full", [], set(), [], [], (), [], groups=groups)
    return _plan_in_memory(db, curation, from_slack, gazetteer)


def _plan_in_memory(db, curation, from_slack, gazetteer) -> Plan:
    """Every mention merged again holding every fact: curation edits the merged facts as a
    whole (an analyst's merge joins any two)."""
    with _no_gc():
        digests: dict[int, str] = {}
        mentions = mention_rows.read(db, "1 order by id", [], digests)
        names_at = {(m.doc_id, *m.span): names for m, names in mentions.values()}
        mid_of = {id(m): mid for mid, (m, _) in mentions.items()}
        groups = merge_groups([m for m, _ in mentions.values()])
        # Which fact each mention is in, as merged (curation applies to the facts only: while
        # it has entries every merge is a full one, and these rows are not read).
        members = [(mid_of[id(m)], m.doc_id, f.id, digests[mid_of[id(m)]]) for f, ms in groups for m in ms]
        del mid_of, digests
        facts, curated = apply_curation([f for f, _ in groups], curation)
        del groups
        facts, slack_curated = apply_curation(facts, from_slack)  # newer than the file
        curated |= slack_curated
        rows = _fact_rows(facts, curated, names_at, gazetteer)
        del facts, names_at
    # The block rows (several a mention) are made as they are written.
    return Plan("full", [], set(), [], rows, _iter_blocks(mentions), members)


LOCAL_MAX = 60_000  # mentions a local merge reads before it merges in full instead


class _TooWide(Exception):
    """A change reaching this much of the archive: a local merge holds each mention it reads
    as a full fact with its features and neighbours (~25 KB each), so past LOCAL_MAX the
    full merge, whose memory is bounded (bot.kb.fullmerge, bot.kb.sweep), is the cheaper.
    At 100,000 documents the first load's re-dating of the documents that know only their
    year reached 92,000 mentions and 3 GB."""


class _Ambiguous(Exception):
    """The membership table does not say which fact a mention is in: merge in full."""


class _Archive:
    """What a local merge reads of the archive, each mention decoded and featured once.

    The touched documents' new mentions (`new`) have no block or membership rows yet, and
    their old rows name mentions that are gone: those rows are skipped, and the new
    mentions are matched in memory.
    """

    def __init__(self, db, touched: set[str]) -> None:
        self.db = db
        self.touched = touched
        self.seen: dict[int, tuple[Fact, str]] = {}
        self.feats: dict[int, object] = {}
        self.orders: dict[int, tuple] = {}
        self.precise: dict[int, bool] = {}
        self._near: dict[tuple[int, bool], set[int]] = {}
        self._fact: dict[int, str | None] = {}
        self._members: dict[str, set[int]] = {}
        self.digest: dict[int, str] = {}
        self.new: dict[int, tuple[Fact, str]] = {}
        for chunk in mention_rows.chunks(sorted(touched)):
            self.new.update(mention_rows.read(self.db, f"doc_id in ({','.join('?' * len(chunk))})", chunk, self.digest))
        self.add(self.new)
        # A new mention saying exactly what an old one of its document said is that mention
        # under a new id (a document saved again with a line added): its twin, in the
        # old one's fact. Old mentions without a twin are gone.
        old_rows: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for chunk in mention_rows.chunks(sorted(touched)):
            for mid, doc, fid, digest in self.db.execute(
                f"select mention_id, doc_id, fact_id, digest from mention_facts where doc_id in "
                f"({','.join('?' * len(chunk))}) order by mention_id", chunk
            ).fetchall():
                old_rows.setdefault((doc, digest), []).append((mid, fid))
        self.twin_fact: dict[int, str] = {}
        for mid in sorted(self.new):
            rows = old_rows.get((self.fact(mid).doc_id, self.digest[mid]))
            if rows:
                self.twin_fact[mid] = rows.pop(0)[1]
        self.gone_facts = {fid for rows in old_rows.values() for _, fid in rows}
        self._twins: dict[str, set[int]] = {}
        for mid, fid in self.twin_fact.items():
            self._twins.setdefault(fid, set()).add(mid)
        self._new_at: dict[str, list[int]] = {}
        for mid, (m, _) in self.new.items():
            for k in _block_keys(m):
                self._new_at.setdefault(_key(k, self.precise[mid]), []).append(mid)

    def add(self, got: dict[int, tuple[Fact, str]]) -> None:
        for mid, (m, _) in got.items():
            if mid not in self.seen:
                self.seen[mid] = got[mid]
                self.feats[mid] = _features(m)
                self.orders[mid] = order(m)
                self.precise[mid] = precise(m)
        if len(self.seen) > LOCAL_MAX:
            raise _TooWide(LOCAL_MAX)

    def read(self, ids: Iterable[int]) -> None:
        missing = [mid for mid in ids if mid not in self.seen]
        for chunk in mention_rows.chunks(missing):  # a chunk at a time: LOCAL_MAX is checked as they come
            self.add(mention_rows.by_id(self.db, chunk, self.digest))

    def fact(self, m: int) -> Fact:
        return self.seen[m][0]

    def near(self, ids: Iterable[int], want_precise: bool) -> dict[int, set[int]]:
        """Each mention's day-dated (or coarse) others: sharing a block key with it and the
        same event."""
        ids = list(ids)
        todo = [mid for mid in ids if (mid, want_precise) not in self._near]
        keys: dict[str, list[int]] = {}
        for mid in todo:
            self._near[mid, want_precise] = set()
            for k in _block_keys(self.fact(mid)):
                keys.setdefault(_key(k, want_precise), []).append(mid)
        found: dict[int, set[str]] = {}
        for chunk in mention_rows.chunks(keys):
            rows = self.db.execute(
                f"select mention_id, doc_id, key from mention_blocks where key in ({','.join('?' * len(chunk))})",
                chunk).fetchall()
            for mid, doc, key in rows:
                if doc not in self.touched:
                    found.setdefault(mid, set()).add(key)
        for key in keys:
            for mid in self._new_at.get(key, ()):
                found.setdefault(mid, set()).add(key)
        self.read(found)
        feats, orders = self.feats, self.orders
        for o, okeys in found.items():
            if o not in self.seen:
                continue
            fo, oo = feats[o], orders[o]
            for key in okeys:
                for mid in keys[key]:
                    near = self._near[mid, want_precise]
                    if mid != o and o not in near:
                        fm, om = feats[mid], orders[mid]
                        if _same(fm, fo) if om < oo else _same(fo, fm):
                            near.add(o)
        return {mid: self._near[mid, want_precise] for mid in ids}

    def fact_of(self, ids: Iterable[int]) -> dict[int, str | None]:
        """The fact each (old) mention is in, None for a new one."""
        ids = list(ids)
        todo = [mid for mid in ids if mid not in self._fact]
        for mid in todo:
            self._fact[mid] = self.twin_fact.get(mid)
        for chunk in mention_rows.chunks(todo):
            rows = self.db.execute(
                f"select mention_id, doc_id, fact_id from mention_facts where mention_id in "
                f"({','.join('?' * len(chunk))})", chunk).fetchall()
            for mid, doc, fid in rows:
                if doc in self.touched:
                    continue
                if self._fact[mid] not in (None, fid):
                    raise _Ambiguous(mid)
                self._fact[mid] = fid
        return {mid: self._fact[mid] for mid in ids}

    def members(self, fids: Iterable[str]) -> dict[str, set[int]]:
        """The (old, still present) mentions of each fact."""
        fids = list(fids)
        todo = [fid for fid in fids if fid not in self._members]
        for fid in todo:
            self._members[fid] = set(self._twins.get(fid, ()))
        for chunk in mention_rows.chunks(todo):
            rows = self.db.execute(
                f"select fact_id, mention_id, doc_id from mention_facts where fact_id in "
                f"({','.join('?' * len(chunk))})", chunk).fetchall()
            for fid, mid, doc in rows:
                if doc not in self.touched:
                    self._members[fid].add(mid)
        got = {fid: self._members[fid] for fid in fids}
        self.read(m for ms in got.values() for m in ms)
        for ms in got.values():
            ms &= self.seen.keys()
        return got


def _plan_touched(db, touched: set[str], gazetteer) -> Plan:
    """Reads only; the same facts as merging every mention again (`merge_facts`), from
    what the change can reach:

    1. the day-dated mentions of the changed documents and of the facts their old mentions
       were in, and those joined to them, transitively: their events are decided again;
       most come out as they were (the same day-dated mentions as one old fact);
    2. coarse mentions that may choose another event: those of the changed documents,
       those of the old facts of events that did change, those the same event as a
       day-dated mention of such an event, and the other coarse mentions of their
       documents (which compete for the same events); events that did not change are read
       as they are;
    3. coarse mentions left without an event, with those joined to them among the others
       without one, transitively: grouped again.

    An event that did not change but gains or loses a coarse mention is rewritten with its
    other members as they were. Facts that come out as they were keep their rows.
    """
    arc = _Archive(db, touched)
    old: dict[str, set[int]] = {}  # facts replaced -> their old members

    def drop(fids: Iterable[str | None]) -> set[int]:
        """Mark facts replaced; their members."""
        fids = {f for f in fids if f is not None}
        got = arc.members(fids - old.keys())
        old.update(got)
        return {m for f in fids for m in old[f]}

    seeds = drop(arc.gone_facts)
    lost = set(old)  # facts that had a mention now gone
    added = {m for m in arc.new if m not in arc.twin_fact}

    # 1. day-dated mentions whose events are decided again
    events: set[int] = set()
    frontier = {m for m in added if arc.precise[m]} | {m for m in seeds if arc.precise[m]}
    while frontier:
        events |= frontier
        found = set().union(*arc.near(frontier, True).values())
        frontier = found - events
    ordered = sorted(events, key=arc.orders.__getitem__)
    at = {m: i for i, m in enumerate(ordered)}
    near_p = arc.near(ordered, True)
    root = greedy([arc.fact(m) for m in ordered], [arc.feats[m] for m in ordered],
                  [(at[a], at[b]) for a in ordered for b in near_p[a] if at[a] < at[b]])
    grouped: dict[int, list[int]] = {}
    for m in ordered:
        grouped.setdefault(ordered[root[at[m]]], []).append(m)
    was = arc.fact_of(ordered)
    olds = arc.members({f for f in was.values() if f is not None})
    event_of: dict[int, tuple] = {}
    moved: set[int] = set()  # day-dated mentions of events that changed
    for r, ms in grouped.items():
        fids = {was[m] for m in ms}
        fid = next(iter(fids))
        if len(fids) == 1 and fid is not None and fid not in lost and \
                {m for m in olds[fid] if arc.precise[m]} == set(ms):
            for m in ms:
                event_of[m] = ("old", fid)  # as it was
        else:
            for m in ms:
                event_of[m] = ("new", r)
            moved.update(ms)
    # 2. coarse mentions choosing their event again. Those whose event may be gone ("must")
    # choose among all their candidates; the others the same event as a day-dated mention
    # of a changed event ("may") first only between their old event and the changed ones:
    # when that leaves every coarse mention of their document where it was, the full choice
    # would too (the old event was the best of the others, and no event of the document
    # changed hands); else their document chooses in full.
    must = {m for m in added if not arc.precise[m]} | {m for m in seeds if not arc.precise[m]}
    must |= {m for m in drop(was[m] for m in moved) if not arc.precise[m]}
    near_moved = arc.near(moved, False)
    may = set().union(*near_moved.values()) - must
    docs = {arc.fact(m).doc_id for m in must | may}
    of_doc: dict[str, set[int]] = {}
    for m in arc.new:
        if not arc.precise[m] and arc.fact(m).doc_id in docs:
            of_doc.setdefault(arc.fact(m).doc_id, set()).add(m)
    for chunk in mention_rows.chunks(sorted(docs - touched)):
        got = mention_rows.read(db, f"doc_id in ({','.join('?' * len(chunk))})", chunk, arc.digest)
        arc.add(got)
        for m in got:
            if not arc.precise[m]:
                of_doc.setdefault(arc.fact(m).doc_id, set()).add(m)
    event_docs: dict[tuple, set[str]] = {}
    for r, ms in grouped.items():
        if r in moved:
            event_docs[("new", r)] = {arc.fact(m).doc_id for m in ms}
    full_docs = {arc.fact(m).doc_id for m in must}
    lazy = [c for d in docs - full_docs for c in of_doc.get(d, ())]
    old_of = arc.fact_of(lazy)
    old_events = arc.members(set(old_of.values()) - {None})
    for fid, ms in old_events.items():
        event_docs[("old", fid)] = {arc.fact(m).doc_id for m in ms if arc.precise[m]}
    changed_near: dict[int, list[int]] = {}
    for p, cs in near_moved.items():
        for c in cs:
            changed_near.setdefault(c, []).append(p)
    keys: dict[int, set] = {}

    def key_set(m: int) -> set:
        if m not in keys:
            keys[m] = _block_keys(arc.fact(m))
        return keys[m]

    for d in sorted(docs - full_docs):
        mentions, before = [], {}
        for c in of_doc.get(d, ()):
            cands = [(arc.fact(p), arc.feats[p], event_of[p], event_docs[event_of[p]])
                     for p in changed_near.get(c, ())]
            fid = old_of[c]
            if fid is not None and any(arc.precise[m] for m in old_events[fid]):
                before[c] = ("old", fid)
                cf, oc = arc.feats[c], arc.orders[c]
                cands += [(arc.fact(p), arc.feats[p], ("old", fid), event_docs[("old", fid)])
                          for p in old_events[fid]
                          if arc.precise[p] and key_set(c) & key_set(p)
                          and (_same(cf, arc.feats[p]) if oc < arc.orders[p] else _same(arc.feats[p], cf))]
            if cands:
                mentions.append((c, arc.fact(c), arc.feats[c], cands))
        if choose(mentions) != before:
            full_docs.add(d)
    coarse = {c for d in full_docs for c in of_doc.get(d, ())}
    near = arc.near(coarse, True)
    outside = {p for c in coarse for p in near[c] if p not in event_of}
    for p, fid in arc.fact_of(outside).items():
        if fid is None:
            raise _Ambiguous(p)
        event_of[p] = ("old", fid)
    fixed = arc.members({key[1] for key in event_of.values() if key[0] == "old"})  # events as they were
    for fid, ms in fixed.items():
        event_docs[("old", fid)] = {arc.fact(m).doc_id for m in ms if arc.precise[m]}
    by_doc: dict[str, list] = {}
    for c in coarse:
        cands = [(arc.fact(p), arc.feats[p], event_of[p], event_docs[event_of[p]]) for p in near[c]]
        if cands:
            by_doc.setdefault(arc.fact(c).doc_id, []).append((c, arc.fact(c), arc.feats[c], cands))
    chosen: dict[int, tuple] = {}
    for mentions in by_doc.values():
        chosen.update(choose(mentions))
    # Old facts of the coarse mentions: events (rewritten), or groups of coarse ones.
    loose_old: set[int] = set()
    for fid in set(arc.fact_of(coarse).values()) - {None}:
        ms = drop([fid])
        if any(arc.precise[m] for m in ms):
            if not ms & moved:  # else the events that replace it are decided above
                fixed.setdefault(fid, ms)
        else:
            loose_old |= ms
    for key in set(chosen.values()):
        if key[0] == "old":
            drop([key[1]])
    # 3. coarse mentions without an event, and those joined to them
    loose: set[int] = set()
    frontier = {c for c in coarse if c not in chosen} | (loose_old - coarse)
    while frontier:
        loose |= frontier
        more = {o for others in arc.near(frontier, False).values() for o in others} - loose - coarse
        nxt = set()
        facts_of = arc.fact_of(more)
        for o in more:
            fid = facts_of[o]
            ms = arc.members([fid])[fid] if fid else set()
            if any(arc.precise[m] for m in ms):
                continue  # it belongs to an event, as before
            nxt |= {o} | drop([fid])
        frontier = nxt - loose
    ordered_l = sorted(loose, key=arc.orders.__getitem__)
    at_l = {m: i for i, m in enumerate(ordered_l)}
    near_c = arc.near(ordered_l, False)
    root_l = greedy([arc.fact(m) for m in ordered_l], [arc.feats[m] for m in ordered_l],
                    [(at_l[a], at_l[b]) for a in ordered_l for b in near_c[a] if b in at_l and at_l[a] < at_l[b]])

    groups: dict[tuple, list[int]] = {}
    for r, ms in grouped.items():
        if r in moved:
            groups[("new", r)] = list(ms)
    for fid, ms in fixed.items():
        if fid in old:  # rewritten: its members as they were, less those choosing again
            groups[("old", fid)] = [m for m in ms if m not in coarse]
    for c, key in chosen.items():
        groups[key].append(c)
    for m in ordered_l:
        groups.setdefault(("loose", ordered_l[root_l[at_l[m]]]), []).append(m)
    groups = {k: ms for k, ms in groups.items() if ms}
    region = {m: arc.seen[m] for ms in groups.values() for m in ms}
    facts = [build(sorted((arc.fact(m) for m in ms), key=order)) for ms in groups.values()]
    dropped = set(old)
    facts, renames = _unique_ids(db, facts, dropped)
    members = [(m, arc.fact(m).doc_id, f.id, arc.digest[m])
               for f, ms in zip(facts, groups.values(), strict=True) for m in ms]
    # Twins outside the region stay in their old fact (under its new id, if it changed).
    renamed = dict(renames)
    members += [(m, arc.fact(m).doc_id, renamed.get(fid, fid), arc.digest[m])
                for m, fid in arc.twin_fact.items() if m not in region]
    facts.sort(key=lambda f: (f.date_start or "9999", f.id))
    names_at = {(m.doc_id, *m.span): names for m, names in region.values()}
    rows = _fact_rows(facts, set(), names_at, gazetteer)
    # Most facts merged again come out as they were: leave their rows (and their full-text
    # index entries) alone, and write only what differs.
    before: dict[str, tuple] = {}
    cols = list(rows[0]) if rows else []
    for chunk in mention_rows.chunks(dropped if cols else ()):
        cur = db.execute(
            f"select {', '.join(map(quote_ident, cols))} from facts where id in ({','.join('?' * len(chunk))})", chunk
        )
        before.update((r[0], tuple(r)) for r in cur.fetchall())
    changed = [r for r in rows if before.get(r["id"]) != tuple(r.values())]
    kept = {r["id"] for r in rows} - {r["id"] for r in changed}
    log.info("merged %d mentions again into %d facts (%d day-dated decided again, %d of them in changed events; "
             "%d coarse choosing again, %d grouped again; %d rows changed, %d replaced, %d kept)",
             len(region), len(facts), len(events), len(moved), len(coarse), len(loose), len(changed),
             len(dropped - kept), len(kept))
    log.info("%d of %d new mentions are the old ones saved again", len(arc.twin_fact), len(arc.new))
    return Plan("local", sorted(touched), dropped - kept, list(region), changed, _blocks(arc.new),
                members, renames)


def _unique_ids(db, facts: list[Fact], dropped: set[str]) -> tuple[list[Fact], list[tuple[str, str]]]:
    """Facts that share an id as extracted are told apart as a full merge does
    (merge.assign_ids), with the facts outside the region that share it: those may have to
    change id (the renames returned), also when the fact they shared it with is gone."""
    by_base: dict[str, list[tuple[tuple, int | str]]] = {base_id(fid): [] for fid in dropped}
    for x, f in enumerate(facts):
        by_base.setdefault(base_id(f.id), []).append((id_key(f), x))
    for base, held in by_base.items():
        rows = db.execute(
            "select id, doc_id, span_start, span_end, title from facts where id = ? or (id > ? and id < ?)",
            [base, base + "~", base + "~~"]).fetchall()
        held.extend(((doc, start, end, title), fid) for fid, doc, start, end, title in rows if fid not in dropped)
    out = list(facts)
    renames: list[tuple[str, str]] = []
    for base, held in by_base.items():
        if not held or len(held) == 1 and isinstance(held[0][1], int) and out[held[0][1]].id == base:
            continue
        for (_, who), new in zip(held, assign_ids(base, [k for k, _ in held]), strict=True):
            if isinstance(who, int):
                if out[who].id != new:
                    out[who] = dataclasses.replace(out[who], id=new)
            elif who != new:
                renames.append((who, new))
    return out, renames

def _rebuild_entities(db, gazetteer) -> None:
    """The gazetteer plus people found only by their shape in documents, for query-side
    matching; the first spelling in fact order names a person, as a full merge would."""
    rows = {
        e.id: {"id": e.id, "type": e.type, "name": e.name, "aliases": json.dumps(list(e.aliases)),
               "roles": json.dumps(list(e.roles)), "country": e.country, "source": "gazetteer"}
        for e in gazetteer.entities
    }
    for (people,) in db.execute(f"select participants from facts order by {FACT_ORDER}"):
        for name in json.loads(people or "[]"):
            key = "person:~" + "-".join(name.lower().split())
            if key not in rows and gazetteer.resolve(name) is None:
                rows[key] = {"id": key, "type": "person", "name": name, "aliases": "[]",
                             "roles": "[]", "country": None, "source": "document"}
    # Written as a difference: most rows are as they were, and rewriting all of them was
    # most of the time a small reload spent here.
    cols = ("id", "type", "name", "aliases", "roles", "country", "source")
    have = {r[0]: r for r in db.execute(f"select {', '.join(cols)} from entities").fetchall()}
    gone = [k for k in have if k not in rows]
    for chunk in mention_rows.chunks(gone):
        db.execute(f"delete from entities where id in ({','.join('?' * len(chunk))})", chunk)
    fresh = [tuple(r[c] for c in cols) for k, r in rows.items() if have.get(k) != tuple(r[c] for c in cols)]
    db.conn.executemany(f"insert or replace into entities ({', '.join(cols)}) values ({', '.join('?' * len(cols))})",
                        fresh)
