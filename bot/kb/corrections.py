"""Corrections made by analysts (from Slack or `allybot curation import`), kept in SQLite.

The people who notice a wrong date are in Slack, not on the server editing
config/curation.yaml. A correction is recorded with who, when and why, applied to the
facts table at once (so the next answer shows it), and replayed by the loader after
config/curation.yaml at every rebuild, in the same vocabulary (correct / suppress /
merge), so it survives reloads. `export_yaml` writes the applied ones into
config/curation.yaml for review in git; `import_yaml` goes the other way.

Nothing here trusts its caller about values: every field goes through the same
validation as config/curation.yaml, fact ids must name facts that exist, and a modal
session (the token in a view's private_metadata) is issued by us, bound to one user,
one fact and one action, expires, and is used once.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from bot.config import ConfigError
from bot.kb.curation import Curation, apply_curation, load_curation, parse_curation
from bot.kb.curation import _Loader as _YamlLoader  # dates stay text, as analysts typed them
from bot.kb.store import fact_from_row, fact_to_row

ACTIONS = ("correct", "suppress", "merge", "undo")
# What the Slack modals may change; config/curation.yaml (and import) may change more.
SLACK_FIELDS = ("date_start", "date_end", "date_precision", "participants", "countries", "location")
DATE_FIELDS = {"date_start", "date_end", "date_precision"}
# The fact menu's forms: what each may change (the correction it records, its fields).
FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "date": ("correct", ("date_start", "date_end", "date_precision")),
    "people": ("correct", ("participants", "countries", "location")),
    "suppress": ("suppress", ()),
    "merge": ("merge", ()),
    "undo": ("undo", ()),
}
SESSION_TTL = timedelta(hours=2)
VERBS = {"correct": "corrected", "suppress": "removed", "merge": "merged", "undo": "undone"}


class CorrectionError(ValueError):
    """A correction that cannot be made; the message is for the person who tried."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class Correction:
    id: int
    fact_id: str
    action: str
    fields: dict[str, Any]
    reason: str
    user: str
    created_at: str
    status: str  # pending | applied | rejected | undone
    source: str = "slack"
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    review_channel: str | None = None
    review_ts: str | None = None
    before: dict[str, Any] = field(default_factory=dict)

    @property
    def target(self) -> str | None:
        """The fact a merge folds into (it stays), or None."""
        return self.fields.get("into") if self.action == "merge" else None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "fact_id": self.fact_id, "action": self.action, "fields": self.fields,
            "reason": self.reason, "user": self.user, "created_at": self.created_at,
            "status": self.status, "source": self.source, "reviewed_by": self.reviewed_by,
            "reviewed_at": self.reviewed_at,
        }


def ensure_tables(db) -> None:
    tables = set(db.table_names())
    if "corrections" not in tables:
        db["corrections"].create(
            {
                "id": int, "fact_id": str, "action": str, "fields": str, "reason": str,
                "user": str, "created_at": str, "status": str, "source": str,
                "reviewed_by": str, "reviewed_at": str, "review_channel": str, "review_ts": str,
                "target": str,  # a merge's kept fact, so notes and undo find it
                "before": str,  # JSON {fact id: its facts row, or null}: what undo restores
            },
            pk="id",
        )
        db["corrections"].create_index(["fact_id"])
        db["corrections"].create_index(["target"])
    if "edit_sessions" not in tables:
        db["edit_sessions"].create(
            {"token": str, "user": str, "fact_id": str, "action": str, "channel": str,
             "created_at": str, "used_at": str},
            pk="token",
        )


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def _iso(now: datetime | None) -> str:
    return _now(now).isoformat(timespec="seconds")


def _row_to_correction(row: dict) -> Correction:
    return Correction(
        id=row["id"], fact_id=row["fact_id"], action=row["action"],
        fields=json.loads(row["fields"] or "{}"), reason=row["reason"] or "", user=row["user"] or "",
        created_at=row["created_at"], status=row["status"], source=row["source"] or "slack",
        reviewed_by=row["reviewed_by"], reviewed_at=row["reviewed_at"],
        review_channel=row["review_channel"], review_ts=row["review_ts"],
        before=json.loads(row["before"] or "{}"),
    )


def _select(db, where: str = "1", params: tuple = ()) -> list[Correction]:
    cur = db.execute(f"select * from corrections where {where} order by id", params)
    names = [c[0] for c in cur.description]
    return [_row_to_correction(dict(zip(names, r, strict=True))) for r in cur.fetchall()]


def get(db, correction_id: int | str) -> Correction:
    try:
        cid = int(correction_id)
    except (TypeError, ValueError):
        raise CorrectionError(f"{correction_id!r} is not a correction number.") from None
    found = _select(db, "id = ?", (cid,))
    if not found:
        raise CorrectionError(f"There is no correction #{cid}.")
    return found[0]


def all_corrections(db, status: str | None = None) -> list[Correction]:
    return _select(db, "status = ?", (status,)) if status else _select(db)


def fact_row(db, fact_id: str) -> dict | None:
    cur = db.execute("select * from facts where id = ?", (fact_id,))
    row = cur.fetchone()
    return dict(zip([c[0] for c in cur.description], row, strict=True)) if row else None


# -- validation ---------------------------------------------------------------------------


def validate(db, fact_id: Any, action: Any, fields: Any, *, allowed: tuple[str, ...] | None = None
             ) -> dict[str, Any]:
    """The fields as they will be stored, or CorrectionError naming what is wrong.

    The same checks as config/curation.yaml (through parse_curation), plus: the fact and
    any merge target exist now, and only `allowed` fields may change.
    """
    if action not in ACTIONS:
        raise CorrectionError(f"Unknown correction {action!r}.")
    fields = dict(fields or {})
    if action == "undo":  # an undone suppression's fact is not in the table: check the correction
        target = get(db, fields.get("of"))
        if target.status != "applied" or fact_id not in (target.fact_id, target.target):
            raise CorrectionError("That correction is not in effect on this fact.")
        return {"of": target.id}
    if not isinstance(fact_id, str) or fact_row(db, fact_id) is None:
        raise CorrectionError("That fact is no longer in the knowledge base (the documents were "
                              "reloaded); run the command again and correct the fresh answer.")
    if action == "suppress":
        return {}
    if action == "merge":
        into = fields.get("into")
        if not isinstance(into, str) or not into.strip():
            raise CorrectionError("Choose the fact this one is the same event as.", "into")
        into = into.strip()
        if into == fact_id:
            raise CorrectionError("A fact cannot be merged into itself.", "into")
        if fact_row(db, into) is None:
            raise CorrectionError(f"There is no fact {into!r}.", "into")
        return {"into": into}
    if allowed is not None:
        extra = sorted(set(fields) - set(allowed))
        if extra:
            raise CorrectionError(f"These fields cannot be changed here: {', '.join(extra)}.")
    if not fields:
        raise CorrectionError("Nothing to change.")
    try:
        parse_curation({"correct": {fact_id: fields}}, Path("correction"))
    except ConfigError as exc:
        name = (exc.key or "").rsplit(".", 1)[-1] or None
        text = str(exc).split(": ", 2)[-1]
        raise CorrectionError(f"{name}: {text}" if name else text, name) from None
    return fields


def to_curation(corrections: list[Correction]) -> Curation:
    """Applied corrections in the vocabulary of config/curation.yaml, later ones winning."""
    data: dict[str, Any] = {"correct": {}, "suppress": [], "merge": []}
    for c in corrections:
        if c.action == "correct":
            data["correct"].setdefault(c.fact_id, {}).update(c.fields)
        elif c.action == "suppress":
            data["suppress"].append(c.fact_id)
        elif c.action == "merge":
            data["merge"].append([c.fields["into"], c.fact_id])
    return parse_curation(data, Path("corrections (database)"))


def as_curation(db) -> Curation:
    """What the loader replays after config/curation.yaml."""
    return to_curation(all_corrections(db, "applied"))


def signature(db) -> str:
    """Changes whenever the applied corrections change, so the next load rebuilds facts."""
    rows = db.execute("select id, status from corrections where status in ('applied', 'undone') "
                      "order by id").fetchall()
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:12] if rows else "-"


# -- recording and applying ---------------------------------------------------------------


def record(db, *, fact_id: str, action: str, fields: dict | None, user: str, reason: str = "",
           apply: bool, source: str = "slack", now: datetime | None = None,
           allowed: tuple[str, ...] | None = None) -> Correction:
    """Validate and store a correction; applied at once when `apply`, else pending review."""
    fields = validate(db, fact_id, action, fields, allowed=allowed)
    with db.conn:
        cur = db.conn.execute(
            "insert into corrections (fact_id, action, fields, reason, user, created_at, status, "
            "source, target) values (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
            (fact_id, action, json.dumps(fields, ensure_ascii=False), (reason or "").strip()[:1000],
             user, _iso(now), source, fields.get("into")),
        )
        correction = get(db, cur.lastrowid)
        if apply:
            _apply(db, correction)
    return get(db, correction.id)


def approve(db, correction_id: int | str, reviewer: str, now: datetime | None = None) -> Correction:
    """A curator accepts a pending correction: it applies now (re-validated: facts move)."""
    c = get(db, correction_id)
    if c.status != "pending":
        raise CorrectionError(f"Correction #{c.id} was already {c.status}.")
    validate(db, c.fact_id, c.action, c.fields)
    with db.conn:
        claimed = db.conn.execute(
            "update corrections set status = 'approving', reviewed_by = ?, reviewed_at = ? "
            "where id = ? and status = 'pending'", (reviewer, _iso(now), c.id)).rowcount
        if claimed != 1:  # someone else's click got there first
            raise CorrectionError(f"Correction #{c.id} was already reviewed.")
        _apply(db, get(db, c.id))
    return get(db, c.id)


def reject(db, correction_id: int | str, reviewer: str, now: datetime | None = None) -> Correction:
    c = get(db, correction_id)
    with db.conn:
        done = db.conn.execute(
            "update corrections set status = 'rejected', reviewed_by = ?, reviewed_at = ? "
            "where id = ? and status = 'pending'", (reviewer, _iso(now), c.id)).rowcount
    if done != 1:
        raise CorrectionError(f"Correction #{c.id} was already {c.status}.")
    return get(db, c.id)


def set_review_message(db, correction_id: int, channel: str, ts: str) -> None:
    with db.conn:
        db.conn.execute("update corrections set review_channel = ?, review_ts = ? where id = ?",
                        (channel, ts, correction_id))


def _apply(db, c: Correction) -> None:
    """Change the facts table now (inside the caller's transaction) and remember what was there."""
    if c.action == "undo":
        _undo(db, get(db, c.fields["of"]))
        db.conn.execute("update corrections set status = 'applied' where id = ?", (c.id,))
        _bump_generation(db)
        return
    ids = [c.fact_id] + ([c.target] if c.target else [])
    before = {fid: fact_row(db, fid) for fid in ids}
    if before[c.fact_id] is None or (c.target and before[c.target] is None):
        raise CorrectionError("That fact is no longer in the knowledge base (the documents were "
                              "reloaded); run the command again and correct the fresh answer.")
    facts = [fact_from_row(before[fid]) for fid in ids]
    changed, _ = apply_curation(facts, to_curation([c]))
    kept = {f.id: f for f in changed}
    for fid in ids:
        if fid in kept:
            also = before[c.fact_id]["names"] if fid == c.target else ""  # a merge finds both
            _write_fact(db, kept[fid], before[fid], also or "")
        else:
            db.conn.execute("delete from facts where id = ?", (fid,))
    db.conn.execute("update corrections set status = 'applied', before = ? where id = ?",
                    (json.dumps(before, ensure_ascii=False), c.id))
    _bump_generation(db)


def _write_fact(db, fact, old_row: dict, also: str = "") -> None:
    names = old_row.get("names") or ""
    extra = [n for n in [*fact.participants, fact.location or "", also] if n and n not in names]
    if extra:  # new names must be findable now; the next load recomputes names properly
        names = " | ".join([names, *extra]) if names else " | ".join(extra)
    _put_row(db, fact_to_row(fact, names=names, curated=True))


def _put_row(db, row: dict) -> None:
    cols = list(row)
    db.conn.execute(
        f"insert or replace into facts ({', '.join(_q(c) for c in cols)}) "
        f"values ({', '.join('?' * len(cols))})",
        tuple(row[c] for c in cols),
    )


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _bump_generation(db) -> None:
    """The search index is cached per generation: a new one makes answers show the change."""
    db.conn.execute("insert or replace into meta (key, value) values ('generation', ?)",
                    (uuid.uuid4().hex[:12],))


def _undo(db, c: Correction) -> None:
    """Put back the facts as they were before `c`, then replay the later corrections on them."""
    if c.status != "applied":
        raise CorrectionError(f"Correction #{c.id} is not in effect (it is {c.status}).")
    touched = set(c.before)
    later = [x for x in _select(db, "status = 'applied' and id > ? and action != 'undo'", (c.id,))
             if {x.fact_id, x.target} & touched]
    for fid, row in c.before.items():
        if row is None:
            db.conn.execute("delete from facts where id = ?", (fid,))
        else:
            _put_row(db, row)
    db.conn.execute("update corrections set status = 'undone' where id = ?", (c.id,))
    for x in later:
        try:
            _apply(db, x)
        except CorrectionError:  # its fact went away with the undo (a merge undone): drop it
            db.conn.execute("update corrections set status = 'undone' where id = ?", (x.id,))


def undo(db, correction_id: int | str, user: str, reason: str = "", now: datetime | None = None
         ) -> Correction:
    """Undo an applied correction at once (recorded as a correction of its own)."""
    c = get(db, correction_id)
    return record(db, fact_id=c.target or c.fact_id, action="undo", fields={"of": c.id}, user=user,
                  reason=reason, apply=True, source="cli" if user.startswith("cli:") else "slack",
                  now=now)


def in_effect(db, fact_id: str) -> Correction | None:
    """The latest applied correction on a fact (or merged into it), for notes and Undo."""
    found = _select(db, "status = 'applied' and action != 'undo' and (fact_id = ? or target = ?)",
                    (fact_id, fact_id))
    return found[-1] if found else None


def notes(db, fact_ids: list[str], now: datetime | None = None) -> dict[str, dict[str, Any]]:
    """{fact id: {"text": "corrected by <@U1> on 3 Dec", "correction": id}} for corrected facts."""
    ids = [i for i in dict.fromkeys(fact_ids) if i]
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = _select(db, f"status = 'applied' and action != 'undo' and (fact_id in ({marks}) "
                       f"or target in ({marks}))", (*ids, *ids))
    this_year = _now(now).year
    out: dict[str, dict[str, Any]] = {}
    for c in rows:  # in id order: the latest wins
        fid = c.target or c.fact_id
        if fid not in ids:
            continue
        when = datetime.fromisoformat(c.created_at)
        day = f"{when.day} {when:%b}" + ("" if when.year == this_year else f" {when.year}")
        slot = "merge" if c.action == "merge" else "date" if set(c.fields) & DATE_FIELDS else "people"
        out[fid] = {"text": f"{VERBS[c.action]} by {who(c.user)} on {day}", "correction": c.id,
                    "slot": slot}
    return out


def who(user: str) -> str:
    """A Slack user id as a mention (Slack shows the name); anything else as it is."""
    if user.startswith("cli:"):
        return user[4:] or "an analyst"
    return f"<@{user}>" if user else "an analyst"


# -- modal sessions -----------------------------------------------------------------------


def open_session(db, user: str, fact_id: str, action: str, now: datetime | None = None,
                 channel: str | None = None) -> str:
    """A token for one modal: only this user, this fact and this form, for a while, once."""
    if action not in FORMS:
        raise CorrectionError(f"Unknown correction {action!r}.")
    if fact_row(db, fact_id) is None:
        raise CorrectionError("That fact is no longer in the knowledge base; run the command again.")
    token = secrets.token_urlsafe(18)
    cutoff = (_now(now) - SESSION_TTL * 12).isoformat(timespec="seconds")
    with db.conn:
        db.conn.execute("delete from edit_sessions where created_at < ?", (cutoff,))
        db.conn.execute(
            "insert into edit_sessions (token, user, fact_id, action, channel, created_at) "
            "values (?, ?, ?, ?, ?, ?)", (token, user, fact_id, action, channel, _iso(now)))
    return token


def check_session(db, token: Any, user: str | None, now: datetime | None = None) -> tuple[str, str]:
    """(fact id, action) the token was issued for, if `user` may still use it."""
    row = db.execute("select user, fact_id, action, created_at, used_at from edit_sessions "
                     "where token = ?", (token if isinstance(token, str) else "",)).fetchone()
    if row is None or row[0] != user:
        raise CorrectionError("This form was not issued to you; open it again from the fact's menu.")
    if row[4]:
        raise CorrectionError("This form was already submitted.")
    if _now(now) - datetime.fromisoformat(row[3]) > SESSION_TTL:
        raise CorrectionError("This form has expired; open it again from the fact's menu.")
    return row[1], row[2]


def session_channel(db, token: str) -> str | None:
    """Where the form was opened from, to tell the person what became of it."""
    row = db.execute("select channel from edit_sessions where token = ?", (token,)).fetchone()
    return row[0] if row else None


def use_session(db, token: str) -> bool:
    """Mark the token used; False when another submission used it first (a replay)."""
    with db.conn:
        return db.conn.execute("update edit_sessions set used_at = ? where token = ? and used_at is null",
                               (_iso(None), token)).rowcount == 1


# -- config/curation.yaml -----------------------------------------------------------------

HEADER = """\
# Analyst corrections, applied at every `allybot load` (see README: Configuration).
#   correct:  {fact id: {field: new value}}     suppress: [fact id, ...]
#   merge:    [[kept id, merged id, ...], ...]  add:      [{kind, title, date_start, ...}]
# Written by `allybot curation export` (corrections made in Slack are merged in); edit freely.
"""


def _read_raw(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader) or {}  # safe: SafeLoader


def export_yaml(db, path: Path) -> dict[str, int]:
    """Merge the applied corrections into the curation file; returns what was written."""
    path = Path(path)
    raw: dict[str, Any] = {}
    if path.exists():
        load_curation(path)  # refuse to rewrite a file that is already wrong
        raw = _read_raw(path)
    correct: dict[str, Any] = dict(raw.get("correct") or {})
    suppress: list[str] = list(raw.get("suppress") or [])
    merge: list[list[str]] = [list(g) for g in raw.get("merge") or []]
    counts = {"correct": 0, "suppress": 0, "merge": 0}
    for c in all_corrections(db, "applied"):
        if c.action == "correct":
            entry = dict(correct.get(c.fact_id) or {})
            if any(entry.get(k) != v for k, v in c.fields.items()):
                entry.update(c.fields)
                correct[c.fact_id] = entry
                counts["correct"] += 1
        elif c.action == "suppress" and c.fact_id not in suppress:
            suppress.append(c.fact_id)
            counts["suppress"] += 1
        elif c.action == "merge":
            group = next((g for g in merge if g[0] == c.target), None)
            if group is None:
                merge.append([c.target, c.fact_id])
                counts["merge"] += 1
            elif c.fact_id not in group:
                group.append(c.fact_id)
                counts["merge"] += 1
    data = {"correct": correct, "suppress": suppress, "merge": merge, "add": raw.get("add") or []}
    data = {k: v for k, v in data.items() if v}
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100) if data else ""
    parse_curation(yaml.load(body, Loader=_YamlLoader) if body else None, path)  # must load back
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(HEADER + body, encoding="utf-8")
    tmp.replace(path)
    return counts


def import_yaml(db, path: Path, user: str, now: datetime | None = None) -> dict[str, Any]:
    """Record the file's correct/suppress/merge entries as applied corrections.

    Entries already in effect are skipped; entries naming facts that do not exist are
    reported, not fatal (a document may have changed). `add` entries stay in the file,
    which the loader applies anyway.
    """
    cur = load_curation(path)
    raw = _read_raw(Path(path))
    done: dict[str, Any] = {"imported": 0, "already": 0, "unknown": [], "errors": []}
    applied = all_corrections(db, "applied")

    def attempt(fact_id: str, action: str, fields: dict) -> None:
        same = any(c.fact_id == fact_id and c.action == action and
                   all(c.fields.get(k) == v for k, v in fields.items()) for c in applied)
        if same:
            done["already"] += 1
            return
        try:
            record(db, fact_id=fact_id, action=action, fields=fields, user=user,
                   reason=f"imported from {Path(path).name}", apply=True, source="import", now=now)
            done["imported"] += 1
        except CorrectionError as exc:
            if fact_row(db, fact_id) is None:
                done["unknown"].append(fact_id)
            else:
                done["errors"].append(f"{fact_id}: {exc.message}")

    for fid in cur.correct:
        attempt(fid, "correct", dict((raw.get("correct") or {}).get(fid) or {}))
    for fid in cur.suppress:
        attempt(fid, "suppress", {})
    for keep, *others in cur.merge:
        for other in others:
            attempt(other, "merge", {"into": keep})
    return done

