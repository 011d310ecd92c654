"""Fixtures for the end-to-end tests: a fake Slack, a small knowledge base, a served app."""

from __future__ import annotations

import pytest

from bot.kb.model import Fact
from bot.kb.store import fact_to_row
from bot.settings import Settings
from tests.context import ctx
from tests.e2e.slackhttp import BOT_TOKEN, SIGNING_SECRET, Served
from tests.fakeslack import FakeSlack

# A small knowledge base written for these tests (not the seeds): three documents whose
# passages and facts go through the real schema, FTS triggers and search code.
DOCUMENTS = [
    {
        "id": "doc-indopacom", "title": "INDOPACOM chief visits Tokyo", "date": "2024-05-30",
        "passages": [
            "Adm. Samuel Paparo, commander of U.S. Indo-Pacific Command, met Prime Minister "
            "Fumio Kishida in Tokyo on May 29 to discuss command and control.",
            "The two sides agreed to upgrade the structure of U.S. Forces Japan.",
        ],
    },
    {
        "id": "doc-shield", "title": "Allies wrap up Orient Shield drill", "date": "2023-09-20",
        "passages": [
            "Japan Ground Self-Defense Force and U.S. Army units ended exercise Orient Shield "
            "in Kumamoto on September 19.",
            "Rocket artillery crews trained together for the first time.",
        ],
    },
    {
        "id": "doc-space", "title": "Space dialogue in Washington", "date": "2024-08-27",
        "passages": [
            "Officials held the Comprehensive Dialogue on Space in Washington on August 27 "
            "and discussed a Japanese astronaut landing on the Moon.",
        ],
    },
]

FACTS = [
    Fact(id="f-paparo", kind="meeting", title="Paparo meets Kishida in Tokyo",
         summary="INDOPACOM commander Adm. Samuel Paparo met Prime Minister Fumio Kishida.",
         date_start="2024-05-29", date_end="2024-05-29", date_precision="day",
         participants=["Samuel Paparo", "Fumio Kishida"], countries=["US", "Japan"],
         location="Tokyo", doc_id="doc-indopacom", doc_title="INDOPACOM chief visits Tokyo",
         quote="Adm. Samuel Paparo, commander of U.S. Indo-Pacific Command, met Prime Minister "
               "Fumio Kishida in Tokyo on May 29", span=[0, 115]),
    Fact(id="f-dialogue", kind="meeting", title="Comprehensive Dialogue on Space",
         summary="US and Japanese officials met for the space dialogue.",
         date_start="2024-08-27", date_end="2024-08-27", date_precision="day",
         participants=[], countries=["US", "Japan"], location="Washington",
         doc_id="doc-space", doc_title="Space dialogue in Washington",
         quote="Officials held the Comprehensive Dialogue on Space in Washington on August 27",
         span=[0, 77]),
    Fact(id="f-shield", kind="exercise", title="Orient Shield",
         summary="JGSDF and U.S. Army exercise in Kumamoto.",
         date_start="2023-09-19", date_end="2023-09-19", date_precision="day",
         participants=["JGSDF", "U.S. Army"], countries=["US", "Japan"], location="Kumamoto",
         doc_id="doc-shield", doc_title="Allies wrap up Orient Shield drill",
         quote="U.S. Army units ended exercise Orient Shield in Kumamoto on September 19",
         span=[45, 120]),
]

NAMES = {"f-paparo": "Samuel Paparo Paparo Fumio Kishida Kishida Tokyo",
         "f-dialogue": "Washington", "f-shield": "Orient Shield Kumamoto JGSDF"}


def fill(db) -> None:
    with db.conn:
        for doc in DOCUMENTS:
            text = " ".join(doc["passages"])
            db["documents"].insert({"id": doc["id"], "title": doc["title"], "date": doc["date"],
                                    "text": text, "path": f"{doc['id']}.txt", "date_inferred": 0})
            for seq, passage in enumerate(doc["passages"]):
                start = text.index(passage)
                db["passages"].insert({"doc_id": doc["id"], "seq": seq, "start": start,
                                       "end": start + len(passage), "text": passage,
                                       "furniture": 0})
        for fact in FACTS:
            db["facts"].insert(fact_to_row(fact, names=NAMES[fact.id]))


@pytest.fixture
def kb(db):
    fill(db)
    return db


@pytest.fixture
def slack():
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def settings(slack, monkeypatch) -> Settings:
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    monkeypatch.setenv("SLACK_API_BASE_URL", slack.base_url)
    return Settings.from_env("http")


@pytest.fixture
def served(settings, kb):
    from bot.slack.serve import build_asgi

    with Served(build_asgi(ctx(kb, settings=settings))) as app:
        yield app
