"""What the gazetteer holds (Entity) and what a text yields (Mention)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.config import CONFIG_DIR

GAZETTEER_DIR = CONFIG_DIR / "gazetteer"


TYPES = ("person", "org", "country", "place", "exercise", "program", "forum")


# When one span is an alias of entities of different types, the more specific type wins.
_TYPE_RANK = {
    t: i
    for i, t in enumerate(("person", "forum", "exercise", "program", "org", "place", "country"))
}


FUZZY_CUTOFF = 90


DATED_TYPES = ("exercise", "forum")  # the entity types the alliance calendar (`editions`) dates


@dataclass(frozen=True)
class Edition:
    """One held edition of a recurring exercise or meeting, as the public record dates it.

    Wire stories about an exercise often give a day ("began Thursday", "through May 9") and
    no year; an analyst dates them from the alliance calendar, which is what these hold. A
    recurring meeting (the "2+2") is held on a known day, so a story that says "on the 11th"
    or "on Sunday" and no year is dated the same way.
    """

    year: int
    start: date
    end: date  # inclusive
    precision: str = "day"  # "day", or "month" when only the months are known
    number: int | None = None  # the number in its name: Keen Sword 25, Yama Sakura 87
    ordinal: int | None = None  # which iteration of the series: the 1st Freedom Edge
    host: str | None = None  # the hosting country (a name from countries.yaml)
    # Where a meeting was held, as places.yaml or countries.yaml name it ("Darwin"), with
    # any other name a story may give the venue ("Camp H. M. Smith", "Hawaii").
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entity:
    id: str
    type: str  # person | org | country | place | exercise | program | forum
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    roles: tuple[str, ...] = ()
    source: str = "gazetteer"  # or "shape" for names found from their shape only
    editions: tuple[Edition, ...] = ()  # exercises and forums: the editions held, oldest first
    # A recurring meeting's identity when a story does not name it: the countries whose
    # office-holders meet ("members") and which office ("defense": defense ministers and
    # secretaries; "leaders": heads of government and state). See bot.kb.editions.
    members: tuple[str, ...] = ()
    office: str | None = None
    # The days a program's one-off events happened, oldest first: a satellite's launch, a
    # missile type's test firings, a review's release. A story that says it "launched ... on
    # Sunday" and no year is dated from them (bot.kb.editions.dated_event_day).
    dated: tuple[date, ...] = ()
    # A crewed mission's return to Earth (its splashdown day, Eastern time), oldest first: "the
    # capsule carrying Noguchi returned to Earth on Sunday" is the Sunday Crew-1 came home.
    returned: tuple[date, ...] = ()
    # A crewed mission's arrival at the station (its docking day, Eastern time, and the next
    # in Japan when the docking fell there after midnight): "arrived at the International
    # Space Station Monday, as the SpaceX Crew Dragon Resilience docked" is Crew-1's Monday.
    docked: tuple[date, ...] = ()
    # Places and venues: the place this one lies in, as a place entry's id or name ("Yokota
    # Air Base" within Tokyo, "White House" within Washington, D.C.). Merging takes a report
    # at the venue and one in the city for the same event (bot.kb.merge).
    within: str | None = None
    # A series held several times a year whose `editions` list only some of them (the
    # Maritime Cooperative Activities): an edition's own days, written without a year, still
    # give a story its year; but a year, a month or a weekday cannot pick "the" edition.
    partial: bool = False


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    entity: Entity
    via: str  # "alias" | "weak" | "pair" | "shape" | "coref" | "role"
    title: str | None = None  # the title/rank before a person's name ("Defense Minister", "Adm.")
