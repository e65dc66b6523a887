"""``carewatch testimony``: record a witness statement from JSON, list them, show one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

testimony_app = typer.Typer(help="Record and read witness testimonies (personal data is encrypted).",
                            no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(testimony_app, name="testimony")


_ADD_HELP = ("JSON file: narrative, event_date, place, relation, consent {store, share_partners, "
             "publish_anonymised}, person {name, phone, email, address, birth_date, health}.")


@testimony_app.command("add")
def add(path: Annotated[Path, typer.Argument(help=_ADD_HELP)]) -> None:
    """Record a testimony; prints the new testimony id."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        typer.echo(f"cannot read {path}: {exc}", err=True)
        raise typer.Exit(2) from exc
    from carewatch.protection.testimony import add_testimony

    typer.echo(str(add_testimony(user=None, data=data)))


@testimony_app.command("list")
def list_cmd() -> None:
    """List testimonies without personal data (id, relation, date, consent, report)."""
    from carewatch.store import db

    db.setup(migrate=True)
    from carewatch.protection.testimony import list_testimonies

    for t in list_testimonies(user=None):
        consent = ",".join(k for k, v in t["consent"].items() if v)
        typer.echo(f"{t['id']}\t{t['relation']}\t{t['event_date'] or '-'}\treport {t['report_id']}\t{consent}")


@testimony_app.command("show")
def show(testimony_id: Annotated[int, typer.Argument(help="Testimony id.")]) -> None:
    """Print one testimony decrypted, as JSON (recorded in the audit log)."""
    from carewatch.store import db

    db.setup(migrate=True)
    from carewatch.protection.testimony import get_testimony

    typer.echo(json.dumps(get_testimony(user=None, testimony_id=testimony_id), ensure_ascii=False, indent=1))
