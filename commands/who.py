"""/who: everything about one person, organization, exercise or program.

Shows the canonical name and aliases, their roles by year (from the gazetteer), how many
facts mention them by kind and by year, then those facts newest first. Names may have
typos; a surname alone is enough when only one person has it.

Query: a name, plus optional dates (2024, since:2024-01, until:...) and page:N.

Examples:
  /who paparo
  /who kishida 2024
  /who valiant shield
  /who jaxa
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date

from rapidfuzz import fuzz, process

from bot.context import Context
from bot.kb import search
from bot.kb.entities import role_periods
from bot.kb.model import Fact, Period
from bot.kb.store import fact_from_row
from commands.errors import UsageError
from commands.query import Query, describe_dates, parse_query
from commands.results import WhoResult
from commands.selection import newest_first

NAME = "who"
MIN_SCORE = 80
_TERMS = re.compile(r"\s*\([^()]*\d{4}[^()]*\)\s*$")  # the trailing "(Oct 2021-Oct 2024)"


def parse(text: str) -> Query:
    query = parse_query(NAME, text)
    if not query.words:
        raise UsageError("Whom should I look up?", hint="For example `/who paparo` or `/who keen sword`.")
    return query


def _entities(ctx: Context) -> list[dict]:
    return [dict(r) for r in ctx.db.query("select id, type, name, aliases, roles, country from entities")]


def _keys(entity: dict) -> list[str]:
    names = [entity["name"], *json.loads(entity["aliases"] or "[]")]
    if entity["type"] == "person" and len(entity["name"].split()) > 1:
        names.append(entity["name"].split()[-1])  # the surname
    return [n.lower() for n in names if n]


def find_entity(ctx: Context, asked: str) -> dict:
    """The entity whose name, alias or surname is closest to what was asked."""
    entities = _entities(ctx)
    choices: dict[str, list[dict]] = {}
    for e in entities:
        for key in _keys(e):
            choices.setdefault(key, []).append(e)
    asked = asked.lower()
    exact = choices.get(asked)
    if exact:
        return _best(exact)
    best = process.extract(asked, list(choices), scorer=fuzz.ratio, limit=3)
    if best and best[0][1] >= MIN_SCORE:
        return _best(choices[best[0][0]])
    near = [choices[k][0]["name"] for k, score, _ in best if score >= 50]
    raise UsageError(f"I don't know anyone or anything called \u201c{asked}\u201d.",
                     hint="Try a full name, an alias or an exercise's name.",
                     suggestions=list(dict.fromkeys(near)))


def _best(candidates: list[dict]) -> dict:
    """Of entities sharing a key, the gazetteer's (curated) one first."""
    return sorted(candidates, key=lambda e: (e["id"].startswith("person:~"), e["id"]))[0]


def roles_by_year(roles: list[str]) -> list[tuple[str, str]]:
    """"Prime Minister (Oct 2021-Oct 2024)" -> ("2021–2024", "Prime Minister"), one entry per
    term, earliest first; terms read by the gazetteer's own parser (entities.role_periods)."""
    out = []
    for role in roles:
        name = _TERMS.sub("", role).strip()
        periods = role_periods(role)
        for start, end in periods:
            last = "" if end == date.max else str(end.year)
            years = str(start.year) if last == str(start.year) else f"{start.year}\u2013{last}"
            out.append((start, years, name))
        if not periods:
            out.append((date.max, "", name))
    return [(years, name) for _, years, name in sorted(out, key=lambda r: r[0])]


def entity_facts(ctx: Context, entity: dict) -> list[Fact]:
    """Facts naming the entity: by its canonical name among their names or participants."""
    name = entity["name"]
    rows = ctx.db.execute(
        "select * from facts where (' | ' || coalesce(names, '') || ' | ') like ? or participants like ?",
        [f"% | {name} | %", f'%{json.dumps(name)}%'],
    )
    cols = [d[0] for d in rows.description]
    return sorted((fact_from_row(dict(zip(cols, r, strict=True))) for r in rows.fetchall()), key=newest_first)


def _in_dates(fact: Fact, since: str | None, until: str | None) -> bool:
    if not since and not until:
        return True
    period = Period.of_fact(fact.date_start, fact.date_end, fact.date_precision)
    if period is None:
        return False
    lo, hi = period.iso()
    return (not since or hi >= since) and (not until or lo <= until)


def run(query: Query, ctx: Context) -> WhoResult:
    entity = find_entity(ctx, " ".join(query.words))
    facts = [f for f in entity_facts(ctx, entity) if _in_dates(f, query.since, query.until)]
    size = ctx.config.page_size
    by_kind = Counter(f.kind for f in facts)
    years = Counter((f.date_start or "")[:4] or "undated" for f in facts)
    by_year = {y: years[y] for y in sorted(years, key=lambda y: (y == "undated", y))}
    page = facts[(query.page - 1) * size: query.page * size]
    when = describe_dates(query.since, query.until)
    result = WhoResult(
        command=NAME, query=query.text, facts=page, total=len(facts), page=query.page, page_size=size,
        kind="", plural="facts", when=when, order="newest first",
        name=entity["name"], entity_type=entity["type"],
        aliases=[a for a in json.loads(entity["aliases"] or "[]") if a != entity["name"]],
        roles=roles_by_year(json.loads(entity["roles"] or "[]")),
        by_kind=dict(by_kind.most_common()), by_year=by_year,
    )
    if page:  # each source's date, as /meetings shows it
        dates = search.get_index(ctx.db).doc_dates
        result.doc_dates = {f.doc_id: dates[f.doc_id] for f in page if f.doc_id in dates}
    if not facts:
        result.message = f"No facts mention {entity['name']}" + (f" {when}." if when else " yet.")
    elif not page:
        pages = -(-len(facts) // size)
        result.message = f"Page {query.page} is past the end: {len(facts)} facts make {pages} page{'s' if pages != 1 else ''}."
    return result
