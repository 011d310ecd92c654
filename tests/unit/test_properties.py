"""Whatever a user types, every command answers or explains: never a crash, never a broken message."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block

import commands
from bot.slack import blocks as render
from commands.errors import UsageError
from commands.results import Result
from tests import golden_facts
from tests.context import ctx

PIECES = [
    "since:", "until:", "page:", "since:2024", "until:2023-02", "2024", "2024-13", "2024-02-30",
    "2023-07-16", "0000", "9999-99", "page:0", "page:999999", '"', "\u201c", "<@U123>", "<#C1|general>",
    "<https://x.org|link>", "&amp;", "2+2", "F-35", "paparo", "papparo", "kihara minoru", "valiant sheild",
    "indopacom", "Indo-Pacific", "U.S.", "Japan's", "who", "the", "*", "_", "`", "OR", "AND", "NOT", "NEAR",
    "(", ")", "-", ":", "'", "\\", "%", "\u00e9", "\u6771\u4eac", "\U0001f680", "\x00", "\t", "\n",
    "help", "meetings", "last", "this", "next", "2024-W22", "2024-W99", "a" * 300,
]

text_strategy = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=8).map("".join),
)


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    db = golden_facts.build(tmp_path_factory.mktemp("props") / "fixture.db")
    yield db
    db.close()


def check(payload: dict) -> None:
    assert len(payload["blocks"]) <= 50 and len(payload["text"]) < 4000
    for block in Block.parse_all(payload["blocks"]):
        block.to_dict()


@pytest.mark.parametrize("command", commands.COMMANDS, ids=lambda c: c.name)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=text_strategy)
def test_any_text_is_answered_or_explained(small_db, command, text):
    module = command.module
    try:
        query = module.parse(text)
    except UsageError as exc:
        assert exc.message
        check(render.usage_blocks(exc))
        return
    try:
        result = module.run(query, ctx(small_db).as_user("U0PROPS"))  # /follow is per user
    except UsageError as exc:
        assert exc.message
        return
    assert isinstance(result, Result)
    check(render.to_blocks(result))
    assert isinstance(render.to_text(result), str)


@settings(max_examples=200, deadline=None)
@given(line=text_strategy)
def test_split_routes_or_explains(line):
    try:
        command, rest = commands.split("/" + line)
    except UsageError as exc:
        assert exc.hint
        return
    assert command in commands.COMMANDS
    assert isinstance(rest, str)
