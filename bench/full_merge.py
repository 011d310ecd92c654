"""Peak memory and CPU of one full merge (every mention merged again) of a loaded database.

    python -m bench.full_merge DB [--copy PATH] [--keep]
    python -m bench.full_merge COPY --in-place      # a copy made beforehand (sqlite3 .backup)

A full merge follows the first load of an archive and every change of the extractor or of
the merge rules; at 100,000 documents its memory was the load's peak (issue 16). This
copies DB (SQLite's backup: the original is never written), then runs what the loader runs
for it, `remerge.plan(db, config, gazetteer, None)` and `Plan.write` in one transaction, in
this process alone, and prints the process's peak RSS (getrusage: the high-water mark,
so run it in a fresh process) with the CPU and wall time of the plan and of the write. The
copy is deleted afterwards unless --keep (to compare its facts with another tree's).
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import sys
import time
from pathlib import Path


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.full_merge", description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="a loaded database (only read)")
    parser.add_argument("--copy", type=Path, help="where the copy goes (default: DB.fullmerge.db)")
    parser.add_argument("--keep", action="store_true", help="keep the merged copy")
    parser.add_argument("--in-place", action="store_true",
                        help="merge DB itself, no copy (for a copy made beforehand: a database of 4 GB)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    if args.in_place:
        copy = args.db
        args.keep = True
    else:
        copy = args.copy or args.db.with_suffix(".fullmerge.db")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        with sqlite3.connect(args.db) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
        src.close()
        dst.close()
    copied = time.perf_counter() - began

    from bot.config import load_config
    from bot.kb import loader, remerge
    from bot.kb.db import open_db

    config = load_config()
    gazetteer = loader._gazetteer(config)
    db = open_db(copy)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mentions = db.execute("select count(*) from mentions").fetchone()[0]
    t0, c0 = time.perf_counter(), _cpu()
    plan = remerge.plan(db, config, gazetteer, None)
    t1, c1 = time.perf_counter(), _cpu()
    plan_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with db.atomic():
        plan.write(db, gazetteer)
    t2, c2 = time.perf_counter(), _cpu()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    facts = db.execute("select count(*) from facts").fetchone()[0]
    db.close()
    print(f"database {args.db} ({mentions:,} mentions; copied in {copied:.1f} s)")
    print(f"plan ({plan.how}): {t1 - t0:.1f} s wall, {c1 - c0:.1f} s CPU; peak RSS so far {plan_rss:.0f} MB")
    print(f"write: {t2 - t1:.1f} s wall, {c2 - c1:.1f} s CPU; {facts:,} facts")
    print(f"peak RSS {peak:.0f} MB (before the merge {base_rss:.0f} MB)")
    if not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
