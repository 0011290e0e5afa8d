"""Distilling delivery outcomes into a knowledge base: the effect of each creative feature
(e.g. ``phrase:hook-spring``) per segment from a hierarchical logistic regression, with an
interval and its support."""

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
from huashu.learn.kb import KBEntry, KnowledgeBase
from huashu.learn.model import fit_hierarchical


def phrase_features(creatives: Iterable[Creative]) -> dict[str, list[str]]:
    """creative id -> ``phrase:<phrase id>`` for every phrase the composer used, sorted."""
    return {c.id: sorted({f"phrase:{p}" for p in c.phrase_ids.values()}) for c in creatives}


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


def distill(
    outcomes: pd.DataFrame,
    creative_features: Mapping[str, Iterable[str]],
    *,
    tau_global: float = 1.0,
    tau_segment: float = 0.2,
    tau_parent: float = 0.3,
    parents: Mapping[str, Sequence[str]] | None = None,
    min_support: int = 200,
    level: float = 0.9,
    created_at: datetime | None = None,
) -> KnowledgeBase:
    """Per segment x feature effect on click odds, with an interval and its support.

    ``outcomes``: columns segment_key, creative_id and either impressions + clicks (any
    number of rows per pair, summed) or clicked (0/1, one row per impression).
    ``creative_features``: creative id -> feature strings (``phrase:<id>``, and
    ``channel:<name>`` as a control); unlisted creatives have none.

    Model (:func:`huashu.learn.model.fit_hierarchical`), fitted jointly: a segment's effect
    of feature ``f`` is ``global_f + sum of its parents' deviations + its own deviation``
    with priors ``N(0, tau_global^2)``, ``N(0, tau_parent^2)`` and ``N(0, tau_segment^2)``.
    ``parents`` maps a segment key to its parent keys (one per dimension, e.g.
    ``occupation=养殖户`` and ``discount=有优惠``); without them segments shrink straight to the
    global effect. A segment therefore has an entry for every feature seen in any segment:
    one it has not seen itself (``support`` 0, flagged low support) is what its parents and
    the population predict. ``lift`` = ``exp(coef) - 1`` (the odds ratio, close to the CTR
    ratio at marketing CTRs); the ``level`` interval comes from the Laplace approximation.
    Entries with ``support < min_support`` impressions are kept and flagged ``low_support``.
    """
    if not tau_global > 0 or not tau_segment > 0:
        raise _bad("tau_global and tau_segment must be > 0", "tau_global 与 tau_segment 必须大于 0")
    if not tau_parent > 0:
        raise _bad("tau_parent must be > 0", "tau_parent 必须大于 0")
    if not 0 < level < 1:
        raise _bad("level must be in (0, 1)", "level 必须在 (0, 1) 内")
    if min_support < 0:
        raise _bad("min_support must be >= 0", "min_support 必须不小于 0")
    stats = _aggregated(outcomes)
    names, x = _design(stats, creative_features)
    n = stats["impressions"].to_numpy(np.float64)
    k = stats["clicks"].to_numpy(np.float64)
    segments = sorted(set(stats["segment_key"]))
    parent_keys = sorted({str(p) for s in segments for p in (parents or {}).get(s, ())})
    fit = fit_hierarchical(
        x,
        n,
        k,
        np.searchsorted(segments, stats["segment_key"].to_numpy()).astype(np.intp),
        [
            [parent_keys.index(str(p)) for p in dict.fromkeys((parents or {}).get(s, ()))]
            for s in segments
        ],
        len(parent_keys),
        tau_global=tau_global,
        tau_parent=tau_parent,
        tau_segment=tau_segment,
    )
    z = NormalDist().inv_cdf(0.5 + level / 2)
    entries: list[KBEntry] = []
    intercepts: dict[str, float] = {}
    rows_of = stats["segment_key"].to_numpy()
    for i, segment in enumerate(segments):
        rows = rows_of == segment
        intercepts[segment] = float(fit.coef[i, 0])
        support = x[rows].T @ n[rows]
        clicks = x[rows].T @ k[rows]
        base_ctr = float(1.0 / (1.0 + np.exp(-fit.coef[i, 0])))
        for j, feature in enumerate(names):
            coef, sd = float(fit.coef[i, j + 1]), float(fit.sd[i, j + 1])
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
                )
            )
    content = {
        "tau_global": float(tau_global),
        "tau_segment": float(tau_segment),
        "tau_parent": float(tau_parent),
        "parents": {k: list(v) for k, v in sorted((parents or {}).items())},
        "min_support": int(min_support),
        "level": float(level),
        "intercepts": intercepts,
        "entries": [asdict(e) for e in entries],
    }
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()
    return KnowledgeBase(
        snapshot_id=f"kb-{digest[:16]}",
        created_at=created_at or datetime.now(UTC),
        tau_global=float(tau_global),
        tau_segment=float(tau_segment),
        min_support=int(min_support),
        level=float(level),
        intercepts=intercepts,
        entries=tuple(entries),
    )
