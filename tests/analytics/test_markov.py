"""Exact Markov removal effects agree with brute-force enumeration of path probabilities."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from huashu.analytics import aggregate, from_strings
from huashu.analytics.markov import attribute, fit
from huashu.analytics.paths import PathSet

CONV, NULL = "(conversion)", "(null)"


def _random_paths(seed: int, channels: int, n: int, max_len: int) -> PathSet:
    rng = np.random.default_rng(seed)
    names = [f"c{i}" for i in range(channels)]
    paths = [" > ".join(rng.choice(names, rng.integers(1, max_len + 1))) for _ in range(n)]
    conv = rng.integers(0, 3, n)
    return from_strings(
        paths, conv, rng.integers(0, 3, n) + (conv == 0), rng.gamma(2, 10, n) * conv
    )


def _transitions(paths: PathSet, order: int) -> dict[tuple[str, ...], dict[object, float]]:
    """Transition counts between order-k histories, counted touch by touch in plain Python."""
    counts: dict[tuple[str, ...], dict[object, float]] = defaultdict(lambda: defaultdict(float))
    for i in range(paths.n_paths):
        touches = paths.path(i)
        weight = paths.conversions[i] + paths.nulls[i]
        state: tuple[str, ...] = ()
        for touch in touches:
            nxt = (*state, touch)[-order:]
            counts[state][nxt] += weight
            state = nxt
        counts[state][CONV] += paths.conversions[i]
        counts[state][NULL] += paths.nulls[i]
    return counts


def _brute_force(
    paths: PathSet, order: int, removed: str | None, floor: float
) -> tuple[float, float]:
    """P(conversion) as the sum over every walk from start (depth-first) of its probability,
    walks touching ``removed`` contributing nothing. Walks whose probability falls below
    ``floor`` are cut; their total probability (an upper bound on the error) is returned too."""
    counts = _transitions(paths, order)
    probs = {s: {t: w / sum(out.values()) for t, w in out.items()} for s, out in counts.items()}
    total = cut = 0.0
    stack: list[tuple[tuple[str, ...], float]] = [((), 1.0)]
    while stack:
        state, p = stack.pop()
        for nxt, q in probs[state].items():
            if nxt == CONV:
                total += p * q
            elif nxt == NULL or (removed is not None and removed in nxt):  # type: ignore[operator]
                continue
            elif p * q > floor:
                stack.append((nxt, p * q))  # type: ignore[arg-type]
            else:
                cut += p * q
    return total, cut


@pytest.mark.parametrize(
    ("seed", "order", "max_len"), [(1, 1, 2), (2, 1, 2), (3, 2, 3), (4, 3, 3), (5, 3, 4)]
)
def test_removal_effects_match_brute_force_enumeration(seed: int, order: int, max_len: int) -> None:
    paths = aggregate(_random_paths(seed, channels=3, n=40, max_len=max_len))
    result = attribute(paths, order)
    p, cut = _brute_force(paths, order, None, 1e-8)
    assert cut < 1e-4
    assert p - 1e-9 <= result.conversion_probability <= p + cut + 1e-9
    for c, name in enumerate(paths.channels):
        pc, cut_c = _brute_force(paths, order, name, 1e-8)
        exact_pc = (1 - result.removal_effects[c]) * result.conversion_probability
        assert pc - 1e-9 <= exact_pc <= pc + cut_c + 1e-9
        assert result.removal_effects[c] == pytest.approx(1 - pc / p, abs=5e-4)


def test_chain_without_loops_reproduces_the_observed_conversion_rate() -> None:
    paths = from_strings(["a > b", "b", "a", "b > a"], [3, 1, 0, 2], [1, 3, 4, 2])
    result = attribute(paths, order=2)
    assert result.conversion_probability == pytest.approx(6 / 16)
    assert result.conversions.sum() == pytest.approx(6)


def test_two_channel_example_by_hand() -> None:
    # start -> a (1/2) or b (1/2); a -> b (1/2) or conv (1/2); b -> conv (1/2) or null (1/2)
    paths = from_strings(["a > b", "a", "b"], [1, 2, 1], [1, 0, 1])
    result = attribute(paths, order=1)
    # P(conv): via a: 1/2 * (1/2 + 1/2 * 2/3) ; b's out: conv 2/4? computed from counts below
    chain = fit(paths, 1)
    a, b = paths.channels.index("a"), paths.channels.index("b")
    t = chain.transitions
    p_b = t[b + 1, -2]
    p_a = t[a + 1, -2] + t[a + 1, b + 1] * p_b
    p = t[0, a + 1] * p_a + t[0, b + 1] * p_b
    assert result.conversion_probability == pytest.approx(p)
    without_a = t[0, b + 1] * p_b
    without_b = t[0, a + 1] * t[a + 1, -2]
    assert result.removal_effects[a] == pytest.approx(1 - without_a / p)
    assert result.removal_effects[b] == pytest.approx(1 - without_b / p)
    assert t[0, a + 1] == pytest.approx(4 / 6)
    assert p_b == pytest.approx(2 / 4)


def test_value_removal_effects_weight_by_conversion_value() -> None:
    same = from_strings(["a", "b"], [1, 1], [1, 1], [10, 10])
    skewed = from_strings(["a", "b"], [1, 1], [1, 1], [90, 10])
    assert attribute(same).value.tolist() == pytest.approx([10, 10])
    assert attribute(skewed).value.tolist() == pytest.approx([90, 10])
    assert attribute(skewed).conversions.tolist() == pytest.approx([1, 1])


@pytest.mark.parametrize(
    ("order", "code", "message"),
    [
        (0, "bad_order", "Markov order must be 1 to 4, got 0"),
        (5, "bad_order", "Markov order must be 1 to 4, got 5"),
    ],
)
def test_bad_order(order: int, code: str, message: str) -> None:
    from huashu.domain import InputError

    with pytest.raises(InputError) as info:
        fit(from_strings(["a"], [1]), order)
    assert (info.value.code, str(info.value)) == (code, message)
