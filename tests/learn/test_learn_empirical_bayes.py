"""Empirical Bayes for the knowledge base's segment scale: of several ``tau_segment`` values,
``distill`` keeps the one whose Laplace evidence is highest, so segments whose own data
contradict their parent are not pulled onto the parent's effect, and alike segments are
still pooled."""

from __future__ import annotations

import numpy as np
import pandas as pd

from huashu.learn import distill
from huashu.learn.model import fit_hierarchical

GRID = (0.02, 0.05, 0.1, 0.2, 0.4, 0.8)


def _world(effects: dict[str, float], impressions: dict[str, int], seed: int) -> pd.DataFrame:
    """Per segment two creatives, phrase A and phrase B, at a 3% base CTR; A's log-odds
    effect is ``effects[segment]``."""
    rng = np.random.default_rng(seed)
    rows = []
    base = np.log(0.03 / 0.97)
    for seg, effect in effects.items():
        for cid, on in ((f"a-{seg}", 1.0), (f"b-{seg}", 0.0)):
            p = 1.0 / (1.0 + np.exp(-(base + effect * on)))
            n = impressions[seg]
            rows.append(
                {
                    "segment_key": seg,
                    "creative_id": cid,
                    "impressions": n,
                    "clicks": int(rng.binomial(n, p)),
                }
            )
    return pd.DataFrame(rows)


def _effect_of_a(outcomes: pd.DataFrame, tau: float | tuple[float, ...]) -> dict[str, float]:
    features = {
        c: ["phrase:A" if c.startswith("a-") else "phrase:B", "channel:sms"]
        for c in outcomes["creative_id"]
    }
    groups = {"phrase:A": "slot:hook", "phrase:B": "slot:hook", "channel:sms": "channel"}
    segments = sorted(set(outcomes["segment_key"]))
    kb = distill(
        outcomes,
        features,
        parents={s: ["occupation=P"] for s in segments},
        groups=groups,
        tau_parent=0.6,
        tau_segment=tau,
    )
    out = {}
    for s in segments:
        a = kb.predict(s, ["phrase:A", "channel:sms"])
        b = kb.predict(s, ["phrase:B", "channel:sms"])
        assert a is not None and b is not None
        out[s] = a[0] - b[0]
    return out


def test_a_segment_that_contradicts_its_parent_keeps_its_own_effect() -> None:
    effects = {"s1": 0.5, "s2": 0.5, "s3": 0.0}
    errors_fixed, errors_eb = [], []
    for seed in range(8):
        outcomes = _world(effects, {"s1": 4000, "s2": 4000, "s3": 30000}, seed)
        fixed = _effect_of_a(outcomes, 0.05)
        chosen = _effect_of_a(outcomes, GRID)
        errors_fixed.append(sum(abs(fixed[s] - e) for s, e in effects.items()))
        errors_eb.append(sum(abs(chosen[s] - e) for s, e in effects.items()))
    # the fixed small scale drags the parent's effect into s3 and s3's into s1/s2
    assert np.mean(errors_eb) < 0.7 * np.mean(errors_fixed), (errors_eb, errors_fixed)


def test_alike_segments_are_still_pooled() -> None:
    effects = {f"s{i}": 0.3 for i in range(6)}
    for seed in range(4):
        outcomes = _world(effects, {s: 1500 for s in effects}, seed)
        chosen = _effect_of_a(outcomes, GRID)
        # six small segments alike: each estimate near the shared truth, and close together
        values = np.array(list(chosen.values()))
        assert values.max() - values.min() < 0.1, chosen
        assert abs(values.mean() - 0.3) < 0.15, chosen


def test_the_evidence_peaks_near_the_scale_segments_were_drawn_from() -> None:
    """Forty segments whose effects are drawn from N(0.2, tau^2): the evidence's best grid
    value is within a factor of two of the tau they were drawn from, for two taus."""
    for true_tau, seed in ((0.05, 1), (0.4, 2)):
        rng = np.random.default_rng(seed)
        effects = {f"s{i}": float(0.2 + rng.normal(0.0, true_tau)) for i in range(40)}
        outcomes = _world(effects, {s: 20000 for s in effects}, seed)
        segments = sorted(effects)
        x = (outcomes["creative_id"].str.startswith("a-")).to_numpy(np.float64)[:, None]
        segment = np.searchsorted(segments, outcomes["segment_key"].to_numpy()).astype(np.intp)
        n = outcomes["impressions"].to_numpy(np.float64)
        k = outcomes["clicks"].to_numpy(np.float64)
        evidence = [
            fit_hierarchical(
                x,
                n,
                k,
                segment,
                [[0]] * 40,
                1,
                tau_global=1.0,
                tau_parent=0.6,
                tau_segment=t,
            ).evidence
            for t in GRID
        ]
        best = GRID[int(np.argmax(evidence))]
        assert true_tau / 2 <= best <= true_tau * 2, (
            true_tau,
            dict(zip(GRID, evidence, strict=True)),
        )
