"""Fixtures for export tests: a store holding reports (real intake) and incidents citing them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from factory import record

TEXTS: dict[str, bytes] = {
    "uk.txt": "У Мелітополі лікарня відмовила жінці в інсуліні без російського паспорта.\n".encode(),
    "ru.txt": "В Херсоне больному ВИЧ предложили терапию в обмен на контракт с армией.\n".encode(),
    "cp1251.txt": "Жителям Енергодара відмовляють у допомозі без полісу ОМС.\n".encode("cp1251"),
    "en.html": b"<html><body><p>In Tokmak a clinic refused care without an OMS policy.</p></body></html>",
}
ROLES = ("admin", "coordinator", "investigator", "analyst", "viewer")


def stored_incidents(folder: Path) -> list[dict[str, Any]]:
    """Ingest TEXTS (intake stages only) and store two incidents citing the reports."""
    from carewatch.exports.importer import ImportResult, upsert_incidents
    from carewatch.intake import service
    from carewatch.store.incidentdb.models import Incident
    from carewatch.store.models import Report

    folder.mkdir(parents=True, exist_ok=True)
    for name, body in TEXTS.items():
        (folder / name).write_bytes(body)
    service.ingest_paths([folder], stages=())
    Incident.objects.all().delete()
    reps = [{"id": r.pk, "source": r.source, "title": r.title, "language": "uk", "role": "origin",
             "sha256": r.original.sha256, "published": None} for r in Report.objects.select_related("original")]
    recs = [record(1, reports=reps[:2]), record(2, reports=reps[2:], status="published")]
    upsert_incidents(recs, ImportResult("test"), redacted=False)
    return recs


@pytest.fixture
def incidents(store: Path, tmp_path: Path) -> list[dict[str, Any]]:
    return stored_incidents(tmp_path / "corpus")


@pytest.fixture
def users(store: Path) -> dict[str, Any]:
    from django.contrib.auth.models import User
    from django.test import override_settings

    from carewatch.review.accounts import create_user

    User.objects.filter(username__in=ROLES).delete()
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # argon2 is slow on purpose; not tested here
    with override_settings(PASSWORD_HASHERS=fast):
        for role in ROLES:
            create_user(username=role, role=role, password="a-long-test-password-7")
    return {role: User.objects.get(username=role) for role in ROLES}
