"""``carewatch extract``: run the whole extraction on files (or stored reports) and print JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from carewatch.cli.common import read_document
from carewatch.pipeline import run
from carewatch.pipeline.extract import to_extraction


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)


def extract(
    files: Annotated[list[Path], typer.Argument(help="Files to extract from (any format ingest takes).")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one object per file) or json.")] = "jsonl",
    explain: Annotated[bool, typer.Option("--explain", help="Add the sentence and the rule behind each label.")] = False,
) -> None:
    """Extract violations, places, dates, victims, actors and attribution, each with evidence."""
    if fmt not in ("jsonl", "json"):
        raise typer.BadParameter("--format must be jsonl or json")
    results = []
    for path in files:
        doc = read_document(path)
        run(doc)
        item = to_extraction(doc, file=str(path)).to_dict(explain=explain)
        if explain:
            item["explain"] = doc.explain
        if fmt == "jsonl":
            typer.echo(json.dumps(item, ensure_ascii=False))
        else:
            results.append(item)
    if fmt == "json":
        typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
