"""The layers point one way: knowledge base <- digest building <- commands <- renderer <-
outbox and Slack listeners <- CLI. A module may import its own layer and the ones below it.

Every import counts, including those inside functions (a lazy import is still a dependency,
and hiding a cycle in a function is what this test exists to stop).
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Lowest first. A module belongs to the longest prefix listed; "bot" alone is the base
# (config, settings, context) that every layer may use.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("bot", "bot.config", "bot.settings", "bot.context"),
    ("bot.kb",),
    ("bot.digest.build", "bot.digest.headlines", "bot.digest.trends"),
    ("commands",),
    ("bot.slack.blocks", "bot.slack.client"),
    ("bot.digest",),  # outbox, scheduler: post rendered digests
    ("bot.slack",),  # listeners, app, serve, manifest
    ("bot.cli",),
)
# No Slack below the renderer: the knowledge layer, the digest builder and commands are pure.
SLACK_FREE = ("bot.kb", "bot.digest.build", "bot.digest.headlines", "bot.digest.trends", "commands",
              "bot.config", "bot.settings", "bot.context")
SLACK_PACKAGES = ("slack_sdk", "slack_bolt")


def layer_of(module: str) -> int | None:
    best, rank = -1, None
    for i, prefixes in enumerate(LAYERS):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > best:
                best, rank = len(p), i
    return rank


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = importlib.util.resolve_name("." * node.level + base, package)
            found.append((node.lineno, base))
            # "from bot.kb import search" imports bot.kb.search
            found += [(node.lineno, f"{base}.{a.name}") for a in node.names
                      if (ROOT / Path(*f"{base}.{a.name}".split("."))).with_suffix(".py").exists()
                      or (ROOT / Path(*f"{base}.{a.name}".split("."))).is_dir()]
    return found


SOURCES = sorted(p for d in ("bot", "commands") for p in (ROOT / d).rglob("*.py"))


def wrong_imports(path: Path) -> list[str]:
    me = module_name(path)
    mine = layer_of(me)
    wrong = []
    for line, target in imports(path):
        if any(me.startswith(p) for p in SLACK_FREE) and target.split(".")[0] in SLACK_PACKAGES:
            wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target} (no Slack below the renderer)")
        theirs = layer_of(target)
        if mine is not None and theirs is not None and theirs > mine:
            wrong.append(f"{path.relative_to(ROOT)}:{line} {me} imports {target}, a higher layer")
    return wrong


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_down(path):
    assert wrong_imports(path) == []


def test_the_check_catches_a_wrong_direction_import(tmp_path, monkeypatch):
    """The rule itself: a knowledge-layer module importing a command, even lazily, fails."""
    bad = ROOT / "bot" / "kb" / "_layer_probe.py"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: (
        "def f():\n    from commands import meetings\n    import slack_sdk\n" if self == bad
        else Path.read_bytes(self).decode(encoding or "utf-8")))
    problems = wrong_imports(bad)
    assert any("commands" in p and "higher layer" in p for p in problems)
    assert any("slack_sdk" in p for p in problems)


def test_every_module_has_a_layer():
    assert [module_name(p) for p in SOURCES if layer_of(module_name(p)) is None] == []
