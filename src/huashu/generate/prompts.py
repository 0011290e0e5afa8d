"""Prompt templates of the ``openai`` backend: versioned YAML files of Jinja2 templates in
``templates/``, rendered with the brand pack, segment, channel, brief, content plan and
knowledge base (the context of each prompt is built in :mod:`huashu.generate.prompt_context`);
and how the knowledge base's evidence reads in a prompt (labels, lifts with their intervals).

A template file may carry per-channel parts (``channels: {sms: {craft: ..., example: ...}}``);
only the current channel's parts are rendered into a prompt (as ``craft`` and ``example``), so
the live-script prompt is never told how to write an SMS."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np
import yaml
from jinja2 import Environment, StrictUndefined, Template

from huashu.channels import ChannelSpec, builtin_channels
from huashu.domain import BrandPack, InputError

TEMPLATES_DIR = Path(__file__).with_name("templates")
DEFAULT_TEMPLATE = "chat-v3"
_PARTS = ("system", "user", "repair", "refine")
#: the per-channel parts a template may carry, rendered for the current channel only
CHANNEL_PARTS = ("craft", "example")


@dataclass(frozen=True)
class PromptSet:
    version: str
    angles: tuple[str, ...]
    templates: Mapping[str, Template]
    #: channel name -> {"craft": template, "example": template}
    channels: Mapping[str, Mapping[str, Template]] = field(default_factory=dict)

    def render(self, part: str, **context: Any) -> str:
        """``part`` rendered. The system part gets the current channel's own parts (and no
        other channel's), rendered first with the same context, as ``craft`` and ``example``."""
        channel = context.get("channel")
        if part == "system" and self.channels and isinstance(channel, ChannelSpec):
            own = self.channels.get(channel.name, {})
            extra = {k: own[k].render(**context).strip() if k in own else "" for k in CHANNEL_PARTS}
            context = {**extra, **context}
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
    channels = data.get("channels") or {}
    builtin = builtin_channels()
    bad = [
        str(name)
        for name, parts in channels.items()
        if name not in builtin or not isinstance(parts, dict) or set(parts) - set(CHANNEL_PARTS)
    ]
    if bad:
        raise InputError(
            f"prompt template {path.name}: bad channel part(s) {', '.join(bad)} (channels are "
            f"{', '.join(builtin)}; parts are {', '.join(CHANNEL_PARTS)})",
            message_zh=f"提示词模板 {path.name} 的渠道部分有误：{'、'.join(bad)}",
            code="invalid_template",
        )
    env = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    return PromptSet(
        version=str(data["version"]),
        angles=tuple(data.get("angles") or ("利益点",)),
        templates={p: env.from_string(data[p]) for p in _PARTS},
        channels={
            name: {k: env.from_string(str(v)) for k, v in parts.items()}
            for name, parts in channels.items()
        },
    )


#: zh-CN names of the knowledge base's structure features, for prompts
STRUCTURE_ZH = {
    "struct:number": "含具体数字",
    "struct:question": "用问句",
    "struct:urgency": "紧迫词（限时、仅剩、今天等）",
    "struct:emoji": "表情符号",
}


def _label(feature: str, pack: BrandPack) -> str | None:
    """How a knowledge-base feature reads in a prompt: a phrase's rendered text, a word (words
    the data cannot tell apart joined with ``/``), a structure feature in Chinese."""
    if "+" in feature and not feature.startswith("word:"):
        # features the data cannot tell apart, of different kinds: struct:urgency+word:立即
        labels = [_label(p, pack) for p in _parts(feature)]
        return "/".join(x for x in labels if x) or None
    kind, _, name = feature.partition(":")
    if kind == "phrase":
        phrase = next((p for bank in pack.phrases.values() for p in bank if p.id == name), None)
        return pack.render(phrase) if phrase is not None else None
    if kind == "word":
        return "/".join(name.split("+"))
    if feature in STRUCTURE_ZH:
        return STRUCTURE_ZH[feature]
    if feature.startswith("struct:length"):
        return f"全文长度{feature.removeprefix('struct:length')}字"
    return None


def evidence(mean: float, sd: float, level: float = 0.9) -> str:
    """``+18% [+9%, +27%]``: the lift ``exp(mean) - 1`` and its ``level`` interval."""
    z = NormalDist().inv_cdf(0.5 + level / 2)
    lift, low, high = (float(np.expm1(v)) for v in (mean, mean - z * sd, mean + z * sd))
    return f"{lift:+.0%} [{low:+.0%}, {high:+.0%}]"


def knowledge_texts(
    pack: BrandPack,
    knowledge: Mapping[str, tuple[float, float]],
    limit: int = 5,
    level: float = 0.9,
) -> tuple[list[str], list[str]]:
    """(use, avoid): ``补贴 +18% [+9%, +27%]`` lines for the effects whose ``level`` interval
    lies wholly above / below zero, strongest first, at most ``limit`` each.

    Words and structure come first (they carry over to any text); phrases of the pack fill
    the list only when the knowledge base has no word-level entries."""
    z = NormalDist().inv_cdf(0.5 + level / 2)
    words = [f for f in knowledge if f.startswith(("word:", "struct:"))]
    features = words or [f for f in knowledge if f.startswith("phrase:")]
    scored: list[tuple[float, float, str]] = []
    for feature in sorted(features):
        label = _label(feature, pack)
        if label is not None:
            mean, sd = knowledge[feature]
            scored.append((mean, sd, label))
    use = [
        f"{t} {evidence(m, sd, level)}"
        for m, sd, t in sorted(scored, key=lambda x: -x[0])
        if m - z * sd > 0
    ][:limit]
    avoid = [
        f"{t} {evidence(m, sd, level)}"
        for m, sd, t in sorted(scored, key=lambda x: x[0])
        if m + z * sd < 0
    ][:limit]
    return use, avoid


def _parts(feature: str) -> list[str]:
    """``struct:urgency+word:立即`` -> its parts with their kinds; a word feature (``word:惠农+
    补贴``: words the data cannot tell apart) is one part."""
    if "+" not in feature or feature.startswith("word:"):
        return [feature]
    parts, prefix = [], ""
    for part in feature.split("+"):
        prefix = part.split(":", 1)[0] + ":" if ":" in part else prefix
        parts.append(part if ":" in part else prefix + part)
    return parts
