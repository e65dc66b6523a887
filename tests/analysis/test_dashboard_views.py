"""The dashboard page and chart downloads through Django's test client on a real store."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client

from .world import make_incidents, user


def client(role: str) -> Client:
    c = Client()
    c.force_login(user(role), backend="django.contrib.auth.backends.ModelBackend")
    return c


def test_dashboard_page_shows_figures_and_charts(store: Path) -> None:
    make_incidents()
    resp = client("coordinator").get("/dashboard/", {"violation": "care_denied_documents"}, HTTP_ACCEPT_LANGUAGE="en")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert html.count("<svg") >= 6
    assert 'data-oblast="UA-23"' in html and "/incidents/?violation=care_denied_documents&amp;oblast=UA-23" in html
    assert "geoBoundaries" in html
    assert "<script>alert(1)</script>" not in html
    assert not re.search(r"\sstyle=\"|\son\w+=", html), "the CSP forbids inline styles and handlers"
    assert "/dashboard/chart/timeline.svg?violation=care_denied_documents" in html


def test_chart_download_is_a_standalone_svg(store: Path) -> None:
    make_incidents()
    resp = client("viewer").get("/dashboard/chart/map.svg", {"oblast": "UA-23"})
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("image/svg+xml")
    assert "attachment" in resp["Content-Disposition"]
    assert resp.content.startswith(b"<?xml") and b'xmlns="http://www.w3.org/2000/svg"' in resp.content
    assert client("viewer").get("/dashboard/chart/nope.svg").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(store: Path) -> None:
    resp = Client().get("/dashboard/")
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]
