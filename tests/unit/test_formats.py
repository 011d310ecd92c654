"""Each file type loads with the date its own metadata gives and yields its events.

The documents are made here (tests/makedocs.py) from short texts written for the tests.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.kb import loader
from bot.kb.db import open_db
from bot.kb.formats import Unreadable, read_bytes
from bot.kb.formats.frontmatter import split_front_matter
from bot.kb.formats.markdown import to_plain
from bot.kb.formats.pdf import rejoin
from tests import makedocs
from tests.context import CONFIG

MEETING = ("Defense Minister Minoru Kihara met Secretary of Defense Lloyd Austin in Tokyo on "
           "July 28 and agreed to upgrade U.S. Forces Japan into a joint force headquarters.")
FILLER = ("The two ministers also reviewed progress on the co-production of air defense "
          "missiles and the stationing of new units in the southwest islands.")


def _md() -> bytes:
    return (
        b"---\ntitle: \"**Analyst** notes: the 2+2\"\ndate: 2026-09-02\nsource: Team notes\n"
        b"url: https://notes.example.org/2plus2\n---\n# Analyst notes: the *2+2*\n\n"
        b"> Defense Minister **Kihara** met [Secretary Austin](https://example.org/austin) in Tokyo "
        b"on September 1 to prepare the 2+2.\n"
    )


CASES = {
    # name: (file name, bytes, title, date, how the date was found, a fact's date)
    "html": ("kihara-austin.html",
             makedocs.html_page("Kihara and Austin meet in Tokyo", [MEETING, FILLER],
                                published="2024-07-29T09:00:00+09:00", author="Hana Reporter"),
             "Kihara and Austin meet in Tokyo", date(2024, 7, 29), "page's metadata", "2024-07-28"),
    "pdf": ("scc-statement.pdf",
            makedocs.pdf_bytes(["Joint Statement of the Defense Ministers", "July 29, 2024", MEETING,
                                FILLER], title="Joint Statement of the Defense Ministers",
                               created=datetime(2024, 8, 2, tzinfo=UTC),
                               running_head="U.S.-Japan Statement", pages_of_filler=2),
            "Joint Statement of the Defense Ministers", date(2024, 7, 29), "near the top", "2024-07-28"),
    "eml": ("digest.eml",
            makedocs.eml_bytes("Alliance Watch: Kihara meets Austin", datetime(2024, 7, 30, 8, tzinfo=UTC),
                               plain=f"{MEETING}\n\n{FILLER}\n\n--\nYou are receiving this because you "
                                     "subscribed. Unsubscribe: https://alliance-watch.example/u\n"),
            "Alliance Watch: Kihara meets Austin", date(2024, 7, 30), "Date header", "2024-07-28"),
    "eml-html-only": ("digest-html.eml",
                      makedocs.eml_bytes("Alliance Watch weekly", datetime(2024, 7, 31, tzinfo=UTC),
                                         html="<html><body><article><h1>Weekly</h1>"
                                              f"<p>{MEETING}</p><p>{FILLER}</p></article></body></html>"),
                      "Alliance Watch weekly", date(2024, 7, 31), "Date header", "2024-07-28"),
    "docx": ("readout.docx",
             makedocs.docx_bytes([MEETING, FILLER], heading="Readout of the ministers' meeting",
                                 title="Readout: Kihara-Austin", created=datetime(2024, 7, 28, 12),
                                 author="Desk officer"),
             "Readout: Kihara-Austin", date(2024, 7, 28), "creation date", "2024-07-28"),
    "md": ("notes/2plus2.md", _md(), "Analyst notes: the 2+2", date(2026, 9, 2), "front matter",
           "2026-09-01"),
}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    for name, data, *_ in CASES.values():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / "sub" / "deeper" / "budget.xlsx").write_bytes(b"PK\x03\x04 spreadsheet")
    (folder / "scan.pdf").write_bytes(makedocs.scanned_pdf_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage")
    (folder / "nothing.html").write_bytes(b"<html><body><nav>Home | About</nav></body></html>")
    (folder / "no-text.eml").write_bytes(makedocs.eml_bytes("Picture", datetime(2024, 1, 1, tzinfo=UTC)))
    db_path = folder.parent / "formats.db"
    summary = loader.load(folder, db_path, CONFIG, progress=False)
    db = open_db(db_path)
    yield summary, db
    db.close()


@pytest.mark.parametrize("case", list(CASES))
def test_each_format_loads_with_its_own_date_and_yields_its_event(loaded, case):
    summary, db = loaded
    name, _, title, when, how, fact_date = CASES[case]
    assert name in summary.loaded
    doc = db["documents"].get(name)
    assert doc["title"] == title
    assert doc["date"] == when.isoformat(), doc["date_note"]
    assert how in doc["date_note"]
    facts = [f for f in db["facts"].rows if name in f["sources"]]
    assert any(f["kind"] == "meeting" and f["date_start"] == fact_date for f in facts), facts
    # Offsets point into the text the passages were cut from.
    for p in db.query("select start, \"end\", text from passages where doc_id = ?", [name]):
        assert doc["text"][p["start"]:p["end"]] == p["text"]


def test_markup_never_reaches_titles_quotes_or_summaries(loaded):
    _, db = loaded
    doc = db["documents"].get("notes/2plus2.md")
    assert doc["source"] == "Team notes" and doc["url"] == "https://notes.example.org/2plus2"
    front = list(db.query("select furniture_reason from passages where doc_id = ? and text like 'title:%'",
                          ["notes/2plus2.md"]))
    assert front and all(r["furniture_reason"] == "front matter" for r in front), "kept, but not content"
    for f in db.query("select title, summary, quote from facts where doc_id = ?", ["notes/2plus2.md"]):
        assert not any(mark in " ".join(f.values()) for mark in ("**", "](", "# ", "> "))


@pytest.mark.parametrize("name, reason", [
    ("sub/deeper/budget.xlsx", "unsupported type .xlsx"),
    ("scan.pdf", "scanned PDF with no text layer"),
    ("broken.pdf", "not a readable PDF"),
    ("nothing.html", "no article text"),
    ("no-text.eml", "no text part"),
])
def test_bad_files_are_named_with_their_reason(loaded, name, reason):
    summary, db = loaded
    reasons = dict(summary.skipped)
    assert reason in reasons[name]
    assert db["documents"].count == len(CASES), "the rest loaded"


def test_the_footer_of_a_newsletter_is_furniture(loaded):
    _, db = loaded
    rows = list(db.query("select text, furniture, furniture_reason from passages where doc_id = 'digest.eml'"))
    footer = [r for r in rows if "Unsubscribe" in r["text"]]
    assert footer and all(r["furniture"] for r in footer)
    assert not any(r["furniture"] for r in rows if "Kihara" in r["text"])


def test_html_text_leaves_out_navigation_cookies_most_read_and_footer(loaded):
    _, db = loaded
    text = db["documents"].get("kihara-austin.html")["text"]
    for junk in ("Politics", "cookies", "noodle bar", "All rights reserved"):
        assert junk not in text
    doc = db["documents"].get("kihara-austin.html")
    assert doc["source"] == "Alliance Times" and doc["byline"] == "Hana Reporter"


def test_pdf_lines_are_rejoined_and_running_heads_dropped(loaded):
    _, db = loaded
    text = db["documents"].get("scc-statement.pdf")["text"]
    assert MEETING in text, "the wrapped sentence reads as one"
    assert "U.S.-Japan Statement" not in text


@pytest.mark.parametrize("lines, expected", [
    ([["The ministers agreed to up-", "grade the command. They met", "again in May."]],
     "The ministers agreed to upgrade the command. They met again in May."),
    ([["The talks covered", "missile co-production"], ["and space cooperation."]],
     "The talks covered missile co-production and space cooperation."),
    ([["Joint Statement", "", "1. First item.", "2. Second item."]],
     "Joint Statement\n\n1. First item.\n\n2. Second item."),
    ([["U.S.-", "Japan relations deepened."]], "U.S.-Japan relations deepened."),
])
def test_pdf_rejoin(lines, expected):
    assert rejoin(lines) == expected


@pytest.mark.parametrize("text, fields, rest", [
    ("---\ntitle: A\ndate: 2026-09-02\n---\nBody", {"title": "A", "date": date(2026, 9, 2)}, "Body"),
    ("---\n\nBody after a rule\n---\nMore", {}, "---\n\nBody after a rule\n---\nMore"),
    ("No front matter\n---\n", {}, "No front matter\n---\n"),
    ("---\n: [broken\n---\nBody", {}, "---\n: [broken\n---\nBody"),
])
def test_front_matter(text, fields, rest):
    assert split_front_matter(text) == (fields, rest)


@pytest.mark.parametrize("markdown, plain", [
    ("# Title *here*", "Title here"),
    ("**Bold** and _it_ and `code`", "Bold and it and code"),
    ("See [the statement](https://x.org/a_(b)) ![img](p.png)", "See the statement"),
    ("* item\n+ other", "- item\n- other"),
    ("> quoted **words**", "quoted words"),
    ("snake_case_name stays", "snake_case_name stays"),
])
def test_markdown_to_plain(markdown, plain):
    assert to_plain(markdown)[0] == plain


def test_unsupported_and_empty_files_raise_with_a_reason():
    with pytest.raises(Unreadable, match="unsupported type .xlsx"):
        read_bytes(b"data", "a.xlsx")
    with pytest.raises(Unreadable, match="empty"):
        read_bytes(b"  ", "a.pdf")


def test_the_summary_line_names_what_was_skipped_and_why(loaded):
    summary, _ = loaded
    line = summary.line()
    assert "skipped 5 (" in line
    assert "sub/deeper/budget.xlsx: unsupported type .xlsx" in line
