"""Plain typed values shared by every huashu module; imports nothing else of huashu."""

from huashu.domain.brand import (
    SLOTS,
    BrandPack,
    ChannelName,
    Dimension,
    DimensionValue,
    Fact,
    Objection,
    Offer,
    Phrase,
    Product,
    Tone,
    holds,
)
from huashu.domain.creative import Creative, Provenance
from huashu.domain.errors import HuashuError, InputError
from huashu.domain.events import DECISION_COLUMNS, EVENT_COLUMNS, EventKind
from huashu.domain.findings import ComplianceReport, Finding, Severity, Verdict
from huashu.domain.segment import Brief, Segment

__all__ = [
    "DECISION_COLUMNS",
    "EVENT_COLUMNS",
    "SLOTS",
    "BrandPack",
    "Brief",
    "ChannelName",
    "ComplianceReport",
    "Creative",
    "Dimension",
    "DimensionValue",
    "EventKind",
    "Fact",
    "Finding",
    "HuashuError",
    "InputError",
    "Objection",
    "Offer",
    "Phrase",
    "Product",
    "Provenance",
    "Segment",
    "Severity",
    "Tone",
    "Verdict",
    "holds",
]
