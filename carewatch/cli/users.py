"""``carewatch users``: accounts and roles (admin, coordinator, investigator, analyst, viewer)."""

from __future__ import annotations

import secrets
import sys
from typing import Annotated

import typer

from carewatch.review.roles import ROLES

users_app = typer.Typer(help="Create and list user accounts.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option(help=f"One of: {', '.join(ROLES)}.")] = "viewer",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
) -> None:
    """Create a user with a role; without --password-stdin a random password is printed once."""
    if role not in ROLES:
        typer.echo(f"unknown role {role!r}; choose one of {', '.join(ROLES)}", err=True)
        raise typer.Exit(2)
    password = sys.stdin.readline().rstrip("\n") if password_stdin else secrets.token_urlsafe(12)
    if len(password) < 8:
        typer.echo("the password must have at least 8 characters", err=True)
        raise typer.Exit(2)
    from carewatch.review.accounts import create_user

    create_user(username=name, role=role, password=password)
    typer.echo(f"created {name} ({role})")
    if not password_stdin:
        typer.echo(f"password (shown once): {password}")


@users_app.command("list")
def list_users() -> None:
    """List accounts with their roles."""
    from carewatch.review.accounts import list_users as rows

    for username, role, active in rows():
        typer.echo(f"{username}\t{role or '-'}\t{'active' if active else 'disabled'}")
