"""Incident services: what the CLI, web pages, API, exports and dashboard call.

Keyword arguments only; each call checks the user's role with ``review.roles.require``
(``user=None`` is a system caller with full access). Records are plain dicts (the shape in
``incidents.records`` plus reviewer state). Every reviewer decision is kept so that
``rebuild`` can replay it: merges and splits pin memberships and store a ``Decision``; a
certainty set by a reviewer is never overwritten by the machine, and its history is kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from carewatch.errors import CarewatchError, NotFoundError
from carewatch.incidents.independence import CERTAINTY_LEVELS
from carewatch.incidents.sync import materialize, rebuild, update_for_reports
from carewatch.review.roles import can, require
from carewatch.store.incidentdb import models as m

__all__ = ["add_comment", "assign", "get_incident", "get_policy", "iter_records", "keep_apart",
           "list_incidents", "list_policies", "merge_incidents", "rebuild", "set_certainty",
           "split_incident", "update_for_reports"]

SORTS = {"updated": "-updated_at", "date": "-first_date", "-date": "first_date", "certainty": "certainty",
         "origins": "-origin_count", "reports": "-report_count", "id": "-id"}


def _actor(user: Any) -> str:
    return str(getattr(user, "username", "") or "system") if user is not None else "system"


def _audit(user: Any, action: str, target: str, detail: dict[str, Any]) -> None:
    try:
        audit = import_module("carewatch.review.audit")
        audit.record(actor=_actor(user), action=action, target=target, detail=detail)
    except ImportError:  # the audit log (protection work) is not installed in this build
        return


def _system(user: Any) -> bool:
    """None, or the CLI operator (``is_system``): full access, the Redactor shapes output."""
    return user is None or getattr(user, "is_system", False) is True


def _visible(user: Any) -> QuerySet[m.Incident]:
    qs = m.Incident.objects.all()
    if _system(user):
        return qs
    if can(user, "view_incidents"):
        return qs
    require(user, "view_published")
    return qs.filter(status="published")


def _filtered(qs: QuerySet[m.Incident], filters: dict[str, Any]) -> QuerySet[m.Incident]:
    if filters.get("violation"):
        qs = qs.filter(violation_tags__contains=f"|{filters['violation']}|")
    if filters.get("oblast"):
        qs = qs.filter(oblast_tags__contains=f"|{filters['oblast']}|")
    if filters.get("certainty"):
        qs = qs.filter(certainty=filters["certainty"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("date_from"):
        qs = qs.filter(Q(last_date__gte=str(filters["date_from"])) | Q(last_date=""))
    if filters.get("date_to"):
        qs = qs.filter(first_date__lte=str(filters["date_to"]) + "~")
    if filters.get("q"):
        qs = qs.filter(search_text__contains=str(filters["q"]).casefold())
    return qs


def record_of(incident: m.Incident) -> dict[str, Any]:
    """The shared incident record, with current reviewer state over the materialised facts."""
    rec = dict(incident.record)
    rec.update({
        "id": incident.pk, "status": incident.status, "certainty": incident.certainty,
        "certainty_reason": incident.certainty_reason, "certainty_source": incident.certainty_source,
        "assignee": incident.assignee or None, "created_at": incident.created_at.isoformat(),
        "updated_at": incident.updated_at.isoformat(),
    })
    rec.setdefault("policies", [])
    return rec


def list_incidents(*, user: Any, filters: dict[str, Any] | None = None, page: int = 1,
                   per_page: int = 50) -> dict[str, Any]:
    """One page of incidents; filters: violation, oblast, certainty, date_from, date_to, q, status, sort."""
    filters = filters or {}
    qs = _filtered(_visible(user), filters).order_by(SORTS.get(str(filters.get("sort") or ""), "-id"), "-id")
    page, per_page = max(1, int(page)), max(1, min(int(per_page), 500))
    total = qs.count()
    items = [record_of(i) for i in qs[(page - 1) * per_page: page * per_page]]
    return {"items": items, "total": total, "page": page, "per_page": per_page}


def iter_records(*, user: Any = None, filters: dict[str, Any] | None = None,
                 batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Stream every matching record in id order (chunked queries, never all in memory)."""
    qs = _filtered(_visible(user), filters or {}).order_by("id")
    for incident in qs.iterator(chunk_size=batch):
        yield record_of(incident)


def _get(incident_id: int, user: Any = None) -> m.Incident:
    try:
        return _visible(user).get(pk=int(incident_id))
    except (m.Incident.DoesNotExist, ValueError):
        raise NotFoundError(f"no incident with id {incident_id}", code="CW404",
                            hint="list ids with `carewatch incidents list`") from None


def get_incident(*, user: Any, incident_id: int) -> dict[str, Any]:
    """The record plus certainty history, comments and assignee."""
    incident = _get(incident_id, user)
    rec = record_of(incident)
    rec["history"] = [{"level": c.level, "previous": c.previous or None, "reason": c.reason,
                       "source": c.source, "actor": c.actor, "at": c.at.isoformat()}
                      for c in incident.certainty_changes.all()]
    rec["comments"] = [{"author": c.author, "text": c.text, "at": c.at.isoformat()}
                       for c in incident.comments.all()]
    return rec


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise CarewatchError("a reason is required", code="CW422", hint="say why, in a few words")
    return reason[:2000]


def merge_incidents(*, user: Any, target_id: int, source_ids: list[int], reason: str) -> dict[str, Any]:
    """Join incidents into ``target_id``; the joined membership is pinned and survives rebuild."""
    if not _system(user):
        require(user, "merge_incidents")
    reason = _reason(reason)
    with transaction.atomic():
        target = _get(target_id)
        sources = [_get(s) for s in source_ids if int(s) != target.pk]
        for s in sources:
            m.Membership.objects.filter(incident=s).update(incident=target)
            m.Comment.objects.filter(incident=s).update(incident=target)
            s.delete()
        m.Membership.objects.filter(incident=target).update(pinned=True)
        ids = list(m.Membership.objects.filter(incident=target).values_list("report_id", flat=True))
        m.Decision.objects.create(kind="merge", reports=ids, reason=reason, actor=_actor(user))
        materialize(target)
    _audit(user, "incident.merge", f"incident:{target.pk}", {"sources": list(source_ids), "reason": reason})
    return get_incident(user=user, incident_id=target.pk)


def split_incident(*, user: Any, incident_id: int, report_ids: list[int], reason: str) -> dict[str, Any]:
    """Move ``report_ids`` to a new incident, kept apart from the rest; returns the new one."""
    if not _system(user):
        require(user, "merge_incidents")
    reason = _reason(reason)
    with transaction.atomic():
        incident = _get(incident_id)
        members = set(m.Membership.objects.filter(incident=incident).values_list("report_id", flat=True))
        moving = sorted(members & {int(r) for r in report_ids})
        staying = sorted(members - set(moving))
        if not moving or not staying:
            raise CarewatchError("a split must move some of the incident's reports and keep others",
                                 code="CW422", hint=f"choose among report ids {sorted(members)}")
        new = m.Incident.objects.create()
        m.Membership.objects.filter(incident=incident, report_id__in=moving).update(incident=new, pinned=True)
        m.Membership.objects.filter(incident=incident).update(pinned=True)
        m.Decision.objects.create(kind="split", reports=moving, apart=staying, reason=reason, actor=_actor(user))
        materialize(incident)
        materialize(new)
    _audit(user, "incident.split", f"incident:{incident.pk}", {"new": new.pk, "reports": moving})
    return get_incident(user=user, incident_id=new.pk)


def keep_apart(*, user: Any, incident_id: int, other_id: int, reason: str) -> None:
    """A reviewer says two incidents are different events: never join their reports."""
    if not _system(user):
        require(user, "merge_incidents")
    reason = _reason(reason)
    a, b = _get(incident_id), _get(other_id)
    ra = list(m.Membership.objects.filter(incident=a).values_list("report_id", flat=True))
    rb = list(m.Membership.objects.filter(incident=b).values_list("report_id", flat=True))
    m.Membership.objects.filter(incident__in=[a, b]).update(pinned=True)
    m.Decision.objects.create(kind="keep_apart", reports=ra, apart=rb, reason=reason, actor=_actor(user))
    _audit(user, "incident.keep_apart", f"incident:{a.pk}", {"other": b.pk, "reason": reason})


def set_certainty(*, user: Any, incident_id: int, level: str, reason: str) -> dict[str, Any]:
    """A reviewer's certainty (WHO SSA scale); pins the membership it was judged on."""
    if not _system(user):
        require(user, "set_certainty")
    if level not in CERTAINTY_LEVELS:
        raise CarewatchError(f"unknown certainty {level!r}", code="CW422",
                             hint="one of: " + ", ".join(CERTAINTY_LEVELS))
    reason = _reason(reason)
    with transaction.atomic():
        incident = _get(incident_id)
        m.CertaintyChange.objects.create(incident=incident, level=level, previous=incident.certainty,
                                         reason=reason, source="reviewer", actor=_actor(user))
        incident.certainty, incident.certainty_reason, incident.certainty_source = level, reason, "reviewer"
        incident.save()
        m.Membership.objects.filter(incident=incident).update(pinned=True)
    _audit(user, "incident.certainty", f"incident:{incident.pk}", {"level": level, "reason": reason})
    return get_incident(user=user, incident_id=incident.pk)


def assign(*, user: Any, incident_id: int, assignee: str | None) -> dict[str, Any]:
    if not _system(user):
        require(user, "assign")
    incident = _get(incident_id)
    incident.assignee = (assignee or "").strip()[:150]
    incident.save(update_fields=["assignee", "updated_at"])
    _audit(user, "incident.assign", f"incident:{incident.pk}", {"assignee": incident.assignee})
    return get_incident(user=user, incident_id=incident.pk)


def add_comment(*, user: Any, incident_id: int, text: str) -> dict[str, Any]:
    if not _system(user):
        require(user, "comment")
    text = (text or "").strip()
    if not text:
        raise CarewatchError("an empty comment was not saved", code="CW422", hint="write something first")
    incident = _get(incident_id)
    m.Comment.objects.create(incident=incident, author=_actor(user), text=text[:5000])
    return get_incident(user=user, incident_id=incident.pk)


def _policy_record(p: m.Policy) -> dict[str, Any]:
    return {"id": p.pk, "issuer": p.issuer, "requirement": p.requirement,
            "affected_groups": list(p.affected_groups), "territory": list(p.territory),
            "effective_date": p.effective_date or None, "sources": list(p.sources),
            "incidents": sorted(p.incidents.values_list("pk", flat=True)), "evidence": list(p.evidence)}


def list_policies(*, user: Any = None) -> list[dict[str, Any]]:
    if not _system(user):
        require(user, "view_published")
    return [_policy_record(p) for p in m.Policy.objects.all()]


def get_policy(*, user: Any = None, policy_id: int) -> dict[str, Any]:
    if not _system(user):
        require(user, "view_published")
    try:
        return _policy_record(m.Policy.objects.get(pk=int(policy_id)))
    except (m.Policy.DoesNotExist, ValueError):
        raise NotFoundError(f"no policy with id {policy_id}", code="CW404",
                            hint="list ids with `carewatch policies list`") from None
