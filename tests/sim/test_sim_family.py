"""World families: seeded, varied, within their stated ranges, and a click model whose oracle
and traffic agree (checked against simulated traffic and a naive reading of the world file)."""

from __future__ import annotations

import itertools
import math
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml

from huashu.audience import cross_segments
from huashu.channels import get_channel
from huashu.domain import BrandPack, InputError, Segment
from huashu.generate import all_compositions, compose_fields
from huashu.sim import FamilyConfig, World, load_world, random_world, random_world_spec

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FAMILY = range(12)
PACKS = ("rural_bank", "cosmetics_xhs")


@cache
def pack(name: str = "rural_bank") -> BrandPack:
    data = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    return BrandPack.model_validate(data)


@cache
def world(seed: int, name: str = "rural_bank") -> World:
    return random_world(pack(name), seed)


@cache
def users(seed: int, n: int = 60_000) -> pd.DataFrame:
    return world(seed).population(n, seed)


def segment_texts(segment: Segment, channel: str) -> list[str]:
    """Every text the composer can write for ``segment`` on ``channel`` (unchecked)."""
    spec, p = get_channel(channel), pack()
    out = []
    for combo in all_compositions(p, spec, segment):
        fields = compose_fields(p, spec, combo, segment)
        out.append("\n".join(v for v in fields.values() if v))
    return sorted(set(out))


def members(frame: pd.DataFrame, segment: Segment) -> pd.DataFrame:
    mask = np.ones(len(frame), dtype=bool)
    for field, value in segment.rule.items():
        mask &= (frame[field] == value).to_numpy()
    return frame[mask]


def clicks(w: World, group: pd.DataFrame, j: int, texts: list[str], repeats: int) -> np.ndarray:
    """``repeats`` rounds of showing every user of ``group`` ``texts[j]``: clicks, stacked."""
    prepared, rows = w.prepare(group), np.arange(len(group))
    index = np.full(len(group), j)
    rng = np.random.default_rng(j)
    return np.concatenate(
        [w.respond_rows(prepared, rows, index, texts, "sms", rng).clicked for _ in range(repeats)]
    )


def z_score(a: np.ndarray, b: np.ndarray) -> float:
    """Two-sample z of the difference between the click rates of ``a`` and ``b``."""
    pa, pb = a.mean(), b.mean()
    return float((pa - pb) / math.sqrt(pa * (1 - pa) / len(a) + pb * (1 - pb) / len(b)))


def test_a_seed_fixes_the_world() -> None:
    assert random_world_spec(pack(), 5) == random_world_spec(pack(), 5)
    assert random_world(pack(), 5) == random_world(pack(), 5)
    a, b = world(5).population(2_000, 1), world(5).population(2_000, 1)
    pd.testing.assert_frame_equal(a, b)


def test_different_seeds_give_different_worlds() -> None:
    specs = [random_world_spec(pack(), seed) for seed in FAMILY]
    assert all(a != b for a, b in itertools.combinations(specs, 2))
    texts = segment_texts(cross_segments(pack())[0], "sms")[:50]
    probs = [world(seed).click_prob(users(0).iloc[:500], texts, "sms") for seed in (0, 1)]
    assert not np.allclose(probs[0], probs[1])


@pytest.mark.parametrize("name", PACKS)
def test_a_world_file_round_trips_through_yaml(name: str, tmp_path: Any) -> None:
    spec = random_world_spec(pack(name), 3)
    path = tmp_path / "family.world.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert load_world(path) == random_world(pack(name), 3)


@pytest.mark.parametrize("name", PACKS)
def test_base_rates_lie_within_the_stated_ranges(name: str) -> None:
    cfg = FamilyConfig()
    lows, highs = [], []
    for seed in FAMILY:
        w = world(seed, name)
        sample = w.population(3_000, seed)
        for channel in w.channels:
            base = w.click_prob(sample, [""], channel)[:, 0]  # no keyword: the base rate
            lo, hi = cfg.channel_ctr.get(channel, cfg.base_ctr)
            assert lo <= base.min() and base.max() <= hi, (seed, channel)
            assert cfg.base_ctr[0] <= base.min() and base.max() <= cfg.base_ctr[1]
            lows.append(base.min())
            highs.append(base.max())
    # the family spreads over the range rather than sitting at one rate
    assert min(lows) < 0.006 and max(highs) > 0.02


def test_effects_are_many_and_mostly_small() -> None:
    texts = {pack().render(p) for bank in pack().phrases.values() for p in bank}
    main = np.array(
        [
            rule["effect"]
            for seed in FAMILY
            for rule in random_world_spec(pack(), seed)["response"]["keywords"]
            if rule["when"] == {} and rule["keyword"] in texts
        ]
    )
    assert len(main) >= len(FAMILY) * len(texts) * 0.9
    size = np.abs(main)
    assert np.median(size) < 0.15
    assert 0.0 < np.mean(size > 0.3) < 0.2  # a few large ones
    assert size.max() <= FamilyConfig().max_effect


def test_the_family_carries_drift_fatigue_and_interactions() -> None:
    for seed in FAMILY:
        response = random_world_spec(pack(), seed)["response"]
        assert any("drift" in r for r in response["keywords"])
        fatigues = [r["fatigue"] for r in response["keywords"] if "fatigue" in r]
        assert all(0.05 <= f <= 0.2 for f in fatigues)
        assert len(response["interactions"]) >= 10
        assert world(seed).dynamic
    texts = segment_texts(cross_segments(pack())[0], "sms")
    w, sample = world(0), users(0).iloc[:1_000]
    first, later = w.click_prob(sample, texts, "sms"), w.click_prob(sample, texts, "sms", round_=5)
    assert not np.allclose(first, later)


def test_segments_disagree_on_the_sign_of_effects() -> None:
    values = [str(v.value) for v in pack().dimensions[0].values]
    for seed in FAMILY:
        w = world(seed)
        effects = [w.true_effects({"occupation": v}) for v in values]
        flipped = [
            k
            for k in w.keywords
            if max(e[k] for e in effects) > 0.02 and min(e[k] for e in effects) < -0.02
        ]
        assert len(flipped) >= 5, seed


def test_hidden_attributes_split_a_segment_measurably_in_simulated_traffic() -> None:
    seed, segment = 2, cross_segments(pack())[0]
    w = world(seed)
    group = members(w.population(600_000, 11), segment)
    texts = segment_texts(segment, "sms")
    hidden = {"life_stage": "late", "digital": True, "price_sensitive": True}
    assert not set(segment.rule) & set(hidden)
    probs = w.click_prob(group, texts, "sms")
    splits = {name: (group[name] == value).to_numpy() for name, value in hidden.items()}
    gaps = {
        name: probs[split].mean(axis=0) - probs[~split].mean(axis=0)
        for name, split in splits.items()
    }
    name = max(gaps, key=lambda n: float(np.abs(gaps[n]).max()))
    j = int(np.argmax(np.abs(gaps[name])))
    repeats = 10
    clicked, split = clicks(w, group, j, texts, repeats), np.tile(splits[name], repeats)
    z = z_score(clicked[split], clicked[~split])
    assert abs(z) > 4 and np.sign(z) == np.sign(gaps[name][j])


def test_another_segments_identity_words_lower_the_click_rate() -> None:
    dimension = pack().dimensions[0]
    for seed in FAMILY:
        w = world(seed)
        sample = users(seed).iloc[:20_000]
        for own, other in itertools.permutations(dimension.values, 2):
            words = [x for x in other.words if any(x in t for t in _phrase_texts())]
            if not words or any(x in own.words for x in words):
                continue
            mine = sample[sample[dimension.field] == own.value]
            probs = w.click_prob(mine, ["", words[0]], "sms")
            assert (probs[:, 1] < probs[:, 0]).all(), (seed, own.label, words[0])
    # and in traffic: crop users shown a crop text with a livestock word click less
    w, crop = world(0), cross_segments(pack())[2]
    group = members(w.population(400_000, 5), crop)
    text = segment_texts(crop, "sms")[0]
    texts = [text, text + "养殖户"]
    z = z_score(clicks(w, group, 0, texts, 10), clicks(w, group, 1, texts, 10))
    assert z > 4


@cache
def _phrase_texts() -> tuple[str, ...]:
    return tuple(pack().render(p) for bank in pack().phrases.values() for p in bank)


def test_ineligible_users_who_click_an_offer_never_convert() -> None:
    w = world(4)
    population = w.population(200_000, 2)
    offer = next(p for p in pack().phrases["offer"] if p.offers and "sms" in p.channels)
    texts = [pack().render(offer)]
    index = np.zeros(len(population), dtype=np.intp)
    eligible = population["rate_discount_eligible"].to_numpy()
    for response in (
        w.respond(population, index, texts, "sms", rng=np.random.default_rng(1)),
        w.respond_rows(
            w.prepare(population),
            np.arange(len(population)),
            index,
            texts,
            "sms",
            np.random.default_rng(1),
        ),
    ):
        assert response.clicked[~eligible].sum() > 50
        assert not response.converted[~eligible].any()
        assert response.converted[eligible].sum() > 0
        # the expected conversions say the same without the draw
        assert (response.conversion_prob[~eligible] == 0).all()
        assert (response.conversion_prob[eligible] > 0).all()
        assert (response.conversion_prob <= response.click_prob).all()
        drawn, expected = response.converted.sum(), response.conversion_prob.sum()
        assert abs(drawn - expected) < 4 * np.sqrt(expected)
    # copy without the offer converts the same users as usual
    plain = w.respond(population, index, ["春耕贷"], "sms", rng=np.random.default_rng(1))
    assert plain.converted[~eligible].sum() > 0


@pytest.mark.parametrize(("seed", "round_"), [(4, 1), (6, 3)])
def test_the_oracle_agrees_with_simulated_traffic(seed: int, round_: int) -> None:
    w, segment = world(seed), cross_segments(pack())[1]
    group = members(w.population(200_000, 21), segment)
    texts = segment_texts(segment, "sms")
    keys = np.full(len(group), segment.key)
    oracle = w.oracle_ctr(group, texts, "sms", keys, round_=round_)
    best = texts.index(oracle.best_for(segment.key))
    rng = np.random.default_rng(seed)
    index = np.full(len(group), best)
    repeats = 5
    clicks = sum(
        int(w.respond(group, index, texts, "sms", rng=rng, round_=round_).clicked.sum())
        for _ in range(repeats)
    )
    n, p = repeats * len(group), oracle.ctr
    assert abs(clicks / n - p) <= 3.9 * math.sqrt(p * (1 - p) / n)  # a 99.99% interval
    # the oracle's pick is the best candidate, and clearly better than the average one
    assert oracle.ctr == pytest.approx(oracle.candidate_ctr.max())
    assert oracle.ctr > 1.1 * oracle.candidate_ctr.mean()


def test_the_click_model_matches_a_naive_reading_of_the_world_file() -> None:
    """An independent implementation: loop over the file's rules, one user and text at a time."""
    seed, round_ = 9, 4
    spec = random_world_spec(pack(), seed)
    w = world(seed)
    sample = users(seed).iloc[:40]
    segment = cross_segments(pack())[0]
    texts = (
        segment_texts(segment, "sms")[:15] + segment_texts(cross_segments(pack())[5], "sms")[:15]
    )
    response = spec["response"]
    k = round_ - 1
    expected = np.zeros((len(sample), len(texts)))
    for i, (_, user) in enumerate(sample.iterrows()):
        for j, text in enumerate(texts):
            logit = response["base"]["logits"][user[response["base"]["attribute"]]]
            logit += response["channels"]["sms"]
            rules = [(r, [r["keyword"]]) for r in response["keywords"]]
            rules += [(r, r["keywords"]) for r in response["interactions"]]
            for rule, words in rules:
                applies = all(user[a] == v for a, v in rule["when"].items())
                if applies and all(word in text for word in words):
                    decay = (1 - rule.get("fatigue", 0.0)) ** k
                    logit += rule["effect"] * decay + rule.get("drift", 0.0) * k
            expected[i, j] = 1 / (1 + math.exp(-logit))
    got = w.click_prob(sample, texts, "sms", round_=round_)
    np.testing.assert_allclose(got, expected, rtol=1e-9)


def test_a_pack_with_numeric_dimension_values_is_refused() -> None:
    data = yaml.safe_load(pack().model_dump_json())
    data["dimensions"][0]["values"][0]["value"] = 3
    odd = BrandPack.model_validate(data)
    with pytest.raises(InputError) as err:
        random_world_spec(odd, 1)
    assert err.value.code == "invalid_pack"
