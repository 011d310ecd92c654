"""A full merge built and written group by group (bot.kb.fullmerge) writes what merging the
archive's mentions as full facts in one go writes (remerge._plan_in_memory, merge_groups):
the same fact rows in the same order, the same membership rows, block rows and entities.

The archives are those of tests/unit/test_merge_blocking.py (every kind and precision, time
zones, a month's end, named exercises over weeks, competing month reports), plus facts
that share an id as extracted (told apart by a suffix) and mentions whose sources quote
another mention's sentence (search names are looked up by span across the document), and
three years of mentions (runs of days over months, reports months apart in one document);
each written a group at a time, a few at a time and all at once, and with the groups
decided holding every mention or sweeping over the months (bot.kb.sweep).
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from bot.kb import corrections, fullmerge, remerge, sweep
from bot.kb.curation import Curation
from bot.kb.db import open_db
from bot.kb.entities.gazetteer import default_gazetteer
from bot.kb.merge import merge_groups
from bot.kb.model import Source
from tests.unit.test_merge_blocking import CASES, PEOPLE, mention


def _collisions(rng: random.Random) -> list:
    """The same people on the same day in two places far apart: two events, one id as
    extracted, in three documents, two of them one event."""
    out = []
    for n, (doc, place, countries) in enumerate([("p", "Tokyo", ("Japan",)), ("q", "Darwin", ("Australia",)),
                                                ("r", "Tokyo", ("Japan",))]):
        f = mention(doc, n, location=place, countries=countries, when=(2024, 5, 5),
                    people=("Penny Wong", "Yoko Kamikawa"))
        f.id = "m-same"
        out.append(f)
    return out + CASES[-1][1](rng)


def _shared_sentences(rng: random.Random) -> list:
    """Mentions whose sources quote the sentence of another mention of their document, some
    of them two mentions of one sentence."""
    out = CASES[-2][1](rng)
    by_doc: dict[str, list] = {}
    for f in out:
        by_doc.setdefault(f.doc_id, []).append(f)
    for ms in by_doc.values():
        if len(ms) > 1 and rng.random() < 0.5:
            ms[1].span = list(ms[0].span)  # two facts of one sentence: the later mention's names count
        for f in ms:
            f.sources = [Source(o.doc_id, o.doc_title, o.quote, list(o.span)) for o in [f, *ms] if rng.random() < 0.7
                         or o is f]
    return out


def _years(rng: random.Random) -> list:
    """Three years of mentions: documents reporting events months apart, runs of days over a
    month's end and over two months, year reports, weeks across a month's end, named
    exercises over weeks, mentions with no date or no name to block them by."""
    out = []
    for n in range(400):
        doc = f"y{n // 4:03d}"
        kind = rng.choice(["meeting", "meeting", "exercise", "space"])
        prec = rng.choice(["day", "day", "day", "day", "month", "month", "year", "week"])
        people = tuple(rng.sample(PEOPLE, rng.choice([1, 2, 2, 3])))
        title = {"meeting": rng.choice(["defense chiefs' talks", "Japan-U.S. 2+2 talks"]),
                 "exercise": rng.choice(["Keen Sword exercise", "Orient Shield exercise", "joint drill"]),
                 "space": rng.choice(["Launch: QZSS", "Unit: U.S. Space Force", "space talks"])}[kind]
        if rng.random() < 0.05:
            people, title = (), "talks"  # no block key
        when = (rng.choice([2023, 2024, 2024, 2025]), rng.randint(1, 12), rng.randint(1, 28))
        f = mention(doc, n % 4, kind=kind, prec=prec, people=people, title=title, when=when,
                    days=rng.choice([0, 0, 0, 0, 3, 12, 45]),
                    location=rng.choice([None, None, "Tokyo", "Yokota Air Base", "Darwin"]),
                    countries=rng.choice([("Japan", "United States"),
                                          ("Australia", "Japan", "Philippines", "United States")]))
        if rng.random() < 0.03:
            f.date_start = f.date_end = None
            f.date_precision = None
        out.append(f)
    return out


ARCHIVES = [(name, make) for name, make in CASES if "random" in name or "month" in name]
ARCHIVES += [("facts sharing an id as extracted", _collisions), ("sources quoting other mentions", _shared_sentences),
             *[(f"three years, seed {seed}", _years) for seed in range(4)]]


def _archive(path: Path, facts: list) -> None:
    db = open_db(path)
    with db.atomic():
        db.conn.executemany(
            "insert into mentions (doc_id, seq, kind, data) values (?, ?, ?, ?)",
            [(f.doc_id, n, f.kind, json.dumps({**f.to_json(), "_names": f"{(f.participants or [''])[0]} | {f.doc_id}:{n}"}))
             for n, f in enumerate(facts)])
    db.close()


def _merged(path: Path, planner) -> dict[str, list]:
    db = open_db(path)
    gazetteer = default_gazetteer()
    plan = planner(db, gazetteer)
    with db.atomic():
        plan.write(db, gazetteer)
    db.close()
    con = sqlite3.connect(path)
    out = {
        "facts": con.execute("select * from facts order by rowid").fetchall(),
        "members": con.execute("select * from mention_facts order by rowid").fetchall(),
        "blocks": sorted(con.execute("select * from mention_blocks").fetchall()),
        "entities": con.execute("select * from entities order by id").fetchall(),
    }
    con.close()
    return out


def _in_memory(db, gazetteer):
    return remerge._plan_in_memory(db, Curation(), corrections.as_curation(db), gazetteer)


def _by_groups(db, gazetteer):
    plan = remerge._plan_all(db, Curation(), corrections.as_curation(db), gazetteer)
    assert plan.groups is not None
    return plan


@pytest.mark.parametrize(("case", "make"), ARCHIVES, ids=[c for c, _ in ARCHIVES])
@pytest.mark.parametrize(("per_write", "held"), [(1, 10**9), (7, 10**9), (500, 10**9), (7, 0)],
                         ids=["1 at a time", "7 at a time", "500 at a time", "swept over months"])
def test_written_group_by_group_as_merged_at_once(case, make, per_write, held, tmp_path, monkeypatch):
    """`held` 0: the groups decided a window of months at a time (bot.kb.sweep), as an
    archive larger than fullmerge.IN_MEMORY_MAX mentions is."""
    facts = make(random.Random(case))
    _archive(tmp_path / "a.db", facts)
    _archive(tmp_path / "b.db", facts)
    monkeypatch.setattr(fullmerge, "_GROUPS_PER_WRITE", per_write)
    monkeypatch.setattr(fullmerge, "IN_MEMORY_MAX", held)
    whole = _merged(tmp_path / "a.db", _in_memory)
    grouped = _merged(tmp_path / "b.db", _by_groups)
    assert whole["facts"] and len(whole["members"]) == len(facts)
    for table in whole:
        assert grouped[table] == whole[table], table


@pytest.mark.parametrize("held", [10**9, 0], ids=["held at once", "swept over months"])
def test_the_groups_are_merge_groups(held, tmp_path, monkeypatch):
    """The same facts, ids and members as merge_groups over the archive as full facts."""
    monkeypatch.setattr(fullmerge, "IN_MEMORY_MAX", held)
    facts = _collisions(random.Random(1))
    _archive(tmp_path / "a.db", facts)
    db = open_db(tmp_path / "a.db")
    groups = fullmerge.plan_groups(db)
    rows = {mid: json.loads(data)["id"] for mid, data in db.execute("select id, data from mentions")}
    db.close()
    expected = [(f.id, [m.id for m in ms]) for f, ms in merge_groups(facts)]
    got = [(groups.ids[g], [rows[m] for m in groups.members[groups.starts[g]:groups.starts[g + 1]]])
           for g in range(len(groups))]
    assert got == expected
    assert any("~" in fid for fid, _ in got)  # the shared id was told apart


def test_the_sweep_holds_a_few_months_of_mentions(tmp_path, monkeypatch):
    """Swept over months, a merge of three years holds the features of a window of months at
    a time, never the archive's (what bounds a large archive's full merge in memory), and
    gives the groups of holding them all."""
    facts = _years(random.Random(7)) + _years(random.Random(8))
    _archive(tmp_path / "a.db", facts)
    held_most = 0
    take = sweep._Held.take

    def counted(self, ranks):
        nonlocal held_most
        take(self, ranks)
        held_most = max(held_most, len(self.facts))

    monkeypatch.setattr(sweep._Held, "take", counted)
    db = open_db(tmp_path / "a.db")
    monkeypatch.setattr(fullmerge, "IN_MEMORY_MAX", 0)
    swept = fullmerge.plan_groups(db)
    monkeypatch.setattr(fullmerge, "IN_MEMORY_MAX", 10**9)
    whole = fullmerge.plan_groups(db)
    db.close()
    assert 0 < held_most < len(facts) / 2
    assert (swept.members, swept.starts, swept.ids) == (whole.members, whole.starts, whole.ids)
