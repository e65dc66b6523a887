"""Readers for structured exports: JSON (object or list), JSON Lines and CSV/TSV.

Each item or row with text becomes one Record whose ``part`` is its index in the file.
Field names are matched in uk/ru/en (``text``, ``content``, ``body``, ``текст``...); a CSV can
name its columns explicitly through ``csv_columns``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from carewatch.intake.codes import fail
from carewatch.intake.formats.text import decode_text
from carewatch.intake.record import Record, clean_str, iso_date

FIELDS = ("text", "url", "title", "published")
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "full_text", "fulltext", "message", "article", "description",
             "текст", "зміст", "содержание", "повідомлення", "сообщение", "опис", "описание"),
    "url": ("url", "link", "href", "source_url", "permalink", "посилання", "ссылка", "адреса", "адрес"),
    "title": ("title", "headline", "subject", "name", "заголовок", "назва", "название", "тема"),
    "published": ("published", "published_at", "date", "datetime", "pubdate", "publish_date",
                  "created_at", "дата", "дата публікації", "дата публикации", "опубліковано",
                  "опубликовано"),
}
SNIFF_BYTES = 64 * 1024
# Keys under which exports nest their list of items (Telegram Desktop uses "messages").
CONTAINERS = ("messages", "items", "records", "data", "results", "posts", "articles", "reports")


def _norm(name: str) -> str:
    return " ".join(name.strip().lower().replace("_", " ").split())


def _pick(keys: Iterable[str], field: str) -> str | None:
    """The first of ``keys`` that names ``field`` in any of our languages."""
    by_norm = {_norm(k): k for k in keys}
    return next((by_norm[_norm(a)] for a in ALIASES[field] if _norm(a) in by_norm), None)


def _flatten(value: Any) -> str | None:
    """Text of a field: a string, or a list of strings / {"text": ...} runs (Telegram exports)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        runs = [v if isinstance(v, str) else v.get("text") if isinstance(v, dict) else None for v in value]
        return "".join(r for r in runs if isinstance(r, str))
    return None


def _record(item: dict[str, Any], part: int, cols: dict[str, str | None], media: str) -> Record | None:
    """A Record from one mapping, or None when it has no text."""
    text = _flatten(item.get(cols["text"])) if cols["text"] else None
    if not text or not text.strip():
        return None
    def get(f: str) -> Any:
        key = cols[f]
        return item.get(key) if key else None
    return Record(text=text, media_type=media, part=part, url=clean_str(get("url")),
                  title=clean_str(get("title"), 500), published=iso_date(get("published")))


def _from_items(items: list[Any], enc: str, media: str, what: str) -> list[Record]:
    """Records of every object in ``items`` that has text; CW208 when none has."""
    records: list[Record] = []
    skipped = 0
    for i, item in enumerate(items):
        rec = None
        if isinstance(item, dict):
            cols = {f: _pick(item.keys(), f) for f in FIELDS}
            rec = _record(item, i, cols, media)
        if rec is None:
            skipped += 1
            continue
        rec.encoding = enc
        records.append(rec)
    if not records:
        fail("CW208", f"no {what} has a text field (text, content, body, текст...)")
    if skipped:
        records[0].notes.append(f"{skipped} {what}(s) without text were skipped")
    return records


def _loads(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError as exc:
        fail("CW208", f"{where}: nested too deeply", cause=exc)
    except ValueError as exc:
        fail("CW208", f"{where}: {exc}", cause=exc)


def read_json(raw: bytes) -> list[Record]:
    """A JSON object (one report) or list of objects; falls back to JSON Lines."""
    text, enc = decode_text(raw)
    try:
        data = json.loads(text)
    except RecursionError as exc:
        fail("CW208", "JSON nested too deeply", cause=exc)
    except ValueError as exc:
        if "Extra data" in str(exc):
            return read_jsonl(raw)
        fail("CW208", f"invalid JSON: {exc}", cause=exc)
    return _from_items(_items(data), enc, "text/plain", "JSON item")


def _items(data: Any) -> list[Any]:
    """The list of items in a JSON document: the list itself, a nested export list, or [object]."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and _pick(data.keys(), "text") is None:
        for key in CONTAINERS:
            if isinstance(data.get(key), list):
                return list(data[key])
    return [data]


def read_jsonl(raw: bytes) -> list[Record]:
    """One JSON object per line; blank lines are ignored, a malformed line is CW208."""
    text, enc = decode_text(raw)
    items: list[Any] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            items.append(_loads(line, f"line {n}"))
    return _from_items(items, enc, "text/plain", "JSON line")


def _dialect(sample: str) -> type[csv.Dialect]:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel


def _columns(header: list[str], csv_columns: dict[str, str] | None) -> dict[str, str | None]:
    """Field → column name, from ``csv_columns`` or from the header's names."""
    if csv_columns:
        unknown = set(csv_columns) - set(FIELDS)
        missing = [c for c in csv_columns.values() if c not in header]
        if unknown or missing:
            fail("CW208", f"csv_columns names unknown fields {sorted(unknown)} or columns {missing}; "
                          f"the header has {header[:20]}")
        return {f: csv_columns.get(f) for f in FIELDS}
    return {f: _pick(header, f) for f in FIELDS}


def read_csv(raw: bytes, csv_columns: dict[str, str] | None = None) -> list[Record]:
    """Rows of a CSV/TSV with a header row; the delimiter is sniffed."""
    text, enc = decode_text(raw)
    try:
        rows = csv.reader(io.StringIO(text, newline=""), _dialect(text[:SNIFF_BYTES]))
        header = [h.strip() for h in next(rows, [])]
        cols = _columns(header, csv_columns)
        if cols["text"] is None:
            fail("CW208", f"no text column among {header[:20]}")
        items = [dict(zip(header, row, strict=False)) for row in rows]
    except csv.Error as exc:
        fail("CW208", f"invalid CSV: {exc}", cause=exc)
    records: list[Record] = []
    for i, item in enumerate(items):
        rec = _record(item, i, cols, "text/plain")
        if rec is not None:
            rec.encoding = enc
            records.append(rec)
    if not records:
        fail("CW208", f"the text column {cols['text']!r} is empty in every row")
    return records
