"""How `allybot serve` starts: which transport, which port, and failing fast on settings."""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from bot.kb.db import db_key, open_db
from bot.settings import Settings, SettingsError
from bot.slack.app import create_app
from bot.slack.serve import choose_mode, choose_port, serve, socket_mode_handler
from tests.context import ctx
from tests.e2e.conftest import DOCUMENTS, FACTS, fill

ROOT = Path(__file__).resolve().parents[2]


def _args(**kw) -> argparse.Namespace:
    base = {"http": False, "host": "127.0.0.1", "port": None, "no_scheduler": True, "db": None}
    return argparse.Namespace(**{**base, **kw})


@pytest.mark.parametrize(
    ("http", "env", "mode"),
    [
        (False, {"SLACK_APP_TOKEN": "xapp-1"}, "socket"),
        (True, {"SLACK_APP_TOKEN": "xapp-1"}, "http"),
        (True, {}, "http"),
    ],
)
def test_the_transport_follows_the_flag_and_the_app_token(http, env, mode):
    assert choose_mode(http, env) == mode


def test_without_an_app_token_or_http_the_error_names_the_variable_and_the_way_out():
    with pytest.raises(SettingsError) as err:
        choose_mode(False, {})
    assert err.value.variable == "SLACK_APP_TOKEN"
    assert "--http" in str(err.value)


def test_socket_mode_uses_the_builtin_client_with_the_app_token_and_api_url(db):
    settings = Settings.from_env("socket", env={
        "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1-abc",
        "SLACK_API_BASE_URL": "https://slack-gov.com/api/"})
    handler = socket_mode_handler(create_app(ctx(db, settings=settings)), settings)  # does not connect
    from slack_sdk.socket_mode.builtin import SocketModeClient

    assert isinstance(handler.client, SocketModeClient)
    assert handler.app_token == "xapp-1-abc"
    assert handler.client.web_client.base_url == "https://slack-gov.com/api/"


@pytest.mark.parametrize(
    ("cli", "env_port", "expected"),
    [(8080, "5000", 8080), (None, "5000", 5000), (None, None, 3000)],
)
def test_port_comes_from_the_flag_then_port_then_3000(cli, env_port, expected):
    env = {"PORT": env_port} if env_port else {}
    assert choose_port(cli, Settings.from_env(None, env=env)) == expected


@pytest.mark.parametrize(
    ("http", "env", "missing"),
    [
        (True, {"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        (True, {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        (False, {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN"),
    ],
)
def test_serve_exits_2_naming_the_missing_setting(db, monkeypatch, capsys, http, env, missing):
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert serve(_args(http=http), db) == 2
    err = capsys.readouterr().err
    assert missing in err
    assert "Traceback" not in err


def test_allybot_serve_http_answers_healthz_from_the_command_line(tmp_path):
    """The real entry point, as a platform runs it: a process that serves /healthz."""
    db_path = tmp_path / "kb.db"
    db = open_db(db_path)
    fill(db)
    db.close()

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "secret",
           "SLACK_API_BASE_URL": "http://127.0.0.1:9/api/"}
    env.pop("SLACK_APP_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "serve", "--http", "--host", "127.0.0.1",
         "--port", str(port), "--no-scheduler", "--db", str(db_path)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        body = None
        for _ in range(400):  # up to ~20 s on a very slow machine; usually well under 2 s
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    body = json.loads(r.read())
                    break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.05)
        assert body == {"ok": True, "facts": len(FACTS), "documents": len(DOCUMENTS)}, (
            proc.stderr.read().decode() if proc.poll() is not None else "no answer")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_search_index_is_warmed_in_the_background(seeded_db):
    from bot.kb import search
    from bot.slack.serve import warm_in_background

    search._cache.clear()
    warm_in_background(seeded_db).join(timeout=30)
    assert db_key(seeded_db) in search._cache, "the first user would wait for the build"


def test_building_the_app_logs_no_warning_with_the_token_in_the_environment(db, settings, caplog):
    """Bolt reads $SLACK_BOT_TOKEN itself; its 'token unused' notices would mislead operators."""
    assert os.environ["SLACK_BOT_TOKEN"]
    with caplog.at_level(logging.WARNING):
        app = create_app(ctx(db, settings=settings))
    assert app.client.token == settings.bot_token
    # (what building logs, in this thread: an earlier test's app may still be failing its
    # auth.test against an unreachable host in the background, and log it now)
    here = threading.get_ident()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and r.thread == here] == []
