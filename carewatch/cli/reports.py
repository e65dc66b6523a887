"""``carewatch reports list|show``: read stored reports, for people (table) and scripts (jsonl).

Thin layer over ``store.queries``. ``list --format jsonl`` prints one object per report with at
least id, sha256, status, source, language and error ({code, message, hint} or null).
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

console = Console()
reports_app = typer.Typer(help="List and show stored reports.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(reports_app, name="reports")


def _store() -> None:
    from carewatch.store import db

    db.setup(migrate=True)


@reports_app.command("list")
def list_reports(
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one object per line) or table.")] = "table",
    status: Annotated[str | None, typer.Option("--status",
                                               help="Only captured, processed or failed reports.")] = None,
) -> None:
    """List stored reports with their status, language and error."""
    if fmt not in ("jsonl", "table"):
        raise typer.BadParameter("--format must be jsonl or table", param_hint="--format")
    if status not in (None, "captured", "processed", "failed"):
        raise typer.BadParameter("--status must be captured, processed or failed", param_hint="--status")
    _store()
    from carewatch.store.queries import iter_reports

    rows = iter_reports(status=status)
    if fmt == "jsonl":
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table()
    for col in ("id", "status", "language", "sha256", "source", "error"):
        table.add_column(col)
    for row in rows:
        err = row["error"]["code"] if row["error"] else ""
        table.add_row(str(row["id"]), row["status"], row["language"] or "", row["sha256"][:12],
                      escape(row["source"]), err)
    console.print(table)


@reports_app.command("show")
def show(
    report_id: Annotated[int, typer.Argument(help="Report id (from `reports list`).")],
    text: Annotated[str, typer.Option("--text", help="Which text to print: clean or original.")] = "clean",
    fmt: Annotated[str, typer.Option("--format", help="text (for people) or json.")] = "text",
) -> None:
    """Show one report: metadata, custody log and text."""
    if text not in ("clean", "original"):
        raise typer.BadParameter("--text must be clean or original", param_hint="--text")
    if fmt not in ("text", "json"):
        raise typer.BadParameter("--format must be text or json", param_hint="--format")
    _store()
    from carewatch.store.queries import report_detail

    info = report_detail(report_id)
    if fmt == "json":
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    for key in ("id", "status", "source", "sha256", "part", "size", "media_type", "encoding", "language",
                "title", "url", "published", "captured_at", "captured_by", "versions", "error"):
        console.print(f"[bold]{key}[/bold]: {escape(str(info[key]))}", highlight=False)
    console.print("[bold]custody[/bold]:")
    for ev in info["custody"]:
        console.print(f"  {ev['at']}  {ev['action']:<13} {ev['actor']}  {json.dumps(ev['detail'])}",
                      highlight=False, markup=False)
    body = info["clean_text"] if text == "clean" and info["clean_text"] else info["text"]
    label = "clean text" if text == "clean" and info["clean_text"] else "original text"
    console.print(f"[bold]{label}[/bold]:")
    typer.echo(body)
