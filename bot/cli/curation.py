"""`allybot curation`, `allybot feedback` and `allybot status`: the curation loop from the shell.

Kept apart from bot/cli.py so that file stays a list of thin subcommands; each handler
here opens the database, calls one knowledge-layer function and prints text or JSON
(errors too, with --json).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path

from bot.config import Config
from bot.context import Context
from bot.kb import corrections as cx
from bot.kb.feedback import export
from bot.kb.status import describe, gather
from commands.errors import CommandError, UsageError

OpenContext = Callable[[argparse.Namespace, Config], Context]


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _who() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name in a container
        return "cli:unknown"


def _curation_file(args, config: Config) -> Path:
    return args.file or config.config_dir / "curation.yaml"


def cmd_curation(args, config: Config, open_ctx: OpenContext) -> int:
    """A refused correction or a bad curation file is raised: main() answers it (JSON with --json)."""
    db = open_ctx(args, config).db
    try:
        if args.action == "export":
            path = _curation_file(args, config)
            counts = cx.export_yaml(db, path)
            out = {"file": str(path), "written": counts}
            text = (f"wrote {path}: {counts['correct']} corrected, {counts['suppress']} suppressed, "
                    f"{counts['merge']} merged (new since the file's last version)")
        elif args.action == "import":
            path = _curation_file(args, config)
            out = {"file": str(path), **cx.import_yaml(db, path, _who())}
            text = (f"imported {out['imported']} from {path}; {out['already']} already in effect"
                    + (f"; no such fact: {', '.join(out['unknown'])}" if out["unknown"] else "")
                    + "".join(f"\n  {e}" for e in out["errors"]))
        elif args.action == "undo":
            c = cx.undo(db, args.id, _who())
            out = c.to_json()
            text = f"undid correction #{c.fields['of']} (recorded as #{c.id})"
        else:
            rows = cx.all_corrections(db, args.status)
            out = [c.to_json() for c in rows]
            text = "\n".join(
                f"#{c.id:<4} {c.status:<8} {c.created_at[:10]} {c.action:<8} {c.fact_id:<16} "
                f"{json.dumps(c.fields, ensure_ascii=False)} by {cx.who(c.user)}"
                + (f": {c.reason}" if c.reason else "") for c in rows) or "no corrections"
    except cx.CorrectionError as exc:
        raise CommandError(exc.message) from None
    if args.json:
        _print_json(out)
    else:
        print(text)
    return 0


def cmd_feedback(args, config: Config, open_ctx: OpenContext) -> int:
    votes = export(open_ctx(args, config).db)
    if args.json:
        _print_json(votes)
    else:
        for v in votes:
            mark = "+" if v["vote"] == "up" else "-"
            print(f"{mark} {v['at'][:10]} {v['command']} {v['query']!r} ({len(v['items'])} items) by {v['user']}")
        if not votes:
            print("no feedback yet")
    return 0


def cmd_status(args, config: Config, open_ctx: OpenContext) -> int:
    ctx = open_ctx(args, config)
    data = gather(ctx.db, now=ctx.now(), tz=config.digest.tz)
    if args.json:
        _print_json(data)
    else:
        print(describe(data))
    return 0


def add_parsers(sub, db_arg: Callable, open_ctx: OpenContext) -> None:
    """Add the subcommands to the `allybot` parser (bot/cli/main.py)."""
    p = sub.add_parser("curation", help="corrections: list, undo, export to / import from config/curation.yaml")
    p.add_argument("action", choices=("list", "export", "import", "undo"),
                   help="list corrections; export the applied ones into the curation file; "
                        "import the file's entries as corrections; undo one by number")
    p.add_argument("id", nargs="?", help="the correction number (for undo)")
    p.add_argument("--file", type=Path, help="curation file (default: config/curation.yaml)")
    p.add_argument("--status", choices=("pending", "applied", "rejected", "undone"), help="list only these")
    db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=lambda a, config: _curation(a, config, open_ctx))

    p = sub.add_parser("feedback", help="the 👍 / 👎 votes on answers, with the query and items shown")
    db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=lambda a, config: cmd_feedback(a, config, open_ctx))

    p = sub.add_parser("status", help="what the knowledge base holds: documents, facts, last load, what is next")
    db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=lambda a, config: cmd_status(a, config, open_ctx))


def _curation(args: argparse.Namespace, config: Config, open_ctx: OpenContext) -> int:
    if args.action == "undo" and not args.id:
        raise UsageError("undo needs the correction number.", hint="See `allybot curation list`.")
    if args.action != "undo" and args.id:
        raise UsageError(f"{args.action} takes no correction number ({args.id!r}).",
                         hint="Only `allybot curation undo N` takes one; see `allybot curation list`.")
    return cmd_curation(args, config, open_ctx)
