"""The incidents CLI commands and pages on a real store, with real roles."""

from __future__ import annotations

import json
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from carewatch.cli import incidents as cli_incidents


@pytest.fixture
def clustered(loaded: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    from carewatch.incidents import services

    monkeypatch.setenv("CAREWATCH_INCIDENT_EMBEDDINGS", "0")
    services.update_for_reports(list(loaded.values()))
    return loaded


def _cli(*args: str) -> Any:
    app = typer.Typer()
    cli_incidents.register(app)
    return CliRunner().invoke(app, list(args))


def test_cli_list_jsonl_and_split_survive_rebuild(clustered: dict[str, int]) -> None:
    out = _cli("incidents", "list", "--format", "jsonl")
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert len(rows) == 9
    for key in ("id", "reports", "violations", "oblasts", "first_date", "independent_origins", "certainty"):
        assert key in rows[0]
    e2 = next(r for r in rows if clustered["e2-en-relay.txt"] in {x["id"] for x in r["reports"]})
    assert all({"id", "source"} <= set(x) for x in e2["reports"])
    out = _cli("incidents", "split", str(e2["id"]), str(clustered["e2-en-relay.txt"]), "--reason", "other ward")
    assert out.exit_code == 0, out.output
    assert _cli("incidents", "rebuild").exit_code == 0
    rows = [json.loads(line) for line in _cli("incidents", "list", "--format", "jsonl").output.splitlines()]
    assert len(rows) == 10
    assert _cli("incidents", "show", str(e2["id"])).exit_code == 0
    policies = _cli("policies", "list", "--format", "jsonl")
    assert json.loads(policies.output.splitlines()[0])["requirement"] == "oms_policy"
    missing = _cli("incidents", "show", "999999")
    assert missing.exit_code != 0


def _client(role: str) -> Any:
    from django.contrib.auth.models import Group, User
    from django.test import Client

    user = User.objects.create_user(role, password="x-long-password-1")
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    client = Client()
    client.force_login(user)
    return client


def test_pages_and_coordinator_actions(clustered: dict[str, int]) -> None:
    from carewatch.incidents import services

    analyst, coordinator = _client("analyst"), _client("coordinator")
    page = analyst.get("/incidents/", {"oblast": "UA-23", "certainty": "possible", "sort": "date"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Melitopol" in html or "Мелітопол" in html
    rows = services.list_incidents(user=None, per_page=100)["items"]
    a, b = rows[0]["id"], rows[1]["id"]
    detail = analyst.get(f"/incidents/{a}/")
    assert detail.status_code == 200 and "origin" in detail.content.decode()
    assert analyst.post(f"/incidents/{a}/certainty/", {"level": "confirmed", "reason": "x"}).status_code == 403
    assert coordinator.post(f"/incidents/{a}/certainty/", {"level": "confirmed", "reason": "two witnesses"}).status_code == 302
    assert services.get_incident(user=None, incident_id=a)["certainty"] == "confirmed"
    assert coordinator.post(f"/incidents/{a}/merge/", {"other": str(b), "reason": "same event"}).status_code == 302
    assert services.list_incidents(user=None)["total"] == len(rows) - 1
    hostile = "<script>alert('x')</script>"
    coordinator.post(f"/incidents/{a}/comment/", {"text": hostile})
    body = coordinator.get(f"/incidents/{a}/").content.decode()
    assert hostile not in body and "&lt;script&gt;" in body
    assert analyst.get("/incidents/999999/").status_code == 404
    assert analyst.get("/incidents/policies/").status_code == 200
    policy = services.list_policies()[0]["id"]
    assert "2026-01-01" in analyst.get(f"/incidents/policies/{policy}/").content.decode()
