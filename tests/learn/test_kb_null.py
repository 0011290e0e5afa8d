"""No false confidence: where phrases have no effect, the knowledge base's intervals exclude
zero no more often than their nominal level allows."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from huashu.brand import load_brand_pack
from huashu.channels import get_channel
from huashu.generate import all_compositions, compose_fields, feature_of
from huashu.learn import distill
from huashu.learn.features import WordTokenizer, slot_groups, structure_features
from huashu.sim import World, load_world

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PER_SEGMENT = 4_000


def outcomes_in(
    world: World, seed: int, per_segment: int = PER_SEGMENT
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    pack = load_brand_pack(EXAMPLES / "rural_bank.yaml")
    channel = get_channel("home_card")
    compositions = list(all_compositions(pack, channel))
    texts = [" ".join(compose_fields(pack, channel, c).values()) for c in compositions]
    tokenizer = WordTokenizer.for_pack(pack)
    features = {
        str(i): sorted(feature_of(p) for p in c.values())
        + [f"word:{w}" for w in tokenizer.words(texts[i])]
        + structure_features(texts[i])
        for i, c in enumerate(compositions)
    }
    users = world.population(30_000, seed)
    rng = np.random.default_rng(seed)
    frames = []
    for (occupation, discount), members in users.groupby(
        ["occupation", "rate_discount_eligible"], sort=True
    ):
        shown = members.sample(per_segment, replace=True, random_state=int(rng.integers(2**31)))
        index = rng.integers(len(texts), size=per_segment)
        response = world.respond(shown, index, texts, "home_card", rng=rng)
        key = f"{occupation}.{'yes' if discount else 'no'}"
        frames.append(
            pd.DataFrame(
                {"segment_key": key, "creative_id": index.astype(str), "clicked": response.clicked}
            )
        )
    return pd.concat(frames), features


def test_the_null_world_has_no_keyword_effect() -> None:
    world = load_world(EXAMPLES / "rural_bank.world.yaml").without_preferences()
    assert all(k.effect == 0.0 for k in world.response.keywords)


def test_no_more_confident_phrases_than_the_interval_level_allows() -> None:
    """Phrases (slot-coded, as the demo distils them) and words/structure alike."""
    world = load_world(EXAMPLES / "rural_bank.world.yaml").without_preferences()
    pack = load_brand_pack(EXAMPLES / "rural_bank.yaml")
    groups = slot_groups(all_compositions(pack, get_channel("home_card")))
    counts = {"phrase": [0, 0], "word": [0, 0]}
    for seed in (1, 2):
        outcomes, features = outcomes_in(world, seed)
        segments = sorted(outcomes["segment_key"].unique())
        parents = {
            s: [f"occupation={s.split('.')[0]}", f"discount={s.split('.')[1]}"] for s in segments
        }
        kb = distill(outcomes, features, parents=parents, groups=groups, examples=0)
        phrases = [e for e in kb.entries if e.feature.startswith("phrase:")]
        n_phrases = len({f for fs in features.values() for f in fs if f.startswith("phrase:")})
        assert len(phrases) == 10 * n_phrases
        words = [e for e in kb.entries if e.feature.startswith(("word:", "struct:"))]
        assert len(words) >= 10 * 5
        for kind, entries in (("phrase", phrases), ("word", words)):
            counts[kind][0] += sum(e.low > 0 or e.high < 0 for e in entries)
            counts[kind][1] += len(entries)
    for hits, n in counts.values():
        # a calibrated 90% interval excludes a true zero 10% of the time: allow that share
        # plus two binomial standard deviations of chance, no more
        chance = 1 - 0.9
        assert hits <= chance * n + 2 * math.sqrt(n * chance * (1 - chance))
