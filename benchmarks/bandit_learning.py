"""Parts of the bandit benchmark (benchmarks/bandit.py) about learning: cold starts with many
creatives, and decide throughput with the snapshot updated every 100 decisions, against
MABWiser in the same run."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from huashu.delivery import DecideService, LivePolicy, ThompsonAllocator, build_snapshot
from huashu.delivery.simulate import ColdStart, compare_cold_start

COLD_STARTS = {
    "31 creatives": ColdStart(n_arms=31, horizon=200_000),
    "100 creatives": ColdStart(n_arms=100, horizon=300_000),
}
TENTHS = (0, 2, 4, 9)
BATCH = 100
GROUP = ("s", "home_card")


def cold_start_tables(seeds: int) -> list[str]:
    lines = []
    for title, scenario in COLD_STARTS.items():
        lines += [
            "",
            f"**cold start, {title}** (all new; best CTR {scenario.best_ctr:.1%}, the other "
            f"{scenario.n_arms - 1} spread {scenario.low_ctr:.1%}-{scenario.runner_up_ctr:.1%}; "
            f"snapshot every {scenario.batch}; {scenario.horizon:,} impressions; n_min 300; "
            f"{seeds} seeds; share and CTR per tenth of the run)",
            "",
            "| policy | best creative's share: 1st tenth | 3rd | 5th | last | "
            "% of oracle CTR: last tenth | whole run |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for s in compare_cold_start(scenario, seeds=range(seeds)):
            shares = " | ".join(f"{s.best_share[i]:.1%}" for i in TENTHS)
            lines.append(
                f"| {s.policy} | {shares} | {s.oracle_fraction[-1]:.1%} | "
                f"{s.overall_oracle_fraction:.1%} |"
            )
    return lines


def huashu_learning(decisions: int, *, rebuild: bool = False, n_arms: int = 31) -> float:
    """Decisions per second from one process that decides, observes the click, and every
    100 decisions updates the snapshot (incrementally, or by a full rebuild) and swaps it in."""
    ctrs = ColdStart(n_arms=n_arms).ctrs(0)
    ids = list(ctrs)
    policy = ThompsonAllocator(burn_in="compete")
    arms = {GROUP: ids}
    empty = pd.DataFrame(
        {"segment_key": GROUP[0], "channel": GROUP[1], "creative_id": ids, "impressions": 0}
    ).assign(clicks=0)
    live = LivePolicy.build(empty, arms, policy, 1)
    service = DecideService(live.snapshot, random_state=1)
    totals = {(*GROUP, c): (0, 0) for c in ids}
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    for batch in range(decisions // BATCH):
        changed = {}
        for i, u in enumerate(rng.random(BATCH).tolist()):
            key = (*GROUP, service.decide(i, *GROUP).creative_id)
            shown, clicked = totals[key]
            totals[key] = changed[key] = (shown + 1, clicked + int(u < ctrs[key[2]]))
        if rebuild:
            rows = [(*key, n, k) for key, (n, k) in totals.items()]
            stats = pd.DataFrame(rows, columns=empty.columns)
            service.swap(build_snapshot(stats, arms, policy, batch))
        else:
            service.swap(live.update(changed))
    return decisions / (time.perf_counter() - start)


def mabwiser_learning(decisions: int, n_arms: int = 31) -> float | None:
    """The same loop with MABWiser's Thompson sampling: ``predict()`` per decision,
    ``partial_fit`` every 100 (None when MABWiser is not installed)."""
    try:
        from mabwiser.mab import MAB, LearningPolicy
    except ImportError:
        return None
    ctrs = ColdStart(n_arms=n_arms).ctrs(0)
    mab = MAB(list(ctrs), LearningPolicy.ThompsonSampling(), seed=1)
    mab.fit(list(ctrs), [0] * len(ctrs))
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    for _ in range(decisions // BATCH):
        shown = [str(mab.predict()) for _ in range(BATCH)]
        clicks = [int(u < ctrs[c]) for c, u in zip(shown, rng.random(BATCH).tolist(), strict=True)]
        mab.partial_fit(shown, clicks)
    return decisions / (time.perf_counter() - start)


def learning_rows(decisions: int = 200_000) -> list[tuple[str, float | None]]:
    """(path, decisions/s) with learning in the loop: 31 creatives, all new, one group."""
    return [
        ("huashu decide + incremental snapshot update every 100", huashu_learning(decisions)),
        (
            "huashu decide + full snapshot rebuild every 100",
            huashu_learning(decisions // 50, rebuild=True),
        ),
        (
            "MABWiser 2.x ThompsonSampling `predict()` + `partial_fit` every 100 (peer)",
            mabwiser_learning(decisions // 5),
        ),
    ]
