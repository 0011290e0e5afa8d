"""Creatives: one piece of copy for one segment on one channel, with where it came from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from huashu.domain.brand import ChannelName


class Provenance(BaseModel):
    """How a creative was made; every creative carries one."""

    model_config = ConfigDict(frozen=True)

    backend: str
    model: str
    template_version: str
    seed: int
    kb_snapshot_id: str | None = None
    compliance_report_id: str | None = None


class Creative(BaseModel):
    """Copy for one segment x channel. ``fields`` holds the channel's parts (e.g. title, body).

    ``phrase_ids`` maps composer slot -> phrase id for composed creatives (empty otherwise).
    """

    model_config = ConfigDict(frozen=True)

    id: str
    brand_id: str
    segment_key: str
    channel: ChannelName
    fields: dict[str, str]
    phrase_ids: dict[str, str] = Field(default_factory=dict)
    provenance: Provenance
    round: int = 0

    @property
    def text(self) -> str:
        """All fields joined in order: what a reader sees, and what compliance checks."""
        return "\n".join(v for v in self.fields.values() if v)
