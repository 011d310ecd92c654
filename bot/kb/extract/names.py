"""What a sentence names: forums, exercises, programs and companies, from the gazetteer or
from their shape ("... Dialogue on Space", "exercise dubbed Iron Fist", "the Artemis
program", "... Heavy Industries"), and acronyms a document defines ("Space Engagement Talk
(SET)") for the sentences after.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterable

from bot.kb.entities.shapes import REGION_ALONE
from bot.kb.extract.common import (
    _MONTH_WORDS,
    _ORDINALS,
    _PERSON_TITLES,
    _STARTERS,
    _before,
    _Named,
    _norm_key,
    _Sent,
    _space_context,
)

# "2+2" is tried only from the first digit of a number, or 100,000 digits cost 10^10 steps.
_CAP_TOKEN = r"(?:[A-Z][\w’'.+&-]*|(?<!\d)\d+\s*\+\s*\d+)"
_CHUNK = re.compile(rf"{_CAP_TOKEN}(?:\s+(?:(?:of|on|for|and|the|&|de)\s+){{0,2}}{_CAP_TOKEN})*")
_FORUM_HEADS = frozenset(
    "dialogue talks talk summit committee subcommittee meeting conference forum consultations "
    "consultation roundtable ministerial symposium".split()
)
_ORDINAL_MEETING = re.compile(
    rf"^(?P<ord>{_ORDINALS})\s+(?:meeting|session|round|edition)\s+of\s+(?:the\s+)?(?P<rest>.+)$",
    re.I,
)
_ACRONYM_DEF = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9-]{1,9})\s*\)")
# ("an exercise simply called Guam Exercise", "called ‘Multi-Sail 2016’"; after a comma only
# with its edition's year: "the bilateral exercise, Multi-Sail 2016 (MS-16)")
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"
_EXERCISE_AFTER = re.compile(
    r"\b(?:exercises?|drills?)(?:\s+(?:simply\s+)?(?:called|dubbed|named|code-named))?\s+[\"“‘']?"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}(?:\s+\d{{2,4}})?)"
    rf"|\b(?:exercises?|drills?),\s+(?P<edition>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}\s+(?:19|20)\d\d)\b"
)
_EXERCISE_BEFORE = re.compile(
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?:\s+\d{2,4})?)[\"”]?\s+(?:exercises?|drills?)\b"
)
_NOT_EXERCISE_NAME = re.compile(
    r"\b(?:Navy|Army|Air|Force|Forces|Marine|Marines|Military|Defense|Defence|Self|Joint|"
    r"Japan|Japanese|American|Korean|Chinese|Philippine|Australian|Indian|US|U|Coast|Guard|"
    r"Bilateral|Trilateral|Multilateral|Annual|Naval|Command|Ministry|The|This|That|These|Those|"
    r"Such|Both|All|Our|Their|Its|Field|"
    r"Large|Military|Exercise|Exercises|Training)\b"
)
_PROGRAM_SHAPE = re.compile(
    r"(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})(?:\s+\([A-Za-z0-9-]+\))?\s+"
    r"(?P<head>program|programme|mission|missions|Initiative|initiative|Accords|Treaty|"
    r"satellites?|telescope|Telescope|Observatory|constellation|system|project)\b"
)
_COMPANY_SHAPE = re.compile(
    r"(?P<name>[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,4}\s+(?:Inc\.|Corp\.|Corporation|Co\.,?\s+Ltd\.|"
    r"Co\.|Ltd\.|LLC|Technologies|Aerospace|Industries|Heavy\s+Industries))(?![\w-]|\s+[A-Z])"
)


# Words without which a pattern below cannot match (each is in every alternative it has), so
# a sentence without any of them is not scanned: most sentences name no forum, exercise,
# program or company. tests/unit/test_named_prefilters.py checks each list against its pattern.
_HEAD_WORDS = tuple(sorted({w.rstrip("s") for w in _FORUM_HEADS}))  # in the lower-cased text
_COUNTRIES_FORUM_WORDS = ("summit", "meeting")
_EXERCISE_WORDS = ("exercise", "drill")
_PROGRAM_WORDS = (
    "program", "mission", "nitiative", "Accords", "Treaty", "satellite", "elescope",
    "Observatory", "constellation", "system", "project",
)
_COMPANY_WORDS = ("Inc.", "Corp", "Co.", "Ltd.", "LLC", "Technologies", "Aerospace", "Industries")
_TWO_PLUS_TWO = re.compile(r"[\"“]?\b(?:2\s*\+\s*2|two-plus-two|2-plus-2)\b[\"”]?", re.I)


def _numbered_for_fiscal_year(entity, year: int) -> bool:
    """Is "<exercise> <year>" the series' number rather than the year it was held? Only when
    no edition was held that year and the edition numbered with its last two digits was
    ("Keen Sword 2011" is Keen Sword 11, 3-10 December 2010; "Keen Sword 2013", 2012's)."""
    editions = getattr(entity, "editions", None) or ()
    if any(ed.year == year for ed in editions):
        return False
    return any(ed.number is not None and str(ed.number) == str(year % 100) and ed.year == year - 1
               for ed in editions)


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def _head(token: str) -> str | None:
    """The forum word a token is ("Talks" -> "talk"), or None."""
    t = token.lower().strip("’'\".,;:“”")
    if t.endswith("’s") or t.endswith("'s"):
        t = t[:-2]
    if t in _FORUM_HEADS:
        return t.rstrip("s") if t in ("talks", "consultations") else t
    return None


def _chunks(s: _Sent) -> Iterable[tuple[int, int, str]]:
    for m in _CHUNK.finditer(s.plain):
        a, b = m.start(), m.end()
        words = m.group().split()
        # Drop capitalised sentence openers and trailing connectors.
        while words and words[0] in _STARTERS:
            a = s.plain.index(words[0], a) + len(words[0])
            a += len(s.plain[a:]) - len(s.plain[a:].lstrip())
            words = words[1:]
        if words:
            yield a, b, s.plain[a:b].strip()


_COUNTRY_ABBR = (
    r"(?:U\.?S\.?|US|Japan|ROK|South\s+Korea|Korea|Philippines?|Australia|India|UK|China)"
)
_COUNTRIES_FORUM = re.compile(
    rf"\b{_COUNTRY_ABBR}(?:-{_COUNTRY_ABBR}){{1,3}}\s+(?:summit|leaders['’]?\s+summit|"
    r"summit\s+meeting|foreign\s+ministers['’]?\s+meeting|defen[cs]e\s+ministers['’]?\s+meeting)\b"
)


def _find_named(s: _Sent, acronyms: dict[str, _Named], forums_seen: list[_Named]) -> list[_Named]:
    """Forums, exercises, programs and companies named in the sentence."""
    named: list[_Named] = []
    taken: list[tuple[int, int]] = []  # sorted, never overlapping: bisect, not a scan of all

    def free(a: int, b: int) -> bool:
        i = bisect_left(taken, (a, a))
        return (i == 0 or taken[i - 1][1] <= a) and (i == len(taken) or b <= taken[i][0])

    def add(n: _Named) -> None:
        if free(n.start, n.end):
            named.append(n)
            insort(taken, (n.start, n.end))

    type_map = {"forum": "forum", "exercise": "exercise", "program": "program"}
    for m in s.mentions:
        t = type_map.get(m.entity.type)
        if t:
            ordinal = None
            if t == "forum":  # "the Ninth Meeting of the Japan-U.S. <forum>"
                pre = re.search(
                    rf"\b(?P<ord>{_ORDINALS})\s+(?:meeting|session|round)\s+of\s+"
                    r"(?:the\s+)?(?:[\w.–-]+\s+){0,2}$",
                    _before(s.plain, m.start)[0],
                    re.I,
                )
                ordinal = pre.group("ord") if pre else None
            key = _norm_key(m.entity.name)
            named_ = _Named(t, m.entity.name, m.start, m.end, key, ordinal, m.entity, m.text)
            if t == "exercise" and (ed := re.match(r"\s+((?:19|20)\d\d)\b", s.plain[m.end :])):
                named_.edition = int(ed.group(1))
                if _numbered_for_fiscal_year(m.entity, named_.edition):
                    # "Keen Sword 2011", held in December 2010: the label is its number
                    named_.edition, named_.number = None, str(named_.edition % 100)
            elif t == "exercise" and (
                ed := re.match(r"[ \t]+(\d\d(?:-\d)?)(?![\w.,:/-]?\d)", s.plain[m.end :])
            ):
                named_.number = ed.group(1)  # "Iron Fist 24", "Freedom Edge 24-2"
            add(named_)
    # Forums by shape: a capitalised name ending in a forum word.
    persons = s.of_type("person")
    low = s.plain.lower()
    for a, b, text in _chunks(s) if _has_any(low, _HEAD_WORDS) else ():
        tokens = text.split()
        heads = [i for i, t in enumerate(tokens) if _head(t)]
        if not heads or tokens[0] in _PERSON_TITLES:
            continue
        # Cut after the last forum word, keeping a topic tail ("Dialogue on Space").
        last = heads[-1]
        if (
            last + 2 < len(tokens)
            and tokens[last + 1] in ("on", "of", "for")
            and tokens[last + 2] not in _MONTH_WORDS  # "Conference on December 10": a date
        ):
            tail = 2
            while last + tail < len(tokens) and tokens[last + tail][0].isupper():
                tail += 1
            last += tail - 1
        text = " ".join(tokens[: last + 1])
        b = s.plain.index(tokens[last], a + len(" ".join(tokens[:last]))) + len(tokens[last])
        if any(a <= m.start < b for m in persons):
            continue
        ordinal = None
        if om := _ORDINAL_MEETING.match(text):
            ordinal, text = om.group("ord"), om.group("rest")
            a = b - len(text)
        # A lower-case ordinal meeting phrase before it: "the Tenth meeting of the Dialogue".
        pre = re.search(
            rf"\b(?P<ord>{_ORDINALS})\s+(?:meeting|session|round)\s+of\s+(?:the\s+)?$",
            _before(s.plain, a)[0],
            re.I,
        )
        if pre:
            ordinal = pre.group("ord")
        if len(text.split()) == 1:  # "the Dialogue": the forum this document named before
            head = _head(text)
            ref = next(
                (
                    f
                    for f in reversed(forums_seen)
                    if _head(f.name.split()[-1]) == head
                    or any(_head(w) == head for w in f.name.split())
                ),
                None,
            )
            if ref is None:
                continue
            add(_Named("forum", ref.name, a, b, ref.key, ordinal))
            continue
        text = re.sub(r"^(?:first-ever|inaugural)\s+", "", text, flags=re.I)
        add(_Named("forum", text, a, b, _norm_key(text), ordinal))
    if ("+" in s.plain or "plu" in low) and (m2 := _TWO_PLUS_TWO.search(s.plain)):
        add(_Named("forum", "2+2", m2.start(), m2.end(), "2+2"))
    # "the US-Japan-ROK summit", "a Japan-U.S. summit": the countries' own summit, by shape
    for m3 in _COUNTRIES_FORUM.finditer(s.plain) if _has_any(s.plain, _COUNTRIES_FORUM_WORDS) else ():
        name = re.sub(r"\s+", " ", m3.group()).strip()
        add(_Named("forum", name, m3.start(), m3.end(), _norm_key(name)))
    # Exercises by shape.
    for rx in (_EXERCISE_AFTER, _EXERCISE_BEFORE) if _has_any(s.plain, _EXERCISE_WORDS) else ():
        for m in rx.finditer(s.plain):
            group = "edition" if "edition" in rx.groupindex and m.group("edition") else "name"
            name = m.group(group)
            if _NOT_EXERCISE_NAME.search(name) or name.split()[0] in _MONTH_WORDS:
                continue
            if name.lower() in REGION_ALONE:
                continue  # "break new ground in Pacific exercise": where, not which
            if any(
                x.start <= m.start(group) < x.end
                for x in s.of_type("country", "org", "place", "person")
            ):
                continue
            add(_Named("exercise", name, m.start(group), m.end(group), _norm_key(name)))
    # Programs and companies by shape; a program only where the sentence is about space.
    programs = _space_context(s.plain) and _has_any(s.plain, _PROGRAM_WORDS)
    for m in _PROGRAM_SHAPE.finditer(s.plain) if programs else ():
        name = m.group("name")
        words = name.split()
        while words and words[0] in _STARTERS:
            words = words[1:]
        if not words or all(w in _MONTH_WORDS for w in words):
            continue
        name = " ".join(words)
        full = f"{name} {m.group('head')}" if m.group("head")[0].isupper() else name
        start = m.end("name") - len(name)
        if any(k.start <= start and k.end >= m.end("name") for k in s.of_type("country")):
            continue  # "Chinese satellites", "Japanese satellites": whose, not a name
        add(_Named("program", full, start, m.end(), _norm_key(name)))
    for m in _COMPANY_SHAPE.finditer(s.plain) if _has_any(s.plain, _COMPANY_WORDS) else ():
        name = m.group("name")
        words = name.split()
        while words and words[0] in _STARTERS:
            words = words[1:]
        if len(words) < 2 or words[0] in ("Outer", "Deep"):
            continue
        name = " ".join(words)
        if any(k.start < m.end("name") and k.end > m.end("name") - len(name) for k in s.mentions):
            continue  # the gazetteer knows it
        add(_Named("org", name, m.end("name") - len(name), m.end("name"), _norm_key(name)))
    # Acronyms defined earlier in the document ("the SET").
    for m in re.finditer(r"\b([A-Z][A-Za-z0-9-]{1,9}?)s?\b", s.plain) if acronyms else ():
        d = acronyms.get(m.group(1))
        if d and free(m.start(), m.end()):
            add(_Named(d.kind, d.name, m.start(), m.end(), d.key, entity=d.entity, said=m.group(1)))
    named.sort(key=lambda n: n.start)
    return named


def _learn_acronyms(s: _Sent, acronyms: dict[str, _Named]) -> None:
    """ "Space Engagement Talk (SET)": later "SET" means the talk."""
    for m in _ACRONYM_DEF.finditer(s.plain):
        acr = m.group("acr")
        if acr in acronyms or acr.upper() != acr and not re.search(r"[A-Z].*[A-Z]", acr):
            continue
        owner = next((n for n in s.named if 0 <= m.start() - n.end <= 2), None)
        if owner is None:
            owner = next((n for n in s.named if n.start < m.start() < n.end), None)
        if owner is None:
            # "Martian Moons eXploration (MMX)": a capitalised name the rules above do not know.
            word = r"(?:[A-Z][\w’'-]*|[a-z]+[A-Z][\w’'-]*)"  # "Martian Moons eXploration"
            pm = re.search(
                rf"((?:{word}\s+(?:(?:of|on|for|and|the)\s+)?){{0,5}}{word})\s*$",
                _before(s.plain, m.start())[0],
            )
            if not pm or len(pm.group(1).split()) < 2:
                continue
            name = pm.group(1)
            words = name.split()
            while words and words[0] in _STARTERS:
                words = words[1:]
            if len(words) < 2:
                continue
            name = " ".join(words)
            at = m.start() - len(name)
            known = next((k for k in s.mentions if k.start < m.start() and k.end > at), None)
            if known is not None:  # the gazetteer knows it already (an agency, a country)
                continue
            kind = "program" if _space_context(s.plain) else "org"
            owner = _Named(kind, f"{name} ({acr})", m.start() - len(name), m.end(), _norm_key(name))
            s.named.append(owner)
        acronyms[acr] = _Named(owner.kind, owner.name, 0, 0, owner.key, entity=owner.entity)
