"""Stable error codes of the file intake, with the message and hint a user sees.

Every reader raises through :func:`fail`, so a code always comes with the same hint; the
table is mirrored in ``docs/intake-errors.md``. Sits under ``intake/files.py`` in the flow.

=======  ==========================================================================
code     meaning
=======  ==========================================================================
CW201    the file is empty (no bytes, or only whitespace / a BOM)
CW202    binary content, not a document we read (image, executable, archive...)
CW203    truncated or corrupt PDF / DOCX / ZIP container, or an e-mail we cannot parse
CW204    password-protected (encrypted) document
CW205    the file is larger than the configured ``max_bytes`` (checked before parsing)
CW206    unsupported file extension
CW207    the document holds no text (e.g. a scanned PDF without a text layer)
CW208    malformed JSON / JSONL / CSV, or no usable text column / field in it
CW209    the container expands past safe limits (zip bomb, too many parts)
CW211    the text encoding could not be determined
=======  ==========================================================================
"""

from __future__ import annotations

from typing import NoReturn

from carewatch.errors import IntakeError

REPROCESS = "then run `carewatch reprocess --failed`"

CODES: dict[str, tuple[str, str]] = {
    "CW201": ("the file is empty", "check the export or download that produced it and supply it again"),
    "CW202": ("binary content, not a document carewatch reads",
              "supply the report as text, HTML, PDF, DOCX, e-mail, JSON or CSV"),
    "CW203": ("the document is truncated or corrupt",
              f"download or export it again, open it once to check it is whole, {REPROCESS}"),
    "CW204": ("the document is password-protected",
              f"supply the password or save a decrypted copy, {REPROCESS}"),
    "CW205": ("the file is larger than the size limit",
              "split the file, or raise the limit (max_bytes) if the input is trusted"),
    "CW206": ("unsupported file type",
              "convert it to .txt, .md, .html, .pdf, .docx, .eml, .json, .jsonl or .csv"),
    "CW207": ("no text found in the document",
              f"if it is a scan or photo, run OCR on it first (e.g. ocrmypdf), {REPROCESS}"),
    "CW208": ("malformed structured data (JSON/CSV)",
              "fix the syntax, or name the text column (csv_columns / --column text=NAME)"),
    "CW209": ("the container expands past safe limits",
              "inspect the file: it may be a decompression bomb; extract its text by hand"),
    "CW211": ("could not detect the text encoding",
              f"convert the file to UTF-8, {REPROCESS}"),
}


def fail(code: str, detail: str = "", *, cause: BaseException | None = None) -> NoReturn:
    """Raise the IntakeError for ``code``, with ``detail`` appended to its standard message."""
    message, hint = CODES[code]
    if detail:
        message = f"{message}: {detail}"
    err = IntakeError(message, code=code, hint=hint)
    if cause is not None:
        raise err from cause
    raise err
