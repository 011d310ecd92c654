"""/lookup: find the passages that answer a question.

Searches the text of every loaded document (page furniture such as banners and
subscription lines is skipped) and shows the best passages with their source, the
matching words in bold. Aliases count ("INDOPACOM" also finds "Indo-Pacific Command")
and typos are tolerated. page:N shows more.

Examples:
  /lookup who commands US forces in Japan
  /lookup reusable rocket
  /lookup what did the ministers say about Taiwan
"""

from __future__ import annotations

from bot.context import Context
from bot.kb import search
from commands.errors import UsageError
from commands.query import (
    JAPANESE_HINT,
    MAX_PAGE,
    Query,
    clean_text,
    page_number,
    refuse_odd_digits,
    tokens,
)
from commands.results import PassagesResult

NAME = "lookup"
MAX_QUESTION_WORDS = 60
MAX_QUESTION_TERMS = 60
HINT = "Ask a question or give a few words, e.g. /lookup who commands US forces in Japan"
PAGE_HINT = f"Use page:2, page:3 ... (up to {MAX_PAGE})."


def parse(text: str) -> Query:
    """The question's words and page:N; a year here is a word to look for, not a filter."""
    text = clean_text(text)
    words: list[str] = []
    page = 1
    for tok, quoted in tokens(text):
        if not quoted and tok.lower().startswith("page:"):
            # Only here: a whole message may be the question, and "km²" in it is just a word.
            refuse_odd_digits(tok, PAGE_HINT)
            number = page_number(tok[5:])
            if number is None:
                raise UsageError(f"{tok[:25]} is not a page number.",
                                 hint=PAGE_HINT)
            page = number
            continue
        words.append(tok)
    if not any(search.content_tokens(w) for w in words):
        raise UsageError("What should I look up?", hint=HINT)
    # A whole message may arrive here (a thread's parent, a message shortcut): its distinct
    # words are enough to find it, and the search keeps the rarest of them.
    # Its terms are capped too (one hyphenated "word" can hold hundreds), so no message
    # costs more than a few milliseconds of ranking.
    seen: set[str] = set()
    distinct = [w for w in words if not (w.lower() in seen or seen.add(w.lower()))]
    kept: list[str] = []
    budget = MAX_QUESTION_TERMS
    for word in distinct[:MAX_QUESTION_WORDS]:
        terms = search.content_tokens(word)
        if len(terms) > budget:
            if budget and terms:
                kept.append(" ".join(terms[:budget]))
            break
        budget -= len(terms)
        kept.append(word)
    return Query(
        command=NAME,
        text=text,
        words=kept,
        page=page,
        options={"wants": search.question_wants(text)},
    )


def run(query: Query, ctx: Context) -> PassagesResult:
    db = ctx.db
    size = ctx.config.page_size
    wants = query.options.get("wants")
    passages, total, terms = search.rank_passages(
        db, query.words, page=query.page, page_size=size, wants=wants
    )
    result = PassagesResult(
        command=NAME,
        query=query.text,
        passages=passages,
        total=total,
        page=query.page,
        page_size=size,
    )
    if query.page == 1:
        card = event_card(db, terms, query.words)
        if card is not None:
            result.facts = [card]
            dates = search.get_index(db).doc_dates
            result.doc_dates = {card.doc_id: dates[card.doc_id]} if card.doc_id in dates else {}
    if total == 0:
        index = search.get_index(db)
        if index.passage_count == 0:
            result.message = "The knowledge base is empty: load some documents first."
            return result
        result.message = f"No passage matched \u201c{query.text}\u201d."
        if any(search.CJK.search(w) for w in query.words):
            result.message += JAPANESE_HINT
        words = " ".join(w for w in query.words if search.content_tokens(w))
        result.suggestions = search.suggest(index, None, words)
    elif not passages:
        pages = -(-total // size)
        result.message = f"Page {query.page} is past the end: {total} passages make {pages} pages."
    return result


# Which facts a named event can be: forums meet, exercises are held.
_EVENT_KINDS = {"forum": "meeting", "exercise": "exercise", "person": "meeting"}


def event_card(db, terms, words: list[str]):
    """The fact a question names, shown above the passages ("when does Valiant Shield run?"
    is answered by the exercise's dates and source): when the question names an exercise or
    a forum, or two people (a meeting), and a fact of that kind carries all of those names.
    A year in the question picks that year's edition."""
    names = [t for t in terms if t.name_type in _EVENT_KINDS]
    events = [t for t in names if t.name_type in search.EVENT_TYPES]
    people = [t for t in names if t.name_type == "person"]
    if events:
        kind = _EVENT_KINDS[events[0].name_type]
        asked = events + [t for t in people if kind == "meeting"]
    elif len(people) >= 2:
        kind, asked = "meeting", people
    else:
        return None
    years = [w for w in words if len(w) == 4 and w.isdigit() and w[:2] in ("19", "20")]
    since = until = None
    if len(years) == 1:
        since, until = f"{years[0]}-01-01", f"{years[0]}-12-31"
    ranked = search.rank_facts(db, kind, [t.text for t in asked], since=since, until=until, page_size=1)
    if not ranked.facts and since:
        ranked = search.rank_facts(db, kind, [t.text for t in asked], page_size=1)
    if not ranked.facts or ranked.unmatched:
        return None
    fact = ranked.facts[0]
    blob = search.index_tokens(" ".join([fact.title, fact.summary, fact.quote, *fact.participants]))
    toks = set(blob)
    return fact if all(t.matches(toks) for t in asked) else None
