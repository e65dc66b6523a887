"""Models of the protectdb app."""

from __future__ import annotations
