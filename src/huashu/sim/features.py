"""The vectorised pieces of the click model: users coded by attribute value, users x keyword
effect matrices and texts x keyword indicator matrices."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from huashu.domain import InputError
from huashu.sim.spec import DiscreteAttribute, KeywordEffect

Floats = npt.NDArray[np.float64]
Codes = npt.NDArray[np.intp]


def value_codes(users: pd.DataFrame, attribute: DiscreteAttribute) -> Codes:
    """Index into ``attribute.values`` for each user; unknown values raise InputError."""
    if attribute.name not in users.columns:
        raise InputError(
            f"users have no column {attribute.name!r}",
            message_zh=f"用户表缺少列 {attribute.name!r}",
            code="invalid_users",
            details={"column": attribute.name},
        )
    column = users[attribute.name]
    codes = pd.Index(list(attribute.values), dtype=object).get_indexer(column.astype(object))
    bad = codes < 0
    if bad.any():
        value = column.to_numpy()[np.flatnonzero(bad)[0]]
        raise InputError(
            f"column {attribute.name!r} holds {value!r}, not a value of the world's attribute",
            message_zh=f"列 {attribute.name!r} 含有世界中未定义的取值 {value!r}",
            code="invalid_users",
            details={"column": attribute.name, "value": repr(value)},
        )
    return np.asarray(codes, dtype=np.intp)


def keyword_list(effects: Sequence[KeywordEffect]) -> tuple[str, ...]:
    """The distinct keywords, in first-mention order."""
    return tuple(dict.fromkeys(e.keyword for e in effects))


def effect_matrix(
    users: pd.DataFrame,
    effects: Sequence[KeywordEffect],
    attributes: dict[str, DiscreteAttribute],
    keywords: Sequence[str],
) -> Floats:
    """users x keywords: the summed logit effect of each keyword for each user."""
    n = len(users)
    column = {k: i for i, k in enumerate(keywords)}
    out = np.zeros((n, len(keywords)), dtype=np.float64)
    codes = {
        name: value_codes(users, attributes[name])
        for name in {a for e in effects for a, _ in e.when}
    }
    masks: dict[tuple[tuple[str, object], ...], npt.NDArray[np.bool_]] = {}
    for effect in effects:
        if effect.effect == 0.0:
            continue
        mask = masks.get(effect.when)
        if mask is None:
            mask = np.ones(n, dtype=bool)
            for name, value in effect.when:
                mask &= codes[name] == attributes[name].values.index(value)
            masks[effect.when] = mask
        out[:, column[effect.keyword]] += effect.effect * mask
    return out


def text_indicator(texts: Sequence[str], keywords: Sequence[str]) -> Floats:
    """texts x keywords: 1.0 where the keyword occurs as a substring of the text."""
    out = np.zeros((len(texts), len(keywords)), dtype=np.float64)
    for j, keyword in enumerate(keywords):
        out[:, j] = [keyword in text for text in texts]
    return out


def sigmoid(logit: Floats) -> Floats:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * logit)), dtype=np.float64)
