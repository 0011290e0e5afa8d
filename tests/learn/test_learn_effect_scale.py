"""Empirical Bayes for the scale of the effects themselves: ``distill(effect_scale=grid)``
keeps the smallest scale of the global and parent prior sds whose evidence is near the best,
so a market where copy moves clicks by a few percent is not read with a prior built for +50%
(noise then passes for effects), and one where phrases matter a lot keeps the wide prior."""

from __future__ import annotations

import numpy as np
import pandas as pd

from huashu.learn import KnowledgeBase, distill
from huashu.learn.priors import KB_EFFECT_SCALE, KB_TAU_PARENT, KB_TAU_SEGMENT

PHRASES = 12
SEGMENTS = ("s1", "s2", "s3", "s4")


def _market(sd: float, impressions: int, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Twelve hook phrases, each a creative in every segment, at a 2% base CTR; phrase j's
    log-odds effect is ``effects[j]`` ~ N(0, sd^2), shared by the segments."""
    rng = np.random.default_rng(seed)
    effects = rng.normal(0.0, sd, PHRASES)
    effects -= effects.mean()
    base = np.log(0.02 / 0.98)
    rows = []
    for seg in SEGMENTS:
        for j, effect in enumerate(effects):
            p = 1.0 / (1.0 + np.exp(-(base + effect)))
            rows.append(
                {
                    "segment_key": seg,
                    "creative_id": f"{seg}-{j}",
                    "impressions": impressions,
                    "clicks": int(rng.binomial(impressions, p)),
                }
            )
    return pd.DataFrame(rows), effects


def _kb(outcomes: pd.DataFrame, scale: float | tuple[float, ...]) -> KnowledgeBase:
    features = {c: [f"phrase:p{c.split('-')[1]}", "channel:sms"] for c in outcomes["creative_id"]}
    groups = {f"phrase:p{j}": "slot:hook" for j in range(PHRASES)} | {"channel:sms": "channel"}
    return distill(
        outcomes,
        features,
        parents={s: ["occupation=P"] for s in SEGMENTS},
        groups=groups,
        tau_parent=KB_TAU_PARENT,
        tau_segment=KB_TAU_SEGMENT,
        effect_scale=scale,
    )


def _error(kb: KnowledgeBase, effects: np.ndarray) -> float:
    """Mean absolute error of the phrase contrasts (the entries the 知识库 page shows)."""
    errors = [
        abs(e.coef - effects[int(e.feature.removeprefix("phrase:p"))])
        for e in kb.entries
        if e.feature.startswith("phrase:")
    ]
    return float(np.mean(errors))


def test_small_effects_get_a_small_prior_and_smaller_errors() -> None:
    wide, chosen = [], []
    for seed in range(6):
        outcomes, effects = _market(0.05, 1000, seed)
        kb_wide = _kb(outcomes, 1.0)
        kb = _kb(outcomes, KB_EFFECT_SCALE)
        assert kb.tau_global < kb_wide.tau_global, kb.tau_global
        wide.append(_error(kb_wide, effects))
        chosen.append(_error(kb, effects))
    # with the wide prior the estimates are mostly noise (about 0.09 log-odds off against
    # effects of 0.05); the chosen one is close to the spread of the effects themselves
    assert np.mean(chosen) < 0.7 * np.mean(wide), (chosen, wide)
    assert np.mean(chosen) < 0.06, chosen


def test_large_effects_keep_a_wide_prior() -> None:
    for seed in range(3):
        outcomes, effects = _market(0.5, 3000, seed)
        kb = _kb(outcomes, KB_EFFECT_SCALE)
        assert kb.tau_global >= 0.25, kb.tau_global
        # large, well-measured effects are not shrunk away: as good as the wide prior
        wide = _error(_kb(outcomes, 1.0), effects)
        assert _error(kb, effects) < 1.1 * wide + 0.005, (_error(kb, effects), wide)


def test_a_single_scale_is_the_fixed_prior_of_before() -> None:
    outcomes, _ = _market(0.2, 2000, 0)
    fixed = _kb(outcomes, 1.0)
    assert fixed.tau_global == 1.0
    assert _kb(outcomes, (1.0,)).snapshot_id == fixed.snapshot_id
