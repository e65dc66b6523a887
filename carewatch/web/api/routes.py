"""JSON API endpoints: reports, review decisions, incidents, search.

Each handler calls a service with keyword arguments (roles are checked there) and shapes the
result for the caller's audience (``auth.shape``). Services are imported on call, so a missing
area answers its own endpoints with an error instead of breaking the whole API.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from carewatch.web.api import schemas as s
from carewatch.web.api.auth import shape, shape_page

ERRORS: dict[int, type[s.ErrorOut]] = {400: s.ErrorOut, 401: s.ErrorOut, 403: s.ErrorOut, 404: s.ErrorOut}
router = Router()
PAGE = Query(1, ge=1, le=100_000)
PER_PAGE = Query(50, ge=1, le=200)


def _user(request: HttpRequest) -> Any:
    """The token's user, which ninja puts on ``request.auth``."""
    return getattr(request, "auth", None)


def _filters(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "")}


def _one(request: HttpRequest, record: dict[str, Any]) -> dict[str, Any]:
    from carewatch.errors import NotFoundError

    out = shape(_user(request), record)
    if out is None:
        raise NotFoundError("this record is not shared with your audience", code="CW404")
    return out


@router.get("/reports", response={200: s.ReportPage, **ERRORS}, tags=["reports"])
def list_reports(request: HttpRequest, language: str | None = None, source: str | None = None,
                 relevant: bool | None = None, status: str | None = None, q: str | None = None,
                 page: int = PAGE, per_page: int = PER_PAGE) -> Any:
    """Reports in the inbox, newest first."""
    from carewatch.review import services

    filters = _filters(language=language, source=source, relevant=relevant, status=status, q=q)
    return shape_page(_user(request), services.list_reports(user=_user(request), filters=filters, page=page,
                                                         per_page=per_page))


@router.get("/reports/{report_id}", response={200: s.ReportDetail, **ERRORS}, tags=["reports"])
def get_report(request: HttpRequest, report_id: int) -> Any:
    """One report: metadata, custody, texts and its labels with reviewers' decisions applied."""
    from carewatch.review import services

    record = services.get_report(user=_user(request), report_id=report_id)
    record.pop("highlight_html", None)  # HTML is the web page's business, not the API's
    return _one(request, record)


@router.post("/reports/{report_id}/labels/{kind}/{index}", response={200: s.Open, **ERRORS},
             tags=["review"])
def decide_label(request: HttpRequest, report_id: int, kind: str, index: int, body: s.DecisionIn) -> Any:
    """Accept, correct or reject one machine label (kind: violations, places, event_dates…)."""
    from carewatch.review import services

    row = services.decide_label(user=_user(request), report_id=report_id, kind=kind, index=index,
                                decision=body.decision, value=body.value, note=body.note)
    return _one(request, row)


@router.get("/incidents", response={200: s.IncidentPage, **ERRORS}, tags=["incidents"])
def list_incidents(request: HttpRequest, violation: str | None = None, oblast: str | None = None,
                   certainty: str | None = None, date_from: str | None = None, date_to: str | None = None,
                   q: str | None = None, status: str | None = None, page: int = PAGE,
                   per_page: int = PER_PAGE) -> Any:
    """Incidents (the reports about one event), newest first."""
    from carewatch.incidents import services

    filters = _filters(violation=violation, oblast=oblast, certainty=certainty, date_from=date_from,
                       date_to=date_to, q=q, status=status)
    return shape_page(_user(request), services.list_incidents(user=_user(request), filters=filters, page=page,
                                                           per_page=per_page))


@router.get("/incidents/{incident_id}", response={200: s.IncidentRecord, **ERRORS}, tags=["incidents"])
def get_incident(request: HttpRequest, incident_id: int) -> Any:
    """One incident with its reports, certainty history and comments."""
    from carewatch.incidents import services

    return _one(request, services.get_incident(user=_user(request), incident_id=incident_id))


@router.post("/incidents/{incident_id}/merge", response={200: s.IncidentRecord, **ERRORS}, tags=["incidents"])
def merge_incidents(request: HttpRequest, incident_id: int, body: s.MergeIn) -> Any:
    """Merge other incidents into this one (they describe the same event)."""
    from carewatch.incidents import services

    merged = services.merge_incidents(user=_user(request), target_id=incident_id,
                                      source_ids=list(body.source_ids), reason=body.reason)
    return _one(request, merged)


@router.post("/incidents/{incident_id}/certainty", response={200: s.IncidentRecord, **ERRORS},
             tags=["incidents"])
def set_certainty(request: HttpRequest, incident_id: int, body: s.CertaintyIn) -> Any:
    """Set the incident's certainty, with the reason (kept in its history)."""
    from carewatch.incidents import services

    record = services.set_certainty(user=_user(request), incident_id=incident_id, level=body.level,
                                    reason=body.reason)
    return _one(request, record)


@router.get("/search", response={200: s.SearchPage, **ERRORS}, tags=["search"])
def search(request: HttpRequest, q: str = Query("", max_length=500), violation: str | None = None,
           oblast: str | None = None, certainty: str | None = None, language: str | None = None,
           source: str | None = None, date_from: str | None = None, date_to: str | None = None,
           sort: str = "relevance", page: int = PAGE, per_page: int = Query(20, ge=1, le=100)) -> Any:
    """Full-text search over reports: every word, in any inflected form (uk/ru/en)."""
    from carewatch.store.search import search as run

    filters = _filters(violation=violation, oblast=oblast, certainty=certainty, language=language,
                       source=source, date_from=date_from, date_to=date_to)
    result = run(user=_user(request), q=q, filters=filters, sort=sort, page=page, per_page=per_page)
    result["facets"] = {k: [{"value": v, "count": n} for v, n in vals] for k, vals in result["facets"].items()}
    return shape_page(_user(request), result)
