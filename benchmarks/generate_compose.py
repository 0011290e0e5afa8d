"""Speed and quality of the built-in ``compose`` generator.

1. Throughput on one core: creatives/s including channel validation, with and without the
   compliance engine attached (grounding: every draft checked, fact rules included).
2. End to end: 100 segments x 5 channels x 3 variants, generate + validate + fact check (the
   grounded composer validates and checks every draft; the output is re-checked untimed).
3. Variety (distinct-2, mean/max pairwise bigram similarity) and yield per channel.

    .venv/bin/python benchmarks/generate_compose.py
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter

import yaml

from huashu.channels import get_channel
from huashu.compliance import Checker
from huashu.domain import BrandPack, Creative, Segment
from huashu.generate import ComposeGenerator, GenerationRequest, diversity, yield_stats

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CHANNELS = ("sms", "home_card", "smart_call", "dsp", "xiaohongshu")


def segments(pack: BrandPack, count: int) -> list[Segment]:
    """``count`` segments: the pack's cross product, repeated across synthetic regions."""
    base = [
        (f"{a.value}.{b.value}".lower(), f"{a.label}·{b.label}", {"occupation": a.label})
        for a in pack.dimensions[0].values
        for b in pack.dimensions[1].values
    ]
    out = []
    for i in range(count):
        key, name, labels = base[i % len(base)]
        out.append(Segment(key=f"{key}.r{i // len(base)}", name=name, rule={}, labels=labels))
    return out


def throughput(pack: BrandPack, gen: ComposeGenerator, seconds: float) -> float:
    segs = segments(pack, 100)
    made = 0
    start = perf_counter()
    i = 0
    while perf_counter() - start < seconds:
        seg = segs[i % len(segs)]
        for ch in ("sms", "home_card"):
            request = GenerationRequest(
                pack=pack, segment=seg, channel=get_channel(ch), n=10, seed=i
            )
            made += len(gen.generate(request))
        i += 1
    return made / (perf_counter() - start)


def end_to_end(pack: BrandPack, checker: Checker) -> tuple[float, list[list[Creative]], list[str]]:
    gen = ComposeGenerator(checker=checker)
    start = perf_counter()
    results = []
    for ch in CHANNELS:
        spec = get_channel(ch)
        for seg in segments(pack, 100):
            results.append(
                gen.run(GenerationRequest(pack=pack, segment=seg, channel=spec, n=3, seed=7))
            )
    elapsed = perf_counter() - start
    batches = [r.creatives for r in results]
    creatives = [c for b in batches for c in b]
    verdicts = [checker.check(c, pack).verdict.value for c in creatives]
    problems = [p for c in creatives for p in get_channel(c.channel).problems(c.fields)]
    assert not problems
    stats = yield_stats("compose", results)
    rows = [
        f"{s.channel}: first-pass {s.first_pass_rate:.1%}, after repair {s.after_repair_rate:.1%}"
        for s in stats
    ]
    return elapsed, batches, [*rows, f"verdicts: {sorted(set(verdicts))}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    pack = BrandPack.model_validate(yaml.safe_load((EXAMPLES / "rural_bank.yaml").read_text()))
    checker = Checker.from_packs()
    plain = throughput(pack, ComposeGenerator(), args.seconds)
    grounded = throughput(pack, ComposeGenerator(checker=checker), args.seconds)
    elapsed, batches, yields = end_to_end(pack, checker)
    creatives = [c for b in batches for c in b]
    print(
        f"date: {datetime.now(UTC):%Y-%m-%d}; machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    print(f"compose throughput (1 core, incl. channel validation): {plain:,.0f} creatives/s")
    print(f"compose + compliance grounding (fact check incl.): {grounded:,.0f} creatives/s")
    print(
        f"100 segments x 5 channels x 3 variants end to end: {len(creatives)} creatives "
        f"in {elapsed:.2f} s"
    )
    for line in yields:
        print(f"  {line}")
    for ch in CHANNELS:
        whole = diversity([c.text for c in creatives if c.channel == ch])
        within = [diversity([c.text for c in b]) for b in batches if b and b[0].channel == ch]
        mean_sim = sum(d.mean_similarity for d in within) / len(within)
        max_sim = max(d.max_similarity for d in within)
        print(
            f"  variety {ch}: within a segment's 3 variants mean similarity {mean_sim:.2f}, "
            f"max {max_sim:.2f}; all 300: distinct-2 {whole.distinct_2:.3f}, "
            f"distinct texts {len({c.text for c in creatives if c.channel == ch})}"
        )


if __name__ == "__main__":
    main()
