"""UCB1 over all creatives of a slot, ignoring segments: the baseline of the seed story.

Deterministic (every choice has propensity 1.0) and batched: each batch goes to the current
upper-confidence argmax, after one impression for every arm that has never been played.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from huashu.delivery.params import require_int, require_number
from huashu.domain import InputError


@dataclass
class UCB1:
    """UCB1 (Auer et al. 2002): score = mean CTR + ``alpha * sqrt(2 ln N / n)``.

    ``alpha = 1`` is the textbook bonus; with CTRs of a few percent it makes a new arm win
    for thousands of impressions. A bonus scaled to the CTR (``alpha`` around 0.01) is what
    locks traffic onto incumbents: see tests/delivery/test_ucb.py for both figures.
    Ties go to the arm added first.
    """

    creative_ids: Sequence[str] = ()
    alpha: float = 1.0

    name: ClassVar[str] = "ucb1"
    _ids: list[str] = field(init=False, repr=False)
    _pos: dict[str, int] = field(init=False, repr=False)
    _pulls: NDArray[np.float64] = field(init=False, repr=False)
    _clicks: NDArray[np.float64] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        require_number("alpha", self.alpha, 0.0, float("inf"), low_open=False, high_open=True)
        self._ids = []
        self._pos = {}
        self._pulls = np.zeros(0)
        self._clicks = np.zeros(0)
        self.add_arms(self.creative_ids)

    @property
    def arms(self) -> tuple[str, ...]:
        return tuple(self._ids)

    def stats(self) -> pd.DataFrame:
        """creative_id, impressions, clicks per arm, in the order arms were added."""
        return pd.DataFrame(
            {
                "creative_id": pd.Series(self._ids, dtype=object),
                "impressions": self._pulls.astype(np.int64),
                "clicks": self._clicks.astype(np.int64),
            }
        )

    def add_arms(self, creative_ids: Iterable[str]) -> None:
        """Add creatives with zero pulls; ids already present are left as they are."""
        new = [c for c in dict.fromkeys(str(c) for c in creative_ids) if c not in self._pos]
        for creative_id in new:
            self._pos[creative_id] = len(self._ids)
            self._ids.append(creative_id)
        self._pulls = np.concatenate([self._pulls, np.zeros(len(new))])
        self._clicks = np.concatenate([self._clicks, np.zeros(len(new))])

    def scores(self) -> NDArray[np.float64]:
        """Upper confidence bound per arm (in arm order); ``inf`` for an arm never played."""
        played = self._pulls > 0
        total = float(self._pulls.sum())
        pulls = np.where(played, self._pulls, 1.0)
        bonus = self.alpha * np.sqrt(2.0 * np.log(max(total, 1.0)) / pulls)
        out: NDArray[np.float64] = np.where(played, self._clicks / pulls + bonus, np.inf)
        return out

    def select(self) -> str:
        """The creative for the next impression (or whole batch): the first arm never played,
        else the UCB argmax."""
        ids, _ = self.select_batch(1)
        return str(ids[0])

    def select_batch(self, n_batch: int) -> tuple[NDArray[np.object_], NDArray[np.float64]]:
        """Choose ``n_batch`` creatives: one for each unplayed arm, the rest the UCB argmax.

        When no arm has been played yet the rest cycles through the arms in order. Returns
        ``(creative_ids, propensities)``; propensities are all 1.0.
        """
        require_int("n_batch", n_batch, 1)
        if not self._ids:
            raise InputError(
                "UCB1 has no arms to choose from",
                message_zh="UCB1 没有可选的素材",
                code="no_arms",
            )
        unplayed = np.flatnonzero(self._pulls == 0)[:n_batch]
        rest = n_batch - unplayed.size
        if rest == 0:
            chosen = unplayed
        elif (self._pulls > 0).any():
            best = int(np.argmax(np.where(self._pulls > 0, self.scores(), -np.inf)))
            chosen = np.concatenate([unplayed, np.full(rest, best)])
        else:
            chosen = np.concatenate([unplayed, np.arange(rest) % len(self._ids)])
        ids: NDArray[np.object_] = np.asarray(self._ids, dtype=object)[chosen]
        return ids, np.ones(n_batch)

    def update(
        self,
        creative_ids: ArrayLike,
        clicks: ArrayLike,
        impressions: ArrayLike | None = None,
    ) -> None:
        """Record outcomes: one impression per row, or ``impressions`` per row when given.

        Scalars are one row (``update("c1", clicks=3, impressions=50)``). Creatives not yet
        known are added first.
        """
        ids = np.atleast_1d(np.asarray(creative_ids, dtype=object)).astype(str)
        clicked = np.atleast_1d(np.asarray(clicks, dtype=np.float64))
        shown = (
            np.ones(ids.size)
            if impressions is None
            else np.atleast_1d(np.asarray(impressions, dtype=np.float64))
        )
        if clicked.shape != ids.shape or shown.shape != ids.shape:
            raise InputError(
                "creative_ids, clicks and impressions must have the same length",
                message_zh="creative_ids、clicks 与 impressions 的长度必须一致",
                code="bad_update",
                details={"creative_ids": ids.size, "clicks": clicked.size},
            )
        if (clicked < 0).any() or (clicked > shown).any():
            raise InputError(
                "clicks must be between 0 and impressions",
                message_zh="点击数必须在 0 与曝光数之间",
                code="bad_update",
            )
        distinct, inverse = np.unique(ids, return_inverse=True)
        self.add_arms(distinct)
        index = np.array([self._pos[c] for c in distinct], dtype=np.int64)[inverse]
        size = len(self._ids)
        self._pulls += np.bincount(index, weights=shown, minlength=size)
        self._clicks += np.bincount(index, weights=clicked, minlength=size)
