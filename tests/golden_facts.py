"""A small, realistic knowledge base for the command, search and renderer tests.

Built through the real schema (bot.kb.db.open_db + bot.kb.store.fact_to_row), with documents,
passages (one of them page furniture), gazetteer entities with aliases, and facts whose
participants, dates and quotes look like what extraction produces from alliance news.
It exists so these tests do not depend on the extractor's current output; tests on the
real seeds live next to them and use the `seeded_db` fixture.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from bot.kb.db import open_db
from bot.kb.model import Fact, Source
from bot.kb.store import fact_to_row

DOCS = [
    {
        "id": "digest_2024_05.txt",
        "title": "Alliance Newsletter, 31 May 2024",
        "date": "2024-05-31",
        "passages": [
            ("Subscribe to the newsletter for weekly INDOPACOM and alliance updates.", True),
            (
                "Prime Minister Kishida met the new commander of INDOPACOM, Admiral Samuel Paparo, "
                "in Tokyo on May 29. Kishida promised to enhance alliance deterrence.",
                False,
            ),
            (
                "Paparo also met Defense Minister Kihara and Chief of Joint Staff Yoshida on May 30. "
                "Kihara announced that Japan will join the exercise Valiant Shield for the first time in June.",
                False,
            ),
            (
                "Deputy Secretary of State Kurt Campbell, Vice Foreign Minister Masataka Okano and "
                "First Vice Minister Kim Hong Kyun met in Washington, Virginia for a trilateral dialogue on May 31.",
                False,
            ),
            (
                "Innovative Space Carrier and Ursa Major will co-develop a reusable rocket for "
                "commercial launches by 2030.",
                False,
            ),
        ],
    },
    {
        "id": "statement_2024_07.txt",
        "title": "Joint Statement of the Security Consultative Committee (2+2)",
        "date": "2024-07-28",
        "passages": [
            (
                "Secretary of State Antony Blinken, Secretary of Defense Lloyd Austin, Foreign Minister "
                "Yoko Kamikawa and Defense Minister Minoru Kihara held the Security Consultative "
                "Committee in Tokyo on July 28, 2024.",
                False,
            ),
            (
                "The Ministers welcomed the upgrade of U.S. Forces Japan into a joint force headquarters "
                "that will work with the Japan Joint Operations Command.",
                False,
            ),
        ],
    },
    {
        "id": "statement_2023_01.txt",
        "title": "Joint Statement of the Security Consultative Committee, January 2023",
        "date": "2023-01-11",
        "passages": [
            (
                "Secretary Blinken, Secretary Austin, Minister Hayashi and Minister Hamada met in "
                "Washington on January 11, 2023 for the Security Consultative Committee.",
                False,
            ),
        ],
    },
    {
        "id": "report_2023_07.txt",
        "title": "Defense Report, July 2023",
        "date": "2023-07-20",
        "passages": [
            (
                "Two U.S. Air Force B-52 bombers flew with Japan Air Self-Defense Force F-15 fighters "
                "over the East China Sea on July 13.",
                False,
            ),
            (
                "The destroyers JS Maya and USS John Finn held a bilateral drill in the Sea of Japan "
                "on July 16.",
                False,
            ),
            ("The Ground Self-Defense Force will hold Orient Shield 23 with the U.S. Army in September.", False),
            ("Image credit: Ministry of Defense. All rights reserved.", True),
        ],
    },
    {
        "id": "exercises_2022_2024.txt",
        "title": "Exercise Calendar",
        "date": "2024-10-20",
        "passages": [
            ("Keen Sword 25 runs from Oct. 23 to Nov. 1 across Japan with 45,000 personnel.", False),
            ("Resolute Dragon 22 was held in Hokkaido from Sept. 1 to 14, 2022.", False),
        ],
    },
    {
        "id": "space_dialogue_2024.txt",
        "title": "Joint Statement, Comprehensive Dialogue on Space",
        "date": "2024-08-27",
        "passages": [
            (
                "Japan will provide and maintain a pressurized rover while the United States will allocate "
                "two astronaut flight opportunities to the lunar surface for Japan on future Artemis missions.",
                False,
            ),
            (
                "Both sides discussed multilateral cooperation for space sustainability, including "
                "implementation of the Artemis Accords.",
                False,
            ),
            ("The two sides welcomed hosting U.S. payloads on the Quasi-Zenith Satellite System (QZSS).", False),
            ("JAXA plans to launch the Martian Moons eXploration (MMX) mission in 2026.", False),
        ],
    },
    {
        "id": "nasa_2023_11.txt",
        "title": "Space Policy Minister visits NASA",
        "date": "2023-11-02",
        "passages": [
            ("Minister Minoru Kiuchi met NASA Administrator Bill Nelson in Washington on November 2.", False),
        ],
    },
]

ENTITIES = [
    ("person:samuel-paparo", "person", "Samuel Paparo", ["Paparo", "Admiral Paparo", "Adm. Samuel Paparo"], "US"),
    ("org:indopacom", "org", "U.S. Indo-Pacific Command", ["INDOPACOM", "Indo-Pacific Command", "USINDOPACOM"], "US"),
    ("person:fumio-kishida", "person", "Fumio Kishida", ["Kishida", "Prime Minister Kishida"], "JP"),
    ("person:minoru-kihara", "person", "Minoru Kihara", ["Kihara", "Defense Minister Kihara"], "JP"),
    ("person:minoru-kiuchi", "person", "Minoru Kiuchi", ["Kiuchi"], "JP"),
    ("person:kurt-campbell", "person", "Kurt Campbell", ["Campbell", "Deputy Secretary Campbell"], "US"),
    ("person:lloyd-austin", "person", "Lloyd Austin", ["Austin", "Secretary Austin"], "US"),
    ("person:antony-blinken", "person", "Antony Blinken", ["Blinken", "Secretary Blinken"], "US"),
    ("person:yoko-kamikawa", "person", "Yoko Kamikawa", ["Kamikawa"], "JP"),
    ("org:jasdf", "org", "Japan Air Self-Defense Force", ["JASDF", "Air Self-Defense Force", "ASDF"], "JP"),
    ("meeting:scc", "meeting", "Security Consultative Committee", ["2+2", "SCC", "Japan-U.S. 2+2"], None),
    ("exercise:valiant-shield", "exercise", "Valiant Shield", [], None),
    ("exercise:keen-sword", "exercise", "Keen Sword", [], None),
    ("exercise:orient-shield", "exercise", "Orient Shield", [], None),
    ("exercise:resolute-dragon", "exercise", "Resolute Dragon", [], None),
    ("program:artemis", "program", "Artemis", ["Artemis program"], None),
    ("program:qzss", "program", "Quasi-Zenith Satellite System", ["QZSS", "Michibiki"], "JP"),
    ("org:jaxa", "org", "Japan Aerospace Exploration Agency", ["JAXA"], "JP"),
    ("org:nasa", "org", "National Aeronautics and Space Administration", ["NASA"], "US"),
    ("place:tokyo", "place", "Tokyo", [], "JP"),
]


@dataclass
class F:
    """A fact to place in the fixture: its quote is found in the document's passages."""

    id: str
    kind: str
    title: str
    doc: str
    quote: str
    start: str | None
    end: str | None = None
    precision: str | None = "day"
    participants: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=lambda: ["Japan", "United States"])
    location: str | None = None
    names: list[str] = field(default_factory=list)
    summary: str = ""


FACTS = [
    F("m-kishida-paparo", "meeting", "Kishida meets new INDOPACOM commander Paparo", "digest_2024_05.txt",
      "Prime Minister Kishida met the new commander of INDOPACOM, Admiral Samuel Paparo, in Tokyo on May 29.",
      "2024-05-29", participants=["Fumio Kishida", "Samuel Paparo"], location="Tokyo",
      names=["Fumio Kishida", "Kishida", "Samuel Paparo", "Paparo", "U.S. Indo-Pacific Command", "INDOPACOM"],
      summary="Kishida promised to enhance alliance deterrence."),
    F("m-paparo-kihara", "meeting", "Paparo meets Defense Minister Kihara and Chief of Joint Staff Yoshida",
      "digest_2024_05.txt", "Paparo also met Defense Minister Kihara and Chief of Joint Staff Yoshida on May 30.",
      "2024-05-30", participants=["Samuel Paparo", "Minoru Kihara", "Yoshida Yoshihide"], location="Tokyo",
      names=["Samuel Paparo", "Paparo", "Minoru Kihara", "Kihara"]),
    F("m-trilateral-vfm", "meeting", "US-Japan-ROK vice foreign ministerial dialogue", "digest_2024_05.txt",
      "Deputy Secretary of State Kurt Campbell, Vice Foreign Minister Masataka Okano and First Vice Minister "
      "Kim Hong Kyun met in Washington, Virginia for a trilateral dialogue on May 31.",
      "2024-05-31", participants=["Kurt Campbell", "Masataka Okano", "Kim Hong Kyun"],
      countries=["United States", "Japan", "South Korea"], location="Washington, Virginia",
      names=["Kurt Campbell", "Campbell", "Masataka Okano", "Kim Hong Kyun"]),
    F("m-scc-2024", "meeting", "Security Consultative Committee (2+2) in Tokyo", "statement_2024_07.txt",
      "Secretary of State Antony Blinken, Secretary of Defense Lloyd Austin, Foreign Minister Yoko Kamikawa and "
      "Defense Minister Minoru Kihara held the Security Consultative Committee in Tokyo on July 28, 2024.",
      "2024-07-28", participants=["Antony Blinken", "Lloyd Austin", "Yoko Kamikawa", "Minoru Kihara"],
      location="Tokyo", names=["Security Consultative Committee", "2+2", "Blinken", "Austin", "Kamikawa", "Kihara"]),
    F("m-scc-2023", "meeting", "Security Consultative Committee (2+2) in Washington", "statement_2023_01.txt",
      "Secretary Blinken, Secretary Austin, Minister Hayashi and Minister Hamada met in Washington on January 11, "
      "2023 for the Security Consultative Committee.",
      "2023-01-11", participants=["Antony Blinken", "Lloyd Austin", "Yoshimasa Hayashi", "Yasukazu Hamada"],
      location="Washington", names=["Security Consultative Committee", "2+2"]),
    F("m-kiuchi-nelson", "meeting", "Space policy minister Kiuchi meets NASA Administrator Nelson",
      "nasa_2023_11.txt", "Minister Minoru Kiuchi met NASA Administrator Bill Nelson in Washington on November 2.",
      "2023-11-02", participants=["Minoru Kiuchi", "Bill Nelson"], location="Washington",
      names=["Minoru Kiuchi", "Kiuchi", "NASA"]),
    F("e-valiant-shield", "exercise", "Japan joins Valiant Shield for the first time", "digest_2024_05.txt",
      "Kihara announced that Japan will join the exercise Valiant Shield for the first time in June.",
      "2024-06-01", "2024-06-30", "month", participants=["Japan Self-Defense Forces", "U.S. Indo-Pacific Command"],
      names=["Valiant Shield", "Kihara"]),
    F("e-keen-sword", "exercise", "Keen Sword 25 across Japan", "exercises_2022_2024.txt",
      "Keen Sword 25 runs from Oct. 23 to Nov. 1 across Japan with 45,000 personnel.",
      "2024-10-23", "2024-11-01", participants=["Japan Self-Defense Forces", "U.S. Forces Japan"],
      location="Japan", names=["Keen Sword"]),
    F("e-bombers", "exercise", "B-52 bombers fly with JASDF F-15 fighters", "report_2023_07.txt",
      "Two U.S. Air Force B-52 bombers flew with Japan Air Self-Defense Force F-15 fighters over the East China Sea "
      "on July 13.", "2023-07-13", participants=["U.S. Air Force", "Japan Air Self-Defense Force"],
      location="East China Sea", names=["Japan Air Self-Defense Force", "JASDF", "U.S. Air Force"]),
    F("e-maya-finn", "exercise", "JS Maya and USS John Finn drill in the Sea of Japan", "report_2023_07.txt",
      "The destroyers JS Maya and USS John Finn held a bilateral drill in the Sea of Japan on July 16.",
      "2023-07-16", participants=["JS Maya", "USS John Finn"], location="Sea of Japan"),
    F("e-orient-shield", "exercise", "Orient Shield 23", "report_2023_07.txt",
      "The Ground Self-Defense Force will hold Orient Shield 23 with the U.S. Army in September.",
      "2023-09-01", "2023-09-30", "month", participants=["Ground Self-Defense Force", "U.S. Army"],
      names=["Orient Shield"]),
    F("e-resolute-dragon", "exercise", "Resolute Dragon 22 in Hokkaido", "exercises_2022_2024.txt",
      "Resolute Dragon 22 was held in Hokkaido from Sept. 1 to 14, 2022.",
      "2022-09-01", "2022-09-14", participants=["Ground Self-Defense Force", "U.S. Marine Corps"],
      location="Hokkaido", names=["Resolute Dragon"]),
    F("s-rover", "space", "Japan to provide a pressurized lunar rover; two astronaut landings for Japan",
      "space_dialogue_2024.txt",
      "Japan will provide and maintain a pressurized rover while the United States will allocate two astronaut "
      "flight opportunities to the lunar surface for Japan on future Artemis missions.",
      "2024-08-27", participants=["JAXA", "NASA"], names=["Artemis", "JAXA", "NASA"]),
    F("s-accords", "space", "Space sustainability and multilateral cooperation", "space_dialogue_2024.txt",
      "Both sides discussed multilateral cooperation for space sustainability, including implementation of the "
      "Artemis Accords.", "2024-08-27"),
    F("s-qzss", "space", "QZSS to host U.S. payloads", "space_dialogue_2024.txt",
      "The two sides welcomed hosting U.S. payloads on the Quasi-Zenith Satellite System (QZSS).",
      "2024-08-27", names=["Quasi-Zenith Satellite System", "QZSS"]),
    F("s-mmx", "space", "Martian Moons eXploration (MMX) launch planned", "space_dialogue_2024.txt",
      "JAXA plans to launch the Martian Moons eXploration (MMX) mission in 2026.",
      "2026-01-01", "2026-12-31", "year", participants=["JAXA"], names=["JAXA", "MMX"]),
    F("s-reusable", "space", "Japanese and US firms to co-develop a reusable rocket", "digest_2024_05.txt",
      "Innovative Space Carrier and Ursa Major will co-develop a reusable rocket for commercial launches by 2030.",
      None, None, None, participants=["Innovative Space Carrier", "Ursa Major"]),
]


def build(path: str | Path, *, generation: str | None = "fixture-1") -> sqlite_utils.Database:
    """Create the fixture database at `path` and return it open."""
    db = open_db(path)
    docs: dict[str, dict] = {}
    for d in DOCS:
        text, spans = "", []
        for passage, furniture in d["passages"]:
            start = len(text)
            text += passage
            spans.append((start, len(text), passage, furniture))
            text += "\n\n"
        docs[d["id"]] = {"title": d["title"], "date": d["date"], "text": text}
        db["documents"].insert({
            "id": d["id"], "path": f"seeds/{d['id']}", "title": d["title"], "date": d["date"],
            "date_inferred": 0, "source": "fixture", "content_hash": d["id"], "size": len(text),
            "loaded_at": d["date"] + "T09:00:00+00:00", "text": text, "encoding": "utf-8",
        })
        for seq, (s, e, passage, furniture) in enumerate(spans):
            db["passages"].insert({
                "doc_id": d["id"], "seq": seq, "start": s, "end": e, "text": passage,
                "furniture": int(furniture), "furniture_reason": "fixture" if furniture else None,
            })
    for eid, etype, name, aliases, country in ENTITIES:
        db["entities"].insert({
            "id": eid, "type": etype, "name": name, "aliases": json.dumps(aliases),
            "country": country, "source": "fixture",
        })
    for f in FACTS:
        doc = docs[f.doc]
        start = doc["text"].index(f.quote)
        fact = Fact(
            id=f.id, kind=f.kind, title=f.title, summary=f.summary, date_start=f.start,
            date_end=f.end or f.start, date_precision=f.precision, participants=f.participants,
            countries=f.countries, location=f.location, doc_id=f.doc, doc_title=doc["title"],
            quote=f.quote, span=[start, start + len(f.quote)],
            sources=[Source(f.doc, doc["title"], f.quote, [start, start + len(f.quote)])],
        )
        db["facts"].insert(fact_to_row(fact, names=" | ".join(f.names)))
    if generation is not None:
        db["meta"].upsert({"key": "generation", "value": generation}, pk="key")
    return db


def fact(fact_id: str, path: str | Path) -> Fact:
    """One fixture fact as the store gives it back."""
    from bot.kb.store import fact_from_row

    db = open_db(path)
    return fact_from_row(db["facts"].get(fact_id))
