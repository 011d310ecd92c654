"""Who "I" is in a transcript.

A press conference or a minister's remarks report the speaker's own meetings in the first
person ("Just now, I spoke with President Trump over the telephone"; "Then, I held a
Japan-U.S. Foreign Ministers' meeting with Secretary Rubio"). The speaker is named once: by
the title ("Press Conference by Prime Minister ISHIBA Shigeru") or by a label opening the
paragraph ("Foreign Minister MOTEGI Toshimitsu: I returned from Malaysia ..."). Each "I"
they speak becomes a mention of that person, so the meeting has both its sides.

The questions of a press conference are the reporters': a speaker's turn ends at the first
question ("Q:", "(Q)", "Reporter:") or at another label.
"""

from __future__ import annotations

import re

from bot.kb.entities.entity import Mention

# "Press Conference by Prime Minister ISHIBA Shigeru Regarding ...", "[Opening Statement by
# Prime Minister Ishiba]", "Remarks by Secretary Austin ..."
_TITLED_BY = re.compile(
    r"(?i)\b(?:press\s+conference|(?:opening\s+)?remarks|(?:opening\s+)?statement|address)\s+by\s+"
)
_TITLE_CHARS = 400  # a transcript's title is at its top
# A turn's label: "Foreign Minister MOTEGI Toshimitsu: ", "SECRETARY AUSTIN: ", "Q: "
_LABEL = re.compile(r"(?m)^[ \t]*(?P<label>[^:\n]{1,80}?):[ \t]")
_QUESTION = re.compile(
    r"(?m)^[ \t]*(?:\(?Q\)?[\s:.)]|Q\d|Question\b|Reporter\b|Journalist\b|\(Question\b|\[Question)"
)
_I = re.compile(r"\bI\b(?!\.|-)")
_NOT_PRONOUN_BEFORE = re.compile(r"(?i)(?:part|phase|title|article|war|chapter|annex|section|type)\s+$")


def speaker_mentions(text: str, mentions: list) -> list[Mention]:
    """A mention of the speaker for each "I" of each speaker's turn in `text`."""
    people = [m for m in mentions if m.entity.type == "person"]
    if not people or not _I.search(text):
        return []  # (every document passes here: most have no "I" to read)
    turns: list[tuple[int, object]] = []  # (where the turn starts, the speaker's mention or None)
    top = _TITLED_BY.search(text, 0, _TITLE_CHARS)
    if top is not None:
        who = next((m for m in people if top.end() <= m.start < top.end() + 60), None)
        if who is not None:
            turns.append((who.end, who))
    for label in _LABEL.finditer(text):
        a, b = label.span("label")
        who = next((m for m in people if a <= m.start and m.end <= b), None)
        turns.append((label.end(), who))  # a label naming no one (a reporter's "Q") ends a turn
    for q in _QUESTION.finditer(text):
        turns.append((q.start(), None))
    if not any(who is not None for _, who in turns):
        return []
    turns.sort(key=lambda t: t[0])
    out: list[Mention] = []
    for (start, who), (end, _) in zip(turns, [*turns[1:], (len(text), None)], strict=True):
        if who is None:
            continue
        for i in _I.finditer(text, start, end):
            if _NOT_PRONOUN_BEFORE.search(text, max(0, i.start() - 12), i.start()):
                continue
            out.append(Mention(i.start(), i.end(), "I", who.entity, "coref", who.title))
    return out
