"""`python -m bench`: how allybot's costs grow with the number of documents.

For each N (default 100, 1,000 and 10,000) it writes a synthetic corpus (bench/corpus.py),
then measures, each figure the median of several runs:

- load: documents/s and facts/s from scratch, a reload with nothing changed, a reload
  with 1% of the files changed (the weekly case: a few documents added or corrected);
- commands in process: p50/p99 latency of /meetings, /exercises, /space and /lookup over
  a fixed query mix (bench/queries.py), with the naive and raw baselines
  (bench/baselines.py) on the same queries, as ratios;
- over HTTP, against a real `allybot serve --http` subprocess with signed requests:
  the acknowledgement latency and the time until the answer reaches response_url;
- cold start of that server to its first /healthz 200, and its peak RSS after the mix.

    python -m bench                          # N = 100, 1,000, 10,000
    python -m bench --sizes 100 --runs 3     # one size
    python -m bench --json results.json      # also keep the figures as JSON
    python -m bench --sizes 100000 --db DB   # commands only, on a database already loaded
                                             # from that corpus (the 100,000 load runs once)

Loading 10,000 documents dominates the run time, so sizes from --large (default 10,000)
load only --large-load-runs times (default 1); the table says so.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import baselines
from bench.corpus import DEFAULT_SEED, build_cast, revise, write_corpus
from bench.queries import FACT_COMMANDS, Q, query_mix

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "corpus"
COMMANDS = (*FACT_COMMANDS, "lookup")
TARGETS = {  # issue 16, at N = 10,000 (RESULTS.md compares the table with them)
    "p99_lookup_ms": 40.0, "lookup_raw_ratio": 2.0, "p99_fact_commands_ms": 10.0, "naive_speedup": 20.0,
    "p99_http_ms": 100.0, "docs_per_s": 250.0, "changed_s": 2.0, "unchanged_s": 0.5,
    "first_answer_ms": 1000.0, "cold_start_s": 1.5, "rss_mb": 200.0,
}


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


@dataclass
class SizeResult:
    n: int
    corpus_mb: float = 0.0
    load_runs: int = 0
    query_runs: int = 0
    facts: int = 0
    facts_by_kind: dict[str, int] = field(default_factory=dict)
    dated_share: float = 0.0
    skipped: int = 0
    docs_per_s: float | None = None
    facts_per_s: float | None = None
    scratch_s: float | None = None
    unchanged_s: float | None = None
    changed_s: float | None = None
    changed_files: int = 0
    in_process: dict[str, tuple[float, float]] = field(default_factory=dict)  # ms p50, p99
    naive: tuple[float, float] | None = None
    raw: tuple[float, float] | None = None
    raw_lookup: tuple[float, float] | None = None  # one FTS5 bm25 query on /lookup's words
    formats: dict[str, tuple[float, float]] = field(default_factory=dict)  # ms read, read + extract
    added_s: float | None = None  # a document added from Slack until its reply is ready
    removed_s: float | None = None
    answered: dict[str, str] = field(default_factory=dict)  # "with results / queries"
    http_ack: tuple[float, float] | None = None
    http_answer: dict[str, tuple[float, float]] = field(default_factory=dict)
    http_failures: list[str] = field(default_factory=list)
    cold_start_s: float | None = None
    first_answer_ms: float | None = None  # the first command after start, caches cold
    rss_mb: float | None = None
    errors: list[str] = field(default_factory=list)


# --- load ----------------------------------------------------------------------------------


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def bench_load(res: SizeResult, docs: Path, folder: Path, runs: int, seed: int) -> Path:
    """Load from scratch, reload unchanged, reload with 1% changed; returns the final database."""
    from bot.config import load_config
    from bot.kb.loader import extractor_fingerprint, load

    config = load_config()
    files = sorted(p for p in docs.iterdir() if p.suffix == ".txt")
    scratch, unchanged, changed, facts_rate = [], [], [], []
    db_path = folder / "run0.db"
    for r in range(runs):
        _remove_db(db_path)

        def timed(db_path: Path = db_path):
            started = time.perf_counter()
            summary = load(seeds=docs, db_path=db_path, config=config, progress=False)
            return summary, time.perf_counter() - started

        first_fingerprint = extractor_fingerprint(config)
        first, seconds = timed()
        scratch.append(seconds)
        facts_rate.append(first.facts / seconds)
        res.facts, res.skipped = first.facts, len(first.skipped)
        for _attempt in range(3):
            fingerprint = extractor_fingerprint(config)
            again, seconds = timed()
            if not again.loaded:
                break
            # Someone editing bot/kb/ or the gazetteer mid-run changes the extractor,
            # which rightly forces a re-read: that reload is not the "nothing changed" case.
            why = "the extractor changed meanwhile" if extractor_fingerprint(config) != fingerprint or \
                fingerprint != first_fingerprint else "nothing had changed"
            res.errors.append(f"reload re-read {len(again.loaded)} documents ({why}); measured again")
            first_fingerprint = extractor_fingerprint(config)
        unchanged.append(seconds)

        picked = random.Random(f"{seed}:changed:{r}").sample(files, max(1, len(files) // 100))
        originals = {p: p.read_bytes() for p in picked}
        try:
            for p in picked:
                p.write_text(revise(originals[p].decode("utf-8"), r), encoding="utf-8")
            after, seconds = timed()
            changed.append(seconds)
            res.changed_files = len(picked)
            if len(after.loaded) != len(picked):
                res.errors.append(f"1% reload re-read {len(after.loaded)} documents, {len(picked)} changed")
        finally:
            # The next run loads from scratch; the database keeps the revised versions,
            # which answer the query mix the same (a correction note was appended).
            for p, data in originals.items():
                p.write_bytes(data)
    res.load_runs = runs
    res.scratch_s = median(scratch)
    res.docs_per_s = res.n / res.scratch_s
    res.facts_per_s = median(facts_rate)
    res.unchanged_s = median(unchanged)
    res.changed_s = median(changed)
    return db_path


# --- commands in process ------------------------------------------------------------------


def _run_once(q: Q, ctx) -> int:
    """Run one query as Slack would; the number of results (0 for a user error)."""
    from commands import dispatch
    from commands.errors import CommandError, UsageError

    try:
        result = dispatch(q.line, ctx)
    except (UsageError, CommandError):
        return 0
    return len(result.items) + len(getattr(result, "passages", []))


def _timed_samples(mix: list[Q], reps: int, fn: Callable[[Q], object]) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {}
    for _ in range(reps):
        for q in mix:
            started = time.perf_counter()
            fn(q)
            samples.setdefault(q.command, []).append((time.perf_counter() - started) * 1000)
    return samples


def _p50_p99(values: list[float]) -> tuple[float, float]:
    return percentile(values, 50), percentile(values, 99)


def _median_pair(pairs: list[tuple[float, float]]) -> tuple[float, float] | None:
    if not pairs:
        return None
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def bench_commands(res: SizeResult, db_path: Path, mix: list[Q], runs: int, reps: int, naive: bool = True) -> None:
    from bot.config import load_config
    from bot.context import Context
    from bot.kb.db import open_db
    from commands import split

    db = open_db(db_path)
    ctx = Context(db, load_config())
    conn: sqlite3.Connection = db.conn
    facts_mix = [q for q in mix if q.command in FACT_COMMANDS]
    raw = baselines.Raw(conn)

    def parsed(q: Q):
        command, text = split(q.line)
        return command.module.parse(text)

    def run_naive(q: Q):
        return baselines.naive(conn, q.command, parsed(q))

    def run_raw(q: Q):
        return raw.run(q.command, parsed(q))

    counts: dict[str, list[int]] = {}
    for q in mix:  # warm-up, and what each query finds
        counts.setdefault(q.command, []).append(_run_once(q, ctx))
        if q.command in FACT_COMMANDS:
            if naive:
                run_naive(q)
            run_raw(q)
    res.answered = {c: f"{sum(1 for n in ns if n)}/{len(ns)}" for c, ns in counts.items()}

    per_command: dict[str, list[tuple[float, float]]] = {}
    facts_all, naive_all, raw_all, raw_lookup_all = [], [], [], []
    lookup_mix = [q for q in mix if q.command == "lookup"]
    for _ in range(runs):
        ours = _timed_samples(mix, reps, lambda q: _run_once(q, ctx))
        for c, values in ours.items():
            per_command.setdefault(c, []).append(_p50_p99(values))
        facts_all.append(_p50_p99([v for c in FACT_COMMANDS for v in ours.get(c, [])]))
        if naive:
            naive_all.append(_p50_p99([v for vs in _timed_samples(facts_mix, reps, run_naive).values() for v in vs]))
        raw_all.append(_p50_p99([v for vs in _timed_samples(facts_mix, reps, run_raw).values() for v in vs]))
        raw_lookup_all.append(_p50_p99([
            v for vs in _timed_samples(lookup_mix, reps, lambda q: baselines.raw_lookup(conn, q.text)).values()
            for v in vs]))
    res.query_runs = runs
    res.in_process = {c: _median_pair(pairs) for c, pairs in per_command.items()}
    res.in_process["fact commands"] = _median_pair(facts_all)
    res.naive = _median_pair(naive_all)
    res.raw = _median_pair(raw_all)
    res.raw_lookup = _median_pair(raw_lookup_all)
    rows = db.execute("select kind, count(*), sum(date_start is not null) from facts group by kind").fetchall()
    res.facts_by_kind = {k: n for k, n, _ in rows}
    total = sum(n for _, n, _ in rows)
    res.dated_share = sum(d or 0 for _, _, d in rows) / total if total else 0.0
    db.close()


# --- over HTTP -----------------------------------------------------------------------------


def bench_http(res: SizeResult, db_path: Path, mix: list[Q], runs: int, reps: int, folder: Path) -> None:
    from bench.http import HttpTimes, TimedFakeSlack, run_mix, start_server

    fake = TimedFakeSlack().start()
    cold, rss, acks, firsts = [], [], [], []
    answers: dict[str, list[tuple[float, float]]] = {}
    counter = [0]
    log_path = folder / "serve.log"
    log_path.unlink(missing_ok=True)
    try:
        for _ in range(runs):
            server = start_server(db_path, fake, log_path)
            try:
                cold.append(server.cold_start)
                times = HttpTimes()
                first = HttpTimes()
                run_mix(server, fake, mix[:1], 1, first, counter)  # the first request, caches cold
                firsts += [t * 1000 for ts in first.answer.values() for t in ts]
                run_mix(server, fake, mix, reps, times, counter)
                rss.append(server.peak_rss_mb())
            finally:
                server.stop()
            if times.ack:
                acks.append(_p50_p99([t * 1000 for t in times.ack]))
            for c, values in times.answer.items():
                answers.setdefault(c, []).append(_p50_p99([t * 1000 for t in values]))
            res.http_failures += times.failures
    finally:
        fake.stop()
    res.cold_start_s = median(cold)
    res.first_answer_ms = median(firsts)
    res.rss_mb = median(rss)
    res.http_ack = _median_pair(acks)
    res.http_answer = {c: _median_pair(pairs) for c, pairs in answers.items()}
    every = [p for c in FACT_COMMANDS for p in answers.get(c, [])]
    if every:
        # The fact commands together: the median over runs of each command's figures is
        # shown per command; this row is the worst command, which is what the target is about.
        res.http_answer["fact commands"] = max(
            (res.http_answer[c] for c in FACT_COMMANDS if c in res.http_answer), key=lambda p: p[1]
        )


# --- the table -----------------------------------------------------------------------------


def _ms(pair: tuple[float, float] | None) -> str:
    return "-" if pair is None else f"{pair[0]:.1f} / {pair[1]:.1f}"


def _ratio(ours: tuple[float, float] | None, base: tuple[float, float] | None) -> str:
    if not ours or not base or not base[0] or not base[1]:
        return "-"
    return f"{ours[0] / base[0]:.3g} / {ours[1] / base[1]:.3g}"


def _num(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def table(results: list[SizeResult], header: str) -> str:
    rows: list[tuple[str, list[str]]] = [
        ("corpus size (MB)", [f"{r.corpus_mb:.1f}" for r in results]),
        ("load runs / query runs", [f"{r.load_runs} / {r.query_runs}" for r in results]),
        ("facts (meeting/exercise/space)", [
            f"{r.facts} ({'/'.join(str(r.facts_by_kind.get(k, 0)) for k in ('meeting', 'exercise', 'space'))})"
            for r in results]),
        ("facts with a date (%)", [f"{100 * r.dated_share:.0f}" for r in results]),
        ("load from scratch (docs/s)", [_num(r.docs_per_s, ".0f") for r in results]),
        ("load from scratch (facts/s)", [_num(r.facts_per_s, ".0f") for r in results]),
        ("load from scratch (s)", [_num(r.scratch_s, ".2f") for r in results]),
        ("reload, nothing changed (s)", [_num(r.unchanged_s, ".2f") for r in results]),
        ("reload, 1% changed (s)", [
            f"{_num(r.changed_s, '.2f')} ({r.changed_files} files)" for r in results]),
    ]
    for c in (*COMMANDS, "fact commands"):
        rows.append((f"in process /{c} p50 / p99 (ms)" if c in COMMANDS else
                     "in process, fact commands (ms)", [_ms(r.in_process.get(c)) for r in results]))
    rows += [
        ("  naive difflib loop (ms)", [_ms(r.naive) for r in results]),
        ("  raw FTS5 + rapidfuzz (ms)", [_ms(r.raw) for r in results]),
        ("  allybot/naive p50 / p99", [_ratio(r.in_process.get("fact commands"), r.naive) for r in results]),
        ("  allybot/raw p50 / p99", [_ratio(r.in_process.get("fact commands"), r.raw) for r in results]),
        ("  raw FTS5 bm25 on /lookup's words (ms)", [_ms(r.raw_lookup) for r in results]),
        ("  /lookup / raw FTS5 p50 / p99", [_ratio(r.in_process.get("lookup"), r.raw_lookup) for r in results]),
        ("queries with results (m, e, s, l)", [
            " ".join(r.answered[c] for c in COMMANDS if c in r.answered) or "-" for r in results]),
        ("HTTP ack p50 / p99 (ms)", [_ms(r.http_ack) for r in results]),
    ]
    for c in COMMANDS:
        rows.append((f"HTTP /{c} answer p50 / p99 (ms)", [_ms(r.http_answer.get(c)) for r in results]))
    rows += [
        ("cold start to /healthz 200 (s)", [_num(r.cold_start_s, ".2f") for r in results]),
        ("first answer after start (ms)", [_num(r.first_answer_ms, ".0f") for r in results]),
        ("server peak RSS after mix (MB)", [_num(r.rss_mb, ".0f") for r in results]),
        ("document added from Slack to reply (s)", [_num(r.added_s, ".2f") for r in results]),
        ("  and removed again (s)", [_num(r.removed_s, ".2f") for r in results]),
    ]
    for fmt in ("txt", "html", "pdf"):
        rows.append((f"read .{fmt} / read + extract (ms/doc)", [
            f"{r.formats[fmt][0]:.1f} / {r.formats[fmt][1]:.1f}" if fmt in r.formats else "-" for r in results]))
    label_w = max(len(label) for label, _ in rows) + 2
    col_w = max([14] + [len(v) + 2 for _, vs in rows for v in vs])
    lines = [header, ""]
    lines.append(" " * label_w + "".join(f"N={r.n:,}".rjust(col_w) for r in results))
    for label, values in rows:
        lines.append(label.ljust(label_w) + "".join(v.rjust(col_w) for v in values))
    notes = [f"N={r.n:,}: {e}" for r in results for e in r.errors]
    notes += [f"N={r.n:,}: HTTP {f}" for r in results for f in r.http_failures[:5]]
    if notes:
        lines += ["", "problems:", *(f"  {n}" for n in notes)]
    return "\n".join(lines)


def environment(args) -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, timeout=5).stdout.strip()
    except OSError:
        commit = "?"
    return (
        f"allybot benchmark: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, commit {commit or '?'}, "
        f"seed {args.seed}; median of {args.runs} runs (loads at N >= {args.large:,}: "
        f"{min(args.runs, args.large_load_runs)} run); {args.reps} in-process and {args.http_reps} "
        f"HTTP passes over a {len(query_mix(args.seed))}-query mix per run"
    )


def run_size(n: int, args) -> SizeResult:
    res = SizeResult(n)
    folder = args.work / f"n{n}-s{args.seed}"
    docs = folder / "docs"
    if args.db:
        folder.mkdir(parents=True, exist_ok=True)  # for the server's log; no corpus written
    else:
        if docs.exists() and len(list(docs.iterdir())) != n:
            shutil.rmtree(docs)
        paths = write_corpus(n, docs, args.seed)
        res.corpus_mb = sum(p.stat().st_size for p in paths) / 1e6
    mix = query_mix(args.seed, build_cast(args.seed))
    load_runs = min(args.runs, args.large_load_runs) if n >= args.large else args.runs

    def say(message: str) -> None:
        print(f"[N={n:,}] {message}", file=sys.stderr, flush=True)

    if args.db:
        db_path = args.db
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
            res.facts = conn.execute("select count(*) from facts").fetchone()[0]
        say(f"{db_path}: {res.facts} facts; timing commands")
    else:
        say(f"loading ({load_runs} run(s))")
        try:
            db_path = bench_load(res, docs, folder, load_runs, args.seed)
        except Exception as exc:  # a loader crash is a finding: report it with the other sizes
            res.errors.append(f"load failed: {type(exc).__name__}: {exc}")
            say(f"load failed: {exc!r}")
            return res
        say(f"loaded {res.facts} facts in {res.scratch_s:.1f} s; timing commands")
    bench_commands(res, db_path, mix, args.runs, args.reps, naive=not args.no_naive)
    if not args.no_http:
        say("timing allybot serve --http")
        try:
            bench_http(res, db_path, mix, args.runs, args.http_reps, folder)
        except Exception as exc:  # a missing or broken server must not lose the other figures
            res.errors.append(f"HTTP benchmark failed: {exc}")
    if args.db:
        return res  # adding a document would change the database given
    from bench.formats import bench_added, bench_formats

    say("timing a document added from Slack, and the formats")
    try:  # after the HTTP figures: a new document is a new load generation
        res.added_s, res.removed_s = bench_added(docs, db_path, n + 1, args.seed)
    except Exception as exc:  # noqa: BLE001 - a finding, reported with the other figures
        res.errors.append(f"adding a document failed: {type(exc).__name__}: {exc}")
    try:
        res.formats = bench_formats(docs)
    except Exception as exc:  # noqa: BLE001
        res.errors.append(f"format figures failed: {type(exc).__name__}: {exc}")
    return res


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000",
                        help="comma-separated corpus sizes (default 100,1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is shown (default 3)")
    parser.add_argument("--large", type=int, default=10_000, help="sizes from here load fewer times (default 10000)")
    parser.add_argument("--large-load-runs", type=int, default=1, help="load runs for large sizes (default 1)")
    parser.add_argument("--reps", type=int, default=5, help="in-process passes over the query mix per run (default 5)")
    parser.add_argument("--http-reps", type=int, default=2, help="HTTP passes over the query mix per run (default 2)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default {DEFAULT_SEED})")
    parser.add_argument("--work", type=Path, default=WORK, help="where corpora and databases go (default bench/corpus)")
    parser.add_argument("--no-http", action="store_true", help="skip the allybot serve --http figures")
    parser.add_argument("--no-naive", action="store_true",
                        help="skip the naive difflib baseline (seconds a query at 100,000 documents)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--db", type=Path, help="time the commands on this database, loaded from the corpus of "
                        "the one size given and --seed, instead of loading (only its stored search index may be "
                        "written, as the bot does)")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.replace(" ", ",").split(",") if s]
    except ValueError:
        parser.error(f"--sizes: expected numbers like 100,1000, got {args.sizes!r}")
    if not sizes or min(sizes) < 1 or args.runs < 1 or args.reps < 1 or args.http_reps < 1:
        parser.error("sizes, --runs, --reps and --http-reps must be positive")
    if args.db and (len(sizes) != 1 or not args.db.is_file()):
        parser.error("--db: give one existing database file and the one size it was loaded with")
    logging.basicConfig(level=logging.ERROR)  # the loader warns per undated document; not here
    started = time.perf_counter()
    results = [run_size(n, args) for n in sizes]
    header = environment(args)
    text = table(results, header)
    print(text)
    print(f"\n(total {time.perf_counter() - started:.0f} s; command: python -m bench "
          f"{' '.join(argv if argv is not None else sys.argv[1:])})".rstrip())
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
