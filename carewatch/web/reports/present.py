"""How labels read on the reports pages: names in the reader's language, choices for forms.

Presentation only (the web layer's side of ``carewatch.review.services``): the services hand
back codes and the raw label dicts; this turns them into words a reviewer scans quickly.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from carewatch.model import vocab
from carewatch.review.decisions import HL_CLASS
from carewatch.review.highlight import Span, render

KIND_TITLES: dict[str, Any] = {
    "violations": _("Violations"), "places": _("Places"), "event_dates": _("Dates"),
    "victim_groups": _("Victims"), "actors": _("Perpetrators"), "attribution": _("Reported by"),
}
STATUS_TITLES: dict[str, Any] = {
    "machine": _("machine"), "accepted": _("accepted"), "corrected": _("corrected"),
    "rejected": _("rejected"), "added": _("added by reviewer"),
}


def _lang() -> str:
    lang = (get_language() or "en")[:2]
    return lang if lang in vocab.LANGS else "en"


def violation_name(code: str) -> str:
    vt = vocab.violations().types.get(code)
    return vt.labels.get(_lang(), code) if vt else code


def victim_name(code: str) -> str:
    term = vocab.victim_groups().get(code)
    return term.labels.get(_lang(), code) if term else code


def actor_name(code: str) -> str:
    term = vocab.actor_roles().get(code)
    return term.labels.get(_lang(), code) if term else code


@lru_cache(maxsize=1)
def _oblasts() -> dict[str, str]:
    from carewatch.gazetteer.regions import REGIONS

    names = {r.iso: r.en[0] + (" (city)" if r.city else "") for r in REGIONS}
    return dict(sorted(names.items(), key=lambda kv: kv[1]))


def oblast_name(iso: str | None) -> str:
    return _oblasts().get(iso or "", iso or "")


def label_text(kind: str, row: dict[str, Any]) -> str:
    """One line naming the label: ``Care denied without documents``, ``Skadovsk (Kherson)``."""
    if kind == "violations":
        return violation_name(str(row.get("code")))
    if kind == "places":
        name = str(row.get("name") or row.get("settlement") or "")
        obl = oblast_name(row.get("oblast"))
        return f"{name} ({obl})" if obl and obl != name else name or obl
    if kind == "event_dates":
        return str(row.get("value"))
    if kind == "victim_groups":
        return victim_name(str(row.get("code")))
    if kind == "actors":
        return actor_name(str(row.get("role"))) + (f": {row['name']}" if row.get("name") else "")
    via = ", ".join(str(v) for v in row.get("via") or [])
    return str(row.get("origin")) + (f" → {via}" if via else "")


def choices() -> dict[str, list[tuple[str, str]]]:
    """Options of the correction and add forms, labelled in the reader's language."""
    lang = _lang()
    return {
        "violations": sorted(((c, t.labels.get(lang, c)) for c, t in vocab.violations().types.items()),
                             key=lambda kv: kv[1]),
        "victim_groups": [(c, t.labels.get(lang, c)) for c, t in vocab.victim_groups().items()],
        "actors": [(c, t.labels.get(lang, c)) for c, t in vocab.actor_roles().items()],
        "oblasts": list(_oblasts().items()),
    }


def decorate(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """Add display fields to a label row (its text, status title, the original's text)."""
    review = row["review"]
    original = review.get("original")
    css = HL_CLASS[kind]
    evidence = [{**ev, "sentence_html": _sentence_html(ev, css)} for ev in row.get("evidence") or []]
    return {**row, "kind": kind, "css": css, "evidence": evidence, "display": label_text(kind, row),
            "status_title": STATUS_TITLES.get(review["status"], review["status"]),
            "original_display": label_text(kind, original) if original else ""}


def _sentence_html(ev: dict[str, Any], css: str) -> SafeString:
    """The evidence sentence, escaped, with the evidence words marked inside it."""
    sentence, words = str(ev.get("sentence") or ev.get("text") or ""), str(ev.get("text") or "")
    at = sentence.find(words) if words else -1
    spans = [Span(at, at + len(words), css, "")] if at >= 0 else []
    return render(sentence, spans)
