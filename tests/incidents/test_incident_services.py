"""Incident services on a real store (SQLite and PostgreSQL): clustering, decisions, roles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from incident_corpus import add_report

from carewatch.errors import CarewatchError


def _incident_of(report_id: int) -> int:
    from carewatch.store.incidentdb.models import Membership

    return int(Membership.objects.get(report_id=report_id).incident_id)


def _user(name: str, role: str) -> Any:
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(name, password="x-long-password-1")
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def test_update_then_decisions_survive_rebuild(loaded: dict[str, int], processed: dict[str, Any]) -> None:
    from carewatch.incidents import services
    from carewatch.store.incidentdb.models import ReportFacts

    first = [rid for name, rid in loaded.items() if not name.startswith("e8")]
    touched = services.update_for_reports(first)
    assert touched
    assert ReportFacts.objects.filter(signature__isnull=False).count() >= len(touched)
    # reports arriving later join incrementally; an independent origin raises certainty
    later = [rid for name, rid in loaded.items() if name.startswith("e8")]
    services.update_for_reports(later)
    e8 = services.get_incident(user=None, incident_id=_incident_of(loaded["e8-en-hrw.txt"]))
    assert e8["certainty"] == "probable" and e8["origin_count"] == 2
    assert {r["id"] for r in e8["reports"]} == set(later)
    assert {c["value"] for c in e8["claims"]["numbers"]} >= {"25", "30"}  # kept side by side
    e1 = services.get_incident(user=None, incident_id=_incident_of(loaded["e1-uk-nrc.txt"]))
    assert e1["certainty"] == "possible" and e1["independent_origins"] == ["National Resistance Center"]
    assert e1["history"][0]["source"] == "machine"
    # human decisions
    e9 = _incident_of(loaded["e9-uk-nrc.txt"])
    merged = services.merge_incidents(user=None, target_id=e1["id"], source_ids=[e9], reason="same campaign")
    assert len(merged["reports"]) == 6
    split = services.split_incident(user=None, incident_id=_incident_of(loaded["e2-uk-ova.txt"]),
                                    report_ids=[loaded["e2-en-relay.txt"]], reason="different hospital")
    services.set_certainty(user=None, incident_id=_incident_of(loaded["e5-uk-ova.txt"]), level="confirmed",
                           reason="verified with two doctors")
    services.rebuild()
    assert _incident_of(loaded["e9-en-relay.txt"]) == _incident_of(loaded["e1-uk-nrc.txt"]) == e1["id"]
    assert _incident_of(loaded["e2-en-relay.txt"]) == split["id"] != _incident_of(loaded["e2-uk-ova.txt"])
    e5 = services.get_incident(user=None, incident_id=_incident_of(loaded["e5-uk-ova.txt"]))
    assert e5["certainty"] == "confirmed" and e5["certainty_source"] == "reviewer"
    assert [h["level"] for h in e5["history"]][-1] == "confirmed"


def test_policies_and_filters(loaded: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    from carewatch.incidents import services

    monkeypatch.setenv("CAREWATCH_INCIDENT_EMBEDDINGS", "0")  # facts alone; keeps the test quick

    services.update_for_reports(list(loaded.values()))
    policies = services.list_policies()
    assert [(p["requirement"], p["effective_date"]) for p in policies] == [("oms_policy", "2026-01-01")]
    assert len(policies[0]["sources"]) == 3
    e3 = _incident_of(loaded["e3-uk-ova.txt"])
    assert policies[0]["incidents"] == [e3]
    page = services.list_incidents(user=None, filters={"oblast": "UA-23", "violation": "medicine_for_enlistment"})
    assert page["total"] == 2
    assert services.list_incidents(user=None, filters={"date_from": "2025", "oblast": "UA-23"})["total"] >= 2
    assert services.list_incidents(user=None, filters={"q": "мелітопол"})["total"] == 1
    records = list(services.iter_records(filters={"certainty": "possible"}, batch=2))
    assert records and all(r["certainty"] == "possible" for r in records)


def test_roles_are_enforced(loaded: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    from carewatch.errors import PermissionDenied
    from carewatch.incidents import services

    monkeypatch.setenv("CAREWATCH_INCIDENT_EMBEDDINGS", "0")

    services.update_for_reports(list(loaded.values()))
    viewer, analyst, coordinator = _user("v", "viewer"), _user("a", "analyst"), _user("c", "coordinator")
    assert services.list_incidents(user=viewer)["total"] == 0  # only published ones
    page = services.list_incidents(user=analyst)
    assert page["total"] == 9
    target = page["items"][0]["id"]
    with pytest.raises(PermissionDenied):
        services.set_certainty(user=analyst, incident_id=target, level="confirmed", reason="x")
    with pytest.raises(CarewatchError):
        services.set_certainty(user=coordinator, incident_id=target, level="certain", reason="x")
    with pytest.raises(CarewatchError):
        services.set_certainty(user=coordinator, incident_id=target, level="probable", reason="  ")
    out = services.set_certainty(user=coordinator, incident_id=target, level="probable", reason="second source")
    assert out["history"][-1]["actor"] == "c"
    hostile = "<script>alert(1)</script> ' OR 1=1 --"
    assert services.add_comment(user=coordinator, incident_id=target, text=hostile)["comments"][0]["text"] == hostile
    assert services.list_incidents(user=analyst, filters={"q": hostile})["total"] == 0


def test_report_without_places_or_dates_still_forms_an_incident(store: Path) -> None:
    from incident_corpus import clear_incident_tables

    from carewatch.incidents import services

    clear_incident_tables()
    extraction = {"violations": [{"code": "care_denied_documents"}], "places": [], "event_dates": [],
                  "attribution": []}
    rid = add_report({"text": "Без паспорта РФ лікування не надають.", "title": "", "source": "",
                      "clean_text": "Без паспорта РФ лікування не надають.", "language": "uk", "offsets": [],
                      "versions": {}, "extraction": extraction}, name="bare.txt")
    [incident_id] = services.update_for_reports([rid])
    rec = services.get_incident(user=None, incident_id=incident_id)
    assert rec["places"] == [] and rec["first_date"] is None and rec["certainty"] == "possible"
