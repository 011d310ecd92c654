"""Analyst corrections (config/curation.yaml), replayed after every load.

Extraction is rebuilt from the documents on each load, so a hand fix made in the database
would be lost; keeping fixes in a file keyed by the stable fact ids makes them survive
reloads and code changes, and keeps them reviewable in git. A wrong entry stops the load
with the file and key named, because a silently ignored correction is worse than none.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from bot.config import ConfigError
from bot.kb.extract.kinds import NAMES as KINDS
from bot.kb.model import Fact, Period, Source

log = logging.getLogger(__name__)

PRECISIONS = ("day", "month", "year")
SECTIONS = ("correct", "suppress", "merge", "add")
_TEXT_FIELDS = ("title", "summary", "location", "doc_id", "doc_title", "quote")
_LIST_FIELDS = ("participants", "countries")
_DATE_FIELDS = ("date_start", "date_end")
EDITABLE = ("kind", "date_precision", *_TEXT_FIELDS, *_LIST_FIELDS, *_DATE_FIELDS)
ADD_ONLY = ("span",)
ANALYST_TITLE = "Analyst note (config/curation.yaml)"


@dataclass
class Curation:
    correct: dict[str, dict[str, Any]] = field(default_factory=dict)
    suppress: list[str] = field(default_factory=list)
    merge: list[list[str]] = field(default_factory=list)
    add: list[dict[str, Any]] = field(default_factory=list)
    path: Path | None = None

    def __bool__(self) -> bool:
        return bool(self.correct or self.suppress or self.merge or self.add)

    def referenced_ids(self) -> set[str]:
        ids = set(self.correct) | set(self.suppress)
        for group in self.merge:
            ids.update(group)
        return ids


# -- validation ---------------------------------------------------------------------------


def _date_value(value: Any, path: Path, key: str) -> tuple[str, str, str]:
    """(start, end, precision) from YYYY, YYYY-MM or YYYY-MM-DD (YAML may give a date)."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        iso = value.isoformat()
        return iso, iso, "day"
    text = str(value).strip()
    period = Period.parse(text) if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text) else None
    if period is None:
        raise ConfigError(path, key, f"expected a date YYYY-MM-DD, YYYY-MM or YYYY, got {value!r}")
    start, end = period.iso()
    return start, end, period.precision


def _check_fields(values: Any, path: Path, prefix: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(values, dict) or not values:
        raise ConfigError(path, prefix, "expected a mapping of fact fields to new values")
    out: dict[str, Any] = {}
    for name, value in values.items():
        key = f"{prefix}.{name}"
        if name not in allowed:
            raise ConfigError(
                path, key, f"unknown fact field (known: {', '.join(sorted(allowed))})"
            )
        if name == "kind":
            if value not in KINDS:
                raise ConfigError(path, key, f"expected one of {', '.join(KINDS)}, got {value!r}")
        elif name == "date_precision":
            if value is not None and value not in PRECISIONS:
                raise ConfigError(path, key, f"expected one of {', '.join(PRECISIONS)} or null")
        elif name in _DATE_FIELDS:
            if value is not None:
                value = _date_value(value, path, key)
        elif name in _LIST_FIELDS:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value
            ):
                raise ConfigError(path, key, "expected a list of names")
            value = [v.strip() for v in value]
        elif name == "span":
            if not (
                isinstance(value, list)
                and len(value) == 2
                and all(isinstance(v, int) for v in value)
            ):
                raise ConfigError(path, key, "expected [start, end] character offsets")
        elif value is not None and not isinstance(value, str):
            raise ConfigError(path, key, f"expected text, got {value!r}")
        if name in ("title", "kind") and not value:
            raise ConfigError(path, key, "must not be empty")
        out[name] = value
    return out


def _fact_id(value: Any, path: Path, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(path, key, f"expected a fact id such as 'm-1a2b3c4d5e', got {value!r}")
    return value.strip()


def parse_curation(data: Any, path: Path) -> Curation:
    """Validate an already parsed curation mapping (None = an empty file)."""
    if data is None:
        return Curation(path=path)
    if not isinstance(data, dict):
        raise ConfigError(path, None, "expected a mapping with keys correct, suppress, merge, add")
    for key in data:
        if key not in SECTIONS:
            raise ConfigError(path, str(key), f"unknown section (known: {', '.join(SECTIONS)})")
    cur = Curation(path=path)

    correct = data.get("correct") or {}
    if not isinstance(correct, dict):
        raise ConfigError(path, "correct", "expected a mapping {fact id: {field: value}}")
    for fid, values in correct.items():
        fid = _fact_id(fid, path, "correct")
        cur.correct[fid] = _check_fields(values, path, f"correct.{fid}", EDITABLE)

    suppress = data.get("suppress") or []
    if not isinstance(suppress, list):
        raise ConfigError(path, "suppress", "expected a list of fact ids")
    cur.suppress = [_fact_id(v, path, f"suppress[{i}]") for i, v in enumerate(suppress)]

    merge = data.get("merge") or []
    if not isinstance(merge, list):
        raise ConfigError(path, "merge", "expected a list of [kept id, merged id, ...] lists")
    for i, group in enumerate(merge):
        key = f"merge[{i}]"
        if not isinstance(group, list) or len(group) < 2:
            raise ConfigError(path, key, "expected [kept id, merged id, ...] with at least two ids")
        ids = [_fact_id(v, path, key) for v in group]
        if len(set(ids)) != len(ids):
            raise ConfigError(path, key, "the same id appears twice")
        cur.merge.append(ids)

    add = data.get("add") or []
    if not isinstance(add, list):
        raise ConfigError(path, "add", "expected a list of facts")
    for i, values in enumerate(add):
        key = f"add[{i}]"
        checked = _check_fields(values, path, key, (*EDITABLE, *ADD_ONLY))
        for required in ("kind", "title"):
            if required not in checked:
                raise ConfigError(path, f"{key}.{required}", "missing")
        cur.add.append(checked)
    return cur


class _Loader(yaml.SafeLoader):
    """YAML without implicit timestamps: "2024-13-01" must reach our validator as text,
    not crash PyYAML's date constructor before we can name the key."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_curation(path: Path | str) -> Curation:
    """Read and validate a curation file; errors name the file and the key."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_Loader)  # a SafeLoader subclass: safe
    except FileNotFoundError:
        raise ConfigError(path, None, "file not found") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(path, None, f"not valid YAML ({exc})") from None
    return parse_curation(data, path)


# -- application --------------------------------------------------------------------------


def _apply_fields(fact: Fact, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name in _DATE_FIELDS:
            continue
        setattr(fact, name, copy.deepcopy(value))
    start, end = values.get("date_start", False), values.get("date_end", False)
    if start is None:
        fact.date_start = fact.date_end = fact.date_precision = None
    elif start:
        fact.date_start = start[0]
        if end is False:  # a new start alone: the whole range it names
            fact.date_end = _range_end(start[0], values.get("date_precision")) or start[1]
        if "date_precision" not in values:
            fact.date_precision = start[2]
    if end:
        fact.date_end = end[1]
    elif end is None:
        fact.date_end = fact.date_start
    if fact.date_start and fact.date_end and fact.date_end < fact.date_start:
        fact.date_end = fact.date_start


def _range_end(start: str, precision: str | None) -> str | None:
    if precision not in ("year", "month"):
        return None
    return Period.of_fact(start, None, precision).end.isoformat()


def added_fact_id(values: dict[str, Any]) -> str:
    """Stable id for a hand-added fact: from its kind, title and date, like extracted ids."""
    start = values.get("date_start")
    key = "|".join(
        ["added", values["kind"], values["title"].strip().lower(), start[0] if start else ""]
    )
    return f"{values['kind'][0]}-a{hashlib.sha1(key.encode()).hexdigest()[:9]}"


def _added_fact(values: dict[str, Any]) -> Fact:
    fact = Fact(
        id=added_fact_id(values),
        kind=values["kind"],
        title=values["title"],
        summary=values["title"],
        date_start=None,
        date_end=None,
        date_precision=None,
        participants=[],
        countries=[],
        location=None,
        doc_id="",
        doc_title=ANALYST_TITLE,
        quote="",
        span=[0, 0],
    )
    _apply_fields(fact, values)
    if "span" in values:
        fact.span = list(values["span"])
    if fact.doc_id:
        fact.sources = [Source(fact.doc_id, fact.doc_title, fact.quote, list(fact.span))]
    return fact


def _fold(keep: Fact, other: Fact) -> None:
    seen = {(s.doc_id, tuple(s.span)) for s in keep.sources}
    for src in other.sources or [Source(other.doc_id, other.doc_title, other.quote, other.span)]:
        if (src.doc_id, tuple(src.span)) not in seen:
            keep.sources.append(copy.deepcopy(src))
            seen.add((src.doc_id, tuple(src.span)))
    for name in _LIST_FIELDS:
        values = getattr(keep, name)
        values.extend(v for v in getattr(other, name) if v not in values)
    keep.location = keep.location or other.location


def unknown_ids(facts: list[Fact], cur: Curation) -> list[str]:
    """Ids named in the curation file that no extracted fact has (e.g. after a document changed)."""
    known = {f.id for f in facts}
    return sorted(i for i in cur.referenced_ids() if i not in known)


def apply_curation(facts: list[Fact], cur: Curation) -> tuple[list[Fact], set[str]]:
    """Merge, then correct, then suppress, then add; returns the facts and the ids touched.

    The input facts are not modified. An id that matches no fact is logged and skipped so
    that one changed document does not block a load.
    """
    if not cur:  # the usual case: nothing to copy or touch
        return list(facts), set()
    out = {f.id: copy.deepcopy(f) for f in facts}
    curated: set[str] = set()
    for fid in unknown_ids(facts, cur):
        log.warning("%s: no fact with id %s (the document may have changed)", cur.path, fid)

    for group in cur.merge:
        keep_id, *others = group
        if keep_id not in out:
            continue
        for oid in others:
            other = out.pop(oid, None)
            if other is not None:
                _fold(out[keep_id], other)
        curated.add(keep_id)

    for fid, values in cur.correct.items():
        if fid in out:
            _apply_fields(out[fid], values)
            curated.add(fid)

    for fid in cur.suppress:
        out.pop(fid, None)
        curated.discard(fid)

    for values in cur.add:
        fact = _added_fact(values)
        out[fact.id] = fact
        curated.add(fact.id)

    given = {f.id for f in facts}
    ordered = [out[f.id] for f in facts if f.id in out]
    ordered += [f for fid, f in out.items() if fid not in given]
    return ordered, curated
