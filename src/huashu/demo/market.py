"""The simulated market of one demo run: who visits each round, what they click, the oracle.

Both the huashu arm and the baseline arm see exactly the same visitors each round (same seed),
so their figures differ only by what each chose to show. In a world whose effects drift or
fatigue (``World.dynamic``), clicks and the oracle follow the round the visitors were last
drawn for (:meth:`Market.visitors`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from huashu.delivery.draws import key_seed
from huashu.sim import PreparedUsers, World


@dataclass(frozen=True)
class Shown:
    """What a batch of visitors was shown and how they responded."""

    rows: np.ndarray
    creative_ids: np.ndarray
    expected: np.ndarray
    clicked: np.ndarray
    converted: np.ndarray
    conversion_delay_days: np.ndarray
    #: per row: the true probability of a conversion (click and convert) for what was shown
    expected_conversion: np.ndarray
    channel: str = ""
    #: per row: the visitor's segment key and that segment's oracle CTR on the channel
    segments: np.ndarray | None = None
    oracle: np.ndarray | None = None


def concat_shown(parts: Sequence[Shown]) -> Shown:
    """Batches of one channel shown one after another, as one."""

    def joined(name: str) -> np.ndarray | None:
        arrays = [getattr(p, name) for p in parts]
        return None if any(a is None for a in arrays) else np.concatenate(arrays)

    return Shown(
        rows=np.concatenate([p.rows for p in parts]),
        creative_ids=np.concatenate([p.creative_ids for p in parts]),
        expected=np.concatenate([p.expected for p in parts]),
        clicked=np.concatenate([p.clicked for p in parts]),
        converted=np.concatenate([p.converted for p in parts]),
        conversion_delay_days=np.concatenate([p.conversion_delay_days for p in parts]),
        expected_conversion=np.concatenate([p.expected_conversion for p in parts]),
        channel=parts[0].channel if parts else "",
        segments=joined("segments"),
        oracle=joined("oracle"),
    )


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
        #: the round being delivered: the last one visitors were drawn for
        self.round = 1
        self._prepared: dict[int, PreparedUsers] = {1: world.prepare(users)}
        self._candidates: dict[str, Mapping[str, Sequence[str]]] = {}
        self._samples: dict[str, list[np.ndarray]] = {}
        self._tables: dict[tuple[str, int], dict[str, tuple[list[str], np.ndarray]]] = {}

    @property
    def _truth_round(self) -> int:
        """The round whose truth applies now: always 1 in a static world."""
        return self.round if self.world.dynamic else 1

    def visitors(self, round_: int, channel: str, n: int) -> np.ndarray:
        """Row indices of ``n`` distinct visitors (users in a segment) for one round and channel;
        the market now answers for ``round_``."""
        self.round = round_
        rng = np.random.default_rng([self.seed, round_, key_seed(channel)])
        n = min(n, len(self._eligible))
        return np.sort(rng.choice(self._eligible, size=n, replace=False))

    def fit_oracle(self, channel: str, candidates: Mapping[str, Sequence[str]]) -> dict[str, float]:
        """Best achievable expected CTR per segment on ``channel`` over every text composable
        for that segment (``candidates``: segment key -> texts)."""
        rng = np.random.default_rng([self.seed, 99, key_seed(channel)])
        samples = []
        for key in np.unique(self.segment_of_user[self._eligible]):
            members = np.flatnonzero(self.segment_of_user == key)
            take = min(self.oracle_sample, len(members))
            samples.append(rng.choice(members, size=take, replace=False))
        self._candidates[channel] = candidates
        self._samples[channel] = samples
        return self._best(channel)

    def oracle_table(self, channel: str) -> dict[str, tuple[list[str], np.ndarray]]:
        """Per segment: its candidate texts on ``channel`` and the mean true click probability
        of each over the segment's oracle sample, in the current round (computed once per
        round, on the same users, in a dynamic world)."""
        truth = self._truth_round
        table = self._tables.get((channel, truth))
        if table is None:
            table = {}
            for sample in self._samples[channel]:
                key = str(self.segment_of_user[sample[0]])
                texts = list(self._candidates[channel][key])
                result = self.world.oracle_ctr(
                    self.users.iloc[sample],
                    texts,
                    channel,
                    self.segment_of_user[sample],
                    round_=truth,
                )
                table[key] = (texts, result.candidate_ctr[0])
            self._tables[(channel, truth)] = table
        return table

    def _best(self, channel: str) -> dict[str, float]:
        """Per segment, the oracle CTR on ``channel`` in the current round."""
        return {key: float(ctr.max()) for key, (_, ctr) in self.oracle_table(channel).items()}

    def oracle_ctr(self, channel: str, rows: np.ndarray) -> float:
        best = self._best(channel)
        return float(np.mean([best[k] for k in self.segment_of_user[rows]]))

    def _prepared_now(self) -> PreparedUsers:
        truth = self._truth_round
        if truth not in self._prepared:
            self._prepared[truth] = self.world.prepare(self.users, truth)
        return self._prepared[truth]

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
            self._prepared_now(), rows, text_index, unique_texts, channel, rng
        )
        segments = self.segment_of_user[rows]
        oracle = None
        if channel in self._samples:
            best = self._best(channel)
            oracle = np.array([best[k] for k in segments], dtype="float64")
        return Shown(
            rows=rows,
            creative_ids=creative_ids,
            expected=response.click_prob,
            clicked=response.clicked,
            converted=response.converted,
            conversion_delay_days=response.conversion_delay_days,
            expected_conversion=response.conversion_prob,
            channel=channel,
            segments=segments,
            oracle=oracle,
        )
