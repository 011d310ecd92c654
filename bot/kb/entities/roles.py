"""Roles and their terms: "Minister of Defense (Oct 2024-Oct 2025)" read into periods, and
the words a title is compared by, so "the defense minister" names who held the post then."""

from __future__ import annotations

import re
from datetime import date, timedelta

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


_MONTHS3 = {
    m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)
}


_TERM_RE = re.compile(
    r"(?i)(?:from\s+)?(?:(?P<d1>\d{1,2})\s+(?=[a-z]{3}))?(?:(?P<m1>[a-z]{3})[a-z]*\.?\s+)?(?P<y1>\d{4})"
    r"(?:\s*(?P<dash>[-–])\s*(?:(?P<m2>[a-z]{3})[a-z]*\.?\s+)?(?P<y2>\d{4})?)?"
)


def month_starts(role: str) -> set[tuple[int, int]]:
    """The (year, month) a role's terms began, for the terms written with their month:
    "(Sep 2020-Aug 2022, Oct 2024-)" gives both, "(2022-)" none (`role_periods` reads a
    bare year as January, which is no month to date a story by)."""
    m = _ROLE_YEARS.search(role)
    if not m:
        return set()
    return {
        (int(t["y1"]), _MONTHS3[t["m1"].lower()])
        for part in m.group(1).split(",")
        if (t := _TERM_RE.search(part)) and t["m1"] and t["m1"].lower() in _MONTHS3
    }


def day_starts(role: str) -> set[date]:
    """The days a role's terms began, for the terms written with their day: "(1 Oct
    2024-Oct 2025)" gives 1 October 2024 (a new leader's first call is dated from it)."""
    m = _ROLE_YEARS.search(role)
    if not m:
        return set()
    return {
        date(int(t["y1"]), _MONTHS3[t["m1"].lower()], int(t["d1"]))
        for part in m.group(1).split(",")
        if (t := _TERM_RE.search(part)) and t["d1"] and t["m1"] and t["m1"].lower() in _MONTHS3
    }


def periods_of(roles) -> list[tuple[date, date]]:
    """Every term of every role in `roles`: when someone held any post the gazetteer gives."""
    return [p for role in roles for p in role_periods(role)]


def role_periods(role: str) -> list[tuple[date, date]]:
    """When a role was held, from its trailing parentheses: "(2021-2024)", "(2014-2016,
    2024-2025)", "(Oct 2024-Oct 2025)", "(Sep 2020-Aug 2022, Oct 2024-)", "(1 Oct 2024-)", "(from Jan 2018)",
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
        start = date(int(t["y1"]), m1, int(t["d1"]) if t["d1"] and t["m1"] else 1)
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
