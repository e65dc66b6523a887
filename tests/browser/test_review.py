"""Review in a real browser: an investigator accepts one label, corrects another, reloads.

Runs against the real ``carewatch serve`` over the demo corpus (tests/browser/conftest.py) and
leaves screenshots of the inbox and the report view in test-output/screenshots/.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import PASSWORD, screenshot


def _sign_in_if_needed(page: Any, live_url: str, role: str) -> None:
    """Sign in through the form in <main> (the language buttons are submit buttons too)."""
    page.goto(live_url + "/reports/")
    if "/accounts/login/" in page.url:
        page.fill("input[name=username]", role)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state("networkidle")
        page.goto(live_url + "/reports/")


def _open_report_with_two_violations(page: Any, live_url: str) -> None:
    page.goto(live_url + "/reports/?relevant=yes")
    rows = page.locator("table.inbox tbody tr")
    for i in range(rows.count()):
        if rows.nth(i).locator("span.tag.v").count() >= 2:
            rows.nth(i).locator("a.report-title").click()
            page.wait_for_load_state("networkidle")
            return
    raise AssertionError("no demo report with two violation labels")


def test_investigator_accepts_and_corrects(page_as: Callable[..., Any], live_url: str) -> None:
    page = page_as("investigator")
    _sign_in_if_needed(page, live_url, "investigator")
    assert page.locator("table.inbox tbody tr").count() > 10
    screenshot(page, "review-inbox")
    _open_report_with_two_violations(page, live_url)
    assert page.locator("#doctext mark.hl-violation").count() > 0
    first = page.locator("#label-violations-0")
    first.get_by_role("button", name="Accept").click()
    page.wait_for_selector("#label-violations-0 .badge.st-accepted")
    second = page.locator("#label-violations-1")
    old_name = second.locator(".label-name").inner_text()
    second.locator("details.correct summary").click()
    select = second.locator("select[name=code]")
    options = select.locator("option").all()
    target = next(o.get_attribute("value") for o in options if o.inner_text() != old_name)
    select.select_option(target)
    second.locator("input[name=note]").fill("checked against the source")
    second.get_by_role("button", name="Save correction").click()
    page.wait_for_selector("#label-violations-1 .badge.st-corrected")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.locator("#label-violations-0 .badge.st-accepted").count() == 1
    corrected = page.locator("#label-violations-1")
    assert corrected.locator(".badge.st-corrected").count() == 1
    assert corrected.locator("s").inner_text() == old_name  # what the machine said, struck out
    assert "checked against the source" in corrected.inner_text()
    screenshot(page, "review-report")
