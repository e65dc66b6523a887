"""Search in Ukrainian in a real browser: one word finds its inflected forms across the corpus."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import screenshot


def test_search_in_ukrainian_finds_inflected_forms(page_as: Callable[..., Any], live_url: str) -> None:
    page = page_as("analyst", lang="uk")
    page.goto(live_url + "/search/")
    page.fill("#search-q", "паспорт")
    page.press("#search-q", "Enter")
    page.wait_for_load_state("networkidle")
    hits = [t.strip().casefold() for t in page.locator("mark.hit-term").all_inner_texts()]
    assert hits, "no highlighted hits for 'паспорт'"
    assert all(h.startswith("паспорт") for h in hits), hits
    assert any(h != "паспорт" for h in hits), f"only the exact form was found: {set(hits)}"
    screenshot(page, "search-uk")
    # a facet narrows the result set and keeps the query
    before = page.locator("section.results").inner_text()
    facet = page.locator("a[href*='violation=']").first
    facet.click()
    page.wait_for_load_state("networkidle")
    assert "q=%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82" in page.url or "паспорт" in page.url
    assert page.locator("section.results").inner_text() != before
    screenshot(page, "search-uk-facet")
