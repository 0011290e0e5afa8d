"""Knowledge-base snapshots on disk (save, load, list, latest/previous) and the diff between
two snapshots."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from huashu.domain import InputError
from huashu.learn import KBEntry, KnowledgeBase, distill
from huashu.learn.store import KBRegistry, diff, diff_markdown

WHEN = datetime(2024, 3, 1, tzinfo=UTC)


def outcomes(seed: int, impressions: int, lift: float) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Two segments x 8 creatives; even creatives carry ``phrase:subsidy``, which lifts CTR
    by ``lift`` in ``farm`` and does nothing in ``city``; ``phrase:plain`` (balanced against
    it) does nothing anywhere."""
    rng = np.random.default_rng(seed)
    features = {
        f"c{i}": (["phrase:subsidy"] if i % 2 == 0 else [])
        + (["phrase:plain"] if (i // 2) % 2 == 0 else [])
        for i in range(8)
    }
    rows = []
    for segment, effect in (("farm", lift), ("city", 0.0)):
        for i in range(8):
            ctr = 0.03 * (1 + effect) if i % 2 == 0 else 0.03
            rows.append((segment, f"c{i}", impressions, int(rng.binomial(impressions, ctr))))
    frame = pd.DataFrame(rows, columns=["segment_key", "creative_id", "impressions", "clicks"])
    return frame, features


def kb_at(round_: int, **kw: float) -> KnowledgeBase:
    frame, features = outcomes(round_, 5_000 * round_, kw.get("lift", 0.4))
    return distill(frame, features, created_at=WHEN + timedelta(days=round_))


def entry(segment: str, feature: str, lift: float, low: float, high: float) -> KBEntry:
    return KBEntry(segment, feature, lift, low, high, 1_000, 30, 0.03, 0.025, False)


def handmade(snapshot_id: str, *entries: KBEntry) -> KnowledgeBase:
    return KnowledgeBase(snapshot_id, WHEN, 1.0, 0.35, 200, 0.9, {"farm": -3.5}, entries)


def test_saved_snapshots_load_back_list_in_order_and_resolve_latest(tmp_path: Path) -> None:
    registry = KBRegistry(tmp_path / "kb")
    assert registry.list() == []
    assert registry.latest() is None
    third, first, second = kb_at(3), kb_at(1), kb_at(2)
    for kb in (third, first, second):
        registry.save(kb, names={"farm": "养殖户"})
    assert registry.load(first.snapshot_id) == first
    assert [(s.snapshot_id, s.created_at, s.segments, s.entries) for s in registry.list()] == [
        (kb.snapshot_id, kb.created_at, 2, 4) for kb in (first, second, third)
    ]
    assert registry.latest() == third
    assert registry.load("latest") == third
    assert registry.load("previous") == second
    assert registry.names("latest") == {"farm": "养殖户"}
    assert sorted(p.name for p in (tmp_path / "kb").iterdir()) == sorted(
        f"{kb.snapshot_id}.json" for kb in (first, second, third)
    )


def test_saving_again_is_idempotent_and_merges_names(tmp_path: Path) -> None:
    registry = KBRegistry(tmp_path / "kb")
    kb = kb_at(1)
    path = registry.save(kb, names={"farm": "养殖户"})
    saved_at = json.loads(path.read_text("utf-8"))["saved_at"]
    registry.save(kb, names={"city": "城市白领"})
    assert len(registry.list()) == 1
    assert json.loads(path.read_text("utf-8"))["saved_at"] == saved_at
    assert registry.names(kb.snapshot_id) == {"city": "城市白领", "farm": "养殖户"}


def test_diff_lists_added_changed_and_removed_entries_with_intervals() -> None:
    a = handmade(
        "kb-a",
        entry("farm", "补贴", 0.05, -0.03, 0.14),
        entry("farm", "限时", -0.10, -0.20, 0.01),
        entry("farm", "稳定", 0.02, -0.05, 0.09),
    )
    b = handmade(
        "kb-b",
        entry("farm", "补贴", 0.18, 0.09, 0.27),
        entry("farm", "稳定", 0.025, -0.04, 0.09),
        entry("farm", "春耕", 0.30, 0.12, 0.50),
    )
    changes = diff(a, b, names={"farm": "养殖户"})
    assert [(c.kind, c.feature) for c in changes] == [
        ("added", "春耕"),
        ("changed", "补贴"),
        ("changed", "稳定"),
        ("removed", "限时"),
    ]
    assert [c.to_markdown() for c in changes] == [
        "养殖户: 春耕 +30% [+12%, +50%] (new 新增)",
        "养殖户: 补贴 +18% [+9%, +27%] (was +5% [-3%, +14%])",
        "养殖户: 稳定 +2% [-4%, +9%] (was +2% [-5%, +9%])",
        "养殖户: 限时 removed 移除 (was -10% [-20%, +1%])",
    ]
    assert changes[1].delta == pytest.approx(0.13)
    assert [c.feature for c in diff(a, b, min_delta=0.01)] == ["春耕", "补贴", "限时"]
    assert diff(a, a) == []
    assert diff(a, b)[0].segment_name == "farm"
    text = diff_markdown(a, b, changes)
    assert "1 added 新增, 2 changed 变化, 1 removed 移除" in text
    assert "- 养殖户: 补贴 +18% [+9%, +27%] (was +5% [-3%, +14%])" in text


def test_diff_of_distilled_rounds_tracks_the_growing_evidence() -> None:
    early, late = kb_at(1), kb_at(4)
    changes = diff(early, late, names={"farm": "养殖户", "city": "城市白领"})
    assert {(c.segment_key, c.feature, c.kind) for c in changes} == {
        (s, f, "changed") for s in ("farm", "city") for f in ("phrase:plain", "phrase:subsidy")
    }
    farm = next(c for c in changes if c.segment_key == "farm" and c.feature == "phrase:subsidy")
    assert farm.before is not None and farm.after is not None
    assert farm.after.support == 4 * farm.before.support
    width = (farm.after.high - farm.after.low) / (farm.before.high - farm.before.low)
    assert width < 0.6
    assert farm.after.low > 0
    assert farm.to_markdown().startswith("养殖户: phrase:subsidy +")


def _corrupt(registry: KBRegistry) -> str:
    registry.directory.mkdir(parents=True, exist_ok=True)
    (registry.directory / "kb-broken.json").write_text('{"format": 1, "saved_at": 1, "kno')
    return "kb-broken"


def _one_saved(registry: KBRegistry) -> str:
    registry.save(kb_at(1))
    return "previous"


@pytest.mark.parametrize(
    ("setup", "ref", "code", "message_zh"),
    [
        (None, "nope", "not_found", "找不到知识库快照 'nope'"),
        (None, "../../etc/passwd", "not_found", "找不到知识库快照 '../../etc/passwd'"),
        (None, "latest", "not_found", "没有 'latest' 快照：{dir} 中只保存了 0 个"),
        (_one_saved, None, "not_found", "没有 'previous' 快照：{dir} 中只保存了 1 个"),
        (_corrupt, None, "bad_knowledge_base", "无法读取知识库快照 'kb-broken'"),
    ],
)
def test_bad_snapshot_references_are_refused(
    tmp_path: Path, setup: object, ref: str | None, code: str, message_zh: str
) -> None:
    registry = KBRegistry(tmp_path / "kb")
    if callable(setup):
        ref = setup(registry)
    assert ref is not None
    with pytest.raises(InputError) as info:
        registry.load(ref)
    assert info.value.code == code
    assert info.value.message_zh.startswith(message_zh.format(dir=registry.directory))


def test_negative_min_delta_is_refused() -> None:
    kb = handmade("kb-a")
    with pytest.raises(InputError) as info:
        diff(kb, kb, min_delta=-0.1)
    assert (info.value.code, info.value.message_zh) == ("invalid_option", "min_delta 不能为负数")
