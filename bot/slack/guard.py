"""The HTTP front door: what is let in before Bolt parses anything, and what the log lets out.

Anyone on the internet can POST to /slack/events. Bolt parses a body before it checks the
signature (a malformed body or timestamp header became a 500 with a traceback) and logs
every rejected body at INFO, response_url included, with no size limit. So a request is
checked here first, on its raw bytes: its size, then its signature and timestamp, then that
its body is the form or JSON Slack sends, then that the same signed request was not already
answered (a replay inside the five-minute window). Only then does Bolt see it. Rejections
are counted and logged at DEBUG, never with their bodies.

Capability URLs (response_url, incoming webhooks) and tokens in any log line above DEBUG
are redacted by RedactSecrets, whatever library wrote the line.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

log = logging.getLogger(__name__)

MAX_BODY = 1_000_000  # bytes; Slack's largest payloads (a shortcut on a long message) are far smaller
WINDOW = 300  # seconds a signed request stays valid, as Slack documents
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


@dataclass(frozen=True)
class Verdict:
    status: int  # 200: let it in; 200 with replay=True: answered already; else the error status
    reason: str
    replay: bool = False

    @property
    def admitted(self) -> bool:
        return self.status == 200 and not self.replay


class Replays:
    """Signatures of requests already let in, for the window in which they would verify."""

    def __init__(self, limit: int = 100_000):
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()
        self._limit = limit

    def first_time(self, signature: str, now: float) -> bool:
        with self._lock:
            while self._seen and (
                next(iter(self._seen.values())) < now - 2 * WINDOW or len(self._seen) >= self._limit
            ):
                self._seen.popitem(last=False)
            if signature in self._seen:
                return False
            self._seen[signature] = now
            return True


def check(
    headers: Mapping[str, str],
    body: bytes,
    secret: str,
    replays: Replays,
    now: float | None = None,
) -> Verdict:
    """Whether a request with these headers and raw body may reach Bolt."""
    now = time.time() if now is None else now
    if len(body) > MAX_BODY:
        return Verdict(413, "body too large")
    timestamp = headers.get("x-slack-request-timestamp") or ""
    signature = headers.get("x-slack-signature") or ""
    if not _TIMESTAMP.fullmatch(timestamp) or not _SIGNATURE.fullmatch(signature):
        return Verdict(401, "missing or malformed signature headers")
    if abs(now - int(timestamp)) > WINDOW:
        return Verdict(401, "stale timestamp")
    expected = hmac.new(
        secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256
    ).hexdigest()
    if not hmac.compare_digest("v0=" + expected, signature):
        return Verdict(401, "bad signature")
    if not _well_formed(headers.get("content-type") or "", body):
        return Verdict(400, "malformed body")
    if not replays.first_time(signature, now):
        return Verdict(200, "replay of a request already answered", replay=True)
    return Verdict(200, "ok")


def _well_formed(content_type: str, body: bytes) -> bool:
    """The body is what Slack sends: a form (with a JSON `payload`, if any) or a JSON object."""
    try:
        text = body.decode("utf-8")
        if content_type.startswith("application/json"):
            return isinstance(json.loads(text), dict)
        form = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text), max_num_fields=1000)
        if "payload" in form:
            return isinstance(json.loads(form["payload"][0]), dict)
        return True
    except (UnicodeDecodeError, ValueError, RecursionError):  # "[[[[..." nests past the limit
        return False


async def read_body(request, limit: int = MAX_BODY) -> bytes | None:
    """The request body, or None as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


# -- the log ---------------------------------------------------------------------------

_SECRETS = [
    (re.compile(r"https://hooks\.slack(?:-gov)?\.com/[^\s\"'<>,)}]+"), "https://hooks.slack.com/[redacted]"),
    (re.compile(r"(response_url[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"), r"\1[redacted]"),
    (re.compile(r"xox[abpres]-[0-9A-Za-z-]+"), "xox?-[redacted]"),
    (re.compile(r"xapp-[0-9A-Za-z-]+"), "xapp-[redacted]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    """Capability URLs and tokens never reach a log above DEBUG, whichever library logs them."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG:
            message = record.getMessage()
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, None
        return True


def install_redaction(logger: logging.Logger | None = None) -> None:
    """Put the filter on every handler of `logger` (default: the root logger), once."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(RedactSecrets())
