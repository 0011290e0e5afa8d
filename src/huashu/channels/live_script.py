"""Live-stream script: interaction beats in order (warm-up, pain point, product, offer,
interaction, close), each what the host says plus the prompt that gets the audience to act."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from huashu.channels.base import ChannelSpec, FieldSpec
from huashu.domain import BrandPack, Segment

BEATS = ("warmup", "pain", "product", "offer", "interact", "close")
MIN_BEATS = 4
HOST_MAX = 80
_HOST, _PROMPT = "主播：", "互动："
_PROMPTS = {
    "warmup": "刚进直播间的朋友点个关注，评论区说说你是哪里的",
    "pain": "有同样困扰的在评论区打“有”",
    "product": "想看细节的扣“想看”",
    "offer": "想要的在评论区打“想要”，我看看有多少人",
    "interact": "有问题直接在评论区问，我一个个回答",
    "close": "点关注不迷路，下次直播见",
}
_LABELS = {
    "warmup": "暖场",
    "pain": "痛点",
    "product": "讲解",
    "offer": "福利",
    "interact": "互动答疑",
    "close": "收尾",
}


def beat_text(host: str, prompt: str) -> str:
    return f"{_HOST}{host}\n{_PROMPT}{prompt}" if prompt else f"{_HOST}{host}"


def parse_beat(text: str) -> dict[str, str]:
    host, _, prompt = text.partition("\n")
    return {"host": host.removeprefix(_HOST), "prompt": prompt.removeprefix(_PROMPT)}


@dataclass(frozen=True)
class LiveScriptSpec(ChannelSpec):
    def wrap(
        self, fields: dict[str, str], pack: BrandPack, segment: Segment | None = None
    ) -> dict[str, str]:
        out: dict[str, str] = {}
        for beat in BEATS:
            value = fields.get(beat, "")
            if not value and beat == "interact" and pack.facts:
                value = f"大家问得最多的：{'，'.join(f.text for f in pack.facts[:2])}"
            if not value and beat == "warmup":
                value = f"欢迎来到{pack.brand.name}直播间"
            if value and not value.startswith(_HOST):
                value = beat_text(value, _PROMPTS[beat])
            if value:
                out[beat] = value
        return out

    def from_output(self, data: Mapping[str, Any]) -> dict[str, str]:
        out: dict[str, str] = {}
        for item in data.get("beats", []):
            beat = str(item.get("beat", ""))
            if beat in BEATS and beat not in out:
                out[beat] = beat_text(str(item.get("host", "")), str(item.get("prompt", "")))
        return out

    def unwrap(self, fields: Mapping[str, str]) -> dict[str, Any]:
        return {"beats": [{"beat": b, **parse_beat(fields[b])} for b in BEATS if fields.get(b)]}

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {
                "beats": {
                    "type": "array",
                    "minItems": MIN_BEATS,
                    "maxItems": len(BEATS),
                    "items": {
                        "type": "object",
                        "properties": {
                            "beat": {"type": "string", "enum": list(BEATS)},
                            "host": {"type": "string", "maxLength": HOST_MAX},
                            "prompt": {"type": "string", "maxLength": 40},
                        },
                        "required": ["beat", "host", "prompt"],
                        "additionalProperties": False,
                    },
                }
            },
            "required": ["beats"],
            "additionalProperties": False,
        }

    def problems(self, fields: Mapping[str, str]) -> list[str]:
        out = super().problems(fields)
        present = [b for b in BEATS if fields.get(b)]
        if len(present) < MIN_BEATS:
            out.append(f"live_script has {len(present)} beats, expected at least {MIN_BEATS}")
        for beat in present:
            host = parse_beat(fields[beat])["host"]
            if not host:
                out.append(f"live_script.{beat} has no host line")
            elif len(host) > HOST_MAX:
                out.append(
                    f"live_script.{beat} host line has {len(host)} characters, limit {HOST_MAX}"
                )
        return out

    def export(self, fields: Mapping[str, str]) -> dict[str, Any]:
        return {
            "channel": self.name,
            "beats": [
                {"beat": b, "label_zh": _LABELS[b], **parse_beat(fields[b])}
                for b in BEATS
                if fields.get(b)
            ],
        }


LIVE_SCRIPT = LiveScriptSpec(
    name="live_script",
    label_zh="直播脚本",
    label_en="Live-stream script",
    fields=(
        FieldSpec("warmup", "暖场", ("hook",), max_chars=140, required=False),
        FieldSpec("pain", "痛点", ("pain",), max_chars=140, required=False),
        FieldSpec("product", "讲解", ("benefit", "proof"), max_chars=140, required=False),
        FieldSpec("offer", "福利", ("offer",), max_chars=140, required=False),
        FieldSpec("interact", "互动答疑", (), max_chars=140, required=False),
        FieldSpec("close", "收尾", ("cta",), max_chars=140, required=False),
    ),
    notes_zh=(
        f"按暖场、痛点、讲解、福利、互动答疑、收尾排节奏（至少{MIN_BEATS}段）；"
        f"每段主播话术不超过{HOST_MAX}字并配一句互动引导。"
    ),
)
