"""The reply to an added document: golden Block Kit for each outcome, within Slack's limits.

Regenerate after an intended change with UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import pytest

from bot.kb.added import Outcome
from bot.kb.model import Fact
from bot.slack import blocks as render
from tests.unit.test_render import compare_golden


def _fact(i: int) -> Fact:
    return Fact(id=f"f{i}", kind="meeting", title=f"Kihara meets Austin, round {i}", summary="",
                date_start=f"2024-07-{i + 1:02d}", date_end=f"2024-07-{i + 1:02d}", date_precision="day",
                participants=["Minoru Kihara", "Lloyd Austin"], countries=["Japan", "US"],
                location="Tokyo", doc_id="added/statement-1a2b3c4d.pdf", doc_title="Joint Statement",
                quote="They met.", span=[0, 9])


DOCUMENT = {"title": "Joint Statement of the Defense Ministers", "date": "2024-07-29", "date_inferred": 0,
            "date_note": "stated near the top ('July 29, 2024')", "source": None,
            "source_url": "https://allybot-test.slack.com/files/U0ANALYST/F0PDF/statement.pdf",
            "added_by": "U0ANALYST"}

CASES = {
    "added_pdf": (Outcome("added", "added/statement-1a2b3c4d.pdf", document=DOCUMENT,
                          facts=[_fact(i) for i in range(12)]), "statement.pdf", None),
    "added_no_facts": (Outcome("added", "added/page-1a2b3c4d.html",
                               document={**DOCUMENT, "title": "Weather in Tokyo", "date": None,
                                         "date_note": "no date stated or inferable"}), "https://x.example/w", None),
    "added_already": (Outcome("already", "added/statement-1a2b3c4d.pdf", document=DOCUMENT,
                              facts=[_fact(1)]), "copy.pdf", None),
    "added_refused": (Outcome("unreadable", reason="scanned PDF with no text layer (run OCR on it first)"),
                      "scan.pdf", None),
    "added_removed": (Outcome("removed", "added/statement-1a2b3c4d.pdf", document=DOCUMENT),
                      "added/statement-1a2b3c4d.pdf", "U0BOSS"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_golden_added_replies(name):
    outcome, what, user = CASES[name]
    payload = render.added_blocks(outcome, what, user=user)
    compare_golden(name, payload)
    assert len(payload["blocks"]) <= 50 and len(payload["text"]) < 4000


def test_a_reply_lists_at_most_ten_facts_and_says_how_many_more():
    outcome, what, _ = CASES["added_pdf"]
    text = "\n".join(b["text"]["text"] for b in render.added_blocks(outcome, what)["blocks"] if b["type"] == "section")
    assert "12 facts found" in text and "…and 2 more" in text and text.count("• ") == 10


@pytest.mark.parametrize("stored, precision, shown", [
    ("2024-01-01", "year", "Dated 2024"), ("2024-07-01", "month", "Dated July 2024"),
    ("2024-07-29", "day", "Dated 29 July 2024")])
def test_the_reply_dates_the_document_as_precisely_as_known(stored, precision, shown):
    doc = {**DOCUMENT, "date": stored, "date_precision": precision}
    payload = render.added_blocks(Outcome("added", "added/x.pdf", document=doc), "x.pdf")
    text = "\n".join(b["text"]["text"] for b in payload["blocks"] if b["type"] == "section")
    [dated] = [line for line in text.splitlines() if line.startswith("Dated")]
    assert dated.split(" (")[0] == shown
