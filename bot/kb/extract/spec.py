"""What a fact kind provides: its detector and the few rules in which kinds differ.

A kind is one module (meeting.py, exercise.py, space.py) defining `KIND = Kind(...)`, and one
line in kinds.py. Grouping sentences into events, dating, the alliance filter, building
facts and merging them across documents are shared; they ask the kind only what is written
here. Every hook is optional except the detector, the title, the participants and `keep`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.kb.extract.common import _Cand, _Clause, _Sent

Event = Any  # bot.kb.extract.events._Event (hooks only read its attributes)
Span = tuple[date, date, str]


@dataclass(frozen=True)
class Kind:
    name: str
    # The kind's candidate in one clause of a sentence, or None. Detectors are tried in
    # registry order; the first that returns a candidate wins the clause.
    detect: Callable[[_Clause], _Cand | None]
    # The fact's title: (event, location or None, " in <place>" or "", " (planned)" or "",
    # brief(names) giving the document's acronyms for long names).
    title: Callable[[Event, str | None, str, str, Callable[[list[str]], list[str]]], str]
    participants: Callable[[Event], list[str]]
    # Is there enough to record, given the event's date (None when it has none)?
    keep: Callable[[Event, Span | None], bool]
    # Words reporting an event of this kind; a clause after "after"/"following" with one of
    # them dates an earlier event, not the sentence's.
    trigger: re.Pattern | None = None
    # The main clause this kind's trigger starts may be followed by such an earlier event.
    hosts_earlier_clause: bool = False
    runs: int = 0  # days two dates of one named event may be apart (exercises run for weeks)
    names_distinct: bool = True  # a candidate naming another event is another event
    dated_by_lede: bool = False  # later sentences add detail, not the date of the news
    dated_by_document: bool = False  # an undated announcement takes the document's date
    headline_names_story: bool = False  # a title naming the event is the story's event
    merge_needs_name: bool = False  # across documents a shared unit is not enough, a name is
    across_time_zones: bool = False  # two countries' reports may be a day apart
    one_item_per_site: bool = False  # one news item per place and day; title head names it
    when: Callable[[Event, Any], Span | None] | None = None  # (event, document)
    reportable: Callable[[Event], bool] | None = None  # kept undated when the doc is undated
    split: Callable[[_Cand], list[_Cand]] | None = None  # more events in one candidate
    adjust: Callable[[list[_Cand], _Sent, _Sent | None], None] | None = None  # (cands, s, prev)
    join_named: Callable[[_Cand, Event, bool], bool] | None = None  # (c, recent, near)
    starts_another: Callable[[_Cand, Event], bool] | None = None  # (c, recent)
    join_late: Callable[[_Cand, Event, bool], Event | None] | None = None  # (c, recent, near)
    continue_own: Callable[[_Sent, Event], None] | None = None  # the last event is this kind
    continue_last: Callable[[_Sent, list], None] | None = None  # whatever the last event is
    fold: Callable[[list], list] | None = None  # events of one document folded together
    parties: Callable[[_Cand], set[str]] | None = None  # countries taking part, beyond people's
    outside_alliance: Callable[[Event, set[str]], bool] | None = None
