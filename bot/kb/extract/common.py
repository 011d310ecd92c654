"""What every fact kind's detector reads: sentences with their mentions, usable dates and
named things, the clause a candidate covers, and the shared vocabulary of references,
places, forces, countries and people's short names.

A kind's own trigger words and rules live in its detector module (meeting.py, exercise.py,
space.py); only what two or more kinds use is here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from bot.kb.dates import TOOK_OFFICE, DateMention, a_year_later, find_dates
from bot.kb.entities import role_periods

_STOP = frozenset(
    "a an the of on in at to for and or with by from as that this these those is are was were "
    "be been has have had will would its their his her our it they he she we also than then "
    "into over about after before during while which who whom whose what when where".split()
)
# A weekday's name, for patterns ("(?:on\s+)?{WEEKDAY}"); written once here for extraction's
# trigger tables and the rules that read a day told by its weekday.
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_STARTERS = frozenset(
    "The A An This That These Those During At In On After Before Following Both But And "
    "Meanwhile Separately Also Besides However Earlier Later Since While When As Its Their "
    "His Her Our Under Regarding Pursuant Given Acknowledging To For With From Over By "
    "Senior New Former Then".split()
)
# What a headline capitalises after "over" or "at" that is no place ("Talks with Lutnick over
# Phone Ahead of ...")
_NOT_PLACE_WORDS = frozenset(
    "Phone Telephone Video Call Calls Talks Talk Meeting Meetings Summit Deadline Tariff Tariffs "
    "Trade Deal Issues Concerns Plans Ties Easter Christmas Thanksgiving Golden".split()
)
_ACTIVITY_NOUNS = frozenset("Operations Operation Training Exercise Exercises Drill Drills Warfare Terrain".split())
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

# Concrete space words: a sentence that has one (or names a program) and an actor is about a
# space activity, not about "space" as a policy area.
_SPACE_VOCAB = re.compile(
    # ("Global Observing Satellite Missions" in an agreement's title, not an office's name:
    # "Cabinet Satellite Intelligence Center")
    r"\b(?:satellites?|Satellites?(?!\s+(?:Intelligence|Industry|Center|Centre|Office|Agency|"
    r"Corporation|Company|Communications|Association|Holdings)\b)|"
    r"anti-satellite|launch\s+vehicles?|"
    # (not a weapon: "the ballistic rocket sailed overhead", "rocket launchers", "rocket fire")
    r"(?<!ballistic\s)rockets?(?!\s+(?:launchers?|artillery|fire|attacks?|barrages?|systems?)\b)|"
    r"(?:moon\s+|lunar\s+)?landers?|moon\s+landings?|lunar|Moon|orbit|orbital|"
    # ("Joint Statement on Collaborative Efforts for Lunar Exploration and Beyond")
    r"Lunar(?=\s+(?:Exploration|Landing|Surface|Orbit(?:er)?|Rover|Lander)\b)|"
    r"low[- ]earth\s+orbit|space\s+stations?|astronauts?|rovers?|docking|spacecraft|spaceflight|"
    r"space\s+launch(?:es)?|spaceports?|payloads?|constellations?|space\s+exploration|"
    r"space\s+domain\s+awareness|space\s+situational\s+awareness|sample\s+return|"
    r"space\s+telescope|space\s+debris|space\s+probes?|spacewalks?|extravehicular\s+activit(?:y|ies))\b"
)
_GENERIC = re.compile(
    r"\b(?:previously|in\s+the\s+past|has\s+long|have\s+long|routinely|regularly|"
    r"traditionally|usually|often|frequently|every\s+(?:year|two\s+years|other\s+year)|"
    r"annually|biennially|last\s+(?:summer|spring|autumn|fall|winter|year)|"
    r"earlier\s+this\s+year|(?:first|last)\s+held\s+in|"
    # "We've already met several times virtually at the G-7 meeting": meetings before this one
    # ("already met" alone is not: scored on a set never read, it lost facts)
    r"(?:several|many|multiple|numerous)\s+times|"
    # "During President Trump's first term I served as Japan's chief negotiator"
    r"(?:during|in|under)\s+(?:[\w.'’-]+\s+){0,3}(?:first|previous|earlier|former)\s+(?:term|administration|tenure))\b",
    re.I,
)
_NEW_EVENT_CUE = re.compile(r"^\W*(?:separately|in\s+another|another|meanwhile|elsewhere)\b", re.I)
_REPORT_BEFORE = re.compile(
    r"\b(?:announced|said|says|stated|reported|revealed|confirmed|disclosed|clarified|explained|posted|"
    r"told\s+\w+(?:\s+\w+)?|"
    # "will drill from Feb. 19 to Mar. 7 according to a JGSDF release on Friday"
    r"according\s+to\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}(?:release|statement|report|"
    r"announcement|readout|briefing))"
    # "said in a commentary Tuesday", "said in a statement on Friday"
    r"(?:\s+in\s+an?\s+(?:[\w-]+\s+)?(?:statement|commentary|release|interview|report|editorial))?"
    # "clarified at a press conference on Friday morning"
    r"(?:\s+at\s+an?\s+(?:[\w-]+\s+)?(?:press|news)\s+(?:conference|briefing))?"
    # "said by email Friday", "told reporters by phone on Monday"
    r"(?:\s+(?:by|via|in\s+an?)\s+(?:e-?mail|phone|telephone|text(?:\s+message)?|video\s+link))?"
    r"\s+(?:on\s+)?$",
    re.I,
)
# "Officials did not provide details of the troops in the exercise Tuesday": the day they
# were asked, a report's day.
_NON_ANSWER = re.compile(
    r"(?i)\b(?:declined|did\s+not\s+(?:provide|say|disclose|confirm|comment|respond|give)|"
    r"would\s+not\s+(?:say|confirm|comment|disclose)|refused\s+to|could\s+not\s+be\s+reached)\b"
)
_RELATION_BEFORE = re.compile(
    # (not a launch window's first day: "will launch ... on or after Aug. 17")
    r"\b(?:(?<!\bon\sor\s)after|since|before|until|till|prior\s+to|following|ahead\s+of)\s+(?:the\s+)?$", re.I
)
# A trigger inside these phrases names an earlier event in passing ("commitments set by the
# Trilateral Leaders' summit"), it is not what the sentence reports.
_REFERENCE_BEFORE = re.compile(
    r"\b(?:set\s+by|by|from|since|after|following|under|through|via|(?:sidelines|margins|fringes)\s+of|"
    r"outcomes?\s+of|results?\s+of|achievements?\s+of|commitments?\s+(?:made\s+)?(?:at|of)|"
    r"in\s+line\s+with|pursuant\s+to|as\s+agreed\s+at|agreed\s+(?:upon\s+)?at|direction\s+from|"
    # ("Remarks Prior to a Meeting With Prime Minister Abe": a transcript's title, the
    # meeting itself)
    r"(?<![Rr]emarks\s)ahead\s+of|(?<![Rr]emarks\s)prior\s+to|(?:in\s+)?preparations?\s+for|based\s+on|"
    r"building\s+on|alternative\s+to|similar\s+to|instead\s+of|modeled\s+on|successor\s+to|"
    r"replac\w+)\s+(?:the|an?)\s+"
    r"(?:(?!(?:at|in|on|with|for|to|and|of|during)\b)[\w'’.-]+\s+){0,7}$",
    re.I,
)
_THE_PARTIES = (
    r"the\s+(?:two|three|four|five)\s+(?:nations|countries|allies|navies|coast\s+guards|militaries|"
    r"air\s+forces)\s+(?:are|will|would|plan\w*|intend\w*)\b"
)
_ANAPHOR_START = re.compile(
    r"^\W*(?:(?:during|at|after|following|in|on\s+the\s+sidelines\s+of)\s+(?:the|this|that|their)\s+"
    r"(?:[\w-]+\s+){0,2}(?:meeting|talks|dialogue|summit|session|call|visit|discussions?|"
    r"exercise|drills?|training)"
    r"|(?:this|the|that|their)\s+(?:[\w-]+\s+){0,2}(?:meeting|talks|dialogue|summit|visit|exercise|"
    r"drills?|training|engagement|deployment|satellite|spacecraft|rover|probe|payload|telescope)\b"
    r"|(?:that|this|it)\s+(?:was|is|marked|involved|included|comes|came|followed)\b"
    # "Meeting on the sidelines of the Munich Security Conference, Iwaya, Cho and Rubio ...":
    # a participle opening goes on about the meeting just reported
    r"|(?:meeting|speaking|talking)\s+(?:on\s+the\s+sidelines|in|at|during|by\s+(?:phone|telephone|video))\b"
    # "The ministers, meeting in Amman, confirmed ...": the people just named, at their meeting
    r"|(?:the|both)\s+(?:two\s+)?(?:ministers|leaders|secretaries|counterparts|diplomats|"
    r"defen[cs]e\s+chiefs|top\s+diplomats),?\s+(?:meeting|speaking|talking|who\s+met)\b"
    # "The three nations are expected to conduct search-and-rescue training ... on June 6":
    # the parties just named, going on about what they do together
    r"|" + _THE_PARTIES + r")",
    re.I,
)
_DEFINITE_REF = re.compile(
    r"\b(?:the|this|that|their|its|(?:this|next|last)\s+(?:year|month|week)['’]s)\s+"
    r"(?:[\w-]+\s+){0,2}(?P<head>talks|meeting|dialogue|summit|exercises?|drills?|training)\b",
    re.I,
)
_CONTINUATION = re.compile(
    r"\b(?:the|both|two)\s+(?:ministers|sides|leaders|delegations|officials|secretaries|"
    r"chiefs|defense\s+chiefs|foreign\s+ministers|governments)\b|^\W*(?:they|both\s+sides)\b",
    re.I,
)

_SHIP_SHAPE = re.compile(
    r"\b(?:JS|USS|ROKS|HMS|HMAS|HMCS|HMNZS|INS|FS|ITS|BRP|KRI|RSS|PNS|TCG|USNS|JDS)\s+"
    r"[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|I{1,3}|IV|VI{0,3}))*"
)
# The country a ship's prefix names: "USS Shoup" and "BRP Jose Rizal" sailing with "JS Noshiro"
# make a trilateral patrol.
SHIP_FLAGS = {
    "JS": "Japan",
    "JDS": "Japan",
    "USS": "United States",
    "USNS": "United States",
    "ROKS": "South Korea",
    "HMS": "United Kingdom",
    "HMAS": "Australia",
    "HMCS": "Canada",
    "HMNZS": "New Zealand",
    "INS": "India",
    "FS": "France",
    "ITS": "Italy",
    "BRP": "Philippines",
    "KRI": "Indonesia",
    "RSS": "Singapore",
    "PNS": "Pakistan",
}
# A country as the adjective of a visitor's title: "visiting U.S. Defense Secretary"
_VISITING_BEFORE = re.compile(r"(?i)\bvisiting\s+(?:the\s+)?$")
_TITLE_AFTER = re.compile(
    r"\s+(?:President|Minister|Secretary|Chairman|Chief|Director|Ambassador|Deputy|Vice|Prime|"
    r"Foreign|Defen[cs]e|Admiral|General|Gen\.|Adm\.|Senator|Sen\.|officials?|delegation|troops|forces)\b"
)
_LOC_PREP = re.compile(
    r"\b(?:in|at|over|near|off|across|inside|outside|(?:went|travel(?:l)?ed|flew|came|headed|"
    r"arrived|returned)\s+(?:to|in)|visit(?:ed|s|ing)?|to\s+the\s+west\s+over|to\s+the\s+east\s+of)"
    r"\s+(?:the\s+)?(?:(?:US|U\.S\.|American|Japanese|Japan's|GSDF's|SDF's)\s+)?"
    # "in Argentina's capital Buenos Aires", "in the Japanese city of Osaka"
    r"(?:(?:[A-Z][\w-]+(?:'s|’s)\s+)?(?:capital(?:\s+city)?|(?:port\s+)?city(?:\s+of)?)\s+)?"
    # "in southwestern Japan", "in central Japan": a part of the country is still the country
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|"
    r"north-?western|south-?eastern|south-?western)\s+)?$"
    # "in the northernmost Japan prefecture of Hokkaido", "on the island of Kyushu"
    r"|\b(?:in|on)\s+the\s+(?:[\w-]+\s+){0,3}(?:prefecture|island|city|province|state)\s+of\s+$",
    re.I,
)
# "tensions over Taiwan", "concerns near ...": "over" meaning "about" names a subject, not
# the place the event happened.
_NOT_VENUE = re.compile(
    r"(?i)\b(?:tensions?|concerns?|worries|worried|dispute|disputes|row|standoff|crisis|"
    r"conflict|fears?|clash(?:es)?|friction|anger|protests?|warnings?|rhetoric)\s+"
    r"(?:with\s+[\w-]+\s+)?(?:over|about|around)\s+(?:the\s+)?$|"
    # "to the South Korean Embassy in Japan": an address
    r"\b(?:Embassy|Consulate(?:\s+General)?|Mission)\s+(?:in|to)\s+(?:the\s+)?$|"
    # "are likely to be interpreted in Beijing as pushback": where it is watched
    r"\b(?:interpreted|seen|viewed|perceived|regarded|read|watched)\s+(?:closely\s+)?in\s+$|"
    # "Harris, commander-in-chief of the U.S. Armed Forces in the Pacific,": a post's words
    r"\b(?:commander|chief|head)(?:-in-chief)?\s+of\s+(?:the\s+)?(?:[\w.-]+\s+){0,5}"
    r"(?-i:(?:Forces|Command|Fleet|Army|Navy|Air\s+Force|Marines|Corps))\s+in\s+(?:the\s+)?$"
)
# "in the Indo-Pacific", "on the Korean Peninsula": a region named with its article is the
# theater the text is about; the venue is a city, a building or a country.
_THEATER = re.compile(r"(?i)\bthe\s+$")


def _is_region(entity: Any) -> bool:
    return "region" in (getattr(entity, "roles", None) or [])


def _is_venue(entity: Any) -> bool:
    return "venue" in (getattr(entity, "roles", None) or [])


_LOC_SHAPE = re.compile(
    # ("in a press briefing in Malacanang Thursday night": the place, not its weekday)
    r"(?:the\s+)?(?P<name>[\"“]?[A-Z][\w’'.-]*[\"”]?(?:\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|Today|Tonight|Morning|Evening)\b)[A-Z][\w’'.-]*){0,3})"
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
    number: str | None = None  # "Iron Fist 24": an edition's number, whatever year it names

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
    # Where a run is said to end ("will last until Feb. 8", "due to run through March 25"):
    # not the day of an event, the last day of the one the sentence continues.
    run_ends: list[DateMention] = field(default_factory=list)
    # Days of earlier events it names in passing ("which follows our telephone talk of May
    # 23"): not the event's day, but an event's of their own (meeting._meeting_before)
    recalled: list[DateMention] = field(default_factory=list)
    named: list[_Named] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    _refs: list[tuple[int, int]] | None = None  # "the results of a summit ..." clauses, found once
    _low: str | None = None  # `plain` lower-cased for caseless scans (see _spans), "" if unusable
    # The people named in the few sentences before, for "the president" in this one.
    earlier_people: list = field(default_factory=list)

    def of_type(self, *types: str) -> list:
        return [m for m in self.mentions if m.entity.type in types]

    def in_quote(self, pos: int) -> bool:
        return any(a < pos < b for a, b in self.quotes)


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    # A short quoted name ("Little" Washington, "2+2") is not speech; nor is a publication's
    # report quoted to go on the sentence ("Aviation Week reports that JAXA and NASA "signed
    # an agreement Sept. 24 ...""): what it says happened is the news.
    return [
        (a, b)
        for a, b in spans
        if b - a > 25 and not _QUOTED_REPORT.search(text, max(0, a - 80), a)
    ]


_QUOTED_REPORT = re.compile(r"(?i)\b(?:reports?|reported)\s+that\s+[^\"“”]{0,60}$")


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
    # "left Tokyo for Washington", "departed from Haneda for": the place left named first
    r"(?:(?:from\s+)?(?-i:[A-Z])[\w.'-]*\s+(?:(?-i:[A-Z])[\w.'-]*\s+){0,2})?"
    r"(?:for|to)\b[^,;]{0,60}$"
)
_RETURN_BEFORE = re.compile(
    r"(?i)\b(?:returned|returns|returning|arrived\s+back|came\s+back|got\s+back)\s+(?:home|to\s+[\w\s.'-]{2,30}?)?\s*(?:on\s+)?$"
)
_AFTER_ATTENDING = re.compile(
    r"(?i)^[^,;]{0,30}?\bafter\s+(?:attending|holding|taking\s+part\s+in|wrapping\s+up|concluding|a\s+(?:[\w-]+\s+){0,3}(?:visit|trip|summit|talks))\b"
)
_CALLED_OFF_BEFORE = re.compile(
    r"(?i)\b(?:call(?:ed|ing)\s+off|scrub(?:bed|bing)|postpon\w+|cancel\w+|abort\w+)\s+(?:a|an|the|its|their)\s+$"
)
# What gives a plan up ("will cancel his plans to visit", "called off her trip"): read here for
# the plan's date and by the meeting detector for its trigger (meeting._GIVEN_UP).
_GIVE_UP_VERBS = r"cancel\w*|call(?:s|ed|ing)?\s+off|scrap\w*|shelve\w*|postpon\w*|abandon\w*"
_GIVEN_UP_PLAN_BEFORE = re.compile(
    rf"(?i)\b(?:{_GIVE_UP_VERBS})\s+"
    r"(?:his|her|their|its|the|a|an)\s+(?:planned\s+)?(?:plans?\s+to|trip|visit)\b[^,;.]{0,60}$"
)
_LETTER_DATED = re.compile(r"(?i)\b(?:letter|note|message|invitation)\b[^;]{0,140}\bdated\s+$")
_OWN_VISIT_BEFORE = re.compile(
    r"\b(?:his|her|their)\s+(?:recent\s+|earlier\s+|previous\s+)?(?:visit|trip)\s+to\s+"
    r"(?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})\s+(?:on|in)\s+$"
)
_ALLY_PLACE = re.compile(r"(?:Japan|Tokyo|Okinawa|the\s+U|U\.?S|United\s+States|America|Washington|Hawaii|Guam)\b")
_PURPOSE_AFTER = re.compile(r"(?i)^[^,;]{0,40}\bto\s+(?:hold|attend|meet|join|take\s+part)\b")
# "The exercise followed ... the firing of an ICBM last Wednesday, Yonhap reported on Sunday":
# what the event came after, and when that was reported, are not its date.
_CAME_AFTER = re.compile(
    r"(?i)^\W*(?:it|(?:the|this|that|these|those|their)\s+"
    r"(?:[\w-]+\s+){0,3}(?:exercises?|drills?|"
    r"training|maneuvers|patrols?|engagements?|deployment|meeting|talks|summit|dialogue|visit|call|launch))\s+(?:followed|"
    r"follows|came\s+(?:\w+\s+)?after|comes\s+(?:\w+\s+)?after|came\s+on\s+the\s+heels\s+of)\b"
)
_IN_TIME_ZONE_ASIDE = re.compile(r"\([^()]*$")
_OTHER_HAPPENING_BEFORE = re.compile(
    r"(?i)\b(?:missiles?\s+(?:launch(?:es)?|tests?|firings?|test-firings?)|nuclear\s+tests?|"
    r"earthquake|crash|collision|elections?|typhoon|invasion|coup|"
    # "following North Korea's launch on July 12 of an ICBM": an adversary's launch or test
    r"(?:North\s+Korea|Pyongyang|DPRK|China|Beijing|Russia|Moscow)['’]s\s+(?:[\w-]+\s+){0,3}?"
    r"(?:launch(?:es)?|tests?|firings?|test-firings?|provocations?))\s+(?:on|of)\s+$|"
    # "keeping a close watch on North Korea after it fired a ballistic missile on Wednesday"
    r"\b(?:after|following|since|when)\s+(?:it|North\s+Korea|Pyongyang|the\s+North|China|Russia)\s+(?:had\s+|has\s+)?"
    r"(?:fired|launched|test-fired|test-launched)\s+(?:[\w-]+\s+){0,3}?missiles?\s+(?:on\s+)?$"
)
_REPORT_AFTER = re.compile(
    r"(?i)\s+(?:press\s+statement|statement|press\s+release|news\s+conference|press\s+conference|"
    r"press\s+briefing|briefing|interview|commentary|editorial)\b"
)
# "Monday's Nikkei front-paged a report claiming ...": the paper's day, not the event's
_PAPER_OF_THE_DAY = re.compile(
    r"['’]s\s+(?:[A-Z][\w.-]*\s+){1,3}(?:front-paged|reported|wrote|carried|ran|quoted|published|"
    r"editorialized|said)\b"
)
_AFTER_PHRASE = re.compile(
    r"(?i)(?:^|[,;(—–]\s*)(?:following|in\s+the\s+wake\s+of|on\s+the\s+heels\s+of|"
    r"(?:days|hours|weeks)\s+after|in\s+(?:response|reaction|retaliation)\s+(?:to|for))\s+[^,;()—–]*$"
)
_SERIES_BEGAN = re.compile(
    r"(?i)\b(?:started|began|begun|launched|first\s+held|inaugurated|established|founded|"
    r"created|initiated)\s+(?:[\w.-]+\s+){0,6}?(?:back\s+)?in\s+$"
)


# "will last until Feb. 8", "are scheduled to continue through March 12", "due to run
# through March 25", "which runs until Friday": the day a run ends.
_RUN_END_BEFORE = re.compile(
    r"(?i)\b(?:last|lasts|lasting|run|runs|running|continue|continues|continuing|go\s+on|"
    r"goes\s+on|ran|lasted|continued)\s+(?:(?:on\s+)?(?:until|till|through|thru)|to)\s+$|"
    # "is scheduled to be held through Wednesday"
    r"\b(?:be|is|are|being)\s+(?:held|conducted)\s+(?:until|till|through|thru)\s+$|"
    # "began on Monday and will conclude on Thursday", "wraps up Friday"
    r"\b(?:conclude[sd]?|concluding|(?:wrap(?:s|ped)?|wind(?:s)?)\s+up|ends|ended|(?:will|to|and)\s+end)"
    r"\s+(?:on\s+)?$"
)


# "who took office last Tuesday", "sworn in on Monday", "was inaugurated Jan. 20": the day a
# term began, not the day of the event the sentence reports
_TERM_BEGAN_BEFORE = re.compile(
    r"(?i)\b(?:(?:took|assumed|tak(?:e|es|ing)|assum(?:e|es|ing))\s+(?:office|the\s+(?:[\w-]+\s+){0,3}(?:portfolio|post))|"
    r"(?:was|were|been|be|is)\s+(?:sworn\s+in|inaugurated)|"
    # "congratulating Takaichi on her appointment last Tuesday as prime minister"
    r"(?:her|his|their)\s+(?:appointment|election|inauguration|swearing-in|confirmation))\s+(?:on\s+)?$"
)


_CALENDAR_MONTH = re.compile(
    r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:this|last)\s+year"
)
_CALENDAR_DAY = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)


_FOLLOWS_BEFORE = re.compile(
    r"(?i)\b(?:which|that)\s+(?:follows|followed|comes\s+after|came\s+after)\s+(?:our|the|their|his|her|its|an?)\s+"
    r"(?:[\w-]+\s+){0,4}(?:of|on|in)\s+$"
)


_JOINING_BEFORE = re.compile(r"(?i)\bjoin(?:ing|ed|s)?\s+(?:us|me|the\s+(?:call|briefing|webinar|podcast|panel|show))\s+$")


def _usable_dates(
    s: _Sent, ref: date | None, ref_precision: str = "day", weekdays_after: date | None = None
) -> list[tuple[DateMention, bool]]:
    if ref is None:
        return []
    out = []
    s.run_ends = []
    s.recalled = []
    # "Kishida, who became prime minister in October": when a term began, not the event's day
    # ("who took office this October": the cheap look-ahead needs both of the pattern's words)
    took_office = (
        [(t.start(1), t.end(1)) for t in TOOK_OFFICE.finditer(s.text)]
        if "in" in s.text or "this" in s.text
        else []
    )
    for m in find_dates(s.text, ref, ref_precision, weekdays_after):
        if any(m.start < b and a < m.end for a, b in took_office):  # 'this October' too
            continue
        if s.in_quote(m.start) and not (
            (m.precision == "day" and _CALENDAR_DAY.search(m.text))
            or (m.precision == "month" and _CALENDAR_MONTH.fullmatch(m.text))
        ):
            # Speech's "next week" or "on Tuesday" counts from when it was said; a calendar
            # day it names ("the naval drills that began on December 6") is a day like any,
            # and so is a month of the year it is said in ("Exercise Keen Edge in February
            # this year")
            continue
        before = _before(s.plain, m.start)[0]
        if _TERM_BEGAN_BEFORE.search(before):
            continue  # "Takaichi, who took office last Tuesday, spoke to Trump": her term's day
        if m.precision == "day" and _RUN_END_BEFORE.search(before):
            s.run_ends.append(m)
            continue
        if m.deadline:
            continue
        after = s.plain[m.end : m.end + _LOOKBACK]
        if _RELATION_BEFORE.search(before) or _in_reference(s, m.start, m.end):
            s.recalled.append(m)
            continue
        # "left for the United States on Thursday to hold talks": the day of the journey
        if _TRAVEL_BEFORE.search(before) and _PURPOSE_AFTER.search(after):
            continue
        # "Kamikawa explained to Blinken about her visit to Ukraine on Jan. 7": the day of one
        # side's own trip to a third country, not of the talks
        if (own := _OWN_VISIT_BEFORE.search(before)) and not _ALLY_PLACE.match(own.group("place")):
            continue
        # "Yoon returned home Sunday after attending a trilateral summit": the day of the
        # homecoming, not of the summit
        tail = before[-60:].lower()
        if ("return" in tail or "back" in tail) and _RETURN_BEFORE.search(before) and _AFTER_ATTENDING.search(after):
            continue
        # "Responding to the letter from Bridenstine to Yamakawa dated August 9, 2018 in which
        # NASA invited Japan": the day of the letter the news answers
        if tail.rstrip().endswith("dated") and _LETTER_DATED.search(before):
            continue
        # "after calling off a Nov. 30 launch attempt": a day that did not happen
        if ("off" in tail or "scrub" in tail or "postpon" in tail or "cancel" in tail or "abort" in tail) and (
            _CALLED_OFF_BEFORE.search(before)
        ):
            continue
        # "will cancel his plans to visit the United States in early May": a plan given up
        if _GIVEN_UP_PLAN_BEFORE.search(before):
            continue
        # "the first talks since Kihara took office earlier this month": the clause's date
        # ("meeting in person before the inauguration in January": the bound's)
        if re.search(r"(?i)\b(?:since|until|till|prior\s+to|before\s+(?:the|a|an|his|her|their|its))\b[^,;]{0,90}$", before):
            continue
        # "today's summit telephone talk, which follows our telephone talk of May 23": the
        # earlier talk's day
        if _FOLLOWS_BEFORE.search(before):
            s.recalled.append(m)
            continue
        # "experts joining the call today to share their perspectives on ... the official
        # visit": the day of the briefing that talks about the event
        if m.text.strip().lower() == "today" and _JOINING_BEFORE.search(before):
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
        if _CAME_AFTER.match(s.plain, 0, m.start):  # anchored at the sentence start
            continue
        # "(local time; shortly after 12 a.m. on January 17, Japan time)": the same moment
        # told in Japan's time zone (a "local time" aside is the event's own day: kept)
        if _IN_TIME_ZONE_ASIDE.search(s.plain, max(0, m.start - 80), m.start) and re.match(
            r"[^()]{0,40}\b(?:Japan\s+time|Tokyo\s+time|JST)\b[^()]{0,10}\)", s.plain[m.end :]
        ):
            continue
        # "The exercise, following Pyongyang's test-firing of eight missiles on Sunday, was
        # ...", "Following the crash of an Osprey on Nov. 29 near Kagoshima, ...": the day of
        # what the event came after, in its own phrase
        if _AFTER_PHRASE.search(s.plain, max(0, m.start - 160), m.start):
            continue
        # "to discuss North Korea's missile launch on August 28": the day of another happening
        # the sentence names, not of the call
        if _OTHER_HAPPENING_BEFORE.search(before):
            continue
        # "SEOUL, March 25 (Xinhua) --": the dateline dates the report, not the event.
        # (a navy release's "ASAN, Guam (Oct. 24, 2016) – Units ... will conduct ...")
        dateline = m.start < 40 and (
            re.match(r"\s*(?:\([^)]*\))?\s*(?:--|—|–|-\s)", after)
            or (before.rstrip().endswith("(") and re.match(r"\s*\)\s*(?:--|—|–|-\s)", after))
        )
        # "North Korea slammed the US on Tuesday over a recent drill": the reaction's day
        reaction = any(
            r.start() < m.start < r.end() + 1 or (r.start() < m.start and m.end <= r.end())
            for r in _REACTION_OVER.finditer(s.plain)
        )
        if reaction:
            continue
        report = bool(
            dateline
            or _REPORT_BEFORE.search(before)
            or _NON_ANSWER.search(before)
            or _REPORT_AFTER.match(s.plain, m.end)  # "In a Monday press statement, ..."
            or _PAPER_OF_THE_DAY.match(s.plain, m.end)  # "Monday's Nikkei front-paged a report"
        )
        # "announced on Monday, March 18 (Tuesday, March 19 in Manila)": the same day told in
        # another time zone is the report's day too
        if (
            not report
            and out
            and out[-1][1]
            and re.fullmatch(r"\s*\(\s*", s.plain[out[-1][0].end : m.start])
        ):
            report = True
        out.append((m, report))
    return out


_REFERENCE_CLAUSE = re.compile(
    r"(?i)\b(?:(?:based\s+on|building\s+on|built\s+on)\s+)?(?:the\s+)?(?:results?|outcomes?)\s+"
    r"of\s+(?:the|an?|their)\s+[^,;]*"
    # "since President Trump took office on Monday": who took office is not at the meeting
    r"|\bsince\s+[^,;]{0,80}?\b(?:took\s+office|was\s+appointed|were\s+appointed|became|"
    r"assumed\s+office|returned\s+to\s+(?:office|power)|came\s+to\s+power)\b[^,;]*"
    # "before Donald Trump reenters the White House in January": a term to come, its day and
    # its holder no part of the meeting
    r"|\b(?:before|until|when)\s+[^,;]{0,60}?\b(?:re-?enters|returns\s+to|takes\s+office|is\s+inaugurated|"
    r"leaves\s+office|steps\s+down)\b[^,;]*"
    # "Coinciding with the Freedom Shield exercises ... from March 10 to 20, the naval drill
    # was held": the other event the sentence times its own by
    r"|\b(?:coinciding|coincided|simultaneously)\s+with\s+[^,;]*"
    # "The drills come shortly after a Chinese military parade in Beijing, where the PLA
    # unveiled ...", "began less than 48 hours after Hegseth held talks with Dong": the other
    # event, with its place and people, to the sentence's end
    r"|\b(?:(?:hours|days|weeks|shortly|just|soon|right)\s+after|comes?\s+after|came\s+after)"
    # (not a clock time: "commencing at shortly after 7 p.m." times the meeting itself)
    r"\s+(?!\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?|noon|midnight|o['’]clock))[^;]*"
    # "The second iteration of Freedom Edge comes on the heels of recent North Korean missile
    # launches, including an ICBM on Oct. 31", "It also follows less than five months after
    # the first Freedom Edge began on June 27"
    r"|\b(?:comes?|came|coming)\s+(?:hot\s+)?on\s+the\s+heels\s+of\s+[^;]*"
    # "the Space Operations Group, which was activated in 2022, at Fuchu": the day of what
    # the clause tells of its antecedent
    r"|\b(?:which|that)\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+\s+)?(?:activated|"
    r"established|founded|created|launched|set\s+up|formed|stood\s+up|signed|opened|"
    r"inaugurated|commissioned|deployed|unveiled|adopted)\s+(?:in|on)\s+[^,;]*"
    r"|\bfollow(?:s|ed)?\s+(?:[\w-]+\s+){0,5}?after\s+[^;]*"
)


_CLAUSE_BREAK = re.compile(r"[,;:]\s")
_YEAR_NAMED_BEFORE = re.compile(r"\bthe\s+(?:\w+\s+)?(?:18|19|20)\d\d\s+(?:[A-Z][\w'’.-]*\s+){0,5}$")


_HELD_IN_BEFORE = re.compile(r"(?i)\b(?:held|convened|took\s+place)\s+(?:in|on)\s+$")


def _in_reference(s: _Sent, pos: int, end: int | None = None) -> bool:
    """Is the word at `pos` part of a phrase naming an earlier event in passing?

    Not when the sentence goes on to report it ("..., held Wednesday"): `end` is where the
    name or trigger word ends.
    """
    before = s.plain[max(0, pos - 120) : pos]
    before = _CLAUSE_BREAK.split(before)[-1] if _CLAUSE_BREAK.search(before) else before
    if end is not None and _REPORTED_AFTER.match(s.plain, end):
        return False
    if _REFERENCE_BEFORE.search(before):
        return True
    # inside "the results of a summit between A and B in February", to the clause's end
    if s._refs is None:
        s._refs = [(m.start(), m.end()) for m in _REFERENCE_CLAUSE.finditer(s.plain)]
    if any(a < pos < b for a, b in s._refs) and not (
        # ("the outcomes of the Sixth Cyber Dialogue held in July 2018": the day of a named
        # event the clause goes on to report is that event's)
        end is not None and _HELD_IN_BEFORE.search(s.plain, max(0, pos - 30), pos)
    ):
        return True
    # "the 2023 Camp David Summit", unless a verb reports it ("will co-host the 2023 SCC")
    m = _YEAR_NAMED_BEFORE.search(before)
    if m is None:
        return False
    head = s.plain[max(0, pos - len(before) - 40) : pos - len(before) + m.start() + 4]
    return not _REPORTING_VERB_BEFORE.search(head)


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
    nowhere: bool = False  # held nowhere (a phone call): no place from the event's other sentences
    name: _Named | None = None  # the forum / exercise / program
    names: list[_Named] = field(default_factory=list)
    space_term: str | None = None
    anaphor: bool = False
    definite: bool = False
    separate: bool = False  # "the first trilateral meeting": a meeting of its own
    short: dict[str, str] = field(default_factory=dict)  # canonical name -> acronym, for titles
    new_cue: bool = False
    # An earlier event the clause recalls (meeting._meeting_before): the sentences after go
    # on about the clause's own event, not this one
    recalled: bool = False
    dates_back: bool = False  # gave its day to the event just told without one ("The two met on Tuesday")
    generic: bool = False
    actorless: bool = False  # a space program named with no one doing anything with it
    # "fired a Type 12 missile ... as part of Exercise Talisman Sabre": one activity of a named
    # exercise; `part_of` is that exercise, `activity` says the trigger is a firing or launch
    part_of: _Named | None = None
    activity: bool = False


def _next_year(m: DateMention) -> DateMention:
    return replace(m, date_start=a_year_later(m.date_start), date_end=a_year_later(m.date_end))


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


_EARLIER_CLAUSE = re.compile(r"(?i)\b(?:after|following)\s+(?=[A-Z]|the\s|a\s)")


def _earlier_event_clause(
    s: _Sent, m: DateMention, main: re.Pattern, clause_triggers: Sequence[re.Pattern]
) -> int | None:
    """ "Kihara and Austin had talks on Monday after the two countries held a 2+2 meeting
    on Sunday": the date is the earlier event's, which the clause reports with its own verb.
    `main`: what the sentence must report before the clause; `clause_triggers`: what the
    clause may report. Where the clause starts, or None."""
    for c in _EARLIER_CLAUSE.finditer(s.plain, 0, m.start):
        clause = s.plain[c.end() : m.start]
        if re.search(r"[,;]", clause):
            continue
        if (
            main.search(s.plain, 0, c.start())
            and re.search(
                r"(?i)\b(?:held|met|hosted|convened|concluded|ended|wrapped\s+up)\b", clause
            )
            and any(rx.search(clause) for rx in clause_triggers)
        ):
            return c.start()
    return None


def _segments(
    s: _Sent, main: re.Pattern, clause_triggers: Sequence[re.Pattern]
) -> list[tuple[int, int, list[DateMention]]]:
    """Split a sentence that dates two things ("X in 2024, and Y in 2026") by clause."""
    event = [m for m, report in s.dates if not report]
    if (
        len(event) == 1
        and (cut := _earlier_event_clause(s, event[0], main, clause_triggers)) is not None
    ):
        return [(0, cut, []), (cut, len(s.text), [m for m, _ in s.dates])]
    if len(event) < 2:
        return [(0, len(s.text), [m for m, _ in s.dates])]
    spans = sorted({(m.date_start, m.date_end) for m in event})
    disjoint = all(b[0] > a[1] for a, b in zip(spans, spans[1:], strict=False))
    if not disjoint:
        return [(0, len(s.text), [m for m, _ in s.dates])]
    cuts = [0]
    # ("will visit the United States from Monday through Jan. 18, planning to meet with
    # Hegseth in Washington on Thursday": the trip, then the meeting)
    for m in re.finditer(
        r";\s+|,\s+(?:and|while|but|whereas)\s+|—|\s+while\s+"
        r"|,\s+(?:planning|hoping|intending|aiming|expecting)\s+to\s+"
        # ("... Hawaii on Monday before visiting Los Angeles and then Washington, where he is
        # scheduled to hold talks with Hegseth on Thursday": the stop, then the meeting there)
        r"|,\s+where\s+"
        # ("held a press conference on July 18 to announce the Coast Guard Global Summit, ...
        # to be held in Tokyo on September 14": the announcement, then what it announced)
        r"|\s+to\s+(?:announce|unveil|preview|publici[sz]e)\s+",
        s.plain,
    ):
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
    r"to\s+(?:hold|attend|take\s+part|join|participate)|"
    # "talked about holding a so-called two-plus-two meeting ... at an early date"
    r"(?:about|discussed|discussing|considered|considering)\s+holding)\b"
)


_PLAN_BEFORE = re.compile(
    r"(?i)\b(?:will|is\s+to|are\s+to|plans?\s+to|is\s+set\s+to|are\s+set\s+to|"
    r"scheduled\s+to|slated\s+to)\s+(?!have\b)"
)


# "... meet in person in Tokyo on Tuesday, during the U.S. leader's three-day visit to Japan
# starting Monday": the day the visit around the meeting begins
_FRAME_START_BEFORE = re.compile(
    r"(?i)\b(?:visit|trip|tour|stay|swing)\b[^,.;]{0,40}?\b(?:starting|beginning)\s+(?:on\s+)?$"
)


def _pick_date(ms: list[DateMention], s: _Sent) -> tuple[tuple[date, date, str] | None, bool]:
    report = {id(m) for m, r in s.dates if r}
    event = [m for m in ms if id(m) not in report]
    if len(event) > 1 and (own := [m for m in event if not _FRAME_START_BEFORE.search(s.plain, max(0, m.start - 60), m.start)]):
        event = own
    if not event and not _REACTION_OVER.search(s.plain):
        # "said on Monday that its troops will join the drill": the day of the news is not
        # the day of what it announces. Nor is the day of a reaction ("expressed concern
        # over the joint drills ..., the spokeswoman said on Friday") the drills' day.
        # Nor is the day a plan was announced the plan's ("will join a bilateral exercise on
        # Japan's southwest islands, officials announced on Friday").
        event = [
            m
            for m in ms
            if id(m) in report
            and not _FUTURE_AFTER.search(s.plain, m.end)
            and not _PLAN_BEFORE.search(s.plain, 0, m.start)
        ]
        if event:
            # (the day something was said is no plan: "ends on Friday and includes the
            # carrier, which is due to arrive later this fall, according to a news release
            # Wednesday")
            start, end, prec, _ = _merge_range(event)
            return (start, end, prec), False
    if not event:
        return None, False
    start, end, prec, future = _merge_range(event)
    return (start, end, prec), future


_GEO_TAIL = re.compile(r"\s+(?:Sea|Ocean|Strait|Bay|Gulf|Islands?|Peninsula|Channel)\b")


_FROM = re.compile(r"(?i)\bfrom\s+(?:the\s+)?$")
_FRONTED_AT = re.compile(r"\W*(?:In|At)\s+(?:the\s+)?")
_SAID_THERE_AFTER = re.compile(
    r",\s+[^,.;]{0,80}?\b(?:said|says|told|tells|announced|reported|stated|expressed|warned|criticized)\b"
)
_VOTE_AFTER = re.compile(r"(?i)\s+(?:(?:19|20)\d\d\s+)?(?:general\s+)?(?:elections?|polls?|votes?|races?|campaigns?)\b")
_VISIT_TO_THE = re.compile(r"(?i)\b(?:visit|trip)s?\s+to\s+the\s+$")
_SITE_ROLE = re.compile(r"(?i)\b(?:range|training\s+area|base|airfield|air\s+station|camp)\b")


def _from_a_site(entity, before: str) -> bool:
    """ "fired a missile from the Beecroft Weapons Range near Currarong": what is fired from a
    range, base or training area is fired there (from a country or city it comes to it)."""
    return (
        entity.type == "place"
        and bool(_FROM.search(before))
        and any(_SITE_ROLE.search(str(r)) for r in entity.roles or ())
    )


def _location(s: _Sent, a: int, b: int, near: int | None = None) -> str | None:
    """The place an event happened: a place after "in"/"at"/"went to", nearest the trigger."""
    best: tuple[tuple[int, int], str] | None = None
    for m in s.of_type("place", "country", "org"):
        if not (a <= m.start < b) or s.in_quote(m.start):
            continue
        site = _from_a_site(m.entity, s.plain[max(0, m.start - 40) : m.start])
        if _in_reference(s, m.start) and not site:  # "from the summit": not a place
            continue
        # ("Kishida's state visit to the White House": where a visit to a venue is held; a
        # visit to a country or city is not placed so, its talks may be held anywhere there)
        visited = m.entity.type == "org" and bool(_VISIT_TO_THE.search(s.plain, 0, m.start))
        if m.entity.type == "org" and not (
            _is_venue(m.entity)
            and (visited or re.search(r"(?i)\b(?:at|in|inside)\s+the\s+$", s.plain[: m.start]))
        ):
            continue  # "at the White House": an office named for its building is a venue
        site = site or visited
        if re.match(r"\s+(?:region|area|theater|theatre)\b", s.plain[m.end :], re.I):
            continue
        before = s.plain[max(0, m.start - 40) : m.start]
        before = re.sub(r"[\"“”]\w+[\"“”]\s+$", "", before)  # "Little" Washington
        if not (_LOC_PREP.search(before) or site) or _NOT_VENUE.search(before):
            continue
        if re.match(r"['’]s\b", s.plain[m.end :]):  # "near Beijing's waters": a modifier
            continue
        if _FRONTED_AT.fullmatch(s.plain, 0, m.start) and _SAID_THERE_AFTER.match(s.plain, m.end):
            continue  # "In Beijing, the Chinese Foreign Ministry said ...": where it was said
        if m.entity.type == "country" and _VISITING_BEFORE.search(before) and _TITLE_AFTER.match(s.plain, m.end):
            continue  # "held talks with visiting U.S. Defense Secretary Hegseth": whence, not where
        # "in U.S.-led efforts", "in Japan-made satellites": a modifier, not a place
        if re.match(r"-(?:led|based|made|built|developed|designed|backed|sponsored|owned)\b", s.plain[m.end :]):
            continue
        if m.entity.type == "place" and _THEATER.search(before) and _is_region(m.entity):
            continue  # "in the Indo-Pacific": the theater the text is about, no venue
        name = (
            m.entity.name if m.entity.type != "org" else f"the {s.plain[m.start : m.end].strip()}"
        )
        rank = 0 if m.entity.type in ("place", "org") else 1
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
        if (
            first in _MONTH_WORDS
            or first in _STARTERS
            or first in _PERSON_TITLES
            or first in _NOT_PLACE_WORDS
            or s.in_quote(at)
            # "takes part in Military Operations in Urban Terrain training": what, not where
            or _ACTIVITY_NOUNS & set(name.split())
        ):
            continue
        if _in_reference(s, at):
            continue  # "shortly after a parade in Beijing": the other event's place
        end = lm.end()
        if re.match(r"\s+of\s+[A-Z]", s.plain[end:]):
            continue  # "in the Field of Civil Space Activities": a title's words
        if _VOTE_AFTER.match(s.plain, end):
            continue  # "the BJP's big win in the Lok Sabha 2019 election": a vote, not a venue
        # "in Exercise Yama Sakura": a name the gazetteer knows as no place is no venue
        if any(k.start < end and at < k.end for k in known):
            continue
        if any(n.start < end and at < n.end for n in s.named):
            continue
        if _NOT_VENUE.search(s.plain[max(0, at - 40) : at]):
            continue
        if re.match(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}$", name):
            # "near the Korean peninsula": the peninsula; "in Japanese airspace": no place name
            if geo := _LOWER_GEO.match(s.plain, lm.end()):
                if geo.group(1) is None:
                    continue
                name = f"{name} {geo.group(1).title()}"
            if tail := _PLACE_TAIL.match(s.plain, lm.end()):
                name = f"{name}, {tail.group('tail')}"
            return name
    return None


_LOWER_GEO = re.compile(
    r"\s+(?:(peninsula|sea|strait|straits|islands?|ocean|gulf|bay)|"
    r"waters|airspace|skies|coast|coastline|region|area|territory|mainland)\b"
)


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


# "which the People's Liberation Army monitored", "the PLA responded with drills of its
# own", "tensions with the PLA": a force reacting to an event, watching it or named as the
# other side of a dispute takes no part in it.
_REACTS_AFTER = re.compile(
    r"(?i)[^.;:!?]{0,40}?\b(?:responded|responds|reacted|reacts|monitored|monitors|"
    r"monitoring|shadowed|shadows|shadowing|tracked|tracks|tracking|observed|observes|"
    r"watched|watches|condemned|condemns|protested|protests|denounced|denounces|criticized|"
    r"criticised|criticizes|retaliated|countered|warned|warns|scrambled|scrambles)\b"
)
_REACTED_BEFORE = re.compile(
    r"(?i)\b(?:(?:monitored|shadowed|tracked|observed|watched|followed|criticized|criticised|"
    r"condemned|protested)\s+by|tensions?\s+(?:over\s+[\w-]+\s+)?with|response\s+(?:from|by)|"
    r"in\s+response\s+to|against|deter(?:ring)?|countering|counter|threats?\s+from|"
    r"pressure\s+from)\s+(?:the\s+|China's\s+|Chinese\s+|Russia's\s+|Russian\s+)?$"
)


def _bystander(s: _Sent, start: int, end: int) -> bool:
    return bool(
        _REACTS_AFTER.match(s.plain, end)
        or _REACTED_BEFORE.search(s.plain[max(0, start - 60) : start])
    )


def _forces(s: _Sent, a: int, b: int) -> list[str]:
    """Forces and ships taking part: the participants of an exercise."""
    out: list[str] = []
    for m in s.of_type("org"):
        if not (a <= m.start < b) or _bystander(s, m.start, m.end):
            continue
        if _in_reference(s, m.start) and _country_of(m.entity) not in _ALLIES:
            continue  # "after a parade where the PLA unveiled missiles": another event's
        if _is_force(m.entity) and m.entity.name not in out:
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
    # (a rocket that "blasted off" reacts to nothing)
    r"(?:slam\w*|condemn\w*|denounc\w*|criticiz\w*|criticis\w*|blast\w*(?!\s+off\b)|protest\w*|scrambl\w*|"
    r"lambast\w*|accus\w*|warn\w*|decr(?:y|ied|ies)|expressed\s+(?:grave\s+|serious\s+|deep\s+)?concerns?|"
    r"regrets?|regretted|deplor\w*)"
)
# "North Korea has condemned the joint exercises ...": the country reacting is no party to them.
# ("Japan's foreign ministry said it lodged protests over the latest drills")
_REACTION_AFTER = re.compile(
    rf"(?i)(?:['’]s\s+\w+(?:\s+\w+)?|\s+(?:government|side|(?:foreign|defen[cs]e)\s+ministry))?"
    rf"(?:\s+said\s+(?:that\s+)?(?:it|they))?"
    rf"\s+(?:has\s+|have\s+|had\s+)?(?:(?:lodged|filed)\s+(?:a\s+|strong\s+)*)?{_REACTION}\b"
)
# "... slammed the US on Tuesday over a recent joint naval drill": the day of the reaction.
_REACTION_OVER = re.compile(
    rf"(?i)\b{_REACTION}\b[^.;]*?\b(?:over|against|for)\s+(?:the\s+|a\s+|their\s+)?"
)


_SOURCE_AFTER = re.compile(
    r"(?i)\s+(?:government|military|(?:foreign|defen[cs]e)\s+ministry|ministry\s+of\s+defen[cs]e)\s+"
    r"(?:said|says|announced|reported|stated)\b"
)


def _countries(s: _Sent, a: int, b: int, extra: Iterable = (), kind_is_exercise: bool = False) -> list[str]:
    out: list[str] = []
    for m in s.of_type("country"):
        # "a drill by Japan, South Korea and the U.S.": "by" names the parties here
        agent = re.search(r"\bby\s+(?:the\s+)?$", s.plain[max(0, m.start - 8) : m.start])
        if (
            a <= m.start < b
            and not s.in_quote(m.start)
            and (agent or not _in_reference(s, m.start))
            and not _REACTION_AFTER.match(s.plain, m.end)  # "North Korea slammed ...": a critic
            # "..., the Japanese defence ministry said late Tuesday": the source of the report
            and not (kind_is_exercise and _SOURCE_AFTER.match(s.plain, m.end))
            and not _NOT_VENUE.search(s.plain[max(0, m.start - 40) : m.start])  # "tensions over"
            # "the Russian-Chinese joint flight near Japan": the country it came near
            and not _NEAR_BEFORE.search(s.plain, max(0, m.start - 12), m.start)
        ):
            if m.entity.name not in out:
                out.append(m.entity.name)
    for e in extra:
        c = _country_of(e)
        if c and c not in out:
            out.append(c)
    return out


_NEAR_BEFORE = re.compile(r"(?i)\b(?:near|around|toward|towards)\s+(?:the\s+)?$")
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


# --------------------------------------------------------------------------------- events


_PREC_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _edition(e: Any) -> int | None:
    return next((c.name.edition for c in e.members if c.name and c.name.edition), None)


def _edition_number(e: Any) -> str | None:
    return next((c.name.number for c in e.members if c.name and c.name.number), None)


def other_edition(entity: Any, year: int, number: str) -> bool:
    """Are "<exercise> <year>" and "<exercise> <number>" two editions? A caption's "Cope North
    2016" above a story's "Cope North 18" is an older exercise, not this one. The gazetteer's
    editions say which year a number was held; else a two-digit number near the year's last
    two digits is read as a year label (Keen Sword 23 was held in late 2022), one far from
    it ("Yama Sakura 85") tells nothing."""
    for ed in getattr(entity, "editions", None) or ():
        if ed.number is not None and str(ed.number) == number:
            return ed.year != year
    if not (lead := re.match(r"\d\d", number)):
        return False
    n, yy = int(lead.group()), year % 100
    return abs(n - yy) <= 15 and n not in (yy, yy + 1)


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


_SEPARATE_MEETING = re.compile(
    r"(?i)\b(?:first|inaugural|separate|another|trilateral|quadrilateral|multilateral)\s+"
    r"(?:[\w-]+\s+)?(?:meeting|talks|summit|dialogue|session|call)\b"
)

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


def _planned(e: Any) -> bool:
    """Told as a plan ("agreed to hold a 2+2 at the earliest", "will meet", "The summit will
    be held"): future words before the trigger or right after it, not in what was agreed
    ("spoke by phone on Friday and agreed that the two countries will ...")."""
    c = e.main
    at = c.trigger_at
    if c.trigger and at >= c.seg[1] - len(c.trigger):
        # The trigger was moved past the people a subject points back to ("The two ministers,
        # meeting in Washington, affirmed that they will ..."): read from where it is written.
        found = c.sent.plain.find(c.trigger, c.seg[0], c.seg[1])
        at = found if found >= 0 else at
    end = c.seg[1] if not c.trigger else min(c.seg[1], at + len(c.trigger) + 20)
    return e.future or bool(_FUTURE_AFTER.search(c.sent.plain, c.seg[0], end))


_ALLIES = frozenset({"Japan", "United States"})
_ALLY_IN_NAME = re.compile(r"\b(?:Japan|Japanese|U\.?S\.?|United\s+States|American|Nippon)\b")


_PERSON_TITLES = frozenset(
    "President Minister Secretary Chairman Chair Commander Chief Director Head Governor "
    "Ambassador Deputy Vice Prime Foreign Defense Defence Admiral General Gen. Lt. Brig. "
    "Adm. Col. Senator Sen. Representative Rep. Mr. Ms. Mrs. Dr. Spokesman Spokeswoman".split()
)


_SPACE_WORD = re.compile(r"\b[Ss]pace\b")


@lru_cache(maxsize=4096)  # asked of the same sentence by every clause and detector
def _space_context(text: str) -> bool:
    return bool(_SPACE_VOCAB.search(text) or _SPACE_WORD.search(text))


# Characters that re's IGNORECASE matches to an ASCII letter although they are not ASCII;
# every other character is told apart from ASCII letters by str.lower().
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")
_UPPER_ESCAPE = re.compile(r"\\[A-Zux0-7]|\(\?P")  # \S, \u00C9, \x41, \101, (?P<Name>)


@lru_cache(maxsize=256)
def _cased_twin(rx: re.Pattern) -> re.Pattern | None:
    """`rx` lower-cased and without IGNORECASE, for a lower-cased text, when that finds
    exactly what `rx` finds in the text itself: no inline flags, no escape with a capital or
    a character code, no group name, and no letter outside ASCII (`_UPPER_ESCAPE`)."""
    src = rx.pattern
    if (
        not rx.flags & re.IGNORECASE
        or _INLINE_FLAGS.search(src)
        or _UPPER_ESCAPE.search(src)
        or any(c.isalpha() and not c.isascii() for c in src)
    ):
        return None
    return re.compile(src.lower(), rx.flags & ~re.IGNORECASE)


def _lowered(s: _Sent) -> str:
    """s.plain lower-cased when a caseless pattern finds in it, case-sensitively, exactly what
    it finds in s.plain with IGNORECASE ("" when not: a character changes length or folds to
    an ASCII letter under IGNORECASE only)."""
    if s._low is None:
        low = s.plain.lower()
        s._low = low if len(low) == len(s.plain) and not _FOLDS_TO_ASCII.search(s.plain) else ""
    return s._low


def _spans(s: _Sent, rx: re.Pattern, a: int, b: int) -> Iterable[tuple[int, int]]:
    """The spans of rx.finditer(s.plain, a, b), found in the lower-cased sentence when that
    is the same and cheaper (IGNORECASE tries both cases of every letter at every position)."""
    twin = _cased_twin(rx)
    low = _lowered(s) if twin is not None else ""
    if low:
        return (m.span() for m in twin.finditer(low, a, b))
    return (m.span() for m in rx.finditer(s.plain, a, b))


def _first_trigger(
    s: _Sent, rx: re.Pattern, a: int, b: int, skip: re.Pattern | None = None
) -> re.Match | None:
    """The first word of `rx` in s.plain[a:b] that reports something: not in a quotation,
    not naming an earlier event in passing, not preceded (within 40 characters) by `skip`."""
    for start, end in _spans(s, rx, a, b):
        if _in_reference(s, start, end) or s.in_quote(start):
            continue
        if skip is not None and skip.search(s.plain, max(0, start - 40), start):
            continue
        # the match finditer gave at `start` (same string, same end, so the same match)
        return rx.match(s.plain, start, b)
    return None


@dataclass
class _Clause:
    """The part of a sentence one candidate may cover, with what every detector reads of it.

    Detectors share one clause, so a trigger another kind needs ("does a meeting come first?")
    is found once: `found` caches it by name.
    """

    s: _Sent
    a: int
    b: int
    when: tuple[date, date, str] | None
    future: bool
    persons: list  # gazetteer mentions of people taking part (not commenting, not in passing)
    named: list[_Named]
    orgs: list[str]
    forces: list[str]
    found: dict[str, Any] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[_Named]:
        return [n for n in self.named if n.kind == kind]

    def cand(self, kind: str, trigger: str, trigger_at: int) -> _Cand:
        """A candidate of `kind` covering this clause."""
        s = self.s
        return _Cand(
            kind,
            sent=s,
            seg=(self.a, self.b),
            trigger=trigger,
            trigger_at=trigger_at,
            date=self.when,
            future=self.future,
            anaphor=bool(_ANAPHOR_START.match(s.plain)),
            new_cue=bool(_NEW_EVENT_CUE.match(s.plain)),
            generic=bool(_GENERIC.search(s.plain)),
        )


def _shares(c: _Cand, e: Any) -> bool:
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
