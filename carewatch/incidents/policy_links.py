"""Policies found in reports, stored once per rule, and the incidents each one explains.

A policy statement is detected in a report's clean text (``pipeline.stages.policies.detect``,
evidence mapped to the original through the stored offset map). The same rule told by several
reports is one Policy (requirement + effective date + territory) with all of them as sources.
An incident is linked when it shares a report with the policy, or when it is a denial of the
kind the rule causes in the rule's territory, on or after the date it took effect.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from carewatch.incidents.facts import ReportFacts
from carewatch.pipeline.offsets import OffsetMap
from carewatch.pipeline.stages.policies import DEFAULT_GROUPS, detect
from carewatch.store.incidentdb import models as m
from carewatch.store.models import Report

EXPLAINS = {"oms_policy": {"care_denied_documents"}, "russian_passport": {"care_denied_documents",
                                                                         "forced_passportization"},
            "army_contract": {"medicine_for_enlistment", "forced_conscription"}}


def vectors_policies(report: Report, facts: ReportFacts) -> list[dict[str, Any]]:
    """Policy statements of one stored report, with evidence located in the original text."""
    text = report.clean_text or report.text
    offsets = OffsetMap.from_list(report.offsets) if report.offsets else OffsetMap.identity(len(text))
    out: dict[tuple[str, str | None], dict[str, Any]] = {}
    for f in detect(text):
        s, e = offsets.span(f.start, f.end)
        item = out.setdefault((f.requirement, f.effective_date), {
            "requirement": f.requirement, "issuer": f.issuer, "effective_date": f.effective_date,
            "affected_groups": ([g for g in facts.victim_groups if g == "passportless_residents"]
                                or DEFAULT_GROUPS[f.requirement]),
            "territory": sorted(facts.oblasts), "evidence": []})
        item["issuer"] = item["issuer"] or f.issuer
        item["evidence"].append({"start": s, "end": e, "text": report.text[s:e]})
    return list(out.values())


def _key(p: dict[str, Any]) -> str:
    return f"{p['requirement']}|{p.get('effective_date') or ''}|{','.join(p.get('territory') or [])}"


def upsert_policies(report_ids: Iterable[int | str]) -> None:
    """Create or extend the Policy rows stated in these reports."""
    for row in m.ReportFacts.objects.filter(report_id__in=list(report_ids)).order_by("report_id"):
        for p in row.policies:
            policy, _ = m.Policy.objects.get_or_create(key=_key(p), defaults={
                "issuer": p.get("issuer") or "", "requirement": p["requirement"],
                "affected_groups": p.get("affected_groups") or [], "territory": p.get("territory") or [],
                "effective_date": p.get("effective_date") or ""})
            if row.report_id not in policy.sources:
                policy.sources = [*policy.sources, row.report_id]
                policy.evidence = [*policy.evidence, *({**e, "report": row.report_id} for e in p["evidence"])]
                policy.issuer = policy.issuer or p.get("issuer") or ""
                policy.save()


def explains(policy: m.Policy, record: dict[str, Any], report_ids: set[int]) -> bool:
    if report_ids & set(policy.sources):
        return True
    if not set(record.get("violations") or []) & EXPLAINS.get(policy.requirement, set()):
        return False
    if not set(policy.territory) & set(record.get("oblasts") or []):
        return False
    last = record.get("last_date") or ""
    start = policy.effective_date
    return bool(start and last) and last >= start[: len(last)]


def link_policies(incident: m.Incident) -> None:
    """Link ``incident`` to every policy that explains it (and unlink the rest)."""
    report_ids = {r["id"] for r in incident.record.get("reports", [])}
    wanted = [p for p in m.Policy.objects.all() if explains(p, incident.record, report_ids)]
    incident.policies.set(wanted)
    ids = sorted(p.pk for p in wanted)
    if incident.record.get("policies") != ids:
        incident.record = {**incident.record, "policies": ids}
        m.Incident.objects.filter(pk=incident.pk).update(record=incident.record)
