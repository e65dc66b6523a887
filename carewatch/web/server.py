"""Serve the workspace with gunicorn (a production WSGI server, not Django's dev server).

Threads let one worker overlap database waits; a process per core (plus one) uses every core.
"""

from __future__ import annotations

import os
from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from carewatch.web.wsgi import application

        return application


def serve(*, host: str = "127.0.0.1", port: int = 8000, workers: int | None = None, threads: int = 2) -> None:
    """Block serving the app on ``host:port``."""
    # Rendering is CPU-bound: one process per core plus one, two threads each to overlap the
    # database waits (measured: 3x2 beat 4x4 on 2 cores under 32 connections, see BENCHMARKS.md).
    n = workers or (os.cpu_count() or 1) + 1
    _Gunicorn({
        "bind": f"{host}:{port}",
        "workers": n,
        "threads": threads,
        "worker_class": "gthread",
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "preload_app": True,
        "timeout": 60,
    }).run()
