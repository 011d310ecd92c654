"""The App Home tab: what allybot knows, published when someone opens it.

Slack shows whatever view was last published for that user, so it is rebuilt on every
`app_home_opened`: the numbers are never older than the visit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk.errors import SlackApiError

from bot.config import CurationConfig

log = logging.getLogger(__name__)

APP_HOME_OPENED = "app_home_opened"


def register(app, db, curation: CurationConfig, tz, registered: dict) -> None:
    app.event(APP_HOME_OPENED)(ack=lambda ack: ack(), lazy=[_home_listener(db, curation, tz)])
    registered["events"].append(APP_HOME_OPENED)


def _home_listener(db, curation: CurationConfig, tz) -> Callable:
    def publish_home(event, client):
        from bot.kb.status import gather
        from bot.slack.status_blocks import home_view

        if event.get("tab") not in (None, "home"):  # the Messages tab needs nothing from us
            return
        user = event.get("user")
        pending = 0
        if curation.is_curator(user):
            pending = db.execute("select count(*) from corrections where status = 'pending'").fetchone()[0]
        try:
            client.views_publish(user_id=user, view=home_view(gather(db, tz=tz), pending))
        except SlackApiError as exc:
            log.warning("views.publish for %s failed: %s", user, exc)
        except Exception:
            log.exception("building the App Home for %s failed", user)

    return publish_home
