"""``huashu demo``: the whole loop on embedded defaults against the market simulator.

brief -> segments -> drafts -> compliance -> approval -> channel tasks -> R rounds of
Thompson-sampling delivery (logged propensities) -> knowledge base -> next round's drafts.
The seed story's baseline (one global UCB1, no segments, no knowledge base) runs on the same
visitors for comparison.
"""

from __future__ import annotations

from time import perf_counter

from huashu.brand import load_brand_pack
from huashu.config import Settings
from huashu.demo.figures import DemoResult
from huashu.demo.options import (
    DELIVERY_FLOOR,
    MAX_REDRAFTS,
    OPERATOR,
    REVIEWER,
    DemoOptions,
    Progress,
)
from huashu.demo.run import DemoRun
from huashu.runtime import Runtime
from huashu.sim import load_world

__all__ = [
    "DELIVERY_FLOOR",
    "MAX_REDRAFTS",
    "OPERATOR",
    "REVIEWER",
    "DemoOptions",
    "Progress",
    "run_demo",
]


def run_demo(
    settings: Settings, options: DemoOptions, progress: Progress | None = None
) -> DemoResult:
    """Run the closed loop of ``options`` (and the baseline beside it) in ``settings``' data
    directory: plan, round 0's drafts, then per round delivery, distillation and new drafts."""
    say = progress or (lambda _msg: None)
    started = perf_counter()
    pack = load_brand_pack(options.pack)
    world = load_world(options.world_path())
    say(f"population: {options.users:,} simulated users")
    users = world.population(options.users, options.seed)
    with Runtime.open(settings) as rt:
        run = DemoRun.file_campaign(rt, settings, options, pack, world, users, say)
        say("round 0: drafting, checking and filing for approval")
        run.draft_round(0)
        run.start_campaign()
        for round_ in range(1, options.rounds + 1):
            run.deliver_round(round_)
            outcomes = run.distil_round(round_)
            if round_ < options.rounds:
                run.draft_round(round_, outcomes)
        run.finish()
    run.result.seconds = perf_counter() - started
    return run.result
