"""Reading and checking world files (format: docs/simulator.md) into a :class:`World`.

Every problem raises :class:`~huashu.domain.InputError` whose message starts with the
dotted field path, e.g. ``population.occupation.shares: shares sum to 0.9, expected 1``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import get_args

import yaml

from huashu.domain import ChannelName, InputError
from huashu.sim.spec import (
    Attribute,
    AttributeValue,
    ConversionModel,
    DiscreteAttribute,
    IntegerAttribute,
    KeywordEffect,
    ResponseModel,
)
from huashu.sim.world import World

_TOP = ("name", "description", "population", "response", "conversion")
_TOLERANCE = 1e-6


class _Reader:
    """Field accessors that raise InputError naming the field and the source file."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, field: str, message: str, message_zh: str) -> InputError:
        return InputError(
            f"{field}: {message}",
            message_zh=f"世界文件字段 {field}：{message_zh}",
            code="invalid_world",
            details={"file": self.source, "field": field},
        )

    def mapping(self, value: object, field: str) -> Mapping[object, object]:
        if not isinstance(value, Mapping):
            raise self.fail(field, "expected a mapping", "应为映射（键: 值）")
        return value

    def keys(
        self,
        data: Mapping[object, object],
        field: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> None:
        allowed = required + optional
        for key in data:
            if key not in allowed:
                where = f"{field}.{key}" if field else str(key)
                raise self.fail(
                    where,
                    f"unknown field; expected one of: {', '.join(allowed)}",
                    f"未知字段，可用字段：{', '.join(allowed)}",
                )
        for key in required:
            if key not in data:
                where = f"{field}.{key}" if field else key
                raise self.fail(where, "required field is missing", "缺少必填字段")

    def text(self, value: object, field: str) -> str:
        if not isinstance(value, str) or not value:
            raise self.fail(field, "expected a non-empty string", "应为非空字符串")
        return value

    def number(self, value: object, field: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(
                field, f"expected a number, got {value!r}", f"应为数字，实际为 {value!r}"
            )
        if not math.isfinite(value):
            raise self.fail(field, f"expected a finite number, got {value!r}", "应为有限数字")
        return float(value)

    def integer(self, value: object, field: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(
                field, f"expected an integer, got {value!r}", f"应为整数，实际为 {value!r}"
            )
        return value

    def probability(self, value: object, field: str, what: str = "probability") -> float:
        p = self.number(value, field)
        if not 0.0 <= p <= 1.0:
            raise self.fail(
                field,
                f"{what} must be between 0 and 1, got {p:g}",
                f"取值应在 0 到 1 之间，实际为 {p:g}",
            )
        return p

    def shares(self, value: object, field: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
        data = self.mapping(value, field)
        if not data:
            raise self.fail(field, "at least one value is required", "至少需要一个取值")
        names = tuple(self.text(key, f"{field}.{key}") for key in data)
        shares = tuple(self.probability(data[k], f"{field}.{k}", "share") for k in names)
        total = sum(shares)
        if abs(total - 1.0) > _TOLERANCE:
            raise self.fail(
                field, f"shares sum to {total:g}, expected 1", f"占比之和为 {total:g}，应为 1"
            )
        return names, shares


def load_world(path: str | Path) -> World:
    """Read a world YAML file. Raises InputError naming the file and the bad field."""
    file = Path(path)
    reader = _Reader(str(file))
    try:
        raw = file.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(
            f"cannot read world file {file}: {err.strerror}",
            message_zh=f"无法读取世界文件 {file}：{err.strerror}",
            code="invalid_world",
            details={"file": str(file)},
        ) from err
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(
            f"world file {file} is not valid YAML (line {line})",
            message_zh=f"世界文件 {file} 不是合法的 YAML（第 {line} 行）",
            code="invalid_world",
            details={"file": str(file), "line": line},
        ) from err
    return _parse(data, reader)


def parse_world(data: object, source: str = "<memory>") -> World:
    """Build a World from already-parsed YAML data (a mapping)."""
    return _parse(data, _Reader(source))


def _parse(data: object, r: _Reader) -> World:
    top = r.mapping(data, "<root>")
    r.keys(top, "", ("name", "population", "response"), ("description", "conversion"))
    name = r.text(top["name"], "name")
    description = top.get("description", "")
    if not isinstance(description, str):
        raise r.fail("description", "expected a string", "应为字符串")
    attributes = _population(top["population"], r)
    by_name = {a.name: a for a in attributes}
    response = _response(top["response"], by_name, r)
    conversion = _conversion(top["conversion"], by_name, r) if "conversion" in top else None
    return World(
        name=name,
        description=description,
        attributes=attributes,
        response=response,
        conversion=conversion,
    )


def _population(value: object, r: _Reader) -> tuple[Attribute, ...]:
    data = r.mapping(value, "population")
    if not data:
        raise r.fail("population", "at least one attribute is required", "至少需要一个属性")
    done: dict[str, Attribute] = {}
    for key, spec in data.items():
        name = r.text(key, f"population.{key}")
        if name == "user_id":
            raise r.fail("population.user_id", "'user_id' is reserved", "'user_id' 为保留名")
        done[name] = _attribute(name, spec, done, r)
    return tuple(done.values())


def _attribute(name: str, value: object, done: dict[str, Attribute], r: _Reader) -> Attribute:
    field = f"population.{name}"
    spec = r.mapping(value, field)
    kind = spec.get("type")
    body = {"categorical": ("shares",), "bool": ("probability",), "integer": ("min", "max")}
    if not isinstance(kind, str) or kind not in body:
        raise r.fail(
            f"{field}.type",
            f"expected one of: categorical, bool, integer; got {kind!r}",
            f"应为 categorical、bool 或 integer 之一，实际为 {kind!r}",
        )
    parent = None
    if "given" in spec:
        parent = _discrete(spec["given"], f"{field}.given", done, r, "defined before it")
    given = parent.name if parent else None
    if kind == "integer":
        r.keys(spec, field, ("type", "ranges") if parent else ("type", "min", "max"), ("given",))
        return IntegerAttribute(name, _ranges(spec, field, parent, r), given)
    key = body[kind][0]
    r.keys(spec, field, ("type", key), ("given",))
    rows = _rows(spec[key], f"{field}.{key}", parent, r)
    if kind == "bool":
        chances = [r.probability(row, where) for where, row in rows]
        return DiscreteAttribute(
            name, "bool", (False, True), tuple((1.0 - p, p) for p in chances), given
        )
    drawn = [r.shares(row, where) for where, row in rows]
    values = drawn[0][0]
    for (where, _), (names, _) in zip(rows, drawn, strict=True):
        if set(names) != set(values):
            raise r.fail(
                where,
                f"values {', '.join(names)} differ from {', '.join(values)}",
                f"取值 {', '.join(names)} 与 {', '.join(values)} 不一致",
            )
    table = tuple(tuple(dict(zip(names, s, strict=True))[v] for v in values) for names, s in drawn)
    return DiscreteAttribute(name, "categorical", values, table, given)


def _rows(
    value: object, field: str, parent: DiscreteAttribute | None, r: _Reader
) -> list[tuple[str, object]]:
    """One (field, spec) per parent value, or a single one when there is no parent."""
    if parent is None:
        return [(field, value)]
    data = r.mapping(value, field)
    for key in data:
        if key not in parent.values:
            raise r.fail(
                f"{field}.{key}",
                f"{key!r} is not a value of attribute {parent.name!r}",
                f"{key!r} 不是属性 {parent.name!r} 的取值",
            )
    missing = [v for v in parent.values if v not in data]
    if missing:
        listed = ", ".join(_show(v) for v in missing)
        raise r.fail(
            field,
            f"missing values of {parent.name!r}: {listed}",
            f"缺少 {parent.name!r} 的取值：{listed}",
        )
    return [(f"{field}.{_show(v)}", data[v]) for v in parent.values]


def _ranges(
    spec: Mapping[object, object], field: str, parent: DiscreteAttribute | None, r: _Reader
) -> tuple[tuple[int, int], ...]:
    if parent is None:
        pairs: list[tuple[str, object]] = [(field, [spec["min"], spec["max"]])]
    else:
        pairs = _rows(spec["ranges"], f"{field}.ranges", parent, r)
    out = []
    for where, pair in pairs:
        if not isinstance(pair, list) or len(pair) != 2:
            raise r.fail(where, "expected [min, max]", "应为 [最小值, 最大值]")
        lo, hi = r.integer(pair[0], where), r.integer(pair[1], where)
        if lo > hi:
            raise r.fail(
                where, f"min {lo} is greater than max {hi}", f"最小值 {lo} 大于最大值 {hi}"
            )
        out.append((lo, hi))
    return tuple(out)


def _discrete(
    value: object, field: str, attributes: Mapping[str, Attribute], r: _Reader, where: str
) -> DiscreteAttribute:
    name = r.text(value, field)
    attribute = attributes.get(name)
    if attribute is None:
        known = ", ".join(attributes) or "none"
        raise r.fail(
            field,
            f"unknown attribute {name!r}; attributes {where}: {known}",
            f"未知属性 {name!r}，可用属性：{known}",
        )
    if not isinstance(attribute, DiscreteAttribute):
        raise r.fail(
            field,
            f"attribute {name!r} is an integer; only categorical and bool attributes fit here",
            f"属性 {name!r} 是整数，此处只能用分类或布尔属性",
        )
    return attribute


def _per_value(
    value: object, field: str, attribute: DiscreteAttribute, r: _Reader, probability: bool
) -> tuple[float, ...]:
    rows = _rows(value, field, attribute, r)
    if probability:
        return tuple(r.probability(v, where) for where, v in rows)
    return tuple(r.number(v, where) for where, v in rows)


def _response(value: object, attributes: Mapping[str, Attribute], r: _Reader) -> ResponseModel:
    spec = r.mapping(value, "response")
    r.keys(spec, "response", ("base", "channels"), ("positions", "keywords"))
    base = r.mapping(spec["base"], "response.base")
    r.keys(base, "response.base", ("attribute", "logits"))
    attribute = _discrete(base["attribute"], "response.base.attribute", attributes, r, "defined")
    logits = _per_value(base["logits"], "response.base.logits", attribute, r, probability=False)
    channels = r.mapping(spec["channels"], "response.channels")
    allowed = get_args(ChannelName)
    for key in channels:
        if key not in allowed:
            raise r.fail(
                f"response.channels.{key}",
                f"unknown channel; expected one of: {', '.join(allowed)}",
                f"未知渠道，可用渠道：{', '.join(allowed)}",
            )
    channel_effects = tuple(
        (str(k), r.number(v, f"response.channels.{k}")) for k, v in channels.items()
    )
    positions = r.mapping(spec.get("positions", {1: 0.0}), "response.positions")
    position_effects = []
    for key, effect in positions.items():
        if isinstance(key, bool) or not isinstance(key, int) or key < 1:
            raise r.fail(
                f"response.positions.{key}",
                "position must be an integer >= 1",
                "位置应为 >= 1 的整数",
            )
        position_effects.append((key, r.number(effect, f"response.positions.{key}")))
    keywords = spec.get("keywords", [])
    if not isinstance(keywords, list):
        raise r.fail("response.keywords", "expected a list", "应为列表")
    effects = tuple(
        _keyword(item, f"response.keywords[{i}]", attributes, r) for i, item in enumerate(keywords)
    )
    return ResponseModel(
        base_attribute=attribute.name,
        base_logits=logits,
        channels=channel_effects,
        positions=tuple(sorted(position_effects)),
        keywords=effects,
    )


def _keyword(
    value: object, field: str, attributes: Mapping[str, Attribute], r: _Reader
) -> KeywordEffect:
    spec = r.mapping(value, field)
    r.keys(spec, field, ("keyword", "effect"), ("when",))
    when = r.mapping(spec.get("when", {}), f"{field}.when")
    pairs: list[tuple[str, AttributeValue]] = []
    for key, wanted in when.items():
        attribute = _discrete(key, f"{field}.when.{key}", attributes, r, "defined")
        if wanted not in attribute.values or type(wanted) is not type(attribute.values[0]):
            listed = ", ".join(_show(v) for v in attribute.values)
            raise r.fail(
                f"{field}.when.{attribute.name}",
                f"{wanted!r} is not a value of attribute {attribute.name!r} ({listed})",
                f"{wanted!r} 不是属性 {attribute.name!r} 的取值（{listed}）",
            )
        pairs.append((attribute.name, wanted))
    return KeywordEffect(
        when=tuple(pairs),
        keyword=r.text(spec["keyword"], f"{field}.keyword"),
        effect=r.number(spec["effect"], f"{field}.effect"),
    )


def _conversion(value: object, attributes: Mapping[str, Attribute], r: _Reader) -> ConversionModel:
    spec = r.mapping(value, "conversion")
    r.keys(spec, "conversion", ("attribute", "rates", "delay"))
    attribute = _discrete(spec["attribute"], "conversion.attribute", attributes, r, "defined")
    rates = _per_value(spec["rates"], "conversion.rates", attribute, r, probability=True)
    delay = r.mapping(spec["delay"], "conversion.delay")
    r.keys(delay, "conversion.delay", ("distribution", "mean_days"))
    if delay["distribution"] != "exponential":
        raise r.fail(
            "conversion.delay.distribution",
            f"only 'exponential' is supported, got {delay['distribution']!r}",
            f"目前只支持 'exponential'，实际为 {delay['distribution']!r}",
        )
    mean = r.number(delay["mean_days"], "conversion.delay.mean_days")
    if mean <= 0:
        raise r.fail(
            "conversion.delay.mean_days", f"must be > 0, got {mean:g}", f"应大于 0，实际为 {mean:g}"
        )
    return ConversionModel(attribute.name, rates, mean)


def _show(value: AttributeValue) -> str:
    return str(value).lower() if isinstance(value, bool) else value
