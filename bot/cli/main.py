"""`allybot`: the project's stable machine interface.

Thin on purpose: each subcommand parses its flags and calls one module. Output meant
for programs goes to stdout (`--json`); progress and warnings go to stderr. With --json,
every failure (a bad flag, a bad query, a missing or damaged database, a bug) is one
JSON object {"error": {"message", "hint", "suggestions"}} on stdout and a non-zero exit,
so a script never has to parse prose; text fields are plain text, not markdown.
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
import uuid
from pathlib import Path
from urllib.parse import urlparse

from bot.config import ConfigError, get_config


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=Path, help="SQLite database (default: `database` in config/allybot.yaml)")


def _open(args, create: bool = False):
    from bot.kb.store import open_db

    return open_db(args.db or get_config().database, create=create)


# Fields that carry document text: printed as plain text (a quote's "[meeting](#)" or "**"
# is markup of the source page, not something a program reading the JSON wants).
_TEXT_FIELDS = frozenset({"quote", "title", "summary", "text", "doc_title"})


def _plain(data):
    from bot.kb.extract.facts import clean_text

    if isinstance(data, dict):
        return {k: clean_text(v) if k in _TEXT_FIELDS and isinstance(v, str) else _plain(v)
                for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def _print_json(data) -> None:
    json.dump(_plain(data), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


class ArgumentError(Exception):
    """A bad flag or argument; argparse's message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # raise instead of exiting, so --json can answer in JSON
        raise ArgumentError(f"{self.prog}: {message}")


def _fail(as_json: bool, message: str, hint: str | None = None, suggestions=(), code: int = 2) -> int:
    if as_json:
        _print_json({"error": {"message": message, "hint": hint, "suggestions": list(suggestions)}})
    else:
        print(f"allybot: {message}" + (f"\n{hint}" if hint else ""), file=sys.stderr)
    return code


def cmd_load(args) -> int:
    from bot.kb.loader import load

    cfg = get_config()
    summary = load(
        seeds=args.seeds or cfg.seeds,
        db_path=args.db or cfg.database,
        config=cfg,
        progress=None if args.quiet else sys.stderr.isatty(),
    )
    if args.json:
        _print_json(summary.to_json())
    else:
        print(summary.line(), file=sys.stderr if args.quiet else sys.stdout)
    return 0


def cmd_docs(args) -> int:
    db = _open(args)
    rows = db.query(
        """select d.id, d.title, d.date, d.date_inferred, d.source, d.place,
                  (select count(*) from passages p where p.doc_id = d.id) as passages
           from documents d order by d.id"""
    )
    docs = [dict(r, date_inferred=bool(r["date_inferred"])) for r in rows]
    if args.json:
        _print_json(docs)
    else:
        for d in docs:
            mark = "~" if d["date_inferred"] else " "
            print(f"{d['id']:<32} {mark}{d['date'] or '?':<10}  {d['passages']:>3} passages  {d['title']}")
    return 0


def cmd_facts(args) -> int:
    from bot.kb.store import all_facts
    from bot.slack.blocks import fact_line

    facts = all_facts(_open(args), kind=args.kind)
    if args.json:
        _print_json([f.to_json() for f in facts])
    else:
        for f in facts:
            print(fact_line(f))
    return 0


def cmd_ask(args) -> int:
    from bot.slack.blocks import to_text
    from commands import split

    db = _open(args)
    command, text = split(args.line)  # a UsageError is answered by main()
    result = command.module.run(command.module.parse(text), db)
    if args.json:
        _print_json(result.to_json())
    else:
        print(to_text(result))
    return 0


def cmd_lookup(args) -> int:
    from bot.slack.blocks import to_text
    from commands import lookup

    db = _open(args)
    result = lookup.run(lookup.parse(args.question), db)  # a UsageError is answered by main()
    if args.json:
        _print_json({"query": args.question, "passages": [p.to_json() for p in result.passages]})
    else:
        print(to_text(result))
    return 0


def cmd_digest(args) -> int:
    from bot.digest.build import cli_digest

    return cli_digest(args, _open(args))


def cmd_shell(args) -> int:
    from bot.cli.shell import run_shell

    return run_shell(_open(args))


def cmd_serve(args) -> int:
    from bot.slack.serve import serve

    return serve(args, _open(args))


def cmd_manifest(args) -> int:
    from bot.slack.manifest import manifest_yaml
    from commands.errors import UsageError

    if args.url is not None:
        parts = urlparse(args.url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname or " " in args.url.strip():
            raise UsageError(f"--url {args.url!r} is not a web address.",
                             hint="Give the public base URL, e.g. --url https://allybot.example.org")
    sys.stdout.write(manifest_yaml(url=args.url))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="allybot",
        description="US-Japan alliance documents in, facts out: load, query and serve them in Slack.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("load", help="load documents into the database (incremental, resumable)")
    p.add_argument("--seeds", type=Path, help="folder of .txt/.md documents (default: `seeds` in config)")
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="print the load summary as JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar; summary to stderr")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("docs", help="list the loaded documents")
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("facts", help="list the extracted facts")
    p.add_argument("--kind", choices=("meeting", "exercise", "space"), help="only facts of this kind")
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_facts)

    p = sub.add_parser("ask", help='run a command as Slack would, e.g. allybot ask "/meetings paparo"')
    p.add_argument("line", help='the command line, e.g. "/exercises 2023"')
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("lookup", help="find the passages that answer a question")
    p.add_argument("question")
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_lookup)

    p = sub.add_parser("digest", help="the weekly digest of any week; --post sends it to Slack once")
    p.add_argument("--week", help="any date in the week (YYYY-MM-DD); default: the last complete week")
    p.add_argument("--post", action="store_true", help="post it to Slack (exactly once per channel and week)")
    p.add_argument("--channel", help="channel to post to (default: digest.channel in config)")
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_digest)

    p = sub.add_parser("shell", help="chat with the bot in the terminal, as in Slack")
    _db_arg(p)
    p.set_defaults(func=cmd_shell)

    p = sub.add_parser("serve", help="run the Slack bot (Socket Mode, or --http)")
    p.add_argument("--http", action="store_true", help="serve /slack/events and /healthz over HTTP")
    p.add_argument("--host", default="0.0.0.0", help="HTTP bind address (default 0.0.0.0)")
    p.add_argument("--port", type=int, help="HTTP port (default: $PORT or 3000)")
    p.add_argument("--no-scheduler", action="store_true", help="do not run the weekly digest scheduler here")
    _db_arg(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("manifest", help="print the Slack app manifest (YAML)")
    p.add_argument("--url", help="public base URL for HTTP mode, e.g. https://allybot.example.org")
    p.set_defaults(func=cmd_manifest)
    return parser


def main(argv: list[str] | None = None) -> int:
    from bot.kb.db import DatabaseError, explain
    from commands.errors import CommandError, UsageError

    argv = sys.argv[1:] if argv is None else list(argv)
    as_json = "--json" in argv
    try:
        args = build_parser().parse_args(argv)
    except ArgumentError as exc:
        return _fail(as_json, str(exc), hint="See allybot --help.")
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING if getattr(args, "quiet", False)
        else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        get_config()  # validated at start-up: a wrong setting stops here, naming file and key
        return args.func(args) or 0
    except (UsageError, CommandError) as exc:
        return _fail(as_json, exc.message, exc.hint, getattr(exc, "suggestions", ()) or ())
    except ConfigError as exc:
        return _fail(as_json, f"configuration error: {exc}")
    except (DatabaseError, FileNotFoundError) as exc:
        return _fail(as_json, str(exc))
    except sqlite3.DatabaseError as exc:  # damage found past the opening checks
        return _fail(as_json, explain(getattr(args, "db", None) or get_config().database, exc))
    except KeyboardInterrupt:
        print("allybot: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `allybot facts | head`: the reader left, which is fine
        sys.stderr.close()
        return 0
    except Exception:  # a bug: logged with a reference, never a traceback on the terminal
        ref = uuid.uuid4().hex[:8]
        logging.getLogger("allybot").debug("allybot error ref=%s", ref, exc_info=True)
        return _fail(as_json, f"Sorry, something went wrong (reference {ref}).",
                     hint="Run again with -v to see the details.", code=1)


if __name__ == "__main__":
    sys.exit(main())
