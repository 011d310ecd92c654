"""The knowledge base's status as Block Kit: one builder for the App Home tab and /allybot status."""

from __future__ import annotations

from typing import Any

from bot.kb.status import lines
from bot.slack.blocks import MAX_SECTION, clip, esc

MAX_LINES = 30


def status_blocks(data: dict[str, Any]) -> list[dict]:
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": "What allybot knows"}}]
    for title, body in lines(data, slack=True):
        text = f"*{esc(title)}*\n" + "\n".join(_line(b) for b in body[:MAX_LINES])
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)}})
    return blocks


def _line(text: str) -> str:
    """Escape a line but keep the user mentions lines() put in."""
    parts = text.split("<@")
    out = esc(parts[0])
    for part in parts[1:]:
        mention, _, rest = part.partition(">")
        out += f"<@{mention}>" + esc(rest)
    return "• " + out


def status_payload(data: dict[str, Any]) -> dict:
    from bot.kb.status import describe

    return {"text": clip(esc(describe(data)), 3900), "blocks": status_blocks(data)}


def home_view(data: dict[str, Any], pending: int = 0, recent: list[tuple[int, str]] | None = None) -> dict:
    """The App Home tab. Curators also see how many corrections wait for them, and the
    latest corrections in effect with an Undo button: a fact marked "Not an event" is in
    no answer any more, so its own menu cannot undo it."""
    blocks = status_blocks(data)
    if pending:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text":
                       f"{pending} correction{'s' if pending != 1 else ''} waiting for review "
                       "in the review channel."}]})
    if recent:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "*Corrections in effect*"}})
        for correction_id, text in recent:
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)},
                           "accessory": {"type": "button", "action_id": "correction_undo",
                                         "value": str(correction_id),
                                         "text": {"type": "plain_text", "text": "Undo"}}})
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text":
                   "Ask with /meetings, /exercises, /space or /lookup. Every fact in an answer has a "
                   "menu to report a wrong date, people or place, or a duplicate."}]})
    return {"type": "home", "blocks": blocks}
