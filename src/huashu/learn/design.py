"""The outcome table and the 0/1 feature design matrices :func:`huashu.learn.distill.distill`
fits: aggregating outcomes per segment x creative, merging features the data cannot tell apart,
the sum-to-zero contrasts that report grouped features, and each feature's example creatives."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from huashu.domain import InputError
from huashu.learn.features import DESCRIPTIVE
from huashu.learn.model import HierarchicalFit, fit_hierarchical


def bad_outcomes(message: str, message_zh: str, **details: object) -> InputError:
    """The error for outcomes or distillation parameters that cannot be used."""
    return InputError(message, message_zh=message_zh, code="bad_outcomes", details=details)


def aggregated(outcomes: pd.DataFrame) -> pd.DataFrame:
    """One row per segment x creative (sorted) with summed impressions and clicks."""
    keys = ["segment_key", "creative_id"]
    for column in keys:
        if column not in outcomes.columns:
            raise bad_outcomes(
                f"outcomes are missing column '{column}'",
                f"投放结果缺少列 '{column}'",
                column=column,
            )
    frame = _counts(outcomes, keys)
    _check_counts(frame)
    return frame.groupby(keys, as_index=False, sort=True)[["impressions", "clicks"]].sum()


def _counts(outcomes: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``keys`` with impressions and clicks, from aggregated rows or one row per impression."""
    if {"impressions", "clicks"} <= set(outcomes.columns):
        frame = outcomes.loc[:, [*keys, "impressions", "clicks"]]
    elif "clicked" in outcomes.columns:
        frame = outcomes.loc[:, keys].assign(impressions=1, clicks=outcomes["clicked"])
    else:
        raise bad_outcomes(
            "outcomes need columns impressions and clicks (aggregated) or clicked (one row "
            "per impression)",
            "投放结果需要 impressions 与 clicks 列（汇总）或 clicked 列（逐次曝光）",
        )
    return frame.astype(
        {"segment_key": str, "creative_id": str, "impressions": "int64", "clicks": "int64"}
    )


def _check_counts(frame: pd.DataFrame) -> None:
    bad = frame[(frame["clicks"] < 0) | (frame["clicks"] > frame["impressions"])]
    if not bad.empty:
        row = bad.iloc[0]
        raise bad_outcomes(
            f"outcomes for '{row['creative_id']}' in '{row['segment_key']}' need "
            "0 <= clicks <= impressions",
            f"人群 '{row['segment_key']}' 中素材 '{row['creative_id']}' 的结果须满足 "
            "0 <= 点击 <= 曝光",
            creative_id=row["creative_id"],
            segment_key=row["segment_key"],
        )


def design_matrix(
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


def merged(
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
        out_names.append(_merged_name(parts))
        if aliases is not None:
            aliases.update((p, out_names[-1]) for p in parts if p != out_names[-1])
    columns = [members[0] for members in keep.values()]
    return out_names, x[:, columns]


def _merged_name(parts: list[str]) -> str:
    """The name of the one column that stands for ``parts`` (identical on every row)."""
    controls = [p for p in parts if not p.startswith(DESCRIPTIVE)]
    if controls:  # words that only come with a control (an SMS opt-out) are the control
        return controls[0]
    prefix = parts[0].split(":", 1)[0] + ":"
    if all(p.startswith(prefix) for p in parts):
        return prefix + "+".join(p[len(prefix) :] for p in parts)
    return "+".join(parts)


def contrasts(names: list[str], groups: Mapping[str, str]) -> NDArray[np.float64]:
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


def average_intercept(
    names: list[str], groups: Mapping[str, str], coef: NDArray[np.float64]
) -> float:
    """Log-odds of an average creative: intercept plus each group's mean coefficient."""
    total = float(coef[0])
    for group in sorted(set(groups[f] for f in names if f in groups)):
        total += float(
            np.mean([coef[j + 1] for j, f in enumerate(names) if groups.get(f) == group])
        )
    return total


def examples_by_column(
    stats: pd.DataFrame, x: NDArray[np.float64], texts: Mapping[str, str], n: int
) -> list[list[tuple[str, str]]]:
    """Per column: up to ``n`` (creative id, text) of the most-shown creatives carrying it
    (among the rows given: one segment's)."""
    order = np.argsort(-stats["impressions"].to_numpy(), kind="stable")
    ids = stats["creative_id"].to_numpy()
    return [_most_shown(x[:, j], order, ids, texts, n) for j in range(x.shape[1])]


def _most_shown(
    column: NDArray[np.float64],
    order: NDArray[np.intp],
    ids: NDArray[np.object_],
    texts: Mapping[str, str],
    n: int,
) -> list[tuple[str, str]]:
    """Up to ``n`` distinct (creative id, text) of the rows carrying ``column``, in ``order``."""
    picked: list[tuple[str, str]] = []
    for i in order:
        if column[i] and ids[i] not in {c for c, _ in picked}:
            picked.append((str(ids[i]), texts.get(str(ids[i]), "")))
            if len(picked) == n:
                break
    return picked


@dataclass(frozen=True)
class Design:
    """What the fits read: the aggregated outcomes (one row per segment x creative) with their
    impressions ``n`` and clicks ``k``, every feature's 0/1 column, the segment hierarchy, and
    the prior sds the fits scale."""

    stats: pd.DataFrame
    n: NDArray[np.float64]
    k: NDArray[np.float64]
    names: list[str]
    x: NDArray[np.float64]
    descriptive: NDArray[np.bool_]
    segments: list[str]
    parent_keys: list[str]
    segment_index: NDArray[np.intp]
    parent_index: list[list[int]]
    tau_global: float
    tau_parent: float

    @classmethod
    def of(
        cls,
        outcomes: pd.DataFrame,
        creative_features: Mapping[str, Iterable[str]],
        parents: Mapping[str, Sequence[str]] | None,
        tau_global: float,
        tau_parent: float,
    ) -> Design:
        stats = aggregated(outcomes)
        names, x = design_matrix(stats, creative_features)
        segments = sorted(set(stats["segment_key"]))
        parent_keys = sorted({str(p) for s in segments for p in (parents or {}).get(s, ())})
        segment_index = np.searchsorted(segments, stats["segment_key"].to_numpy())
        return cls(
            stats=stats,
            n=stats["impressions"].to_numpy(np.float64),
            k=stats["clicks"].to_numpy(np.float64),
            names=names,
            x=x,
            descriptive=np.array([f.startswith(DESCRIPTIVE) for f in names], dtype=bool),
            segments=segments,
            parent_keys=parent_keys,
            segment_index=segment_index.astype(np.intp),
            parent_index=[
                [parent_keys.index(str(p)) for p in dict.fromkeys((parents or {}).get(s, ()))]
                for s in segments
            ],
            tau_global=tau_global,
            tau_parent=tau_parent,
        )

    def fit(self, x: NDArray[np.float64], tau: float, scale: float) -> HierarchicalFit:
        """The hierarchical fit of columns ``x`` at segment sd ``tau`` and effect ``scale``."""
        return fit_hierarchical(
            x,
            self.n,
            self.k,
            self.segment_index,
            self.parent_index,
            len(self.parent_keys),
            tau_global=self.tau_global * scale,
            tau_parent=self.tau_parent * scale,
            tau_segment=tau,
        )

    def phrases(self) -> tuple[list[str], NDArray[np.float64]]:
        """The phrase model's features (every one but the descriptive) and their columns."""
        names = [f for f, d in zip(self.names, self.descriptive, strict=True) if not d]
        return names, self.x[:, ~self.descriptive]
