"""The seed documents against the analysts' reference facts (shared/eval/seed_facts.yaml).

Checks exactly what the reference file's header defines: every required fact is found
(an allowed kind, a date range overlapping the reference date, one of its `any` words in
the fact's text) with its people and place; no forbidden text appears in a document's
facts; and at least 90% of all extracted facts are reference or acceptable facts.
Run with -s to see the figures.
"""

from __future__ import annotations

import calendar
import re
import time
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.config import CONFIG_DIR
from bot.kb.documents import read_document
from bot.kb.entities import Gazetteer
from bot.kb.extract.facts import extract_document
from bot.kb.merge import merge_facts
from bot.kb.model import Fact

ROOT = Path(__file__).resolve().parents[1]
# A copy of the analysts' file lives in the repo so this test runs wherever the repo does;
# test_reference_copy_is_current keeps it equal to shared/eval when that folder is beside us.
REFERENCE = Path(__file__).resolve().parent / "data/seed_facts.yaml"
SHARED_REFERENCE = Path(__file__).resolve().parents[2] / "shared/eval/seed_facts.yaml"
SEEDS = ROOT / "tests" / "data" / "seeds"
MIN_PRECISION = 0.90


def _range(value, end=None) -> tuple[date, date]:
    """A reference date (2024-05-29, "2024-06" or 2024) as an inclusive range."""
    if isinstance(value, date):
        start = stop = value
    else:
        text = str(value)
        if re.fullmatch(r"\d{4}", text):
            start, stop = date(int(text), 1, 1), date(int(text), 12, 31)
        elif m := re.fullmatch(r"(\d{4})-(\d{2})", text):
            y, mo = int(m[1]), int(m[2])
            start, stop = date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        else:
            start = stop = date.fromisoformat(text)
    if end is not None:
        stop = _range(end)[1]
    return start, stop


def _text(f: Fact) -> str:
    return " ".join([f.title, f.summary, f.quote, *f.participants]).lower()


def _overlaps(f: Fact, ref: tuple[date, date]) -> bool:
    if not f.date_start:
        return False
    start = date.fromisoformat(f.date_start)
    stop = date.fromisoformat(f.date_end or f.date_start)
    return start <= ref[1] and ref[0] <= stop


def _matches(f: Fact, req: dict) -> bool:
    return (
        f.kind in req["kinds"]
        and _overlaps(f, _range(req["date"], req.get("end")))
        and any(word.lower() in _text(f) for word in req["any"])
    )


def _tokens(name: str) -> list[str]:
    return re.findall(r"[a-z]+", name.lower())


def _has_person(f: Fact, person: str) -> bool:
    """Surname match: the reference name's last word, or two of its words, in a participant."""
    ref = _tokens(person)
    for p in f.participants:
        got = set(_tokens(p))
        if ref[-1] in got or len(set(ref) & got) >= 2:
            return True
    return False


def _has_place(f: Fact, place: str) -> bool:
    return bool(f.location) and place.lower() in f.location.lower()


def _docs_of(f: Fact) -> set[str]:
    return {f.doc_id} | {s.doc_id for s in f.sources}


@pytest.fixture(scope="module")
def reference() -> dict:
    with open(REFERENCE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)["docs"]


@pytest.fixture(scope="module")
def extracted(reference) -> dict:
    gazetteer = Gazetteer.load(CONFIG_DIR / "gazetteer")
    per_doc: dict[str, list[Fact]] = {}
    timings: dict[str, float] = {}
    for name in reference:
        path = SEEDS / name
        if not path.exists():
            pytest.skip(f"seed document {name} is missing")
        doc = read_document(name, path.read_text(encoding="utf-8"))
        started = time.perf_counter()
        per_doc[name] = extract_document(doc, gazetteer)
        timings[name] = time.perf_counter() - started
        for f in per_doc[name]:
            assert doc.text[f.span[0] : f.span[1]] == f.quote, (
                f"{f.id}: quote is not the text at its span"
            )
    merged = merge_facts([f for facts in per_doc.values() for f in facts])
    return {"merged": merged, "timings": timings}


def _facts_of(extracted: dict, name: str) -> list[Fact]:
    return [f for f in extracted["merged"] if name in _docs_of(f)]


def test_every_required_fact_is_found_with_its_people_and_place(reference, extracted):
    problems: list[str] = []
    found = total = 0
    for name, spec in reference.items():
        facts = _facts_of(extracted, name)
        for req in spec.get("required") or []:
            total += 1
            hits = [f for f in facts if _matches(f, req)]
            label = f"{name}: {req['kinds']} {req['date']} {req['any']}"
            if not hits:
                problems.append(f"{label}: not found")
                continue
            good = [
                f
                for f in hits
                if all(_has_person(f, p) for p in req.get("people") or [])
                and (not req.get("place") or _has_place(f, req["place"]))
            ]
            if not good:
                f = hits[0]
                problems.append(
                    f"{label}: found as {f.title!r} but people {f.participants} / place {f.location!r} "
                    f"lack {req.get('people')} / {req.get('place')!r}"
                )
                continue
            found += 1
    print(f"\nrecall: {found}/{total} required facts = {found / max(total, 1):.0%}")
    assert not problems, "\n".join(problems)


def test_no_forbidden_text_in_any_fact(reference, extracted):
    problems = []
    for name, spec in reference.items():
        for f in _facts_of(extracted, name):
            for word in spec.get("forbidden") or []:
                if word.lower() in _text(f):
                    problems.append(f"{name}: {f.id} {f.title!r} contains forbidden {word!r}")
    assert not problems, "\n".join(problems)


def test_at_least_90_percent_of_facts_are_reference_or_acceptable(reference, extracted):
    good, bad = [], []
    for f in extracted["merged"]:
        ok = False
        for name in _docs_of(f) & set(reference):
            spec = reference[name]
            if any(_matches(f, req) for req in spec.get("required") or []):
                ok = True
            elif any(word.lower() in _text(f) for word in spec.get("acceptable") or []):
                ok = True
        (good if ok else bad).append(f)
    total = len(good) + len(bad)
    precision = len(good) / max(total, 1)
    per_doc = ", ".join(f"{n[:3]} {len(_facts_of(extracted, n))}" for n in reference)
    timings = ", ".join(f"{n[:3]} {t * 1000:.0f} ms" for n, t in extracted["timings"].items())
    print(f"\nprecision: {len(good)}/{total} facts reference-or-acceptable = {precision:.0%}")
    print(f"facts per document: {per_doc}")
    print(f"extraction time per document: {timings}")
    for f in bad:
        print(f"  not acceptable: {f.doc_id} {f.kind} {f.date_start} {f.title!r}")
    assert total > 0
    assert precision >= MIN_PRECISION, [f.title for f in bad]


def test_reference_copy_is_current():
    if not SHARED_REFERENCE.exists():
        pytest.skip(f"{SHARED_REFERENCE} is not beside this checkout")
    assert REFERENCE.read_bytes() == SHARED_REFERENCE.read_bytes(), (
        f"copy {SHARED_REFERENCE} to {REFERENCE}: the analysts updated the reference facts"
    )
