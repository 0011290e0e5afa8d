"""Prompt templates of the ``openai`` backend: versioned YAML files of Jinja2 templates in
``templates/``, rendered with the brand pack, segment, channel, brief and knowledge base."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined, Template

from huashu.channels import ChannelSpec
from huashu.domain import BrandPack, InputError, Segment
from huashu.generate.compose import feature_of

TEMPLATES_DIR = Path(__file__).with_name("templates")
DEFAULT_TEMPLATE = "chat-v1"
_PARTS = ("system", "user", "repair", "refine")


@dataclass(frozen=True)
class PromptSet:
    version: str
    angles: tuple[str, ...]
    templates: Mapping[str, Template]

    def render(self, part: str, **context: Any) -> str:
        return self.templates[part].render(**context).strip()


def load_prompts(name: str = DEFAULT_TEMPLATE, directory: Path | None = None) -> PromptSet:
    """The template set ``<name>.yaml`` from ``directory`` (default: the packaged one)."""
    path = (directory or TEMPLATES_DIR) / f"{name}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in (directory or TEMPLATES_DIR).glob("*.yaml"))
        raise InputError(
            f"unknown prompt template '{name}'; known: {', '.join(known)}",
            message_zh=f"未知的提示词模板“{name}”，可用：{'、'.join(known)}",
            code="unknown_template",
        )
    data = yaml.safe_load(path.read_text("utf-8"))
    missing = [p for p in ("version", *_PARTS) if p not in data]
    if missing:
        raise InputError(
            f"prompt template {path.name} lacks {', '.join(missing)}",
            message_zh=f"提示词模板 {path.name} 缺少：{'、'.join(missing)}",
            code="invalid_template",
        )
    env = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    return PromptSet(
        version=str(data["version"]),
        angles=tuple(data.get("angles") or ("利益点",)),
        templates={p: env.from_string(data[p]) for p in _PARTS},
    )


def knowledge_texts(
    pack: BrandPack, knowledge: Mapping[str, tuple[float, float]], limit: int = 5
) -> tuple[list[str], list[str]]:
    """(preferred, avoid): phrase texts whose effect interval lies above / below zero."""
    scored: list[tuple[float, float, str]] = []
    for bank in pack.phrases.values():
        for phrase in bank:
            got = knowledge.get(feature_of(phrase.id))
            if got is not None:
                scored.append((got[0], got[1], pack.render(phrase)))
    preferred = [t for m, sd, t in sorted(scored, key=lambda x: -x[0]) if m - sd > 0][:limit]
    avoid = [t for m, sd, t in sorted(scored, key=lambda x: x[0]) if m + sd < 0][:limit]
    return preferred, avoid


def system_context(pack: BrandPack, channel: ChannelSpec) -> dict[str, Any]:
    return {
        "brand": pack.brand,
        "facts": pack.facts,
        "channel": channel,
        "channel_lines": channel.describe_zh(),
        "schema": json.dumps(channel.json_schema(), ensure_ascii=False),
    }


def user_context(
    pack: BrandPack,
    segment: Segment,
    channel: ChannelSpec,
    brief: str | None,
    knowledge: Mapping[str, tuple[float, float]],
    variant: int,
    angles: Sequence[str],
) -> dict[str, Any]:
    preferred, avoid = knowledge_texts(pack, knowledge)
    examples = [
        pack.render(p)
        for slot in dict.fromkeys(channel.slots())
        for p in pack.phrases.get(slot, ())[:2]
    ]
    return {
        "segment": segment,
        "labels": [f"{k}={v}" for k, v in segment.labels.items()],
        "brief": brief or "",
        "preferred": preferred,
        "avoid": avoid,
        "examples": examples,
        "variant": variant,
        "angle": angles[variant % len(angles)],
    }
