"""The fixed query mix every timing in the benchmark runs over.

It mirrors what analysts type: names and surnames (some misspelt), aliases, places,
exercise and program names, date filters, a bare command, and words that match
nothing. The words are drawn from the corpus cast with a fixed seed, so the mix is the
same on every run and for every N, and it never names anything the corpus cannot hold.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.corpus import DEFAULT_SEED, Cast, build_cast, document, read_gazetteer

FACT_COMMANDS = ("meetings", "exercises", "space")


@dataclass(frozen=True)
class Q:
    command: str  # "meetings", "exercises", "space", "lookup"
    text: str
    kind: str  # what the query tests: exact, typo, alias, date, empty, nomatch, ...

    @property
    def line(self) -> str:
        return f"/{self.command} {self.text}".strip()


def typo(word: str, rng: random.Random) -> str:
    """One realistic slip: two neighbouring letters swapped, or one letter dropped."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i + 1:]


def _mentioned(names: list[str], text: str, rng: random.Random, k: int) -> list[str]:
    """`k` of the names the text mentions most (at random among the top 20), in a fixed order."""
    counts = sorted(((text.count(n), n) for n in set(names) if len(n) > 3), reverse=True)
    top = [n for c, n in counts[:20] if c]
    if len(top) < k:
        top += [n for n in sorted(set(names)) if n not in top]
    return rng.sample(top, k)


def _aliases(text: str, rng: random.Random) -> list[str]:
    """Aliases (acronyms, other spellings) of programs and exercises the text names canonically."""
    entries = read_gazetteer()
    found = sorted(
        a for kind in ("program", "exercise") for e in entries.get(kind, []) if e["name"] in text
        for a in (e.get("aliases") or []) if isinstance(a, str) and 2 < len(a) < 20 and a not in text
    )
    return rng.sample(found, min(2, len(found)))


def query_mix(seed: int = DEFAULT_SEED, cast: Cast | None = None, sample: int = 100) -> list[Q]:
    """The mix, built from what the first `sample` documents of the corpus mention.

    Those documents are in every corpus of that seed (a corpus of N is a prefix of a larger
    one), so the mix is the same for every N and always asks about something that is there.
    """
    cast = cast or build_cast(seed)
    text = "\n".join(document(i, seed, cast).text for i in range(sample))
    rng = random.Random(f"{seed}:queries")
    invented = [p for p in cast.people if p.invented and p.name in text]
    a, b, c = rng.sample(invented, 3)
    place, place2 = _mentioned(cast.places, text, rng, 2)
    ex1, ex2 = _mentioned(cast.exercises, text, rng, 2)
    prog1, prog2 = _mentioned(cast.programs, text, rng, 2)
    (org,) = _mentioned(cast.space_orgs, text, rng, 1)
    year = rng.randint(2016, 2025)
    mix = [
        Q("meetings", a.surname.lower(), "exact surname"),
        Q("meetings", typo(b.surname.lower(), rng), "typo"),
        Q("meetings", f"{c.name}", "full name"),
        Q("meetings", f"{a.surname} {b.surname}", "two people"),
        Q("meetings", place, "place"),
        Q("meetings", f"{b.surname.lower()} {year}", "name + year"),
        Q("meetings", f"since:{year}-01 until:{year + 1}-06", "date range"),
        Q("meetings", f'"{place}" {year}-0{rng.randint(1, 9)}', "quoted place + month"),
        Q("meetings", "", "empty"),
        Q("meetings", "zyzzogeton quorble", "no match"),
        Q("exercises", ex1, "exact name"),
        Q("exercises", typo(max(ex2.split(), key=len).lower(), rng), "typo"),
        Q("exercises", f"{ex1} {year}", "name + year"),
        Q("exercises", place2.lower(), "place"),
        Q("exercises", f"since:{year - 2}", "since"),
        Q("exercises", "", "empty"),
        Q("exercises", "xylophone marmalade", "no match"),
        Q("space", prog1, "exact name"),
        Q("space", typo(max(prog2.split(), key=len).lower(), rng), "typo"),
        Q("space", org, "organization"),
        Q("space", f"{year}", "year"),
        Q("space", "", "empty"),
        Q("space", "quasar pudding", "no match"),
        Q("lookup", f"when did {a.surname} meet {b.surname}", "question"),
        Q("lookup", f"{ex1} exercise", "words"),
        Q("lookup", f"who will provide a rover for {prog1}", "question"),
        Q("lookup", typo(c.surname.lower(), rng), "typo"),
        Q("lookup", "zyzzogeton quorble", "no match"),
    ]
    for alias in _aliases(text, rng):
        mix += [Q("space" if any(alias in (e.get("aliases") or []) for e in read_gazetteer().get("program", []))
                  else "exercises", alias, "alias"), Q("lookup", alias, "alias")]
    return mix
