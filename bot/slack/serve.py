"""Running the bot: Socket Mode, or HTTP under uvicorn; plus the digest scheduler.

Socket Mode needs no public URL (a laptop or a private server can run it); HTTP suits a
platform that routes a public URL to $PORT. Bolt's own `app.start()` is a development
server, so HTTP goes through Starlette under uvicorn, with /healthz for the platform's
health checks. Slack-related imports stay inside functions so `allybot serve --http`
answers its first health check quickly.
"""

from __future__ import annotations

import hmac
import logging
import os
import re
import sys
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.context import Context
from bot.digest.scheduler import DigestScheduler
from bot.kb import search
from bot.settings import DEFAULT_PORT, Mode, Settings, SettingsError

if TYPE_CHECKING:
    import sqlite_utils
    from slack_bolt import App
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk import WebClient
    from starlette.applications import Starlette

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"  # commands, events and interactivity all arrive here
HEALTH_PATH = "/healthz"
CALENDAR_PATH = "/calendar.ics"  # ?token=$ALLYBOT_CALENDAR_TOKEN[&kind=exercise]


def choose_mode(http: bool, env: Mapping[str, str] | None = None) -> Mode:
    """HTTP when asked for; otherwise Socket Mode, which needs an app-level token."""
    if http:
        return "http"
    env = os.environ if env is None else env
    if (env.get("SLACK_APP_TOKEN") or "").strip():
        return "socket"
    raise SettingsError(
        "SLACK_APP_TOKEN",
        "not set; Socket Mode needs an app-level token (xapp-...), "
        "or serve over HTTP with `allybot serve --http`",
    )


def choose_port(cli_port: int | None, settings: Settings) -> int:
    return cli_port or settings.port or DEFAULT_PORT


def socket_mode_handler(app: App, settings: Settings) -> SocketModeHandler:
    """The builtin Socket Mode client (no extra dependency); it connects on start()."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, app_token=settings.app_token)


def build_asgi(ctx: Context, client: WebClient | None = None, app: App | None = None) -> Starlette:
    """POST /slack/events for everything Slack sends, GET /healthz for the platform."""
    from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    from bot.slack import guard
    from bot.slack.app import create_app

    db = ctx.db
    bolt = app or create_app(ctx, client=client)
    replays = guard.Replays()
    secret = (ctx.settings.signing_secret if ctx.settings else None) or ""

    async def slack_events(request: Request) -> Response:
        # Checked on the raw bytes before Bolt parses or logs anything (see bot/slack/guard.py).
        body = await guard.read_body(request)
        verdict = (
            guard.Verdict(413, "body too large") if body is None
            else guard.check(request.headers, body, secret, replays)
        )
        if not verdict.admitted:
            log.debug("request refused (%d): %s", verdict.status, verdict.reason)
            return Response("" if verdict.replay else verdict.reason, status_code=verdict.status)
        try:
            # dispatch() blocks until the acknowledgement is ready: keep it off the event loop.
            response = await run_in_threadpool(bolt.dispatch, to_bolt_request(request, body))
        except Exception:
            ref = uuid.uuid4().hex[:8]
            log.exception("allybot error ref=%s while dispatching a request", ref)
            return Response(f"error ref={ref}", status_code=500)
        return to_starlette_response(response)

    def healthz(request: Request) -> Response:  # sync: Starlette runs it in its thread pool
        try:
            counts = health_counts(db)
        except Exception as exc:  # a broken database must show up as unhealthy, not crash
            log.warning("health check failed: %s", exc)
            return JSONResponse({"ok": False, "error": type(exc).__name__}, status_code=503)
        return JSONResponse({"ok": True, **counts})

    def calendar_feed(request: Request) -> Response:  # sync: iCalendar building reads SQLite
        from bot.kb.ical import calendar_ics

        if not calendar_allowed(ctx, request.query_params.get("token")):
            return Response("Not Found", status_code=404, media_type="text/plain")
        kinds = [k for k in request.query_params.getlist("kind") if k] or None
        return Response(calendar_ics(db, kinds), media_type="text/calendar; charset=utf-8",
                        headers={"Cache-Control": "private, max-age=300"})

    return Starlette(
        routes=[
            Route(EVENTS_PATH, slack_events, methods=["POST"]),
            Route(HEALTH_PATH, healthz, methods=["GET"]),
            Route(CALENDAR_PATH, calendar_feed, methods=["GET"]),
        ]
    )


class RedactTokens(logging.Filter):
    """Keep the calendar token out of the access log: uvicorn logs each request's full path."""

    PATTERN = re.compile(r"(token=)[^&\s\"]*")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(self.PATTERN.sub(r"\1…", a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.msg, str):
            record.msg = self.PATTERN.sub(r"\1…", record.msg)
        return True


def calendar_allowed(ctx: Context, token: str | None) -> bool:
    """Only with ALLYBOT_CALENDAR_TOKEN set and given: the feed exists for no one else (404,
    not 403, so a guess learns nothing). Compared in constant time."""
    expected = ctx.settings.calendar_token if ctx.settings else None
    if not expected or not token:
        return False
    return hmac.compare_digest(token.encode("utf-8"), expected.encode("utf-8"))


def health_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Counts, after reading through the same tables and full-text indexes commands use,
    so a database that makes every command fail makes the health check fail too."""
    facts = db.execute("select count(*) from facts").fetchone()[0]
    documents = db.execute("select count(*) from documents").fetchone()[0]
    db.execute("select * from facts order by date_start desc limit 1").fetchall()
    for table in ("passages_fts", "facts_fts"):
        db.execute(f"select rowid from {table} where {table} match 'japan' limit 1").fetchall()
    return {"facts": facts, "documents": documents}


def start_scheduler(ctx: Context, client: WebClient) -> DigestScheduler:
    """The weekly digest scheduler; it runs in this one serving process (see the Procfile)."""
    return DigestScheduler(ctx, client).start()


def warm_in_background(db: sqlite_utils.Database) -> threading.Thread:
    """Build the search index while the server starts, so the first user does not wait for it.

    At 10,000 documents the build takes seconds; requests that arrive meanwhile wait on the
    index's lock for this one build rather than starting their own.
    """

    def warm() -> None:
        started = time.perf_counter()
        try:
            search.warm(db)
        except Exception:  # a cold index is built on first use instead; say why it was cold
            log.exception("warming the search index failed")
            return
        log.info("search index ready in %.2f s", time.perf_counter() - started)

    thread = threading.Thread(target=warm, name="warm-search-index", daemon=True)
    thread.start()
    return thread


def serve(args, ctx: Context) -> int:
    """`allybot serve`: 0 on a clean stop, 2 when a setting is missing."""
    try:
        mode = choose_mode(bool(getattr(args, "http", False)))
        settings = Settings.from_env(mode)
    except SettingsError as exc:
        print(f"allybot: missing or bad setting {exc}", file=sys.stderr)
        return 2

    from bot.slack.app import create_app
    from bot.slack.guard import install_redaction

    install_redaction()
    ctx = replace(ctx, settings=settings)
    db = ctx.db
    app = create_app(ctx)
    scheduler = watcher = None
    if not getattr(args, "no_scheduler", False):
        from bot.slack.notify import FollowWatcher

        scheduler = start_scheduler(ctx, app.client)
        watcher = FollowWatcher(ctx, app.client).start()  # DMs followers after any load
    try:
        if mode == "socket":
            log.info("serving over Socket Mode")
            warm_in_background(db)
            socket_mode_handler(app, settings).start()
        else:
            import uvicorn

            port = choose_port(getattr(args, "port", None), settings)
            host = getattr(args, "host", None) or "0.0.0.0"
            log.info("serving HTTP on %s:%d (%s, %s)", host, port, EVENTS_PATH, HEALTH_PATH)
            logging.getLogger("uvicorn.access").addFilter(RedactTokens())
            # log_config=None: keep the CLI's logging set-up instead of uvicorn's own.
            config = uvicorn.Config(build_asgi(ctx, app=app), host=host, port=port,
                                    log_config=None, lifespan="off")

            class Server(uvicorn.Server):
                async def startup(self, sockets=None) -> None:
                    await super().startup(sockets=sockets)
                    warm_in_background(db)  # once listening: health checks answer at once

            Server(config).run()
    finally:
        if scheduler is not None:
            scheduler.shutdown()
        if watcher is not None:
            watcher.shutdown()
    return 0
