"""Decide which reader a file goes to, from its extension and its first bytes.

First step of ``intake/files.read_bytes``: strong magic numbers (PDF, ZIP, OLE, images,
executables) win over the extension, so a PDF saved as ``.txt`` is still read as a PDF and a
PNG renamed ``.txt`` is refused as binary instead of being decoded into garbage.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from carewatch.intake.codes import fail

EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf", ".docx": "docx", ".eml": "eml",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
}
_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"MZ", b"\x1f\x8b", b"7z\xbc\xaf",
    b"Rar!", b"BZh", b"\xfd7zXZ", b"RIFF", b"OggS", b"ID3", b"fLaC", b"\x00\x00\x01\x00",
    b"SQLite format 3", b"II*\x00", b"MM\x00*",
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_MAIL_HEADER = re.compile(rb"^(?:From|To|Subject|Date|Received|Return-Path|MIME-Version|Message-ID):", re.I)


def extension(name: str) -> str:
    """Lower-cased last suffix of ``name`` ("" when there is none)."""
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def _by_magic(head: bytes, ext: str) -> str | None:
    """Kind from unmistakable leading bytes, or None; refuses binaries outright."""
    if head.startswith(b"%PDF-") or (b"%PDF-" in head[:1024] and ext == ".pdf"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"  # the docx reader refuses ZIPs that are not Word documents
    if head.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in head or ext == ".docx":
            fail("CW204", "an encrypted Office document")
        fail("CW206", "a legacy binary Office file (.doc/.xls); save it as .docx")
    if any(head.startswith(m) for m in _BINARY_MAGIC):
        fail("CW202", "the content is an image, archive, media or executable file")
    return None


def sniff_kind(raw: bytes, name: str) -> str:
    """Reader kind for ``raw`` named ``name``: text, html, pdf, docx, eml, json, jsonl or csv."""
    ext = extension(name)
    head = raw[:8192]
    kind = _by_magic(head, ext)
    if kind is not None:
        return kind
    declared = EXTENSIONS.get(ext)
    if declared in {"pdf", "docx"}:
        fail("CW203", f"a {ext} file without the {declared.upper()} signature")
    if declared == "text" and _HTML.match(head):
        return "html"
    if declared is not None:
        return declared
    if ext:
        fail("CW206", f"{ext!r} files are not read")
    if _HTML.match(head):
        return "html"
    if _MAIL_HEADER.match(head.lstrip()):
        return "eml"
    return "text"
