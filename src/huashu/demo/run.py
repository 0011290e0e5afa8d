"""One demo run as a sequence of steps on its state: filing the campaign, drafting and
reviewing each round's creatives, delivering them through both arms, distilling the knowledge
base (see :func:`huashu.demo.loop.run_demo` for the order)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from huashu.config import Settings
from huashu.delivery import ThompsonAllocator
from huashu.delivery.draws import key_seed
from huashu.demo.arms import BaselineArm, HuashuArm, stats_frame
from huashu.demo.figures import DemoResult, round_figures
from huashu.demo.market import Market, Shown
from huashu.demo.options import (
    DELIVERY_FLOOR,
    MAX_REDRAFTS,
    OPERATOR,
    REVIEWER,
    DemoOptions,
    Progress,
)
from huashu.demo.review import compliant_texts, review
from huashu.domain import BrandPack, Creative, Segment, Verdict
from huashu.generate import ComposeGenerator
from huashu.generate.base import Attempt
from huashu.generate.plan import ContentPlan, content_plan
from huashu.learn import KnowledgeBase, distill
from huashu.learn.features import WordTokenizer, creative_features, feature_groups
from huashu.learn.priors import (
    ARM_PRIOR_STRENGTH,
    KB_DESCRIPTIVE_WEIGHT,
    KB_EFFECT_SCALE,
    KB_TAU_PARENT,
    KB_TAU_SEGMENT,
    kb_priors,
)
from huashu.learn.store import KBRegistry
from huashu.runtime import Runtime
from huashu.services import Plan, check_drafts, draft_creatives, plan_campaign
from huashu.sim import World
from huashu.store import repos
from huashu.workflow import create_channel_tasks
from huashu.workflow.lifecycle import campaign_action

#: per live creative, the bandit's prior mean, strength and loading from the knowledge base
Priors = tuple[
    dict[str, float] | None, dict[str, float] | None, dict[str, tuple[float, ...]] | None
]


@dataclass
class DemoRun:
    """One demo run in progress: the filed campaign and its simulated market, the two arms
    (huashu's segmented bandit and the baseline's global UCB1), and what the loop carries from
    round to round: each approved creative's features and groups, every id drafted, the
    latest knowledge base and each arm's creatives new this round."""

    rt: Runtime
    options: DemoOptions
    pack: BrandPack
    plan: Plan
    result: DemoResult
    market: Market
    huashu: HuashuArm
    baseline: BaselineArm
    tokenizer: WordTokenizer
    content: ContentPlan
    kb_registry: KBRegistry
    say: Progress
    features: dict[str, list[str]] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    drafted: set[str] = field(default_factory=set)
    kb: KnowledgeBase | None = None
    new_huashu: list[Creative] = field(default_factory=list)
    new_baseline: list[Creative] = field(default_factory=list)

    @classmethod
    def file_campaign(
        cls,
        rt: Runtime,
        settings: Settings,
        options: DemoOptions,
        pack: BrandPack,
        world: World,
        users: pd.DataFrame,
        say: Progress,
    ) -> DemoRun:
        """File the campaign for ``users``, fit the market's oracle on every compliant text
        and set up both arms."""
        plan = _filed(rt, options, pack, users)
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
                exploit=options.exploit,
            ),
            snapshot_dir=settings.data_dir / "snapshots",
        )
        return cls(
            rt=rt,
            options=options,
            pack=pack,
            plan=plan,
            result=result,
            market=market,
            huashu=huashu,
            baseline=BaselineArm(run_id=plan.campaign_id[:8]),
            tokenizer=WordTokenizer.for_pack(pack),
            content=content_plan(pack, plan.brief.text, plan.segments, channels),
            kb_registry=KBRegistry.for_settings(settings),
            say=say,
        )

    @property
    def channels(self) -> tuple[str, ...]:
        return self.plan.brief.channels

    @property
    def segments(self) -> dict[str, Segment]:
        """The campaign's segments by key."""
        return {s.key: s for s in self.plan.segments}

    @property
    def parents(self) -> dict[str, list[str]]:
        """Each segment's parents in the knowledge base: one ``dimension=label`` per label."""
        return {
            s.key: [f"{d}={label}" for d, label in s.labels.items()] for s in self.plan.segments
        }

    def draft_round(self, round_: int, outcomes: pd.DataFrame | None = None) -> None:
        """Both arms' new creatives for ``round_``: huashu's into the room its bandit makes
        (given the round's ``outcomes``; round 0 fills every segment x channel), the
        baseline's from the same segment copy."""
        options = self.options
        if outcomes is None:
            wanted = {
                (s.key, ch): options.drafts for s in self.plan.segments for ch in self.channels
            }
            kb = None
        else:
            kb = self.kb if options.knowledge else None
            means, strengths, _ = self.predicted(kb)
            wanted = self.huashu.make_room(
                outcomes, options.max_live, options.new_per_round, means, strengths
            )
        self.new_huashu = self.approve_round(round_, kb, wanted)
        self.new_baseline = self.baseline_round(round_)

    def approve_round(
        self, round_: int, kb: KnowledgeBase | None, wanted: dict[tuple[str, str], int]
    ) -> list[Creative]:
        """Draft, check and review ``wanted`` creatives per segment x channel, redrafting
        (with the next seed) up to MAX_REDRAFTS times for any group left short."""
        approved = self.draft_and_review(wanted, round_, self.options.seed, kb)
        for attempt in range(1, MAX_REDRAFTS + 1):
            got: Counter[tuple[str, str]] = Counter(
                (c.segment_key, str(c.channel)) for c in approved
            )
            short = {g: n - got[g] for g, n in wanted.items() if got[g] < n}
            if not short:
                break
            approved += self.draft_and_review(short, round_, self.options.seed + attempt, kb)
        return approved

    def draft_and_review(
        self, wanted: dict[tuple[str, str], int], round_: int, seed: int, kb: KnowledgeBase | None
    ) -> list[Creative]:
        """One pass of drafting (composed with ``kb``'s posterior when given), checking and
        review; what is approved goes live in huashu's arm with its features."""
        rt, campaign_id = self.rt, self.plan.campaign_id
        by_key = self.segments
        drafts: list[Creative] = []
        attempts: list[Attempt] = []
        for (segment_key, channel), n in sorted(wanted.items()):
            segment = by_key[segment_key]
            drafts += draft_creatives(
                rt,
                self.pack,
                campaign_id,
                [segment],
                (channel,),
                n=n,
                seed=seed,
                round_=round_,
                knowledge={segment.key: kb.posterior(segment.key)} if kb else None,
                kb_snapshot_id=kb.snapshot_id if kb else None,
                exclude=frozenset(self.drafted),
                plan=self.content,
                attempts=attempts,
            )
        if not drafts:
            return []
        self.drafted.update(c.id for c in drafts)
        batch = check_drafts(
            rt, self.pack, campaign_id, drafts, OPERATOR, segments=by_key, attempts=attempts
        )
        approved = review(rt, campaign_id, batch, self.result, operator=OPERATOR, reviewer=REVIEWER)
        for c in approved:
            self.features[c.id] = creative_features(c, self.tokenizer)
        self.groups.update(feature_groups(approved))
        self.huashu.add(approved)
        return approved

    def baseline_round(self, round_: int) -> list[Creative]:
        """A segment-blind operator: the same pool of segment copy, delivered to everyone."""
        options = self.options
        drafts = draft_creatives(
            self.rt,
            self.pack,
            f"{self.plan.campaign_id}/baseline",
            self.plan.segments,
            self.channels,
            n=options.drafts if round_ == 0 else options.new_per_round,
            seed=options.seed,
            round_=round_,
            exclude=frozenset(self.baseline.texts),
        )
        checker = self.rt.checker
        passing = [c for c in drafts if checker.check(c, self.pack).verdict == Verdict.PASS]
        self.baseline.add(passing)
        return passing

    def start_campaign(self) -> None:
        """Create the channel tasks and start delivery."""
        with self.rt.store.session() as s:
            self.result.task_ids = create_channel_tasks(s, self.plan.campaign_id)
            campaign_action(s, self.plan.campaign_id, "start", actor="demo", confirm=True)

    def deliver_round(self, round_: int) -> None:
        """Both arms deliver to the round's visitors; their figures go into the result."""
        visitors = {
            ch: self.market.visitors(round_, ch, self.options.traffic) for ch in self.channels
        }
        shown_h = self.deliver_huashu(round_, visitors)
        shown_b, oracle_ctr = self.deliver_baseline(round_, visitors)
        arms = (
            ("huashu", shown_h, self.huashu.live_count(), self.new_huashu),
            ("baseline", shown_b, self.baseline.live_count(), self.new_baseline),
        )
        for arm, shown, live, new in arms:
            self.result.rounds.append(round_figures(arm, round_, shown, oracle_ctr, live, new))
        self.result.decisions_logged += sum(len(s.rows) for s in shown_h + shown_b)

    def deliver_huashu(self, round_: int, visitors: dict[str, np.ndarray]) -> list[Shown]:
        """Huashu's delivery in ``refits`` parts (:func:`round_parts`), each from a snapshot
        rebuilt on a knowledge base re-distilled from every outcome so far."""
        options = self.options
        parts = {ch: round_parts(rows, options.refits) for ch, rows in visitors.items()}
        shown: list[Shown] = []
        for part in range(options.refits):
            if part and options.knowledge:
                self.kb = self.distilled()
            priors, strengths, loadings = self.predicted(self.kb if options.knowledge else None)
            snap = self.huashu.snapshot(
                self.rt.events, round_, options.seed, priors, strengths, loadings, part
            )
            for channel in self.channels:
                rows = parts[channel][part]
                rng = np.random.default_rng([options.seed, round_, key_seed(channel), 0, part])
                shown.append(
                    self.huashu.deliver(
                        self.market, self.rt.events, snap, round_, channel, rows, rng
                    )
                )
        return shown

    def deliver_baseline(
        self, round_: int, visitors: dict[str, np.ndarray]
    ) -> tuple[list[Shown], float]:
        """The baseline's delivery to every visitor, and the oracle's CTR on them."""
        shown: list[Shown] = []
        oracle: list[float] = []
        for channel in self.channels:
            rows = visitors[channel]
            rng = np.random.default_rng([self.options.seed, round_, key_seed(channel), 1])
            shown.append(
                self.baseline.deliver(self.market, self.rt.events, round_, channel, rows, rng)
            )
            oracle.append(self.market.oracle_ctr(channel, rows) * len(rows))
        return shown, sum(oracle) / sum(len(s.rows) for s in shown)

    def distil_round(self, round_: int) -> pd.DataFrame:
        """Distil and save the knowledge base after ``round_``; the round's outcomes."""
        outcomes = stats_frame(self.rt.events, set(self.huashu.texts))
        self.kb = self.distilled(outcomes)
        names = {s.key: s.name for s in self.plan.segments}
        self.kb_registry.save(self.kb, names=names, brand_id=self.pack.id)
        self.result.kb_snapshot_ids.append(self.kb.snapshot_id)
        h, b = self.result.last("huashu"), self.result.last("baseline")
        self.say(
            f"round {round_}: huashu {h.fraction_of_oracle:.1%} of oracle, "
            f"baseline {b.fraction_of_oracle:.1%}"
        )
        return outcomes

    def predicted(self, kb: KnowledgeBase | None) -> Priors:
        """Per live creative, the bandit's prior from the knowledge base (see
        :func:`huashu.learn.priors.kb_priors`)."""
        if kb is None:
            return None, None, None
        own = stats_frame(self.rt.events, set(self.huashu.texts))
        shown = own.groupby("creative_id")["impressions"].sum().to_dict()
        got = kb_priors(kb, self.huashu.live, self.features, shown)
        return got.means, got.strengths, got.loadings

    def distilled(self, outcomes: pd.DataFrame | None = None) -> KnowledgeBase:
        """The knowledge base of huashu's outcomes (by default: every one so far)."""
        if outcomes is None:
            outcomes = stats_frame(self.rt.events, set(self.huashu.texts))
        return distill(
            outcomes,
            self.features,
            parents=self.parents,
            groups=self.groups,
            texts=self.huashu.texts,
            tau_parent=KB_TAU_PARENT,
            tau_segment=KB_TAU_SEGMENT,
            effect_scale=KB_EFFECT_SCALE,
            descriptive_weight=KB_DESCRIPTIVE_WEIGHT,
        )

    def finish(self) -> None:
        """The last knowledge base as markdown and the store's drafting yields."""
        self.result.kb_markdown = self.kb.to_markdown() if self.kb else ""
        with self.rt.store.session() as s:
            self.result.yields = [
                (y.backend, y.channel, y.attempts, y.first_pass, y.after_repair)
                for y in repos.yield_summary(s, campaign_id=self.plan.campaign_id)
            ]


def _filed(rt: Runtime, options: DemoOptions, pack: BrandPack, users: pd.DataFrame) -> Plan:
    """The campaign of the options' brief (or the pack's), filed with segments sized on
    ``users`` and ids fixed by the seed."""
    if isinstance(rt.generator, ComposeGenerator):
        # ground every draft: a phrase that fails compliance is banned and the draft
        # redrawn, instead of filing drafts the reviewer can only reject; no uniform
        # exploration: the knowledge base's Thompson draws explore where it is unsure
        rt.generator = ComposeGenerator(checker=rt.checker, explore=0.0)
    brief_text = options.brief or (pack.campaign.brief if pack.campaign else "")
    return plan_campaign(
        rt,
        pack,
        options.pack.read_text("utf-8"),
        brief_text,
        OPERATOR,
        users,
        id_seed=f"demo/{options.seed}",  # same seed, same ids, same run
    )


def round_parts(rows: np.ndarray, refits: int) -> list[np.ndarray]:
    """A round's visitors in ``refits`` consecutive parts that double in size after the first
    (weights 1, 1, 2, 4, ...): the snapshot is rebuilt soonest after new creatives go live."""
    weights = np.array([1.0] + [2.0**i for i in range(refits - 1)])
    cuts = np.round(np.cumsum(weights)[:-1] / weights.sum() * len(rows)).astype(int)
    return np.split(rows, cuts)
