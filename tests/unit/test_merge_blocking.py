"""The full merge compares only what can decide (bot.kb.merge: `block_pairs`, `_candidates`,
`_Pool`), each pair once, and groups mentions exactly as comparing every pair that shares a
block key would: the merge as it was before it had to scale to 100,000 documents."""

from __future__ import annotations

import calendar
import random
from collections import Counter
from datetime import date, timedelta

import pytest

from bot.kb import merge
from bot.kb.merge import _block_keys, _features, _same, choose, greedy, merge_groups, order, precise
from bot.kb.model import Fact

PEOPLE = ["Lloyd Austin", "Minoru Kihara", "Gen Nakatani", "Pete Hegseth", "Richard Marles", "Gilbert Teodoro"]


def mention(doc: str, n: int, *, kind: str = "meeting", when: tuple = (2024, 3, 5), prec: str = "day",
            people: tuple = ("Lloyd Austin", "Minoru Kihara"), title: str = "defense chiefs' talks",
            location: str | None = None, countries: tuple = ("Japan", "United States"), days: int = 0,
            how: str = "") -> Fact:
    """A mention of `doc`: dated to a day (and `days` more), a week, a month or a year."""
    y, m, d = when
    if prec == "day":
        start = date(y, m, d)
        end = start + timedelta(days=days)
    elif prec == "week":
        start, end = date(y, m, d), date(y, m, d) + timedelta(days=6)
    elif prec == "month":
        start, end = date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    else:
        start, end = date(y, 1, 1), date(y, 12, 31)
    return Fact(id=f"{kind[0]}-{doc}-{n}", kind=kind, title=title, summary="", date_start=start.isoformat(),
                date_end=end.isoformat() if end != start else None, date_precision=prec,
                participants=list(people), countries=list(countries), location=location, doc_id=doc,
                doc_title=doc, quote=f"{title} ({doc}){how}", span=[n * 100, n * 100 + 40])


def naive_partition(facts: list[Fact]) -> set[frozenset]:
    """The groups as the merge made them before: every pair sharing a block key compared."""
    facts = sorted(facts, key=order)
    feats = [_features(f) for f in facts]
    keys = [_block_keys(f) for f in facts]
    pairs = [(i, j) for i in range(len(facts)) for j in range(i + 1, len(facts))
             if keys[i] & keys[j] and _same(feats[i], feats[j])]
    is_precise = [precise(f) for f in facts]
    root = greedy(facts, feats, [(i, j) for i, j in pairs if is_precise[i] and is_precise[j]])
    event_docs: dict[int, set[str]] = {}
    for i, f in enumerate(facts):
        if is_precise[i]:
            event_docs.setdefault(root[i], set()).add(f.doc_id)
    candidates: dict[int, list] = {}
    for i, j in pairs:
        if is_precise[i] != is_precise[j]:
            c, p = (j, i) if is_precise[i] else (i, j)
            candidates.setdefault(c, []).append((facts[p], feats[p], root[p], event_docs[root[p]]))
    group = list(root)
    by_doc: dict[str, list] = {}
    for c, cands in candidates.items():
        by_doc.setdefault(facts[c].doc_id, []).append((c, facts[c], feats[c], cands))
    for mentions in by_doc.values():
        for c, chosen in choose(mentions).items():
            group[c] = chosen
    loose = [i for i in range(len(facts)) if not is_precise[i] and group[i] == i]
    at = {i: x for x, i in enumerate(loose)}
    among = greedy([facts[i] for i in loose], [feats[i] for i in loose],
                   [(at[i], at[j]) for i, j in pairs if i in at and j in at])
    for x, i in enumerate(loose):
        group[i] = loose[among[x]]
    groups: dict[int, set] = {}
    for i, f in enumerate(facts):
        groups.setdefault(group[i], set()).add(f.id)
    return {frozenset(g) for g in groups.values()}


def partition(facts: list[Fact]) -> set[frozenset]:
    return {frozenset(m.id for m in members) for _, members in merge_groups(facts)}


def month_of_one_person(rng: random.Random) -> list[Fact]:
    """A month of meetings of one minister with others, and reports of them by month."""
    out = [mention(f"d{n:03d}", 0, when=(2024, 3, rng.randint(1, 31)),
                   people=("Lloyd Austin", rng.choice(PEOPLE[1:]))) for n in range(60)]
    out += [mention(f"r{n:03d}", k, prec="month", people=("Lloyd Austin", rng.choice(PEOPLE[1:])))
            for n in range(12) for k in range(rng.randint(1, 3))]
    return out


def random_archive(rng: random.Random) -> list[Fact]:
    """Mentions of every kind and precision over two months, few people, many documents, some
    saying how a meeting was held."""
    out = []
    for n in range(220):
        kind = rng.choice(["meeting", "meeting", "exercise", "space"])
        prec = rng.choice(["day", "day", "day", "month", "year", "week"])
        people = tuple(rng.sample(PEOPLE, rng.choice([1, 2, 2, 3])))
        if rng.random() < 0.1:
            people = tuple(p.split()[-1] for p in people)  # written as surnames alone
        title = {"meeting": "defense chiefs' talks",
                 "exercise": rng.choice(["Keen Sword exercise", "Resolute Dragon exercise", "joint drill"]),
                 "space": rng.choice(["Launch: QZSS", "Unit: U.S. Space Force", "space talks"])}[kind]
        out.append(mention(f"x{n // 2:03d}", n % 2, kind=kind, prec=prec, people=people, title=title,
                           when=(2024, rng.choice([3, 4]), rng.randint(1, 28)), days=rng.choice([0, 0, 0, 2]),
                           location=rng.choice([None, None, "Tokyo", "Yokota Air Base", "Darwin"]),
                           countries=rng.choice([("Japan", "United States"),
                                                 ("Australia", "Japan", "Philippines", "United States")]),
                           how=rng.choice(["", "", " held by phone", " when they met in person"])))
    return out


CASES = [
    ("two people on one day: the pair shares two block keys",
     lambda rng: [mention("a", 0), mention("b", 0), mention("c", 0, prec="month")]),
    ("a day apart across time zones", lambda rng: [mention("a", 0), mention("b", 0, when=(2024, 3, 6))]),
    ("over a month's end", lambda rng: [mention("a", 0, when=(2024, 3, 31)), mention("b", 0, when=(2024, 4, 1)),
                                         mention("c", 0, prec="month", when=(2024, 4, 1))]),
    ("a named exercise over three weeks and a month report of it",
     lambda rng: [mention(f"e{n}", 0, kind="exercise", title="Keen Sword exercise", people=("JMSDF", "U.S. Navy"),
                          when=(2024, 3, 1 + 7 * n)) for n in range(4)]
     + [mention("em", 0, kind="exercise", title="Keen Sword exercise", prec="month", people=("JMSDF",))]),
    ("a document's several month reports competing for one month's meetings",
     lambda rng: [mention(f"d{n}", 0, when=(2024, 3, 2 + 3 * n)) for n in range(6)]
     + [mention("r", k, prec="month") for k in range(4)] + [mention("s", 0, prec="year")]),
    ("a month of one person's meetings", month_of_one_person),
    *[(f"a random archive, seed {seed}", random_archive) for seed in range(6)],
]


@pytest.mark.parametrize(("case", "make"), CASES, ids=[c for c, _ in CASES])
def test_groups_as_comparing_every_pair_would(case, make):
    facts = make(random.Random(case))
    assert partition(facts) == naive_partition(facts)


@pytest.mark.parametrize(("case", "make"), CASES, ids=[c for c, _ in CASES])
def test_each_pair_is_compared_at_most_once(case, make, monkeypatch):
    facts = make(random.Random(case))
    compared: Counter = Counter()

    def counting(a, b):
        compared[frozenset((id(a), id(b)))] += 1  # each mention's features are made once
        return _same(a, b)

    monkeypatch.setattr(merge, "_same", counting)
    merge_groups(facts)
    assert compared, "nothing was compared"
    assert max(compared.values()) == 1


def test_a_large_month_is_compared_far_less_than_all_pairs(monkeypatch):
    """200 day-dated meetings of one minister and 40 month reports in one month (one block):
    the same groups as comparing every pair, with a fraction of the comparisons."""
    rng = random.Random(3)
    facts = [mention(f"d{n:03d}", 0, when=(2024, 3, rng.randint(1, 31)),
                     people=("Lloyd Austin", rng.choice(PEOPLE[1:]))) for n in range(200)]
    facts += [mention(f"r{n:03d}", 0, prec="month", people=("Lloyd Austin", rng.choice(PEOPLE[1:])))
              for n in range(40)]
    calls = 0

    def counting(a, b):
        nonlocal calls
        calls += 1
        return _same(a, b)

    monkeypatch.setattr(merge, "_same", counting)
    got = partition(facts)
    monkeypatch.setattr(merge, "_same", _same)
    assert got == naive_partition(facts)
    every_pair = len(facts) * (len(facts) - 1) // 2
    assert calls < every_pair // 5
