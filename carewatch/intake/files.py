"""Read one input file's bytes into the records (reports) it holds.

The single entry of file intake: :func:`read_bytes` checks the size, picks a reader from the
extension and the content (``sniff``), and returns :class:`Record` objects for the pipeline.
Pure functions over bytes: no database, no disk writes. Preservation of the bytes is the
caller's job (see ``preserve``); this module only decodes. Every failure is an IntakeError with
a stable code (table in ``intake/codes.py`` and ``docs/intake-errors.md``); third-party
exceptions never escape.
"""

from __future__ import annotations

from carewatch.errors import IntakeError
from carewatch.intake.codes import CODES, fail
from carewatch.intake.encoding import decode
from carewatch.intake.formats.docx import read_docx
from carewatch.intake.formats.eml import read_eml
from carewatch.intake.formats.pdf import read_pdf
from carewatch.intake.formats.tabular import read_csv, read_json, read_jsonl
from carewatch.intake.formats.text import read_html, read_text
from carewatch.intake.record import Record
from carewatch.intake.sniff import sniff_kind

__all__ = ["CODES", "Record", "decode", "read_bytes"]

MAX_DEPTH = 3  # e-mails attached to e-mails, at most this deep
_BOMS_ONLY = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _is_empty(raw: bytes) -> bool:
    stripped = raw.strip()
    for bom in _BOMS_ONLY:
        stripped = stripped.removeprefix(bom)
    return not stripped.strip(b"\x00 \t\r\n")


def _dispatch(raw: bytes, name: str, max_bytes: int | None, csv_columns: dict[str, str] | None,
              depth: int) -> list[Record]:
    kind = sniff_kind(raw, name)
    if kind == "text":
        return read_text(raw)
    if kind == "html":
        return read_html(raw)
    if kind == "pdf":
        return read_pdf(raw)
    if kind == "docx":
        return read_docx(raw)
    if kind == "json":
        return read_json(raw)
    if kind == "jsonl":
        return read_jsonl(raw)
    if kind == "csv":
        return read_csv(raw, csv_columns)
    if depth >= MAX_DEPTH:
        fail("CW209", "e-mails nested deeper than we follow")
    return read_eml(raw, lambda data, inner: _read(data, inner, max_bytes, None, depth + 1))


def _read(raw: bytes, name: str, max_bytes: int | None, csv_columns: dict[str, str] | None,
          depth: int) -> list[Record]:
    if max_bytes is not None and len(raw) > max_bytes:
        fail("CW205", f"{len(raw)} bytes, the limit is {max_bytes}")
    if _is_empty(raw):
        fail("CW201", "no content" if not raw else "only whitespace")
    try:
        return _dispatch(raw, name, max_bytes, csv_columns, depth)
    except IntakeError:
        raise
    except RecursionError as exc:
        fail("CW208", "the content is nested too deeply", cause=exc)
    except MemoryError as exc:
        fail("CW209", "the content needs too much memory to read", cause=exc)
    except Exception as exc:  # the last guard: a reader's library failed in an unforeseen way
        fail("CW203", f"the file could not be read ({type(exc).__name__}: {exc})"[:300], cause=exc)


def read_bytes(raw: bytes, *, name: str, max_bytes: int | None = None,
               csv_columns: dict[str, str] | None = None) -> list[Record]:
    """Records in a file called ``name`` with content ``raw``.

    ``max_bytes`` refuses larger inputs before any parsing (CW205); ``csv_columns`` maps
    text/url/title/published to CSV column names when the header names are not recognised.
    Returns at least one record; raises IntakeError (never anything else) otherwise.
    """
    return _read(raw, name, max_bytes, csv_columns, 0)
