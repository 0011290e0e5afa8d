"""Attribution models side by side: heuristics, order-k Markov removal effects and Shapley
values, as one table per channel (conversions, and conversion value)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from huashu.analytics import heuristics, markov, shapley
from huashu.analytics.paths import PathSet, aggregate


@dataclass(frozen=True)
class Attribution:
    """``conversions`` / ``value``: one row per channel, one column per model."""

    conversions: pd.DataFrame
    value: pd.DataFrame
    removal_effects: pd.DataFrame
    conversion_probability: dict[int, float]
    total_conversions: float
    total_value: float
    paths: int
    unique_paths: int


def attribute(
    paths: PathSet,
    *,
    orders: Sequence[int] = (1,),
    half_life: float = 7.0,
    position_weights: tuple[float, float] = (0.4, 0.4),
    with_shapley: bool = True,
    shapley_worth: str = "count",
) -> Attribution:
    """Run every model on ``paths``; Markov and Shapley run on the aggregated paths (identical
    journeys counted once); time decay uses the touches' lags when the paths carry them."""
    unique = aggregate(paths)
    index = pd.Index(paths.channels, name="channel")
    conv: dict[str, np.ndarray] = {}
    val: dict[str, np.ndarray] = {}
    source = paths if paths.lags is not None else unique
    for model in heuristics.HEURISTICS:
        for weight, out in (("conversions", conv), ("value", val)):
            out[model] = heuristics.heuristic(
                source, model, weight=weight, half_life=half_life, position_weights=position_weights
            )
    effects: dict[str, np.ndarray] = {}
    probability: dict[int, float] = {}
    for order in orders:
        result = markov.attribute(unique, order)
        conv[f"markov_{order}"] = result.conversions
        val[f"markov_{order}"] = result.value
        effects[f"markov_{order}"] = result.removal_effects
        effects[f"markov_{order}_value"] = result.value_removal_effects
        probability[order] = result.conversion_probability
    if with_shapley:
        conv["shapley"] = shapley.attribute(unique, weight="conversions", worth=shapley_worth)
        val["shapley"] = shapley.attribute(unique, weight="value", worth=shapley_worth)
    return Attribution(
        pd.DataFrame(conv, index=index),
        pd.DataFrame(val, index=index),
        pd.DataFrame(effects, index=index),
        probability,
        float(paths.conversions.sum()),
        float(paths.value.sum()),
        paths.n_paths,
        unique.n_paths,
    )
