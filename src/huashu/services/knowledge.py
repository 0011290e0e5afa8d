"""The knowledge base in production: each brand's KB re-distilled from the event store (by hand
with ``huashu kb distill``, or by ``serve`` on the ``kb_distill_seconds`` cadence), versioned
in ``<data_dir>/kb/``, and read back where it is used: the next drafts of the brand's
campaigns and the priors of new creatives in the policy snapshot."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from huashu.audience.segments import cross_segments
from huashu.domain import BrandPack, Creative, InputError
from huashu.learn import KnowledgeBase, distill
from huashu.learn.features import WordTokenizer, creative_features, feature_groups
from huashu.learn.priors import (
    KB_DESCRIPTIVE_WEIGHT,
    KB_EFFECT_SCALE,
    KB_TAU_PARENT,
    KB_TAU_SEGMENT,
    KBPriors,
    kb_priors,
)
from huashu.learn.store import KBRegistry
from huashu.runtime import Runtime
from huashu.store import repos

log = logging.getLogger("huashu.knowledge")


@dataclass(frozen=True)
class KBVersion:
    """The outcome of one distillation of a brand's knowledge base."""

    brand_id: str
    snapshot_id: str
    #: False when the outcomes and creatives had not changed since the latest version, or the
    #: distillation came out identical to it (ids are content hashes): no new version
    new: bool
    segments: int
    entries: int
    creatives: int
    impressions: int
    clicks: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "brand_id": self.brand_id,
            "snapshot_id": self.snapshot_id,
            "new": self.new,
            "segments": self.segments,
            "entries": self.entries,
            "creatives": self.creatives,
            "impressions": self.impressions,
            "clicks": self.clicks,
        }


def _brand_creatives(
    rt: Runtime, brand_id: str
) -> tuple[BrandPack, list[Creative], dict[str, Any]]:
    """The brand's pack, every creative of its campaigns, and its segments by key."""
    with rt.store.session() as s:
        pack = repos.get_brand_pack(s, brand_id)
        ids = [c["id"] for c in repos.list_campaigns(s, brand_id=brand_id)]
        creatives = [c for cid in ids for c in repos.list_creatives(s, campaign_id=cid)]
        stored = {seg.key: seg for seg in repos.get_segments(s, brand_id)}
    segments = {seg.key: seg for seg in cross_segments(pack)}
    segments.update(stored)
    return pack, creatives, segments


def _fingerprint(outcomes: pd.DataFrame, features: Mapping[str, Sequence[str]]) -> str:
    rows = outcomes.sort_values(["segment_key", "channel", "creative_id"])
    payload = {
        "taus": [KB_TAU_PARENT, KB_TAU_SEGMENT, KB_EFFECT_SCALE],
        "outcomes": rows[["segment_key", "creative_id", "impressions", "clicks"]]
        .astype(str)
        .to_numpy()
        .tolist(),
        "features": {cid: sorted(fs) for cid, fs in sorted(features.items())},
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def distill_brand(rt: Runtime, brand_id: str, *, keep: int | None = None) -> KBVersion:
    """Distil ``brand_id``'s knowledge base from every outcome its creatives have in the event
    store and save it as the brand's newest version (unless nothing changed since the latest:
    then that one is returned with ``new`` false). ``keep``: versions kept per brand (default
    the ``kb_keep_versions`` setting). Raises :class:`InputError` ``no_outcomes`` when none
    of the brand's creatives has been shown yet."""
    pack, creatives, segments = _brand_creatives(rt, brand_id)
    by_id = {c.id: c for c in creatives}
    stats = rt.events.arm_stats()
    outcomes = stats[stats["creative_id"].isin(by_id) & (stats["impressions"] > 0)]
    if outcomes.empty:
        raise InputError(
            f"brand '{brand_id}' has no delivered creatives to learn from yet",
            message_zh=f"品牌 '{brand_id}' 还没有投放数据，暂时无法生成知识库",
            code="no_outcomes",
            details={"brand_id": brand_id},
        )
    shown = [by_id[cid] for cid in dict.fromkeys(outcomes["creative_id"].astype(str))]
    tokenizer = WordTokenizer.for_pack(pack)
    features = {c.id: creative_features(c, tokenizer) for c in shown}
    source = _fingerprint(outcomes, features)
    registry = KBRegistry.for_settings(rt.settings)
    totals = (
        int(outcomes["impressions"].sum()),
        int(outcomes["clicks"].sum()),
    )
    latest = registry.latest_info(brand_id)
    if latest is not None and latest.source == source:
        return KBVersion(
            brand_id,
            latest.snapshot_id,
            False,
            latest.segments,
            latest.entries,
            len(shown),
            *totals,
        )
    keys = sorted(set(outcomes["segment_key"].astype(str)))
    parents = {
        k: [f"{d}={label}" for d, label in segments[k].labels.items()]
        for k in keys
        if k in segments
    }
    kb = distill(
        outcomes,
        features,
        parents=parents,
        groups=feature_groups(shown),
        texts={c.id: c.text for c in shown},
        tau_parent=KB_TAU_PARENT,
        tau_segment=KB_TAU_SEGMENT,
        effect_scale=KB_EFFECT_SCALE,
        descriptive_weight=KB_DESCRIPTIVE_WEIGHT,
    )
    names = {k: segments[k].name for k in keys if k in segments}
    trained_on = {"creatives": len(shown), "impressions": totals[0], "clicks": totals[1]}
    registry.save(kb, names=names, brand_id=brand_id, source=source, trained_on=trained_on)
    registry.prune(brand_id, keep if keep is not None else rt.settings.kb_keep_versions)
    log.info(
        "knowledge base %s distilled for brand %s from %d creatives, %d impressions",
        kb.snapshot_id,
        brand_id,
        len(shown),
        totals[0],
    )
    new = latest is None or latest.snapshot_id != kb.snapshot_id
    return KBVersion(
        brand_id, kb.snapshot_id, new, len(kb.segments()), len(kb.entries), len(shown), *totals
    )


def distill_all(rt: Runtime, brand_ids: Iterable[str] | None = None) -> list[KBVersion]:
    """:func:`distill_brand` for every brand (or ``brand_ids``) that has outcomes; brands
    without any are skipped."""
    if brand_ids is None:
        with rt.store.session() as s:
            brand_ids = [str(b["id"]) for b in repos.list_brands(s)]
    out: list[KBVersion] = []
    for brand_id in brand_ids:
        try:
            out.append(distill_brand(rt, brand_id))
        except InputError as err:
            if err.code != "no_outcomes":
                raise
    return out


def latest_kb(rt: Runtime, brand_id: str) -> KnowledgeBase | None:
    """The brand's newest knowledge base (None before the first distillation)."""
    return KBRegistry.for_settings(rt.settings).latest(brand_id)


def knowledge_for(
    kb: KnowledgeBase | None, segment_keys: Iterable[str]
) -> dict[str, dict[str, tuple[float, float]]] | None:
    """What drafting reads (segment key -> feature -> (mean, sd)) for the segments the
    knowledge base knows; None without one."""
    if kb is None:
        return None
    known = set(kb.segments())
    return {k: kb.posterior(k) for k in segment_keys if k in known}


def snapshot_priors(
    rt: Runtime, creatives: Sequence[Creative], arm_stats: pd.DataFrame
) -> KBPriors:
    """The bandit priors of live ``creatives`` from their brands' newest knowledge bases."""
    impressions = arm_stats.groupby("creative_id")["impressions"].sum().to_dict()
    by_brand: dict[str, list[Creative]] = {}
    for c in creatives:
        by_brand.setdefault(c.brand_id, []).append(c)
    out = KBPriors()
    registry = KBRegistry.for_settings(rt.settings)
    for brand_id, group in sorted(by_brand.items()):
        kb = registry.latest(brand_id)
        if kb is None:
            continue
        with rt.store.session() as s:
            pack = repos.get_brand_pack(s, brand_id)
        tokenizer = WordTokenizer.for_pack(pack)
        features = {c.id: creative_features(c, tokenizer) for c in group}
        live: dict[tuple[str, str], list[str]] = {}
        for c in group:
            live.setdefault((c.segment_key, str(c.channel)), []).append(c.id)
        got = kb_priors(kb, live, features, impressions)
        out.means.update(got.means)
        out.strengths.update(got.strengths)
        out.loadings.update(got.loadings)
    return out
