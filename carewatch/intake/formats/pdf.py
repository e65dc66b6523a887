"""Reader for PDF files: the text layer, page by page, with pypdf.

Encrypted PDFs are opened with the empty user password (owner-only protection is common);
anything else needs the password (CW204). A PDF whose pages hold no text is a scan: CW207
tells the user to OCR it, since carewatch does not run OCR itself.
"""

from __future__ import annotations

import io

from pypdf import PasswordType, PdfReader

from carewatch.errors import IntakeError
from carewatch.intake.codes import fail
from carewatch.intake.record import Record, clean_str

MAX_PAGES = 5000
MAX_CHARS = 20_000_000


def _open(raw: bytes) -> PdfReader:
    """A PdfReader ready for text extraction, or IntakeError CW203/CW204."""
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
    except Exception as exc:  # pypdf raises many types on broken files; all mean corrupt
        fail("CW203", f"PDF could not be parsed ({type(exc).__name__})", cause=exc)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as exc:  # unsupported cipher or missing crypto backend
            fail("CW204", f"PDF encryption could not be opened ({type(exc).__name__})", cause=exc)
        if opened == PasswordType.NOT_DECRYPTED:
            fail("CW204", "the PDF needs a password to open")
    return reader


def _pages_text(reader: PdfReader) -> list[str]:
    """Text of each page, bounded in page count and total size."""
    pages: list[str] = []
    total = 0
    for i, page in enumerate(reader.pages):
        if i >= MAX_PAGES or total > MAX_CHARS:
            break
        text = page.extract_text() or ""
        total += len(text)
        pages.append(text)
    return pages


def read_pdf(raw: bytes) -> list[Record]:
    """The PDF's text layer as one record (pages separated by a blank line)."""
    reader = _open(raw)
    try:
        pages = _pages_text(reader)
        title = clean_str(reader.metadata.title if reader.metadata else None, 500)
    except IntakeError:
        raise
    except Exception as exc:  # broken streams surface only while extracting
        fail("CW203", f"PDF content could not be read ({type(exc).__name__})", cause=exc)
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        fail("CW207", f"{len(reader.pages)} page(s) without a text layer")
    notes = [f"only the first {len(pages)} pages were read"] if len(pages) < len(reader.pages) else []
    return [Record(text=text, media_type="application/pdf", title=title, notes=notes)]
