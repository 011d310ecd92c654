"""E-mail newsletters (.eml): the body, the Subject as title, the Date header as its date.

The plain-text part is the newsletter as its sender wrote it; a message with only HTML
goes through the web-page reader. Everything from the unsubscribe / "you are receiving
this" footer on is the mailing list's furniture: kept in the text (offsets stay true) but
flagged, so it never becomes a fact or a quote.
"""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from bot.kb.formats.base import Extracted, Unreadable, clean_lines

_FOOTER = re.compile(
    r"^.*(?:\bunsubscribe\b|manage (?:your )?(?:subscription|preferences|email)|update your preferences|"
    r"you (?:are|were) receiving this|you received this (?:e-?mail|message)|opt[ -]out|"
    r"view (?:this e-?mail )?in (?:your |a )?browser|forward(?:ed)? to a friend|"
    r"no longer wish to receive).*$",
    re.I | re.M,
)
_SIGNATURE = re.compile(r"^-- ?$", re.M)


def footer_start(text: str) -> int | None:
    """Where the list footer begins: the first footer line in the last third of the text."""
    third = len(text) * 2 // 3
    for m in _FOOTER.finditer(text):
        if m.start() >= third:
            sig = [s.start() for s in _SIGNATURE.finditer(text, third, m.start())]
            return sig[0] if sig else m.start()
    return None


def read(data: bytes, name: str) -> Extracted:
    msg = BytesParser(policy=policy.default).parsebytes(data)
    if not msg.keys():
        raise Unreadable("not an e-mail message (no headers)")
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise Unreadable("e-mail with no text part")
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError) as exc:
        raise Unreadable(f"e-mail body could not be decoded ({exc})") from None
    if part.get_content_subtype() == "html":
        from bot.kb.formats.html import from_html

        out = from_html(content, fmt="eml")
        out.date = out.fallback_date = None
        out.date_note = out.fallback_note = None
    else:
        if not content.strip():
            raise Unreadable("e-mail with an empty text part")
        out = Extracted(text=clean_lines(content), format="eml")
    subject = " ".join(str(msg.get("subject") or "").split())
    if subject:
        out.title = subject
        if not out.text.lstrip().lower().startswith(subject.lower()):
            out.text = f"{subject}\n\n{out.text}"
    senders = getaddresses([str(msg.get("from") or "")])
    if senders:
        display, address = senders[0]
        out.source = display or address or out.source
        out.author = out.author or None
    try:
        sent = parsedate_to_datetime(str(msg.get("date"))) if msg.get("date") else None
    except (TypeError, ValueError):
        sent = None
    if sent is not None:
        out.date, out.date_note = sent.date(), "the e-mail's Date header"
    if (at := footer_start(out.text)) is not None:
        out.furniture.append((at, len(out.text), "e-mail footer (unsubscribe)"))
    return out
