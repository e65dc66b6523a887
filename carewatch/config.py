"""Settings read from the environment, once, in one place (GUIDE convention 8).

Deployment settings come from environment variables only; defaults suit a single documenter
on a laptop (SQLite in ``./carewatch-data``). A default secret is refused in production.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from carewatch.errors import ConfigError

DEV_SECRET = "carewatch-development-secret-not-for-production"  # noqa: S105 - refused in production


@dataclass(frozen=True)
class Settings:
    """Resolved settings; build with :func:`load`."""

    home: Path
    database_url: str
    env: str
    secret_key: str
    max_file_bytes: int
    operator: str

    @property
    def originals_dir(self) -> Path:
        return self.home / "originals"

    @property
    def keys_dir(self) -> Path:
        return self.home / "keys"

    @property
    def sqlite_path(self) -> Path:
        return self.home / "carewatch.sqlite3"

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://"))


def load(environ: dict[str, str] | None = None) -> Settings:
    """Read settings from ``environ`` (default: the process environment)."""
    env = dict(os.environ if environ is None else environ)
    home = Path(env.get("CAREWATCH_HOME", "carewatch-data")).expanduser().resolve()
    mode = env.get("CAREWATCH_ENV", "development")
    secret = env.get("CAREWATCH_SECRET_KEY", "")
    if not secret:
        if mode == "production":
            raise ConfigError(
                "CAREWATCH_SECRET_KEY is not set",
                code="CW101",
                hint="set CAREWATCH_SECRET_KEY to a long random value before running in production",
            )
        secret = DEV_SECRET
    elif mode == "production" and secret == DEV_SECRET:
        raise ConfigError("the development secret key is refused in production", code="CW102",
                          hint="generate a new CAREWATCH_SECRET_KEY")
    try:
        max_mb = float(env.get("CAREWATCH_MAX_FILE_MB", "50"))
    except ValueError as exc:
        raise ConfigError("CAREWATCH_MAX_FILE_MB must be a number", code="CW103",
                          hint="e.g. CAREWATCH_MAX_FILE_MB=50") from exc
    db_url = env.get("CAREWATCH_DATABASE_URL", "") or f"sqlite:///{home / 'carewatch.sqlite3'}"
    return Settings(
        home=home,
        database_url=db_url,
        env=mode,
        secret_key=secret,
        max_file_bytes=int(max_mb * 1024 * 1024),
        operator=env.get("CAREWATCH_OPERATOR") or _login_name(),
    )


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "unknown"
