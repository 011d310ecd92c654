"""Two yardsticks for the fact commands, timed on the same database and the same queries.

- naive: what a first version would do, a Python loop over every fact of the kind,
  scoring each with difflib.SequenceMatcher against its title, participants and
  location, then filtering by date and sorting. allybot should be far faster (target:
  at least 20x at 10,000 documents).
- raw: the building blocks allybot is made of and cannot beat: one FTS5 query on
  facts_fts plus one rapidfuzz process.extract over the entity names. allybot should
  stay within a small factor of them (target: 3x); more means overhead of its own.

Both parse the query with the command's own parser, so the words and date filters are
the same ones allybot answers.
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3

from rapidfuzz import fuzz, process

from commands.query import Query

PAGE_SIZE = 5
KIND = {"meetings": "meeting", "exercises": "exercise", "space": "space"}


def _in_range(start: str | None, end: str | None, since: str | None, until: str | None) -> bool:
    if not since and not until:
        return True
    if not start:
        return False
    end = end or start
    return (not since or end >= since) and (not until or start <= until)


def naive(conn: sqlite3.Connection, command: str, query: Query) -> list[str]:
    """Fact ids, best first: every fact of the kind read and scored in a Python loop."""
    rows = conn.execute(
        "select id, title, participants, location, date_start, date_end from facts where kind = ?",
        [KIND[command]],
    ).fetchall()
    text = " ".join(query.words).lower()
    scored: list[tuple[float, str, str]] = []
    for fid, title, participants, location, start, end in rows:
        if not _in_range(start, end, query.since, query.until):
            continue
        if not text:
            scored.append((0.0, start or "", fid))
            continue
        fields = [title or "", location or "", *json.loads(participants or "[]")]
        score = max(difflib.SequenceMatcher(None, text, f.lower()).ratio() for f in fields)
        if score >= 0.5:
            scored.append((score, start or "", fid))
    scored.sort(reverse=True)
    return [fid for _, _, fid in scored[:PAGE_SIZE]]


_WORD = re.compile(r"\w+")


class Raw:
    """The raw blocks; entity names are read once, as any long-running server would."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        names: set[str] = set()
        for name, aliases in conn.execute("select name, aliases from entities"):
            names.add(name)
            names.update(json.loads(aliases or "[]"))
        self.names = sorted(names)

    def run(self, command: str, query: Query) -> list[str]:
        terms = [t for w in query.words for t in _WORD.findall(w.lower())]
        text = " ".join(query.words)
        if not terms:
            rows = self.conn.execute(
                "select id from facts where kind = ? order by date_start desc limit ?",
                [KIND[command], PAGE_SIZE],
            ).fetchall()
            return [r[0] for r in rows]
        match = " OR ".join(f'"{t}"*' for t in terms)
        rows = self.conn.execute(
            """select f.id from facts_fts join facts f on f.rowid = facts_fts.rowid
               where facts_fts match ? and f.kind = ? order by bm25(facts_fts) limit ?""",
            [match, KIND[command], PAGE_SIZE * 4],
        ).fetchall()
        process.extract(text, self.names, scorer=fuzz.WRatio, limit=PAGE_SIZE)
        return [r[0] for r in rows]


def raw_lookup(conn: sqlite3.Connection, text: str) -> list[int]:
    """/lookup's yardstick: one FTS5 query over the passages on the same words (any of them,
    as prefixes), ranked by bm25, the best page of passages read with their documents."""
    terms = [t for t in _WORD.findall(text.lower())]
    if not terms:
        return []
    match = " OR ".join(f'"{t}"*' for t in terms)
    rows = conn.execute(
        """select p.rowid, p.text, d.title from
             (select rowid, rank from passages_fts where passages_fts match ? order by rank limit ?) r
           join passages p on p.rowid = r.rowid join documents d on d.id = p.doc_id
           order by r.rank""",
        [match, PAGE_SIZE],
    ).fetchall()
    return [r[0] for r in rows]
