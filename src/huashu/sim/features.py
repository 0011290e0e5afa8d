"""The vectorised pieces of the click model: users coded by attribute value, users x term
effect matrices and texts x term indicator matrices. A term is a keyword or, for an
interaction, a tuple of keywords that must all occur."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from huashu.domain import InputError
from huashu.sim.spec import (
    ConversionKeyword,
    DiscreteAttribute,
    InteractionEffect,
    KeywordEffect,
)

Floats = npt.NDArray[np.float64]
Codes = npt.NDArray[np.intp]
Term = str | tuple[str, ...]
Rule = KeywordEffect | InteractionEffect
When = tuple[tuple[str, object], ...]


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


def keyword_list(effects: Sequence[KeywordEffect | ConversionKeyword]) -> tuple[str, ...]:
    """The distinct keywords, in first-mention order."""
    return tuple(dict.fromkeys(e.keyword for e in effects))


def term_of(rule: Rule) -> Term:
    return rule.keyword if isinstance(rule, KeywordEffect) else rule.keywords


def term_list(
    keywords: Sequence[KeywordEffect], interactions: Sequence[InteractionEffect] = ()
) -> tuple[Term, ...]:
    """The keywords (first-mention order), then the distinct interaction keyword tuples."""
    return keyword_list(keywords) + tuple(dict.fromkeys(i.keywords for i in interactions))


def when_masks(
    users: pd.DataFrame, whens: Sequence[When], attributes: dict[str, DiscreteAttribute]
) -> dict[When, npt.NDArray[np.bool_]]:
    """Per distinct ``when``: which users match every pair of it."""
    n = len(users)
    codes = {
        name: value_codes(users, attributes[name]) for name in {a for w in whens for a, _ in w}
    }
    masks: dict[When, npt.NDArray[np.bool_]] = {}
    for when in whens:
        if when in masks:
            continue
        mask = np.ones(n, dtype=bool)
        for name, value in when:
            mask &= codes[name] == attributes[name].values.index(value)
        masks[when] = mask
    return masks


def effect_matrix(
    users: pd.DataFrame,
    effects: Sequence[Rule],
    attributes: dict[str, DiscreteAttribute],
    terms: Sequence[Term],
    round_: int = 1,
) -> Floats:
    """users x terms: the summed logit effect (in round ``round_``) of each term for each
    user."""
    column = {t: i for i, t in enumerate(terms)}
    out = np.zeros((len(users), len(terms)), dtype=np.float64)
    live = [(e, e.at(round_)) for e in effects]
    live = [(e, v) for e, v in live if v != 0.0]
    masks = when_masks(users, [e.when for e in effects], attributes)
    for effect, value in live:
        out[:, column[term_of(effect)]] += value * masks[effect.when]
    return out


def factor_matrix(
    users: pd.DataFrame,
    rules: Sequence[ConversionKeyword],
    attributes: dict[str, DiscreteAttribute],
) -> Floats:
    """users x keywords (:func:`keyword_list` of ``rules``): the product of the conversion
    factors each keyword brings each user."""
    column = {k: i for i, k in enumerate(keyword_list(rules))}
    out = np.ones((len(users), len(column)), dtype=np.float64)
    masks = when_masks(users, [r.when for r in rules], attributes)
    for rule in rules:
        out[masks[rule.when], column[rule.keyword]] *= rule.factor
    return out


def text_rates(rate: Floats, factors: Floats, carries: Floats) -> Floats:
    """Per user: ``rate`` times the factors (users x keywords) of the keywords its text
    ``carries`` (users x keywords, 1.0 where present), capped at 1."""
    scaled = rate * np.where(carries > 0.0, factors, 1.0).prod(axis=1)
    return np.asarray(np.minimum(scaled, 1.0), dtype=np.float64)


def text_indicator(texts: Sequence[str], terms: Sequence[Term]) -> Floats:
    """texts x terms: 1.0 where the keyword occurs as a substring of the text (for a tuple:
    where every keyword of it does)."""
    out = np.zeros((len(texts), len(terms)), dtype=np.float64)
    for j, term in enumerate(terms):
        if isinstance(term, str):
            out[:, j] = [term in text for text in texts]
        else:
            out[:, j] = [all(k in text for k in term) for text in texts]
    return out


def sigmoid(logit: Floats) -> Floats:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * logit)), dtype=np.float64)
