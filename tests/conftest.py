"""Fixtures shared by every test: a fresh database, and one loaded from the seeds.

The database is always real SQLite (a file under tmp_path), never a mock.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from bot.kb import remerge
from bot.kb.db import open_db
from tests.context import CONFIG

ROOT = Path(__file__).resolve().parent.parent
# The suite's own copy of the five original seeds: analysts add documents to seeds/ freely,
# and no test may change its answer when they do.
SEEDS = ROOT / "tests" / "data" / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _slack_retries_leave_global_random_alone():
    """Apps built by the end-to-end tests ask auth.test in a background thread, and slack_sdk
    spaces its retries with jitter from the global `random` module. When such a retry falls
    during a Hypothesis draw of a later property test (the /digest one, say), Hypothesis sees
    the global random state change and warns "Do not use the `random` module inside
    strategies". The jitter here draws from its own generator instead."""
    from slack_sdk.http_retry import builtin_handlers, jitter

    with pytest.MonkeyPatch.context() as mp:
        for module in (builtin_handlers, jitter):
            mp.setattr(module, "random", random.Random())
        yield


@pytest.fixture(scope="session")
def calendar_gaz(tmp_path_factory):
    """The made-up alliance calendar of tests/calendar_gazetteer.py, loaded."""
    from bot.kb.entities import Gazetteer
    from tests import calendar_gazetteer

    return Gazetteer.load(calendar_gazetteer.write(tmp_path_factory.mktemp("calendar") / "gazetteer"))


@pytest.fixture
def db(tmp_path):
    """A fresh, empty database with the current schema."""
    database = open_db(tmp_path / "allybot.db")
    yield database
    database.close()


@pytest.fixture(scope="session")
def seeded_db_path(tmp_path_factory) -> Path:
    """The seeds loaded once per test session (read-only for tests: copy it to change it)."""
    from bot.kb.loader import load

    path = tmp_path_factory.mktemp("seeded") / "allybot.db"
    load(seeds=SEEDS, db_path=path, config=CONFIG, progress=False)
    return path


@pytest.fixture
def seeded_db(seeded_db_path, tmp_path):
    """A private copy of the seeded database, safe to write to."""
    copy = tmp_path / "seeded.db"
    src = open_db(seeded_db_path)
    src.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    src.close()
    shutil.copy(seeded_db_path, copy)
    database = open_db(copy)
    yield database
    database.close()


@pytest.fixture
def merge_spy(monkeypatch) -> list[str]:
    """Which kind of merge (bot.kb.remerge.plan's "full" or "local") each load ran."""
    ran: list[str] = []
    real = remerge.plan

    def plan(*args, **kwargs):
        p = real(*args, **kwargs)
        ran.append(p.how)
        return p

    monkeypatch.setattr(remerge, "plan", plan)
    return ran
