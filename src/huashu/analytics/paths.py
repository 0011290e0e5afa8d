"""Customer journeys as compact arrays: parsing ``a > b > c`` paths, building them from the
event log, and aggregating identical paths (path counting) with vectorised integer packing."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from huashu.analytics.engine import error, table, to_pandas

TOUCH_KINDS = ("impression", "click")


@dataclass(frozen=True)
class PathSet:
    """Paths over a channel vocabulary, stored CSR-style.

    ``codes[offsets[i]:offsets[i+1]]`` are path i's touches (indices into ``channels``);
    ``conversions``, ``value`` and ``nulls`` are per-path weights (a path that did not
    convert has conversions 0 and nulls >= 1). ``lags`` (days from each touch to the
    conversion, or to the last touch for a null path) is optional.
    """

    channels: tuple[str, ...]
    offsets: np.ndarray
    codes: np.ndarray
    conversions: np.ndarray
    value: np.ndarray
    nulls: np.ndarray
    lags: np.ndarray | None = None

    @property
    def n_paths(self) -> int:
        return len(self.offsets) - 1

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def path_ids(self) -> np.ndarray:
        """The path index of every touch."""
        return np.repeat(np.arange(self.n_paths), self.lengths)

    def positions(self) -> np.ndarray:
        """The position of every touch inside its path (0 = first)."""
        starts = np.repeat(self.offsets[:-1], self.lengths)
        return np.asarray(np.arange(len(self.codes)) - starts, dtype="int64")

    def path(self, i: int) -> list[str]:
        return [self.channels[c] for c in self.codes[self.offsets[i] : self.offsets[i + 1]]]


def _path_error(index: int, what: str, what_zh: str, code: str, **details: object) -> Exception:
    return error(
        f"path {index + 1}: {what}",
        f"第 {index + 1} 条路径：{what_zh}",
        code,
        path=index + 1,
        **details,
    )


def from_strings(
    paths: Sequence[str],
    conversions: Sequence[float],
    nulls: Sequence[float] | None = None,
    value: Sequence[float] | None = None,
    *,
    channels: Sequence[str] | None = None,
    sep: str = ">",
) -> PathSet:
    """Parse ``"a > b > c"`` paths (ChannelAttribution's input format).

    With ``channels`` given, a touch outside it raises ``unknown_channel``; an empty path
    raises ``empty_path``; negative weights raise ``negative_weight``.
    """
    n = len(paths)
    conv = np.asarray(conversions, dtype="float64")
    null = np.zeros(n) if nulls is None else np.asarray(nulls, dtype="float64")
    val = np.zeros(n) if value is None else np.asarray(value, dtype="float64")
    if not (len(conv) == len(null) == len(val) == n):
        raise error(
            "paths and weights differ in length", "路径与权重的数量不一致", "bad_path_weights"
        )
    for name, array in (("conversions", conv), ("nulls", null), ("value", val)):
        bad = np.flatnonzero(~(array >= 0))
        if len(bad):
            raise _path_error(
                int(bad[0]), f"{name} must be >= 0", f"{name} 不能为负数或空", "negative_weight"
            )
    vocabulary: dict[str, int] = {c: i for i, c in enumerate(channels or ())}
    split = [[t.strip() for t in str(p).split(sep)] for p in paths]
    codes: list[int] = []
    lengths = np.empty(n, dtype="int64")
    for index, touches in enumerate(split):
        if not touches or any(t == "" for t in touches):
            raise _path_error(index, "empty path or empty touch", "路径或触点为空", "empty_path")
        for touch in touches:
            code = vocabulary.get(touch)
            if code is None:
                if channels is not None:
                    raise _path_error(
                        index,
                        f"unknown channel '{touch}'",
                        f"未知渠道 '{touch}'",
                        "unknown_channel",
                        channel=touch,
                    )
                code = vocabulary[touch] = len(vocabulary)
            codes.append(code)
        lengths[index] = len(touches)
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype("int64")
    return PathSet(tuple(vocabulary), offsets, np.asarray(codes, "int32"), conv, val, null)


def aggregate(paths: PathSet) -> PathSet:
    """Merge identical paths, summing conversions, value and nulls (lags are dropped).

    Each path is packed into base-(k+1) int64 words (digit = code + 1) with a vectorised
    segmented sum, so 10M paths aggregate with one sort of integer keys.
    """
    n, base = paths.n_paths, len(paths.channels) + 1
    digits = max(1, int(63 // math.log2(base)) if base > 1 else 62)
    while base**digits >= 2**63:
        digits -= 1
    pos = paths.positions()
    powers = np.power(np.int64(base), np.arange(digits, dtype="int64"))
    contrib = (paths.codes.astype("int64") + 1) * powers[digits - 1 - pos % digits]
    if n == 0 or int(paths.lengths.max()) <= digits:
        inverse, _ = pd.factorize(np.add.reduceat(contrib, paths.offsets[:-1]) if n else contrib)
        first = np.zeros(int(inverse.max()) + 1 if n else 0, dtype="int64")
        first[inverse[::-1]] = np.arange(n - 1, -1, -1)
    else:
        word = pos // digits
        keys = np.zeros((n, int(word.max()) + 1), dtype="int64")
        pid = paths.path_ids()
        starts = np.flatnonzero(np.r_[True, (pid[1:] != pid[:-1]) | (word[1:] != word[:-1])])
        keys[pid[starts], word[starts]] = np.add.reduceat(contrib, starts)
        _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    m = len(first)
    sums = [
        np.bincount(inverse, w, minlength=m) for w in (paths.conversions, paths.value, paths.nulls)
    ]
    lengths = paths.lengths[first]
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype("int64")
    take = np.repeat(paths.offsets[first], lengths) + (
        np.arange(offsets[-1]) - np.repeat(offsets[:-1], lengths)
    )
    return PathSet(paths.channels, offsets, paths.codes[take], sums[0], sums[1], sums[2])


def from_events(
    con: Any,
    *,
    key: str = "channel",
    touch_kinds: Sequence[str] = TOUCH_KINDS,
    conversion_kind: str = "conversion",
) -> tuple[PathSet, int]:
    """Journeys from the event log: each user's touches (``touch_kinds`` events, labelled by
    ``key``: channel or creative_id) up to each conversion form one converting path with the
    conversion's value; touches after the last conversion form a null path.

    Returns the paths and the number of conversions with no touch before them (not
    attributable; reported, not dropped silently).
    """
    if key not in ("channel", "creative_id", "segment_key"):
        raise error(
            f"cannot attribute by '{key}'; expected channel, creative_id or segment_key",
            f"不能按 '{key}' 归因，应为 channel、creative_id 或 segment_key",
            "bad_attribution_key",
            key=key,
        )
    events = table(con, "events")
    kinds = [*touch_kinds, conversion_kind]
    rows = events.filter(events.kind.isin(kinds)).select(
        events.user_id,
        sec=events.ts.epoch_seconds().cast("float64"),
        is_conv=(events.kind == conversion_kind),
        token=events[key].fill_null(""),
        value=events.value.fill_null(0.0),
        event_id=events.event_id,
    )
    # the engine sorts (several times faster than pandas on strings); the order is total
    frame = to_pandas(rows.order_by(["user_id", "sec", "is_conv", "event_id"]))
    return _journeys(frame.reset_index(drop=True))


def _runs(sorted_ids: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in a sorted array (a cheap ``np.unique``)."""
    return (
        np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
        if len(sorted_ids)
        else sorted_ids
    )


def _journeys(frame: pd.DataFrame) -> tuple[PathSet, int]:
    """Paths from events sorted by user, time, conversion last, event id (group ids are then
    non-decreasing, so runs replace sorting uniques)."""
    user = frame["user_id"].to_numpy()
    is_conv = frame["is_conv"].to_numpy(dtype=bool)
    new_user = np.r_[True, user[1:] != user[:-1]] if len(user) else np.zeros(0, bool)
    starts = new_user | np.r_[False, is_conv[:-1]] if len(user) else new_user
    group = np.cumsum(starts) - 1
    touches = ~is_conv
    conv_groups = group[is_conv]
    tgroup = group[touches]
    first = _runs(tgroup).astype("int64")
    path_groups = tgroup[first]
    lengths = np.diff(np.r_[first, len(tgroup)]).astype("int64")
    at = np.minimum(np.searchsorted(path_groups, conv_groups), max(len(path_groups) - 1, 0))
    has_touch = (
        path_groups[at] == conv_groups if len(path_groups) else np.zeros(len(conv_groups), bool)
    )
    unattributed = int((~has_touch).sum())
    codes, tokens = pd.factorize(frame["token"].to_numpy()[touches], sort=True)
    n = len(path_groups)
    conversions = np.zeros(n)
    value = np.zeros(n)
    slot = at[has_touch]
    conversions[slot] = 1.0
    value[slot] = frame["value"].to_numpy()[is_conv][has_touch]
    end_sec = np.repeat(frame["sec"].to_numpy()[touches][first + lengths - 1], lengths)
    conv_sec = np.full(n, np.nan)
    conv_sec[slot] = frame["sec"].to_numpy()[is_conv][has_touch]
    end_sec = np.where(
        np.repeat(np.isnan(conv_sec), lengths), end_sec, np.repeat(conv_sec, lengths)
    )
    lags = (end_sec - frame["sec"].to_numpy()[touches]) / 86400.0
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype("int64")
    return (
        PathSet(
            tuple(str(t) for t in tokens),
            offsets,
            codes.astype("int32"),
            conversions,
            value,
            1.0 - conversions,
            lags,
        ),
        unattributed,
    )
