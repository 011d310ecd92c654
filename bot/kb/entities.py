"""Names in documents: the gazetteer, and the shapes of the names it does not know.

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
import unicodedata
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick
import yaml
from rapidfuzz import fuzz, process

from bot.config import CONFIG_DIR, ROOT, ConfigError

GAZETTEER_DIR = CONFIG_DIR / "gazetteer"
TYPES = ("person", "org", "country", "place", "exercise", "program", "forum")
# When one span is an alias of entities of different types, the more specific type wins.
_TYPE_RANK = {
    t: i
    for i, t in enumerate(("person", "forum", "exercise", "program", "org", "place", "country"))
}
_ENTRY_KEYS = {"id", "name", "aliases", "weak_aliases", "country", "roles"}
_ID_RE = re.compile(r"[a-z0-9][a-z0-9.\-]*")
FUZZY_CUTOFF = 90

try:  # libyaml is five to ten times faster on a few hundred entries
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Entity:
    id: str
    type: str  # person | org | country | place | exercise | program | forum
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    roles: tuple[str, ...] = ()
    source: str = "gazetteer"  # or "shape" for names found from their shape only


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    entity: Entity
    via: str  # "alias" | "weak" | "shape" | "coref" | "role"
    title: str | None = None  # the title/rank before a person's name ("Defense Minister", "Adm.")


# --------------------------------------------------------------------------- text folding
# Matching happens on a folded copy of the text: curly quotes and dashes made plain,
# diacritics dropped, case lowered, runs of spaces squeezed. Every step but the squeeze
# maps one character to one character, and the squeeze records where it cut, so a
# match in the folded text maps back to exact offsets in the original.

_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\uff07", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\uff02", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"),
        **dict.fromkeys(
            "\t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
            "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000",
            " ",
        ),
    }
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Runs of spaces, and a hyphen left hanging by a line break inside a word ("OSIRIS- REx").
_SQUEEZE = re.compile(r"(?<=[^\W\d_])- +(?=[^\W\d_])| {2,}")


@lru_cache(maxsize=8192)
def _cjk(c: str) -> bool:
    """Japanese and Chinese script: written without spaces, so a name may touch the next word."""
    return "\u3040" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\uff66" <= c <= "\uff9f"


def _base_char(c: str) -> str:
    base = unicodedata.normalize("NFD", c)[:1] or c
    return base if len(base.lower()) == 1 else c


def _lower_1to1(s: str) -> str:
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


@dataclass
class _Folded:
    norm: str  # case kept, quotes/dashes/diacritics/spaces normalized
    low: str  # norm lowercased, same length
    cut_at: list[int]  # positions in norm/low where the squeeze removed characters ...
    orig_at: list[int]  # ... and the matching positions in the original text

    def orig(self, i: int) -> int:
        k = bisect_right(self.cut_at, i) - 1
        return self.orig_at[k] + (i - self.cut_at[k])

    def orig_span(self, s: int, e: int) -> tuple[int, int]:
        return self.orig(s), self.orig(e - 1) + 1


def _fold(text: str) -> _Folded:
    if text.isascii():
        norm = text
        for ch in "\t\n\r\f\v":
            if ch in norm:
                norm = norm.replace(ch, " ")
    else:
        norm = _NON_ASCII.sub(lambda m: _base_char(m.group()), text.translate(_TRANSLATE))
    low = _lower_1to1(norm)
    cut_at, orig_at = [0], [0]
    if "  " not in low and "- " not in low:
        return _Folded(norm, low, cut_at, orig_at)
    parts_n, parts_l, last, out = [], [], 0, 0
    for m in _SQUEEZE.finditer(low):
        s, e = m.span()
        parts_n.append(norm[last : s + 1])
        parts_l.append(low[last : s + 1])
        out += s + 1 - last
        last = e
        cut_at.append(out)
        orig_at.append(e)
    parts_n.append(norm[last:])
    parts_l.append(low[last:])
    return _Folded("".join(parts_n), "".join(parts_l), cut_at, orig_at)


def fold(text: str) -> str:
    """The matching key for a name: what two spellings of it have in common."""
    return _fold(text.strip()).low


def _slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "unnamed"


# --------------------------------------------------------------------------- vocabularies
# Words that make up titles. A title is a run of these ending right before a name; it
# must contain a head word (minister, secretary, admiral, ...). Everything else about
# a title (which ministry, which country) is open-ended, so complements are accepted
# from a list of institutional words plus the acronyms and countries in the gazetteer.

_HEADS = frozenset(
    """president minister secretary ambassador chairman chairwoman chair chairperson chief
    commander director administrator governor senator speaker chancellor premier adviser
    advisor envoy spokesperson spokesman spokeswoman undersecretary secretary-general
    director-general vice-minister vice-president mayor emperor empress king queen prince
    princess representative congressman congresswoman lawmaker leader head coordinator
    negotiator counselor counsellor attache astronaut admiral general colonel captain
    commodore marshal lieutenant major sergeant brigadier commandant professor
    dr. mr. ms. mrs. prof. adm. gen. lt. maj. brig. col. capt. cmdr. cdr. cmdt. sgt. amb.
    gov. sen. rep. pres. sec. lt.gen. maj.gen. brig.gen. rear-adm. vice-adm. adm gen lt col
    brig maj capt cdr sgt""".split()
)
_CASED_HEADS = frozenset({"PM", "FM", "DM"})  # only in capitals: "pm" is a time of day
# Words that point at a person without being a title of their own.
_CUES = frozenset(
    {"boss", "counterpart", "counterparts", "colleague", "host", "successor", "predecessor"}
)
_TITLE_WORDS = frozenset(
    """vice deputy acting assistant under senior first second third principal executive
    prime former outgoing incoming interim new top attorney press permanent rear fleet
    special presidential parliamentary state commanding supreme ranking majority minority
    opposition associate managing lead honorary foreign defense defence finance trade
    economy economic cabinet security space military naval air army navy marine marines
    intelligence affairs joint staff chiefs european council commission union operations
    force forces corps self-defense self-defence maritime ground national internal
    communications education culture sports science technology policy unification homeland
    commerce energy treasury justice interior transportation general united states nations
    command pacific indo-pacific asia-pacific public health environment agriculture forestry
    fisheries land infrastructure tourism office agency acquisition logistics department
    ministry house representatives senate committee armed services relations government
    secretariat administration aeronautics exploration aerospace strategy plans programs
    requirements mission missions integration external digital transformation revitalization
    central people's liberation party communist liberal democratic coast guard component
    systems development missile warfare information research institute white parliamentary
    legislative regional allied theater strategic cyber combined embassy atlantic treaty
    organization organisation war peace disarmament nuclear women labor labour welfare
    emergency management global asian oceanian north south east west american bureau
    political consular protocol large prefecture province city county district squadron
    group wing division brigade regiment battalion fleet task expeditionary component
    headquarters assembly diet cabinet-level ministerial""".split()
)
_CONNECT = frozenset({"of", "for", "the", "and", "to", "on", "at", "in"})
# Head words that stay titles in lower case ("the defense minister Kihara").
_LOWER_HEADS = frozenset(
    """president minister secretary ambassador chairman chairwoman chair chief commander
    director administrator governor senator chancellor premier adviser advisor envoy
    spokesperson spokesman spokeswoman undersecretary mayor coordinator negotiator leader
    astronaut counselor vice-minister secretary-general director-general""".split()
)
_LOWER_OK = frozenset(
    {
        "former",
        "acting",
        "outgoing",
        "incoming",
        "interim",
        "deputy",
        "vice",
        "senior",
        "top",
        "retired",
    }
)
_LEFT_TRIM = _CONNECT | {"then", "new", "newly", "current", "currently", "now"}
_ABBREV = frozenset(h for h in _HEADS if h.endswith(".")) | {
    "st.",
    "jr.",
    "sr.",
    "no.",
    "inc.",
    "co.",
    "corp.",
    "ltd.",
    "vs.",
}
_PARTICLES = frozenset(
    {
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "da",
        "dos",
        "du",
        "la",
        "le",
        "bin",
        "binti",
        "al",
        "el",
        "ter",
    }
)
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
_MONTHS_DAYS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday""".split()
)
_NOT_NAMES = frozenset(
    """the a an this that these those his her its their our it he she they we i in on at
    for with and but or as by from to of after before during since while when where who
    what which if also both each all some many other another such no not yes here there
    then now today yesterday tomorrow said says says meets met visits visited holds held
    calls urges warns vows announces announced discusses talks signs agrees welcomes
    highlights stresses pledges will is was has have had tells hosts hosted joins leads
    reaffirms emphasizes confirms arrives departs attends launches opens receives seeks
    plans eyes backs slams criticizes would could should may might must can did does
    assembly motors electric dynamics atomics emeritus later earlier meanwhile separately
    however still instead finally afterward afterwards previously recently additionally
    moreover similarly likewise there thus hence so yet nor because although though
    asked told your my every any whose""".split()
)
_OPEN_QUOTES = frozenset({"\u201c", '"', "\u2018", "'"})
_CLOSE_QUOTES = frozenset({"\u201d", '"', "\u2019", "'"})
# Generic words inside multi-word country names.
_COUNTRY_PARTS = frozenset(
    """south north east west united states kingdom republic democratic federal people
    great new of the and islands""".split()
)
# Names family-name first: the surname is the first word.
_FAMILY_FIRST = frozenset({"South Korea", "North Korea", "China", "Taiwan", "Vietnam", "Singapore"})

# Words that make "X exercise" a description rather than a name.
_EXERCISE_GENERIC = frozenset(
    """annual joint bilateral trilateral multilateral multinational quadrilateral combined
    field training naval military air maritime amphibious command post computer assisted
    tabletop communication communications missile defense defence ballistic search rescue
    disaster humanitarian relief aviation fighter bomber anti-submarine warfare mine
    countermeasures exercise exercises drill drills live-fire live fire large scale
    large-scale major first largest biggest national international regional allied army
    navy marine marines force forces ground coast guard cyber space tactical strategic
    readiness interoperability integrated island evacuation noncombatant logistics medical
    special operations sea land landing urban jungle winter cold weather summer spring fall
    autumn new recent latest upcoming next previous last this that the a an its their our
    his her biennial semiannual four-nation three-way two-way dual-carrier carrier strike
    group aerial refueling formation flight flying submarine anti-air command-post
    multi-domain cross-domain staff virtual simulated nuclear deterrence response
    contingency crisis""".split()
)

# A period inside a word ("U.S.", "defense.gov") but not a lost space between sentences
# ("Secretary Austin.The two Ministers").
_TOKEN_RE = re.compile(
    r"(?P<w>[^\W_](?:(?:[-\u2010\u2011'\u2019]|(?<![a-z][a-z])\.|\.(?![A-Z][a-z]))?[^\W_])*\.?)"
    r"|(?P<nl>\n)|(?P<p>[^\w\s])"
)
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")
_INITIAL = re.compile(r"[A-Z]\.")
_NUMBERISH = re.compile(r"\d[\d\-./]*")
# What may follow a head word when a name is coming: the name, or more of the title.
_AFTER_HEAD = re.compile(r"\.?\s+(?:[A-Z\u201c\"'\u2018]|(?:of|for|to|the|and)\s)")
_EXERCISE_WORD = re.compile(r"(?<![\w-])exercises?(?![\w-])", re.IGNORECASE)
_ACRONYM_DEF = re.compile(r"(?:,?\s+(?:Inc|Co|Corp|Ltd|LLC)\.?)?\s*\(([A-Z][A-Za-z0-9&\-]{1,9})\)")


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    kind: str  # w (word) | nl (line break) | p (punctuation)


def _bare(word: str) -> str:
    """The word without a possessive or a trailing full stop."""
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    return word.rstrip(".")


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    low = word.lower().replace("\u2019", "'")
    if low in _ABBREV:
        return low
    if low.endswith("'s"):
        low = low[:-2]
    return low.rstrip(".")


@lru_cache(maxsize=65536)
def _ends_sentence(word: str) -> bool:
    if not word.endswith(".") or len(word) < 2:
        return False
    low = word.lower()
    return not (low in _ABBREV or _INITIAL.fullmatch(word) or _DOTTED.fullmatch(word))


# --------------------------------------------------------------------------- the gazetteer


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


_US_DOTTED = re.compile(r"(?<![A-Za-z.])U\.S\.(?![A-Za-z])")
_US_PLAIN = re.compile(r"(?<![A-Za-z.])US(?![A-Za-z.])")
_KOREAN_GIVEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_PAIR = re.compile(r"^([^\s-]+)-([^\s-]+)(\s.+)$")


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
        countries_needed: list[tuple[Path, int, str]] = []
        for path in files:
            try:
                with open(path, encoding="utf-8") as fh:
                    data = yaml.load(fh, Loader=_Loader)
            except yaml.YAMLError as exc:
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
                    countries_needed.append((path, i, ent.country))
                entities.append(ent)
                if weak_aliases:
                    weak[ent.id] = weak_aliases
        countries = {e.name for e in entities if e.type == "country"}
        for path, i, country in countries_needed:
            if country not in countries:
                raise ConfigError(
                    _shown(path),
                    f"entries[{i}].country",
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

    def holder(self, title: str, country: str, when: date, precise: bool = True) -> Entity | None:
        """The one person who held `title` for `country` in `when`'s year, per their roles.

        Roles carry their years ("Prime Minister (2021-2024)"), so "the Japanese prime
        minister" in a 2023 story is Kishida. In a year two people held the post, or when
        the gazetteer does not say, nobody is guessed.
        """
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
                (a <= when <= b)
                if precise and re.search(r"[A-Za-z]{3}\w*\.?\s+\d{4}", m.group(1))
                else a.year <= when.year <= b.year
                for a, b in role_periods(role)
            )
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def find_roles(
        self, text: str, when: date | None, taken: Iterable[Mention] = (), precise: bool = True
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
            person = self.holder(hit.group("post"), country.name, when, precise)
            if person is not None:
                out.append(Mention(s, e, text[s:e], person, "role", hit.group("post")))
        return out

    def weak_aliases(self, entity_id: str) -> tuple[str, ...]:
        """The ambiguous short forms of an entity (trusted only with support in a document)."""
        return self._weak_of.get(entity_id, ())

    def alias_table(self) -> list[tuple[str, Entity]]:
        """Every name, alias and weak alias with its entity, as written in the gazetteer."""
        return list(self._table)

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


# "the Japanese prime minister", "Japan's defense minister", "the U.S. secretary of state":
# a country word, a post, and no name after it.
_ROLE_REF = re.compile(
    r"(?P<who>\b(?:[Tt]he\s+)?(?P<cty>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:['’]s)?)\s+"
    r"(?P<post>(?:[Pp]rime [Mm]inister|[Pp]remier|[Pp]resident|[Ff]oreign [Mm]inister|"
    r"[Dd]efen[cs]e [Mm]inister|[Dd]efen[cs]e [Ss]ecretary|[Ss]ecretary of [Ss]tate|"
    r"[Ss]ecretary of [Dd]efen[cs]e|[Cc]hief [Cc]abinet [Ss]ecretary)))"
    r"(?![\w-])(?!,?\s+(?:[A-Z][a-z]+\s+)*[A-Z][a-z]+\b(?!\s+(?:of|and)\b))"
)
_ROLE_YEARS = re.compile(r"\(([^()]*\d{4}[^()]*)\)\s*$")
_MONTHS3 = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_TERM_RE = re.compile(
    r"(?i)(?:from\s+)?(?:(?P<m1>[a-z]{3})[a-z]*\.?\s+)?(?P<y1>\d{4})"
    r"(?:\s*(?P<dash>[-–])\s*(?:(?P<m2>[a-z]{3})[a-z]*\.?\s+)?(?P<y2>\d{4})?)?"
)


def role_periods(role: str) -> list[tuple[date, date]]:
    """When a role was held, from its trailing parentheses: "(2021-2024)", "(2014-2016,
    2024-2025)", "(Oct 2024-Oct 2025)", "(Sep 2020-Aug 2022, Oct 2024-)", "(from Jan 2018)",
    "(acting, 2025-)". An open term runs on (date.max); a month-less year is the whole year."""
    m = _ROLE_YEARS.search(role)
    if not m:
        return []
    out = []
    for part in m.group(1).split(","):
        t = _TERM_RE.search(part)
        if not t:
            continue
        m1 = _MONTHS3.get((t["m1"] or "").lower()[:3], 1)
        start = date(int(t["y1"]), m1, 1)
        if t["y2"]:
            m2 = _MONTHS3.get((t["m2"] or "").lower()[:3], 12)
            y2 = int(t["y2"])
            end = date(y2, m2, 1) + timedelta(days=31)
            end = end.replace(day=1) - timedelta(days=1)
        elif t["dash"] or part.strip().lower().startswith("from"):
            end = date.max
        else:
            m2 = _MONTHS3.get((t["m1"] or "").lower()[:3], 12)
            end = (date(start.year, m2, 1) + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        out.append((start, end))
    return out
_ROLE_FILLER = frozenset({"of", "for", "the", "and", "affairs"})


def _role_key(title: str) -> frozenset[str]:
    """Post words without filler, so "defence minister" == "Minister of Defense"."""
    words = re.findall(r"[a-z]+", title.lower().replace("defence", "defense"))
    return frozenset(w for w in words if w not in _ROLE_FILLER)


@lru_cache(maxsize=4096)
def _surnames_pattern(names: tuple[str, ...]) -> re.Pattern:
    """One alternation of surnames, longest first; the same people recur across documents."""
    return re.compile(r"(?<![\w.'\u2019-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")


_MEMO_LIMIT = 50_000  # memoized answers kept per gazetteer
_MEMO_TEXT = 300  # texts up to this length (names, titles, roles) have their mentions kept

_TITLE_EXPAND = {
    "pm": ("prime", "minister"),
    "fm": ("foreign", "minister"),
    "dm": ("defense", "minister"),
    "defence": ("defense",),
    "chief": ("chief", "commander", "head"),
    "boss": ("commander", "head", "chief"),
    "head": ("head", "chief", "commander", "director"),
    "commander": ("commander", "chief"),
    "commanding": ("commander",),
    "gen.": ("general",),
    "adm.": ("admiral",),
    "lt.": ("lieutenant",),
    "maj.": ("major",),
    "brig.": ("brigadier",),
    "col.": ("colonel",),
    "capt.": ("captain",),
    "gov.": ("governor",),
    "sen.": ("senator",),
    "amb.": ("ambassador",),
    "pres.": ("president",),
    "sec.": ("secretary",),
    "chairman": ("chairman", "chair"),
    "chairwoman": ("chair",),
}
_HONORIFICS = frozenset({"mr.", "ms.", "mrs.", "dr.", "prof.", "professor"})
_ROLE_STOP = frozenset(
    {"of", "the", "and", "for", "to", "on", "at", "in", "u.s.", "us", "acting", "former", "new"}
)
_RANKS = frozenset(
    """admiral general lieutenant major brigadier colonel captain commodore marshal sergeant
    commandant rear vice""".split()
)
_MILITARY_POSTS = frozenset(
    """commander commanding chief chairman joint staff chiefs operations command force forces
    fleet army navy naval air marine corps space self-defense jgsdf jmsdf jasdf""".split()
)


def _role_words(text: str) -> set[str]:
    return {
        w
        for w in re.findall(
            r"[a-z][a-z.\-]*[a-z]|[a-z]", text.lower().replace("defence", "defense")
        )
    }


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
    ent = Entity(
        id=ident,
        type=type_,
        name=name.strip(),
        aliases=_strings(row.get("aliases"), shown, f"{at}.aliases"),
        country=country.strip() if country else None,
        roles=_strings(row.get("roles"), shown, f"{at}.roles"),
    )
    return ent, _strings(row.get("weak_aliases"), shown, f"{at}.weak_aliases")


def _name_words(name: str) -> list[str]:
    return [
        w
        for w in name.replace('"', " ").split()
        if not _INITIAL.fullmatch(w) and w not in _SUFFIXES
    ]


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


@lru_cache(maxsize=4)
def _cached(directory: str) -> Gazetteer:
    return Gazetteer.load(Path(directory))


def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return _cached(str(GAZETTEER_DIR))


# --------------------------------------------------------------------------- one document


class _Taken:
    """Non-overlapping spans already claimed by a mention."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def overlapping(self, s: int, e: int) -> list[tuple[int, int]]:
        i = bisect_right(self.spans, (s, float("inf")))
        out = []
        if i and self.spans[i - 1][1] > s:
            out.append(self.spans[i - 1])
        while i < len(self.spans) and self.spans[i][0] < e:
            out.append(self.spans[i])
            i += 1
        return out

    def free(self, s: int, e: int) -> bool:
        return not self.overlapping(s, e)

    def add(self, s: int, e: int) -> None:
        insort(self.spans, (s, e))

    def remove(self, span: tuple[int, int]) -> None:
        self.spans.remove(span)


class _Reader:
    """Recognition state for one document.

    Titles and names are read from small windows of tokens around the places that can
    hold them (a mention, a head word, the word "exercise"), so the cost follows the
    number of names in a document rather than its length.
    """

    WINDOW = 110  # characters before a name searched for its title; longer than any title

    def __init__(self, gaz: Gazetteer, text: str):
        self.g = gaz
        self.text = text
        self.mentions: dict[tuple[int, int], Mention] = {}
        self.taken = _Taken()
        self.named: dict[str, list[int]] = {}  # entity id -> starts of its strong mentions
        self._headline_cache: dict[int, bool] = {}
        self._title_cache: dict[int, str | None] = {}
        self.heads: set[int] = set()  # where head words of titles stand, if a name may follow
        # surname -> (start, id, entity) of the mentions a later bare surname can refer back
        # to: full names, and surnames that came with a title ("Defense Minister Kihara").
        self.antecedents: dict[str, list[tuple[int, str, Entity]]] = {}

    # ---- bookkeeping
    def _add(self, s: int, e: int, ent: Entity, via: str, title: str | None = None) -> None:
        self.mentions[(s, e)] = Mention(s, e, self.text[s:e], ent, via, title)
        self.taken.add(s, e)
        if via in ("alias", "shape"):
            insort(self.named.setdefault(ent.id, []), s)
        if ent.type == "person" and (title or " " in self.text[s:e]):
            for name in self._surnames(ent):
                insort(self.antecedents.setdefault(name, []), (s, ent.id, ent))

    def _drop(self, span: tuple[int, int]) -> None:
        m = self.mentions.pop(span)
        self.taken.remove(span)
        starts = self.named.get(m.entity.id, [])
        if m.start in starts:
            starts.remove(m.start)
        for name in self._surnames(m.entity):
            lst = self.antecedents.get(name, [])
            if (m.start, m.entity.id, m.entity) in lst:
                lst.remove((m.start, m.entity.id, m.entity))

    def run(self) -> list[Mention]:
        weak_hits = self._aliases()
        self._exercise_shapes()
        self._person_shapes()
        self._weak(weak_hits)
        self._acronyms()
        self._surname_coref()
        out = []
        for m in sorted(self.mentions.values(), key=lambda m: m.start):
            if m.entity.type == "person" and m.title is None and m.via != "shape":
                title = self._title_before(m.start)
                if title:
                    m = Mention(m.start, m.end, m.text, m.entity, m.via, title)
            out.append(m)
        return out

    # ---- token windows
    def _before(self, pos: int, width: int | None = None) -> list[_Tok]:
        """Tokens that end at or before pos, nearest last (a cut first token is dropped)."""
        lo = max(0, pos - (width or self.WINDOW))
        toks = [
            _Tok(m.start(), m.end(), m.group(), m.lastgroup or "p")
            for m in _TOKEN_RE.finditer(self.text, lo, pos)
        ]
        if toks and lo > 0 and toks[0].start == lo and self.text[lo - 1].isalnum():
            toks.pop(0)
        return toks

    def _after(self, pos: int, width: int | None = None) -> list[_Tok]:
        hi = min(len(self.text), pos + (width or self.WINDOW))
        toks = [
            _Tok(m.start(), m.end(), m.group(), m.lastgroup or "p")
            for m in _TOKEN_RE.finditer(self.text, pos, hi)
        ]
        if toks and hi < len(self.text) and toks[-1].end == hi and self.text[hi].isalnum():
            toks.pop()
        return toks

    @staticmethod
    def _is_head(tok: _Tok) -> bool:
        return _key(tok.text) in _HEADS or _bare(tok.text) in _CASED_HEADS

    def _titleish(self, tok: _Tok) -> bool:
        k = _key(tok.text)
        if k.startswith(("then-", "ex-")):
            k = k.split("-", 1)[1]
        return (
            k in _HEADS
            or _bare(tok.text) in _CASED_HEADS
            or k in _CUES
            or k in _CONNECT
            or k in self.g._title_words
        )

    # ---- step 1: the gazetteer's aliases
    def _aliases(self) -> list[tuple[int, int, list[Entity]]]:
        """Gazetteer aliases in the text; also notes where head words of titles stand."""
        f = _fold(self.text)
        low, norm, n = f.low, f.norm, len(f.low)
        strong: list[tuple[int, int, Entity]] = []
        weak: list[tuple[int, int, list[Entity]]] = []
        heads = self.heads
        for end, (length, recs, head) in self.g._automaton.iter(low):
            s, e = end - length + 1, end + 1
            if s and low[s - 1].isalnum() and low[s].isalnum() and not (_cjk(low[s - 1]) or _cjk(low[s])):
                continue  # inside a word
            nxt = low[e] if e < n else " "
            if nxt.isalnum() and low[end].isalnum() and not (_cjk(nxt) or _cjk(low[end])):
                continue
            if head and nxt != "-" and _AFTER_HEAD.match(norm, e):
                heads.add(f.orig(s))
            if not recs:
                continue
            surface = norm[s:e]
            ok = [
                r
                for r in recs
                if (not r.cased or surface == r.norm) and (not r.capital or surface[:1].isupper())
            ]
            if not ok:
                continue
            os_, oe = f.orig_span(s, e)
            strong_ents = [r.entity for r in ok if not r.weak]
            if strong_ents:
                strong.append((os_, oe, min(strong_ents, key=lambda x: _TYPE_RANK[x.type])))
            else:
                weak.append((os_, oe, [r.entity for r in ok]))
        strong.sort(key=lambda h: (h[0] - h[1], h[0]))
        for s, e, ent in strong:
            if self.taken.free(s, e):
                self._add(s, e, ent, "alias")
        return weak

    # ---- titles and names
    def _title_before(self, pos: int) -> str | None:
        """The title or rank standing right before the name that starts at pos."""
        if pos not in self._title_cache:
            self._title_cache[pos] = self._read_title(pos)
        return self._title_cache[pos]

    def _read_title(self, pos: int) -> str | None:
        toks = self._before(pos, 40)
        if toks and toks[0].kind == "w" and pos > 40 and all(t.kind == "w" for t in toks):
            toks = self._before(pos)  # a long title: read further back
        parts: list[_Tok] = []
        for tok in reversed(toks):
            if tok.kind != "w" or _ends_sentence(tok.text) or not self._titleish(tok):
                break
            k = _key(tok.text)
            if k.startswith(("then-", "ex-")):
                k = k.split("-", 1)[1]
            is_head = k in _HEADS or self._is_head(tok)
            if is_head and k not in _LOWER_HEADS and not tok.text.split("-")[-1][:1].isupper():
                break  # "the general public", "a major step": ranks are written with a capital
            if k in ("and", "in", "at", "on") and parts and self._is_head(parts[-1]):
                break  # "... Joint Staff and General Kim": the title is "General"
            lower = not tok.text.split("-")[-1][:1].isupper()
            if lower and not (is_head or k in _CONNECT or k in _CUES or k in _LOWER_OK):
                # A lower-case word belongs to the title only inside a lower-case title
                # ("defense minister"); otherwise it is a sentence word.
                if not parts or parts[-1].text[:1].isupper():
                    break
            parts.append(tok)
        parts.reverse()
        cue = max((n for n, t in enumerate(parts) if _key(t.text) in _CUES), default=-1)
        parts = parts[cue + 1 :]
        while parts and (
            _key(parts[0].text) in _LEFT_TRIM or _key(parts[0].text) in self.g._country_words
        ):
            parts.pop(0)
        if not parts or _key(parts[-1].text) in _CONNECT:
            return None  # "the Minister of Kihara" is not a title
        heads = [n for n, t in enumerate(parts) if self._is_head(t)]
        if not heads:
            return None
        after = [_key(t.text) for t in parts[heads[-1] + 1 :]]
        if after and not any(w in ("of", "for", "to") for w in after):
            return None
        start = parts[0].start
        low = parts[0].text.lower()
        if low.startswith(("then-", "ex-")):
            start += low.index("-") + 1
        return self.text[start : parts[-1].end]

    def _name_word(self, word: str, first: bool) -> bool:
        bare = _bare(word)
        if len(bare) < 2 or not bare[0].isupper() or _NUMBERISH.fullmatch(bare):
            return False
        k = bare.lower()
        if (
            k in _NOT_NAMES
            or k in _MONTHS_DAYS
            or k in _HEADS
            or bare in _CASED_HEADS
            or k in self.g._country_words
        ):
            return False
        return not (k in self.g._title_words or (first and k in _EXERCISE_GENERIC))

    def _name_at(self, pos: int) -> tuple[int, int, list[str]] | None:
        """The capitalised name starting at pos: (start, end, words without nicknames)."""
        toks = self._after(pos, 80)
        words: list[str] = []
        end = pos
        j, n = 0, len(toks)
        while j < n:
            tok = toks[j]
            if tok.kind == "w":
                w = tok.text
                nxt = toks[j + 1] if j + 1 < n and toks[j + 1].kind == "w" else None
                if _INITIAL.fullmatch(w) and words:
                    words.append(w)
                    j += 1
                    continue
                if w.lower() in _PARTICLES and words and nxt and nxt.text[:1].isupper():
                    words.append(w)
                    j += 1
                    continue
                if w in _SUFFIXES and words:
                    words.append(w)
                    end = tok.end
                    j += 1
                    continue
                if not self._name_word(w, first=not words):
                    break
                bare = _bare(w)
                words.append(bare)
                end = tok.start + len(bare)
                j += 1
                if w != bare or sum(1 for x in words if not _INITIAL.fullmatch(x)) >= 5:
                    break  # a possessive or a full stop ends the name
                continue
            if tok.kind == "p" and tok.text in _OPEN_QUOTES and words and j + 2 < n:
                nick, close = toks[j + 1], toks[j + 2]
                if nick.kind == "w" and nick.text[:1].isupper() and close.text in _CLOSE_QUOTES:
                    j += 3  # a nickname in quotes: Gen. John W. "Jay" Raymond
                    continue
            break
        while words and (_INITIAL.fullmatch(words[-1]) or words[-1].lower() in _PARTICLES):
            words.pop()
        if not words:
            return None
        return pos, end, words

    def _headline(self, pos: int) -> bool:
        """Whether the line holding pos is in title case, where capitals say little."""
        line_start = self.text.rfind("\n", 0, pos) + 1
        if line_start not in self._headline_cache:
            line_end = self.text.find("\n", pos)
            line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
            words = [w for w in re.findall(r"[^\W\d_][\w'-]*", line) if len(w) >= 4]
            caps = sum(1 for w in words if w[0].isupper())
            # A sentence ends in punctuation; a headline usually does not.
            ends = line.rstrip().rstrip("\"'\u201d\u2019)]*").endswith((".", "!", "?", ":", ";"))
            self._headline_cache[line_start] = (
                not ends and len(words) >= 3 and caps >= 0.8 * len(words)
            )
        return self._headline_cache[line_start]

    # ---- step 2: exercises from their shape
    def _exercise_shapes(self) -> None:
        for hit in _EXERCISE_WORD.finditer(self.text):
            found = self._exercise_before(hit.start())
            if not found and hit.group()[0] == "E" and self.text[hit.end() : hit.end() + 1] != ".":
                found = self._exercise_after(hit.end())
            if not found:
                continue
            s, e = found[0].start, found[-1].start + len(_bare(found[-1].text))
            if not self.taken.free(s, e) or self._headline(s):
                continue
            name = " ".join(_bare(t.text) for t in found)
            ent = self.g.resolve(name, "exercise")
            if (
                ent is None
                or max(fuzz.token_sort_ratio(fold(name), fold(a)) for a in (ent.name, *ent.aliases))
                < FUZZY_CUTOFF
            ):
                ent = Entity(f"exercise:{_slug(name)}", "exercise", name, source="shape")
            self._add(s, e, ent, "shape")

    def _exercise_words(self, toks: list[_Tok]) -> list[_Tok] | None:
        def generic(t: _Tok) -> bool:
            k = _key(t.text)
            return (
                k in _EXERCISE_GENERIC
                or k in _NOT_NAMES
                or k in _MONTHS_DAYS
                or k in self.g._country_words
                or all(p in self.g._country_words for p in k.split("-"))
            )

        while toks and generic(toks[0]):
            toks.pop(0)
        while toks and generic(toks[-1]):
            toks.pop()
        if not toks:
            return None
        for t in toks:
            w = _bare(t.text)
            if not w[:1].isupper() or w.lower() in _NOT_NAMES or w.lower() in _HEADS:
                return None
        return toks

    def _exercise_before(self, pos: int) -> list[_Tok] | None:
        toks = self._before(pos, 100)
        if toks and toks[-1].kind == "w" and _NUMBERISH.fullmatch(toks[-1].text):
            toks.pop()  # "Freedom Flag 24 exercise"
        found: list[_Tok] = []
        for tok in reversed(toks):
            if (
                tok.kind != "w"
                or not tok.text[:1].isupper()
                or _ends_sentence(tok.text)
                or len(found) >= 6
            ):
                break
            found.insert(0, tok)
        return self._exercise_words(found)

    def _exercise_after(self, pos: int) -> list[_Tok] | None:
        found: list[_Tok] = []
        for tok in self._after(pos, 100):
            if (
                tok.kind != "w"
                or not tok.text[:1].isupper()
                or _NUMBERISH.fullmatch(tok.text)
                or len(found) >= 5
            ):
                break
            found.append(tok)
            if _ends_sentence(tok.text):
                break
        return self._exercise_words(found)

    # ---- step 3: people from their shape
    def _person_shapes(self) -> None:
        starts: set[int] = set()
        for at in sorted(self.heads):
            for tok in self._after(at, 50)[1:]:
                if tok.kind != "w":
                    break
                if tok.text[:1].isupper() and self._name_word(tok.text, first=True):
                    starts.add(tok.start)
                    break
                if not self._titleish(tok) or _ends_sentence(tok.text):
                    break
        candidates: list[tuple[int, int, list[str], str]] = []
        for pos in starts:
            title = self._title_before(pos)
            if title:
                found = self._name_at(pos)
                if found:
                    candidates.append((*found, title))
        # Full names first, so that a lone surname can refer back to them.
        for s, e, words, title in sorted(candidates, key=lambda c: (len(c[2]) < 2, c[0])):
            self._person_shape(s, e, words, title)

    def _person_shape(self, s: int, e: int, words: list[str], title: str) -> None:
        clash = self.taken.overlapping(s, e)
        multi = len([w for w in words if not _INITIAL.fullmatch(w)]) >= 2
        for span in clash:
            m = self.mentions.get(span)
            if m is None or m.entity.type == "person" or not multi or span[0] <= s:
                return  # the gazetteer already names it (its title is added later)
        via, ent = "shape", None
        if multi:
            ent = self.g._resolve_person(words)
        else:
            ent = self._doc_person(words[0], s)
            if ent is not None:
                via = "coref"
            else:
                ent = self._weak_choice(self.g._weak.get(fold(words[0]), []), s, title)
                via = "weak" if ent else via
        if ent is None:
            if self._headline(s):
                return
            name = " ".join(words)
            ent = Entity(f"person:{_slug(name)}", "person", name, source="shape")
        for span in clash:
            self._drop(span)
        self._add(s, e, ent, via, title)

    def _doc_person(self, surname: str, before: int) -> Entity | None:
        """The person named in full earlier in this document whose surname this is."""
        earlier = [x for x in self.antecedents.get(surname, ()) if x[0] < before]
        return earlier[-1][2] if earlier else None

    def _surnames(self, ent: Entity) -> frozenset[str]:
        fam = self.g._family.get(ent.id)
        if fam is not None:
            return fam
        words = _name_words(ent.name)
        out = {words[-1]} if words else set()
        if len(words) >= 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", words[-1]):
            out.add(words[0])  # Korean order: Kim Seung-kyum
        return frozenset(out)

    def _weak_choice(self, cands: list[Entity], at: int, title: str | None) -> Entity | None:
        if not cands:
            return None
        supported = [c for c in cands if self.named.get(c.id)]
        if supported:

            def distance(c: Entity) -> tuple[int, int]:
                starts = self.named[c.id]
                before = [p for p in starts if p < at]
                return (0, at - before[-1]) if before else (1, starts[0] - at)

            return min(supported, key=distance)
        ids = {c.id for c in cands}
        earlier = [
            x
            for w in {w for c in cands for w in self._surnames(c)}
            for x in self.antecedents.get(w, ())
            if x[0] < at and x[1] in ids
        ]
        if earlier:
            return max(earlier, key=lambda x: x[0])[2]
        if not title:
            return None
        fits = sorted(((self.g._role_fit(c, title), c.id, c) for c in cands), reverse=True)
        if fits[0][0] > 0 and (len(fits) == 1 or fits[0][0] > fits[1][0]):
            return fits[0][2]
        return None

    # ---- step 4: weak aliases with support
    def _weak(self, hits: list[tuple[int, int, list[Entity]]]) -> None:
        titled = [
            (
                s,
                e,
                c,
                (self._title_before(s) or self._title_in_parens(s, e))
                if any(x.type == "person" for x in c)
                else None,
            )
            for s, e, c in hits
        ]
        # Titled ones first: "PM Kishida" late in a text supports "Kishida" in its headline.
        for s, e, cands, title in sorted(titled, key=lambda h: (h[3] is None, h[0])):
            if not self.taken.free(s, e):
                continue
            ent = self._weak_choice(cands, s, title)
            if ent is None:
                continue
            earlier = any(p < s for p in self.named.get(ent.id, ())) or any(
                x[0] < s and x[1] == ent.id
                for w in self._surnames(ent)
                for x in self.antecedents.get(w, ())
            )
            self._add(s, e, ent, "coref" if earlier and not title else "weak", title)

    def _title_in_parens(self, s: int, e: int) -> str | None:
        """ "Secretaries of State (Blinken) and Defense (Austin)": a newsletter's post with
        the surname in parentheses after it; the post words are the title."""
        if not (re.search(r"\(\s*$", self.text[max(0, s - 3) : s]) and self.text[e : e + 1] == ")"):
            return None
        head = re.search(r"([A-Za-z][\w.'’ -]{2,40}?)\s*\(\s*$", self.text[max(0, s - 45) : s])
        return head.group(1).strip() if head else None

    # ---- step 5: acronyms a document defines for itself
    def _acronyms(self) -> None:
        defined: dict[str, tuple[int, Entity]] = {}
        for m in sorted(self.mentions.values(), key=lambda m: m.start):
            if m.entity.type in ("person", "country"):
                continue
            d = _ACRONYM_DEF.match(self.text, m.end)
            if not d:
                continue
            acr = d.group(1)
            if fold(acr) in self.g._strong or acr in defined:
                continue
            defined[acr] = (d.start(1), m.entity)
        if not defined:
            return
        pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, defined)) + r")(?!\w)")
        for hit in pattern.finditer(self.text):
            first, ent = defined[hit.group(1)]
            if hit.start() >= first and self.taken.free(hit.start(), hit.end()):
                self._add(hit.start(), hit.end(), ent, "coref")

    # ---- step 6: a surname alone, after the full name
    def _surname_coref(self) -> None:
        firsts = {k: v for k, v in self.antecedents.items() if v}
        if not firsts:
            return
        pattern = _surnames_pattern(tuple(sorted(firsts, key=lambda n: (-len(n), n))))
        for hit in pattern.finditer(self.text):
            s, e = hit.span()
            # The antecedents are kept sorted: the nearest one before the hit by bisection,
            # not by a scan of all of them (a name repeated through 100 KB cost its square).
            lst = firsts[hit.group()]
            before = bisect_left(lst, (s,))
            if not before or not self.taken.free(s, e):
                continue
            nearest = lst[bisect_left(lst, (lst[before - 1][0],))][2]
            nxt = self._after(e, 40)
            if nxt and nxt[0].kind == "w" and self._name_word(nxt[0].text, first=False):
                continue  # part of a longer name: Kim Jong Un is not Kim Seung-kyum
            title = self._title_before(s)
            prev = self._before(s, 40)
            if (
                not title
                and prev
                and prev[-1].kind == "w"
                and prev[-1].text[:1].isupper()
                and not _ends_sentence(prev[-1].text)
            ):
                k = _key(prev[-1].text)
                if k not in _NOT_NAMES and k not in self.g._title_words:
                    continue  # another first name before it: Mark Campbell
            self._add(s, e, nearest, "coref", title)
