"""``huashu demo``: the whole loop on embedded defaults against the market simulator.

brief -> segments -> drafts -> compliance -> approval -> channel tasks -> R rounds of
Thompson-sampling delivery (logged propensities) -> knowledge base -> next round's drafts.
The seed story's baseline (one global UCB1, no segments, no knowledge base) runs on the same
visitors for comparison.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

import numpy as np
import pandas as pd

from huashu.brand import load_brand_pack
from huashu.channels import get_channel
from huashu.config import Settings
from huashu.delivery import ThompsonAllocator
from huashu.delivery.draws import key_seed
from huashu.demo.arms import BaselineArm, HuashuArm, stats_frame
from huashu.demo.figures import DemoResult, RoundFigures, cell_figures
from huashu.demo.market import Market, Shown
from huashu.domain import BrandPack, ComplianceReport, Creative, InputError, Segment, Verdict
from huashu.generate import ComposeGenerator, all_compositions, compose_fields
from huashu.generate.base import Attempt
from huashu.generate.copycheck import copy_findings, failing
from huashu.generate.plan import content_plan
from huashu.learn import KnowledgeBase, distill
from huashu.learn.features import WordTokenizer, creative_features, feature_groups
from huashu.learn.priors import (
    ARM_PRIOR_STRENGTH,
    KB_EFFECT_SCALE,
    KB_TAU_PARENT,
    KB_TAU_SEGMENT,
    kb_priors,
)
from huashu.learn.store import KBRegistry
from huashu.runtime import Runtime
from huashu.services import DraftBatch, check_drafts, draft_creatives, plan_campaign
from huashu.sim import load_world
from huashu.store import repos
from huashu.workflow import create_channel_tasks, decide_approval, submit_for_approval
from huashu.workflow.lifecycle import campaign_action

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


def run_demo(
    settings: Settings, options: DemoOptions, progress: Progress | None = None
) -> DemoResult:
    say = progress or (lambda _msg: None)
    started = perf_counter()
    pack = load_brand_pack(options.pack)
    world = load_world(options.world_path())
    brief_text = options.brief or (pack.campaign.brief if pack.campaign else "")
    say(f"population: {options.users:,} simulated users")
    users = world.population(options.users, options.seed)
    with Runtime.open(settings) as rt:
        if isinstance(rt.generator, ComposeGenerator):
            # ground every draft: a phrase that fails compliance is banned and the draft
            # redrawn, instead of filing drafts the reviewer can only reject; no uniform
            # exploration: the knowledge base's Thompson draws explore where it is unsure
            rt.generator = ComposeGenerator(checker=rt.checker, explore=0.0)
        plan = plan_campaign(
            rt,
            pack,
            options.pack.read_text("utf-8"),
            brief_text,
            OPERATOR,
            users,
            id_seed=f"demo/{options.seed}",  # same seed, same ids, same run
        )
        assert plan.segment_of_user is not None
        channels = plan.brief.channels
        result = DemoResult(
            campaign_id=plan.campaign_id,
            brand_name=pack.brand.name,
            brief=plan.brief.text,
            seed=options.seed,
            users=options.users,
            segments=list(plan.segments),
            channels=channels,
        )
        say(f"plan: {len(plan.segments)} segments x {len(channels)} channels")
        market = Market(world, users, plan.segment_of_user, options.seed)
        for channel in channels:
            market.fit_oracle(channel, compliant_texts(rt, pack, channel, plan.segments))

        huashu = HuashuArm(
            run_id=plan.campaign_id[:8],
            policy=ThompsonAllocator(
                random_state=options.seed,
                burn_in="compete",
                n_min=options.n_min,
                arm_prior_strength=ARM_PRIOR_STRENGTH,
                floor=DELIVERY_FLOOR,
            ),
            snapshot_dir=settings.data_dir / "snapshots",
        )
        baseline = BaselineArm(run_id=plan.campaign_id[:8])
        features: dict[str, list[str]] = {}
        groups: dict[str, str] = {}
        tokenizer = WordTokenizer.for_pack(pack)
        by_key = {s.key: s for s in plan.segments}
        content = content_plan(pack, plan.brief.text, plan.segments, channels)
        parents = {s.key: [f"{d}={label}" for d, label in s.labels.items()] for s in plan.segments}
        drafted: set[str] = set()

        def draft_and_review(
            wanted: dict[tuple[str, str], int], round_: int, seed: int, kb: KnowledgeBase | None
        ) -> list[Creative]:
            drafts: list[Creative] = []
            attempts: list[Attempt] = []
            for (segment_key, channel), n in sorted(wanted.items()):
                segment = by_key[segment_key]
                drafts += draft_creatives(
                    rt,
                    pack,
                    plan.campaign_id,
                    [segment],
                    (channel,),
                    n=n,
                    seed=seed,
                    round_=round_,
                    knowledge={segment.key: kb.posterior(segment.key)} if kb else None,
                    kb_snapshot_id=kb.snapshot_id if kb else None,
                    exclude=frozenset(drafted),
                    plan=content,
                    attempts=attempts,
                )
            if not drafts:
                return []
            drafted.update(c.id for c in drafts)
            batch = check_drafts(
                rt, pack, plan.campaign_id, drafts, OPERATOR, segments=by_key, attempts=attempts
            )
            approved = _review(rt, plan.campaign_id, batch, result)
            for c in approved:
                features[c.id] = creative_features(c, tokenizer)
            groups.update(feature_groups(approved))
            huashu.add(approved)
            return approved

        def approve_round(
            round_: int, kb: KnowledgeBase | None, wanted: dict[tuple[str, str], int]
        ) -> list[Creative]:
            approved = draft_and_review(wanted, round_, options.seed, kb)
            for attempt in range(1, MAX_REDRAFTS + 1):
                got: Counter[tuple[str, str]] = Counter(
                    (c.segment_key, str(c.channel)) for c in approved
                )
                short = {g: n - got[g] for g, n in wanted.items() if got[g] < n}
                if not short:
                    break
                approved += draft_and_review(short, round_, options.seed + attempt, kb)
            return approved

        def baseline_round(round_: int) -> list[Creative]:
            # a segment-blind operator: the same pool of segment copy, delivered to everyone
            n = options.drafts if round_ == 0 else options.new_per_round
            drafts = draft_creatives(
                rt,
                pack,
                f"{plan.campaign_id}/baseline",
                plan.segments,
                channels,
                n=n,
                seed=options.seed,
                round_=round_,
                exclude=frozenset(baseline.texts),
            )
            passing = [c for c in drafts if rt.checker.check(c, pack).verdict == Verdict.PASS]
            baseline.add(passing)
            return passing

        say("round 0: drafting, checking and filing for approval")
        new_h = approve_round(
            0, None, {(seg.key, ch): options.drafts for seg in plan.segments for ch in channels}
        )
        new_b = baseline_round(0)
        with rt.store.session() as s:
            result.task_ids = create_channel_tasks(s, plan.campaign_id)
            campaign_action(s, plan.campaign_id, "start", actor="demo", confirm=True)

        kb: KnowledgeBase | None = None
        kb_registry = KBRegistry.for_settings(settings)

        Priors = tuple[
            dict[str, float] | None, dict[str, float] | None, dict[str, tuple[float, ...]] | None
        ]

        def predicted(kb: KnowledgeBase | None) -> Priors:
            """Per live creative, the bandit's prior from the knowledge base (see
            :func:`huashu.learn.priors.kb_priors`)."""
            if kb is None:
                return None, None, None
            own = stats_frame(rt.events, set(huashu.texts))
            shown = own.groupby("creative_id")["impressions"].sum().to_dict()
            got = kb_priors(kb, huashu.live, features, shown)
            return got.means, got.strengths, got.loadings

        def distilled(outcomes: pd.DataFrame | None = None) -> KnowledgeBase:
            if outcomes is None:
                outcomes = stats_frame(rt.events, set(huashu.texts))
            return distill(
                outcomes,
                features,
                parents=parents,
                groups=groups,
                texts=huashu.texts,
                tau_parent=KB_TAU_PARENT,
                tau_segment=KB_TAU_SEGMENT,
                effect_scale=KB_EFFECT_SCALE,
            )

        for round_ in range(1, options.rounds + 1):
            shown_h: list[Shown] = []
            shown_b: list[Shown] = []
            oracle: list[float] = []
            visitors = {ch: market.visitors(round_, ch, options.traffic) for ch in channels}
            parts = {ch: round_parts(rows, options.refits) for ch, rows in visitors.items()}
            for part in range(options.refits):
                if part and options.knowledge:
                    kb = distilled()
                priors, strengths, loadings = predicted(kb if options.knowledge else None)
                snap = huashu.snapshot(
                    rt.events, round_, options.seed, priors, strengths, loadings, part
                )
                for channel in channels:
                    rows = parts[channel][part]
                    rng = np.random.default_rng([options.seed, round_, key_seed(channel), 0, part])
                    shown_h.append(
                        huashu.deliver(market, rt.events, snap, round_, channel, rows, rng)
                    )
            for channel in channels:
                rows = visitors[channel]
                rng_b = np.random.default_rng([options.seed, round_, key_seed(channel), 1])
                shown_b.append(baseline.deliver(market, rt.events, round_, channel, rows, rng_b))
                oracle.append(market.oracle_ctr(channel, rows) * len(rows))
            oracle_ctr = sum(oracle) / sum(len(s.rows) for s in shown_b)
            result.rounds.append(
                _figures("huashu", round_, shown_h, oracle_ctr, huashu.live_count(), new_h)
            )
            result.rounds.append(
                _figures("baseline", round_, shown_b, oracle_ctr, baseline.live_count(), new_b)
            )
            result.decisions_logged += sum(len(s.rows) for s in shown_h + shown_b)
            outcomes = stats_frame(rt.events, set(huashu.texts))
            kb = distilled(outcomes)
            kb_registry.save(kb, names={s.key: s.name for s in plan.segments}, brand_id=pack.id)
            result.kb_snapshot_ids.append(kb.snapshot_id)
            h, b = result.last("huashu"), result.last("baseline")
            say(
                f"round {round_}: huashu {h.fraction_of_oracle:.1%} of oracle, "
                f"baseline {b.fraction_of_oracle:.1%}"
            )
            if round_ < options.rounds:
                use = kb if options.knowledge else None
                means, strengths, _ = predicted(use)
                wanted = huashu.make_room(
                    outcomes, options.max_live, options.new_per_round, means, strengths
                )
                new_h = approve_round(round_, use, wanted)
                new_b = baseline_round(round_)
        result.kb_markdown = kb.to_markdown() if kb else ""
        with rt.store.session() as s:
            result.yields = [
                (y.backend, y.channel, y.attempts, y.first_pass, y.after_repair)
                for y in repos.yield_summary(s, campaign_id=plan.campaign_id)
            ]
    result.seconds = perf_counter() - started
    return result


def compliant_texts(
    rt: Runtime, pack: BrandPack, channel: str, segments: Sequence[Segment]
) -> dict[str, list[str]]:
    """Per segment, every text the composer can write for it on ``channel`` that passes
    compliance and the copy-quality gate: the oracle's candidates for that segment."""
    spec = get_channel(channel)
    out: dict[str, list[str]] = {}
    for segment in segments:
        texts: set[str] = set()
        for combo in all_compositions(pack, spec, segment):
            fields = compose_fields(pack, spec, combo, segment)
            findings = rt.checker.check_fields(fields, channel, pack)
            findings += failing(copy_findings(fields, channel, pack, segment))
            if ComplianceReport.verdict_of(findings) == Verdict.PASS:
                texts.add("\n".join(v for v in fields.values() if v))
        out[segment.key] = sorted(texts)
    return out


def _review(rt: Runtime, campaign_id: str, batch: DraftBatch, result: DemoResult) -> list[Creative]:
    """File the approval, then decide as the demo reviewer: pass -> approve; any `review`
    finding -> reject with the reason (absolute claims need evidence the demo cannot give)."""
    result.creatives.extend(batch.creatives)
    result.reports.update(batch.reports)
    filed = [c for c in batch.creatives if batch.reports[c.id].verdict != Verdict.BLOCK]
    if not filed:
        return []
    decisions: dict[str, str] = {}
    for c in filed:
        if batch.reports[c.id].verdict == Verdict.PASS:
            decisions[c.id] = "approved"
        else:
            decisions[c.id] = "rejected"
            rules = sorted({f.rule_id for f in batch.reports[c.id].findings})
            result.rejected[c.id] = "需人工核实：" + "、".join(rules)
    with rt.store.session() as s:
        repos.ensure_user(s, OPERATOR, "operator", "演示运营")
        repos.ensure_user(s, REVIEWER, "reviewer", "演示审核")
        approval_id = submit_for_approval(s, campaign_id, requested_by=OPERATOR)
        decide_approval(
            s,
            approval_id,
            REVIEWER,
            decisions=decisions,
            comment="演示审核：绝对化用语缺少依据的驳回",
        )
    approved = [c for c in filed if decisions[c.id] == "approved"]
    result.approved.update(c.id for c in approved)
    return approved


def _figures(
    arm: str,
    round_: int,
    shown: list[Shown],
    oracle_ctr: float,
    live: int,
    new: list[Creative],
) -> RoundFigures:
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
    )


def round_parts(rows: np.ndarray, refits: int) -> list[np.ndarray]:
    """A round's visitors in ``refits`` consecutive parts that double in size after the first
    (weights 1, 1, 2, 4, ...): the snapshot is rebuilt soonest after new creatives go live."""
    weights = np.array([1.0] + [2.0**i for i in range(refits - 1)])
    cuts = np.round(np.cumsum(weights)[:-1] / weights.sum() * len(rows)).astype(int)
    return np.split(rows, cuts)
