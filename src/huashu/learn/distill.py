"""Distilling delivery outcomes into a knowledge base: empirical-Bayes lift of each creative
feature (e.g. ``phrase:hook-spring``) per segment, with an interval and its support."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from datetime import UTC, datetime
from statistics import NormalDist

import numpy as np
import pandas as pd

from huashu.domain import Creative, InputError
from huashu.learn.kb import KBEntry, KnowledgeBase


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


def distill(
    outcomes: pd.DataFrame,
    creative_features: Mapping[str, Iterable[str]],
    *,
    prior_strength: float = 200.0,
    min_support: int = 200,
    level: float = 0.9,
    created_at: datetime | None = None,
) -> KnowledgeBase:
    """Per segment x feature lift of CTR with vs. without the feature.

    ``outcomes``: columns segment_key, creative_id and either impressions + clicks (any
    number of rows per pair, summed) or clicked (0/1, one row per impression).
    ``creative_features``: creative id -> feature strings; unlisted creatives have none.

    Both CTRs get a Beta prior centred on the segment's overall CTR worth ``prior_strength``
    impressions; ``lift`` = ratio of posterior means - 1. The ``level`` interval is a normal
    approximation on the log ratio (delta method on each Beta posterior:
    var log p ~ beta / (alpha (alpha + beta + 1))), so it is deterministic. Entries with
    ``support < min_support`` impressions are kept and flagged ``low_support``.
    """
    if not prior_strength > 0:
        raise _bad("prior_strength must be > 0", "prior_strength 必须大于 0")
    if not 0 < level < 1:
        raise _bad("level must be in (0, 1)", "level 必须在 (0, 1) 内")
    if min_support < 0:
        raise _bad("min_support must be >= 0", "min_support 必须不小于 0")
    stats = _aggregated(outcomes)
    pairs = pd.DataFrame(
        [(str(c), str(f)) for c, fs in creative_features.items() for f in dict.fromkeys(fs)],
        columns=["creative_id", "feature"],
    )
    totals = stats.groupby("segment_key")[["impressions", "clicks"]].sum()
    with_feature = (
        stats.merge(pairs, on="creative_id")
        .groupby(["segment_key", "feature"], as_index=False, sort=True)[["impressions", "clicks"]]
        .sum()
    )
    with_feature = with_feature[with_feature["impressions"] > 0]
    seg_n = totals.loc[with_feature["segment_key"], "impressions"].to_numpy(np.float64)
    seg_c = totals.loc[with_feature["segment_key"], "clicks"].to_numpy(np.float64)
    n_w = with_feature["impressions"].to_numpy(np.float64)
    c_w = with_feature["clicks"].to_numpy(np.float64)
    rate = (seg_c + 0.5) / (seg_n + 1.0)
    a_w = rate * prior_strength + c_w
    b_w = (1 - rate) * prior_strength + n_w - c_w
    a_o = rate * prior_strength + seg_c - c_w
    b_o = (1 - rate) * prior_strength + (seg_n - n_w) - (seg_c - c_w)
    ctr_w = a_w / (a_w + b_w)
    ctr_o = a_o / (a_o + b_o)
    log_lift = np.log(ctr_w) - np.log(ctr_o)
    se = np.sqrt(b_w / (a_w * (a_w + b_w + 1)) + b_o / (a_o * (a_o + b_o + 1)))
    z = NormalDist().inv_cdf(0.5 + level / 2)
    entries = tuple(
        KBEntry(
            segment_key=str(seg),
            feature=str(feat),
            lift=float(np.expm1(ll)),
            low=float(np.expm1(ll - z * s)),
            high=float(np.expm1(ll + z * s)),
            support=int(n),
            clicks=int(c),
            ctr=float(cw),
            base_ctr=float(co),
            low_support=bool(n < min_support),
        )
        for seg, feat, n, c, ll, s, cw, co in zip(
            with_feature["segment_key"],
            with_feature["feature"],
            n_w,
            c_w,
            log_lift,
            se,
            ctr_w,
            ctr_o,
            strict=True,
        )
    )
    content = {
        "prior_strength": float(prior_strength),
        "min_support": int(min_support),
        "level": float(level),
        "entries": [asdict(e) for e in entries],
    }
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()
    return KnowledgeBase(
        snapshot_id=f"kb-{digest[:16]}",
        created_at=created_at or datetime.now(UTC),
        prior_strength=float(prior_strength),
        min_support=int(min_support),
        level=float(level),
        entries=entries,
    )
