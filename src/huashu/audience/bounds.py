"""Bounds on a segment file, checked before anything is evaluated, and a time limit on the
evaluation itself.

A segment file arrives from operators as YAML or JSON text or as a JSON object. A small file
can still describe a huge amount of work: YAML aliases that expand exponentially ("billion
laughs"), deep nesting, segments that reference each other twice per level (the rule, and so
the SQL, doubles per level), or a cross product of many dimensions. Each is measured here,
without expanding anything, and refused with ``segment_file_too_large`` naming the limit:

* the text: at most ``MAX_TEXT_BYTES`` bytes and ``MAX_ALIASES`` YAML aliases;
* the parsed tree (aliases counted each time they are used): at most ``MAX_NODES`` values and
  ``MAX_DEPTH`` levels;
* the spec: at most ``MAX_SEGMENTS`` rule segments, ``MAX_CELLS`` cross-product cells, and
  ``MAX_RULE_SIZE`` conditions in all rules with every segment reference expanded.

:func:`time_limit` interrupts the engine's query when evaluation runs past the setting
``segment_eval_seconds`` (DuckDB and PostgreSQL event stores) and answers ``segment_timeout``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import yaml

from huashu.domain import InputError

if TYPE_CHECKING:
    from huashu.audience.spec import SegmentSpec

MAX_TEXT_BYTES = 256 * 1024
MAX_ALIASES = 100
MAX_NODES = 20_000
MAX_DEPTH = 32
MAX_SEGMENTS = 500
MAX_CELLS = 10_000
MAX_RULE_SIZE = 20_000


def _too_large(source: str, what: str, what_zh: str, limit: int) -> InputError:
    return InputError(
        f"{source}: the segment file {what} (limit {limit}); split or simplify it",
        message_zh=f"{source}：人群文件{what_zh}（上限 {limit}），请拆分或简化",
        code="segment_file_too_large",
        details={"where": source, "limit": limit},
    )


def load_text(text: str, source: str) -> Any:
    """Parse YAML or JSON text (JSON when ``source`` ends in ``.json``) within the bounds."""
    size = len(text.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        raise _too_large(
            source, f"has more than {MAX_TEXT_BYTES} bytes", "超过字节上限", MAX_TEXT_BYTES
        )
    if source.endswith(".json"):
        try:
            data = json.loads(text)
        except RecursionError:
            raise _too_large(source, "is nested too deeply", "嵌套层级过深", MAX_DEPTH) from None
    else:
        aliases = sum(
            isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=yaml.SafeLoader)
        )
        if aliases > MAX_ALIASES:
            raise _too_large(
                source,
                f"uses YAML aliases (*name) {aliases} times",
                f"使用了 {aliases} 次 YAML 别名（*name）",
                MAX_ALIASES,
            )
        try:
            data = yaml.safe_load(text)
        except RecursionError:
            raise _too_large(source, "is nested too deeply", "嵌套层级过深", MAX_DEPTH) from None
    check_tree(data, source)
    return data


def check_tree(data: object, source: str) -> None:
    """Refuse a parsed tree with more than ``MAX_NODES`` values or ``MAX_DEPTH`` levels; a
    shared (aliased) value counts every time it is reached. Stops at the first excess."""
    nodes = 0
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise _too_large(
                source,
                f"has more than {MAX_NODES} values (aliases expanded)",
                "的取值过多（别名按展开计）",
                MAX_NODES,
            )
        if depth > MAX_DEPTH:
            raise _too_large(
                source, f"is nested deeper than {MAX_DEPTH} levels", "嵌套层级过深", MAX_DEPTH
            )
        if isinstance(value, Mapping):
            for k, v in value.items():
                stack.append((k, depth + 1))
                stack.append((v, depth + 1))
        elif isinstance(value, list | tuple):
            stack.extend((v, depth + 1) for v in value)


def _rule_size(rule: object, expanded: Mapping[str, int], budget: int) -> int:
    """Conditions in ``rule``, a ``segment`` reference counting as the referenced rule's
    (already computed) size; capped just above ``budget``."""
    total = 0
    stack = [rule]
    while stack and total <= budget:
        node = stack.pop()
        if isinstance(node, Mapping):
            if set(node) == {"segment"} and isinstance(node["segment"], str):
                total += expanded.get(node["segment"], 1)
                continue
            total += 1
            stack.extend(v for v in node.values() if isinstance(v, Mapping | list))
        elif isinstance(node, list):
            stack.extend(node)
    return min(total, budget + 1)


def check_spec(spec: SegmentSpec, source: str) -> None:
    """Refuse a spec whose segments, cross cells or expanded rules exceed the bounds."""
    if len(spec.segments) > MAX_SEGMENTS:
        raise _too_large(
            source,
            f"defines {len(spec.segments)} segments",
            f"定义了 {len(spec.segments)} 个人群",
            MAX_SEGMENTS,
        )
    cells = 1
    for dim in spec.dimensions:
        cells *= len(dim.values)
        if cells > MAX_CELLS:
            raise _too_large(
                source,
                f"crosses dimensions into more than {MAX_CELLS} cells",
                "交叉维度的组合数过多",
                MAX_CELLS,
            )
    rules = {s.key: s.rule for s in spec.segments}
    expanded: dict[str, int] = {}

    def size_of(key: str, seen: tuple[str, ...]) -> int:
        if key in expanded or key not in rules or key in seen:
            return expanded.get(key, 1)  # unknown keys and cycles are reported when compiled
        for ref in _references(rules[key]):
            size_of(ref, (*seen, key))
        expanded[key] = _rule_size(rules[key], expanded, MAX_RULE_SIZE)
        return expanded[key]

    total = sum(size_of(key, ()) for key in rules)
    for dim in spec.dimensions:
        for value in dim.values:
            total += _rule_size(value.rule, expanded, MAX_RULE_SIZE) if value.rule else 1
    if spec.within is not None:
        total += expanded.get(spec.within, 1)
    if total > MAX_RULE_SIZE:
        raise _too_large(
            source,
            f"has more than {MAX_RULE_SIZE} conditions with segment references expanded",
            "的条件过多（人群引用按展开计）",
            MAX_RULE_SIZE,
        )


def _references(rule: object) -> Iterator[str]:
    stack = [rule]
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            ref = node.get("segment")
            if isinstance(ref, str) and len(node) == 1:
                yield ref
            else:
                stack.extend(v for v in node.values() if isinstance(v, Mapping | list))
        elif isinstance(node, list):
            stack.extend(node)


def _interrupt(con: Any) -> None:
    raw = getattr(con, "con", None)
    for name in ("interrupt", "cancel_safe", "cancel"):
        method = getattr(raw, name, None)
        if callable(method):
            method()
            return


@contextmanager
def time_limit(con: Any, seconds: float | None) -> Iterator[None]:
    """Interrupt ``con``'s running query after ``seconds`` (None or 0: no limit) and raise
    ``segment_timeout``; a block that ran past the limit is refused even when no query was
    running at that moment."""
    if not seconds:
        yield
        return
    fired = threading.Event()

    def stop() -> None:
        fired.set()
        _interrupt(con)

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        yield
    except Exception as err:
        if not fired.is_set():
            raise
        raise _timeout(seconds) from err
    finally:
        timer.cancel()
        timer.join()  # an interrupt in flight lands before the caller releases the engine
    if fired.is_set():  # over the limit between two queries: refused all the same
        raise _timeout(seconds)


def _timeout(seconds: float) -> InputError:
    return InputError(
        f"evaluating the segment file took longer than {seconds:g} s and was stopped; "
        "simplify its rules or cross dimensions",
        message_zh=f"人群文件计算超过 {seconds:g} 秒，已中止；请简化规则或交叉维度",
        code="segment_timeout",
        details={"limit_seconds": seconds},
    )
