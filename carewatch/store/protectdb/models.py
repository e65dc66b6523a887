"""Models of the protectdb app: encrypted testimonies and persons, data keys, the audit log.

Every personal-data column is a ``BinaryField`` holding an AES-GCM value sealed with the row's
data key (``carewatch.protection.vault``); the data key itself is stored only wrapped by the
master key, which never enters the database. ``AuditEvent`` is the append-only, hash-chained
log written by ``carewatch.review.audit``.
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
    Blob = models.BinaryField[bytes | None, bytes | memoryview | None]


class DataKey(models.Model):
    """A per-record AES key, stored wrapped by master key ``master_version``."""

    master_version: models.PositiveIntegerField[int, int] = models.PositiveIntegerField()
    wrapped: models.BinaryField[bytes, bytes | memoryview] = models.BinaryField()
    created_at: When = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["master_version"], name="protect_dk_version")]

    def __str__(self) -> str:
        return f"data key {self.pk} (master v{self.master_version})"


class Testimony(models.Model):
    """A witness statement; the narrative and place are sealed, the rest is not personal."""

    report: models.ForeignKey[Report | None, Report | None] = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="testimonies")
    data_key: models.ForeignKey[DataKey, DataKey] = models.ForeignKey(DataKey, on_delete=models.PROTECT)
    if TYPE_CHECKING:
        report_id: int | None
        data_key_id: int
    narrative: Blob = models.BinaryField(null=True)
    place: Blob = models.BinaryField(null=True)
    event_date: Char = models.CharField(max_length=32, blank=True, default="")
    relation: Char = models.CharField(max_length=32)
    consent: models.JSONField = models.JSONField(default=dict)
    created_by: Char = models.CharField(max_length=150)
    created_at: When = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]

    def __str__(self) -> str:
        return f"testimony {self.pk}"


class Person(models.Model):
    """The person a testimony is about or from; every identifying field is sealed."""

    testimony: models.ForeignKey[Testimony, Testimony] = models.ForeignKey(
        Testimony, on_delete=models.CASCADE, related_name="persons")
    data_key: models.ForeignKey[DataKey, DataKey] = models.ForeignKey(DataKey, on_delete=models.PROTECT)
    ref: Char = models.CharField(max_length=32, unique=True, help_text="random id; pseudonyms derive from it")
    name: Blob = models.BinaryField(null=True)
    phone: Blob = models.BinaryField(null=True)
    email: Blob = models.BinaryField(null=True)
    address: Blob = models.BinaryField(null=True)
    birth_date: Blob = models.BinaryField(null=True)
    health: Blob = models.BinaryField(null=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]

    def __str__(self) -> str:
        return f"person {self.ref}"


class AuditEvent(models.Model):
    """One append-only audit line; ``hash`` covers its content and ``prev_hash``."""

    at: When = models.DateTimeField()
    actor: Char = models.CharField(max_length=150)
    action: Char = models.CharField(max_length=64)
    target: Char = models.CharField(max_length=200, blank=True, default="")
    detail: models.JSONField = models.JSONField(default=dict, blank=True)
    ip: models.GenericIPAddressField[str | None, str | None] = models.GenericIPAddressField(null=True, blank=True)
    prev_hash: Char = models.CharField(max_length=64, unique=True)
    hash: Char = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["action"], name="protect_audit_action"),
                                        models.Index(fields=["actor"], name="protect_audit_actor")]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor}"
