"""Documents added from Slack: saved beside the seeds, loaded at once, each exactly once.

An added file is saved under the documents folder (`seeds/added/` by default), so every
later load, from Slack or the shell, reads it like any other document, and a database
rebuilt from scratch still has it. Who added it, from where and when is kept in a small
index beside the files (`.index.json`), which the loader copies into the documents table.

Exactly once: the same bytes shared twice are one document (found by content hash), the
same URL added again is the same document (a changed page replaces the older version
under the same name), and the whole check-save-load runs under the database's load
lock, so two people adding the same thing at the same moment still make one document.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit, urlunsplit

from bot.config import Config
from bot.kb.formats import supported
from bot.kb.loadlock import load_lock

INDEX = ".index.json"


@dataclass
class Incoming:
    """A document someone asked to add: its bytes and where it came from."""

    data: bytes
    name: str  # the file name to keep (its suffix picks the reader)
    added_by: str | None = None  # a Slack user id
    source_url: str | None = None  # the page's URL, or the Slack file's permalink
    key: str | None = None  # what makes it "the same document" besides its bytes (the URL)


@dataclass
class Outcome:
    status: str  # added | replaced | already | unreadable | unsupported
    doc_id: str | None = None
    reason: str | None = None  # why nothing was added
    facts: list = field(default_factory=list)
    document: dict | None = None


def canonical_url(url: str) -> str:
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _slug(text: str, limit: int = 48) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug[:limit].strip("-") or "document"


def file_name(incoming: Incoming, digest: str) -> str:
    """A readable, stable name: from the URL (host and last path part) or the shared file's name."""
    suffix = PurePosixPath(incoming.name).suffix.lower()
    if incoming.key:
        parts = urlsplit(incoming.key)
        last = PurePosixPath(parts.path).stem or "index"
        base = _slug(f"{parts.hostname or 'page'}-{last}")
        tag = hashlib.sha256(incoming.key.encode()).hexdigest()[:8]
    else:
        base = _slug(PurePosixPath(incoming.name).stem)
        tag = digest[:8]
    return f"{base}-{tag}{suffix}"


def read_index(folder: Path) -> dict[str, dict]:
    try:
        data = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_index(folder: Path, index: dict[str, dict]) -> None:
    _write_atomic(folder / INDEX, json.dumps(index, indent=1, sort_keys=True).encode("utf-8"))


def provenance(seeds: Path, config: Config) -> dict[str, dict]:
    """Document id -> {added_by, source_url, added_at} for the added documents under `seeds`."""
    folder = Path(seeds) / config.ingest.folder
    prefix = PurePosixPath(config.ingest.folder).as_posix()
    return {f"{prefix}/{name}": entry for name, entry in read_index(folder).items()}


def add(incoming: Incoming, config: Config, db_path: Path, seeds: Path | None = None) -> Outcome:
    """Save and load one document; see the module docstring for what counts as the same one."""
    from bot.kb import loader

    seeds = Path(seeds or config.seeds)
    folder = seeds / config.ingest.folder
    prefix = PurePosixPath(config.ingest.folder).as_posix()
    suffix = PurePosixPath(incoming.name).suffix.lower()
    if not supported(suffix) or suffix not in config.extensions:
        return Outcome("unsupported", reason=f"unsupported type {suffix or '(no extension)'}")
    if len(incoming.data) > config.max_bytes:
        return Outcome("unreadable", reason=f"too large ({len(incoming.data) / 1e6:.1f} MB > "
                                            f"{config.max_bytes / 1e6:.0f} MB)")
    digest = hashlib.sha256(incoming.data).hexdigest()
    key = canonical_url(incoming.key) if incoming.key else None
    incoming.key = key
    with load_lock(db_path):
        index = read_index(folder)
        for name, entry in index.items():
            if entry.get("sha256") == digest and (folder / name).exists():
                return _describe(Outcome("already", f"{prefix}/{name}"), db_path)
        name = next((n for n, e in index.items() if key and e.get("key") == key), None)
        status = "replaced" if name and (folder / name).exists() else "added"
        name = name or file_name(incoming, digest)
        path = folder / name
        previous = path.read_bytes() if path.exists() else None
        _write_atomic(path, incoming.data)
        old_entry = index.get(name)
        index[name] = {
            "added_by": incoming.added_by, "source_url": incoming.source_url, "key": key,
            "sha256": digest, "original_name": incoming.name,
            "added_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        _write_index(folder, index)
        doc_id = f"{prefix}/{name}"
        summary = loader.load(seeds, db_path, config, progress=False, by=incoming.added_by)
        reason = next((r for f, r in summary.skipped if f == doc_id), None)
        if reason is not None:
            # Nothing readable was added: put back what was there, keep no unreadable file.
            if previous is None:
                path.unlink(missing_ok=True)
                index.pop(name, None)
            else:
                _write_atomic(path, previous)
                index[name] = old_entry
            _write_index(folder, index)
            loader.load(seeds, db_path, config, progress=False, by=incoming.added_by)
            return Outcome("unreadable", reason=reason.split("; the previously")[0])
        return _describe(Outcome(status, doc_id), db_path)


def remove(doc_id: str, config: Config, db_path: Path, seeds: Path | None = None,
           by: str | None = None) -> Outcome:
    """Delete an added document's file and unload it; documents not added from Slack stay."""
    from bot.kb import loader

    seeds = Path(seeds or config.seeds)
    folder = seeds / config.ingest.folder
    prefix = PurePosixPath(config.ingest.folder).as_posix() + "/"
    if not doc_id.startswith(prefix) or "/" in doc_id[len(prefix):]:
        return Outcome("refused", doc_id, reason="only documents added from Slack can be removed here")
    name = doc_id[len(prefix):]
    with load_lock(db_path):
        index = read_index(folder)
        outcome = _describe(Outcome("removed", doc_id), db_path)
        if name not in index and not (folder / name).exists():
            return Outcome("gone", doc_id, reason="it was already removed")
        (folder / name).unlink(missing_ok=True)
        index.pop(name, None)
        _write_index(folder, index)
        loader.load(seeds, db_path, config, progress=False, by=by)
        return outcome


def _describe(outcome: Outcome, db_path: Path) -> Outcome:
    """The loaded document's row and the facts it is a source of, for the reply."""
    from bot.kb.db import open_db
    from bot.kb.store import fact_from_row

    db = open_db(db_path)
    try:
        row = db.execute("select * from documents where id = ?", [outcome.doc_id]).fetchone()
        if row is None:
            return outcome
        cols = [d[0] for d in db.execute("select * from documents limit 0").description]
        document = dict(zip(cols, row, strict=True))
        document.pop("text", None)
        outcome.document = document
        rows = db.query(
            "select * from facts where doc_id = ? or exists (select 1 from json_each(facts.sources) "
            "where json_extract(value, '$.doc_id') = ?) order by date_start, id",
            [outcome.doc_id, outcome.doc_id],
        )
        outcome.facts = [fact_from_row(r) for r in rows]
    finally:
        db.close()
    return outcome
