"""`allybot load`: documents in, facts out, incrementally, and resumable after a crash.

Analysts add documents every week and rerun the load, so a reload must touch only what
changed: a file is re-read when its content hash or the extractor (code + gazetteers)
changed, removed when its file is gone, and kept as it was when its new version is
unreadable. A file whose size, mtime, ctime and inode are those recorded when it was last
read is not read again to be hashed (see `_stat_key`). The bot keeps answering during a
load, and its own writes (event dedup, digest claims) must not wait long for the write
lock, so documents are written in short transactions of a few documents each, as the
workers hand them over (writing overlaps extraction): a crash or Ctrl-C mid-load leaves every document either at its old or its
new version, never half of one, and marks the facts stale so the next load finishes the
job. Facts are merged across documents after every change, from the per-document mentions
kept in the database, so an unchanged document is never re-extracted, and only where the
change reaches (bot.kb.remerge); the new facts replace the old ones in one transaction.
One load runs at a time per database (bot.kb.loadlock).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import time
import traceback
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Config
from bot.kb import borrow, corrections, remerge
from bot.kb.db import open_db
from bot.kb.documents import DocumentRecord, borrow_date, now_iso
from bot.kb.entities import Gazetteer
from bot.kb.extract.facts import extract_document
from bot.kb.formats import Extracted, Unreadable, read_bytes, supported
from bot.kb.index_names import search_names
from bot.kb.loadlock import load_lock
from bot.kb.paths import name_refusal, refusal, shown
from bot.kb.status import record_run
from bot.kb.workers import Failed, read_ahead, run_bounded

log = logging.getLogger(__name__)

_KB_DIR = Path(__file__).resolve().parent
# Knowledge-layer modules that do not change what a document yields: editing them keeps the
# extracted mentions valid (everything else under bot/kb/ counts as the extractor).
_NOT_EXTRACTION = frozenset({"loader.py", "remerge.py", "store.py", "search.py", "db.py", "__init__.py",
                             "added.py", "fetch.py", "loadlock.py", "paths.py", "workers.py", "merge.py",
                             "fullmerge.py", "mentions.py", "sweep.py"})
# The merge rules: editing them merges every mention again, without re-reading any document.
_MERGE_RULES = ("merge.py", "remerge.py", "fullmerge.py", "mentions.py", "sweep.py")


SKIPPED_NAMED = 5


@dataclass
class LoadSummary:
    loaded: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    facts: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        """One summary line; skipped files are named with their reasons (the first few)."""
        skipped = str(len(self.skipped))
        if self.skipped:
            named = "; ".join(f"{f}: {r}" for f, r in self.skipped[:SKIPPED_NAMED])
            more = len(self.skipped) - SKIPPED_NAMED
            skipped += f" ({named}{f'; and {more} more' if more > 0 else ''})"
        return (
            f"loaded {len(self.loaded)}, unchanged {self.unchanged}, removed {len(self.removed)}, "
            f"skipped {skipped}; {self.facts} facts in the database ({self.seconds:.2f} s)"
        )

    def to_json(self) -> dict:
        return {
            "loaded": self.loaded,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "facts": self.facts,
            "seconds": round(self.seconds, 3),
        }


def document_files(seeds: Path) -> tuple[list[tuple[str, Path]], list[tuple[str, str]]]:
    """(document id, file) for every file under `seeds`, subfolders included, and the
    entries refused (shown name, reason: bot.kb.paths) so none is skipped silently.

    The id is the path relative to the folder, so a top-level file keeps its plain name.
    Hidden files and folders (.git, .DS_Store, the added-documents index) are not documents.
    Subfolders are walked where they are; a symbolic link is never followed into a folder
    (a link loop or a link to / would otherwise be walked).
    """
    found: list[tuple[str, Path]] = []
    refused: list[tuple[str, str]] = []

    def walk(folder: Path, prefix: str) -> None:
        try:
            # scandir's entries know their type without a stat call of their own; sorted by
            # name, as the paths of one folder sort
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda entry: entry.name)
        except OSError as exc:
            refused.append((shown(folder, seeds) or shown(folder), f"unreadable folder ({exc.strerror or exc})"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                if why := name_refusal(path.name):
                    refused.append((shown(path, seeds), why))
                else:
                    walk(path, f"{prefix}{entry.name}/")
                continue
            try:  # a plain file (no link) needs no stat call to tell it is one
                plain = entry.is_file(follow_symlinks=False)
            except OSError:
                plain = False
            if why := (name_refusal(entry.name) if plain else refusal(path, seeds)):
                refused.append((shown(path, seeds), why))
            else:
                found.append((prefix + entry.name, path))

    walk(seeds, "")
    return sorted(found), refused


def extractor_fingerprint(config: Config) -> str:
    """Changes whenever the extraction code or the gazetteers change, forcing re-extraction."""
    h = hashlib.sha256()
    code = sorted(f for f in _KB_DIR.rglob("*.py") if f.name not in _NOT_EXTRACTION)
    files = code + sorted((config.config_dir / "gazetteer").glob("*.yaml"))
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def merge_fingerprint() -> str:
    """Changes whenever the rules merging mentions into facts change, forcing a full merge."""
    h = hashlib.sha256()
    for name in _MERGE_RULES:
        h.update(name.encode())
        h.update((_KB_DIR / name).read_bytes())
    return h.hexdigest()[:16]


def _curation_hash(config: Config) -> str:
    path = config.config_dir / "curation.yaml"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else "-"


def load(seeds: Path, db_path: Path, config: Config, progress: bool | None = None,
         by: str | None = None) -> LoadSummary:
    """Bring the database in line with the documents in `seeds`; see the module docstring.

    Waits for any other load of the same database to finish first (bot.kb.loadlock).
    `by` says who ran it (a Slack user id, or "cli:<login>" by default), for the status.
    """
    seeds = Path(seeds)
    if not seeds.is_dir():
        raise FileNotFoundError(f"no documents folder at {seeds}")
    with load_lock(db_path):
        return _load(seeds, Path(db_path), config, progress, by)


def _load(seeds: Path, db_path: Path, config: Config, progress: bool | None, by: str | None) -> LoadSummary:
    from tqdm import tqdm

    from bot.kb.added import provenance

    started = time.perf_counter()
    started_at = datetime.now(UTC)
    summary = LoadSummary()
    db = open_db(db_path)
    try:
        fingerprint = extractor_fingerprint(config)
        known: dict[str, tuple[str, str]] = {}
        stats: dict[str, str | None] = {}
        for doc_id, digest, extractor, file_stat in db.execute(
            "select id, content_hash, extractor, file_stat from documents"
        ):
            known[doc_id] = (digest, extractor)
            stats[doc_id] = file_stat
        restat: list[tuple[str | None, str]] = []  # (stat key, id) of unchanged files read again
        files, refused = document_files(seeds)
        summary.skipped.extend(refused)
        present = {doc_id for doc_id, _ in files}
        added = provenance(seeds, config)
        # id, file, stat, and how many were skipped before it (a file that turns out
        # unreadable when it is read for extraction is listed where the scan met it)
        pending: list[tuple[str, Path, str | None, int]] = []
        for doc_id, path in files:
            try:
                if not supported(path.suffix):
                    raise Unreadable(f"unsupported type {path.suffix.lower() or '(no extension)'}")
                if path.suffix.lower() not in config.extensions:
                    raise Unreadable(f"type {path.suffix.lower()} not enabled (load.extensions)")
                st = path.stat()
                size = st.st_size
                if size > config.max_bytes:
                    raise Unreadable(f"too large ({size / 1e6:.1f} MB > load.max_bytes {config.max_bytes / 1e6:.0f} MB)")
                key = _stat_key(st)
                if key is not None and stats.get(doc_id) == key and known[doc_id][1] == fingerprint:
                    summary.unchanged += 1  # the file as it was read last time: not hashed again
                    continue
                data = path.read_bytes()
            except Unreadable as exc:
                _skip(summary, doc_id, str(exc), doc_id in known)
                continue
            except OSError as exc:
                _skip(summary, doc_id, f"unreadable ({exc.strerror or exc})", doc_id in known)
                continue
            digest = hashlib.sha256(data).hexdigest()
            if known.get(doc_id) == (digest, fingerprint):
                summary.unchanged += 1
                if stats.get(doc_id) != key:
                    restat.append((key, doc_id))
                continue
            pending.append((doc_id, path, key, len(summary.skipped)))

        if restat:  # touched, copied back or loaded before the key was kept: same content
            with db.atomic():
                db.conn.executemany("update documents set file_stat = ? where id = ?", restat)
        scanned = time.perf_counter()
        # Read before the first document is written (which marks the facts pending).
        curation = f"{merge_fingerprint()}:{_curation_hash(config)}:{corrections.signature(db)}"
        meta = {r["key"]: r["value"] for r in db["meta"].rows}
        stale = meta.get("facts_built_with") != f"{fingerprint}:{curation}"
        changed: list[str] = []  # ids of the documents written
        batch: list[tuple[DocumentRecord, list, str, Path, Extracted, str | None]] = []
        write_s = 0.0

        def write(batch: list) -> float:
            """Write extracted documents while the workers extract the next ones."""
            began = time.perf_counter()
            if not changed:
                # Until the facts are rebuilt they are stale: a load stopped before then is
                # finished by the next one, whatever it finds changed.
                with db.atomic():
                    db["meta"].upsert({"key": "facts_built_with", "value": "pending"}, pk="key")
            # Short transactions of a few documents each: the bot, answering meanwhile, never
            # waits long for the write lock (its event dedup and digest claims write too).
            with db.atomic():
                for doc, facts, digest, path, read, key in batch:
                    _write_document(db, doc, facts, digest, path, fingerprint, read, added.get(doc.id), key)
                    summary.loaded.append(doc.id)
                    changed.append(doc.id)
            batch.clear()
            return time.perf_counter() - began

        gazetteer = _gazetteer(config, fingerprint) if pending else None
        prior = _prior_names(db, [doc_id for doc_id, *_ in pending if doc_id in known], fingerprint)
        jobs = _Opened([(doc_id, path) for doc_id, path, *_ in pending], prior)
        bar = tqdm(total=len(jobs), desc="extracting", unit="doc", disable=not progress, leave=False)
        # The last chunk is written after the last document is extracted, with nothing left
        # to overlap it: a few documents per chunk for a small load keeps that tail short.
        chunk = max(WRITE_CHUNK_MIN, min(WRITE_CHUNK, len(jobs) // 8))
        unread = 0
        for i, ((doc_id, path, key, skipped_before), (doc, facts)) in enumerate(zip(
            pending, _extract_all(jobs, config, gazetteer), strict=True
        )):
            bar.update()
            extracted, digest = jobs.take(i)
            if isinstance(doc, Unread):
                _skip(summary, doc_id, doc.reason, doc_id in known, at=skipped_before + unread)
                unread += 1
                continue
            if isinstance(doc, Failed):
                _skip(summary, doc_id, f"extraction stopped: {doc.reason}", doc_id in known)
                continue
            if doc is None:
                log.debug("%s: extraction failed:\n%s", path, facts)
                _skip(summary, doc_id, f"could not be extracted ({facts.splitlines()[0]})", doc_id in known)
                continue
            if doc.date is None:
                log.warning("%s: %s", path, doc.date_note)
            batch.append((doc, facts, digest, path, extracted, key))
            if len(batch) >= chunk:
                write_s += write(batch)
        if batch:
            write_s += write(batch)
        bar.close()
        # The file list held a Path per document (52 MB at 100,000): the merge that follows
        # is a load's peak of memory.
        del files, pending, jobs

        extracted_at = time.perf_counter()
        removed = sorted(set(known) - present)
        if not (changed or removed or stale):
            _refresh_provenance(db, added)
        if changed or removed or stale:
            if not changed:
                with db.atomic():
                    db["meta"].upsert({"key": "facts_built_with", "value": "pending"}, pk="key")
            for i in range(0, len(removed), WRITE_CHUNK):
                with db.atomic():
                    for doc_id in removed[i : i + WRITE_CHUNK]:
                        _delete_document(db, doc_id)
                        summary.removed.append(doc_id)
            written = time.perf_counter()
            touched = None if stale else set(changed) | set(removed)
            gazetteer = gazetteer or _gazetteer(config, fingerprint)
            seen = borrow.Changes(docs=set(changed))
            how = _rebuild_facts(db, config, gazetteer, touched, meta={
                "generation": uuid.uuid4().hex[:12],
                "facts_built_with": f"{fingerprint}:{curation}",
                "loaded_at": now_iso(),
            }, seen=seen)
            # Documents that know at most their year, dated from another document's report of
            # the same event (bot/kb/borrow.py), are read again with that day and merged again;
            # one whose lender changed or went is first read again as it is. Borrowing looks
            # only where this load changed documents or facts, and again where the documents
            # it dates change facts, until none can borrow: as a load from scratch finds.
            lenders = set(changed) | set(removed)
            reread = _redate(db, gazetteer, [
                borrow.Borrowed(doc_id, None, "") for doc_id in borrow.borrowers_of_all(db, lenders)
            ], fingerprint, added)
            if reread:
                seen.docs |= set(reread)
                _rebuild_facts(db, config, gazetteer, set(reread), seen=seen)
            for _ in range(BORROW_ROUNDS):
                if not (redated := _redate(db, gazetteer, borrow.plan(db, seen), fingerprint, added)):
                    break
                seen = borrow.Changes(docs=set(redated))
                _rebuild_facts(db, config, gazetteer, set(redated), seen=seen)
            log.info(
                "load phases: read %.2f s, extract and write %.2f s (%d docs; writing %.2f s of it), "
                "remove %.2f s, facts %.2f s (%s)",
                scanned - started, extracted_at - scanned, len(changed), write_s, written - extracted_at,
                time.perf_counter() - written, how,
            )
        summary.facts = db["facts"].count
        record_run(db, summary, started_at=started_at, seconds=time.perf_counter() - started,
                   by=by or f"cli:{_login()}", seeds=str(seeds))
    finally:
        db.close()
    summary.seconds = time.perf_counter() - started
    for name, reason in summary.skipped:
        log.warning("skipped %s: %s", name, reason)
    return summary


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in a container: still a run worth recording
        return "unknown"


WRITE_CHUNK = 50  # documents per write transaction (at most)
WRITE_CHUNK_MIN = 5
# Rounds of borrowing per load: a document dated from another can date a third in turn.
BORROW_ROUNDS = 3

# Below this many changed documents more than one worker costs more to start than it saves.
PARALLEL_MIN = 64


@dataclass
class Unread:
    """A document that could not be read when its turn to be extracted came."""

    reason: str


class _Opened:
    """The documents to extract, each read and parsed only when a worker is about to take
    it (so at most the workers' read-ahead is held, bot.kb.workers): a load of 100,000
    files held every one read before the first was extracted (579 MB, and the workers,
    forked from it, as much). The scan before only hashed them. Each document read waits
    here, with the hash of what was read, until the loader writes it (`take`)."""

    def __init__(self, files: list[tuple[str, Path]], prior: dict[str, dict]) -> None:
        self.files, self.prior = files, prior
        self.read: dict[int, tuple[Extracted, str]] = {}

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[tuple[str, Extracted | None, dict | str | None]]:
        """(id, the file read, its facts' known search names), or (id, None, why not)."""
        for i, (doc_id, path) in enumerate(self.files):
            try:
                data = path.read_bytes()
            except OSError as exc:
                yield doc_id, None, f"unreadable ({exc.strerror or exc})"
                continue
            try:
                extracted = read_bytes(data, path.name)
            except Unreadable as exc:
                yield doc_id, None, str(exc)
                continue
            except Exception as exc:  # a reader library meeting an odd file: skip it, load the rest
                log.debug("%s: reading failed", path, exc_info=True)
                yield doc_id, None, f"could not be read ({type(exc).__name__}: {exc})"
                continue
            if extracted.encoding in ("cp1252", "latin-1"):
                log.warning("%s: not UTF-8; read as %s", path, extracted.encoding)
            self.read[i] = (extracted, hashlib.sha256(data).hexdigest())
            yield doc_id, extracted, self.prior.get(doc_id)

    def take(self, i: int) -> tuple[Extracted | None, str | None]:
        """The `i`th document as read and its hash, once its extraction is back."""
        return self.read.pop(i, (None, None))


def _extract_all(jobs: _Opened, config: Config, gazetteer) -> Iterator[tuple]:
    """(document, facts) for each (id, extracted file, its facts' known search names), in
    order, or (Failed, None), or (Unread, None) for a file that could not be read.

    Extraction is pure per document and CPU-bound: a weekly load of a few files runs in
    one worker process, a rebuild of the archive on every core. Each document has a time
    budget in proportion to its size (load.extract_seconds per 100 KB of text); one over
    it is stopped and skipped rather than stalling the load.
    """
    workers = 1 if len(jobs) < PARALLEL_MIN else min(os.cpu_count() or 1, 8)

    def budget(job: tuple[str, Extracted | None, dict | str | None]) -> float:
        return config.extract_seconds * max(1.0, len(job[1].text) / 100_000 if job[1] else 1.0)

    def work(job: tuple[str, Extracted | None, dict | str | None]) -> tuple:
        return (Unread(job[2]), None) if job[1] is None else _extract_one(job[0], job[1], gazetteer, job[2])

    results = run_bounded(jobs, work, budget, workers)
    # Drawn ahead, so the workers go on extracting while the caller writes a chunk.
    for result in read_ahead(results, 2 * WRITE_CHUNK):
        yield (result, None) if isinstance(result, Failed) else result


def _extract_one(name: str, extracted: Extracted, gazetteer, known_names: dict[str, str] | None = None) -> tuple:
    """(document, [(fact, its search names)]), or (None, the error).

    Search names (aliases and roles of everything a fact mentions) are worked out here,
    once per document and in the workers, so a reload never recomputes them for the
    documents that did not change; nor for the facts of an edited document that come out
    as they were (`known_names`, by the fact's JSON: search_names reads nothing else).
    One bad document never stops a load.
    """
    try:
        from bot.kb.formats.document import to_document

        doc = to_document(name, extracted, gazetteer)
        facts = extract_document(doc, gazetteer)
        if not known_names:
            return doc, [(f, search_names(f, gazetteer)) for f in facts]
        out = []
        for f in facts:
            names = known_names.get(_fact_key(f.to_json()))
            out.append((f, search_names(f, gazetteer) if names is None else names))
        return doc, out
    except Exception as exc:  # a bug meeting an odd document: report it, load the rest
        return None, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"


def _fact_key(data: dict) -> str:
    return json.dumps(data, sort_keys=True)


def _prior_names(db, doc_ids: list[str], fingerprint: str) -> dict[str, dict[str, str]]:
    """For documents read again whose last reading was by this extractor (code and
    gazetteer, so search_names gives what it gave then): {fact JSON: its search names}."""
    out: dict[str, dict[str, str]] = {}
    for i in range(0, len(doc_ids), 500):
        chunk = doc_ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for doc_id, data in db.execute(
            f"select m.doc_id, m.data from mentions m join documents d on d.id = m.doc_id "
            f"where m.doc_id in ({marks}) and d.extractor = ?", [*chunk, fingerprint]
        ):
            fact = json.loads(data)
            names = fact.pop("_names", None)
            if isinstance(names, str):
                out.setdefault(doc_id, {})[_fact_key(fact)] = names
    return out


def _redate(db, gazetteer, borrowed: list, fingerprint: str, added: dict) -> list[str]:
    """Read each document again with the day it borrows (none: as it is) and write it back;
    the ids done. A file changed or gone since it was read, or one that fails, keeps what it
    had."""
    from bot.kb.formats.document import to_document

    done: list[str] = []
    for b in borrowed:
        row = next(iter(db.query("select path, content_hash from documents where id = ?", [b.doc_id])), None)
        if row is None:
            continue
        path = Path(row["path"])
        try:
            key = _stat_key(path.stat())
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() != row["content_hash"]:
                continue
            extracted = read_bytes(data, path.name)
            doc = to_document(b.doc_id, extracted, gazetteer)
            if b.day is not None and not borrow_date(doc, b.day, b.note, b.precision):
                continue
            facts = [(f, search_names(f, gazetteer)) for f in extract_document(doc, gazetteer)]
        except Exception:  # noqa: BLE001 - a borrowed date is a refinement: keep the first reading
            log.debug("%s: re-dating failed", path, exc_info=True)
            continue
        with db.atomic():
            _write_document(db, doc, facts, row["content_hash"], path, fingerprint, extracted, added.get(doc.id), key)
        done.append(doc.id)
    return done


def _skip(summary: LoadSummary, doc_id: str, reason: str, had_version: bool, at: int | None = None) -> None:
    if had_version:
        reason += "; the previously loaded version is kept"
        summary.unchanged += 1
    summary.skipped.insert(len(summary.skipped) if at is None else at, (doc_id, reason))


# The gazetteer of the last load, by its folder and the extractor fingerprint (which covers
# its files and the code reading them): the bot's process loads again after every document
# added from Slack, and reading and indexing the YAML again took a fifth of a 1% reload.
_LOADED: dict[tuple[str, str], Gazetteer] = {}


def _gazetteer(config: Config, fingerprint: str | None = None) -> Gazetteer:
    folder = config.config_dir / "gazetteer"
    if fingerprint is None:
        return Gazetteer.load(folder)
    key = (str(folder.resolve()), fingerprint)
    if (gazetteer := _LOADED.get(key)) is None:
        gazetteer = _read_gazetteer(folder)
        _LOADED.clear()  # only the latest: an edited gazetteer makes the old one useless
        _LOADED[key] = gazetteer
    return gazetteer


def _read_gazetteer(folder: Path) -> Gazetteer:
    """The gazetteer in `folder`, read now. The shipped one, when nothing in this process has
    read it yet, is read as the process-wide one (bot.kb.merge places places with it too), so
    that a one-off `allybot load` reads it once rather than twice."""
    from bot.kb.entities import gazetteer as shipped

    if not shipped.default_gazetteer_read() and folder.resolve() == Path(shipped.GAZETTEER_DIR).resolve():
        return shipped.default_gazetteer()
    return Gazetteer.load(folder)


def _delete_document(db, doc_id: str) -> None:
    for table in ("mentions", "passages"):
        db.execute(f"delete from {table} where doc_id = ?", [doc_id])
    db.execute("delete from documents where id = ?", [doc_id])


def _refresh_provenance(db, added: dict[str, dict]) -> None:
    """Who added a document and from where, for documents whose file did not change."""
    for doc_id, prov in added.items():
        db.execute(
            "update documents set added_by = ?, source_url = ?, added_at = ? where id = ? "
            "and (added_by is not ? or source_url is not ? or added_at is not ?)",
            [prov.get("added_by"), prov.get("source_url"), prov.get("added_at"), doc_id,
             prov.get("added_by"), prov.get("source_url"), prov.get("added_at")],
        )
    db.conn.commit()


# A file changed within this many seconds of being read may change again within the same
# tick of a coarse file-system clock, keeping its stat: such a file gets no key, and is
# hashed at the next load.
SETTLED_NS = 2_000_000_000


def _stat_key(st: os.stat_result) -> str | None:
    """What says a file is as it was when last read: size, mtime, ctime and inode (as git's
    index does); None for a file changed too recently to be told apart that way."""
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < SETTLED_NS:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def _mtime(path: Path) -> float | None:
    """The file's mtime, or None if it went away since it was read (the text is kept)."""
    try:
        return path.stat().st_mtime
    except OSError:
        return None


_DOCUMENT_COLUMNS = (
    "id", "path", "title", "date", "date_inferred", "date_note", "date_precision", "source", "place",
    "byline", "content_hash", "size", "mtime", "encoding", "extractor", "loaded_at", "text", "format",
    "url", "added_by", "source_url", "added_at", "file_stat",
)
_INSERT_DOCUMENT = (
    f"insert into documents ({', '.join(f'[{c}]' for c in _DOCUMENT_COLUMNS)}) "
    f"values ({', '.join('?' * len(_DOCUMENT_COLUMNS))})"
)


def _write_document(db, doc: DocumentRecord, facts: list, digest: str, path: Path, fingerprint: str,
                    extracted: Extracted | None = None, prov: dict | None = None,
                    stat_key: str | None = None) -> None:
    _delete_document(db, doc.id)
    prov = prov or {}
    row = {
        "id": doc.id,
        "path": str(path),
        "title": doc.title,
        "date": doc.date.isoformat() if doc.date else None,
        "date_inferred": int(doc.date_inferred),
        "date_note": doc.date_note,
        "date_precision": doc.date_precision,
        "source": doc.source,
        "place": doc.place,
        "byline": doc.byline,
        "content_hash": digest,
        "size": len(doc.text),
        "mtime": _mtime(path),
        "encoding": doc.encoding,
        "extractor": fingerprint,
        "loaded_at": now_iso(),
        "text": doc.text,
        "format": extracted.format if extracted else None,
        "url": (extracted.url if extracted else None) or doc.url or prov.get("source_url"),
        "added_by": prov.get("added_by"),
        "source_url": prov.get("source_url"),
        "added_at": prov.get("added_at"),
        "file_stat": stat_key,
    }
    # A plain insert inside the load's transaction, as sqlite-utils' insert wrote it (its
    # savepoint and column handling per call were a quarter of the loader's writing).
    db.conn.execute(_INSERT_DOCUMENT, [row[c] for c in _DOCUMENT_COLUMNS])
    # Plain executemany inside the load's transaction: the schema is fixed, and sqlite-utils'
    # per-call column handling was a third of the serial write time of a large load.
    db.conn.executemany(
        'insert into passages (doc_id, seq, start, "end", text, furniture, furniture_reason) '
        "values (?, ?, ?, ?, ?, ?, ?)",
        [(doc.id, p.seq, p.start, p.end, p.text, int(p.furniture), p.furniture_reason) for p in doc.passages],
    )
    db.conn.executemany(
        "insert into mentions (doc_id, seq, kind, data) values (?, ?, ?, ?)",
        [
            (doc.id, i, f.kind, json.dumps({**f.to_json(), "_names": names}))
            for i, (f, names) in enumerate(facts)
        ],
    )


def _rebuild_facts(db, config: Config, gazetteer, touched: set[str] | None = None,
                   meta: dict[str, str] | None = None, seen: borrow.Changes | None = None) -> str:
    """Merge mentions into facts again: all of them, or only what the `touched` documents
    reach (bot/kb/remerge.py), then apply curation and refresh the entity table. The merge
    is worked out by reading; only its writes (and `meta`) take the write lock, in one
    transaction; `seen` notes the facts it replaces and writes (for bot/kb/borrow.py).
    Returns "full" or "local"."""
    plan = remerge.plan(db, config, gazetteer, touched)
    if seen is not None:
        seen.record(db, plan)  # what borrowing must look at again (bot/kb/borrow.py)
    with db.atomic():
        plan.write(db, gazetteer)
        if meta:
            db["meta"].upsert_all([{"key": k, "value": v} for k, v in meta.items()], pk="key")
    return plan.how
