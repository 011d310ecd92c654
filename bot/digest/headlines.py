"""Which of a week's facts lead the digest, and why.

A reader who skims five lines should see the week's one important meeting before six
minor items. Significance here is only what the facts themselves support, so every
headline can be explained from the knowledge base and nothing is a guess about news
value. Facts are compared on these criteria, in this order, each deciding only when all
before it are equal:

1. Reporting documents: an event that several documents report (a merged fact with
   sources in several documents) outranks one mentioned once.
2. Seniority of the participants, from the roles the gazetteer gives each person for the
   year of the fact: leaders (heads of state or government) > ministers (and cabinet
   secretaries, heads of international organisations) > commanders and officials (every
   other post). Participants are compared as a list sorted from most senior down, so
   one leader outranks any number of ministers, and a leader with two ministers
   outranks a leader alone. A person the gazetteer does not know counts for nothing;
   a known person outside the years of every listed post counts as an official.
3. Firsts: the fact's own text calls it a first or inaugural ("the first", "for the
   first time", "inaugural", "maiden", "first-ever"), not titles such as "First Vice
   Minister".
4. Multilateral over bilateral: three or more countries, or a text that says
   trilateral, multilateral or quadrilateral.
5. Ties go to the earlier date, then the title, so the order is stable.

`significance()` returns the criteria as a tuple (larger is more significant) with the
reasons in words, which `allybot digest --json` shows with each headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bot.kb.model import Fact

MAX_HEADLINES = 5

LEADER, MINISTER, OFFICIAL = 3, 2, 1
TIER_NAMES = {LEADER: "leader", MINISTER: "minister", OFFICIAL: "official"}

# Posts that head a state or government; "President of JAXA" heads neither, so a post
# with an "of" part counts only when that part names a country or the European Union.
_LEADER_POST = re.compile(
    r"^(?:acting\s+)?(?:prime minister|premier|president|chancellor|emperor|king|queen|"
    r"supreme leader|general secretary of the chinese communist party)(?:\s+of\s+(?P<of>.+))?$"
)
_UNIONS = re.compile(r"^the european (?:council|commission)$")
_MINISTER_POST = re.compile(
    r"(?<![\w-])minister\b|^(?:acting\s+)?secretary of (?!the (?:air force|army|navy)\b)|"
    r"^(?:foreign|defence|defense) secretary$|^chief cabinet secretary$|^vice president$|"
    r"^secretary[- ]general of (?:nato|the united nations)$|^high representative of the eu\b"
)
_NOT_MINISTER = re.compile(r"\bvice[- ]minister\b|\bvice minister\b|\bdeputy secretary\b")
_YEARS = re.compile(r"\(([^()]*\d{4}[^()]*)\)\s*$")

_FIRST = re.compile(
    r"\b(?:inaugural|maiden|first[- ]ever|for the first time|first time)\b|"
    r"\b(?:the|its|their|a|'s|’s)\s+first\b(?!\s+(?:vice|deputy|lady|secretary|half|quarter|"
    r"round|week|day|time|of)\b)",
    re.IGNORECASE,
)
_MULTI = re.compile(r"\b(?:tri|multi|quadri)lateral\b|\bquad\b", re.IGNORECASE)


@dataclass(frozen=True)
class Significance:
    documents: int
    seniority: tuple[int, ...]  # participants' tiers, most senior first
    first: bool
    multilateral: bool
    reasons: list[str] = field(default_factory=list, compare=False)

    @property
    def key(self) -> tuple:
        return (self.documents, self.seniority, self.first, self.multilateral)

    def to_json(self) -> dict:
        return {
            "documents": self.documents,
            "seniority": [TIER_NAMES[t] for t in self.seniority],
            "first": self.first,
            "multilateral": self.multilateral,
            "reasons": list(self.reasons),
        }


def _spans(role: str) -> tuple[str, list[tuple[int, int]] | None]:
    """A role's post and the years it was held (None: the gazetteer gives no years)."""
    m = _YEARS.search(role)
    if not m:
        return role.strip(), None
    spans = []
    for part in m.group(1).split(","):
        r = re.search(r"(\d{4})(?:\s*[-–]\s*(\d{4})?)?", part)
        if not r:
            continue
        start = int(r.group(1))
        open_ended = "from" in part or (r.group(0).rstrip().endswith(("-", "–")))
        end = int(r.group(2)) if r.group(2) else (9999 if open_ended else start)
        spans.append((start, end))
    return role[: m.start()].strip(), spans or None


def role_tier(post: str, gazetteer=None) -> int:
    """The tier of one post, without its years ("Prime Minister" -> LEADER)."""
    text = " ".join(post.lower().replace("defence", "defense").split())
    m = _LEADER_POST.match(text)
    if m:
        of = m.group("of")
        if of is None or _UNIONS.match(of) or (gazetteer is not None and _is_country(gazetteer, of)):
            return LEADER
    if _MINISTER_POST.search(text) and not _NOT_MINISTER.search(text):
        return MINISTER
    return OFFICIAL


def _is_country(gazetteer, name: str) -> bool:
    return gazetteer.resolve(re.sub(r"^the\s+", "", name.strip(), flags=re.I), "country") is not None


def person_tier(entity, when: date | None, gazetteer=None) -> int:
    """The most senior post a person held in `when`'s year; OFFICIAL if none is listed."""
    best = 0
    for role in entity.roles:
        post, spans = _spans(role)
        if spans is not None and when is not None and not any(a <= when.year <= b for a, b in spans):
            continue
        best = max(best, role_tier(post, gazetteer))
    return best or OFFICIAL


def _fact_year(fact: Fact) -> date | None:
    m = re.match(r"^(\d{4})", fact.date_start or "")
    return date(int(m.group(1)), 1, 1) if m else None


def documents(fact: Fact) -> int:
    return len({fact.doc_id, *(s.doc_id for s in fact.sources)} - {None, ""})


def significance(fact: Fact, gazetteer=None) -> Significance:
    """The criteria of the module docstring for one fact."""
    when = _fact_year(fact)
    tiers: list[int] = []
    reasons: list[str] = []
    senior: list[str] = []
    if gazetteer is not None:
        for name in dict.fromkeys(fact.participants):
            ent = gazetteer.resolve(name, "person") if name else None
            if ent is None or ent.type != "person":
                continue
            tier = person_tier(ent, when, gazetteer)
            tiers.append(tier)
            if tier == LEADER or tier == MINISTER:
                senior.append(f"{ent.name} ({TIER_NAMES[tier]})")
    tiers.sort(reverse=True)
    docs = documents(fact)
    if docs > 1:
        reasons.append(f"reported in {docs} documents")
    if senior:
        reasons.append(", ".join(senior))
    text = " ".join((fact.title or "", fact.summary or "", fact.quote or ""))
    first = bool(_FIRST.search(text))
    if first:
        reasons.append("a first")
    multilateral = len(set(fact.countries)) >= 3 or bool(_MULTI.search(text))
    if multilateral:
        reasons.append("multilateral")
    return Significance(docs, tuple(tiers), first, multilateral, reasons)


def headlines(facts: Iterable[Fact], gazetteer=None, limit: int = MAX_HEADLINES) -> list[tuple[Fact, Significance]]:
    """The `limit` most significant facts, most significant first (see the module docstring)."""
    scored = [(f, significance(f, gazetteer)) for f in facts]
    scored.sort(key=lambda fs: (_neg(fs[1].key), fs[0].date_start or "", fs[0].title or "", fs[0].id))
    return scored[:limit]


def _neg(key: tuple) -> tuple:
    documents_, seniority, first, multilateral = key
    return (-documents_, tuple(-t for t in seniority) + (0,), not first, not multilateral)
