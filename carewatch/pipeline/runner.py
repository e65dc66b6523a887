"""Run registered stages over a Document after checking their order.

The check happens before any stage runs: a stage whose inputs no earlier stage provides is a
configuration error, not a crash halfway through a batch.
"""

from __future__ import annotations

from collections.abc import Sequence

from carewatch.errors import PipelineError
from carewatch.pipeline import registry
from carewatch.pipeline.document import Document

BASE_FIELDS = frozenset({"text", "media_type"})

DEFAULT_STAGES: tuple[str, ...] = (
    "clean",
    "language",
    "violations",
    "victims",
    "actors",
    "dates",
    "places",
    "policies",
    "attribution",
    "relevance",
)
INTAKE_STAGES: tuple[str, ...] = ("clean", "language")


def check_order(names: Sequence[str], *, have: frozenset[str] = BASE_FIELDS) -> list[registry.StageSpec]:
    """Resolve stage names and verify each one's requirements are met by earlier stages."""
    specs = [registry.get(n) for n in names]
    available = set(have)
    for spec in specs:
        missing = [r for r in spec.requires if r not in available]
        if missing:
            raise PipelineError(
                f"stage {spec.name!r} requires {', '.join(missing)}, which no earlier stage provides",
                code="CW303",
                hint="reorder the stages or add the stage that provides it",
            )
        available |= set(spec.provides)
    return specs


def run(doc: Document, names: Sequence[str] = DEFAULT_STAGES) -> Document:
    """Run the named stages in order on ``doc`` (mutated and returned)."""
    have = frozenset(doc.provided() | BASE_FIELDS)
    todo = [n for n in names if registry.get(n).versioned != _done(doc, n)]
    for spec in check_order(todo, have=have):
        spec.func(doc)
        doc.versions[spec.name] = spec.versioned
    return doc


def _done(doc: Document, name: str) -> str | None:
    return doc.versions.get(name)


def run_text(text: str, *, media_type: str = "text/plain", names: Sequence[str] = DEFAULT_STAGES,
             **meta: str | None) -> Document:
    """Convenience: build a Document from text and run the pipeline on it."""
    doc = Document(text=text, media_type=media_type, **meta)  # type: ignore[arg-type]
    return run(doc, names)
