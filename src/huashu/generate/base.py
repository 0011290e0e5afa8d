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

    ``preferences`` maps a feature (``phrase:<id>``) to a sampling weight from the knowledge
    base (1.0 = neutral); ``exclude`` holds creative ids that already exist.
    """

    pack: BrandPack
    segment: Segment
    channel: ChannelSpec
    n: int
    seed: int
    campaign_id: str = ""
    round: int = 0
    preferences: Mapping[str, float] = field(default_factory=dict)
    kb_snapshot_id: str | None = None
    exclude: frozenset[str] = frozenset()


class Generator(Protocol):
    name: str

    def generate(self, request: GenerationRequest) -> list[Creative]:
        """Return up to ``request.n`` new creatives (fewer if the space is exhausted)."""
        ...
