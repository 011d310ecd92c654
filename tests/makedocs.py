"""Documents of every supported type, made in the tests from short texts written for them.

Never from real-dev texts (third-party): each maker takes the test's own paragraphs and
writes the file the way the producing software would (fpdf2 wraps PDF lines where the page
is full, python-docx sets core properties, the e-mail package builds MIME parts).
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime


def pdf_bytes(paragraphs: list[str], *, title: str | None = None, created: datetime | None = None,
              running_head: str | None = None, pages_of_filler: int = 0) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    if title:
        pdf.set_title(title)
    if created:
        pdf.set_creation_date(created)
    if running_head:
        head = running_head

        class WithHead(FPDF):
            def header(self):
                self.set_font("Helvetica", size=8)
                self.cell(0, 8, head)
                self.ln(10)

            def footer(self):
                self.set_y(-15)
                self.set_font("Helvetica", size=8)
                self.cell(0, 10, str(self.page_no()), align="C")

        pdf = WithHead(format="A4")
        if title:
            pdf.set_title(title)
        if created:
            pdf.set_creation_date(created)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for para in paragraphs:
        pdf.multi_cell(0, 6, para)
        pdf.ln(4)
    for i in range(pages_of_filler):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Annex {i + 1}. " + "The working group reviewed the schedule. " * 60)
    return bytes(pdf.output())


def scanned_pdf_bytes() -> bytes:
    """A page with only a drawing on it: what a scanner without OCR produces."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def docx_bytes(paragraphs: list[str], *, title: str | None = None, created: datetime | None = None,
               author: str | None = None, heading: str | None = None) -> bytes:
    import io

    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for para in paragraphs:
        document.add_paragraph(para)
    props = document.core_properties
    if title:
        props.title = title
    if author:
        props.author = author
    if created:
        props.created = created
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def eml_bytes(subject: str, sent: datetime, *, plain: str | None = None, html: str | None = None,
              sender: str = "Alliance Watch <digest@alliance-watch.example>") -> bytes:
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = "team@example.org"
    msg["Date"] = format_datetime(sent)
    if plain is not None:
        msg.set_content(plain)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    elif html is not None:
        msg.set_content(html, subtype="html")
    else:
        msg.set_content(b"\x89PNG....", maintype="image", subtype="png")
    return bytes(msg)


def html_page(title: str, paragraphs: list[str], *, published: str | None = None,
              site: str = "Alliance Times", author: str | None = None) -> bytes:
    ld = (f'<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",'
          f'"headline":"{title}","datePublished":"{published}"}}</script>') if published else ""
    meta_author = f'<meta name="author" content="{author}">' if author else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">{meta_author}{ld}</head><body>
<header><nav><a href="/">Home</a> | <a href="/politics">Politics</a> | <a href="/world">World</a> |
<a href="/opinion">Opinion</a></nav></header>
<div id="cookie-consent">This site uses cookies. <button>Accept all cookies</button></div>
<main><article><h1>{title}</h1>{body}</article></main>
<aside class="most-read"><h2>Most read</h2><ol><li><a href="/x">Celebrity chef opens a new noodle bar in Osaka</a></li>
<li><a href="/y">Stock markets close higher on Friday</a></li></ol></aside>
<footer><p>Copyright 2026 {site}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>""".encode()
