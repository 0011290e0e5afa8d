"""The hierarchical logistic model: MAP correctness, parent-level shrinkage, predictions."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from huashu.learn import KnowledgeBase, distill
from huashu.learn.model import fit_logistic


def test_flat_prior_recovers_the_odds_ratio_exactly() -> None:
    """One binary feature, near-flat priors: the MAP is the maximum-likelihood fit, whose
    intercept is the logit of the no-feature CTR and whose coefficient is the log odds ratio."""
    x = np.array([[0.0], [1.0]])
    n = np.array([10_000.0, 4_000.0])
    k = np.array([200.0, 160.0])
    fit = fit_logistic(x, n, k, prior_mean=np.zeros(2), prior_sd=np.full(2, 1e4))
    assert fit.coef[0] == pytest.approx(math.log(200 / 9_800), abs=1e-6)
    assert fit.coef[1] == pytest.approx(math.log((160 / 3_840) / (200 / 9_800)), abs=1e-6)
    # Laplace sd of a log odds ratio: sqrt(1/a + 1/b + 1/c + 1/d)
    assert fit.sd[1] == pytest.approx(
        math.sqrt(1 / 200 + 1 / 9_800 + 1 / 160 + 1 / 3_840), rel=1e-3
    )


def test_far_start_converges_with_damping() -> None:
    """A prior mean far from the data (as a parent's deviation can give) still converges."""
    x = np.eye(3)
    n = np.full(3, 5_000.0)
    k = np.array([100.0, 150.0, 50.0])
    fit = fit_logistic(
        x, n, k, prior_mean=np.array([8.0, 6.0, -6.0, 9.0]), prior_sd=np.full(4, 10.0)
    )
    eta = fit.coef[0] + fit.coef[1:]
    assert np.allclose(1 / (1 + np.exp(-eta)), k / n, atol=1e-3)


def _world(seed: int, effect_by_occupation: dict[str, float]) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for occupation, effect in effect_by_occupation.items():
        for discount in ("yes", "no"):
            segment = f"{occupation}.{discount}"
            size = 50 if (occupation, discount) == ("farmer", "yes") else 20_000
            for creative, has in (("with", 1), ("without", 0)):
                p = 1 / (1 + math.exp(-(-3.5 + effect * has)))
                rows.append((segment, creative, size, int(rng.binomial(size, p))))
    return pd.DataFrame(rows, columns=["segment_key", "creative_id", "impressions", "clicks"])


def test_parents_lend_strength_to_a_small_segment() -> None:
    """farmer.yes has 100 impressions; its sibling farmer.no has 40,000 showing a strong
    effect that other occupations lack. With parents the small segment borrows the farmer
    effect; without, it is pulled toward the population (which mostly lacks it)."""
    outcomes = _world(3, {"farmer": 0.8, "clerk": 0.0, "trader": 0.0})
    features = {"with": ["phrase:x"], "without": []}
    parents = {
        f"{o}.{d}": [f"occupation={o}", f"discount={d}"]
        for o in ("farmer", "clerk", "trader")
        for d in ("yes", "no")
    }
    plain = distill(outcomes, features, min_support=0)
    nested = distill(outcomes, features, min_support=0, parents=parents)

    def coef(kb: KnowledgeBase, segment: str) -> float:
        return next(e.coef for e in kb.entries if e.segment_key == segment)

    assert coef(nested, "farmer.yes") > coef(plain, "farmer.yes") + 0.2
    # borrowed through the occupation parent, shrunk toward the population (tau_parent 0.3)
    assert 0.5 < coef(nested, "farmer.yes") < 0.8 + 0.25
    assert coef(nested, "clerk.no") == pytest.approx(0.0, abs=0.1)


def test_predictions_and_posterior() -> None:
    outcomes = _world(4, {"farmer": 0.8, "clerk": 0.0})
    kb = distill(outcomes, {"with": ["phrase:x"], "without": []}, min_support=0)
    with_x = kb.predict_ctr("farmer.no", ["phrase:x"])
    without = kb.predict_ctr("farmer.no", [])
    assert with_x is not None and without is not None
    assert with_x / without == pytest.approx(math.exp(0.8), rel=0.15)
    assert kb.predict_ctr("farmer.no", ["phrase:unknown"]) == pytest.approx(without)
    assert kb.predict_ctr("nobody", []) is None
    mean, sd = kb.posterior("farmer.no")["phrase:x"]
    assert mean == pytest.approx(0.8, abs=0.1)
    assert 0 < sd < 0.1
    assert KnowledgeBase.from_json(kb.to_json()) == kb


def test_arrowhead_solve_and_covariances_match_the_dense_inverse() -> None:
    """The block elimination the hierarchical fit uses gives what the dense Hessian gives: the
    Newton step, each segment's covariance (the sum of its role blocks of the inverse) and the
    log determinant."""
    from huashu.learn.model import _Arrow

    rng = np.random.default_rng(11)
    width, n_parents, parents = 4, 3, [[0, 2], [1], [0, 1, 2], [2]]
    blocks = 1 + n_parents + len(parents)
    index = np.arange(blocks * width).reshape(blocks, width)
    roles = [[0, *(1 + p for p in ps), 1 + n_parents + s] for s, ps in enumerate(parents)]
    precision = rng.uniform(0.5, 3.0, blocks * width)
    hess = np.diag(precision)
    curvature = []
    for r in roles:
        z = rng.normal(size=(6, width))
        curvature.append(z.T @ z)
        for a in r:
            for c in r:
                hess[np.ix_(index[a], index[c])] += curvature[-1]
    rhs = rng.normal(size=blocks * width)
    arrow = _Arrow(width, roles, 1 + n_parents, precision)
    np.testing.assert_allclose(arrow.solve(curvature, rhs), np.linalg.solve(hess, rhs), atol=1e-10)
    covs, logdet = arrow.covariances(curvature)
    dense = np.linalg.inv(hess)
    for s, r in enumerate(roles):
        idx = index[r]
        want = sum(dense[np.ix_(idx[a], idx[c])] for a in range(len(r)) for c in range(len(r)))
        np.testing.assert_allclose(covs[s], want, atol=1e-10)
    assert logdet == pytest.approx(np.linalg.slogdet(hess)[1], abs=1e-9)
