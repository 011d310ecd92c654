"""The gazetteer: every entity the project knows by name, and one matcher over its aliases.

A fact is only as useful as the names attached to it, and news text names the same
person or body many ways ("Admiral Samuel Paparo", "Paparo", "the INDOPACOM chief";
"JASDF", "Japan Air Self-Defense Force"). The gazetteer (config/gazetteer/*.yaml) holds
what the domain already knows; Aho-Corasick finds every alias in one pass and keeps
offsets true to the original text, because facts quote their sources by span.

What the gazetteer cannot know is recognised from its shape: a title or rank right
before a capitalised name is a person, a capitalised name before "exercise" is an
exercise. Ambiguous short forms (a surname alone) are trusted only with support: a
title right before them, or the same document naming the entity in full. That keeps
"Austin" the city from becoming the Secretary of Defense.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import ahocorasick
import yaml
from rapidfuzz import fuzz, process

from bot.config import ConfigError
from bot.kb.entities.entity import _TYPE_RANK, FUZZY_CUTOFF, GAZETTEER_DIR, TYPES, Entity, Mention
from bot.kb.entities.folding import _fold, fold
from bot.kb.entities.matcher import _Reader
from bot.kb.entities.roles import (
    _HONORIFICS,
    _MILITARY_POSTS,
    _RANKS,
    _ROLE_REF,
    _ROLE_STOP,
    _ROLE_YEARS,
    _TITLE_EXPAND,
    _role_key,
    _role_words,
    role_periods,
)
from bot.kb.entities.schema import _entry, _Loader, _shown, _variants
from bot.kb.entities.shapes import (
    _CASED_HEADS,
    _COUNTRY_PARTS,
    _FAMILY_FIRST,
    _HEADS,
    _INITIAL,
    _SUFFIXES,
    _TITLE_WORDS,
    _key,
    _name_words,
)


@dataclass(frozen=True)
class _Alias:
    entity: Entity
    weak: bool
    cased: bool  # must match case exactly
    capital: bool  # must start with a capital letter in the text
    norm: str  # the alias, normalized but not lowercased


def _alias_rule(alias: str) -> tuple[bool, bool]:
    letters = [c for c in alias if c.isalpha()]
    cased = len(alias) <= 4 or (bool(letters) and all(c.isupper() for c in letters))
    return cased, alias[:1].isupper()


class Gazetteer:
    """Every entity the project knows by name, with one matcher over all their aliases."""

    def __init__(self, entities: Iterable[Entity], weak: dict[str, tuple[str, ...]] | None = None):
        self.entities: tuple[Entity, ...] = tuple(entities)
        self._by_id = {e.id: e for e in self.entities}
        self._weak_of: dict[str, tuple[str, ...]] = dict(weak or {})
        self._strong: dict[str, list[Entity]] = {}  # folded alias -> entities
        self._weak: dict[str, list[Entity]] = {}
        self._table: list[tuple[str, Entity]] = []
        self._family: dict[str, frozenset[str]] = {}
        self._country_words = self._country_vocabulary()
        self._title_words = _TITLE_WORDS | self._acronyms() | self._country_words
        self._name_index: dict[tuple[str, str], Entity] = {}
        self._office_forums: tuple[Entity, ...] | None = None
        self._build()

    # ---- loading
    @classmethod
    def load(cls, directory: Path | str = GAZETTEER_DIR) -> Gazetteer:
        """Read and validate every *.yaml in `directory`; a mistake names the file and key."""
        directory = Path(directory)
        files = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
        if not files:
            raise ConfigError(_shown(directory), None, "no gazetteer files (*.yaml) found")
        entities: list[Entity] = []
        weak: dict[str, tuple[str, ...]] = {}
        where: dict[str, tuple[Path, int]] = {}
        seen_alias: dict[tuple[str, str], tuple[str, Path, int]] = {}
        countries_needed: list[tuple[Path, str, str]] = []
        places_needed: list[tuple[Path, str, str]] = []
        within_needed: list[tuple[Path, str, Entity]] = []
        for path in files:
            try:
                with open(path, encoding="utf-8") as fh:
                    data = yaml.load(fh, Loader=_Loader)
            except (yaml.YAMLError, ValueError) as exc:  # ValueError: a date like 2024-13-07
                raise ConfigError(_shown(path), None, f"not valid YAML ({exc})") from None
            shown = _shown(path)
            if not isinstance(data, dict):
                raise ConfigError(shown, None, "expected a mapping with `type` and `entries`")
            for key in data:
                if key not in ("type", "entries"):
                    raise ConfigError(shown, str(key), "unknown key (known: entries, type)")
            type_ = data.get("type")
            if type_ not in TYPES:
                raise ConfigError(
                    shown, "type", f"expected one of {', '.join(TYPES)}, got {type_!r}"
                )
            rows = data.get("entries")
            if not isinstance(rows, list):
                raise ConfigError(shown, "entries", "expected a list of entries")
            for i, row in enumerate(rows):
                ent, weak_aliases = _entry(row, type_, shown, i)
                if ent.id in where:
                    p, j = where[ent.id]
                    raise ConfigError(
                        shown,
                        f"entries[{i}].id",
                        f"duplicate id {ent.id!r} (also {_shown(p)} entries[{j}])",
                    )
                where[ent.id] = (path, i)
                for field_, names in (("name", (ent.name,)), ("aliases", ent.aliases)):
                    for name in names:
                        k = (ent.type, fold(name))
                        other = seen_alias.get(k)
                        if other and other[0] != ent.id:
                            raise ConfigError(
                                shown,
                                f"entries[{i}].{field_}",
                                f"{name!r} already names {other[0]} ({_shown(other[1])} entries[{other[2]}])",
                            )
                        seen_alias[k] = (ent.id, path, i)
                if ent.country:
                    countries_needed.append((path, f"entries[{i}].country", ent.country))
                for j, member in enumerate(ent.members):
                    countries_needed.append((path, f"entries[{i}].members[{j}]", member))
                for j, ed in enumerate(ent.editions):
                    if ed.host:
                        countries_needed.append((path, f"entries[{i}].editions[{j}].host", ed.host))
                    for place in ed.places:
                        places_needed.append((path, f"entries[{i}].editions[{j}].place", place))
                if ent.within:
                    within_needed.append((path, f"entries[{i}].within", ent))
                entities.append(ent)
                if weak_aliases:
                    weak[ent.id] = weak_aliases
        countries = {e.name for e in entities if e.type == "country"}
        # A meeting's venue is matched by the name of the entity a story's mention resolves
        # to, so it must be a canonical name; a typo would never match.
        names = {e.name for e in entities}
        for path, key, place in places_needed:
            if place not in names:
                raise ConfigError(_shown(path), key, f"unknown place {place!r} (use the name of a place, country or organization entry)")
        _check_within(entities, within_needed)
        for path, key, country in countries_needed:
            if country not in countries:
                raise ConfigError(
                    _shown(path),
                    key,
                    f"unknown country {country!r} (use a name from countries.yaml)",
                )
        return cls(entities, weak)

    def _country_vocabulary(self) -> frozenset[str]:
        """Words that say which country a title belongs to ("South Korea's", "U.S.").

        Only one-word country names and the generic parts of longer ones: "Marshall" in
        "Marshall Islands" is a surname too often to stop a name.
        """
        names = [
            _key(a) for e in self.entities if e.type == "country" for a in (e.name, *e.aliases)
        ]
        single = {n for n in names if " " not in n}
        return frozenset(
            single | {w for n in names for w in n.split() if w in single or w in _COUNTRY_PARTS}
        )

    def _acronyms(self) -> frozenset[str]:
        out = set()
        for e in self.entities:
            if e.type in ("org", "forum"):
                for a in (e.name, *e.aliases):
                    for w in a.split():
                        if len(w) >= 3 and w.isupper() and w.isalpha():
                            out.add(w.lower())
        return frozenset(out)

    def _build(self) -> None:
        pairs = {
            w
            for e in self.entities
            if e.type == "country"
            for w in (e.name, *e.aliases)
            if " " not in w and len(w) <= 12
        }
        entries: dict[str, list[_Alias]] = {}

        def add(alias: str, ent: Entity, weak: bool) -> None:
            f = _fold(alias.strip())
            if not f.low:
                return
            cased, capital = _alias_rule(f.norm)
            rec = _Alias(ent, weak, cased, capital, f.norm)
            bucket = entries.setdefault(f.low, [])
            if any(r.entity is ent and r.weak == weak and r.norm == rec.norm for r in bucket):
                return
            bucket.append(rec)
            target = self._weak if weak else self._strong
            lst = target.setdefault(f.low, [])
            if ent not in lst:
                lst.append(ent)

        for ent in self.entities:
            names = [ent.name, *ent.aliases]
            for name in names:
                self._table.append((name, ent))
                for variant in _variants(name, ent, pairs):
                    # A generated spelling never takes a name that another entity of the
                    # same type holds in its own right.
                    if variant != name and any(
                        o.type == ent.type and o is not ent
                        for o in self._strong.get(fold(variant), [])
                    ):
                        continue
                    add(variant, ent, weak=False)
            for w in self._weak_of.get(ent.id, ()):
                self._table.append((w, ent))
                add(w, ent, weak=True)
            if ent.type == "person":
                self._family[ent.id] = self._family_names(ent)
                for name in names:
                    words = _name_words(name)
                    if len(words) >= 2:
                        self._name_index.setdefault((words[0].lower(), words[-1].lower()), ent)
        auto = ahocorasick.Automaton()
        for key, recs in entries.items():
            auto.add_word(key, (len(key), tuple(recs), key in _HEADS))
        for key in _HEADS | {h.lower() for h in _CASED_HEADS}:
            if key not in entries:
                auto.add_word(key, (len(key), (), True))
        auto.make_automaton()
        self._automaton = auto
        self._fuzzy: dict[str | None, tuple[list[str], list[list[Entity]]]] = {}
        # The gazetteer never changes once loaded, so answers for the same name or short
        # text (fact titles, roles) are kept: loads ask the same questions thousands of times.
        self._resolved: dict[tuple[str, str | None], Entity | None] = {}
        self._found: dict[str, list[Mention]] = {}

    def _family_names(self, ent: Entity) -> frozenset[str]:
        out = {w for w in self._weak_of.get(ent.id, ()) if " " not in w}
        words = _name_words(ent.name)
        if len(words) >= 2:
            out.add(words[0] if ent.country in _FAMILY_FIRST else words[-1])
        return frozenset(out)

    # ---- look-ups
    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def by_type(self, type: str) -> list[Entity]:
        return [e for e in self.entities if e.type == type]

    def office_forums(self) -> tuple[Entity, ...]:
        """The meetings kept by office and venue (a forum with an `office` and editions): those
        a story can name only by who met where. The smallest first, so a reason names the
        meeting closest to who is named. Read once; the entities do not change."""
        if self._office_forums is None:
            self._office_forums = tuple(sorted(
                (f for f in self.by_type("forum") if f.office and f.editions), key=lambda f: len(f.members)
            ))
        return self._office_forums

    def holder(self, title: str, country: str, when: date, precise: bool = True,
               until: date | None = None) -> Entity | None:
        """The one person who held `title` for `country` in `when`'s year, per their roles.

        Roles carry their years ("Prime Minister (2021-2024)"), so "the Japanese prime
        minister" in a 2023 story is Kishida. In a year two people held the post, or when
        the gazetteer does not say, nobody is guessed. `until`: the last day `when` may be
        (a story known to its month): anyone in the post on a day of it counts, so "the new
        U.S. President" in a January 2017 story is nobody, Obama and Trump both held it.
        """
        until = until or when
        want = _role_key(title)
        if not want:
            return None
        # Roles with months ("Oct 2024-Oct 2025") tell the day; whole years, the year.
        found = {
            e.id: e
            for e in self.by_type("person")
            if e.country == country
            for role in e.roles
            if (m := _ROLE_YEARS.search(role))
            and _role_key(role[: m.start()]) == want
            and any(
                (a <= until and when <= b)
                if precise and re.search(r"[A-Za-z]{3}\w*\.?\s+\d{4}", m.group(1))
                else a.year <= when.year <= b.year
                for a, b in role_periods(role)
            )
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def find_roles(
        self, text: str, when: date | None, taken: Iterable[Mention] = (), precise: bool = True,
        until: date | None = None,
    ) -> list[Mention]:
        """People named only by their post and country: "the Japanese prime minister".

        A post followed by a name ("Prime Minister Fumio Kishida") is left to find(), and so is
        anything inside a person it already found (`taken`).
        """
        if when is None:
            return []
        people = [(m.start, m.end) for m in taken if m.entity.type == "person"]
        out: list[Mention] = []
        for hit in _ROLE_REF.finditer(text):
            s, e = hit.span("who")
            if any(a < e and s < b for a, b in people):
                continue
            country = self.resolve(re.sub(r"['’]s$", "", hit.group("cty")), "country")
            if country is None:
                continue
            person = self.holder(hit.group("post"), country.name, when, precise, until)
            if person is not None:
                out.append(Mention(s, e, text[s:e], person, "role", hit.group("post")))
        return out

    def weak_aliases(self, entity_id: str) -> tuple[str, ...]:
        """The ambiguous short forms of an entity (trusted only with support in a document)."""
        return self._weak_of.get(entity_id, ())

    def alias_table(self) -> list[tuple[str, Entity]]:
        """Every name, alias and weak alias with its entity, as written in the gazetteer."""
        return list(self._table)

    def within(self, entity: Entity) -> list[Entity]:
        """The places `entity` lies in, nearest first, then their country: the White House
        -> Washington, D.C. -> United States; Yokota Air Base -> Tokyo -> Japan."""
        out: list[Entity] = []
        at: Entity | None = entity
        while at is not None and (at := _parent(self._by_id, at)) is not None:
            out.append(at)
        for e in (entity, *out):
            country = self.resolve(e.country, "country") if e.country else None
            if country is not None and country not in out:
                out.append(country)
                break
        return out

    def resolve(self, name: str, type: str | None = None) -> Entity | None:
        """The entity a name most likely means: an exact alias, else a close fuzzy match."""
        if not name or not name.strip():
            return None
        key = (name, type)
        if key not in self._resolved:
            if len(self._resolved) >= _MEMO_LIMIT:
                self._resolved.clear()
            self._resolved[key] = self._resolve(name, type)
        return self._resolved[key]

    def _resolve(self, name: str, type: str | None) -> Entity | None:
        if name in self._by_id and (type is None or self._by_id[name].type == type):
            return self._by_id[name]
        key = fold(name)
        exact = [e for e in self._strong.get(key, ()) if type is None or e.type == type]
        if exact:
            return min(exact, key=lambda e: _TYPE_RANK[e.type])
        weak = [e for e in self._weak.get(key, ()) if type is None or e.type == type]
        if len(weak) == 1:
            return weak[0]
        if len(key) < 4:
            return None
        keys, ents = self._fuzzy_choices(type)
        hit = process.extractOne(
            key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF, processor=None
        )
        if hit is None:
            return None
        cands = ents[hit[2]]
        return min(cands, key=lambda e: _TYPE_RANK[e.type])

    def _fuzzy_choices(self, type_: str | None) -> tuple[list[str], list[list[Entity]]]:
        if type_ not in self._fuzzy:
            keys, ents = [], []
            for k, lst in self._strong.items():
                chosen = [e for e in lst if type_ is None or e.type == type_]
                if chosen and len(k) >= 4:
                    keys.append(k)
                    ents.append(chosen)
            self._fuzzy[type_] = (keys, ents)
        return self._fuzzy[type_]

    def _resolve_person(self, words: list[str]) -> Entity | None:
        """A person named by shape, matched to the gazetteer if the match is close."""
        plain = [w for w in words if not _INITIAL.fullmatch(w) and w not in _SUFFIXES]
        for candidate in (" ".join(words), " ".join(plain)):
            hit = [e for e in self._strong.get(fold(candidate), ()) if e.type == "person"]
            if hit:
                return hit[0]
        if len(plain) >= 2:
            first, last = plain[0].lower(), plain[-1].lower()
            ent = self._name_index.get((first, last)) or self._name_index.get((last, first))
            if ent:
                return ent
            return self.resolve(" ".join(plain), "person")
        return None

    def _role_fit(self, ent: Entity, title: str) -> int:
        """How well a title before a bare surname fits what the gazetteer says the person was.

        0 means it does not: "Minister Tanaka" is not the JICA president Akihiko Tanaka.
        Ranks fit anyone with a military post, since roles name posts, not ranks.
        """
        words: set[str] = set()
        for raw in title.replace(",", " ").split():
            k = _key(raw)
            if k.startswith(("then-", "ex-")):
                k = k.split("-", 1)[1]
            words.update(_TITLE_EXPAND.get(k, (k,)))
            if raw.isupper() and len(raw) > 2:
                for org in self._strong.get(fold(raw), ()):
                    words.update(_role_words(org.name))
        words -= _ROLE_STOP
        if not words or words <= _HONORIFICS:
            return 0
        roles = _role_words(" ".join(ent.roles))
        score = len(words & roles)
        if words & _RANKS and roles & _MILITARY_POSTS:
            score += 1
        return score

    # ---- recognition
    def find(self, text: str) -> list[Mention]:
        """Every entity mention in one document, sorted and non-overlapping (longest wins)."""
        if not text:
            return []
        if len(text) > _MEMO_TEXT:
            return _Reader(self, text).run()
        if text not in self._found:
            if len(self._found) >= _MEMO_LIMIT:
                self._found.clear()
            self._found[text] = _Reader(self, text).run()
        return list(self._found[text])


def _parent(entities: dict[str, Entity], ent: Entity) -> Entity | None:
    """The place entry `ent.within` names, by id or canonical name."""
    if not ent.within:
        return None
    hit = entities.get(ent.within)
    if hit is None:
        hit = next((e for e in entities.values() if e.type == "place" and e.name == ent.within), None)
    return hit if hit is not None and hit.type == "place" else None


def _check_within(entities: list[Entity], needed: list[tuple[Path, str, Entity]]) -> None:
    """Every `within` names a place entry, and no place ends up inside itself."""
    by_id = {e.id: e for e in entities}
    for path, key, ent in needed:
        if _parent(by_id, ent) is None:
            raise ConfigError(_shown(path), key,
                              f"unknown place {ent.within!r} (use the id or name of a places.yaml entry)")
        seen, at = {ent.id}, _parent(by_id, ent)
        while at is not None:
            if at.id in seen:
                raise ConfigError(_shown(path), key, f"{ent.name!r} ends up within itself (via {at.name!r})")
            seen.add(at.id)
            at = _parent(by_id, at)


_MEMO_LIMIT = 50_000  # memoized answers kept per gazetteer


_MEMO_TEXT = 300  # texts up to this length (names, titles, roles) have their mentions kept


@lru_cache(maxsize=4)
def _cached(directory: str) -> Gazetteer:
    return Gazetteer.load(Path(directory))


def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return _cached(str(GAZETTEER_DIR))


def default_gazetteer_read() -> bool:
    """Whether this process has read the shipped gazetteer yet (a reader that has not may
    read it as `default_gazetteer`, rather than read it once more later)."""
    return _cached.cache_info().currsize > 0
