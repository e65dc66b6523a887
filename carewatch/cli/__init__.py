"""The ``carewatch`` command line: one module per command group (typer + rich)."""
