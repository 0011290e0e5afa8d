"""Audience: user import, the segment rule language on the events engine (Ibis), cross-product
segments, RFM value tiers, sizing, overlaps, profiles and member export; brief parsing."""

from huashu.audience.actions import ExportedFile, apply, compile_on, export_members, preview
from huashu.audience.briefs import parse_brief
from huashu.audience.describe import describe_segments
from huashu.audience.importer import ImportReport, import_users
from huashu.audience.plan import AudiencePlan, SegmentResult
from huashu.audience.rules import OPERATORS, show_rule
from huashu.audience.segments import assign_segments, cross_segments
from huashu.audience.spec import SegmentSpec, load_spec, parse_spec, read_spec_text, spec_from_pack
from huashu.audience.tiers import TIER_LABELS, TIERS, materialize_tiers, rfm_table

__all__ = [
    "OPERATORS",
    "TIERS",
    "TIER_LABELS",
    "AudiencePlan",
    "ExportedFile",
    "ImportReport",
    "SegmentResult",
    "SegmentSpec",
    "apply",
    "assign_segments",
    "compile_on",
    "cross_segments",
    "describe_segments",
    "export_members",
    "import_users",
    "load_spec",
    "materialize_tiers",
    "parse_brief",
    "parse_spec",
    "preview",
    "read_spec_text",
    "rfm_table",
    "show_rule",
    "spec_from_pack",
]
