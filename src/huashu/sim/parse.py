"""Reading and checking world files (format: docs/simulator.md) into a :class:`World`.

Every problem raises :class:`~huashu.domain.InputError` whose message starts with the
dotted field path, e.g. ``population.occupation.shares: shares sum to 0.9, expected 1``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import get_args

import yaml

from huashu.domain import ChannelName, InputError
from huashu.sim.reader import Reader
from huashu.sim.spec import (
    Attribute,
    AttributeValue,
    ConversionKeyword,
    ConversionModel,
    DiscreteAttribute,
    IntegerAttribute,
    InteractionEffect,
    KeywordEffect,
    ResponseModel,
)
from huashu.sim.world import World

_TOP = ("name", "description", "population", "response", "conversion")


def load_world(path: str | Path) -> World:
    """Read a world YAML file. Raises InputError naming the file and the bad field."""
    file = Path(path)
    reader = Reader(str(file))
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
    return _parse(data, Reader(source))


def _parse(data: object, r: Reader) -> World:
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


def _population(value: object, r: Reader) -> tuple[Attribute, ...]:
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


def _attribute(name: str, value: object, done: dict[str, Attribute], r: Reader) -> Attribute:
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
    value: object, field: str, parent: DiscreteAttribute | None, r: Reader
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
    spec: Mapping[object, object], field: str, parent: DiscreteAttribute | None, r: Reader
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
    value: object, field: str, attributes: Mapping[str, Attribute], r: Reader, where: str
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
    value: object, field: str, attribute: DiscreteAttribute, r: Reader, probability: bool
) -> tuple[float, ...]:
    rows = _rows(value, field, attribute, r)
    if probability:
        return tuple(r.probability(v, where) for where, v in rows)
    return tuple(r.number(v, where) for where, v in rows)


def _response(value: object, attributes: Mapping[str, Attribute], r: Reader) -> ResponseModel:
    spec = r.mapping(value, "response")
    r.keys(spec, "response", ("base", "channels"), ("positions", "keywords", "interactions"))
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
    effects = tuple(
        _keyword(item, field, attributes, r)
        for field, item in _items(spec.get("keywords", []), "response.keywords", r)
    )
    interactions = tuple(
        _interaction(item, field, attributes, r)
        for field, item in _items(spec.get("interactions", []), "response.interactions", r)
    )
    return ResponseModel(
        base_attribute=attribute.name,
        base_logits=logits,
        channels=channel_effects,
        positions=tuple(sorted(position_effects)),
        keywords=effects,
        interactions=interactions,
    )


def _items(value: object, field: str, r: Reader) -> list[tuple[str, object]]:
    if not isinstance(value, list):
        raise r.fail(field, "expected a list", "应为列表")
    return [(f"{field}[{i}]", item) for i, item in enumerate(value)]


def _when(
    value: object, field: str, attributes: Mapping[str, Attribute], r: Reader
) -> tuple[tuple[str, AttributeValue], ...]:
    when = r.mapping(value, field)
    pairs: list[tuple[str, AttributeValue]] = []
    for key, wanted in when.items():
        attribute = _discrete(key, f"{field}.{key}", attributes, r, "defined")
        if wanted not in attribute.values or type(wanted) is not type(attribute.values[0]):
            listed = ", ".join(_show(v) for v in attribute.values)
            raise r.fail(
                f"{field}.{attribute.name}",
                f"{wanted!r} is not a value of attribute {attribute.name!r} ({listed})",
                f"{wanted!r} 不是属性 {attribute.name!r} 的取值（{listed}）",
            )
        pairs.append((attribute.name, wanted))
    return tuple(pairs)


def _dynamics(spec: Mapping[object, object], field: str, r: Reader) -> tuple[float, float]:
    """A rule's optional ``drift`` (logit per round) and ``fatigue`` (share lost per round)."""
    drift = r.number(spec.get("drift", 0.0), f"{field}.drift")
    fatigue = r.probability(spec.get("fatigue", 0.0), f"{field}.fatigue", "fatigue")
    return drift, fatigue


def _keyword(
    value: object, field: str, attributes: Mapping[str, Attribute], r: Reader
) -> KeywordEffect:
    spec = r.mapping(value, field)
    r.keys(spec, field, ("keyword", "effect"), ("when", "drift", "fatigue"))
    return KeywordEffect(
        _when(spec.get("when", {}), f"{field}.when", attributes, r),
        r.text(spec["keyword"], f"{field}.keyword"),
        r.number(spec["effect"], f"{field}.effect"),
        *_dynamics(spec, field, r),
    )


def _interaction(
    value: object, field: str, attributes: Mapping[str, Attribute], r: Reader
) -> InteractionEffect:
    spec = r.mapping(value, field)
    r.keys(spec, field, ("keywords", "effect"), ("when", "drift", "fatigue"))
    keywords = [r.text(k, where) for where, k in _items(spec["keywords"], f"{field}.keywords", r)]
    if len(set(keywords)) < 2:
        raise r.fail(
            f"{field}.keywords",
            "an interaction needs at least two distinct keywords",
            "交互项至少需要两个不同的关键词",
        )
    return InteractionEffect(
        _when(spec.get("when", {}), f"{field}.when", attributes, r),
        tuple(dict.fromkeys(keywords)),
        r.number(spec["effect"], f"{field}.effect"),
        *_dynamics(spec, field, r),
    )


def _conversion_keyword(
    value: object, field: str, attributes: Mapping[str, Attribute], r: Reader
) -> ConversionKeyword:
    spec = r.mapping(value, field)
    r.keys(spec, field, ("keyword", "factor"), ("when",))
    factor = r.number(spec["factor"], f"{field}.factor")
    if factor < 0:
        raise r.fail(
            f"{field}.factor", f"must be >= 0, got {factor:g}", f"应不小于 0，实际为 {factor:g}"
        )
    return ConversionKeyword(
        _when(spec.get("when", {}), f"{field}.when", attributes, r),
        r.text(spec["keyword"], f"{field}.keyword"),
        factor,
    )


def _conversion(value: object, attributes: Mapping[str, Attribute], r: Reader) -> ConversionModel:
    spec = r.mapping(value, "conversion")
    r.keys(spec, "conversion", ("attribute", "rates", "delay"), ("keywords",))
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
    keywords = tuple(
        _conversion_keyword(item, field, attributes, r)
        for field, item in _items(spec.get("keywords", []), "conversion.keywords", r)
    )
    return ConversionModel(attribute.name, rates, mean, keywords)


def _show(value: AttributeValue) -> str:
    return str(value).lower() if isinstance(value, bool) else value
