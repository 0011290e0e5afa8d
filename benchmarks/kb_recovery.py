"""Knowledge-base recovery: precision@5 of each segment's top positive phrases against the
simulator's hidden keyword preferences, as a function of impressions per segment.

Each segment (occupation x discount eligibility of examples/rural_bank.world.yaml) sees N
home-card impressions of compositions drawn uniformly from the composer's phrase banks; clicks
come from the simulator; ``distill`` (with the segment's two parent dimensions) ranks phrases.
A phrase's true effect in a segment is the sum of the hidden keyword effects of the keywords
its text contains, averaged over the segment's members (``World.keyword_effects``, the
per-user form of ``World.true_effects``). precision@5 = share of the
knowledge base's top five phrases (positive lift only) whose true effect is positive; the peer
is a random ranking (its expected precision is the share of positive phrases).

    .venv/bin/python benchmarks/kb_recovery.py --write
"""

from __future__ import annotations

import argparse
import os
import platform
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter

import numpy as np
import pandas as pd
from docs_section import replace_section

from huashu.brand import load_brand_pack
from huashu.channels import get_channel
from huashu.domain import BrandPack
from huashu.generate import all_compositions, compose_fields, feature_of
from huashu.learn import KnowledgeBase, distill
from huashu.learn.features import WordTokenizer, slot_groups, structure_features
from huashu.sim import World, load_world

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- kb-recovery:start -->", "<!-- kb-recovery:end -->"
CHANNEL = "home_card"


def phrase_truth(world: World, pack: BrandPack, members: pd.DataFrame) -> dict[str, float]:
    """``phrase:<id>`` -> summed hidden effect of the keywords its rendered text contains,
    averaged over the segment's members (``World.keyword_effects``; the same rules as
    ``World.true_effects``, including those on attributes the segment does not fix, such as
    value tier)."""
    effects = world.keyword_effects(members).mean()
    return {
        feature_of(p.id): float(sum(e for k, e in effects.items() if k in pack.render(p)))
        for bank in pack.phrases.values()
        for p in bank
    }


def relative(truth: dict[str, float], groups: dict[str, str]) -> dict[str, float]:
    """A phrase's true effect minus its slot's average: what the knowledge base reports
    (sum-to-zero coding), and what the composer acts on (it picks one phrase per slot)."""
    means = {
        g: float(np.mean([truth[f] for f in truth if groups.get(f) == g]))
        for g in set(groups.values())
    }
    return {f: v - means[groups[f]] if f in groups else v for f, v in truth.items()}


def precision_at(kb: KnowledgeBase, segment: str, truth: dict[str, float], k: int) -> float:
    """Hits among the top ``k`` positive-lift phrases over ``min(k, truly positive phrases)``;
    fewer than ``k`` positive-lift phrases count as misses."""
    entries = [e for e in kb.for_segment(segment) if e.feature.startswith("phrase:")]
    ranked = [e.feature for e in entries if e.lift > 0][:k]
    positive = sum(truth[e.feature] > 0 for e in entries)
    return sum(truth[f] > 0 for f in ranked) / max(1, min(k, positive))


def run(
    world: World, pack: BrandPack, per_segment: int, seed: int
) -> tuple[KnowledgeBase, dict[str, pd.DataFrame]]:
    """Outcomes of uniformly drawn compositions in every segment, distilled with the demo's
    features: phrases (grouped by slot), words and structure."""
    channel = get_channel(CHANNEL)
    compositions = list(all_compositions(pack, channel))
    texts = [" ".join(compose_fields(pack, channel, c).values()) for c in compositions]
    tokenizer = WordTokenizer.for_pack(pack)
    features = {
        str(i): sorted(feature_of(p) for p in c.values())
        + [f"word:{w}" for w in tokenizer.words(texts[i])]
        + structure_features(texts[i])
        for i, c in enumerate(compositions)
    }
    users = world.population(200_000, seed)
    rng = np.random.default_rng(seed)
    frames = []
    segments: dict[str, pd.DataFrame] = {}
    for (occupation, discount), members in users.groupby(
        ["occupation", "rate_discount_eligible"], sort=True
    ):
        key = f"{occupation}.{'yes' if discount else 'no'}"
        segments[key] = members
        shown = members.sample(per_segment, replace=True, random_state=int(rng.integers(2**31)))
        index = rng.integers(len(texts), size=per_segment)
        response = world.respond(shown, index, texts, CHANNEL, rng=rng)
        frames.append(
            pd.DataFrame(
                {"segment_key": key, "creative_id": index.astype(str), "clicked": response.clicked}
            )
        )
    parents = {
        k: [f"occupation={k.split('.')[0]}", f"discount={k.split('.')[1]}"] for k in segments
    }
    groups = slot_groups(compositions)
    kb = distill(pd.concat(frames), features, parents=parents, groups=groups, examples=0)
    return kb, segments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1_000, 3_000, 10_000, 30_000, 100_000]
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="Replace the docs section.")
    args = parser.parse_args()
    pack = load_brand_pack(ROOT / "examples" / "rural_bank.yaml")
    world = load_world(ROOT / "examples" / "rural_bank.world.yaml")
    groups = slot_groups(all_compositions(pack, get_channel(CHANNEL)))
    rows = []
    peer: dict[str, float] = {}
    for size in args.sizes:
        for seed in args.seeds:
            started = perf_counter()
            kb, segments = run(world, pack, size, seed)
            seconds = perf_counter() - started
            for key, members in segments.items():
                absolute = phrase_truth(world, pack, members)
                truth = relative(absolute, groups)
                seen = [e.feature for e in kb.for_segment(key) if e.feature in truth]
                peer[key] = sum(truth[f] > 0 for f in seen) / len(seen)
                rows.append(
                    (
                        size,
                        seed,
                        key,
                        precision_at(kb, key, truth, args.k),
                        precision_at(kb, key, absolute, args.k),
                        seconds,
                    )
                )
            print(f"N={size:,} seed={seed}: {seconds:.1f} s", flush=True)
    frame = pd.DataFrame(rows, columns=["n", "seed", "segment", "precision", "absolute", "seconds"])
    table = frame.pivot_table(index="segment", columns="n", values="precision", aggfunc="mean")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    sizes = list(table.columns)
    lines = [
        START,
        f"## Knowledge base: recovery of each segment's preferred phrases (precision@{args.k})",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d}; machine: {machine}",
        "- command: `.venv/bin/python benchmarks/kb_recovery.py --write`",
        f"- setup: examples/rural_bank (world + pack), {CHANNEL}, 10 segments (occupation x "
        "discount eligibility), N impressions per segment of compositions drawn uniformly from "
        "the phrase banks, clicks from the simulator; `distill` with the demo's features "
        "(phrases grouped by slot, jieba words, structure, channel), parent dimensions and "
        f"its defaults (90% intervals, min support 200); seeds {args.seeds}.",
        f"- figure: precision@{args.k} = hits among the knowledge base's top {args.k} "
        "positive-lift phrases divided by "
        f"min({args.k}, number of truly positive phrases); mean over seeds. A phrase's lift is "
        "reported against its slot's average (sum-to-zero coding), so a hit is a phrase whose "
        "hidden effect (the simulator's keyword effects, averaged over the segment's members, "
        "summed over the keywords in the phrase) is above its slot's average hidden effect. "
        "Peer: a random ranking (expected precision = share of such phrases), measured in the "
        "same run. Second table: the same ranking scored against the absolute hidden effect "
        "(hit = effect > 0), the definition before sum-to-zero coding.",
        "",
        "| segment | " + " | ".join(f"N = {n:,}" for n in sizes) + " | peer (random) |",
        "|---|" + "---:|" * (len(sizes) + 1),
    ]
    for key, row in table.iterrows():
        cells = " | ".join(f"{row[n]:.2f}" for n in sizes)
        lines.append(f"| {key} | {cells} | {peer[str(key)]:.2f} |")
    mean = table.mean()
    means = " | ".join(f"**{mean[n]:.2f}**" for n in sizes)
    lines.append(f"| **mean** | {means} | **{np.mean(list(peer.values())):.2f}** |")
    wall = frame.groupby("n")["seconds"].mean()
    absolute = frame.pivot_table(index="segment", columns="n", values="absolute").mean()
    lines += [
        "",
        "| scored against | " + " | ".join(f"N = {n:,}" for n in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
        "| effect above slot average (table above) | "
        + " | ".join(f"{mean[n]:.2f}" for n in sizes)
        + " |",
        "| effect > 0 (absolute) | " + " | ".join(f"{absolute[n]:.2f}" for n in sizes) + " |",
        "",
        "Distill wall time per run (all 10 segments): "
        + ", ".join(f"N = {n:,}: {wall[n]:.1f} s" for n in sizes)
        + ".",
        END,
    ]
    block = "\n".join(lines)
    print(block)
    if args.write:
        replace_section(block, START, END)


if __name__ == "__main__":
    main()
