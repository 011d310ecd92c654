"""The correction modals and the Home tab are views Slack accepts, prefilled with the fact."""

from __future__ import annotations

import pytest
from slack_sdk.models.views import View

from bot.kb import corrections as cx
from bot.kb.status import gather
from bot.slack.listeners.curation import correction_view, fields_from
from bot.slack.status_blocks import home_view
from tests.e2e.conftest import fill


@pytest.fixture
def kb(db):
    fill(db)
    return db


def inputs(view: dict) -> dict:
    return {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"] if b["type"] == "input"}


@pytest.mark.parametrize("code, prefilled", [
    ("date", {"date_start": "2024-05-29", "date_end": None, "reason": None}),
    ("people", {"participants": "Samuel Paparo\nFumio Kishida", "location": "Tokyo", "countries": "US, Japan",
                "reason": None}),
    ("suppress", {"reason": None}),
    ("merge", {"into": None, "reason": None}),
])
def test_each_form_is_valid_and_prefilled(kb, code, prefilled):
    view = correction_view(kb, code, "f-paparo", "token-1", curator=False)
    View(**view).validate_json()  # raises past any of Slack's limits
    assert view["private_metadata"] == "token-1" and inputs(view) == prefilled
    assert view["submit"]["text"] == "Send for review"


def test_same_event_offers_nearby_facts_of_the_same_kind(kb):
    view = correction_view(kb, "merge", "f-paparo", "t", curator=True)
    select = next(b for b in view["blocks"] if b.get("block_id") == "into")["element"]
    assert [o["value"] for o in select["options"]] == ["f-dialogue"]  # a meeting, 90 days apart


def test_undo_needs_a_correction_in_effect(kb):
    with pytest.raises(cx.CorrectionError):
        correction_view(kb, "undo", "f-paparo", "t", curator=True)
    cx.record(kb, fact_id="f-paparo", action="correct", fields={"location": "Yokosuka"}, user="U1", apply=True)
    view = correction_view(kb, "undo", "f-paparo", "t", curator=True)
    assert "location → Yokosuka" in view["blocks"][1]["text"]["text"]


@pytest.mark.parametrize("code, values, expected", [
    ("date", {"date_start": " 2024-05-30 ", "date_end": ""}, {"date_start": "2024-05-30"}),
    ("date", {"date_start": "2024-05", "date_end": None}, {"date_start": "2024-05"}),
    ("people", {"participants": "Samuel Paparo, Fumio Kishida, Rahm Emanuel", "location": "Tokyo",
                "countries": "US, Japan"}, {"participants": ["Samuel Paparo", "Fumio Kishida", "Rahm Emanuel"]}),
    ("people", {"participants": "Samuel Paparo\nFumio Kishida", "location": "", "countries": "US, Japan"},
     {"location": None}),
])
def test_forms_record_only_what_changed(kb, code, values, expected):
    assert fields_from(kb, code, "f-paparo", values) == expected


@pytest.mark.parametrize("code, values", [
    ("date", {"date_start": ""}), ("date", {"date_start": "2024-05-29"}),
    ("people", {"participants": "Samuel Paparo\nFumio Kishida", "location": "Tokyo", "countries": "US, Japan"}),
])
def test_forms_that_change_nothing_are_refused(kb, code, values):
    with pytest.raises(cx.CorrectionError):
        fields_from(kb, code, "f-paparo", values)


def test_home_tab_is_a_valid_view(kb):
    view = home_view(gather(kb), pending=2)
    View(**view).validate_json()
    assert "2 corrections waiting" in str(view)
