"""Which PDF library reads statements best: pypdf (plain and layout mode) or pdfminer.six.

    .venv/bin/python -m bench.pdf_quality [../shared/eval/real-dev]

Real statements as PDFs: each government text of the real-dev set (third-party: read from
../shared, the PDFs live in a temporary folder and are never kept) is typeset as a PDF the
way a ministry's press office would (A4, justified, DejaVu Serif, a running head and page
numbers), then read back by each extractor through the same line re-joining
(bot/kb/formats/pdf.rejoin). Scores: the share of the original's sentences found verbatim
(whitespace normalised), the share of its paragraphs kept as passages, running heads
leaked, and seconds per document.
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
import time
from pathlib import Path

import yaml

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def typeset(paragraphs: list[str]) -> bytes:
    from fpdf import FPDF

    class Statement(FPDF):
        def header(self):
            self.set_font("serif", size=8)
            self.cell(0, 8, "Press release - Ministry statement")
            self.ln(12)

        def footer(self):
            self.set_y(-15)
            self.set_font("serif", size=8)
            self.cell(0, 10, f"- {self.page_no()} -", align="C")

    pdf = Statement(format="A4")
    pdf.add_font("serif", fname=str(FONT))
    pdf.add_page()
    pdf.set_font("serif", size=11)
    for para in paragraphs:
        pdf.multi_cell(0, 5.5, para, align="J")
        pdf.ln(3)
    return bytes(pdf.output())


def extractors():
    from pypdf import PdfReader

    from bot.kb.formats.pdf import _lines, rejoin

    def pypdf_plain(data):
        return rejoin([_lines(p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages])

    def pypdf_layout(data):
        return rejoin([_lines(p.extract_text(extraction_mode="layout") or "")
                       for p in PdfReader(io.BytesIO(data)).pages])

    def pdfminer(data):
        from pdfminer.high_level import extract_text

        pages = extract_text(io.BytesIO(data)).split("\f")
        return rejoin([_lines(p) for p in pages if p.strip()])

    return {"pypdf (plain)": pypdf_plain, "pypdf (layout)": pypdf_layout, "pdfminer.six": pdfminer}


def norm(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def main(argv: list[str]) -> int:
    import pysbd

    realdev = Path(argv[0] if argv else Path(__file__).resolve().parents[2] / "shared/eval/real-dev")
    sources = yaml.safe_load((realdev / "sources.yaml").read_text())["files"]
    names = sorted(n for n, s in sources.items() if s.get("type") == "gov")
    seg = pysbd.Segmenter(language="en", clean=False)
    scores = {k: {"sent": [0, 0], "para": [0, 0], "heads": 0, "secs": 0.0} for k in extractors()}
    with tempfile.TemporaryDirectory():
        for name in names:
            text = (realdev / "docs" / name).read_text(encoding="utf-8")
            paragraphs = [norm(p) for p in re.split(r"\n\s*\n|\n", text) if norm(p)]
            data = typeset(paragraphs)
            sentences = [norm(s) for p in paragraphs for s in seg.segment(p) if len(norm(s)) >= 40]
            for label, extract in extractors().items():
                started = time.perf_counter()
                out = extract(data)
                scores[label]["secs"] += time.perf_counter() - started
                flat = norm(out)
                passages = {norm(p) for p in out.split("\n\n")}
                s = scores[label]
                s["sent"][0] += sum(x in flat for x in sentences)
                s["sent"][1] += len(sentences)
                long = [p for p in paragraphs if len(p) >= 80]
                s["para"][0] += sum(p in passages for p in long)
                s["para"][1] += len(long)
                s["heads"] += flat.count("Press release - Ministry statement")
    print(f"{len(names)} government statements from {realdev} typeset as PDFs\n")
    print(f"{'extractor':<16} {'sentences intact':>17} {'paragraphs kept':>16} {'heads leaked':>13} {'ms/doc':>7}")
    for label, s in scores.items():
        print(f"{label:<16} {s['sent'][0] / s['sent'][1]:>16.1%} {s['para'][0] / max(1, s['para'][1]):>16.1%} "
              f"{s['heads']:>13} {1000 * s['secs'] / len(names):>7.1f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main(sys.argv[1:]))
