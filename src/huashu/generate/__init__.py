"""Copy generation: the Generator protocol and its backends (``compose`` built in)."""

from __future__ import annotations

from huashu.domain import InputError
from huashu.generate.base import GenerationRequest, Generator
from huashu.generate.compose import (
    ComposeGenerator,
    all_compositions,
    compose_fields,
    creative_id,
    feature_of,
)


def make_generator(name: str) -> Generator:
    """The generator backend named in the settings."""
    if name == "compose":
        return ComposeGenerator()
    raise InputError(
        f"unknown generator backend '{name}'; available: compose",
        message_zh=f"未知的生成后端“{name}”，可用：compose",
        code="unknown_generator",
    )


__all__ = [
    "ComposeGenerator",
    "GenerationRequest",
    "Generator",
    "all_compositions",
    "compose_fields",
    "creative_id",
    "feature_of",
    "make_generator",
]
