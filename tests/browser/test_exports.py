"""The exports page in a real browser over the demo corpus: choose, download, verify."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import screenshot

from carewatch.exports.verify import verify_package

BIN = Path(sys.executable).parent


def _clustered(env: dict[str, str]) -> None:
    """Make sure the demo reports form incidents (idempotent)."""
    subprocess.run([str(BIN / "carewatch"), "incidents", "rebuild"], env=env, check=True,
                   capture_output=True, text=True, timeout=600)


def test_lead_exports_map_layer_and_evidence_package(server_env: dict[str, str], page_as: Callable[..., Any],
                                                     live_url: str, tmp_path: Path) -> None:
    _clustered(server_env)
    page = page_as("coordinator")
    page.goto(live_url + "/exports/")
    assert page.locator("input[name=audience]").count() == 3
    screenshot(page, "exports-form-coordinator")

    page.check("input[name=format][value=geojson]")
    page.check("input[name=audience][value=public]")
    with page.expect_download() as info:
        page.click("#export-form button[type=submit]")
    geo = tmp_path / "layer.geojson"
    info.value.save_as(str(geo))
    data = json.loads(geo.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and data["features"]
    assert all(f["properties"]["geo_precision"] in (None, "oblast_centroid", "raion") for f in data["features"])

    page.check("input[name=format][value=evidence]")
    with page.expect_download() as info:
        page.click("#export-form button[type=submit]")
    pkg = tmp_path / "package.zip"
    info.value.save_as(str(pkg))
    verdict = verify_package(pkg)
    assert verdict.ok, verdict.problems
    page.goto(live_url + "/exports/")
    assert page.locator(f"code.digest:has-text('{verdict.manifest_digest}')").count() == 1
    screenshot(page, "exports-after-package")


def test_analyst_sees_public_exports_only(page_as: Callable[..., Any], live_url: str) -> None:
    page = page_as("analyst")
    page.goto(live_url + "/exports/")
    assert page.locator("input[name=audience]").count() == 1
    assert page.locator("input[name=format][value=evidence]").count() == 0
    screenshot(page, "exports-form-analyst")
