"""/lookup answers a question asked in plain words from passages written in the trade's words
(issue 11): "what ship is Japan sending" is answered by "will dispatch ... the frigate", and
"the 2+2" by a wire story's "two-plus-two". Texts written for the test."""

from __future__ import annotations

import pytest

from bot.kb import loader
from bot.kb.db import open_db
from commands import lookup
from tests.context import CONFIG, ctx

DOCS = {
    "frigate.txt": (
        "Japan joins the drills\n\nMarch 30, 2025\n\n"
        "Japan's Self-Defense Forces will dispatch the frigate Kumano and some 150 troops to "
        "the Balikatan exercises, which run from April 21 to May 9.\n\n"
        "Japan has sent observers to Balikatan since 2012 and is sending officers this year too."
    ),
    "invite.txt": (
        "Manila invites Tokyo\n\nApril 17, 2024\n\n"
        "The Philippines invited Japan to send troops to Balikatan next year, its army said.\n\n"
        "Japan is sending only observers to this year's Balikatan, a spokesman said."
    ),
    "chiefs.txt": (
        "Defense chiefs meet\n\nJuly 29, 2024\n\n"
        "Defense Minister Minoru Kihara and Defense Secretary Lloyd Austin agreed in Tokyo on "
        "Monday to promote joint exercises, a day after their countries held a two-plus-two "
        "meeting of foreign and defense ministers.\n\n"
        "Kihara said Austin had been a good partner since 2023."
    ),
    "other.txt": (
        "Earlier talks\n\nJanuary 12, 2023\n\n"
        "Kihara and Austin met in Tokyo to prepare the 2+2 meeting.\n\n"
        "Austin thanked Kihara for the talks in Tokyo."
    ),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wording")
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder.parent / "wording.db"
    loader.load(folder, path, CONFIG, progress=False)
    database = open_db(path)
    yield database
    database.close()


@pytest.mark.parametrize(
    "question,needle",
    [
        ("what ship is japan sending to balikatan", "frigate Kumano"),
        ("what did kihara and austin agree after the tokyo 2+2", "joint exercises"),
    ],
    ids=["ship and sending: frigate and dispatch", "2+2: two-plus-two"],
)
def test_a_plain_question_finds_the_trade_wording_first(db, question, needle):
    result = lookup.run(lookup.parse(question), ctx(db))
    assert result.passages, result.message
    assert needle in result.passages[0].text, [p.text for p in result.passages]
