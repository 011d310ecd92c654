"""The App Home tab: the knowledge base's status (as /allybot status shows it, through
bot.slack.blocks.status_blocks), plus what curators need there."""

from __future__ import annotations

from typing import Any

from bot.slack.blocks import MAX_SECTION, clip, status_blocks


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
