"""Creative features (jieba words with the pack's terms, structure), sum-to-zero slot coding,
predictive uncertainty, example creatives and word entries in the knowledge base."""

from __future__ import annotations

import logging
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from huashu.brand import load_brand_pack
from huashu.learn import KnowledgeBase, distill
from huashu.learn.features import WordTokenizer, structure_features

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_words_keep_the_packs_terms_whole(caplog: pytest.LogCaptureFixture) -> None:
    pack = load_brand_pack(EXAMPLES / "rural_bank.yaml")
    with caplog.at_level(logging.DEBUG):
        words = WordTokenizer.for_pack(pack).words(
            "春田农商银行：养殖户专属资金支持，优惠后年化利率3.3%起！"
        )
    # brand name, audience label and fact label are dictionary words, not cut apart
    assert {"春田农商银行", "养殖户", "优惠后年化利率"} <= set(words)
    assert not any(len(w) < 2 or w in {"：", "，", "！"} for w in words)
    assert not [r for r in caplog.records if r.name == "jieba"]
    # a tokenizer of its own: another without the terms cuts the brand name apart
    assert "春田农商银行" not in WordTokenizer().words("春田农商银行")


def test_structure_features() -> None:
    assert structure_features("限时优惠！今天申请吗？🎉 3.6%") == [
        "struct:length≤20",
        "struct:number",
        "struct:question",
        "struct:urgency",
        "struct:emoji",
    ]
    assert structure_features("纯信用" * 10) == ["struct:length21-40"]


def slot_world(seed: int, n: int = 3_000) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Every hook x benefit composition (3 x 3) shown n times; hook h2 adds +0.4 log-odds,
    hook h0 -0.4, benefit b1 +0.3; words: h2 carries 补贴, b1 carries 补贴 and 额度."""
    rng = np.random.default_rng(seed)
    features: dict[str, list[str]] = {}
    rows = []
    for h in range(3):
        for b in range(3):
            cid = f"h{h}b{b}"
            words = {2: ["word:补贴"], 0: [], 1: []}[h] + (
                ["word:额度", "word:补贴"] if b == 1 else []
            )
            features[cid] = [f"phrase:h{h}", f"phrase:b{b}", *dict.fromkeys(words)]
            eta = -3.0 + {0: -0.4, 1: 0.0, 2: 0.4}[h] + (0.3 if b == 1 else 0.0)
            rows.append(("s", cid, n, int(rng.binomial(n, 1 / (1 + math.exp(-eta))))))
    frame = pd.DataFrame(rows, columns=["segment_key", "creative_id", "impressions", "clicks"])
    return frame, features


GROUPS = {**{f"phrase:h{i}": "slot:hook" for i in range(3)}}
GROUPS |= {f"phrase:b{i}": "slot:benefit" for i in range(3)}


def test_slot_coding_reports_phrases_against_their_slots_average() -> None:
    outcomes, features = slot_world(seed=1)
    coded = distill(outcomes, features, groups=GROUPS, examples=0)
    raw = distill(outcomes, features, examples=0)
    by = {e.feature: e for e in coded.for_segment("s")}
    plain = {e.feature: e for e in raw.for_segment("s")}
    hooks = [by[f"phrase:h{i}"] for i in range(3)]
    # effects within a slot sum to zero and recover the truth (+-0.4 around the average)
    assert sum(e.coef for e in hooks) == pytest.approx(0.0, abs=1e-9)
    assert hooks[2].coef == pytest.approx(0.4, abs=0.1) and hooks[0].coef < -0.25
    assert hooks[2].low > 0 and hooks[0].high < 0 and hooks[1].low < 0 < hooks[1].high
    assert all(e.group == "slot:hook" for e in hooks)
    # raw coding leaves the slot's level to the prior: wider intervals for the same data
    assert all(by[f].sd < 0.75 * plain[f].sd for f in ("phrase:h0", "phrase:h2", "phrase:b1"))
    # the same predictions either way: coding changes what is reported, not the model
    for fs in features.values():
        assert coded.predict_ctr("s", fs) == pytest.approx(raw.predict_ctr("s", fs), rel=1e-6)


def test_prediction_sd_shrinks_with_data_and_unseen_features_are_neutral() -> None:
    outcomes, features = slot_world(seed=2, n=30_000)
    small = distill(*slot_world(seed=2, n=300), groups=GROUPS, examples=0)
    large = distill(outcomes, features, groups=GROUPS, examples=0)
    combo = features["h2b1"]
    small_pred, large_pred = small.predict("s", combo), large.predict("s", combo)
    assert small_pred is not None and large_pred is not None
    assert large_pred[1] < 0.4 * small_pred[1]
    assert 1 / (1 + math.exp(-large_pred[0])) == pytest.approx(
        1 / (1 + math.exp(3.0 - 0.7)), rel=0.1
    )
    assert large.predict("s", [*combo, "word:从未见过", "phrase:new"]) == large_pred
    assert large.predict("unknown", combo) is None


def shared_word_world(
    seed: int, n: int = 40_000
) -> tuple[pd.DataFrame, dict[str, list[str]], dict[str, float]]:
    """Every hook x benefit composition (3 x 3); the reader responds to the word 额度, which
    hook h1 and benefit b1 both carry (+0.5 log-odds once, however often it appears), and to
    hook h2 (+0.2); every phrase also has a word of its own."""
    rng = np.random.default_rng(seed)
    features: dict[str, list[str]] = {}
    truth: dict[str, float] = {}
    rows = []
    for h in range(3):
        for b in range(3):
            cid = f"h{h}b{b}"
            shared = h == 1 or b == 1
            features[cid] = [f"phrase:h{h}", f"phrase:b{b}", "channel:sms"]
            features[cid] += ["word:额度"] if shared else []
            features[cid] += [f"word:钩{h}", f"word:益{b}"]
            truth[cid] = -3.0 + (0.5 if shared else 0.0) + (0.2 if h == 2 else 0.0)
            clicks = int(rng.binomial(n, 1 / (1 + math.exp(-truth[cid]))))
            rows.append(("s", cid, n, clicks))
    frame = pd.DataFrame(rows, columns=["segment_key", "creative_id", "impressions", "clicks"])
    return frame, features, truth


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_word_two_phrases_share_is_predicted_once(seed: int) -> None:
    outcomes, features, truth = shared_word_world(seed)
    kb = distill(outcomes, features, groups=GROUPS, examples=0)
    phrases_only = distill(
        outcomes,
        {c: [f for f in fs if not f.startswith("word:")] for c, fs in features.items()},
        groups=GROUPS,
        examples=0,
    )

    def error(model: KnowledgeBase, cid: str) -> float:
        got = model.predict("s", features[cid])
        assert got is not None
        return abs(got[0] - truth[cid])

    # words and phrases read together: h1 with b1 gains 额度's effect once, as the reader does
    assert max(error(kb, c) for c in features) < 0.1
    assert error(kb, "h1b1") < 0.08
    # phrases alone add 额度 twice (and misfit the rest to compensate)
    assert error(phrases_only, "h1b1") > 0.15
    # a phrase's own words are merged into it: a text carrying them reads as the phrase
    assert kb.aliases["word:钩2"] == "phrase:h2"
    assert kb.predict("s", ["channel:sms", "word:钩2"]) == kb.predict(
        "s", ["channel:sms", "phrase:h2"]
    )
    assert KnowledgeBase.from_json(kb.to_json()) == kb


def test_word_entries_examples_and_json_round_trip() -> None:
    outcomes, features = slot_world(seed=3, n=20_000)
    texts = {cid: f"文案 {cid}" for cid in features}
    kb = distill(outcomes, features, groups=GROUPS, texts=texts, examples=2)
    by = {e.feature: e for e in kb.for_segment("s")}
    # 额度 only ever comes with b1 and 补贴 is on h2 and b1: 额度 stands alone, 补贴 too
    assert "word:额度" in by and "word:补贴" in by
    assert by["word:补贴"].low > 0 and by["word:补贴"].support == 5 * 20_000
    assert len(by["phrase:h2"].examples) == 2
    assert all(
        cid.startswith("h2") and text == f"文案 {cid}" for cid, text in by["phrase:h2"].examples
    )
    use, avoid = kb.guidance("s")
    assert [e.feature for e in use][:1] == ["word:补贴"]
    assert all(e.high < 0 and e.feature.startswith(("word:", "struct:")) for e in avoid)
    again = KnowledgeBase.from_json(kb.to_json())
    assert again == kb
    assert again.predict("s", ["phrase:h2"]) == kb.predict("s", ["phrase:h2"])
    assert "| word:补贴 | +" in kb.to_markdown()


def test_words_that_always_come_together_are_one_feature() -> None:
    outcomes, features = slot_world(seed=4)
    features = {
        c: [*fs, "word:惠农", "word:政策"] if "phrase:h2" in fs else fs
        for c, fs in features.items()
    }
    kb = distill(outcomes, features, groups=GROUPS, examples=0)
    names = {e.feature for e in kb.entries}
    assert "word:补贴" in names and "word:惠农+政策" in names
    assert "word:惠农" not in names and "word:政策" not in names
