"""One root exception for everything carewatch reports to a user.

Every error has a stable ``code`` that scripts can rely on, a message saying what was wrong,
and a hint saying what to do about it (GUIDE convention 7).
"""

from __future__ import annotations


class CarewatchError(Exception):
    """Base of every error carewatch raises on purpose."""

    code = "CW000"
    hint = ""

    def __init__(self, message: str, *, code: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if hint is not None:
            self.hint = hint

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "hint": self.hint}

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ConfigError(CarewatchError):
    """The environment or settings are wrong; nothing was changed."""

    code = "CW100"


class IntakeError(CarewatchError):
    """An input could not be read or decoded; its bytes are still preserved."""

    code = "CW200"


class PipelineError(CarewatchError):
    """The pipeline is misconfigured (stage order, unknown stage) or a stage failed."""

    code = "CW300"


class NotFoundError(CarewatchError):
    """A record asked for by id does not exist."""

    code = "CW404"


class PermissionDenied(CarewatchError):
    """The acting user's role does not allow this action."""

    code = "CW403"


class IntegrityError(CarewatchError):
    """Stored data no longer matches its recorded hash or chain."""

    code = "CW500"
