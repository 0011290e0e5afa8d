"""Segment profiles: the attributes most over-represented in a segment vs. the population (lift),
rendered as a short zh description such as ``多为高价值、华东地区；年龄偏大`` for the generator."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

import numpy as np

from huashu.audience.engine import to_pandas
from huashu.audience.plan import AudiencePlan, Compiled, membership
from huashu.audience.rules import field_kind
from huashu.audience.spec import FieldLabel, SegmentSpec
from huashu.audience.tiers import TIER_LABELS

MAX_CATEGORIES = 30
#: up to this many value combinations of the categorical fields, one joint query serves them all
MAX_JOINT = 20_000
MIN_LIFT = 1.2
MIN_SHARE = 0.2
MIN_SHIFT = 0.25


def rule_fields(rule: object) -> Iterator[str]:
    if isinstance(rule, Mapping):
        if "field" in rule:
            yield str(rule["field"])
        for value in rule.values():
            yield from rule_fields(value)
    elif isinstance(rule, list):
        for item in rule:
            yield from rule_fields(item)


def _defining_fields(spec: SegmentSpec, rule: Mapping[str, Any]) -> set[str]:
    by_key = {s.key: s.rule for s in spec.segments}
    out: set[str] = set()
    todo = [rule]
    seen: set[str] = set()
    while todo:
        current = todo.pop()
        out |= set(rule_fields(current))
        for ref in _refs(current):
            if ref not in seen and ref in by_key:
                seen.add(ref)
                todo.append(by_key[ref])
    return out


def _refs(rule: object) -> Iterator[str]:
    if isinstance(rule, Mapping):
        if "segment" in rule and isinstance(rule["segment"], str):
            yield rule["segment"]
        for value in rule.values():
            yield from _refs(value)
    elif isinstance(rule, list):
        for item in rule:
            yield from _refs(item)


def _columns(compiled: Compiled) -> tuple[list[str], list[str], int]:
    schema = compiled.population.schema()
    skip = {compiled.spec.id}
    strings = [
        c for c in schema.names if c not in skip and field_kind(schema[c]) in ("string", "boolean")
    ]
    numbers = [c for c in schema.names if c not in skip and field_kind(schema[c]) == "number"]
    if strings:
        pop = compiled.population
        counts = to_pandas(pop.aggregate(**{c: pop[c].nunique() for c in strings}))
        strings = [c for c in strings if int(counts[c].iloc[0]) <= MAX_CATEGORIES]
        combos = int(np.prod([int(counts[c].iloc[0]) + 1 for c in strings]))
        return strings, numbers, combos
    return strings, numbers, 0


#: labels for fields huashu itself computes; a segment file's ``fields`` override them
DEFAULT_FIELDS = {"value_tier": FieldLabel(label="价值分层", values=TIER_LABELS)}


def _label(fields: Mapping[str, FieldLabel], column: str, value: object) -> str:
    key = ("yes" if value else "no") if isinstance(value, bool) else str(value)
    spec = fields.get(column, DEFAULT_FIELDS.get(column))
    if spec is not None and key in spec.values:
        return spec.values[key]
    name = spec.label if spec is not None else column
    return f"{name}为{key}"


def profile_plan(compiled: Compiled, plan: AudiencePlan, top: int = 2) -> AudiencePlan:
    """``plan`` with each segment's ``profile`` (lift table) and zh ``description`` filled in."""
    spec = compiled.spec
    keys = compiled.group_keys
    keyed = compiled.keyed()
    strings, numbers, combos = _columns(compiled)
    joint = None
    if strings and combos <= MAX_JOINT:
        joint = to_pandas(keyed.group_by([*keys, *strings]).aggregate(n=keyed.count()))
    n_seg = len(plan.segments)
    population = max(plan.population, 1)
    sizes = np.array([max(s.size, 1) for s in plan.segments], dtype=np.float64)
    cats: list[list[dict[str, Any]]] = [[] for _ in range(n_seg)]
    for column in strings:
        if joint is not None:
            frame = joint.groupby([*keys, column], dropna=False, sort=False)["n"].sum()
            frame = frame.reset_index()
        else:
            frame = to_pandas(keyed.group_by([*keys, column]).aggregate(n=keyed.count()))
        frame = frame[frame[column].notna()].reset_index(drop=True)
        if frame.empty:
            continue
        member = membership(compiled, frame, plan.groups).astype(np.float64)
        for value, part in frame.groupby(column, sort=True):
            counts = part["n"].to_numpy(dtype=np.float64)
            in_seg = counts @ member[part.index.to_numpy()]
            pop_share = counts.sum() / population
            for i in range(n_seg):
                share = in_seg[i] / sizes[i]
                cats[i].append(
                    {
                        "field": column,
                        "value": value.item() if hasattr(value, "item") else value,
                        "label": _label(spec.fields, column, value),
                        "share": round(float(share), 4),
                        "population_share": round(float(pop_share), 4),
                        "lift": round(float(share / pop_share), 3) if pop_share else 0.0,
                    }
                )
    means: list[list[dict[str, Any]]] = [[] for _ in range(n_seg)]
    if numbers:
        aggs: dict[str, Any] = {"n": keyed.count()}
        for c in numbers:
            col = keyed[c].cast("float64")
            aggs[f"{c}__s"] = col.sum()
            aggs[f"{c}__q"] = (col * col).sum()
            aggs[f"{c}__k"] = col.count()
        frame = to_pandas(
            keyed.group_by(keys).aggregate(**aggs) if keys else keyed.aggregate(**aggs)
        )
        member = membership(compiled, frame, plan.groups).astype(np.float64)
        for c in numbers:
            s = frame[f"{c}__s"].fillna(0).to_numpy(dtype=np.float64)
            q = frame[f"{c}__q"].fillna(0).to_numpy(dtype=np.float64)
            k = frame[f"{c}__k"].to_numpy(dtype=np.float64)
            if k.sum() == 0:
                continue
            mean_pop = s.sum() / k.sum()
            std_pop = float(np.sqrt(max(q.sum() / k.sum() - mean_pop**2, 0.0)))
            seg_k = k @ member
            seg_mean = np.divide(s @ member, seg_k, out=np.full(n_seg, np.nan), where=seg_k > 0)
            for i in range(n_seg):
                if np.isnan(seg_mean[i]) or std_pop == 0:
                    continue
                means[i].append(
                    {
                        "field": c,
                        "label": spec.fields[c].label if c in spec.fields else c,
                        "mean": round(float(seg_mean[i]), 3),
                        "population_mean": round(float(mean_pop), 3),
                        "shift": round(float((seg_mean[i] - mean_pop) / std_pop), 3),
                    }
                )
    out = []
    for i, seg in enumerate(plan.segments):
        defining = _defining_fields(spec, seg.rule)
        cat = [p for p in cats[i] if p["field"] not in defining]
        num = [p for p in means[i] if p["field"] not in defining]
        out.append(
            replace(seg, profile=tuple(_top(cat, num, top)), description=describe(cat, num, top))
        )
    return replace(plan, segments=out)


def _over(cat: list[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    best: dict[str, dict[str, Any]] = {}
    for p in cat:
        better = p["field"] not in best or p["lift"] > best[p["field"]]["lift"]
        if p["lift"] >= MIN_LIFT and p["share"] >= MIN_SHARE and better:
            best[p["field"]] = p
    return sorted(best.values(), key=lambda p: (-p["lift"], p["field"]))[:top]


def _shifted(num: list[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    big = [p for p in num if abs(p["shift"]) >= MIN_SHIFT]
    return sorted(big, key=lambda p: (-abs(p["shift"]), p["field"]))[:top]


def _top(cat: list[dict[str, Any]], num: list[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    return [{"kind": "category", **p} for p in _over(cat, top)] + [
        {"kind": "mean", **p} for p in _shifted(num, top)
    ]


def describe(cat: list[dict[str, Any]], num: list[dict[str, Any]], top: int = 2) -> str:
    """``多为高价值、华东地区；年龄偏大`` from the over-represented attributes."""
    parts = []
    over = _over(cat, top)
    if over:
        parts.append("多为" + "、".join(p["label"] for p in over))
    shifted = _shifted(num, top)
    if shifted:
        parts.append(
            "、".join(f"{p['label']}{'偏高' if p['shift'] > 0 else '偏低'}" for p in shifted)
        )
    return "；".join(parts) if parts else "与总体分布接近"
