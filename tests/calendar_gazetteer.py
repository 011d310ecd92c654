"""A small made-up alliance calendar (gazetteer `editions:`) for the tests of dating by
editions: the cases check the rules, not the shipped data, and every name is invented.
Loaded once per session as the `calendar_gaz` fixture (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

COUNTRIES = """type: country
entries:
  - {id: "country:japan", name: Japan}
  - {id: "country:united-states", name: United States, aliases: [U.S.]}
  - {id: "country:india", name: India}
  - {id: "country:ruritania", name: Ruritania}
"""
ORGS = """type: org
entries:
  - {id: "org:jmsdf", name: Japan Maritime Self-Defense Force, aliases: [JMSDF], country: Japan}
"""
EXERCISES = """type: exercise
entries:
  - id: exercise:iron-lantern
    name: Iron Lantern
    editions:
      - {year: 2020, start: 2020-06-08, end: 2020-06-19}
      - {year: 2022, start: 2022-06-06, end: 2022-06-17, number: 22, ordinal: 9}
      - {year: 2024, start: 2024-06-07, end: 2024-06-18, number: 24, ordinal: 10}
  - id: exercise:blue-heron
    name: Blue Heron
    editions:
      - {year: 2023, start: 2023-04-11, end: 2023-04-28, ordinal: 38}
      - {year: 2024, start: 2024-04-22, end: 2024-05-10, ordinal: 39}
      - {year: 2025, start: 2025-04-21, end: 2025-05-09, ordinal: 40}
  - id: exercise:quiet-harbor
    name: Quiet Harbor
    editions:
      - {year: 2022, start: 2022-11-08, end: 2022-11-15, host: Japan}
      - {year: 2023, start: 2023-11-10, end: 2023-11-21, host: Ruritania}
  - id: exercise:tri-edge
    name: Tri Edge
    editions:
      - {year: 2024, start: 2024-06-27, end: 2024-06-29, ordinal: 1}
      - {year: 2024, start: 2024-11-13, end: 2024-11-15, ordinal: 2}
      - {year: 2025, start: 2025-09-15, end: 2025-09-19, ordinal: 3}
  - id: exercise:southern-cross
    name: Southern Cross
    editions:
      - {year: 2021, start: 2021-07-14, end: 2021-07-31}
      - {year: 2023, start: 2023-07-22, end: 2023-08-04}
      - {year: 2025, start: 2025-07-13, end: 2025-08-04}
  - id: exercise:snow-bell
    name: Snow Bell
    editions:
      - {year: 2024, start: 2024-12-06, end: 2024-12-14, number: 87}
      - {year: 2026, start: 2026-12-01, end: 2026-12-10, number: 89}
  - id: exercise:paper-crane
    name: Paper Crane
    editions:
      - {year: 2023, start: 2023-10, end: 2023-11}
  - id: exercise:grey-gull
    name: Grey Gull
"""
FORUMS = """type: forum
entries:
  - id: forum:harbor-council
    name: Harbor Council
    aliases: ["3+3"]
    editions:
      - {year: 2023, start: 2023-01-11, end: 2023-01-11}
      - {year: 2024, start: 2024-07-28, end: 2024-07-28}
"""
# Dated events (`dated`): satellites launched once, a missile test-fired three times, a review
# released once.
PROGRAMS = """type: program
entries:
  - id: program:lark-3
    name: Lark-3
    aliases: [Lark No. 3]
    roles: [satellite]
    dated: 2024-03-10
  - id: program:lark-4
    name: Lark-4
    roles: [satellite]
    dated: 2025-03-09
  - id: program:kestrel-9
    name: Kestrel-9
    roles: [ballistic missile]
    dated: [2023-04-13, 2023-07-12, 2023-12-18]
  - id: program:harbor-review
    name: Harbor Posture Review
    roles: [review]
    dated: 2023-11-27
"""


def write(directory: Path, exercises: str = EXERCISES) -> Path:
    """The calendar's gazetteer files in `directory` (another exercises file, to test a
    broken one)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "countries.yaml").write_text(COUNTRIES)
    (directory / "organizations.yaml").write_text(ORGS)
    (directory / "forums.yaml").write_text(FORUMS)
    (directory / "exercises.yaml").write_text(exercises)
    (directory / "programs.yaml").write_text(PROGRAMS)
    return directory
