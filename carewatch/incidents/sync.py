"""Keep the incident tables in step with processed reports (system side, no user checks).

``update_for_reports`` runs after ingest: it stores each new report's facts (MinHash signature
and e5 vector as bytes, computed once), rebuilds the LSH index and incident profiles in memory
from the stored rows, places only the new reports, and re-materialises the incidents touched.
``rebuild`` re-clusters everything on request, replaying human decisions (pinned memberships,
keep-apart pairs) and keeping incident ids where the membership overlaps. ``materialize``
saves the incident, which rewrites its dashboard facet rows (``store.incidentdb.facets``).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable

from django.db import transaction

from carewatch.incidents import fingerprint, records
from carewatch.incidents.clustering import Clusterer
from carewatch.incidents.facts import ReportFacts
from carewatch.incidents.policy_links import link_policies, upsert_policies, vectors_policies
from carewatch.incidents.similarity import Embedder, e5_embed
from carewatch.store.incidentdb import models as m
from carewatch.store.models import Report, ReportStatus


def embedder() -> Embedder | None:
    """The e5 model unless ``CAREWATCH_INCIDENT_EMBEDDINGS=0`` turns text similarity off."""
    return None if os.environ.get("CAREWATCH_INCIDENT_EMBEDDINGS", "1") == "0" else e5_embed


def _facts_of(report: Report) -> ReportFacts:
    f = ReportFacts.from_extraction(report.pk, report.extraction or {}, text=report.clean_text or report.text,
                                    source=report.url or report.source)
    f.title = report.title or f.title
    f.published = report.published or f.published
    return f


def store_facts(reports: Iterable[Report], *, refresh: bool = False) -> list[ReportFacts]:
    """Compute (or load) the stored facts of ``reports``; signatures are computed once."""
    out: list[ReportFacts] = []
    for report in reports:
        row = m.ReportFacts.objects.filter(report=report).first()
        if row is not None and not refresh:
            out.append(_from_row(row, report))
            continue
        f = _facts_of(report)
        sig = fingerprint.to_bytes(fingerprint.signature(f.text))
        emb = row.embedding if row is not None and row.facts.get("title") == f.title else None
        policies = vectors_policies(report, f)
        m.ReportFacts.objects.update_or_create(report=report, defaults={
            "facts": f.to_json(), "signature": sig, "embedding": emb, "policies": policies})
        f.signature, f.embedding = sig, (bytes(emb) if emb else None)
        out.append(f)
    return out


def _from_row(row: m.ReportFacts, report: Report) -> ReportFacts:
    return ReportFacts.from_json(row.facts, text=report.clean_text or report.text,
                                 signature=bytes(row.signature),
                                 embedding=bytes(row.embedding) if row.embedding else None)


def _save_embeddings(facts: list[ReportFacts]) -> None:
    for f in facts:
        if f.embedding is not None:
            m.ReportFacts.objects.filter(report_id=f.report_id, embedding__isnull=True).update(embedding=f.embedding)


def _clusterer() -> Clusterer:
    c = Clusterer(embedder=embedder())
    for d in m.Decision.objects.all():
        for a in d.reports:
            for b in d.apart:
                c.keep_apart(a, b)
    return c


def _load_members(c: Clusterer) -> set[int]:
    """Put every current member back into the in-memory index under its incident id."""
    rows = (m.Membership.objects.select_related("report", "report__incident_facts")
            .order_by("incident_id", "report_id"))
    keys: set[int] = set()
    for row in rows.iterator(chunk_size=1000):
        facts_row = getattr(row.report, "incident_facts", None)
        if facts_row is None:
            continue
        c.add(_from_row(facts_row, row.report), cluster_key=row.incident_id)
        keys.add(row.incident_id)
    return keys


def _clusterable(reports: Iterable[Report]) -> list[Report]:
    return [r for r in reports if r.status == ReportStatus.PROCESSED and r.extraction
            and (r.extraction.get("violations") or [])]


def update_for_reports(report_ids: list[int]) -> list[int]:
    """Place newly processed reports in incidents; returns the ids of incidents touched."""
    reports = _clusterable(Report.objects.filter(pk__in=report_ids).order_by("id"))
    if not reports:
        return []
    with transaction.atomic():
        facts = store_facts(reports, refresh=True)
        members = dict(m.Membership.objects.filter(report_id__in=[r.pk for r in reports])
                       .values_list("report_id", "incident_id"))
        touched = set(members.values())
        new = [f for f in facts if f.report_id not in members]
        if new:
            c = _clusterer()
            loaded = _load_members(c)
            c.embed_missing(new)
            _save_embeddings(new)
            created: dict[int, m.Incident] = {}
            for f in new:
                key = c.add(f)
                incident_id = key if key in loaded else _created(created, key).pk
                m.Membership.objects.create(incident_id=incident_id, report_id=int(f.report_id))
                touched.add(incident_id)
        upsert_policies(int(r.pk) for r in reports)
        for incident in m.Incident.objects.filter(pk__in=touched):
            materialize(incident)
    return sorted(touched)


def _created(created: dict[int, m.Incident], key: int) -> m.Incident:
    if key not in created:
        created[key] = m.Incident.objects.create()
    return created[key]


def rebuild() -> int:
    """Re-cluster every processed report, replaying human decisions; returns the incident count."""
    with transaction.atomic():
        reports = _clusterable(Report.objects.order_by("id").iterator(chunk_size=1000))
        facts = {f.report_id: f for f in store_facts(reports, refresh=True)}
        pinned = dict(m.Membership.objects.filter(pinned=True).values_list("report_id", "incident_id"))
        old = dict(m.Membership.objects.values_list("report_id", "incident_id"))
        c = _clusterer()
        c.embed_missing(list(facts.values()))
        _save_embeddings(list(facts.values()))
        for rid, incident_id in sorted(pinned.items(), key=lambda kv: (kv[1], kv[0])):
            if rid in facts:
                c.add(facts[rid], cluster_key=incident_id)
        for rid, f in facts.items():
            if rid not in pinned:
                c.add(f)
        assignment = _assign(c, set(pinned.values()), old)
        m.Membership.objects.all().delete()
        for key, cl in c.clusters.items():
            for rid in cl.report_ids:
                m.Membership.objects.create(incident_id=assignment[key], report_id=int(rid),
                                            pinned=rid in pinned)
        kept = set(assignment.values())  # incidents with no reports (``carewatch import``) are left alone
        m.Incident.objects.filter(pk__in=set(old.values()) - kept).delete()
        upsert_policies(facts)
        for incident in m.Incident.objects.filter(pk__in=kept):
            materialize(incident)
        return m.Incident.objects.count()


def _assign(c: Clusterer, pinned_ids: set[int], old: dict[int, int]) -> dict[int, int]:
    """Cluster key → incident id: pinned keys are incident ids; others reuse the best overlap."""
    out: dict[int, int] = {}
    taken = set(pinned_ids)
    existing = set(m.Incident.objects.values_list("pk", flat=True))
    for key in sorted(c.clusters, key=lambda k: -len(c.clusters[k].members)):
        if key in pinned_ids and key in existing:
            out[key] = key
            continue
        votes = Counter(old[r] for r in c.clusters[key].report_ids if r in old and old[r] not in taken)
        best = next((i for i, _ in votes.most_common() if i in existing), None)
        if best is None:
            best = m.Incident.objects.create().pk
        taken.add(best)
        out[key] = best
    return out


def materialize(incident: m.Incident) -> None:
    """Recompute the incident's record from its members; the machine certainty follows origins."""
    rows = (m.Membership.objects.filter(incident=incident)
            .select_related("report", "report__original", "report__incident_facts").order_by("report_id"))
    members = [records.Member(_from_row(getattr(r.report, "incident_facts"), r.report),  # noqa: B009 r.report.original.sha256,
                              r.report.title, r.report.url or r.report.source)
               for r in rows if getattr(r.report, "incident_facts", None) is not None]
    rec = records.build(members)
    roles = {x["id"]: x["role"] for x in rec["reports"]}
    for row in rows:
        if roles.get(row.report_id, row.role) != row.role:
            row.role = roles[row.report_id]
            row.save(update_fields=["role"])
    if incident.certainty_source == "machine" and (incident.certainty != rec["suggested_certainty"]
                                                   or not incident.certainty_reason):
        m.CertaintyChange.objects.create(incident=incident, level=rec["suggested_certainty"],
                                         previous=incident.certainty if incident.certainty_reason else "",
                                         reason=rec["suggested_reason"])
        incident.certainty = rec["suggested_certainty"]
        incident.certainty_reason = rec["suggested_reason"]
    incident.title = rec["title"]
    incident.first_date = rec["first_date"] or ""
    incident.last_date = rec["last_date"] or ""
    incident.violation_tags = "".join(f"|{v}" for v in rec["violations"]) + "|"
    incident.oblast_tags = "".join(f"|{o}" for o in rec["oblasts"]) + "|"
    incident.search_text = " ".join([rec["title"], *(r["title"] or "" for r in rec["reports"]),
                                     *(p.get("name") or "" for p in rec["places"])]).casefold()
    incident.report_count = len(rec["reports"])
    incident.origin_count = rec["origin_count"]
    incident.record = rec
    incident.save()
    link_policies(incident)


def update_pending() -> list[int]:
    """Place every processed report that is in no incident yet (what ingest leaves behind).

    Idempotent and resumable: an ingest killed before this ran is caught up by the next run.
    """
    placed = set(m.Membership.objects.values_list("report_id", flat=True))
    pending = [pk for pk in Report.objects.filter(status=ReportStatus.PROCESSED, extraction__isnull=False)
               .values_list("pk", flat=True) if pk not in placed]
    return update_for_reports(pending) if pending else []
