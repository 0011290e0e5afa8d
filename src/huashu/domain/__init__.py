"""Plain typed values shared by every huashu module; imports nothing else of huashu.

The names below are loaded on first use (module ``__getattr__``), so that importing
``InputError`` does not import pydantic and the models: ``huashu --help`` needs only the error
classes (tests/cli/test_startup.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from huashu.lazy import lazy_attributes

if TYPE_CHECKING:
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
    from huashu.domain.errors import (
        Conflict,
        Forbidden,
        HuashuError,
        InputError,
        NotFound,
        UpstreamError,
    )
    from huashu.domain.events import DECISION_COLUMNS, EVENT_COLUMNS, EventKind
    from huashu.domain.findings import ComplianceReport, Finding, Severity, Verdict
    from huashu.domain.segment import Brief, Segment

#: Each public name and the submodule that defines it.
_HOME = {
    **dict.fromkeys(
        (
            "SLOTS",
            "BrandPack",
            "ChannelName",
            "Dimension",
            "DimensionValue",
            "Fact",
            "Objection",
            "Offer",
            "Phrase",
            "Product",
            "Tone",
            "holds",
        ),
        "brand",
    ),
    **dict.fromkeys(("Creative", "Provenance"), "creative"),
    **dict.fromkeys(
        ("Conflict", "Forbidden", "HuashuError", "InputError", "NotFound", "UpstreamError"),
        "errors",
    ),
    **dict.fromkeys(("DECISION_COLUMNS", "EVENT_COLUMNS", "EventKind"), "events"),
    **dict.fromkeys(("ComplianceReport", "Finding", "Severity", "Verdict"), "findings"),
    **dict.fromkeys(("Brief", "Segment"), "segment"),
}


__getattr__, __dir__ = lazy_attributes(__name__, _HOME, globals())

__all__ = [
    "DECISION_COLUMNS",
    "EVENT_COLUMNS",
    "SLOTS",
    "BrandPack",
    "Brief",
    "ChannelName",
    "ComplianceReport",
    "Conflict",
    "Creative",
    "Dimension",
    "DimensionValue",
    "EventKind",
    "Fact",
    "Finding",
    "Forbidden",
    "HuashuError",
    "InputError",
    "NotFound",
    "Objection",
    "Offer",
    "Phrase",
    "Product",
    "Provenance",
    "Segment",
    "Severity",
    "Tone",
    "UpstreamError",
    "Verdict",
    "holds",
]
