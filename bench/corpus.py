"""A deterministic synthetic corpus in the styles analysts actually paste into the seeds folder.

The benchmark has to measure extraction and search doing real work, so the documents
look like the ones the team collects: newsletter digests (masthead, volume line,
"Headlines:" and "Details:" bullets), joint statements from a statement database
([Title]/[Date]/[Source] header block), bylined news articles, undated web stories with
an editor's note, and web pages wrapped in banners, image credits and "Check Also" boxes.
They name people with titles and ranks, organizations, places, exercises and space
programs, and date events absolutely ("May 29, 2024", "19 April 2019", "Oct. 23 to
Nov. 1"), partially ("in June", "mid-July", "fiscal 2023") and relatively ("last week",
"on Tuesday"), over 2015-2026.

Names come from config/gazetteer/*.yaml when it exists, mixed with invented names that
are NOT in the gazetteer, so recognition by shape ("Lt. Gen. X Y", "exercise Z") is
exercised as well as dictionary look-up.

Everything is drawn from `random.Random` seeded per document (seed, index), so the same
seed writes byte-identical files and a corpus of 100 is the first 100 files of a corpus
of 1,000.

    python -m bench.corpus --n 1000 --out bench/corpus/n1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import calendar
import hashlib
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER_DIR = ROOT / "config" / "gazetteer"
DEFAULT_SEED = 7
FIRST_DATE, LAST_DATE = date(2015, 1, 1), date(2026, 12, 31)
STYLES = ("newsletter", "statement", "news", "undated", "webpage")
STYLE_WEIGHTS = (0.25, 0.2, 0.3, 0.1, 0.15)

# --- names ------------------------------------------------------------------------------
# Invented names: plausible, and chosen not to be real office holders, so that a match can
# only come from the shape of the text (title + capitalised words), never from a list.

JP_FAMILY = (
    "Takamori", "Hoshizaki", "Kurogane", "Mizusawa", "Aokawa", "Shirahama", "Tsukioka",
    "Kanemura", "Hirasaka", "Yoshinaga", "Oyamada", "Fujisaki", "Sakuragi", "Minegishi",
    "Tachibana", "Kiriyama", "Ushijima", "Nakatomi", "Hanazono", "Isozaki", "Kamishiro",
    "Arisugawa", "Takezono", "Hoshikawa", "Morisaki", "Kusunoki", "Tokiwa", "Shiratori",
    "Amagasa", "Enokida", "Fukamachi", "Hamagishi", "Kazamatsuri", "Matsukura", "Nagahara",
    "Ogasawara", "Sekimoto", "Tsuchimikado", "Urabe", "Yamabuki",
)
JP_GIVEN = (
    "Haruto", "Kenji", "Tomoko", "Daisuke", "Ayaka", "Shinsuke", "Reiko", "Masaki",
    "Yusuke", "Naoko", "Takumi", "Emiko", "Ryota", "Kazuhiro", "Mariko",
)
US_GIVEN = (
    "Daniel", "Rebecca", "Marcus", "Elena", "Gregory", "Alicia", "Warren", "Natalie",
    "Conrad", "Judith", "Trevor", "Maureen", "Silas", "Denise", "Howard",
)
US_FAMILY = (
    "Whitcombe", "Harrowgate", "Delacorte", "Brennagh", "Kettering", "Ashbury", "Vandermolen",
    "Pryce-Holloway", "Stanwick", "Okonkwo", "Castellane", "Marchetti", "Lindqvist",
    "Fairbairn", "Rutledge", "Blackwood", "Carrington", "Dunleavy", "Eastman", "Fenwick",
    "Galloway", "Hightower", "Ingersoll", "Jarrett", "Kinsella", "Lockridge", "Merriweather",
    "Northcott", "Oakes", "Penhallow", "Quarles", "Ravenscroft", "Sorensen", "Thistlewood",
    "Underhill", "Wexford",
)
KR_NAMES = ("Park Ji-hoon", "Lee Seo-yeon", "Choi Min-jae", "Han Do-yun", "Seo Jae-won", "Kang Hye-rin")
PH_NAMES = ("Ramon Villanueva", "Corazon Dimaculangan", "Eduardo Salcedo", "Teresita Magbanua")
AU_NAMES = ("Fiona Carrow", "Hamish Tregear", "Bronwyn Ellery", "Lachlan Moyes")

US_RANKS = (
    ("Adm.", "commander of U.S. Indo-Pacific Command"),
    ("Gen.", "commander of U.S. Forces Japan"),
    ("Lt. Gen.", "deputy commander of U.S. Space Command"),
    ("Maj. Gen.", "commander of the 18th Wing"),
    ("Brig. Gen.", "commander of U.S. Space Forces Indo-Pacific"),
    ("Rear Adm.", "commander of Carrier Strike Group 5"),
    ("Vice Adm.", "commander of the U.S. 7th Fleet"),
    ("Col.", "commander of the 12th Marine Littoral Regiment"),
)
US_OFFICES = (
    "Secretary of Defense", "Secretary of State", "Deputy Secretary of State",
    "Deputy Secretary of Defense", "Assistant Secretary of Defense for Indo-Pacific Security Affairs",
    "Under Secretary of State for Political Affairs", "U.S. Ambassador to Japan", "NASA Administrator",
)
JP_OFFICES = (
    "Prime Minister", "Defense Minister", "Foreign Minister", "Vice Foreign Minister",
    "State Minister of Defense", "Chief Cabinet Secretary", "JAXA President",
    "Chief of Staff of the Joint Staff", "Minister for Space Policy",
)
KR_OFFICES = ("Defense Minister", "First Vice Foreign Minister", "Chairman of the Joint Chiefs of Staff")
PH_OFFICES = ("Defense Secretary", "Foreign Affairs Secretary", "National Security Adviser")
AU_OFFICES = ("Defence Minister", "Foreign Minister", "Chief of the Defence Force")

# Used only when no gazetteer is installed, so the corpus still mixes known and unknown names.
FALLBACK_KNOWN = {
    "org": ("JAXA", "NASA", "U.S. Space Force", "Japan Air Self-Defense Force",
            "Japan Maritime Self-Defense Force", "Japan Ground Self-Defense Force",
            "U.S. Indo-Pacific Command", "Acquisition, Technology and Logistics Agency",
            "Ministry of Defense", "Ministry of Foreign Affairs", "U.S. Space Command"),
    "place": ("Tokyo", "Washington", "Okinawa", "Guam", "Hawaii", "Yokosuka", "Manila",
              "Seoul", "Canberra", "Kyushu", "Hokkaido", "Sasebo", "Iwakuni", "Misawa"),
    "exercise": ("Valiant Shield", "Orient Shield", "Keen Sword", "Resolute Dragon", "Cope North",
                 "Iron Fist", "Malabar", "Talisman Sabre", "Freedom Edge", "Balikatan"),
    "program": ("Artemis", "Gateway", "QZSS", "MMX", "SLIM", "XRISM", "HTV-X",
                "International Space Station", "H3"),
    "forum": ("Extended Deterrence Dialogue", "Economic 2+2", "Security Subcommittee",
              "Comprehensive Dialogue on Space", "Security Consultative Committee"),
}
SPACE_PROGRAM_ROLES = re.compile(r"program|mission|rocket|spacecraft|satellite|telescope|station", re.I)
SPACE_ORG_ROLES = re.compile(r"company|space agency|^agency", re.I)
INVENTED_FORUMS = (
    "Pacific Maritime Security Dialogue", "Space Resilience Working Group",
    "Alliance Industrial Base Forum", "Trilateral Coast Guard Summit",
)
INVENTED_ORGS = (
    "Hokuto Orbital Systems", "Aoba Launch Services", "Meridian Astrodynamics Inc.",
    "Kestrel Space Works", "Tsurugi Heavy Industries", "Pacific Lattice Technologies",
    "Shinonome Satellite Co.", "Bluewater Defense Analytics",
)
INVENTED_PLACES = (
    "Camp Hinokiyama", "Kasumidai Training Area", "Shirane Air Base", "Port Akebono",
    "Tomari Range", "Nagisa Naval Facility",
)
INVENTED_EXERCISES = (
    "Silent Heron", "Northern Lantern", "Steel Crane", "Pacific Ember", "Jade Trident",
    "Coral Bastion", "Harbor Sentinel", "Blue Kestrel", "Amber Tide", "Iron Camellia",
)
INVENTED_PROGRAMS = (
    "Kirameki Relay", "Tsukuyomi Lunar Lander", "Amaterasu Debris Tracker", "Horizon-J",
    "Sakura Sentinel", "Hayate Tracking Layer", "Lunar Crossing Rover", "Kagami Observatory",
)
COUNTRIES = ("Japan", "the United States", "South Korea", "the Philippines", "Australia", "India")
SEAS = ("the Philippine Sea", "the East China Sea", "the Sea of Japan", "the South China Sea",
        "the western Pacific")

MONTH_AP = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
            "Nov.", "Dec.")
ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth",
            "Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth")


@dataclass(frozen=True)
class Person:
    name: str
    prefix: str  # a rank or office written before the name ("Lt. Gen.", "Defense Minister")
    post: str  # an appositive written after it ("commander of ..."), or ""
    country: str
    invented: bool

    @property
    def surname(self) -> str:
        parts = self.name.split()
        # Korean names are written family name first.
        if self.country in ("South Korea", "China", "North Korea"):
            return parts[0]
        return parts[-1]

    def full(self, rng: random.Random) -> str:
        """The first mention: rank or office, name, and sometimes the appositive."""
        head = f"{self.prefix} {self.name}".strip()
        if self.post and rng.random() < 0.6:
            return f"{head}, {self.post},"
        return head


@dataclass
class Cast:
    """Everyone and everything the corpus can mention; built once per seed."""

    people: list[Person]
    orgs: list[str]
    places: list[str]
    exercises: list[str]
    programs: list[str]
    space_orgs: list[str]  # agencies and companies that build or fly things
    forums: list[str]
    known: dict[str, set[str]] = field(default_factory=dict)  # names that came from the gazetteer


def read_gazetteer(folder: Path = GAZETTEER_DIR) -> dict[str, list[dict]]:
    """Entries by type from config/gazetteer/*.yaml, tolerant of list- or mapping-shaped files."""
    by_type: dict[str, list[dict]] = {}
    stem_types = {"people": "person", "persons": "person", "person": "person", "orgs": "org",
                  "organizations": "org", "organisations": "org", "places": "place",
                  "exercises": "exercise", "programs": "program", "space": "program",
                  "countries": "country"}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        entries: list = []
        default = stem_types.get(path.stem.lower())
        if isinstance(data, list):
            entries = data
        elif isinstance(data, dict):
            if isinstance(data.get("type"), str):
                default = data["type"]
            for key, value in data.items():
                if isinstance(value, list):
                    entries.extend(value)
                elif isinstance(value, dict):
                    entries.append({"id": key, **value})
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                continue
            kind = str(entry.get("type") or default or "").lower()
            by_type.setdefault(kind, []).append(entry)
    return by_type


def _all_names(entry: dict) -> list[str]:
    extra = [*(entry.get("aliases") or []), *(entry.get("weak_aliases") or [])]
    return [entry["name"], *(a for a in extra if isinstance(a, str))]


def _gazetteer_names(entries: dict[str, list[dict]]) -> set[str]:
    return {n.lower() for items in entries.values() for e in items for n in _all_names(e)}


def _country(name: str) -> str:
    return name.removeprefix("the ").strip()


def _known_person(entry: dict) -> Person:
    role = entry.get("role") or entry.get("title") or entry.get("roles") or ""
    if isinstance(role, list):
        role = role[0] if role else ""
    role = re.sub(r"\s*\([^)]*\)", "", role if isinstance(role, str) else "").strip()
    country = _country(str(entry.get("country") or ""))
    name = entry["name"]
    head, _, rest = role.partition(", ")
    if rest and " " not in head:  # "Commander, U.S. Indo-Pacific Command" reads as an appositive
        return Person(name, "", f"{head.lower()} of {rest}", country, False)
    # A short role reads as a title before the name; a long one as an appositive.
    if role and len(role.split()) <= 4:
        return Person(name, role, "", country, False)
    return Person(name, "", role[:1].lower() + role[1:], country, False)


def build_cast(seed: int = DEFAULT_SEED, gazetteer_dir: Path = GAZETTEER_DIR) -> Cast:
    rng = random.Random(f"{seed}:cast")
    entries = read_gazetteer(gazetteer_dir)
    taken = _gazetteer_names(entries)

    # Any word of a known person's name (either name order) rules out an invented surname.
    taken_words = {
        w.lower() for e in entries.get("person", []) for n in _all_names(e)
        for w in n.replace(",", " ").split() if len(w) > 3
    }

    def fresh(name: str) -> bool:
        return name.lower() not in taken

    def fresh_person(name: str) -> bool:
        return fresh(name) and not any(w.lower() in taken_words for w in (name.split()[0], name.split()[-1]))

    people = [_known_person(e) for e in entries.get("person", [])]
    pools = (
        ("Japan", [f"{g} {f}" for f in JP_FAMILY for g in JP_GIVEN], len(JP_FAMILY)),
        ("the United States", [f"{g} {f}" for f in US_FAMILY for g in US_GIVEN], len(US_FAMILY)),
        ("South Korea", list(KR_NAMES), len(KR_NAMES)),
        ("the Philippines", list(PH_NAMES), len(PH_NAMES)),
        ("Australia", list(AU_NAMES), len(AU_NAMES)),
    )
    used_surnames: set[str] = set()
    for country, names, count in pools:
        rng.shuffle(names)
        picked = 0
        for name in names:
            if picked >= count:
                break
            surname = name.split()[0] if country == "South Korea" else name.split()[-1]
            if not fresh_person(name) or surname in used_surnames:
                continue
            used_surnames.add(surname)
            if country == "the United States":
                if rng.random() < 0.55:
                    prefix, post = rng.choice(US_RANKS)
                else:
                    prefix, post = rng.choice(US_OFFICES), ""
            elif country == "Japan":
                prefix, post = rng.choice(JP_OFFICES), ""
            elif country == "South Korea":
                prefix, post = rng.choice(KR_OFFICES), ""
            elif country == "the Philippines":
                prefix, post = rng.choice(PH_OFFICES), ""
            else:
                prefix, post = rng.choice(AU_OFFICES), ""
            people.append(Person(name, prefix, post, _country(country), True))
            picked += 1

    def names_of(kind: str, roles: re.Pattern | None = None) -> list[str]:
        """Gazetteer names of a kind; with `roles`, only those whose first role matches."""
        found = [
            e["name"] for e in entries.get(kind, [])
            if roles is None or roles.search(str((e.get("roles") or [""])[0]))
        ]
        return found or list(FALLBACK_KNOWN.get(kind, ()))

    known = {k: {n.lower() for n in names_of(k)} for k in ("org", "place", "exercise", "program", "forum")}
    return Cast(
        people=people,
        orgs=names_of("org") + [o for o in INVENTED_ORGS if fresh(o)],
        places=names_of("place") + [p for p in INVENTED_PLACES if fresh(p)],
        exercises=names_of("exercise") + [x for x in INVENTED_EXERCISES if fresh(x)],
        programs=names_of("program", SPACE_PROGRAM_ROLES) + [p for p in INVENTED_PROGRAMS if fresh(p)],
        space_orgs=names_of("org", SPACE_ORG_ROLES) + [o for o in INVENTED_ORGS if fresh(o)],
        forums=names_of("forum") + [f for f in INVENTED_FORUMS if fresh(f)],
        known=known,
    )


# --- dates ------------------------------------------------------------------------------


def random_date(rng: random.Random, first: date = FIRST_DATE, last: date = LAST_DATE) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def long_date(d: date) -> str:
    return f"{calendar.month_name[d.month]} {d.day}, {d.year}"


def ap_date(d: date, year: bool = True) -> str:
    text = f"{MONTH_AP[d.month - 1]} {d.day}"
    return f"{text}, {d.year}" if year else text


def dmy_date(d: date) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def _shift_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


@dataclass
class When:
    """A date phrase and whether it reads as a plan (future) rather than a report."""

    text: str  # e.g. "on May 29", "last week", "in September this year"
    future: bool = False


def when_past(rng: random.Random, doc: date, *, yearless: bool = False) -> When:
    """A phrase for something that happened before the document was written."""
    d = doc - timedelta(days=rng.randint(1, 40))
    options: list[Callable[[], str]] = [
        lambda: f"on {ap_date(d, year=False)}",
        lambda: f"on {calendar.month_name[d.month]} {d.day}",
        lambda: "last week",
        lambda: f"on {calendar.day_name[(doc - timedelta(days=rng.randint(1, 6))).weekday()]}",
        lambda: f"in mid-{calendar.month_name[d.month]}",
        lambda: f"from {ap_date(d, year=False)} to {ap_date(d + timedelta(days=rng.randint(2, 9)), year=False)}",
    ]
    if not yearless:
        options += [
            lambda: f"on {long_date(d)}",
            lambda: f"on {dmy_date(d)}",
            lambda: f"in {calendar.month_name[d.month]} {d.year}",
        ]
    return When(rng.choice(options)())


def when_future(rng: random.Random, doc: date, *, yearless: bool = False) -> When:
    """A phrase for something planned after the document was written."""
    d = _shift_months(doc, rng.randint(1, 10))
    options: list[Callable[[], str]] = [
        lambda: f"in {calendar.month_name[d.month]}",
        lambda: f"in {calendar.month_name[d.month]} this year" if d.year == doc.year else "next year",
        lambda: f"from {calendar.month_name[d.month]} {d.day}-{min(d.day + rng.randint(3, 10), 28)}"
        if d.day < 20 else f"in late {calendar.month_name[d.month]}",
        lambda: "next month",
    ]
    if not yearless:
        options += [
            lambda: f"in fiscal {doc.year + rng.randint(0, 2)}",
            lambda: f"by {doc.year + rng.randint(2, 6)}",
            lambda: f"in {calendar.month_name[d.month]} {d.year}",
            lambda: f"on {long_date(d)}",
        ]
    return When(rng.choice(options)(), future=True)


def when_any(rng: random.Random, doc: date, *, yearless: bool = False, future: float = 0.3) -> When:
    if rng.random() < future:
        return when_future(rng, doc, yearless=yearless)
    return when_past(rng, doc, yearless=yearless)


# --- sentences ----------------------------------------------------------------------------

TOPICS = (
    "extended deterrence", "maritime domain awareness", "supply chain resilience",
    "missile defense", "cybersecurity", "space situational awareness", "command and control",
    "defense industrial cooperation", "critical minerals", "economic security",
    "information sharing", "hypersonic defense", "host nation support", "disaster relief",
)
AIRCRAFT = ("F-35A fighters", "F-15J fighters", "B-52H bombers", "F-2 fighters",
            "P-8A patrol aircraft", "KC-46 tankers", "E-2D early warning aircraft")
SHIPS_JP = ("JS Izumo", "JS Kaga", "JS Haguro", "JS Takanami", "JS Akizuki")
SHIPS_US = ("USS Ronald Reagan", "USS America", "USS Rafael Peralta", "USS Howard", "USS Dewey")
FORCES = ("the Japan Ground Self-Defense Force", "the Japan Maritime Self-Defense Force",
          "the Japan Air Self-Defense Force", "the U.S. Marine Corps", "the U.S. Army",
          "the U.S. Navy", "the U.S. Air Force", "the Australian Defence Force",
          "the Philippine Navy", "the Republic of Korea Navy")
FILLER = (
    "Analysts in Tokyo said the move reflected growing concern over {topic} in the region.",
    "The two sides also discussed {topic} and agreed to keep working-level talks going.",
    "Officials stressed that the alliance remains the cornerstone of peace and stability in the Indo-Pacific.",
    "The ministers reaffirmed that Article 5 of the security treaty applies to the Senkaku Islands.",
    "Japan's defense budget request topped $52 billion, with about 2,500 personnel assigned to new units.",
    "Observers noted that the 7th Fleet and the 2+2 framework have become central to {topic}.",
    "A spokesperson said the talks were \"frank and productive\" and focused on {topic}.",
    "The statement did not mention China by name but referred to coercive attempts to change the status quo.",
    "The agreement builds on earlier commitments on {topic} made by the leaders.",
    "Critics argued that the pace of change on {topic} has outrun public debate in Japan.",
    "The F-35 program and co-production of interceptors were also on the agenda.",
    "Some 1,200 personnel and a dozen vessels may take part, officials said.",
    "Both governments plan to release a fact sheet on {topic} in the coming weeks.",
    "It was the latest in a series of high-level contacts on {topic}.",
    "Funding of $1.5 billion over five years was announced for {topic}.",
    "Participants said closer work on {topic} would strengthen deterrence.",
    "The officials exchanged views on the regional security environment, including North Korea's missile launches.",
    "Japan has pledged to raise defense spending to 2% of GDP over five years.",
    "Neither side disclosed the cost of the arrangement, which requires approval by the Diet.",
    "Local officials in Okinawa have long opposed an expanded U.S. presence on the island.",
    "The move follows a review of roles, missions and capabilities ordered by the leaders.",
    "Industry representatives from 39 companies attended a side event on {topic}.",
    "The announcement drew criticism from Beijing, which called it destabilizing.",
    "Experts cautioned that implementation on {topic} would take years.",
    "The talks covered {topic}, {topic2} and the protection of classified information.",
    "A joint working group on {topic} will report back to the ministers.",
    "The readout from the Pentagon emphasized {topic} and unity of effort.",
    "Tokyo's new national security strategy calls for counterstrike capabilities and better {topic}.",
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Writer:
    """Sentences about meetings, exercises and space cooperation, for one document."""

    def __init__(self, rng: random.Random, cast: Cast, doc_date: date, yearless: bool = False):
        self.rng, self.cast, self.doc_date, self.yearless = rng, cast, doc_date, yearless
        self.mentioned: set[str] = set()

    def person(self, country: str | None = None) -> str:
        """Someone from `country`: half the time a gazetteer name, half an invented one."""
        invented = self.rng.random() < 0.5
        pool = [p for p in self.cast.people
                if (country is None or p.country == _country(country)) and p.invented == invented]
        pool = pool or [p for p in self.cast.people if country is None or p.country == _country(country)]
        p = self.rng.choice(pool or self.cast.people)
        if p.name in self.mentioned:
            return p.surname if self.rng.random() < 0.7 else p.name
        self.mentioned.add(p.name)
        return p.full(self.rng)

    def when(self, future: float = 0.3) -> When:
        return when_any(self.rng, self.doc_date, yearless=self.yearless, future=future)

    def filler(self) -> str:
        topic, topic2 = self.rng.sample(TOPICS, 2)
        return self.rng.choice(FILLER).format(topic=topic, topic2=topic2)

    def meeting(self) -> str:
        r, w = self.rng, self.when(future=0.15)
        place = r.choice(self.cast.places)
        a, b = self.person("the United States"), self.person("Japan")
        templates = [
            f"{a} met {b} in {place} {w.text}, pledging closer cooperation on {r.choice(TOPICS)}.",
            f"{b} held talks with {a} in {place} {w.text}.",
            f"{_cap(w.text)}, {b} and {a} met in {place} to discuss {r.choice(TOPICS)}.",
            f"{a} and {b} spoke by phone {w.text} about {r.choice(TOPICS)}.",
            f"The U.S., Japanese and {r.choice(('South Korean', 'Philippine', 'Australian'))} "
            f"defense chiefs met in {place} {w.text} for a trilateral dialogue, where {a} "
            f"and {b} reaffirmed their commitment to {r.choice(TOPICS)}.",
            f"The {r.choice(ORDINALS).lower()} meeting of the {r.choice(self.cast.forums)} "
            f"was held in {place} {w.text}, with {a} leading the U.S. side.",
        ]
        if w.future:
            templates = [
                f"{b} will visit {place} {w.text} to meet {a}, officials said.",
                f"{a} is scheduled to meet {b} in {place} {w.text}.",
            ]
        return r.choice(templates)

    def exercise(self) -> str:
        r, w = self.rng, self.when(future=0.35)
        name = r.choice(self.cast.exercises)
        if r.random() < 0.4:
            name = f"{name} {str(self.doc_date.year + (1 if w.future else 0))[2:]}"
        place = r.choice(self.cast.places + list(SEAS))
        f1, f2 = r.sample(FORCES, 2)
        templates = [
            f"{_cap(f1)} and {f2} conducted the {name} exercise in {place} {w.text}, "
            f"focusing on {r.choice(TOPICS)}.",
            f"{_cap(w.text)}, {r.randint(2, 8)} {r.choice(AIRCRAFT)} joined a bilateral "
            f"exercise with {r.randint(2, 6)} {r.choice(AIRCRAFT)} in the airspace over {place}.",
            f"Exercise {name}, which brought together {f1} and {f2}, took place at {place} {w.text}.",
            f"{r.choice(SHIPS_JP)} and {r.choice(SHIPS_US)} held a joint drill in the "
            f"{r.choice(SEAS).removeprefix('the ')} {w.text}, practicing {r.choice(('anti-submarine warfare', 'air defense', 'missile tracking', 'replenishment at sea'))}.",
        ]
        if w.future:
            templates = [
                f"{_cap(f1)} and {f2} plan to carry out the annual {name} exercise at {place} "
                f"{w.text} to improve interoperability.",
                f"{self.person('Japan')} announced that Japan will join the {name} exercise "
                f"{w.text} for the first time.",
            ]
        return r.choice(templates)

    def space(self) -> str:
        r, w = self.rng, self.when(future=0.4)
        prog = r.choice(self.cast.programs)
        o1, o2 = r.sample(self.cast.space_orgs, 2)
        templates = [
            f"{o1} and {o2} signed an agreement {w.text} to cooperate on {prog}.",
            f"{_cap(w.text)}, {o1} announced that it will provide a {r.choice(('pressurized rover', 'docking module', 'hosted payload', 'tracking sensor'))} "
            f"for {prog}.",
            f"{o1} is joining with {o2} to develop {prog} for commercial use, a project the two "
            f"companies said would fly {w.text}.",
            f"The two governments welcomed progress on {prog}, and {self.person('the United States')} "
            f"said the launch {w.text} would deepen space cooperation.",
        ]
        if w.future:
            templates = [
                f"The launch of {prog}, a joint mission of {o1} and {o2}, is scheduled {w.text}.",
                f"{o1} will host U.S. payloads on {prog} {w.text} under a new space cooperation arrangement.",
            ]
        return r.choice(templates)

    def fact(self) -> str:
        kind = self.rng.choices(("meeting", "exercise", "space"), (0.45, 0.3, 0.25))[0]
        return getattr(self, kind)()

    def paragraph(self, facts: int = 1, fillers: int = 2) -> str:
        parts = [self.fact() for _ in range(facts)] + [self.filler() for _ in range(fillers)]
        head, rest = parts[:1], parts[1:]
        self.rng.shuffle(rest)
        return " ".join(head + rest)


# --- document styles -------------------------------------------------------------------------


def _linkify(rng: random.Random, text: str) -> str:
    """Newsletter copy has [verb](#) links and **bold** clauses pasted from the web."""
    words = text.split(" ")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(words))
        if words[i].isalpha() and words[i].islower():
            words[i] = f"[{words[i]}](#)"
    if len(words) > 12 and rng.random() < 0.5:
        i = rng.randrange(len(words) - 8)
        words[i] = "**" + words[i]
        words[i + 6] = words[i + 6] + "**"
    return " ".join(words)


def _headline(rng: random.Random, cast: Cast) -> str:
    return rng.choice((
        f"Japan, US deepen cooperation on {rng.choice(TOPICS)}",
        f"Allies hold talks on {rng.choice(TOPICS)} in {rng.choice(cast.places)}",
        f"{rng.choice(cast.exercises)} exercise tests alliance readiness",
        f"{rng.choice(cast.orgs)} and partners move ahead on {rng.choice(cast.programs)}",
        f"Defense chiefs meet amid concern over {rng.choice(TOPICS)}",
        f"Tokyo and Washington sign new arrangement on {rng.choice(TOPICS)}",
    ))


def _check_also(rng: random.Random) -> str:
    """An unrelated story box at the end of a web page (facts must never come from it)."""
    subject = rng.choice(("Orbital Debris Award", "Launch Insurance Market", "Weather Satellite Contract"))
    return (
        f"Check Also\n\n{subject}\n\n"
        f"European Consortium Wins {subject} for Flight Safety Contributions\n\n"
        f"The Orbital Safety Association has announced the {subject} recipient in recognition of "
        f"outstanding contributions to space flight safety, with a consortium of 15 member states "
        f"providing tracking services."
    )


def newsletter(rng: random.Random, cast: Cast, doc_date: date) -> str:
    w = Writer(rng, cast, doc_date)
    mast = rng.choice(("Alliance Watch Digest", "Pacific Partners Brief", "US-Japan Security Roundup",
                       "Indo-Pacific Alliance Monitor"))
    n = rng.randint(4, 7)
    bullets = [_linkify(rng, w.paragraph(facts=rng.randint(1, 2), fillers=rng.randint(2, 4))) for _ in range(n)]
    heads = [_headline(rng, cast) for _ in range(n)]
    return (
        f"\n\n\n\n{mast}\n\nVol: {doc_date.year - 2014}.{rng.randint(1, 24)}\n\n{long_date(doc_date)}\n\n\n\n"
        f"Image Source: [{rng.choice(cast.orgs)}](#)\n\nHeadlines:\n\n"
        + "\n".join(f"- {h}" for h in heads)
        + "\n\nDetails:\n\n"
        + "\n".join(f"- {b}" for b in bullets)
        + f"\n\n\"{mast}\" is a bi-weekly summary of bilateral and related developments. To receive "
        f"it via email, contact digest@example.org"
    )


def statement(rng: random.Random, cast: Cast, doc_date: date) -> str:
    w = Writer(rng, cast, doc_date)
    bilateral = [f for f in cast.forums if re.search(r"Dialogue|Committee|Talks|Working Group|Forum", f)
                 and not re.search(r"Summit|Trilateral|ASEAN|Asia|G7|G20|NATO", f)]
    dialogue = re.sub(r"^(?:Japan-U\.S\.|U\.S\.-Japan) ", "", rng.choice(bilateral or cast.forums))
    nth = rng.randrange(len(ORDINALS) - 1)
    place = rng.choice(cast.places)
    start = doc_date - timedelta(days=rng.randint(0, 1))
    days = f"on {calendar.month_name[start.month]} {start.day} and {doc_date.day}, {doc_date.year}" \
        if start != doc_date and start.month == doc_date.month else f"on {long_date(doc_date)}"
    body = [
        f"Pursuant to the shared goal of strengthening the Japan-U.S. alliance, the Governments of Japan "
        f"and of the United States of America held the {ORDINALS[nth]} Meeting of the "
        f"Japan-U.S. {dialogue} in {place} {days}.",
        f"This meeting was co-chaired by {w.person('Japan')} and {w.person('the United States')}.",
    ]
    for _ in range(rng.randint(8, 14)):
        lead = rng.choice(("Both sides", "The two sides", "The ministers"))
        kind = rng.choices(("space", "exercise", "filler"), (0.45, 0.25, 0.3))[0]
        if kind == "filler":
            body.append(f"{lead} {rng.choice(('affirmed', 'noted', 'welcomed'))} the importance of "
                        f"{rng.choice(TOPICS)}. {w.filler()}")
        else:
            body.append(f"{lead} {rng.choice(('welcomed', 'noted'))} the following. {getattr(w, kind)()} {w.filler()}")
    body.append(f"Both sides concurred on holding the {ORDINALS[nth + 1]} meeting in "
                f"{rng.choice(('Japan', 'the United States'))} in {doc_date.year + 1}.")
    return (
        "\"The Alliance Record\" Database (Project Leader: KUROGANE Shiro)\n"
        "Database of Alliance Politics and International Relations\n"
        "Institute for Policy Documents\n\n"
        f"[Title] Joint Statement, The {ORDINALS[nth]} Meeting of the Japan-U.S. {dialogue}\n\n"
        f"[Place]{' ' + place if rng.random() < 0.5 else ''}\n[Date] {long_date(doc_date)}\n"
        f"[Source] {rng.choice(('Ministry of Foreign Affairs of Japan', 'U.S. Department of State', 'Ministry of Defense'))}\n"
        "[Notes]\n[Full text]\n\n" + "\n\n".join(body)
    )


def news(rng: random.Random, cast: Cast, doc_date: date) -> str:
    w = Writer(rng, cast, doc_date)
    caption = (f"{_cap(rng.choice(FORCES).removeprefix('the '))} and {rng.choice(FORCES)} "
               f"conduct a joint training exercise in {rng.choice(SEAS)} in "
               f"{calendar.month_name[doc_date.month]}, {doc_date.year}.")
    reporters = rng.sample([f"{g} {f}" for g in US_GIVEN[:6] for f in US_FAMILY[:6]], 2)
    lines = [caption, f"By {reporters[0]} and {reporters[1]}"]
    if rng.random() < 0.5:
        lines.append(f"Published: {ap_date(doc_date)}")
    for _ in range(rng.randint(5, 10)):
        lines.append(w.paragraph(facts=rng.randint(1, 2), fillers=rng.randint(2, 5)))
    return "\n".join(lines)


def undated(rng: random.Random, cast: Cast, doc_date: date) -> str:
    """A web story with no year anywhere at the top: dates must be inferred from the text."""
    w = Writer(rng, cast, doc_date, yearless=True)
    title = f"{_headline(rng, cast)} (Image Credit: {rng.choice(('airandspace', 'defensewire', 'pacificpost'))})"
    paras = [w.paragraph(facts=1, fillers=rng.randint(1, 3)) for _ in range(rng.randint(5, 8))]
    earlier = doc_date - timedelta(days=rng.randint(200, 500))
    paras.insert(2, f"{w.person('the United States')} visited Japan and spoke with top defense officials "
                    f"in {calendar.month_name[earlier.month]} {earlier.year}.")
    later = doc_date + timedelta(days=rng.randint(2, 12))
    paras.append(f"Editor’s Note: This story was updated {calendar.month_name[later.month]} {later.day} "
                 f"to clarify the participants.")
    return "\n".join([title, *paras])


def webpage(rng: random.Random, cast: Cast, doc_date: date) -> str:
    w = Writer(rng, cast, doc_date)
    section = rng.choice(("Military Space", "Alliance Affairs", "Defense Industry"))
    paras = [
        f"On {dmy_date(doc_date)}, the {rng.choice(cast.forums)} convened in {rng.choice(cast.places)}, with the "
        f"participation of {w.person('the United States')}, {w.person('the United States')}, "
        f"{w.person('Japan')} and {w.person('Japan')}. {w.filler()}"
    ]
    paras += [w.paragraph(facts=rng.randint(0, 2), fillers=rng.randint(2, 4)) for _ in range(rng.randint(5, 9))]
    return (
        f"{rng.choice(('SpaceTech', 'DefenseExpo', 'OrbitalSummit'))} {doc_date.year} - Banner\n\n"
        f"{section}: {_headline(rng, cast)}\n\n"
        f"Japan as seen from orbit. Photograph courtesy of {rng.choice(cast.orgs)}.\n\n"
        + "\n\n".join(paras) + "\n\n" + _check_also(rng)
    )


WRITERS: dict[str, Callable[[random.Random, Cast, date], str]] = {
    "newsletter": newsletter, "statement": statement, "news": news, "undated": undated,
    "webpage": webpage,
}


# --- the corpus ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    name: str
    style: str
    doc_date: date
    text: str


def document(index: int, seed: int = DEFAULT_SEED, cast: Cast | None = None) -> Generated:
    """The `index`-th document of the corpus for `seed`; independent of the corpus size."""
    cast = cast or build_cast(seed)
    rng = random.Random(f"{seed}:{index}")
    style = rng.choices(STYLES, STYLE_WEIGHTS)[0]
    doc_date = random_date(rng)
    # An appositive ("X, commander of Y,") at the end of a clause leaves a stray comma.
    text = WRITERS[style](rng, cast, doc_date).replace(",.", ".").replace(",,", ",")
    tag = hashlib.sha256(f"{seed}:{index}".encode()).hexdigest()[:16]
    return Generated(f"{index:05d}_{tag}.txt", style, doc_date, text)


def write_corpus(n: int, out: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write documents 0..n-1 into `out` (created if needed); returns their paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cast = build_cast(seed)
    paths = []
    for i in range(n):
        doc = document(i, seed, cast)
        path = out / doc.name
        data = doc.text.encode("utf-8")
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        paths.append(path)
    return paths


def revise(text: str, variant: int) -> str:
    """An edited version of a document, as when an analyst re-saves a page after a correction."""
    rng = random.Random(f"revise:{variant}:{len(text)}")
    note = (f"Correction ({variant}): an earlier version of this story misstated the number of "
            f"personnel; about {rng.randint(2, 40) * 100:,} took part.")
    return f"{text}\n\n{note}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of documents (default 1000)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    paths = write_corpus(args.n, args.out, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} documents ({size / 1e6:.1f} MB) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
