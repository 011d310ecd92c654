"""The correction modal's submissions: checked and saved in the acknowledgement (so a bad
value is shown on its field at once), then confirmed to the user or sent for review.

The modal carries only a session token: the fact and the form come from our record of the
session, bound to the user who opened it and used once (see listeners/curation.py).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from slack_sdk.errors import SlackApiError

from bot.config import CurationConfig
from bot.kb import corrections as cx
from bot.kb.db import writing
from bot.slack import blocks as render
from bot.slack.listeners.curation import (
    VIEW,
    describe,
    fields_from,
    form_values,
    send_for_review,
    user_of,
)

log = logging.getLogger(__name__)


def register(app, db, curation: CurationConfig, registered: dict[str, list[str]]) -> None:
    app.view(VIEW)(ack=submission_ack(db, curation), lazy=[after_submission(db, curation)])
    registered["views"].append(VIEW)


_FIELD_BLOCK = {"date_start": "date_start", "date_end": "date_end", "date_precision": "date_start",
                "participants": "participants", "location": "location", "countries": "countries",
                "into": "into"}


def submission_ack(db, curation: CurationConfig) -> Callable:
    def on_submit(ack, body, context):
        view = body.get("view") or {}
        token = view.get("private_metadata")
        user = user_of(body)
        values = form_values(view)
        try:
            with writing(db) as w:
                fact_id, code = cx.check_session(w, token, user)
                action, allowed = cx.FORMS[code]
                fields = fields_from(w, code, fact_id, values)
                if code == "undo":
                    current = cx.in_effect(w, fact_id)
                    if current is None:
                        raise cx.CorrectionError("No correction is in effect on this fact any more.")
                    fields = {"of": current.id}
                reason = (values.get("reason") or "").strip()
                cx.validate(w, fact_id, action, fields, allowed=allowed or None)
                if not cx.use_session(w, token):
                    raise cx.CorrectionError("This form was already submitted.")
                correction = cx.record(w, fact_id=fact_id, action=action, fields=fields, user=user,
                                       reason=reason, apply=curation.is_curator(user),
                                       allowed=allowed or None)
        except cx.CorrectionError as exc:
            block = _FIELD_BLOCK.get(exc.field or "", "reason")
            if block not in values:
                block = "reason"
            ack(response_action="errors", errors={block: render.clip(exc.message, 150)})
            return
        except Exception:
            ref = uuid.uuid4().hex[:8]
            log.exception("allybot error ref=%s while saving a correction", ref)
            ack(response_action="errors", errors={"reason": f"Sorry, something went wrong (ref {ref})."})
            return
        context["allybot_correction"] = correction.id
        context["allybot_channel"] = cx.session_channel(db, token)
        ack()

    return on_submit


def after_submission(db, curation: CurationConfig) -> Callable:
    def after(body, client, context):
        cid = context.get("allybot_correction")
        if cid is None:
            return
        c = cx.get(db, cid)
        user = user_of(body)
        channel = context.get("allybot_channel")
        if c.status == "applied":
            note = f"Saved: {describe(c)}. It shows in answers from now on."
        else:
            note = send_for_review(db, client, curation, c)
        try:
            if channel:
                client.chat_postEphemeral(channel=channel, user=user, text=note)
            else:
                client.chat_postMessage(channel=user, text=note)
        except SlackApiError as exc:
            log.warning("could not confirm correction #%s to %s: %s", c.id, user, exc)

    return after
