"""The simulated market of one demo run: who visits each round, what they click, the oracle.

Both the huashu arm and the baseline arm see exactly the same visitors each round (same seed),
so their figures differ only by what each chose to show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from huashu.sim import World


@dataclass(frozen=True)
class Shown:
    """What a batch of visitors was shown and how they responded."""

    rows: np.ndarray
    creative_ids: np.ndarray
    expected: np.ndarray
    clicked: np.ndarray
    converted: np.ndarray
    conversion_delay_days: np.ndarray


class Market:
    def __init__(
        self,
        world: World,
        users: pd.DataFrame,
        segment_of_user: np.ndarray,
        seed: int,
        oracle_sample: int = 2000,
    ) -> None:
        self.world = world
        self.users = users
        self.segment_of_user = segment_of_user
        self.seed = seed
        self.oracle_sample = oracle_sample
        self._eligible = np.flatnonzero(segment_of_user != "")
        self._prepared = world.prepare(users)
        self._oracle: dict[str, dict[str, float]] = {}

    def visitors(self, round_: int, channel: str, n: int) -> np.ndarray:
        """Row indices of ``n`` distinct visitors (users in a segment) for one round and channel."""
        rng = np.random.default_rng([self.seed, round_, _channel_code(channel)])
        n = min(n, len(self._eligible))
        return np.sort(rng.choice(self._eligible, size=n, replace=False))

    def fit_oracle(self, channel: str, candidates: Mapping[str, Sequence[str]]) -> dict[str, float]:
        """Best achievable expected CTR per segment on ``channel`` over every text composable
        for that segment (``candidates``: segment key -> texts)."""
        rng = np.random.default_rng([self.seed, 99, _channel_code(channel)])
        best: dict[str, float] = {}
        for key in np.unique(self.segment_of_user[self._eligible]):
            members = np.flatnonzero(self.segment_of_user == key)
            take = min(self.oracle_sample, len(members))
            sample = rng.choice(members, size=take, replace=False)
            result = self.world.oracle_ctr(
                self.users.iloc[sample],
                list(candidates[str(key)]),
                channel,
                self.segment_of_user[sample],
            )
            best.update({str(k): float(v) for k, v in result.per_group.items()})
        self._oracle[channel] = best
        return best

    def oracle_ctr(self, channel: str, rows: np.ndarray) -> float:
        best = self._oracle[channel]
        return float(np.mean([best[k] for k in self.segment_of_user[rows]]))

    def show(
        self,
        rows: np.ndarray,
        creative_ids: np.ndarray,
        texts: dict[str, str],
        channel: str,
        rng: np.random.Generator,
    ) -> Shown:
        """Users at ``rows`` see ``creative_ids`` (one each); draw their true responses."""
        unique_ids, text_index = np.unique(creative_ids, return_inverse=True)
        unique_texts = [texts[str(c)] for c in unique_ids]
        response = self.world.respond_rows(
            self._prepared, rows, text_index, unique_texts, channel, rng
        )
        return Shown(
            rows=rows,
            creative_ids=creative_ids,
            expected=response.click_prob,
            clicked=response.clicked,
            converted=response.converted,
            conversion_delay_days=response.conversion_delay_days,
        )


def _channel_code(channel: str) -> int:
    return sum(ord(c) for c in channel)
