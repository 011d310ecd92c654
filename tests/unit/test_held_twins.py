"""Which plans rank below the held fact that reports the same event.

A plan ("Nakatani and Austin hold talks (planned)") goes below a held fact of its kind with
the same people (two of them when the plan names several; the first words of the title when
it names nobody), that was still going on when the plan was announced and starts within
TWIN_DAYS of it. At 100,000 documents the index looks only at the facts near each plan's
date; these cases hold it to the rule spelt out plainly below, on archives with busy people,
undated facts, plans never announced and dates at the ends of the calendar.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date

import pytest

from bot.kb import search

PEOPLE = ["Gen Nakatani", "Lloyd Austin", "Fumio Kishida", "Samuel Paparo", "Richard Marles", "Antony Blinken"]
TITLES = ["Nakatani meets Austin", "Defence ministers talk", "Kishida visits Canberra", "Talks in Tokyo"]


def twins_plainly(lo, hi, rows, planned):
    """The rule, plan by plan over every fact (what the index must agree with)."""
    found = set()
    for i, (people, announced) in planned.items():
        for j, (their_people, title) in enumerate(rows):
            if j in planned or not lo[j]:
                continue
            if people:
                shared = Counter(their_people)
                if sum(shared[p] for p in people) < min(2, len(people)):
                    continue
            elif search._title_key(title) != search._title_key(rows[i][1]):
                continue
            if announced and hi[j] < announced:
                continue  # held before the plan was announced: an earlier edition
            days = abs((date.fromisoformat(lo[j]) - date.fromisoformat(lo[i])).days) if lo[i] else 0
            if days <= search.TWIN_DAYS:
                found.add(i)
                break
    return found


def archive(seed, n=400):
    rng = random.Random(seed)
    start = date(2019, 1, 1).toordinal()
    lo, hi, rows, planned = [], [], [], {}
    for i in range(n):
        if rng.random() < 0.1:
            first = last = ""
        else:
            day = rng.choice([date(1, 1, 20).toordinal(), date(9999, 12, 10).toordinal()]
                             if rng.random() < 0.02 else [start + rng.randrange(5 * 365)])
            first = date.fromordinal(day).isoformat()
            last = date.fromordinal(min(day + rng.choice([0, 0, 2, 30, 90]), date.max.toordinal())).isoformat()
        people = rng.sample(PEOPLE, rng.choice([0, 1, 1, 2, 2, 3]))
        if people and rng.random() < 0.05:
            people.append(people[0])  # a name written twice
        title = rng.choice(TITLES)
        lo.append(first)
        hi.append(last)
        rows.append((people, title))
        if rng.random() < 0.2:
            announced = "" if rng.random() < 0.2 else date.fromordinal(start + rng.randrange(5 * 365)).isoformat()
            planned[i] = (frozenset(people), announced)
    return lo, hi, rows, planned


@pytest.mark.parametrize("seed", range(12))
def test_plans_below_their_held_twin_as_the_rule_says(seed):
    lo, hi, rows, planned = archive(seed)
    kidx = search.KindIndex("meeting", lo=lo, hi=hi, planned=planned)
    held = search._Held()
    for i, (people, title) in enumerate(rows):
        held.add(i, people, title, bool(lo[i]), i in planned)
    expected = twins_plainly(lo, hi, rows, planned)
    assert 0 < len(expected) < len(planned)
    assert search._held_twins(kidx, held) == expected
