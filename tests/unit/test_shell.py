"""The local shell, driven through piped stdin as a developer would script it."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.shell import answer, run_shell
from tests import golden_facts
from tests.context import ctx

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fx(tmp_path):
    db = golden_facts.build(tmp_path / "fixture.db")
    yield db
    db.close()


def chat(db, *lines: str) -> str:
    out = io.StringIO()
    status = run_shell(ctx(db), stdin=io.StringIO("".join(line + "\n" for line in lines)), stdout=out)
    assert status == 0
    return out.getvalue()


def test_commands_answer_as_slack_would(fx):
    out = chat(fx, "/meetings papparo", "exercises 2023", "/allybot space artemis")
    assert "Meetings: papparo" in out and "29 May 2024 · Kishida meets new INDOPACOM commander Paparo" in out
    assert "Exercises: 2023" in out and "Orient Shield 23" in out
    assert "pressurized lunar rover" in out
    assert "Traceback" not in out


@pytest.mark.parametrize("line", ["help", "/help", "/allybot", "/allybot help"])
def test_help(fx, line):
    out = chat(fx, line)
    for slash in ("/meetings", "/exercises", "/space", "/lookup", "/digest"):
        assert slash in out


def test_usage_errors_print_the_hint_not_a_traceback(fx):
    out = chat(fx, "/meetings since:yesterdayish", "/exercises until:2024-13", "/nosuch thing")
    assert "'yesterdayish' is not a date" in out and "Write dates as 2024" in out
    assert "no month 13" in out
    assert "Unknown command '/nosuch'" in out and "Try one of" in out
    assert "Traceback" not in out


def test_add_says_how_to_add_a_document_here(fx):
    out = chat(fx, "/add https://example.org/page", "add https://example.org/page")
    assert out.count("put the file in the documents folder") == 2 and "Unknown command" not in out
    assert "/add <url>" in chat(fx, "/help")  # help names every way to add a document
    assert "Lookup: add more ships" in chat(fx, "add more ships")  # still a question


def test_plain_text_is_a_question(fx):
    out = chat(fx, "who is the new INDOPACOM commander")
    assert "Lookup:" in out and "*INDOPACOM*" in out


def test_quit_stops_reading(fx):
    out = chat(fx, "/meetings paparo", "quit", "/exercises 2023")
    assert "Meetings: paparo" in out and "Exercises" not in out


def test_end_of_input_and_blank_lines(fx):
    assert chat(fx, "", "   ") == ""
    assert run_shell(ctx(fx), stdin=io.StringIO(""), stdout=io.StringIO()) == 0


def test_unexpected_errors_become_an_apology(fx):
    fx.conn.execute("drop table facts_fts")  # a broken database, as after a bad manual edit
    fx.conn.execute("drop table facts")
    reply = answer("/meetings paparo", ctx(fx))
    assert reply.startswith("Sorry, something went wrong (ref ")
    assert "Traceback" not in reply


def test_allybot_shell_command_over_a_pipe(tmp_path):
    path = tmp_path / "fixture.db"
    golden_facts.build(path).close()
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "shell", "--db", str(path)],
        input="/meetings kishida paparo\n/space 2026\n", capture_output=True, text=True, cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Kishida meets new INDOPACOM commander Paparo" in proc.stdout
    assert "Martian Moons eXploration" in proc.stdout
    assert "allybot>" not in proc.stdout  # no prompt when input is not a terminal
