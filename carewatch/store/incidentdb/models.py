"""Models of the incidentdb app."""

from __future__ import annotations
