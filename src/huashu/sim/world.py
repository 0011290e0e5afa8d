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
    effect_matrix,
    keyword_list,
    sigmoid,
    text_indicator,
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


@dataclass(frozen=True, eq=False)
class PreparedUsers:
    """A population's share of the click model, computed once (:meth:`World.prepare`) for
    simulations that show creatives to rows of the same users batch after batch: each user's
    keyword effects, base logit and conversion rate."""

    effects: Floats
    base_logit: Floats
    conversion_rate: Floats | None


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
        self, users: pd.DataFrame, texts: Sequence[str], channel: str, position: int = 1
    ) -> Floats:
        """True click probability of every user for every text: shape (len(users), len(texts))."""
        keywords = self.keywords
        base = self._base_logit(users, channel, position)
        logit = base[:, None] + self._effects(users) @ text_indicator(texts, keywords).T
        return sigmoid(logit)

    def click_prob_pairs(
        self,
        users: pd.DataFrame,
        text_index: npt.ArrayLike,
        texts: Sequence[str],
        channel: str,
        position: int | npt.ArrayLike = 1,
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
        indicator = text_indicator(texts, self.keywords)
        effects = self._effects(users)
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
        prob = self.click_prob_pairs(users, text_index, texts, channel, position)
        return self._draw(prob, self._conversion_rates(users), rng)

    def prepare(self, users: pd.DataFrame) -> PreparedUsers:
        """The per-user pieces of the click model for ``users``, for :meth:`respond_rows`."""
        return PreparedUsers(
            self._effects(users), self._attribute_logits(users), self._conversion_rates(users)
        )

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
        """:meth:`respond` for the users at ``rows`` of a prepared population: the same
        probabilities and, for the same ``rng``, the same draws."""
        index = np.asarray(text_index)
        if index.shape != rows.shape or (
            len(rows) and (index.min() < 0 or index.max() >= len(texts))
        ):
            raise InputError(
                f"text_index needs one index into texts per row ({len(rows)})",
                message_zh=f"text_index 需要为每一行给出一个文案下标（共 {len(rows)} 个）",
                code="invalid_argument",
            )
        indicator = text_indicator(texts, self.keywords)
        logit = (
            prepared.base_logit[rows]
            + self._channel_effect(channel)
            + self._position_effect(position, len(rows))
            + np.einsum("ij,ij->i", prepared.effects[rows], indicator[index])
        )
        rate = None if prepared.conversion_rate is None else prepared.conversion_rate[rows]
        return self._draw(sigmoid(logit), rate, rng)

    def _draw(self, prob: Floats, rate: Floats | None, rng: np.random.Generator) -> Response:
        n = prob.shape[0]
        clicked = rng.random(n) < prob
        if self.conversion is None or rate is None:
            converted = np.zeros(n, dtype=bool)
            delay = np.full(n, np.nan)
        else:
            converted = clicked & (rng.random(n) < rate)
            drawn = rng.exponential(self.conversion.mean_delay_days, n)
            delay = np.where(converted, drawn, np.nan)
        return Response(prob, clicked, converted, delay)

    def oracle_ctr(
        self,
        users: pd.DataFrame,
        candidate_texts: Sequence[str],
        channel: str,
        groups: npt.ArrayLike,
        position: int = 1,
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
        indicator = text_indicator(texts, self.keywords)
        keys, sizes, means = group_mean_probs(
            self._base_logit(users, channel, position), self._effects(users), indicator, groups
        )
        return OracleResult(groups=keys, group_size=sizes, texts=texts, candidate_ctr=means)

    def keyword_effects(self, users: pd.DataFrame) -> pd.DataFrame:
        """users x keywords: each user's hidden logit effect per keyword (columns: keywords)."""
        return pd.DataFrame(self._effects(users), columns=list(self.keywords), index=users.index)

    def true_effects(self, attribute_values: Mapping[str, object]) -> dict[str, float]:
        """Hidden logit effect of every keyword for a profile such as
        ``{"occupation": "livestock", "rate_discount_eligible": True}``.

        A rule counts when every attribute of its ``when`` is in the profile with that value;
        keywords no rule reaches map to 0.0.
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
                out[rule.keyword] += rule.effect
        return out

    def without_preferences(self) -> World:
        """The same world with every keyword effect set to zero: text never matters."""
        flat = tuple(dataclasses.replace(k, effect=0.0) for k in self.response.keywords)
        return dataclasses.replace(self, response=dataclasses.replace(self.response, keywords=flat))

    def _discrete(self, name: str) -> DiscreteAttribute:
        attribute = next(a for a in self.attributes if a.name == name)
        assert not isinstance(attribute, IntegerAttribute)
        return attribute

    def _effects(self, users: pd.DataFrame) -> Floats:
        discrete = {a.name: a for a in self.attributes if isinstance(a, DiscreteAttribute)}
        return effect_matrix(users, self.response.keywords, discrete, self.keywords)

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
