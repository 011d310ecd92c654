"""The fact kinds registry: one list the extractor, the CLI and the curation checks share."""

from __future__ import annotations

from bot.config import DIGEST_KINDS
from bot.kb.curation import KINDS as CURATION_KINDS
from bot.kb.extract.kinds import BY_NAME, DETECTION, KINDS, NAMES


def test_every_kind_is_detected_once_and_named_once():
    assert sorted(k.name for k in DETECTION) == sorted(NAMES)
    assert len(set(NAMES)) == len(NAMES) == len(BY_NAME)
    assert all(BY_NAME[k.name] is k for k in KINDS)


def test_the_kinds_curation_and_digests_accept_are_the_extractors():
    assert tuple(CURATION_KINDS) == NAMES
    # bot.config cannot import the knowledge layer; its copy must not drift from the registry
    assert tuple(DIGEST_KINDS) == NAMES


def test_every_kind_has_its_words_once():
    # counts, commands, the calendar filter and digest sections take them from one table
    from bot.digest.trends import COMMAND_WORDS, PLURALS
    assert tuple(PLURALS) == tuple(COMMAND_WORDS) == NAMES
