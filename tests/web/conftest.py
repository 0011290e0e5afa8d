"""Every JSON answer of the web tests is checked against what its handler returned: a route's
response model must pass the handler's value through unchanged (no key dropped, no value
coerced, no key added), so declaring the models documented the API without changing it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import fastapi.routing
import pytest
from fastapi.encoders import jsonable_encoder


def difference(sent: Any, raw: Any, where: str = "$") -> str | None:
    """Where ``sent`` (the answer) differs from ``raw`` (the handler's value as plain JSON),
    or None. Numbers compare by value (3 and 3.0 are the same JSON number); a bool is never
    a number."""
    if isinstance(raw, dict) and isinstance(sent, dict):
        if set(raw) != set(sent):
            return f"{where}: keys {sorted(set(raw) ^ set(sent))} dropped or added"
        for key, value in raw.items():
            found = difference(sent[key], value, f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(raw, list) and isinstance(sent, list):
        if len(raw) != len(sent):
            return f"{where}: {len(raw)} items became {len(sent)}"
        for i, (a, b) in enumerate(zip(sent, raw, strict=True)):
            found = difference(a, b, f"{where}[{i}]")
            if found:
                return found
        return None
    if isinstance(raw, bool) or isinstance(sent, bool):
        return None if type(raw) is type(sent) and raw == sent else f"{where}: {raw!r} -> {sent!r}"
    if isinstance(raw, int | float) and isinstance(sent, int | float) and raw == sent:
        return None
    return None if raw == sent and type(raw) is type(sent) else f"{where}: {raw!r} -> {sent!r}"


@pytest.fixture(autouse=True)
def responses_unchanged(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    original = fastapi.routing.serialize_response
    changed: list[str] = []
    lock = threading.Lock()

    async def checked(**kwargs: Any) -> Any:
        out = await original(**kwargs)
        if kwargs.get("field") is not None:
            sent = json.loads(out) if kwargs.get("dump_json") else out
            found = difference(sent, jsonable_encoder(kwargs["response_content"]))
            if found:
                with lock:
                    changed.append(found)
        return out

    monkeypatch.setattr(fastapi.routing, "serialize_response", checked)
    yield
    assert changed == [], "a response model changed what its handler returned"
