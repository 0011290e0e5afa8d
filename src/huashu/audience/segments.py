"""Cross-product segments from a pack's dimensions, and which segment each user falls in."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from huashu.domain import BrandPack, InputError, Segment


def _key_part(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def cross_segments(pack: BrandPack, focus: tuple[str, ...] = ()) -> list[Segment]:
    """Every combination of dimension values, e.g. ``养殖户·有优惠``.

    ``focus`` holds value labels (e.g. ``("养殖户",)``): when given, only segments carrying at
    least one of them per dimension where a label was named are kept.
    """
    focused = {d.name: {v.label for v in d.values if v.label in focus} for d in pack.dimensions}
    out: list[Segment] = []
    for combo in itertools.product(*(d.values for d in pack.dimensions)):
        keep = all(
            not focused[d.name] or v.label in focused[d.name]
            for d, v in zip(pack.dimensions, combo, strict=True)
        )
        if not keep:
            continue
        out.append(
            Segment(
                key=".".join(_key_part(v.value) for v in combo),
                name="·".join(v.label for v in combo),
                rule={d.field: v.value for d, v in zip(pack.dimensions, combo, strict=True)},
                labels={d.name: v.label for d, v in zip(pack.dimensions, combo, strict=True)},
            )
        )
    return out


def check_fields(pack: BrandPack, users: pd.DataFrame) -> None:
    """Every dimension's field must be a column of ``users``."""
    missing = [d for d in pack.dimensions if d.field not in users.columns]
    if missing:
        names = ", ".join(f"{d.name}.field={d.field}" for d in missing)
        columns = ", ".join(map(str, users.columns))
        raise InputError(
            f"unknown segment field(s): {names}; user columns: {columns}",
            message_zh=(
                "人群维度引用了用户数据中不存在的字段："
                + "、".join(d.field for d in missing)
                + f"（可用字段：{'、'.join(map(str, users.columns))}）"
            ),
            code="unknown_segment_field",
            details={"fields": [d.field for d in missing]},
        )


def assign_segments(
    pack: BrandPack, segments: list[Segment], users: pd.DataFrame
) -> tuple[np.ndarray, dict[str, int]]:
    """The segment key of each user ('' for users in no listed segment) and segment sizes."""
    check_fields(pack, users)
    keys = np.full(len(users), "", dtype=object)
    sizes: dict[str, int] = {}
    for seg in segments:
        mask = np.ones(len(users), dtype=bool)
        for field, value in seg.rule.items():
            mask &= (users[field] == value).to_numpy()
        keys[mask] = seg.key
        sizes[seg.key] = int(mask.sum())
    return keys, sizes
