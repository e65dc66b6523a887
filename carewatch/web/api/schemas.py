"""Typed shapes of the JSON API (ninja Schemas), so the OpenAPI document says what comes back.

Records are the services' shared dict shapes after the audience Redactor; every field the
Redactor may drop has a default, and ``extra="allow"`` lets new fields through unannounced.
"""

# ruff: noqa: RUF012  -- pydantic copies field defaults per instance; [] and {} are safe here

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class Open(Schema):
    model_config = ConfigDict(extra="allow")


class ErrorOut(Schema):
    code: str = Field(description="stable error code, e.g. CW403")
    message: str
    hint: str = ""


class ReportItem(Open):
    id: int
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    status: str | None = None
    relevant: bool | None = None
    violations: list[str] = []
    oblasts: list[str] = []
    captured_at: datetime | str | None = None
    review: dict[str, Any] = {}


class ReportPage(Schema):
    items: list[ReportItem]
    total: int
    page: int
    per_page: int


class ReportDetail(ReportItem):
    sha256: str | None = None
    published: str | None = None
    text: str | None = None
    clean_text: str | None = None
    extraction: dict[str, Any] | None = None
    labels: dict[str, list[dict[str, Any]]] = {}
    custody: list[dict[str, Any]] = []
    part: int | None = None
    media_type: str | None = None
    encoding: str | None = None
    captured_at: datetime | str | None = None
    captured_by: str | None = None
    size: int | None = None
    versions: dict[str, Any] = {}
    error: dict[str, Any] | None = None
    display_title: str | None = None
    source_name: str | None = None
    review: dict[str, Any] = {}
    decisions: list[dict[str, Any]] = []


class IncidentRecord(Open):
    id: int
    title: str = ""
    status: str = "open"
    certainty: str = "rumour"
    certainty_reason: str | None = None
    certainty_source: str | None = None
    violations: list[str] = []
    places: list[dict[str, Any]] = []
    oblasts: list[str] = []
    first_date: str | None = None
    last_date: str | None = None
    dates: list[str] = []
    victim_groups: list[str] = []
    perpetrators: list[Any] = []
    reports: list[dict[str, Any]] = []
    independent_origins: list[str] = []
    origin_count: int = 0
    chain: str = ""
    policies: list[Any] = []
    persons: list[Any] | None = Field(None, description="testimony persons; internal audience only")
    assignee: str | None = None
    history: list[dict[str, Any]] = Field([], description="certainty changes, oldest first")
    comments: list[dict[str, Any]] | None = None
    created_at: str | None = None
    updated_at: str | None = None


class IncidentPage(Schema):
    items: list[IncidentRecord]
    total: int
    page: int
    per_page: int


class MergeIn(Schema):
    source_ids: list[int] = Field(min_length=1, max_length=500)
    reason: str = Field(min_length=1, max_length=2000)


class CertaintyIn(Schema):
    level: Literal["rumour", "possible", "probable", "confirmed"]
    reason: str = Field(min_length=1, max_length=2000)


class DecisionIn(Schema):
    decision: Literal["accept", "correct", "reject"]
    value: dict[str, Any] | None = None
    note: str = Field("", max_length=2000)


class SnippetPart(Schema):
    text: str
    hit: bool


class SearchHit(Open):
    report_id: int
    title: str = ""
    source: str = ""
    language: str | None = None
    published: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    score: float = 0.0
    violations: list[str] = []
    oblasts: list[str] = []
    snippet: list[SnippetPart] = []


class FacetValue(Schema):
    value: str
    count: int


class SearchPage(Schema):
    items: list[SearchHit]
    total: int
    page: int
    per_page: int
    sort: str
    facets: dict[str, list[FacetValue]]
