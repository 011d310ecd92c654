"""A local chat with the bot, like errbot's text mode or Hubot's shell adapter.

It answers exactly as Slack would (same registry, same parse/run, the renderer's plain
text), so commands can be tried without a Slack workspace or tokens. Input may be piped
("echo '/meetings paparo' | allybot shell"), which is how the tests drive it.

  /meetings paparo      any slash command; "meetings paparo" works too
  who met Paparo?       plain text is a question, answered like an @mention (/lookup)
  help, /help           what the bot can answer
  /add <url>            answered with how to add a document here (the documents folder)
  quit, exit, Ctrl-D    leave
"""

from __future__ import annotations

import logging
import os
import sys
import uuid
from pathlib import Path
from typing import TextIO

import commands
from bot.context import Context
from bot.slack.blocks import apology_text, to_text, usage_text
from commands import dispatch
from commands.errors import CommandError, UsageError

PROMPT = "allybot> "
HISTORY = Path("~/.allybot_history")
QUIT = {"quit", "exit", "/quit", "/exit", ":q", "bye"}
# Adding a document is a Slack listener (it saves the file and answers in a thread), not a
# command of the registry: here, documents come from the folder.
ADD_HERE = ("/add works in Slack. Here, put the file in the documents folder (seeds/, any "
            "subfolder) and run `allybot load`.")
HELP = {"help", "/help", "?", "/?"}
# "who is the new INDOPACOM commander" is a question, "who paparo" is /who: a command name
# that is also a question word starts a question when a verb follows it.
_QUESTION_VERBS = frozenset("is was are were did does do will would has have had met can could should visited".split())

log = logging.getLogger(__name__)


def answer(line: str, ctx: Context) -> str:
    """The text the bot replies to one line; never raises, never shows a traceback."""
    line = line.strip()
    if not line:
        return ""
    try:
        if line.lower() in HELP:
            return to_text(dispatch("/allybot", ctx))
        head, *rest = line.split(None, 2)
        if head.lower() == "/add" or (head.lower() == "add" and rest and "://" in rest[0]):
            return ADD_HERE
        asks = bool(rest) and rest[0].lower() in _QUESTION_VERBS
        if line.startswith("/") or (commands.get(head) is not None and not asks):
            return to_text(dispatch(line if line.startswith("/") else "/" + line, ctx))
        return to_text(dispatch(f"/lookup {line}", ctx))
    except (UsageError, CommandError) as exc:
        return usage_text(exc)
    except Exception as exc:  # noqa: BLE001 - the shell must keep running, like the Slack app
        ref = uuid.uuid4().hex[:8]
        log.error("error answering %r (ref %s): %s: %s", line, ref, type(exc).__name__, exc)
        log.debug("ref %s", ref, exc_info=True)  # the traceback, with allybot -v
        return apology_text(ref)


def _readline_setup() -> Path | None:
    try:
        import readline
    except ImportError:  # pragma: no cover - not on every platform
        return None
    path = HISTORY.expanduser()
    try:
        if path.exists():
            readline.read_history_file(path)
    except OSError:
        pass
    readline.set_history_length(1000)
    return path


def _readline_save(path: Path | None) -> None:
    if path is None:
        return
    try:
        import readline

        readline.write_history_file(path)
    except OSError:
        pass


def run_shell(ctx: Context, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Read lines, print answers, until quit or end of input; returns the exit status."""
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    interactive = stdin is sys.stdin and stdin.isatty() and os.environ.get("TERM") != "dumb"
    history = _readline_setup() if interactive else None
    if interactive:
        stdout.write("allybot shell: type /help for commands, quit to leave.\n")
    try:
        while True:
            if interactive:
                try:
                    line = input(PROMPT)
                except EOFError:
                    stdout.write("\n")
                    break
            else:
                line = stdin.readline()
                if not line:
                    break
            if line.strip().lower() in QUIT:
                break
            reply = answer(line, ctx)
            if reply:
                stdout.write(reply.rstrip("\n") + "\n\n")
                stdout.flush()
    except KeyboardInterrupt:
        stdout.write("\n")
    finally:
        _readline_save(history)
    return 0
