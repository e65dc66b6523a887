"""Mask personal data inside a machine extraction built from a testimony's plaintext.

The pipeline runs on the plaintext so labels are as good as for any report; what is stored is
this masked copy: each evidence ``text`` is re-cut from the same-length masked text (so the
evidence rule ``text == Report.text[start:end]`` still holds), and every other string (sentence,
actor name, attribution origin) has the personal-data strings masked and is checked again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from carewatch.protection import pii


def mask_extraction(extraction: dict[str, Any], plain: str, masked: str,
                    findings: Sequence[pii.Finding], known: Sequence[str]) -> dict[str, Any]:
    secrets_ = sorted({plain[f.start:f.end] for f in findings if f.end > f.start}, key=len, reverse=True)
    result = _walk(extraction, masked, secrets_, known)
    assert isinstance(result, dict)
    return result


def _walk(value: Any, masked: str, secrets_: list[str], known: Sequence[str]) -> Any:
    if isinstance(value, dict):
        out = {k: _walk(v, masked, secrets_, known) for k, v in value.items()}
        if _is_span(value):
            out["text"] = masked[value["start"]:value["end"]]
        return out
    if isinstance(value, list):
        return [_walk(v, masked, secrets_, known) for v in value]
    if isinstance(value, str):
        return mask_string(value, secrets_, known)
    return value


def _is_span(value: dict[str, Any]) -> bool:
    return isinstance(value.get("start"), int) and isinstance(value.get("end"), int) and "text" in value


def mask_string(text: str, secrets_: Sequence[str], known: Sequence[str] = ()) -> str:
    """Mask each known secret string, then anything the detector still finds."""
    for secret in secrets_:
        text = text.replace(secret, pii.MASK * len(secret))
    return pii.redact(text, same_length=True, known=known)
