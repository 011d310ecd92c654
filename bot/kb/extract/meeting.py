"""Meetings: talks, summits, calls, visits, a forum convened; one fact per meeting.

Trigger words are data (MEETING_WORDS, HOSTING_WORDS): a phrase an unseen readout or wire
story uses to report a meeting belongs in those tables, not in the code that reads them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from bot.kb.extract.common import (
    _ALLIES,
    _ANAPHOR_START,
    _CONTINUATION,
    _FUTURE_AFTER,
    _GIVE_UP_VERBS,
    _PREC_RANK,
    WEEKDAY,
    _Cand,
    _Clause,
    _compatible,
    _country_of,
    _first_trigger,
    _in_reference,
    _join,
    _planned,
    _role,
    _Sent,
    _short,
    _space_context,
    _spans,
)
from bot.kb.extract.spec import Event, Kind

# Trigger words are data: a phrase an unseen readout or wire story uses to report an event
# belongs in these tables, not in the code that reads them.
MEETING_WORDS = (
    r"met|meets|meeting|meetings|meet\s+with|held\s+talks|talks|talk|dialogue|summit|summits",
    r"consultative\s+committee|security\s+subcommittee|subcommittee\s+for\s+defen[cs]e\s+cooperation|convened|convenes|visited|visits|visit\s+to|co-chaired|co-chair",
    r"spoke\s+with|speaking\s+with|(?<!.)talking\s+with|(?:spoke|talked)\s+(?:by|on\s+the|over\s+the)\s+(?:tele)?phone|2\s*\+\s*2|2-plus-2|two[-\s]plus[-\s]two",
    # "spoke yesterday with", "spoke today by phone with", "spoke separately with"
    # ("spoke late Sunday with", "talked early on Monday with")
    r"(?:spoke|speaks|talked)\s+(?:(?:today|yesterday|again|separately|briefly|virtually|late|early|by\s+(?:tele)?phone|"
    rf"by\s+video|on\s+the\s+(?:tele)?phone|(?:on\s+)?{WEEKDAY}|"
    # "spoke on December 1 with Japanese Vice Foreign Minister Takeo Akiba"
    r"on\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s+\d{4})?,?)\s+)+with",
    r"(?:tele)?phone\s+(?:calls?|talks|conversations?|meetings?|conference)|video\s+(?:call|conference|talks)",
    # "Suga is expected to speak with US President Donald Trump by phone on Sunday"
    r"(?:speak|speaks|talk|talks|talked)\s+with(?=[^.;]{0,80}\b(?:by|over\s+the|on\s+the)\s+(?:tele)?phone\b)",
    r"videoconference|teleconference|telecon|conferred|hosted(?!\s+payloads?)|consultations|ministerial",
    # "Trump and Abe talked defense and trade in Washington": a topic, then the place
    r"talked(?=\s+(?:[\w-]+\s+){1,4}(?:in|at)\s+(?:the\s+)?[A-Z])",
    r"(?:held|hold|holds)\s+(?:[\w-]+\s+){0,4}(?:discussions?|consultations|meeting)|exchanged\s+views",
    # "Speaking alongside Japanese Prime Minister Fumio Kishida at a news conference yesterday,
    # Biden said": before the press together
    r"(?:speaking|appearing|standing|spoke|appeared|stood)\s+alongside(?=[^.;]{0,90}\b(?:news|press)\s+"
    r"(?:conference|briefing|availability)\b)",
    # "LaPlante joined his Japanese counterpart in Tokyo in mid-June to launch the ... Forum"
    r"joined\s+(?:his|her|their)\s+(?:Japanese|American|U\.S\.|US)\s+counterparts?",
    # "part of the discussion held between Secretary of Defense Mark Esper and his counterpart"
    r"discussions?\s+(?:held\s+)?between",
    # "Mr. Fumio Kishida, Minister for Foreign Affairs, exchanged opinions with Ms. Caroline
    # Kennedy"; a readout's title "Exchange of Views Between Foreign Minister Kishida and ..."
    r"exchanged\s+opinions(?=\s+with\b)|exchanges?\s+of\s+(?:views|opinions)\s+(?=between\b)",
    # "Prime Minister Takaichi and President Trump held a substantial exchange of views"
    r"(?:held|hold|holds|had)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}exchanges?\s+of\s+views",
    # "for a fourth round of negotiations with the United States"
    r"round\s+of\s+(?:[\w-]+\s+){0,2}negotiations",
    r"working\s+(?:lunch|dinner|breakfast)|(?:in-person|face-to-face|bilateral)\s+meeting",
    # "a virtual session between Prime Minister Kishida and President Biden"
    r"(?:virtual|video|online|bilateral)\s+session",
    r"signing\s+ceremony",
    # "Joint Press Briefing by Secretary Mattis and Minister Inada in Tokyo": two sides before
    # the press together have met
    # (a story's "held a joint press conference with" tells the meeting it follows)
    r"joint\s+(?:press|news)\s+(?:conference|briefing|availability)(?=\s+(?:by|of|between)\s)",
    # "remarks made by President Biden and Prime Minister Suga at a White House press
    # briefing on Friday" (one official "told a press briefing" is no meeting: two are needed)
    r"(?<=at\sa\s)(?:[A-Z][\w.]*\s+){0,2}(?:joint\s+)?(?:press|news)\s+briefing",
    # "Biden said in a press conference with Kishida": before the press together
    # ("attended the news conference with three fellow crew members": TRIGGER ignores case,
    # so the words that start no name are ruled out by hand)
    r"(?:press|news)\s+conference\s+with(?=\s+(?:(?:Japanese|U\.S\.|US|American|Prime|President|Secretary|Minister)\b|[A-Z][a-z]+\b))"
    r"(?!\s+(?:the|a|an|his|her|their|its|our|two|three|four|five|six|several|other|fellow|reporters|journalists|"
    r"members|officials|crew|astronauts)\b)",
    # "The two leaders are to sit down in Tokyo on Monday", "sat down with Abe"
    # ("Abe sat down Thursday with Donald Trump": its weekday between)
    rf"(?:sit|sits|sat|sitting)\s+down(?=\s+(?:{WEEKDAY}\s+)?(?:with|in|at|on|for|together|next|this|later)\b)",
    # "called the safety a top priority following a call on Dec. 12": a call with its day or
    # its other side (not "a call on Japan to ...", "called for")
    # ("In a Jan 5 call with his US counterpart (Blinken)": the call's day before it)
    r"(?:a|the|their|his|her)\s+(?:[\w.-]+\s+){0,2}call(?=\s+(?:with\b|on\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|"
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d)))",
    # "during a White House state visit on Wednesday": a visit named for its protocol
    r"(?:state|official|working)\s+visit",
    # "The two leaders will meet on Sunday in Tokyo": a planned "meet" with no object, a time
    # or place after it (a present-tense headline's "meet in" is left to the story's body)
    # ("plan to meet April 24 in Tokyo": the day right after it)
    r"(?:will|would|shall|to)\s+meet(?=\s+(?:(?:on|in|at|next|this|later|again|today|tomorrow)\b|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d))",
    # A headline's or chronology's present: "Secretary Clinton and Foreign Minister Matsumoto
    # Meet in Washington (May 2)"
    r"meet(?=\s+(?:in|at|during|on\s+the\s+sidelines)\b)",
    # "when the two meet on Saturday": a time clause's present is a plan
    r"(?<=\btwo\s)meet(?=\s+(?:on|in|at|next|this|later|again|today|tomorrow)\b)",
    r"(?:leaders|ministers|men|sides)\s+meet(?=\s+(?:on|in|at|next|this|later|again|today|tomorrow)\b)",
    # "The defense chiefs of Japan and the U.S. met on Sunday": a wire lede
    # ("The foreign policy chiefs of the United States, Japan and South Korea agreed Tuesday")
    r"(?:(?:defen[cs]e|foreign(?:\s+policy)?|finance|trade)\s+(?:chiefs|ministers|secretaries)|top\s+diplomats)"
    r"\s+(?:of|from)\s+(?:Japan|(?:the\s+)?(?:U(?=\.S\.)|US|United\s+States))",
    r"(?:Japanese|U\.S\.|US|American)\s+and\s+(?:Japanese|U\.S\.|US|American)\s+"
    r"(?:defen[cs]e|foreign)\s+(?:chiefs|ministers)",
    r"joint\s+(?:news|press)\s+(?:conference|availability)",
    # "Biden invited Kishida to his private residence ... on Saturday, where they talked for
    # about an hour": talk that lasted a while is a meeting
    r"(?:talked|spoke|met|conferred)\s+for\s+(?:about\s+|around\s+|some\s+|nearly\s+|roughly\s+|almost\s+|"
    r"more\s+than\s+|over\s+|just\s+over\s+|just\s+under\s+)?(?:an?|one|two|three|four|\d+|half\s+an)\s+"
    r"(?:hours?|minutes?)",
)
TRIGGER = re.compile(rf"\b(?:{'|'.join(MEETING_WORDS)})\b", re.I)
# A transcript's title naming two titled officials before the press: "Secretary Esper and
# Minister Kono Press Conference". Kept out of MEETING_WORDS: its case-sensitive part would cost
# TRIGGER its lower-cased twin (tests/unit/test_caseless_scan.py).
_TWO_TITLED_PRESS = (
    r"(?-i:(?:Secretary|Minister|President|Prime\s+Minister)\s+[A-Z][\w.'’-]+\s+and\s+"
    r"(?:Secretary|Minister|President|Prime\s+Minister)\s+[A-Z][\w.'’-]+\s+(?:Joint\s+)?(?:Press|News)\s+Conference)(?=\s*$)"
)
_TITLED_PRESS = re.compile(_TWO_TITLED_PRESS)
# Words that report a meeting only with a person as their object ("will host Prime Minister
# Kishida", "welcomed President Marcos"), not "hosted the exhibition" or "welcomed the plan".
HOSTING_WORDS = (
    r"host|hosts|hosting|co-host|co-hosts|co-hosted|co-hosting|welcomed|welcomes|welcoming|"
    # ("It's been my pleasure to welcome Prime Minister Suga to the White House")
    r"will\s+welcome|(?:pleasure|honou?r|delighted|glad|happy)\s+to\s+welcome|received|receives|will\s+receive|greeted|greets|hosted|meet"
)
_HOSTING_TRIGGER = re.compile(rf"\b(?:{HOSTING_WORDS})\b(?!\s+payloads?\b)", re.I)  # not "hosted payload"

_TOPICS = (
    ("space", r"\b(?:space|satellites?)\b"),
    ("cyber", r"\bcyber"),
    ("North Korea", r"\bNorth\s+Korea"),
    ("Taiwan Strait", r"\bTaiwan\b"),
    ("East China Sea", r"\bEast\s+China\s+Sea|\bECS\b"),
    ("South China Sea", r"\bSouth\s+China\s+Sea|\bSCS\b"),
    ("Senkaku Islands", r"\bSenkaku"),
    ("extended deterrence", r"\bextended\s+deterrence|\bnuclear\b"),
    ("missile defense", r"\bmissile\s+defen[sc]e|\bcounterstrike|\bcounterattack"),
    ("exercises", r"\bexercises\b"),
    ("Ukraine", r"\bUkraine"),
    ("economic security", r"\beconomic\s+security|\bsupply\s+chains?\b|\bsemiconductors?\b"),
    ("defense industry", r"\bdefen[sc]e\s+(?:industr|equipment|production)|\bco-production"),
    ("intelligence sharing", r"\bintelligence\s+sharing|\binformation\s+sharing"),
    ("force posture", r"\bforce\s+posture|\brealignment\b|\bFutenma\b|\bOkinawa\b"),
    ("command and control", r"\bcommand\s+and\s+control"),
    ("maritime security", r"\bmaritime\s+(?:security|domain)"),
    ("AI and emerging technology", r"\bartificial\s+intelligence|\bAI\b|\bemerging\s+tech"),
)
_TOPIC_RES = tuple((name, re.compile(rx, re.I)) for name, rx in _TOPICS)


_SEPARATE_WITH = re.compile(
    r"(?i)\b(?:held\s+)?separate(?:ly)?\s+(?:discussions|meetings|talks|calls)\s+with\b|"
    r"\band\s+(?:separately|also)\s+(?:met|held\s+talks)\s+with\b"
)


_PAREN_MEETING = re.compile(r"\(\s*(?:meeting|met|meets|with)\s+[^()]*\)", re.I)


def _paren_meetings(c: _Cand) -> list[_Cand]:
    """A newsletter's "visits by Minister A (meeting Secretary B and Secretary C), Advisor D
    (meeting ...)": each
    visitor with the people in the parentheses after them is a meeting of its own."""
    out: list[_Cand] = []
    taken: set[int] = set()
    for m in _PAREN_MEETING.finditer(c.sent.plain, c.seg[0], c.seg[1]):
        guests = [p for p in c.persons if m.start() < p.start < m.end()]
        hosts = [p for p in c.persons if m.start() - 60 <= p.start < m.start()]
        if not guests or not hosts:
            continue
        host = hosts[-1]
        taken |= {id(p) for p in guests} | {id(host)}
        d = _Cand(
            "meeting",
            c.sent,
            c.seg,
            "meeting",
            m.start(),
            date=c.date,
            future=c.future,
            persons=[host, *guests],
            countries=c.countries,
            location=c.location,
            new_cue=True,
        )
        out.append(d)
    if out:
        c.persons = [p for p in c.persons if id(p) not in taken]
    return out


def _separate_meetings(c: _Cand) -> list[_Cand]:
    """ "Austin met his counterpart Hamada, and held separate discussions with Prime Minister
    Kishida, Foreign Minister Hayashi and ...": one meeting each (the first stays `c`)."""
    if c.kind == "meeting" and (paren := _paren_meetings(c)):
        return paren
    if c.kind != "meeting" or len(c.persons) < 3:
        return []
    m = _SEPARATE_WITH.search(c.sent.plain, c.seg[0], c.seg[1])
    if m is None:
        return []
    first = [p for p in c.persons if p.start < m.start()]
    others = [p for p in c.persons if p.start >= m.end()]
    if not first or not others:
        return []
    host = first[0]
    c.persons = first
    out = []
    for p in others:
        d = _Cand(
            "meeting",
            c.sent,
            c.seg,
            m.group(),
            m.start(),
            date=c.date,
            future=c.future,
            persons=[host, p],
            countries=c.countries,
            location=c.location,
            new_cue=True,
        )
        d.definite = d.anaphor = False
        out.append(d)
    return out


_PAIR_SUBJECT = re.compile(
    r"(?i)^\W*(?:the\s+two(?:\s+[\w-]+)?|both\s+(?:men|women|ministers|leaders|sides)|they)\b"
)


_REMOTE = re.compile(r"(?i)\b(?:tele)?phone\b|\bvideo\b|\bvirtual")
_REMOTE_VENUE_BEFORE = re.compile(r"(?i)\bfrom\s+(?:the\s+)?$")


# "The phone talks followed an in-person meeting between Akazawa and Lutnick the previous
# day": a second meeting, the day before the one just told
_FOLLOWED_THE_DAY_BEFORE = re.compile(
    r"(?i)^\W*(?:the|this|that|their)\s+(?:[\w-]+\s+){0,3}(?:talks|meeting|call|conversation|visit)\s+"
    r"(?:followed|came\s+(?:a\s+day\s+)?after)\s+(?:an?|the|their)\s+(?P<ev>(?:[\w-]+\s+){0,3}"
    r"(?:meeting|talks|call|visit|summit|session))\b[^.;]*?\b(?:the\s+(?:previous|prior)\s+day|the\s+day\s+before)\b"
)


# "During her first meeting with her American counterpart, Defense Secretary Ashton Carter":
# the counterpart's counterpart is the one "her" points back to
_HIS_COUNTERPART = re.compile(
    r"(?i)\b(?:his|her)\s+(?:[\w-]+\s+){0,3}(?:meeting|talks|call|conversation|visit)\s+with\s+(?:his|her)\s+"
    r"(?:[\w.-]+\s+)?counterpart\b"
)


def _counterpart_back(cands: list[_Cand], s: _Sent, prev: _Sent | None) -> None:
    """The other side of "her meeting with her American counterpart, X": the one person of
    the other ally named in the sentence before."""
    if prev is None or not _HIS_COUNTERPART.search(s.plain):
        return
    for c in cands:
        sides = {_country_of(m.entity) for m in c.persons}
        if c.kind != "meeting" or len(sides) != 1 or not sides <= _ALLIES:
            continue
        other = [
            m for m in prev.of_type("person")
            if not _in_reference(prev, m.start) and _country_of(m.entity) in _ALLIES - sides
        ]
        if len({m.entity.name for m in other}) == 1:
            c.persons = [other[0], *c.persons]


def _adjust(cands: list[_Cand], s: _Sent, prev: _Sent | None) -> None:
    _borrow_people(cands, s, prev)
    _counterpart_back(cands, s, prev)
    _followed_the_day_before(cands, s, prev)
    _joint_day_before(cands, prev)
    _where_he(cands, s)
    for c in cands:
        if c.kind == "meeting" and _REMOTE.search(c.trigger):
            # "dedication to Japan's defense, including the Senkaku Islands in the East China
            # Sea, in a phone call with Suga": a call is held nowhere; a place it is told
            # from stays ("spoke by phone from Tokyo")
            at = s.plain.find(c.location) if c.location else -1
            if at < 0 or not _REMOTE_VENUE_BEFORE.search(s.plain, max(0, at - 10), at):
                c.location, c.nowhere = None, True


# "Kishida and Kerry on Saturday condemned North Korea ...": two people acting together on a day
_JOINT_ACT_AFTER = re.compile(r"\W{0,3}(?:[a-z]+ed|met|spoke|held|said)\b")


def _joint_day_before(cands: list[_Cand], prev: _Sent | None) -> None:
    """"Kishida and Kerry on Saturday condemned North Korea ... In 30-minute telephone talks,
    Kishida and Kerry also reaffirmed ...": the talks are where they acted together that day."""
    if prev is None:
        return
    for c in cands:
        if c.kind != "meeting" or c.date is not None or c.future or len(c.persons) < 2:
            continue
        names = {m.entity.name for m in c.persons}
        there = [m for m in prev.of_type("person") if m.entity.name in names and not _in_reference(prev, m.start)]
        if {m.entity.name for m in there} != names:
            continue
        last = max(m.end for m in there)
        own = [d for d, report in prev.dates if not report]
        if (
            len(own) == 1 and own[0].precision == "day" and not own[0].future
            and last <= own[0].start < last + 40
            and re.fullmatch(r"[\s,]*(?:on\s+)?", prev.plain[last : own[0].start])
            and _JOINT_ACT_AFTER.match(prev.plain, own[0].end)
        ):
            c.date = (own[0].date_start, own[0].date_end, "day")


_WHERE_BEFORE = re.compile(r",\s+where\s+$")
_HE_AFTER = re.compile(r"(?:he|she)\b")


def _where_he(cands: list[_Cand], s: _Sent) -> None:
    """"Koizumi will deliver remarks in Hawaii on Monday before visiting ... Washington, where he
    is scheduled to hold talks with Hegseth on Thursday": the talks are the sentence's subject's,
    at the place the clause hangs on."""
    for c in cands:
        a = c.seg[0]
        if c.kind != "meeting" or not _WHERE_BEFORE.search(s.plain, max(0, a - 10), a) or not _HE_AFTER.match(s.plain, a):
            continue
        subject = next((m for m in s.of_type("person") if m.start < a), None)
        if subject is not None and subject.entity.name not in {m.entity.name for m in c.persons}:
            c.persons = [subject, *c.persons]
        there = next((m for m in s.of_type("place", "country") if _WHERE_BEFORE.fullmatch(s.plain, m.end, a)), None)
        if c.location is None and there is not None:
            c.location = there.entity.name


def _followed_the_day_before(cands: list[_Cand], s: _Sent, prev: _Sent | None) -> None:
    if prev is None or not (m := _FOLLOWED_THE_DAY_BEFORE.match(s.plain)):
        return
    days = {(d.date_start, d.date_end) for d, report in prev.dates if not report and d.precision == "day"}
    if len(days) != 1:
        return
    ((day, end),) = days
    if day != end:
        return
    for c in cands:
        if c.kind == "meeting" and c.date is None:
            before = day - timedelta(days=1)
            c.date, c.future = (before, before, "day"), False
            c.trigger, c.trigger_at = m.group("ev").split()[-1], m.start("ev")
            c.new_cue, c.definite, c.anaphor = True, False, False


def _borrow_people(cands: list[_Cand], s: _Sent, prev: _Sent | None) -> None:
    """ "Austin told Hamada that ... The two men met in the Pentagon today.": the people of
    a meeting whose subject points back to the sentence before."""
    if prev is None or not _PAIR_SUBJECT.match(s.plain):
        return
    people = [m for m in prev.of_type("person") if not _in_reference(prev, m.start)]
    people += _titled_back(prev, people)
    if len({m.entity.name for m in people}) < 2:
        _borrow_sides(cands, prev, people)
        return
    own = [m for m, report in prev.dates if not report]
    for c in cands:
        if c.kind == "meeting" and not c.persons:
            c.persons = list({m.entity.name: m for m in people}.values())
            told = c.trigger_at + len(c.trigger) + 20
            c.trigger_at = len(s.plain)  # all of them are its subject
            if (
                c.date is None
                and len(own) == 1
                and own[0].precision == "day"
                and not _FUTURE_AFTER.search(s.plain, c.seg[0], min(told, c.seg[1]))
            ):
                # "Hayashi and Blinken agreed Friday to ... The two ministers, meeting in
                # Washington, affirmed ...": the day they were told of is the meeting's
                c.date, c.future = (own[0].date_start, own[0].date_end, "day"), own[0].future


_TITLE_ANAPHOR = re.compile(
    r"(?i)\bthe\s+(president|prime\s+minister|premier|secretary|minister)\b(?-i:(?!\s+[A-Z]))"
)


def _titled_back(s: _Sent, people: list) -> list:
    """ "The president also said he will discuss trade with Prime Minister Shinzo Abe": the
    president named with that title in the sentences before."""
    names = {m.entity.name for m in people}
    out = []
    for word in _TITLE_ANAPHOR.findall(s.plain):
        word = " ".join(word.lower().split())
        m = next(
            (
                m
                for m in reversed(s.earlier_people)
                if m.title and word in m.title.lower() and m.entity.name not in names
            ),
            None,
        )
        if m is not None:
            names.add(m.entity.name)
            out.append(m)
    return out


def _borrow_sides(cands: list[_Cand], prev: _Sent, people: list) -> None:
    """ "Kishida will visit the United States. The two leaders' summit will be held on
    Friday.": one leader named, the other's country; the summit is between the two
    countries, with the leader named at it."""
    sides = [x for x in (_country_of(m.entity) for m in people) if x]
    sides += [m.entity.name for m in prev.of_type("country")]
    sides += [x for m in prev.of_type("place") if (x := _country_of(m.entity))]  # Washington
    sides = list(dict.fromkeys(sides))
    if len(sides) != 2 or not set(sides) & _ALLIES:
        return
    for c in cands:
        if c.kind == "meeting" and not c.persons and not c.countries and _SUMMIT.match(c.trigger):
            c.persons = list({m.entity.name: m for m in people}.values())
            c.countries = sides
            if c.persons:
                c.trigger_at = len(c.sent.plain)  # the one named is its subject


_ANOTHER_MEETING = re.compile(
    r"(?i)\b(?:also|separately|later|then|afterwards?|next)\s+(?:\w+\s+)?"
    r"(?:met|meets|held\s+talks|spoke|talked|called\s+on|paid\s+a\s+courtesy\s+call)"
)


_MEETING_NOUN = re.compile(
    r"(?i)\b(?:meeting|summit|talks?|dialogue|conference|consultations?|forum|ministerial|"
    r"symposium|roundtable|2\+2)\W*$"
)


def _parties(e: Event) -> list[str]:
    """Forces or agencies meeting with no person named: "The U.S. Space Force and the JASDF
    held their first space discussions" (each named in the sentence that reports it)."""
    c = e.main
    return (
        [
            m.entity.name
            for m in c.sent.of_type("org")
            if c.seg[0] <= m.start < min(c.seg[1], c.trigger_at)  # the subject: before the verb
        ]
        if c.kind == "meeting" and not c.persons
        else []
    )


_HOSTED_BY = re.compile(r"(?i)^\W*(?:(?:co-)?hosted|chaired|co-chaired|organized)\s+by\b")
_MEET_VERB = re.compile(r"(?i)^(?:meet|meets|met|meet\s+with|meeting\s+with)$")


def _unnamed_subject(c: _Cand, after: list, where: str, plan: str) -> str | None:
    """A title when everyone named comes after the trigger, so they are not each other's
    counterparts: "an event hosted by Nelson and Melroy" (co-hosts), "Japan's ministers to
    meet Blinken and Austin" (both are met, by people the sentence does not name)."""
    if len(after) < 2:
        return None
    names = _join([_short(m.entity.name, _country_of(m.entity)) for m in after[:3]])
    if _HOSTED_BY.match(c.sent.plain[c.trigger_at :]):
        return f"{names} host a meeting{where}{plan}"
    if _MEET_VERB.match(c.trigger.strip()):
        return f"Meeting with {names}{where}{plan}"
    return None


_NICKNAME = re.compile(r"(?i)2\s*\+\s*2|two[- ]plus[- ]two")


def _nickname(name) -> str | None:
    """The everyday name a source calls a forum by ("2+2", "two-plus-two" for the Security
    Consultative Committee): the title says it too, so the fact reads as its sources do."""
    said = (getattr(name, "said", "") or "").strip(" “”\"")
    return said if said and said != name.name and _NICKNAME.fullmatch(said) else None


def _title(e: Event, loc: str | None, where: str, plan: str, brief: Callable) -> str:
    c = e.main
    people = e.person_mentions()
    name = e.name
    if name is not None:
        label = name.name
        if name.ordinal:
            label = f"{name.ordinal[0].upper()}{name.ordinal[1:]} meeting of the {label}"
        elif name.name == "2+2":
            label = "“2+2” meeting"
        elif nick := _nickname(name):  # "Security Consultative Committee (“2+2”) meeting"
            label = f"{label} (“{nick}”) meeting"
        elif not _MEETING_NOUN.search(label):
            noun = re.match(r"(?i)summit|talks|dialogue|conference|consultations", c.trigger)
            label += f" {noun.group().lower()}" if noun else " meeting"
        who = (
            f" ({_join([_short(m.entity.name, _country_of(m.entity)) for m in people[:4]])})"
            if people
            else ""
        )
        return f"{label}{who}{where}{plan}"
    if not people:
        if len(parties := _parties(e)) >= 2:  # "the U.S. Space Force and the JASDF held talks"
            return f"{_join(parties[:3])} hold talks{where}{plan}"
        if sides := _summit_sides(e):  # "Japan-U.S. summit"
            short = {"United States": "U.S.", "United Kingdom": "U.K.", "South Korea": "ROK"}
            return f"{'-'.join(short.get(x, x) for x in sides[:3])} summit{where}{plan}"
        countries = _join(c.countries[:3])
        return f"{countries} meeting{where}{plan}".strip() if countries else f"Meeting{where}{plan}"
    if not c.persons:  # the people were named in the sentences that followed
        verb = "meet" if len(people) > 1 else "holds talks"
        return f"{_join([_short(m.entity.name, _country_of(m.entity)) for m in people[:4]])} {verb}{where}{plan}"
    # Each person once, on the side of the trigger first named ("Biden greets Kishida ...
    # Kishida shakes hands with Biden" is not "Kishida meets Biden and Kishida").
    seen: set[str] = set()
    before, after = [], []
    for m in c.persons:
        if m.entity.id not in seen:
            seen.add(m.entity.id)
            (before if m.start < c.trigger_at else after).append(m)
    if not before and (own := _unnamed_subject(c, after, where, plan)):
        return own
    if not before:
        before, after = after[:1], after[1:]
    subj = _join([_short(m.entity.name, _country_of(m.entity)) for m in before[:3]])
    if not after:
        many = len(before) > 1
        verb = (
            "at the summit"
            if "summit" in c.trigger.lower()
            else ("hold" if many else "holds") + " talks"
        )
        if "visit" in c.trigger.lower() and where:
            return f"{subj} {'visit' if many else 'visits'} {where[4:]}{plan}"
        return f"{subj} {verb}{where}{plan}"
    names = []
    for m in after[:3]:
        role = _role(m, e.date[0] if e.date else None) if len(after) == 1 else None
        names.append(
            f"{role} {_short(m.entity.name, _country_of(m.entity))}"
            if role
            else _short(m.entity.name, _country_of(m.entity))
        )
    verb = "meet" if len(before) > 1 else "meets"
    return f"{subj} {verb} {_join(names)}{where}{plan}"


# What says an undated meeting took place; without one, a forum named as an object ("tasking
# the Security Consultative Committee to ...") is not a meeting.
_EVENT_VERB = re.compile(
    r"(?i)\b(?:met|meets|meeting\s+with|held|holds|host|hosted|hosts|visited|visits|spoke|talked|"
    r"convened|gathered|attended|co-chaired|sat\s+down|welcomed|welcomes|(?<!to\s)welcoming|received|joined|discussed|"
    r"agreed|affirmed|confirmed|exchanged|signed|occurred|took\s+place|concluded|wrapped\s+up|(?:their|the)\s+"
    # (a name in quotes too: "During the "two-plus-two" talks between top diplomats ...")
    r"(?:[\"“”'‘’]?[\w-]+[\"“”'‘’]?\s+){0,2}(?:meeting|talks|summit|call)|"
    # "At a news conference with Kishida, Biden claimed ...": a conference held together
    r"(?:at|during|in)\s+(?:a|the|their)\s+(?:joint\s+)?(?:news|press)\s+conference\s+with|joint\s+(?:press|news)\s+(?:conference|briefing)\s+(?:by|of|between))\b|"
    # a transcript's title: "Secretary Esper and Minister Kono Press Conference"
    + _TWO_TITLED_PRESS
)


def _happened(e: Event) -> bool:
    return any(_EVENT_VERB.search(c.sent.plain, c.seg[0], c.seg[1]) for c in e.members)


def _trigger_in(s: _Sent, a: int, b: int) -> re.Match | None:
    found = _first_trigger(s, TRIGGER, a, b)
    persons_at = [m.start for m in s.of_type("person")]
    end = found.start() if found else b
    for start, stop in _spans(s, _HOSTING_TRIGGER, a, end):
        # "will host Prime Minister Shigeru Ishiba": a person soon after the verb
        if any(stop <= p <= stop + 60 for p in persons_at) and not s.in_quote(start):
            return _HOSTING_TRIGGER.match(s.plain, start, end)
    return found


def trigger(cl: _Clause) -> re.Match | None:
    """The word reporting a meeting in the clause. "X visited Japan in October 2022, and Y
    did the same in March 2022": Y's clause reports a meeting through the sentence's trigger."""
    if "meeting" not in cl.found:
        own = _trigger_in(cl.s, cl.a, cl.b)
        if own is None and cl.persons:
            own = _trigger_in(cl.s, 0, len(cl.s.plain))
        if own is None:
            own = _signed_together(cl)
        if own is None:
            own = _agreed_together(cl)
        if own is None:
            own = _forum_together(cl)
        if own is None:
            own = _TITLED_PRESS.search(cl.s.plain, cl.a, cl.b)
        cl.found["meeting"] = own
    return cl.found["meeting"]


# ("signed the agreement on behalf of" a space framework, "signed the pact": the thing signed
# told before, another kind's news)
_SIGNED = re.compile(
    r"(?i)\b(?:signed|inked)\s+an?\s+(?:[\w-]+\s+){0,3}?(?:agreement|deal|statement|declaration|"
    r"accord|memorandum|pact|framework|document|communiqu[eé])\b"
    # ("LaPlante and Commissioner Fukasawa, who serve as DICAS co-chairs, signed the Terms of
    # Reference to restructure the Systems and Technology Forum")
    r"|\b(?:signed|inked)\s+the\s+(?:[\w-]+\s+){0,2}?(?:terms\s+of\s+reference|memorandum\s+of\s+"
    r"(?:understanding|cooperation)|MOU|MOC|arrangement)\b"
)


def _signed_together(cl: _Clause) -> re.Match | None:
    """ "Takaichi and Trump signed an agreement on critical minerals in Tokyo": a Japanese
    and an American who sign together met to do it (not when what they sign is space news,
    which the space kind reports: "Yamakawa and Bridenstine signed a lunar statement")."""
    m = _SIGNED.search(cl.s.plain, cl.a, cl.b)
    if m is None or _space_context(cl.s.plain[cl.a : cl.b]):
        return None
    sides = {_country_of(p.entity) for p in cl.persons if p.start < m.start()}
    return m if _ALLIES <= sides else None


_WHOLE = re.compile(r".+", re.S)
_HOLD_FORUM_BEFORE = re.compile(
    r"(?i)\b(?:launch|open|inaugurat|hold|held|convene|co-?chair|chair)\w*\s+(?:the|a|an|their)\s+[^;]{0,100}$"
)


def _forum_together(cl: _Clause) -> re.Match | None:
    """ "LaPlante traveled to Tokyo to launch the Inaugural U.S.-Japan DICAS Forum with his
    Japanese counterpart, Masaki Fukasawa": a Japanese and an American named with the forum
    they hold, before it, met at it (the forum's name is the trigger)."""
    forums = cl.of_kind("forum")
    if not forums or cl.future or _space_context(cl.s.plain[cl.a : cl.b]):
        return None
    n = forums[0]
    if not _ALLIES <= {_country_of(p.entity) for p in cl.persons} or not any(p.start < n.start for p in cl.persons):
        return None
    if not _HOLD_FORUM_BEFORE.search(cl.s.plain, max(cl.a, n.start - 130), n.start):
        return None  # ("told Blinken that Japan, as chair of this year's Group of Seven"): no meeting held
    return _WHOLE.match(cl.s.plain, n.start, n.end)


# "Foreign Minister Taro Kono and his US counterpart, Mike Pompeo, agreed on Monday that ..."
_AGREED_ON_DAY = re.compile(
    r"(?i)\b(?:agreed|confirmed|affirmed|reaffirmed|concurred)\s+(?:on\s+)?"
    rf"(?:{WEEKDAY}|yesterday|today)\b"
)


def _agreed_together(cl: _Clause) -> re.Match | None:
    """A Japanese and an American who "agreed on Monday" together talked that day: a wire
    lede's way of telling talks or a call (the sentence after says where: "The ministers,
    meeting in Amman, ..."). Only with the day right after the verb, and both before it."""
    m = _AGREED_ON_DAY.search(cl.s.plain, cl.a, cl.b)
    if m is None or cl.future or _space_context(cl.s.plain[cl.a : cl.b]):
        return None
    sides = {_country_of(p.entity) for p in cl.persons if p.start < m.start()}
    return m if _ALLIES <= sides else None


_PLANNED_FORUM = re.compile(
    r"(?i)\b(?:hold|convene|host)\s+(?:an?\s+|the\s+|their\s+)?(?:[\w-]+\s+){0,2}$"
)


# "met ... to prepare the 2+2", "ahead of the summit": the forum they prepare is a later
# meeting, not this one.
_PREPARING = re.compile(
    r"(?i)\b(?:to\s+prepare|preparing|prepared|in\s+preparation\s+for|preparatory\s+to|"
    r"ahead\s+of|in\s+the\s+run-up\s+to|before)\s+(?:for\s+)?(?:the\s+|an?\s+|their\s+|"
    r"next\s+(?:week's|month's|year's)\s+)?(?:upcoming\s+|next\s+|coming\s+)?$"
)


# "will cancel his plans to visit the United States in early May", "called off her trip to":
# a plan given up is no meeting
_GIVEN_UP = re.compile(
    rf"(?i)\b(?:{_GIVE_UP_VERBS})\s+"
    r"(?:his|her|their|its|the|a|an)?\s*(?:planned\s+)?(?:plans?\s+to|trip\s+to|visit\s+to)?\s*$"
)


def detect(cl: _Clause) -> _Cand | None:
    mt_trig = trigger(cl)
    if not mt_trig:
        return None
    if _GIVEN_UP.search(cl.s.plain, max(cl.a, mt_trig.start() - 50), mt_trig.start()):
        return None
    cand = cl.cand("meeting", mt_trig.group(), mt_trig.start())
    cand.persons = cl.persons
    plain = cl.s.plain
    # The forum this sentence reports: the one nearest the trigger, but not the one
    # someone came for ("held a meeting with X, who is visiting Japan to attend the
    # G7 Foreign Ministers' Meeting").
    # Nor the one they agreed to hold later ("talked by phone and agreed to ... hold a 2+2
    # soon").
    own = [
        n
        for n in cl.of_kind("forum")
        if not re.search(r"(?i)\b(?:to\s+attend|attending)\s+(?:the\s+)?$", plain[: n.start])
        and not (
            n.start > mt_trig.end()
            and (
                re.search(r"(?i)\b(?:to\s+attend|attending|for)\s+(?:the\s+)?$", plain[: n.start])
                or _PREPARING.search(plain[max(0, n.start - 60) : n.start])
                or _PLANNED_FORUM.search(plain[max(0, n.start - 60) : n.start])
            )
        )
    ]
    if own:
        cand.name = min(own, key=lambda n: abs(n.start - mt_trig.start()))
    return cand


def _split(c: _Cand) -> list[_Cand]:
    return _separate_meetings(c) or _meeting_ahead(c) or _meeting_before(c)


# "In today's summit telephone talk, which follows our telephone talk of May 23, ...": the same
# two's earlier talks, recalled with their own day
_FOLLOWS_MEETING = re.compile(
    r"(?i)\b(?:follows?|following|followed|after|since)\s+(?:our|their|his|her)\s+"
    r"(?:(?:last|previous|earlier|first)\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:(?:tele)?phone\s+(?:talks?|call|conversation)|call|meeting|talks|summit)\s+(?:of|on)\s+$"
)


def _meeting_before(c: _Cand) -> list[_Cand]:
    """An earlier meeting of the same people a clause recalls with its day: one fact of its own
    (the first stays `c`)."""
    if c.kind != "meeting" or len({m.entity.name for m in c.persons}) < 2:
        return []
    for d in c.sent.recalled:
        if not (c.seg[0] <= d.start < c.seg[1]) or d.precision != "day":
            continue
        m = _FOLLOWS_MEETING.search(c.sent.plain, max(c.seg[0], d.start - 90), d.start)
        if m is None or (c.date is not None and c.date[0] == d.date_start):
            continue
        return [
            _Cand(
                "meeting",
                c.sent,
                (m.start(), d.end),
                m.group(),
                m.start(),
                date=(d.date_start, d.date_end, d.precision),
                persons=list(c.persons),
                countries=c.countries,
                new_cue=True,
                recalled=True,
            )
        ]
    return []


# "sought to clarify Washington's intentions ahead of a summit on Thursday between Prime
# Minister Takaichi and President Trump": the meeting a step was taken before.
_AHEAD_OF_MEETING = re.compile(
    r"(?i)\bahead\s+of\s+(?:(?:a|an|the|their|next|this)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:summit|meeting|talks|visit)\b"
)


def _meeting_ahead(c: _Cand) -> list[_Cand]:
    """A meeting looked ahead to in a clause reporting another: one fact each, its people
    those named after "ahead of", its day the one written there (the first stays `c`)."""
    if c.kind != "meeting":
        return []
    m = _AHEAD_OF_MEETING.search(c.sent.plain, c.seg[0], c.seg[1])
    if m is None:
        return []
    later = [p for p in c.persons if p.start >= m.end()]
    earlier = [p for p in c.persons if p.start < m.start()]
    if len(later) < 2:
        # "held her first phone call with Trump late Saturday ... ahead of summit talks
        # Tuesday": their own talks ahead, on the day written right after them
        days = [d for d, report in c.sent.dates if not report and m.end() <= d.start <= m.end() + 12]
        if later or len(earlier) < 2 or not days:
            return []
        later = earlier
    else:
        days = [d for d, report in c.sent.dates if not report and m.start() <= d.start < later[0].start]
    c.persons = earlier
    if c.date is not None and days and c.date[:2] == (days[0].date_start, days[0].date_end):
        c.date, c.future = None, False  # the day written was the meeting ahead's
    elif c.date is not None and days and c.date[1] < days[0].date_start:
        c.future = False  # the call "late Saturday" came before the talks it looks ahead to
    d = _Cand(
        "meeting",
        c.sent,
        (m.start(), c.seg[1]),
        m.group(),
        m.start(),
        date=(days[0].date_start, days[0].date_end, days[0].precision) if days else None,
        future=True,
        persons=later,
        countries=c.countries,
        new_cue=True,
    )
    return [d]


def _join_named(c: _Cand, recent: Event, near: bool) -> bool:
    """ "Japanese and U.S. defense chiefs and top diplomats will meet in Tokyo on Sunday ...
    Blinken and Austin will join their counterparts at the “2+2” security talks": the forum
    named in the next sentence is the meeting just told, which named no one."""
    return (
        recent.name is None
        and not recent.person_names()
        and recent.date is not None
        and c.sent.i - recent.last <= 2
        and _compatible(c.date, recent.date)
        and (c.date is None or c.future == recent.future)
    )


def _starts_another(c: _Cand, recent: Event) -> bool:
    """ "Kishida also met with Vice President Harris": another meeting of the same visit, one
    fact per meeting, when new people are met."""
    if _ANOTHER_MEETING.search(c.sent.plain, c.seg[0], c.seg[1]):
        met = {m.entity.name for m in c.persons}
        if met - set(recent.person_names()) and len(recent.person_names()) >= 2:
            c.date = c.date or recent.date  # told as part of the same day's program
            return True
    return False


def _join_late(c: _Cand, recent: Event, near: bool) -> Event | None:
    """ "Two ministers will fly to Washington in March for a two-plus-two meeting. The
    ministerial talks are planned for March 4.": talks no one is named at, told in the next
    sentence on a day within the meeting's month, are its day."""
    d, e = c.date, recent.date
    if (
        c.persons
        and c.name is None
        and recent.name is None
        and c.sent.i - recent.last == 1
        and not recent.person_names()
        and not (c.future or recent.main.future)
        and _BY_OFFICE.search(recent.main.sent.plain)
        and _compatible(d, e)
        and len({x for m in c.persons if (x := _country_of(m.entity))} & _ALLIES) == 2
    ):
        # "Top diplomats of Japan, the United States and South Korea on Sunday agreed ..." /
        # "At a meeting in Tokyo, Japanese Foreign Minister Taro Kono and his U.S. and South
        # Korean counterparts ...": the people of the meeting told by its countries
        return recent
    if (
        c.persons
        or c.name is not None
        or d is None
        or e is None
        or c.sent.i - recent.last != 1
        or _PREC_RANK[d[2]] >= _PREC_RANK[e[2]]
        or not (e[0] <= d[0] and d[1] <= e[1])
    ):
        return None
    return recent


_ANOTHER_TIME = re.compile(
    r"(?i)^\W*(?:(?:a|an|one|two|three|four|five|six|several|a\s+few|\d+)\s+(?:days?|weeks?|months?)\s+"
    r"(?:later|earlier|before)|the\s+(?:next|following|previous)\s+(?:day|week|month)|"
    r"(?:later|earlier)\s+(?:that|this)\s+(?:day|week|month)|meanwhile|separately)\b"
)


# A meeting told by the offices of its countries, with no one named: "Top diplomats of
# Japan, the United States and South Korea on Sunday agreed ..."
_BY_OFFICE = re.compile(
    r"(?i)\b(?:(?:foreign(?:\s+policy)?|defen[cs]e)\s+(?:ministers|chiefs)|top\s+diplomats)\s+(?:of|from)\s+"
)
# A lede's day told by weekday ("agreed Tuesday"), which a story without a year cannot place
_SAID_WEEKDAY = re.compile(rf"\b{WEEKDAY}\b")


def _continue_last(s: _Sent, events: list) -> None:
    """A sentence going on about the last meeting adds the topics discussed, and the people
    when it names those the report left out."""
    meetings = [x for x in events if x.kind == "meeting" and not x.main.recalled]
    if not meetings:
        return
    e = meetings[-1]
    if events[-1] is not e and s.i - e.last > 1:
        return
    if _ANOTHER_TIME.match(s.plain):
        return  # "Two days later North Korean state media reported ...": another day's news
    anaphor = _ANAPHOR_START.match(s.plain)
    persons = [m for m in s.of_type("person") if not _in_reference(s, m.start)]
    follows = s.i - e.last == 1 and (
        e.main.sent.passage == s.passage
        # ("... during a trilateral meeting of foreign ministers in Munich on Saturday." over
        # a paragraph naming "Foreign Minister Takeshi Iwaya, U.S. Secretary of State Marco
        # Rubio and South Korean Foreign Minister Cho Tae-yul": the ministers it left out)
        # (or over the lede of a story without a year: "The foreign policy chiefs of the United
        # States, Japan and South Korea agreed Tuesday ..." / "U.S. Secretary of State Antony
        # Blinken, Japanese Foreign Minister Yoko Kamikawa and ... also discussed ...")
        or (
            not e.person_names()
            and ((e.date is not None and e.date[2] == "day") or (e.date is None and e.main.sent.i == 0 and _SAID_WEEKDAY.search(e.main.sent.plain)))
            and len({c for m in persons if (c := _country_of(m.entity))}) >= 2
        )
    )
    refers = bool(_CONTINUATION.search(s.plain) or anaphor)
    named = any(n.key == (e.name.key if e.name else None) for n in s.named)
    if not (refers or named or (follows and persons and not e.person_names())):
        return
    own = [m for m, report in s.dates if not report]
    if (
        own
        and e.date
        and not any(_compatible((m.date_start, m.date_end, m.precision), e.date) for m in own)
    ):
        return
    if persons and not e.person_names() and follows:
        countries = [c for c in (_country_of(m.entity) for m in persons) if c]
        c = _Cand(
            "meeting",
            s,
            (0, len(s.text)),
            "",
            0,
            persons=persons,
            countries=list(dict.fromkeys(countries)),
        )
        e.members.append(c)
    for name, rx in _TOPIC_RES:
        if rx.search(s.plain) and name not in e.topics:
            e.topics.append(name)
    e.last = s.i


# A summit whose sides are countries, not people: "Japan and the United States will hold a
# summit in March"; "the two ministers ... their upcoming summit, being arranged for early
# February" (the sides are the countries of the meeting just reported).
_SUMMIT = re.compile(r"(?i)^summits?$")
_SIDES_SUMMIT = re.compile(
    r"(?i)\b(?:their|the\s+two\s+(?:countries|nations|leaders|sides|governments)['’]?|"
    r"(?:a|an|the)\s+bilateral|(?:a|the)\s+leaders['’])\s+(?:[\w-]+\s+){0,2}$"
)

_HOLD_SUMMIT = re.compile(
    r"(?i)\b(?:hold|holds|holding|held|have|has|had|convene|convened|plan|planned|arrange|"
    r"arranged)\s+(?:an?\s+|their\s+)(?:[\w-]+\s+){0,2}$"
)


def _summit_sides(e: Event) -> list[str]:
    """The two or more countries holding a summit no one is named at, one of them an ally."""
    c = e.main
    if e.person_names() or e.name is not None or not _SUMMIT.match(c.trigger):
        return []
    before = c.sent.plain[c.seg[0] : c.trigger_at]
    if not (_SIDES_SUMMIT.search(before) or _HOLD_SUMMIT.search(before)):
        return []  # "discussed the summit agenda": not a summit of theirs
    sides = list(dict.fromkeys(c.countries))
    return sides if len(sides) >= 2 and set(sides) & _ALLIES else []


def _summit_of_the_sides(events: list[Event]) -> list[Event]:
    """ "Iwaya and Rubio met ... They confirmed coordination for their upcoming summit": a
    summit told as theirs, with no country in its sentence, is between the countries of the
    meeting the story reported just before it."""
    last: Event | None = None
    for e in events:
        if e.kind != "meeting":
            continue
        c = e.main
        if (
            last is not None
            and not c.countries
            and not e.person_names()
            and e.name is None
            and _SUMMIT.match(c.trigger)
            and _SIDES_SUMMIT.search(c.sent.plain[c.seg[0] : c.trigger_at])
        ):
            sides = [x for x in (_country_of(m.entity) for m in last.person_mentions()) if x]
            if len(set(sides)) >= 2:
                c.countries = list(dict.fromkeys(sides))
        if e.person_names():
            last = e
    return events


def _keep(e: Event, when: tuple | None) -> bool:
    if _summit_sides(e):
        return when is not None  # a summit of countries is news only with its date
    if not e.person_names() and e.name is None and len(_parties(e)) < 2 and len(
        {x for c in e.members for x in _counterparts(c)}
    ) < 2:
        return False
    return when is not None or (e.name is not None and not _planned(e) and _happened(e))


def _reportable(e: Event) -> bool:
    # "They also agreed to hold a 2+2 at the earliest": a plan with no date is no event yet
    if _planned(e) or not _happened(e):
        return False
    return len(e.person_names()) >= 2 or e.name is not None


def _participants(e: Event) -> list[str]:
    return e.person_names() or _parties(e)


# "to discuss the Japanese astronaut's mission", "about Japan's plans": what follows names
# the topic of the meeting, not a side at the table.
_PURPOSE = re.compile(
    r"(?i)\b(?:to\s+(?:discuss|talk\s+about|review|consider|address)|about|regarding|"
    r"concerning|on\s+the\s+subject\s+of)\b"
)


def _party_countries(c: _Cand) -> list[str]:
    """The countries a clause names as sides: those named before its purpose, and those
    of the people and organizations in it."""
    m = _PURPOSE.search(c.sent.plain, c.seg[0], c.seg[1])
    if m is None:
        return c.countries
    named = {x.entity.name for x in c.sent.of_type("country") if m.start() <= x.start < c.seg[1]}
    before = {x.entity.name for x in c.sent.of_type("country") if c.seg[0] <= x.start < m.start()}
    people = {_country_of(p.entity) for p in c.persons}
    return [x for x in c.countries if x not in named or x in before or x in people]


_COUNTERPARTS_AFTER = re.compile(
    r"(?i)^['’]?s?(?:\s+and\s+(?:the\s+)?[\w.]+(?:\s+[\w.]+)?)?\s+counterparts?\b"
)
# "Japanese and U.S. defense ministers held talks", "the Japan-U.S. foreign ministers": a
# country named by the adjective of its office-holders
# ("Japan's foreign and defense ministers will meet with their U.S. counterparts")
_OFFICES = (
    r"(?:(?:defen[cs]e|foreign|finance|trade)(?:\s+and\s+(?:defen[cs]e|foreign))?\s+(?:chiefs|ministers|secretaries)|"
    r"top\s+diplomats|leaders)"
)
_OFFICE_AFTER = re.compile(
    rf"^(?:['’]s)?(?:\s*(?:,|\band\b|-|–)\s*(?:the\s+)?[A-Z][\w.]*){{0,2}}\s+{_OFFICES}\b"
)


def _counterparts(c: _Cand) -> set[str]:
    """ "to meet his Japanese and United States counterparts this weekend": the countries
    whose counterparts sit at the table; and those whose office-holders a statement names by
    office ("We, the Secretary of State of the United States, and the Foreign Ministers of
    Australia, India, and Japan met in Washington")."""
    out = set()
    # "Japan, the United States and South Korea agreed ... during a trilateral meeting of
    # foreign ministers": the countries the clause names sit at it by their ministers
    ministers = _MINISTERS_MEETING.search(c.sent.plain, c.seg[0], c.seg[1])
    for m in c.sent.of_type("country"):
        if not c.seg[0] <= m.start < c.seg[1]:
            continue
        if ministers is not None and m.start < ministers.start():
            out.add(m.entity.name)
            continue
        after = c.sent.plain[m.end : m.end + 60]
        if _COUNTERPARTS_AFTER.match(after) or _OFFICE_AFTER.match(after) or _OFFICE_OF_BEFORE.search(
            c.sent.plain, max(0, m.start - 60), m.start
        ):
            out.add(m.entity.name)
    return out


_MINISTERS_MEETING = re.compile(
    r"(?i)\b(?:trilateral|bilateral|three-way|two-way|quadrilateral)\s+(?:meeting|talks)\s+of\s+"
    r"(?:their\s+|the\s+)?(?:foreign|defen[cs]e)\s+(?:ministers|chiefs)\b"
)
# "the Foreign Ministers of Australia, India, and Japan": a country named by its office-holders
_OFFICE_OF_BEFORE = re.compile(
    r"(?i)\b(?:(?:foreign(?:\s+policy)?|defen[cs]e)\s+(?:ministers?|chiefs)|top\s+diplomats|leaders|"
    r"secretar(?:y|ies)\s+of\s+(?:state|defen[cs]e))"
    r"\s+of\s+(?:the\s+)?(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?,?\s+(?:and\s+)?(?:the\s+)?){0,3}$"
)


def _outside_alliance(e: Event, parties: set[str]) -> bool:
    if e.name is not None or _summit_sides(e):
        return False
    people = e.person_names()
    if not parties and len(people) < 2 and not _parties(e):
        return True  # "Toyota's president met union leaders": no one the team follows
    named_countries = {x for c in e.members for x in _party_countries(c)}
    return (
        len(parties) == 1
        and len(people) >= 2
        and all(_country_of(m.entity) for m in e.person_mentions())
        and named_countries <= parties
    )  # a prime minister and his party's secretary-general: domestic


KIND = Kind(
    name="meeting",
    detect=detect,
    title=_title,
    participants=_participants,
    keep=_keep,
    trigger=TRIGGER,
    hosts_earlier_clause=True,
    headline_names_story=True,
    across_time_zones=True,
    reportable=_reportable,
    split=_split,
    adjust=_adjust,
    starts_another=_starts_another,
    join_named=_join_named,
    continue_last=_continue_last,
    outside_alliance=_outside_alliance,
    parties=_counterparts,
    fold=_summit_of_the_sides,
    join_late=_join_late,
)
