"""The controlled vocabularies, loaded from the YAML files beside this module.

Violation types (with legal anchors and the cue rules that find them), victim groups and
perpetrator roles are data (GUIDE convention 3); the pipeline's rule stages and the docs read
them through these loaders, which parse each file once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

VOCAB_DIR = Path(__file__).resolve().parent
LANGS = ("uk", "en", "ru")


@dataclass(frozen=True)
class Rule:
    id: str
    all: tuple[str, ...]
    none: tuple[str, ...] = ()
    strength: float = 0.7
    standalone: bool = False  # names its perpetrator, so the document-level precondition is skipped


@dataclass(frozen=True)
class ViolationType:
    code: str
    labels: dict[str, str]
    definition: str
    legal: tuple[str, ...]
    who_ssa: str | None
    huridocs: tuple[str, ...]
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Guard:
    concept: str
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class CuedTerm:
    """A victim group or actor role: its labels and the cue lines that find it."""

    code: str
    labels: dict[str, str]
    cues: tuple[str, ...]
    implied_by: tuple[str, ...] = ()  # violation codes whose victims are in this group by definition
    within: int | None = None  # count a cue only this many sentences from one reporting a violation
    only_with: tuple[str, ...] = ()  # ... and only a violation of these codes (empty: any)


@dataclass(frozen=True)
class ViolationVocab:
    types: dict[str, ViolationType]
    concepts: dict[str, tuple[str, ...]]
    guards: tuple[Guard, ...] = ()
    document_requires: tuple[str, ...] = field(default=())


def _read(name: str) -> dict[str, Any]:
    data = yaml.safe_load((VOCAB_DIR / name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at the top level")
    return data


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in (value or []))


def _violation(code: str, raw: dict[str, Any]) -> ViolationType:
    rules = tuple(Rule(str(r["id"]), _strs(r["all"]), _strs(r.get("none")), float(r.get("strength", 0.7)),
                       bool(r.get("standalone", False)))
                  for r in raw.get("rules", []))
    return ViolationType(code, {k: str(v) for k, v in raw["labels"].items()}, str(raw["definition"]),
                         _strs(raw.get("legal")), raw.get("who_ssa"), _strs(raw.get("huridocs")), rules)


@lru_cache(maxsize=1)
def violations() -> ViolationVocab:
    """Violation types, shared cue concepts, sentence guards, document preconditions."""
    data = _read("violations.yaml")
    types = {code: _violation(code, raw) for code, raw in data["violations"].items()}
    concepts = {name: _strs(lines) for name, lines in data["concepts"].items()}
    guards = tuple(Guard(str(g["concept"]), _strs(g.get("unless"))) for g in data.get("guards", []))
    return ViolationVocab(types, concepts, guards, _strs(data.get("document_requires")))


def _cued(name: str, key: str) -> dict[str, CuedTerm]:
    data = _read(name)
    return {code: CuedTerm(code, {k: str(v) for k, v in raw["labels"].items()}, _strs(raw["cues"]),
                           _strs(raw.get("implied_by")),
                           None if raw.get("within") is None else int(raw["within"]),
                           _strs(raw.get("only_with")))
            for code, raw in data[key].items()}


@lru_cache(maxsize=1)
def victim_groups() -> dict[str, CuedTerm]:
    return _cued("victim_groups.yaml", "groups")


@lru_cache(maxsize=1)
def actor_roles() -> dict[str, CuedTerm]:
    return _cued("actors.yaml", "roles")
