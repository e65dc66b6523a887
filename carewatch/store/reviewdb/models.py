"""Models of the reviewdb app."""

from __future__ import annotations
