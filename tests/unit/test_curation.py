"""Analyst corrections: what an analyst writes in curation.yaml is what the bot then shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError
from bot.kb.curation import Curation, added_fact_id, apply_curation, load_curation, unknown_ids
from bot.kb.model import Fact, Source


def make_fact(fid: str, doc: str = "a.txt", **kw) -> Fact:
    values = dict(
        id=fid,
        kind="meeting",
        title=f"Fact {fid}",
        summary="",
        date_start="2024-05-29",
        date_end="2024-05-29",
        date_precision="day",
        participants=["Fumio Kishida"],
        countries=["Japan"],
        location="Tokyo",
        doc_id=doc,
        doc_title=doc,
        quote=f"quote {fid}",
        span=[0, 10],
    )
    values.update(kw)
    f = Fact(**values)
    f.sources = [Source(f.doc_id, f.doc_title, f.quote, list(f.span))]
    return f


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "curation.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_empty_file_and_shipped_file_change_nothing(tmp_path):
    facts = [make_fact("m-1"), make_fact("m-2")]
    for path in (write(tmp_path, ""), Path(__file__).resolve().parents[2] / "config/curation.yaml"):
        cur = load_curation(path)
        out, curated = apply_curation(facts, cur)
        assert [f.to_json() for f in out] == [f.to_json() for f in facts]
        assert curated == set()


def test_correct_changes_fields_and_marks_fact_curated(tmp_path):
    path = write(
        tmp_path,
        """
correct:
  m-1:
    title: Kishida meets Paparo
    date_start: 2024-06
    participants: [Fumio Kishida, Samuel Paparo]
    location: Tokyo, Japan
""",
    )
    facts = [make_fact("m-1"), make_fact("m-2")]
    out, curated = apply_curation(facts, load_curation(path))
    fixed = next(f for f in out if f.id == "m-1")
    assert fixed.title == "Kishida meets Paparo"
    assert (fixed.date_start, fixed.date_end, fixed.date_precision) == (
        "2024-06-01",
        "2024-06-30",
        "month",
    )
    assert fixed.participants == ["Fumio Kishida", "Samuel Paparo"]
    assert fixed.location == "Tokyo, Japan"
    assert curated == {"m-1"}
    assert facts[0].title == "Fact m-1"  # the input list is not modified


def test_correct_a_single_day_and_clearing_a_date(tmp_path):
    path = write(
        tmp_path,
        """
correct:
  m-1: {date_start: 2024-05-21}
  m-2: {date_start: null}
""",
    )
    out, _ = apply_curation([make_fact("m-1"), make_fact("m-2")], load_curation(path))
    by_id = {f.id: f for f in out}
    assert (by_id["m-1"].date_start, by_id["m-1"].date_end, by_id["m-1"].date_precision) == (
        "2024-05-21",
        "2024-05-21",
        "day",
    )
    assert by_id["m-2"].date_start is None and by_id["m-2"].date_end is None


def test_suppress_removes_the_fact(tmp_path):
    path = write(tmp_path, "suppress: [m-2]\n")
    out, curated = apply_curation([make_fact("m-1"), make_fact("m-2")], load_curation(path))
    assert [f.id for f in out] == ["m-1"]
    assert "m-2" not in curated


def test_merge_keeps_the_first_id_with_sources_and_people_of_all(tmp_path):
    path = write(tmp_path, "merge:\n  - [m-1, m-2]\n")
    a = make_fact("m-1", doc="a.txt", participants=["Fumio Kishida"])
    b = make_fact("m-2", doc="b.txt", participants=["Samuel Paparo"], countries=["United States"])
    out, curated = apply_curation([a, b], load_curation(path))
    assert [f.id for f in out] == ["m-1"]
    merged = out[0]
    assert [s.doc_id for s in merged.sources] == ["a.txt", "b.txt"]
    assert merged.participants == ["Fumio Kishida", "Samuel Paparo"]
    assert merged.countries == ["Japan", "United States"]
    assert curated == {"m-1"}


def test_add_creates_a_fact_with_a_stable_id(tmp_path):
    text = """
add:
  - kind: exercise
    title: Keen Edge command post exercise
    date_start: 2024-02
    participants: [JGSDF, U.S. Army]
    countries: [Japan, United States]
"""
    out1, curated1 = apply_curation([make_fact("m-1")], load_curation(write(tmp_path, text)))
    out2, _ = apply_curation([], load_curation(write(tmp_path, text)))
    added = out1[-1]
    assert added.kind == "exercise" and added.title == "Keen Edge command post exercise"
    assert (added.date_start, added.date_end, added.date_precision) == (
        "2024-02-01",
        "2024-02-29",
        "month",
    )
    assert added.id == out2[0].id and added.id.startswith("e-")
    assert added.id in curated1
    assert added.id == added_fact_id(
        {
            "kind": "exercise",
            "title": "Keen Edge command post exercise",
            "date_start": ("2024-02-01", "2024-02-29", "month"),
        }
    )


def test_ids_that_match_nothing_are_reported_not_fatal(tmp_path, caplog):
    path = write(tmp_path, "suppress: [m-404]\ncorrect: {m-405: {title: x}}\n")
    cur = load_curation(path)
    out, curated = apply_curation([make_fact("m-1")], cur)
    assert [f.id for f in out] == ["m-1"] and curated == set()
    assert unknown_ids([make_fact("m-1")], cur) == ["m-404", "m-405"]
    assert "m-404" in caplog.text


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("corect: {}\n", "corect"),
        ("correct: [m-1]\n", "correct"),
        ("correct:\n  m-1: {titel: x}\n", "correct.m-1.titel"),
        ("correct:\n  m-1: {kind: meetings}\n", "correct.m-1.kind"),
        ("correct:\n  m-1: {date_start: 31/05/2024}\n", "correct.m-1.date_start"),
        ("correct:\n  m-1: {participants: 3}\n", "correct.m-1.participants"),
        ("suppress: m-1\n", "suppress"),
        ("merge:\n  - [m-1]\n", "merge[0]"),
        ("merge:\n  - [m-1, m-1]\n", "merge[0]"),
        ("add:\n  - {title: x}\n", "add[0].kind"),
        ("add:\n  - {kind: meeting, title: x, date_start: 2024-13-01}\n", "add[0].date_start"),
    ],
)
def test_broken_file_names_file_and_key(tmp_path, text, key):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_curation(path)
    assert err.value.key == key
    assert str(path) in str(err.value) and key in str(err.value)


def test_invalid_yaml_and_missing_file_name_the_file(tmp_path):
    path = write(tmp_path, "correct: {m-1: [\n")
    with pytest.raises(ConfigError, match="curation.yaml"):
        load_curation(path)
    with pytest.raises(ConfigError, match="not found"):
        load_curation(tmp_path / "missing.yaml")


def test_curation_is_falsy_when_empty():
    assert not Curation()
    assert Curation(suppress=["m-1"])
