"""Names in documents: the gazetteer, and the shapes of the names it does not know.

A fact is only as useful as the names attached to it, and news text names the same
person or body many ways ("Admiral Samuel Paparo", "Paparo", "the INDOPACOM chief";
"JASDF", "Japan Air Self-Defense Force"). The gazetteer (config/gazetteer/*.yaml) holds
what the domain already knows; Aho-Corasick finds every alias in one pass and keeps
offsets true to the original text, because facts quote their sources by span.

What the gazetteer cannot know is recognised from its shape: a title or rank right
before a capitalised name is a person, a capitalised name before "exercise" is an
exercise. Ambiguous short forms (a surname alone) are trusted only with support: a
title right before them, or the same document naming the entity in full. That keeps
"Austin" the city from becoming the Secretary of Defense.
"""

from bot.kb.entities.entity import FUZZY_CUTOFF, GAZETTEER_DIR, TYPES, Entity, Mention
from bot.kb.entities.folding import fold
from bot.kb.entities.gazetteer import Gazetteer, default_gazetteer
from bot.kb.entities.roles import role_periods

__all__ = [
    "FUZZY_CUTOFF",
    "GAZETTEER_DIR",
    "TYPES",
    "Entity",
    "Gazetteer",
    "Mention",
    "default_gazetteer",
    "fold",
    "role_periods",
]
