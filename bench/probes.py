"""`python -m bench.probes`: issue 13's attacker and careless-operator probes, re-run.

Five probes, each against the real thing (the extractor, `allybot load`, a served
`allybot serve --http` process, the command parsers and ranking):

1. adversarial documents: every token class of bench/adversarial.py repeated to 100 KB,
   plus one-line prose of 100 KB and 1 MB: CPU seconds per 100 KB, the worst named;
2. hostile files: a folder of links out and in loops, a FIFO, a directory named foo.txt,
   bad names and odd encodings, loaded by `allybot load --json`: did it finish, what was
   loaded and what was skipped, with which reason;
3. crafted requests: malformed, unsigned, stale, replayed and oversized (10 MB) POSTs to a
   served bot: status codes, tracebacks, log growth and the server's peak memory;
4. fuzzed commands: N random command lines (Unicode digits, odd filters, huge hyphenated
   words, markup) parsed and run against the seeds: crashes (anything but a usage hint)
   and the slowest;
5. acknowledgements during a large load: mention events and slash commands sent to a served
   bot every 50 ms while `allybot load` writes a synthetic corpus into its database: the
   slowest acknowledgement, how many took over 3 s, and any 5xx.

    python -m bench.probes                     # all five (the load probe: 3,500 documents)
    python -m bench.probes --only 1 2 --fuzz 5000 --load-docs 500
"""

from __future__ import annotations

import argparse
import hmac
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# -- 1. adversarial documents --------------------------------------------------------------


def probe_documents() -> dict:
    from bench.adversarial import PROSE, TOKEN_CLASSES, repeated
    from bot.config import load_config
    from bot.kb import loader
    from bot.kb.documents import read_document
    from bot.kb.extract.facts import extract_document

    gazetteer = loader._gazetteer(load_config())
    cases = {name: repeated(unit, 100_000) for name, unit in TOKEN_CLASSES.items()}
    cases["one-line-prose-1MB"] = repeated(PROSE, 1_000_000)
    per_100kb: dict[str, float] = {}
    for name, text in cases.items():
        start = time.process_time()
        extract_document(read_document(f"{name}.txt", text), gazetteer)
        per_100kb[name] = (time.process_time() - start) / (len(text) / 100_000)
    ordinary = per_100kb["one-line-prose"]
    worst = max(per_100kb, key=per_100kb.get)
    return {
        "cases": len(cases),
        "worst": worst,
        "worst_s_per_100kb": round(per_100kb[worst], 2),
        "ordinary_prose_s_per_100kb": round(ordinary, 2),
        "top5": {k: round(v, 2) for k, v in sorted(per_100kb.items(), key=lambda kv: -kv[1])[:5]},
    }


# -- 2. hostile files ----------------------------------------------------------------------


def probe_files(work: Path) -> dict:
    from tests.test_hostile_files import ORDINARY, REFUSED, make_entry

    seeds, outside = work / "seeds", work / "outside"
    seeds.mkdir()
    outside.mkdir()
    (seeds / "ordinary.txt").write_text(ORDINARY)
    for kind, _, _ in REFUSED:
        make_entry(seeds, outside, kind)
    for n, encoding in enumerate(["utf-32", "utf-16-le", "utf-16-be", "utf-16", "cp1252"]):
        (seeds / f"enc{n}-{encoding}.txt").write_bytes(ORDINARY.encode(encoding))
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (seeds / "empty.txt").write_bytes(b"")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "load", "--json", "-q", "--seeds", str(seeds),
         "--db", str(work / "files.db")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    summary = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {}
    return {
        "entries": len(os.listdir(seeds)),
        "completed": done.returncode == 0,
        "seconds": round(time.perf_counter() - started, 1),
        "loaded": summary.get("loaded"),
        "skipped": {s["file"]: s["reason"] for s in summary.get("skipped", [])},
        "traceback": "Traceback" in done.stderr,
    }


# -- 3. crafted requests -------------------------------------------------------------------


def _sign(body: bytes, ts: str, secret: str) -> str:
    return "v0=" + hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, "sha256").hexdigest()


def _post(port: int, body: bytes, headers: dict[str, str], timeout: float = 30) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    sent = time.perf_counter()
    try:
        conn.request("POST", "/slack/events", body=body, headers=headers)
        resp = conn.getresponse()
        resp.read()
        return resp.status, time.perf_counter() - sent
    except OSError:
        return -1, time.perf_counter() - sent
    finally:
        conn.close()


def _crafted(secret: str) -> list[tuple[str, bytes, dict[str, str]]]:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    now = str(int(time.time()))
    bad_sig = "v0=" + "0" * 64
    out: list[tuple[str, bytes, dict[str, str]]] = []
    bodies = [b"payload={bad", b"\xff\xfe\x00garbage", b"payload=%7B%22type%22%3A1", b"",
              b"command=/meetings&text=paparo&response_url=https://hooks.slack.com/commands/T/1/x",
              b"a" * 5000, b"payload=" + b"[" * 3000]
    stamps = ["abc", "nan", "9" * 400, "", "-1", "1e9", " 1", "¹²³".encode().decode("latin-1"), now]
    for body in bodies:
        for ts in stamps:
            out.append(("unsigned", body, {**form, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": bad_sig}))
        out.append(("signed-malformed", body, {**form, "X-Slack-Request-Timestamp": now,
                                               "X-Slack-Signature": _sign(body, now, secret)}))
        stale = str(int(time.time()) - 3600)
        out.append(("stale", body, {**form, "X-Slack-Request-Timestamp": stale,
                                    "X-Slack-Signature": _sign(body, stale, secret)}))
    return out


def probe_requests(work: Path, db_path: Path) -> dict:
    from bench.http import SIGNING_SECRET, TimedFakeSlack, start_server

    log_path = work / "serve.log"
    with TimedFakeSlack() as fake:
        server = start_server(db_path, fake, log_path)
        try:
            log_before = log_path.stat().st_size
            statuses: dict[str, int] = {}
            for kind, body, headers in _crafted(SIGNING_SECRET):
                status, _ = _post(server.port, body, headers)
                key = f"{kind} -> {status}"
                statuses[key] = statuses.get(key, 0) + 1
            # A replayed signed command: answered once.
            body = urllib.parse.urlencode({"command": "/meetings", "text": "paparo", "team_id": "T",
                                           "user_id": "U", "channel_id": "C", "response_url":
                                           fake.response_url("replay")}).encode()
            ts = str(int(time.time()))
            headers = {"Content-Type": "application/x-www-form-urlencoded",
                       "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": _sign(body, ts, SIGNING_SECRET)}
            replays = [_post(server.port, body, headers)[0] for _ in range(5)]
            time.sleep(2)
            answers = len([c for c in fake.calls_to("response_url") if c.path.endswith("/replay")])
            # Twenty unsigned 10 MB POSTs.
            big = b"x" * 10_000_000
            huge = [_post(server.port, big, {"Content-Type": "application/x-www-form-urlencoded",
                                             "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + "0" * 64})[0]
                    for _ in range(20)]
            time.sleep(0.5)
            log_text = log_path.read_text(errors="replace")
            return {
                "requests": sum(statuses.values()) + len(replays) + len(huge),
                "statuses": statuses,
                "replayed_5x_statuses": replays,
                "replayed_answers": answers,
                "ten_mb_statuses": sorted(set(huge)),
                "log_growth_bytes": log_path.stat().st_size - log_before,
                "tracebacks_in_log": log_text.count("Traceback"),
                "hooks_urls_in_log": log_text.count("hooks.slack.com/commands"),
                "peak_rss_mb": round(server.peak_rss_mb(), 1),
            }
        finally:
            server.stop()


# -- 4. fuzzed commands --------------------------------------------------------------------

PIECES = [
    "since:", "until:", "page:", "page:²", "page:①", "page:" + "9" * 4300, "since:２０２４", "2024",
    "2024-13", "2024-02-30", "９９", "٣", "Ⅻ", "𝟐", "²⁰²⁴", "page:0", '"', "\u201c", "<@U123>",
    "<#C1|general>", "<https://x.org|link>", "&amp;", "2+2", "F-35", "paparo", "kihara", "U.S.",
    "Japan's", "*", "_", "`", "OR", "NOT", "NEAR", "(", ")", "-", ":", "\\", "%", "東京", "\U0001f680",
    "\x00", "\t", "\n", "[meeting](#)", "**bold**", "-".join(["alliance"] * 600), "a" * 4000,
    "help", "last", "next", "2024-W22", "2024-W99",
]
SLASHES = ["/meetings", "/exercises", "/space", "/lookup", "/digest", "/allybot", "/allybot meetings"]


def fuzz_lines(n: int, seed: int = 13) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for _ in range(n):
        words = [rng.choice(PIECES) if rng.random() < 0.8 else
                 "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(1, 8)))
                 for _ in range(rng.randrange(0, 7))]
        lines.append(f"{rng.choice(SLASHES)} {' '.join(words)}")
    return lines


def probe_fuzz(db_path: Path, n: int) -> dict:
    import commands
    from bot.config import load_config
    from bot.context import Context
    from bot.kb.db import open_db
    from commands.errors import CommandError, UsageError

    ctx = Context(open_db(db_path), load_config())
    crashes: dict[str, int] = {}
    slowest: list[tuple[float, str]] = []
    times: list[float] = []
    hints = answered = 0
    for line in fuzz_lines(n):
        start = time.perf_counter()
        try:
            commands.dispatch(line, ctx)
            answered += 1
        except (UsageError, CommandError):
            hints += 1
        except Exception as exc:  # what the user would see as an apology
            key = f"{type(exc).__name__}: {str(exc)[:60]}"
            crashes[key] = crashes.get(key, 0) + 1
        took = time.perf_counter() - start
        times.append(took)
        slowest = sorted([*slowest, (took, line[:60])], reverse=True)[:3]
    return {
        "commands": n, "answered": answered, "usage_hints": hints,
        "crashes": sum(crashes.values()), "crash_kinds": crashes,
        "slowest_ms": [(round(t * 1000, 1), line) for t, line in slowest],
        "p99_ms": round(sorted(times)[int(len(times) * 0.99)] * 1000, 1) if times else None,
    }


# -- 5. acknowledgements during a large load -----------------------------------------------


def probe_load_acks(work: Path, docs: int) -> dict:
    from bench.corpus import write_corpus
    from bench.http import SIGNING_SECRET, TimedFakeSlack, start_server
    from bot.kb.db import open_db

    corpus = work / "corpus"
    write_corpus(docs, corpus)
    db_path = work / "load.db"
    seeds_db = open_db(db_path)  # an empty, served database; the load fills it meanwhile
    seeds_db.close()
    results: list[tuple[str, int, float]] = []
    with TimedFakeSlack() as fake:
        server = start_server(db_path, fake, work / "load-serve.log")
        try:
            load = subprocess.Popen(
                [sys.executable, "-m", "bot.cli.main", "load", "-q", "--seeds", str(corpus), "--db", str(db_path)],
                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            )
            n = 0
            while load.poll() is None:
                n += 1
                ts = str(int(time.time()))
                if n % 2:
                    event = {"type": "event_callback", "event_id": f"EvP{n:06d}", "team_id": "T",
                             "event": {"type": "app_mention", "user": "U1", "text": "<@UB> Orient Shield",
                                       "ts": f"1717{n:06d}.0001", "channel": "C1"}}
                    body, ctype, kind = json.dumps(event).encode(), "application/json", "mention"
                else:
                    body = urllib.parse.urlencode({"command": "/meetings", "text": "paparo", "team_id": "T",
                                                   "user_id": "U", "channel_id": "C",
                                                   "response_url": fake.response_url(f"p{n}")}).encode()
                    ctype, kind = "application/x-www-form-urlencoded", "command"
                status, took = _post(server.port, body, {"Content-Type": ctype, "X-Slack-Request-Timestamp": ts,
                                                         "X-Slack-Signature": _sign(body, ts, SIGNING_SECRET)})
                results.append((kind, status, took))
                time.sleep(0.05)
            load_err = load.stderr.read()
        finally:
            server.stop()
    acks = [t for _, s, t in results if s == 200]
    return {
        "documents": docs,
        "load_exit": load.returncode,
        "load_summary": load_err.strip().splitlines()[-1] if load_err.strip() else "",
        "requests": len(results),
        "max_ack_s": round(max(acks), 3) if acks else None,
        "over_3s": sum(t > 3 for t in acks),
        "non_200": sorted({s for _, s, _ in results if s != 200}),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.probes", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", type=int, default=[1, 2, 3, 4, 5])
    parser.add_argument("--fuzz", type=int, default=60_000, help="fuzzed commands (default 60,000)")
    parser.add_argument("--load-docs", type=int, default=3_500, help="documents in the load probe")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="allybot-probes-"))
    figures: dict[str, dict] = {}
    try:
        seeded = work / "seeded.db"
        if {3, 4} & set(args.only):
            subprocess.run([sys.executable, "-m", "bot.cli.main", "load", "-q", "--db", str(seeded)],
                           cwd=ROOT, check=True, capture_output=True)
        probes = {
            1: ("adversarial documents", lambda: probe_documents()),
            2: ("hostile files", lambda: probe_files(work / "files")),
            3: ("crafted requests", lambda: probe_requests(work, seeded)),
            4: ("fuzzed commands", lambda: probe_fuzz(seeded, args.fuzz)),
            5: ("acks during a load", lambda: probe_load_acks(work, args.load_docs)),
        }
        (work / "files").mkdir()
        for number in args.only:
            name, run = probes[number]
            started = time.perf_counter()
            figures[name] = run()
            figures[name]["probe_seconds"] = round(time.perf_counter() - started, 1)
            print(f"== {number}. {name}\n{json.dumps(figures[name], ensure_ascii=False, indent=2)}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    threading.current_thread().name = "probes"
    sys.exit(main())
