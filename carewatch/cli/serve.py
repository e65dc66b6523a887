"""``carewatch serve``: the web workspace for the data directory in CAREWATCH_HOME."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (0: one per core plus one).")] = 0,
) -> None:
    """Serve the web workspace (migrates the database first)."""
    from carewatch.store import db

    db.setup(migrate=True)
    from carewatch.web.server import serve as run_server

    typer.echo(f"carewatch is serving on http://{host}:{port}/ (Ctrl-C stops it)")
    run_server(host=host, port=port, workers=workers or None)
