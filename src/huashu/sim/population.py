"""Drawing a synthetic population from attribute specs, vectorised over users."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from huashu.sim.spec import Attribute, DiscreteAttribute

Codes = npt.NDArray[np.intp]


def draw_population(attributes: Sequence[Attribute], n_users: int, seed: int) -> pd.DataFrame:
    """``n_users`` rows: ``user_id`` (int64, 0..n-1) then one column per attribute, in order.

    Categoricals come out as strings, bools as ``bool``, integers as ``int64``. Attributes are
    drawn in order from one ``numpy.random.default_rng(seed)``, so a seed fixes the frame.
    """
    rng = np.random.default_rng(seed)
    codes: dict[str, Codes] = {}
    columns: dict[str, object] = {"user_id": np.arange(n_users, dtype=np.int64)}
    for attribute in attributes:
        parent = codes[attribute.given] if attribute.given else np.zeros(n_users, dtype=np.intp)
        if isinstance(attribute, DiscreteAttribute):
            drawn = _draw_codes(np.asarray(attribute.table, dtype=np.float64), parent, rng)
            codes[attribute.name] = drawn
            if attribute.kind == "bool":
                columns[attribute.name] = drawn.astype(bool)
            else:
                columns[attribute.name] = np.asarray(attribute.values, dtype=object)[drawn]
        else:
            bounds = np.asarray(attribute.ranges, dtype=np.int64)
            columns[attribute.name] = rng.integers(
                bounds[parent, 0], bounds[parent, 1], endpoint=True, dtype=np.int64
            )
    return pd.DataFrame(columns)


def _draw_codes(table: npt.NDArray[np.float64], parent: Codes, rng: np.random.Generator) -> Codes:
    """Inverse-CDF draw of one value index per user from the row of ``table`` its parent picks."""
    cumulative = np.cumsum(table, axis=1)
    cumulative[:, -1] = np.inf
    u = rng.random((parent.shape[0],))
    if table.shape[0] == 1:
        return np.asarray(np.searchsorted(cumulative[0], u, side="right"), dtype=np.intp)
    return np.asarray((u[:, None] >= cumulative[parent]).sum(axis=1), dtype=np.intp)
