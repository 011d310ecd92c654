"""Issue 13, items 6-7: what a careless operator or a new user runs into, answered plainly.

A damaged, missing or unusable database is one line naming the file and what to do, never
a traceback; /healthz fails when the database cannot answer; every --json command prints
a JSON error object and exits non-zero; -q is quiet; --url must be a web address; the
README's install steps write no tracked file. The CLI runs as a real process.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("Kishida meets Paparo\n\nPrime Minister Fumio Kishida met Admiral Samuel Paparo in "
        "Tokyo on May 29, 2024, to discuss the [meeting](#) agenda and **deterrence**.\n")


def allybot(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli.main", *args], cwd=ROOT, capture_output=True, text=True,
        timeout=120, env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("op")
    (folder / "seeds").mkdir()
    (folder / "seeds" / "a.txt").write_text(TEXT)
    db = folder / "kb.db"
    done = allybot("load", "--seeds", str(folder / "seeds"), "--db", str(db), "-q")
    assert done.returncode == 0, done.stderr
    return db


def damaged_copy(db: Path, tmp_path: Path, how: str) -> Path:
    out = tmp_path / f"{how}.db"
    data = bytearray(db.read_bytes())
    if how == "garbage":
        data = bytearray(b"this is not a database at all\n" * 200)
    elif how == "pages":
        for i in range(4096, len(data), 7):
            data[i] = (data[i] * 31 + 17) % 256
    out.write_bytes(bytes(data))
    return out


@pytest.mark.parametrize("how", ["garbage", "pages"])
@pytest.mark.parametrize("command", [["docs"], ["facts"], ["ask", "/meetings kishida"], ["lookup", "kishida"]])
def test_damaged_database_is_one_line_naming_the_file(loaded, tmp_path, how, command):
    db = damaged_copy(loaded, tmp_path, how)
    done = allybot(*command, "--db", str(db))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    assert str(db) in done.stderr and "allybot load" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    as_json = allybot(*command, "--db", str(db), "--json")
    assert as_json.returncode != 0
    error = json.loads(as_json.stdout)["error"]
    assert str(db) in error["message"]


@pytest.mark.parametrize(
    "args,words",
    [
        (["docs", "--db", "{tmp}/missing.db"], "allybot load"),
        (["docs", "--db", "/proc/allybot/kb.db"], "/proc/allybot"),
        (["docs", "--db", "{tmp}"], "folder"),
        (["ask", "/meetings page:٣", "--db", "{db}"], "page"),
        (["ask", "/nosuchcommand", "--db", "{db}"], "Unknown command"),
        (["lookup", "", "--db", "{db}"], "look up"),
        (["digest", "--week", "not-a-week", "--db", "{db}"], ""),
        (["facts", "--kind", "bogus", "--db", "{db}"], "bogus"),
        (["manifest", "--url", "not-a-url"], "not a web address"),
        (["notify", "--db", "{db}"], "SLACK_BOT_TOKEN"),
        (["calendar", "--from", "next tuesday", "--db", "{db}"], "--from"),
        (["calendar", "--ics", "-o", "{tmp}/no/such/folder/cal.ics", "--db", "{db}"], "no/such/folder"),
        (["curation", "undo", "9999", "--db", "{db}"], "9999"),
        (["curation", "list", "12", "--db", "{db}"], "no correction number"),
        (["digest", "--json", "--preview", "--db", "{db}"], "--preview"),
    ],
)
def test_every_json_command_answers_errors_in_json(loaded, tmp_path, args, words):
    args = [a.format(tmp=tmp_path, db=loaded) for a in args]
    plain = allybot(*args, env={"SLACK_BOT_TOKEN": ""})
    assert plain.returncode != 0 and "Traceback" not in plain.stderr
    if "--json" not in args and args[0] != "manifest":
        done = allybot(*args, "--json", env={"SLACK_BOT_TOKEN": ""})
        assert done.returncode != 0
        error = json.loads(done.stdout)["error"]
        assert words in error["message"] + (error["hint"] or "")
        assert "Traceback" not in done.stderr


def test_json_text_fields_are_plain_text(loaded):
    done = allybot("facts", "--json", "--db", str(loaded))
    facts = json.loads(done.stdout)
    assert facts and all("](#)" not in f["quote"] and "**" not in f["quote"] for f in facts)
    asked = json.loads(allybot("ask", "--json", "/meetings kishida", "--db", str(loaded)).stdout)
    assert "**" not in json.dumps(asked) and "](#)" not in json.dumps(asked)


def test_quiet_load_prints_only_its_summary(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(TEXT)
    done = allybot("load", "-q", "--seeds", str(tmp_path / "seeds"), "--db", str(tmp_path / "kb.db"))
    assert done.returncode == 0 and done.stdout == ""
    assert [line for line in done.stderr.splitlines() if line.strip()] == [done.stderr.strip()]
    assert " INFO " not in done.stderr and done.stderr.startswith("loaded 1")


def test_load_prints_one_summary_line(tmp_path):
    """A command prints its result and warnings, not the loader's progress notes (those are -v)."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(TEXT)
    (tmp_path / "seeds" / "table.xlsx").write_bytes(b"PK not a document")
    done = allybot("load", "--seeds", str(tmp_path / "seeds"), "--db", str(tmp_path / "kb.db"))
    assert done.returncode == 0
    assert done.stdout.startswith("loaded 1") and len(done.stdout.strip().splitlines()) == 1
    assert " INFO " not in done.stderr
    assert done.stderr.strip() == "WARNING: skipped table.xlsx: unsupported type .xlsx"  # plainly


def test_manifest_accepts_a_real_url():
    done = allybot("manifest", "--url", "https://allybot.example.org")
    assert done.returncode == 0 and "https://allybot.example.org/slack/events" in done.stdout


def test_readme_install_steps_write_no_tracked_file():
    readme = (ROOT / "README.md").read_text().split("## Install in Slack", 1)[1].split("\n## ", 1)[0]
    tracked = set(subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split())
    targets = re.findall(r">\s*([\w./-]+)", "\n".join(re.findall(r"`([^`]*)`", readme)))
    assert targets, "the README's install steps redirect the manifest somewhere"
    assert not [t for t in targets if t in tracked]


@pytest.mark.parametrize(
    "env,named",
    [
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)"),
        ({"SLACK_APP_TOKEN": "xapp-1"}, "SLACK_BOT_TOKEN"),
        ({}, "SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)"),
    ],
)
def test_make_run_names_the_missing_variable(tmp_path, env, named):
    """`make run` with allybot replaced by a stand-in that says what it was asked to run."""
    fake = tmp_path / "allybot"
    fake.write_text('#!/bin/sh\necho "allybot $*"\n')
    fake.chmod(0o755)
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    stamp = tmp_path / "installed"  # newer than pyproject.toml: make installs nothing
    stamp.touch()
    done = subprocess.run(["make", "-s", "run", f"BIN={tmp_path}", f"STAMP={stamp}"], cwd=ROOT,
                          capture_output=True,
                          text=True, timeout=120, env={**clean, **env})
    assert done.returncode == 0, done.stderr
    assert f"Not starting Slack: {named} not set" in done.stdout
    assert done.stdout.rstrip().endswith("allybot shell")
