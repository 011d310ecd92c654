"""What reading a document costs by its format: the same corpus texts as .txt, HTML and PDF.

Each sampled document is written as a plain file, as a news page (navigation, cookie
banner and "most read" around the article, tests/makedocs.html_page) and as a PDF
(tests/makedocs.pdf_bytes), then read by the format registry (bot/kb/formats) and, once
read, extracted. The figures are per document, medians over the sample.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def bench_formats(docs: Path, sample: int = 30) -> dict[str, tuple[float, float]]:
    """format -> (read ms, read + extract ms) per document, medians."""
    from bot.config import load_config
    from bot.kb.entities import Gazetteer
    from bot.kb.formats import read_bytes
    from bot.kb.loader import _extract_one
    from tests.makedocs import html_page, pdf_bytes

    config = load_config()
    gazetteer = Gazetteer.load(config.config_dir / "gazetteer")
    files = sorted(p for p in docs.iterdir() if p.suffix == ".txt")[:sample]
    made: dict[str, list[tuple[str, bytes]]] = {"txt": [], "html": [], "pdf": []}
    for p in files:
        data = p.read_bytes()
        paras = _paragraphs(data.decode("utf-8"))
        made["txt"].append((p.name, data))
        made["html"].append((p.stem + ".html", html_page(paras[0], paras[1:])))
        # The PDF core fonts hold Latin-1 only, as a PDF printed from a browser would embed.
        latin = [q.encode("latin-1", "replace").decode("latin-1") for q in paras]
        made["pdf"].append((p.stem + ".pdf", pdf_bytes(latin, title=latin[0])))
    out: dict[str, tuple[float, float]] = {}
    for fmt, items in made.items():
        read_ms, total_ms = [], []
        for name, data in items:
            started = time.perf_counter()
            extracted = read_bytes(data, name)
            read = time.perf_counter()
            _extract_one(name, extracted, gazetteer)
            done = time.perf_counter()
            read_ms.append((read - started) * 1000)
            total_ms.append((done - started) * 1000)
        out[fmt] = (statistics.median(read_ms), statistics.median(total_ms))
    return out


def bench_added(docs: Path, db_path: Path, index: int, seed: int) -> tuple[float, float]:
    """Seconds from a document added from Slack (saved, loaded) to its reply being ready, and
    to its removal: `bot.kb.added.add` / `remove`, the code the Slack listeners call."""
    from bench.corpus import document
    from bot.config import load_config
    from bot.kb.added import Incoming, add, remove

    config = load_config()
    incoming = Incoming(document(index, seed).text.encode("utf-8"), f"bench-added-{index}.txt",
                        added_by="U0BENCH")
    started = time.perf_counter()
    outcome = add(incoming, config, db_path, seeds=docs)
    added = time.perf_counter() - started
    if outcome.status not in ("added", "replaced"):
        raise RuntimeError(f"adding a document gave {outcome.status}: {outcome.reason}")
    started = time.perf_counter()
    remove(outcome.doc_id, config, db_path, seeds=docs)
    return added, time.perf_counter() - started
