"""A brand's knowledge base in a data directory, for the 知识库 page's tests: the rural bank's
ten segments, creatives made of its real phrases, words and structure, outcomes where the
friendly 养殖户 hook doubles clicks for 养殖户 and urgency (催促用语 + 立即) halves them
everywhere, distilled twice (a small first version, then more traffic)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd

from huashu.audience.segments import cross_segments
from huashu.config import Settings
from huashu.domain import BrandPack
from huashu.learn import KnowledgeBase, distill
from huashu.learn.store import KBRegistry
from huashu.store import open_store, repos

#: creative -> features: two hooks, two CTAs, two channels, words and structure
FEATURES: dict[str, list[str]] = {
    f"c{i}": [
        "phrase:hook-livestock" if i < 4 else "phrase:hook-livestock-formal",
        "phrase:cta-app" if i % 2 == 0 else "phrase:cta-branch",
        "channel:sms" if i in (0, 1, 4, 5) else "channel:home_card",
        *(["word:补栏"] if i < 4 else []),
        *(["struct:urgency", "word:立即"] if i in (1, 5) else []),
        *(["word:化肥", "word:种苗"] if i == 3 else []),
        *(["struct:length21-40"] if i % 2 == 0 else []),
    ]
    for i in range(8)
}
GROUPS = {
    "phrase:hook-livestock": "slot:hook",
    "phrase:hook-livestock-formal": "slot:hook",
    "phrase:cta-app": "slot:cta",
    "phrase:cta-branch": "slot:cta",
    "channel:sms": "channel",
    "channel:home_card": "channel",
}


def brand_kb(pack: BrandPack, round_: int, level: float = 0.9) -> KnowledgeBase:
    """Version ``round_`` (1: 300 impressions per segment x creative, 2: 3,000)."""
    rng = np.random.default_rng(round_)
    rows = []
    for seg in cross_segments(pack):
        for cid, features in FEATURES.items():
            ctr = 0.03
            if seg.key.startswith("livestock") and "phrase:hook-livestock" in features:
                ctr *= 2
            if "struct:urgency" in features:
                ctr /= 2
            n = 300 if round_ == 1 else 3_000
            rows.append((seg.key, cid, n, int(rng.binomial(n, ctr))))
    frame = pd.DataFrame(rows, columns=["segment_key", "creative_id", "impressions", "clicks"])
    parents = {
        seg.key: [f"{d}={label}" for d, label in seg.labels.items()] for seg in cross_segments(pack)
    }
    return distill(
        frame,
        FEATURES,
        parents=parents,
        groups=GROUPS,
        texts={cid: f"素材 {cid}" for cid in FEATURES},
        level=level,
        created_at=datetime(2024, 3, 1, 9, tzinfo=UTC) + timedelta(days=round_),
    )


def save_brand(settings: Settings, pack: BrandPack, pack_yaml: str) -> None:
    store = open_store(settings.resolved_database_url)
    try:
        store.upgrade()
        with store.session() as s:
            repos.save_brand(s, pack, pack_yaml)
    finally:
        store.close()


def save_versions(
    settings: Settings, pack: BrandPack, rounds: tuple[int, ...] = (1, 2), level: float = 0.9
) -> list[KnowledgeBase]:
    """Distil and save the brand's versions for ``rounds``, with the segments' names."""
    names = {seg.key: seg.name for seg in cross_segments(pack)}
    registry = KBRegistry.for_settings(settings)
    kbs = [brand_kb(pack, r, level) for r in rounds]
    for r, kb in zip(rounds, kbs, strict=True):
        trained = {"creatives": len(FEATURES), "impressions": 24_000 * (1 if r == 1 else 10)}
        trained["clicks"] = 700 * (1 if r == 1 else 10)
        registry.save(kb, names=names, brand_id=pack.id, trained_on=trained)
    return kbs
