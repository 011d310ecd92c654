"""The cross-document merge (bot/kb/merge.py), redone only where a load changed something.

`merge_facts` joins two mentions only when they share a block key (kind, a name, a month)
and are the same event, and what it makes of one connected group of such mentions does
not depend on any other group. So after a load that changed a few documents, only the
mentions connected to them need merging again: their new mentions, the other members of
the facts their old mentions were part of, and, transitively, every mention the same
event test joins to those. Everything else keeps its fact row as it is, and a reload
costs what the change touches, not the archive.

Two tables make that a lookup: `mention_blocks` (the block keys of every mention) and
`mention_facts` (which fact each mention ended up in). They are rewritten by a full
merge and kept in step by every local one; `meta.merge_state` says they are complete.
A full merge runs when they are not, when the extractor (merge.py included) or curation
changed, or when curation.yaml or the corrections made in Slack have anything in them (an
analyst's merge can join facts of different groups).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from bot.config import Config
from bot.kb import corrections
from bot.kb.curation import apply_curation, load_curation
from bot.kb.index_names import search_names
from bot.kb.merge import _block_keys, _features, _same, merge_facts
from bot.kb.model import Fact
from bot.kb.store import FACT_ORDER, fact_to_row

log = logging.getLogger(__name__)

STATE_KEY = "merge_state"
STATE = "1"  # bump when the meaning of the tables changes
_BATCH = 500  # ids per `in (...)` list (SQLite's default limit is 32,766 variables)


def ensure_tables(db) -> None:
    db.execute("create table if not exists mention_blocks (mention_id integer, doc_id text, key text)")
    db.execute("create index if not exists mention_blocks_key on mention_blocks (key)")
    db.execute("create index if not exists mention_blocks_doc on mention_blocks (doc_id)")
    db.execute("create table if not exists mention_facts (mention_id integer, doc_id text, fact_id text)")
    db.execute("create index if not exists mention_facts_fact on mention_facts (fact_id)")
    db.execute("create index if not exists mention_facts_doc on mention_facts (doc_id)")
    db.execute("create index if not exists mention_facts_mention on mention_facts (mention_id)")


def _key(k: tuple) -> str:
    kind, name, (y, m) = k
    return f"{kind}\t{name}\t{y:04d}-{m:02d}"


def _order(f: Fact) -> tuple:
    """merge_facts' own order: which of two mentions is tested first."""
    return (f.doc_id, f.span[0] if f.span else 0, f.id)


def _chunks(ids: Iterable, size: int = _BATCH):
    ids = list(ids)
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _read_mentions(db, where: str, params: list) -> dict[int, tuple[Fact, str]]:
    out: dict[int, tuple[Fact, str]] = {}
    for mid, data in db.execute(f"select id, data from mentions where {where}", params).fetchall():
        raw = json.loads(data)
        names = raw.pop("_names", "")
        out[mid] = (Fact.from_json(raw), names)
    return out


def _mentions_by_id(db, ids: Iterable[int]) -> dict[int, tuple[Fact, str]]:
    out: dict[int, tuple[Fact, str]] = {}
    for chunk in _chunks(ids):
        out.update(_read_mentions(db, f"id in ({','.join('?' * len(chunk))})", chunk))
    return out


def _members(facts: list[Fact], mentions: dict[int, tuple[Fact, str]]) -> list[tuple[int, str, str]]:
    """(mention id, doc id, fact id) for every mention, by the sources each fact quotes.

    A mention sharing its document and span with another maps to every fact either is in:
    more than it belongs to only makes a later local merge take in more, never less.
    """
    at: dict[tuple, list[int]] = {}
    for mid, (m, _) in mentions.items():
        at.setdefault((m.doc_id, *m.span), []).append(mid)
    rows: list[tuple[int, str, str]] = []
    for f in facts:
        spans = {(f.doc_id, *f.span)} | {(s.doc_id, *s.span) for s in f.sources}
        for span in spans:
            for mid in at.get(span, ()):
                rows.append((mid, span[0], f.id))
    return rows


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
    blocks: list[tuple[int, str, str]]
    members: list[tuple[int, str, str]]

    def write(self, db, gazetteer) -> None:
        """Apply the plan; call inside a transaction (with the loader's lock held)."""
        ensure_tables(db)
        if self.how == "full":
            db.execute("delete from facts")
            db.execute("delete from mention_blocks")
            db.execute("delete from mention_facts")
        else:
            for chunk in _chunks(self.docs):
                marks = ",".join("?" * len(chunk))
                db.execute(f"delete from mention_facts where doc_id in ({marks})", chunk)
                db.execute(f"delete from mention_blocks where doc_id in ({marks})", chunk)
            for chunk in _chunks(self.dropped):
                db.execute(f"delete from facts where id in ({','.join('?' * len(chunk))})", chunk)
            for chunk in _chunks(self.region):
                db.execute(f"delete from mention_facts where mention_id in ({','.join('?' * len(chunk))})", chunk)
        _insert_facts(db, self.facts)
        db.conn.executemany("insert into mention_blocks (mention_id, doc_id, key) values (?, ?, ?)", self.blocks)
        db.conn.executemany("insert into mention_facts (mention_id, doc_id, fact_id) values (?, ?, ?)", self.members)
        _rebuild_entities(db, gazetteer)
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
    return _plan_touched(db, touched, gazetteer)


def rebuild(db, config: Config, gazetteer, touched: set[str] | None) -> str:
    """Plan and write in one go (inside the caller's transaction); "full" or "local"."""
    p = plan(db, config, gazetteer, touched)
    p.write(db, gazetteer)
    return p.how


def _blocks(mentions: dict[int, tuple[Fact, str]]) -> list[tuple[int, str, str]]:
    return [(mid, m.doc_id, _key(k)) for mid, (m, _) in mentions.items() for k in _block_keys(m)]


def _plan_all(db, curation, from_slack, gazetteer) -> Plan:
    mentions = _read_mentions(db, "1 order by id", [])
    names_at = {(m.doc_id, *m.span): names for m, names in mentions.values()}
    facts = merge_facts([m for m, _ in mentions.values()])
    facts, curated = apply_curation(facts, curation)
    facts, slack_curated = apply_curation(facts, from_slack)  # newer than the file
    curated |= slack_curated
    return Plan("full", [], set(), [], _fact_rows(facts, curated, names_at, gazetteer),
                _blocks(mentions), _members(facts, mentions))


def _plan_touched(db, touched: set[str], gazetteer) -> Plan:
    """Reads only. Rows of the touched documents' old mentions are still in the two tables:
    their ids name no mention any more (or a new mention of a touched document, which is
    in the region anyway), so they are skipped or add a fact to replace, never lose one."""
    docs = sorted(touched)
    dropped: set[str] = set()  # fact ids to replace
    region: dict[int, tuple[Fact, str]] = {}
    for chunk in _chunks(docs):
        marks = ",".join("?" * len(chunk))
        dropped.update(r[0] for r in db.execute(f"select fact_id from mention_facts where doc_id in ({marks})", chunk))
        region.update(_read_mentions(db, f"doc_id in ({marks})", chunk))
    blocks = _blocks(region)

    # Every mention read is decoded and featured once, however many rounds test it.
    seen: dict[int, tuple[Fact, str]] = dict(region)
    feats: dict[int, object] = {}
    orders: dict[int, tuple] = {}

    def read(ids: Iterable[int]) -> None:
        missing = [mid for mid in ids if mid not in seen]
        seen.update(_mentions_by_id(db, missing))

    def feat(mid: int):
        got = feats.get(mid)
        if got is None:
            got = feats[mid] = _features(seen[mid][0])
            orders[mid] = _order(seen[mid][0])
        return got

    frontier = set(region)
    pending_facts = set(dropped)  # facts whose other members must join the region
    while frontier or pending_facts:
        found: set[int] = set()
        # The other members of a fact being replaced are merged again with the region.
        for chunk in _chunks(pending_facts):
            rows = db.execute(
                f"select mention_id from mention_facts where fact_id in ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            found.update(r[0] for r in rows if r[0] not in region)
        # Mentions sharing a block key with the frontier and the same event as one of it.
        keys: dict[str, list[int]] = {}
        for mid in frontier:
            feat(mid)
            for k in _block_keys(seen[mid][0]):
                keys.setdefault(_key(k), []).append(mid)
        neighbours: dict[int, set[str]] = {}
        for chunk in _chunks(keys):
            rows = db.execute(
                f"select mention_id, key from mention_blocks where key in ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            for mid, key in rows:
                if mid not in region and mid not in found:
                    neighbours.setdefault(mid, set()).add(key)
        read(neighbours)
        for mid, mkeys in neighbours.items():
            if mid not in seen:
                continue  # a stale row of a touched document's old mention
            fm = feat(mid)
            om = orders[mid]
            if any(
                _same(fm, feat(o)) if om < orders[o] else _same(feat(o), fm)
                for key in mkeys for o in keys[key]
            ):
                found.add(mid)
        read(found)
        found &= seen.keys()
        new = {mid: seen[mid] for mid in found}
        pending_facts = set()
        for chunk in _chunks(new):
            rows = db.execute(
                f"select fact_id from mention_facts where mention_id in ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            pending_facts.update(r[0] for r in rows if r[0] not in dropped)
        dropped |= pending_facts
        region.update(new)
        frontier = set(new)

    names_at = {(m.doc_id, *m.span): names for m, names in region.values()}
    facts = merge_facts([m for m, _ in region.values()])
    rows = _fact_rows(facts, set(), names_at, gazetteer)
    # Most facts merged again come out as they were: leave their rows (and their full-text
    # index entries) alone, and write only what differs.
    old: dict[str, tuple] = {}
    cols = list(rows[0]) if rows else []
    for chunk in _chunks(dropped if cols else ()):
        cur = db.execute(
            f"select {', '.join(map(quote_ident, cols))} from facts where id in ({','.join('?' * len(chunk))})", chunk
        )
        old.update((r[0], tuple(r)) for r in cur.fetchall())
    changed = [r for r in rows if old.get(r["id"]) != tuple(r.values())]
    kept = {r["id"] for r in rows} - {r["id"] for r in changed}
    log.info("merged %d mentions again into %d facts (%d rows changed, %d replaced, %d kept)",
             len(region), len(facts), len(changed), len(dropped - kept), len(kept))
    return Plan("local", docs, dropped - kept, list(region), changed, blocks, _members(facts, region))


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
    db.execute("delete from entities")
    db["entities"].insert_all(rows.values(), pk="id")
