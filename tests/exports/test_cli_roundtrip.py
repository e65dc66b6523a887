"""The CLI end to end: export from one store, import into a fresh CAREWATCH_HOME, export again."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from carewatch.cli import main as cli_main
from carewatch.exports.service import open_export

# Until the lead lists carewatch.cli.exports in COMMAND_MODULES, run the commands standalone.
_STANDALONE = ("import typer; from carewatch.cli import exports; app = typer.Typer(); "
               "exports.register(app); app()")


def carewatch(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    if "carewatch.cli.exports" in cli_main.COMMAND_MODULES:
        cmd = [str(Path(sys.executable).parent / "carewatch"), *args]
    else:
        cmd = [sys.executable, "-c", _STANDALONE, *args]
    return subprocess.run(cmd, env=env, text=True, capture_output=True, timeout=300, check=False)


def write(path: Path, fmt: str, audience: str = "internal") -> Path:
    with path.open("wb") as fh:
        open_export(user=None, fmt=fmt, audience=audience).run(fh)
    return path


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_round_trip_into_a_fresh_home_keeps_every_field(incidents: list[dict[str, Any]], tmp_path: Path,
                                                         cli_env: dict[str, str]) -> None:
    pkg, table = write(tmp_path / "evidence.zip", "evidence"), write(tmp_path / "all.csv", "csv")
    done = carewatch(cli_env, "import", str(pkg))
    assert done.returncode == 0, done.stderr
    assert "2 incidents created" in done.stdout and "4 reports, 4 new originals" in done.stdout

    again = carewatch(cli_env, "import", str(table))
    assert again.returncode == 0, again.stderr
    assert "0 incidents created, 2 updated" in again.stdout

    out = tmp_path / "back.json"
    exported = carewatch(cli_env, "export", "json", "--audience", "internal", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["incidents"] == incidents

    # The originals were preserved in the recipient's store, under their hashes.
    from carewatch.intake.preserve import original_path, sha256_file

    home = Path(cli_env["CAREWATCH_HOME"]) / "originals"
    with zipfile.ZipFile(pkg) as zf:
        shas = [n.removeprefix("originals/") for n in zf.namelist() if n.startswith("originals/")]
    assert len(shas) == 4 and all(sha256_file(original_path(home, sha)) == sha for sha in shas)


def test_cli_verify_exit_codes_and_usage_errors(tmp_path: Path, cli_env: dict[str, str]) -> None:
    from carewatch.exports.evidence import DIGEST, MANIFEST

    good = tmp_path / "good.zip"
    manifest = "".join(f"{hashlib.sha256(b).hexdigest()}  {n}\n" for n, b in FILES.items())
    with zipfile.ZipFile(good, "w") as zf:
        for name, body in FILES.items():
            zf.writestr(name, body)
        zf.writestr(MANIFEST, manifest)
        zf.writestr(DIGEST, hashlib.sha256(manifest.encode()).hexdigest())
    ok = carewatch(cli_env, "verify-package", str(good))
    assert ok.returncode == 0 and ok.stdout.startswith("OK 2 files"), ok.stdout + ok.stderr
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(tmp_path / "bad.zip", "w") as zout:
        for name in zin.namelist():
            if name != "reports.jsonl":
                zout.writestr(name, zin.read(name))
    bad = carewatch(cli_env, "verify-package", str(tmp_path / "bad.zip"))
    assert bad.returncode == 1 and "FAIL reports.jsonl: missing from the package" in bad.stdout
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really")
    assert carewatch(cli_env, "verify-package", str(junk)).returncode == 1
    usage = carewatch(cli_env, "export", "csv", "--from", "March", "-o", str(tmp_path / "x.csv"))
    assert usage.returncode == 2 and not (tmp_path / "x.csv").exists()
    assert carewatch(cli_env, "export", "pdf", "-o", str(tmp_path / "x.pdf")).returncode == 2
    assert carewatch(cli_env, "verify-package", str(good), "--expect", "zz").returncode == 2


FILES = {"reports.jsonl": '{"id": 1, "title": "Звіт"}\n'.encode(),
         f"originals/{hashlib.sha256(b'bytes').hexdigest()}": b"bytes"}
