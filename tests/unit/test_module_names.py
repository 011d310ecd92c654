"""A module-level name bound twice in one module: the second silently replaces the first for
every rule that used it (a pattern named `_REPORTED_AFTER` was once defined again 700 lines
down, and a rule far from the new one stopped matching)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(p for d in ("bot", "commands") for p in (ROOT / d).rglob("*.py"))


def _bound(tree: ast.Module) -> list[str]:
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names.append(node.target.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_level_name_is_bound_twice(path):
    twice = [n for n, c in Counter(_bound(ast.parse(path.read_text(encoding="utf-8")))).items() if c > 1]
    assert not twice, f"{path.relative_to(ROOT)} binds {twice} more than once"
