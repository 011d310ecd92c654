"""Fixtures shared by every test: a fresh database, and one loaded from the seeds.

The database is always real SQLite (a file under tmp_path), never a mock.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.kb.db import open_db
from tests.context import CONFIG

ROOT = Path(__file__).resolve().parent.parent
# The suite's own copy of the five original seeds: analysts add documents to seeds/ freely,
# and no test may change its answer when they do.
SEEDS = ROOT / "tests" / "data" / "seeds"
SHARED = ROOT.parent / "shared"


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
