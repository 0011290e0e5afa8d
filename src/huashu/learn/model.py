"""Hierarchical Bayesian logistic regression of clicks on creative features.

Per segment: ``logit P(click) = b_s + sum_f w_sf x_f`` over a creative's features (phrases and
its channel as a control). Priors: a global fit pooled over all segments with
``w_f ~ N(0, tau_global^2)``, then each segment with ``w_sf ~ N(w_f, tau_segment^2)``, so a
segment with little data stays near the population and one with much data earns its own
estimate. MAP by Newton's method on aggregated binomial counts; intervals from the Laplace
approximation (inverse Hessian). Features that always co-occur are told apart only as far as
the data separates them; the prior keeps the rest near their parent.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Fit:
    """MAP estimate: ``coef[0]`` is the intercept, ``coef[1:]`` the feature log-odds."""

    coef: Array
    sd: Array


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def fit_logistic(
    x: Array,
    impressions: Array,
    clicks: Array,
    prior_mean: Array,
    prior_sd: Array,
    *,
    max_iter: int = 50,
    tol: float = 1e-8,
) -> Fit:
    """MAP of a binomial logistic model with independent Gaussian priors (damped Newton).

    ``x``: rows x features (no intercept column: it is added); ``prior_mean``/``prior_sd``
    cover the intercept first, then each feature.
    """
    design = np.hstack([np.ones((x.shape[0], 1)), x])
    precision = 1.0 / np.square(prior_sd)

    def objective(c: Array) -> float:
        eta = design @ c
        loglik = clicks * eta - impressions * np.logaddexp(0.0, eta)
        return float(-loglik.sum() + 0.5 * np.sum(precision * np.square(c - prior_mean)))

    coef = prior_mean.copy()
    current = objective(coef)
    hessian = np.diag(precision)
    for _ in range(max_iter):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ coef, -30, 30)))
        grad = design.T @ (impressions * p - clicks) + precision * (coef - prior_mean)
        weights = impressions * p * (1.0 - p)
        hessian = (design * weights[:, None]).T @ design + np.diag(precision)
        step = np.linalg.solve(hessian, grad)
        scale = 1.0
        while scale > 1e-6:
            trial = coef - scale * step
            value = objective(trial)
            if value <= current:
                break
            scale /= 2.0
        else:
            break
        coef, current = trial, value
        if float(np.max(np.abs(scale * step))) < tol:
            break
    p = 1.0 / (1.0 + np.exp(-np.clip(design @ coef, -30, 30)))
    weights = impressions * p * (1.0 - p)
    hessian = (design * weights[:, None]).T @ design + np.diag(precision)
    cov = np.linalg.inv(hessian)
    return Fit(coef=coef, sd=np.sqrt(np.clip(np.diag(cov), 0.0, None)))


def pooled_intercept(impressions: Array, clicks: Array) -> float:
    rate = (float(clicks.sum()) + 0.5) / (float(impressions.sum()) + 1.0)
    return _logit(rate)
