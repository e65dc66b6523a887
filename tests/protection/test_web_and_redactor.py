"""Testimony pages through Django's test client, and the Redactor at the export boundary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from carewatch.protection.audience import Redactor

from .conftest import DIAGNOSIS, NAME, PHONE, SAMPLE

PASSWORD = "a-long-password-1"


def _client(role: str) -> Any:
    from django.test import Client

    from carewatch.review.accounts import create_user

    create_user(username=role, role=role, password=PASSWORD)
    client = Client(REMOTE_ADDR="10.0.0.7")
    assert client.post("/accounts/login/", {"username": role, "password": PASSWORD}).status_code == 302
    return client


def _form() -> dict[str, str]:
    form = {"narrative": SAMPLE["narrative"], "place": SAMPLE["place"], "event_date": "2023-08",
            "relation": "victim", "consent_store": "on", "consent_share_partners": "on"}
    form.update({f"person_{k}": v for k, v in SAMPLE["person"].items()})
    return form


def test_form_records_and_pages_protect(keyed_store: Path) -> None:
    from carewatch.review import audit
    from carewatch.store.protectdb.models import Testimony

    inv = _client("investigator")
    assert inv.get("/testimony/new/").status_code == 200
    bad = inv.post("/testimony/new/", {**_form(), "consent_store": ""})
    assert bad.status_code == 400 and Testimony.objects.count() == 0
    assert inv.post("/testimony/new/", _form()).status_code == 302
    tid = Testimony.objects.get().pk
    listing = inv.get("/testimony/").content.decode()
    assert NAME not in listing and PHONE not in listing
    shown = inv.get(f"/testimony/{tid}/")
    assert shown.status_code == 200 and NAME in shown.content.decode()
    assert shown["Cache-Control"] == "no-store"

    analyst = _client("analyst")
    assert analyst.get(f"/testimony/{tid}/").status_code == 403
    assert analyst.get("/testimony/new/").status_code == 403
    report = analyst.get(f"/reports/{Testimony.objects.get().report_id}/")
    if report.status_code == 200:
        assert NAME not in report.content.decode() and "Ткачук" not in report.content.decode()
    trail = [(e["action"], e["actor"]) for e in audit.recent(limit=20)]
    assert ("testimony.create", "investigator") in trail
    assert ("testimony.read_personal", "investigator") in trail
    assert audit.verify() == []


def _testimony_record() -> dict[str, Any]:
    return {"id": 1, "kind": "testimony", "narrative": SAMPLE["narrative"], "place": "вул. Шевченка, 14",
            "event_date": "2023-08-14", "relation": "victim", "created_by": "investigator",
            "consent": {"store": True, "share_partners": True, "publish_anonymised": True},
            "persons": [{"id": "ab12", **SAMPLE["person"]}]}


def test_public_and_partner_views_of_a_testimony() -> None:
    public = Redactor("public").record(_testimony_record())
    assert public is not None
    text = str(public)
    for secret in (NAME, PHONE, DIAGNOSIS, "Ткачук", "Шевченка", "investigator"):
        assert secret not in text
    assert public["event_date"] == "2023-08"

    partner = Redactor("partner").record(_testimony_record())
    assert partner is not None
    assert NAME not in str(partner) and PHONE not in str(partner) and "Мелітопол" in partner["narrative"]
    assert partner["persons"][0]["pseudonym"].startswith("P-")

    internal = Redactor("internal").record(_testimony_record())
    assert internal is not None and internal["persons"][0]["name"] == NAME


def test_consent_decides_who_sees_a_testimony() -> None:
    rec = _testimony_record()
    rec["consent"] = {"store": True, "share_partners": False, "publish_anonymised": False}
    assert Redactor("public").record(rec) is None
    assert Redactor("partner").record(rec) is None
    assert Redactor("internal").record(rec) is not None


def test_pseudonyms_stable_within_and_unlinkable_across_exports() -> None:
    one, two = Redactor("partner"), Redactor("partner")
    a = one.record({"persons": [{"id": "ab12"}]})
    b = one.record({"persons": [{"id": "ab12"}, {"id": "cd34"}]})
    c = two.record({"persons": [{"id": "ab12"}]})
    assert a and b and c
    assert a["persons"][0] == b["persons"][0] != b["persons"][1]
    assert a["persons"][0] != c["persons"][0]


def test_incident_free_text_is_scrubbed_for_partners() -> None:
    incident = {"id": 3, "title": "Лікар відмовив гр. Ковальчук Ользі", "chain": "1 report",
                "places": [{"name": "Мелітополь", "settlement": "Мелітополь", "raion": "Мелітопольський район",
                            "oblast": "UA-23", "lat": 46.8, "lon": 35.3, "precision": "settlement"}],
                "evidence": [{"text": "тел. +380 67 555 12 34", "sentence": "Мене звати Іван Петренко."}],
                "persons": [{"id": "x"}], "assignee": "coordinator", "dates": ["2023-08-14"]}
    partner = Redactor("partner").record(incident)
    public = Redactor("public").record(incident)
    assert partner and public
    assert "Ковальчук" not in partner["title"] and "555 12 34" not in str(partner) and "Петренко" not in str(partner)
    assert "assignee" not in partner and "persons" not in public
    assert public["places"][0].get("lat") is None and public["dates"] == ["2023-08"]
