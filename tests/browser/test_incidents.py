"""Incident pages in a real browser over the demo corpus: list, filters, detail, certainty."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import screenshot

BIN = Path(sys.executable).parent


def _rebuild(env: dict[str, str]) -> None:
    """Cluster the demo reports (``carewatch demo`` may already have done it; rebuild is idempotent)."""
    subprocess.run([str(BIN / "carewatch"), "incidents", "rebuild"], env=env, check=True,
                   capture_output=True, text=True, timeout=600)


def test_incident_list_and_detail(server_env: dict[str, str], page_as: Callable[..., Any], live_url: str) -> None:
    _rebuild(server_env)
    page = page_as("coordinator")
    page.goto(live_url + "/incidents/")
    assert page.locator("table.data tbody tr").count() >= 1
    screenshot(page, "incidents-list")
    page.select_option("select[name=certainty]", "possible")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "certainty=possible" in page.url
    page.goto(live_url + "/incidents/")
    page.locator("table.data tbody tr td a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("text=independent origin").count() >= 1
    page.fill("form[action$='/certainty/'] input[name=reason]", "checked with a second source")
    page.select_option("form[action$='/certainty/'] select[name=level]", "probable")
    page.click("form[action$='/certainty/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("text=checked with a second source").count() >= 1
    screenshot(page, "incidents-detail")


def test_viewer_cannot_set_certainty(page_as: Callable[..., Any], live_url: str) -> None:
    page = page_as("viewer")
    page.goto(live_url + "/incidents/")
    assert page.locator("form[action$='/certainty/']").count() == 0
    screenshot(page, "incidents-list-viewer")


def test_coordinator_merges_two_incidents(page_as: Callable[..., Any], live_url: str) -> None:
    page = page_as("coordinator")
    page.goto(live_url + "/incidents/")
    hrefs = page.eval_on_selector_all(
        "table.data tbody tr td a[href^='/incidents/']", "els => els.map(e => e.getAttribute('href'))")
    ids = list(dict.fromkeys(int(h.strip("/").split("/")[1]) for h in hrefs if h.strip("/").split("/")[1].isdigit()))
    assert len(ids) >= 2, hrefs
    target, other = ids[0], ids[1]

    def report_rows(incident: int) -> int:
        """Rows of the incident's sources table (one per report)."""
        page.goto(f"{live_url}/incidents/{incident}/")
        return int(page.locator("table.data tbody tr:has(td:nth-child(2) span.tag)").count())

    counts = report_rows(target), report_rows(other)
    assert min(counts) >= 1, counts
    before = sum(counts)
    page.goto(f"{live_url}/incidents/{target}/")
    page.fill("form[action$='/merge/'] input[name=other]", str(other))
    page.fill("form[action$='/merge/'] input[name=reason]", "same event told by two outlets")
    page.click("form[action$='/merge/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("text=Incidents merged.").count() == 1
    assert report_rows(target) == before
    screenshot(page, "incidents-merged")
    response = page.goto(f"{live_url}/incidents/{other}/")
    assert response is not None and response.status in (404, 200)
    if response.status == 200:  # a merged-away incident may redirect or say where it went
        assert f"/incidents/{target}/" in page.url or page.locator(f"a[href='/incidents/{target}/']").count()
