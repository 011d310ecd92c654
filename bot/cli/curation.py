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


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _fail(args, message: str, hint: str | None = None) -> int:
    if getattr(args, "json", False):
        _print_json({"error": message, "hint": hint})
    else:
        print(f"allybot: {message}" + (f"\n{hint}" if hint else ""), file=sys.stderr)
    return 2


def _who() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name in a container
        return "cli:unknown"


def _curation_file(args) -> Path:
    from bot.config import get_config

    return args.file or get_config().config_dir / "curation.yaml"


def cmd_curation(args, open_db: Callable) -> int:
    from bot.config import ConfigError
    from bot.kb import corrections as cx

    db = open_db(args)
    try:
        if args.action == "export":
            path = _curation_file(args)
            counts = cx.export_yaml(db, path)
            out = {"file": str(path), "written": counts}
            text = (f"wrote {path}: {counts['correct']} corrected, {counts['suppress']} suppressed, "
                    f"{counts['merge']} merged (new since the file's last version)")
        elif args.action == "import":
            path = _curation_file(args)
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
        return _fail(args, exc.message)
    except ConfigError as exc:
        return _fail(args, str(exc), "fix the file, then run the command again")
    if args.json:
        _print_json(out)
    else:
        print(text)
    return 0


def cmd_feedback(args, open_db: Callable) -> int:
    from bot.kb.feedback import export

    votes = export(open_db(args))
    if args.json:
        _print_json(votes)
    else:
        for v in votes:
            mark = "+" if v["vote"] == "up" else "-"
            print(f"{mark} {v['at'][:10]} {v['command']} {v['query']!r} ({len(v['items'])} items) by {v['user']}")
        if not votes:
            print("no feedback yet")
    return 0


def cmd_status(args, open_db: Callable) -> int:
    from bot.config import get_config
    from bot.kb.status import describe, gather

    data = gather(open_db(args), tz=get_config().digest.tz)
    if args.json:
        _print_json(data)
    else:
        print(describe(data))
    return 0


def add_parsers(sub, db_arg: Callable, open_db: Callable) -> None:
    """Add the subcommands to the `allybot` parser (bot/cli.py)."""
    p = sub.add_parser("curation", help="corrections: list, undo, export to / import from config/curation.yaml")
    p.add_argument("action", choices=("list", "export", "import", "undo"),
                   help="list corrections; export the applied ones into the curation file; "
                        "import the file's entries as corrections; undo one by number")
    p.add_argument("id", nargs="?", help="the correction number (for undo)")
    p.add_argument("--file", type=Path, help="curation file (default: config/curation.yaml)")
    p.add_argument("--status", choices=("pending", "applied", "rejected", "undone"), help="list only these")
    db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=lambda a: _curation(a, open_db))

    p = sub.add_parser("feedback", help="the 👍 / 👎 votes on answers, with the query and items shown")
    db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=lambda a: cmd_feedback(a, open_db))

    p = sub.add_parser("status", help="what the knowledge base holds: documents, facts, last load, what is next")
    db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=lambda a: cmd_status(a, open_db))


def _curation(args: argparse.Namespace, open_db: Callable) -> int:
    if args.action == "undo" and not args.id:
        return _fail(args, "undo needs the correction number", "see `allybot curation list`")
    return cmd_curation(args, open_db)
