"""Reader for Word (.docx) files: body paragraphs and tables in document order.

The ZIP container is checked before python-docx sees it, so a decompression bomb or a ZIP
that is not a Word document is refused cheaply (CW209 / CW202).
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table

from carewatch.errors import IntakeError
from carewatch.intake.codes import fail
from carewatch.intake.record import Record, clean_str

MAX_MEMBERS = 2000
MAX_UNPACKED = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_BODY_XML = 48 * 1024 * 1024


def check_zip(raw: bytes) -> None:
    """Refuse corrupt ZIPs (CW203), non-Word ZIPs (CW202) and ones that expand too far (CW209)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        fail("CW203", "the ZIP container is damaged", cause=exc)
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        fail("CW202", "a ZIP archive that is not a Word document")
    unpacked = sum(i.file_size for i in infos)
    body = next(i.file_size for i in infos if i.filename == "word/document.xml")
    too_far = unpacked > min(MAX_UNPACKED, MAX_RATIO * max(len(raw), 64 * 1024))
    if len(infos) > MAX_MEMBERS or body > MAX_BODY_XML or too_far:
        fail("CW209", f"{len(infos)} parts expanding to {unpacked} bytes")


def _table_lines(table: Table) -> list[str]:
    """One line per row, cells separated by tabs; merged cells counted once."""
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def read_docx(raw: bytes) -> list[Record]:
    """The document's paragraphs and table rows, in order, as one record."""
    check_zip(raw)
    try:
        document = docx.Document(io.BytesIO(raw))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.append(block.text)
        title = clean_str(document.core_properties.title, 500)
    except IntakeError:
        raise
    except Exception as exc:  # python-docx/lxml/zipfile errors on damaged parts
        fail("CW203", f"the Word document could not be read ({type(exc).__name__})", cause=exc)
    text = "\n".join(lines)
    if not text.strip():
        fail("CW207", "the Word document has no text in its body")
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return [Record(text=text, media_type=media, title=title)]
