"""Knowledge base: no false confidence. In a world where phrases have no effect (the example
world with every keyword effect zeroed, ``World.without_preferences``), how many
segment x phrase entries still have an interval that excludes zero, against the number a
calibrated interval lets through by chance ((1 - level) x entries)?

Same setup as benchmarks/kb_recovery.py (10 segments, N home-card impressions per segment of
uniformly drawn compositions, ``distill`` with parent dimensions and its defaults).

    .venv/bin/python benchmarks/kb_null.py --write
"""

from __future__ import annotations

import argparse
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

from docs_section import replace_section
from kb_recovery import run

from huashu.brand import load_brand_pack
from huashu.learn import KnowledgeBase
from huashu.sim import load_world

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- kb-null:start -->", "<!-- kb-null:end -->"


def confident(kb: KnowledgeBase) -> tuple[int, int]:
    """(phrase entries whose interval excludes zero, phrase entries)."""
    phrases = [e for e in kb.entries if e.feature.startswith("phrase:")]
    return sum(e.low > 0 or e.high < 0 for e in phrases), len(phrases)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[3_000, 30_000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--write", action="store_true", help="Replace the docs section.")
    args = parser.parse_args()
    pack = load_brand_pack(ROOT / "examples" / "rural_bank.yaml")
    world = load_world(ROOT / "examples" / "rural_bank.world.yaml").without_preferences()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        START,
        "## Knowledge base: no false confidence in a world where phrases do nothing",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d}; machine: {machine}",
        "- command: `.venv/bin/python benchmarks/kb_null.py --write`",
        "- setup: examples/rural_bank.world.yaml with every keyword effect set to zero "
        "(`World.without_preferences`: base rates, channel and position effects kept), the "
        "rest as in the recovery benchmark below (10 segments, N home-card impressions per "
        "segment of uniformly drawn compositions, `distill` defaults: 90% intervals, parent "
        "dimensions).",
        "- figure: segment x phrase entries whose interval excludes zero; peer: the number a "
        "calibrated 90% interval lets through by chance, 10% of the entries.",
        "",
        "| N per segment | seed | entries | interval excludes 0 | expected by chance (10%) |",
        "|---:|---:|---:|---:|---:|",
    ]
    for size in args.sizes:
        for seed in args.seeds:
            kb, _ = run(world, pack, size, seed)
            hits, entries = confident(kb)
            expected = (1 - kb.level) * entries
            lines.append(f"| {size:,} | {seed} | {entries} | {hits} | {expected:.1f} |")
            print(lines[-1], flush=True)
    lines += [
        "",
        "tests/learn/test_kb_null.py asserts the same bound on a smaller run (seeded).",
        END,
    ]
    block = "\n".join(lines)
    print(block)
    if args.write:
        replace_section(block, START, END)


if __name__ == "__main__":
    main()
