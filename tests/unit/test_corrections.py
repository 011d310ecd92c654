"""Corrections: validated, applied at once, kept by reloads, undone, reviewed, exported."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from bot.context import Context
from bot.kb import corrections as cx
from bot.kb.db import open_db
from bot.kb.loader import load
from bot.kb.store import all_facts
from tests.context import CONFIG
from tests.e2e.conftest import fill

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
DOC = """Alliance Newsletter, 31 May 2024

Prime Minister Fumio Kishida met Adm. Samuel Paparo, commander of U.S. Indo-Pacific Command, in Tokyo on May 29, 2024 to discuss command and control.

Japan Ground Self-Defense Force and U.S. Army units ended exercise Orient Shield in Kumamoto on September 19, 2023.
"""


@pytest.fixture
def kb(db):
    fill(db)
    return db


def row(db, fact_id):
    return cx.fact_row(db, fact_id)


def fix_date(db, fact_id="f-paparo", when="2024-05-30", user="U0CURATOR", apply=True):
    return cx.record(db, fact_id=fact_id, action="correct", fields={"date_start": when}, user=user,
                     reason="the newsletter misdated it", apply=apply, now=NOW)


def test_a_curator_correction_applies_at_once_with_who_and_when(kb):
    c = fix_date(kb)
    assert c.status == "applied" and c.user == "U0CURATOR" and c.reason == "the newsletter misdated it"
    r = row(kb, "f-paparo")
    assert (r["date_start"], r["date_end"], r["date_precision"], r["curated"]) == ("2024-05-30", "2024-05-30", "day", 1)
    assert cx.notes(kb, ["f-paparo", "f-shield"], now=NOW) == {
        "f-paparo": {"text": "corrected by <@U0CURATOR> on 3 Dec", "correction": c.id, "slot": "date"}}


@pytest.mark.parametrize("fact_id, action, fields, says", [
    ("f-paparo", "correct", {"date_start": "2024-13-01"}, "date_start: expected a date"),
    ("f-paparo", "correct", {"title": "x"}, "cannot be changed here: title"),
    ("f-paparo", "correct", {}, "Nothing to change"),
    ("f-nope", "correct", {"date_start": "2024-05-30"}, "no longer in the knowledge base"),
    ("f-paparo", "merge", {"into": "f-paparo"}, "into itself"),
    ("f-paparo", "merge", {"into": "f-nope"}, "no fact 'f-nope'"),
    ("f-paparo", "delete-everything", {}, "Unknown correction"),
    ("f-paparo", "correct", {"participants": [""]}, "participants"),
])
def test_bad_corrections_are_refused_and_change_nothing(kb, fact_id, action, fields, says):
    before = all_facts(kb)
    with pytest.raises(cx.CorrectionError, match=says):
        cx.record(kb, fact_id=fact_id, action=action, fields=fields, user="U1", apply=True,
                  allowed=cx.SLACK_FIELDS)
    assert all_facts(kb) == before and cx.all_corrections(kb) == []


def test_not_an_event_and_undo(kb):
    c = cx.record(kb, fact_id="f-shield", action="suppress", fields={}, user="U0CURATOR", apply=True)
    assert row(kb, "f-shield") is None
    cx.undo(kb, c.id, "U0CURATOR")
    assert row(kb, "f-shield")["title"] == "Orient Shield"
    assert cx.get(kb, c.id).status == "undone"
    assert cx.notes(kb, ["f-shield"]) == {}


def test_same_event_folds_sources_and_undo_splits_them_again(kb):
    c = cx.record(kb, fact_id="f-dialogue", action="merge", fields={"into": "f-paparo"},
                  user="U0CURATOR", apply=True, now=NOW)
    assert row(kb, "f-dialogue") is None
    kept = cx.fact_row(kb, "f-paparo")
    assert "doc-space" in kept["sources"] and "Washington" in kept["names"]
    assert cx.notes(kb, ["f-paparo"], now=NOW)["f-paparo"]["text"].startswith("merged by <@U0CURATOR>")
    cx.undo(kb, c.id, "U0CURATOR")
    assert row(kb, "f-dialogue") is not None and "doc-space" not in row(kb, "f-paparo")["sources"]


def test_undo_keeps_later_corrections_of_the_same_fact(kb):
    first = fix_date(kb, when="2024-05-30")
    cx.record(kb, fact_id="f-paparo", action="correct", fields={"location": "Yokosuka"},
              user="U0CURATOR", apply=True)
    cx.undo(kb, first.id, "U0CURATOR")
    r = row(kb, "f-paparo")
    assert (r["date_start"], r["location"]) == ("2024-05-29", "Yokosuka")


def test_pending_until_a_curator_approves_once(kb):
    c = fix_date(kb, user="U0ANALYST", apply=False)
    assert c.status == "pending" and row(kb, "f-paparo")["date_start"] == "2024-05-29"
    assert cx.notes(kb, ["f-paparo"]) == {}
    cx.approve(kb, c.id, "U0CURATOR")
    assert row(kb, "f-paparo")["date_start"] == "2024-05-30"
    with pytest.raises(cx.CorrectionError, match="already"):
        cx.approve(kb, c.id, "U0CURATOR")  # a replayed approval changes nothing
    rejected = fix_date(kb, when="2020", user="U0ANALYST", apply=False)
    cx.reject(kb, rejected.id, "U0CURATOR")
    with pytest.raises(cx.CorrectionError):
        cx.approve(kb, rejected.id, "U0CURATOR")
    assert row(kb, "f-paparo")["date_start"] == "2024-05-30"


def test_sessions_are_bound_to_one_user_expire_and_are_used_once(kb):
    token = cx.open_session(kb, "U1", "f-paparo", "date", now=NOW)
    assert cx.check_session(kb, token, "U1", now=NOW) == ("f-paparo", "date")
    for t, user, when, says in [(token, "U2", NOW, "not issued to you"),
                                ("forged", "U1", NOW, "not issued to you"),
                                (token, "U1", NOW + timedelta(hours=3), "expired")]:
        with pytest.raises(cx.CorrectionError, match=says):
            cx.check_session(kb, t, user, now=when)
    assert cx.use_session(kb, token) is True
    assert cx.use_session(kb, token) is False
    with pytest.raises(cx.CorrectionError, match="already submitted"):
        cx.check_session(kb, token, "U1", now=NOW)


def test_reloads_keep_corrections_and_export_import_round_trip(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "note.txt").write_text(DOC, encoding="utf-8")
    db_path = tmp_path / "kb.db"
    load(seeds, db_path, CONFIG, progress=False)
    db = open_db(db_path)
    meeting = next(f for f in all_facts(db) if f.kind == "meeting")
    cx.record(db, fact_id=meeting.id, action="correct", fields={"date_start": "2024-05-30"},
              user="U0CURATOR", apply=True)
    db.close()

    (seeds / "other.txt").write_text(DOC.replace("Tokyo", "Osaka"), encoding="utf-8")  # a rebuild
    summary = load(seeds, db_path, CONFIG, progress=False, by="U0CURATOR")
    assert summary.loaded == ["other.txt"]
    db = open_db(db_path)
    assert cx.fact_row(db, meeting.id)["date_start"] == "2024-05-30"

    curation = tmp_path / "curation.yaml"
    assert cx.export_yaml(db, curation)["correct"] == 1
    written = yaml.safe_load(curation.read_text(encoding="utf-8"))
    assert written["correct"][meeting.id] == {"date_start": "2024-05-30"}

    fresh_path = tmp_path / "fresh.db"
    load(seeds, fresh_path, CONFIG, progress=False)
    fresh = open_db(fresh_path)
    assert cx.fact_row(fresh, meeting.id)["date_start"] == "2024-05-29"
    assert cx.import_yaml(fresh, curation, "cli:ann")["imported"] == 1
    assert cx.fact_row(fresh, meeting.id)["date_start"] == "2024-05-30"
    assert cx.import_yaml(fresh, curation, "cli:ann") == {"imported": 0, "already": 1, "unknown": [], "errors": []}
    assert cx.notes(fresh, [meeting.id])[meeting.id]["text"].startswith("corrected by ann on")


def test_export_keeps_what_the_file_already_had(kb, tmp_path):
    curation = tmp_path / "curation.yaml"
    curation.write_text("suppress: [f-old]\nadd:\n  - {kind: meeting, title: Hand-made, date_start: 2024-01-02}\n",
                        encoding="utf-8")
    cx.record(kb, fact_id="f-shield", action="suppress", fields={}, user="U0CURATOR", apply=True)
    cx.export_yaml(kb, curation)
    text = curation.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["suppress"] == ["f-old", "f-shield"] and data["add"][0]["title"] == "Hand-made"
    assert "2024-01-02" in text


def test_the_checked_in_curation_file_is_valid():
    from bot.kb.curation import load_curation

    load_curation(Path(CONFIG.config_dir) / "curation.yaml")


def test_the_shell_shows_the_correction_on_the_fact_too(kb):
    from bot.cli.shell import answer

    fix_date(kb)
    text = answer("/meetings paparo", Context(kb, CONFIG))
    assert "30 May 2024" in text and "(corrected by @U0CURATOR on" in text
