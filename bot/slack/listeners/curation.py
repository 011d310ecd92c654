"""Correcting facts from Slack: the fact menu, its modals, review by curators, and 👍 / 👎.

Slack signs every request, and Bolt refuses a bad signature or a stale timestamp; the
rest is on us, because a signed payload still carries whatever the client put in it:
- who acts comes from the signed `user.id`, and whether they may apply a change from
  `curation.curators` in config/allybot.yaml, never from the payload;
- a modal carries only a session token (private_metadata): the fact and the form come
  from our record of the session, bound to the user who opened it, expiring, used once,
  so a forged or replayed submission changes nothing;
- every value goes through the same validation as config/curation.yaml.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import uuid
from collections.abc import Callable
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.config import CurationConfig
from bot.kb import corrections as cx
from bot.kb import feedback
from bot.kb.db import writing
from bot.kb.store import fact_from_row
from bot.slack import blocks as render
from bot.slack.listeners.answering import ack
from commands.results import FactsResult, PassagesResult, Result

log = logging.getLogger(__name__)

MENU = "fact_menu"
VIEW = "correction"
APPROVE, REJECT = "review_approve", "review_reject"
FEEDBACK = ("feedback_up", "feedback_down")
ACTIONS = (MENU, APPROVE, REJECT, *FEEDBACK)
TITLES = {"date": "Wrong date", "people": "Wrong people or place", "suppress": "Not an event",
          "merge": "Same event as…", "undo": "Undo a correction"}
MERGE_CHOICES = 100
MERGE_WINDOW_DAYS = 120


def register(app, db, curation: CurationConfig, show_source: Callable, registered: dict) -> None:
    """The fact menu, review and feedback buttons (the modal's submissions: listeners/views.py)."""
    app.action(MENU)(ack=ack, lazy=[_menu_listener(db, curation, show_source)])
    app.action(APPROVE)(ack=ack, lazy=[_review_listener(db, curation, approve=True)])
    app.action(REJECT)(ack=ack, lazy=[_review_listener(db, curation, approve=False)])
    for action_id in FEEDBACK:
        app.action(action_id)(ack=ack, lazy=[_feedback_listener(db)])
    registered["actions"].extend(ACTIONS)




def user_of(body) -> str:
    return str((body.get("user") or {}).get("id") or "")


def _channel(body) -> str | None:
    return (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")


def _tell(respond, text: str) -> None:
    respond(response_type="ephemeral", replace_original=False, text=text,
            blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": text}}])


def _oops(respond, what: str) -> None:
    ref = uuid.uuid4().hex[:8]
    log.exception("allybot error ref=%s while %s", ref, what)
    _tell(respond, render.apology_text(ref))


# -- the fact menu --------------------------------------------------------------------------


def _menu_listener(db, curation: CurationConfig, show_source: Callable) -> Callable:
    def on_menu(body, client, respond):
        action = (body.get("actions") or [{}])[0]
        code, _, fact_id = str((action.get("selected_option") or {}).get("value") or "").partition(":")
        if code == "source":
            # The same answer as the "Show source" button older messages still carry.
            show_source({**body, "actions": [{**action, "value": fact_id}]}, client, respond)
            return
        user = user_of(body)
        try:
            if code not in cx.FORMS:
                raise cx.CorrectionError("That menu entry is not one allybot knows.")
            with writing(db) as w:
                token = cx.open_session(w, user, fact_id, code, channel=_channel(body))
            view = correction_view(db, code, fact_id, token, curator=curation.is_curator(user))
            client.views_open(trigger_id=body.get("trigger_id"), view=view)
        except cx.CorrectionError as exc:
            _tell(respond, exc.message)
        except SlackApiError as exc:
            log.warning("views.open failed: %s", exc)
            _tell(respond, "Slack did not open the form in time; please pick the entry again.")
        except Exception:
            _oops(respond, f"opening the {code!r} form for {fact_id!r}")

    return on_menu


def _date_text(start: str | None, precision: str | None) -> str:
    if not start:
        return ""
    return start[:4] if precision == "year" else start[:7] if precision == "month" else start[:10]


def _input(block_id: str, label: str, *, initial: str | None = None, optional: bool = True,
           multiline: bool = False, hint: str | None = None, placeholder: str | None = None) -> dict:
    element: dict[str, Any] = {"type": "plain_text_input", "action_id": "value", "multiline": multiline}
    if initial:
        element["initial_value"] = initial[:3000]
    if placeholder:
        element["placeholder"] = {"type": "plain_text", "text": placeholder}
    block = {"type": "input", "block_id": block_id, "optional": optional, "element": element,
             "label": {"type": "plain_text", "text": label}}
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint}
    return block


def _mrkdwn(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": render.clip(text, render.MAX_SECTION)}}


def correction_view(db, code: str, fact_id: str, token: str, *, curator: bool) -> dict:
    """The modal for one menu entry, prefilled with the fact as it stands."""
    row = cx.fact_row(db, fact_id)
    if row is None:
        raise cx.CorrectionError("That fact is no longer in the knowledge base; run the command again.")
    fact = fact_from_row(row)
    blocks = [_mrkdwn(f"*{render.esc(render.clip(render.clean(fact.title), 300))}*\n"
                      f"{render.fact_date(fact)}" + (f" · {render.esc(fact.location)}" if fact.location else "")
                      + (f"\n{render.esc(', '.join(fact.participants))}" if fact.participants else ""))]
    if code == "date":
        end = fact.date_end if fact.date_end and fact.date_end != fact.date_start else ""
        blocks.append(_input("date_start", "Date (or first day)", optional=False,
                             initial=_date_text(fact.date_start, fact.date_precision),
                             hint="YYYY-MM-DD, or YYYY-MM for a month, or YYYY for a year"))
        blocks.append(_input("date_end", "Last day, if it lasted several days",
                             initial=end if fact.date_precision == "day" else "", hint="YYYY-MM-DD"))
    elif code == "people":
        blocks.append(_input("participants", "People and organizations (one per line)",
                             initial="\n".join(fact.participants), multiline=True))
        blocks.append(_input("location", "Place", initial=fact.location or ""))
        blocks.append(_input("countries", "Countries (comma-separated)", initial=", ".join(fact.countries)))
    elif code == "suppress":
        blocks.append(_mrkdwn("Saving removes this from every answer and digest, now and after "
                              "every reload. It can be undone."))
    elif code == "merge":
        choices = _merge_choices(db, fact)
        if choices:
            blocks.append({"type": "input", "block_id": "into", "label": {"type": "plain_text",
                           "text": "The same event as"}, "element": {
                               "type": "static_select", "action_id": "value", "options": choices,
                               "placeholder": {"type": "plain_text", "text": "Choose a fact"}}})
        else:
            blocks.append(_input("into", "The same event as (fact id)", optional=False,
                                 hint="No fact of the same kind is dated near this one; "
                                      "`allybot facts` lists the ids."))
    elif code == "undo":
        current = cx.in_effect(db, fact_id)
        if current is None:
            raise cx.CorrectionError("No correction is in effect on this fact.")
        blocks.append(_mrkdwn(f"Undo correction #{current.id}: {describe(current)}"))
    blocks.append(_input("reason", "Why (shown to reviewers)", multiline=True,
                         optional=code not in ("suppress", "merge") or curator))
    return {
        "type": "modal",
        "callback_id": VIEW,
        "private_metadata": token,
        "title": {"type": "plain_text", "text": render.clip(TITLES[code], 24)},
        "submit": {"type": "plain_text", "text": "Save" if curator else "Send for review"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": blocks,
    }


def _merge_choices(db, fact) -> list[dict]:
    """Facts of the same kind dated near this one, closest first (Slack allows 100 options)."""
    rows = db.execute(
        "select id, title, date_start, date_end, date_precision, "
        "abs(julianday(coalesce(date_start, '1900-01-01')) - julianday(?)) as gap "
        "from facts where kind = ? and id != ? and (? is null or gap <= ?) order by gap, title limit ?",
        (fact.date_start or "1900-01-01", fact.kind, fact.id, fact.date_start, MERGE_WINDOW_DAYS,
         MERGE_CHOICES)).fetchall()
    out = []
    for fid, title, start, end, precision, _ in rows:
        label = f"{render.format_date(start, end, precision)} · {render.clean(title)}"
        out.append({"text": {"type": "plain_text", "text": render.clip(label, 75)}, "value": fid})
    return out


def describe(c: cx.Correction) -> str:
    """A correction in words, for reviewers: what changes, on which fact, from whom and why."""
    if c.action == "correct":
        what = ", ".join(f"{k} → {_show(v)}" for k, v in c.fields.items())
    elif c.action == "suppress":
        what = "not an event: remove it"
    elif c.action == "merge":
        what = f"the same event as `{c.fields.get('into')}`"
    else:
        what = f"undo correction #{c.fields.get('of')}"
    why = f"\nWhy: {render.esc(c.reason)}" if c.reason else ""
    return f"{render.esc(what)} (fact `{c.fact_id}`, by {cx.who(c.user)}){why}"


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(none)"
    return "(none)" if value in (None, "") else str(value)


# -- the submission -------------------------------------------------------------------------


def form_values(view: dict) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for block_id, actions in ((view.get("state") or {}).get("values") or {}).items():
        element = (actions or {}).get("value") or {}
        if not isinstance(element, dict):
            continue
        value = element.get("value")
        if value is None and isinstance(element.get("selected_option"), dict):
            value = element["selected_option"].get("value")
        out[str(block_id)] = value if isinstance(value, str) else None
    return out


def _names(text: str | None) -> list[str]:
    text = (text or "").strip()
    parts = text.splitlines() if "\n" in text else text.split(",") if "," in text else [text]
    return [p.strip() for p in parts if p.strip()]


def fields_from(db, code: str, fact_id: str, values: dict[str, str | None]) -> dict[str, Any]:
    """The correction's fields from the form, only what actually changes."""
    row = cx.fact_row(db, fact_id) or {}
    fact = fact_from_row(row) if row else None
    if code == "date":
        start = (values.get("date_start") or "").strip()
        if not start:
            raise cx.CorrectionError("Give the right date.", "date_start")
        fields: dict[str, Any] = {"date_start": start}
        end = (values.get("date_end") or "").strip()
        if end:
            fields["date_end"] = end
        if fact and _date_text(fact.date_start, fact.date_precision) == start and (
                not end or end == fact.date_end):
            raise cx.CorrectionError("That is the date the fact already has.", "date_start")
        return fields
    if code == "people":
        new = {"participants": _names(values.get("participants")),
               "location": (values.get("location") or "").strip() or None,
               "countries": _names(values.get("countries"))}
        old = {"participants": fact.participants, "location": fact.location,
               "countries": fact.countries} if fact else {}
        changed = {k: v for k, v in new.items() if old.get(k) != v}
        if not changed:
            raise cx.CorrectionError("Nothing was changed.", "participants")
        return changed
    if code == "merge":
        return {"into": (values.get("into") or "").strip()}
    return {}


def review_blocks(c: cx.Correction, fact_title: str, outcome: str | None = None) -> list[dict]:
    head = (f"*Correction #{c.id}* on *{render.esc(render.clip(render.clean(fact_title), 200))}*:\n"
            f"{describe(c)}")
    blocks = [_mrkdwn(head)]
    if outcome:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": outcome}]})
    else:
        blocks.append({"type": "actions", "elements": [
            {"type": "button", "action_id": APPROVE, "value": str(c.id), "style": "primary",
             "text": {"type": "plain_text", "text": "Approve"}},
            {"type": "button", "action_id": REJECT, "value": str(c.id), "style": "danger",
             "text": {"type": "plain_text", "text": "Reject"}},
        ]})
    return blocks


def _fact_title(db, c: cx.Correction) -> str:
    row = cx.fact_row(db, c.fact_id) or (c.before.get(c.fact_id) if c.before else None)
    return (row or {}).get("title") or c.fact_id


def send_for_review(db, client, curation: CurationConfig, c: cx.Correction) -> str:
    if not curation.review_channel:
        return (f"Your correction is recorded (#{c.id}) and waits for a curator; no review channel is "
                "configured, so tell one of them.")
    try:
        reply = client.chat_postMessage(channel=curation.review_channel,
                                        text=f"Correction #{c.id} waits for review",
                                        blocks=review_blocks(c, _fact_title(db, c)))
        with writing(db) as w:
            cx.set_review_message(w, c.id, reply.get("channel") or curation.review_channel, reply.get("ts"))
    except SlackApiError as exc:
        log.warning("could not post correction #%s for review: %s", c.id, exc)
        return f"Your correction is recorded (#{c.id}), but Slack refused to post it for review; tell a curator."
    return f"Thanks: your correction (#{c.id}) was sent to the curators for review."


# -- review ---------------------------------------------------------------------------------


def _review_listener(db, curation: CurationConfig, *, approve: bool) -> Callable:
    def on_review(body, client, respond):
        user = user_of(body)
        value = str((body.get("actions") or [{}])[0].get("value") or "")
        if not curation.is_curator(user):
            _tell(respond, "Only curators can approve or reject corrections "
                           "(`curation.curators` in config/allybot.yaml).")
            return
        if not re.fullmatch(r"\d{1,12}", value):
            _tell(respond, "That button does not name a correction.")
            return
        try:
            with writing(db) as w:
                c = (cx.approve if approve else cx.reject)(w, value, user)
        except cx.CorrectionError as exc:
            _tell(respond, exc.message)
            return
        except Exception:
            _oops(respond, f"reviewing correction {value}")
            return
        outcome = f"{'Approved' if approve else 'Rejected'} by <@{user}>."
        blocks = review_blocks(c, _fact_title(db, c), outcome)
        try:
            channel = c.review_channel or _channel(body)
            ts = c.review_ts or (body.get("message") or {}).get("ts")
            client.chat_update(channel=channel, ts=ts, text=f"Correction #{c.id}: {outcome}", blocks=blocks)
        except SlackApiError as exc:
            log.warning("could not update the review message of #%s: %s", c.id, exc)
            _tell(respond, f"Correction #{c.id}: {outcome}")

    return on_review


# -- feedback -------------------------------------------------------------------------------


def _feedback_listener(db) -> Callable:
    def on_feedback(body, respond):
        action = (body.get("actions") or [{}])[0]
        vote = "up" if action.get("action_id") == "feedback_up" else "down"
        try:
            with writing(db) as w:
                feedback.vote(w, action.get("value"), user_of(body), vote)
        except ValueError:
            _tell(respond, "That answer is no longer on record; thanks all the same.")
            return
        text = ("Thanks! Glad it helped." if vote == "up" else
                "Thanks for saying so. If a fact is wrong, its menu (⋯) lets you report what is wrong.")
        _tell(respond, text)

    return on_feedback


# -- answers as shown -----------------------------------------------------------------------


# Recording an answer as shown never holds it up for long: past this wait for the write
# lock (a load writing, say) the answer goes out without its 👍 / 👎 buttons.
RECORD_BUSY_MS = 250


def annotate(result: Result, db, body: dict | None = None, interactive: bool = True) -> Result:
    """Mark a result with its facts' corrections and, when people will see it with buttons,
    record it as shown (its id goes on the 👍 / 👎 buttons)."""
    ids = [f.id for f in result.items]
    if ids and isinstance(result, FactsResult) and not result.notes:
        result.notes = cx.notes(db, ids)
    passages = result.passages if isinstance(result, PassagesResult) else []
    if interactive and (ids or passages):
        items = ids or [f"{p.doc_id}:{p.span[0]}" for p in passages]
        body = body or {}
        try:
            with writing(db, busy_ms=RECORD_BUSY_MS) as w:
                result.answer_id = feedback.record_answer(
                    w, command=result.command, query=result.query, items=items,
                    user=(body.get("user") or {}).get("id") or body.get("user_id"),
                    channel=_channel(body) or body.get("channel_id"))
        except sqlite3.Error as exc:  # a load holds the write lock, or the file is read-only
            log.info("answer not recorded as shown (%s); it goes out without 👍 / 👎", exc)
    return result
