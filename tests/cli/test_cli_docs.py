"""Documentation is tested: every command and option of the CLI appears in docs/cli.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from carewatch.cli.main import app

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _commands(group: Any, prefix: str) -> list[tuple[str, Any]]:
    """(full name, command) for every leaf command; typer vendors its own click, so duck-type."""
    found = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        if hasattr(command, "commands"):
            found.extend(_commands(command, full))
        else:
            found.append((full, command))
    return found


def test_every_command_and_option_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    commands = _commands(root, "carewatch")
    assert len(commands) >= 6
    for full, command in commands:
        assert f"`{full}" in text, f"{full} is not documented in docs/cli.md"
        for param in command.params:
            for opt in getattr(param, "opts", []) + getattr(param, "secondary_opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}" in text, f"{full} {opt} is not documented in docs/cli.md"
