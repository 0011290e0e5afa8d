"""The Generator protocol: (brand pack, segment, channel, knowledge) -> creatives."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from huashu.channels import ChannelSpec
from huashu.domain import BrandPack, Creative, Segment


@dataclass(frozen=True)
class GenerationRequest:
    """What to write: ``n`` new creatives for one segment on one channel.

    ``knowledge`` maps a feature (``phrase:<id>``) to the knowledge base's posterior
    ``(mean, sd)`` of its effect on click log-odds for this segment; features it lacks are
    unknown. ``exclude`` holds creative ids that already exist.
    """

    pack: BrandPack
    segment: Segment
    channel: ChannelSpec
    n: int
    seed: int
    campaign_id: str = ""
    round: int = 0
    knowledge: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    kb_snapshot_id: str | None = None
    exclude: frozenset[str] = frozenset()


class Generator(Protocol):
    name: str

    def generate(self, request: GenerationRequest) -> list[Creative]:
        """Return up to ``request.n`` new creatives (fewer if the space is exhausted)."""
        ...
