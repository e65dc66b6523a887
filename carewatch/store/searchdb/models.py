"""Models of the searchdb app."""

from __future__ import annotations
