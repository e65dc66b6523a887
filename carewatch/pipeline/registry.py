"""Stage registry: each stage registers by name and version with what it requires and provides.

Modelled on spaCy's component registry: a stage is looked up by name, its versioned name
(``violations.v1``) is recorded on every result so an old coding can be reproduced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from carewatch.errors import PipelineError
from carewatch.pipeline.document import Document

StageFunc = Callable[[Document], None]
F = TypeVar("F", bound=StageFunc)


@dataclass(frozen=True)
class StageSpec:
    name: str
    version: str
    func: StageFunc
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    @property
    def versioned(self) -> str:
        return f"{self.name}.{self.version}"


_REGISTRY: dict[str, StageSpec] = {}


def stage(name: str, *, version: str, requires: tuple[str, ...] = (),
          provides: tuple[str, ...] = ()) -> Callable[[F], F]:
    """Register ``func`` as pipeline stage ``name``; it mutates the Document it is given."""

    def decorate(func: F) -> F:
        old = _REGISTRY.get(name)
        if old is not None and old.func is not func and old.version == version:
            raise PipelineError(f"stage {name!r} version {version} registered twice", code="CW301",
                                hint="bump the version when a stage's behaviour changes")
        _REGISTRY[name] = StageSpec(name, version, func, tuple(requires), tuple(provides))
        return func

    return decorate


def get(name: str) -> StageSpec:
    _load_builtin()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise PipelineError(f"unknown pipeline stage {name!r}", code="CW302",
                            hint=f"known stages: {known}") from None


def names() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


def _load_builtin() -> None:
    import carewatch.pipeline.stages  # noqa: F401 - importing registers the built-in stages
