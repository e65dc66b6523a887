"""Evidence packages, verify-package, import and role checks on a real store (SQLite, PostgreSQL)."""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from carewatch.errors import IntegrityError, PermissionDenied
from carewatch.exports.evidence import DIGEST, MANIFEST
from carewatch.exports.service import open_export
from carewatch.exports.verify import verify_package


def make_package(path: Path, user: Any = None) -> str:
    with path.open("wb") as fh:
        result = open_export(user=user, fmt="evidence", audience="public").run(fh)
    assert result.audience == "internal" and result.count == 2
    return result.manifest_digest


def rewrite(src: Path, dst: Path, change: dict[str, bytes | None]) -> None:
    """Copy a zip, replacing (bytes) or dropping (None) some members."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            if name in change:
                if change[name] is not None:
                    zout.writestr(name, change[name])  # type: ignore[arg-type]
                continue
            zout.writestr(name, zin.read(name))


def test_package_holds_originals_metadata_custody_and_verifies(incidents: list[dict[str, Any]],
                                                               tmp_path: Path) -> None:
    pkg = tmp_path / "evidence.zip"
    digest = make_package(pkg)
    with zipfile.ZipFile(pkg) as zf:
        names = zf.namelist()
        originals = [n for n in names if n.startswith("originals/")]
        assert len(originals) == 4
        for name in originals:
            assert hashlib.sha256(zf.read(name)).hexdigest() == name.removeprefix("originals/")
        assert {"incidents.jsonl", "reports.jsonl", "custody.jsonl", "README.txt", "package.json",
                MANIFEST, DIGEST} <= set(names)
        cp1251 = [json.loads(x) for x in zf.read("reports.jsonl").splitlines()]
        assert {r["encoding"] for r in cp1251} >= {"cp1251"} or len(cp1251) == 4
        actions = [json.loads(x)["action"] for x in zf.read("custody.jsonl").splitlines()]
        assert actions.count("captured") == 4
        listed = zf.read(MANIFEST).decode().splitlines()
        assert len(listed) == len(names) - 2
        assert hashlib.sha256(zf.read(MANIFEST)).hexdigest() == digest
        assert "sha256sum -c" in zf.read("README.txt").decode()
    verdict = verify_package(pkg, expect=digest)
    assert verdict.ok, verdict.problems
    assert verdict.files == len(names) - 2


def test_verify_names_changed_removed_added_and_edited(incidents: list[dict[str, Any]], tmp_path: Path) -> None:
    pkg = tmp_path / "evidence.zip"
    digest = make_package(pkg)
    with zipfile.ZipFile(pkg) as zf:
        original = next(n for n in zf.namelist() if n.startswith("originals/"))
        body = zf.read(original)
        manifest = zf.read(MANIFEST).decode()
    changed = tmp_path / "changed.zip"
    rewrite(pkg, changed, {original: bytes([body[0] ^ 1]) + body[1:]})
    problems = verify_package(changed).problems
    assert any(p.startswith(original) and "changed" in p for p in problems)

    removed = tmp_path / "removed.zip"
    rewrite(pkg, removed, {"custody.jsonl": None})
    assert verify_package(removed).problems == ["custody.jsonl: missing from the package"]

    edited = tmp_path / "edited.zip"
    rewrite(pkg, edited, {MANIFEST: manifest.replace(original, original + "x").encode()})
    problems = verify_package(edited).problems
    assert any("does not match" in p and MANIFEST in p for p in problems)
    assert any("not listed in the manifest" in p for p in problems)

    # A forger changes a file AND rewrites both manifest files consistently: only --expect catches it.
    new_body = b"forged"
    new_manifest = "".join(
        (f"{hashlib.sha256(new_body).hexdigest()}  {n}\n" if n == "README.txt" else line + "\n")
        for line in manifest.splitlines() for n in [line.split("  ", 1)[1]])
    forged = tmp_path / "forged.zip"
    rewrite(pkg, forged, {"README.txt": new_body, MANIFEST: new_manifest.encode(),
                          DIGEST: hashlib.sha256(new_manifest.encode()).hexdigest().encode()})
    assert verify_package(forged).ok
    assert any("expected" in p for p in verify_package(forged, expect=digest).problems)
    assert verify_package(pkg, expect=digest[:16]).ok


def test_raw_byte_flip_is_found(incidents: list[dict[str, Any]], tmp_path: Path) -> None:
    pkg = tmp_path / "evidence.zip"
    make_package(pkg)
    with zipfile.ZipFile(pkg) as zf:
        info = zf.getinfo("reports.jsonl")
    raw = bytearray(pkg.read_bytes())
    name_len, extra_len = struct.unpack("<HH", raw[info.header_offset + 26: info.header_offset + 30])
    data_start = info.header_offset + 30 + name_len + extra_len
    raw[data_start + info.compress_size // 2] ^= 0xFF  # one byte inside the compressed data
    pkg.write_bytes(bytes(raw))
    problems = verify_package(pkg).problems
    assert any(p.startswith("reports.jsonl") for p in problems), problems


def test_tampered_package_is_refused_on_import(incidents: list[dict[str, Any]], tmp_path: Path) -> None:
    from carewatch.exports.importer import import_file

    pkg = tmp_path / "evidence.zip"
    make_package(pkg)
    removed = tmp_path / "removed.zip"
    rewrite(pkg, removed, {"incidents.jsonl": None})
    with pytest.raises(IntegrityError):
        import_file(removed)


def test_roles_decide_audiences(users: dict[str, Any]) -> None:
    open_export(user=users["analyst"], fmt="csv", audience="public")
    with pytest.raises(PermissionDenied):
        open_export(user=users["analyst"], fmt="csv", audience="partner")
    open_export(user=users["investigator"], fmt="geojson", audience="partner")
    with pytest.raises(PermissionDenied):
        open_export(user=users["investigator"], fmt="evidence", audience="public")
    open_export(user=users["coordinator"], fmt="evidence")
    with pytest.raises(PermissionDenied):
        open_export(user=users["viewer"], fmt="csv")


def test_export_from_store_filters_and_audits(incidents: list[dict[str, Any]], tmp_path: Path) -> None:
    import io

    buf = io.BytesIO()
    open_export(user=None, fmt="json", audience="internal", filters={"status": "published"}).run(buf)
    got = json.loads(buf.getvalue())["incidents"]
    assert [r["id"] for r in got] == [2]
    assert got[0] == incidents[1]
    buf = io.BytesIO()
    open_export(user=None, fmt="geojson", filters={"date_from": "2023-03", "oblast": "UA-23"}).run(buf)
    assert [f["id"] for f in json.loads(buf.getvalue())["features"]] == [2]
    from carewatch.store.protectdb.models import AuditEvent

    event = AuditEvent.objects.filter(action="export", target="export:json").order_by("-id").first()
    assert event is not None and event.detail["count"] == 1 and event.detail["audience"] == "internal"


def test_import_updates_instead_of_duplicating(incidents: list[dict[str, Any]], tmp_path: Path) -> None:
    from carewatch.exports.importer import import_file
    from carewatch.store.incidentdb.models import Incident

    path = tmp_path / "all.json"
    with path.open("wb") as fh:
        open_export(user=None, fmt="json", audience="internal").run(fh)
    Incident.objects.filter(pk=1).update(title="changed locally")
    result = import_file(path)
    assert (result.created, result.updated) == (0, 2)
    assert Incident.objects.count() == 2 and Incident.objects.get(pk=1).title == incidents[0]["title"]
    public = tmp_path / "public.json"
    with public.open("wb") as fh:
        open_export(user=None, fmt="json", audience="public").run(fh)
    assert import_file(public).skipped == 2  # a redacted file never overwrites full records
    assert Incident.objects.get(pk=1).record["persons"]


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_hostile_imports_are_refused_whole(store: Path, tmp_path: Path) -> None:
    from carewatch.errors import CarewatchError
    from carewatch.exports.columns import COLUMNS
    from carewatch.exports.importer import import_file
    from carewatch.store.incidentdb.models import Incident

    good = ",".join(["1", "ok"] + [""] * (len(COLUMNS) - 2))
    broken = ",".join(["2", "Звіт"] + [""] * 9 + ["[{not json"] + [""] * (len(COLUMNS) - 12))
    cases = {
        "broken.csv": "\ufeff" + ",".join(COLUMNS) + "\r\n" + good + "\r\n" + broken + "\r\n",
        "id.json": json.dumps({"format": "carewatch.incidents", "audience": "internal",
                               "incidents": [{"id": "1; DROP TABLE"}]}),
        "lists.json": json.dumps({"format": "carewatch.incidents", "audience": "internal",
                                  "incidents": [{"id": 3, "violations": "denial"}]}),
        "other.json": json.dumps({"type": "FeatureCollection", "features": []}),
        "notes.txt": "Просто текст, не експорт.",
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(CarewatchError) as err:
            import_file(path)
        assert err.value.code == "CW422", name
    assert Incident.objects.count() == 0  # the good first row was rolled back with the bad one
    fake = tmp_path / "fake.zip"
    with zipfile.ZipFile(fake, "w") as zf:
        zf.writestr("../../etc/passwd", "x")
    with pytest.raises(IntegrityError):
        import_file(fake)
