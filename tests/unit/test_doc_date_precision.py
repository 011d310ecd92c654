"""A document dated only to its month or year is cited that way wherever its date is shown.

Documents store a whole day plus how much of it is known; "2024" must never read as
"1 January 2024" in an answer (and /who, which shares its dates), a Cite note, the calendar or the CSV export.
"""

from __future__ import annotations

import csv
import io

import pytest
from icalendar import Calendar

import commands
from bot.kb.citations import citations
from bot.kb.ical import calendar_ics
from bot.kb.store import all_facts
from bot.slack.blocks import to_text
from commands.export import to_csv
from tests.context import ctx
from tests.e2e.conftest import fill

CASES = [  # stored date, precision, shown, never shown
    ("2024-01-01", "year", "2024", "January"),
    ("2024-05-01", "month", "May 2024", "1 May"),
]


@pytest.fixture(params=CASES, ids=[c[1] for c in CASES])
def case(request, db):
    fill(db)
    stored, precision, shown, wrong = request.param
    with db.conn:
        db["documents"].update("doc-indopacom", {"date": stored, "date_precision": precision})
    return ctx(db), shown, wrong


def _paparo(c):
    return next(f for f in all_facts(c.db) if f.id == "f-paparo")


def _answer(c):
    return to_text(commands.dispatch("/meetings paparo", c))


def _cite(c):
    return "\n".join(n.note for n in citations(c.db, _paparo(c)))


def _calendar(c):
    cal = Calendar.from_ical(calendar_ics(c.db))
    return next(str(e["DESCRIPTION"]) for e in cal.walk("VEVENT") if str(e["UID"]) == "f-paparo")


def _csv(c):
    [row] = csv.DictReader(io.StringIO(to_csv([_paparo(c)], c)))
    return row["citations"]


@pytest.mark.parametrize("shown_in", [_answer, _cite, _calendar, _csv],
                         ids=["answer", "cite", "calendar", "csv"])
def test_a_document_date_is_shown_at_its_precision(case, shown_in):
    c, shown, wrong = case
    text = shown_in(c)
    assert shown in text and wrong not in text, text


def test_allybot_docs_lists_the_date_at_its_precision(case, capsys):
    from bot.cli.main import main

    c, shown, _ = case
    path = c.db.conn.execute("pragma database_list").fetchone()[2]
    assert main(["docs", "--db", path]) == 0
    [line] = [x for x in capsys.readouterr().out.splitlines() if x.startswith("doc-indopacom")]
    iso = {"2024": "2024", "May 2024": "2024-05"}[shown]
    assert line.split()[1] == iso
