"""``carewatch audit``: check and read the hash-chained audit log."""

from __future__ import annotations

import json
from typing import Annotated

import typer

audit_app = typer.Typer(help="The append-only audit log.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def verify() -> None:
    """Walk the chain; exit 0 when intact, 1 naming the first bad entry."""
    from carewatch.store import db

    db.setup(migrate=True)
    from carewatch.review import audit

    problems = audit.verify()
    if problems:
        typer.echo(f"audit log broken: {problems[0]}", err=True)
        for extra in problems[1:]:
            typer.echo(f"  also: {extra}", err=True)
        raise typer.Exit(1)
    typer.echo("audit log intact")


@audit_app.command("list")
def list_events(
    limit: Annotated[int, typer.Option(help="How many events, newest first.")] = 50,
    action: Annotated[str, typer.Option(help="Only actions starting with this (e.g. testimony.).")] = "",
    actor: Annotated[str, typer.Option(help="Only this actor.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Show recent audit events."""
    from carewatch.store import db

    db.setup(migrate=True)
    from carewatch.review import audit

    for e in audit.recent(limit=limit, action=action, actor=actor):
        if as_json:
            typer.echo(json.dumps(e, ensure_ascii=False))
        else:
            typer.echo(f"{e['id']}\t{e['at']}\t{e['actor']}\t{e['action']}\t{e['target']}\t{e['ip'] or '-'}")
