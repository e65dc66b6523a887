"""Browser fixtures: a real carewatch server on 127.0.0.1 and Debian's chromium via Playwright.

The server is the real `carewatch serve` over a fresh data directory holding the demo corpus,
with one user per role. Screenshots go to test-output/screenshots/ for a person to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio loop running in this process while the browser fixture
# lives; Django then refuses ORM calls from other tests in the same worker. The ORM calls are
# synchronous test code, not async views, so the guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]
PASSWORD = "correct-horse-battery-9"
ROLES = ("admin", "coordinator", "investigator", "analyst", "viewer")
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(env: dict[str, str], *args: str, stdin: str | None = None) -> None:
    subprocess.run([str(BIN / "carewatch"), *args], env=env, input=stdin, text=True, check=True,
                   capture_output=True, timeout=600)


@pytest.fixture(scope="session")
def server_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("browser-home")
    env = {**os.environ, "CAREWATCH_HOME": str(home), "CAREWATCH_ENV": "development"}
    env.pop("CAREWATCH_DATABASE_URL", None)
    _cli(env, "demo", "--no-serve")
    for role in ROLES:
        _cli(env, "users", "add", role, "--role", role, "--password-stdin", stdin=PASSWORD + "\n")
    return env


@pytest.fixture(scope="session")
def live_url(server_env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen([str(BIN / "carewatch"), "serve", "--port", str(port), "--workers", "1"],
                            env=server_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/accounts/login/", timeout=2)
            break
        except OSError as exc:
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError("carewatch serve exited: " + err) from exc
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("carewatch serve did not answer within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page_as(browser: object, live_url: str) -> Iterator[Callable[..., object]]:
    """``page_as("investigator", lang="en")`` → a signed-in Playwright page."""
    contexts: list[object] = []

    def make(role: str, *, lang: str = "en") -> object:
        ctx = browser.new_context(viewport={"width": 1360, "height": 900}, locale=lang)  # type: ignore[attr-defined]
        contexts.append(ctx)
        page = ctx.new_page()
        page.goto(live_url + "/accounts/login/")
        page.fill("input[name=username]", role)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    yield make
    for ctx in contexts:
        ctx.close()  # type: ignore[attr-defined]


def screenshot(page: object, name: str) -> Path:
    """Save a full-page screenshot under test-output/screenshots/ and return its path."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
