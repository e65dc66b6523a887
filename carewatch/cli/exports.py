"""``carewatch export``, ``verify-package`` and ``import``: incident data out and back in.

Thin layer over ``carewatch.exports`` (service, verify, importer). The CLI is a system caller
(full access); the audience still shapes every record. Exit codes: 0 done / intact, 1 a
package check found a problem or an import failed, 2 a usage error.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from carewatch.exports.service import ExportResult

err_console = Console(stderr=True)

_MONTH = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
_OBLAST = re.compile(r"^UA-\d{2}$")


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("verify-package")(verify_package)
    app.command("import")(import_)


def _store() -> None:
    from carewatch.store import db

    db.setup(migrate=True)


def _check(value: str | None, pattern: re.Pattern[str], option: str, example: str) -> str | None:
    if value and not pattern.match(value):
        raise typer.BadParameter(f"expected {example}, got {value!r}", param_hint=option)
    return value


def export(
    fmt: Annotated[str, typer.Argument(
        help="csv, xlsx, json, geojson, hxl, acled, huridocs or evidence (a verifiable zip).")],
    output: Annotated[str, typer.Option("-o", "--output", help="File to write ('-' for stdout).")],
    audience: Annotated[str, typer.Option(
        "--audience", help="public (default), partner or internal; evidence is always internal.")] = "public",
    date_from: Annotated[str | None, typer.Option("--from", help="Incidents on or after YYYY or YYYY-MM.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Incidents on or before YYYY or YYYY-MM.")] = None,
    oblast: Annotated[str | None, typer.Option("--oblast", help="Only this region, e.g. UA-23.")] = None,
    violation: Annotated[str | None, typer.Option("--violation", help="Only this violation code.")] = None,
    certainty: Annotated[str | None, typer.Option("--certainty", help="Only this certainty level.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="Only open or published incidents.")] = None,
) -> None:
    """Write incidents in a format for partners, GIS, spreadsheets or courts (streamed)."""
    from carewatch.exports import formats
    from carewatch.exports.service import open_export

    if fmt not in formats():
        raise typer.BadParameter("one of " + ", ".join(formats()), param_hint="FORMAT")
    if audience not in ("public", "partner", "internal"):
        raise typer.BadParameter("public, partner or internal", param_hint="--audience")
    filters = {"date_from": _check(date_from, _MONTH, "--from", "YYYY or YYYY-MM"),
               "date_to": _check(date_to, _MONTH, "--to", "YYYY or YYYY-MM"),
               "oblast": _check(oblast, _OBLAST, "--oblast", "UA-NN"),
               "violation": violation, "certainty": certainty, "status": status}
    _store()
    job = open_export(user=None, fmt=fmt, audience=audience, filters=filters)
    if output == "-":
        if fmt in ("xlsx", "evidence"):
            raise typer.BadParameter(f"{fmt} is binary: give a file name", param_hint="-o")
        result = job.run(sys.stdout.buffer)
    else:
        result = _write_atomically(Path(output), job.run)
    err_console.print(f"wrote {result.count} incidents ({fmt}, {result.audience} audience) to {escape(output)}")
    if result.manifest_digest:
        err_console.print("manifest sha256 (send it to the recipient separately; they check it with "
                          "`carewatch verify-package FILE --expect DIGEST`):")
        typer.echo(result.manifest_digest)
    for sha in result.missing_originals:
        err_console.print(f"[yellow]warning[/yellow] original {sha} is not in the store; listed in package.json")


def _write_atomically(path: Path, run: Callable[[IO[bytes]], ExportResult]) -> ExportResult:
    """Write to ``PATH.part`` and rename, so a failed export never leaves a half file."""
    part = path.with_name(path.name + ".part")
    try:
        with part.open("wb") as fh:
            result = run(fh)
            fh.flush()
            os.fsync(fh.fileno())
        part.replace(path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return result


def verify_package(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Evidence package (.zip).")],
    expect: Annotated[str | None, typer.Option(
        "--expect", help="Manifest digest the sender gave you separately (64 hex, or its first 12+).")] = None,
) -> None:
    """Re-check an evidence package; names every changed, missing or unexpected file."""
    from carewatch.exports.verify import verify_package as check

    if expect and not re.fullmatch(r"[0-9a-fA-F]{12,64}", expect.strip()):
        raise typer.BadParameter("12 to 64 hexadecimal characters", param_hint="--expect")
    verdict = check(path, expect=expect)
    for problem in verdict.problems:
        typer.echo(f"FAIL {problem}")
    if verdict.ok:
        typer.echo(f"OK {verdict.files} files intact; manifest sha256 {verdict.manifest_digest}")
        if not expect:
            err_console.print("compare that digest with the one the sender gave you (or pass --expect)")
    raise typer.Exit(0 if verdict.ok else 1)


def import_(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False,
                                         help="A carewatch csv, json or evidence export.")],
    force: Annotated[bool, typer.Option(
        "--force", help="Let a public/partner (redacted) file overwrite existing incidents.")] = False,
) -> None:
    """Bring a carewatch export back in, updating existing incidents instead of duplicating them."""
    from carewatch.exports.importer import import_file

    _store()
    result = import_file(path, force=force)
    typer.echo(f"{result.kind}: {result.created} incidents created, {result.updated} updated, "
               f"{result.skipped} skipped; {result.reports} reports, {result.originals} new originals")
