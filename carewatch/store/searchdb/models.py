"""Models of the searchdb app: the search index beside the reports, and API tokens.

Written only by :mod:`carewatch.store.search` (index) and :mod:`carewatch.web.api.tokens`
(tokens). The full-text part is not a Django field: migration 0002 adds an FTS5 table on SQLite
and a generated ``tsvector`` column with a GIN index on PostgreSQL, both over ``lemmas``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.db import models

from carewatch.store.models import Report

if TYPE_CHECKING:
    Char = models.CharField[str, str]
    Text = models.TextField[str, str]
    When = models.DateTimeField[datetime, datetime]


class SearchEntry(models.Model):
    """One indexed report: lemma keys for matching, a few columns for sorting and dates."""

    report: models.OneToOneField[Report, Report] = models.OneToOneField(
        Report, on_delete=models.CASCADE, related_name="search_entry")
    title: Text = models.TextField(blank=True, default="")
    language: Char = models.CharField(max_length=16, blank=True, default="")
    published: Char = models.CharField(max_length=32, blank=True, default="")
    first_date: Char = models.CharField(max_length=10, blank=True, default="")
    last_date: Char = models.CharField(max_length=10, blank=True, default="")
    sort_date: Char = models.CharField(max_length=10, blank=True, default="",
                                       help_text="event date, else publication date")
    lemmas: Text = models.TextField(blank=True, default="", help_text="surface forms and lemmas")
    indexed_at: When = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        report_id: int

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["sort_date"], name="searchdb_entry_sort_date"),
        ]


class SearchTag(models.Model):
    """A facet value of an entry (violation, oblast, language, source, year); many per entry."""

    entry: models.ForeignKey[SearchEntry, SearchEntry] = models.ForeignKey(
        SearchEntry, on_delete=models.CASCADE, related_name="tags")
    kind: Char = models.CharField(max_length=16)
    value: Char = models.CharField(max_length=200)

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]
        indexes: ClassVar[list[Any]] = [
            models.Index(fields=["kind", "value", "entry"], name="searchdb_tag_kind_value"),
            models.Index(fields=["entry", "kind", "value"], name="searchdb_tag_entry_kind"),  # covers facets
        ]


class SearchState(models.Model):
    """Named counters; ``custody`` is the last custody event id the index has caught up with."""

    key: Char = models.CharField(max_length=32, unique=True)
    value: models.BigIntegerField[int, int] = models.BigIntegerField(default=0)


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 is stored (tokens are 256-bit random)."""

    user: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name: Char = models.CharField(max_length=100, blank=True, default="")
    prefix: Char = models.CharField(max_length=12, help_text="first characters, to tell tokens apart")
    digest: Char = models.CharField(max_length=64, unique=True)
    created_at: When = models.DateTimeField(auto_now_add=True)
    last_used_at: models.DateTimeField[datetime | None, datetime | None] = models.DateTimeField(
        null=True, blank=True)
    revoked: models.BooleanField[bool, bool] = models.BooleanField(default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]

    def __str__(self) -> str:
        return f"token {self.prefix}… of {self.user_id}"  # type: ignore[attr-defined]
