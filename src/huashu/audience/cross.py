"""Cross-product cells of a segment file's dimensions, and the roll-up of cells below the minimum.

Every user falls in at most one cell: a dimension's values are tested in order and the first that
matches wins. With ``small: merge`` a cell below ``min_size`` is merged with its small siblings
into its parent (the cell without its last dimension), level by level; what is still too small at
the top is one ``too_small`` segment. With ``small: mark`` small cells are kept, marked.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import ibis

from huashu.audience.spec import CrossDim, DimValue, SegmentSpec


@dataclass(frozen=True)
class Cell:
    index: tuple[int, ...]
    key: str
    name: str
    labels: dict[str, str]
    rule: dict[str, Any]


@dataclass(frozen=True)
class CrossGroup:
    """A final cross segment: the cells it holds, its rule and how it came about."""

    key: str
    name: str
    kind: str
    status: str
    cells: tuple[int, ...]
    rule: dict[str, Any]
    labels: dict[str, str]
    merged_from: tuple[str, ...] = ()


def value_rule(dim: CrossDim, value: DimValue) -> dict[str, Any]:
    if value.rule is not None:
        return dict(value.rule)
    return {"field": dim.field, "op": "==", "value": value.value}


def _conj(parts: list[dict[str, Any]]) -> dict[str, Any]:
    return parts[0] if len(parts) == 1 else {"all": parts}


def cells(spec: SegmentSpec) -> list[Cell]:
    """Every combination of dimension values, in file order; position = cell id."""
    out = []
    prefix = [{"segment": spec.within}] if spec.within else []
    for index in itertools.product(*(range(len(d.values)) for d in spec.dimensions)):
        values = [d.values[i] for d, i in zip(spec.dimensions, index, strict=True)]
        out.append(
            Cell(
                index=tuple(index),
                key=".".join(v.key for v in values),
                name="·".join(v.label for v in values),
                labels={d.name: v.label for d, v in zip(spec.dimensions, values, strict=True)},
                rule=_conj(
                    prefix
                    + [value_rule(d, v) for d, v in zip(spec.dimensions, values, strict=True)]
                ),
            )
        )
    return out


def cell_id_expr(dim_exprs: list[list[Any]], within: Any | None) -> Any:
    """The int64 cell id of each row (null outside every cell) from per-value conditions."""
    sizes = [len(v) for v in dim_exprs]
    total: Any = ibis.literal(0, type="int64")
    stride = 1
    for conds, size in zip(reversed(dim_exprs), reversed(sizes), strict=True):
        index = ibis.cases(*((c, i) for i, c in enumerate(conds)), else_=None).cast("int64")
        total = total + index * stride
        stride *= size
    if within is not None:
        total = within.ifelse(total, ibis.null("int64"))
    return total


def _prefix(
    spec: SegmentSpec, prefix: tuple[int, ...]
) -> tuple[str, str, dict[str, Any], dict[str, str]]:
    values = [spec.dimensions[d].values[i] for d, i in enumerate(prefix)]
    dims = spec.dimensions[: len(prefix)]
    head = [{"segment": spec.within}] if spec.within else []
    return (
        ".".join(v.key for v in values),
        "·".join(v.label for v in values),
        _conj(head + [value_rule(d, v) for d, v in zip(dims, values, strict=True)]),
        {d.name: v.label for d, v in zip(dims, values, strict=True)},
    )


def rollup(spec: SegmentSpec, all_cells: list[Cell], sizes: list[int]) -> list[CrossGroup]:
    """Final cross segments given each cell's size (see the module docstring)."""
    by_index = {c.index: n for n, c in enumerate(all_cells)}
    depth = len(spec.dimensions)

    def single(n: int, status: str) -> CrossGroup:
        c = all_cells[n]
        return CrossGroup(c.key, c.name, "cross", status, (n,), c.rule, c.labels)

    if spec.small == "mark":
        return [
            single(n, "ok" if sizes[n] >= spec.min_size else "too_small")
            for n in range(len(all_cells))
        ]

    def walk(prefix: tuple[int, ...]) -> tuple[list[CrossGroup], list[int]]:
        if len(prefix) == depth:
            n = by_index[prefix]
            return ([single(n, "ok")], []) if sizes[n] >= spec.min_size else ([], [n])
        finals: list[CrossGroup] = []
        left: list[int] = []
        for i in range(len(spec.dimensions[len(prefix)].values)):
            f, rest = walk((*prefix, i))
            finals += f
            left += rest
        if prefix and left and sum(sizes[n] for n in left) >= spec.min_size:
            key, name, rule, labels = _prefix(spec, prefix)
            whole = not finals
            finals.append(
                CrossGroup(
                    key=key if whole else f"{key}.other",
                    name=name if whole else f"{name}·其他",
                    kind="merged",
                    status="ok",
                    cells=tuple(left),
                    rule=rule if whole else {"any": [all_cells[n].rule for n in left]},
                    labels=labels,
                    merged_from=tuple(all_cells[n].name for n in left),
                )
            )
            left = []
        return finals, left

    finals, left = walk(())
    if left and sum(sizes[n] for n in left) > 0:
        finals.append(
            CrossGroup(
                key="other",
                name="其他（人数不足）",
                kind="merged",
                status="too_small",
                cells=tuple(left),
                rule={"any": [all_cells[n].rule for n in left]},
                labels={},
                merged_from=tuple(all_cells[n].name for n in left),
            )
        )
    return sorted(finals, key=lambda g: (g.key == "other", min(g.cells)))
