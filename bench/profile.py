"""Where the time goes: cProfile over one load or over the query mix, for a chosen N.

    python -m bench.profile load --n 1000            # a load from scratch
    python -m bench.profile reload --n 1000          # a reload with 1% of files changed
    python -m bench.profile queries --n 10000        # the in-process query mix
    python -m bench.profile serve --n 1000           # import + start-up of the HTTP server
    python -m bench.profile extract --n 300          # extraction alone, in this process

`extract` first times the documents without the profiler (CPU ms per document: steadier
than wall-clock time on a shared machine), then profiles them.

It reuses the corpus and database `python -m bench` left under bench/corpus/ when they
exist, and prints the functions with the most cumulative and own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
from pathlib import Path

from bench.corpus import DEFAULT_SEED, revise, write_corpus
from bench.queries import query_mix

WORK = Path(__file__).resolve().parent / "corpus"


def _report(profile: cProfile.Profile, limit: int) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("load", "reload", "queries", "serve", "extract"))
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--limit", type=int, default=30, help="rows per listing (default 30)")
    args = parser.parse_args(argv)

    from bot.config import load_config
    from bot.kb.loader import load

    folder = WORK / f"n{args.n}-s{args.seed}"
    docs = folder / "docs"
    write_corpus(args.n, docs, args.seed)
    db_path = folder / "profile.db"
    profile = cProfile.Profile()
    if args.what == "extract":
        return _extract(docs, profile, args.limit)
    if args.what == "load":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        profile.runcall(load, seeds=docs, db_path=db_path, config=load_config(), progress=False)
    else:
        load(seeds=docs, db_path=db_path, config=load_config(), progress=False)
    if args.what == "reload":
        files = sorted(docs.glob("*.txt"))
        picked = random.Random("profile").sample(files, max(1, len(files) // 100))
        originals = {p: p.read_bytes() for p in picked}
        try:
            for p in picked:
                p.write_text(revise(originals[p].decode("utf-8"), 99), encoding="utf-8")
            profile.runcall(load, seeds=docs, db_path=db_path, config=load_config(), progress=False)
        finally:
            for p, data in originals.items():
                p.write_bytes(data)
    elif args.what == "queries":
        from bench.__main__ import _run_once
        from bot.config import load_config
        from bot.context import Context
        from bot.kb.db import open_db

        ctx = Context(open_db(db_path), load_config())
        mix = query_mix(args.seed)
        for q in mix:
            _run_once(q, ctx)

        def run_mix() -> None:
            for _ in range(5):
                for q in mix:
                    _run_once(q, ctx)

        profile.runcall(run_mix)
    elif args.what == "serve":
        # What a cold start pays before the first request: imports and building the app.
        from bot.config import load_config
        from bot.context import Context
        from bot.kb.db import open_db
        from bot.settings import Settings

        def start() -> None:
            from bot.slack.serve import build_asgi

            env = {"SLACK_BOT_TOKEN": "xoxb-x", "SLACK_SIGNING_SECRET": "x",
                   "SLACK_API_BASE_URL": "http://127.0.0.1:9/api/"}
            build_asgi(Context(open_db(db_path), load_config(), Settings.from_env("http", env)))

        profile.runcall(start)
    print(_report(profile, args.limit))
    return 0


def _extract(docs: Path, profile: cProfile.Profile, limit: int) -> int:
    """Extraction as a load's workers run it, without the database: CPU ms per document."""
    import time

    from bot.config import load_config
    from bot.kb.formats import read_bytes
    from bot.kb.loader import _extract_one, _gazetteer

    gazetteer = _gazetteer(load_config())
    jobs = [(p.name, read_bytes(p.read_bytes(), p.name)) for p in sorted(docs.glob("*.txt"))]
    for job in jobs[:5]:  # warm-up: lazily built tables and caches
        _extract_one(*job, gazetteer)
    began = time.process_time()
    for job in jobs:
        _extract_one(*job, gazetteer)
    cpu = time.process_time() - began
    print(f"extraction: {len(jobs)} documents, {cpu * 1000 / len(jobs):.2f} ms CPU per document")
    profile.runcall(lambda: [_extract_one(*job, gazetteer) for job in jobs])
    print(_report(profile, limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
