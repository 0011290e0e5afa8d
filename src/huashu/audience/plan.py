"""Compile a segment file against a user table and size it: segments, sizes and overlaps.

One engine query does the sizing: users are grouped by their cross-product cell id and bit masks
of the named rule segments; sizes and the whole overlap matrix follow from those group counts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import ibis
import numpy as np
import numpy.typing as npt
import pandas as pd

from huashu.audience.cross import Cell, CrossGroup, cell_id_expr, cells, rollup, value_rule
from huashu.audience.engine import shown_name, table, to_pandas
from huashu.audience.rules import RuleCompiler, rule_error
from huashu.audience.spec import SegmentSpec
from huashu.audience.tiers import with_tiers
from huashu.domain import InputError

_BITS = 62


@dataclass
class Compiled:
    """A segment file compiled against one population table (all Ibis expressions)."""

    spec: SegmentSpec
    population: Any
    rule_exprs: dict[str, Any]
    cells: list[Cell]
    cell_id: Any | None

    @property
    def group_keys(self) -> list[str]:
        words = (len(self.rule_exprs) + _BITS - 1) // _BITS
        return (["cell"] if self.cell_id is not None else []) + [f"w{j}" for j in range(words)]

    def keyed(self) -> Any:
        """The population with the grouping columns (cell id, rule-segment bit words) added."""
        cols: dict[str, Any] = {}
        if self.cell_id is not None:
            cols["cell"] = self.cell_id
        exprs = list(self.rule_exprs.values())
        for j in range(0, len(exprs), _BITS):
            word: Any = ibis.literal(0, type="int64")
            for b, expr in enumerate(exprs[j : j + _BITS]):
                word = word + expr.ifelse(ibis.literal(1 << b, type="int64"), 0)
            cols[f"w{j // _BITS}"] = word
        return self.population.mutate(**cols)


def population_table(con: Any, spec: SegmentSpec) -> Any:
    users = table(con, spec.users)
    if spec.id not in users.schema():
        shown = shown_name(spec.users)
        raise InputError(
            f"user table '{shown}' has no id column '{spec.id}'",
            message_zh=f"用户表 '{shown}' 没有 ID 列 '{spec.id}'",
            code="unknown_field",
            details={"field": spec.id, "table": shown},
        )
    return with_tiers(con, users, spec.value_tiers, spec.id)


def compile_spec(population: Any, spec: SegmentSpec) -> Compiled:
    """Check every rule against ``population``'s schema and build the expressions."""
    by_key = {s.key: s for s in spec.segments}
    exprs: dict[str, Any] = {}
    stack: list[str] = []

    def resolve(key: str, referrer: str) -> Any:
        if key not in by_key:
            raise InputError(
                f"segment '{referrer}': unknown segment reference '{key}'",
                message_zh=f"人群 '{referrer}'：引用了未定义的人群 '{key}'",
                code="unknown_segment",
                details={"segment": referrer, "reference": key},
            )
        if key in exprs:
            return exprs[key]
        if key in stack:
            cycle = [*stack[stack.index(key) :], key]
            raise InputError(
                f"segment reference cycle: {' -> '.join(cycle)}",
                message_zh=f"人群引用形成循环：{' -> '.join(cycle)}",
                code="segment_cycle",
                details={"cycle": cycle},
            )
        stack.append(key)
        expr = compiler.compile(by_key[key].rule, key)
        stack.pop()
        exprs[key] = expr
        return expr

    compiler = RuleCompiler(population, resolve)
    for seg in spec.segments:
        resolve(seg.key, seg.key)
    cell_id = None
    all_cells: list[Cell] = []
    if spec.dimensions:
        all_cells = cells(spec)
        dim_exprs = [
            [
                compiler.compile(value_rule(d, v), f"cross.{d.name}", f"values[{i}]")
                for i, v in enumerate(d.values)
            ]
            for d in spec.dimensions
        ]
        cell_id = cell_id_expr(dim_exprs, exprs[spec.within] if spec.within else None)
    ordered = {s.key: exprs[s.key] for s in spec.segments}
    return Compiled(spec, population, ordered, all_cells, cell_id)


@dataclass(frozen=True)
class SegmentResult:
    key: str
    name: str
    kind: str
    status: str
    size: int
    share: float
    rule: dict[str, Any]
    labels: dict[str, str] = field(default_factory=dict)
    merged_from: tuple[str, ...] = ()
    description: str = ""
    profile: tuple[dict[str, Any], ...] = ()


@dataclass
class AudiencePlan:
    """Sizes, overlap matrix (users in both, same order as ``segments``) and timings."""

    name: str
    population: int
    min_size: int
    small: str
    segments: list[SegmentResult]
    overlap: npt.NDArray[np.int64]
    seconds: dict[str, float]
    groups: list[CrossGroup] = field(default_factory=list)

    def sizes(self) -> dict[str, int]:
        return {s.key: s.size for s in self.segments}

    def segment(self, key: str) -> SegmentResult:
        for s in self.segments:
            if s.key == key:
                return s
        raise InputError(
            f"no segment '{key}' in {self.name}",
            message_zh=f"{self.name} 中没有人群 '{key}'",
            code="unknown_segment",
            details={"segment": key},
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "population": self.population,
            "min_size": self.min_size,
            "small": self.small,
            "segments": [
                {
                    "key": s.key,
                    "name": s.name,
                    "kind": s.kind,
                    "status": s.status,
                    "size": s.size,
                    "share": round(s.share, 6),
                    "rule": s.rule,
                    "labels": s.labels,
                    "merged_from": list(s.merged_from),
                    "description": s.description,
                    "profile": list(s.profile),
                }
                for s in self.segments
            ],
            "overlap": {
                "keys": [s.key for s in self.segments],
                "matrix": self.overlap.tolist(),
            },
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }


def membership(
    compiled: Compiled, groups: pd.DataFrame, finals: list[CrossGroup]
) -> npt.NDArray[np.bool_]:
    """Which final segment (rule segments, then cross groups) each group row belongs to."""
    n_rules = len(compiled.rule_exprs)
    out = np.zeros((len(groups), n_rules + len(finals)), dtype=bool)
    for i in range(n_rules):
        word = groups[f"w{i // _BITS}"].to_numpy(dtype=np.int64)
        out[:, i] = (word >> (i % _BITS)) & 1 == 1
    if finals:
        cell = groups["cell"].to_numpy(dtype=np.float64)
        owner = np.full(len(compiled.cells) + 1, -1, dtype=np.int64)
        for g, group in enumerate(finals):
            owner[list(group.cells)] = g
        idx = np.where(np.isnan(cell), len(compiled.cells), np.nan_to_num(cell)).astype(np.int64)
        mine = owner[idx]
        rows = np.nonzero(mine >= 0)[0]
        out[rows, n_rules + mine[rows]] = True
    return out


def group_counts(compiled: Compiled) -> pd.DataFrame:
    keys = compiled.group_keys
    keyed = compiled.keyed()
    if not keys:
        return to_pandas(keyed.aggregate(n=keyed.count()))
    return to_pandas(keyed.group_by(keys).aggregate(n=keyed.count()))


def size_plan(compiled: Compiled) -> AudiencePlan:
    """Sizes and overlaps of every segment (one grouped query), cross cells rolled up."""
    spec = compiled.spec
    started = time.perf_counter()
    groups = group_counts(compiled)
    counts = groups["n"].to_numpy(dtype=np.int64)
    population = int(counts.sum())
    finals: list[CrossGroup] = []
    if compiled.cell_id is not None:
        cell = groups["cell"].to_numpy(dtype=np.float64)
        known = ~np.isnan(cell)
        cell_sizes = np.bincount(
            cell[known].astype(np.int64), weights=counts[known], minlength=len(compiled.cells)
        ).astype(np.int64)
        finals = rollup(spec, compiled.cells, [int(x) for x in cell_sizes])
    member = membership(compiled, groups, finals)
    weighted = member.astype(np.int64) * counts[:, None]
    overlap = member.astype(np.int64).T @ weighted
    sizes = np.diag(overlap)
    results: list[SegmentResult] = []
    for i, seg in enumerate(spec.segments):
        size = int(sizes[i])
        results.append(
            SegmentResult(
                key=seg.key,
                name=seg.name,
                kind="rule",
                status="ok" if size >= spec.min_size else "too_small",
                size=size,
                share=size / population if population else 0.0,
                rule=dict(seg.rule),
            )
        )
    for g, group in enumerate(finals):
        size = int(sizes[len(spec.segments) + g])
        results.append(
            SegmentResult(
                key=group.key,
                name=group.name,
                kind=group.kind,
                status=group.status,
                size=size,
                share=size / population if population else 0.0,
                rule=group.rule,
                labels=group.labels,
                merged_from=group.merged_from,
            )
        )
    keys = [r.key for r in results]
    clash = sorted({k for k in keys if keys.count(k) > 1})
    if clash:
        raise rule_error(
            clash[0],
            "key",
            "duplicate_segment",
            "a rule segment and a cross segment share this key",
            "命名人群与交叉人群的键重复",
        )
    seconds = {"sizing": time.perf_counter() - started}
    return AudiencePlan(
        name=spec.name,
        population=population,
        min_size=spec.min_size,
        small=spec.small,
        segments=results,
        overlap=overlap,
        seconds=seconds,
        groups=finals,
    )


def segment_expr(compiled: Compiled, plan: AudiencePlan, key: str) -> Any:
    """The boolean Ibis expression selecting the members of segment ``key``."""
    if key in compiled.rule_exprs:
        return compiled.rule_exprs[key]
    for group in plan.groups:
        if group.key == key:
            assert compiled.cell_id is not None
            return compiled.cell_id.isin(list(group.cells)).fill_null(False)
    plan.segment(key)
    raise AssertionError(key)
