"""An `Extracted` file through the document pipeline: passages, furniture, metadata, date.

The pipeline reads what the text says about itself (front matter, header lines, date
lines, datelines, bylines); the file's own metadata is then laid over it: a title, source
or author the file states wins, a stated date wins over the text's, and a fallback date
(when the file was made) is used only where the text states none and the pipeline would
otherwise have to infer one.
"""

from __future__ import annotations

from bot.kb.formats.base import Extracted


def to_document(doc_id: str, ex: Extracted, gazetteer=None):
    from bot.kb.documents import read_document

    doc = read_document(doc_id, ex.text, gazetteer)
    doc.title = ex.title or doc.title
    doc.source = ex.source or doc.source
    doc.byline = ex.author or doc.byline
    doc.url = ex.url or doc.url
    if ex.date is not None:
        doc.date, doc.date_note, doc.date_inferred, doc.date_precision = ex.date, ex.date_note, False, "day"
    elif doc.date_inferred and ex.fallback_date is not None:
        doc.date, doc.date_precision = ex.fallback_date, "day"
        doc.date_note = f"{ex.fallback_note} (the text states no date)"
    if doc.date is not None:
        doc.month_day = None
    for start, end, reason in ex.furniture:
        for p in doc.passages:
            if start <= p.start and p.end <= end and not p.furniture:
                p.furniture, p.furniture_reason = True, reason
    doc.encoding = ex.encoding
    return doc
