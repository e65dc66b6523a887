"""Stage ``policies``: statements of rules an occupation authority imposed on medical care.

"From 1 January 2026 non-emergency care only with an OMS policy" is not one incident but the
rule behind many; incidents link to it (``carewatch.incidents.policy_links``). A sentence is a
policy statement when it names a requirement (OMS policy, Russian passport, army contract),
restricts care to those who meet it ("only", "лише", "только") and reads as a rule (an
effective date, or words such as "rule", "order", "запровадила", "ввела"). Runs after
``places``; ``detect`` is pure so stored reports can be re-read without the pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from carewatch.model.evidence import Evidence
from carewatch.pipeline.dates.months import MONTH, month_number
from carewatch.pipeline.document import Document
from carewatch.pipeline.registry import stage

_I = re.IGNORECASE
REQUIREMENTS: dict[str, re.Pattern[str]] = {
    "oms_policy": re.compile(r"\bОМС\b|\bOMS\b|обов['’]?язков\w* медичн\w* страхуван|"
                             r"обязательн\w* медицинск\w* страхован|(?:medical\s+)?insurance\s+polic", _I),
    "russian_passport": re.compile(r"(?:російськ\w*|российск\w*|Russian)\s+паспорт\w*|паспорт\w*\s+(?:РФ|Росії|России)|"
                                   r"Russian\s+passport|Russian\s+citizenship|російськ\w* громадянств|"
                                   r"российск\w* гражданств", _I),
    "army_contract": re.compile(r"контракт\w*\s+(?:з|с)\s+(?:армі|ЗС\s*РФ|Міноборони|Минобороны)|"
                                r"contract\s+with\s+the\s+Russian\s+(?:army|military)", _I),
}
_ONLY = re.compile(r"\b(?:лише|тільки|виключно|винятково|только|исключительно|only|exclusively)\b", _I)
_RULE = re.compile(r"правил|порядок|порядк|наказ|постанов|розпоряджен|запровад|указ|ввел|ввела|ввели|"
                   r"приказ|распоряжен|\brule[sd]?\b|\border\b|decree|introduc|requir|mandator|regulation", _I)
_DATE = re.compile(rf"(?:\b(?:з|із|від|с|со|from|starting|as\s+of|since)\s+)"
                   rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{MONTH})|(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}}),?)\s+(?P<y>\d{{4}})")
_ISSUER = re.compile(
    r"(?:окупаційн\w*|оккупационн\w*|так\s+зван\w*|т\.\s?зв\.|так\s+называем\w*|occupation|"
    r"so-called|Russian-installed)\s+(?:\w+\s+){0,2}?"
    r"(?:адміністраці\w*|администраци\w*|влад\w*|власт\w*|міністерств\w*|министерств\w*|"
    r"administration|authorities|ministry|government|уряд\w*|правительств\w*)"
    r"(?:\s+(?:охорони\s+здоров['’]я|здравоохранения|of\s+health))?(?-i:\s+(?:in\s+)?[A-ZА-ЯІЇЄҐ][\w'’-]+)?", _I)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
DEFAULT_GROUPS = {"oms_policy": ["uninsured_residents"], "russian_passport": ["passportless_residents"],
                  "army_contract": ["men_military_age"]}


@dataclass
class PolicyLabel:
    requirement: str
    issuer: str
    effective_date: str | None
    affected_groups: list[str]
    territory: list[str]
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        return {"requirement": self.requirement, "issuer": self.issuer,
                "effective_date": self.effective_date, "affected_groups": list(self.affected_groups),
                "territory": list(self.territory),
                "evidence": [e.to_dict(explain=explain) for e in self.evidence]}


@dataclass(frozen=True)
class Found:
    """One policy statement in clean text: the sentence span and what it says."""

    start: int
    end: int
    requirement: str
    issuer: str
    effective_date: str | None


def detect(text: str, sentences: list[tuple[int, int]] | None = None) -> list[Found]:
    """Policy statements in ``text`` (sentence spans; a simple splitter when none are given)."""
    spans = sentences or [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
    out: list[Found] = []
    for s, e in spans:
        sentence = text[s:e]
        if not _ONLY.search(sentence):
            continue
        when = effective_date(sentence)
        if when is None and not _RULE.search(sentence):
            continue
        issuer = _ISSUER.search(sentence)
        for code, pattern in REQUIREMENTS.items():
            if pattern.search(sentence):
                out.append(Found(s, e, code, issuer.group().strip() if issuer else "", when))
    return out


def effective_date(sentence: str) -> str | None:
    """'з 1 січня 2026' / 'с 1 января 2026' / 'from 1 January 2026' → '2026-01-01'."""
    m = _DATE.search(sentence)
    if m is None:
        return None
    month = month_number(m.group("m1") or m.group("m2"))
    day = int(m.group("d1") or m.group("d2"))
    if month is None or not 1 <= day <= 31:
        return None
    return f"{int(m.group('y')):04d}-{month:02d}-{day:02d}"


@stage("policies", version="v1", requires=("clean_text", "sentences", "places"), provides=("policies",))
def policies(doc: Document) -> None:
    """Write ``doc.labels["policies"]``: one PolicyLabel per requirement stated as a rule."""
    territory = sorted({p.oblast for p in doc.labels.get("places", []) if getattr(p, "oblast", None)})
    groups = [v.code for v in doc.labels.get("victim_groups", [])]
    merged: dict[tuple[str, str | None], PolicyLabel] = {}
    for f in detect(doc.clean_text, doc.sentences):
        label = merged.get((f.requirement, f.effective_date))
        if label is None:
            affected = [g for g in groups if g == "passportless_residents"] or DEFAULT_GROUPS[f.requirement]
            label = PolicyLabel(f.requirement, f.issuer, f.effective_date, affected, territory)
            merged[(f.requirement, f.effective_date)] = label
        label.issuer = label.issuer or f.issuer
        label.evidence.append(doc.evidence(f.start, f.end, rule=f"policies.v1:{f.requirement}"))
    doc.labels["policies"] = list(merged.values())
