"""``carewatch users token NAME``: issue (or revoke) JSON API bearer tokens.

Adds commands to the ``users`` group of :mod:`carewatch.cli.users`; list this module after it
in ``cli/main.py`` COMMAND_MODULES.
"""

from __future__ import annotations

from typing import Annotated

import typer

from carewatch.cli.users import users_app


def register(app: typer.Typer) -> None:
    """Nothing to add at the top level: the commands hang under ``users``."""


@users_app.command("token")
def token(
    name: Annotated[str, typer.Argument(help="Login name of the user the token acts as.")],
    label: Annotated[str, typer.Option(help="A note to tell tokens apart (e.g. the script's name).")] = "",
    revoke: Annotated[bool, typer.Option("--revoke", help="Revoke all of the user's tokens instead.")] = False,
) -> None:
    """Print a new API token for NAME (shown once; send it as 'Authorization: Bearer TOKEN')."""
    from carewatch.store import db

    db.setup(migrate=True)
    from carewatch.store.searchdb import tokens

    if revoke:
        typer.echo(f"revoked {tokens.revoke(username=name)} token(s) of {name}")
        return
    typer.echo(tokens.issue(username=name, name=label))
