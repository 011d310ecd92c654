"""Loads never collide: a second load waits for the first; concurrent adds all land."""

from __future__ import annotations

import dataclasses
import threading

from bot.kb import loader
from bot.kb.added import Incoming, add
from bot.kb.db import open_db
from bot.kb.loadlock import load_lock
from tests.context import CONFIG


def _note(i: int) -> bytes:
    return (f"Note {i}\n\nDefense Minister Minoru Kihara met Secretary Lloyd Austin in Tokyo "
            f"on July {i + 1}, 2024 to discuss item number {i}.\n").encode()


def test_a_load_waits_for_the_running_one(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_bytes(_note(1))
    db_path = tmp_path / "kb.db"
    done = threading.Event()

    def second_load():
        loader.load(folder, db_path, CONFIG, progress=False)
        done.set()

    with load_lock(db_path):  # a load in progress (another thread or `allybot load`)
        worker = threading.Thread(target=second_load)
        worker.start()
        assert not done.wait(0.5), "the second load started while the first held the lock"
    worker.join(60)
    assert done.is_set()
    assert open_db(db_path)["documents"].count == 1


def test_concurrent_adds_all_land_without_a_locked_database(tmp_path):
    config = dataclasses.replace(CONFIG, seeds=tmp_path / "docs")
    config.seeds.mkdir()
    db_path = tmp_path / "kb.db"
    outcomes, errors = [], []

    def add_one(i: int):
        try:
            outcomes.append(add(Incoming(_note(i), f"note-{i}.txt", added_by="U1"), config, db_path))
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    threads = [threading.Thread(target=add_one, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert sorted(o.status for o in outcomes) == ["added"] * 4
    assert open_db(db_path)["documents"].count == 4
