"""Hostile reports through the real ingest service, then every page that shows them.

Payloads sit in the text (also inside evidence spans, so highlighting wraps them), in the HTML
and its title, in a feed's URL, in the file name (the source) and in Cyrillic homoglyph
disguises. Nothing executable may come out unescaped; the security headers, cookie flags and
CSRF protection are checked on the same pages.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from django.urls import get_resolver

from .test_authz import SKIP_NAMES, fill, known_ids, walk
from .test_reports import PASSWORD, client_for, ingest, make_users

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>',
            "javascript:alert(1)", "<ѕcript>alert(2)</ѕcript>", "<іmg src=x оnerror=alert(3)>")
HOSTILE = {
    # a sentence the violations stage labels, with payloads inside and around its evidence
    "hostile-uk.txt": "В окупованому Мелітополі у серпні 2023 року лікарня <script>alert(1)</script>відмовила "
                      "хворій <img src=x onerror=alert(1)> в інсуліні без російського паспорта.\n"
                      '"><svg onload=alert(1)> <ѕcript>alert(2)</ѕcript> <іmg src=x оnerror=alert(3)>\n',
    "hostile.html": "<html><head><title><script>alert(1)</script>Clinic</title></head><body>"
                    '<p>In occupied Berdiansk a clinic refused treatment to a pensioner without a Russian '
                    'passport. <a href="javascript:alert(1)">more</a> <img src=x onerror=alert(1)></p>'
                    "<script>alert(1)</script></body></html>",
    '"><svg onload=alert(1)>.txt': "In occupied Kherson a hospital refused insulin to a woman without a "
                                   "Russian passport.\n",
    "feed.jsonl": json.dumps({"title": '"><svg onload=alert(1)>', "url": "javascript:alert(1)",
                              "text": "В оккупированном Херсоне больному ВИЧ <script>alert(1)</script> "
                                      "предложили лекарства в обмен на контракт с армией."}) + "\n",
}


class Executable(HTMLParser):
    """Collects everything in a page that a browser could run."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        # <svg> itself is allowed: the dashboard draws its charts as server-built inline SVG.
        # What could run inside one (on* handlers, <script>, javascript: links) is still caught.
        if tag in ("iframe", "object", "embed", "base", "frame", "foreignobject"):
            self.found.append(f"<{tag}>")
        if tag == "script" and not str(values.get("src") or "").startswith("/static/"):
            self.found.append("<script> that is not one of ours")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction") and \
                    str(value or "").strip().lower().startswith(("javascript:", "data:text")):
                self.found.append(f"{tag} {name}={value}")
            if name == "style":
                self.found.append(f"{tag} style=")


def executable(html: str) -> list[str]:
    parser = Executable()
    parser.feed(html)
    return parser.found


def test_hostile_reports_render_inert_everywhere(store: Path, tmp_path: Path) -> None:
    ids = ingest(tmp_path / "hostile", dict(HOSTILE))
    users = make_users()
    admin = client_for(users["admin"])
    admin.raise_request_exception = False  # other areas' bugs are the authz test's business
    known = known_ids()
    pages = ["/reports/", "/reports/?q=script", *(f"/reports/{i}/" for i in ids.values())]
    for route, name, routed in walk(get_resolver().url_patterns):
        if routed and "<" not in route and not route.startswith(("admin/", "api/", "accounts/")) \
                and name not in SKIP_NAMES:
            pages.append(fill(route, "", known)[0])
    seen_escaped = False
    for url in dict.fromkeys(pages):
        resp = admin.get(url)
        if resp.status_code != 200 or "html" not in resp.get("Content-Type", ""):
            continue
        html = resp.content.decode()
        assert executable(html) == [], url
        for payload in PAYLOADS[:3] + PAYLOADS[4:]:
            assert payload not in html, (url, payload)
        seen_escaped |= "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert resp["X-Frame-Options"] == "DENY"
        csp = resp["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert seen_escaped, "no page showed the payload text at all (as escaped text)"
    detail = admin.get(f"/reports/{ids['hostile-uk.txt']}/").content.decode()
    assert '<mark id="ev-violations-0-0" class="hl-violation' in detail
    assert "&lt;img src=x onerror=alert(1)&gt;" in detail  # shown, inside the highlighted span


def test_cookies_and_csrf(store: Path, tmp_path: Path) -> None:
    from django.test import Client

    ids = ingest(tmp_path / "one", {"hostile-uk.txt": HOSTILE["hostile-uk.txt"]})
    users = make_users(password=True)
    browser = Client(enforce_csrf_checks=True)
    form = browser.get("/accounts/login/")
    token = form.cookies["csrftoken"].value
    signed_in = browser.post("/accounts/login/", {"username": "investigator", "password": PASSWORD,
                                                  "csrfmiddlewaretoken": token})
    assert signed_in.status_code == 302
    session = signed_in.cookies["sessionid"]
    assert session["httponly"] and session["samesite"].lower() in ("lax", "strict")
    assert form.cookies["csrftoken"]["samesite"].lower() in ("lax", "strict")
    rid = ids["hostile-uk.txt"]
    url = f"/reports/{rid}/labels/violations/0/"
    assert browser.post(url, {"decision": "reject"}).status_code == 403  # no CSRF token
    no_token: Any = Client(enforce_csrf_checks=True)
    no_token.force_login(users["investigator"], backend="django.contrib.auth.backends.ModelBackend")
    assert no_token.post(url, {"decision": "reject"}, HTTP_HX_REQUEST="true").status_code == 403
    assert no_token.post(f"/reports/{rid}/labels/add/", {"kind": "violations"}).status_code == 403
    fresh = browser.cookies["csrftoken"].value
    ok = browser.post(url, {"decision": "accept"}, HTTP_X_CSRFTOKEN=fresh, HTTP_HX_REQUEST="true")
    assert ok.status_code == 200
