"""The App Home tab: what allybot knows, published when someone opens it.

Slack shows whatever view was last published for that user, so it is rebuilt on every
`app_home_opened`: the numbers are never older than the visit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk.errors import SlackApiError

from bot.config import CurationConfig
from bot.kb import corrections as cx
from bot.kb.db import writing
from bot.kb.status import gather
from bot.slack.listeners.answering import ack
from bot.slack.listeners.curation import describe
from bot.slack.status_blocks import home_view

log = logging.getLogger(__name__)

APP_HOME_OPENED = "app_home_opened"
UNDO = "correction_undo"


def register(app, db, curation: CurationConfig, tz, registered: dict) -> None:
    app.event(APP_HOME_OPENED)(ack=ack, lazy=[_home_listener(db, curation, tz)])
    registered["events"].append(APP_HOME_OPENED)
    app.action(UNDO)(ack=ack, lazy=[_undo_listener(db, curation, tz)])
    registered["actions"].append(UNDO)


def _undo_listener(db, curation: CurationConfig, tz) -> Callable:
    """Undo from the Home tab: curators only (the tab shows the button to no one else)."""
    def on_undo(body, client):
        user = str((body.get("user") or {}).get("id") or "")
        value = str((body.get("actions") or [{}])[0].get("value") or "")
        if not curation.is_curator(user):
            log.warning("undo from the Home tab refused: %s is not a curator", user)
            return
        try:
            with writing(db) as w:
                cx.undo(w, value, user, reason="undone from the Home tab")
        except cx.CorrectionError as exc:
            log.info("undo of %r from the Home tab: %s", value, exc.message)
        publish_home(db, client, curation, tz, user)

    return on_undo


RECENT = 10


def publish_home(db, client, curation: CurationConfig, tz, user: str) -> None:
    """Build and publish one user's Home tab; failures are logged (there is no one to tell)."""
    pending, recent = 0, []
    if curation.is_curator(user):
        pending = db.execute("select count(*) from corrections where status = 'pending'").fetchone()[0]
        applied = [c for c in cx.all_corrections(db, "applied") if c.action != "undo"]
        recent = [(c.id, f"#{c.id} {c.created_at[:10]}: {describe(c)}") for c in applied[-RECENT:][::-1]]
    try:
        client.views_publish(user_id=user, view=home_view(gather(db, tz=tz), pending, recent))
    except SlackApiError as exc:
        log.warning("views.publish for %s failed: %s", user, exc)
    except Exception:
        log.exception("building the App Home for %s failed", user)


def _home_listener(db, curation: CurationConfig, tz) -> Callable:
    def on_home_opened(event, client):
        if event.get("tab") not in (None, "home"):  # the Messages tab needs nothing from us
            return
        publish_home(db, client, curation, tz, event.get("user"))

    return on_home_opened
