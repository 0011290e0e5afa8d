"""The oracle: the best expected CTR a segment-level policy could reach under the true model."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from huashu.domain import InputError
from huashu.sim.features import sigmoid

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

_CHUNK_CELLS = 4_000_000


@dataclass(frozen=True, eq=False)
class OracleResult:
    """Per group: the mean true click probability of every candidate text, and the best one.

    ``groups`` are the distinct group keys, sorted; every array is aligned with them.
    ``candidate_ctr[g, j]`` is the mean click probability of ``texts[j]`` over group ``g``.
    """

    groups: tuple[Hashable, ...]
    group_size: Ints
    texts: tuple[str, ...]
    candidate_ctr: Floats

    @property
    def best_index(self) -> Ints:
        """Index into ``texts`` of each group's best candidate (first one on ties)."""
        return np.asarray(self.candidate_ctr.argmax(axis=1), dtype=np.int64)

    @property
    def best_text(self) -> tuple[str, ...]:
        return tuple(self.texts[j] for j in self.best_index)

    @property
    def group_ctr(self) -> Floats:
        """Each group's expected CTR under its best candidate."""
        return np.asarray(self.candidate_ctr.max(axis=1), dtype=np.float64)

    @property
    def per_group(self) -> dict[Hashable, float]:
        """Group key -> that group's expected CTR under its best candidate."""
        return dict(zip(self.groups, self.group_ctr.tolist(), strict=True))

    @property
    def ctr(self) -> float:
        """Traffic-weighted oracle CTR: every group shown its own best candidate."""
        return self.expected_ctr(self.best_index)

    @property
    def single_best_index(self) -> int:
        """The one candidate that does best when shown to everybody (no segmentation)."""
        return int((self.group_size @ self.candidate_ctr).argmax())

    @property
    def single_best_ctr(self) -> float:
        return float(self.group_size @ self.candidate_ctr[:, self.single_best_index]) / float(
            self.group_size.sum()
        )

    def expected_ctr(self, choice: Sequence[int] | Ints) -> float:
        """Traffic-weighted expected CTR of showing group ``g`` the text ``choice[g]``."""
        picks = np.asarray(choice, dtype=np.int64)
        if picks.shape != (len(self.groups),):
            raise InputError(
                f"choice needs one text index per group ({len(self.groups)}), got {picks.shape}",
                message_zh=f"每个分组需要一个文案序号（共 {len(self.groups)} 组）",
                code="invalid_choice",
            )
        rows = self.candidate_ctr[np.arange(len(self.groups)), picks]
        return float(self.group_size @ rows) / float(self.group_size.sum())

    def best_for(self, group: Hashable) -> str:
        """The best candidate text for one group key."""
        try:
            g = self.groups.index(group)
        except ValueError:
            raise InputError(
                f"unknown group {group!r}",
                message_zh=f"未知分组 {group!r}",
                code="invalid_group",
            ) from None
        return self.texts[int(self.best_index[g])]

    def to_frame(self) -> pd.DataFrame:
        """One row per group: group, n_users, best_index, best_text, ctr."""
        return pd.DataFrame(
            {
                "group": list(self.groups),
                "n_users": self.group_size,
                "best_index": self.best_index,
                "best_text": list(self.best_text),
                "ctr": self.group_ctr,
            }
        )


def group_mean_probs(
    base: Floats, effects: Floats, indicator: Floats, groups: npt.ArrayLike
) -> tuple[tuple[Hashable, ...], Ints, Floats]:
    """Mean click probability per (group, text), chunked over texts to bound memory.

    ``base`` (n,) is each user's logit before keywords, ``effects`` (n x k) the users x keyword
    effects, ``indicator`` (m x k) the texts x keyword indicator.
    """
    keys = np.asarray(groups)
    if keys.shape != base.shape:
        raise InputError(
            f"groups needs one key per user ({base.shape[0]}), got shape {keys.shape}",
            message_zh=f"groups 需要为每个用户给出一个分组（共 {base.shape[0]} 个）",
            code="invalid_groups",
        )
    distinct, inverse = np.unique(keys, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    sizes = np.bincount(inverse, minlength=len(distinct)).astype(np.int64)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    base_sorted, effects_sorted = base[order], effects[order]
    n, m = base.shape[0], indicator.shape[0]
    sums = np.empty((len(distinct), m), dtype=np.float64)
    step = max(1, _CHUNK_CELLS // max(n, 1))
    for lo in range(0, m, step):
        probs = sigmoid(base_sorted[:, None] + effects_sorted @ indicator[lo : lo + step].T)
        sums[:, lo : lo + step] = np.add.reduceat(probs, starts, axis=0)
    return tuple(distinct.tolist()), sizes, sums / sizes[:, None]
