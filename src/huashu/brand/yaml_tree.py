"""YAML with positions: compose a document keeping its node tree, find duplicate keys, and map
a validation path such as ``("phrases", "offer", 1, "text")`` back to the node it names."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from huashu.yamlsafe import SAFE_LOADER

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Spot:
    """Where a path lands: the node to point at and the part of the path that names it."""

    line: int
    column: int
    loc: Loc


@dataclass(frozen=True)
class DuplicateKey:
    loc: Loc
    line: int
    column: int
    first_line: int


def compose(text: str) -> tuple[yaml.Node | None, object]:
    """The document's node tree and its Python value (SafeLoader rules; later keys win)."""
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _key(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def duplicate_keys(root: yaml.Node) -> list[DuplicateKey]:
    """Every mapping key that repeats an earlier key of the same mapping."""
    return list(_duplicates(root, ()))


def _duplicates(node: yaml.Node, loc: Loc) -> Iterator[DuplicateKey]:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = _key(key_node)
            if key is None or key == "<<":
                continue
            if key in seen:
                yield DuplicateKey(
                    loc=(*loc, key),
                    line=key_node.start_mark.line + 1,
                    column=key_node.start_mark.column + 1,
                    first_line=seen[key].start_mark.line + 1,
                )
            seen[key] = key_node
            yield from _duplicates(value_node, (*loc, key))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _duplicates(item, (*loc, i))


def locate(root: yaml.Node, loc: Loc) -> Spot:
    """The node a validation path names, or the nearest existing one.

    A mapping entry is pointed at by its key (the line an operator reads as "the field"); a
    missing key keeps its name in the returned path and points at its parent. Path items past a
    scalar (pydantic's union-member tags) are dropped.
    """
    node = root
    anchor = root
    found: list[str | int] = []
    for item in loc:
        if item == "[key]":
            break
        if isinstance(node, yaml.MappingNode):
            pair = next(
                (p for p in reversed(node.value) if _key(p[0]) == str(item)),
                None,
            )
            if pair is None:
                found.append(item)
                break
            anchor, node = pair
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(item, int)
            and 0 <= item < len(node.value)
        ):
            node = anchor = node.value[item]
        else:
            break
        found.append(item)
    mark = anchor.start_mark
    return Spot(line=mark.line + 1, column=mark.column + 1, loc=tuple(found))
