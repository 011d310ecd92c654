"""Text built to make the extractor slow: each token class it treats specially, repeated.

Shared by the property test (tests/test_extract_budget.py) and bench/probes.py, so the
test and the figures in the report exercise the same shapes. A class is a short unit the
rules look at twice (a date, an abbreviation, an acronym definition, a forum word, markup,
a quote, a list bullet...); repeated without a break it makes one huge sentence or line,
which is where per-sentence rules that cost the square of the length used to hide.
"""

from __future__ import annotations

PROSE = (
    "Defense Minister Minoru Kihara met U.S. Secretary of Defense Lloyd Austin in Tokyo on "
    "July 28, 2024, and the two reaffirmed the alliance's deterrence. "
)

TOKEN_CLASSES: dict[str, str] = {
    "two-plus-two": "2+2 ",
    "acronym-definition": "(ABC) ",
    "dotted-capitals": "U.S. ",
    "digits": "1",
    "digits-plus": "1+",
    "month-abbreviations": "Jan. Feb. Mar. Apr. ",
    "full-dates": "May 29, 2024 ",
    "iso-dates": "2024-05-29 ",
    "day-month": "29 May ",
    "years": "2024 ",
    "titles": "Lt. Gen. ",
    "initials": "A. B. ",
    "abbreviations": "e.g. ",
    "numbered": "1. ",
    "capitalised": "Alpha ",
    "forum-words": "Dialogue Talks Summit ",
    "ordinal-meeting": "the Ninth Meeting of the ",
    "named-person": "Samuel Paparo ",
    "country-pair": "Japan-U.S. ",
    "triggers": "met exercise satellite ",
    "markup-bold": "**a** ",
    "markup-link": "[a](#) ",
    "quotes": '"a" ',
    "curly-quotes": "“a” ",
    "open-quote": "“",
    "parens": "(",
    "hyphens": "a-",
    "pipes": "| a ",
    "ellipsis": "... ",
    "bangs": "!",
    "possessive": "Kishida’s ",
    "space-program": "Artemis Program ",
    "exercise-shape": "exercise Orient Shield ",
    "company": "Mitsubishi Heavy Industries ",
    "relation": "after the ",
    "report": "announced on ",
    "line-breaks": "a\n",
    "list-items": "- a\n",
    "wrapped-lines": "the alliance and the ministers discussed the matter of the region\n",
    "one-line-prose": PROSE,
}


def repeated(unit: str, size: int) -> str:
    """`unit` repeated to exactly `size` characters."""
    return (unit * (size // max(1, len(unit)) + 1))[:size]
