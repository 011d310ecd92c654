"""Word files (.docx): paragraphs (and table rows) in order; title, author and dates from
the core properties, which Word fills in itself (the title only when someone set it, so
the first lines still decide when it is empty). The creation date is only a fallback: a
readout is often written in a template made long before."""

from __future__ import annotations

import io
import zipfile

from bot.kb.formats.base import Extracted, Unreadable, clean_lines


def read(data: bytes, name: str) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Unreadable(f"not a readable Word file ({type(exc).__name__})") from None
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):  # a table: one line per row, cells separated
            for row in block.rows:
                cells = list(dict.fromkeys(c.text.strip() for c in row.cells if c.text.strip()))
                if cells:
                    blocks.append(" | ".join(cells))
        elif block.text.strip():
            blocks.append(" ".join(block.text.split()))
    if not blocks:
        raise Unreadable("Word file with no text")
    props = document.core_properties
    out = Extracted(text=clean_lines("\n\n".join(blocks)), format="docx")
    out.title = " ".join((props.title or "").split()) or None
    out.author = " ".join((props.author or "").split()) or None
    when = props.created or props.modified
    if when is not None:
        out.fallback_date, out.fallback_note = when.date(), "the Word file's creation date (core properties)"
    return out
