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

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Fit:
    """MAP estimate: ``coef[0]`` is the intercept, ``coef[1:]`` the feature log-odds."""

    coef: Array
    sd: Array
    cov: Array | None = None


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def _newton(
    objective: Callable[[Array], float],
    derivatives: Callable[[Array], tuple[Array, Array]],
    start: Array,
    max_iter: int,
    tol: float,
    solve: Callable[[Array, Array], Array] | None = None,
) -> Array:
    """Damped Newton minimisation: full steps, halved until the objective does not rise;
    ``solve(hess, grad)`` gives the step."""
    x, current = start, objective(start)
    for _ in range(max_iter):
        grad, hess = derivatives(x)
        step = np.linalg.solve(hess, grad) if solve is None else solve(hess, grad)
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

    coef = _newton(objective, derivatives, prior_mean.copy(), max_iter, tol)
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

    def derivatives(theta: Array) -> tuple[Array, Array]:
        b = betas(theta)
        grad = precision * (theta - prior_mean)
        hess = np.diag(precision)
        for s, r in enumerate(rows):
            z = design[r]
            p = 1.0 / (1.0 + np.exp(-np.clip(z @ b[s], -30, 30)))
            g = z.T @ (impressions[r] * p - clicks[r])
            h = (z * (impressions[r] * p * (1.0 - p))[:, None]).T @ z
            for a in roles[s]:
                grad[index[a]] += g
                for c in roles[s]:
                    hess[np.ix_(index[a], index[c])] += h
        return grad, hess

    arrow = _Arrow(index, roles, 1 + n_parents)
    theta = _newton(objective, derivatives, prior_mean.copy(), max_iter, tol, arrow.solve)
    _, hess = derivatives(theta)
    covs, logdet = arrow.covariances(hess)
    evidence = -objective(theta) + 0.5 * float(np.sum(np.log(precision))) - 0.5 * float(logdet)
    coef = betas(theta)
    var = np.diagonal(covs, axis1=1, axis2=2)
    return HierarchicalFit(
        coef=coef, sd=np.sqrt(np.clip(var, 0.0, None)), cov=covs, evidence=evidence
    )


@dataclass(frozen=True)
class _Arrow:
    """The hierarchical model's Hessian is an arrowhead of blocks: each segment's block is
    coupled only to the shared blocks of its roles (the global block and its parents), never
    to another segment's. Eliminating the segment blocks first (their Schur complement) solves
    it and gives the covariances the fit reports at the cost of the shared blocks alone, not
    of the whole matrix (docs/benchmarks.md, "Knowledge base: distillation time").

    ``index[b]``: the parameter indices of block ``b``; ``roles[s]``: the blocks of segment
    ``s``, its own last; blocks ``0 .. n_shared - 1`` are shared and come first."""

    index: NDArray[np.intp]
    roles: list[list[int]]
    n_shared: int

    def _parts(self, s: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """Segment ``s``'s own indices and the shared indices it is coupled to."""
        r = self.roles[s]
        return self.index[r[-1]], self.index[r[:-1]].ravel()

    def _schur(self, hess: Array, rhs: Array | None) -> tuple[Array, Array | None, list[Array]]:
        """The shared blocks' Schur complement ``M``, the right-hand side reduced with it and,
        per segment, ``D_s^-1 [B_s, rhs_s]``."""
        width = self.index.shape[1]
        shared = self.n_shared * width
        m = hess[:shared, :shared].copy()
        reduced = None if rhs is None else rhs[:shared].copy()
        solved: list[Array] = []
        for s in range(len(self.roles)):
            own, cols = self._parts(s)
            d = hess[np.ix_(own, own)]
            b = hess[np.ix_(own, cols)]
            right = b if rhs is None else np.column_stack([b, rhs[own]])
            x: Array = np.asarray(np.linalg.solve(d, right), dtype=np.float64)
            m[np.ix_(cols, cols)] -= b.T @ x[:, : len(cols)]
            if reduced is not None:
                reduced[cols] -= b.T @ x[:, len(cols)]
            solved.append(x)
        return m, reduced, solved

    def solve(self, hess: Array, rhs: Array) -> Array:
        """``hess^-1 rhs``."""
        m, reduced, solved = self._schur(hess, rhs)
        assert reduced is not None
        width = self.index.shape[1]
        shared = self.n_shared * width
        out = np.empty_like(rhs)
        out[:shared] = np.linalg.solve(m, reduced)
        for s, x in enumerate(solved):
            own, cols = self._parts(s)
            # x = D^-1 [B, rhs]: the segment's part is D^-1 rhs - D^-1 B x_shared
            out[own] = x[:, len(cols)] - x[:, : len(cols)] @ out[cols]
        return out

    def covariances(self, hess: Array) -> tuple[Array, float]:
        """Per segment, the posterior covariance of its coefficients (the sum of its role
        blocks of ``hess^-1``: ``D_s^-1 + v' M^-1 v`` with ``v = q - B_s' D_s^-1``, ``q``
        the shared roles' identities), and ``log det hess``."""
        m, _, solved = self._schur(hess, None)
        m_inv = np.linalg.inv(m)
        _, logdet = np.linalg.slogdet(m)
        width = self.index.shape[1]
        covs = np.empty((len(self.roles), width, width))
        eye = np.eye(width)
        for s, x in enumerate(solved):
            own, cols = self._parts(s)
            d = hess[np.ix_(own, own)]
            d_inv = np.linalg.inv(d)
            logdet += float(np.linalg.slogdet(d)[1])
            v = np.tile(eye, (len(cols) // width, 1)) - x.T  # x.T = B' D^-1
            covs[s] = d_inv + v.T @ m_inv[np.ix_(cols, cols)] @ v
        return covs, float(logdet)
