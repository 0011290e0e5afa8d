"""Short-video script: 3-6 shots, each a scene, a voice-over and an on-screen caption; a shot's
seconds follow from its voice-over at a speaking rate, so narration always fits the shot."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from huashu.channels.base import ChannelSpec, FieldSpec
from huashu.domain import BrandPack, Segment

SHOTS = ("shot_1", "shot_2", "shot_3", "shot_4", "shot_5", "shot_6")
MIN_SHOTS = 3
CHARS_PER_SECOND = 4.5
MIN_SHOT_SECONDS = 2
MAX_SECONDS = 60
CAPTION_MAX = 16
_PARTS = (("scene", "画面："), ("voiceover", "旁白："), ("caption", "字幕："))
_SCENES = (
    "近景：{who}，面对镜头开门见山",
    "中景：{who}，展示使用过程",
    "特写：真实细节与口碑",
    "字卡：{brand}活动信息",
    "结尾：{brand}标志与行动按钮",
    "补充镜头",
)


def shot_text(scene: str, voiceover: str, caption: str) -> str:
    return "\n".join(
        f"{label}{v}" for (_, label), v in zip(_PARTS, (scene, voiceover, caption), strict=True)
    )


def parse_shot(text: str) -> dict[str, str]:
    out = {key: "" for key, _ in _PARTS}
    for line in text.split("\n"):
        for key, label in _PARTS:
            if line.startswith(label):
                out[key] = line.removeprefix(label)
    return out


def shot_seconds(voiceover: str) -> int:
    return max(MIN_SHOT_SECONDS, math.ceil(len(voiceover) / CHARS_PER_SECOND))


def _caption(voiceover: str) -> str:
    first = voiceover.replace("，", "，|").replace("。", "。|").split("|")[0].rstrip("，。")
    return first[:CAPTION_MAX]


def _scene(pack: BrandPack, segment: Segment | None) -> str:
    """Where the persona is (the pack's ``scene`` of the segment's values), never its label."""
    if segment is None:
        return "主人公在日常场景中"
    scenes = [
        v.scene
        for d in pack.dimensions
        for v in d.values
        if v.scene and segment.labels.get(d.name) == v.label
    ]
    return "主人公在" + "、".join(scenes) if scenes else "主人公在日常场景中"


@dataclass(frozen=True)
class VideoScriptSpec(ChannelSpec):
    max_seconds: int = MAX_SECONDS

    def wrap(
        self, fields: dict[str, str], pack: BrandPack, segment: Segment | None = None
    ) -> dict[str, str]:
        who = _scene(pack, segment)
        out: dict[str, str] = {}
        for i, key in enumerate(SHOTS):
            value = fields.get(key, "")
            if not value:
                continue
            if not value.startswith(_PARTS[0][1]):
                scene = _SCENES[i].format(who=who, brand=pack.brand.name)
                value = shot_text(scene, value, _caption(value))
            out[key] = value
        return out

    def from_output(self, data: Mapping[str, Any]) -> dict[str, str]:
        return {
            key: shot_text(
                str(s.get("scene", "")), str(s.get("voiceover", "")), str(s.get("caption", ""))
            )
            for key, s in zip(SHOTS, data.get("shots", []), strict=False)
        }

    def unwrap(self, fields: Mapping[str, str]) -> dict[str, Any]:
        return {"shots": [parse_shot(fields[k]) for k in SHOTS if fields.get(k)]}

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {
                "shots": {
                    "type": "array",
                    "minItems": MIN_SHOTS,
                    "maxItems": len(SHOTS),
                    "items": {
                        "type": "object",
                        "properties": {
                            "scene": {"type": "string", "maxLength": 40},
                            "voiceover": {"type": "string", "maxLength": 60},
                            "caption": {"type": "string", "maxLength": CAPTION_MAX},
                        },
                        "required": ["scene", "voiceover", "caption"],
                        "additionalProperties": False,
                    },
                }
            },
            "required": ["shots"],
            "additionalProperties": False,
        }

    def problems(self, fields: Mapping[str, str]) -> list[str]:
        out = super().problems(fields)
        shots = [parse_shot(fields[k]) for k in SHOTS if fields.get(k)]
        if not MIN_SHOTS <= len(shots) <= len(SHOTS):
            out.append(f"video_script has {len(shots)} shots, expected {MIN_SHOTS}-{len(SHOTS)}")
        for key, shot in zip((k for k in SHOTS if fields.get(k)), shots, strict=True):
            if not shot["voiceover"]:
                out.append(f"video_script.{key} has no voice-over")
            if len(shot["caption"]) > CAPTION_MAX:
                out.append(
                    f"video_script.{key} caption has {len(shot['caption'])} characters, "
                    f"limit {CAPTION_MAX}"
                )
        total = sum(shot_seconds(s["voiceover"]) for s in shots)
        if total > self.max_seconds:
            out.append(f"video_script runs {total} s, limit {self.max_seconds} s")
        return out

    def export(self, fields: Mapping[str, str]) -> dict[str, Any]:
        shots = [
            {**shot, "seconds": shot_seconds(shot["voiceover"])}
            for shot in (parse_shot(fields[k]) for k in SHOTS if fields.get(k))
        ]
        return {
            "channel": self.name,
            "shots": shots,
            "seconds": sum(s["seconds"] for s in shots),
        }


VIDEO_SCRIPT = VideoScriptSpec(
    name="video_script",
    label_zh="短视频脚本",
    label_en="Short-video script",
    fields=(
        FieldSpec("shot_1", "镜头1：开场", ("hook", "pain"), max_chars=160, required=False),
        FieldSpec("shot_2", "镜头2：卖点", ("benefit",), max_chars=160, required=False),
        FieldSpec("shot_3", "镜头3：信任", ("proof",), max_chars=160, required=False),
        FieldSpec("shot_4", "镜头4：优惠", ("offer",), max_chars=160, required=False),
        FieldSpec("shot_5", "镜头5：行动", ("cta",), max_chars=160, required=False),
        FieldSpec("shot_6", "镜头6：补充", (), max_chars=160, required=False),
    ),
    notes_zh=(
        f"3-6个镜头，每个镜头写画面、旁白、字幕（字幕不超过{CAPTION_MAX}字）；"
        f"时长按旁白语速约每秒4.5字计算，全片不超过{MAX_SECONDS}秒。"
    ),
)
