"""``carewatch import``: read back csv, json and evidence exports made by carewatch.

The reverse end of the exports: incidents are matched by id and updated in place (never
duplicated); originals by SHA-256 and reports by (original, part). An evidence package is
verified before anything is written, its originals are preserved like any intake, and each
report gets a custody line saying it arrived in a package. Needs Django set up.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from carewatch.errors import CarewatchError, IntegrityError
from carewatch.exports.base import Record
from carewatch.exports.columns import COLUMNS, from_row
from carewatch.exports.jsonfmt import FORMAT_ID


@dataclass
class ImportResult:
    kind: str
    created: int = 0
    updated: int = 0
    skipped: int = 0
    originals: int = 0
    reports: int = 0


def detect(path: Path) -> str:
    """csv, json or evidence, from the content (not the file name)."""
    if zipfile.is_zipfile(path):
        return "evidence"
    with path.open("rb") as fh:
        head = fh.read(4096).lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"{"):
        return "json"
    first = head.split(b"\r\n", 1)[0].split(b"\n", 1)[0].decode("utf-8", "replace")
    if first.split(",") == list(COLUMNS):
        return "csv"
    raise CarewatchError(f"{path.name} is not a carewatch csv, json or evidence export", code="CW422",
                         hint="import files made by `carewatch export csv|json|evidence`")


def import_file(path: Path, *, force: bool = False) -> ImportResult:
    """Import one export file; ``force`` lets redacted records overwrite existing ones."""
    kind = detect(path)
    if kind == "evidence":
        return _import_package(path)
    if kind == "json":
        return _import_json(path, force=force)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return upsert_incidents((from_row(row) for row in csv.DictReader(fh)), ImportResult("csv"), redacted=False)


def _import_json(path: Path, *, force: bool) -> ImportResult:
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, dict) or data.get("format") != FORMAT_ID:
        raise CarewatchError(f"{path.name} is not a carewatch incidents json export", code="CW422",
                             hint="huridocs and geojson exports cannot be imported; use json or csv")
    redacted = data.get("audience") != "internal" and not force
    return upsert_incidents(data.get("incidents") or [], ImportResult("json"), redacted=redacted)


def _when(value: Any) -> Any:
    from datetime import datetime

    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _columns(rec: Record) -> dict[str, Any]:
    places = rec.get("places") or []
    reports = rec.get("reports") or []
    return {
        "title": str(rec.get("title") or ""), "status": str(rec.get("status") or "open"),
        "certainty": str(rec.get("certainty") or "rumour"), "certainty_reason": str(rec.get("certainty_reason") or ""),
        "certainty_source": str(rec.get("certainty_source") or "machine"), "assignee": str(rec.get("assignee") or ""),
        "first_date": str(rec.get("first_date") or ""), "last_date": str(rec.get("last_date") or ""),
        "violation_tags": "".join(f"|{v}" for v in rec.get("violations") or []) + "|",
        "oblast_tags": "".join(f"|{o}" for o in rec.get("oblasts") or []) + "|",
        "search_text": " ".join([str(rec.get("title") or ""), *(str(r.get("title") or "") for r in reports),
                                 *(str(p.get("name") or "") for p in places)]).casefold(),
        "report_count": len(reports), "origin_count": int(rec.get("origin_count") or 0), "record": rec,
    }


def upsert_incidents(records: Iterable[Record], result: ImportResult, *, redacted: bool) -> ImportResult:
    """Create or update incidents by id; a redacted file never overwrites an existing record."""
    from django.db import transaction

    from carewatch.store.incidentdb.models import Incident

    with transaction.atomic():
        for rec in _checked(records):
            rid = rec.get("id")
            exists = rid is not None and Incident.objects.filter(pk=rid).exists()
            if exists and redacted:
                result.skipped += 1
                continue
            if rid is None:
                obj = Incident.objects.create(**_columns(rec))
            else:
                obj, _ = Incident.objects.update_or_create(pk=int(rid), defaults=_columns(rec))
            stamps = {k: _when(rec.get(k)) for k in ("created_at", "updated_at")}
            Incident.objects.filter(pk=obj.pk).update(**{k: v for k, v in stamps.items() if v is not None})
            result.updated += int(exists)
            result.created += int(not exists)
    _reset_sequence(Incident)
    return result


_LIST_KEYS = ("violations", "oblasts", "dates", "places", "reports", "victim_groups", "perpetrators")


def _checked(records: Iterable[Any]) -> Iterator[Record]:
    """Refuse malformed records with their position, instead of storing garbage."""
    try:
        for n, rec in enumerate(records, 1):
            problem = _problem(rec)
            if problem:
                raise CarewatchError(f"record {n}: {problem}", code="CW422",
                                     hint="import only files made by `carewatch export`; nothing was imported")
            yield rec
    except (ValueError, TypeError) as exc:  # a cell that is not the JSON it should be
        raise CarewatchError(f"unreadable record: {exc}", code="CW422",
                             hint="import only files made by `carewatch export`; nothing was imported") from exc


def _problem(rec: Any) -> str:
    if not isinstance(rec, dict):
        return "not an object"
    rid = rec.get("id")
    if rid is not None and (not isinstance(rid, int) or isinstance(rid, bool) or rid < 1):
        return f"id {rid!r} is not a positive whole number"
    bad = [k for k in _LIST_KEYS if rec.get(k) is not None and not isinstance(rec[k], list)]
    if bad:
        return "not lists: " + ", ".join(bad)
    if any(not isinstance(p, dict) for k in ("places", "reports") for p in rec.get(k) or []):
        return "places and reports must be objects"
    return ""


def _reset_sequence(model: Any) -> None:
    """Explicit ids leave PostgreSQL's sequence behind; move it past the highest id."""
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cur:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cur.execute(sql)


def _jsonl(zf: zipfile.ZipFile, name: str) -> Iterator[dict[str, Any]]:
    if name not in zf.namelist():
        return
    with zf.open(name) as fh:
        for raw in io.TextIOWrapper(fh, encoding="utf-8"):
            if raw.strip():
                yield json.loads(raw)


def _import_package(path: Path) -> ImportResult:
    from carewatch.exports.verify import verify_package

    verdict = verify_package(path)
    if not verdict.ok:
        raise IntegrityError(f"{path.name} failed verification: " + "; ".join(verdict.problems[:5]),
                             code="CW501", hint="run `carewatch verify-package` and ask the sender for a new copy")
    result = ImportResult("evidence")
    with zipfile.ZipFile(path) as zf:
        shas = _import_originals(zf, result)
        for info in _jsonl(zf, "reports.jsonl"):
            if info.get("sha256") in shas and not info.get("missing"):
                _upsert_report(zf, info, verdict.manifest_digest)
                result.reports += 1
        upsert_incidents(_jsonl(zf, "incidents.jsonl"), result, redacted=False)
    return result


def _import_originals(zf: zipfile.ZipFile, result: ImportResult) -> set[str]:
    from carewatch import config
    from carewatch.intake.preserve import preserve_file

    originals = config.load().originals_dir
    shas: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for name in zf.namelist():
            if not name.startswith("originals/") or name.endswith("/"):
                continue
            target = Path(zf.extract(name, tmp))
            kept = preserve_file(target, originals)
            target.unlink()
            shas.add(kept.sha256)
            result.originals += int(not kept.existed)
    return shas


def _upsert_report(zf: zipfile.ZipFile, info: dict[str, Any], digest: str) -> None:
    from carewatch.exports.storeinfo import REPORT_FIELDS
    from carewatch.store import custody
    from carewatch.store.models import Original, Report

    original, _ = Original.objects.get_or_create(
        sha256=info["sha256"], defaults={"size": info.get("size") or 0,
                                         "media_type": info.get("original_media_type") or ""})
    fields = {k: info[k] for k in REPORT_FIELDS if k in info and k != "part" and info[k] is not None}
    fields["captured_at"] = _when(info.get("captured_at"))
    fields.setdefault("text", _decoded(zf, info))
    report, created = Report.objects.update_or_create(original=original, part=int(info.get("part") or 0),
                                                      defaults=fields)
    custody.append("captured" if created else "seen_again", sha256=original.sha256, actor="import",
                   report=report, detail={"via": "evidence package", "manifest_sha256": digest,
                                          "exported_id": info.get("id")})


def _decoded(zf: zipfile.ZipFile, info: dict[str, Any]) -> str:
    """The report's text decoded again from its original, so reviewers can read it."""
    from carewatch.intake.files import read_bytes

    try:
        records = read_bytes(zf.read(f"originals/{info['sha256']}"), name=str(info.get("source") or ""))
        return records[min(int(info.get("part") or 0), len(records) - 1)].text
    except (CarewatchError, ValueError, KeyError, IndexError):
        return ""
