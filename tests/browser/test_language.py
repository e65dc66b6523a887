"""Browser: the UK/EN buttons in the top bar switch the whole interface and stay on the page.

Runs the real server over the demo corpus (tests/browser/conftest.py); screenshots of both
languages go to test-output/screenshots/ for a person to compare.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import screenshot  # rootdir-relative, as the other browser tests

NAV_EN = ("Overview", "Inbox", "Incidents", "Search", "Dashboard")
NAV_UK = ("Огляд", "Вхідні", "Інциденти", "Пошук", "Аналітика")


def _switch(page: Any, code: str) -> None:
    page.click(f"form.langswitch button[value={code}]")
    page.wait_for_load_state("networkidle")


def _nav(page: Any) -> str:
    return str(page.locator("nav.mainnav").inner_text())


def test_switching_language_from_the_top_bar(page_as: Callable[..., Any], live_url: str) -> None:
    page = page_as("analyst", lang="en")
    page.goto(live_url + "/incidents/?certainty=probable")
    assert all(word in _nav(page) for word in NAV_EN)
    assert page.locator("html").get_attribute("lang") == "en"

    _switch(page, "uk")
    assert page.url.endswith("/incidents/?certainty=probable")  # back on the same page, filters kept
    assert page.locator("html").get_attribute("lang") == "uk"
    nav = _nav(page)
    assert all(word in nav for word in NAV_UK) and "Incidents" not in nav
    assert page.locator("h1").inner_text().startswith("Інциденти")
    assert page.locator("select[name=certainty] option[selected]").inner_text() == "ймовірно"
    assert "current" in (page.locator("form.langswitch button[value=uk]").get_attribute("class") or "")
    screenshot(page, "language-uk")

    page.goto(live_url + "/dashboard/")  # the choice sticks across pages
    assert "Аналітика" in _nav(page)
    assert page.locator("h1").inner_text() == "Аналітика"
    screenshot(page, "language-uk-dashboard")
    _switch(page, "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert all(word in _nav(page) for word in NAV_EN)
    assert page.locator("h1").inner_text() == "Dashboard"
    screenshot(page, "language-en")


def test_ukrainian_browser_gets_ukrainian_pages(page_as: Callable[..., Any], live_url: str) -> None:
    page = page_as("viewer", lang="uk-UA")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert "Інциденти" in _nav(page)
    assert page.locator("footer").inner_text().startswith("carewatch лише документує")
