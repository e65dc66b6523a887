"""Row-per-incident formats: carewatch CSV, XLSX (openpyxl write-only), HXL and ACLED-style CSV.

Each exporter writes one row per ``write`` call straight to the output stream (XLSX: to
openpyxl's write-only sheet, which spools rows to a temporary file), so memory stays flat
however many incidents are exported. Text cells are formula-safe (see ``columns.safe_cell``).
"""

from __future__ import annotations

import csv
import io
from abc import abstractmethod
from typing import IO, Any

from carewatch.exports.base import Exporter, Record, joined, register, source_names
from carewatch.exports.columns import COLUMNS, safe_cell, to_row
from carewatch.exports.places import locate, oblast_name


class _CsvExporter(Exporter):
    """Shared CSV plumbing: a text writer over the binary output, header rows first."""

    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    bom = False

    def __init__(self, out: IO[bytes], *, audience: str = "public", meta: dict[str, Any] | None = None) -> None:
        super().__init__(out, audience=audience, meta=meta)
        self._buf = io.StringIO()
        self._csv = csv.writer(self._buf, lineterminator="\r\n")
        if self.bom:
            self.text("\ufeff")
        for row in self.header_rows():
            self._emit(row)

    @abstractmethod
    def header_rows(self) -> list[list[str]]:
        """The header line(s) of this table format."""

    @abstractmethod
    def row(self, record: Record) -> list[str]:
        """One record as a row of cells."""

    def _emit(self, row: list[str]) -> None:
        self._csv.writerow(row)
        self.text(self._buf.getvalue())
        self._buf.seek(0)
        self._buf.truncate()

    def write(self, record: Record) -> None:
        self._emit(self.row(record))
        self.count += 1


@register("csv")
class CsvExporter(_CsvExporter):
    """carewatch's own lossless table (imports back with ``carewatch import``)."""

    bom = True  # spreadsheets then read the Cyrillic as UTF-8

    def header_rows(self) -> list[list[str]]:
        return [list(COLUMNS)]

    def row(self, record: Record) -> list[str]:
        return to_row(record)


HXL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Incident id", "#event+id"), ("Title", "#description+title"), ("First date", "#date+start"),
    ("Last date", "#date+end"), ("Oblast code", "#adm1+code"), ("Oblast", "#adm1+name"),
    ("Raion", "#adm2+name"), ("Place", "#loc+name"), ("Latitude", "#geo+lat"), ("Longitude", "#geo+lon"),
    ("Location precision", "#geo+precision"), ("Violations", "#event+type"),
    ("Affected groups", "#affected+type"), ("Perpetrators", "#org+perpetrator"),
    ("Independent origins", "#org+name+origin"), ("Origin count", "#meta+origins+num"),
    ("Certainty", "#meta+certainty"), ("Status", "#status"), ("Sources", "#meta+source"),
    ("Source chain", "#description+chain"),
)


@register("hxl")
class HxlExporter(_CsvExporter):
    """CSV with a second row of HXL hashtags (humanitarian data exchange)."""

    def header_rows(self) -> list[list[str]]:
        return [[h for h, _ in HXL_COLUMNS], [t for _, t in HXL_COLUMNS]]

    def row(self, record: Record) -> list[str]:
        lat, lon, precision, place = locate(record)
        oblast = place.get("oblast") or next(iter(record.get("oblasts") or []), "")
        values = [record.get("id"), record.get("title"), record.get("first_date"), record.get("last_date"),
                  oblast, oblast_name(oblast), place.get("raion"),
                  place.get("settlement") or (place.get("name") if place.get("precision") == "settlement" else ""),
                  lat, lon, precision, joined(record.get("violations")), joined(record.get("victim_groups")),
                  joined(record.get("perpetrators")), joined(record.get("independent_origins")),
                  record.get("origin_count"), record.get("certainty"), record.get("status"),
                  joined(source_names(record)), record.get("chain")]
        return [safe_cell("" if v is None else str(v)) for v in values]


ACLED_COLUMNS: tuple[str, ...] = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
)
_GEO_PRECISION = {"settlement": "1", "raion": "2", "oblast_centroid": "3", "oblast": "3"}


def acled_date(partial: str | None) -> tuple[str, str]:
    """ACLED needs a full date: pad a partial one and say how precise it was (1 day, 3 month+)."""
    if not partial:
        return "", ""
    parts = partial.split("-")
    padded = "-".join([*parts, *["01"] * (3 - len(parts))][:3])
    return padded, "1" if len(parts) >= 3 else "3"


@register("acled")
class AcledExporter(_CsvExporter):
    """ACLED-style columns, in ACLED's order, for tools that read that layout."""

    def header_rows(self) -> list[list[str]]:
        return [list(ACLED_COLUMNS)]

    def row(self, record: Record) -> list[str]:
        lat, lon, precision, place = locate(record)
        date, time_precision = acled_date(record.get("first_date"))
        oblast = place.get("oblast") or next(iter(record.get("oblasts") or []), "")
        notes = " | ".join(str(v) for v in (record.get("title"), record.get("chain"),
                                            f"certainty: {record.get('certainty') or ''}") if v)
        values = [date, time_precision, "Strategic developments", joined(record.get("violations")),
                  joined(record.get("perpetrators")) or "Russian occupation authorities",
                  oblast_name(oblast), place.get("raion") or "", "",
                  place.get("settlement") or place.get("name") or "", lat, lon,
                  _GEO_PRECISION.get(precision, ""), _acled_source(record), "Other", notes]
        return [safe_cell("" if v is None else str(v)) for v in values]


def _acled_source(record: Record) -> str:
    """ACLED names the reporting organisations: the independent origins, else the sources."""
    return joined(record.get("independent_origins")) or joined(source_names(record))


@register("xlsx")
class XlsxExporter(Exporter):
    """The carewatch table as an Excel workbook, streamed with openpyxl's write-only mode."""

    extension = "xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def __init__(self, out: IO[bytes], *, audience: str = "public", meta: dict[str, Any] | None = None) -> None:
        super().__init__(out, audience=audience, meta=meta)
        from openpyxl import Workbook

        self._wb = Workbook(write_only=True)
        self._ws = self._wb.create_sheet("incidents")
        self._ws.append(list(COLUMNS))

    def write(self, record: Record) -> None:
        from openpyxl.cell import WriteOnlyCell

        cells = []
        for value in to_row(record, safe=False):
            cell = WriteOnlyCell(self._ws, value=_clean_xml(value))
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        self._ws.append(cells)
        self.count += 1

    def finalize(self) -> None:
        self._wb.save(self.out)


def _clean_xml(value: str) -> str:
    """Drop control characters XML 1.0 cannot hold (hostile input would break the workbook)."""
    return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 0x20)
