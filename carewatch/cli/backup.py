"""``carewatch backup``, ``restore`` and ``lock``: encrypted archives and the panic procedure."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
    app.command("lock")(lock)


def _passphrase(use: bool) -> str | None:
    if not use:
        return None
    value = sys.stdin.readline().rstrip("\n")
    if len(value) < 12:
        typer.echo("the passphrase must have at least 12 characters", err=True)
        raise typer.Exit(2)
    return value


def _audit(action: str, target: str, detail: dict[str, object]) -> None:
    from carewatch import config
    from carewatch.review import audit

    audit.record(actor=config.load().operator, action=action, target=target, detail=detail)


def backup(
    output: Annotated[Path, typer.Option("-o", "--output", help="Archive file to write (0600).")],
    passphrase_stdin: Annotated[bool, typer.Option("--passphrase-stdin",
                                                   help="Encrypt with a passphrase (scrypt) read from stdin "
                                                        "instead of a key derived from the master key.")] = False,
) -> None:
    """Write an encrypted, integrity-checked archive of the database and the originals."""
    from carewatch.protection import backup as service

    manifest = service.create(output, passphrase=_passphrase(passphrase_stdin))
    _audit("backup.create", str(output.name), {"files": len(manifest["files"])})
    typer.echo(f"backup written: {output} ({len(manifest['files'])} files, {manifest['backend']})")


def restore(
    archive: Annotated[Path, typer.Argument(help="Archive made by `carewatch backup`.")],
    passphrase_stdin: Annotated[bool, typer.Option("--passphrase-stdin",
                                                   help="Read the passphrase from stdin.")] = False,
) -> None:
    """Restore an archive into an empty CAREWATCH_HOME (every file's hash is checked)."""
    from carewatch.protection import backup as service

    manifest = service.restore(archive, passphrase=_passphrase(passphrase_stdin))
    _audit("backup.restore", str(archive.name), {"files": len(manifest["files"])})
    typer.echo(f"restored {len(manifest['files'])} files from {archive}; run `carewatch verify`")


def lock(
    force: Annotated[bool, typer.Option("--force", help="Remove keys even if never exported.")] = False,
) -> None:
    """Panic: wipe cached keys and decrypted temp files, remove the master key from this device."""
    from carewatch.protection import panic

    result = panic.lock(force=force)
    typer.echo(f"locked: removed master key version(s) {result.removed_keys or 'none'}, "
               f"shredded {result.wiped_files} temp file(s), ended {result.sessions_ended} session(s)")
