"""Readers for plain text / Markdown and for HTML sources.

HTML is kept as decoded source (``media_type="text/html"``); the pipeline's ``clean`` stage
extracts the main text. Here we only take metadata: title, publication date and canonical URL.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml import etree

from carewatch.errors import IntakeError
from carewatch.intake.codes import fail
from carewatch.intake.encoding import decode
from carewatch.intake.record import Record, clean_str, iso_date

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I)
_TITLE_KEYS = ("og:title", "twitter:title", "dc.title")
_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "pubdate",
              "publishdate", "date", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date")
_URL_KEYS = ("og:url",)


def _looks_binary(raw: bytes) -> bool:
    """Many NUL or C0 control bytes in the head: not text in any encoding we accept."""
    head = raw[:8192]
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return ctrl > len(head) * 0.1


def decode_text(raw: bytes) -> tuple[str, str]:
    """Decode text bytes, telling binary content (CW202) from an unknown encoding (CW211)."""
    try:
        text, enc = decode(raw)
    except IntakeError:
        if _looks_binary(raw):
            fail("CW202", "the bytes are not text in any encoding")
        raise
    if not text.strip():
        fail("CW201", "only whitespace")
    return text, enc


def read_text(raw: bytes) -> list[Record]:
    """A plain text or Markdown file is one record."""
    text, enc = decode_text(raw)
    return [Record(text=text, encoding=enc)]


def _declared_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _decode_html(raw: bytes) -> tuple[str, str]:
    """Valid UTF-8 first, then a declared ``<meta charset>`` that fits the bytes, else detect.

    Multi-byte UTF-8 that validates is a stronger sign than a copied-over declaration.
    """
    try:
        return raw.decode("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(raw)
    if declared and declared not in {"utf-16", "utf-32"}:
        try:
            return raw.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(raw)


def _meta_values(tree: Any) -> dict[str, str]:
    """Lower-cased meta property/name/itemprop → content, first occurrence wins."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content and key.lower() not in found:
            found[key.lower()] = content
    return found


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[k] for k in keys if k in meta), None)


def _metadata(text: str) -> tuple[str | None, str | None, str | None]:
    """(title, published, url) from the HTML head; missing ones are None."""
    try:
        tree = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None, None, None
    meta = _meta_values(tree)
    title = clean_str(_first(meta, _TITLE_KEYS) or tree.findtext(".//title"), 500)
    published = iso_date(_first(meta, _DATE_KEYS))
    if published is None:
        times = tree.xpath("//time[@datetime]/@datetime")
        published = iso_date(str(times[0])) if times else None
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    url = clean_str(_first(meta, _URL_KEYS) or (str(canonical[0]) if canonical else None))
    return title, published, url


def read_html(raw: bytes) -> list[Record]:
    """An HTML page is one record holding its source, with head metadata filled in."""
    text, enc = _decode_html(raw)
    if not text.strip():
        fail("CW201", "only whitespace")
    title, published, url = _metadata(text)
    return [Record(text=text, media_type="text/html", title=title, url=url, published=published,
                   encoding=enc)]
