"""A world: the hidden truth about a brand's users (who they are, what they click, whether they
convert), with vectorised probabilities, seeded draws and the oracle."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from huashu.domain import InputError
from huashu.sim.features import (
    Term,
    effect_matrix,
    factor_matrix,
    keyword_list,
    sigmoid,
    term_list,
    text_indicator,
    text_rates,
    value_codes,
)
from huashu.sim.oracle import OracleResult, group_mean_probs
from huashu.sim.population import draw_population
from huashu.sim.spec import (
    Attribute,
    ConversionModel,
    DiscreteAttribute,
    IntegerAttribute,
    ResponseModel,
)

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class Response:
    """What each user did when shown one creative; arrays are aligned with the users."""

    click_prob: Floats
    clicked: Bools
    converted: Bools
    #: days from click to conversion; NaN where the user did not convert.
    conversion_delay_days: Floats
    #: each user's true probability of converting when shown the text: the click
    #: probability times P(convert | click) for that user and text (0 without a conversion
    #: model); what a brand is after, where a click from a user an offer excludes is worth 0
    conversion_prob: Floats


@dataclass(frozen=True, eq=False)
class PreparedUsers:
    """A population's share of the click model, computed once (:meth:`World.prepare`) for
    simulations that show creatives to rows of the same users batch after batch: each user's
    term effects in round ``round_``, base logit, conversion rate and conversion factors
    (users x the conversion model's keywords; None when it has none)."""

    effects: Floats
    base_logit: Floats
    conversion_rate: Floats | None
    conversion_factors: Floats | None = None
    round_: int = 1


@dataclass(frozen=True)
class World:
    """The hidden truth for one brand pack: population, click model and conversion model."""

    name: str
    attributes: tuple[Attribute, ...]
    response: ResponseModel
    conversion: ConversionModel | None = None
    description: str = ""

    @property
    def keywords(self) -> tuple[str, ...]:
        """Every keyword the click model reads, in first-mention order."""
        return keyword_list(self.response.keywords)

    @property
    def terms(self) -> tuple[Term, ...]:
        """The click model's columns: every keyword, then every interaction's keyword tuple."""
        return term_list(self.response.keywords, self.response.interactions)

    @property
    def dynamic(self) -> bool:
        """Whether click probabilities depend on the round (some effect drifts or fatigues)."""
        return self.response.dynamic

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.response.channels)

    def population(self, n_users: int, seed: int) -> pd.DataFrame:
        """``n_users`` synthetic users: ``user_id`` plus one column per attribute."""
        if isinstance(n_users, bool) or not isinstance(n_users, int) or n_users < 0:
            raise InputError(
                f"n_users must be a whole number >= 0, got {n_users!r}",
                message_zh=f"用户数应为不小于 0 的整数，实际为 {n_users!r}",
                code="invalid_argument",
            )
        return draw_population(self.attributes, n_users, seed)

    def click_prob(
        self,
        users: pd.DataFrame,
        texts: Sequence[str],
        channel: str,
        position: int = 1,
        *,
        round_: int = 1,
    ) -> Floats:
        """True click probability of every user for every text: shape (len(users), len(texts)).

        ``round_`` (1 = the campaign's first) matters only in a :attr:`dynamic` world."""
        base = self._base_logit(users, channel, position)
        logit = base[:, None] + self._effects(users, round_) @ self._indicator(texts).T
        return sigmoid(logit)

    def click_prob_pairs(
        self,
        users: pd.DataFrame,
        text_index: npt.ArrayLike,
        texts: Sequence[str],
        channel: str,
        position: int | npt.ArrayLike = 1,
        *,
        round_: int = 1,
    ) -> Floats:
        """True click probability of user ``i`` for ``texts[text_index[i]]``: shape (len(users),).

        ``position`` is one slot for everybody or one per user.
        """
        index = np.asarray(text_index)
        n = len(users)
        if index.shape != (n,) or (n and not np.issubdtype(index.dtype, np.integer)):
            raise InputError(
                f"text_index needs one integer per user ({n}), got shape {index.shape}",
                message_zh=f"text_index 需要为每个用户给出一个整数（共 {n} 个）",
                code="invalid_argument",
            )
        if n and (index.min() < 0 or index.max() >= len(texts)):
            raise InputError(
                f"text_index must lie in 0..{len(texts) - 1}",
                message_zh=f"text_index 应在 0 到 {len(texts) - 1} 之间",
                code="invalid_argument",
            )
        indicator = self._indicator(texts)
        effects = self._effects(users, round_)
        logit = self._base_logit(users, channel, position) + np.einsum(
            "ij,ij->i", effects, indicator[index]
        )
        return sigmoid(logit)

    def respond(
        self,
        users: pd.DataFrame,
        text_index: npt.ArrayLike,
        texts: Sequence[str],
        channel: str,
        position: int | npt.ArrayLike = 1,
        rng: np.random.Generator | None = None,
        *,
        round_: int = 1,
    ) -> Response:
        """Draw clicks, conversions and conversion delays for users each shown one text,
        ``texts[text_index[i]]`` for user ``i``, from the true probabilities. ``rng`` is required:
        the caller owns the randomness so that a run is reproducible from its seed."""
        if not isinstance(rng, np.random.Generator):
            raise InputError(
                "respond needs rng, a numpy Generator such as np.random.default_rng(seed)",
                message_zh="respond 需要 rng 参数：numpy Generator，如 default_rng(seed)",
                code="invalid_argument",
            )
        prob = self.click_prob_pairs(users, text_index, texts, channel, position, round_=round_)
        rates = self._conversion_rates(users), self._conversion_factors(users)
        return self._draw(prob, self._text_rates(*rates, text_index, texts), rng)

    def prepare(self, users: pd.DataFrame, round_: int = 1) -> PreparedUsers:
        """The per-user pieces of the click model for ``users`` in round ``round_``, for
        :meth:`respond_rows`."""
        return PreparedUsers(
            self._effects(users, round_),
            self._attribute_logits(users),
            self._conversion_rates(users),
            self._conversion_factors(users),
            round_,
        )

    def _conversion_factors(self, users: pd.DataFrame) -> Floats | None:
        if self.conversion is None or not self.conversion.keywords:
            return None
        return factor_matrix(users, self.conversion.keywords, self._discrete_map())

    def _text_rates(
        self,
        rate: Floats | None,
        factors: Floats | None,
        index: npt.ArrayLike,
        texts: Sequence[str],
    ) -> Floats | None:
        """Each user's P(convert | click) for the text it was shown (``texts[index[i]]``)."""
        if rate is None or factors is None or self.conversion is None:
            return rate
        indicator = text_indicator(texts, keyword_list(self.conversion.keywords))
        return text_rates(rate, factors, indicator[np.asarray(index, dtype=np.intp)])

    def _conversion_rates(self, users: pd.DataFrame) -> Floats | None:
        if self.conversion is None:
            return None
        attribute = self._discrete(self.conversion.attribute)
        return np.asarray(self.conversion.rates, dtype=np.float64)[value_codes(users, attribute)]

    def _attribute_logits(self, users: pd.DataFrame) -> Floats:
        """Per user: the base logit of its value of the response's base attribute."""
        codes = value_codes(users, self._discrete(self.response.base_attribute))
        return np.asarray(self.response.base_logits, dtype=np.float64)[codes]

    def respond_rows(
        self,
        prepared: PreparedUsers,
        rows: npt.NDArray[np.intp],
        text_index: npt.ArrayLike,
        texts: Sequence[str],
        channel: str,
        rng: np.random.Generator,
        position: int = 1,
    ) -> Response:
        """:meth:`respond` for the users at ``rows`` of a prepared population (in the round it
        was prepared for): the same probabilities and, for the same ``rng``, the same draws."""
        index = np.asarray(text_index)
        if index.shape != rows.shape or (
            len(rows) and (index.min() < 0 or index.max() >= len(texts))
        ):
            raise InputError(
                f"text_index needs one index into texts per row ({len(rows)})",
                message_zh=f"text_index 需要为每一行给出一个文案下标（共 {len(rows)} 个）",
                code="invalid_argument",
            )
        indicator = self._indicator(texts)
        logit = (
            prepared.base_logit[rows]
            + self._channel_effect(channel)
            + self._position_effect(position, len(rows))
            + np.einsum("ij,ij->i", prepared.effects[rows], indicator[index])
        )
        rate = None if prepared.conversion_rate is None else prepared.conversion_rate[rows]
        factors = None if prepared.conversion_factors is None else prepared.conversion_factors[rows]
        return self._draw(sigmoid(logit), self._text_rates(rate, factors, index, texts), rng)

    def _draw(self, prob: Floats, rate: Floats | None, rng: np.random.Generator) -> Response:
        n = prob.shape[0]
        clicked = rng.random(n) < prob
        if self.conversion is None or rate is None:
            converted = np.zeros(n, dtype=bool)
            delay = np.full(n, np.nan)
            conversion_prob = np.zeros(n, dtype=np.float64)
        else:
            converted = clicked & (rng.random(n) < rate)
            drawn = rng.exponential(self.conversion.mean_delay_days, n)
            delay = np.where(converted, drawn, np.nan)
            conversion_prob = prob * rate
        return Response(prob, clicked, converted, delay, conversion_prob)

    def oracle_ctr(
        self,
        users: pd.DataFrame,
        candidate_texts: Sequence[str],
        channel: str,
        groups: npt.ArrayLike,
        position: int = 1,
        *,
        round_: int = 1,
    ) -> OracleResult:
        """For each group key (one per user), the candidate with the highest mean true click
        probability over the group's users, and the resulting traffic-weighted CTR."""
        if len(users) == 0 or len(candidate_texts) == 0:
            raise InputError(
                "oracle_ctr needs at least one user and one candidate text",
                message_zh="oracle_ctr 至少需要一个用户和一条候选文案",
                code="invalid_argument",
            )
        texts = tuple(candidate_texts)
        keys, sizes, means = group_mean_probs(
            self._base_logit(users, channel, position),
            self._effects(users, round_),
            self._indicator(texts),
            groups,
        )
        return OracleResult(groups=keys, group_size=sizes, texts=texts, candidate_ctr=means)

    def keyword_effects(self, users: pd.DataFrame, round_: int = 1) -> pd.DataFrame:
        """users x keywords: each user's hidden logit effect per keyword (columns: keywords;
        interactions are not included)."""
        keywords = self.keywords
        effects = self._effects(users, round_)[:, : len(keywords)]
        return pd.DataFrame(effects, columns=list(keywords), index=users.index)

    def true_effects(
        self, attribute_values: Mapping[str, object], round_: int = 1
    ) -> dict[str, float]:
        """Hidden logit effect of every keyword for a profile such as
        ``{"occupation": "livestock", "rate_discount_eligible": True}``.

        A rule counts when every attribute of its ``when`` is in the profile with that value;
        keywords no rule reaches map to 0.0. Interactions are not included.
        """
        known = {a.name: a for a in self.attributes}
        profile = {
            name: value.item() if isinstance(value, np.generic) else value
            for name, value in attribute_values.items()
        }
        for name, value in profile.items():
            attribute = known.get(name)
            if attribute is None:
                raise InputError(
                    f"unknown attribute {name!r}; world {self.name!r} has: {', '.join(known)}",
                    message_zh=f"未知属性 {name!r}，可用属性：{', '.join(known)}",
                    code="invalid_argument",
                )
            if isinstance(attribute, DiscreteAttribute) and not any(
                value == v and type(value) is type(v) for v in attribute.values
            ):
                raise InputError(
                    f"{value!r} is not a value of attribute {name!r}",
                    message_zh=f"{value!r} 不是属性 {name!r} 的取值",
                    code="invalid_argument",
                )
        out = dict.fromkeys(self.keywords, 0.0)
        for rule in self.response.keywords:
            if rule.matches(profile):
                out[rule.keyword] += rule.at(round_)
        return out

    def without_preferences(self) -> World:
        """The same world with every keyword and interaction effect set to zero (no drift, no
        fatigue): text never matters for clicks."""
        response = self.response
        flat = tuple(
            dataclasses.replace(k, effect=0.0, drift=0.0, fatigue=0.0) for k in response.keywords
        )
        pairs = tuple(
            dataclasses.replace(i, effect=0.0, drift=0.0, fatigue=0.0)
            for i in response.interactions
        )
        return dataclasses.replace(
            self, response=dataclasses.replace(response, keywords=flat, interactions=pairs)
        )

    def _discrete(self, name: str) -> DiscreteAttribute:
        attribute = next(a for a in self.attributes if a.name == name)
        assert not isinstance(attribute, IntegerAttribute)
        return attribute

    def _discrete_map(self) -> dict[str, DiscreteAttribute]:
        return {a.name: a for a in self.attributes if isinstance(a, DiscreteAttribute)}

    def _effects(self, users: pd.DataFrame, round_: int = 1) -> Floats:
        rules = self.response.keywords + self.response.interactions
        return effect_matrix(users, rules, self._discrete_map(), self.terms, round_)

    def _indicator(self, texts: Sequence[str]) -> Floats:
        return text_indicator(texts, self.terms)

    def _base_logit(
        self, users: pd.DataFrame, channel: str, position: int | npt.ArrayLike
    ) -> Floats:
        """Per user: base logit of its attribute value + channel effect + position effect."""
        effect = self._channel_effect(channel)
        return self._attribute_logits(users) + effect + self._position_effect(position, len(users))

    def _channel_effect(self, channel: str) -> float:
        channels = dict(self.response.channels)
        if channel not in channels:
            listed = ", ".join(channels)
            raise InputError(
                f"world {self.name!r} has no channel {channel!r}; it has: {listed}",
                message_zh=f"世界 {self.name!r} 没有渠道 {channel!r}，可用渠道：{listed}",
                code="invalid_argument",
            )
        return float(channels[channel])

    def _position_effect(self, position: int | npt.ArrayLike, n: int) -> Floats:
        slots = np.asarray([p for p, _ in self.response.positions], dtype=np.int64)
        effects = np.asarray([e for _, e in self.response.positions], dtype=np.float64)
        wanted = np.broadcast_to(np.asarray(position), (n,)) if n else np.asarray([], dtype=int)
        where = np.searchsorted(slots, wanted)
        found = (where < slots.size) & (slots[np.minimum(where, slots.size - 1)] == wanted)
        if not found.all():
            bad = wanted[~found][0].item()
            listed = ", ".join(str(p) for p in slots)
            raise InputError(
                f"world {self.name!r} has no position {bad!r}; it has: {listed}",
                message_zh=f"世界 {self.name!r} 没有位置 {bad!r}，可用位置：{listed}",
                code="invalid_argument",
            )
        return np.asarray(effects[where], dtype=np.float64)
