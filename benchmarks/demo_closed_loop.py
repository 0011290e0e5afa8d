"""Closed-loop demo: huashu vs. the seed story's baseline, as a fraction of the oracle CTR.

Runs ``huashu demo`` (default scale: 100k users, 6 rounds, 15k visitors per channel per round)
for several seeds in fresh data directories and prints a Markdown section; with ``--write``
it replaces the section between the demo markers in docs/benchmarks.md.

    .venv/bin/python benchmarks/demo_closed_loop.py --seeds 7 1 2 --write
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from docs_section import replace_section

from huashu.config import Settings
from huashu.demo import DemoOptions, DemoResult, run_demo

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
START, END = "<!-- demo:start -->", "<!-- demo:end -->"


def run(seed: int) -> DemoResult:
    with tempfile.TemporaryDirectory() as tmp:
        return run_demo(Settings(data_dir=Path(tmp)), DemoOptions(seed=seed))


def section(results: list[DemoResult], command: str) -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    rounds = sorted({r.round for r in results[0].rounds})
    lines = [
        START,
        "## Closed-loop demo: huashu vs. the seed story's baseline",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d}; machine: {machine}",
        f"- command: `{command}`",
        "- scale: 100,000 simulated users, 6 rounds, 15,000 visitors per channel per round "
        "(home card + SMS), 10 segments; the same visitors see both arms each round.",
        "- figure: expected CTR of what was shown (the simulator's true click probability) as a "
        "fraction of the oracle CTR (best compliant composition per segment); peer: the seed "
        "story's baseline (one global UCB1 per channel, no segments, no knowledge base), "
        "measured in the same run.",
        "",
        "| seed | arm | " + " | ".join(f"round {r}" for r in rounds) + " | wall time |",
        "|---:|---|" + "---:|" * len(rounds) + "---:|",
    ]
    for result in results:
        for arm in ("huashu", "baseline"):
            cells = [f"{r.fraction_of_oracle:.1%}" for r in result.rounds if r.arm == arm]
            wall = f"{result.seconds:.1f} s" if arm == "huashu" else ""
            lines.append(f"| {result.seed} | {arm} | " + " | ".join(cells) + f" | {wall} |")
    last_h = [r.last("huashu").fraction_of_oracle for r in results]
    last_b = [r.last("baseline").fraction_of_oracle for r in results]
    lines += [
        "",
        f"Last round, mean over {len(results)} seeds: huashu "
        f"**{sum(last_h) / len(last_h):.1%}** of oracle, baseline "
        f"**{sum(last_b) / len(last_b):.1%}** (ratio "
        f"{sum(last_h) / sum(last_b):.2f}x).",
        END,
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 1, 2])
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    results = [run(seed) for seed in args.seeds]
    command = "python benchmarks/demo_closed_loop.py --seeds " + " ".join(map(str, args.seeds))
    text = section(results, command)
    print(text)
    if args.write:
        replace_section(text, START, END)


if __name__ == "__main__":
    main()
