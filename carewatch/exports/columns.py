"""The flat, lossless column layout of carewatch's own CSV/XLSX exports, and its reverse.

Shared by the ``csv``/``xlsx`` exporters and by ``carewatch import``: every field of an incident
record becomes one cell (codes joined with "; ", nested values as JSON, unknown keys in
``extra``), so a CSV export imports back without losing anything. Cells that a spreadsheet
would run as a formula are quoted with a leading apostrophe (and unquoted on import).
"""

from __future__ import annotations

import json
from typing import Any

from carewatch.exports.base import Record, dumps

INT_FIELDS = ("id", "origin_count")
NULLABLE_FIELDS = ("first_date", "last_date")
LIST_FIELDS = ("dates", "violations", "oblasts", "victim_groups", "perpetrators", "independent_origins")
JSON_FIELDS = ("places", "reports", "policies", "persons")
TEXT_FIELDS = ("title", "status", "certainty", "certainty_reason", "certainty_source", "chain",
               "created_at", "updated_at")
COLUMNS: tuple[str, ...] = (
    "id", "title", "status", "certainty", "certainty_reason", "certainty_source", "first_date",
    "last_date", "dates", "violations", "oblasts", "places", "victim_groups", "perpetrators", "reports",
    "independent_origins", "origin_count", "chain", "policies", "persons", "created_at", "updated_at",
    "extra",
)
SEP = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def safe_cell(value: str) -> str:
    """Quote a cell that a spreadsheet would evaluate (CSV injection); reversible."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def unsafe_cell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] and value[1] in "=+-@\t\r'" else value


def _list_cell(values: Any) -> str:
    items = [str(v) for v in values or []]
    if any(SEP.strip() in v or v.startswith("[") or not v for v in items):
        return dumps(items)
    return SEP.join(items)


def _cell(name: str, value: Any) -> str:
    if name in LIST_FIELDS:
        return _list_cell(value)
    if name in JSON_FIELDS:
        return "" if value is None else dumps(value)
    if value is None:
        return ""
    return str(value)


def to_row(record: Record, *, safe: bool = True) -> list[str]:
    """One record as cells in ``COLUMNS`` order (formula-safe unless ``safe`` is off)."""
    known = set(COLUMNS)
    extra = {k: v for k, v in record.items() if k not in known}
    cells = [_cell(name, record.get(name)) for name in COLUMNS[:-1]]
    cells.append(dumps(extra) if extra else "")
    return [safe_cell(c) for c in cells] if safe else cells


def _parse(name: str, cell: str) -> Any:
    if name in INT_FIELDS:
        return int(cell) if cell.strip() else None
    if name in NULLABLE_FIELDS:
        return cell or None
    if name in LIST_FIELDS:
        if cell.startswith("["):
            return [str(v) for v in json.loads(cell)]
        return [v for v in cell.split(SEP) if v] if cell else []
    if name in JSON_FIELDS:
        return json.loads(cell) if cell else ([] if name != "persons" else None)
    return cell


def from_row(row: dict[str, str]) -> Record:
    """Rebuild a record from a CSV row keyed by column name (the reverse of ``to_row``)."""
    out: Record = {}
    for name in COLUMNS[:-1]:
        if name in row:
            out[name] = _parse(name, unsafe_cell(row[name] or ""))
    extra = unsafe_cell(row.get("extra") or "")
    if extra:
        loaded = json.loads(extra)
        if isinstance(loaded, dict):
            out.update(loaded)
    if out.get("persons") is None:
        out.pop("persons", None)
    return out
