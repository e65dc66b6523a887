"""Extraction quality gate (GUIDE convention 10): the real pipeline over tests/gold vs pinned floors.

The first tests check that the gold set itself is well-formed; the gate runs every gold document
through ``carewatch.pipeline.run`` in-process, scores it with ``carewatch.pipeline.evaluate`` and
fails when any figure drops below its floor in ``tests/gold/floors.json``. Figures are printed so
a CI log shows them (run with ``-s`` or read the captured output on failure).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from carewatch.cli.common import read_document
from carewatch.model.dates import PartialDate
from carewatch.pipeline import DEFAULT_STAGES, check_order, evaluate, registry, run
from carewatch.pipeline.extract import to_extraction
from carewatch.pipeline.runner import BASE_FIELDS

GOLD = Path(__file__).parent / "gold"
VIOLATIONS = {"care_denied_documents", "medicine_for_enlistment", "forced_conscription",
              "forced_passportization", "medicine_shortage", "facility_militarized",
              "patient_deportation", "health_worker_coercion", "attack_on_health_care"}
OBLASTS = {"UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26", "UA-30",
           "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53", "UA-56", "UA-59",
           "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77"}
VICTIMS = {"hiv_positive", "chronic_illness", "infectious_disease", "children", "elderly", "disabled",
           "pregnant_women", "passportless_residents", "men_military_age", "health_workers", "patients",
           "psychiatric_patients"}


def _rows() -> list[dict[str, Any]]:
    lines = (GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def test_gold_rows_are_well_formed() -> None:
    rows = _rows()
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert (GOLD / r["file"]).is_file(), r["id"]
        assert r["language"] in {"uk", "ru", "en"} and r["id"].startswith(r["language"])
        assert r["relevant"] == bool(r["violations"]), r["id"]
        assert set(r["violations"]) <= VIOLATIONS, r["id"]
        assert set(r["oblasts"]) <= OBLASTS, r["id"]
        assert set(r["victim_groups"]) <= VICTIMS, r["id"]
        assert all(isinstance(o, list) and o and all(isinstance(a, str) for a in o) for o in r["origins"])
        for d in r["event_dates"]:
            PartialDate(d)  # raises on a malformed date
        assert 60 <= _words((GOLD / r["file"]).read_text(encoding="utf-8")) <= 350, r["id"]


def test_gold_set_is_balanced() -> None:
    rows = _rows()
    per_lang = Counter(r["language"] for r in rows)
    assert min(per_lang[lang] for lang in ("uk", "ru", "en")) >= 22
    assert sum(not r["relevant"] for r in rows) >= 12
    assert set().union(*(set(r["violations"]) for r in rows)) == VIOLATIONS


def _stages() -> list[str]:
    """The default stages that can run now: registered, with their inputs provided by earlier ones.

    While stages are still being written the gate scores the runnable subset (and says which
    are missing); once all are registered this is exactly ``DEFAULT_STAGES``.
    """
    known, have, todo = set(registry.names()), set(BASE_FIELDS), []
    for name in DEFAULT_STAGES:
        spec = registry.get(name) if name in known else None
        if spec is not None and set(spec.requires) <= have:
            todo.append(name)
            have |= set(spec.provides)
    assert todo == list(DEFAULT_STAGES), f"not every default stage can run; registered: {sorted(known)}"
    check_order(todo)
    return todo


def _extract_all(stages: list[str]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    preds, texts = [], {}
    for row in _rows():
        path = GOLD / row["file"]
        doc = read_document(path)
        run(doc, stages)
        preds.append(to_extraction(doc, file=str(path)).to_dict())
        texts[row["file"]] = doc.text
    return preds, texts


def test_extraction_meets_floors() -> None:
    stages = _stages()
    preds, texts = _extract_all(stages)
    scores = evaluate.score(preds, _rows(), texts)
    figures = scores.figures()
    missing = sorted(set(DEFAULT_STAGES) - set(stages))
    print(f"\ngold gate: {scores.docs} docs, stages {stages}" + (f", MISSING {missing}" if missing else ""))
    print(json.dumps(figures, indent=1, sort_keys=True))
    print("per-code f1:", {k: round(c.f1, 3) for k, c in sorted(scores.per_code.items())})
    floors = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))
    assert set(floors) <= set(figures), "floors.json names a figure the scorer does not produce"
    assert not evaluate.below_floors(figures, floors), evaluate.below_floors(figures, floors)
