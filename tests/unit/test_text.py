"""The one text-cleaning module: what a reader sees of a document's markdown, whole or in
pieces, and of Slack's markup."""

from __future__ import annotations

import pytest

from bot.kb.text import excerpt_to_plain, markdown_to_plain, plain_view, slack_to_plain


@pytest.mark.parametrize("piece, plain", [
    ("The [ministers](https://example.org/a) met in **Tokyo**.", "The ministers met in Tokyo."),
    # a sentence's edges may cut a link or a bold run in two
    ("ministers](https://example.org/a) met", "ministers met"),
    ("met in **Tokyo.", "met in Tokyo."),
    ("- a bullet item", "a bullet item"),
    ("costs \\$5 and \\#3", "costs $5 and #3"),
    ("  spread\n over   lines ", "spread over lines"),
])
def test_a_piece_of_a_document_reads_as_plain_words(piece, plain):
    assert excerpt_to_plain(piece) == plain


@pytest.mark.parametrize("text", [
    "The [ministers](https://example.org/a) met in **Tokyo**.",
    "a \\$5 __fee__ [sic]",
])
def test_the_plain_view_keeps_every_offset(text):
    view = plain_view(text)
    assert len(view) == len(text)
    assert "**" not in view and "](" not in view and "[" not in view
    # what is left is the text's own words, at their places
    assert all(v == t for v, t in zip(view, text, strict=True) if v != " ")


def test_documents_and_slack_reduce_to_the_same_words():
    assert markdown_to_plain("[Kihara](https://x) **met**") == "Kihara met"
    assert slack_to_plain("<https://x|Kihara> met &amp; left") == "Kihara met & left"
