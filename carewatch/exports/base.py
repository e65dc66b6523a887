"""The exporter base and the registry of formats, looked up by name (GUIDE convention 5).

Last step of the flow (store → incidents → review → exports). An exporter receives incident
records that the audience ``Redactor`` has already shaped, one at a time (``write``), and
closes its output with ``finalize``; it never redacts and never holds all records in memory.
Format modules register themselves with ``@register("name")``.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import IO, Any, ClassVar, TypeVar

from carewatch.errors import CarewatchError

Record = dict[str, Any]


class Exporter(ABC):
    """Writes records to a binary stream; subclasses implement ``write`` (and ``finalize``)."""

    name: ClassVar[str] = ""
    extension: ClassVar[str] = ""
    media_type: ClassVar[str] = "application/octet-stream"

    def __init__(self, out: IO[bytes], *, audience: str = "public", meta: dict[str, Any] | None = None) -> None:
        self.out = out
        self.audience = audience
        self.meta = dict(meta or {})
        self.count = 0

    @abstractmethod
    def write(self, record: Record) -> None:
        """Write one (already redacted) incident record."""

    def finalize(self) -> None:
        """Close whatever the format needs closed (brackets, workbook, zip); by default, flush."""
        self.out.flush()

    def text(self, value: str) -> None:
        self.out.write(value.encode("utf-8"))


E = TypeVar("E", bound=type[Exporter])
EXPORTERS: dict[str, type[Exporter]] = {}


def register(name: str) -> Callable[[E], E]:
    """Class decorator: make the exporter available as ``name``."""

    def deco(cls: E) -> E:
        cls.name = name
        EXPORTERS[name] = cls
        return cls

    return deco


def get_exporter(name: str) -> type[Exporter]:
    """The exporter class for a format name, or a CarewatchError listing the known ones."""
    _load_formats()
    try:
        return EXPORTERS[name]
    except KeyError:
        raise CarewatchError(f"unknown export format {name!r}", code="CW422",
                             hint="one of: " + ", ".join(formats())) from None


def formats() -> list[str]:
    _load_formats()
    return sorted(EXPORTERS)


def _load_formats() -> None:
    from carewatch.exports import evidence, geo, jsonfmt, tabular  # imported to register

    del evidence, geo, jsonfmt, tabular


def dumps(value: Any) -> str:
    """Compact JSON that keeps Cyrillic readable."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False, default=str)


def joined(values: Any, sep: str = "; ") -> str:
    """A list of plain values as one cell; anything else as its string."""
    if values is None:
        return ""
    if isinstance(values, list | tuple):
        return sep.join(str(v) for v in values if v not in (None, ""))
    return str(values)


def best_place(record: Record) -> dict[str, Any]:
    """The most precise place of a record (places come sorted settlement first)."""
    places = record.get("places") or []
    with_coords = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    return dict((with_coords or places or [{}])[0])


def source_names(record: Record) -> list[str]:
    """Distinct report sources in order (publisher URLs or names)."""
    seen: list[str] = []
    for rep in record.get("reports") or []:
        name = str(rep.get("source") or "")
        if name and name not in seen:
            seen.append(name)
    return seen
