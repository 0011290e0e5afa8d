"""小红书 note: title <= 20 chars, body, emoji, hashtags, and the 广告 label when commercial."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from huashu.channels.base import ChannelSpec, FieldSpec
from huashu.domain import BrandPack, Segment

AD_LABEL = "广告"
TITLE_MAX = 20
MAX_HASHTAGS = 10
EMOJI = ("✨", "🌿", "💧", "🌟", "💚", "🍃")
_HASHTAG = re.compile(r"#([^\s#]+)")
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")
_INDUSTRY_TAGS = {"cosmetics": "护肤", "finance": "理财知识"}


def hashtags(text: str) -> list[str]:
    return _HASHTAG.findall(text)


def brand_tags(pack: BrandPack, segment: Segment | None = None) -> list[str]:
    """The brand, the product, the segment's persona (油皮护肤, 学生党护肤) and the industry."""
    tags = [pack.brand.name]
    if pack.product is not None:
        tags.append(pack.product.name)
    suffix = _INDUSTRY_TAGS["cosmetics"] if pack.brand.industry == "cosmetics" else ""
    for label in segment.labels.values() if segment else ():
        if not label.startswith(("有", "无")):
            tags.append(f"{label}{suffix}")
    if pack.brand.industry == "cosmetics":
        tags.append(_INDUSTRY_TAGS["cosmetics"])
    return list(dict.fromkeys(tags))


@dataclass(frozen=True)
class XiaohongshuSpec(ChannelSpec):
    """``commercial`` notes (with a purchase link or a brand offer) carry the 广告 label."""

    commercial: bool = True

    def wrap(
        self, fields: dict[str, str], pack: BrandPack, segment: Segment | None = None
    ) -> dict[str, str]:
        title = fields.get("title", "")
        if title and not _EMOJI.search(title):
            pick = int(hashlib.sha256(title.encode()).hexdigest(), 16) % len(EMOJI)
            if len(title) < TITLE_MAX:
                title += EMOJI[pick]
        body = fields.get("body", "").rstrip()
        present = set(hashtags(body))
        missing = [t for t in brand_tags(pack, segment) if t not in present]
        if missing:
            body = f"{body}\n{' '.join('#' + t for t in missing)}"
        out = {"title": title, "body": body}
        out["label"] = AD_LABEL if self.commercial else ""
        return out

    def from_output(self, data: Mapping[str, Any]) -> dict[str, str]:
        body = str(data.get("body", "")).strip()
        tags = [str(t).lstrip("#").strip() for t in data.get("hashtags", []) if str(t).strip()]
        if tags:
            body = f"{body}\n{' '.join('#' + t for t in tags)}"
        return {"title": str(data.get("title", "")).strip(), "body": body}

    def unwrap(self, fields: Mapping[str, str]) -> dict[str, Any]:
        body = fields.get("body", "")
        text = "\n".join(line for line in body.split("\n") if not line.startswith("#"))
        return {
            "title": _EMOJI.sub("", fields.get("title", "")),
            "body": text,
            "hashtags": hashtags(body),
        }

    def json_schema(self) -> dict[str, Any]:
        schema = super().json_schema()
        schema["properties"]["hashtags"] = {
            "type": "array",
            "items": {"type": "string", "maxLength": 20},
            "maxItems": MAX_HASHTAGS,
        }
        return schema

    def problems(self, fields: Mapping[str, str]) -> list[str]:
        out = super().problems(fields)
        tags = hashtags(fields.get("body", ""))
        if len(tags) > MAX_HASHTAGS:
            out.append(f"xiaohongshu.body has {len(tags)} hashtags, limit {MAX_HASHTAGS}")
        if self.commercial and fields.get("label") != AD_LABEL:
            out.append(f"xiaohongshu.label must be {AD_LABEL} on a commercial note")
        return out

    def export(self, fields: Mapping[str, str]) -> dict[str, Any]:
        body = fields.get("body", "")
        return {
            "channel": self.name,
            "title": fields.get("title", ""),
            "body": body,
            "hashtags": hashtags(body),
            "emoji": _EMOJI.findall(fields.get("title", "") + body),
            "label": fields.get("label", ""),
        }


XIAOHONGSHU = XiaohongshuSpec(
    name="xiaohongshu",
    label_zh="小红书笔记",
    label_en="Xiaohongshu note",
    fields=(
        FieldSpec("title", "标题", ("hook",), max_chars=TITLE_MAX),
        FieldSpec(
            "body", "正文", ("pain", "benefit", "proof", "offer", "cta"), 1000, separator="\n"
        ),
        FieldSpec("label", "标注", (), max_chars=4, required=False, llm=False),
    ),
    notes_zh="标题不超过20字（可带emoji）；话题标签不超过10个；带购买链接的分享笔记须标注“广告”。",
)
