"""Events of one document: each sentence's candidates joined to an earlier event or
starting a new one.

A candidate joins an earlier event of its kind when it names the same forum, exercise or
program on compatible dates, refers back to it ("During the meeting, ..."), or has the same
people on the same day; each kind adds its own rules through its `Kind` hooks (spec.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bot.kb.dates import stated_day
from bot.kb.entities.shapes import REGION_ALONE
from bot.kb.extract.common import (
    _ANAPHOR_START,
    _DEFINITE_REF,
    _PLAN_BEFORE,
    _PREC_RANK,
    _SEPARATE_MEETING,
    SHIP_FLAGS,
    _acronym,
    _bystander,
    _Cand,
    _Clause,
    _comments_only,
    _compatible,
    _countries,
    _edition,
    _edition_number,
    _forces,
    _in_reference,
    _location,
    _merge_range,
    _Named,
    _pick_date,
    _planned,
    _segments,
    _Sent,
    _shares,
    _words,
    other_edition,
)
from bot.kb.extract.kinds import BY_NAME, DETECTION, KINDS
from bot.kb.text import excerpt_to_plain

# "returned to Earth from the International Space Station": a station left, not an earlier
# event named in passing
_FROM_ABOARD = re.compile(r"(?i)\b(?:returned|came\s+(?:back|home)|departed)\b[^.;]{0,40}\bfrom\s+the\s+$")
_MAIN_TRIGGERS = tuple(k.trigger for k in KINDS if k.trigger is not None and k.hosts_earlier_clause)
_CLAUSE_TRIGGERS = tuple(k.trigger for k in KINDS if k.trigger is not None)
# Not a pattern that can match: no kind's main clause hosts an earlier event's clause.
_NEVER = re.compile(r"(?!)")
_MAIN = (
    re.compile("|".join(f"(?:{rx.pattern})" for rx in _MAIN_TRIGGERS), re.I)
    if _MAIN_TRIGGERS
    else _NEVER
)


# "their first meeting following Donald Trump's election": a person named for an affair of
# their own (an election, a government, a death) is not at the table.
_OWN_AFFAIR = re.compile(
    r"['’]s?\s+(?:re-?election|election|electoral|inauguration|return\s+to|victory|win|"
    r"administration|government|cabinet|presidency|premiership|term|resignation|death|"
    r"assassination|funeral|tariffs?|policies|policy|trade\s+war|predecessor|successor|"
    # "Biden's National Security Adviser Jake Sullivan": whose staff, not who spoke
    r"(?:national\s+security\s+)?advis[eo]r|chief\s+of\s+staff|press\s+secretary|spokes\w+|aides?|envoy)\b",
    re.IGNORECASE,
)
# ... nor one whose government is named for its own doing ("as the administration of US
# President Donald Trump prepares the strategy")
_OWN_AFFAIR_BEFORE = re.compile(
    r"(?i)\b(?:administration|government|cabinet|presidency)\s+of\s+(?:[\w.'’-]+\s+){0,3}$"
)
# ... nor the maker of a deal or decision the clause recalls ("following an agreement by her
# predecessor, former Japanese prime minister Shigeru Ishiba, to invest")
_DEAL_BY = re.compile(
    r"(?i)\b(?:agreement|deal|pledge|promise|decision|commitment)\s+(?:made\s+)?by\s+"
    r"(?:[\w.'’-]+,?\s+){0,7}$"
    # ... nor the founders of the forum a meeting belongs to ("The meeting was part of the
    # Defense Industrial Cooperation ... Forum (DICAS) established by U.S. President Joe Biden
    # and former Japanese Prime Minister Fumio Kishida")
    # (the second founder too: "... and former Japanese Prime Minister Fumio Kishida")
    r"|\b(?:established|founded|created|launched|set\s+up|initiated)\s+by\s+(?:[\w.'’-]+,?\s+){0,7}"
    r"(?:and\s+(?:[\w.'’-]+,?\s+){0,5})?$"
)
_DEAL_REACH = 90
# "reminisced about late former Japanese premier Shinzo Abe": one remembered is not at the table
# (only posts between: "spoke late Sunday with Blinken" is a time)
_THE_LATE = re.compile(
    r"\blate\s+(?:(?:former|Japanese|American|U\.S\.|US|[Pp]rime|[Mm]inister|[Pp]remier|[Pp]resident|"
    r"[Ll]eader|Emperor|[Ss]ecretary|Senator|Ambassador|General|Admiral|[Dd]efen[cs]e|[Ff]oreign)\s+){0,4}$"
)
_EARLIER = re.compile(r"(?i)\b(?:a|the)\s+(?:recent|previous|earlier)\s+(?:[\w-]+\s+){0,3}$")


_PARTICIPLE_CUT = re.compile(r",\s+(?:planning|hoping|intending|aiming|expecting)\s+to\s+$")
_FIRST_VERB = re.compile(
    r"\b(?:said|says|told|will|plans?|is|are|was|were|has|have|announced|met|held|agreed)\b"
)


def _candidates(s: _Sent) -> list[_Cand]:
    """The events a sentence reports: usually none or one, one per dated clause at most."""
    out: list[_Cand] = []
    for a, b, ms in _segments(s, _MAIN, _CLAUSE_TRIGGERS):
        when, future = _pick_date(ms, s)
        persons = [
            m
            for m in s.of_type("person")
            if a <= m.start < b
            and not _in_reference(s, m.start)
            and not _comments_only(m.entity)
            and not _OWN_AFFAIR.match(s.plain, m.end)
            and not _OWN_AFFAIR_BEFORE.search(s.plain, max(0, m.start - 60), m.start)
            and not _DEAL_BY.search(s.plain, max(a, m.start - _DEAL_REACH), m.start)
            and not _THE_LATE.search(s.plain, max(0, m.start - 50), m.start)
        ]
        if a and _PARTICIPLE_CUT.search(s.plain, 0, a):
            # "Koizumi said he will visit ..., planning to meet with Hegseth": the
            # participle's subject is the sentence's
            verb = _FIRST_VERB.search(s.plain)
            persons = [
                m for m in s.of_type("person") if verb and m.end <= verb.start()
            ] + persons
        named = [
            n for n in s.named
            if a <= n.start < b and (not _in_reference(s, n.start, n.end) or _FROM_ABOARD.search(s.plain, 0, n.start))
        ]
        org_mentions = [m for m in s.of_type("org") if a <= m.start < b]
        orgs = list(dict.fromkeys(m.entity.name for m in org_mentions))
        orgs += [n.name for n in named if n.kind == "org" and n.name not in orgs]
        clause = _Clause(s, a, b, when, future, persons, named, orgs, _forces(s, a, b))
        cand = next((c for kind in DETECTION if (c := kind.detect(clause)) is not None), None)
        if cand is None:
            continue
        cand.names = named
        cand.orgs = orgs
        cand.other_orgs = [
            m.entity.name
            for m in org_mentions
            if not re.search(
                r"(?i)company|agency|space|aerospace|administration|command|force|navy|army",
                " ".join(map(str, m.entity.roles or ())) + " " + m.entity.name,
            )
        ]
        extra = [m.entity for m in persons] + [
            m.entity for m in org_mentions if not _bystander(s, m.start, m.end)
        ]
        cand.countries = _countries(s, a, b, extra, kind_is_exercise=cand.kind == "exercise")
        for ship in cand.forces:  # a ship's flag
            flag = SHIP_FLAGS.get(ship.split()[0])
            if flag and flag not in cand.countries:
                cand.countries.append(flag)
        cand.location = _location(s, a, b, cand.trigger_at)
        cand.separate = bool(_SEPARATE_MEETING.search(s.plain, a, b))
        cand.short = {
            m.entity.name: acr for m in org_mentions if (acr := _acronym(m.entity, m.text))
        }
        reported_only = not any(a <= m.start < b for m, report in s.dates if not report)
        anaphoric = bool(_ANAPHOR_START.match(s.plain)) or bool(
            (dm := _DEFINITE_REF.search(s.plain, a, b)) and not _in_reference(s, dm.start())
        )
        if (
            cand.date
            and reported_only
            and (_EARLIER.search(s.plain, a, cand.trigger_at) or anaphoric)
        ):
            # "In response to a recent naval drill ..., the agency said Tuesday": the drill
            # came before the day it was reported; "The talks, the ministry said Friday, ...":
            # the event referred back to has its own date
            cand.date, cand.future = None, False
        dm = _DEFINITE_REF.search(s.plain, a, b)
        cand.definite = bool(dm and not cand.name and not _in_reference(s, dm.start()))
        out.append(cand)
        split = BY_NAME[cand.kind].split
        if split is not None:
            out.extend(split(cand))
    return out


@dataclass
class _Event:
    kind: str
    main: _Cand
    members: list[_Cand] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    last: int = 0  # index of the last sentence that belonged to it

    @property
    def other_orgs(self) -> set[str]:
        return {o for c in self.members for o in c.other_orgs}

    @property
    def date(self) -> tuple[date, date, str] | None:
        if BY_NAME[self.kind].dated_by_lede:  # later sentences add detail, not the news's date
            # (unless the lede is an undated headline its story dates: see _target)
            # (or a caption's, whose story tells the day a sentence or two on)
            return self.main.date or next(
                (
                    c.date
                    for c in self.members
                    if c.date and (c.dates_back or (c.date[2] == "day" and c.sent.i - self.main.sent.i <= 2))
                ),
                None,
            )
        dated = [c.date for c in self.members if c.date]
        if not dated:
            return None
        return min(dated, key=lambda d: (_PREC_RANK[d[2]], d[0]))

    @property
    def future(self) -> bool:
        d = self.date
        return any(c.future and c.date == d for c in self.members)

    @property
    def name(self) -> _Named | None:
        return next((c.name for c in self.members if c.name), None)

    @property
    def location(self) -> str | None:
        if self.main.nowhere or (self.name is not None and _HELD_NOWHERE.search(self.name.name)):
            return None  # a call: "Japan-U.S. Foreign Ministers' Telephone Talk"
        # ("F-35s break new ground in Pacific exercise ... at Andersen Air Force Base in
        # Guam": the place, not the ocean the headline waves at)
        places = [c.location for c in self.members if c.location]
        return next((p for p in places if p.lower() not in REGION_ALONE), places[0] if places else None)

    def person_names(self) -> list[str]:
        out: list[str] = []
        for c in self.members:
            for m in c.persons:
                if m.entity.name not in out:
                    out.append(m.entity.name)
        return out

    def person_mentions(self) -> list:
        seen, out = set(), []
        for c in self.members:
            for m in c.persons:
                if m.entity.name not in seen:
                    seen.add(m.entity.name)
                    out.append(m)
        return out


_HELD_NOWHERE = re.compile(r"(?i)\b(?:tele)?phone\b|\bvideo\b|\bvirtual\b")


# "He met the president on Wednesday.": a meeting told just before, by a pronoun and a title
_MET_BACK = re.compile(
    r"(?i)^\W*(?:he|she)\s+(?:(?:also|first|last|later|had)\s+)?(?:met|spoke\s+with|talked\s+with|"
    r"held\s+talks\s+with)\s+(?:the|his|her)\s+(?:[\w-]+\s+){0,2}(?:president|prime\s+minister|"
    r"premier|secretary|minister|counterpart|leader)\b"
)


_THE_TWO = re.compile(r"(?i)\bthe\s+two\s+(?:(?:leaders|ministers|men|women|sides)\s+)?$")


def _stated_day(c: _Cand) -> tuple[int, int] | None:
    """The month and day a clause writes without a year ("on March 3"), if any."""
    return stated_day(c.sent.text[c.seg[0] : c.seg[1]])


# "the next Quad Summit Meeting", "the upcoming 2+2": another edition than the one held
_NEXT_EDITION = re.compile(r"(?i)\b(?:next|upcoming|following|forthcoming)\s+(?:[\w'’-]+\s+)?$")


def _target(c: _Cand, events: list[_Event]) -> _Event | None:
    same = [
        e
        for e in reversed(events)
        if e.kind == c.kind and not all(m.actorless for m in e.members)  # never hosts: dropped
        # (nor an earlier meeting recalled in passing, but by its own day)
        and not (e.main.recalled and (c.date is None or not _compatible(c.date, e.date)))
    ]
    if not same:
        return None
    spec = BY_NAME[c.kind]
    if c.date is None and not spec.runs and (day := _stated_day(c)) is not None:
        # An undated story's "activated ... on March 3" is not the "forum on March 9"
        # before it: two days written, two events, though neither has a year to compare.
        same = [e for e in same if _stated_day(e.main) in (None, day)]
        if not same:
            return None
    recent = same[0]
    near = c.sent.i - recent.last <= 3
    # The same named forum / exercise / program on compatible dates.
    if c.name is not None:
        if (
            c.anaphor
            and recent.name is None
            and c.sent.i - recent.last == 1
            and spec.join_named is not None
            and spec.join_named(c, recent, near)
        ):
            # "... are holding a large-scale joint military exercise around Tokunoshima." /
            # "The exercise, called "Keen Sword 23", began on Thursday": the name of the event
            # just told; a picture's event of that name above the story is the same one
            named = [
                e for e in same[1:]
                if e.name is not None and e.name.key == c.name.key and _compatible(c.date, e.date, spec.runs)
            ]
            if len(named) == 1 and named[0].last < recent.main.sent.i:  # all of it above the lede
                recent.members[:0] = named[0].members
                events.remove(named[0])
                return recent
        next_one = _NEXT_EDITION.search(c.sent.plain, max(0, c.name.start - 24), c.name.start) is not None
        for e in same:
            n = e.name
            if n is not None and n.key == c.name.key and _compatible(c.date, e.date, spec.runs):
                if c.name.ordinal and n.ordinal and c.name.ordinal.lower() != n.ordinal.lower():
                    continue
                if next_one and not (c.future and e.main.future):
                    # "the next Quad Summit Meeting to be held in Japan": not today's; and the
                    # courtesy call held "in the lead-up to the next Quad Summit" is not it
                    continue
                if c.name.edition and _edition(e) and c.name.edition != _edition(e):
                    continue  # Balikatan 2024 is not Balikatan 2025
                if c.name.number and (n_ := _edition_number(e)) and c.name.number != n_:
                    continue  # nor Iron Fist 24 Iron Fist 25
                if (y := c.name.edition or _edition(e)) and (
                    n_ := c.name.number or _edition_number(e)
                ) and other_edition(c.name.entity, y, n_):
                    continue  # nor Cope North 2016 Cope North 18
                return e
        if spec.join_named is not None and spec.join_named(c, recent, near):
            return recent
        # "It was their first Foreign Ministers' Meeting since ...": the meeting just
        # reported, named again
        if c.anaphor and near and c.kind == recent.kind and _compatible(c.date, recent.date):
            return recent
        if spec.names_distinct:
            return None  # a different named event
    if c.new_cue:
        return None
    # "During the meeting, ..." / "That was the second ..." / "the July 13 talks": the
    # salient event, a few quotes and comments later too.
    if c.anaphor or c.definite:
        # "The Kishida-Biden summit will be preceded by ...": the event of those people,
        # not the G7 summit mentioned in between.
        if c.persons:
            for e in same:
                if _shares(c, e) and _compatible(c.date, e.date):
                    return e
        if (c.sent.i - recent.last <= 6 or len(same) == 1) and _compatible(c.date, recent.date):
            return recent  # the salient event; past a few quotes, or the only one it can mean
    # "Kishida also met with Vice President Harris": another event of the same program
    if spec.starts_another is not None and spec.starts_another(c, recent):
        return None
    # "... during his meeting with Trump in Washington. ... He met the president on Wednesday."
    # (or "The two met on Wednesday."): the day of a meeting just told without one, the same
    # people and no one new.
    met = {m.entity.name for m in c.persons}
    if (
        c.date
        and recent.date is None
        and near
        and c.kind == "meeting"
        and not c.new_cue
        # (a plan's day only for a plan: "he will visit Guam to hold talks with Esper ...
        # when the two meet on Saturday")
        and (not c.future or _PLAN_BEFORE.search(recent.main.sent.plain, 0, recent.main.trigger_at))
    ):
        if (met and met <= set(recent.person_names())) or (
            not met
            and (_MET_BACK.match(c.sent.plain) or _THE_TWO.search(c.sent.plain, 0, c.trigger_at))
        ):
            c.dates_back = True
            return recent
    if (
        c.date
        and recent.date is None
        and c.kind != "meeting"
        and recent.main.sent.i == 0
        and not c.new_cue
        and not c.future
        and _shares(c, recent)
    ):
        # "Biden, Kishida announce progress on lunar mission collaborations" over "They
        # confirmed their commitment to include a Japanese astronaut ...": the headline's
        # news, dated by the story
        c.dates_back = True
        return recent
    # Same people (or forces, programs) on the same day, or a follow-up sentence without a date;
    # the event sharing the most of them ("Austin underscored with Minister Hamada ..." goes
    # on about the Hamada meeting, not the later call on Akiba).
    for e in sorted(same, key=lambda e: -len(met & set(e.person_names()))):
        if not _shares(c, e) or (c.separate and e.name is not None):
            continue
        if c.date is None and (e.main.sent.passage == c.sent.passage or near):
            return e
        # Same people on the same day; or a headline's day and the lede's month ("on
        # January 7" over "a visit in January"), one of them giving the day.
        if (
            c.date
            and e.date
            and "day" in (c.date[2], e.date[2])
            and {c.date[2], e.date[2]} <= {"day", "month"}
            and _compatible(c.date, e.date)
        ):
            if not (c.location and e.main.location and c.location != e.main.location):
                return e
    if c.actorless:  # only right after the news it goes on about, in the same paragraph
        follows = c.sent.i - recent.last == 1 and c.sent.passage == recent.main.sent.passage
        return recent if follows and _compatible(c.date, recent.date) else None
    if spec.join_late is not None and (e := spec.join_late(c, recent, near)) is not None:
        return e
    # An undated sentence repeating an earlier one (a headline and its story).
    if c.date is None:
        w = _words(excerpt_to_plain(c.sent.text[c.seg[0] : c.seg[1]]))
        for e in same:
            ew = _words(excerpt_to_plain(" ".join(m.sent.text for m in e.members if not m.actorless)))
            if w and len(w & ew) / len(w) >= 0.6:
                return e
    return None


# ("The activity took place on November 14, 2025", "The handover took place during a
# ceremony on Aug. 22": the day of what the sentence before told)
_DATED_BACK = re.compile(
    r"(?i)^\W*(?:this|that|the)\s+(?:[\w-]+\s+){0,3}(?:(?:was|were)\s+(?:conducted|held|carried\s+out|"
    r"staged|completed|launched)|took\s+place|happened|occurred)\b"
)


def _dates_last(s: _Sent, events: list[_Event]) -> bool:
    """ "This maritime cooperation was conducted Friday": a sentence that only dates the
    event before it. True when it did."""
    own = [m for m, report in s.dates if not report]
    if not events or not own or not _DATED_BACK.match(s.plain) or s.i - events[-1].last > 3:
        return False
    e = events[-1]
    start, end, prec, future = _merge_range(own)
    if e.date and not _compatible((start, end, prec), e.date, BY_NAME[e.kind].runs):
        return False
    c = _Cand(e.kind, s, (0, len(s.text)), "", 0, date=(start, end, prec), future=future)
    e.members.append(c)
    e.last = s.i
    return True


_SAME_DAY = re.compile(r"(?i)^\W*(?:earlier|later)\s+(?:in\s+the|that|the\s+same)\s+day\b")


def _same_day_as_before(cands: list[_Cand], s: _Sent, prev: _Sent | None) -> None:
    """ "Hayashi said on Friday ... Earlier in the day, Blinken and Hayashi signed ...": the
    day of the sentence before."""
    if prev is None or not prev.dates or not _SAME_DAY.match(s.plain):
        return
    day = [m for m, _ in prev.dates if m.precision == "day"]
    if not day:
        return
    for c in cands:
        if c.date is None:
            c.date = (day[0].date_start, day[0].date_end, "day")


# "Biden and Kishida met in Tokyo on Monday ... They confirmed their commitment to include a
# Japanese astronaut aboard the lunar Gateway": what the two just met announced, that day
_THEY = re.compile(r"(?i)^\W*(?:they|the\s+two(?:\s+(?:leaders|ministers|sides|men|women))?|both\s+(?:leaders|ministers|sides))\s+(?:also\s+)?(?:confirmed|announced|agreed|affirmed|reaffirmed|welcomed|signed|unveiled|pledged|committed)\b")


_WHERE_THEY = re.compile(r"(?i)\b(?:where|at\s+which|during\s+which)\s+(?:they|the\s+two(?:\s+\w+)?)\s+")


def _announced_at_the_meeting(cands: list[_Cand], s: _Sent, events: list[_Event]) -> None:
    # ("met in Tokyo on Monday where they announced progress on ... lunar missions")
    met = next((c for c in cands if c.kind == "meeting" and c.date and c.date[2] == "day" and not c.future), None)
    if met is not None and (w := _WHERE_THEY.search(s.plain, met.trigger_at)) is not None:
        for c in cands:
            if c.kind != "meeting" and c.date is None and w.start() <= c.trigger_at:
                c.date = met.date
    if not _THEY.match(s.plain) or not events:
        return
    e = events[-1]
    if e.kind != "meeting" or s.i - e.last != 1 or e.date is None or e.date[2] != "day" or e.future:
        return
    for c in cands:
        if c.kind != "meeting" and c.date is None:
            c.date = e.date
            if not c.persons:
                c.persons = e.person_mentions()


_RECENT_PEOPLE = 8


def _group(sents: list[_Sent]) -> list[_Event]:
    """Candidates in document order, each joined to an earlier event or starting a new one."""
    events: list[_Event] = []
    prev: _Sent | None = None
    recent: list = []  # person mentions of the sentences before
    for s in sents:
        s.earlier_people = recent[-_RECENT_PEOPLE:]
        recent += s.of_type("person")
        cands = _candidates(s)
        for kind in KINDS:
            if kind.adjust is not None:
                kind.adjust(cands, s, prev)
        _same_day_as_before(cands, s, prev)
        _announced_at_the_meeting(cands, s, events)
        prev = s
        if not cands:
            if not _dates_last(s, events):
                _continue(s, events)
            continue
        for c in cands:
            if c.generic and c.date is None and c.name is None:
                continue  # routine or history ("is held every two years") adds only a name
            e = _target(c, events)
            if e is None:
                events.append(_Event(c.kind, c, [c], last=s.i))
            else:
                e.members.append(c)
                e.last = s.i
    return _fold_repeats(events)


def _fold_repeats(events: list[_Event]) -> list[_Event]:
    """An undated event whose words all recur in a dated one (a headline, a lede) is that event."""
    out = list(events)
    for e in events:
        # A headline naming the forum ("Japan-U.S. Foreign Ministers' Meeting") with no one
        # and no date in it is the meeting the story reports, even when its name is misspelt.
        if e.main.date is not None or (e.name is not None and e.person_names()):
            continue
        if any(m.dates_back for m in e.members):
            continue  # dated by the sentence after it: "... He met the president on Wednesday."
        words = _words(excerpt_to_plain(e.main.sent.text[e.main.seg[0] : e.main.seg[1]]))
        if len(words) < 3:
            continue
        headline = BY_NAME[e.kind].headline_names_story
        if (
            headline
            and e.main.sent.i == 0
            and e.name is not None
            and not e.person_names()
            and not _planned(e)  # "agree to hold 2+2 meeting soon" is not the call it reports
        ):
            # The document's title names the meeting its story reports ("Japan-U.S. Defense
            # Ministerial Telephone Conference" over "Hamada held a telecon with Austin").
            story = next((f for f in out if f.kind == e.kind and f.main.date and f is not e), None)
            if story is not None:
                story.members.extend(e.members)
                out.remove(e)
                continue
        for f in out:
            if f is e or f.kind != e.kind or f.main.date is None:
                continue
            if any(m.sent.i == e.main.sent.i for m in f.members):
                continue  # the other clause of a sentence split in two events
            if e.name is not None and f.name is not None and e.name.key == f.name.key:
                continue  # the same name on another date: another session
            fw = _words(excerpt_to_plain(" ".join(m.sent.text for m in f.members if not m.actorless)))
            if len(words & fw) / len(words) >= 0.6:
                f.members.extend(e.members)
                out.remove(e)
                break
    for kind in KINDS:
        if kind.fold is not None:
            out = kind.fold(out)
    return out


def _continue(s: _Sent, events: list[_Event]) -> None:
    """A sentence that goes on about the last event without reporting one of its own.

    It keeps the event open for later back-references; a kind may take more from it (a
    meeting's topics discussed, the people the report left out).
    """
    if not events:
        return
    last = BY_NAME[events[-1].kind]
    if last.continue_own is not None:
        last.continue_own(s, events[-1])
        return
    for kind in KINDS:
        if kind.continue_last is not None:
            kind.continue_last(s, events)
