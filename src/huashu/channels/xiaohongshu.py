"""小红书 note: title <= 20 chars, body, hashtags, and the 广告 label when commercial."""

from __future__ import annotations

from dataclasses import dataclass

from huashu.channels.base import ChannelSpec, FieldSpec
from huashu.domain import BrandPack

AD_LABEL = "广告"


@dataclass(frozen=True)
class XiaohongshuSpec(ChannelSpec):
    def wrap(self, fields: dict[str, str], pack: BrandPack) -> dict[str, str]:
        tags = (
            f"#{pack.brand.name} #护肤"
            if pack.brand.industry == "cosmetics"
            else f"#{pack.brand.name}"
        )
        body = fields.get("body", "")
        return {
            "title": fields.get("title", ""),
            "body": f"{body}\n{tags}",
            "label": AD_LABEL,
        }


XIAOHONGSHU = XiaohongshuSpec(
    name="xiaohongshu",
    label_zh="小红书笔记",
    fields=(
        FieldSpec("title", "标题", ("hook",), max_chars=20),
        FieldSpec("body", "正文", ("pain", "benefit", "proof", "offer", "cta"), max_chars=1000),
        FieldSpec("label", "标注", (), max_chars=4, required=False),
    ),
    notes_zh="标题不超过20字；带购买链接的分享笔记须标注“广告”。",
)
