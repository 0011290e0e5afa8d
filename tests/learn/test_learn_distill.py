"""Knowledge-base distillation on synthetic outcomes with known effects."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from huashu.domain import Creative, InputError, Provenance
from huashu.learn import KnowledgeBase, distill, phrase_features

WHEN = datetime(2024, 3, 1, tzinfo=UTC)


def synthetic(
    seed: int, lift_a: dict[str, float], impressions: int = 20_000, base: float = 0.02
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """20 creatives; even ones carry ``phrase:A``; ``phrase:B`` on 0, 1, 4, 5, 8, 9, ... is
    balanced against A (half of each group). True CTR is ``base * (1 + lift_a[segment])``
    with A, ``base`` without."""
    rng = np.random.default_rng(seed)
    features = {
        f"c{i}": (["phrase:A"] if i % 2 == 0 else []) + (["phrase:B"] if (i // 2) % 2 == 0 else [])
        for i in range(20)
    }
    rows = []
    for segment, lift in lift_a.items():
        for i in range(20):
            ctr = base * (1 + lift) if i % 2 == 0 else base
            rows.append((segment, f"c{i}", impressions, int(rng.binomial(impressions, ctr))))
    frame = pd.DataFrame(rows, columns=["segment_key", "creative_id", "impressions", "clicks"])
    return frame, features


def entry(kb: KnowledgeBase, segment: str, feature: str) -> object:
    return next(e for e in kb.entries if e.segment_key == segment and e.feature == feature)


def test_a_true_lift_is_found_where_it_exists_and_not_elsewhere() -> None:
    outcomes, features = synthetic(seed=1, lift_a={"s1": 0.5, "s2": 0.0})
    kb = distill(outcomes, features, created_at=WHEN)
    a1 = kb.for_segment("s1")[0]
    assert (a1.feature, a1.support) == ("phrase:A", 200_000)
    assert a1.lift == pytest.approx(0.5, abs=0.06)
    assert 0 < a1.low < a1.lift < a1.high
    a2 = next(e for e in kb.for_segment("s2") if e.feature == "phrase:A")
    assert a2.low < 0 < a2.high
    assert abs(a2.lift) < 0.05
    b1 = next(e for e in kb.for_segment("s1") if e.feature == "phrase:B")
    assert b1.low < 0 < b1.high
    assert [e.feature for e in kb.preferred("s1")] == ["phrase:A"]
    assert kb.preferred("s2") == []


def test_low_support_entries_are_marked_and_never_preferred() -> None:
    outcomes, features = synthetic(seed=1, lift_a={"s1": 0.5})
    features["c1"] = [*features["c1"], "phrase:rare"]
    outcomes.loc[outcomes["creative_id"] == "c1", ["impressions", "clicks"]] = [150, 3]
    kb = distill(outcomes, features, created_at=WHEN)
    rare = next(e for e in kb.entries if e.feature == "phrase:rare")
    assert rare.low_support
    assert rare.support == 150
    supported = {e.feature for e in kb.for_segment("s1") if not e.low_support}
    assert supported == {"phrase:A", "phrase:B"}
    assert entry_lift(kb, "s1", "phrase:A") > 0
    assert kb.for_segment("unknown-segment") == []
    assert all(not e.low_support for e in kb.preferred("s1"))


def entry_lift(kb: KnowledgeBase, segment: str, feature: str) -> float:
    return next(e.lift for e in kb.entries if e.segment_key == segment and e.feature == feature)


def test_shrinkage_pulls_small_samples_toward_no_effect() -> None:
    frame = pd.DataFrame(
        [("s", "hot", 100, 6), ("s", "cold", 10_000, 200)],
        columns=["segment_key", "creative_id", "impressions", "clicks"],
    )
    features = {"hot": ["f"], "cold": []}
    raw_odds_lift = (6 / 94) / (200 / 9_800) - 1
    weak = entry_lift(
        distill(frame, features, tau_global=5.0, tau_segment=5.0, min_support=0), "s", "f"
    )
    strong = entry_lift(
        distill(frame, features, tau_global=0.05, tau_segment=0.05, min_support=0), "s", "f"
    )
    assert raw_odds_lift == pytest.approx(2.128, abs=1e-3)
    assert weak == pytest.approx(raw_odds_lift, rel=0.05)
    assert 0 < strong < 0.05


def null_knowledge_base(seed: int) -> KnowledgeBase:
    """40 segments x 30 creatives x 2,000 impressions at 3% CTR; 8 features, no effects."""
    rng = np.random.default_rng(seed)
    features = {
        f"c{i}": [f"phrase:f{j}" for j in range(8) if rng.random() < 0.5] for i in range(30)
    }
    rows = [
        (f"seg{s}", f"c{i}", 2_000, int(rng.binomial(2_000, 0.03)))
        for s in range(40)
        for i in range(30)
    ]
    outcomes = pd.DataFrame(rows, columns=["segment_key", "creative_id", "impressions", "clicks"])
    return distill(outcomes, features)


def test_null_data_gives_intervals_excluding_zero_only_by_chance() -> None:
    """No effect anywhere: a calibrated 90% interval misses 0 for ~5% of entries on each side.
    Seeds 0-4 (1,600 entries): 38 wholly above 0 and 59 wholly below (6.1% together, with
    the default tau_segment 0.1); we allow 12% together and 7% per side."""
    kbs = [null_knowledge_base(seed) for seed in range(5)]
    entries = [e for kb in kbs for e in kb.entries]
    assert len(entries) == 1600
    above = sum(e.low > 0 for e in entries)
    below = sum(e.high < 0 for e in entries)
    assert above + below <= 0.12 * len(entries)
    assert above <= 0.07 * len(entries)
    assert below <= 0.07 * len(entries)


def test_one_row_per_impression_gives_the_same_knowledge_base() -> None:
    outcomes, features = synthetic(seed=2, lift_a={"s1": 0.5}, impressions=300)
    per_impression = pd.DataFrame(
        {
            "segment_key": np.repeat(outcomes["segment_key"], outcomes["impressions"]),
            "creative_id": np.repeat(outcomes["creative_id"], outcomes["impressions"]),
            "clicked": np.concatenate(
                [
                    [1] * c + [0] * (n - c)
                    for n, c in zip(outcomes.impressions, outcomes.clicks, strict=True)
                ]
            ),
        }
    )
    aggregated = distill(outcomes, features, created_at=WHEN)
    expanded = distill(per_impression, features, created_at=WHEN)
    assert expanded == aggregated


def test_json_round_trip_and_content_id() -> None:
    outcomes, features = synthetic(seed=1, lift_a={"s1": 0.5, "s2": 0.0})
    kb = distill(outcomes, features, created_at=WHEN)
    assert KnowledgeBase.from_json(kb.to_json()) == kb
    assert kb.snapshot_id.startswith("kb-")
    assert distill(outcomes, features).snapshot_id == kb.snapshot_id
    assert distill(outcomes, features, tau_segment=0.35).snapshot_id != kb.snapshot_id
    with pytest.raises(InputError) as caught:
        KnowledgeBase.from_json("[]")
    assert caught.value.code == "bad_knowledge_base"


def test_markdown_lists_each_segment_highest_lift_first() -> None:
    outcomes, features = synthetic(seed=1, lift_a={"s1": 0.5})
    features["c1"] = [*features["c1"], "phrase:rare"]
    outcomes.loc[outcomes["creative_id"] == "c1", ["impressions", "clicks"]] = [150, 3]
    text = distill(outcomes, features, created_at=WHEN).to_markdown()
    lines = text.splitlines()
    assert lines[0].startswith("# Expression knowledge base 话术知识库 `kb-")
    assert "## s1" in lines
    rows = [line for line in lines if line.startswith("| phrase:")]
    assert rows[0].startswith("| phrase:A | +")
    assert any("phrase:rare" in r and "| low support 样本不足 |" in r for r in rows)


def test_phrase_features_from_composed_creatives() -> None:
    provenance = Provenance(backend="compose", model="-", template_version="1", seed=0)
    creative = Creative(
        id="cr-1",
        brand_id="bank",
        segment_key="farm.yes",
        channel="sms",
        fields={"body": "..."},
        phrase_ids={"hook": "hook-spring", "offer": "rate-cut", "cta": "hook-spring"},
        provenance=provenance,
    )
    assert phrase_features([creative]) == {"cr-1": ["phrase:hook-spring", "phrase:rate-cut"]}


BAD: list[tuple[pd.DataFrame, dict[str, list[str]], str]] = [
    (
        pd.DataFrame({"creative_id": ["c"], "impressions": [1], "clicks": [0]}),
        {},
        "outcomes are missing column 'segment_key'",
    ),
    (
        pd.DataFrame({"segment_key": ["s"], "creative_id": ["c"]}),
        {},
        "outcomes need columns impressions and clicks (aggregated) or clicked (one row per "
        "impression)",
    ),
    (
        pd.DataFrame(
            {"segment_key": ["s"], "creative_id": ["c"], "impressions": [1], "clicks": [2]}
        ),
        {},
        "outcomes for 'c' in 's' need 0 <= clicks <= impressions",
    ),
]


@pytest.mark.parametrize(("outcomes", "features", "message"), BAD)
def test_bad_outcomes(outcomes: pd.DataFrame, features: dict[str, list[str]], message: str) -> None:
    with pytest.raises(InputError) as caught:
        distill(outcomes, features)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tau_global": 0.0}, "tau_global and tau_segment must be > 0"),
        ({"tau_segment": -1.0}, "tau_global and tau_segment must be > 0"),
        ({"level": 1.0}, "level must be in (0, 1)"),
        ({"min_support": -1}, "min_support must be >= 0"),
    ],
)
def test_bad_parameters(kwargs: dict[str, float], message: str) -> None:
    outcomes, features = synthetic(seed=1, lift_a={"s1": 0.0}, impressions=10)
    with pytest.raises(InputError) as caught:
        distill(outcomes, features, **kwargs)  # type: ignore[arg-type]
    assert str(caught.value) == message
