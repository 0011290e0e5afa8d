"""The room a creative gets around its knowledge-base draw (``kb_priors``' strengths): the same
in log-odds whatever the click rate, and a prediction that is still a guess leaves the creative
in burn-in."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

from huashu.learn import KnowledgeBase, distill
from huashu.learn.priors import (
    KB_EFFECT_SCALE,
    KB_TAU_PARENT,
    KB_TAU_SEGMENT,
    KNOWN_STRENGTH,
    MIN_PRIOR_STRENGTH,
    RESIDUAL_SD,
    kb_priors,
)

SEGMENTS = ("s1", "s2")
HOOKS = ("h0", "h1", "h2", "h3")
BENEFITS = ("b0", "b1", "b2", "b3")
EFFECTS = {"h0": 0.2, "h1": -0.1, "h2": 0.0, "h3": 0.1, "b0": -0.2, "b1": 0.15, "b2": 0.0}


def _market(rate: float, impressions: int, seed: int) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Every hook x benefit composition in both segments at base click rate ``rate``, each
    shown ``impressions`` times."""
    rng = np.random.default_rng(seed)
    base = math.log(rate / (1.0 - rate))
    rows, features = [], {}
    for seg, (hook, benefit) in itertools.product(SEGMENTS, itertools.product(HOOKS, BENEFITS)):
        cid = f"{seg}-{hook}-{benefit}"
        features[cid] = [f"phrase:{hook}", f"phrase:{benefit}", "channel:sms"]
        eta = base + EFFECTS.get(hook, 0.0) + EFFECTS.get(benefit, 0.0)
        clicks = int(rng.binomial(impressions, 1.0 / (1.0 + math.exp(-eta))))
        rows.append(
            {"segment_key": seg, "creative_id": cid, "impressions": impressions, "clicks": clicks}
        )
    return pd.DataFrame(rows), features


def _kb(outcomes: pd.DataFrame, features: dict[str, list[str]]) -> KnowledgeBase:
    groups = {f"phrase:{p}": f"slot:{p[0]}" for p in (*HOOKS, *BENEFITS)}
    return distill(
        outcomes,
        features,
        parents={s: ["occupation=P"] for s in SEGMENTS},
        groups=groups | {"channel:sms": "channel"},
        tau_parent=KB_TAU_PARENT,
        tau_segment=KB_TAU_SEGMENT,
        effect_scale=KB_EFFECT_SCALE,
    )


def _rooms(rate: float, impressions: int, shown: int) -> list[tuple[float, float]]:
    """Per creative of segment s1: (prior mean, pseudo-counts of room before its own
    impressions are taken off), from a knowledge base fitted on ``impressions`` per creative;
    the bandit is told each creative was shown ``shown`` times."""
    outcomes, features = _market(rate, impressions, seed=3)
    kb = _kb(outcomes, features)
    live = {("s1", "sms"): [c for c in features if c.startswith("s1-")]}
    seen = {cid: float(shown) for cid in live[("s1", "sms")]}
    got = kb_priors(kb, live, features, seen)
    assert set(got.means) == set(live[("s1", "sms")])
    return [(got.means[c], got.strengths[c] + shown) for c in live[("s1", "sms")]]


def _sd(mean: float, strength: float) -> float:
    """The log-odds sd of a Beta(mean s, (1 - mean) s), by the delta method."""
    return 1.0 / math.sqrt(mean * (1.0 - mean) * strength)


@pytest.mark.parametrize("rate", [0.005, 0.05])
def test_room_is_the_same_in_log_odds_at_any_click_rate(rate: float) -> None:
    # a well-measured market: every prediction carries far more than KNOWN_STRENGTH
    for mean, room in _rooms(rate, impressions=200_000, shown=1_000):
        assert _sd(mean, room) == pytest.approx(RESIDUAL_SD, rel=1e-6)


def test_room_at_sms_click_rates_is_narrower_than_the_effects() -> None:
    # the old fixed 1,000 pseudo-counts gave 0.45 log-odds at 0.5%: more than any effect here
    for mean, room in _rooms(0.005, impressions=200_000, shown=1_000):
        assert _sd(mean, room) < max(abs(e) for e in EFFECTS.values())


def test_a_guess_leaves_the_creative_in_burn_in() -> None:
    # a handful of impressions: the prediction is a guess, its room its own information
    for _, room in _rooms(0.02, impressions=2, shown=0):
        assert MIN_PRIOR_STRENGTH <= room < KNOWN_STRENGTH


def test_own_impressions_are_taken_off_the_room() -> None:
    full = _rooms(0.05, impressions=200_000, shown=0)
    less = _rooms(0.05, impressions=200_000, shown=1_000)
    for (_, a), (_, b) in zip(full, less, strict=True):
        assert a == pytest.approx(b)  # strengths + shown: the same room either way
