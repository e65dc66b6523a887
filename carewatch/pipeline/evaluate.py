"""Score extraction output against hand-made gold labels (GUIDE convention 10).

Sits after the pipeline: it takes the JSON shape of ``carewatch extract`` (``Extraction.to_dict``)
and gold rows (``tests/gold/gold.jsonl``) and returns the figures the project reports and gates
on: relevance accuracy, micro precision/recall/F1 per field, and evidence validity. Pure
functions over plain data, so the gold gate, a benchmark script and a notebook agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

FIELDS: tuple[str, ...] = ("violations", "oblasts", "origins", "event_dates", "victim_groups")
_NON_WORD = re.compile(r"[^\w']+")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


def normalise(name: str) -> str:
    """Case-, width- and punctuation-insensitive form used to compare source names."""
    folded = unicodedata.normalize("NFKC", name).casefold().translate(_APOSTROPHES)
    return _NON_WORD.sub(" ", folded).strip()


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """All figures for one run over a gold set."""

    docs: int = 0
    missing: int = 0
    relevant_ok: int = 0
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    per_code: dict[str, Counts] = field(default_factory=dict)
    spans: int = 0
    spans_ok: int = 0

    @property
    def relevance_accuracy(self) -> float:
        return self.relevant_ok / self.docs if self.docs else 0.0

    @property
    def evidence_valid(self) -> float:
        """Share of valid spans; 0.0 when there are none (no evidence is not good evidence)."""
        return self.spans_ok / self.spans if self.spans else 0.0

    def figures(self) -> dict[str, float]:
        """Flat ``name -> value`` (e.g. ``violations.f1``): the keys ``floors.json`` pins."""
        out = {"relevance_accuracy": self.relevance_accuracy, "evidence_valid": self.evidence_valid}
        for name, c in self.fields.items():
            out |= {f"{name}.p": c.precision, f"{name}.r": c.recall, f"{name}.f1": c.f1}
        return {k: round(v, 3) for k, v in out.items()}


def origin_matches(predicted: str, aliases: Iterable[str]) -> bool:
    """True when the predicted source equals, contains or is contained in an alias (whole words).

    Containment needs an alias longer than three characters, so "ЦНС" matches only exactly.
    """
    p = normalise(predicted)
    if not p:
        return False
    for alias in map(normalise, aliases):
        if alias == p:
            return True
        if len(alias) > 3 and (f" {alias} " in f" {p} " or f" {p} " in f" {alias} "):
            return True
    return False


def date_matches(predicted: str, gold: str) -> bool:
    """A predicted date names the gold one at the gold precision or finer (2023-08-14 ~ 2023-08)."""
    return predicted.startswith(gold)


def _set_counts(pred: set[str], gold: set[str]) -> tuple[int, int, int]:
    return len(pred & gold), len(pred - gold), len(gold - pred)


def origin_counts(predicted: Iterable[str], gold: Sequence[Sequence[str]]) -> tuple[int, int, int]:
    """Greedy one-to-one matching of distinct predicted sources to gold alias lists."""
    used: set[int] = set()
    tp = fp = 0
    for name in sorted({normalise(p) for p in predicted if normalise(p)}):
        hit = next((i for i, al in enumerate(gold) if i not in used and origin_matches(name, al)), None)
        if hit is None:
            fp += 1
        else:
            used.add(hit)
            tp += 1
    return tp, fp, len(gold) - len(used)


def date_counts(predicted: Iterable[str], gold: Iterable[str]) -> tuple[int, int, int]:
    """Gold dates hit by some prediction; predictions that hit no gold date are false positives."""
    pred, gold_set = set(predicted), set(gold)
    hit_gold = {g for g in gold_set if any(date_matches(p, g) for p in pred)}
    hit_pred = {p for p in pred if any(date_matches(p, g) for g in gold_set)}
    return len(hit_gold), len(pred - hit_pred), len(gold_set - hit_gold)


def _origin_names(pred: Mapping[str, Any]) -> list[str]:
    names = []
    for item in pred.get("attribution", []):
        origin = item.get("origin")
        names.append(str(origin.get("name") or "") if isinstance(origin, dict) else str(origin or ""))
    return names


def _labelled(pred: Mapping[str, Any]) -> dict[str, set[str]]:
    return {
        "violations": {str(v["code"]) for v in pred.get("violations", [])},
        "oblasts": {str(p["oblast"]) for p in pred.get("places", []) if p.get("oblast")},
        "victim_groups": {str(v["code"]) for v in pred.get("victim_groups", [])},
    }


def evidence_spans(pred: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    """Every evidence object under any label list of an extraction."""
    for key in ("violations", "places", "event_dates", "victim_groups", "actors", "attribution"):
        for item in pred.get(key, []):
            yield from item.get("evidence", [])


def span_valid(ev: Mapping[str, Any], text: str) -> bool:
    """The span's text must equal the original text at its offsets, and not be empty."""
    start, end, quoted = ev.get("start"), ev.get("end"), ev.get("text")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(quoted, str)):
        return False
    return 0 <= start < end <= len(text) and text[start:end] == quoted


def score_one(scores: Scores, gold: Mapping[str, Any], pred: Mapping[str, Any] | None, text: str) -> None:
    """Add one document's comparison to ``scores`` (a missing prediction counts as empty)."""
    scores.docs += 1
    if pred is None:
        scores.missing += 1
        pred = {}
    scores.relevant_ok += bool(pred.get("relevant")) == bool(gold.get("relevant"))
    labelled = _labelled(pred)
    for name in ("violations", "oblasts", "victim_groups"):
        scores.fields[name].add(*_set_counts(labelled[name], set(gold.get(name, []))))
    for code in labelled["violations"] | set(gold.get("violations", [])):
        counts = scores.per_code.setdefault(code, Counts())
        counts.add(*_set_counts(labelled["violations"] & {code}, set(gold.get("violations", [])) & {code}))
    scores.fields["origins"].add(*origin_counts(_origin_names(pred), gold.get("origins", [])))
    dates = [str(d["value"]) for d in pred.get("event_dates", []) if d.get("value")]
    scores.fields["event_dates"].add(*date_counts(dates, gold.get("event_dates", [])))
    for ev in evidence_spans(pred):
        scores.spans += 1
        scores.spans_ok += span_valid(ev, text)


def pair(predictions: Iterable[Mapping[str, Any]], gold_file: str) -> Mapping[str, Any] | None:
    """The prediction whose ``file`` path ends with the gold row's relative ``file``."""
    want = PurePath(gold_file).parts
    for pred in predictions:
        parts = PurePath(str(pred.get("file") or "")).parts
        if parts[-len(want):] == want:
            return pred
    return None


def score(predictions: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]],
          texts: Mapping[str, str]) -> Scores:
    """Score extraction dicts against gold rows; ``texts`` maps each gold ``file`` to its original text."""
    scores = Scores()
    for row in gold:
        file = str(row["file"])
        score_one(scores, row, pair(predictions, file), texts.get(file, ""))
    return scores


def below_floors(figures: Mapping[str, float], floors: Mapping[str, float]) -> dict[str, tuple[float, float]]:
    """Figures under their pinned floor, as ``name -> (value, floor)``; a missing figure counts as 0."""
    return {k: (figures.get(k, 0.0), f) for k, f in floors.items() if figures.get(k, 0.0) < f}
