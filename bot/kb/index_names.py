"""The names a fact is found by in full-text search (the facts.names column): names,
aliases and roles of everything it mentions, so "INDOPACOM", "JASDF" or "2+2" find a fact
whose text spells them out. Computed at extraction, so it counts in the extractor's
fingerprint (bot.kb.loader)."""

from __future__ import annotations

import re

from bot.kb.entities import Entity, Gazetteer
from bot.kb.model import Fact


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
    # Where its sources say it takes place: "conducted at the Yausubetsu training area in
    # Hokkaido" finds the exercise under Hokkaido, though its fact names one place only.
    for s in fact.sources:
        for m in gazetteer.find(s.quote):
            if m.entity.type == "place":
                add_entity(m.entity)
    out, seen = [], set()
    for n in names:
        n = n.strip()
        if n and n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return " | ".join(out)
