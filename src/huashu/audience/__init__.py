"""Audience: segments as the cross product of a brand pack's dimensions, and user assignment."""

from huashu.audience.briefs import parse_brief
from huashu.audience.segments import assign_segments, cross_segments

__all__ = ["assign_segments", "cross_segments", "parse_brief"]
