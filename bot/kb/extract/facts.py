"""Dated facts (meetings, exercises, space cooperation) from one document, and across many.

No statistical model can be installed offline (see the extraction notes), so extraction is
a set of readable rules over sentences, gazetteer mentions and resolved dates. The rules
aim at what an analyst records: one fact per event, however many sentences or documents
describe it, each with its source sentence quoted verbatim. Three steps:

1. Every body sentence is read once: entities, usable dates (not deadlines, not dates of
   other things named in passing, not dates inside quotations), trigger words, names of
   forums, exercises and programs (from the gazetteer or from their shape), and whether it
   refers back to what came before ("During the meeting, ...").
2. Sentences that report an event become candidates; a candidate joins an earlier event
   of the same document when it is the same forum, the same people on the same day, or a
   plain back-reference, else it starts a new one.
3. Events with too little to record (no one named, nothing named, no date) are dropped;
   the rest become Facts with titles, summaries and content-derived ids, so a reload or
   an unrelated new document never renames a fact that curation refers to.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bot.kb.dates import DateMention, find_dates, month_range
from bot.kb.entities import role_periods
from bot.kb.model import Fact, Source
from bot.kb.sentences import split_sentences

if TYPE_CHECKING:
    from bot.kb.documents import DocumentRecord
    from bot.kb.entities import Entity, Gazetteer

# --------------------------------------------------------------------------------- text


_MARKUP = re.compile(r"\]\([^)]*\)|\*\*|__|[\[\]\\]")


def plain_view(text: str) -> str:
    """`text` with link and emphasis markup blanked out, keeping every offset."""
    return _MARKUP.sub(lambda m: " " * len(m.group()), text)


def clean_text(text: str) -> str:
    """Text for display: markup removed, whitespace collapsed."""
    text = re.sub(r"\]\([^)]*\)", "", text)
    text = re.sub(r"\*\*|__|[\[\]]|\\(?=[$#*_\[\]])", "", text)
    text = re.sub(r"^\s*[-*•]\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()


_STOP = frozenset(
    "a an the of on in at to for and or with by from as that this these those is are was were "
    "be been has have had will would its their his her our it they he she we also than then "
    "into over about after before during while which who whom whose what when where".split()
)
_STARTERS = frozenset(
    "The A An This That These Those During At In On After Before Following Both But And "
    "Meanwhile Separately Also Besides However Earlier Later Since While When As Its Their "
    "His Her Our Under Regarding Pursuant Given Acknowledging To For With From Over By "
    "Senior New Former Then".split()
)
_ORDINALS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"inaugural|\d+(?:st|nd|rd|th)"
)
_ORDINAL_RE = re.compile(rf"^(?:{_ORDINALS})$", re.I)
_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|"
    "New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
    "Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    "West Virginia|Wisconsin|Wyoming|D\\.?C\\.?"
)
_MONTH_WORDS = frozenset(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday".split()
)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2}


@lru_cache(maxsize=65536)
def _norm_key(name: str) -> str:
    """A name reduced for comparison: case, punctuation, order of words, ordinals ignored."""
    toks = re.findall(r"[a-z0-9+]+", name.lower().replace("u.s.", "us").replace("u.s", "us"))
    toks = [t for t in toks if t not in _STOP and not _ORDINAL_RE.match(t)]
    toks = [t[:-1] if t.endswith("s") and len(t) > 4 else t for t in toks]
    return " ".join(sorted(set(toks)))


# --------------------------------------------------------------------------------- vocabulary

# Trigger words are data: a phrase an unseen readout or wire story uses to report an event
# belongs in these tables, not in the code that reads them.
_MEETING_WORDS = (
    r"met|meets|meeting|meetings|meet\s+with|held\s+talks|talks|talk|dialogue|summit|summits",
    r"consultative\s+committee|convened|convenes|visited|visits|visit\s+to|co-chaired|co-chair",
    r"spoke\s+with|speaking\s+with|spoke\s+(?:by|on\s+the)\s+(?:tele)?phone|2\s*\+\s*2",
    r"(?:tele)?phone\s+(?:call|talks|conversation|meeting|conference)|video\s+(?:call|conference|talks)",
    r"videoconference|teleconference|telecon|conferred|hosted|consultations|ministerial",
    r"held\s+(?:[\w-]+\s+){0,4}(?:discussions?|consultations|meeting)|exchanged\s+views",
    r"working\s+(?:lunch|dinner|breakfast)|(?:in-person|face-to-face|bilateral)\s+meeting",
    r"signing\s+ceremony",
    # "The defense chiefs of Japan and the United States agreed Sunday": a wire lede
    r"(?:defen[cs]e|foreign|finance|trade)\s+(?:chiefs|ministers|secretaries)\s+(?:of|from)\s+"
    r"(?:Japan|the\s+U)",
    r"(?:Japanese|U\.S\.|US|American)\s+and\s+(?:Japanese|U\.S\.|US|American)\s+"
    r"(?:defen[cs]e|foreign)\s+(?:chiefs|ministers)",
    r"joint\s+(?:news|press)\s+(?:conference|availability)",
)
_MEETING_TRIGGER = re.compile(rf"\b(?:{'|'.join(_MEETING_WORDS)})\b", re.I)
# Words that report a meeting only with a person as their object ("will host Prime Minister
# Kishida", "welcomed President Marcos"), not "hosted the exhibition" or "welcomed the plan".
_HOSTING_WORDS = (
    r"host|hosts|hosting|co-host|co-hosts|co-hosted|co-hosting|welcomed|welcomes|welcoming|"
    r"will\s+welcome|received|receives|will\s+receive|greeted|greets|hosted|meet"
)
_HOSTING_TRIGGER = re.compile(rf"\b(?:{_HOSTING_WORDS})\b", re.I)
_EXERCISE_WORDS = (
    r"exercises?|drills?|joint\s+training|training|maneuvers|manoeuvres|wargames?|war\s+games?",
    r"joint\s+patrols?|live-fire|live\s+fire|test[- ]fir(?:e|ed|ing)|missile\s+firing",
    r"(?:missiles?|rockets?)\s+(?:will\s+be\s+|were\s+|was\s+)?fired|firing\s+of",
    r"joint\s+(?:maritime\s+)?(?:sail|activity|deployment)|cooperative\s+activity",
)
_EXERCISE_TRIGGER = re.compile(rf"\b(?:{'|'.join(_EXERCISE_WORDS)})\b", re.I)
# "The Security Consultative Committee, held Wednesday": a name in a reference that the
# sentence goes on to report.
_REPORTED_AFTER = re.compile(
    r"[\s”\"’')]*,?\s*(?:which\s+(?:was|were)\s+)?(?:held|convened|took\s+place|opened|began)\b",
    re.I,
)
# A verb that reports the event it governs: "co-host the 2023 Security Consultative Committee".
_REPORTING_VERB_BEFORE = re.compile(
    r"\b(?:hold|holds|held|holding|host|hosts|hosted|hosting|co-host\w*|attend\w*|convene\w*|"
    r"chair\w*|co-chair\w*|open\w*|kick\w*\s+off|launch\w*|began|begin\w*|start\w*|"
    r"conduct\w*|stage\w*|join\w*)\s+the\s+\S*\s*$",
    re.I,
)
_MILITARY_HINT = re.compile(
    r"\b(?:destroyers?|frigates?|warships?|ships?|vessels?|submarines?|carriers?|aircraft|"
    r"warplanes?|fighters?|fighter\s+jets?|jets|bombers?|helicopters?|troops|soldiers|marines|"
    r"sailors|airmen|units?|battalions?|brigades?|fleet|navy|army|air\s+force|F-\d+\w*|B-\d+\w*|"
    r"missiles?)\b",
    re.I,
)
# Concrete space words: a sentence that has one (or names a program) and an actor is about a
# space activity, not about "space" as a policy area.
_SPACE_VOCAB = re.compile(
    r"\b(?:satellites?|anti-satellite|launch\s+vehicles?|rockets?|lunar|Moon|orbit|orbital|"
    r"low[- ]earth\s+orbit|space\s+stations?|astronauts?|rovers?|docking|spacecraft|spaceflight|"
    r"space\s+launch(?:es)?|spaceports?|payloads?|constellations?|space\s+exploration|"
    r"space\s+domain\s+awareness|space\s+situational\s+awareness|sample\s+return|"
    r"space\s+telescope|space\s+debris|space\s+probes?)\b"
)
_GENERIC = re.compile(
    r"\b(?:previously|in\s+the\s+past|has\s+long|have\s+long|routinely|regularly|"
    r"traditionally|usually|often|frequently|every\s+(?:year|two\s+years|other\s+year)|"
    r"annually|biennially|last\s+(?:summer|spring|autumn|fall|winter|year)|"
    r"earlier\s+this\s+year|(?:first|last)\s+held\s+in)\b",
    re.I,
)
_NEW_EVENT_CUE = re.compile(r"^\W*(?:separately|in\s+another|another|meanwhile|elsewhere)\b", re.I)
_REPORT_BEFORE = re.compile(
    r"\b(?:announced|said|says|stated|reported|revealed|confirmed|disclosed|told\s+\w+(?:\s+\w+)?)"
    r"\s+(?:on\s+)?$",
    re.I,
)
_RELATION_BEFORE = re.compile(
    r"\b(?:after|since|before|until|till|prior\s+to|following|ahead\s+of)\s+(?:the\s+)?$", re.I
)
# A trigger inside these phrases names an earlier event in passing ("commitments set by the
# Trilateral Leaders' summit"), it is not what the sentence reports.
_REFERENCE_BEFORE = re.compile(
    r"\b(?:set\s+by|by|from|since|after|following|under|through|via|sidelines\s+of|"
    r"outcomes?\s+of|results?\s+of|achievements?\s+of|commitments?\s+(?:made\s+)?(?:at|of)|"
    r"in\s+line\s+with|pursuant\s+to|as\s+agreed\s+at|agreed\s+(?:upon\s+)?at|direction\s+from|"
    r"ahead\s+of|prior\s+to|(?:in\s+)?preparations?\s+for|based\s+on|"
    r"building\s+on|alternative\s+to|similar\s+to|instead\s+of|modeled\s+on|successor\s+to|"
    r"replac\w+)\s+(?:the|an?)\s+"
    r"(?:(?!(?:at|in|on|with|for|to|and|of|during)\b)[\w'’.-]+\s+){0,7}$",
    re.I,
)
_ANAPHOR_START = re.compile(
    r"^\W*(?:(?:during|at|after|following|in|on\s+the\s+sidelines\s+of)\s+(?:the|this|that|their)\s+"
    r"(?:[\w-]+\s+){0,2}(?:meeting|talks|dialogue|summit|session|call|visit|discussions?|"
    r"exercise|drills?|training)"
    r"|(?:this|the|that|their)\s+(?:[\w-]+\s+){0,2}(?:meeting|talks|dialogue|summit|visit|exercise|"
    r"drills?|training)\b"
    r"|(?:that|this|it)\s+(?:was|is|marked|involved|included|comes|came|followed)\b)",
    re.I,
)
_DEFINITE_REF = re.compile(
    r"\b(?:the|this|that|(?:this|next|last)\s+(?:year|month|week)['’]s)\s+(?:[\w-]+\s+){0,2}"
    r"(?P<head>talks|meeting|dialogue|summit|exercises?|drills?|training)\b",
    re.I,
)
_CONTINUATION = re.compile(
    r"\b(?:the|both|two)\s+(?:ministers|sides|leaders|delegations|officials|secretaries|"
    r"chiefs|defense\s+chiefs|foreign\s+ministers|governments)\b|^\W*(?:they|both\s+sides)\b",
    re.I,
)
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

# "2+2" is tried only from the first digit of a number, or 100,000 digits cost 10^10 steps.
_CAP_TOKEN = r"(?:[A-Z][\w’'.+&-]*|(?<!\d)\d+\s*\+\s*\d+)"
_CHUNK = re.compile(rf"{_CAP_TOKEN}(?:\s+(?:(?:of|on|for|and|the|&|de)\s+){{0,2}}{_CAP_TOKEN})*")
_FORUM_HEADS = frozenset(
    "dialogue talks talk summit committee meeting conference forum consultations consultation "
    "roundtable ministerial symposium".split()
)
_ORDINAL_MEETING = re.compile(
    rf"^(?P<ord>{_ORDINALS})\s+(?:meeting|session|round|edition)\s+of\s+(?:the\s+)?(?P<rest>.+)$",
    re.I,
)
_ACRONYM_DEF = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9-]{1,9})\s*\)")
_EXERCISE_AFTER = re.compile(
    r"\b(?:exercises?|drills?)\s+(?:called\s+|dubbed\s+|named\s+|code-named\s+)?[\"“]?"
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?:\s+\d{2,4})?)"
)
_EXERCISE_BEFORE = re.compile(
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?:\s+\d{2,4})?)[\"”]?\s+(?:exercises?|drills?)\b"
)
_NOT_EXERCISE_NAME = re.compile(
    r"\b(?:Navy|Army|Air|Force|Forces|Marine|Marines|Military|Defense|Defence|Self|Joint|"
    r"Japan|Japanese|American|Korean|Chinese|Philippine|Australian|Indian|US|U|Coast|Guard|"
    r"Bilateral|Trilateral|Multilateral|Annual|Naval|Command|Ministry|The|This|That|Field|"
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
_SHIP_SHAPE = re.compile(
    r"\b(?:JS|USS|ROKS|HMS|HMAS|HMCS|HMNZS|INS|FS|ITS|BRP|KRI|RSS|PNS|TCG|USNS|JDS)\s+"
    r"[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|I{1,3}|IV|VI{0,3}))*"
)
_LOC_PREP = re.compile(
    r"\b(?:in|at|over|near|off|across|inside|outside|(?:went|travel(?:l)?ed|flew|came|headed|"
    r"arrived|returned)\s+(?:to|in)|visit(?:ed|s|ing)?|to\s+the\s+west\s+over|to\s+the\s+east\s+of)"
    r"\s+(?:the\s+)?(?:(?:US|U\.S\.|American|Japanese|Japan's|GSDF's|SDF's)\s+)?$",
    re.I,
)
_LOC_SHAPE = re.compile(
    r"(?:the\s+)?(?P<name>[\"“]?[A-Z][\w’'.-]*[\"”]?(?:\s+[A-Z][\w’'.-]*){0,3})"
)
_PLACE_TAIL = re.compile(rf",\s*(?P<tail>{_US_STATES})\b")
_FORCE_WORDS = re.compile(
    r"\b(?:Navy|Army|Air\s+Force|Marine|Marines|Self-Defense|Self-Defence|SDF|Coast\s+Guard|"
    r"Space\s+Force|Forces|Command|Fleet|Wing|Squadron|Division|Brigade|Regiment)\b"
)


# --------------------------------------------------------------------------------- sentences


@dataclass
class _Named:
    kind: str  # forum | exercise | program | org
    name: str
    start: int  # offsets in the sentence
    end: int
    key: str
    ordinal: str | None = None
    entity: Any = None
    said: str = ""  # as the document wrote it ("SLIM" for the Smart Lander for Investigating Moon)
    edition: int | None = None  # "Balikatan 2025": the year of this edition of a series

    @property
    def label(self) -> str:
        """The name for a title: the document's acronym when the full name is long."""
        if self.said and len(self.name) > 16 and _ACRONYM_SHAPE.fullmatch(self.said):
            return self.said
        return self.name


@dataclass
class _Sent:
    i: int
    passage: int
    start: int  # offsets into doc.text
    end: int
    text: str
    plain: str
    mentions: list = field(default_factory=list)  # gazetteer mentions, sentence offsets
    dates: list[tuple[DateMention, bool]] = field(default_factory=list)  # (mention, is_report)
    named: list[_Named] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    _refs: list[tuple[int, int]] | None = None  # "the results of a summit ..." clauses, found once

    def of_type(self, *types: str) -> list:
        return [m for m in self.mentions if m.entity.type in types]

    def in_quote(self, pos: int) -> bool:
        return any(a < pos < b for a, b in self.quotes)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”|\"[^\"]*\"", text)]
    # A short quoted name ("Little" Washington, "2+2") is not speech.
    return [(a, b) for a, b in spans if b - a > 25]


# Rules that look back from a position ("the Ninth Meeting of", "announced on") match a few
# words; reading only this many characters around it keeps a long sentence linear.
_LOOKBACK = 200


def _before(text: str, pos: int) -> tuple[str, int]:
    """The text just before `pos` (from a word start, at most _LOOKBACK long) and its offset."""
    lo = max(0, pos - _LOOKBACK)
    if lo:
        lo = text.find(" ", lo, pos) + 1 or pos
    return text[lo:pos], lo


_TRAVEL_BEFORE = re.compile(
    r"(?i)\b(?:left|leaves|leaving|departed|departs|set\s+off|flew|flies|headed|heads)\s+"
    r"(?:for|to)\b[^,;]{0,60}$"
)
_PURPOSE_AFTER = re.compile(r"(?i)^[^,;]{0,40}\bto\s+(?:hold|attend|meet|join|take\s+part)\b")
_SERIES_BEGAN = re.compile(
    r"(?i)\b(?:started|began|begun|launched|first\s+held|inaugurated|established|founded|"
    r"created|initiated)\s+(?:back\s+)?in\s+$"
)


def _usable_dates(
    s: _Sent, ref: date | None, ref_precision: str = "day"
) -> list[tuple[DateMention, bool]]:
    if ref is None:
        return []
    out = []
    for m in find_dates(s.text, ref, ref_precision):
        if m.deadline or s.in_quote(m.start):
            continue
        before = _before(s.plain, m.start)[0]
        after = s.plain[m.end : m.end + _LOOKBACK]
        if _RELATION_BEFORE.search(before) or _in_reference(s, m.start, m.end):
            continue
        # "left for the United States on Thursday to hold talks": the day of the journey
        if _TRAVEL_BEFORE.search(before) and _PURPOSE_AFTER.search(after):
            continue
        # "the first talks since Kihara took office earlier this month": the clause's date
        if re.search(r"(?i)\b(?:since|until|till|prior\s+to)\b[^,;]{0,90}$", before):
            continue
        # "the 2023 Camp David Summit", "the April 2024 Japan-U.S. Joint Leaders' Statement":
        # the date of something named in passing.
        if re.search(r"\bthe\s+$", before, re.I) and re.match(r"\s+[A-Z]", after):
            continue
        if re.match(r"\s*(?:anniversary|-year)", after, re.I):
            continue
        # "Valiant Shield, which started in 2006": when a series began, not this edition
        if m.precision == "year" and _SERIES_BEGAN.search(before):
            continue
        # "SEOUL, March 25 (Xinhua) --": the dateline dates the report, not the event.
        dateline = m.start < 40 and re.match(r"\s*(?:\([^)]*\))?\s*(?:--|—|–|-\s)", after)
        # "North Korea slammed the US on Tuesday over a recent drill": the reaction's day
        reaction = any(
            r.start() < m.start < r.end() + 1 or (r.start() < m.start and m.end <= r.end())
            for r in _REACTION_OVER.finditer(s.plain)
        )
        if reaction:
            continue
        out.append((m, bool(dateline or _REPORT_BEFORE.search(before))))
    return out


_REFERENCE_CLAUSE = re.compile(
    r"(?i)\b(?:(?:based\s+on|building\s+on|built\s+on)\s+)?(?:the\s+)?(?:results?|outcomes?)\s+"
    r"of\s+(?:the|an?|their)\s+[^,;]*"
    # "since President Trump took office on Monday": who took office is not at the meeting
    r"|\bsince\s+[^,;]{0,80}?\b(?:took\s+office|was\s+appointed|were\s+appointed|became|"
    r"assumed\s+office|returned\s+to\s+(?:office|power)|came\s+to\s+power)\b[^,;]*"
)


def _in_reference(s: _Sent, pos: int, end: int | None = None) -> bool:
    """Is the word at `pos` part of a phrase naming an earlier event in passing?

    Not when the sentence goes on to report it ("..., held Wednesday"): `end` is where the
    name or trigger word ends.
    """
    before = s.plain[max(0, pos - 120) : pos]
    before = re.split(r"[,;:]\s", before)[-1] if re.search(r"[,;:]\s", before) else before
    if end is not None and _REPORTED_AFTER.match(s.plain, end):
        return False
    if _REFERENCE_BEFORE.search(before):
        return True
    # inside "the results of a summit between A and B in February", to the clause's end
    if s._refs is None:
        s._refs = [(m.start(), m.end()) for m in _REFERENCE_CLAUSE.finditer(s.plain)]
    if any(a < pos < b for a, b in s._refs):
        return True
    # "the 2023 Camp David Summit", unless a verb reports it ("will co-host the 2023 SCC")
    m = re.search(r"\bthe\s+(?:\w+\s+)?(?:18|19|20)\d\d\s+(?:[A-Z][\w'’.-]*\s+){0,5}$", before)
    if m is None:
        return False
    head = s.plain[max(0, pos - len(before) - 40) : pos - len(before) + m.start() + 4]
    return not _REPORTING_VERB_BEFORE.search(head)


_PERSON_TITLES = frozenset(
    "President Minister Secretary Chairman Chair Commander Chief Director Head Governor "
    "Ambassador Deputy Vice Prime Foreign Defense Defence Admiral General Gen. Lt. Brig. "
    "Adm. Col. Senator Sen. Representative Rep. Mr. Ms. Mrs. Dr. Spokesman Spokeswoman".split()
)


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


_COUNTRY_ABBR = r"(?:U\.?S\.?|US|Japan|ROK|South\s+Korea|Korea|Philippines?|Australia|India|UK|China)"
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
            add(named_)
    # Forums by shape: a capitalised name ending in a forum word.
    persons = s.of_type("person")
    for a, b, text in _chunks(s):
        tokens = text.split()
        heads = [i for i, t in enumerate(tokens) if _head(t)]
        if not heads or tokens[0] in _PERSON_TITLES:
            continue
        # Cut after the last forum word, keeping a topic tail ("Dialogue on Space").
        last = heads[-1]
        if last + 2 < len(tokens) and tokens[last + 1] in ("on", "of", "for"):
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
    if m2 := re.search(r"[\"“]?\b(?:2\s*\+\s*2|two-plus-two)\b[\"”]?", s.plain, re.I):
        add(_Named("forum", "2+2", m2.start(), m2.end(), "2+2"))
    # "the US-Japan-ROK summit", "a Japan-U.S. summit": the countries' own summit, by shape
    for m3 in _COUNTRIES_FORUM.finditer(s.plain):
        name = re.sub(r"\s+", " ", m3.group()).strip()
        add(_Named("forum", name, m3.start(), m3.end(), _norm_key(name)))
    # Exercises by shape.
    for rx in (_EXERCISE_AFTER, _EXERCISE_BEFORE):
        for m in rx.finditer(s.plain):
            name = m.group("name")
            if _NOT_EXERCISE_NAME.search(name) or name.split()[0] in _MONTH_WORDS:
                continue
            if any(
                x.start <= m.start("name") < x.end
                for x in s.of_type("country", "org", "place", "person")
            ):
                continue
            add(_Named("exercise", name, m.start("name"), m.end("name"), _norm_key(name)))
    # Programs and companies by shape; a program only where the sentence is about space.
    for m in _PROGRAM_SHAPE.finditer(s.plain) if _space_context(s.plain) else ():
        name = m.group("name")
        words = name.split()
        while words and words[0] in _STARTERS:
            words = words[1:]
        if not words or all(w in _MONTH_WORDS for w in words):
            continue
        name = " ".join(words)
        full = f"{name} {m.group('head')}" if m.group("head")[0].isupper() else name
        start = m.end("name") - len(name)
        add(_Named("program", full, start, m.end(), _norm_key(name)))
    for m in _COMPANY_SHAPE.finditer(s.plain):
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
    for m in re.finditer(r"\b([A-Z][A-Za-z0-9-]{1,9}?)s?\b", s.plain):
        d = acronyms.get(m.group(1))
        if d and free(m.start(), m.end()):
            add(_Named(d.kind, d.name, m.start(), m.end(), d.key, entity=d.entity, said=m.group(1)))
    named.sort(key=lambda n: n.start)
    return named


def _space_context(text: str) -> bool:
    return bool(_SPACE_VOCAB.search(text) or re.search(r"\b[Ss]pace\b", text))


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


# --------------------------------------------------------------------------------- candidates


@dataclass
class _Cand:
    kind: str
    sent: _Sent
    seg: tuple[int, int]  # the part of the sentence this candidate covers
    trigger: str
    trigger_at: int
    date: tuple[date, date, str] | None = None
    future: bool = False
    persons: list = field(default_factory=list)  # gazetteer mentions
    forces: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    other_orgs: list[str] = field(default_factory=list)  # not companies or agencies (the UN, G7)
    countries: list[str] = field(default_factory=list)
    location: str | None = None
    name: _Named | None = None  # the forum / exercise / program
    names: list[_Named] = field(default_factory=list)
    space_term: str | None = None
    anaphor: bool = False
    definite: bool = False
    separate: bool = False  # "the first trilateral meeting": a meeting of its own
    short: dict[str, str] = field(default_factory=dict)  # canonical name -> acronym, for titles
    new_cue: bool = False
    generic: bool = False
    actorless: bool = False  # a space program named with no one doing anything with it


def _next_year(m: DateMention) -> DateMention:
    def bump(d: date) -> date:
        return d.replace(year=d.year + 1, day=min(d.day, 28) if d.month == 2 else d.day)

    return replace(m, date_start=bump(m.date_start), date_end=bump(m.date_end))


def _merge_range(ms: list[DateMention]) -> tuple[date, date, str, bool]:
    # "on Sunday, days after the launch last week": the finest date is the event's
    finest = min(_PREC_RANK[m.precision] for m in ms)
    ms = sorted((m for m in ms if _PREC_RANK[m.precision] == finest), key=lambda m: m.date_start)
    # "began Sunday and ends Feb. 8": a yearless date half a year before the sentence's
    # other dates was placed in the wrong year; it is the next one.
    last = ms[-1].date_start
    ms = sorted(
        (
            _next_year(m)
            if not re.search(r"\d{4}", m.text) and (last - m.date_end).days > 180
            else m
            for m in ms
        ),
        key=lambda m: m.date_start,
    )
    start, end, prec = ms[0].date_start, ms[0].date_end, ms[0].precision
    for m in ms[1:]:
        if m.date_start <= end + timedelta(days=2) and m.precision == prec:
            end = max(end, m.date_end)
    return start, end, prec, any(m.future for m in ms)


_AIM_BEFORE = re.compile(
    r"(?i)\b(?:promot\w*|expand\w*|strengthen\w*|enhanc\w*|increas\w*|deepen\w*|more|further|"
    r"future|additional|step\s+up|stepping\s+up)\s+(?:[\w-]+\s+)?$"
)
_EARLIER_CLAUSE = re.compile(r"(?i)\b(?:after|following)\s+(?=[A-Z]|the\s|a\s)")


def _earlier_event_clause(s: _Sent, m: DateMention) -> int | None:
    """ "Kihara and Austin had talks on Monday after the two countries held a 2+2 meeting
    on Sunday": the date is the earlier event's, which the clause reports with its own verb.
    Where the clause starts, or None."""
    for c in _EARLIER_CLAUSE.finditer(s.plain, 0, m.start):
        clause = s.plain[c.end() : m.start]
        if re.search(r"[,;]", clause):
            continue
        if _MEETING_TRIGGER.search(s.plain, 0, c.start()) and re.search(
            r"(?i)\b(?:held|met|hosted|convened|concluded|ended|wrapped\s+up)\b", clause
        ) and (_MEETING_TRIGGER.search(clause) or _EXERCISE_TRIGGER.search(clause)):
            return c.start()
    return None


def _segments(s: _Sent) -> list[tuple[int, int, list[DateMention]]]:
    """Split a sentence that dates two things ("X in 2024, and Y in 2026") by clause."""
    event = [m for m, report in s.dates if not report]
    if len(event) == 1 and (cut := _earlier_event_clause(s, event[0])) is not None:
        return [(0, cut, []), (cut, len(s.text), [m for m, _ in s.dates])]
    if len(event) < 2:
        return [(0, len(s.text), [m for m, _ in s.dates])]
    spans = sorted({(m.date_start, m.date_end) for m in event})
    disjoint = all(b[0] > a[1] for a, b in zip(spans, spans[1:], strict=False))
    if not disjoint:
        return [(0, len(s.text), [m for m, _ in s.dates])]
    cuts = [0]
    for m in re.finditer(r";\s+|,\s+(?:and|while|but|whereas)\s+|—|\s+while\s+", s.plain):
        cuts.append(m.end())
    cuts.append(len(s.text))
    clauses = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]
    segs: list[list] = []
    for a, b in clauses:
        ds = [m for m in event if a <= m.start < b]
        if ds or not segs:
            segs.append([a, b, ds])
        else:
            segs[-1][1] = b
    # Clauses before the first dated one belong to it.
    merged: list[list] = []
    for seg in segs:
        if merged and not merged[-1][2]:
            seg[0] = merged[-1][0]
            merged[-1] = seg
        else:
            merged.append(seg)
    if len(merged) < 2:
        return [(0, len(s.text), [m for m, _ in s.dates])]
    return [(a, b, ds) for a, b, ds in merged]


_FUTURE_AFTER = re.compile(
    r"(?i)\b(?:will|would|is\s+to|are\s+to|plans?\s+to|planned\s+to|is\s+set\s+to|"
    r"are\s+set\s+to|scheduled\s+to|expected\s+to|slated\s+to|"
    r"to\s+(?:hold|attend|take\s+part|join|participate))\b"
)


def _pick_date(ms: list[DateMention], s: _Sent) -> tuple[tuple[date, date, str] | None, bool]:
    report = {id(m) for m, r in s.dates if r}
    event = [m for m in ms if id(m) not in report]
    if not event:
        # "announced on Friday that the SDF will join the exercise": the day of the news is
        # not the day of what it announces.
        event = [m for m in ms if id(m) in report and not _FUTURE_AFTER.search(s.plain, m.end)]
    if not event:
        return None, False
    start, end, prec, future = _merge_range(event)
    return (start, end, prec), future


_GEO_TAIL = re.compile(r"\s+(?:Sea|Ocean|Strait|Bay|Gulf|Islands?|Peninsula|Channel)\b")


def _location(s: _Sent, a: int, b: int, near: int | None = None) -> str | None:
    """The place an event happened: a place after "in"/"at"/"went to", nearest the trigger."""
    best: tuple[tuple[int, int], str] | None = None
    for m in s.of_type("place", "country"):
        if not (a <= m.start < b) or s.in_quote(m.start) or _in_reference(s, m.start):
            continue
        if re.match(r"\s+(?:region|area|theater|theatre)\b", s.plain[m.end :], re.I):
            continue
        before = s.plain[max(0, m.start - 40) : m.start]
        before = re.sub(r"[\"“”]\w+[\"“”]\s+$", "", before)  # "Little" Washington
        if not _LOC_PREP.search(before):
            continue
        name = m.entity.name
        rank = 0 if m.entity.type == "place" else 1
        if geo := _GEO_TAIL.match(s.plain, m.end):  # "the Philippine Sea", not the Philippines
            name, rank = s.plain[m.start : geo.end()].strip(), 0
        elif tail := _PLACE_TAIL.match(s.plain, m.end):
            name = f"{s.plain[m.start : m.end].strip()}, {tail.group('tail')}"
        distance = abs(m.start - near) if near is not None else 0
        key = (distance // 60, rank)  # the nearest, then a city before a country
        if best is None or key < best[0]:
            best = (key, name)
    if best:
        return best[1]
    # A capitalised name after a place preposition that the gazetteer does not know.
    known = s.of_type("person", "org", "forum", "exercise", "program")
    preps = (
        r"\b(?:in|at|over|off|near|across|visit(?:ed|s|ing)?|"
        r"(?:went|travel(?:l)?ed|flew|headed|arrived)\s+(?:to|in))\s+(?:the\s+)?"
    )
    for m in re.finditer(preps, s.plain[a:b]):
        at = a + m.end()
        lm = _LOC_SHAPE.match(s.plain, at)
        if not lm:
            continue
        name = lm.group("name").strip('"“”')
        first = name.split()[0].strip('"“”')
        if first in _MONTH_WORDS or first in _STARTERS or first in _PERSON_TITLES or s.in_quote(at):
            continue
        if any(k.start <= at + 4 < k.end for k in known):
            continue
        if any(n.start <= at + 4 < n.end for n in s.named):
            continue
        if re.match(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}$", name):
            if tail := _PLACE_TAIL.match(s.plain, lm.end()):
                name = f"{name}, {tail.group('tail')}"
            return name
    return None


_NOT_FORCE = re.compile(
    r"\b(?:Ministry|Agency|Department|Office|Secretariat|Government|Cabinet|Council|Inc\.?|"
    r"Corp\.?|Company|University|Institute|Embassy|Parliament|Congress|Diet)\b"
)


_FORCE_ROLE = re.compile(
    r"(?i)\b(?:navy|air\s+force|army|military|armed\s+forces|coast\s+guard|marines?|"
    r"command|fleet|self-defen[cs]e|squadron|wing|brigade|division|regiment|unit|forces?)\b"
)


def _is_force(entity: Any) -> bool:
    roles = " ".join(str(r) for r in (getattr(entity, "roles", None) or []))
    if re.search(
        r"(?i)\b(?:company|ministry|agency|department|office|think\s+tank|party)\b", roles
    ):
        return False
    return bool(
        _FORCE_ROLE.search(roles) or _FORCE_WORDS.search(entity.name)
    ) and not _NOT_FORCE.search(entity.name)


def _forces(s: _Sent, a: int, b: int) -> list[str]:
    """Forces and ships taking part: the participants of an exercise."""
    out: list[str] = []
    for m in s.of_type("org"):
        if a <= m.start < b and _is_force(m.entity) and m.entity.name not in out:
            out.append(m.entity.name)
    for m in _SHIP_SHAPE.finditer(s.plain, a, b):
        name = re.sub(r"\s+", " ", m.group()).strip()
        if name not in out:
            out.append(name)
    return out


def _country_of(entity: Any) -> str | None:
    c = getattr(entity, "country", None)
    return c if isinstance(c, str) and c else None


_REACTION = (
    r"(?:slam\w*|condemn\w*|denounc\w*|criticiz\w*|criticis\w*|blast\w*|protest\w*|"
    r"lambast\w*|accus\w*|warn\w*|decr(?:y|ied|ies))"
)
# "North Korea has condemned the joint exercises ...": the country reacting is no party to them.
_REACTION_AFTER = re.compile(rf"(?i)(?:['’]s\s+\w+(?:\s+\w+)?)?\s+(?:has\s+|have\s+|had\s+)?{_REACTION}\b")
# "... slammed the US on Tuesday over a recent joint naval drill": the day of the reaction.
_REACTION_OVER = re.compile(rf"(?i)\b{_REACTION}\b[^.;]*?\b(?:over|against|for)\s+(?:the\s+|a\s+|their\s+)?")


def _countries(s: _Sent, a: int, b: int, extra: Iterable = ()) -> list[str]:
    out: list[str] = []
    for m in s.of_type("country"):
        # "a drill by the United States, Japan and South Korea": "by" names the parties here
        agent = re.search(r"\bby\s+(?:the\s+)?$", s.plain[max(0, m.start - 8) : m.start])
        if (
            a <= m.start < b
            and not s.in_quote(m.start)
            and (agent or not _in_reference(s, m.start))
            and not _REACTION_AFTER.match(s.plain, m.end)  # "North Korea slammed ...": a critic
        ):
            if m.entity.name not in out:
                out.append(m.entity.name)
    for e in extra:
        c = _country_of(e)
        if c and c not in out:
            out.append(c)
    return out


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
    r"\b(?:[a-z][\w-]*\s+){0,3}(?:agreement|arrangement|memorandum|framework|accord)\b"
)


def _space_term(s: _Sent, a: int, b: int) -> str | None:
    """What a space sentence is about, as a short noun phrase ("reusable launch vehicle")."""
    if _space_context(s.plain[a:b]):
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
            r"which|as|at|is|are|was|were|will)\b)([a-z][\w-]*)",
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
        no_object = re.match(r"\s*(?:$|[,.;]|(?:at|in|on|with|from|near|during|as)\b)", s.plain[v.end() :])
        if (
            org is not None
            and no_object
            and (w := re.match(r"\s+(?:([a-z]+)\s+)?(?:was\s+|were\s+)?$", between))
        ):
            return f"{org.entity.name} {w.group(1)}" if w.group(1) else org.entity.name
    return None


_WEAK_SPACE = re.compile(r"(?i)space\s+(?:domain|situational)\s+awareness|space\s+exploration")
_COOPERATION = re.compile(
    r"\b(?:welcom(?:e|es|ed|ing)|sign(?:s|ed|ing)?|join(?:s|ed|ing)?|"
    r"participat(?:e|es|ed|ing|ion)|agree(?:s|d|ing)?|launch(?:es|ed|ing)?|"
    r"conclud(?:e|es|ed|ing)|announc(?:e|es|ed|ing)|establish(?:es|ed|ing)?|"
    r"partner(?:s|ed|ing)|collaborat(?:e|es|ed|ing)|provid(?:e|es|ed|ing)|"
    r"develop(?:s|ed|ing)?|host(?:s|ed|ing)?|build(?:s|ing)?|built|deploy(?:s|ed|ing)?|"
    r"test(?:ed|ing)|found(?:ed|ing)|award(?:s|ed|ing)?|select(?:s|ed|ing)?|contracted|"
    r"open(?:s|ed)|activat(?:e|es|ed)|inaugurat(?:e|es|ed)|stood\s+up)\b",
    re.I,
)


_ACRONYM_SHAPE = re.compile(r"[A-Z][A-Za-z]{1,6}[A-Z]")


def _acronym(entity: Any, said: str) -> str | None:
    """ "JMSDF" for the Japan Maritime Self-Defense Force, as the document says it: short titles."""
    if len(entity.name) <= 16:
        return None
    if _ACRONYM_SHAPE.fullmatch(said):
        return said
    if len(entity.name) <= 24:
        return None
    acrs = [a for a in entity.aliases or () if _ACRONYM_SHAPE.fullmatch(a)]
    return max(acrs, key=len) if acrs else None


_SPOKESPERSON = re.compile(r"(?i)\b(?:spokes(?:person|man|woman)|press\s+secretary)\b")


def _comments_only(entity: Any) -> bool:
    """A ministry spokesperson answering a question about a meeting is not at it."""
    return bool(_SPOKESPERSON.search(" ".join(map(str, getattr(entity, "roles", None) or ()))))


def _candidates(s: _Sent) -> list[_Cand]:
    """The events a sentence reports: usually none or one, one per dated clause at most."""
    plain = s.plain
    starts_anaphor = bool(_ANAPHOR_START.match(plain))
    new_cue = bool(_NEW_EVENT_CUE.match(plain))
    generic = bool(_GENERIC.search(plain))

    persons_at = [m.start for m in s.of_type("person")]

    def first_trigger(rx: re.Pattern, a: int, b: int) -> re.Match | None:
        for m in rx.finditer(plain, a, b):
            if _in_reference(s, m.start(), m.end()) or s.in_quote(m.start()):
                continue
            if rx is _EXERCISE_TRIGGER and _AIM_BEFORE.search(plain, max(0, m.start() - 40), m.start()):
                continue  # "promoting joint exercises": an aim, not an exercise held
            return m
        return None

    def meeting_trigger(a: int, b: int) -> re.Match | None:
        found = first_trigger(_MEETING_TRIGGER, a, b)
        for m in _HOSTING_TRIGGER.finditer(plain, a, found.start() if found else b):
            # "will host Japan's Prime Minister Fumio Kishida": a person soon after the verb
            if any(m.end() <= p <= m.end() + 60 for p in persons_at) and not s.in_quote(m.start()):
                return m
        return found

    segments = _segments(s)
    sentence_trigger = meeting_trigger(0, len(plain)) if len(segments) > 1 else None
    out: list[_Cand] = []
    for a, b, ms in segments:
        when, future = _pick_date(ms, s)
        persons = [
            m
            for m in s.of_type("person")
            if a <= m.start < b and not _in_reference(s, m.start) and not _comments_only(m.entity)
        ]
        named = [n for n in s.named if a <= n.start < b and not _in_reference(s, n.start, n.end)]
        exercises = [n for n in named if n.kind == "exercise"]
        forums = [n for n in named if n.kind == "forum"]
        programs = [n for n in named if n.kind == "program"]
        org_mentions = [m for m in s.of_type("org") if a <= m.start < b]
        orgs = list(dict.fromkeys(m.entity.name for m in org_mentions))
        orgs += [n.name for n in named if n.kind == "org" and n.name not in orgs]
        forces = _forces(s, a, b)
        ex_trig = first_trigger(_EXERCISE_TRIGGER, a, b)
        # "X visited Japan in October 2022, and Y did the same in March 2022": Y's clause
        # reports a meeting through the sentence's trigger.
        mt_trig = meeting_trigger(a, b) or (sentence_trigger if persons else None)
        base = dict(
            sent=s,
            seg=(a, b),
            date=when,
            future=future,
            anaphor=starts_anaphor,
            new_cue=new_cue,
            generic=generic,
        )
        cand: _Cand | None = None
        exercise_at = min(
            [n.start for n in exercises] + ([ex_trig.start()] if ex_trig else []), default=b
        )
        meeting_first = bool(mt_trig and persons and mt_trig.start() < exercise_at)
        if not meeting_first and (
            exercises
            or (
                ex_trig
                and (
                    forces
                    or _MILITARY_HINT.search(plain, a, b)
                    or len(_countries(s, a, b)) >= 2  # "The US, South Korea and Japan held ..."
                    or re.search(r"(?i)\bthe\s+(?:[\w-]+\s+)?$", plain[a : ex_trig.start()])
                )
            )
        ):
            # The name as the document wrote it ("IRON FIST"), not as the gazetteer spells it.
            trig_text, trig_at = (
                (ex_trig.group(), ex_trig.start())
                if ex_trig
                else (plain[exercises[0].start : exercises[0].end], exercises[0].start)
            )
            cand = _Cand("exercise", trigger=trig_text, trigger_at=trig_at, **base)
            cand.name = exercises[0] if exercises else None
            cand.forces = forces
        elif mt_trig:
            cand = _Cand("meeting", trigger=mt_trig.group(), trigger_at=mt_trig.start(), **base)
            cand.persons = persons
            # The forum this sentence reports: the one nearest the trigger, but not the one
            # someone came for ("held a meeting with X, who is visiting Japan to attend the
            # G7 Foreign Ministers' Meeting").
            own = [
                n
                for n in forums
                if not (
                    n.start > mt_trig.end()
                    and re.search(r"(?i)\b(?:to\s+attend|attending|for)\s+(?:the\s+)?$", plain[: n.start])
                )
            ]
            if own:
                cand.name = min(own, key=lambda n: abs(n.start - mt_trig.start()))
        else:
            term = _space_term(s, a, b) or _space_term(s, 0, len(plain))
            strong = [
                m for m in _SPACE_VOCAB.finditer(plain) if not _WEAK_SPACE.fullmatch(m.group())
            ]
            concrete = term is not None and bool(strong)
            acting = bool(_COOPERATION.search(plain, a, b))
            if term is None and acting and (object_ := _acted_on(s, a, b)):
                term, strong = object_, [object_]
            if not _space_context(plain) or not (concrete or acting):
                programs = []  # a strategy, a treaty, or a list of them: not an activity
            if concrete or programs or (term and acting):
                actors = orgs + [m.entity.name for m in persons] + _countries(s, a, b)
                # "The Framework Agreement ... builds on ...": a named program with no actor
                # goes on about the space news before it (and is dropped if there is none).
                if actors or programs:
                    at = (
                        programs[0].start
                        if programs
                        else max(plain.find(str(term).split()[-1], a), 0)
                    )
                    label = term or programs[0].name
                    cand = _Cand("space", trigger=label, trigger_at=at, **base)
                    cand.space_term = term
                    cand.name = programs[0] if programs else None
                    cand.persons = persons
                    cand.actorless = not actors
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
        extra = [m.entity for m in persons] + [m.entity for m in org_mentions]
        cand.countries = _countries(s, a, b, extra)
        cand.location = _location(s, a, b, cand.trigger_at)
        cand.separate = bool(_SEPARATE_MEETING.search(plain, a, b))
        cand.short = {
            m.entity.name: acr for m in org_mentions if (acr := _acronym(m.entity, m.text))
        }
        dm = _DEFINITE_REF.search(plain, a, b)
        cand.definite = bool(dm and not cand.name and not _in_reference(s, dm.start()))
        out.append(cand)
        out.extend(_separate_meetings(cand))
    return out


_SEPARATE_WITH = re.compile(
    r"(?i)\b(?:held\s+)?separate(?:ly)?\s+(?:discussions|meetings|talks|calls)\s+with\b|"
    r"\band\s+(?:separately|also)\s+(?:met|held\s+talks)\s+with\b"
)


_PAREN_MEETING = re.compile(r"\(\s*(?:meeting|met|meets|with)\s+[^()]*\)", re.I)


def _paren_meetings(c: _Cand) -> list[_Cand]:
    """A newsletter's "visits by METI Minister Hagiuda (meeting Commerce Secretary Raimondo
    and Energy Secretary Granholm), National Security Advisor Akiba (meeting ...)": each
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
            "meeting", c.sent, c.seg, "meeting", m.start(), date=c.date, future=c.future,
            persons=[host, *guests], countries=c.countries, location=c.location, new_cue=True,
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
            "meeting", c.sent, c.seg, m.group(), m.start(), date=c.date, future=c.future,
            persons=[host, p], countries=c.countries, location=c.location, new_cue=True,
        )
        d.definite = d.anaphor = False
        out.append(d)
    return out


# --------------------------------------------------------------------------------- events


_PREC_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
# How many days apart two dates of one named event may be: exercises run for weeks.
_RUNS = {"exercise": 21, "meeting": 0, "space": 0}


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
        if self.kind == "space":  # later sentences add detail, not the date of the news
            return self.main.date
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


def _edition(e: _Event) -> int | None:
    return next((c.name.edition for c in e.members if c.name and c.name.edition), None)


def _compatible(a: tuple | None, b: tuple | None, span: int = 0) -> bool:
    """Could two dates be one event's? `span`: days an event may run (an exercise's "began
    Sunday" and "the Marine Corps said Tuesday" are one exercise)."""
    if a is None or b is None:
        return True
    if a[0] <= b[1] and b[0] <= a[1]:
        return True
    if span and min(abs((a[0] - b[1]).days), abs((b[0] - a[1]).days)) <= span:
        return True
    if "week" in (a[2], b[2]):  # "last week" against an inferred document date is approximate
        gap = min(abs((a[0] - b[1]).days), abs((b[0] - a[1]).days))
        return gap <= 14
    return False


def _shares(c: _Cand, e: _Event) -> bool:
    names = {m.entity.name for m in c.persons}
    if names & set(e.person_names()):
        return True
    forces = set(c.forces)
    if forces and forces & {f for m in e.members for f in m.forces}:
        return True
    keys = {n.key for n in c.names if n.kind in ("program", "org", "exercise")}
    ekeys = {
        n.key
        for m in e.members
        if not m.actorless  # a program mentioned in passing does not make the event about it
        for n in m.names
        if n.kind in ("program", "org", "exercise")
    }
    if keys & ekeys:
        return True
    orgs = set(c.orgs)
    return bool(orgs and orgs & {o for m in e.members for o in m.orgs})


def _target(c: _Cand, events: list[_Event]) -> _Event | None:
    same = [
        e
        for e in reversed(events)
        if e.kind == c.kind and not all(m.actorless for m in e.members)  # never hosts: dropped
    ]
    if not same:
        return None
    recent = same[0]
    near = c.sent.i - recent.last <= 3
    # The same named forum / exercise / program on compatible dates.
    if c.name is not None:
        for e in same:
            n = e.name
            if n is not None and n.key == c.name.key and _compatible(c.date, e.date, _RUNS[c.kind]):
                if c.name.ordinal and n.ordinal and c.name.ordinal.lower() != n.ordinal.lower():
                    continue
                if c.name.edition and _edition(e) and c.name.edition != _edition(e):
                    continue  # Balikatan 2024 is not Balikatan 2025
                return e
        # "Forces started joint training Thursday. The Keen Sword exercise is held every two
        # years": the exercise named in one sentence and dated in the one before.
        if (
            c.kind == "exercise"
            and recent.name is None
            and (near or c.anaphor or c.definite)
            and _compatible(c.date, recent.date, _RUNS["exercise"])
            and (c.generic or _NAMES_THE_DRILL.search(c.sent.plain, c.seg[0], c.seg[1]))
        ):
            return recent
        # "This was the first Japan-U.S. Foreign Ministers' Meeting since ...": the meeting
        # just reported, named again
        if c.anaphor and near and c.kind == recent.kind and _compatible(c.date, recent.date):
            return recent
        if c.kind != "space":
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
    # "Kishida also met with Vice President Harris": another meeting of the same visit, one
    # fact per meeting, when new people are met.
    if c.kind == "meeting" and _ANOTHER_MEETING.search(c.sent.plain, c.seg[0], c.seg[1]):
        met = {m.entity.name for m in c.persons}
        if met - set(recent.person_names()) and len(recent.person_names()) >= 2:
            c.date = c.date or recent.date  # told as part of the same day's program
            return None
    # Same people (or forces, programs) on the same day, or a follow-up sentence without a date;
    # the event sharing the most of them ("Austin underscored with Minister Hamada ..." goes
    # on about the Hamada meeting, not the later call on Akiba).
    met = {m.entity.name for m in c.persons}
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
    # "The exercises will run from October 23": the exercise the story is about, however
    # far back it was named.
    if c.kind == "exercise" and (c.anaphor or c.definite) and _compatible(c.date, recent.date):
        return recent
    if c.actorless:  # only right after the news it goes on about, in the same paragraph
        follows = c.sent.i - recent.last == 1 and c.sent.passage == recent.main.sent.passage
        return recent if c.kind == "space" and follows and _compatible(c.date, recent.date) else None
    # A space story goes on about its news in the next paragraphs without a date of its own.
    if c.kind == "space" and c.date is None and not c.name and near and recent.main.date:
        return recent
    # A space item continued in the same paragraph: the next sentence, or one naming the same actor.
    if c.kind == "space" and recent.main.sent.passage == c.sent.passage:
        if c.sent.i - recent.last == 1 and c.date is None and not c.name:
            return recent
        if _shares(c, recent) and (
            c.name is None or c.name.key == (recent.name.key if recent.name else None)
        ):
            return recent
    # An undated sentence repeating an earlier one (a headline and its story).
    if c.date is None:
        w = _words(clean_text(c.sent.text[c.seg[0] : c.seg[1]]))
        for e in same:
            ew = _words(clean_text(" ".join(m.sent.text for m in e.members if not m.actorless)))
            if w and len(w & ew) / len(w) >= 0.6:
                return e
    return None


_DATED_BACK = re.compile(
    r"(?i)^\W*(?:this|that|the)\s+(?:[\w-]+\s+){0,3}(?:was|were)\s+(?:conducted|held|carried\s+out|"
    r"staged|completed|launched)\b"
)


def _dates_last(s: _Sent, events: list[_Event]) -> bool:
    """ "This maritime cooperation was conducted Friday": a sentence that only dates the
    event before it. True when it did."""
    own = [m for m, report in s.dates if not report]
    if not events or not own or not _DATED_BACK.match(s.plain) or s.i - events[-1].last > 3:
        return False
    e = events[-1]
    start, end, prec, future = _merge_range(own)
    if e.date and not _compatible((start, end, prec), e.date, _RUNS[e.kind]):
        return False
    c = _Cand(e.kind, s, (0, len(s.text)), "", 0, date=(start, end, prec), future=future)
    e.members.append(c)
    e.last = s.i
    return True


_PAIR_SUBJECT = re.compile(
    r"(?i)^\W*(?:the\s+two(?:\s+[\w-]+)?|both\s+(?:men|women|ministers|leaders|sides)|they)\b"
)


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


def _borrow_people(cands: list[_Cand], s: _Sent, prev: _Sent | None) -> None:
    """ "Austin told Hamada that ... The two men met in the Pentagon today.": the people of
    a meeting whose subject points back to the sentence before."""
    if prev is None or not _PAIR_SUBJECT.match(s.plain):
        return
    people = [m for m in prev.of_type("person") if not _in_reference(prev, m.start)]
    if len({m.entity.name for m in people}) < 2:
        return
    for c in cands:
        if c.kind == "meeting" and not c.persons:
            c.persons = list({m.entity.name: m for m in people}.values())
            c.trigger_at = len(s.plain)  # all of them are its subject


def _group(sents: list[_Sent]) -> list[_Event]:
    """Candidates in document order, each joined to an earlier event or starting a new one."""
    events: list[_Event] = []
    prev: _Sent | None = None
    for s in sents:
        cands = _candidates(s)
        _borrow_people(cands, s, prev)
        _same_day_as_before(cands, s, prev)
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
        words = _words(clean_text(e.main.sent.text[e.main.seg[0] : e.main.seg[1]]))
        if len(words) < 3:
            continue
        if e.kind == "meeting" and e.main.sent.i == 0 and e.name is not None and not e.person_names():
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
            if f.main.sent.i == e.main.sent.i:
                continue  # the other clause of a sentence split in two events
            if e.name is not None and f.name is not None and e.name.key == f.name.key:
                continue  # the same name on another date: another session
            fw = _words(clean_text(" ".join(m.sent.text for m in f.members if not m.actorless)))
            if len(words & fw) / len(words) >= 0.6:
                f.members.extend(e.members)
                out.remove(e)
                break
    return _fold_space(_fold_exercises(out))


def _fold_space(events: list[_Event]) -> list[_Event]:
    """A headline and its story about one space item ("... to launch unit in Tokyo in
    December" over "the Space Force will launch a unit in Tokyo in December"): the same
    term or program, the same actors, compatible dates, one event."""
    out: list[_Event] = []
    for e in events:
        host = None
        if e.kind == "space":
            key = e.name.key if e.name else (e.main.space_term or "").lower()
            orgs = {o for c in e.members for o in c.orgs}
            for f in out:
                fkey = f.name.key if f.name else (f.main.space_term or "").lower()
                if (
                    f.kind == "space"
                    and key
                    and fkey == key
                    and orgs & {o for c in f.members for o in c.orgs}
                    and _compatible(e.main.date, f.main.date)
                ):
                    host = f
                    break
        if host is None:
            out.append(e)
            continue
        host.members.extend(e.members)
        host.last = max(host.last, e.last)
        if _PREC_RANK.get((e.main.date or (0, 0, "year"))[2], 3) < _PREC_RANK.get(
            (host.main.date or (0, 0, "year"))[2], 3
        ):
            host.main = e.main  # the more precisely dated report leads
    return out


def _fold_exercises(events: list[_Event]) -> list[_Event]:
    """A story about a named exercise calls it "the drills", "joint military training", "this
    year's exercise" too: those unnamed exercise events are the named one when their dates
    agree (the nearest named one before, else the first after). Without a named exercise,
    unnamed ones a few sentences apart on compatible dates are one exercise."""
    named = [e for e in events if e.kind == "exercise" and e.name is not None]
    out: list[_Event] = []
    for e in events:
        if e.kind != "exercise" or e.name is not None:
            out.append(e)
            continue
        at = e.main.sent.i
        # "this year's exercise, which began Sunday": a phase of the named one, days apart
        span = _RUNS["exercise"] if e.main.definite or e.main.anaphor else 0

        # A planned exercise ("Japan to join Balikatan 2025") does not take in what already
        # happened (a patrol on March 28).
        done = e.date is not None and not _planned(e)

        def fits(f: _Event, e: _Event = e, span: int = span, done: bool = done) -> bool:
            return _compatible(e.date, f.date, span) and not (done and _planned(f) and not f.date)

        before = [f for f in named if f.main.sent.i < at and fits(f)]
        after = [f for f in named if f.main.sent.i > at and fits(f)]
        host = before[-1] if before else (after[0] if after else None)
        if host is None:
            prev = next((f for f in reversed(out) if f.kind == "exercise" and f.name is None), None)
            if (
                prev is not None
                and at - prev.last <= 3
                and (e.date is None or prev.date is None)  # a newsletter's dated items stay apart
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


_ANOTHER_MEETING = re.compile(
    r"(?i)\b(?:also|separately|later|then|afterwards?|next)\s+(?:\w+\s+)?"
    r"(?:met|meets|held\s+talks|spoke|talked|called\s+on|paid\s+a\s+courtesy\s+call)"
)
# A sentence that names the exercise just reported: "The drill, dubbed Keen Sword", "The
# Keen Sword exercise is held every two years" (not "Japan's part in Balikatan 2025 ...").
_NAMES_THE_DRILL = re.compile(
    r"(?i)\b(?:(?:the|this)\s+(?:[\w-]+\s+){0,2}(?:exercises?|drills?|training|maneuvers)|"
    r"dubbed|code-?named|called|named|titled|known\s+as)\b"
)
_SEPARATE_MEETING = re.compile(
    r"(?i)\b(?:first|inaugural|separate|another|trilateral|quadrilateral|multilateral)\s+"
    r"(?:[\w-]+\s+)?(?:meeting|talks|summit|dialogue|session|call)\b"
)
_EXERCISE_HEAD = re.compile(r"(?i)\b(?:exercises?|drills?|training|maneuvers)\b")


def _continue(s: _Sent, events: list[_Event]) -> None:
    """A sentence that goes on about the last event without reporting one of its own.

    It keeps the event open for later back-references; for a meeting it also adds the
    topics discussed, and the people when the sentence names those the report left out.
    """
    if not events:
        return
    e = events[-1]
    anaphor = _ANAPHOR_START.match(s.plain)
    if e.kind == "exercise":
        if anaphor and _EXERCISE_HEAD.search(anaphor.group()) and s.i - e.last <= 3:
            e.last = s.i
        return
    meetings = [x for x in events if x.kind == "meeting"]
    if not meetings:
        return
    e = meetings[-1]
    if events[-1] is not e and s.i - e.last > 1:
        return
    persons = [m for m in s.of_type("person") if not _in_reference(s, m.start)]
    follows = s.i - e.last == 1 and e.main.sent.passage == s.passage
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


# --------------------------------------------------------------------------------- facts


# Where the family name comes first ("Wang Yi", "Dong Jun", "Kim Jong Un"): a title names
# the whole name, not its last word.
_FAMILY_FIRST = frozenset({"China", "Taiwan", "South Korea", "North Korea", "Vietnam"})


def _short(name: str, country: str | None = None) -> str:
    if country in _FAMILY_FIRST:
        return name
    parts = [p for p in name.split() if p.rstrip(".,") not in ("Jr", "Sr", "II", "III", "IV")]
    for i, p in enumerate(parts[1:-1], 1):  # "Ursula von der Leyen"
        if p in ("von", "van", "der", "de", "da", "di", "del", "le", "la", "bin", "al"):
            return " ".join(parts[i:])
    if len(parts) >= 2 and re.search(r"-[a-z]", parts[-1]):
        return name  # "Kim Seung-kyum": family name first
    if len(parts) == 3 and parts[0] in (
        "Kim",
        "Lee",
        "Park",
        "Choi",
        "Jung",
        "Yoon",
        "Xi",
        "Li",
        "Wang",
    ):
        return name
    return parts[-1] if parts else name


def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _role(m, when: date | None) -> str | None:
    """The person's role at the time, short enough for a title ("INDOPACOM commander")."""
    for role in getattr(m.entity, "roles", None) or []:
        if not isinstance(role, str):
            continue
        periods = role_periods(role)
        if periods and when is not None:
            if not any(a <= when <= b for a, b in periods):
                continue
        elif periods:
            continue
        role = re.sub(r"\s*\([^)]*\)\s*$", "", role).strip()
        if c := re.match(r"(?i)commander,\s+(.+)$", role):
            role = f"{c.group(1)} commander"
        if len(role) <= 36:
            return role
        return None
    return None


_MEETING_NOUN = re.compile(
    r"(?i)\b(?:meeting|summit|talks?|dialogue|conference|consultations?|forum|ministerial|"
    r"symposium|roundtable|2\+2)\W*$"
)


def _parties(e: _Event) -> list[str]:
    """Forces or agencies meeting with no person named: "The U.S. Space Force and the JASDF
    held their first space discussions" (each named in the sentence that reports it)."""
    c = e.main
    return [
        m.entity.name
        for m in c.sent.of_type("org")
        if c.seg[0] <= m.start < min(c.seg[1], c.trigger_at)  # the subject: before the verb
    ] if c.kind == "meeting" and not c.persons else []


def _meeting_title(e: _Event, where: str, plan: str) -> str:
    c = e.main
    people = e.person_mentions()
    name = e.name
    if name is not None:
        label = name.name
        if name.ordinal:
            label = f"{name.ordinal[0].upper()}{name.ordinal[1:]} meeting of the {label}"
        elif name.name == "2+2":
            label = "“2+2” meeting"
        elif not _MEETING_NOUN.search(label):
            noun = re.match(r"(?i)summit|talks|dialogue|conference|consultations", c.trigger)
            label += f" {noun.group().lower()}" if noun else " meeting"
        who = f" ({_join([_short(m.entity.name, _country_of(m.entity)) for m in people[:4]])})" if people else ""
        return f"{label}{who}{where}{plan}"
    if not people:
        if len(parties := _parties(e)) >= 2:  # "the U.S. Space Force and the JASDF held talks"
            return f"{_join(parties[:3])} hold talks{where}{plan}"
        countries = _join(c.countries[:3])
        return f"{countries} meeting{where}{plan}".strip() if countries else f"Meeting{where}{plan}"
    if not c.persons:  # the people were named in the sentences that followed
        verb = "meet" if len(people) > 1 else "holds talks"
        return f"{_join([_short(m.entity.name, _country_of(m.entity)) for m in people[:4]])} {verb}{where}{plan}"
    before = [m for m in c.persons if m.start < c.trigger_at]
    after = [m for m in c.persons if m.start >= c.trigger_at]
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
        names.append(f"{role} {_short(m.entity.name, _country_of(m.entity))}" if role else _short(m.entity.name, _country_of(m.entity)))
    verb = "meet" if len(before) > 1 else "meets"
    return f"{subj} {verb} {_join(names)}{where}{plan}"


def _title(e: _Event) -> str:
    c = e.main
    short: dict[str, str] = {}
    for m in e.members:
        short.update(m.short)

    def brief(names: list[str]) -> list[str]:
        return [short.get(n, n) for n in names]

    loc = next((m.location for m in e.members if m.location), None)
    where = f" in {loc}" if loc else ""
    plan = " (planned)" if e.future else ""
    if e.kind == "meeting":
        return _meeting_title(e, where, plan)
    if e.kind == "exercise":
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
        np = re.search(
            r"(?:(?<![’'])\b(?!(?:the|a|an|in|of|to|and|had|have|has|an|conduct\w*|hold\w*|held|"
            r"continued|join\w*|engage\w*|carry|out)\b)[a-z][\w-]*\s+){0,2}" + re.escape(c.trigger),
            c.sent.plain[c.seg[0] :],
        )
        what = np.group() if np else c.trigger
        who = brief(forces[:4]) or c.countries[:3]
        return f"{what[0].upper()}{what[1:]}{where}{plan}" + (f" ({', '.join(who)})" if who else "")
    # space
    # The lede's own subject first: "signed a statement on lunar exploration" is not titled by
    # the Gateway a later sentence mentions.
    label = (c.name.label if c.name else c.space_term) or (
        e.name.label if e.name else "space cooperation"
    )
    actors: list[str] = []
    for m in e.members:  # companies and agencies first, then countries
        actors += [o for o in m.orgs if o not in actors and o not in e.other_orgs]
    if not actors:
        for m in e.members:
            actors += [x for x in m.countries if x not in actors]
    if not actors:
        actors = list(dict.fromkeys(o for m in e.members for o in m.orgs))
    label = label[0].upper() + label[1:]
    actors = [a for a in actors if a != label]  # "U.S. Space Command" opened: no "X: X"
    return f"{label}: {_join(brief(actors[:3]))}{plan}" if actors else f"{label}{plan}"


def _fit(text: str, limit: int) -> str:
    """At most `limit` characters (Slack headers stop at 150), cut at a word."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:(") + "…"


def _summary(e: _Event) -> str:
    parts = [clean_text(e.main.sent.text)]
    seen = {e.main.sent.i}
    for c in e.members[1:]:
        if c.sent.i in seen:
            continue
        seen.add(c.sent.i)
        if len(" ".join(parts)) > 320:
            break
        parts.append(clean_text(c.sent.text))
    text = " ".join(parts)
    if len(text) > 480:
        text = text[:477].rsplit(" ", 1)[0] + "…"
    if e.topics:
        text += " Topics: " + ", ".join(e.topics[:8]) + "."
    return text


def _id(kind: str, key: str, when: str | None) -> str:
    raw = f"{kind}|{key}|{when or 'undated'}"
    return f"{kind[0]}-{hashlib.sha1(raw.encode()).hexdigest()[:10]}"


def _event_key(e: _Event, participants: list[str]) -> str:
    if e.name is not None:
        return f"{e.name.key}|{(e.name.ordinal or '').lower()}"
    if participants:
        return "|".join(sorted(participants))
    c = e.main
    return (
        "|".join(sorted(c.countries))
        + "|"
        + (c.location or "")
        + "|"
        + (c.space_term or c.trigger).lower()
    )


def _keep(e: _Event, when: tuple | None) -> bool:
    if all(c.actorless for c in e.members):
        return False  # a program named with no one acting: not news of its own
    if when is None and e.main.generic:
        return False  # "alternates with the Keen Sword exercises": a series, not an event
    people = e.person_names()
    forces = [f for m in e.members for f in m.forces]
    if e.kind == "meeting":
        if not people and e.name is None and len(_parties(e)) < 2:
            return False
        return when is not None or (e.name is not None and not _planned(e) and _happened(e))
    if e.kind == "exercise":
        if e.name is not None:
            return True
        return when is not None and bool(forces or any(m.countries for m in e.members))
    return when is not None or e.name is not None


def _when(e: _Event, doc: DocumentRecord) -> tuple[date, date, str] | None:
    """The event's date; for an exercise, not the year an earlier edition was held.

    "Talisman Sabre, first held in 2005, ..." dates the series, not this edition: a story
    reports the current one, so dates long before the document's own are history.
    """
    if e.kind != "exercise" or doc.date is None:
        return e.date
    recent = [
        c.date for c in e.members if c.date and c.date[1] >= doc.date - timedelta(days=200)
    ]
    edition = _edition(e)
    if edition:  # "Balikatan 2025": dates of other years are other editions'
        recent = [d for d in recent if d[0].year <= edition <= d[1].year]
        if not recent and doc.date.year == edition:
            return None  # the month it was reported, below
        if not recent:
            return date(edition, 1, 1), date(edition, 12, 31), "year"
    if not recent:
        return None
    best = min(recent, key=lambda d: (_PREC_RANK[d[2]], d[0]))
    # "began Thursday" ... "concludes Saturday": the run from its start to its end
    end = max((d[1] for d in recent if d[2] == best[2] == "day"), default=best[1])
    return (best[0], end, best[2]) if (end - best[0]).days <= 31 else best


# What says an undated meeting took place; without one, a forum named as an object ("tasking
# the Security Consultative Committee to ...") is not a meeting.
_EVENT_VERB = re.compile(
    r"(?i)\b(?:met|meets|meeting\s+with|held|holds|host|hosted|hosts|visited|visits|spoke|talked|"
    r"convened|gathered|attended|co-chaired|sat\s+down|welcomed|received|joined|discussed|"
    r"agreed|affirmed|confirmed|exchanged|signed|occurred|took\s+place|(?:their|the)\s+"
    r"(?:[\w-]+\s+){0,2}(?:meeting|talks|summit|call))\b"
)


def _happened(e: _Event) -> bool:
    return any(_EVENT_VERB.search(c.sent.plain, c.seg[0], c.seg[1]) for c in e.members)


def _planned(e: _Event) -> bool:
    """Told as a plan ("agreed to hold a 2+2 at the earliest", "will meet")."""
    c = e.main
    return e.future or bool(_FUTURE_AFTER.search(c.sent.plain, c.seg[0], c.seg[1]))


def _reportable(e: _Event) -> bool:
    """Enough to be an event without a date of its own: two people, a named forum or
    exercise, forces or countries taking part; not told as history or routine."""
    if e.main.generic:
        return False
    # "They also agreed to hold a 2+2 at the earliest": a plan with no date is no event yet
    if e.kind == "meeting":
        if _planned(e) or not _happened(e):
            return False
        return len(e.person_names()) >= 2 or e.name is not None
    if e.kind == "exercise":
        return e.name is not None or any(c.forces or len(c.countries) >= 2 for c in e.members)
    return False


def _reported_month(e: _Event, doc: DocumentRecord) -> tuple[date, date, str] | None:
    """An undated meeting or exercise that a story reports: the month it was published."""
    return _doc_span(doc, "month") if _reportable(e) else None


_ALLIES = frozenset({"Japan", "United States"})
_ALLY_IN_NAME = re.compile(r"\b(?:Japan|Japanese|U\.?S\.?|United\s+States|American|Nippon)\b")


def _alliance(e: _Event) -> bool:
    """Does Japan or the United States take part? A party plenary in Pyongyang or a PLA patrol
    is not an alliance fact, however many allies its story names. Parties are the people's
    and forces' countries and the countries a name spells; a gazetteer exercise or program is
    one the team follows; with no party known at all the event is kept."""
    if e.kind == "space" or (e.name is not None and e.name.entity is not None):
        return True
    if e.name is not None and _ALLY_IN_NAME.search(e.name.name):
        return True
    parties: set[str] = set()
    for c in e.members:
        parties |= {x for m in c.persons if (x := _country_of(m.entity))}
        if e.kind == "exercise":
            parties |= set(c.countries)
            parties |= {x for f in c.forces if _ALLY_IN_NAME.search(f) for x in ("Japan",)}
    if e.kind == "meeting" and e.name is None:
        people = e.person_names()
        if not parties and len(people) < 2 and not _parties(e):
            return False  # "Toyota's president met union leaders": no one the team follows
        named_countries = {x for c in e.members for x in c.countries}
        if (
            len(parties) == 1
            and len(people) >= 2
            and all(_country_of(m.entity) for m in e.person_mentions())
            and named_countries <= parties
        ):
            return False  # a prime minister and his party's secretary-general: domestic
    return not parties or bool(parties & _ALLIES)


def _fact(e: _Event, doc: DocumentRecord, fallback: tuple[date, date, str] | None) -> Fact | None:
    when = _when(e, doc)
    if when is None and e.kind == "space" and fallback is not None:
        when = fallback
    if when is None and e.kind != "space":
        when = _reported_month(e, doc)
    # In a document whose own date is unknown nothing can be dated; the event is still
    # worth keeping, as "date unknown", rather than lost.
    undated = when is None and doc.date is None and _reportable(e)
    if not (undated or _keep(e, when)) or not _alliance(e):
        return None
    if e.kind == "exercise":
        participants = []
        for m in e.members:
            participants += [f for f in m.forces if f not in participants]
        participants += [p for p in e.person_names() if p not in participants]
    elif e.kind == "space":
        participants = e.person_names()
        for m in e.members:
            participants += [o for o in m.orgs if o not in participants]
    else:
        participants = e.person_names() or _parties(e)
    countries: list[str] = []
    for m in e.members:
        countries += [x for x in m.countries if x not in countries]
    location = next((m.location for m in e.members if m.location), None)
    start = end = prec = None
    if when:
        start, end, prec = when[0].isoformat(), when[1].isoformat(), when[2]
        if prec == "week":
            prec = "day"
    sources, seen = [], set()
    for s in (m.sent for m in e.members):
        if s.i in seen:
            continue
        seen.add(s.i)
        sources.append(Source(doc.id, doc.title, doc.text[s.start : s.end], [s.start, s.end]))
    main = e.main.sent
    return Fact(
        id=_id(e.kind, _event_key(e, participants), start),
        kind=e.kind,
        title=_fit(_title(e), 140),
        summary=_summary(e),
        date_start=start,
        date_end=end,
        date_precision=prec,
        participants=participants,
        countries=countries,
        location=location,
        doc_id=doc.id,
        doc_title=doc.title,
        quote=doc.text[main.start : main.end],
        span=[main.start, main.end],
        sources=sources[:6],
    )


def _doc_precision(doc: DocumentRecord) -> str:
    """How much of the document's date is known: day, month or year."""
    return getattr(doc, "date_precision", None) or "day"


def _doc_span(doc: DocumentRecord, finest: str) -> tuple[date, date, str] | None:
    """The document's date as a range no finer than `finest` nor than what is known of it."""
    if doc.date is None:
        return None
    known = _doc_precision(doc)
    if known == "year":
        return date(doc.date.year, 1, 1), date(doc.date.year, 12, 31), "year"
    if known == "month" or finest == "month" or doc.date_inferred:
        a, b = month_range(doc.date.year, doc.date.month)
        return a, b, "month"
    return doc.date, doc.date, "day"


def _fallback_date(doc: DocumentRecord) -> tuple[date, date, str] | None:
    """The date a statement or report gives to what it announces without a date of its own."""
    return _doc_span(doc, "day")


def _sentences(doc: DocumentRecord, gazetteer: Gazetteer) -> list[_Sent]:
    """The body's sentences, each with the gazetteer mentions inside it (found once per doc)."""
    found = gazetteer.find(doc.text)
    found += gazetteer.find_roles(doc.text, doc.date, found, _doc_precision(doc) != "year")
    mentions = sorted(found, key=lambda m: m.start)
    starts = [m.start for m in mentions]
    sents: list[_Sent] = []
    for p in doc.body:
        for piece in split_sentences(p.text, p.start):
            s = _Sent(len(sents), p.seq, piece.start, piece.end, piece.text, plain_view(piece.text))
            first = bisect_left(starts, piece.start)
            last = bisect_left(starts, piece.end, first)
            s.mentions = [
                _Shifted(m, -piece.start) for m in mentions[first:last] if m.end <= piece.end
            ]
            s.quotes = _quote_spans(s.plain)
            sents.append(s)
    return sents


class _Shifted:
    """A gazetteer mention with offsets made relative to its sentence."""

    __slots__ = ("start", "end", "text", "entity", "via", "title")

    def __init__(self, m, shift: int):
        self.start, self.end = m.start + shift, m.end + shift
        self.text, self.entity = m.text, m.entity
        self.via, self.title = getattr(m, "via", None), getattr(m, "title", None)


def extract_document(doc: DocumentRecord, gazetteer: Gazetteer) -> list[Fact]:
    """The facts one document reports; every quote and span points into doc.text."""
    sents = _sentences(doc, gazetteer)
    acronyms: dict[str, _Named] = {}
    forums: list[_Named] = []
    for s in sents:
        s.dates = _usable_dates(s, doc.date, _doc_precision(doc))
        s.named = _find_named(s, acronyms, forums)
        _learn_acronyms(s, acronyms)
        forums += [n for n in s.named if n.kind == "forum" and len(n.name.split()) > 1]
    events = _group(sents)
    fallback = _fallback_date(doc)
    facts: list[Fact] = []
    ids: set[str] = set()
    for e in events:
        f = _fact(e, doc, fallback)
        if f is None:
            continue
        if f.id in ids:  # two events with the same key and date: tell them apart by their quote
            f.id = _id(f.kind, f"{f.id}|{f.quote}", f.date_start)
        ids.add(f.id)
        facts.append(f)
    return facts


# --------------------------------------------------------------------------------- merging


_NAME_IN_TITLE = re.compile(
    r"[A-Z“\"0-9][\w’'.+&“”\"-]*(?:\s+(?:of|on|for|the|and)?\s*[A-Z][\w’'.+&-]*)+|“?2\+2”?"
)


def _title_names(f: Fact) -> set[str]:
    """Multi-word names in a title (forums, exercises, programs), people and places left out."""
    skip = {_norm_key(x) for x in f.participants + f.countries + [f.location or ""]}
    out = set()
    for m in _NAME_IN_TITLE.finditer(f.title.split(":")[0].split(" (")[0]):
        k = _norm_key(m.group())
        if k and k not in skip and len(k.split()) >= 2 or k == "2+2":
            out.add(k)
    # "Balikatan exercise ...", "Malabar exercise": a one-word exercise name leads its title
    if f.kind == "exercise" and (m := re.match(r"([A-Z][\w-]+) exercise\b", f.title)):
        out.add(_norm_key(m.group(1)))
    return out


def _range(f: Fact) -> tuple[date, date] | None:
    if not f.date_start:
        return None
    return date.fromisoformat(f.date_start), date.fromisoformat(f.date_end or f.date_start)


@dataclass(frozen=True)
class _Feat:
    """What deciding "same event?" needs of a fact, worked out once: merging compares
    millions of pairs at archive scale, and re-deriving these per pair dominated a load."""

    kind: str
    doc_id: str
    lo: str | None  # ISO dates compare as strings
    hi: str | None
    loc: str | None  # normalized location; None when the fact names none
    loc_words: frozenset[str]
    people: frozenset[str]  # normalized names
    lone: frozenset[str]  # surnames of names written as a surname alone
    last: frozenset[str]  # surnames of every name
    titles: frozenset[str]
    words: frozenset[str]  # of the quote and summary: "Darwin, the capital of Australia's ..."
    coarse: bool  # dated to a month or year only
    site: str | None  # a place finer than a country ("Yokota Air Base"), normalized
    head: str  # what a space fact is about, as its title says ("unit", "qzss")


def _features(f: Fact) -> _Feat:
    loc = _norm_key(f.location) if f.location else None
    words = [p.split() for p in f.participants if p.split()]
    return _Feat(
        f.kind, f.doc_id, f.date_start or None, (f.date_end or f.date_start) or None,
        loc, frozenset(loc.split()) if loc else frozenset(),
        frozenset(_norm_key(p) for p in f.participants),
        frozenset(w[-1].lower() for w in words if len(w) == 1),
        frozenset(w[-1].lower() for w in words),
        frozenset(_title_names(f)),
        frozenset(_norm_key(f"{f.quote or ''} {f.summary or ''}").split()),
        f.date_precision in ("month", "year"),
        loc if f.location and f.location not in f.countries else None,
        _norm_key(f.title.split(":")[0]) if f.kind == "space" and ":" in f.title else "",
    )


def _same_event(a: Fact, b: Fact) -> bool:
    return _same(_features(a), _features(b))


def _same(a: _Feat, b: _Feat) -> bool:
    """Same kind, other documents, overlapping dates, compatible places, and a shared
    person (a surname alone matches the full name) or a shared event name."""
    if a.kind != b.kind or a.doc_id == b.doc_id or a.lo is None or b.lo is None:
        return False
    if a.kind == "exercise" and a.titles & b.titles:
        # One named exercise runs for weeks over many places: one story reports its start in
        # one port, another a later phase elsewhere.
        return _days_apart(a, b) <= _RUNS["exercise"]
    if not (a.lo <= b.hi and b.lo <= a.hi):
        # A virtual 2+2 on Thursday evening in Washington is Friday morning in Tokyo: the
        # same people or forum a day apart in two countries' reports are one meeting.
        close = a.kind == "meeting" and _days_apart(a, b) <= 1
        if not (close and (len(a.people & b.people) >= 2 or a.titles & b.titles)):
            return False
    if (
        a.loc is not None
        and b.loc is not None
        and a.loc != b.loc
        and not (a.loc_words & b.loc_words)
        and not (a.loc_words <= b.words or b.loc_words <= a.words)  # Darwin, in Australia
    ):
        return False
    if a.kind == "exercise":
        # A navy takes part in many exercises: a shared force is not enough, a shared name is
        # (or, for two unnamed ones, two shared forces).
        if a.titles or b.titles:
            return bool(a.titles & b.titles)
        return len(a.people & b.people) >= 2
    if a.titles & b.titles:
        return True
    shared = len(a.people & b.people) + len((a.lone & b.last) | (b.lone & a.last))
    # A fact known only to its month or year overlaps many days: one shared person (Austin
    # meets someone most weeks) is not enough there, two are.
    if a.kind == "space" and a.site and a.site == b.site and not (a.coarse or b.coarse):
        return True  # one space news item at one base on one day, however each names it
    same_item = bool(a.head) and a.head == b.head  # "Unit: U.S. Space Force" in both
    return shared >= (2 if (a.coarse or b.coarse) and not same_item else 1)


def _days_apart(a: _Feat, b: _Feat) -> int:
    if a.lo <= b.hi and b.lo <= a.hi:
        return 0
    lo, hi = (a.hi, b.lo) if a.hi < b.lo else (b.hi, a.lo)
    return (date.fromisoformat(hi) - date.fromisoformat(lo)).days


def _same_name(x: str, y: str) -> bool:
    if _norm_key(x) == _norm_key(y):
        return True
    tx, ty = x.split(), y.split()
    return (len(tx) == 1 or len(ty) == 1) and tx[-1].lower() == ty[-1].lower()


def _add_names(names: list[str], more: list[str]) -> None:
    """Add names not already there, a full name replacing its surname alone."""
    for n in more:
        same = next((i for i, x in enumerate(names) if _same_name(x, n)), None)
        if same is None:
            names.append(n)
        elif len(n.split()) > len(names[same].split()):
            names[same] = n


_PREC = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}


def _block_keys(f: Fact) -> set[tuple]:
    span = _range(f)
    if span is None:
        return set()
    months = []
    y, m = span[0].year, span[0].month
    while (y, m) <= (span[1].year, span[1].month) and len(months) < 24:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    names = {"p:" + p.split()[-1].lower() for p in f.participants if p.split()}
    names |= {"t:" + n for n in _title_names(f)}
    if f.kind == "space" and f.location and f.location not in f.countries:
        names.add("l:" + _norm_key(f.location))  # one base's news under different names
    return {(f.kind, n, ym) for n in names for ym in months}


def merge_facts(facts: list[Fact]) -> list[Fact]:
    """One fact per event across documents: sources from all, the most precise date."""
    facts = sorted(facts, key=lambda f: (f.doc_id, f.span[0] if f.span else 0, f.id))
    parent = list(range(len(facts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Only facts that share a person's surname or a title name in the same month can be one
    # event, so compare within those blocks: linear in the number of facts, not quadratic.
    blocks: dict[tuple, list[int]] = {}
    for i, f in enumerate(facts):
        for key in _block_keys(f):
            blocks.setdefault(key, []).append(i)
    feats = [_features(f) for f in facts]
    tried: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int, int]] = []
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (i, j) in tried:
                    continue
                tried.add((i, j))
                if _same(feats[i], feats[j]):
                    coarse = max(_PREC[facts[i].date_precision], _PREC[facts[j].date_precision])
                    # the same day before a day apart (time zones), precise before coarse
                    pairs.append((coarse, _days_apart(feats[i], feats[j]), i, j))
    # Precise pairs first, and a group never takes in a fact whose day disagrees with its
    # days or a second fact of a document it has: a month-precision report ("talks in
    # January") must not chain the 11 January meeting and the 13 January summit into one.
    days: dict[int, tuple[str, str] | None] = {
        i: ((f.date_start, f.date_end or f.date_start) if f.date_precision == "day" else None)
        for i, f in enumerate(facts)
    }
    docs: dict[int, set[str]] = {i: {f.doc_id} for i, f in enumerate(facts)}
    for _, _, i, j in sorted(pairs):
        a, b = find(i), find(j)
        if a == b or docs[a] & docs[b]:
            continue
        da, db = days[a], days[b]
        if da and db and not (da[0] <= db[1] and db[0] <= da[1]) and facts[i].kind != "exercise":
            apart = (date.fromisoformat(max(da[0], db[0])) - date.fromisoformat(min(da[1], db[1]))).days
            if apart > 1:
                continue
        root, other = min(a, b), max(a, b)
        parent[other] = root
        both = da and db and (max(da[0], db[0]), min(da[1], db[1]))
        days[root] = both if both and both[0] <= both[1] else (da or db)
        docs[root] = docs[a] | docs[b]
    groups: dict[int, list[Fact]] = {}
    for i, f in enumerate(facts):
        groups.setdefault(find(i), []).append(f)
    out: list[Fact] = []
    for members in groups.values():
        if len(members) == 1:
            out.append(members[0])
            continue
        # Two facts of one document stay apart even when a third links them.
        main = min(members, key=lambda f: (_PREC[f.date_precision], f.doc_id, f.span[0]))
        merged = Fact.from_json(main.to_json())
        seen = {(s.doc_id, tuple(s.span)) for s in merged.sources}
        for f in sorted(members, key=lambda f: (f.doc_id, f.span[0])):
            if f is main:
                continue
            for s in f.sources or [Source(f.doc_id, f.doc_title, f.quote, f.span)]:
                if (s.doc_id, tuple(s.span)) not in seen:
                    seen.add((s.doc_id, tuple(s.span)))
                    merged.sources.append(Source(s.doc_id, s.doc_title, s.quote, list(s.span)))
            _add_names(merged.participants, f.participants)
            merged.countries += [c for c in f.countries if c not in merged.countries]
            merged.location = merged.location or f.location
        out.append(merged)
    out.sort(key=lambda f: (f.date_start or "9999", f.id))
    return out


# --------------------------------------------------------------------------------- search


def search_names(fact: Fact, gazetteer: Gazetteer) -> str:
    """Names, aliases and roles of everything a fact mentions, for the facts.names FTS column.

    So that "INDOPACOM", "JASDF" or "2+2" find a fact whose text spells them out, and a
    commander's fact is found by the command named in their role.
    """
    names: list[str] = []
    seen_ids: set[str] = set()

    def add_entity(ent: Entity | None, roles_too: bool = True) -> None:
        if ent is None or ent.id in seen_ids:
            return
        seen_ids.add(ent.id)
        names.append(ent.name)
        names.extend(ent.aliases or ())
        if not roles_too or ent.type in ("country", "place"):
            return  # "country", "capital": roles that would match everything
        for role in ent.roles or ():
            role = re.sub(r"\s*\([^)]*\)\s*$", "", str(role))
            names.append(role)
            if ent.type == "person":  # "Commander, U.S. Indo-Pacific Command" -> INDOPACOM
                for m in gazetteer.find(role):
                    if m.entity.type == "org":
                        add_entity(m.entity, roles_too=False)

    for p in fact.participants + fact.countries + ([fact.location] if fact.location else []):
        names.append(p)
        add_entity(gazetteer.resolve(p))
    for text in (fact.title, fact.summary):
        for m in gazetteer.find(text):
            add_entity(m.entity)
    out, seen = [], set()
    for n in names:
        n = n.strip()
        if n and n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return " | ".join(out)
