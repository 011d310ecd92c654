"""The Procfile names the process types the README promises, and each runs a real CLI command."""

from __future__ import annotations

import shlex
from pathlib import Path

from bot.cli.main import build_parser

PROCFILE = Path(__file__).resolve().parents[2] / "Procfile"


def processes() -> dict[str, str]:
    out = {}
    for line in PROCFILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, command = line.partition(":")
            out[name.strip()] = command.strip()
    return out


def test_procfile_has_web_worker_and_release():
    procs = processes()
    assert set(procs) == {"web", "worker", "release"}
    assert "serve --http" in procs["web"]
    assert "serve" in procs["worker"] and "--http" not in procs["worker"]
    assert "load" in procs["release"]


def test_every_procfile_command_parses_with_the_cli():
    parser = build_parser()
    for name, command in processes().items():
        for step in command.split("&&"):
            argv = shlex.split(step)
            assert argv[0] == "allybot", (name, step)
            args = parser.parse_args(argv[1:])  # exits (fails the test) on an unknown flag
            assert callable(args.func)
