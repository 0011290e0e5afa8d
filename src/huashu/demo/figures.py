"""Values the demo produces: per-round figures for huashu and the baseline, and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from huashu.domain import ComplianceReport, Creative, Segment


@dataclass(frozen=True)
class RoundFigures:
    """One round of delivery. ``expected_ctr`` is the simulator's true click probability of what
    was shown, averaged over impressions; ``oracle_ctr`` the best achievable for the same users."""

    arm: str
    round: int
    impressions: int
    clicks: int
    conversions: int
    expected_ctr: float
    oracle_ctr: float
    live_creatives: int
    new_creatives: int

    @property
    def ctr(self) -> float:
        return self.clicks / self.impressions if self.impressions else 0.0

    @property
    def fraction_of_oracle(self) -> float:
        return self.expected_ctr / self.oracle_ctr if self.oracle_ctr else 0.0


@dataclass
class DemoResult:
    campaign_id: str
    brand_name: str
    brief: str
    seed: int
    users: int
    segments: list[Segment]
    channels: tuple[str, ...]
    rounds: list[RoundFigures] = field(default_factory=list)
    creatives: list[Creative] = field(default_factory=list)
    reports: dict[str, ComplianceReport] = field(default_factory=dict)
    approved: set[str] = field(default_factory=set)
    rejected: dict[str, str] = field(default_factory=dict)
    kb_markdown: str = ""
    kb_snapshot_ids: list[str] = field(default_factory=list)
    task_ids: list[str] = field(default_factory=list)
    decisions_logged: int = 0
    #: (backend, channel, drafts, passing first time) from the store's yield records
    #: (backend, channel, variants attempted, passed first time, passed after repair)
    yields: list[tuple[str, str, int, int, int]] = field(default_factory=list)
    report_dir: Path | None = None
    seconds: float = 0.0

    def last(self, arm: str) -> RoundFigures:
        return [r for r in self.rounds if r.arm == arm][-1]
