"""The full merge (every mention merged again) without holding the archive's facts.

A full merge runs after the first load of an archive and after a change of the extractor
or of the merge rules. It used to decode every mention into a `Fact` (3.1 KB each: its
text, title, quote and sources; 765,000 of them at 100,000 documents), build every merged
fact, and hold all their rows before writing: 7-8.5 GB at that size. Deciding the groups
needs little of a mention: its features and block keys (bot.kb.merge's `_features` and
`_block_keys`, worked out once from the decoded JSON, their sets shared with equal ones),
its dates, kind, document, span and id, and its quote and summary only when it names a
place (for `_Feat.text`). So the mentions are read as `Slim` records with those, and the
groups are those of `merge.group_mentions`, decided by the same code as a merge of full
facts. Then each fact is built, written and dropped a few hundred groups at a time, in the
order a full merge writes them (date, then id): only then are a group's mentions decoded
in full. The facts, their ids (a suffix where two facts share one), the search names, and
the membership rows are those `merge.merge_groups` and `remerge._plan_in_memory` give;
tests/unit/test_full_merge.py holds them to that. Peak memory of a full merge: 646 -> 259
MB at 10,000 documents, 6.96 -> 1.72 GB at 100,000 (bench/RESULTS.md). Holding every
mention's features still grows with the archive, so beyond IN_MEMORY_MAX mentions the
groups are decided a window of months at a time (bot.kb.sweep): 510 MB at 100,000.
"""

from __future__ import annotations

import dataclasses
from array import array
from collections.abc import Iterator

from bot.kb import mentions as mention_rows
from bot.kb import sweep
from bot.kb.merge import (
    build,
    group_mentions,
    id_key,
    main_mention,
    told_apart,
)
from bot.kb.model import Fact

_GROUPS_PER_WRITE = 500  # groups built and written at a time


@dataclasses.dataclass
class Groups:
    """The merged facts of a full merge, as their mentions' row ids: `members[starts[g]:
    starts[g + 1]]` are the mentions of group g in merging's order, `ids[g]` its fact's id;
    the groups in the order the facts are written. `spans` says, per document, each
    mention's id and span (a merged fact's search names are those of the mentions whose
    span is one of its sources, as remerge._fact_rows reads them)."""

    members: array
    starts: array
    ids: list[str]
    spans: dict[str, array]

    def __len__(self) -> int:
        return len(self.ids)

    def chunks(self, db) -> Iterator[tuple[list[Fact], dict[int, tuple[Fact, str]], dict[tuple, str], list[tuple]]]:
        """The facts built a few hundred at a time, in writing order, each time with their
        mentions decoded ({row id: (mention, search names)}), the search names by (document,
        span) their sources need, and the membership rows (mention, document, fact, digest)."""
        for lo in range(0, len(self), _GROUPS_PER_WRITE):
            hi = min(lo + _GROUPS_PER_WRITE, len(self))
            full = _read(db, self.members[self.starts[lo]:self.starts[hi]])
            facts, rows = [], []
            for g in range(lo, hi):
                mids = self.members[self.starts[g]:self.starts[g + 1]]
                f = build([full[m][0] for m in mids])
                if f.id != self.ids[g]:
                    f = dataclasses.replace(f, id=self.ids[g])
                facts.append(f)
                rows += [(m, full[m][0].doc_id, f.id, full[m][2]) for m in mids]
            names_at = self._names_at(db, facts, full)
            yield facts, {m: (f, names) for m, (f, names, _) in full.items()}, names_at, rows

    def _names_at(self, db, facts: list[Fact], full: dict) -> dict[tuple, str]:
        """(document, span) -> the search names of the last mention (by row id) with that
        span, for the spans of these facts' sources."""
        want: dict[tuple, int] = {}
        for f in facts:
            for s in f.sources:
                key = (s.doc_id, *s.span)
                if key in want:
                    continue
                found = None
                rows = self.spans.get(s.doc_id, ())
                for x in range(0, len(rows), 3):
                    if rows[x + 1] == key[1] and rows[x + 2] == key[2]:
                        found = rows[x]
                if found is not None:
                    want[key] = found
        missing = [mid for mid in set(want.values()) if mid not in full]
        if missing:
            full = {**full, **_read(db, missing)}
        return {key: full[mid][1] for key, mid in want.items()}


def _read(db, mids) -> dict[int, tuple[Fact, str, str]]:
    """Mentions by row id, decoded in full: (fact, search names, digest)."""
    digests: dict[int, str] = {}
    got = mention_rows.by_id(db, sorted(set(mids)), digests)
    return {mid: (f, names, digests[mid]) for mid, (f, names) in got.items()}


IN_MEMORY_MAX = 100_000  # mentions whose features a full merge holds all at once (bot.kb.sweep beyond)


def plan_groups(db) -> Groups:
    """Every mention of the archive merged into groups, as `merge.merge_groups` merges them
    (the same groups, the same ids): holding every `Slim` mention and its features up to
    IN_MEMORY_MAX mentions (about 13,000 documents, 300 MB), a window of months of them
    beyond (bot.kb.sweep: bounded memory, each mention decoded twice)."""
    count = db.execute("select count(*) from mentions").fetchone()[0]
    if count > IN_MEMORY_MAX:
        sk, ranks, starts, main_ranks = sweep.grouped(db)
        members = array("q", (sk.mids[r] for r in ranks))
        del ranks
        first_days = [sk.starts[r] for r in main_ranks]
        main_mids = [sk.mids[r] for r in main_ranks]
        del sk, main_ranks
        main_ids = sweep.ids_of(db, main_mids)
        del main_mids
        spans = sweep.spans(db)
    else:
        members, starts, first_days, main_ids, spans = _grouped_in_memory(db)

    def keys_of(held: list[int]) -> list[tuple]:
        """The facts as built (few share an id: their mentions are read in full here)."""
        full = _read(db, [m for g in held for m in members[starts[g]:starts[g + 1]]])
        return [id_key(build([full[m][0] for m in members[starts[g]:starts[g + 1]]])) for g in held]

    # Facts given one id as extracted are told apart as merge_groups does.
    ids = told_apart(main_ids, keys_of)
    del main_ids
    # By first day, then id (two stable sorts: no key tuple per fact).
    at = sorted(range(len(ids)), key=ids.__getitem__)
    at.sort(key=[day or "9999" for day in first_days].__getitem__)
    del first_days
    out_members, out_starts = array("q"), array("q", [0])
    for g in at:
        out_members.extend(members[starts[g]:starts[g + 1]])
        out_starts.append(len(out_members))
    return Groups(out_members, out_starts, [ids[g] for g in at], spans)


def _grouped_in_memory(db) -> tuple[array, array, list, list[str], dict[str, array]]:
    """The groups (their mentions' row ids, `members[starts[g]:starts[g + 1]]`, in the order
    of their first mention), each group's main mention's first day and id, and each
    document's (row id, span) triples, holding every mention's features."""
    once: dict = {}
    slim: list[mention_rows.Slim] = []
    feats: list = []
    keys: list[frozenset] = []
    spans: dict[str, array] = {}
    for mid, data in db.execute("select id, data from mentions order by id"):
        f, _ = mention_rows.decode(data)
        s = mention_rows.Slim(mid, f, once)
        slim.append(s)
        feats.append(mention_rows.featured(f, s, once))
        keys.append(mention_rows.block_keys(f, once))
        spans.setdefault(s.doc_id, array("q")).extend((mid, *s.span))
    once.clear()
    groups = group_mentions(slim, feats, keys)
    del slim, feats, keys
    members, starts = array("q"), array("q", [0])
    first_days, ids = [], []
    for ms in groups:
        members.extend(m.mid for m in ms)
        starts.append(len(members))
        main = main_mention(ms)
        first_days.append(main.date_start)
        ids.append(main.id)
    return members, starts, first_days, ids, spans
