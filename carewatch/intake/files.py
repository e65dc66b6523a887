"""Read one input file's bytes into the records (reports) it holds.

Pure functions over bytes: no database, no disk writes. Preservation of the bytes is the
caller's job (see ``preserve``); this module only decodes.
"""

from __future__ import annotations

from dataclasses import dataclass

from charset_normalizer import from_bytes

from carewatch.errors import IntakeError


@dataclass
class Record:
    """One report's worth of content found in an input file."""

    text: str
    media_type: str = "text/plain"
    title: str | None = None
    url: str | None = None
    published: str | None = None
    encoding: str | None = None
    part: int = 0


def decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; returns (text, encoding)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is None:
        raise IntakeError("could not detect the text encoding", code="CW211",
                          hint="convert the file to UTF-8 and run `carewatch reprocess --failed`")
    return str(best), best.encoding


def read_bytes(raw: bytes, *, name: str) -> list[Record]:
    """Records in a file called ``name`` with content ``raw`` (placeholder: plain text only)."""
    text, enc = decode(raw)
    return [Record(text=text, encoding=enc)]
