"""The benchmark corpus: deterministic, in the styles of real documents, and loadable.

The benchmark's figures are only comparable across runs and machines if the same seed
writes the same files, and only meaningful if extraction does real work on them: these
documents were never seen while the extractor was written, so facts of every kind coming
out of them (with dates, and people known only by the shape of their names) is evidence
that extraction generalizes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.corpus import STYLES, build_cast, document, write_corpus
from bench.queries import query_mix


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_writes_the_same_files(tmp_path):
    a = _files(Path(write_corpus(30, tmp_path / "a", seed=3)[0]).parent)
    b = _files(Path(write_corpus(30, tmp_path / "b", seed=3)[0]).parent)
    other = _files(Path(write_corpus(30, tmp_path / "c", seed=4)[0]).parent)
    assert len(a) == 30
    assert a == b
    assert set(a.values()).isdisjoint(other.values())


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one(tmp_path):
    small = _files(Path(write_corpus(10, tmp_path / "small")[0]).parent)
    large = _files(Path(write_corpus(25, tmp_path / "large")[0]).parent)
    assert small == {k: v for k, v in large.items() if k in small}
    assert len(large) == 25


def _top_lines(text: str, n: int = 3) -> list[str]:
    return [line for line in text.splitlines() if line.strip()][:n]


STYLE_MARKS = {
    "newsletter": lambda t: "\nHeadlines:\n" in t and "\nDetails:\n" in t and re.search(r"^Vol: \d+\.\d+$", t, re.M),
    "statement": lambda t: all(f"[{k}]" in t for k in ("Title", "Date", "Source", "Full text")),
    "news": lambda t: re.search(r"^By [A-Z]\w+ \w+ and [A-Z]\w+ \w+$", t, re.M),
    "undated": lambda t: not any(re.search(r"\b(19|20)\d\d\b", line) for line in _top_lines(t))
    and "Editor’s Note: This story was updated" in t,
    "webpage": lambda t: "- Banner" in t.splitlines()[0] and "\nCheck Also\n" in t and "courtesy of" in t,
}


@pytest.mark.parametrize("style", STYLES)
def test_every_style_is_written_with_its_marks(style):
    cast = build_cast()
    docs = [d for d in (document(i, cast=cast) for i in range(80)) if d.style == style]
    assert docs, f"no {style} document among the first 80"
    for d in docs:
        assert STYLE_MARKS[style](d.text), f"{d.name} does not look like a {style}"


def test_dates_spread_over_the_years_and_include_relative_and_yearless_ones():
    cast = build_cast()
    docs = [document(i, cast=cast) for i in range(200)]
    years = {d.doc_date.year for d in docs}
    assert years == set(range(2015, 2027))
    text = "\n".join(d.text for d in docs)
    for phrase in (r"\blast week\b", r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
                   r"\bmid-[A-Z][a-z]+\b", r"\bfiscal 20\d\d\b", r"\b(Jan|Feb|Aug|Sept|Oct|Nov|Dec)\. \d{1,2}\b",
                   r"\b\d{1,2} [A-Z][a-z]+ 20\d\d\b", r"\bthis year\b"):
        assert re.search(phrase, text), phrase


def test_invented_names_stay_out_of_the_gazetteer(tmp_path):
    """A name the gazetteer knows is never used as an 'unknown' one, so shape matters."""
    plain = build_cast(gazetteer_dir=tmp_path / "none")
    victim = next(p for p in plain.people if p.invented)
    gaz = tmp_path / "gazetteer"
    gaz.mkdir()
    (gaz / "people.yaml").write_text(
        f"- id: person:test\n  type: person\n  name: {victim.name}\n  role: Defense Minister\n"
        "- id: exercise:test\n  type: exercise\n  name: Silent Heron\n",
        encoding="utf-8",
    )
    cast = build_cast(gazetteer_dir=gaz)
    invented = {p.name for p in cast.people if p.invented}
    assert victim.name not in invented
    assert victim.surname not in {p.surname for p in cast.people if p.invented}
    assert any(p.name == victim.name and not p.invented for p in cast.people)
    assert cast.exercises.count("Silent Heron") == 1


def test_the_query_mix_is_fixed_and_covers_every_command_and_case():
    mix = query_mix()
    assert mix == query_mix()
    assert {q.command for q in mix} == {"meetings", "exercises", "space", "lookup"}
    kinds = {q.kind for q in mix}
    assert {"typo", "empty", "no match", "date range", "name + year"} <= kinds


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    from bot.kb.db import open_db
    from bot.kb.loader import load
    from tests.context import CONFIG

    folder = tmp_path_factory.mktemp("bench")
    write_corpus(30, folder / "docs")
    summary = load(seeds=folder / "docs", db_path=folder / "bench.db", config=CONFIG, progress=False)
    db = open_db(folder / "bench.db")
    yield summary, db
    db.close()


def test_a_small_corpus_loads_into_facts_of_every_kind_with_dates(loaded):
    summary, db = loaded
    assert len(summary.loaded) == 30 and not summary.skipped
    rows = list(db.query("select kind, count(*) as n, sum(date_start is not null) as dated from facts group by kind"))
    by_kind = {r["kind"]: r for r in rows}
    assert set(by_kind) == {"meeting", "exercise", "space"}
    for kind, row in by_kind.items():
        assert row["dated"] >= 3, f"too few dated {kind} facts: {row}"
    years = {r["y"] for r in db.query("select substr(date_start, 1, 4) as y from facts where date_start is not null")}
    assert len(years) >= 5


def test_people_known_only_by_shape_are_found(loaded):
    _, db = loaded
    invented = {p.surname for p in build_cast().people if p.invented}
    participants = " ".join(r["participants"] for r in db.query("select participants from facts"))
    found = {s for s in invented if s in participants}
    assert len(found) >= 5, found


def test_unrelated_check_also_stories_give_no_facts(loaded):
    _, db = loaded
    furniture = db.execute(
        "select count(*) from facts where quote like '%Orbital Safety Association%' "
        "or title like '%Orbital Safety Association%'"
    ).fetchone()[0]
    assert furniture == 0
