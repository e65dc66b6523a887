"""Human decisions applied on read: machine labels plus reviewers' verdicts → what we rely on.

Sits between the store (``Report.extraction`` written by the pipeline, ``LabelDecision`` rows
written by reviewers) and every reader (report view, incidents, exports). Pure functions over
plain dicts, no Django, so a pipeline re-run never loses a decision: it is matched again by
the label's key, not by its position.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

from carewatch.errors import CarewatchError
from carewatch.model import vocab
from carewatch.model.dates import PartialDate

KINDS: tuple[str, ...] = ("violations", "places", "event_dates", "victim_groups", "actors", "attribution")
#: CSS class suffix of each kind's <mark> (``hl-violation`` ...).
HL_CLASS: dict[str, str] = {"violations": "violation", "places": "place", "event_dates": "date",
                            "victim_groups": "victim", "actors": "actor", "attribution": "attribution"}
DECISIONS: tuple[str, ...] = ("accept", "correct", "reject")
ADDABLE: tuple[str, ...] = ("violations", "places", "event_dates")
OBLAST_RE = re.compile(r"^UA-\d{2}$")


class ReviewError(CarewatchError):
    """A decision that cannot be stored as given (unknown kind, code, date...)."""

    code = "CW440"


def label_key(kind: str, label: dict[str, Any]) -> str:
    """A name for the label that survives re-runs: its kind and identifying value."""
    if label.get("_added_key"):
        return str(label["_added_key"])
    ident: Any
    if kind in ("violations", "victim_groups"):
        ident = label.get("code")
    elif kind == "places":
        ident = label.get("katottg") or f"{label.get('oblast')}/{label.get('name')}"
    elif kind == "event_dates":
        ident = label.get("value")
    elif kind == "actors":
        ident = f"{label.get('role')}/{label.get('name') or ''}"
    else:
        ident = label.get("origin_id") or label.get("origin")
    return f"{kind}:{ident}"[:400]


def check_kind(kind: str, *, adding: bool = False) -> None:
    allowed = ADDABLE if adding else KINDS
    if kind not in allowed:
        raise ReviewError(f"unknown label kind {kind!r}", hint=f"one of {', '.join(allowed)}")


def clean_value(kind: str, value: dict[str, Any] | None) -> dict[str, Any]:
    """Validate a reviewer's corrected value for ``kind``; returns only the fields it sets."""
    value = value or {}
    if kind in ("violations", "victim_groups"):
        codes = vocab.violations().types if kind == "violations" else vocab.victim_groups()
        code = str(value.get("code", "")).strip()
        if code not in codes:
            raise ReviewError(f"unknown code {code!r}", hint="pick a code from the vocabulary list")
        return {"code": code}
    if kind == "places":
        return _clean_place(value)
    if kind == "event_dates":
        raw = str(value.get("value", "")).strip()
        try:
            date = PartialDate(raw)
        except ValueError:
            raise ReviewError(f"not a date: {raw!r}", hint="write YYYY, YYYY-MM or YYYY-MM-DD") from None
        return {"value": date.value, "precision": date.precision}
    if kind == "actors":
        role = str(value.get("role", "")).strip()
        if role not in vocab.actor_roles():
            raise ReviewError(f"unknown actor role {role!r}", hint="pick a role from the list")
        return {"role": role, "name": (str(value.get("name") or "").strip() or None)}
    origin = str(value.get("origin", "")).strip()[:300]
    if not origin:
        raise ReviewError("the origin is empty", hint="name who first reported it")
    return {"origin": origin, "origin_id": None}


def _clean_place(value: dict[str, Any]) -> dict[str, Any]:
    from carewatch.gazetteer.regions import REGIONS

    oblast = str(value.get("oblast", "")).strip()
    names = {r.iso: r.en[0] for r in REGIONS}
    if oblast not in names:
        raise ReviewError(f"unknown oblast {oblast!r}", hint="pick an oblast (ISO 3166-2:UA code)")
    settlement = str(value.get("settlement") or "").strip()[:200] or None
    out: dict[str, Any] = {"oblast": oblast, "settlement": settlement, "name": settlement or names[oblast],
                           "precision": "settlement" if settlement else "oblast"}
    # The machine's codes and coordinates belonged to the old place: drop them.
    out.update({"katottg": None, "lat": None, "lon": None, "raion": None})
    return out


def review_rows(extraction: dict[str, Any] | None,
                decisions: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Every label by kind, with decisions applied and a ``review`` block describing them.

    Rows keep machine order, then added labels in the order they were added; the position of
    a row in its kind's list is the ``index`` that ``decide_label`` takes. Rejected labels stay
    (status ``rejected``) so a reviewer can change their mind.
    """
    data = extraction or {}
    latest: dict[str, list[dict[str, Any]]] = {}
    added: list[dict[str, Any]] = []
    for d in decisions:
        latest.setdefault(d["key"], []).append(d)
        if d["decision"] == "add":
            added.append(d)
    out: dict[str, list[dict[str, Any]]] = {}
    for kind in KINDS:
        rows = [copy.deepcopy(label) for label in data.get(kind) or [] if isinstance(label, dict)]
        rows += [{**copy.deepcopy(d.get("new") or {}), "_added_key": d["key"]}
                 for d in added if d["kind"] == kind]
        out[kind] = [_apply(kind, row, latest.get(label_key(kind, row), [])) for row in rows]
    return out


def _apply(kind: str, row: dict[str, Any], history: list[dict[str, Any]]) -> dict[str, Any]:
    key = label_key(kind, row)
    row.pop("_added_key", None)
    status, last = ("added", history[0]) if history and history[0]["decision"] == "add" else ("machine", None)
    original = copy.deepcopy(row)
    corrected = False
    for d in history:
        if d["decision"] == "correct":
            row.update(d.get("new") or {})
            corrected = True
            status, last = "corrected", d
        elif d["decision"] == "accept":  # also how a rejected label is restored
            status, last = ("corrected" if corrected else "accepted"), d
        elif d["decision"] == "reject":
            status, last = "rejected", d
    row["review"] = {
        "key": key, "kind": kind, "status": status,
        "by": last["actor"] if last else None, "at": last["at"] if last else None,
        "note": last["note"] if last else "",
        "original": original if corrected else None,
        "history": history,
    }
    return row


def effective(extraction: dict[str, Any] | None, decisions: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The extraction with decisions applied and rejected labels left out (what others rely on)."""
    data = copy.deepcopy(extraction) if extraction else {}
    rows = review_rows(extraction, decisions)
    for kind in KINDS:
        data[kind] = [r for r in rows[kind] if r["review"]["status"] != "rejected"]
        for r in data[kind]:
            r["review"] = {k: r["review"][k] for k in ("status", "by", "at")}
    if data:
        data["relevant"] = bool(data.get("relevant")) or any(
            r["review"]["status"] == "added" for r in data["violations"])
    return data


def counts(rows: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """How many labels there are and how many a human has decided on."""
    all_rows = [r for kind in KINDS for r in rows.get(kind, [])]
    decided = sum(1 for r in all_rows if r["review"]["status"] != "machine")
    return {"labels": len(all_rows), "decided": decided, "pending": len(all_rows) - decided}
