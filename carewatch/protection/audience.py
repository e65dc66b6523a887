"""Redaction by audience, applied once at the boundary (exports and API responses).

Every record that leaves carewatch passes through one :class:`Redactor`:
- ``internal``: everything, for roles allowed to see personal data;
- ``partner``: persons pseudonymised (stable within one export, unlinkable across exports),
  only items whose consent allows sharing;
- ``public``: no persons, no free-text narratives, places coarsened to raion or oblast and
  dates to the month (as WHO SSA publishes).
Exporters never redact on their own; they hand records to the Redactor. Free text that
partner and public audiences do see (titles, evidence quotes, narratives for partners) goes
through the PII detector (``protection.pii``), which replaces names, phones, emails,
addresses, document numbers and diagnoses tied to a person with ``[KIND]`` tokens.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from carewatch.protection import pii

AUDIENCES: tuple[str, ...] = ("public", "partner", "internal")
PERSON_FIELDS = ("persons", "person", "witness", "victims_named")
FREE_TEXT_FIELDS = ("narrative", "notes_internal", "comments", "place_text")
STAFF_FIELDS = ("created_by", "assignee", "history", "comments", "notes_internal")
SCANNED_TEXT = frozenset({"narrative", "title", "text", "sentence", "chain", "summary", "certainty_reason",
                          "quote", "excerpt", "snippet", "lead", "name", "origin", "place", "reason"})
COARSE_PRECISIONS = ("raion", "oblast", "country")
PATH_FIELDS = frozenset({"source", "file", "path"})
LOCAL_SOURCE = "local file"


def outward_source(value: str) -> str:
    """A source as it may leave the installation: web addresses stay, local paths do not.

    A file path names the documenter's folders and often the witness ("interview_ivanova.txt").
    """
    return value if value.startswith(("http://", "https://")) else LOCAL_SOURCE


class Redactor:
    def __init__(self, audience: str = "public", *, salt: bytes | None = None) -> None:
        if audience not in AUDIENCES:
            raise ValueError(f"unknown audience {audience!r}; one of {', '.join(AUDIENCES)}")
        self.audience = audience
        self._salt = salt or secrets.token_bytes(32)  # fresh per export: pseudonyms don't link

    def pseudonym(self, identity: str) -> str:
        digest = hmac.new(self._salt, identity.casefold().encode(), hashlib.sha256).hexdigest()
        return f"P-{digest[:8].upper()}"

    def record(self, rec: dict[str, Any]) -> dict[str, Any] | None:
        """The record as this audience may see it, or None when it may not see it at all."""
        if self.audience == "internal":
            return dict(rec)
        consent = rec.get("consent") or {}
        if rec.get("kind") == "testimony":
            key = "share_partners" if self.audience == "partner" else "publish_anonymised"
            if not consent.get(key):
                return None
        out = dict(rec)
        for name in PERSON_FIELDS:
            if name in out:
                out[name] = self._persons(out[name])
        for name in STAFF_FIELDS:
            out.pop(name, None)
        if self.audience == "public":
            for name in (*PERSON_FIELDS, *FREE_TEXT_FIELDS):
                out.pop(name, None)
            if rec.get("kind") == "testimony":
                out.pop("place", None)  # may be an exact address; the labels keep coarse places
            if "places" in out:
                out["places"] = [coarsen_place(p) for p in out["places"] or []]
            for name in ("first_date", "last_date", "event_date", "date"):
                if isinstance(out.get(name), str):
                    out[name] = out[name][:7]
            if "dates" in out:
                out["dates"] = sorted({d[:7] for d in out["dates"] or [] if isinstance(d, str)})
        scrubbed: dict[str, Any] = self._scrub(out)
        return scrubbed

    def text(self, value: str) -> str:
        """Free text as this audience may read it (unchanged for internal)."""
        return value if self.audience == "internal" else pii.redact(value)

    def _scrub(self, value: Any, key: str = "") -> Any:
        """Run the PII detector over every free-text field, however deeply nested."""
        if isinstance(value, dict):
            return {k: self._scrub(v, k) for k, v in value.items() if k not in PERSON_FIELDS} | {
                k: v for k, v in value.items() if k in PERSON_FIELDS}
        if isinstance(value, list):
            return [self._scrub(v, key) for v in value]
        if isinstance(value, str) and key in PATH_FIELDS:
            return outward_source(value)
        if isinstance(value, str) and key in SCANNED_TEXT:
            return pii.redact(value)
        return value

    def _persons(self, value: Any) -> Any:
        if self.audience == "public":
            return None
        if isinstance(value, list):
            return [self._persons(v) for v in value]
        if isinstance(value, dict):
            ident = str(value.get("id") or value.get("name") or "")
            return {"pseudonym": self.pseudonym(ident)} if ident else {}
        if isinstance(value, str):
            return self.pseudonym(value)
        return None


def coarsen_place(place: dict[str, Any]) -> dict[str, Any]:
    """Keep a place at raion precision at most: no settlement, no point coordinates."""
    out: dict[str, Any] = {k: place.get(k) for k in ("raion", "oblast", "oblast_name", "raion_name") if k in place}
    out["precision"] = "raion" if place.get("raion") else ("oblast" if place.get("oblast") else "country")
    out["name"] = place.get("raion_name") or place.get("raion") or place.get("oblast_name") or place.get("oblast")
    return out
