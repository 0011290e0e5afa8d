"""Validation of a model's structured output against a channel's JSON schema (the subset the
channel schemas use: object, array, string, number, boolean, enum, lengths, required)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)
_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
}


def parse_json(content: str) -> tuple[Any, str | None]:
    """(value, None) or (None, the parse error); a ```json fence around the answer is allowed."""
    text = content.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1)
    try:
        return json.loads(text), None
    except json.JSONDecodeError as err:
        return None, f"invalid JSON at line {err.lineno} column {err.colno}: {err.msg}"


def schema_errors(value: Any, schema: Mapping[str, Any], path: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema``, as ``path: problem`` lines (empty = valid)."""
    kind = schema.get("type")
    if kind and (
        not isinstance(value, _TYPES[kind]) or (kind != "boolean" and isinstance(value, bool))
    ):
        return [f"{path}: expected {kind}, got {type(value).__name__}"]
    out: list[str] = []
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, str):
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            out.append(f"{path}: {len(value)} characters, limit {schema['maxLength']}")
        if "minLength" in schema and len(value) < schema["minLength"]:
            out.append(f"{path}: {len(value)} characters, at least {schema['minLength']}")
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            out.append(f"{path}: {len(value)} items, at least {schema['minItems']}")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            out.append(f"{path}: {len(value)} items, at most {schema['maxItems']}")
        items = schema.get("items")
        if items:
            for i, item in enumerate(value):
                out += schema_errors(item, items, f"{path}[{i}]")
    if isinstance(value, dict):
        props: Mapping[str, Any] = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                out.append(f"{path}.{key}: required")
        if schema.get("additionalProperties") is False:
            out += [f"{path}.{key}: not allowed" for key in value if key not in props]
        for key, sub in props.items():
            if key in value:
                out += schema_errors(value[key], sub, f"{path}.{key}")
    return out
