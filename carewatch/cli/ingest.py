"""``carewatch ingest``, ``reprocess`` and ``verify``: intake and integrity from the shell.

Thin layer over ``intake.service`` and ``store.verify``. Exit codes are the contract scripts
rely on: 0 all processed / all intact, 1 some input failed (it is preserved) or a check found a
problem, 2 a usage error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from carewatch import config
from carewatch.cli.common import after_processing

if TYPE_CHECKING:
    from carewatch.intake.service import FileOutcome, IngestSummary

console = Console()
err_console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("reprocess")(reprocess)
    app.command("verify")(verify)


OptStr = str | None
StagesOpt = Annotated[str, typer.Option(
    "--stages", help="Stages to run: all (the whole extraction), intake (clean, language), none, or a,b.")]


def ingest(
    paths: Annotated[list[Path], typer.Argument(exists=True, help="Files or folders (walked recursively).")],
    csv_text: Annotated[OptStr, typer.Option("--csv-text", help="CSV column: report text.")] = None,
    csv_url: Annotated[OptStr, typer.Option("--csv-url", help="CSV column with the source URL.")] = None,
    csv_title: Annotated[OptStr, typer.Option("--csv-title", help="CSV column with the title.")] = None,
    csv_published: Annotated[OptStr, typer.Option("--csv-published", help="CSV column: date.")] = None,
    stages: StagesOpt = "all",
) -> None:
    """Preserve the files' exact bytes, store their reports, extract, and update incidents."""
    from carewatch.intake import service

    columns = {k: v for k, v in (("text", csv_text), ("url", csv_url), ("title", csv_title),
                                 ("published", csv_published)) if v}
    todo = list(service.iter_files(paths))
    total_bytes = sum(p.stat().st_size for p in todo if p.exists())
    with _progress() as bar:
        task = bar.add_task("ingest", total=len(todo), failed=0, mb=0.0, total_mb=total_bytes / 1048576)
        failed, done_mb = 0, 0.0

        def tick(outcome: FileOutcome) -> None:
            nonlocal failed, done_mb
            failed += outcome.status == "failed"
            done_mb += outcome.size / 1048576
            bar.update(task, advance=1, failed=failed, mb=done_mb)

        summary = service.ingest_paths(todo, on_progress=tick, csv_columns=columns or None,
                                       stages=service.resolve_stages(stages))
    after_processing()
    _print_summary(summary, "ingest")
    raise typer.Exit(0 if summary.ok else 1)


def reprocess(
    failed: Annotated[bool, typer.Option(
        "--failed/--all", help="Only failed (and unfinished) reports, or every report.")] = True,
    stages: StagesOpt = "all",
) -> None:
    """Decode the preserved bytes again and re-run the stages, e.g. after a fix."""
    from carewatch.intake import service

    summary = service.reprocess(failed_only=failed, stages=service.resolve_stages(stages))
    after_processing()
    _print_summary(summary, "reprocess")
    raise typer.Exit(0 if summary.ok else 1)


def verify() -> None:
    """Re-hash every stored original and check the custody chain; exit 1 naming each problem."""
    from carewatch.store import db

    db.setup(migrate=True)
    from carewatch.store.verify import verify_store

    cfg = config.load()
    result = verify_store(cfg.originals_dir, actor=cfg.operator)
    for sha, state, source in result.bad:
        console.print(f"[red]{state}[/red] {sha} {source}", highlight=False)
    for problem in result.chain:
        console.print(f"[red]custody chain broken[/red] at event {problem.event_id}: {problem.reason}")
    verdict = "[green]all intact[/green]" if result.ok else "[red]problems found[/red]"
    console.print(f"{result.checked} originals checked, {len(result.bad)} changed or missing, "
                  f"custody chain {'intact' if not result.chain else 'BROKEN'}: {verdict}")
    raise typer.Exit(0 if result.ok else 1)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("files, {task.fields[mb]:.1f}/{task.fields[total_mb]:.1f} MB,"),
                    TextColumn("failed: {task.fields[failed]}"), TimeElapsedColumn(),
                    console=err_console, transient=False)


def _print_summary(summary: IngestSummary, what: str) -> None:
    table = Table(title=f"{what} summary")
    table.add_column("files", justify="right")
    table.add_column("MB", justify="right")
    table.add_column("new reports", justify="right")
    table.add_column("processed", justify="right")
    table.add_column("seen again", justify="right")
    table.add_column("failed", justify="right")
    table.add_row(str(summary.files), f"{summary.bytes / 1048576:.2f}", str(summary.reports),
                  str(summary.processed), str(summary.seen_again), str(summary.failed))
    console.print(table)
    for item in summary.failures:
        err = item.error or {}
        console.print(f"[red]failed[/red] {item.path}: [{err.get('code')}] {err.get('message')}"
                      f" — {err.get('hint')}", highlight=False)
