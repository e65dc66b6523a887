"""The export service: what the CLI and the web page call to produce a file.

Keyword arguments only (GUIDE convention 6). It checks the user's role for the audience
(``export_public``/``export_partner``/``export_internal``; evidence packages are always
internal), streams incident records from ``incidents.services.iter_records`` through ONE
``Redactor`` into the exporter, and writes an audit event. ``chunks`` yields the bytes as
they are produced, for a streaming HTTP response.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from carewatch.errors import CarewatchError
from carewatch.exports.base import Exporter, Record, get_exporter
from carewatch.protection.audience import AUDIENCES, Redactor

FILTER_KEYS = {"date_from": "date_from", "date_to": "date_to", "oblast": "oblast", "violation": "violation",
               "certainty": "certainty", "status": "status", "q": "q"}


@dataclass
class ExportResult:
    """What one export wrote: how many incidents, and for evidence the manifest digest."""

    format: str
    audience: str
    count: int = 0
    manifest_digest: str = ""
    missing_originals: list[str] = field(default_factory=list)


@dataclass
class Export:
    """A checked export request; ``run`` writes it to a stream, ``chunks`` yields it."""

    fmt: str
    audience: str
    user: Any
    filters: dict[str, Any]
    records: Iterable[Record] | None = None

    def _source(self) -> Iterable[Record]:
        if self.records is not None:
            return self.records
        from carewatch.incidents.services import iter_records

        return iter_records(user=self.user, filters=self.filters)

    def run(self, out: IO[bytes]) -> ExportResult:
        """Write the whole export to ``out``; returns what was written (and audits it)."""
        exporter = self._exporter(out)
        for _ in self._steps(exporter):
            pass
        return self._finish(exporter)

    def chunks(self) -> Iterator[bytes]:
        """The export as successive byte strings, produced while records stream in."""
        pipe = _Pipe()
        exporter = self._exporter(pipe)  # type: ignore[arg-type]  # _Pipe is a minimal IO[bytes]
        for _ in self._steps(exporter):
            if pipe.size() >= 1 << 16:
                yield pipe.drain()
        self._finish(exporter)
        yield pipe.drain()

    def _exporter(self, out: IO[bytes]) -> Exporter:
        meta = {"filters": {k: v for k, v in self.filters.items() if v}}
        return get_exporter(self.fmt)(out, audience=self.audience, meta=meta)

    def _steps(self, exporter: Exporter) -> Iterator[None]:
        redactor = Redactor(self.audience)  # one per export: pseudonyms stable inside it only
        for record in self._source():
            shaped = redactor.record(record)
            if shaped is not None:
                exporter.write(shaped)
                yield None

    def _finish(self, exporter: Exporter) -> ExportResult:
        exporter.finalize()
        result = ExportResult(self.fmt, self.audience, exporter.count,
                              str(getattr(exporter, "manifest_digest", "")),
                              list(getattr(exporter, "missing", [])))
        if self.records is None:  # injected records were never read from the store
            _audit(self.user, result, self.filters)
        return result


class _Pipe:
    """A write-only, non-seekable sink whose contents are drained between records."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._pos = 0
        self._size = 0

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self._pos += len(data)
        self._size += len(data)
        return len(data)

    def tell(self) -> int:
        return self._pos

    def seek(self, *_: Any) -> int:
        raise OSError("not seekable")

    def seekable(self) -> bool:
        return False

    def flush(self) -> None:
        """Nothing is buffered here."""

    def size(self) -> int:
        return self._size

    def drain(self) -> bytes:
        data = b"".join(self._parts)
        self._parts, self._size = [], 0
        return data


def open_export(*, user: Any, fmt: str, audience: str = "public", filters: dict[str, Any] | None = None,
                records: Iterable[Record] | None = None) -> Export:
    """Check the request (format, audience, role) before anything is written.

    ``user=None`` is a system caller (the CLI) with full access; ``records`` replaces the
    incident store as the source (benchmarks, tests of the formats).
    """
    get_exporter(fmt)
    if fmt == "evidence":
        audience = "internal"  # it carries the preserved originals
    if audience not in AUDIENCES:
        raise CarewatchError(f"unknown audience {audience!r}", code="CW422", hint="one of: " + ", ".join(AUDIENCES))
    if user is not None:
        from carewatch.review.roles import require

        require(user, f"export_{audience}")
    clean = {FILTER_KEYS[k]: v for k, v in (filters or {}).items() if k in FILTER_KEYS and v}
    _validate(clean)
    return Export(fmt=fmt, audience=audience, user=user, filters=clean, records=records)


_PATTERNS = {"date_from": (r"\d{4}(-(0[1-9]|1[0-2]))?", "YYYY or YYYY-MM"),
             "date_to": (r"\d{4}(-(0[1-9]|1[0-2]))?", "YYYY or YYYY-MM"), "oblast": (r"UA-\d{2}", "UA-NN"),
             "certainty": (r"rumour|possible|probable|confirmed", "rumour, possible, probable or confirmed"),
             "status": (r"open|published", "open or published"), "violation": (r"[a-z0-9_]{1,64}", "a code")}


def _validate(filters: dict[str, Any]) -> None:
    for key, value in filters.items():
        pattern, wanted = _PATTERNS.get(key, (r".{0,200}", "at most 200 characters"))
        if not re.fullmatch(pattern, str(value)):
            raise CarewatchError(f"filter {key}: {str(value)[:40]!r} is not {wanted}", code="CW422",
                                 hint=f"give {key} as {wanted}")


def recent_packages(*, user: Any, limit: int = 10) -> list[dict[str, Any]]:
    """The last evidence packages made, with their manifest digests (from the audit log)."""
    if user is not None:
        from carewatch.review.roles import can

        if not can(user, "export_internal"):
            return []
    try:
        from carewatch.store.protectdb.models import AuditEvent
    except ImportError:  # the audit log arrives with the protection work
        return []
    rows = AuditEvent.objects.filter(action="export", target="export:evidence").order_by("-id")[:limit]
    return [{"at": e.at, "actor": e.actor, "count": (e.detail or {}).get("count"),
             "digest": (e.detail or {}).get("manifest_sha256", "")} for e in rows]


def _audit(user: Any, result: ExportResult, filters: dict[str, Any]) -> None:
    try:
        from carewatch.review import audit
    except ImportError:  # the audit log arrives with the protection work
        return
    actor = str(getattr(user, "username", "") or "system") if user is not None else "system"
    detail = {"format": result.format, "audience": result.audience, "count": result.count, "filters": filters}
    if result.manifest_digest:
        detail["manifest_sha256"] = result.manifest_digest
    audit.record(actor=actor, action="export", target=f"export:{result.format}", detail=detail)
