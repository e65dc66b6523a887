"""Entry point: builds the typer app from the command modules.

Exit codes are a contract: 0 success, 1 when some input failed (and was preserved) or a
check found a problem, 2 on a usage error.
"""

from __future__ import annotations

import sys
from importlib import import_module

import typer
from rich.console import Console

from carewatch.errors import CarewatchError

app = typer.Typer(
    name="carewatch",
    help="Document denial of medical care and coercion of patients in occupied Ukraine.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)



@app.callback()
def _root() -> None:
    """Document denial of medical care and coercion of patients in occupied Ukraine."""


# Each module defines ``register(app)``; the order is the order of --help.
COMMAND_MODULES = (
    "carewatch.cli.ingest",
    "carewatch.cli.reports",
    "carewatch.cli.extract",
    "carewatch.cli.demo",
    "carewatch.cli.incidents",
    "carewatch.cli.serve",
    "carewatch.cli.users",
    "carewatch.cli.tokens",
    "carewatch.cli.testimony",
    "carewatch.cli.keys",
    "carewatch.cli.audit",
    "carewatch.cli.backup",
    "carewatch.cli.report",
    "carewatch.cli.exports",
)

for _mod in COMMAND_MODULES:
    import_module(_mod).register(app)


def run() -> None:
    """Console-script entry: turn CarewatchError into a clean message and exit code."""
    try:
        app()
    except CarewatchError as exc:
        Console(stderr=True).print(f"[red]error[/red] {exc}")
        sys.exit(1)
