"""The dashboard in a real browser over the demo corpus: charts drawn, filters applied, PNG export."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import PASSWORD, screenshot

BIN = Path(sys.executable).parent


def _rebuild(env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "carewatch"), "incidents", "rebuild"], env=env, check=True,
                   capture_output=True, text=True, timeout=600)


def _signed_in(page: Any, live_url: str, role: str) -> Any:
    """Make sure the page is signed in, in English (the sign-in form is ``form.stack``)."""
    page.goto(live_url + "/dashboard/")
    if "/accounts/login/" in page.url:
        page.fill("input[name=username]", role)
        page.fill("input[name=password]", PASSWORD)
        page.click("form.stack button[type=submit]")
        page.wait_for_load_state("networkidle")
    page.goto(live_url + "/dashboard/")
    lang = page.locator("form.langswitch button[value=en]")
    if lang.count() and "current" not in (lang.get_attribute("class") or ""):
        lang.click()
        page.wait_for_load_state("networkidle")
    return page


def test_dashboard_charts_filters_and_png(server_env: dict[str, str], page_as: Callable[..., Any],
                                          live_url: str) -> None:
    _rebuild(server_env)
    page = _signed_in(page_as("analyst"), live_url, "analyst")
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "404" not in m.text else None)
    assert page.locator("#chart-timeline svg rect").count() > 5
    assert page.locator("#chart-map svg g.region").count() == 27
    shaded = page.locator("#chart-map svg g.region:not(.q0)").count()
    assert shaded >= 2
    screenshot(page, "dashboard")
    page.select_option("select[name=oblast]", "UA-23")
    page.click("form.dash-filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "oblast=UA-23" in page.url
    # incidents that also touch a neighbouring oblast keep it shaded; the chosen one is the darkest
    assert page.locator('#chart-map svg g.region.q5[data-oblast="UA-23"]').count() == 1
    with page.expect_download() as info:
        page.click("button[data-png=timeline]")
    assert info.value.suggested_filename == "carewatch-timeline.png"
    screenshot(page, "dashboard-zaporizhzhia")
    assert not errors, errors


def test_viewer_dashboard_shows_published_only(page_as: Callable[..., Any], live_url: str) -> None:
    page = _signed_in(page_as("viewer"), live_url, "viewer")
    assert page.locator("#chart-map svg").count() == 1
    screenshot(page, "dashboard-viewer")
