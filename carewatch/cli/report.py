"""``carewatch report`` (dashboard figures as text or JSON) and ``carewatch brief`` (HTML + PDF).

Thin: options become filters for ``analysis.dashboard.build`` / ``analysis.brief.write_brief``,
called as the system user (full access); the brief's audience decides what the Redactor keeps.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from carewatch.errors import CarewatchError

console = Console()

Violation = Annotated[str | None, typer.Option(help="Violation code, e.g. care_denied_documents.")]
Oblast = Annotated[str | None, typer.Option(help="Oblast ISO code, e.g. UA-23.")]
Certainty = Annotated[str | None, typer.Option(help="rumour, possible, probable or confirmed.")]
From = Annotated[str | None, typer.Option("--from", help="YYYY or YYYY-MM.")]
To = Annotated[str | None, typer.Option("--to", help="YYYY or YYYY-MM.")]


def register(app: typer.Typer) -> None:
    app.command("report")(report)
    app.command("brief")(brief)


def _setup() -> None:
    from carewatch.store import db

    db.setup(migrate=True)


def _filters(**kw: str | None) -> dict[str, str]:
    for key in ("date_from", "date_to"):
        value = kw.get(key)
        if value and not (len(value) in (4, 7) and value[:4].isdigit() and (len(value) == 4 or value[4] == "-")):
            raise CarewatchError(f"{value!r} is not a year or month", code="CW422", hint="write 2024 or 2024-06")
    return {k: v for k, v in kw.items() if v}


def report(
    violation: Violation = None, oblast: Oblast = None, certainty: Certainty = None,
    date_from: From = None, date_to: To = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Dashboard figures: totals, by violation and oblast, patterns, independent origins."""
    _setup()
    from carewatch.analysis import dashboard

    filters = _filters(violation=violation, oblast=oblast, certainty=certainty, date_from=date_from, date_to=date_to)
    data = dashboard.build(user=None, filters=filters, charts_too=False)
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, default=str, indent=2))
        return
    _print(data)


def _table(title: str, head: list[str], rows: list[list[Any]]) -> Table:
    table = Table(title=title, title_justify="left")
    for i, h in enumerate(head):
        table.add_column(h, justify="right" if i else "left")
    for row in rows:
        table.add_row(*[escape(str(c)) for c in row])
    return table


def _print(d: dict[str, Any]) -> None:
    p, ind = d["patterns"], d["independence"]
    console.print(f"incidents: {d['total']}  ({', '.join(f'{k} {v}' for k, v in d['certainty'].items())})")
    console.print(f"independent origins: {ind['origins']}; incidents with one origin: {ind['single_origin']}, "
                  f"with two or more: {ind['multi_origin']}")
    console.print(f"places: {p['settlements']} settlements, {p['raions']} raions, {p['oblasts']} oblasts; "
                  f"span {p['first'] or '-'} to {p['last'] or '-'} ({p['months_active']} of {p['span_months']} months)")
    methods = [[r["code"], r["incidents"], r["oblasts"], r["settlements"], r["months"]] for r in p["methods"]]
    console.print(_table("by violation type", ["violation", "incidents", "oblasts", "settlements", "months"], methods))
    oblasts = [[f"{o['code']} {o['name']}", o["incidents"]] for o in d["oblasts"]]
    console.print(_table("by oblast", ["oblast", "incidents"], oblasts))
    console.print(_table("independent origins", ["origin", "incidents"], [list(x) for x in ind["top_origins"]]))
    console.print(_table("policies", ["requirement", "issuer", "territory", "effective", "incidents"],
                         [[x["requirement"], x["issuer"] or "-", ",".join(x["territory"]), x["effective_date"] or "-",
                           x["incident_count"]] for x in p["policies"]]))


def brief(
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder for brief.html and brief.pdf.")],
    date_from: From = None, date_to: To = None, oblast: Oblast = None, violation: Violation = None,
    audience: Annotated[str, typer.Option(help="public (default), partner or internal.")] = "public",
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also write brief.pdf (WeasyPrint).")] = True,
    lang: Annotated[str, typer.Option(help="Language of the brief: en or uk.")] = "en",
) -> None:
    """Briefing report for a period and area: brief.html (self-contained) and brief.pdf."""
    if audience not in ("public", "partner", "internal"):
        raise CarewatchError(f"unknown audience {audience!r}", code="CW422", hint="public, partner or internal")
    filters = _filters(date_from=date_from, date_to=date_to, oblast=oblast, violation=violation)
    _setup()
    from carewatch.analysis.brief import write_brief

    actor = os.environ.get("CAREWATCH_OPERATOR") or os.environ.get("USER") or "cli"
    paths = write_brief(out_dir=out, filters=filters, audience=audience, pdf=pdf, actor=actor,
                        lang=lang if lang in ("en", "uk") else "en")
    for kind, path in paths.items():
        console.print(f"{kind}: {escape(str(path))}")
