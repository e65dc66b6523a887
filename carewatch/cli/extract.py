"""``carewatch extract``: run the whole extraction on files and print JSON, one result per file.

Sits on top of intake (``read_document``) and the pipeline (``run``). A file that cannot be
read or processed never stops the batch: its result is a valid JSON object with
``relevant: false`` and an ``error`` object (stable code, message, hint). The exit code stays 0
so batch consumers read every line; ``--strict`` makes it 1 when any file failed.
With ``--explain`` every evidence span carries its sentence and rule, and ``explain`` lists each
fired rule once, in the order the stages ran.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from carewatch.cli.common import read_document
from carewatch.errors import CarewatchError, NotFoundError, PipelineError
from carewatch.model.labels import Extraction
from carewatch.pipeline import Document, run
from carewatch.pipeline.extract import to_extraction

FORMATS = ("jsonl", "json")


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)


def _failed(path: Path, err: CarewatchError) -> dict[str, Any]:
    return Extraction(file=str(path), error=err.to_dict()).to_dict()


def _stored_document(ref: str) -> Document:
    """The pipeline Document of stored report ``report:N`` (or ``#N``), from its preserved text."""
    from carewatch.store import db

    db.setup(migrate=True)
    from carewatch.store.models import Report

    number = ref.removeprefix("report:").removeprefix("#")
    report = Report.objects.filter(pk=int(number)).first()
    if report is None:
        raise NotFoundError(f"no stored report {number}", code="CW404",
                            hint="`carewatch reports list` shows the ids")
    return Document(text=report.text, media_type=report.media_type or "text/plain", source=report.source,
                    title=report.title or None, published=report.published or None)


def is_stored_ref(value: str) -> bool:
    """``report:12`` or ``#12`` names a stored report rather than a file."""
    number = value.removeprefix("report:").removeprefix("#")
    return value != number and number.isdigit()


def extract_one(path: Path, *, explain: bool = False) -> dict[str, Any]:
    """The JSON-ready extraction of one file, or its error object; never raises for bad input."""
    try:
        doc = _stored_document(str(path)) if is_stored_ref(str(path)) else read_document(path)
    except CarewatchError as err:
        return _failed(path, err)
    except OSError as err:
        return _failed(path, CarewatchError(f"cannot read {path}: {err.strerror or err}", code="CW201",
                                            hint="check the path and its permissions"))
    try:
        run(doc)
    except CarewatchError as err:
        return _failed(path, err)
    except Exception as err:  # one bad report must not stop a batch; the error object says what happened
        return _failed(path, PipelineError(f"extraction failed: {type(err).__name__}: {err}", code="CW399",
                                           hint="report this input to the maintainers; other files went on"))
    item = to_extraction(doc, file=str(path)).to_dict(explain=explain)
    if explain:
        item["explain"] = doc.explain
    return item


def extract(
    files: Annotated[list[Path], typer.Argument(
        help="Files to extract from (any format ingest takes), or stored reports as report:ID.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one object per file) or json.")] = "jsonl",
    explain: Annotated[bool, typer.Option(
        "--explain", help="Add the sentence and the rule behind each label.")] = False,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit with code 1 when any file could not be extracted.")] = False,
) -> None:
    """Extract violations, places, dates, victims, actors and attribution, each with evidence."""
    if fmt not in FORMATS:
        raise typer.BadParameter("--format must be jsonl or json", param_hint="--format")
    results = []
    failed = False
    for path in files:
        item = extract_one(path, explain=explain)
        failed |= item.get("error") is not None
        if fmt == "jsonl":
            typer.echo(json.dumps(item, ensure_ascii=False))
        else:
            results.append(item)
    if fmt == "json":
        typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
    if failed and strict:
        raise typer.Exit(1)
