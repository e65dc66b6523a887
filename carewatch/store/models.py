"""Django models for what intake keeps: originals, the reports in them, and their custody log.

Sits under the services (``intake.service``, ``store.custody``, ``store.queries``); nothing in
``model/`` or ``pipeline/`` imports this. An Original is one set of preserved bytes; a Report is
one record decoded from it (an mbox or CSV file holds several); a CustodyEvent is an append-only,
hash-chained line of the chain of custody.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager

    # Field types for django-stubs without its mypy plugin: (value set, value read).
    Char = models.CharField[str, str]
    Text = models.TextField[str, str]
    When = models.DateTimeField[datetime, datetime]


class Original(models.Model):
    """Exact input bytes, stored once under ``originals/`` by SHA-256."""

    sha256: Char = models.CharField(max_length=64, unique=True)
    size: models.BigIntegerField[int, int] = models.BigIntegerField()
    media_type: Char = models.CharField(max_length=100, blank=True, default="")
    first_seen: When = models.DateTimeField(auto_now_add=True)

    if TYPE_CHECKING:
        reports: RelatedManager[Report]

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]

    def __str__(self) -> str:
        return self.sha256


class ReportStatus(models.TextChoices):
    CAPTURED = "captured"
    PROCESSED = "processed"
    FAILED = "failed"


class Report(models.Model):
    """One report decoded from an original, with its pipeline results."""

    original: models.ForeignKey[Original, Original] = models.ForeignKey(
        Original, on_delete=models.PROTECT, related_name="reports")
    part: models.PositiveIntegerField[int, int] = models.PositiveIntegerField(default=0)
    source: Text = models.TextField(help_text="path or URL the bytes came from")
    title: Text = models.TextField(blank=True, default="")
    url: Text = models.TextField(blank=True, default="")
    published: Char = models.CharField(max_length=32, blank=True, default="")
    media_type: Char = models.CharField(max_length=100, blank=True, default="")
    encoding: Char = models.CharField(max_length=64, blank=True, default="")
    captured_at: When = models.DateTimeField()
    captured_by: Char = models.CharField(max_length=150)
    status: Char = models.CharField(max_length=16, choices=ReportStatus.choices,
                                    default=ReportStatus.CAPTURED)
    error_code: Char = models.CharField(max_length=16, blank=True, default="")
    error_message: Text = models.TextField(blank=True, default="")
    error_hint: Text = models.TextField(blank=True, default="")
    text: Text = models.TextField(blank=True, default="", help_text="decoded original text")
    clean_text: Text = models.TextField(blank=True, default="")
    language: Char = models.CharField(max_length=16, blank=True, default="")
    offsets: models.JSONField = models.JSONField(default=list, blank=True)
    extraction: models.JSONField = models.JSONField(null=True, blank=True)
    versions: models.JSONField = models.JSONField(default=dict, blank=True,
                                                  help_text="stage name -> versioned name")

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]
        constraints: ClassVar[list[Any]] = [
            models.UniqueConstraint(fields=["original", "part"], name="store_report_original_part"),
        ]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["status"], name="store_report_status")]

    def __str__(self) -> str:
        return f"report {self.pk} ({self.status})"

    def error(self) -> dict[str, str] | None:
        """The failure as ``{code, message, hint}``, or None when the report did not fail."""
        if not self.error_code:
            return None
        return {"code": self.error_code, "message": self.error_message, "hint": self.error_hint}


class CustodyAction(models.TextChoices):
    CAPTURED = "captured"
    SEEN_AGAIN = "seen_again"
    PROCESSED = "processed"
    FAILED = "failed"
    REPROCESSED = "reprocessed"
    VERIFIED_OK = "verified_ok"
    VERIFY_FAILED = "verify_failed"


class CustodyEvent(models.Model):
    """One append-only custody line; ``hash`` covers its content and ``prev_hash``.

    ``prev_hash`` is unique, so two writers can never fork the chain: the second insert fails.
    """

    report: models.ForeignKey[Report | None, Report | None] = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.PROTECT, related_name="custody")
    sha256: Char = models.CharField(max_length=64)
    action: Char = models.CharField(max_length=16, choices=CustodyAction.choices)
    at: When = models.DateTimeField()
    actor: Char = models.CharField(max_length=150)
    detail: models.JSONField = models.JSONField(default=dict, blank=True)
    prev_hash: Char = models.CharField(max_length=64, unique=True)
    hash: Char = models.CharField(max_length=64, unique=True)

    if TYPE_CHECKING:
        report_id: int | None

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["sha256"], name="store_custody_sha256")]

    def __str__(self) -> str:
        return f"{self.action} {self.sha256[:12]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert only: a stored custody line is never rewritten through the ORM."""
        if not self._state.adding:
            raise ValueError("custody events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("custody events are append-only")
