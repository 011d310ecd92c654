"""Exercises: drills, joint training, patrols, live fire; one fact per named exercise.

A story calls one exercise by its name, "the drills" and "joint training": those are folded
into the named one when their dates agree. Trigger words are data (EXERCISE_WORDS).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from bot.kb.extract import meeting
from bot.kb.extract.common import (
    _ALLY_IN_NAME,
    _ANAPHOR_START,
    _PREC_RANK,
    _THE_PARTIES,
    _Cand,
    _Clause,
    _compatible,
    _countries,
    _edition,
    _first_trigger,
    _join,
    _planned,
    _Sent,
)
from bot.kb.extract.spec import Event, Kind

# How many days apart two dates of one named exercise may be: exercises run for weeks.
RUNS = 21

EXERCISE_WORDS = (
    r"exercises?|drills?|joint\s+training|training|maneuvers|manoeuvres|wargames?|war\s+games?",
    r"joint\s+patrols?",
    # ("participated in a cooperative two-day deployment with Japan Coast Guard members")
    r"joint\s+(?:maritime\s+)?(?:sail|activity|deployment)|cooperative\s+(?:[\w-]+-day\s+)?(?:activity|deployment)",
    # A navy's release: "ships ... conducted bilateral operations in the Philippine Sea"
    r"(?:bilateral|trilateral|multilateral)\s+(?:maritime\s+)?(?:operations|sails?)",
    # "Two B-52 bombers flew with Japanese fighters over the Sea of Japan": a combined flight
    # (the clause must name aircraft or forces, see detect)
    # (not "the B-52s that flew with the Japanese were assigned to ...": a description)
    # ("U.S. and Japanese warplanes flew together over the Sea of Japan", "flew in formation
    # with", "escorted two U.S. B-52 bombers")
    r"(?<!that\s)(?<!which\s)(?:flew\s+(?:together\s+)?(?:with|alongside)|(?:fly|flying|flies)\s+(?:alongside|together)|"
    r"flew\s+together|(?:flew|flying|fly)\s+in\s+formation|in\s+formation\s+(?:with|over)|"
    r"escort(?:s|ed|ing)?(?!\s+(?:ships?|vessels?|destroyers?|frigates?|carriers?|aircraft|fighters?|jets?|duty|group)\b)|"
    r"show\s+of\s+force|"
    # "JS Kongo and USS Rafael Peralta sailed together in the East China Sea"
    r"(?:sailed|sailing|steamed|operated)\s+(?:together|alongside|in\s+formation))",
    # "The navies of the Philippines, the US and Japan trained alongside each other", "its
    # F-15 fighters trained with U.S. B-52 bombers"
    # ("coast guard vessels from the United States, Japan and South Korea will reportedly
    # train together for the first time next month")
    r"(?:trained|train|trains|training)\s+(?:together|jointly|alongside(?:\s+each\s+other)?)|trained\s+with",
    # "The joint flight involved three F-35s ... and two U.S. B-52 strategic bombers"
    r"(?:joint|bilateral|trilateral|combined)\s+(?:flights?|flying|air\s+patrols?)",
    # "B-1B bombers ... joined ... Japanese air forces in sequenced bilateral missions"
    r"(?:sequenced\s+)?(?:bilateral|trilateral|combined)\s+(?:bomber\s+|air\s+)?missions?",
)
# A firing or launch: one activity of an exercise, a fact of its own when the text dates it
# ("fired two sea-skimming missiles today", "a live fire event on Friday, July 21").
ACTIVITY_WORDS = (
    r"live-fire|live\s+fire|test[- ]fir(?:e|ed|ing)|missile\s+firing",
    r"(?:missiles?|rockets?)\s+(?:will\s+be\s+|were\s+|was\s+)?fired|firing\s+of",
    r"fired\s+(?:[\w“”\"'’-]+\s+){0,6}?(?:missiles?|rockets?)",
)
TRIGGER = re.compile(rf"\b(?:{'|'.join(EXERCISE_WORDS + ACTIVITY_WORDS)})\b", re.I)
_ACTIVITY = re.compile(rf"(?:{'|'.join(ACTIVITY_WORDS)})", re.I)
# Who fires in "X fired a ... missile", "X test-fired": an ally's forces, not North Korea testing
# a missile "a day after the drills of the U.S., Japan and South Korea".
_ALLY_SUBJECT = re.compile(
    r"(?i)\b(?:Japan|Japanese|U\.?S\.?|American|Australian|Philippine|South\s+Korean?|ROK|"
    r"Self-Defen[cs]e\s+Forces?|SDF|JGSDF|JMSDF|JASDF|Marines?|soldiers)\b[^.;]{0,80}$"
)
# "as part of Exercise Talisman Sabre", "during exercise Talisman Sabre": the exercise an
# activity belongs to, not its own name.
_PART_OF = re.compile(
    r"(?i)\b(?:part\s+of|during|for)\s+(?:the\s+)?(?:(?:exercise|operation)\s+)?$"
)

_MILITARY_HINT = re.compile(
    r"\b(?:destroyers?|frigates?|warships?|ships?|vessels?|submarines?|carriers?|aircraft|"
    r"warplanes?|fighters?|fighter\s+jets?|jets|bombers?|helicopters?|troops|soldiers|marines|"
    r"sailors|airmen|units?|battalions?|brigades?|fleet|navy|army|air\s+force|F-\d+\w*|B-\d+\w*|"
    # ("a joint maritime exercise of naval forces around Japan in 2025")
    r"naval\s+forces|navies|coast\s+guards?|"
    r"missiles?)\b",
    re.I,
)


_AIM_BEFORE = re.compile(
    r"(?i)\b(?:promot\w*|expand\w*|strengthen\w*|enhanc\w*|increas\w*|deepen\w*|more|further|"
    r"facilitat\w*|enabl\w*|allow\w*|"
    r"future|additional|step\s+up|stepping\s+up)\s+(?:[\w-]+\s+)?$|"
    # "which faces confrontational Chinese maneuvers over the Senkaku Islands": a rival's own
    # drills, no ally's exercise
    r"\b(?:Chinese|Russian|North\s+Korean|China['’]s|Russia['’]s|Beijing['’]s|Moscow['’]s|"
    r"Pyongyang['’]s)\s+(?:[\w-]+\s+)?$|"
    # "decided to change the location for the exercise in 2023": an arrangement of an
    # exercise, decided elsewhere and earlier, not the exercise held
    r"\b(?:location|venue|site|timing|schedule|dates?)\s+(?:for|of)\s+(?:the|this|next)\s+"
    r"(?:[\w-]+\s+)?$"
)
# "agreed to work together on issues ranging from regional security to joint defensive
# drills": a topic of talks (read further back than _AIM_BEFORE's window)
_TOPIC_LIST = re.compile(r"(?i)\b(?:issues|topics|matters|areas|fields)\s+ranging\s+from\s+[^.;]{0,80}?\bto\s+(?:[\w-]+\s+){0,2}$")


# "mentioned previous military drills like Freedom Edge": a series recalled as an example
_RECALLED_NAMED = re.compile(
    r"(?i)\b(?:previous|past|earlier|prior|former)\s+(?:[\w-]+\s+){0,3}"
    r"(?:drills?|exercises?|war\s*games|maneuvers)\s*,?\s+(?:like|such\s+as|including)\s+$"
)
_THE_EVENT = re.compile(r"(?i)\b(?:the|this|that)\s+(?:[\w-]+\s+){0,3}event\b")


def _fold_exercises(events: list[Event]) -> list[Event]:
    """A story about a named exercise calls it "the drills", "joint military training", "this
    year's exercise" too: those unnamed exercise events are the named one when their dates
    agree (the nearest named one before, else the first after). Without a named exercise,
    unnamed ones a few sentences apart on compatible dates are one exercise."""
    named = [e for e in events if e.kind == "exercise" and e.name is not None]
    out: list[Event] = []
    for e in events:
        if e.kind != "exercise" or e.name is not None:
            out.append(e)
            continue
        at = e.main.sent.i
        # "this year's exercise, which began Sunday": a phase of the named one, days apart
        span = RUNS if e.main.definite or e.main.anaphor else 0
        # "... began a joint drill on Sunday. The drill, dubbed Iron Fist, was observed by the
        # press on Monday": the start of the named one told days before it is named
        began = e.date is not None and e.date[2] == "day" and bool(
            _BEGAN.search(e.main.sent.plain, e.main.seg[0], e.main.seg[1])
        )

        # "The aircraft flew together during the 3-21 February event": the one named before
        refers = bool(span) or bool(_THE_EVENT.search(e.main.sent.plain, *e.main.seg))
        # A planned exercise ("Japan to join Balikatan 2025") does not take in what already
        # happened (a patrol on March 28).
        done = e.date is not None and not _planned(e)
        # A dated firing or launch ("on Friday, July 21") is its own fact beside the exercise
        # it is part of, unless that exercise is dated to it.
        own = _dated_activity(e)

        def fits(
            f: Event,
            e: Event = e,
            span: int = span,
            refers: bool = refers,
            done: bool = done,
            own: bool = own,
            began: bool = began,
        ) -> bool:
            if own and f.date is None:
                return False
            if f.name is not None and _RECALLED_NAMED.search(f.main.sent.plain, 0, f.name.start):
                return False  # "previous military drills like Freedom Edge": not the one reported
            if (
                began
                and f.date is not None
                and f.date[2] == "day"
                and 0 <= (f.date[0] - e.date[0]).days <= RUNS
            ):
                return True
            if (
                span
                and e.date is not None
                and f.date is not None
                and e.date[1] < f.date[0] - timedelta(days=_HISTORY_DAYS)
                and f.main.sent.i < e.main.sent.i
            ):
                return True  # "The exercise, which moved to Andersen in 1999, ...": its history
            if (
                refers
                and e.date is not None
                and f.date is not None
                and f.date[1] < e.date[0] - timedelta(days=_HISTORY_DAYS)
                and _edition(f) in (None, e.date[0].year)  # not "Balikatan 2024", another edition
                and f.main.sent.i < e.main.sent.i
            ):
                # "Jets flew together in Exercise Cope North 25. ... Cope North moved to Andersen
                # in 1999": the named one dated only by its history takes in this edition's run
                return True
            return _compatible(e.date, f.date, span) and not (done and _planned(f) and not f.date)

        before = [f for f in named if f.main.sent.i < at and fits(f)]
        after = [f for f in named if f.main.sent.i > at and fits(f)]
        host = before[-1] if before else (after[0] if after else None)
        if host is None:
            prev = next((f for f in reversed(out) if f.kind == "exercise" and f.name is None), None)
            if (
                prev is not None
                and at - prev.last <= 3
                # a newsletter's dated items stay apart; a caption and the lede of one day's drill do not
                and (e.date is None or prev.date is None or e.date == prev.date)
                # ("In April, the Philippines conducted joint maritime activity with Japan": a
                # sentence opening on a month of its own tells another activity)
                and not (e.date is not None and _FRONTED_MONTH.match(e.main.sent.plain))
            ):
                host = prev
        if host is None:
            out.append(e)
            continue
        host.members.extend(e.members)
        host.members.sort(key=lambda c: c.sent.i)
        host.last = max(host.last, e.last)
        if host.main.sent.i > at and host.main.date is None and e.main.date is not None:
            host.main = e.main  # the dated lede reports it; the named sentence describes it
    return out


_FRONTED_MONTH = re.compile(
    r"\W*(?:In|By|Since|Back\s+in|Earlier,?\s+in)\s+(?:early\s+|mid-?|late\s+)?(?:January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b[^,.;]{0,12},"
)


# A sentence that names the exercise just reported: "The drill, called Orient Shield", "This
# Orient Shield exercise is the largest yet" (not "Japan's part in Balikatan 2025 ...").
_NAMES_THE_DRILL = re.compile(
    r"(?i)\b(?:(?:the|this)\s+(?:[\w-]+\s+){0,2}(?:exercises?|drills?|training|maneuvers)|"
    r"dubbed|code-?named|called|named|titled|known\s+as)\b"
)

_EXERCISE_HEAD = re.compile(r"(?i)\b(?:exercises?|drills?|training|maneuvers)\b")


# How long before the document a date is history rather than this edition's (see _when).
_HISTORY_DAYS = 200
_THIS_YEAR = re.compile(r"(?i)\bthis\s+year\b")
_LAST_YEAR = re.compile(r"(?i)\blast\s+year\b")
_RUN_DAYS = 45  # the longest run from a start day to an end told as one exercise's


def _when(e: Event, doc: Any) -> tuple[date, date, str] | None:
    """The event's date; for an exercise, not the year an earlier edition was held.

    "Talisman Sabre, first held in 2005, ..." dates the series, not this edition: a story
    reports the current one, so dates long before the document's own are history.
    """
    if e.kind != "exercise" or doc.date is None:
        return e.date
    # (a month told as this year's is this year's news, however early in it: "the successful
    # conduct of Exercise Keen Edge in February this year" in November)
    recent = [
        c.date
        for c in e.members
        if c.date
        and (
            c.date[1] >= doc.date - timedelta(days=_HISTORY_DAYS)
            or (c.date[0].year == doc.date.year and c.date[2] == "month" and _THIS_YEAR.search(c.sent.plain))
            # ("conducted a joint command-post exercise from late August to mid-September of
            # last year", told in June: the news of the story, not a series' history)
            or (c.date[0].year == doc.date.year - 1 and c.date[2] == "month" and _LAST_YEAR.search(c.sent.plain))
        )
    ]
    edition = _edition(e)
    if edition:  # "Balikatan 2025": dates of other years are other editions'
        recent = [d for d in recent if d[0].year <= edition <= d[1].year]
        if not recent and doc.date.year == edition:
            return None  # the month it was reported, below
        if not recent:
            return date(edition, 1, 1), date(edition, 12, 31), "year"
    if (
        not recent and e.name is None and e.date is not None and e.date[2] in ("day", "month")
        and e.main.date == e.date and _FRONTED_MONTH.match(e.main.sent.plain)
    ):
        # ("In November 2022, U.S., Japanese, Australian, and Canadian warships conducted joint
        # exercises", in a paper of November 2023: no series has a history to tell, so the
        # month its sentence opens on is the exercise's, not the month the paper came out)
        return e.date
    if not recent:
        return None
    best = min(recent, key=lambda d: (_PREC_RANK[d[2]], d[0]))
    # "began Thursday" ... "concludes Saturday": the run from its start to its end
    end = max((d[1] for d in recent if d[2] == best[2] == "day"), default=best[1])
    if best[2] == "day":
        # "... and will last until Feb. 8": the end a member sentence gives the run
        end = max([end, *_run_ends(e, best[0])])
    return (best[0], end, best[2]) if (end - best[0]).days <= _RUN_DAYS else best


def detect(cl: _Clause) -> _Cand | None:
    s, a, b, plain = cl.s, cl.a, cl.b, cl.s.plain
    exercises = cl.of_kind("exercise")
    # "promoting joint exercises": an aim, not an exercise held
    ex_trig = _first_trigger(s, TRIGGER, a, b, skip=_AIM_BEFORE)
    while ex_trig and _TOPIC_LIST.search(plain, max(a, ex_trig.start() - 160), ex_trig.start()):
        ex_trig = _first_trigger(s, TRIGGER, ex_trig.end(), b, skip=_AIM_BEFORE)
    while (
        ex_trig
        and _ACTIVITY.fullmatch(ex_trig.group())
        and not _ALLY_SUBJECT.search(plain, a, ex_trig.start())
    ):
        ex_trig = _first_trigger(s, TRIGGER, ex_trig.end(), b, skip=_AIM_BEFORE)
    activity = bool(ex_trig and _ACTIVITY.fullmatch(ex_trig.group()))
    # "The live-fire display was part of Exercise Talisman Sabre": the activity reported is
    # one of the named exercise's; so is a firing "during" or "for" it.
    # (with no activity told, "..., part of Iron Fist 24, in the Philippine Sea" is about the
    # exercise itself)
    part_of = (
        next(
            (
                n
                for n in exercises
                if (m := _PART_OF.search(plain, a, n.start))
                and (activity or m.group().lower().startswith("part"))
            ),
            None,
        )
        if ex_trig
        else None
    )
    if part_of is not None:
        exercises = [n for n in exercises if n is not part_of]
    mt_trig = meeting.trigger(cl)
    exercise_at = min(
        [n.start for n in exercises] + ([ex_trig.start()] if ex_trig else []), default=b
    )
    # "Austin met Hamada ... and observed the exercise": a meeting reported first wins.
    if mt_trig and cl.persons and mt_trig.start() < exercise_at:
        return None
    if not (
        exercises
        or part_of is not None
        or (
            ex_trig
            and (
                cl.forces
                or _MILITARY_HINT.search(plain, a, b)
                or len(_countries(s, a, b)) >= 2  # "The US, South Korea and Japan held ..."
                or re.search(r"(?i)\bthe\s+(?:[\w-]+\s+){0,2}$", plain[a : ex_trig.start()])
                or (a == 0 and _PARTIES_START.match(plain))
            )
        )
    ):
        return None
    # The name as the document wrote it ("IRON FIST"), not as the gazetteer spells it.
    trig_text, trig_at = (
        (ex_trig.group(), ex_trig.start())
        if ex_trig
        else (plain[exercises[0].start : exercises[0].end], exercises[0].start)
    )
    cand = cl.cand("exercise", trig_text, trig_at)
    cand.name = _allied_first(exercises, plain)
    cand.forces = cl.forces
    cand.part_of = part_of
    cand.activity = activity
    return cand


# "the US-ROK Ulchi Freedom Shield military exercise": the parties a name is labelled with
_PARTIES_LABEL = re.compile(r"\b((?:[A-Z][\w.]*-)+[A-Z][\w.]*)\s+$")
_JAPAN_LABEL = re.compile(r"(?i)^(?:japan|japanese|jpn|jpn\.)$")


def _allied_first(exercises: list, plain: str):
    """The exercise a clause is named for: its first named one, passing over one labelled
    with parties that leave Japan out ("including the US-ROK Ulchi Freedom Shield military
    exercise, the US-Japan Resolute Dragon 25 military exercise, ...")."""
    for n in exercises:
        label = _PARTIES_LABEL.search(plain, max(0, n.start - 30), n.start)
        if label is None or any(_JAPAN_LABEL.match(p) for p in label.group(1).split("-")):
            return n
    return exercises[0] if exercises else None


def _split(c: _Cand) -> list[_Cand]:
    """An activity "as part of Exercise X" also reports X: an event of its own that later
    mentions of X join (the activity keeps its own date)."""
    if c.part_of is None or c.name is not None:
        return []
    n = c.part_of
    parent = _Cand(
        "exercise",
        c.sent,
        c.seg,
        c.sent.plain[n.start : n.end],
        n.start,
        future=c.future,
        new_cue=True,
    )
    parent.name, parent.names, parent.forces = n, c.names, c.forces
    parent.countries, parent.location = c.countries, c.location
    return [parent]


def _dated_activity(e: Event) -> bool:
    """Is the event a firing or launch whose own sentences date it?"""
    dated = [m for m in e.members if m.date]
    return bool(dated) and all(m.activity for m in dated)


def _join_named(c: _Cand, recent: Event, near: bool) -> bool:
    """ "Troops began joint drills on Monday. The Orient Shield exercise runs for two weeks":
    the exercise named in one sentence and dated in the one before."""
    if any(m.part_of is not None and m.part_of.key == c.name.key for m in recent.members):
        return False  # the recent event is an activity of this exercise, not the exercise
    if _dated_activity(recent) and c.date is None:
        return False  # a dated firing is its own fact (see _fold_exercises)
    return bool(
        recent.name is None
        and (near or c.anaphor or c.definite)
        and _compatible(c.date, recent.date, RUNS)
        and (c.generic or _NAMES_THE_DRILL.search(c.sent.plain, c.seg[0], c.seg[1]))
    )


def _run(e: Event) -> tuple[date, date, str] | None:
    """An event's date, to the end its sentences give the run ("will last until Feb. 8")."""
    d = e.date
    if d is None or d[2] != "day":
        return d
    return (d[0], max([d[1], *_run_ends(e, d[0])]), d[2])


def _run_ends(e: Event, start: date) -> list[date]:
    """The ends the event's sentences give a run begun on `start` ("will last until Feb.
    8"), within the longest run an exercise is told as one."""
    ends = [m.date_end for c in e.members for m in c.sent.run_ends if start <= m.date_end]
    return [x for x in ends if (x - start).days <= _RUN_DAYS]


_BEGAN = re.compile(r"(?i)\b(?:began|begun|started|kicked\s+off|got\s+under\s*way|opened)\b")
_ALREADY_UNDER_WAY = re.compile(
    r"(?i)\b(?:already\s+(?:started|begun|under\s*way)|ongoing|under\s*way|opening\s+ceremony)\b"
)


def _join_late(c: _Cand, recent: Event, near: bool) -> Event | None:
    """ "The exercises will run from October 23": the exercise the story is about, however
    far back it was named. "Missiles will be fired Friday. The test firing is taking place
    as part of Exercise Talisman Sabre": the activity just reported, told more of."""
    if (c.anaphor or c.definite) and _compatible(c.date, _run(recent)):
        return recent
    if (
        (c.anaphor or c.definite)
        and near
        and c.date is not None
        and recent.date is not None
        and c.date[2] == recent.date[2] == "day"
        and _BEGAN.search(c.sent.plain, c.seg[0], c.seg[1])
        and recent.date[0] - timedelta(days=RUNS) <= c.date[0] < recent.date[0]
        and _ALREADY_UNDER_WAY.search(" ".join(m.sent.plain for m in recent.members))
    ):
        # "an opening ceremony on Sunday for exercises that have already started ... The
        # drills began on Wednesday": the start of the run the ceremony was held in.
        return recent
    if c.part_of is not None and recent.name is None and near and _compatible(c.date, recent.date):
        return recent
    return None


def _continue_own(s: _Sent, e: Event) -> None:
    """ "The drills involve ...": keeps the exercise open for later back-references."""
    anaphor = _ANAPHOR_START.match(s.plain)
    if anaphor and _EXERCISE_HEAD.search(anaphor.group()) and s.i - e.last <= 3:
        e.last = s.i


_PARTIES_START = re.compile(r"(?i)^\W*" + _THE_PARTIES)
_DANGLING = re.compile(r"(?i)\s+(?:of|to|for|with|by|from|at|in|on)$")
_OBJECT_STOP = {
    "on",
    "in",
    "at",
    "from",
    "off",
    "near",
    "over",
    "during",
    "last",
    "this",
    "with",
    "by",
    "for",
    "to",
    "and",
    "as",
    "after",
    "before",
    "which",
    "that",
    "who",
    "under",
    "into",
}


def _object(after: str) -> str:
    """The noun phrase after a trigger ending in a preposition, without its determiner:
    "of its Type 12 missile on Monday" gives "Type 12 missile"."""
    words: list[str] = []
    for w in re.findall(r"[\w’'-]+|[^\w\s]", after):
        if not re.match(r"[\w’'-]", w) or w.lower() in _OBJECT_STOP or len(words) == 4:
            break
        if not words and w.lower() in {"its", "their", "the", "a", "an", "his", "her", "new"}:
            continue
        words.append(w)
    return " ".join(words)


# A weapon's model as texts give it: "Type 12", "Type 03", "SM-6", "PAC-3", "HIMARS", "NMESIS"
_MODEL = re.compile(
    r"\b(?:Type\s+\d+\w*|(?:SM|PAC|AGM|RIM|MGM)-\d+\w*|HIMARS|NMESIS|Tomahawk|Harpoon|"
    r"Naval\s+Strike\s+Missile|Chu-SAM|Patriot|Typhon)\b"
)


def _firing(c: _Cand) -> str | None:
    """A firing's title says what was fired: "Type 12 missile firing", "Rocket firing"; not
    the lede's words ("fired a dummy Type 12 missile from a mobile launcher")."""
    if not c.activity or not re.search(r"(?i)\bfired\b", c.trigger):
        return None  # "the first offshore firing of its Type 12 missile" reads well as it is
    noun = "rocket" if re.search(r"(?i)rocket", c.trigger) else "missile"
    window = c.sent.plain[max(c.seg[0], c.trigger_at - 60) : c.trigger_at + len(c.trigger) + 60]
    model = _MODEL.search(window)
    what = f"{model.group()} {noun}" if model else noun.capitalize()
    return f"{what} firing"


def _title(e: Event, loc: str | None, where: str, plan: str, brief: Callable) -> str:
    c = e.main
    forces: list[str] = []
    for m in e.members:
        forces += [f for f in m.forces if f not in forces]
    if loc and re.search(r"\bover\s+(?:the\s+)?" + re.escape(loc.split(",")[0]), c.sent.plain):
        where = f" over {loc}"
    name = e.name
    if name is not None:
        label = name.name if re.search(r"(?i)exercise", name.name) else f"{name.name} exercise"
        with_ = f" ({_join(brief(forces[:4]))})" if forces else ""
        return f"{label}{with_}{where}{plan}"
    if firing := _firing(c):
        who = brief(forces[:4]) or c.countries[:3]
        return f"{firing}{where}{plan}" + (f" ({', '.join(who)})" if who else "")
    np = re.search(
        r"(?:(?<![’'])\b(?!(?:the|a|an|in|of|to|and|had|have|has|an|conduct\w*|hold\w*|held|"
        r"continued|join\w*|engage\w*|carry|out|also|today|yesterday|tonight|then|just|now)\b)"
        r"[a-z][\w-]*\s+){0,2}" + re.escape(c.trigger),
        c.sent.plain[c.seg[0] :],
    )
    what = re.sub(r"\s+", " ", np.group() if np else c.trigger)
    if re.match(r"(?i)train(?:ed|s|ing)?\s", c.trigger):  # "trained alongside each other": a verb, not a name
        what = "Joint training"
    elif re.match(r"(?i)(?:flew|fly|flying|flies|escort|in\s+formation|show\s+of\s+force)", c.trigger):
        what = "Joint flight"
    elif re.match(r"(?i)(?:sailed|sailing|steamed|operated)\b", c.trigger):
        what = "Joint sail"
    if _DANGLING.search(what):  # "firing of": the title names what was fired
        after = c.sent.plain[c.seg[0] + (np.end() if np else 0) :]
        what = f"{what} {obj}" if (obj := _object(after)) else _DANGLING.sub("", what)
    who = brief(forces[:4]) or c.countries[:3]
    return f"{what[0].upper()}{what[1:]}{where}{plan}" + (f" ({', '.join(who)})" if who else "")


def _participants(e: Event) -> list[str]:
    participants: list[str] = []
    for m in e.members:
        participants += [f for f in m.forces if f not in participants]
    participants += [p for p in e.person_names() if p not in participants]
    return participants


def _keep(e: Event, when: tuple | None) -> bool:
    if e.name is not None:
        return True
    forces = [f for m in e.members for f in m.forces]
    return when is not None and bool(forces or any(m.countries for m in e.members))


def _reportable(e: Event) -> bool:
    return e.name is not None or any(c.forces or len(c.countries) >= 2 for c in e.members)


def _parties(c: _Cand) -> set[str]:
    """The countries named and the forces' countries take part in an exercise."""
    return set(c.countries) | {x for f in c.forces for x in _allies_of(f)}


_JAPANESE_FORCE = re.compile(r"\b(?:Japan|Japanese|Nippon)\b")


def _allies_of(force: str) -> set[str]:
    """The allies a force's name says it belongs to: "Japan Maritime Self-Defense Force" is
    Japan's, "U.S. Forces Korea" the United States'."""
    if not _ALLY_IN_NAME.search(force):
        return set()
    return {"Japan"} if _JAPANESE_FORCE.search(force) else {"United States"}


KIND = Kind(
    name="exercise",
    detect=detect,
    title=_title,
    participants=_participants,
    keep=_keep,
    trigger=TRIGGER,
    runs=RUNS,
    merge_needs_name=True,
    when=_when,
    reportable=_reportable,
    split=_split,
    join_named=_join_named,
    join_late=_join_late,
    continue_own=_continue_own,
    fold=_fold_exercises,
    parties=_parties,
)
