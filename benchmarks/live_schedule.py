"""Paired runs of the closed-loop demo on worlds of the family: the demo's live set as it is
(8 live creatives a cell, 3 new a round) against a narrow-then-wide schedule (4 live and 2 new
while drafting for the rounds named, the default after), huashu's fraction of the oracle per
round (docs/benchmarks.md, "A narrow live set early, the default later").

Every run is deterministic for its world seed and schedule, so the rows are paired: the same
world, users and random streams, only the live set differs.

    .venv/bin/python benchmarks/live_schedule.py --seeds 1-6 --rounds 6 --narrow 2 3
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable
from pathlib import Path
from time import perf_counter
from typing import Any

from exploit_paired import huashu_fractions, seeds_of

import huashu.demo.run as demo_run

ROOT = Path(__file__).resolve().parent.parent
ORIGINAL: Callable[..., Any] = demo_run.DemoRun.draft_round


def scheduled(narrow: dict[int, tuple[int, int]]) -> Callable[..., Any]:
    """``DemoRun.draft_round`` with ``(max_live, new_per_round)`` of ``narrow`` for the rounds
    it names (the round being drafted for), the demo's options otherwise."""

    def draft_round(self: Any, round_: int, outcomes: Any = None) -> None:
        if outcomes is None or round_ + 1 not in narrow:
            ORIGINAL(self, round_, outcomes)
            return
        live, new = narrow[round_ + 1]
        base = self.options
        object.__setattr__(
            self, "options", dataclasses.replace(base, max_live=live, new_per_round=new)
        )
        try:
            ORIGINAL(self, round_, outcomes)
        finally:
            object.__setattr__(self, "options", base)

    return draft_round


def run_world(
    pack: Path, seed: int, narrow: dict[int, tuple[int, int]], args: argparse.Namespace
) -> list[float]:
    """huashu's fraction of the oracle per round on world ``seed`` with the schedule."""
    demo_run.DemoRun.draft_round = scheduled(narrow)  # type: ignore[method-assign]
    try:
        return huashu_fractions(pack, seed, args)
    finally:
        demo_run.DemoRun.draft_round = ORIGINAL  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pack", type=Path, default=ROOT / "examples" / "rural_bank.yaml")
    parser.add_argument("--seeds", default="1-6", help="world seeds: 1-6 or 1,3,5")
    parser.add_argument("--narrow", type=int, nargs="+", default=[2, 3], help="rounds narrowed")
    parser.add_argument("--live", type=int, default=4, help="live creatives while narrow")
    parser.add_argument("--new", type=int, default=2, help="new creatives a round while narrow")
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--traffic", type=int, default=4_000)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    arms = {"default": {}, "narrow": {r: (args.live, args.new) for r in args.narrow}}
    heads = " | ".join(f"r{r}" for r in range(1, args.rounds + 1))
    print(f"| world | live set | {heads} | wall |")
    print("|---:|---|" + "---:|" * (args.rounds + 1))
    for seed in seeds_of(args.seeds):
        for name, narrow in arms.items():
            start = perf_counter()
            cells = " | ".join(f"{100 * v:.1f}%" for v in run_world(args.pack, seed, narrow, args))
            print(f"| {seed} | {name} | {cells} | {perf_counter() - start:.0f} s |", flush=True)


if __name__ == "__main__":
    main()
