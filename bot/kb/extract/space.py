"""Space cooperation: agreements, launches, programs, units set up; one fact per news item.

A space fact is news an actor (agency, company, country, person) makes about something
concrete in space (a satellite, a rover, a launch vehicle) or a named program; "space" as a
policy area is not. The news is dated by its lede, or by the document announcing it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.kb.dates import stated_day
from bot.kb.extract.common import (
    _ALLIES,
    _LOOKBACK,
    _PREC_RANK,
    _SPACE_VOCAB,
    _STOP,
    _before,
    _Cand,
    _Clause,
    _comments_only,
    _compatible,
    _countries,
    _country_of,
    _in_reference,
    _join,
    _Sent,
    _shares,
    _space_context,
)
from bot.kb.extract.spec import Event, Kind

_NOT_TERM_AFTER = re.compile(
    r"\s+(?:maker|makers|developer|developers|company|companies|firm|firms|manufacturer|"
    r"startup|industry|industries|technology|technologies|sector|business)\b",
    re.I,
)
_LEFT_WORD = r"(?<![’'])(?!(?:the|a|an|of|to|and|or|on|in|its|their|for|with|because|that|from|by|two|three)\b)[a-z][\w-]*(?<!ing)"
_VERBISH = re.compile(
    r"(?i)sign\w*|reach\w*|conclud\w*|new|an?|sets?|said|says|will|would|under|which|that|"
    r"inked|seal\w*|agree\w*|finaliz\w*|announc\w*"
)
_AGREEMENT = re.compile(
    # ("under a joint statement signed on 20 November" by ESA and JAXA: what the agencies signed)
    r"\b(?:[a-z][\w-]*\s+){0,3}(?:agreement|arrangement|memorandum|framework|accord|joint\s+statement)\b"
)


def _space_term(s: _Sent, a: int, b: int) -> str | None:
    """What a space sentence is about, as a short noun phrase ("reusable launch vehicle")."""
    # ("An agreement was inked on April 9th by NASA Administrator Bill Nelson and ...": a
    # space agency's signature makes it a space agreement)
    if _space_context(s.plain[a:b]) or _SPACE_AGENCY.search(s.plain, a, b):
        for m in _AGREEMENT.finditer(s.plain, a, b):
            words = [w for w in m.group().split() if w not in _STOP and not _VERBISH.fullmatch(w)]
            if len(words) >= 2:
                return " ".join(words)
            if _SIGNED.search(s.plain, a, b):  # "signed an agreement Friday"
                return f"space {m.group().split()[-1]}"
    for m in _SPACE_VOCAB.finditer(s.plain, a, b):
        if _NOT_TERM_AFTER.match(s.plain, m.end()):
            continue
        start, end = m.start(), m.end()
        # Widen to the noun phrase: "a reusable launch vehicle", "a docking component".
        window, lo = _before(s.plain, start)
        left = re.search(rf"(?:\b{_LEFT_WORD}\s+){{0,2}}$", window)
        if left:
            start = lo + left.start()
        right = re.match(
            r"\s+(?!(?:the|a|an|of|to|and|or|on|in|into|for|with|made|by|from|while|that|"
            r"which|as|at|is|are|was|were|will)\b)([a-z][\w-]*)"
            # (a title's capitalised term goes on capitalised: "Lunar Exploration")
            + (r"|\s+(Exploration|Landing|Surface|Orbit(?:er)?|Rover|Lander)\b" if m.group()[:1].isupper() else ""),
            s.plain[end : end + _LOOKBACK],
        )
        if right and m.group().lower() in (
            "docking",
            "lunar",
            "orbital",
            "space station",
            "spaceflight",
            "space launch",
            "sample return",
        ):
            end += right.end()
        return re.sub(r"\s+", " ", s.plain[start:end]).strip()
    return None


_SPACE_AGENCY = re.compile(r"\b(?:NASA|JAXA)\b")
_SIGNED = re.compile(r"(?i)\b(?:sign(?:s|ed|ing)?|inked|concluded)\b")
# An agency or force whose business is space: what it launches or activates is space news.
_SPACE_ORG = re.compile(r"(?i)\bspace\b|\baerospace\s+exploration|\bNASA\b|\bJAXA\b")
_NOT_NOUN = (
    r"(?:a|an|the|its|their|on|in|at|to|of|with|for|by|and|as|that|which|from|after|before|"
    r"more|than|today|this|last|next|"
    # what is announced or welcomed, not what is built or launched
    r"his|her|our|plans?|intentions?|support|commitments?|hopes?|remarks|statements?|views)\b"
)
_OBJECT = re.compile(
    rf"\s+(?:(?:an?|the|its|their|new)\s+)*(?P<np>(?!{_NOT_NOUN})[a-z][\w-]*"
    rf"(?:\s+(?!{_NOT_NOUN})[a-z][\w-]*)?)"
)


def _acted_on(s: _Sent, a: int, b: int) -> str | None:
    """ "The Space Force launched a unit": what a space agency or force set up, as a short term."""
    if not any(
        a <= m.start < b
        and _SPACE_ORG.search(m.entity.name + " " + " ".join(map(str, m.entity.roles or ())))
        for m in s.of_type("org")
    ):
        return None
    for v in _COOPERATION.finditer(s.plain, a, b):
        if o := _OBJECT.match(s.plain, v.end()):
            return o.group("np")
        # "a U.S. Space Command opened at Yokota Air Base": the agency itself is the news
        org = next((m for m in s.of_type("org") if m.end <= v.start() and m.start >= a), None)
        between = s.plain[org.end : v.start()] if org is not None else ""
        no_object = re.match(
            r"\s*(?:$|[,.;]|(?:at|in|on|with|from|near|during|as)\b)", s.plain[v.end() :]
        )
        if (
            org is not None
            and no_object
            and (w := re.match(r"\s+(?:([a-z]+)\s+)?(?:was\s+|were\s+)?$", between))
        ):
            # "a new command opened at", "U.S. Space Forces Japan was activated": a unit set
            # up, however the story names it ("the Space Force unit was activated")
            unit = re.match(r"\s+(?:(?!(?:was|were|is|are|has\s+been)\s)([a-z]+)\s+)?"
                            r"(?:(?:was|were|is|are|has\s+been)\s+)?$", between)
            if _SET_UP.fullmatch(v.group()) and unit and (
                unit.group(1) is None or _UNIT_NOUN.fullmatch(unit.group(1))
            ):
                return _UNIT
            return f"{org.entity.name} {w.group(1)}" if w.group(1) else org.entity.name
    return None


_UNIT = "unit"  # what an agency or force that opens or is activated is: its news is a unit set up
_UNIT_NOUN = re.compile(r"(?i)units?|commands?|components?|squadrons?|detachments?|elements?|wings?")
# What sets a unit up: "opened", "was activated", "stood up", "was established" (not "is
# joining with", "partnered with": the agency's own news, not a new unit)
_SET_UP = re.compile(r"(?i)open(?:s|ed)|activat(?:e|es|ed)|inaugurat(?:e|es|ed)|stood\s+up|establish(?:es|ed)?")


_WEAK_SPACE = re.compile(r"(?i)space\s+(?:domain|situational)\s+awareness|space\s+exploration")
_COOPERATION = re.compile(
    r"\b(?:welcom(?:e|es|ed|ing)|sign(?:s|ed|ing)?|ink(?:s|ed|ing)?|join(?:s|ed|ing)?|"
    r"participat(?:e|es|ed|ing|ion)|agree(?:s|d|ing)?|launch(?:es|ed|ing)?|"
    r"conclud(?:e|es|ed|ing)|announc(?:e|es|ed|ing)|establish(?:es|ed|ing)?|"
    r"partner(?:s|ed|ing)|collaborat(?:e|es|ed|ing)|provid(?:e|es|ed|ing)|"
    r"develop(?:s|ed|ing)?|host(?:s|ed|ing)?|build(?:s|ing)?|built|deploy(?:s|ed|ing)?|"
    r"test(?:ed|ing)|found(?:ed|ing)|award(?:s|ed|ing)?|select(?:s|ed|ing)?|contracted|"
    r"open(?:s|ed)|activat(?:e|es|ed)|inaugurat(?:e|es|ed)|stood\s+up|"
    # a crew's journey home: "returned to Earth from the International Space Station"
    r"returned|landed|splashed\s+down|"
    # (a craft that "arrived", was "installed" or "docked", and an asteroid sample
    # "transferred", were tried too: scored on sets never read, they cost precision and
    # dates, and they went)
    # a craft leaving the station: "HTV9 will depart from the International Space Station on
    # August 18"
    r"depart(?:s|ed|ing)?\s+(?:from\s+)?the\s+(?:International\s+Space\s+Station|ISS|(?:space\s+)?station))\b",
    re.I,
)


_PLANNED_LAUNCH = re.compile(
    r"(?i)\b(?:will|to)\s+(?:be\s+)?launch|\blaunch\s+(?:is|was)\s+(?:scheduled|planned|set|slated)\b|"
    r"\b(?:scheduled|planned|set|slated)\s+to\s+(?:be\s+)?launch"
)
_LAUNCHED = re.compile(r"(?i)(?<!\bbe\s)\blaunched\b")


def _slipped(plan: Event, done: Event) -> bool:
    """ "will be launching ASTRO-H on Friday, Feb. 12" in the original story, "ASTRO-H
    launched successfully on Wednesday, Feb. 17" in the editor's note above it: a launch
    planned for a day, then made some days or months later, is one launch, on the later day."""
    p, d = plan.main, done.main
    if not (p.date and d.date and not d.future):
        return False
    p_text, d_text = p.sent.plain[slice(*p.seg)], d.sent.plain[slice(*d.seg)]
    if not (p.future or _PLANNED_LAUNCH.search(p_text)):
        return False
    if not _LAUNCHED.search(d_text) or _PLANNED_LAUNCH.search(d_text):
        return False
    return p.date[0] <= d.date[0] and (d.date[0] - p.date[0]).days <= 366


def _fold_space(events: list[Event]) -> list[Event]:
    """A headline and its story about one space item ("... to set up unit at Yokota" over
    "the Space Force will set up a unit at Yokota next month"): the same term or program,
    the same actors, compatible dates, one event."""
    out: list[Event] = []
    for e in events:
        host = None
        if e.kind == "space":
            key = e.name.key if e.name else (e.main.space_term or "").lower()
            orgs = {o for c in e.members for o in c.orgs}
            for f in out:
                fkey = f.name.key if f.name else (f.main.space_term or "").lower()
                if f.kind != "space" or not key or fkey != key:
                    continue
                forgs = {o for c in f.members for o in c.orgs}
                if orgs & forgs and _compatible(e.main.date, f.main.date):
                    host = f
                    break
                planned_first = _slipped(f, e)
                if planned_first or _slipped(e, f):
                    host = f
                    if planned_first:  # the launch that happened leads
                        host.main = e.main
                    break
        if host is None:
            out.append(e)
            continue
        host.members.extend(e.members)
        host.last = max(host.last, e.last)
        if host.main is not e.main and _PREC_RANK.get((e.main.date or (0, 0, "year"))[2], 3) < _PREC_RANK.get(
            (host.main.date or (0, 0, "year"))[2], 3
        ):
            host.main = e.main  # the more precisely dated report leads
    return out


# A gazetteer program that is a thing flown ("QZS-6": satellite; "SLIM": mission) is what its
# news is about, before a field of activity named with it ("a space domain awareness payload
# aboard QZS-6").
_CRAFT_ROLE = re.compile(r"(?i)\b(?:satellite|mission|spacecraft|rocket|rover|lander|module|probe)\b")


def _craft(n) -> bool:
    roles = getattr(n.entity, "roles", None) or ()
    return n.entity is not None and any(_CRAFT_ROLE.search(str(r)) for r in roles)


def detect(cl: _Clause) -> _Cand | None:
    s, a, b, plain = cl.s, cl.a, cl.b, cl.s.plain
    programs = sorted(cl.of_kind("program"), key=lambda n: not _craft(n))
    term = _space_term(s, a, b) or _space_term(s, 0, len(plain))
    strong = [m for m in _SPACE_VOCAB.finditer(plain) if not _WEAK_SPACE.fullmatch(m.group())]
    concrete = term is not None and bool(strong)
    acting = bool(_COOPERATION.search(plain, a, b))
    if term is None and acting and (object_ := _acted_on(s, a, b)):
        term, strong = object_, [object_]
    # ("ASTRO-H launched successfully on Wednesday": a craft the gazetteer knows is
    # space context of its own)
    flown = (
        any(_craft(n) for n in programs)
        and cl.when is not None
        and cl.when[2] == "day"
        and bool(_LAUNCHED.search(plain, a, b))
        and not _PLANNED_LAUNCH.search(plain, a, b)
    )
    if not (_space_context(plain) or flown) or not (concrete or acting):
        programs = []  # a strategy, a treaty, or a list of them: not an activity
    if not (concrete or programs or (term and acting)):
        return None
    actors = cl.orgs + [m.entity.name for m in cl.persons] + _countries(s, a, b)
    # "The Framework Agreement ... builds on ...": a named program with no actor
    # goes on about the space news before it (and is dropped if there is none).
    if not (actors or programs):
        return None
    at = programs[0].start if programs else max(plain.find(str(term).split()[-1], a), 0)
    label = term or programs[0].name
    cand = cl.cand("space", label, at)
    cand.space_term = term
    cand.name = programs[0] if programs else None
    cand.persons = cl.persons
    cand.actorless = not (actors or flown)
    return cand


# "NASA and MEXT signed ... The two leaders also announced a joint aim": other people's news
# in the same story is an item of its own.
_ANOTHER_ITEM = re.compile(
    r"(?i)\balso\s+(?:\w+\s+)?(?:announced|signed|agreed|unveiled|launched|welcomed|pledged)\b"
)


def _starts_another(c: _Cand, recent: Event) -> bool:
    met = {m.entity.name for m in c.persons}
    return bool(
        met
        and not met & set(recent.person_names())
        and _ANOTHER_ITEM.search(c.sent.plain, c.seg[0], c.seg[1])
    )


def _join_late(c: _Cand, recent: Event, near: bool) -> Event | None:
    # A space story goes on about its news in the next paragraphs without a date of its own.
    if c.date is None and not c.name and near:
        return recent
    # A space item continued in the same paragraph: the next sentence, or one naming the same actor.
    if recent.main.sent.passage == c.sent.passage:
        if c.sent.i - recent.last == 1 and c.date is None and not c.name:
            return recent
        if _shares(c, recent) and (
            c.name is None or c.name.key == (recent.name.key if recent.name else None)
        ):
            return recent
    return None


def _continue_last(s: _Sent, events: list) -> None:
    """ "... minister Koichi Hagiuda told a news conference", "NASA Administrator Jim
    Bridenstine said ...": the officials of the item's parties, named in the sentences right
    after it, are its people."""
    e = events[-1]
    if e.kind != "space" or s.i - e.last > 2:
        return
    parties = {x for c in e.members for x in c.countries}
    persons = [
        m
        for m in s.of_type("person")
        if not _in_reference(s, m.start)
        and not _comments_only(m.entity)
        and _country_of(m.entity) in parties
    ]
    if persons:
        e.members.append(_Cand("space", s, (0, len(s.text)), "", 0, persons=persons))
        e.last = s.i


def _title(e: Event, loc: str | None, where: str, plan: str, brief: Callable) -> str:
    c = e.main
    # The lede's own subject first: "signed a statement on lunar exploration" is not titled by
    # the Gateway a later sentence mentions.
    label = (c.name.label if c.name else c.space_term) or (
        e.name.label if e.name else "space cooperation"
    )
    actors: list[str] = []
    # The lede's own parties ("Japan has launched a U.S.-developed payload"), then those the
    # story names after it: companies and agencies first, then countries.
    for group in ([c], e.members):
        for m in group:
            actors += [o for o in m.orgs if o not in actors and o not in e.other_orgs]
        if not actors:
            for m in group:
                actors += [x for x in m.countries if x not in actors]
        if actors:
            break
    if not actors:
        actors = list(dict.fromkeys(o for m in e.members for o in m.orgs))
    label = label[0].upper() + label[1:]
    actors = [a for a in actors if a != label]  # "U.S. Space Command" opened: no "X: X"
    return f"{label}: {_join(brief(actors[:3]))}{plan}" if actors else f"{label}{plan}"


def _participants(e: Event) -> list[str]:
    participants = e.person_names()
    for m in e.members:
        participants += [o for o in m.orgs if o not in participants]
    return participants


def _keep(e: Event, when: tuple | None) -> bool:
    return when is not None or e.name is not None


def _reportable(e: Event) -> bool:
    """Kept undated in an undated document: an agency or force acting at a place on a day
    the text gives without its year ("a command was activated at Misawa Air Base on March
    3"), which another report of the same item may give the year of."""
    return any(c.orgs and c.location and stated_day(c.sent.text[c.seg[0] : c.seg[1]]) for c in e.members)


_CAREER = re.compile(r"(?i)\bastronauts?\b")


def _outside_alliance(e: Event, parties: set[str]) -> bool:
    """Space news under no program the team follows is one side's own when a single ally
    does it with another country (U.S. Space Forces Korea stood up at Osan), or when it is
    an astronaut's own career ("became an astronaut in 2009", "candidate astronauts selected
    in 2023"). One ally alone otherwise stays: a joint
    statement's "Both sides celebrated JAXA's probe launch" is the alliance's news."""
    sides = set(parties) | {x for c in e.members for x in c.countries}
    if _ALLIES <= sides:
        return False
    return bool(sides - _ALLIES) or any(_CAREER.search(str(c.space_term or "")) for c in e.members)


KIND = Kind(
    name="space",
    detect=detect,
    title=_title,
    participants=_participants,
    keep=_keep,
    reportable=_reportable,
    names_distinct=False,
    dated_by_lede=True,
    dated_by_document=True,
    outside_alliance=_outside_alliance,
    one_item_per_site=True,
    starts_another=_starts_another,
    continue_last=_continue_last,
    join_late=_join_late,
    fold=_fold_space,
)
