"""``carewatch demo``: migrate, ingest the bundled demo corpus and say what was found.

The first thing a new user runs (``make run``). The corpus ships inside the package
(``carewatch/demo/corpus/``) and is read through ``importlib.resources``, so it works from a
wheel too. Afterwards it serves the web app (``carewatch serve``) unless ``--no-serve``.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from carewatch.cli.common import after_processing
from carewatch.errors import CarewatchError

console = Console()


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the web app afterwards.")] = True,
    stages: Annotated[str, typer.Option("--stages", help="Stages to run: all, intake or none.")] = "all",
) -> None:
    """Ingest the bundled demo corpus and print what it contains."""
    from carewatch.intake import service
    from carewatch.store import db

    db.setup(migrate=True)
    with resources.as_file(_corpus()) as corpus:
        summary = service.ingest_paths([Path(corpus)], stages=service.resolve_stages(stages))
    after_processing()
    console.print(f"demo corpus: {summary.files} files, {summary.reports} new reports, "
                  f"{summary.seen_again} already stored, {summary.failed} failed")
    for item in summary.failures:
        err = item.error or {}
        console.print(f"  [red]failed[/red] {escape(Path(item.path).name)}: [{err.get('code')}] "
                      f"{escape(str(err.get('message')))}", highlight=False)
    _print_counts()
    _print_incidents()
    if serve:
        _ensure_admin()
        _serve()


def _print_incidents() -> None:
    from carewatch.incidents.services import list_incidents

    page = list_incidents(user=None, per_page=100)
    console.print(f"incidents: {page['total']}")
    for rec in page["items"][:10]:
        console.print(f"  #{rec['id']} {escape(', '.join(rec['violations']))} "
                      f"{escape(', '.join(rec['oblasts']))} {rec.get('first_date') or ''} "
                      f"[{rec['certainty']}] {escape(rec.get('chain') or '')}", highlight=False)


def _ensure_admin() -> None:
    """First run only: an admin account with a random password, printed once."""
    import secrets

    from django.contrib.auth.models import User

    from carewatch.review.accounts import create_user

    if User.objects.filter(is_superuser=True).exists():
        console.print("sign in with your existing admin account")
        return
    password = secrets.token_urlsafe(12)
    create_user(username="admin", role="admin", password=password)
    console.print(f"[bold]admin account created[/bold]: user [bold]admin[/bold], password "
                  f"[bold]{password}[/bold] (shown once; change it after signing in)", highlight=False)


def _corpus() -> resources.abc.Traversable:
    try:
        corpus = resources.files("carewatch.demo").joinpath("corpus")
    except ModuleNotFoundError:
        corpus = None
    if corpus is None or not corpus.is_dir():
        raise CarewatchError("the demo corpus is not installed", code="CW110",
                             hint="reinstall carewatch (`make install`); it ships carewatch/demo/corpus/")
    return corpus


def _print_counts() -> None:
    from carewatch.store.queries import corpus_summary

    counts = corpus_summary()
    titles = {"status": "reports by status", "language": "reports by language",
              "violation": "reports by violation type", "oblast": "reports by oblast"}
    for key, title in titles.items():
        if counts[key]:
            console.print(_table(title, counts[key]))
    if not counts["violation"]:
        console.print("no violation labels yet (the extraction stages are not installed or found none)")


def _table(title: str, counter: Counter[str]) -> Table:
    table = Table(title=title)
    table.add_column("value")
    table.add_column("reports", justify="right")
    for value, n in counter.most_common():
        table.add_row(escape(value), str(n))
    return table


def _serve() -> None:
    """Hand over to ``carewatch serve`` (the web workspace) with its defaults."""
    try:
        from carewatch.cli.serve import serve
    except ModuleNotFoundError:
        console.print("the web app is not installed; browse with `carewatch reports list` "
                      "and `carewatch reports show ID`")
        return
    serve(host="127.0.0.1", port=8000, workers=0)
