"""Names in documents, as one package: `gazetteer` (what the domain knows, and why names
matter), `schema` (the YAML checks), `matcher` (aliases in one pass), `shapes` (names the
gazetteer does not know), `roles` (posts and their terms). Importers use this package's
names; the modules say why each part works as it does.
"""

from bot.kb.entities.entity import FUZZY_CUTOFF, GAZETTEER_DIR, TYPES, Entity, Mention
from bot.kb.entities.folding import fold
from bot.kb.entities.gazetteer import Gazetteer, default_gazetteer
from bot.kb.entities.matcher import PAIR_JOIN
from bot.kb.entities.roles import day_starts, month_starts, periods_of, role_periods

__all__ = [
    "FUZZY_CUTOFF",
    "GAZETTEER_DIR",
    "TYPES",
    "Entity",
    "Gazetteer",
    "Mention",
    "PAIR_JOIN",
    "default_gazetteer",
    "fold",
    "day_starts",
    "month_starts",
    "periods_of",
    "role_periods",
]
