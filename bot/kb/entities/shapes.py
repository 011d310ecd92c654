"""The shapes of names: title and rank words, name particles, tokens, and words that
are never names; what lets the matcher recognise a person or an exercise it does not know."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_HEADS = frozenset(
    """president minister secretary ambassador chairman chairwoman chair chairperson chief
    commander director administrator governor senator speaker chancellor premier adviser
    advisor envoy spokesperson spokesman spokeswoman undersecretary secretary-general
    director-general vice-minister vice-president mayor emperor empress king queen prince
    princess representative congressman congresswoman lawmaker leader head coordinator
    negotiator counselor counsellor attache astronaut admiral general colonel captain
    commodore marshal lieutenant major sergeant brigadier commandant commissioner professor
    dr. mr. ms. mrs. prof. adm. gen. lt. maj. brig. col. capt. cmdr. cdr. cmdt. sgt. amb.
    gov. sen. rep. pres. sec. lt.gen. maj.gen. brig.gen. rear-adm. vice-adm. adm gen lt col
    brig maj capt cdr sgt mr ms mrs dr prof""".split()
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
    master staff technical command enlisted petty warrant
    legislative regional allied theater strategic cyber combined embassy atlantic treaty
    organization organisation war peace disarmament nuclear women labor labour welfare
    emergency management global asian oceanian north south east west american bureau
    political consular protocol large prefecture province city county district squadron
    group wing division brigade regiment battalion fleet task expeditionary component
    headquarters assembly diet cabinet-level ministerial crown""".split()
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


# A region's word alone before "exercise" says where it was, not what it is called ("Pacific
# Vanguard" is a name; "break new ground in Pacific exercise" is not).
REGION_ALONE = frozenset(
    "pacific atlantic arctic asian asia european western eastern northern southern".split()
)
# Words that make "X exercise" a description rather than a name.
_EXERCISE_GENERIC = frozenset(
    """annual joint bilateral trilateral multilateral multinational quadrilateral combined
    field training naval military air maritime amphibious command post computer assisted
    tabletop communication communications missile defense defence ballistic search rescue
    disaster humanitarian relief aviation fighter bomber anti-submarine warfare mine
    countermeasures exercise exercises drill drills live-fire live fire large scale
    large-scale major first largest biggest national international regional allied army
    navy marine marines armed force forces ground coast guard cyber space tactical strategic
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


def _word_char(c: str) -> bool:
    """What re's \\w matches in a str pattern: a Unicode letter or digit, or "_"."""
    return c.isalnum() or c == "_"


def _surname_hits(text: str, names: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(start, end, name) of the surnames standing alone in `text`: not inside a word, not
    after ".", "'" or "-", not before "-"; at each place the first of `names` that fits
    (longest first), matches not overlapping, leftmost first.

    What ``finditer`` of the alternation ``(?<![\\w.'’-])(A|B|...)(?![\\w-])`` finds, found
    with str.find: the alternation was compiled once per document (each has its own cast
    of people), which cost more than the matching itself.
    """
    found: list[tuple[int, int, str]] = []  # (start, rank in names, name)
    n = len(text)
    for rank, name in enumerate(names):
        if not name:
            continue
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            before = text[at - 1] if at else ""
            after = text[end] if end < n else ""
            if not (before and (_word_char(before) or before in ".'\u2019-")) and not (
                after and (_word_char(after) or after == "-")
            ):
                found.append((at, rank, name))
            at = text.find(name, at + 1)
    found.sort()
    hits: list[tuple[int, int, str]] = []
    done = 0
    for start, _, name in found:
        if start >= done:
            hits.append((start, start + len(name), name))
            done = start + len(name)
    return hits


def _name_words(name: str) -> list[str]:
    return [
        w
        for w in name.replace('"', " ").split()
        if not _INITIAL.fullmatch(w) and w not in _SUFFIXES
    ]
