"""A local stand-in for the Slack Web API, served over real HTTP on 127.0.0.1.

No machine here reaches Slack, so the real `slack_sdk.WebClient` talks to this server
through `base_url`, exactly as it would talk to GovSlack or an enterprise grid. It
records every call, answers the methods allybot uses with Slack-shaped JSON, serves
`response_url` endpoints and shared files (`files.info` and their `url_private`, which,
like Slack's, answers only requests bearing the bot token), and can be told to fail (429 with Retry-After, 500, or a
Slack error) so retry and exactly-once behaviour can be tested for real.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


@dataclass
class Call:
    method: str  # Web API method ("chat.postMessage") or "response_url"
    path: str
    params: dict[str, Any]
    headers: dict[str, str]
    status: int = 200  # what the fake answered


@dataclass
class _Failure:
    status: int
    retry_after: int | None
    error: str | None
    times: int


@dataclass
class FakeSlack:
    """Start with `with FakeSlack() as slack:`; point WebClient at `slack.base_url`."""

    bot_user_id: str = "UALLYBOT"
    calls: list[Call] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._failures: dict[str, list[_Failure]] = {}
        self._replies: dict[tuple[str, str], list[dict]] = {}
        self._lock = threading.Condition()
        self._ts = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._files: dict[str, dict[str, Any]] = {}
        self.token: str | None = None  # when set, url_private requires "Bearer <token>"
        self.uploads: dict[str, bytes] = {}  # file id -> the bytes POSTed to its upload URL

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                fake._handle(self, body=b"")

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                fake._handle(self, body=self.rfile.read(length))

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # shutdown() waits for the serve loop's next poll: the default 0.5 s cost every test
        # that starts a fake Slack half a second for nothing.
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01},
                         daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "FakeSlack not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    # -- test controls ---------------------------------------------------------------
    def fail(self, method: str, status: int = 429, retry_after: int | None = 1,
             error: str | None = None, times: int = 1) -> None:
        """Make the next `times` calls to `method` fail (429 + Retry-After by default)."""
        with self._lock:
            self._failures.setdefault(method, []).append(_Failure(status, retry_after, error, times))

    def set_replies(self, channel: str, thread_ts: str, messages: list[dict]) -> None:
        """What conversations.replies returns for a thread (parent first, as Slack does)."""
        self._replies[(channel, thread_ts)] = messages

    def views(self, method: str = "views.open") -> list[dict]:
        """The views sent with views.open / views.publish, parsed, in order."""
        out = []
        for call in self.calls_to(method):
            view = call.params.get("view")
            out.append(json.loads(view) if isinstance(view, str) else view)
        return out

    def add_file(self, file_id: str, name: str, data: bytes, mimetype: str = "application/octet-stream",
                 size: int | None = None) -> dict[str, Any]:
        """A file shared in Slack: what `files.info` returns for it (and the event carries)."""
        info = {
            "id": file_id, "name": name, "title": name, "mimetype": mimetype,
            "size": len(data) if size is None else size,
            "url_private": f"http://127.0.0.1:{self.port}/files-pri/{file_id}/{name}",
            "url_private_download": f"http://127.0.0.1:{self.port}/files-pri/{file_id}/download/{name}",
            "permalink": f"https://allybot-test.slack.com/files/U0ANALYST/{file_id}/{name}",
        }
        self._files[file_id] = {"info": info, "data": data}
        return dict(info)

    def calls_to(self, method: str, *, ok_only: bool = True) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method and (c.status == 200 or not ok_only)]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Wait until `count` successful calls to `method` arrived (lazy listeners run in threads)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.calls_to(method)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._lock.wait(left)
            return self.calls_to(method)

    # -- the server side -------------------------------------------------------------
    def _handle(self, req: BaseHTTPRequestHandler, body: bytes) -> None:
        url = urlparse(req.path)
        if url.path.startswith("/upload/"):  # files.getUploadURLExternal's URL: raw bytes in
            file_id = url.path[len("/upload/"):]
            with self._lock:
                self.uploads[file_id] = body
            self._record(Call("upload", url.path, {"file_id": file_id, "length": len(body)}, dict(req.headers.items())))
            self._send(req, 200, {"ok": True})
            return
        if url.path.startswith("/files-pri/"):
            self._serve_file(req, url.path)
            return
        params: dict[str, Any] = {k: v[0] for k, v in parse_qs(url.query).items()}
        ctype = req.headers.get("Content-Type", "")
        if body:
            if "json" in ctype:
                params.update(json.loads(body.decode("utf-8")))
            else:
                params.update({k: v[0] for k, v in parse_qs(body.decode("utf-8")).items()})
        if url.path.startswith("/api/"):
            method = url.path[len("/api/"):]
        elif url.path.startswith("/response/"):
            method = "response_url"
        else:
            method = url.path
        call = Call(method, url.path, params, dict(req.headers.items()))

        failure = self._take_failure(method)
        if failure is not None:
            call.status = failure.status if failure.error is None else 200
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
            payload = {"ok": False, "error": failure.error or ("ratelimited" if failure.status == 429 else "fatal_error")}
            self._record(call)
            self._send(req, call.status, payload, headers)
            return

        self._record(call)
        self._send(req, 200, self._answer(method, params))

    def _take_failure(self, method: str) -> _Failure | None:
        with self._lock:
            queue = self._failures.get(method) or []
            if not queue:
                return None
            failure = queue[0]
            failure.times -= 1
            if failure.times <= 0:
                queue.pop(0)
            return failure

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)
            self._lock.notify_all()

    def _serve_file(self, req: BaseHTTPRequestHandler, path: str) -> None:
        file_id = path.split("/")[2]
        entry = self._files.get(file_id)
        auth = req.headers.get("Authorization", "")
        call = Call("url_private", path, {}, dict(req.headers.items()))
        allowed = entry is not None and (self.token is None or auth == f"Bearer {self.token}")
        call.status = 200 if allowed else 403
        self._record(call)
        data = entry["data"] if allowed else b"forbidden"
        req.send_response(call.status)
        req.send_header("Content-Type", entry["info"]["mimetype"] if allowed else "text/plain")
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        req.wfile.write(data)

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        ts = f"{1700000000 + next(self._ts)}.000100"
        if method == "auth.test":
            return {"ok": True, "url": "https://allybot-test.slack.com/", "team": "Test", "user": "allybot",
                    "team_id": "T0TEST", "user_id": self.bot_user_id, "bot_id": "B0ALLYBOT"}
        if method == "chat.postMessage":
            return {"ok": True, "channel": params.get("channel"), "ts": ts,
                    "message": {"text": params.get("text"), "ts": ts, "thread_ts": params.get("thread_ts")}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "chat.update":
            return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts")}
        if method == "chat.getPermalink":
            return {"ok": True, "channel": params.get("channel"),
                    "permalink": f"https://allybot-test.slack.com/archives/{params.get('channel')}/p{params.get('message_ts')}"}
        if method in ("views.open", "views.publish", "views.update", "views.push"):
            view = params.get("view")
            view = json.loads(view) if isinstance(view, str) else view or {}
            return {"ok": True, "view": {**view, "id": f"V{next(self._ts):08d}"}}
        if method == "files.info":
            entry = self._files.get(params.get("file"))
            if entry is None:
                return {"ok": False, "error": "file_not_found"}
            return {"ok": True, "file": dict(entry["info"])}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(params.get("users") or "").split(",")[0]}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):08d}"
            return {"ok": True, "file_id": file_id, "upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}"}
        if method == "files.completeUploadExternal":
            files = params.get("files")
            files = json.loads(files) if isinstance(files, str) else files or []
            return {"ok": True, "files": [{"id": f.get("id"), "title": f.get("title")} for f in files]}
        if method == "conversations.replies":
            messages = self._replies.get((params.get("channel"), params.get("ts")), [])
            return {"ok": True, "messages": messages, "has_more": False}
        return {"ok": True}

    @staticmethod
    def _send(req: BaseHTTPRequestHandler, status: int, payload: dict, headers: dict | None = None) -> None:
        data = json.dumps(payload).encode("utf-8")
        req.send_response(status)
        req.send_header("Content-Type", "application/json; charset=utf-8")
        req.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            req.send_header(k, v)
        req.end_headers()
        req.wfile.write(data)
