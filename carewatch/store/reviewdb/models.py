"""Models of the reviewdb app: human decisions on machine labels, kept apart from the labels.

The pipeline may re-run and rewrite ``Report.extraction`` at any time; decisions live here and
are applied on read (``carewatch.review.decisions``), so no human work is ever overwritten.
Each row is append-only: a later decision on the same label supersedes an earlier one, and the
whole history stays for the audit trail.
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


class Decision(models.TextChoices):
    ACCEPT = "accept"
    CORRECT = "correct"
    REJECT = "reject"
    ADD = "add"


class LabelDecision(models.Model):
    """One reviewer's verdict on one label of one report (who, when, old value, new value, why).

    ``label_key`` names the label independently of its position (``violations:code=x``), so a
    re-run that reorders labels still finds it; added labels get a key of their own.
    """

    report: models.ForeignKey[Report, Report] = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="label_decisions")
    kind: Char = models.CharField(max_length=32)
    label_key: Char = models.CharField(max_length=400)
    decision: Char = models.CharField(max_length=16, choices=Decision.choices)
    old: models.JSONField = models.JSONField(null=True, blank=True)
    new: models.JSONField = models.JSONField(null=True, blank=True)
    note: Text = models.TextField(blank=True, default="")
    actor: Char = models.CharField(max_length=150)
    at: When = models.DateTimeField(auto_now_add=True)

    if TYPE_CHECKING:
        report_id: int

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["report", "kind", "label_key"], name="reviewdb_decision_label"),
        ]

    def __str__(self) -> str:
        return f"{self.decision} {self.kind} {self.label_key} on report {self.report_id}"

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.pk, "kind": self.kind, "key": self.label_key, "decision": self.decision,
                "old": self.old, "new": self.new, "note": self.note, "actor": self.actor,
                "at": self.at.isoformat() if self.at else None}
