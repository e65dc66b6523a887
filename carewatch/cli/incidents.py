"""``carewatch incidents`` and ``carewatch policies``: read and steer incident building.

Thin: each command parses options and calls ``carewatch.incidents.services`` as the system
user (full access; the operator's name from ``CAREWATCH_OPERATOR`` is recorded on decisions).
"""

from __future__ import annotations

import json
import os
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

console = Console()
incidents_app = typer.Typer(help="Incidents: events built from many reports.", no_args_is_help=True)
policies_app = typer.Typer(help="Policies imposed by occupation authorities, found in reports.",
                           no_args_is_help=True)
Format = Annotated[str, typer.Option("--format", help="table, json or jsonl.")]


def register(app: typer.Typer) -> None:
    app.add_typer(incidents_app, name="incidents")
    app.add_typer(policies_app, name="policies")


class _Operator:
    """The CLI operator as services see a user: a name, full access (system caller)."""

    is_system = True

    def __init__(self) -> None:
        self.username = os.environ.get("CAREWATCH_OPERATOR") or os.environ.get("USER") or "cli"


def _setup() -> None:
    from carewatch.store import db

    db.setup(migrate=True)


def _services() -> Any:
    _setup()
    from carewatch.incidents import services

    return services


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


@incidents_app.command("list")
def list_cmd(
    fmt: Format = "table",
    violation: Annotated[str | None, typer.Option(help="Violation code.")] = None,
    oblast: Annotated[str | None, typer.Option(help="Oblast ISO code, e.g. UA-23.")] = None,
    certainty: Annotated[str | None, typer.Option(help="rumour, possible, probable or confirmed.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="YYYY or YYYY-MM.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="YYYY or YYYY-MM.")] = None,
) -> None:
    """List incidents (``--format jsonl``: one record per line)."""
    services = _services()
    filters = {"violation": violation, "oblast": oblast, "certainty": certainty, "date_from": date_from,
               "date_to": date_to}
    records = services.iter_records(user=None, filters={k: v for k, v in filters.items() if v})
    if fmt == "jsonl":
        for rec in records:
            typer.echo(_dump(rec))
        return
    if fmt == "json":
        typer.echo(_dump(list(records)))
        return
    table = Table(title="incidents")
    for col in ("id", "certainty", "dates", "oblasts", "violations", "reports", "origins", "title"):
        table.add_column(col)
    for r in records:
        dates = "–".join(dict.fromkeys(d for d in (r["first_date"], r["last_date"]) if d))
        table.add_row(str(r["id"]), r["certainty"], dates, ", ".join(r["oblasts"]), ", ".join(r["violations"]),
                      str(len(r["reports"])), str(r["origin_count"]), escape(r["title"][:60]))
    console.print(table)


@incidents_app.command("show")
def show(incident_id: int, fmt: Format = "table") -> None:
    """One incident: facts, sources with the citation chain, certainty history, comments."""
    rec = _services().get_incident(user=None, incident_id=incident_id)
    if fmt in ("json", "jsonl"):
        typer.echo(_dump(rec))
        return
    console.print(f"[bold]#{rec['id']} {escape(rec['title'])}[/bold]")
    console.print(f"certainty: {rec['certainty']} ({rec['certainty_source']}): {escape(rec['certainty_reason'])}")
    console.print(f"sources: {escape(rec['chain'])}")
    console.print(f"violations: {', '.join(rec['violations'])}; oblasts: {', '.join(rec['oblasts'])}; "
                  f"dates: {', '.join(rec['dates']) or 'unknown'}")
    for p in rec["places"]:
        console.print(f"  place: {escape(p.get('name') or '')} ({p.get('precision')})")
    for r in rec["reports"]:
        console.print(f"  report {r['id']} [{r['role']}] {r['language'] or '?'} {escape(r['source'] or '')}")
    for c in rec["claims"]["numbers"]:
        console.print(f"  count {c['value']}: said by {escape(', '.join(c['sources']) or str(c['reports']))}")
    for h in rec["history"]:
        console.print(f"  {h['at'][:19]} {h['actor']}: {h['previous'] or '-'} → {h['level']} ({escape(h['reason'])})")


@incidents_app.command("merge")
def merge(target: int, sources: list[int],
          reason: Annotated[str, typer.Option("--reason", help="Why they are one event.")]) -> None:
    """Merge SOURCES into TARGET (kept through rebuilds)."""
    rec = _services().merge_incidents(user=_Operator(), target_id=target, source_ids=sources, reason=reason)
    console.print(f"incident {rec['id']} now has {len(rec['reports'])} reports")


@incidents_app.command("split")
def split(incident_id: int, report_ids: list[int],
          reason: Annotated[str, typer.Option("--reason", help="Why they are a different event.")]) -> None:
    """Move REPORT_IDS out of INCIDENT_ID into a new incident (kept through rebuilds)."""
    rec = _services().split_incident(user=_Operator(), incident_id=incident_id, report_ids=report_ids,
                                     reason=reason)
    console.print(f"new incident {rec['id']} with reports {', '.join(str(r['id']) for r in rec['reports'])}")


@incidents_app.command("update")
def update(report_ids: list[int]) -> None:
    """Place the given processed reports in incidents (what ingest does after the pipeline)."""
    touched = _services().update_for_reports(report_ids)
    console.print(f"{len(touched)} incidents updated")


@incidents_app.command("rebuild")
def rebuild() -> None:
    """Re-cluster every processed report from stored facts, replaying human decisions."""
    count = _services().rebuild()
    console.print(f"{count} incidents")


@policies_app.command("list")
def policies_list(fmt: Format = "table") -> None:
    """Policies found in reports."""
    items = _services().list_policies(user=None)
    if fmt == "jsonl":
        for p in items:
            typer.echo(_dump(p))
        return
    if fmt == "json":
        typer.echo(_dump(items))
        return
    table = Table(title="policies")
    for col in ("id", "requirement", "effective", "territory", "issuer", "sources", "incidents"):
        table.add_column(col)
    for p in items:
        table.add_row(str(p["id"]), p["requirement"], p["effective_date"] or "", ", ".join(p["territory"]),
                      escape(p["issuer"]), str(len(p["sources"])), ", ".join(map(str, p["incidents"])))
    console.print(table)


@policies_app.command("show")
def policies_show(policy_id: int, fmt: Format = "json") -> None:
    """One policy with its sources, evidence and the incidents it explains."""
    p = _services().get_policy(user=None, policy_id=policy_id)
    typer.echo(_dump(p) if fmt != "table" else escape(str(p)))
