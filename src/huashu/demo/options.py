"""The options of ``huashu demo`` and the fixed roles and limits of its loop."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from huashu.domain import InputError

OPERATOR = "demo-operator"
REVIEWER = "demo-reviewer"
MAX_REDRAFTS = 3
#: every live creative's minimum share: enough that each keeps a logged propensity (off-policy
#: evaluation can still weigh it) at a few impressions per group and round, without the
#: several per cent the delivery default (0.01 per creative) spends on eight live creatives
DELIVERY_FLOOR = 0.002

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoOptions:
    pack: Path = Path("examples/rural_bank.yaml")
    world: Path | None = None
    brief: str | None = None
    users: int = 100_000
    rounds: int = 6
    seed: int = 7
    traffic: int = 15_000
    drafts: int = 8
    new_per_round: int = 3
    max_live: int = 8
    n_min: int = 150
    #: times per round the bandit's snapshot is rebuilt on a knowledge base re-distilled from
    #: every outcome so far: after 1/8, 1/4 and 1/2 of the round's visitors for 4 (parts of
    #: 1, 1, 2, 4 eighths: soonest after new creatives go live, when each impression tells
    #: the most); new creatives are still drafted once per round
    refits: int = 4
    #: False: the same loop with the knowledge base left unused (drafts composed blind,
    #: new creatives start from the bandit's flat prior): the "without KB" arm
    knowledge: bool = True
    #: of the share probability matching gives the live creatives that carry a knowledge-base
    #: prior, the part that goes to the one with the highest posterior mean instead
    #: (``ThompsonAllocator.exploit``; 0: plain probability matching)
    exploit: float = 0.0

    def __post_init__(self) -> None:
        for name in ("users", "rounds", "traffic", "drafts", "refits"):
            if getattr(self, name) < 1:
                raise InputError(
                    f"--{name} must be at least 1",
                    message_zh=f"参数 --{name} 至少为 1",
                    code="invalid_option",
                )
        if self.new_per_round < 0:
            raise InputError(
                "--new-per-round must not be negative",
                message_zh="参数 --new-per-round 不能为负数",
                code="invalid_option",
            )

    def world_path(self) -> Path:
        return self.world or self.pack.with_name(self.pack.stem + ".world.yaml")
