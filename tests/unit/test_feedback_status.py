"""Votes, the digest's curation line, and the status of the knowledge base."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.kb import corrections as cx
from bot.kb import feedback, status
from bot.kb.loader import LoadSummary
from bot.kb.model import Fact
from bot.kb.store import fact_to_row
from tests.e2e.conftest import fill

MONDAY = date(2026, 11, 30)
IN_WEEK = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
WEEK_BEFORE = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@pytest.fixture
def kb(db):
    fill(db)
    return db


def test_a_vote_is_kept_with_the_query_and_items_and_can_be_changed(kb):
    aid = feedback.record_answer(kb, command="meetings", query="paparo", items=["f-paparo"], user="U1")
    feedback.vote(kb, aid, "U1", "up")
    feedback.vote(kb, aid, "U1", "down")  # a change of mind, not a second vote
    feedback.vote(kb, aid, "U2", "up")
    assert [(v["user"], v["vote"], v["query"], v["items"]) for v in feedback.export(kb)] == [
        ("U1", "down", "paparo", ["f-paparo"]), ("U2", "up", "paparo", ["f-paparo"])]


def test_old_answers_nobody_voted_on_are_forgotten(kb):
    old = datetime(2025, 1, 1, tzinfo=UTC)
    voted = feedback.record_answer(kb, command="meetings", query="a", items=[], now=old)
    feedback.record_answer(kb, command="meetings", query="b", items=[], now=old)
    feedback.record_answer(kb, command="meetings", query="c", items=[], now=IN_WEEK)
    feedback.vote(kb, voted, "U1", "up")
    assert feedback.prune(kb, now=IN_WEEK) == 1
    assert [r[0] for r in kb.execute("select query from answers order by id")] == ["a", "c"]


@pytest.mark.parametrize("answer_id, vote", [("999", "up"), ("x", "up"), (None, "down"), ("1", "meh")])
def test_votes_on_unknown_answers_or_values_are_refused(kb, answer_id, vote):
    feedback.record_answer(kb, command="meetings", query="", items=[])
    with pytest.raises(ValueError):
        feedback.vote(kb, answer_id, "U1", vote)
    assert feedback.export(kb) == []


def test_the_digest_line_counts_the_weeks_corrections_and_facts_marked_wrong(kb):
    assert feedback.digest_line(kb, MONDAY) == "Curation: 0 corrections this week; no facts were shown in answers."
    feedback.record_answer(kb, command="meetings", query="", items=["f-paparo", "f-dialogue"], now=IN_WEEK)
    feedback.record_answer(kb, command="exercises", query="", items=["f-shield"], now=IN_WEEK)
    feedback.record_answer(kb, command="meetings", query="", items=["f-old"], now=WEEK_BEFORE)
    cx.record(kb, fact_id="f-paparo", action="correct", fields={"date_start": "2024-05-30"}, user="U1",
              apply=True, now=IN_WEEK)
    cx.record(kb, fact_id="f-shield", action="suppress", fields={}, user="U2", apply=False, now=IN_WEEK)
    rejected = cx.record(kb, fact_id="f-dialogue", action="suppress", fields={}, user="U2", apply=False,
                         now=IN_WEEK)
    cx.reject(kb, rejected.id, "U1")
    assert feedback.week_numbers(kb, MONDAY) == {"corrections": 3, "shown": 3, "marked_wrong": 2}
    assert feedback.digest_line(kb, MONDAY) == (
        "Curation: 3 corrections this week; 2 of 3 facts shown (67%) were marked wrong.")
    assert feedback.week_numbers(kb, date(2026, 11, 23))["shown"] == 1


def test_status_counts_periods_loads_additions_and_what_is_next(kb):
    kb["facts"].insert(fact_to_row(Fact(
        id="f-next", kind="exercise", title="Resolute Dragon", summary="", date_start="2026-12-20",
        date_end="2026-12-24", date_precision="day", participants=[], countries=[], location=None,
        doc_id="doc-shield", doc_title="", quote="", span=[0, 0])))
    kb["facts"].insert(fact_to_row(Fact(
        id="f-far", kind="exercise", title="Far away", summary="", date_start="2027-06-01",
        date_end="2027-06-01", date_precision="day", participants=[], countries=[], location=None,
        doc_id="doc-shield", doc_title="", quote="", span=[0, 0])))
    kb.execute("update documents set loaded_at = ? where id = 'doc-space'", ["2026-12-01T09:00:00+00:00"])
    kb.execute("update documents set loaded_at = ? where id != 'doc-space'", ["2026-11-01T09:00:00+00:00"])
    status.record_run(kb, LoadSummary(loaded=["doc-space"], skipped=[("bad.pdf", "binary file (not text)")],
                                      facts=5), started_at=IN_WEEK, seconds=1.25, by="U0ANN", seeds="seeds")
    data = status.gather(kb, now=IN_WEEK)
    assert data["documents"] == 3 and data["facts_by_kind"] == {"exercise": 3, "meeting": 2}
    assert data["period"] == {"first": "2023-09-19", "last": "2027-06-01", "plans_to": None}
    assert data["last_load"]["by"] == "U0ANN" and data["last_load"]["skipped"] == [
        {"file": "bad.pdf", "reason": "binary file (not text)"}]
    assert [(d["doc_id"], d["by"]) for d in data["added_this_week"]["documents"]] == [("doc-space", "U0ANN")]
    assert [f["id"] for f in data["upcoming"]["facts"]] == ["f-next"]
    text = status.describe(data)
    assert "skipped bad.pdf: binary file (not text)" in text and "Resolute Dragon" in text


def test_status_of_an_empty_knowledge_base(db):
    data = status.gather(db, now=IN_WEEK)
    assert data["documents"] == 0 and data["last_load"] is None
    assert "No load recorded yet" in status.describe(data)


@pytest.mark.parametrize("plan_start, plan_end, precision, plans_to", [
    ("2028-01-01", "2028-12-31", "year", "2028"),  # known only to the year: not "2028-12-31"
    ("2028-06-01", "2028-06-30", "month", "2028-06"),
    ("2023-01-01", "2023-12-31", "year", None),  # within what is held: nothing to add
])
def test_the_period_covered_is_of_held_facts_and_plans_are_said_apart(kb, plan_start, plan_end, precision,
                                                                      plans_to):
    kb["facts"].insert(fact_to_row(Fact(
        id="f-plan", kind="exercise", title="Valiant Shield (planned)", summary="", date_start=plan_start,
        date_end=plan_end, date_precision=precision, participants=[], countries=[], location=None,
        doc_id="doc-shield", doc_title="", quote="", span=[0, 0])))
    data = status.gather(kb, now=IN_WEEK)
    assert data["period"] == {"first": "2023-09-19", "last": "2024-08-27", "plans_to": plans_to}
    line = next(x for x in status.describe(data).splitlines() if "Period covered" in x)
    assert line.strip() == "Period covered: 2023-09-19 to 2024-08-27" + (f"; plans to {plans_to}" if plans_to else "")
