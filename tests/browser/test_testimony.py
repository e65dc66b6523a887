"""Browser: an investigator records a testimony; analyst and partner exports show no personal data.

Runs the real server over the demo corpus (tests/browser/conftest.py). The master key is made
with the real CLI in the server's data directory first; the audit log must show the whole flow.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import screenshot  # rootdir-relative, as the other browser tests

NAME = "Галина Степанівна Мороз"
PHONE = "+380 95 444 71 19"
HEALTH = "цукровий діабет 1 типу"
NARRATIVE = (f"Мене звати {NAME}. У Скадовську в березні 2023 року в лікарні мені відмовили в інсуліні, "
             "бо я не маю російського паспорта і полісу ОМС. Мороз сказали їхати до Криму. "
             f"Мій номер {PHONE}.")
SECRETS = (NAME, "Мороз", PHONE, "444 71 19", HEALTH)

PROBE = """
import sys
from importlib import import_module
from carewatch.cli import main
for name in ("carewatch.cli.testimony", "carewatch.cli.keys", "carewatch.cli.audit", "carewatch.cli.backup"):
    if name not in main.COMMAND_MODULES:
        import_module(name).register(main.app)
sys.argv = ["carewatch", *sys.argv[1:]]
main.run()
"""


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PROBE, *args], env=env, text=True, capture_output=True,
                          timeout=300, check=False)


def _export(page: Any, audience: str, tmp_path: Path) -> str:
    page.goto(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + "/exports/")
    page.check("input[name=format][value=json]")
    page.check(f"input[name=audience][value={audience}]")
    with page.expect_download() as info:
        page.click("#export-form button[type=submit]")
    target = tmp_path / f"{audience}.json"
    info.value.save_as(str(target))
    return target.read_text(encoding="utf-8")


@pytest.mark.slow
def test_testimony_flow(page_as: Any, live_url: str, server_env: dict[str, str], tmp_path: Path) -> None:
    assert _cli(server_env, "keys", "init").returncode == 0

    inv = page_as("investigator")
    inv.goto(live_url + "/testimony/new/")
    inv.fill("textarea[name=narrative]", NARRATIVE)
    inv.fill("input[name=place]", "Скадовськ")
    inv.fill("input[name=event_date]", "2023-03")
    inv.select_option("select[name=relation]", "victim")
    inv.check("input[name=consent_store]")
    inv.check("input[name=consent_share_partners]")
    inv.check("input[name=consent_publish_anonymised]")
    inv.fill("input[name=person_name]", NAME)
    inv.fill("input[name=person_phone]", PHONE)
    inv.fill("input[name=person_health]", HEALTH)
    screenshot(inv, "testimony-form")
    inv.click("form button[type=submit].primary")
    inv.wait_for_load_state("networkidle")
    assert inv.url.rstrip("/").endswith("/testimony")
    listing = inv.content()
    assert "Testimony" in listing and all(s not in listing for s in SECRETS)
    screenshot(inv, "testimony-list")
    inv.click("table.data a[href^='/testimony/']")
    assert NAME in inv.content()
    screenshot(inv, "testimony-detail")

    analyst = page_as("analyst")
    analyst.goto(live_url + "/testimony/1/")
    assert "403" in analyst.title() or NAME not in analyst.content()
    public = _export(analyst, "public", tmp_path)
    json.loads(public)
    partner = _export(page_as("coordinator"), "partner", tmp_path)
    for text in (public, partner):
        assert all(s not in text for s in SECRETS), [s for s in SECRETS if s in text]

    events = [json.loads(line) for line in _cli(server_env, "audit", "list", "--json", "--limit", "200")
              .stdout.splitlines()]
    seen = {(e["action"], e["actor"]) for e in events}
    for wanted in [("auth.login", "investigator"), ("testimony.create", "investigator"),
                   ("testimony.read_personal", "investigator"), ("auth.login", "analyst"),
                   ("export", "analyst"), ("export", "coordinator")]:
        assert wanted in seen, wanted
    assert _cli(server_env, "audit", "verify").returncode == 0
