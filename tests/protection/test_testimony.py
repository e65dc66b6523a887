"""Testimony intake on SQLite and PostgreSQL: encryption at rest, masking, audit, key rotation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import DIAGNOSIS, EMAIL, NAME, PHONE

SECRETS = [NAME, "Ткачук", PHONE, "555 12 34", DIAGNOSIS, "АРВТ з 2016", EMAIL, "Шевченка"]


def _raw_bytes() -> bytes:
    """Every value of every table as stored (for PostgreSQL, as the server returns them)."""
    from django.db import connection

    chunks: list[bytes] = []
    with connection.cursor() as cur:
        for table in connection.introspection.table_names():
            cur.execute(f'SELECT * FROM "{table}"')
            for row in cur.fetchall():
                for value in row:
                    if isinstance(value, (bytes, bytearray, memoryview)):
                        chunks.append(bytes(value))
                    elif value is not None:
                        chunks.append(str(value).encode("utf-8"))
    return b"\n".join(chunks)


def _file_bytes(home: Path) -> bytes:
    from django.db import connections

    connections.close_all()  # fold the WAL into the main file
    found = [p.read_bytes() for p in home.rglob("*") if p.is_file()]
    return b"\n".join(found)


def _assert_no_plaintext(blob: bytes) -> None:
    for secret in SECRETS:
        for encoding in ("utf-8", "utf-16-le"):
            assert secret.encode(encoding) not in blob, secret


def test_testimony_is_encrypted_at_rest_and_masked(keyed_store: Path, sample: dict[str, Any]) -> None:
    from django.db import connection

    from carewatch.protection.testimony import add_testimony
    from carewatch.store.models import Report

    tid = add_testimony(user=None, data=sample)  # joins incidents like any report
    _assert_no_plaintext(_raw_bytes())
    if connection.vendor == "sqlite":
        _assert_no_plaintext(_file_bytes(keyed_store))
    report = Report.objects.get(testimonies__id=tid)
    assert report.status == "processed"
    assert len(report.text) >= len(sample["narrative"])
    assert "Мелітопол" in report.text and "Ткачук" not in report.text
    extraction = report.extraction or {}
    assert {v["code"] for v in extraction["violations"]}  # labels survive masking
    for kind in ("violations", "places", "event_dates", "victim_groups", "actors", "attribution"):
        for label in extraction.get(kind) or []:
            for ev in label["evidence"]:
                assert ev["text"] == report.text[ev["start"]:ev["end"]]


def test_reading_back_needs_the_key_and_is_audited(keyed_store: Path, sample: dict[str, Any]) -> None:
    from carewatch.protection import vault
    from carewatch.protection.testimony import add_testimony, get_testimony
    from carewatch.review import audit

    tid = add_testimony(user=None, data=sample, join_incidents=False)
    vault.forget()
    record = get_testimony(user=None, testimony_id=tid)
    assert record["narrative"] == sample["narrative"]
    assert record["persons"][0]["health"] == DIAGNOSIS
    actions = [e["action"] for e in audit.recent()]
    assert actions[:2] == ["testimony.read_personal", "testimony.create"]
    assert audit.verify() == []


def test_rotation_rewraps_every_key_without_loss(keyed_store: Path, sample: dict[str, Any]) -> None:
    from carewatch.protection import keys, vault
    from carewatch.protection.testimony import add_testimony, get_testimony
    from carewatch.store.protectdb.models import DataKey

    ids = [add_testimony(user=None, data=sample, join_incidents=False) for _ in range(3)]
    before = {row.pk: bytes(row.wrapped) for row in DataKey.objects.all()}
    version, count = vault.rotate(batch=2)
    assert (version, count) == (2, 3)
    assert set(keys.key_files()) == {2}  # v1 retired once nothing needs it
    assert all(bytes(r.wrapped) != before[r.pk] and r.master_version == 2 for r in DataKey.objects.all())
    vault.forget()
    assert all(get_testimony(user=None, testimony_id=i)["persons"][0]["name"] == NAME for i in ids)


def test_interrupted_rotation_is_finished_by_the_next(keyed_store: Path, sample: dict[str, Any]) -> None:
    from carewatch.protection import keys, vault
    from carewatch.protection.testimony import add_testimony, get_testimony
    from carewatch.store.protectdb.models import DataKey

    tid = add_testimony(user=None, data=sample, join_incidents=False)
    keys.add_version(2)  # a rotation that stopped after writing its key: the rows still say v1
    vault.forget()
    assert get_testimony(user=None, testimony_id=tid)["narrative"] == sample["narrative"]
    version, _ = vault.rotate()
    assert version == 3 and set(DataKey.objects.values_list("master_version", flat=True)) == {3}
    vault.forget()
    assert get_testimony(user=None, testimony_id=tid)["narrative"] == sample["narrative"]


def test_without_the_master_key_nothing_decrypts(keyed_store: Path, sample: dict[str, Any]) -> None:
    from carewatch.errors import ConfigError
    from carewatch.protection import keys, vault
    from carewatch.protection.testimony import add_testimony, get_testimony

    tid = add_testimony(user=None, data=sample, join_incidents=False)
    path = keys.key_files()[1]
    assert keys.mode_ok(path) and (path.parent.stat().st_mode & 0o077) == 0
    path.rename(path.with_suffix(".away"))
    vault.forget()
    with pytest.raises(ConfigError):
        get_testimony(user=None, testimony_id=tid)


@pytest.mark.parametrize("bad", [
    {"narrative": ""}, {"relation": "neighbour"}, {"event_date": "серпень"},
    {"consent": {"store": False}}, {"person": "Ivan"}, {"consent": "yes"},
])
def test_invalid_submissions_are_refused(keyed_store: Path, sample: dict[str, Any], bad: dict[str, Any]) -> None:
    from carewatch.errors import CarewatchError
    from carewatch.protection.testimony import add_testimony
    from carewatch.store.protectdb.models import Testimony

    with pytest.raises(CarewatchError) as err:
        add_testimony(user=None, data={**sample, **bad}, join_incidents=False)
    assert err.value.code == "CW610"
    assert Testimony.objects.count() == 0


def test_roles_are_enforced(keyed_store: Path, sample: dict[str, Any]) -> None:
    from django.contrib.auth.models import User

    from carewatch.errors import PermissionDenied
    from carewatch.protection.testimony import add_testimony, get_testimony
    from carewatch.review.accounts import create_user

    for role in ("investigator", "analyst"):
        create_user(username=role, role=role, password="a-long-password-1")
    investigator, analyst = User.objects.get(username="investigator"), User.objects.get(username="analyst")
    tid = add_testimony(user=investigator, data=sample, ip="127.0.0.1", join_incidents=False)
    with pytest.raises(PermissionDenied):
        add_testimony(user=analyst, data=sample, join_incidents=False)
    with pytest.raises(PermissionDenied):
        get_testimony(user=analyst, testimony_id=tid)
    assert get_testimony(user=investigator, testimony_id=tid)["relation"] == "victim"
