"""Per-document work in child processes that can be stopped, each document on a time budget.

Extraction is pure Python: a thread running it cannot be interrupted, so a document that
takes far longer than its size warrants (a shape the rules handle badly) would stall the
whole load. In a child process it can be: a document over its budget is skipped with that
reason, its worker is killed and replaced, and the load goes on. Workers are forked, so
they share the gazetteer the parent already loaded, and they die with their parent
(Linux's parent-death signal; elsewhere they leave when the parent's pipe closes), so a
killed load leaves no extraction running behind it.
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sized
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

log = logging.getLogger(__name__)

Work = Callable[[Any], Any]


@dataclass
class Failed:
    """A job the pool could not finish: over its budget, or its worker died."""

    reason: str


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _die_with_parent(parent: int) -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: killed when the parent dies
    except (OSError, AttributeError):  # not Linux: the closed pipe ends the worker instead
        pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(0)


def _serve(conn: Connection, work: Work, parent: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        index, payload = job
        conn.send((index, work(payload)))


class _Worker:
    def __init__(self, ctx, work: Work):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, work, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.index: int | None = None
        self.deadline = 0.0
        self.budget = 0.0

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.proc.kill()
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def run_bounded(
    jobs: Iterable[Any],
    work: Work,
    budget: Callable[[Any], float],
    workers: int = 1,
) -> Iterator[Any]:
    """`work(job)` for every job, in order, on `workers` child processes.

    A job still running `budget(job)` seconds after it started yields Failed (and its
    worker is replaced); so does a job whose worker died. Where processes cannot be
    forked the jobs run here, in order, without a budget. `jobs` is drawn from only as a
    worker becomes free: a load hands over documents read as they are asked for, not
    an archive read before the first is extracted.
    """
    if isinstance(jobs, Sized):
        workers = min(workers, len(jobs))
    todo = enumerate(jobs)
    first = next(todo, None)
    if first is None:
        return
    if not can_fork():
        yield work(first[1])
        for _, job in todo:
            yield work(job)
        return
    ctx = multiprocessing.get_context("fork")
    pool = [_Worker(ctx, work) for _ in range(max(1, workers))]
    todo = itertools.chain([first], todo)
    drawn = 0  # jobs handed out so far
    exhausted = False
    done: dict[int, Any] = {}
    next_out = 0
    try:
        while not exhausted or next_out < drawn:
            now = time.monotonic()
            for w in pool:
                if w.index is None and not exhausted:
                    got = next(todo, None)
                    if got is None:
                        exhausted = True
                        break
                    w.index, job = got
                    drawn += 1
                    w.budget = budget(job)
                    w.deadline = now + w.budget
                    w.conn.send((w.index, job))
            busy = [w for w in pool if w.index is not None]
            if busy:
                timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
                ready = wait([w.conn for w in busy], timeout)
            else:
                ready = []
            for i, w in enumerate(pool):
                if w.index is None:
                    continue
                if w.conn in ready:
                    try:
                        index, result = w.conn.recv()
                    except (EOFError, OSError):
                        w.proc.join(1)
                        done[w.index] = Failed(f"its worker process died (exit code {w.proc.exitcode})")
                        w.stop(kill=True)
                        pool[i] = _Worker(ctx, work)
                        continue
                    done[index] = result
                    w.index = None
                elif time.monotonic() >= w.deadline:
                    done[w.index] = Failed(f"over its time budget of {w.budget:.0f} s")
                    w.stop(kill=True)
                    pool[i] = _Worker(ctx, work)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for w in pool:
            w.stop(kill=w.index is not None)


_DONE = object()


def read_ahead(results: Generator, limit: int) -> Iterator[Any]:
    """The items of `results`, drawn in a thread that keeps up to `limit` of them ready.

    run_bounded hands a worker its next job only when it is asked for a result, so a
    consumer that stops to write what it got (the loader writing a chunk of documents)
    would leave the workers idle meanwhile; drawn here, the workers stay busy. When the
    consumer stops early (an error, Ctrl-C), the generator is closed, which stops its
    workers.
    """
    ready: queue.Queue = queue.Queue(maxsize=max(1, limit))
    stop = threading.Event()

    def put(item: tuple[bool, Any]) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def pump() -> None:
        try:
            for item in results:
                if not put((True, item)):
                    return
            put((True, _DONE))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            put((False, exc))
        finally:
            results.close()

    thread = threading.Thread(target=pump, name="read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            ok, item = ready.get()
            if not ok:
                raise item
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()
        thread.join(5)
