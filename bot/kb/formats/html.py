"""Saved web pages: the article without navigation, banners, "most read" lists and footers.

trafilatura finds the main text and the page's title, author and site name; htmldate
finds the publication date, first from what the page states about itself (meta tags,
JSON-LD, <time> elements), else from dates in its URL and text, which only count when
the text itself states none.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlparse

from bot.kb.formats.base import Extracted, Unreadable, clean_lines
from bot.kb.formats.plain import decode

MIN_WORDS = 25


def _date(html: str, url: str | None, extensive: bool) -> date | None:
    import htmldate

    try:
        found = htmldate.find_date(html, extensive_search=extensive, original_date=True, url=url)
    except Exception:  # htmldate on a malformed page: no date rather than no document
        return None
    try:
        return date.fromisoformat(found) if found else None
    except ValueError:
        return None


def from_html(html: str, url: str | None = None, fmt: str = "html") -> Extracted:
    """The article in an HTML string; Unreadable when the page has no article text."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    # With no article, trafilatura falls back to whatever text the page has (menus, a
    # cookie line): a page with fewer words than a short news item has no article.
    if len(body.split()) < MIN_WORDS:
        raise Unreadable("no article text found in the page")
    title = " ".join((doc.title or "").split()) or None
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    if title and paragraphs and paragraphs[0].strip().lower() != title.lower():
        paragraphs.insert(0, title)
    page_url = doc.url or url
    out = Extracted(
        text=clean_lines("\n\n".join(paragraphs)), format=fmt, title=title,
        author=" ".join((doc.author or "").split()) or None,
        source=doc.sitename or (urlparse(page_url).hostname if page_url else None),
        url=page_url,
    )
    if stated := _date(html, url, extensive=False):
        out.date, out.date_note = stated, "stated in the page's metadata (meta tags, JSON-LD, <time> or a date element)"
    elif found := _date(html, url, extensive=True):
        out.fallback_date, out.fallback_note = found, "found in the page's URL or text by htmldate"
    return out


def read(data: bytes, name: str, url: str | None = None) -> Extracted:
    text, _ = decode(data)
    return from_html(text, url=url)
