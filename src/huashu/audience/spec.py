"""The segment file: named rule segments, cross-product dimensions, value tiers and field labels.

A segment file is YAML or JSON (format: docs/audience.md); :func:`load_spec` reads one from disk
and :func:`parse_spec` checks an already-parsed mapping. Rules stay raw mappings here; they are
checked against the user table's schema when compiled (:mod:`huashu.audience.rules`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from huashu.audience.bounds import check_spec, check_tree, load_text
from huashu.domain import BrandPack, InputError, NotFound

SmallPolicy = Literal["merge", "mark"]

_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_\-]*$")
_TOP_KEYS = {
    "version",
    "name",
    "users",
    "id",
    "min_size",
    "small",
    "value_tiers",
    "segments",
    "cross",
    "fields",
}


@dataclass(frozen=True)
class RuleSegment:
    """A named segment defined by a rule (a raw condition mapping)."""

    key: str
    name: str
    rule: Mapping[str, Any]


@dataclass(frozen=True)
class DimValue:
    """One value of a cross dimension: ``field == value`` or its own ``rule``."""

    key: str
    label: str
    value: Any = None
    rule: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class CrossDim:
    name: str
    field: str | None
    values: tuple[DimValue, ...]


@dataclass(frozen=True)
class TierSpec:
    """RFM tiers joined onto the users: computed from ``transactions`` or read from ``table``."""

    transactions: str | None = None
    table: str | None = None
    as_of: str | None = None
    user_column: str = "user_id"
    time_column: str = "ts"
    amount_column: str = "amount"
    bins: int = 5
    high_min: int = 12
    mid_min: int = 8
    window_days: int | None = None


@dataclass(frozen=True)
class FieldLabel:
    label: str
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SegmentSpec:
    """A parsed segment file."""

    name: str = "segments"
    users: str = "users"
    id: str = "user_id"
    min_size: int = 200
    small: SmallPolicy = "merge"
    segments: tuple[RuleSegment, ...] = ()
    dimensions: tuple[CrossDim, ...] = ()
    within: str | None = None
    value_tiers: TierSpec | None = None
    fields: Mapping[str, FieldLabel] = field(default_factory=dict)


def _bad(where: str, message: str, message_zh: str, **details: object) -> InputError:
    return InputError(
        f"{where}: {message}",
        message_zh=f"{where}：{message_zh}",
        code="bad_segment_file",
        details={"where": where, **details},
    )


def _mapping(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _bad(where, "must be a mapping", "应为映射（键: 值）")
    return value


def _list(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise _bad(where, "must be a list", "应为列表")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _bad(where, "must be non-empty text", "应为非空文本")
    return value


def _key(value: object, where: str) -> str:
    text = _text(value, where)
    if not _KEY.match(text):
        raise _bad(
            where,
            f"{text!r} must be ASCII letters, digits, '_' or '-'",
            f"{text!r} 只能包含英文字母、数字、下划线或连字符",
        )
    return text


def _int(value: object, where: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _bad(where, f"must be an integer >= {minimum}", f"应为不小于 {minimum} 的整数")
    return value


def _key_part(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _dim_value(raw: object, where: str, field_name: str | None) -> DimValue:
    item = _mapping(raw, where)
    label = _text(item.get("label"), f"{where}.label")
    has_value, has_rule = "value" in item, "rule" in item
    if has_value == has_rule:
        raise _bad(
            where, "give exactly one of 'value' or 'rule'", "'value' 与 'rule' 必须且只能给一个"
        )
    if has_value:
        if field_name is None:
            raise _bad(
                where,
                "a 'value' needs the dimension's 'field'",
                "使用 'value' 时维度必须有 'field'",
            )
        key = _key(item.get("key", _key_part(item["value"])), f"{where}.key")
        return DimValue(key=key, label=label, value=item["value"])
    key = _key(item.get("key"), f"{where}.key")
    return DimValue(key=key, label=label, rule=_mapping(item["rule"], f"{where}.rule"))


def _dimension(raw: object, where: str) -> CrossDim:
    item = _mapping(raw, where)
    name = _key(item.get("name"), f"{where}.name")
    field_name = _text(item["field"], f"{where}.field") if "field" in item else None
    values = tuple(
        _dim_value(v, f"{where}.values[{i}]", field_name)
        for i, v in enumerate(_list(item.get("values"), f"{where}.values"))
    )
    if not values:
        raise _bad(f"{where}.values", "must not be empty", "不能为空")
    for attr, what in (("key", "keys"), ("label", "labels")):
        seen = [getattr(v, attr) for v in values]
        dupes = sorted({s for s in seen if seen.count(s) > 1})
        if dupes:
            raise _bad(
                f"{where}.values",
                f"duplicate value {what}: {', '.join(dupes)}",
                f"取值重复：{'、'.join(dupes)}",
            )
    return CrossDim(name=name, field=field_name, values=values)


def _tiers(raw: object) -> TierSpec:
    item = _mapping(raw, "value_tiers")
    known = set(TierSpec.__dataclass_fields__)
    unknown = sorted(set(item) - known)
    if unknown:
        raise _bad(
            "value_tiers",
            f"unknown key(s): {', '.join(unknown)}",
            f"未知的键：{'、'.join(unknown)}",
        )
    if ("transactions" in item) == ("table" in item):
        raise _bad(
            "value_tiers",
            "give exactly one of 'transactions' or 'table'",
            "'transactions' 与 'table' 必须且只能给一个",
        )
    kwargs: dict[str, Any] = {}
    for name in ("transactions", "table", "user_column", "time_column", "amount_column"):
        if name in item:
            kwargs[name] = _text(item[name], f"value_tiers.{name}")
    if "as_of" in item:
        kwargs["as_of"] = str(item["as_of"])
    for name, minimum in (("bins", 2), ("high_min", 1), ("mid_min", 1), ("window_days", 1)):
        if name in item:
            kwargs[name] = _int(item[name], f"value_tiers.{name}", minimum)
    return TierSpec(**kwargs)


def _fields(raw: object) -> dict[str, FieldLabel]:
    out: dict[str, FieldLabel] = {}
    for name, spec in _mapping(raw, "fields").items():
        item = _mapping(spec, f"fields.{name}")
        values = _mapping(item.get("values", {}), f"fields.{name}.values")
        out[str(name)] = FieldLabel(
            label=_text(item.get("label", str(name)), f"fields.{name}.label"),
            values={_key_part(k): str(v) for k, v in values.items()},
        )
    return out


def parse_spec(data: object, source: str = "<segments>") -> SegmentSpec:
    """Check a parsed segment file; raise :class:`InputError` naming the first bad entry.
    Size bounds (:mod:`huashu.audience.bounds`) are checked first and last."""
    check_tree(data, source)
    top = _mapping(data, source)
    unknown = sorted(set(top) - _TOP_KEYS)
    if unknown:
        raise _bad(
            source, f"unknown key(s): {', '.join(unknown)}", f"未知的键：{'、'.join(unknown)}"
        )
    if top.get("version", 1) != 1:
        raise _bad("version", "only version 1 is supported", "只支持 version: 1")
    small = top.get("small", "merge")
    if small not in ("merge", "mark"):
        raise _bad(
            "small",
            f"must be 'merge' or 'mark', got {small!r}",
            f"应为 'merge' 或 'mark'，收到 {small!r}",
        )
    segments: list[RuleSegment] = []
    for i, raw in enumerate(_list(top.get("segments", []), "segments")):
        item = _mapping(raw, f"segments[{i}]")
        key = _key(item.get("key"), f"segments[{i}].key")
        name = _text(item.get("name", key), f"segments[{i}].name")
        segments.append(RuleSegment(key, name, _mapping(item.get("rule"), f"segments[{i}].rule")))
    keys = [s.key for s in segments]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise _bad(
            "segments",
            f"duplicate segment key(s): {', '.join(dupes)}",
            f"人群键重复：{'、'.join(dupes)}",
        )
    dims: tuple[CrossDim, ...] = ()
    within = None
    if "cross" in top:
        cross = _mapping(top["cross"], "cross")
        raw_dims = _list(cross.get("dimensions"), "cross.dimensions")
        dims = tuple(_dimension(d, f"cross.dimensions[{i}]") for i, d in enumerate(raw_dims))
        if not dims:
            raise _bad("cross.dimensions", "must not be empty", "不能为空")
        if "within" in cross:
            within = _key(cross["within"], "cross.within")
            if within not in keys:
                raise _bad(
                    "cross.within", f"unknown segment {within!r}", f"未定义的人群 {within!r}"
                )
    if not segments and not dims:
        raise _bad(source, "define 'segments', 'cross' or both", "至少要定义 'segments' 或 'cross'")
    spec = SegmentSpec(
        name=_text(top.get("name", Path(source).stem or "segments"), "name"),
        users=_text(top.get("users", "users"), "users"),
        id=_text(top.get("id", "user_id"), "id"),
        min_size=_int(top.get("min_size", 200), "min_size", 0),
        small=small,
        segments=tuple(segments),
        dimensions=dims,
        within=within,
        value_tiers=_tiers(top["value_tiers"]) if "value_tiers" in top else None,
        fields=_fields(top.get("fields", {})),
    )
    check_spec(spec, source)
    return spec


def read_spec_text(text: str, source: str) -> SegmentSpec:
    """Parse YAML or JSON text (JSON is YAML) into a :class:`SegmentSpec`."""
    try:
        data = load_text(text, source)
    except (yaml.YAMLError, json.JSONDecodeError) as err:
        raise InputError(
            f"{source}: not valid YAML/JSON: {err}",
            message_zh=f"{source}：不是有效的 YAML/JSON：{err}",
            code="bad_segment_file",
            details={"where": source},
        ) from err
    return parse_spec(data, source)


def load_spec(path: Path) -> SegmentSpec:
    """Read a segment file from disk."""
    if not path.is_file():
        raise NotFound(
            f"segment file {path} does not exist",
            message_zh=f"人群文件 {path} 不存在",
            code="segment_file_not_found",
            details={"file": str(path)},
        )
    return read_spec_text(path.read_text("utf-8-sig"), str(path))


def spec_from_pack(pack: BrandPack, users: str = "users", min_size: int = 200) -> SegmentSpec:
    """The cross product of a brand pack's dimensions as a segment file (keys as in
    :func:`huashu.audience.cross_segments`)."""
    dims = tuple(
        CrossDim(
            name=d.name,
            field=d.field,
            values=tuple(
                DimValue(key=_key_part(v.value), label=v.label, value=v.value) for v in d.values
            ),
        )
        for d in pack.dimensions
    )
    fields = {
        d.field: FieldLabel(label=d.name, values={_key_part(v.value): v.label for v in d.values})
        for d in pack.dimensions
    }
    return SegmentSpec(name=pack.id, users=users, min_size=min_size, dimensions=dims, fields=fields)
