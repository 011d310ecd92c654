"""The fact kinds.

Adding a kind: a module defining `KIND = Kind(...)` (see spec.py), and its place in the two
tuples here.
"""

from __future__ import annotations

from bot.kb.extract import exercise, meeting, space
from bot.kb.extract.spec import Kind

# The order users see them in (help texts, digests, corrections).
KINDS: tuple[Kind, ...] = (meeting.KIND, exercise.KIND, space.KIND)
# The order detectors are tried on a clause: an exercise before a meeting (unless a meeting
# is reported first: exercise.detect asks), space last ("talks on space" are a meeting).
DETECTION: tuple[Kind, ...] = (exercise.KIND, meeting.KIND, space.KIND)
BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
NAMES: tuple[str, ...] = tuple(k.name for k in KINDS)
