"""Reading an operator's chat brief: which channels and which segments it asks for."""

from __future__ import annotations

from huashu.domain import BrandPack, Brief, InputError

#: words an operator uses for a channel -> channel name
CHANNEL_WORDS: dict[str, str] = {
    "短信": "sms",
    "sms": "sms",
    "首页卡片": "home_card",
    "首页": "home_card",
    "卡片": "home_card",
    "小红书": "xiaohongshu",
    "笔记": "xiaohongshu",
}


def parse_brief(text: str, pack: BrandPack) -> Brief:
    """Channels named in the brief (default: all the pack enables) and segment labels named."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise InputError(
            "empty brief: say what to promote, to whom and on which channels",
            message_zh="需求为空：请写明推广什么、给哪些人群、用哪些渠道，例如“给养殖户推春耕贷款，首页卡片+短信”",
            code="empty_brief",
        )
    lowered = cleaned.lower()
    named = [ch for word, ch in CHANNEL_WORDS.items() if word in lowered]
    channels = tuple(ch for ch in pack.channels if ch in named) or pack.channels
    unavailable = sorted({ch for ch in named if ch not in pack.channels})
    if unavailable and not any(ch in pack.channels for ch in named):
        raise InputError(
            f"brief asks for channel(s) {', '.join(unavailable)} that brand "
            f"{pack.id} does not enable ({', '.join(pack.channels)})",
            message_zh=f"需求中的渠道未在品牌包中启用：{'、'.join(unavailable)}",
            code="channel_not_enabled",
        )
    focus = tuple(v.label for d in pack.dimensions for v in d.values if v.label in cleaned)
    return Brief(text=cleaned, brand_id=pack.id, channels=channels, focus=focus)
