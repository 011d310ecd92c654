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
import re
import sqlite3
import sys
import uuid
from pathlib import Path
from urllib.parse import urlparse

from bot.cli.curation import add_parsers
from bot.cli.shell import run_shell
from bot.config import Config, ConfigError, DigestChannel, load_config
from bot.context import Context
from bot.digest.build import build_digest, digest_json, week_label
from bot.digest.outbox import ALREADY_POSTED, FAILED, POSTED, TOO_EARLY, get_post, post_digest
from bot.kb.db import DatabaseError, explain, open_db
from bot.kb.extract.kinds import NAMES as KIND_NAMES
from bot.kb.loader import load
from bot.kb.model import date_as_known
from bot.kb.store import all_facts
from bot.kb.text import plain_fields
from bot.settings import Settings
from bot.slack.blocks import (
    digest_message_blocks,
    digest_thread_blocks,
    fact_line,
    preview_text,
    to_text,
)
from bot.slack.client import web_client
from bot.slack.manifest import manifest_yaml
from commands import dispatch, lookup
from commands.digest import read_channel_queries, resolve_week
from commands.errors import CommandError, UsageError
from commands.export import to_csv
from commands.results import DigestResult
from commands.selection import parse_selection, select_facts

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=Path, help="SQLite database (default: `database` in config/allybot.yaml)")


def _context(args, config: Config, create: bool = False) -> Context:
    return Context(open_db(args.db or config.database, create=create), config)


def _print_json(data) -> None:
    json.dump(plain_fields(data), sys.stdout, ensure_ascii=False, indent=2)
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



def cmd_load(args, config: Config) -> int:
    summary = load(
        seeds=args.seeds or config.seeds,
        db_path=args.db or config.database,
        config=config,
        progress=None if args.quiet else sys.stderr.isatty(),
    )
    notified = _notify_after_load(args, config)
    if args.json:
        _print_json({**summary.to_json(), **({"notified": notified} if notified is not None else {})})
    else:
        print(summary.line(), file=sys.stderr if args.quiet else sys.stdout)
    return 0


def _notify_after_load(args, config: Config) -> list[dict] | None:
    """With SLACK_BOT_TOKEN set, DM followers what the load brought (None without a token).
    A Slack failure never fails the load: the DMs are retried at the next notify."""
    settings = Settings.from_env()
    if not settings.bot_token:
        return None
    from bot.slack.notify import notify_followers

    try:
        sent = notify_followers(_context(args, config), web_client(settings))
    except Exception as exc:
        logging.getLogger(__name__).warning("notifying followers failed: %s", exc)
        return []
    for s in sent:
        print(f"{s.outcome}: {s.facts} fact(s) to {s.user}" + (f" ({s.error})" if s.error else ""), file=sys.stderr)
    return [s.to_json() for s in sent]


def cmd_notify(args, config: Config) -> int:
    """`allybot notify`: DM every follower what is new since their last message."""
    settings = Settings.from_env()
    if not settings.bot_token:  # answered by main(): in JSON with --json
        raise CommandError("SLACK_BOT_TOKEN is not set.",
                           hint="Export the Bot User OAuth Token (xoxb-...) to send follow messages.")
    from bot.slack.notify import notify_followers

    sent = notify_followers(_context(args, config), web_client(settings))
    if args.json:
        _print_json([s.to_json() for s in sent])
    else:
        for s in sent:
            print(f"{s.outcome}: {s.facts} fact(s) to {s.user}" + (f" ({s.error})" if s.error else ""))
        if not sent:
            print("nothing new for any follower")
    return 1 if any(s.outcome == "failed" for s in sent) else 0


def cmd_calendar(args, config: Config) -> int:
    """`allybot calendar --ics`: the iCalendar file; without --ics, the next 8 weeks as /calendar."""
    if args.ics:
        from bot.kb.ical import calendar_ics

        data = calendar_ics(_context(args, config).db, args.kind or None)
        if args.output:
            args.output.write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        return 0
    if args.start and not _ISO_DAY.fullmatch(args.start.strip()):
        # /calendar would read a non-date as search words and blame "/calendar"; name the flag.
        raise UsageError(f"--from {args.start!r} is not a date.",
                         hint="Give the first day as YYYY-MM-DD, e.g. --from 2024-05-01.")
    # /calendar reads "meeting" as well as "meetings"
    args.line = " ".join(["/calendar", *(args.kind or []), args.start or ""]).strip()
    return cmd_ask(args, config)


def cmd_docs(args, config: Config) -> int:
    db = _context(args, config).db
    rows = db.query(
        """select d.id, d.title, d.date, d.date_precision, d.date_inferred, d.date_note,
                  d.source, d.place, d.format, d.url, d.added_by, d.source_url, d.added_at,
                  (select count(*) from passages p where p.doc_id = d.id) as passages
           from documents d order by d.id"""
    )
    docs = [dict(r, date_inferred=bool(r["date_inferred"])) for r in rows]
    if args.json:
        _print_json(docs)
    else:
        for d in docs:
            mark = "~" if d["date_inferred"] else " "
            when = date_as_known(d["date"], d["date_precision"]) or "?"  # "2024", not "2024-01-01"
            print(f"{d['id']:<32} {mark}{when:<10}  {d['passages']:>3} passages  {d['title']}")
    return 0


def cmd_facts(args, config: Config) -> int:
    ctx = _context(args, config)
    if args.query:
        args.line = " ".join(args.query)
        facts = select_facts(parse_selection(args.line, slash="allybot facts"), ctx)  # errors: main()
        facts = [f for f in facts if not args.kind or f.kind == args.kind]
    else:
        facts = all_facts(ctx.db, kind=args.kind)
    if args.csv:
        sys.stdout.write(to_csv(facts, ctx))
    elif args.json:
        _print_json([f.to_json() for f in facts])
    else:
        for f in facts:
            print(fact_line(f))
    return 0


def cmd_ask(args, config: Config) -> int:
    ctx = _context(args, config)
    result = dispatch(args.line, ctx)  # a UsageError is answered by main()
    if args.json:
        _print_json(result.to_json())
    else:
        print(to_text(result))
    return 0


def cmd_lookup(args, config: Config) -> int:
    ctx = _context(args, config)
    result = lookup.run(lookup.parse(args.question), ctx)  # a UsageError is answered by main()
    if args.json:
        _print_json({"query": args.question, "facts": [f.to_json() for f in result.items],
                     "passages": [p.to_json() for p in result.passages]})
    else:
        print(to_text(result))
    return 0


def cmd_digest(args, config: Config) -> int:
    """`allybot digest [--week W] [--json | --preview] [--channel C] [--post]`; the exit code.

    `--json` prints digest_json (headlines, counts, trend, sections, upcoming), or with
    --post {"week_start", "outcome", "posts": [{"channel", "outcome", "ts", "thread_ts",
    "error"}]}, one post per channel.
    """
    ctx = _context(args, config)
    cfg = config.digest
    # A UsageError or CommandError is answered by main() (in JSON with --json).
    monday = resolve_week(args.week or "", now=ctx.now(cfg.tz))
    scopes = list(cfg.channels)
    if args.channel:
        scopes = [cfg.for_channel(args.channel, args.channel) or DigestChannel(args.channel)]

    if not args.post:
        digest = build_digest(ctx.db, monday, cfg.upcoming_weeks, tz=cfg.tz,
                              channel=scopes[0] if args.channel else None)
        result = DigestResult.of(digest)
        if args.json:
            _print_json(digest_json(digest))
        elif args.preview:
            print(preview_text(digest_message_blocks(result)))
            thread = digest_thread_blocks(result)
            if thread is not None:
                print("\n  ── thread ──")
                print(preview_text(thread, indent="  │ "))
        else:
            print(to_text(result))
        return 0

    settings = Settings.from_env()
    if not settings.bot_token:
        raise CommandError("SLACK_BOT_TOKEN is not set.",
                           hint="Export the Bot User OAuth Token (xoxb-...) to post the digest.")
    client = web_client(settings)
    posts = []
    for scope in scopes:
        outcome = post_digest(ctx.db, client, scope, monday, config=cfg)
        record = get_post(ctx.db, scope.channel, monday.isoformat())
        posts.append({"channel": scope.channel, "outcome": outcome,
                      "ts": record.message_ts if record else None,
                      "thread_ts": record.thread_ts if record else [],
                      "error": record.error if record else None})
    ok = all(p["outcome"] in (POSTED, ALREADY_POSTED) for p in posts)
    if args.json:
        worst = next((p["outcome"] for p in posts if p["outcome"] not in (POSTED, ALREADY_POSTED)),
                     posts[0]["outcome"] if posts else FAILED)
        _print_json({"week_start": monday.isoformat(), "outcome": worst, "posts": posts})
    else:
        for p in posts:
            line = f"{p['outcome']}: digest of {week_label(monday)} in {p['channel']}"
            if p["outcome"] == FAILED and p["error"]:
                line += f" ({p['error']}); run the same command again to retry"
            print(line)
    if any(p["outcome"] == TOO_EARLY for p in posts):
        print(f"allybot: the week of {monday} has not ended yet; a week's digest is posted once, "
              "when it is complete", file=sys.stderr)
    return 0 if ok else 1


def cmd_shell(args, config: Config) -> int:
    return run_shell(_context(args, config))


def cmd_serve(args, config: Config) -> int:
    # Imported here so that the other subcommands never load Bolt, Starlette or uvicorn.
    from bot.slack.serve import serve

    return serve(args, _context(args, config))


def cmd_manifest(args, config: Config) -> int:
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

    p = sub.add_parser("load", help="load documents into the database (incremental, resumable); "
                                    "with SLACK_BOT_TOKEN set, then DM followers what is new")
    p.add_argument("--seeds", type=Path, help="documents folder, subfolders included (.txt, .md, .html, .pdf, .eml, .docx; "
                        "default: `seeds` in config/allybot.yaml)")
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="print the load summary as JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar; only the summary and warnings, on stderr")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("docs", help="list the loaded documents")
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("facts", help="list the extracted facts, all or every match of a query")
    p.add_argument("query", nargs="*",
                   help='a query as /follow and /export take it, e.g. "exercises 2023" (default: all)')
    p.add_argument("--kind", choices=KIND_NAMES, help="only facts of this kind")
    _db_arg(p)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--csv", action="store_true",
                     help="print CSV: every field, sources as JSON, a Chicago-style note per source (as /export)")
    p.set_defaults(func=cmd_facts)

    p = sub.add_parser("calendar", help="dated facts: the next 8 weeks, or --ics for the iCalendar file")
    p.add_argument("--ics", action="store_true",
                   help="write the iCalendar file of every dated fact (UID = fact id; what /calendar.ics serves)")
    p.add_argument("--kind", action="append", choices=KIND_NAMES,
                   help="only this kind (repeat for several)")
    p.add_argument("--from", dest="start", help="without --ics: the first day of the 8 weeks (default: today)")
    p.add_argument("-o", "--output", type=Path, help="with --ics: write to this file instead of stdout")
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="without --ics: print JSON")
    p.set_defaults(func=cmd_calendar)

    p = sub.add_parser("notify", help="DM each /follow follower the new facts that match (needs SLACK_BOT_TOKEN)")
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="print what was sent to whom as JSON")
    p.set_defaults(func=cmd_notify)

    p = sub.add_parser("ask", help='run a command as Slack would, e.g. allybot ask "/meetings paparo"')
    p.add_argument("line", help='the command line, e.g. "/exercises 2023"')
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("lookup", help="find the passages that answer a question")
    p.add_argument("question", help='a question or a few words, e.g. "who commands US forces in Japan"')
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_lookup)

    p = sub.add_parser("digest", help="the weekly digest of any week; --post sends it to Slack once")
    p.add_argument("--week", help="any date in the week (YYYY-MM-DD); default: the last complete week")
    p.add_argument("--post", action="store_true",
                   help="post it to Slack: a message plus a thread of details, exactly once per channel and week")
    p.add_argument("--channel",
                   help="a channel's digest: its kinds and query when listed in digest.channels; with --post, "
                        "post only there (default: every channel in digest.channel and digest.channels)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--preview", action="store_true",
                     help="print the message and its thread as Slack shows them (a text rendering of the Block Kit)")
    _db_arg(p)
    out.add_argument("--json", action="store_true",
                   help="print JSON: headlines (with why), counts, trend, sections, upcoming (with how far off); "
                        "with --post, the outcome in each channel")
    p.set_defaults(func=cmd_digest)

    add_parsers(sub, _db_arg, _context)

    p = sub.add_parser("shell", help="chat with the bot in the terminal, as in Slack")
    _db_arg(p)
    p.set_defaults(func=cmd_shell)

    p = sub.add_parser("serve", help="run the Slack bot (Socket Mode, or --http)")
    p.add_argument("--http", action="store_true",
                   help="serve /slack/events, /healthz and (with ALLYBOT_CALENDAR_TOKEN) /calendar.ics over HTTP")
    p.add_argument("--host", default="0.0.0.0", help="HTTP bind address (default 0.0.0.0)")
    p.add_argument("--port", type=int, help="HTTP port (default: $PORT or 3000)")
    p.add_argument("--no-scheduler", action="store_true", help="do not run the weekly digest scheduler or the follow notifier here")
    _db_arg(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("manifest", help="print the Slack app manifest (YAML)")
    p.add_argument("--url", help="public base URL for HTTP mode, e.g. https://allybot.example.org")
    p.set_defaults(func=cmd_manifest)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    as_json = "--json" in argv
    try:
        args = build_parser().parse_args(argv)
    except ArgumentError as exc:
        return _fail(as_json, str(exc), hint="See allybot --help.")
    # A command prints its result and its warnings, plainly; progress notes (INFO), times and
    # logger names are for the operator of a long-running `serve`, or anyone who asks with -v.
    server_log = args.verbose or args.command == "serve"
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO if args.command == "serve"
        else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s" if server_log
        else "%(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    config: Config | None = None
    try:
        # Validated at start-up: a wrong setting stops here, naming file and key.
        config = read_channel_queries(load_config())
        return args.func(args, config) or 0
    except (UsageError, CommandError) as exc:
        return _fail(as_json, exc.message, exc.hint, getattr(exc, "suggestions", ()) or ())
    except ConfigError as exc:
        return _fail(as_json, f"configuration error: {exc}")
    except DatabaseError as exc:
        return _fail(as_json, str(exc))
    except sqlite3.DatabaseError as exc:  # damage found past the opening checks
        return _fail(as_json, explain(getattr(args, "db", None) or (config.database if config else "the database"), exc))
    except KeyboardInterrupt:
        print("allybot: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `allybot facts | head`: the reader left, which is fine
        sys.stderr.close()
        return 0
    except OSError as exc:
        if exc.filename is None:
            return _bug(as_json)
        # A file named on the command line (-o, --file, --seeds): missing, unwritable, a folder.
        return _fail(as_json, f"{exc.filename}: {exc.strerror or exc}")
    except Exception:
        return _bug(as_json)


def _bug(as_json: bool) -> int:
    """A bug: logged with a reference (the traceback with -v), never a traceback on the terminal."""
    ref = uuid.uuid4().hex[:8]
    logging.getLogger("allybot").debug("allybot error ref=%s", ref, exc_info=True)
    return _fail(as_json, f"Sorry, something went wrong (reference {ref}).",
                 hint="Run again with -v to see the details.", code=1)


if __name__ == "__main__":
    sys.exit(main())
