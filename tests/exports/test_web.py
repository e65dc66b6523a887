"""The /exports/ page and its streamed download, through django.test.Client on a real store."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from factory import PERSON

from carewatch.exports.verify import verify_package

# The views are thin over the export service, whose store queries run on both backends in
# test_package.py; here SQLite is enough.
pytestmark = pytest.mark.parametrize("store", ["sqlite"], indirect=True)


def client_for(user: Any) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_page_offers_only_what_the_role_allows(incidents: list[dict[str, Any]], users: dict[str, Any]) -> None:
    html = client_for(users["analyst"]).get("/exports/").content.decode()
    assert 'value="public"' in html and 'value="partner"' not in html and 'value="evidence"' not in html
    assert 'value="geojson"' in html and 'name="csrfmiddlewaretoken"' in html
    assert not re.search(r"\sstyle=|<script>|\son[a-z]+=", html)  # the CSP allows none of these
    lead = client_for(users["coordinator"]).get("/exports/").content.decode()
    assert 'value="internal"' in lead and 'value="evidence"' in lead and "sha256sum -c" in lead
    assert client_for(users["viewer"]).get("/exports/").status_code == 403
    from django.test import Client

    assert Client().get("/exports/").status_code == 302  # to the sign-in page


def test_public_download_streams_redacted_csv(incidents: list[dict[str, Any]], users: dict[str, Any]) -> None:
    response = client_for(users["analyst"]).post("/exports/download/", {"format": "csv", "audience": "public"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert re.match(r'attachment; filename="carewatch-csv-public-\d{8}-\d{4}\.csv"', response["Content-Disposition"])
    text = body(response).decode("utf-8-sig")
    assert text.count("\r\n") == 3 and PERSON not in text and "46.8489" not in text
    from carewatch.store.protectdb.models import AuditEvent

    event = AuditEvent.objects.filter(action="export").order_by("-id").first()
    assert event is not None and event.actor == "analyst" and event.detail["audience"] == "public"


def test_forged_audience_is_refused(incidents: list[dict[str, Any]], users: dict[str, Any]) -> None:
    analyst = client_for(users["analyst"])
    assert analyst.post("/exports/download/", {"format": "csv", "audience": "internal"}).status_code == 403
    assert analyst.post("/exports/download/", {"format": "evidence", "audience": "public"}).status_code == 403


def test_bad_filters_return_the_form_with_a_message(incidents: list[dict[str, Any]], users: dict[str, Any]) -> None:
    response = client_for(users["analyst"]).post("/exports/download/", {
        "format": "geojson", "audience": "public", "date_from": "<script>", "oblast": "UA-23"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "date_from" in html and "<script>" not in html and 'value="UA-23" selected' in html
    assert client_for(users["analyst"]).post("/exports/download/", {"format": "pdf"}).status_code == 400


def test_lead_downloads_a_verifiable_package(incidents: list[dict[str, Any]], users: dict[str, Any],
                                             tmp_path: Path) -> None:
    response = client_for(users["coordinator"]).post("/exports/download/", {
        "format": "evidence", "audience": "internal", "date_from": "2023-03"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    pkg = tmp_path / "pkg.zip"
    pkg.write_bytes(body(response))
    verdict = verify_package(pkg)
    assert verdict.ok, verdict.problems
    with zipfile.ZipFile(pkg) as zf:
        assert [json.loads(x)["id"] for x in zf.read("incidents.jsonl").splitlines()] == [2]
    page = client_for(users["coordinator"]).get("/exports/").content.decode()
    assert verdict.manifest_digest in page  # the digest to send separately is listed


def test_geojson_download_parses(incidents: list[dict[str, Any]], users: dict[str, Any]) -> None:
    response = client_for(users["investigator"]).post("/exports/download/", {"format": "geojson",
                                                                             "audience": "partner"})
    data = json.load(io.BytesIO(body(response)))
    assert [f["geometry"]["type"] for f in data["features"]] == ["Point", "Point"]
