"""Sizing, overlaps, cross products with the minimum size (merge / mark) and profiles."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from tests.audience.conftest import EXAMPLES

from huashu.audience import cross_segments, load_spec, parse_spec, preview, spec_from_pack
from huashu.audience.engine import table, write_table
from huashu.audience.plan import compile_spec, size_plan
from huashu.domain import BrandPack


def test_example_bank_file_sizes_and_overlaps_match_pandas(
    con: Any, bank_users: pd.DataFrame
) -> None:
    spec = replace(load_spec(EXAMPLES / "segments" / "rural_bank.yaml"), min_size=0)
    plan = preview(con, spec)
    u = bank_users
    farmers = u.occupation.isin(["livestock", "crop"])
    young = farmers & (u.age < 35)
    owners = u.occupation.isin(["smb", "merchant"]) & u.rate_discount_eligible
    high = (u.value_tier == "high") & (u.region != "east")
    masks = {
        "farmers": farmers,
        "young_farmers": young,
        "business_owners_with_discount": owners,
        "high_value_outside_east": high,
    }
    for occ in ("livestock", "crop", "smb", "merchant", "salaried"):
        for flag, word in ((True, "yes"), (False, "no")):
            masks[f"{occ}.{word}"] = (u.occupation == occ) & (u.rate_discount_eligible == flag)
    assert plan.population == 5_000
    assert [s.key for s in plan.segments] == list(masks)
    assert plan.sizes() == {k: int(m.sum()) for k, m in masks.items()}
    stacked = np.column_stack([m.to_numpy() for m in masks.values()]).astype(np.int64)
    assert (plan.overlap == stacked.T @ stacked).all()
    assert all(s.status == "ok" for s in plan.segments)
    assert plan.segment("livestock.yes").name == "养殖户·有优惠"
    assert plan.segment("livestock.yes").rule == {
        "all": [
            {"field": "occupation", "op": "==", "value": "livestock"},
            {"field": "rate_discount_eligible", "op": "==", "value": True},
        ]
    }


def test_pack_spec_keys_match_cross_segments(
    bank_pack: BrandPack, cosmetics_pack: BrandPack
) -> None:
    for pack in (bank_pack, cosmetics_pack):
        spec = spec_from_pack(pack)
        from huashu.audience.cross import cells

        assert [c.key for c in cells(spec)] == [s.key for s in cross_segments(pack)]
        assert [c.name for c in cells(spec)] == [s.name for s in cross_segments(pack)]


def _small_world(con: Any) -> None:
    # region a: x1=300, x2=150, x3=100 ; region b: x1=120, x2=60, x3=0 ; region c: x1=50
    rows = [
        ("a", "x1", 300),
        ("a", "x2", 150),
        ("a", "x3", 100),
        ("b", "x1", 120),
        ("b", "x2", 60),
        ("c", "x1", 50),
    ]
    region, kind = [], []
    for r, k, n in rows:
        region += [r] * n
        kind += [k] * n
    write_table(
        con, "users", pd.DataFrame({"user_id": range(len(region)), "region": region, "kind": kind})
    )


SMALL_SPEC: dict[str, Any] = {
    "min_size": 200,
    "cross": {
        "dimensions": [
            {
                "name": "region",
                "field": "region",
                "values": [
                    {"label": "A区", "value": "a"},
                    {"label": "B区", "value": "b"},
                    {"label": "C区", "value": "c"},
                ],
            },
            {
                "name": "kind",
                "field": "kind",
                "values": [
                    {"label": "甲", "value": "x1"},
                    {"label": "乙", "value": "x2"},
                    {"label": "丙", "value": "x3"},
                ],
            },
        ]
    },
}


def test_small_cells_merge_into_their_parent(con: Any) -> None:
    _small_world(con)
    plan = preview(con, parse_spec(SMALL_SPEC, "s.yaml"), profiles=False)
    got = [(s.key, s.name, s.kind, s.status, s.size, s.merged_from) for s in plan.segments]
    assert got == [
        ("a.x1", "A区·甲", "cross", "ok", 300, ()),
        ("a.other", "A区·其他", "merged", "ok", 250, ("A区·乙", "A区·丙")),
        (
            "other",
            "其他（人数不足）",
            "merged",
            "too_small",
            230,
            ("B区·甲", "B区·乙", "B区·丙", "C区·甲", "C区·乙", "C区·丙"),
        ),
    ]
    assert plan.segment("a.other").rule == {
        "any": [
            {
                "all": [
                    {"field": "region", "op": "==", "value": "a"},
                    {"field": "kind", "op": "==", "value": "x2"},
                ]
            },
            {
                "all": [
                    {"field": "region", "op": "==", "value": "a"},
                    {"field": "kind", "op": "==", "value": "x3"},
                ]
            },
        ]
    }
    assert sum(s.size for s in plan.segments) == plan.population


def test_whole_parent_keeps_the_parent_name(con: Any) -> None:
    _small_world(con)
    spec = parse_spec({**SMALL_SPEC, "min_size": 150}, "s.yaml")
    plan = preview(con, spec, profiles=False)
    got = [(s.key, s.name, s.kind, s.status, s.size) for s in plan.segments]
    assert got == [
        ("a.x1", "A区·甲", "cross", "ok", 300),
        ("a.x2", "A区·乙", "cross", "ok", 150),
        ("b", "B区", "merged", "ok", 180),
        ("other", "其他（人数不足）", "merged", "too_small", 150),
    ]
    assert plan.segment("b").rule == {"field": "region", "op": "==", "value": "b"}


def test_mark_keeps_small_cells_marked(con: Any) -> None:
    _small_world(con)
    plan = preview(con, parse_spec({**SMALL_SPEC, "small": "mark"}, "s.yaml"), profiles=False)
    status = {s.key: (s.status, s.size) for s in plan.segments}
    assert status == {
        "a.x1": ("ok", 300),
        "a.x2": ("too_small", 150),
        "a.x3": ("too_small", 100),
        "b.x1": ("too_small", 120),
        "b.x2": ("too_small", 60),
        "b.x3": ("too_small", 0),
        "c.x1": ("too_small", 50),
        "c.x2": ("too_small", 0),
        "c.x3": ("too_small", 0),
    }


def test_rule_values_within_and_first_match(con: Any, bank_users: pd.DataFrame) -> None:
    spec = parse_spec(
        {
            "min_size": 0,
            "small": "mark",
            "segments": [
                {
                    "key": "farmers",
                    "rule": {"field": "occupation", "op": "in", "value": ["livestock", "crop"]},
                }
            ],
            "cross": {
                "within": "farmers",
                "dimensions": [
                    {
                        "name": "age",
                        "values": [
                            {
                                "key": "young",
                                "label": "青年",
                                "rule": {"field": "age", "op": "<", "value": 35},
                            },
                            {
                                "key": "any",
                                "label": "其余",
                                "rule": {"field": "age", "op": ">=", "value": 0},
                            },
                        ],
                    }
                ],
            },
        },
        "w.yaml",
    )
    plan = preview(con, spec, profiles=False)
    u = bank_users
    farmers = u.occupation.isin(["livestock", "crop"])
    assert plan.sizes() == {
        "farmers": int(farmers.sum()),
        "young": int((farmers & (u.age < 35)).sum()),
        "any": int((farmers & (u.age >= 35)).sum()),
    }


def test_profiles_name_over_represented_attributes(con: Any) -> None:
    n = 1000
    frame = pd.DataFrame(
        {
            "user_id": range(n),
            "occupation": ["smb"] * 400 + ["crop"] * 600,
            "value_tier": ["high"] * 300 + ["low"] * 100 + ["low"] * 500 + ["high"] * 100,
            "region": (["east"] * 250 + ["west"] * 150) + (["east"] * 100 + ["west"] * 500),
            "age": [50] * 400 + [30] * 600,
        }
    )
    write_table(con, "users", frame)
    spec = parse_spec(
        {
            "segments": [
                {"key": "smb", "name": "小微", "rule": {"field": "occupation", "value": "smb"}}
            ],
            "fields": {
                "value_tier": {"label": "价值分层", "values": {"high": "高价值"}},
                "region": {"label": "地区", "values": {"east": "华东地区"}},
                "age": {"label": "年龄"},
            },
        },
        "p.yaml",
    )
    smb = preview(con, spec).segment("smb")
    assert smb.description == "多为高价值、华东地区；年龄偏高"
    first = smb.profile[0]
    assert first["field"] == "value_tier" and first["value"] == "high"
    assert first["share"] == 0.75 and first["population_share"] == 0.4 and first["lift"] == 1.875
    assert all(p["field"] != "occupation" for p in smb.profile)


def test_segment_file_fixtures_exist_for_both_packs() -> None:
    for name in ("rural_bank", "cosmetics_xhs"):
        spec = load_spec(EXAMPLES / "segments" / f"{name}.yaml")
        assert spec.dimensions and spec.segments


def test_size_plan_counts_within_a_sub_population(con: Any, bank_users: pd.DataFrame) -> None:
    spec = replace(spec_from_pack_like(), min_size=0)
    compiled = compile_spec(table(con, "users"), spec)
    plan = size_plan(compiled)
    assert plan.population == 5_000
    assert sum(s.size for s in plan.segments if s.kind != "rule") == 5_000


def spec_from_pack_like() -> Any:
    return load_spec(EXAMPLES / "segments" / "rural_bank.yaml")


@pytest.mark.parametrize("pack_file", ["rural_bank.yaml", "cosmetics_xhs.yaml"])
def test_example_files_cover_the_pack_dimensions(
    pack_file: str, bank_pack: BrandPack, cosmetics_pack: BrandPack
) -> None:
    pack = bank_pack if pack_file == "rural_bank.yaml" else cosmetics_pack
    spec = load_spec(Path(EXAMPLES / "segments" / pack_file))
    assert [(d.name, d.field) for d in spec.dimensions] == [
        (d.name, d.field) for d in pack.dimensions
    ]
