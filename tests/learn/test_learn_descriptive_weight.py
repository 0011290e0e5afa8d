"""Empirical Bayes for the weight of words and structure in the predictive model:
``distill(descriptive_weight=grid)`` keeps the smallest weight (their prior sd as a share of the
phrases') whose evidence is near the best. Where the phrases say all there is, words that
several phrases share get no weight (they would only add noise to every prediction); where a
word moves clicks in whichever phrase carries it, it is read."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from huashu.domain import InputError
from huashu.learn import KnowledgeBase, distill
from huashu.learn.priors import (
    KB_DESCRIPTIVE_WEIGHT,
    KB_EFFECT_SCALE,
    KB_TAU_PARENT,
    KB_TAU_SEGMENT,
)

SEGMENTS = ("s1", "s2", "s3", "s4")
#: the words of each phrase: one of its own, and words several phrases share
WORDS = {
    "h0": ("早春", "补贴"),
    "h1": ("备耕", "补贴", "额度"),
    "h2": ("农时",),
    "h3": ("丰收", "额度"),
    "h4": ("开镰", "放款"),
    "h5": ("惠农",),
    "b0": ("利率", "补贴"),
    "b1": ("随借随还", "放款"),
    "b2": ("手机",),
    "b3": ("免抵押", "额度"),
    "b4": ("当天", "放款", "补贴"),
    "b5": ("网点",),
}
HOOKS = [p for p in WORDS if p.startswith("h")]
BENEFITS = [p for p in WORDS if p.startswith("b")]


def _features(hook: str, benefit: str) -> list[str]:
    words = dict.fromkeys(w for p in (hook, benefit) for w in WORDS[p])
    return [f"phrase:{hook}", f"phrase:{benefit}", "channel:sms", *(f"word:{w}" for w in words)]


def _market(
    phrase_sd: float, word_effects: dict[str, float], impressions: int, seed: int
) -> tuple[pd.DataFrame, dict[str, list[str]], dict[str, float]]:
    """Every hook x benefit composition in every segment at a 2% base CTR; a composition's
    true log-odds adds its phrases' effects (N(0, phrase_sd^2)) and ``word_effects`` of the
    words it carries (once each). Returns outcomes, features and the true log-odds."""
    rng = np.random.default_rng(seed)
    phrase = dict(zip(WORDS, rng.normal(0.0, phrase_sd, len(WORDS)), strict=True))
    base = float(np.log(0.02 / 0.98))
    rows, features, truth = [], {}, {}
    for hook, benefit in itertools.product(HOOKS, BENEFITS):
        feats = _features(hook, benefit)
        words = [f.removeprefix("word:") for f in feats if f.startswith("word:")]
        eta = base + phrase[hook] + phrase[benefit] + sum(word_effects.get(w, 0.0) for w in words)
        truth[f"{hook}+{benefit}"] = eta
        for seg in SEGMENTS:
            cid = f"{seg}-{hook}-{benefit}"
            features[cid] = feats
            p = 1.0 / (1.0 + np.exp(-eta))
            rows.append(
                {
                    "segment_key": seg,
                    "creative_id": cid,
                    "impressions": impressions,
                    "clicks": int(rng.binomial(impressions, p)),
                }
            )
    return pd.DataFrame(rows), features, truth


def _kb(
    outcomes: pd.DataFrame, features: dict[str, list[str]], weight: float | tuple[float, ...]
) -> KnowledgeBase:
    groups = {f"phrase:{p}": f"slot:{p[0]}" for p in WORDS} | {"channel:sms": "channel"}
    return distill(
        outcomes,
        features,
        parents={s: ["occupation=P"] for s in SEGMENTS},
        groups=groups,
        tau_parent=KB_TAU_PARENT,
        tau_segment=KB_TAU_SEGMENT,
        effect_scale=KB_EFFECT_SCALE,
        descriptive_weight=weight,
    )


def _error(kb: KnowledgeBase, truth: dict[str, float]) -> float:
    """Root mean square error of the predicted log-odds contrasts (each composition against
    the mean of all) in segment s1: what the composer and the bandit rank by."""
    keys = sorted(truth)
    predicted = []
    for key in keys:
        got = kb.predict("s1", _features(*key.split("+")))
        assert got is not None
        predicted.append(got[0])
    p = np.array(predicted) - np.mean(predicted)
    t = np.array([truth[k] for k in keys])
    t -= t.mean()
    return float(np.sqrt(np.mean(np.square(p - t))))


def _word_coefs(kb: KnowledgeBase) -> list[float]:
    coef = kb.model["s1"].coef
    return [coef[j + 1] for j, f in enumerate(kb.features) if f.startswith("word:")]


def test_words_that_carry_nothing_get_no_weight_and_predictions_improve() -> None:
    chosen, full = [], []
    for seed in range(5):
        outcomes, features, truth = _market(0.15, {}, 400, seed)
        kb = _kb(outcomes, features, KB_DESCRIPTIVE_WEIGHT)
        words = _word_coefs(kb)
        assert words, kb.features  # shared words are columns of their own
        assert all(c == 0.0 for c in words), words
        chosen.append(_error(kb, truth))
        full.append(_error(_kb(outcomes, features, 1.0), truth))
    # at full weight the shared words soak up noise that every prediction carrying them
    # repeats; without them the ranking is the phrases' alone
    assert np.mean(chosen) < np.mean(full), (chosen, full)


def test_a_word_that_moves_clicks_in_any_phrase_keeps_its_weight() -> None:
    for seed in range(3):
        outcomes, features, truth = _market(0.05, {"补贴": 0.5, "放款": -0.4}, 3000, seed)
        kb = _kb(outcomes, features, KB_DESCRIPTIVE_WEIGHT)
        coef = dict(zip(kb.features, kb.model["s1"].coef[1:], strict=True))
        assert coef["word:补贴"] > 0.2 and coef["word:放款"] < -0.15, coef
        without = _error(_kb(outcomes, features, 0.0), truth)
        assert _error(kb, truth) < 0.8 * without, (_error(kb, truth), without)


def test_full_weight_is_the_model_of_before_and_bad_weights_are_refused() -> None:
    outcomes, features, _ = _market(0.15, {}, 400, 0)
    before = distill(outcomes, features, tau_segment=0.1)
    again = distill(outcomes, features, tau_segment=0.1, descriptive_weight=(1.0,))
    assert again.snapshot_id == before.snapshot_id and again.model == before.model
    for bad in (1.5, -0.1, ()):
        with pytest.raises(InputError) as err:
            distill(outcomes, features, descriptive_weight=bad)
        assert err.value.code == "bad_outcomes"
        assert "descriptive_weight" in err.value.message_zh
