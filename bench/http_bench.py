"""Requests/s and latency of the incident list page under 32 concurrent connections (wrk).

Usage: ``python bench/http_bench.py [--path /incidents/] [--seconds 20] [--connections 32]``.
Builds a throwaway data directory with the demo corpus, adds a coordinator, starts the real
``carewatch serve`` on 127.0.0.1, signs in over HTTP to get a session cookie, and runs Debian's
``wrk`` with that cookie; a small Lua hook prints p50/p95/p99. Everything is removed afterwards.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
PASSWORD = "bench-password-123"
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("STATS rps=%.1f p50=%.2f p95=%.2f p99=%.2f errors=%d non2xx=%d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _prepare(env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "carewatch"), "demo", "--no-serve"], env=env, check=True, capture_output=True)
    code = ("from carewatch.review.accounts import create_user; "
            f"create_user(username='bench', role='coordinator', password={PASSWORD!r})")
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def _wait(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/accounts/login/", timeout=2)
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("carewatch serve exited early") from None
            time.sleep(0.3)
    raise RuntimeError("carewatch serve did not answer within 90 s")


def _session_cookie(url: str) -> str:
    """Sign in like a browser: fetch the form (CSRF cookie), post the credentials."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(url + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    data = urllib.parse.urlencode({"username": "bench", "password": PASSWORD,
                                   "csrfmiddlewaretoken": token.group(1) if token else ""}).encode()
    opener.open(urllib.request.Request(url + "/accounts/login/", data=data, headers={"Referer": url + "/"}))
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise RuntimeError("sign-in failed: no session cookie")
    return f"sessionid={cookies['sessionid']}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--path", default="/incidents/")
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--workers", type=int, default=0, help="gunicorn workers (0: carewatch's default)")
    args = ap.parse_args()
    home = tempfile.mkdtemp(prefix="cw-http-bench-")
    env = {**os.environ, "CAREWATCH_HOME": home, "CAREWATCH_ENV": "development"}
    env.pop("CAREWATCH_DATABASE_URL", None)
    lua = Path(home) / "stats.lua"
    lua.write_text(LUA)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    try:
        _prepare(env)
        proc = subprocess.Popen([str(BIN / "carewatch"), "serve", "--port", str(port), "--workers", str(args.workers)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(url, proc)
            cookie = _session_cookie(url)
            check = urllib.request.Request(url + args.path, headers={"Cookie": cookie})
            status = urllib.request.urlopen(check).status
            out = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency",
                                  "-s", str(lua), "-H", f"Cookie: {cookie}", url + args.path],
                                 check=True, capture_output=True, text=True).stdout
            stats = dict(re.findall(r"(\w+)=([\d.]+)", out.split("STATS", 1)[1]))
            print(f"| {args.path} | {status} | {args.connections} | {stats['rps']} | {stats['p50']} | "
                  f"{stats['p95']} | {stats['p99']} | {stats['errors']} | {stats['non2xx']} |")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    print("| path | status | connections | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx |")
    print("|---|---|---|---|---|---|---|---|---|")
    main()
