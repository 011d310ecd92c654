"""Reloads against one database built once: unchanged, 1% changed, a document added from Slack.

    python -m bench.reload --n 10000 --runs 3 --work /tmp/reload

A load from scratch at 10,000 documents takes minutes; the reload figures need only its
result. This builds the corpus and a base database once under --work (again only when the
extractor changed; a change of the merge rules costs one full merge of the base), then
times each case on a fresh copy of it, --runs times, and prints the medians with the
loader's own split of each reload (its `load phases` and merge log lines).

The cases are those of `python -m bench`: a reload with nothing changed; a reload after
1% of the files were revised (a correction note appended, different files each run); and
a document added from Slack until its reply is ready (`bot.kb.added.add`), and removed
again. One more: 1% of the files replaced by other documents (all their events new). And
`full`: every mention merged again, as after a change of the merge rules or of curation
(the first load of an archive ends with the same merge).
"""

from __future__ import annotations

import argparse
import logging
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from bench.corpus import DEFAULT_SEED, document, revise, write_corpus


class _Lines(logging.Handler):
    """Keeps the loader's and the merge's info lines of the case being timed."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name in ("bot.kb.loader", "bot.kb.remerge") and record.levelno == logging.INFO:
            self.lines.append(record.getMessage())


def _copy_db(src: Path, dst: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reload", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000, help="corpus size (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per case; the median is shown (default 3)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default {DEFAULT_SEED})")
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "corpus",
                        help="where the corpus and databases go (default bench/corpus)")
    parser.add_argument("--cases", default="unchanged,changed,replaced,added",
                        help="comma-separated cases to time (default unchanged,changed,replaced,added; "
                        "also full)")
    args = parser.parse_args(argv)
    cases = set(args.cases.split(","))

    from bench.formats import bench_added
    from bot.config import load_config
    from bot.kb.loader import load

    lines = _Lines()
    logging.getLogger("bot.kb").addHandler(lines)
    logging.getLogger("bot.kb").setLevel(logging.INFO)

    folder = args.work / f"n{args.n}-s{args.seed}"
    docs = folder / "docs"
    write_corpus(args.n, docs, args.seed)
    base = folder / "base.db"
    config = load_config()
    started = time.perf_counter()
    summary = load(seeds=docs, db_path=base, config=config, progress=False)
    print(f"base database: {summary.line()} ({time.perf_counter() - started:.1f} s to bring it up to date)",
          file=sys.stderr)
    files = sorted(p for p in docs.iterdir() if p.suffix == ".txt")
    run_db = folder / "reload.db"
    figures: dict[str, list[float]] = {}

    def cpu() -> tuple[float, float]:
        """CPU seconds of this process and of its reaped children (the extraction workers):
        steadier than wall-clock time on a shared machine."""
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime

    def timed(case: str, fn) -> None:
        _copy_db(base, run_db)
        lines.lines.clear()
        cpu0 = cpu()
        began = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - began
        own, workers = (b - a for a, b in zip(cpu0, cpu(), strict=True))
        figures.setdefault(case, []).append(seconds)
        print(f"  {case}: {seconds:.2f} s{'' if result is None else f' ({result})'}; "
              f"CPU {own:.2f} s here, {workers:.2f} s in workers", file=sys.stderr)
        for line in lines.lines:
            print(f"      {line}", file=sys.stderr)

    def reload_with_rewritten(sample_seed: str, case: str, rewrite) -> None:
        """Rewrite 1% of the files (rewrite(i, old text) -> new text), time the reload, restore them."""
        picked = random.Random(sample_seed).sample(files, max(1, len(files) // 100))
        originals = {p: p.read_bytes() for p in picked}
        try:
            for i, p in enumerate(picked):
                p.write_text(rewrite(i, originals[p].decode("utf-8")), encoding="utf-8")
            timed(f"{case} ({len(picked)} files)", lambda: load(seeds=docs, db_path=run_db, config=config).facts)
        finally:
            for p, data in originals.items():
                p.write_bytes(data)

    for r in range(args.runs):
        print(f"run {r + 1}/{args.runs}", file=sys.stderr)
        if "unchanged" in cases:
            timed("reload, nothing changed", lambda: load(seeds=docs, db_path=run_db, config=config).facts)
        if "changed" in cases:
            reload_with_rewritten(f"{args.seed}:changed:{r}", "reload, 1% changed",
                                  lambda i, text, r=r: revise(text, r))
        if "replaced" in cases:
            reload_with_rewritten(f"{args.seed}:replaced:{r}", "reload, 1% replaced by new documents",
                                  lambda i, text, r=r: document(args.n + 1000 * (r + 1) + i, args.seed).text)
        if "full" in cases:
            def merge_all() -> int:
                with sqlite3.connect(run_db) as conn:  # as if the merge rules had changed
                    conn.execute("update meta set value = 'stale' where key = 'facts_built_with'")
                conn.close()
                return load(seeds=docs, db_path=run_db, config=config).facts

            timed("full merge of every mention", merge_all)
        if "added" in cases:
            def add_and_remove(r: int = r) -> str:
                added, removed = bench_added(docs, run_db, args.n + 1 + r, args.seed)
                figures.setdefault("document added from Slack to reply", []).append(added)
                figures.setdefault("  and removed again", []).append(removed)
                return f"added {added:.2f} s, removed again {removed:.2f} s"

            timed("added from Slack, then removed", add_and_remove)
    print(f"\nmedians of {args.runs} run(s), N = {args.n:,}, each case on a fresh copy of the base database:")
    for case, values in figures.items():
        print(f"  {case:<52} {statistics.median(values):8.2f} s   ({', '.join(f'{v:.2f}' for v in values)})")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{run_db}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(docs / "added", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
