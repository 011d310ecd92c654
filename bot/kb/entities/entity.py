"""What the gazetteer holds (Entity) and what a text yields (Mention)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import CONFIG_DIR

GAZETTEER_DIR = CONFIG_DIR / "gazetteer"


TYPES = ("person", "org", "country", "place", "exercise", "program", "forum")


# When one span is an alias of entities of different types, the more specific type wins.
_TYPE_RANK = {
    t: i
    for i, t in enumerate(("person", "forum", "exercise", "program", "org", "place", "country"))
}


FUZZY_CUTOFF = 90


@dataclass(frozen=True)
class Entity:
    id: str
    type: str  # person | org | country | place | exercise | program | forum
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    roles: tuple[str, ...] = ()
    source: str = "gazetteer"  # or "shape" for names found from their shape only


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    entity: Entity
    via: str  # "alias" | "weak" | "shape" | "coref" | "role"
    title: str | None = None  # the title/rank before a person's name ("Defense Minister", "Adm.")
