"""Timing a real `allybot serve --http` process the way Slack talks to it.

A user sees two delays: Slack's spinner until the command is acknowledged (it must come
within 3 s or Slack shows `operation_timeout`), and the wait until the answer appears,
which the bot POSTs to the request's `response_url`. Both are measured here against a
subprocess that serves real HTTP, with slash-command requests signed exactly as Slack
signs them and `response_url` pointing at the local fake Slack (tests/fakeslack.py),
which records when each answer arrives.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from slack_sdk.signature import SignatureVerifier

from bench.queries import Q
from tests.fakeslack import Call, FakeSlack

ROOT = Path(__file__).resolve().parent.parent
SIGNING_SECRET = "bench-signing-secret"
BOT_TOKEN = "xoxb-bench-token"


class TimedFakeSlack(FakeSlack):
    """The fake Slack, noting the moment each call arrives (by path)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.arrived: dict[str, float] = {}

    def _record(self, call: Call) -> None:
        self.arrived.setdefault(call.path, time.perf_counter())
        super()._record(call)

    def wait_path(self, path: str, timeout: float) -> float | None:
        """When a call to `path` arrived, waiting up to `timeout` seconds for it."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while path not in self.arrived:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._lock.wait(left)
            return self.arrived[path]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def allybot_executable() -> list[str]:
    exe = Path(sys.executable).parent / "allybot"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "bot.cli.main"]


@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    cold_start: float  # seconds from spawn to the first /healthz 200
    log_path: Path

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def peak_rss_mb(self) -> float:
        """Peak resident memory so far (VmHWM where Linux reports it, else current RSS)."""
        process = psutil.Process(self.proc.pid)
        status = Path(f"/proc/{self.proc.pid}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return process.memory_info().rss / 2**20


class ServerFailed(RuntimeError):
    pass


def start_server(db_path: Path, fake: FakeSlack, log_path: Path, timeout: float = 60.0) -> Server:
    """Spawn `allybot serve --http` and time it until /healthz answers 200."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET,
               SLACK_API_BASE_URL=fake.base_url)
    # The checkout first on the path: an editable install made before a package had its
    # __init__.py maps it as a namespace package, and the server would not start.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    cmd = [*allybot_executable(), "serve", "--http", "--host", "127.0.0.1", "--port", str(port),
           "--db", str(db_path), "--no-scheduler"]
    log = open(log_path, "ab")  # noqa: SIM115 - handed to the child, closed with it
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    deadline = started + timeout
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise ServerFailed(f"allybot serve exited with {proc.returncode}; see {log_path}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return Server(proc, port, time.perf_counter() - started, log_path)
        except OSError:
            pass
        time.sleep(0.005)
    proc.kill()
    raise ServerFailed(f"allybot serve did not answer /healthz within {timeout:.0f} s; see {log_path}")


def slash_body(q: Q, response_url: str, n: int) -> str:
    return urllib.parse.urlencode({
        "token": "deprecated", "team_id": "T0BENCH", "team_domain": "bench",
        "channel_id": "C0BENCH", "channel_name": "us-japan-alliance", "user_id": "U0BENCH",
        "user_name": "analyst", "command": f"/{q.command}", "text": q.text,
        "api_app_id": "A0BENCH", "is_enterprise_install": "false",
        "response_url": response_url, "trigger_id": f"{n}.bench.trigger",
    })


@dataclass
class HttpTimes:
    ack: list[float] = field(default_factory=list)  # seconds, all commands
    answer: dict[str, list[float]] = field(default_factory=dict)  # by command
    failures: list[str] = field(default_factory=list)


def run_mix(server: Server, fake: TimedFakeSlack, mix: list[Q], reps: int, times: HttpTimes,
            counter: list[int], answer_timeout: float = 30.0) -> None:
    """Send each query `reps` times, one at a time, and time ack and answer."""
    verifier = SignatureVerifier(SIGNING_SECRET)
    for _ in range(reps):
        for q in mix:
            counter[0] += 1
            name = f"b{counter[0]}"
            path = urllib.parse.urlparse(fake.response_url(name)).path
            body = slash_body(q, fake.response_url(name), counter[0])
            ts = str(int(time.time()))
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": verifier.generate_signature(timestamp=ts, body=body),
            }
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            sent = time.perf_counter()
            conn.request("POST", "/slack/events", body=body.encode("utf-8"), headers=headers)
            resp = conn.getresponse()
            payload = resp.read()
            acked = time.perf_counter()
            conn.close()
            if resp.status != 200:
                times.failures.append(f"{q.line!r}: HTTP {resp.status}")
                continue
            times.ack.append(acked - sent)
            if payload.strip():
                # Bad input is answered in the acknowledgement itself: that is the answer.
                times.answer.setdefault(q.command, []).append(acked - sent)
                continue
            arrived = fake.wait_path(path, answer_timeout)
            if arrived is None:
                times.failures.append(f"{q.line!r}: no answer at response_url in {answer_timeout:.0f} s")
                continue
            times.answer.setdefault(q.command, []).append(arrived - sent)
