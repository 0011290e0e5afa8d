"""One closed-loop run on one world, measured for the world-family benchmark (demo_family.py).

Runs ``huashu demo`` in a fresh data directory and returns, per round and segment x channel, what
each arm delivered (true expected CTR), the oracle, the average composable text, and the true CTR
of the knowledge base's best composition: of the snapshot the round started from (distilled after
the round before) and of the one distilled after the round. The oracle is rebuilt exactly as the
demo's market builds it (same users, same samples, same candidate texts), so the fractions share
one denominator with the demo's own figures.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from family_calibration import candidate_features, contrast_rows

from huashu.audience import assign_segments
from huashu.brand import load_brand_pack
from huashu.channels import get_channel
from huashu.config import Settings
from huashu.demo import DemoOptions, DemoResult, run_demo
from huashu.demo.market import Market
from huashu.domain import BrandPack, ComplianceReport, Segment, Verdict
from huashu.generate import all_compositions, compose_fields
from huashu.generate.copycheck import copy_findings, failing
from huashu.learn import KnowledgeBase
from huashu.learn.features import WordTokenizer
from huashu.learn.store import KBRegistry
from huashu.runtime import Runtime
from huashu.sim import World, load_world, random_world_spec


@dataclass(frozen=True)
class WorldJob:
    """``world`` None: the family's world of ``seed`` for ``pack``."""

    label: str
    seed: int
    demo_seed: int
    pack: Path
    world: Path | None
    users: int
    rounds: int
    traffic: int
    exploit: float = 0.0
    #: other DemoOptions fields, as (name, value) pairs
    options: tuple[tuple[str, Any], ...] = ()


@dataclass
class WorldRun:
    label: str
    seed: int
    seconds: float
    #: fraction of the oracle per round, as the demo reports it
    huashu: list[float]
    baseline: list[float]
    #: one row per round x segment x channel (see :func:`audit`)
    cells: list[dict[str, Any]] = field(default_factory=list)
    #: largest relative difference between the rebuilt oracle and the demo's (expected: 0)
    oracle_mismatch: float = 0.0
    #: per round x segment x channel x phrase: the KB distilled after the round against the
    #: world's truth in that round (family_calibration.contrast_rows)
    calibration: list[dict[str, Any]] = field(default_factory=list)


def run_world(job: WorldJob) -> WorldRun:
    pack = load_brand_pack(job.pack)
    with tempfile.TemporaryDirectory() as tmp:
        path = job.world
        if path is None:
            path = Path(tmp) / "family.world.yaml"
            spec = random_world_spec(pack, job.seed)
            path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), "utf-8")
        settings = Settings(data_dir=Path(tmp) / "data")
        options = DemoOptions(
            pack=job.pack,
            world=path,
            users=job.users,
            rounds=job.rounds,
            traffic=job.traffic,
            seed=job.demo_seed,
            exploit=job.exploit,
            **dict(job.options),
        )
        result = run_demo(settings, options)
        registry = KBRegistry.for_settings(settings)
        kbs = [registry.load(sid) for sid in result.kb_snapshot_ids]
        with Runtime.open(settings) as rt:
            candidates = {ch: compositions(rt, pack, ch, result.segments) for ch in result.channels}
            shown = shown_creatives(rt, result)
        world = load_world(path)
    run = WorldRun(
        label=job.label,
        seed=job.seed,
        seconds=result.seconds,
        huashu=[r.fraction_of_oracle for r in result.rounds if r.arm == "huashu"],
        baseline=[r.fraction_of_oracle for r in result.rounds if r.arm == "baseline"],
    )
    audit(run, result, world, pack, candidates, kbs, options, shown)
    return run


def shown_creatives(rt: Runtime, result: DemoResult) -> dict[tuple[int, str, str], list[str]]:
    """Per (round, segment, channel): the texts huashu showed in that round (every creative
    that got at least one impression), from the decision log."""
    texts = {c.id: c.text for c in result.creatives}
    table = rt.events.decisions()
    mine = table.filter(table.policy != "baseline-ucb1")
    frame = (
        mine.group_by(["round", "segment_key", "channel", "creative_id"])
        .aggregate(n=mine.count())
        .to_pandas()
    )
    out: dict[tuple[int, str, str], list[str]] = {}
    for row in frame.itertuples(index=False):
        text = texts.get(str(row.creative_id))
        if text is not None:
            key = (int(row.round), str(row.segment_key), str(row.channel))
            out.setdefault(key, []).append(text)
    return out


def compositions(
    rt: Runtime, pack: BrandPack, channel: str, segments: list[Segment]
) -> dict[str, dict[str, dict[str, str]]]:
    """Per segment: text -> composition (slot -> phrase id) of every text the composer can
    write for it on ``channel`` that passes compliance and the copy-quality gate; the same
    candidates as the demo's oracle (``huashu.demo.review.compliant_texts``)."""
    spec = get_channel(channel)
    out: dict[str, dict[str, dict[str, str]]] = {}
    for segment in segments:
        texts: dict[str, dict[str, str]] = {}
        for combo in all_compositions(pack, spec, segment):
            fields = compose_fields(pack, spec, combo, segment)
            findings = rt.checker.check_fields(fields, channel, pack)
            findings += failing(copy_findings(fields, channel, pack, segment))
            if ComplianceReport.verdict_of(findings) == Verdict.PASS:
                texts.setdefault("\n".join(v for v in fields.values() if v), combo)
        out[segment.key] = dict(sorted(texts.items()))
    return out


def kb_pick(kb: KnowledgeBase | None, segment: str, features: list[list[str]]) -> int | None:
    """Index of the composition the knowledge base's predictive model rates best (posterior
    mean), each read with every feature it would carry (phrases, channel, words, structure)."""
    model = None if kb is None else kb.model.get(segment)
    if kb is None or model is None:
        return None
    rows = np.stack([kb.design(f) for f in features])
    return int(np.argmax(rows @ np.asarray(model.coef)))


def audit(
    run: WorldRun,
    result: DemoResult,
    world: World,
    pack: BrandPack,
    candidates: dict[str, dict[str, dict[str, dict[str, str]]]],
    kbs: list[KnowledgeBase],
    options: DemoOptions,
    shown: dict[tuple[int, str, str], list[str]],
) -> None:
    """Fill ``run.cells``: per round x segment x channel the impressions, both arms' expected
    CTR, the oracle, the average candidate's CTR, the KB picks' true CTRs, and among the
    creatives huashu showed in the round: the best one's true CTR, their unweighted mean, and
    the true CTR of the one the entering KB rates best (what allocation could have got)."""
    users = world.population(options.users, options.seed)
    segment_of_user, sizes = assign_segments(pack, result.segments, users)
    market = Market(world, users, segment_of_user, options.seed)
    for channel in result.channels:
        market.fit_oracle(channel, {k: list(v) for k, v in candidates[channel].items()})
    rounds = {(r.arm, r.round): r for r in result.rounds}
    tokenizer = WordTokenizer.for_pack(pack)
    mismatch = 0.0
    for round_ in range(1, options.rounds + 1):
        market.round = round_
        huashu = {(c.segment_key, c.channel): c for c in rounds[("huashu", round_)].cells}
        baseline = {(c.segment_key, c.channel): c for c in rounds[("baseline", round_)].cells}
        entering = kbs[round_ - 2] if round_ >= 2 else None
        for channel in result.channels:
            for segment, (texts, ctr) in market.oracle_table(channel).items():
                h, b = huashu.get((segment, channel)), baseline.get((segment, channel))
                if h is None or b is None:
                    continue
                oracle = float(ctr.max())
                mismatch = max(mismatch, abs(h.oracle_ctr / oracle - 1.0))
                combos = [candidates[channel][segment][t] for t in texts]
                features = [
                    candidate_features(tokenizer, t, c, channel)
                    for t, c in zip(texts, combos, strict=True)
                ]
                picks = [kb_pick(kb, segment, features) for kb in (entering, kbs[round_ - 1])]
                kb_ctr = [None if p is None else float(ctr[p]) for p in picks]
                index = {t: i for i, t in enumerate(texts)}
                live = [t for t in shown.get((round_, segment, channel), []) if t in index]
                live_ctr = [float(ctr[index[t]]) for t in live]
                live_pick = None
                if live and entering is not None:
                    pick = kb_pick(entering, segment, [features[index[t]] for t in live])
                    live_pick = None if pick is None else live_ctr[pick]
                after = kbs[round_ - 1]
                designs = np.stack([after.design(f) for f in features])
                for row in contrast_rows(after, segment, channel, combos, designs, ctr):
                    run.calibration.append({"round": round_, **row})
                run.cells.append(
                    {
                        "round": round_,
                        "segment": segment,
                        "channel": channel,
                        "users": sizes[segment],
                        "impressions": h.impressions,
                        "huashu": h.expected_ctr,
                        "baseline": b.expected_ctr,
                        "huashu_cvr": h.expected_cvr,
                        "baseline_cvr": b.expected_cvr,
                        "oracle": oracle,
                        "average": float(ctr.mean()),
                        "kb_entering": kb_ctr[0],
                        "kb_after": kb_ctr[1],
                        "best_shown": max(live_ctr) if live_ctr else None,
                        "mean_shown": float(np.mean(live_ctr)) if live_ctr else None,
                        "kb_pick_shown": live_pick,
                    }
                )
    run.oracle_mismatch = mismatch
