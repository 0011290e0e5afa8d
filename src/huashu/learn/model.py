"""Hierarchical Bayesian logistic regression of clicks on creative features.

Per segment: ``logit P(click) = b_s + sum_f w_sf x_f`` over a creative's features (phrases and
its channel as a control), with ``w_sf = global_f + sum of the segment's parents' deviations +
its own deviation``, all fitted jointly (:func:`fit_hierarchical`), so a segment with little
data stays near its parents and the population and one with much data earns its own
estimate. :func:`fit_logistic` is the single-level building block. MAP by Newton's method on
aggregated binomial counts; intervals from the Laplace approximation (inverse Hessian).
Features that always co-occur are told apart only as far as the data separates them; the prior
keeps the rest near their parent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
#: the Hessian in the form a fit's Newton steps solve with (a dense matrix, or blocks)
H = TypeVar("H")


@dataclass(frozen=True)
class Fit:
    """MAP estimate: ``coef[0]`` is the intercept, ``coef[1:]`` the feature log-odds."""

    coef: Array
    sd: Array
    cov: Array | None = None


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def _dense_solve(hess: Array, grad: Array) -> Array:
    return np.asarray(np.linalg.solve(hess, grad), dtype=np.float64)


def _newton(
    objective: Callable[[Array], float],
    derivatives: Callable[[Array], tuple[Array, H]],
    start: Array,
    max_iter: int,
    tol: float,
    solve: Callable[[H, Array], Array],
) -> Array:
    """Damped Newton minimisation: full steps, halved until the objective does not rise;
    ``solve(hess, grad)`` gives the step (``hess`` in whatever form ``derivatives`` gives it)."""
    x, current = start, objective(start)
    for _ in range(max_iter):
        grad, hess = derivatives(x)
        step = solve(hess, grad)
        scale = 1.0
        while scale > 1e-6:
            trial = x - scale * step
            value = objective(trial)
            if value <= current:
                break
            scale /= 2.0
        else:
            break
        x, current = trial, value
        if float(np.max(np.abs(scale * step))) < tol:
            break
    return x


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

    def derivatives(c: Array) -> tuple[Array, Array]:
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ c, -30, 30)))
        grad = design.T @ (impressions * p - clicks) + precision * (c - prior_mean)
        weights = impressions * p * (1.0 - p)
        return grad, (design * weights[:, None]).T @ design + np.diag(precision)

    coef = _newton(objective, derivatives, prior_mean.copy(), max_iter, tol, _dense_solve)
    _, hessian = derivatives(coef)
    cov: Array = np.asarray(np.linalg.inv(hessian), dtype=np.float64)
    return Fit(coef=coef, sd=np.sqrt(np.clip(np.diag(cov), 0.0, None)), cov=cov)


def pooled_intercept(impressions: Array, clicks: Array) -> float:
    rate = (float(clicks.sum()) + 0.5) / (float(impressions.sum()) + 1.0)
    return _logit(rate)


@dataclass(frozen=True)
class HierarchicalFit:
    """Per segment ``s``: ``coef[s, 0]`` its intercept, ``coef[s, 1:]`` its feature log-odds
    (global + its parents' deviations + its own deviation), ``sd`` their posterior sds and
    ``cov[s]`` their joint posterior covariance (intercept first), from which the sd of any
    linear combination (a contrast, a whole creative's log-odds) follows."""

    coef: Array
    sd: Array
    cov: Array
    #: the log marginal likelihood of the data under the priors (Laplace approximation, up
    #: to a constant that does not depend on the taus): how well the prior scales fit the
    #: data, for choosing them (:func:`huashu.learn.distill.distill` with several taus)
    evidence: float = 0.0


def fit_hierarchical(
    x: Array,
    impressions: Array,
    clicks: Array,
    segment: NDArray[np.intp],
    parents: list[list[int]],
    n_parents: int,
    *,
    tau_global: float,
    tau_parent: float,
    tau_segment: float,
    max_iter: int = 50,
    tol: float = 1e-8,
) -> HierarchicalFit:
    """Joint MAP of ``logit P(click) = z' (g + sum_{p in parents(s)} u_p + e_s)`` with
    ``z = (1, x)``: a global block ``g ~ N((logit of the pooled CTR, 0), (2, tau_global)^2)``,
    one deviation block per parent (e.g. ``occupation=养殖户``) ``u_p ~ N(0, (1, tau_parent)^2)``
    and one per segment ``e_s ~ N(0, (1, tau_segment)^2)``.

    Fitted together, so a segment's estimate borrows from its parents and the parents from
    every segment under them, and the dimensions do not absorb each other's effects (a
    ``discount=有优惠`` effect is not mistaken for an occupation effect). Newton's method on
    per-segment sufficient statistics (``z' W z``), so the cost grows with the number of
    features squared, not with segments x features squared; sds from the Laplace
    approximation. ``segment``: each row's segment index; ``parents[s]``: parent indices of
    segment ``s``.
    """
    width = x.shape[1] + 1
    n_segments = len(parents)
    design = np.hstack([np.ones((x.shape[0], 1)), x])
    # blocks: 0 global, 1..n_parents parents, then one per segment
    blocks = 1 + n_parents + n_segments
    roles = [[0, *(1 + p for p in ps), 1 + n_parents + s] for s, ps in enumerate(parents)]
    mean = np.zeros((blocks, width))
    mean[0, 0] = pooled_intercept(impressions, clicks)
    sd = np.empty((blocks, width))
    sd[0] = [2.0, *np.full(width - 1, tau_global)]
    sd[1 : 1 + n_parents] = [1.0, *np.full(width - 1, tau_parent)]
    sd[1 + n_parents :] = [1.0, *np.full(width - 1, tau_segment)]
    precision = (1.0 / np.square(sd)).ravel()
    prior_mean = mean.ravel()
    rows = [np.flatnonzero(segment == s) for s in range(n_segments)]
    index = np.arange(blocks * width).reshape(blocks, width)

    def betas(theta: Array) -> Array:
        t = theta.reshape(blocks, width)
        return np.stack([t[r].sum(axis=0) for r in roles])

    def objective(theta: Array) -> float:
        b = betas(theta)
        total = 0.5 * float(np.sum(precision * np.square(theta - prior_mean)))
        for s, r in enumerate(rows):
            eta = design[r] @ b[s]
            total -= float(np.sum(clicks[r] * eta - impressions[r] * np.logaddexp(0.0, eta)))
        return total

    def derivatives(theta: Array) -> tuple[Array, list[Array]]:
        """The gradient, and per segment the curvature ``z' W z`` of its rows: the Hessian
        is ``diag(precision)`` plus that block at every pair of the segment's roles."""
        b = betas(theta)
        grad = precision * (theta - prior_mean)
        curvature: list[Array] = []
        for s, r in enumerate(rows):
            z = design[r]
            p = 1.0 / (1.0 + np.exp(-np.clip(z @ b[s], -30, 30)))
            g = z.T @ (impressions[r] * p - clicks[r])
            curvature.append((z * (impressions[r] * p * (1.0 - p))[:, None]).T @ z)
            for a in roles[s]:
                grad[index[a]] += g
        return grad, curvature

    arrow = _Arrow(width, roles, 1 + n_parents, precision)
    theta = _newton(objective, derivatives, prior_mean.copy(), max_iter, tol, arrow.solve)
    _, curvature = derivatives(theta)
    covs, logdet = arrow.covariances(curvature)
    evidence = -objective(theta) + 0.5 * float(np.sum(np.log(precision))) - 0.5 * float(logdet)
    coef = betas(theta)
    var = np.diagonal(covs, axis1=1, axis2=2)
    return HierarchicalFit(
        coef=coef, sd=np.sqrt(np.clip(var, 0.0, None)), cov=covs, evidence=evidence
    )


@dataclass(frozen=True)
class _Arrow:
    """The hierarchical model's Hessian, ``diag(precision)`` plus each segment's curvature
    ``h_s = z' W z`` at every pair of its roles, is an arrowhead of blocks: a segment's own
    block is coupled only to the shared blocks of its roles (the global block and its parents),
    never to another segment's, and the coupling is ``h_s`` itself. Eliminating the segment
    blocks first (their Schur complement) solves it and gives the covariances the fit reports
    from ``width x width`` blocks and the shared blocks alone; the full Hessian is never built
    (docs/benchmarks.md, "Knowledge base: distillation time").

    Blocks are ``width`` parameters each, in order: the ``n_shared`` shared ones first, then one
    per segment; ``roles[s]``: the blocks of segment ``s``, its own last."""

    width: int
    roles: list[list[int]]
    n_shared: int
    precision: Array

    def _block(self, b: int) -> slice:
        return slice(b * self.width, (b + 1) * self.width)

    def _reduce(self, curvature: list[Array]) -> tuple[Array, list[Array], list[Array], float]:
        """The Schur complement ``M`` of the segment blocks, per segment ``D_s^-1`` and
        ``h_s D_s^-1`` (``D_s = h_s + its own precision``), and ``sum log det D_s``."""
        shared = self.n_shared * self.width
        m = np.diag(self.precision[:shared])
        d_invs: list[Array] = []
        leans: list[Array] = []
        logdet = 0.0
        for r, h in zip(self.roles, curvature, strict=True):
            d = h + np.diag(self.precision[self._block(r[-1])])
            d_inv: Array = np.asarray(np.linalg.inv(d), dtype=np.float64)
            lean = h @ d_inv
            # the coupling B_s is h_s at each shared role: B_s' D_s^-1 B_s is h_s D_s^-1 h_s
            reduced = h - lean @ h
            for a in r[:-1]:
                for c in r[:-1]:
                    m[self._block(a), self._block(c)] += reduced
            d_invs.append(d_inv)
            leans.append(lean)
            logdet += float(np.linalg.slogdet(d)[1])
        return m, d_invs, leans, logdet

    def solve(self, curvature: list[Array], rhs: Array) -> Array:
        """``hess^-1 rhs``."""
        m, d_invs, leans, _ = self._reduce(curvature)
        shared = self.n_shared * self.width
        reduced = rhs[:shared].copy()
        for r, lean in zip(self.roles, leans, strict=True):
            moved = lean @ rhs[self._block(r[-1])]
            for a in r[:-1]:
                reduced[self._block(a)] -= moved
        out = np.empty_like(rhs)
        out[:shared] = np.linalg.solve(m, reduced)
        for r, h, d_inv in zip(self.roles, curvature, d_invs, strict=True):
            pulled = sum(out[self._block(a)] for a in r[:-1])
            out[self._block(r[-1])] = d_inv @ (rhs[self._block(r[-1])] - h @ pulled)
        return out

    def covariances(self, curvature: list[Array]) -> tuple[Array, float]:
        """Per segment, the posterior covariance of its coefficients (the sum of its role
        blocks of ``hess^-1``: ``D_s^-1 + E' S E`` with ``E = I - h_s D_s^-1`` and ``S`` the
        sum of ``M^-1``'s blocks at the segment's shared roles), and ``log det hess``."""
        m, d_invs, leans, logdet = self._reduce(curvature)
        m_inv = np.linalg.inv(m)
        logdet += float(np.linalg.slogdet(m)[1])
        eye = np.eye(self.width)
        covs = np.empty((len(self.roles), self.width, self.width))
        for s, (r, d_inv, lean) in enumerate(zip(self.roles, d_invs, leans, strict=True)):
            summed = sum(m_inv[self._block(a), self._block(c)] for a in r[:-1] for c in r[:-1])
            e = eye - lean
            covs[s] = d_inv + e.T @ summed @ e
        return covs, logdet
