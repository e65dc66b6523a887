"""Command group placeholder, filled in by the foundation work."""

import typer


def register(app: typer.Typer) -> None:
    """Nothing registered yet."""
