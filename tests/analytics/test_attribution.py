"""Path counting, heuristic models and exact Shapley values, with hand-computed figures and
brute-force checks; bad path input is rejected with exact messages."""

from __future__ import annotations

import itertools
from collections import Counter
from math import factorial

import numpy as np
import pytest

from huashu.analytics import aggregate, attribute, from_strings
from huashu.analytics.heuristics import heuristic
from huashu.analytics.shapley import attribute as shapley
from huashu.domain import InputError

PATHS = ["a > b > c", "a > c", "b", "c > a > a", "a > b > c"]
CONV = [1, 1, 0, 1, 0]
NULL = [0, 0, 1, 0, 1]
VALUE = [10, 5, 0, 7, 0]


def test_aggregate_counts_identical_paths_including_long_ones() -> None:
    rng = np.random.default_rng(7)
    names = [f"ch{i}" for i in range(12)]
    raw = [" > ".join(rng.choice(names, rng.integers(1, 40))) for _ in range(3000)]
    raw += raw[:500] + ["ch1 > ch2"] * 30
    conv = rng.integers(0, 2, len(raw))
    paths = from_strings(raw, conv, 1 - conv, conv * 3.0)
    unique = aggregate(paths)
    expected: Counter[str] = Counter()
    conversions: Counter[str] = Counter()
    for path, c in zip(raw, conv, strict=True):
        expected[path] += 1
        conversions[path] += int(c)
    assert unique.n_paths == len(expected)
    got = {" > ".join(unique.path(i)): i for i in range(unique.n_paths)}
    assert set(got) == set(expected)
    for path, i in got.items():
        assert unique.conversions[i] + unique.nulls[i] == expected[path]
        assert unique.conversions[i] == conversions[path]
        assert unique.value[i] == 3.0 * conversions[path]


def test_heuristics_by_hand() -> None:
    paths = from_strings(PATHS, CONV, NULL, VALUE)
    channels = list(paths.channels)
    got = {
        m: dict(zip(channels, heuristic(paths, m), strict=True))
        for m in ("first_touch", "last_touch", "linear", "position_based")
    }
    assert got["first_touch"] == {"a": 2, "b": 0, "c": 1}
    assert got["last_touch"] == {"a": 1, "b": 0, "c": 2}
    assert got["linear"] == pytest.approx(
        {"a": 1 / 3 + 1 / 2 + 2 / 3, "b": 1 / 3, "c": 1 / 3 + 1 / 2 + 1 / 3}
    )
    assert got["position_based"] == pytest.approx(
        {"a": 0.4 + 0.5 + 0.6, "b": 0.2, "c": 0.4 + 0.5 + 0.4}
    )
    value = dict(zip(channels, heuristic(paths, "first_touch", weight="value"), strict=True))
    assert value == {"a": 15, "b": 0, "c": 7}


def test_time_decay_halves_per_half_life() -> None:
    paths = from_strings(["a > b"], [1])
    shares = heuristic(paths, "time_decay", half_life=1.0)
    assert shares.tolist() == pytest.approx([1 / 3, 2 / 3])
    timed = type(paths)(
        paths.channels,
        paths.offsets,
        paths.codes,
        paths.conversions,
        paths.value,
        paths.nulls,
        np.array([14.0, 0.0]),
    )
    assert heuristic(timed, "time_decay", half_life=7.0).tolist() == pytest.approx([0.2, 0.8])


def _shapley_by_permutations(paths_: list[str], conv: list[int]) -> dict[str, float]:
    sets = [frozenset(p.split(" > ")) for p in paths_]
    players = sorted(set().union(*sets))

    def worth(coalition: set[str]) -> float:
        return float(sum(c for s, c in zip(sets, conv, strict=True) if s <= coalition))

    credit = dict.fromkeys(players, 0.0)
    for order in itertools.permutations(players):
        seen: set[str] = set()
        for player in order:
            before = worth(seen)
            seen.add(player)
            credit[player] += worth(seen) - before
    return {p: v / factorial(len(players)) for p, v in credit.items()}


def test_shapley_matches_permutation_brute_force() -> None:
    rng = np.random.default_rng(11)
    names = ["sms", "card", "dsp", "xhs", "call"]
    raw = [" > ".join(rng.choice(names, rng.integers(1, 5))) for _ in range(200)]
    conv = [int(c) for c in rng.integers(0, 4, len(raw))]
    paths = from_strings(raw, conv, [1] * len(raw))
    got = dict(zip(paths.channels, shapley(paths), strict=True))
    assert got == pytest.approx(_shapley_by_permutations(raw, conv))
    assert sum(got.values()) == pytest.approx(sum(conv))
    rate = shapley(paths, worth="rate")
    assert rate.sum() == pytest.approx(sum(conv))


def test_attribute_table_conserves_totals() -> None:
    result = attribute(from_strings(PATHS, CONV, NULL, VALUE), orders=(1, 2, 3))
    assert list(result.conversions.columns) == [
        "first_touch",
        "last_touch",
        "linear",
        "time_decay",
        "position_based",
        "markov_1",
        "markov_2",
        "markov_3",
        "shapley",
    ]
    assert result.conversions.sum().tolist() == pytest.approx([3.0] * 9)
    assert result.value.sum().tolist() == pytest.approx([22.0] * 9)
    assert (result.unique_paths, result.paths) == (4, 5)
    assert result.conversion_probability[3] == pytest.approx(3 / 5)


BAD_PATHS = [
    ((["a > ", "b"], [1, 1], None, ["a", "b"]), "empty_path", "path 1: empty path or empty touch"),
    ((["a", ""], [1, 1], None, None), "empty_path", "path 2: empty path or empty touch"),
    ((["a", "b > z"], [1, 1], None, ["a", "b"]), "unknown_channel", "path 2: unknown channel 'z'"),
    ((["a", "b"], [1, -1], None, None), "negative_weight", "path 2: conversions must be >= 0"),
    (
        (["a", "b"], [1, 1], [0, float("nan")], None),
        "negative_weight",
        "path 2: nulls must be >= 0",
    ),
    ((["a", "b"], [1], None, None), "bad_path_weights", "paths and weights differ in length"),
]


@pytest.mark.parametrize(("args", "code", "message"), BAD_PATHS)
def test_bad_paths(
    args: tuple[list[str], list[float], list[float] | None, list[str] | None],
    code: str,
    message: str,
) -> None:
    paths, conv, nulls, channels = args
    with pytest.raises(InputError) as info:
        from_strings(paths, conv, nulls, channels=channels)
    assert (info.value.code, str(info.value)) == (code, message)


def test_too_many_channels_for_exact_shapley() -> None:
    paths = from_strings([f"c{i}" for i in range(21)], [1] * 21)
    with pytest.raises(InputError) as info:
        shapley(paths)
    assert str(info.value) == "exact Shapley values need at most 20 channels, got 21"
