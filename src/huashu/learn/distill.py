"""Distilling delivery outcomes into a knowledge base: the effect of each creative feature
(e.g. ``phrase:hook-spring``, ``word:补贴``) per segment from a hierarchical logistic
regression, with an interval, its support and example creatives."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime
from statistics import NormalDist
from typing import NamedTuple

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from huashu.domain import Creative
from huashu.learn.design import (
    Design,
    average_intercept,
    bad_outcomes,
    contrasts,
    examples_by_column,
    merged,
)
from huashu.learn.features import DESCRIPTIVE
from huashu.learn.kb import KBEntry, KnowledgeBase, Model
from huashu.learn.model import HierarchicalFit


def phrase_features(creatives: Iterable[Creative]) -> dict[str, list[str]]:
    """creative id -> ``phrase:<phrase id>`` for every phrase the composer used, sorted."""
    return {c.id: sorted({f"phrase:{p}" for p in c.phrase_ids.values()}) for c in creatives}


#: log-evidence a larger segment scale must gain over a smaller one to be chosen (a Bayes
#: factor of e)
EVIDENCE_MARGIN = 1.0


def distill(
    outcomes: pd.DataFrame,
    creative_features: Mapping[str, Iterable[str]],
    *,
    tau_global: float = 1.0,
    tau_segment: float | Sequence[float] = 0.1,
    tau_parent: float = 0.3,
    effect_scale: float | Sequence[float] = 1.0,
    descriptive_weight: float | Sequence[float] = 1.0,
    parents: Mapping[str, Sequence[str]] | None = None,
    groups: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
    examples: int = 3,
    min_support: int = 200,
    level: float = 0.9,
    created_at: datetime | None = None,
) -> KnowledgeBase:
    """Per segment x feature effect on click odds, with an interval, support and examples.

    ``outcomes``: columns segment_key, creative_id and either impressions + clicks (any
    number of rows per pair, summed) or clicked (0/1, one row per impression).
    ``creative_features``: creative id -> feature strings (:mod:`huashu.learn.features`:
    ``phrase:<id>``, ``channel:<name>`` as a control, ``word:<token>``, ``struct:<name>``);
    unlisted creatives have none. ``groups``: feature -> group for features that come exactly
    one per creative (a phrase's slot, the channel); ``texts``: creative id -> text for the
    ``examples`` creatives listed with each entry (the most shown carrying the feature).

    Two models, each :func:`huashu.learn.model.fit_hierarchical`: the predictive one over
    phrases and channel (the composer and the bandit use it; :meth:`KnowledgeBase.predict`)
    and a descriptive one over words and structure with the channel as a control (for any
    text, e.g. the ``openai`` prompt). In each, a segment's effect of feature ``f`` is
    ``global_f + sum of its parents' deviations + its own deviation``, with priors
    ``N(0, tau_global^2)``, ``N(0, tau_parent^2)`` and ``N(0, tau_segment^2)``, fitted jointly.
    ``effect_scale`` and ``tau_segment`` may be grids: the scale (multiplying ``tau_global``
    and ``tau_parent``) and then the segment sd are chosen by empirical Bayes, each the
    smallest value whose Laplace evidence is within ``EVIDENCE_MARGIN`` of the best.
    ``parents`` maps a segment key to its parent keys (one per dimension, e.g.
    ``occupation=养殖户`` and ``discount=有优惠``); without them segments shrink straight to the
    global effect. A segment has an entry for every feature seen in any segment: one it has
    not seen itself (``support`` 0, flagged low support) is what its parents and the
    population predict.

    Grouped features are reported relative to their group's average (sum-to-zero coding: with
    one phrase per slot the slot's effects add up to the intercept, so only their differences
    are learnt; their intervals come from the joint posterior of the differences, not from the
    prior on the level). Words that always occur together are one feature (``word:a+b``);
    constant ones are dropped. ``lift`` = ``exp(coef) - 1`` (close to the CTR ratio at
    marketing CTRs); the ``level`` interval comes from the Laplace approximation. Entries with
    ``support < min_support`` impressions are kept and flagged ``low_support``.
    """
    grid, scales = _grids(tau_segment, effect_scale)
    _check(tau_global, tau_parent, grid, scales, level, min_support)
    design = Design.of(outcomes, creative_features, parents, tau_global, tau_parent)
    group_of = {str(f): str(g) for f, g in (groups or {}).items()}
    prior = _choose_prior(design, grid, scales)
    weights = _weights(descriptive_weight)
    models = _models(design, prior, group_of, weights)
    report = _Report(texts or {}, examples, min_support, NormalDist().inv_cdf(0.5 + level / 2))
    intercepts, model = _segment_models(design, models)
    entries = [
        entry
        for b, block in enumerate(models.blocks)
        for entry in _block_entries(design, block, b > 0, intercepts, report)
    ]
    kb = KnowledgeBase(
        snapshot_id="",
        created_at=created_at or datetime.now(UTC),
        tau_global=float(tau_global * prior.scale),
        tau_segment=prior.tau,
        min_support=int(min_support),
        level=float(level),
        intercepts=intercepts,
        entries=tuple(entries),
        features=tuple(models.names),
        aliases=models.aliases,
        model=model,
    )
    chosen_from: dict[str, object] = {
        "tau_parent": float(tau_parent * prior.scale),
        "parents": {k: list(v) for k, v in sorted((parents or {}).items())},
    }
    if len(grid) > 1:
        chosen_from["tau_segment_grid"] = list(grid)
    if len(scales) > 1:
        chosen_from["effect_scale_grid"] = list(scales)
    if weights != (1.0,):
        chosen_from["descriptive_weight_grid"] = list(weights)
    return replace(kb, snapshot_id=_snapshot_id(kb, chosen_from))


def _snapshot_id(kb: KnowledgeBase, prior: Mapping[str, object]) -> str:
    """A content hash of everything in ``kb`` but its time, and of the ``prior`` it was
    fitted under (the parent sd, the hierarchy and the grids chosen from)."""
    content = {
        "tau_global": kb.tau_global,
        "tau_segment": kb.tau_segment,
        "min_support": kb.min_support,
        "level": kb.level,
        "intercepts": kb.intercepts,
        "features": list(kb.features),
        "aliases": kb.aliases,
        "model": {s: [m.coef, m.cov] for s, m in kb.model.items()},
        "entries": [asdict(e) for e in kb.entries],
        **prior,
    }
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()
    return f"kb-{digest[:16]}"


def _weights(weight: float | Sequence[float]) -> tuple[float, ...]:
    grid = (float(weight),) if isinstance(weight, int | float) else tuple(map(float, weight))
    grid = tuple(sorted(set(grid)))
    if not grid or not all(0 <= w <= 1 for w in grid):
        raise bad_outcomes(
            "descriptive_weight must be in [0, 1]", "descriptive_weight 必须在 [0, 1] 内"
        )
    return grid


def _grids(
    tau_segment: float | Sequence[float], effect_scale: float | Sequence[float]
) -> tuple[tuple[float, ...], list[float]]:
    """The segment sds and the effect scales to choose from, each sorted and distinct."""
    grid = (
        (float(tau_segment),)
        if isinstance(tau_segment, int | float)
        else tuple(float(t) for t in tau_segment)
    )
    scales = sorted(
        {float(effect_scale)}
        if isinstance(effect_scale, int | float)
        else {float(t) for t in effect_scale}
    )
    return tuple(sorted(set(grid))), scales


def _check(
    tau_global: float,
    tau_parent: float,
    grid: Sequence[float],
    scales: Sequence[float],
    level: float,
    min_support: int,
) -> None:
    if not scales or not all(t > 0 for t in scales):
        raise bad_outcomes("effect_scale must be > 0", "effect_scale 必须大于 0")
    if not tau_global > 0 or not grid or not all(t > 0 for t in grid):
        raise bad_outcomes(
            "tau_global and tau_segment must be > 0", "tau_global 与 tau_segment 必须大于 0"
        )
    if not tau_parent > 0:
        raise bad_outcomes("tau_parent must be > 0", "tau_parent 必须大于 0")
    if not 0 < level < 1:
        raise bad_outcomes("level must be in (0, 1)", "level 必须在 (0, 1) 内")
    if min_support < 0:
        raise bad_outcomes("min_support must be >= 0", "min_support 必须不小于 0")


class _Prior(NamedTuple):
    """The effect scale and segment sd chosen by empirical Bayes, with the phrase model's fit
    at them."""

    scale: float
    tau: float
    fit: HierarchicalFit


def _smallest_within_margin(evidence: Sequence[float], grid: Sequence[float]) -> int:
    """Index of the smallest grid value whose evidence is within EVIDENCE_MARGIN of the best."""
    top = max(evidence)
    return min(
        (i for i in range(len(grid)) if evidence[i] >= top - EVIDENCE_MARGIN),
        key=lambda i: grid[i],
    )


def _choose_prior(design: Design, grid: Sequence[float], scales: Sequence[float]) -> _Prior:
    """Empirical Bayes, twice, each time the smallest prior scale whose Laplace evidence (of
    the phrase model) is within EVIDENCE_MARGIN of the best (a flat evidence is no reason to
    believe in larger effects): first the scale of the effects themselves (the global and
    parent sds: a market where copy moves clicks by a few percent is not read with a prior
    built for +50%), at the smallest segment sd; then, at that scale, the segment sd
    (segments whose own data contradict their parents get room to differ)."""
    _, x = design.phrases()
    by_scale = [design.fit(x, grid[0], scale) for scale in scales]
    at_scale = _smallest_within_margin([f.evidence for f in by_scale], scales)
    scale = scales[at_scale]
    candidates = [by_scale[at_scale]]
    candidates += [design.fit(x, tau, scale) for tau in grid[1:]]
    best = _smallest_within_margin([c.evidence for c in candidates], grid)
    return _Prior(scale, grid[best], candidates[best])


class _Block(NamedTuple):
    """One fitted model's features, columns, fit and feature groups."""

    names: list[str]
    x: NDArray[np.float64]
    fit: HierarchicalFit
    groups: Mapping[str, str]


class _Models(NamedTuple):
    """The blocks reported (the phrase model, then the descriptive one if any) and the
    predictive model over every feature, with its feature names and merged-away aliases."""

    blocks: list[_Block]
    predictive: HierarchicalFit
    names: list[str]
    aliases: dict[str, str]


def _models(
    design: Design,
    prior: _Prior,
    group_of: Mapping[str, str],
    descriptive_weight: Sequence[float] = (1.0,),
) -> _Models:
    """The phrase model at the chosen prior and, when there are descriptive features, the
    predictive model over all of them and the descriptive model (words and structure, with
    the channel as a control)."""
    names, x = design.phrases()
    phrases = _Block(names, x, prior.fit, group_of)
    if not design.descriptive.any():
        return _Models([phrases], prior.fit, names, {})
    # the predictive model reads every feature at once: a word two phrases share (额度 in an
    # offer and a CTA) counts once, as the reader sees it, so a composition that repeats a
    # word is not predicted to gain its effect twice
    aliases: dict[str, str] = {}
    p_names, p_x = merged(design.names, design.x, aliases)
    predictive = _predictive(design, prior, p_names, p_x, descriptive_weight)
    blocks = [phrases]
    controls = [j for j, f in enumerate(design.names) if f.startswith("channel:")]
    d_names, d_x = merged(
        [design.names[j] for j in controls]
        + [f for f, d in zip(design.names, design.descriptive, strict=True) if d],
        np.hstack([design.x[:, controls], design.x[:, design.descriptive]]),
    )
    d_groups = {f: group_of[f] for f in d_names if f in group_of}
    if any(f.startswith(DESCRIPTIVE) for f in d_names):
        blocks.append(_Block(d_names, d_x, design.fit(d_x, prior.tau, prior.scale), d_groups))
    return _Models(blocks, predictive, p_names, aliases)


def _predictive(
    design: Design,
    prior: _Prior,
    names: list[str],
    x: NDArray[np.float64],
    weights: Sequence[float],
) -> HierarchicalFit:
    """The predictive model over every merged column, its descriptive columns (words and
    structure not merged into a phrase or the channel) with prior sds ``w`` times the
    phrases', ``w`` chosen from ``weights`` by empirical Bayes like the effect scale: the
    smallest whose Laplace evidence is within EVIDENCE_MARGIN of the best. A market where
    the phrases say all there is gets little from the words (``w`` small: their effects stay
    near zero instead of adding noise to every prediction); one where a word moves clicks in
    whatever phrase carries it gets them at full weight. Fitted with the columns scaled by
    ``w`` (the same prior as sd ``w * tau``), then the coefficients and covariance scaled
    back, so the model reads 0/1 rows as before."""
    loose = np.array([f.startswith(DESCRIPTIVE) for f in names], dtype=bool)
    if not loose.any() or tuple(weights) == (1.0,):
        return design.fit(x, prior.tau, prior.scale)
    fits = []
    for w in weights:
        scale = np.where(loose, w, 1.0)
        fit = design.fit(x * scale, prior.tau, prior.scale)
        full = np.concatenate(([1.0], scale))
        fits.append(
            HierarchicalFit(
                coef=fit.coef * full,
                sd=fit.sd * full,
                cov=fit.cov * np.outer(full, full)[None, :, :],
                evidence=fit.evidence,
            )
        )
    return fits[_smallest_within_margin([f.evidence for f in fits], weights)]


def _segment_models(design: Design, models: _Models) -> tuple[dict[str, float], dict[str, Model]]:
    """Per segment: the log-odds of an average creative (phrase model) and the predictive
    model's posterior."""
    phrases = models.blocks[0]
    intercepts: dict[str, float] = {}
    model: dict[str, Model] = {}
    for i, segment in enumerate(design.segments):
        intercepts[segment] = average_intercept(phrases.names, phrases.groups, phrases.fit.coef[i])
        model[segment] = Model(
            coef=tuple(float(c) for c in models.predictive.coef[i]),
            cov=tuple(tuple(float(v) for v in row) for row in models.predictive.cov[i]),
        )
    return intercepts, model


class _Report(NamedTuple):
    """How entries are reported: example texts and count, the support threshold and the
    interval's normal quantile."""

    texts: Mapping[str, str]
    examples: int
    min_support: int
    z: float


def _block_entries(
    design: Design,
    block: _Block,
    descriptive_only: bool,
    intercepts: Mapping[str, float],
    report: _Report,
) -> Iterator[KBEntry]:
    """The entries of one block, segment by segment (``descriptive_only``: the descriptive
    model's controls are left out, the predictive model has them)."""
    contrast = contrasts(block.names, block.groups)
    rows_of = design.stats["segment_key"].to_numpy()
    n, k = design.n, design.k
    for i, segment in enumerate(design.segments):
        rows = rows_of == segment
        effects = contrast @ block.fit.coef[i]
        sds = np.sqrt(np.clip(np.diag(contrast @ block.fit.cov[i] @ contrast.T), 0.0, None))
        shown = (
            examples_by_column(design.stats[rows], block.x[rows], report.texts, report.examples)
            if report.examples
            else None
        )
        support = block.x[rows].T @ n[rows]
        clicks = block.x[rows].T @ k[rows]
        base_ctr = float(1.0 / (1.0 + np.exp(-intercepts[segment])))
        for j, feature in enumerate(block.names):
            if descriptive_only and not feature.startswith(DESCRIPTIVE):
                continue
            yield _entry(
                report,
                segment,
                feature,
                (float(effects[j]), float(sds[j])),
                (support[j], clicks[j]),
                base_ctr,
                group=block.groups.get(feature, ""),
                examples=tuple(shown[j]) if shown else (),
            )


def _entry(
    report: _Report,
    segment: str,
    feature: str,
    effect: tuple[float, float],
    counts: tuple[float, float],
    base_ctr: float,
    *,
    group: str,
    examples: tuple[tuple[str, str], ...],
) -> KBEntry:
    """One entry from the feature's effect (coefficient, sd) and its (impressions, clicks)."""
    (coef, sd), (support, clicks) = effect, counts
    return KBEntry(
        segment_key=segment,
        feature=feature,
        lift=float(np.expm1(coef)),
        low=float(np.expm1(coef - report.z * sd)),
        high=float(np.expm1(coef + report.z * sd)),
        support=int(support),
        clicks=int(clicks),
        ctr=float(clicks / support) if support > 0 else 0.0,
        base_ctr=base_ctr,
        low_support=bool(support < report.min_support),
        coef=coef,
        sd=sd,
        group=group,
        examples=examples,
    )
