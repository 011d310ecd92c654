"""Reading config/gazetteer/*.yaml: every entry checked, each error naming file and key;
and the spelling variants an alias is also found by ("U.S."/"US", "Kim Seung-kyum")."""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.config import ROOT, ConfigError
from bot.kb.entities.entity import DATED_TYPES, Edition, Entity

_ENTRY_KEYS = {"id", "name", "aliases", "weak_aliases", "country", "roles", "editions", "members", "office",
               "dated", "returned", "docked", "within", "partial"}
_EDITION_KEYS = {"year", "start", "end", "number", "ordinal", "host", "place"}
OFFICES = ("defense", "foreign", "leaders")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")


_ID_RE = re.compile(r"[a-z0-9][a-z0-9.\-]*")


try:  # libyaml is five to ten times faster on a few hundred entries
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


_US_DOTTED = re.compile(r"(?<![A-Za-z.])U\.S\.(?![A-Za-z])")


_US_PLAIN = re.compile(r"(?<![A-Za-z.])US(?![A-Za-z.])")


_KOREAN_GIVEN = re.compile(r"(?<=[a-z])-(?=[a-z])")


_PAIR = re.compile(r"^([^\s-]+)-([^\s-]+)(\s.+)$")


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _strings(value: Any, shown: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(shown, key, "expected a list of strings")
    return tuple(v.strip() for v in value)


def _entry(row: Any, type_: str, shown: str, i: int) -> tuple[Entity, tuple[str, ...]]:
    at = f"entries[{i}]"
    if not isinstance(row, dict):
        raise ConfigError(shown, at, "expected a mapping with id, name, aliases, ...")
    for key in row:
        if key not in _ENTRY_KEYS:
            raise ConfigError(
                shown, f"{at}.{key}", f"unknown key (known: {', '.join(sorted(_ENTRY_KEYS))})"
            )
    ident = row.get("id")
    if not isinstance(ident, str):
        raise ConfigError(
            shown, f"{at}.id", "missing (expected a string like 'person:samuel-paparo')"
        )
    prefix, _, rest = ident.partition(":")
    if prefix != type_ or not _ID_RE.fullmatch(rest):
        raise ConfigError(shown, f"{at}.id", f"expected '{type_}:<lowercase-slug>', got {ident!r}")
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(shown, f"{at}.name", "expected a non-empty string")
    country = row.get("country")
    if country is not None and (not isinstance(country, str) or not country.strip()):
        raise ConfigError(shown, f"{at}.country", "expected a country name")
    editions = _editions(row.get("editions"), type_, shown, f"{at}.editions")
    members = _strings(row.get("members"), shown, f"{at}.members")
    office = row.get("office")
    if (members or office is not None) and type_ != "forum":
        raise ConfigError(shown, f"{at}.members", "only forums have members and an office")
    if office is not None and office not in OFFICES:
        raise ConfigError(shown, f"{at}.office", f"expected one of {', '.join(OFFICES)}, got {office!r}")
    if bool(members) != (office is not None):
        raise ConfigError(shown, f"{at}.office", "members and office go together")
    dated = _event_days(row, "dated", type_, shown, at)
    returned = _event_days(row, "returned", type_, shown, at)
    if returned and not dated:
        raise ConfigError(shown, f"{at}.returned", "a mission that returned was launched: give its `dated:` too")
    docked = _event_days(row, "docked", type_, shown, at)
    if docked and not dated:
        raise ConfigError(shown, f"{at}.docked", "a mission that docked was launched: give its `dated:` too")
    partial = row.get("partial", False)
    if not isinstance(partial, bool):
        raise ConfigError(shown, f"{at}.partial", f"expected true or false, got {partial!r}")
    if partial and not editions:
        raise ConfigError(shown, f"{at}.partial", "only a series with editions can list some of them")
    within = row.get("within")
    if within is not None:
        if type_ not in ("place", "org"):
            raise ConfigError(shown, f"{at}.within", "only places and venues lie within a place")
        if not isinstance(within, str) or not within.strip():
            raise ConfigError(shown, f"{at}.within", "expected the id or name of a place entry")
    ent = Entity(
        id=ident,
        type=type_,
        name=name.strip(),
        aliases=_strings(row.get("aliases"), shown, f"{at}.aliases"),
        country=country.strip() if country else None,
        roles=_strings(row.get("roles"), shown, f"{at}.roles"),
        editions=editions,
        members=members,
        office=office,
        dated=dated,
        returned=returned,
        docked=docked,
        within=within.strip() if within else None,
        partial=partial,
    )
    return ent, _strings(row.get("weak_aliases"), shown, f"{at}.weak_aliases")


def _event_days(row: dict, key: str, type_: str, shown: str, at: str) -> tuple[date, ...]:
    """A program's `dated:`, `returned:` or `docked:` days: an ISO date or a list of them, oldest first."""
    value = row.get(key)
    if value is None:
        return ()
    if type_ != "program":
        raise ConfigError(shown, f"{at}.{key}", "only programs (satellites, missiles, reviews) have dated events")
    days = value if isinstance(value, list) else [value]
    if not days or not all(isinstance(d, date) for d in days):
        raise ConfigError(shown, f"{at}.{key}", f"expected an ISO date (2025-02-02) or a list of them, got {value!r}")
    if days != sorted(days):
        raise ConfigError(shown, f"{at}.{key}", "dated events must be listed oldest first")
    return tuple(days)


def _day(value: Any, last: bool, shown: str, key: str) -> tuple[date, str]:
    """An ISO day (YAML reads it as a date) or "YYYY-MM" when only the month is known."""
    if isinstance(value, date):
        return value, "day"
    m = _YEAR_MONTH.fullmatch(str(value)) if isinstance(value, str) else None
    if m and 1 <= int(m.group(2)) <= 12:
        y, mo = int(m.group(1)), int(m.group(2))
        return date(y, mo, calendar.monthrange(y, mo)[1] if last else 1), "month"
    raise ConfigError(shown, key, f"expected an ISO date (2024-06-07) or a month (2024-06), got {value!r}")


def _editions(value: Any, type_: str, shown: str, key: str) -> tuple[Edition, ...]:
    """Held editions of an exercise or a recurring meeting, checked so a typo cannot date a
    document wrongly."""
    if value is None:
        return ()
    if type_ not in DATED_TYPES:
        raise ConfigError(shown, key, "only exercises and forums have editions")
    if not isinstance(value, list):
        raise ConfigError(shown, key, "expected a list of editions (year, start, end, ...)")
    out: list[Edition] = []
    for j, row in enumerate(value):
        at = f"{key}[{j}]"
        if not isinstance(row, dict):
            raise ConfigError(shown, at, "expected a mapping with year, start and end")
        for k in row:
            if k not in _EDITION_KEYS:
                raise ConfigError(shown, f"{at}.{k}", f"unknown key (known: {', '.join(sorted(_EDITION_KEYS))})")
        for k in ("year", "start", "end"):
            if k not in row:
                raise ConfigError(shown, f"{at}.{k}", "missing")
        year = row["year"]
        if not isinstance(year, int) or isinstance(year, bool):
            raise ConfigError(shown, f"{at}.year", f"expected a year like 2024, got {year!r}")
        start, p1 = _day(row["start"], False, shown, f"{at}.start")
        end, p2 = _day(row["end"], True, shown, f"{at}.end")
        if end < start:
            raise ConfigError(shown, f"{at}.end", "ends before it starts")
        if year not in (start.year, end.year):
            raise ConfigError(shown, f"{at}.year", f"{year} is neither the start's nor the end's year")
        ints = {}
        for k in ("number", "ordinal"):
            v = row.get(k)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 1):
                raise ConfigError(shown, f"{at}.{k}", f"expected a positive whole number, got {v!r}")
            ints[k] = v
        host = row.get("host")
        if host is not None and (not isinstance(host, str) or not host.strip()):
            raise ConfigError(shown, f"{at}.host", "expected a country name")
        place = row.get("place")
        places = (place,) if isinstance(place, str) else tuple(place or ())
        if not all(isinstance(p, str) and p.strip() for p in places):
            raise ConfigError(shown, f"{at}.place", "expected a place name or a list of them")
        if out and start < out[-1].start:
            raise ConfigError(shown, at, "editions must be listed oldest first")
        out.append(Edition(year, start, end, "day" if p1 == p2 == "day" else "month",
                           ints["number"], ints["ordinal"], host.strip() if host else None,
                           tuple(p.strip() for p in places)))
    return tuple(out)


def _variants(alias: str, ent: Entity, pair_words: set[str]) -> list[str]:
    """Spellings of an alias that writers use interchangeably."""
    out = [alias]
    if len(alias) > 4:
        if _US_DOTTED.search(alias):
            out.append(_US_DOTTED.sub("US", alias))
        elif _US_PLAIN.search(alias):
            out.append(_US_PLAIN.sub("U.S.", alias))
    for a in list(out):
        m = _PAIR.match(a.replace("\u2013", "-"))
        if m and m.group(1) in pair_words and m.group(2) in pair_words:
            out.append(f"{m.group(2)}-{m.group(1)}{m.group(3)}")
    if ent.type == "person" and _KOREAN_GIVEN.search(alias):
        out.append(_KOREAN_GIVEN.sub(" ", alias))
        out.append(_KOREAN_GIVEN.sub("", alias))
    return out
