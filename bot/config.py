"""config/*.yaml, loaded once and validated at start-up.

A wrong setting should stop the bot before it answers anyone, with a message that names
the file and the key, rather than surface later as a confusing answer in Slack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = ROOT / "config"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ConfigError(Exception):
    """A config file is missing, unreadable or has a wrong value; says which file and key."""

    def __init__(self, path: Path | str, key: str | None, message: str):
        self.path = str(path)
        self.key = key
        where = f"{self.path}: {key}" if key else self.path
        super().__init__(f"{where}: {message}")


def read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError:
        raise ConfigError(path, None, "file not found") from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, None, f"not valid YAML ({exc})") from None


DIGEST_KINDS = ("meeting", "exercise", "space")


@dataclass(frozen=True)
class DigestChannel:
    """One channel's digest: all kinds and topics, or only some (`digest.channels`).

    `words` is `query` parsed in the commands' language; the query language lives above
    this layer, so start-up fills them in with commands.digest.read_channel_queries, and
    a query the commands would refuse stops the bot instead of leaving a channel without
    digests.
    """

    channel: str
    kinds: tuple[str, ...] | None = None  # None: every kind
    query: str | None = None
    words: tuple[str, ...] = ()

    @property
    def filtered(self) -> bool:
        return self.kinds is not None or bool(self.words)

    def describe(self) -> str:
        """ "space", "meetings and exercises about philippines", "" for the whole digest."""
        bits = []
        if self.kinds is not None:
            bits.append(" and ".join(self.kinds))
        if self.query:
            bits.append(f"about \u201c{self.query}\u201d")
        return " ".join(bits)

    def matches(self, channel_id: str | None, channel_name: str | None) -> bool:
        """Whether a Slack channel (an ID and a name without "#") is this one."""
        want = self.channel.strip()
        return bool(
            (channel_id and want == channel_id)
            or (channel_name and want.lstrip("#").lower() == channel_name.lstrip("#").lower())
        )


@dataclass(frozen=True)
class DigestConfig:
    channel: str
    weekday: str
    time: str
    timezone: str
    grace_hours: float
    upcoming_weeks: int
    extra_channels: tuple[DigestChannel, ...] = ()

    @property
    def channels(self) -> tuple[DigestChannel, ...]:
        """Every channel that gets a weekly digest: `digest.channel` (everything) first."""
        return (DigestChannel(self.channel), *self.extra_channels)

    def for_channel(self, channel_id: str | None, channel_name: str | None = None) -> DigestChannel | None:
        """The configured digest of a Slack channel, or None when it has none."""
        return next((c for c in self.channels if c.matches(channel_id, channel_name)), None)

    @property
    def hour(self) -> int:
        return int(self.time.split(":")[0])

    @property
    def minute(self) -> int:
        return int(self.time.split(":")[1])

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class CurationConfig:
    """Who may change facts from Slack, and where everyone else's corrections go for review."""

    curators: tuple[str, ...] = ()
    review_channel: str = ""

    def is_curator(self, user_id: str | None) -> bool:
        return bool(user_id) and user_id in self.curators


@dataclass(frozen=True)
class IngestConfig:
    """Adding documents from Slack: where they are saved, who may add, which URLs may be fetched."""

    folder: str = "added"  # under the documents folder, so every load reads them
    allow_private_urls: bool = False  # fetch private/loopback/link-local addresses (tests, intranets)
    allowed_channels: tuple[str, ...] = ()  # empty: any channel the bot is in
    allowed_users: tuple[str, ...] = ()  # empty: anyone who can talk to the bot


@dataclass(frozen=True)
class Config:
    seeds: Path
    database: Path
    max_bytes: int
    extensions: tuple[str, ...]
    page_size: int
    digest: DigestConfig
    config_dir: Path = field(default=CONFIG_DIR)
    curation: CurationConfig = field(default_factory=CurationConfig)
    # Seconds one document may spend in extraction per 100 KB of text (and at least this
    # much): past it the document is skipped, so no file can stall a load.
    extract_seconds: float = 60.0
    ingest: IngestConfig = field(default_factory=IngestConfig)

    @property
    def added_dir(self) -> Path:
        """Where documents added from Slack are saved (git-ignored; read by every load)."""
        return self.seeds / self.ingest.folder


def _get(data: dict, key: str, kind: type | tuple[type, ...], path: Path, prefix: str = "") -> Any:
    full = f"{prefix}{key}"
    if key not in data:
        raise ConfigError(path, full, "missing")
    value = data[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise ConfigError(path, full, f"expected {names}, got {value!r}")
    return value


def _section(data: dict, key: str, path: Path) -> dict:
    value = _get(data, key, dict, path)
    return value


def _no_unknown(data: dict, known: set[str], path: Path, prefix: str = "") -> None:
    for key in data:
        if key not in known:
            raise ConfigError(path, f"{prefix}{key}", f"unknown setting (known: {', '.join(sorted(known))})")


def _digest_channels(value: Any, main: str, path: Path) -> tuple[DigestChannel, ...]:
    """`digest.channels`: a list of {channel, kinds?, query?}; each channel once."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ConfigError(path, "digest.channels", "expected a list of {channel, kinds, query}")
    out: list[DigestChannel] = []
    seen = {main.strip().lstrip("#").lower()}
    for i, entry in enumerate(value):
        at = f"digest.channels[{i}]"
        if not isinstance(entry, dict):
            raise ConfigError(path, at, "expected a mapping like {channel: '#space-watch', kinds: [space]}")
        _no_unknown(entry, {"channel", "kinds", "query"}, path, f"{at}.")
        channel = _get(entry, "channel", str, path, f"{at}.").strip()
        if not channel:
            raise ConfigError(path, f"{at}.channel", "must not be empty")
        if channel.lstrip("#").lower() in seen:
            raise ConfigError(path, f"{at}.channel", f"{channel} already has a digest (one per channel)")
        seen.add(channel.lstrip("#").lower())
        kinds = None
        if "kinds" in entry:
            kinds_value = entry["kinds"]
            if isinstance(kinds_value, str):
                kinds_value = [kinds_value]
            if (not isinstance(kinds_value, list) or not kinds_value
                    or not all(isinstance(k, str) for k in kinds_value)):
                raise ConfigError(path, f"{at}.kinds", f"expected a list of kinds ({', '.join(DIGEST_KINDS)})")
            names = [k.strip().lower().removesuffix("s") if k.strip().lower() != "space" else "space"
                     for k in kinds_value]
            unknown = [k for k, n in zip(kinds_value, names, strict=True) if n not in DIGEST_KINDS]
            if unknown:
                raise ConfigError(path, f"{at}.kinds",
                                  f"unknown kind {unknown[0]!r} (known: {', '.join(DIGEST_KINDS)})")
            kinds = tuple(k for k in DIGEST_KINDS if k in names)
        query = None
        if "query" in entry:
            query = str(_get(entry, "query", (str, int), path, f"{at}.")).strip()
            if not query:
                raise ConfigError(path, f"{at}.query", "must not be empty")
        out.append(DigestChannel(channel, kinds, query))
    return tuple(out)


def load_config(config_dir: Path | str = CONFIG_DIR, root: Path | None = None) -> Config:
    """Read and validate config/allybot.yaml; relative paths are resolved against the project root."""
    config_dir = Path(config_dir)
    root = root or config_dir.resolve().parent
    path = config_dir / "allybot.yaml"
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ConfigError(path, None, "expected a mapping of settings")
    _no_unknown(data, {"seeds", "database", "load", "search", "digest", "curation", "ingest"}, path)

    load = _section(data, "load", path)
    _no_unknown(load, {"max_bytes", "extensions", "extract_seconds"}, path, "load.")
    max_bytes = _get(load, "max_bytes", int, path, "load.")
    if max_bytes <= 0:
        raise ConfigError(path, "load.max_bytes", "must be positive")
    extensions = _get(load, "extensions", list, path, "load.")
    if not extensions or not all(isinstance(e, str) and e.startswith(".") for e in extensions):
        raise ConfigError(path, "load.extensions", "expected a list like ['.txt', '.md']")

    extract_seconds = _get(load, "extract_seconds", float, path, "load.") if "extract_seconds" in load else 60.0
    if extract_seconds <= 0:
        raise ConfigError(path, "load.extract_seconds", "must be positive")

    search = _section(data, "search", path)
    _no_unknown(search, {"page_size"}, path, "search.")
    page_size = _get(search, "page_size", int, path, "search.")
    if not 1 <= page_size <= 20:
        raise ConfigError(path, "search.page_size", "must be between 1 and 20")

    dg = _section(data, "digest", path)
    _no_unknown(dg, {"channel", "weekday", "time", "timezone", "grace_hours", "upcoming_weeks", "channels"},
                path, "digest.")
    weekday = _get(dg, "weekday", str, path, "digest.").lower()[:3]
    if weekday not in WEEKDAYS:
        raise ConfigError(path, "digest.weekday", f"expected one of {', '.join(WEEKDAYS)}")
    time = str(_get(dg, "time", (str, int), path, "digest."))
    if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", time):
        raise ConfigError(path, "digest.time", f"expected HH:MM, got {time!r}")
    tz = _get(dg, "timezone", str, path, "digest.")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(path, "digest.timezone", f"unknown time zone {tz!r}") from None
    channel = _get(dg, "channel", str, path, "digest.")
    if not channel.strip():
        raise ConfigError(path, "digest.channel", "must not be empty")
    grace = _get(dg, "grace_hours", float, path, "digest.")
    if grace < 0:
        raise ConfigError(path, "digest.grace_hours", "must not be negative")
    upcoming = _get(dg, "upcoming_weeks", int, path, "digest.")
    extra = _digest_channels(dg.get("channels"), channel, path)

    curation = _curation(data.get("curation"), path)
    ingest = _ingest(data.get("ingest") or {}, path)

    def resolve(p: str) -> Path:
        q = Path(p)
        return q if q.is_absolute() else root / q

    return Config(
        seeds=resolve(_get(data, "seeds", str, path)),
        database=resolve(_get(data, "database", str, path)),
        max_bytes=max_bytes,
        extensions=tuple(e.lower() for e in extensions),
        page_size=page_size,
        digest=DigestConfig(channel, weekday, time, tz, grace, upcoming, extra),
        config_dir=config_dir,
        curation=curation,
        extract_seconds=extract_seconds,
        ingest=ingest,
    )


_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")
_CHANNEL = re.compile(r"[CGD][A-Z0-9]{2,}|#[a-z0-9][a-z0-9_-]{0,79}")


def _curation(section: Any, path: Path) -> CurationConfig:
    """curation.curators: Slack user ids (U0123ABCD), curation.review_channel: an id or #name.

    Optional as a whole (no curators: every correction from Slack waits for review), but
    a wrong value stops start-up: a mistyped curator would silently lose their rights.
    """
    if section is None:
        return CurationConfig()
    if not isinstance(section, dict):
        raise ConfigError(path, "curation", f"expected a mapping, got {section!r}")
    _no_unknown(section, {"curators", "review_channel"}, path, "curation.")
    curators = section.get("curators") or []
    if not isinstance(curators, list):
        raise ConfigError(path, "curation.curators", f"expected a list of Slack user ids, got {curators!r}")
    for i, user in enumerate(curators):
        if not isinstance(user, str) or not _USER_ID.fullmatch(user):
            raise ConfigError(path, f"curation.curators[{i}]",
                              f"expected a Slack user id such as U0123ABCD, got {user!r}")
    channel = section.get("review_channel") or ""
    if not isinstance(channel, str) or (channel and not _CHANNEL.fullmatch(channel)):
        raise ConfigError(path, "curation.review_channel",
                          f"expected a channel id (C0123ABCD) or #name, got {channel!r}")
    return CurationConfig(tuple(curators), channel)


def _ingest(data: dict, path: Path) -> IngestConfig:
    """The optional `ingest:` section; every key has a default."""
    if not isinstance(data, dict):
        raise ConfigError(path, "ingest", "expected a mapping of settings")
    _no_unknown(data, {"folder", "allow_private_urls", "allowed_channels", "allowed_users"}, path, "ingest.")
    default = IngestConfig()
    folder = _get(data, "folder", str, path, "ingest.") if "folder" in data else default.folder
    if not folder.strip() or Path(folder).is_absolute() or ".." in Path(folder).parts:
        raise ConfigError(path, "ingest.folder", "expected a folder name inside the documents folder")
    allow = _get(data, "allow_private_urls", bool, path, "ingest.") if "allow_private_urls" in data else False
    lists = {}
    for key in ("allowed_channels", "allowed_users"):
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(path, f"ingest.{key}", "expected a list of Slack IDs like ['C0123ABCD']")
        lists[key] = tuple(v.strip() for v in value)
    return IngestConfig(folder.strip(), allow, lists["allowed_channels"], lists["allowed_users"])

