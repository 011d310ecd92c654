"""One slash command per registry command: bad input is answered in the acknowledgement
itself (instant, nothing left to do), the rest runs after it, since Slack allows 3 s."""

from __future__ import annotations

from collections.abc import Callable

import commands
from bot.context import Context
from bot.slack import blocks as render
from bot.slack.listeners import export
from bot.slack.listeners.answering import Payload, answer, apology, user_error
from bot.slack.listeners.curation import annotate
from commands import COMMANDS
from commands.errors import CommandError, UsageError
from commands.results import ExportResult


def register(app, ctx: Context, registered: dict[str, list[str]]) -> None:
    for command in COMMANDS:
        ack_fn, lazy_fn = _command_listener(command, ctx)
        app.command(command.slash)(ack=ack_fn, lazy=[lazy_fn])
        registered["commands"].append(command.slash)


def _command_listener(command, ctx) -> tuple[Callable, Callable]:
    def line(body) -> str:
        # Through the registry, so "/allybot meetings paparo" runs /meetings.
        return f"{command.slash} {body.get('text') or ''}"

    def ack_command(ack, body, context):
        # Bad input is answered in the acknowledgement itself: instant, and nothing left to do.
        try:
            commands.check(line(body))
        except (UsageError, CommandError) as exc:
            context["allybot_done"] = True
            ack(response_type="ephemeral", **user_error(exc))
            return
        except Exception:
            context["allybot_done"] = True
            ack(response_type="ephemeral", **apology(f"parsing {command.slash}"))
            return
        ack()

    def run_command(body, context, respond, client):
        if context.get("allybot_done"):
            return

        def produce() -> Payload:
            here = ctx.in_channel(body.get("channel_id"), body.get("channel_name")).as_user(body.get("user_id"))
            result = commands.dispatch(line(body), here)
            if isinstance(result, ExportResult):  # the answer is a file in the channel
                return export.deliver(result, body, client)
            return render.to_blocks(annotate(result, ctx.db, body))

        payload = answer(produce, f"running {command.slash} {body.get('text')!r}")
        respond(response_type="ephemeral", **payload)

    return ack_command, run_command
