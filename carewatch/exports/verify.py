"""Re-check an evidence package: every file against the manifest, the manifest against itself.

Behind ``carewatch verify-package``. Reports each problem by file name: changed content,
missing file, unexpected file, an original whose name is not its hash, a manifest that no
longer matches its digest file or the digest the sender gave (``expect``), custody lines whose
content no longer matches their own hash. An empty list means the package is intact.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from carewatch.exports.evidence import DIGEST, MANIFEST

_LINE = re.compile(r"^([0-9a-f]{64})  (.+)$")
CHUNK = 1 << 20


@dataclass
class Verdict:
    """What verification found; ``ok`` when nothing is wrong."""

    manifest_digest: str = ""
    files: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _hash_member(zf: zipfile.ZipFile, name: str) -> str:
    digest = hashlib.sha256()
    with zf.open(name) as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _manifest(zf: zipfile.ZipFile, verdict: Verdict) -> dict[str, str]:
    raw = zf.read(MANIFEST)
    verdict.manifest_digest = hashlib.sha256(raw).hexdigest()
    entries: dict[str, str] = {}
    for n, line in enumerate(raw.decode("utf-8", "replace").splitlines(), 1):
        m = _LINE.match(line)
        if not m:
            verdict.problems.append(f"{MANIFEST}: line {n} is not '<sha256>  <file>' (manifest edited)")
            continue
        entries[m.group(2)] = m.group(1)
    return entries


def _check_digest(zf: zipfile.ZipFile, verdict: Verdict, expect: str | None) -> None:
    names = set(zf.namelist())
    if DIGEST not in names:
        verdict.problems.append(f"{DIGEST}: missing")
    else:
        recorded = zf.read(DIGEST).decode("utf-8", "replace").split()[:1]
        if recorded != [verdict.manifest_digest]:
            verdict.problems.append(f"{MANIFEST}: its hash does not match {DIGEST} (manifest edited)")
    if expect and not verdict.manifest_digest.startswith(expect.strip().lower()):
        verdict.problems.append(f"{MANIFEST}: hash {verdict.manifest_digest} differs from the expected "
                                f"{expect.strip()} (manifest replaced together with files)")


def _check_files(zf: zipfile.ZipFile, verdict: Verdict, entries: dict[str, str]) -> None:
    present = set(zf.namelist()) - {MANIFEST, DIGEST}
    for name, digest in sorted(entries.items()):
        if name not in present:
            verdict.problems.append(f"{name}: missing from the package")
            continue
        try:
            actual = _hash_member(zf, name)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
            verdict.problems.append(f"{name}: content changed (unreadable: {exc})")
            continue
        verdict.files += 1
        if actual != digest:
            verdict.problems.append(f"{name}: content changed (sha256 {actual}, manifest says {digest})")
        elif name.startswith("originals/") and name.removeprefix("originals/") != actual:
            verdict.problems.append(f"{name}: the file name is not the hash of its content")
    for name in sorted(present - set(entries)):
        verdict.problems.append(f"{name}: not listed in the manifest (added after export)")


def _check_custody(zf: zipfile.ZipFile, verdict: Verdict, entries: dict[str, str]) -> None:
    if "custody.jsonl" not in entries or "custody.jsonl" not in zf.namelist():
        return
    from carewatch.store import db

    db.setup()
    from carewatch.store.custody import event_hash

    try:
        lines = zf.read("custody.jsonl").splitlines()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
        return  # already reported as changed
    for n, raw in enumerate(lines, 1):
        try:
            ev = json.loads(raw)
            digest = event_hash(prev_hash=ev["prev_hash"], report_id=ev["report"], sha256=ev["sha256"],
                                action=ev["action"], at=datetime.fromisoformat(ev["at"]), actor=ev["actor"],
                                detail=ev["detail"] or {})
        except (ValueError, KeyError, TypeError):
            verdict.problems.append(f"custody.jsonl: line {n} is not a custody event")
            continue
        if digest != ev["hash"]:
            verdict.problems.append(f"custody.jsonl: event {ev.get('id')} no longer matches its hash")


def verify_package(path: Path, *, expect: str | None = None) -> Verdict:
    """Check the package at ``path``; see the module docstring for what is checked."""
    verdict = Verdict()
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        verdict.problems.append(f"{path.name}: not a readable zip ({exc})")
        return verdict
    with zf:
        if MANIFEST not in zf.namelist():
            verdict.problems.append(f"{MANIFEST}: missing (cannot check anything else)")
            return verdict
        entries = _manifest(zf, verdict)
        _check_digest(zf, verdict, expect)
        _check_files(zf, verdict, entries)
        _check_custody(zf, verdict, entries)
    return verdict
