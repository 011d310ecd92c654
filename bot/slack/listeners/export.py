"""/export's file: the CSV goes to the channel /export was typed in, as a file upload.

Uses Slack's current upload flow (files.getUploadURLExternal, a POST of the bytes to the
URL it returns, files.completeUploadExternal), which slack_sdk's files_upload_v2 runs.
A channel the bot is not in cannot take the file: then it goes to the user's direct
message with the bot, and the private answer says so.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from bot.slack.blocks import esc
from commands.results import ExportResult

log = logging.getLogger(__name__)

NOT_HERE = ("not_in_channel", "channel_not_found", "is_archived", "access_denied")


def _note(text: str) -> dict:
    return {"text": esc(text), "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": esc(text)}}]}


def upload(client, channel: str, result: ExportResult, user: str | None, thread_ts: str | None = None):
    comment = f"{result.message}" + (f" Exported for <@{user}>." if user else "")
    return client.files_upload_v2(channel=channel, content=result.csv, filename=result.filename,
                                  title=result.filename, initial_comment=comment, thread_ts=thread_ts)


def deliver(result: ExportResult, body: dict, client) -> dict:
    """Upload the CSV; the private answer for the person who asked."""
    if not result.facts:
        return _note(result.message or "Nothing to export.")
    user = body.get("user_id") or (body.get("user") or {}).get("id")
    channel = body.get("channel_id") or (body.get("channel") or {}).get("id")
    try:
        upload(client, channel, result, user)
        return _note(f"{result.message} Uploaded here as {result.filename}.")
    except SlackApiError as exc:
        error = exc.response.get("error") if exc.response is not None else None
        if error not in NOT_HERE or not user:
            raise
        log.info("export upload to %s refused (%s); sending it to the user's DM", channel, error)
    dm = client.conversations_open(users=user)["channel"]["id"]
    upload(client, dm, result, None)
    return _note(f"{result.message} I can't post files in this channel (invite me with `/invite @allybot`), "
                 f"so I sent {result.filename} to you in a direct message.")
