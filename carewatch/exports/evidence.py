"""The evidence package: a zip of preserved originals, their metadata, custody and incidents.

An exporter like the others (format ``evidence``), but internal by nature: it carries the
exact bytes kept at intake. Originals are streamed into the zip one by one as incidents arrive;
report metadata, custody lines and incident records are spooled and added at ``finalize``,
followed by ``MANIFEST.sha256`` (``sha256sum -c`` format, every file) and
``MANIFEST.sha256.digest`` (the manifest's own hash). ``manifest_digest`` is printed at export
time so a recipient can compare it over a separate channel (see docs/exports.md).
"""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from typing import IO, Any

from carewatch.exports.base import Exporter, Record, dumps, register

MANIFEST = "MANIFEST.sha256"
DIGEST = "MANIFEST.sha256.digest"
PACKAGE_FORMAT = "carewatch.evidence"
CHUNK = 1 << 20
SPOOLS = ("incidents.jsonl", "reports.jsonl", "custody.jsonl")

README = """carewatch evidence package
==========================

What is inside
  originals/<sha256>   exact bytes of each source as preserved at intake; the file name IS the
                       SHA-256 of its content
  reports.jsonl        one line per report: where it came from, when and by whom it was captured,
                       the decoding and the machine extraction
  custody.jsonl        the custody events of these reports, each with the hash that covers it
  incidents.jsonl      the incident records (internal audience) that cite these reports
  package.json         when and by whom the package was made, counts, originals not found
  MANIFEST.sha256      SHA-256 of every file above
  MANIFEST.sha256.digest   SHA-256 of MANIFEST.sha256

How to verify
  1. With carewatch:  carewatch verify-package THIS.zip --expect <digest>
     It names every changed, missing or unexpected file and exits 1 if anything is wrong.
  2. Without carewatch: unzip into an empty folder, then run
        sha256sum -c MANIFEST.sha256
        sha256sum MANIFEST.sha256
     The second line must equal the digest the sender gave you over a separate channel
     (message, phone call, signed letter). Someone who edits a file AND the manifest can make
     step 1 pass; only that separately received digest shows it.
"""


class _Hashing:
    """Write-through wrapper that hashes what passes into a zip member."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.target.write(data)


@register("evidence")
class EvidenceExporter(Exporter):
    """Zip package streamed to ``out``; needs the Django store (originals, reports, custody)."""

    extension = "zip"
    media_type = "application/zip"

    def __init__(self, out: IO[bytes], *, audience: str = "internal", meta: dict[str, Any] | None = None) -> None:
        super().__init__(out, audience=audience, meta=meta)
        from carewatch import config

        self._originals = config.load().originals_dir
        self._zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED)
        self._hashes: dict[str, str] = {}
        self._seen_reports: set[int] = set()
        self._missing: list[str] = []
        self._spool = {name: tempfile.SpooledTemporaryFile(max_size=8 << 20) for name in SPOOLS}  # noqa: SIM115 - closed in finalize
        self.manifest_digest = ""

    def write(self, record: Record) -> None:
        from carewatch.exports import storeinfo

        self._line("incidents.jsonl", record)
        for report in storeinfo.reports_of(record):
            if report["id"] in self._seen_reports:
                continue
            self._seen_reports.add(report["id"])
            self._add_original(report["sha256"])
            self._line("reports.jsonl", report)
            for event in storeinfo.custody_of(report["id"]):
                self._line("custody.jsonl", event)
        self.count += 1

    def _line(self, name: str, value: dict[str, Any]) -> None:
        self._spool[name].write((dumps(value) + "\n").encode("utf-8"))

    def _add_original(self, sha256: str) -> None:
        name = f"originals/{sha256}"
        if not sha256 or name in self._hashes or sha256 in self._missing:
            return
        from carewatch.intake.preserve import original_path

        path = original_path(self._originals, sha256)
        if not path.is_file():
            self._missing.append(sha256)
            return
        with path.open("rb") as src, self._zip.open(name, "w", force_zip64=True) as dst:
            sink = _Hashing(dst)
            for chunk in iter(lambda: src.read(CHUNK), b""):
                sink.write(chunk)
        self._hashes[name] = sink.digest.hexdigest()

    def _add_bytes(self, name: str, data: bytes) -> None:
        self._zip.writestr(name, data)
        self._hashes[name] = hashlib.sha256(data).hexdigest()

    def _add_spool(self, name: str) -> None:
        spool = self._spool[name]
        spool.seek(0)
        with self._zip.open(name, "w", force_zip64=True) as dst:
            sink = _Hashing(dst)
            for chunk in iter(lambda: spool.read(CHUNK), b""):
                sink.write(chunk)
        spool.close()
        self._hashes[name] = sink.digest.hexdigest()

    def finalize(self) -> None:
        from datetime import UTC, datetime

        for name in SPOOLS:
            self._add_spool(name)
        info = {"format": PACKAGE_FORMAT, "version": 1, "audience": self.audience,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"), "incidents": self.count,
                "reports": len(self._seen_reports), "originals": sum(n.startswith("originals/") for n in self._hashes),
                "missing_originals": self._missing, **self.meta}
        self._add_bytes("package.json", (dumps(info) + "\n").encode("utf-8"))
        self._add_bytes("README.txt", README.encode("utf-8"))
        manifest = "".join(f"{digest}  {name}\n" for name, digest in sorted(self._hashes.items())).encode()
        self._zip.writestr(MANIFEST, manifest)
        self.manifest_digest = hashlib.sha256(manifest).hexdigest()
        self._zip.writestr(DIGEST, f"{self.manifest_digest}  {MANIFEST}\n")
        self._zip.close()

    @property
    def missing(self) -> list[str]:
        return list(self._missing)
