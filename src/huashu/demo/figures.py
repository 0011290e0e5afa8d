"""Values the demo produces: per-round figures for huashu and the baseline, and the result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from huashu.demo.market import Shown
from huashu.domain import ComplianceReport, Creative, Segment


@dataclass(frozen=True)
class CellFigures:
    """One segment x channel of one round and arm: impressions, clicks, the mean true click
    probability of what was shown, the segment's oracle CTR on the channel, and the mean true
    probability of a conversion (a click that converts) of what was shown."""

    segment_key: str
    channel: str
    impressions: int
    clicks: int
    expected_ctr: float
    oracle_ctr: float
    expected_cvr: float = 0.0

    @property
    def fraction_of_oracle(self) -> float:
        return self.expected_ctr / self.oracle_ctr if self.oracle_ctr else 0.0


def cell_figures(shown: Sequence[Shown]) -> tuple[CellFigures, ...]:
    """Per segment x channel (sorted), the figures of the batches ``shown`` in one round."""
    frames = [
        pd.DataFrame(
            {
                "segment_key": s.segments.astype(str),
                "channel": s.channel,
                "clicked": s.clicked.astype("int64"),
                "expected": s.expected,
                "conversion": s.expected_conversion,
                "oracle": s.oracle if s.oracle is not None else np.nan,
            }
        )
        for s in shown
        if s.segments is not None and len(s.rows)
    ]
    if not frames:
        return ()
    table = pd.concat(frames, ignore_index=True).groupby(["segment_key", "channel"], sort=True)
    sums = table.agg(
        impressions=("expected", "size"),
        clicks=("clicked", "sum"),
        expected=("expected", "mean"),
        conversion=("conversion", "mean"),
        oracle=("oracle", "mean"),
    )
    return tuple(
        CellFigures(
            segment_key=str(key),
            channel=str(channel),
            impressions=int(row.impressions),
            clicks=int(row.clicks),
            expected_ctr=float(row.expected),
            oracle_ctr=0.0 if pd.isna(row.oracle) else float(row.oracle),
            expected_cvr=float(row.conversion),
        )
        for (key, channel), row in sums.iterrows()
    )


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
    #: the same round per segment x channel
    cells: tuple[CellFigures, ...] = ()
    #: the true probability of a conversion (a click that converts) of what was shown,
    #: averaged over impressions: clicks from users an offer excludes count for nothing
    expected_cvr: float = 0.0

    @property
    def ctr(self) -> float:
        return self.clicks / self.impressions if self.impressions else 0.0

    @property
    def fraction_of_oracle(self) -> float:
        return self.expected_ctr / self.oracle_ctr if self.oracle_ctr else 0.0


def round_figures(
    arm: str,
    round_: int,
    shown: list[Shown],
    oracle_ctr: float,
    live: int,
    new: list[Creative],
) -> RoundFigures:
    """One arm's figures for a round from what it showed (``new``: its creatives that went
    live this round)."""
    return RoundFigures(
        arm=arm,
        round=round_,
        impressions=sum(len(s.rows) for s in shown),
        clicks=sum(int(s.clicked.sum()) for s in shown),
        conversions=sum(int(s.converted.sum()) for s in shown),
        expected_ctr=float(np.concatenate([s.expected for s in shown]).mean()),
        oracle_ctr=oracle_ctr,
        live_creatives=live,
        new_creatives=len(new),
        cells=cell_figures(shown),
        expected_cvr=float(np.concatenate([s.expected_conversion for s in shown]).mean()),
    )


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
