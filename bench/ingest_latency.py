"""Time from a 1 MB PDF shared with allybot in Slack to allybot's reply in the thread.

    .venv/bin/python -m bench.ingest_latency [--runs 3] [--corpus 1000]

The real Bolt app is served by uvicorn on 127.0.0.1 and receives a signed `message.im`
file_share event, exactly as from Slack; the real WebClient calls the fake Web API
(tests/fakeslack.py), which serves `files.info` and the file's `url_private`. The clock
runs from sending the event to the fake receiving the `chat.update` that replaces the
"Reading …" placeholder with the answer, so it covers the
acknowledgement, files.info, the download, reading the PDF, the incremental load
(extraction, merging facts) and the reply. Two 1 MB PDFs: a long text-only statement
(uncompressed text streams, as some publishers produce) and a short statement whose
size is mostly a photograph. With --corpus N the knowledge base already holds N synthetic
documents (bench/corpus.py), as a team's would after a while: every add is an incremental
load of the whole folder (unchanged files are only hashed) and a re-merge of all facts.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = 1_000_000
PARAGRAPH = ("Defense Minister Minoru Kihara met Secretary of Defense Lloyd Austin in Tokyo on "
             "July 28 and agreed to upgrade U.S. Forces Japan into a joint force headquarters. "
             "The ministers reviewed the co-production of air defense missiles, the Resolute "
             "Dragon exercise and cooperation on space situational awareness.")


def text_pdf(paragraphs: int = 400) -> bytes:
    """About 1 MB of text-only PDF: sized by one trial build, then built with enough paragraphs."""
    from fpdf import FPDF

    def build(n: int) -> bytes:
        pdf = FPDF(format="A4")
        pdf.set_compression(False)
        pdf.set_title("Joint Statement of the Defense Ministers")
        pdf.set_font("Helvetica", size=10)
        pdf.add_page()
        pdf.multi_cell(0, 5, "Joint Statement of the Defense Ministers\n\nJuly 29, 2024\n")
        for i in range(n):
            pdf.multi_cell(0, 5, f"{i + 1}. {PARAGRAPH}")
            pdf.ln(2)
        return bytes(pdf.output())

    trial = len(build(paragraphs))
    return build(int(paragraphs * TARGET / trial) + 1)


def photo_pdf() -> bytes:
    import io
    import random
    import zlib

    from fpdf import FPDF

    # An incompressible 580x580 RGB image (~1 MB), written as a PNG.
    width = height = 580
    rng = random.Random(7)
    raw = b"".join(b"\x00" + rng.randbytes(width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        import struct

        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    import struct

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
    pdf = FPDF(format="A4")
    pdf.set_title("Joint Statement of the Defense Ministers")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Joint Statement of the Defense Ministers\n\nJuly 29, 2024\n")
    for i in range(12):
        pdf.multi_cell(0, 6, f"{i + 1}. {PARAGRAPH}")
        pdf.ln(3)
    pdf.add_page()
    pdf.image(io.BytesIO(png), w=150)
    return bytes(pdf.output())


def measure(data: bytes, runs: int, corpus: int = 0) -> list[float]:
    from bot.config import IngestConfig, load_config
    from bot.context import Context
    from bot.kb.db import open_db
    from bot.settings import Settings
    from bot.slack.serve import build_asgi
    from tests.e2e.slackhttp import BOT_TOKEN, SIGNING_SECRET, USER, Served
    from tests.fakeslack import FakeSlack

    times = []
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as slack:
        slack.token = BOT_TOKEN
        os.environ.update(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                          SLACK_API_BASE_URL=slack.base_url)
        settings = Settings.from_env("http")
        config = dataclasses.replace(load_config(), seeds=Path(tmp) / "docs", ingest=IngestConfig())
        config.seeds.mkdir()
        if corpus:
            from bench.corpus import write_corpus
            from bot.kb.loader import load

            write_corpus(corpus, config.seeds)
            load(config.seeds, Path(tmp) / "kb.db", config, progress=False)
        db = open_db(Path(tmp) / "kb.db")
        with Served(build_asgi(Context(db, config, settings=settings))) as app:
            for run in range(runs):
                # Each run a different file (one byte changed), so each is a new document.
                file_id = f"F0BENCH{run}"
                slack.add_file(file_id, f"statement-{run}.pdf", data + f"\n%{run}\n".encode(), "application/pdf")
                ts = f"17223000{run:02d}.000100"
                event = {"type": "message", "subtype": "file_share", "channel": "D0BENCH",
                         "channel_type": "im", "user": USER, "text": "", "ts": ts, "event_ts": ts,
                         "files": [{"id": file_id}]}
                started = time.perf_counter()
                reply = app.event(event, f"EvBench{run}")
                assert reply.status == 200, reply
                posts = slack.wait_for("chat.update", run + 1, timeout=300)  # the answer
                times.append(time.perf_counter() - started)
                assert len(posts) == run + 1, "no reply"
        db.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=int, default=0, help="documents already loaded (default none)")
    args = parser.parse_args(argv)
    import io

    from pypdf import PdfReader

    for label, make in (("text-only statement", text_pdf), ("short statement + photo", photo_pdf)):
        data = make()
        pages = len(PdfReader(io.BytesIO(data)).pages)
        times = measure(data, args.runs, args.corpus)
        print(f"{label}: {len(data) / 1e6:.2f} MB, {pages} pages, {args.corpus} documents loaded before: "
              "shared -> reply "
              f"median {statistics.median(times):.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
