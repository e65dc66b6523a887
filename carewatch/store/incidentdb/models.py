"""Django models of incidents: per-report facts, incidents, their history and policies.

Sits under ``carewatch.incidents.services`` (nothing else writes these tables). Per-report
facts are stored once (with the MinHash signature as bytes and the e5 vector), so clustering
never re-reads texts; an incident's shared record is materialised in ``record`` for fast
listing, and every human decision is kept apart (``Decision``) so a rebuild can replay it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models

from carewatch.store.models import Report

if TYPE_CHECKING:
    Char = models.CharField[str, str]
    Text = models.TextField[str, str]
    When = models.DateTimeField[datetime, datetime]
    Bytes = models.BinaryField[bytes, bytes]
    Flag = models.BooleanField[bool, bool]
    from django.db.models.fields.related_descriptors import RelatedManager


class ReportFacts(models.Model):
    """What incident building compares for one report; computed once after the pipeline."""

    report: models.OneToOneField[Report, Report] = models.OneToOneField(
        Report, on_delete=models.CASCADE, related_name="incident_facts")
    facts: models.JSONField = models.JSONField(default=dict)
    signature: Bytes = models.BinaryField(help_text="MinHash hash values (datasketch LeanMinHash)")
    embedding: models.BinaryField[bytes | None, bytes | None] = models.BinaryField(null=True)
    policies: models.JSONField = models.JSONField(default=list, blank=True)
    computed_at: When = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        report_id: int

    class Meta:
        ordering: ClassVar[list[str]] = ["report_id"]


class Incident(models.Model):
    """One real-world event; ``record`` is the shared JSON shape (see services.incident_record)."""

    title: Text = models.TextField(blank=True, default="")
    status: Char = models.CharField(max_length=16, default="open")
    certainty: Char = models.CharField(max_length=16, default="rumour")
    certainty_reason: Text = models.TextField(blank=True, default="")
    certainty_source: Char = models.CharField(max_length=16, default="machine")
    assignee: Char = models.CharField(max_length=150, blank=True, default="")
    first_date: Char = models.CharField(max_length=10, blank=True, default="")
    last_date: Char = models.CharField(max_length=10, blank=True, default="")
    violation_tags: Text = models.TextField(blank=True, default="", help_text="|code|code|")
    oblast_tags: Text = models.TextField(blank=True, default="", help_text="|UA-23|UA-65|")
    search_text: Text = models.TextField(blank=True, default="")
    report_count: models.IntegerField[int, int] = models.IntegerField(default=0)
    origin_count: models.IntegerField[int, int] = models.IntegerField(default=0)
    record: models.JSONField = models.JSONField(default=dict, blank=True)
    facets_version: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        default=0, help_text="version of the IncidentPlace/IncidentSource rows written from record")
    created_at: When = models.DateTimeField(auto_now_add=True)
    updated_at: When = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        certainty_changes: RelatedManager[CertaintyChange]
        comments: RelatedManager[Comment]
        memberships: RelatedManager[Membership]
        policies: RelatedManager[Policy]

    class Meta:
        ordering: ClassVar[list[str]] = ["-id"]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["certainty"], name="incidentdb_inc_certainty"),
            models.Index(fields=["first_date"], name="incidentdb_inc_first_date"),
            models.Index(fields=["facets_version"], name="incidentdb_inc_facets_v"),
            models.Index(fields=["updated_at"], name="incidentdb_inc_updated"),
        ]


class Membership(models.Model):
    """A report belongs to one incident; ``pinned`` when a person put it there."""

    incident: models.ForeignKey[Incident, Incident] = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="memberships")
    report: models.OneToOneField[Report, Report] = models.OneToOneField(
        Report, on_delete=models.CASCADE, related_name="incident_membership")
    role: Char = models.CharField(max_length=16, default="origin")
    pinned: Flag = models.BooleanField(default=False)

    if TYPE_CHECKING:
        report_id: int
        incident_id: int

    class Meta:
        ordering: ClassVar[list[str]] = ["report_id"]


class CertaintyChange(models.Model):
    """Every change of an incident's certainty: who (or the machine), when and why."""

    incident: models.ForeignKey[Incident, Incident] = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="certainty_changes")
    level: Char = models.CharField(max_length=16)
    previous: Char = models.CharField(max_length=16, blank=True, default="")
    reason: Text = models.TextField(blank=True, default="")
    source: Char = models.CharField(max_length=16, default="machine")
    actor: Char = models.CharField(max_length=150, default="machine")
    at: When = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]


class Comment(models.Model):
    incident: models.ForeignKey[Incident, Incident] = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="comments")
    author: Char = models.CharField(max_length=150)
    text: Text = models.TextField()
    at: When = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]


class Decision(models.Model):
    """A human clustering decision (merge, split, keep_apart), replayed by ``rebuild``."""

    kind: Char = models.CharField(max_length=16)
    reports: models.JSONField = models.JSONField(default=list, help_text="report ids kept together")
    apart: models.JSONField = models.JSONField(default=list, help_text="report ids kept apart from them")
    reason: Text = models.TextField(blank=True, default="")
    actor: Char = models.CharField(max_length=150)
    at: When = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]


class Policy(models.Model):
    """A rule imposed by an occupation authority, found in reports."""

    key: Char = models.CharField(max_length=200, unique=True)
    issuer: Text = models.TextField(blank=True, default="")
    requirement: Char = models.CharField(max_length=64)
    affected_groups: models.JSONField = models.JSONField(default=list, blank=True)
    territory: models.JSONField = models.JSONField(default=list, blank=True)
    effective_date: Char = models.CharField(max_length=10, blank=True, default="")
    sources: models.JSONField = models.JSONField(default=list, blank=True, help_text="report ids")
    evidence: models.JSONField = models.JSONField(default=list, blank=True)
    incidents: models.ManyToManyField[Incident, Any] = models.ManyToManyField(
        Incident, related_name="policies", blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["effective_date", "id"]


class IncidentPlace(models.Model):
    """One place of an incident's record, as columns the dashboard can GROUP BY (see facets.py)."""

    incident: models.ForeignKey[Incident, Incident] = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="facet_places")
    settlement: models.TextField[str | None, str | None] = models.TextField(null=True)
    raion: models.TextField[str | None, str | None] = models.TextField(null=True)
    oblast: models.TextField[str | None, str | None] = models.TextField(null=True)
    lat: models.FloatField[float | None, float | None] = models.FloatField(null=True)
    lon: models.FloatField[float | None, float | None] = models.FloatField(null=True)

    if TYPE_CHECKING:
        incident_id: int


class IncidentSource(models.Model):
    """An independent origin (``kind`` origin) or a relaying source (``kind`` relay), once per incident."""

    incident: models.ForeignKey[Incident, Incident] = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="facet_sources")
    kind: Char = models.CharField(max_length=8)
    name: Text = models.TextField()

    if TYPE_CHECKING:
        incident_id: int

    class Meta:
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["kind", "incident"], name="incidentdb_src_kind_inc"),
        ]
