"""``carewatch keys``: create, export, rotate and inspect the master key (kept outside the DB)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

keys_app = typer.Typer(help="Master key for encrypted personal data.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")


def _audit(action: str, detail: dict[str, object]) -> None:
    from carewatch import config
    from carewatch.review import audit

    audit.record(actor=config.load().operator, action=action, target="master-key", detail=detail)


@keys_app.command("init")
def init() -> None:
    """Create the master key in CAREWATCH_HOME/keys (0600) unless one exists."""
    from carewatch.protection import keys
    from carewatch.store import db

    before = bool(keys.key_files())
    version, path = keys.init()
    db.setup(migrate=True)
    if not before:
        _audit("keys.init", {"version": version})
    typer.echo(f"master key v{version}: {path}" + (" (already there)" if before else ""))
    typer.echo("export it to safe, offline media now: carewatch keys export -o FILE")


@keys_app.command("status")
def status() -> None:
    """Show installed master key versions and whether each was exported."""
    from carewatch.protection import keys

    files = keys.key_files()
    if keys.locked():
        typer.echo("LOCKED: run `carewatch keys unlock` after installing the exported key")
    if not files:
        typer.echo("no master key installed")
        raise typer.Exit(1)
    for version, path in sorted(files.items()):
        flag = "exported" if keys.exported(version) else "NOT exported"
        typer.echo(f"v{version}\t{path}\t{flag}\t{'private' if keys.mode_ok(path) else 'TOO OPEN'}")


@keys_app.command("export")
def export(output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the key (0600).")]) -> None:
    """Copy the current master key to OUTPUT (removable media); required before `lock`."""
    from carewatch.protection import keys
    from carewatch.store import db

    version = keys.export(output)
    db.setup(migrate=True)
    _audit("keys.export", {"version": version})
    typer.echo(f"exported master key v{version} to {output}")


@keys_app.command("rotate")
def rotate() -> None:
    """New master key version; re-wrap every data key; retire the old version when done."""
    from carewatch.protection import vault
    from carewatch.store import db

    db.setup(migrate=True)
    version, count = vault.rotate()
    _audit("keys.rotate", {"version": version, "rewrapped": count})
    typer.echo(f"master key v{version}; re-wrapped {count} data key(s); export it: carewatch keys export -o FILE")


@keys_app.command("unlock")
def unlock() -> None:
    """Clear the lock left by `carewatch lock` (after the master key is installed again)."""
    from carewatch.protection import keys

    keys.unlock()
    version = keys.current_version()
    typer.echo(f"unlocked; master key v{version} in use")
