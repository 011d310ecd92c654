"""Peak memory and CPU of a bot building its search index itself (after a load).

    python -m bench.index_build DB

A load leaves the stored search index stale; the bot that next starts builds it, scans the
passages' FTS vocabulary and stores both (`search.warm` -> `get_index`: `_build`,
`_passage_vocab`, `_store`). This drops DB's stored index (a cache: nothing else in DB
changes, and the run stores it again), runs `search.warm(db)` as a bot's start does, in
this process alone, and prints the process's peak RSS (getrusage: the high-water mark, so
run it in a fresh process), the CPU of each step and the size of the index stored. Run it
on a copy of a database another process may be using.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import time
from pathlib import Path


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.index_build", description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="a loaded database (its stored search index is built again)")
    args = parser.parse_args(argv)

    from bot.kb import search
    from bot.kb.db import open_db

    with sqlite3.connect(args.db) as conn:
        if conn.execute("select 1 from sqlite_master where name = ?", [search.INDEX_TABLE]).fetchone():
            conn.execute(f"delete from {search.INDEX_TABLE}")
    conn.close()
    db = open_db(args.db)
    base = _peak_mb()
    steps: dict[str, float] = {}
    for name in ("_build", "_passage_vocab", "_store"):
        real = getattr(search, name)

        def timed(*a, _real=real, _name=name, **k):
            began = _cpu()
            try:
                return _real(*a, **k)
            finally:
                steps[_name] = steps.get(_name, 0.0) + _cpu() - began

        setattr(search, name, timed)
    began, wall = _cpu(), time.perf_counter()
    index = search.warm(db)
    cpu, wall = _cpu() - began, time.perf_counter() - wall
    stored = db.execute(f"select length(data) from {search.INDEX_TABLE}").fetchone()
    facts = sum(k.size for k in index.kinds.values())
    print(f"{args.db}: {facts:,} facts indexed (a fact of two kinds counts twice)")
    print(f"peak RSS {_peak_mb():,.0f} MB (after opening: {base:,.0f} MB)")
    print(f"CPU {cpu:.1f} s (wall {wall:.1f} s): " + ", ".join(f"{n.lstrip('_')} {s:.1f} s" for n, s in steps.items()))
    print(f"stored index {stored[0] / 1e6:,.1f} MB" if stored else "stored index: not stored")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
