"""Distilling delivery outcomes into a knowledge base: the effect of each creative feature
(e.g. ``phrase:hook-spring``, ``word:补贴``) per segment from a hierarchical logistic
regression, with an interval, its support and example creatives."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from statistics import NormalDist

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from huashu.domain import Creative, InputError
from huashu.learn.features import DESCRIPTIVE
from huashu.learn.kb import KBEntry, KnowledgeBase, Model
from huashu.learn.model import HierarchicalFit, fit_hierarchical


def phrase_features(creatives: Iterable[Creative]) -> dict[str, list[str]]:
    """creative id -> ``phrase:<phrase id>`` for every phrase the composer used, sorted."""
    return {c.id: sorted({f"phrase:{p}" for p in c.phrase_ids.values()}) for c in creatives}


#: log-evidence a larger segment scale must gain over a smaller one to be chosen (a Bayes
#: factor of e)
EVIDENCE_MARGIN = 1.0


def _bad(message: str, message_zh: str, **details: object) -> InputError:
    return InputError(message, message_zh=message_zh, code="bad_outcomes", details=details)


def _aggregated(outcomes: pd.DataFrame) -> pd.DataFrame:
    keys = ["segment_key", "creative_id"]
    for column in keys:
        if column not in outcomes.columns:
            raise _bad(
                f"outcomes are missing column '{column}'",
                f"投放结果缺少列 '{column}'",
                column=column,
            )
    if {"impressions", "clicks"} <= set(outcomes.columns):
        frame = outcomes.loc[:, [*keys, "impressions", "clicks"]]
    elif "clicked" in outcomes.columns:
        frame = outcomes.loc[:, keys].assign(impressions=1, clicks=outcomes["clicked"])
    else:
        raise _bad(
            "outcomes need columns impressions and clicks (aggregated) or clicked (one row "
            "per impression)",
            "投放结果需要 impressions 与 clicks 列（汇总）或 clicked 列（逐次曝光）",
        )
    frame = frame.astype(
        {"segment_key": str, "creative_id": str, "impressions": "int64", "clicks": "int64"}
    )
    bad = frame[(frame["clicks"] < 0) | (frame["clicks"] > frame["impressions"])]
    if not bad.empty:
        row = bad.iloc[0]
        raise _bad(
            f"outcomes for '{row['creative_id']}' in '{row['segment_key']}' need "
            "0 <= clicks <= impressions",
            f"人群 '{row['segment_key']}' 中素材 '{row['creative_id']}' 的结果须满足 "
            "0 <= 点击 <= 曝光",
            creative_id=row["creative_id"],
            segment_key=row["segment_key"],
        )
    return frame.groupby(keys, as_index=False, sort=True)[["impressions", "clicks"]].sum()


def _design(
    stats: pd.DataFrame, creative_features: Mapping[str, Iterable[str]]
) -> tuple[list[str], NDArray[np.float64]]:
    """Feature names and the 0/1 design matrix for the rows of ``stats``."""
    per_creative = {
        str(c): list(dict.fromkeys(map(str, fs))) for c, fs in creative_features.items()
    }
    names = sorted({f for c in stats["creative_id"] for f in per_creative.get(c, [])})
    column = {f: j for j, f in enumerate(names)}
    x = np.zeros((len(stats), len(names)))
    for i, creative in enumerate(stats["creative_id"]):
        for f in per_creative.get(creative, []):
            x[i, column[f]] = 1.0
    return names, x


def _merged(
    names: list[str], x: NDArray[np.float64], aliases: dict[str, str] | None = None
) -> tuple[list[str], NDArray[np.float64]]:
    """Columns that are constant drop out (the intercept carries them); columns identical on
    every row (words that only ever appear together, e.g. the words of one phrase) become one
    feature named ``word:惠农+补贴+政策``: the data cannot tell them apart; words that only
    come with a control or a phrase (the channel, the one phrase that carries them) are left
    to it. ``aliases``, when given, receives every merged input feature -> its column."""
    keep: dict[bytes, list[int]] = {}
    for j in range(x.shape[1]):
        column = x[:, j]
        if column.min() == column.max():
            continue
        keep.setdefault(column.astype(np.int8).tobytes(), []).append(j)
    out_names: list[str] = []
    for members in keep.values():
        parts = [names[j] for j in members]
        controls = [p for p in parts if not p.startswith(DESCRIPTIVE)]
        prefix = parts[0].split(":", 1)[0] + ":"
        if controls:  # words that only come with a control (an SMS opt-out) are the control
            out_names.append(controls[0])
        elif all(p.startswith(prefix) for p in parts):
            out_names.append(prefix + "+".join(p[len(prefix) :] for p in parts))
        else:
            out_names.append("+".join(parts))
        if aliases is not None:
            aliases.update((p, out_names[-1]) for p in parts if p != out_names[-1])
    columns = [members[0] for members in keep.values()]
    return out_names, x[:, columns]


def _contrasts(names: list[str], groups: Mapping[str, str]) -> NDArray[np.float64]:
    """The map from ``(intercept, coefficients)`` to reported effects: a grouped feature's
    coefficient minus its group's mean (sum-to-zero: each creative has one phrase per slot,
    so only differences within a slot are learnt), other features as they are."""
    members: dict[str, list[int]] = {}
    for j, f in enumerate(names):
        if f in groups:
            members.setdefault(groups[f], []).append(j)
    a = np.zeros((len(names), len(names) + 1))
    for j, f in enumerate(names):
        a[j, j + 1] = 1.0
        if f in groups:
            for m in members[groups[f]]:
                a[j, m + 1] -= 1.0 / len(members[groups[f]])
    return a


def _average_intercept(
    names: list[str], groups: Mapping[str, str], coef: NDArray[np.float64]
) -> float:
    """Log-odds of an average creative: intercept plus each group's mean coefficient."""
    total = float(coef[0])
    for group in sorted(set(groups[f] for f in names if f in groups)):
        total += float(
            np.mean([coef[j + 1] for j, f in enumerate(names) if groups.get(f) == group])
        )
    return total


def _examples(
    stats: pd.DataFrame, x: NDArray[np.float64], texts: Mapping[str, str], n: int
) -> list[list[tuple[str, str]]]:
    """Per column: up to ``n`` (creative id, text) of the most-shown creatives carrying it
    (among the rows given: one segment's)."""
    order = np.argsort(-stats["impressions"].to_numpy(), kind="stable")
    ids = stats["creative_id"].to_numpy()
    out: list[list[tuple[str, str]]] = []
    for j in range(x.shape[1]):
        picked: list[tuple[str, str]] = []
        for i in order:
            if x[i, j] and ids[i] not in {c for c, _ in picked}:
                picked.append((str(ids[i]), texts.get(str(ids[i]), "")))
                if len(picked) == n:
                    break
        out.append(picked)
    return out


def _smallest_within_margin(evidence: Sequence[float], grid: Sequence[float]) -> int:
    """Index of the smallest grid value whose evidence is within EVIDENCE_MARGIN of the best."""
    top = max(evidence)
    return min(
        (i for i in range(len(grid)) if evidence[i] >= top - EVIDENCE_MARGIN),
        key=lambda i: grid[i],
    )


def distill(
    outcomes: pd.DataFrame,
    creative_features: Mapping[str, Iterable[str]],
    *,
    tau_global: float = 1.0,
    tau_segment: float | Sequence[float] = 0.1,
    tau_parent: float = 0.3,
    effect_scale: float | Sequence[float] = 1.0,
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
    grid = tuple(sorted(set(grid)))
    if not scales or not all(t > 0 for t in scales):
        raise _bad("effect_scale must be > 0", "effect_scale 必须大于 0")
    if not tau_global > 0 or not grid or not all(t > 0 for t in grid):
        raise _bad("tau_global and tau_segment must be > 0", "tau_global 与 tau_segment 必须大于 0")
    if not tau_parent > 0:
        raise _bad("tau_parent must be > 0", "tau_parent 必须大于 0")
    if not 0 < level < 1:
        raise _bad("level must be in (0, 1)", "level 必须在 (0, 1) 内")
    if min_support < 0:
        raise _bad("min_support must be >= 0", "min_support 必须不小于 0")
    stats = _aggregated(outcomes)
    all_names, x_all = _design(stats, creative_features)
    descriptive = np.array([f.startswith(DESCRIPTIVE) for f in all_names], dtype=bool)
    n = stats["impressions"].to_numpy(np.float64)
    k = stats["clicks"].to_numpy(np.float64)
    segments = sorted(set(stats["segment_key"]))
    parent_keys = sorted({str(p) for s in segments for p in (parents or {}).get(s, ())})
    segment_index = np.searchsorted(segments, stats["segment_key"].to_numpy()).astype(np.intp)
    parent_index = [
        [parent_keys.index(str(p)) for p in dict.fromkeys((parents or {}).get(s, ()))]
        for s in segments
    ]
    group_of = {str(f): str(g) for f, g in (groups or {}).items()}

    def fit(x: NDArray[np.float64], tau: float, scale: float) -> HierarchicalFit:
        return fit_hierarchical(
            x,
            n,
            k,
            segment_index,
            parent_index,
            len(parent_keys),
            tau_global=tau_global * scale,
            tau_parent=tau_parent * scale,
            tau_segment=tau,
        )

    names = [f for f, d in zip(all_names, descriptive, strict=True) if not d]
    x = x_all[:, ~descriptive]
    # empirical Bayes, twice, each time the smallest prior scale whose Laplace evidence (of
    # the phrase model) is within EVIDENCE_MARGIN of the best (a flat evidence is no reason
    # to believe in larger effects): first the scale of the effects themselves (the global and
    # parent sds: a market where copy moves clicks by a few percent is not read with a prior
    # built for +50%), at the smallest segment sd; then, at that scale, the segment sd
    # (segments whose own data contradict their parents get room to differ)
    by_scale = [fit(x, grid[0], scale) for scale in scales]
    at_scale = _smallest_within_margin([f.evidence for f in by_scale], scales)
    chosen_scale = scales[at_scale]
    candidates = [by_scale[at_scale]]
    candidates += [fit(x, tau, chosen_scale) for tau in grid[1:]]
    best = _smallest_within_margin([c.evidence for c in candidates], grid)
    chosen_tau = grid[best]
    blocks: list[tuple[list[str], NDArray[np.float64], HierarchicalFit, Mapping[str, str]]] = [
        (names, x, candidates[best], group_of)
    ]
    # the predictive model reads every feature at once: a word two phrases share (额度 in an
    # offer and a CTA) counts once, as the reader sees it, so a composition that repeats a
    # word is not predicted to gain its effect twice
    aliases: dict[str, str] = {}
    p_names, p_x = _merged(all_names, x_all, aliases) if descriptive.any() else (names, x)
    predictive = fit(p_x, chosen_tau, chosen_scale) if descriptive.any() else blocks[0][2]
    if descriptive.any():
        controls = [j for j, f in enumerate(all_names) if f.startswith("channel:")]
        d_names, d_x = _merged(
            [all_names[j] for j in controls]
            + [f for f, d in zip(all_names, descriptive, strict=True) if d],
            np.hstack([x_all[:, controls], x_all[:, descriptive]]),
        )
        d_groups = {f: group_of[f] for f in d_names if f in group_of}
        if any(f.startswith(DESCRIPTIVE) for f in d_names):
            blocks.append((d_names, d_x, fit(d_x, chosen_tau, chosen_scale), d_groups))
    z = NormalDist().inv_cdf(0.5 + level / 2)
    entries: list[KBEntry] = []
    intercepts: dict[str, float] = {}
    model: dict[str, Model] = {}
    rows_of = stats["segment_key"].to_numpy()
    for b, (b_names, b_x, b_fit, b_groups) in enumerate(blocks):
        contrast = _contrasts(b_names, b_groups)
        for i, segment in enumerate(segments):
            rows = rows_of == segment
            coef_all, cov_all = b_fit.coef[i], b_fit.cov[i]
            if b == 0:
                intercepts[segment] = _average_intercept(b_names, b_groups, coef_all)
                model[segment] = Model(
                    coef=tuple(float(c) for c in predictive.coef[i]),
                    cov=tuple(tuple(float(v) for v in row) for row in predictive.cov[i]),
                )
            effects = contrast @ coef_all
            sds = np.sqrt(np.clip(np.diag(contrast @ cov_all @ contrast.T), 0.0, None))
            shown = _examples(stats[rows], b_x[rows], texts or {}, examples) if examples else None
            support = b_x[rows].T @ n[rows]
            clicks = b_x[rows].T @ k[rows]
            base_ctr = float(1.0 / (1.0 + np.exp(-intercepts[segment])))
            for j, feature in enumerate(b_names):
                if b > 0 and not feature.startswith(DESCRIPTIVE):
                    continue  # the descriptive model's controls: the predictive model has them
                coef, sd = float(effects[j]), float(sds[j])
                entries.append(
                    KBEntry(
                        segment_key=segment,
                        feature=feature,
                        lift=float(np.expm1(coef)),
                        low=float(np.expm1(coef - z * sd)),
                        high=float(np.expm1(coef + z * sd)),
                        support=int(support[j]),
                        clicks=int(clicks[j]),
                        ctr=float(clicks[j] / support[j]) if support[j] > 0 else 0.0,
                        base_ctr=base_ctr,
                        low_support=bool(support[j] < min_support),
                        coef=coef,
                        sd=sd,
                        group=b_groups.get(feature, ""),
                        examples=tuple(shown[j]) if shown else (),
                    )
                )
    content = {
        "tau_global": float(tau_global * chosen_scale),
        "tau_segment": chosen_tau,
        "tau_parent": float(tau_parent * chosen_scale),
        "parents": {k: list(v) for k, v in sorted((parents or {}).items())},
        "min_support": int(min_support),
        "level": float(level),
        "intercepts": intercepts,
        "features": p_names,
        "aliases": aliases,
        "model": {s: [m.coef, m.cov] for s, m in model.items()},
        "entries": [asdict(e) for e in entries],
    }
    if len(grid) > 1:
        content["tau_segment_grid"] = list(grid)
    if len(scales) > 1:
        content["effect_scale_grid"] = list(scales)
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()
    return KnowledgeBase(
        snapshot_id=f"kb-{digest[:16]}",
        created_at=created_at or datetime.now(UTC),
        tau_global=float(tau_global * chosen_scale),
        tau_segment=chosen_tau,
        min_support=int(min_support),
        level=float(level),
        intercepts=intercepts,
        entries=tuple(entries),
        features=tuple(p_names),
        aliases=aliases,
        model=model,
    )
