"""The domain model as plain dataclasses; vocabularies live in ``vocab/*.yaml``."""

from carewatch.model.dates import PartialDate
from carewatch.model.evidence import Evidence
from carewatch.model.labels import (
    ActorLabel,
    Attribution,
    DateLabel,
    Extraction,
    PlaceLabel,
    VictimLabel,
    ViolationLabel,
)

__all__ = [
    "ActorLabel",
    "Attribution",
    "DateLabel",
    "Evidence",
    "Extraction",
    "PartialDate",
    "PlaceLabel",
    "VictimLabel",
    "ViolationLabel",
]
