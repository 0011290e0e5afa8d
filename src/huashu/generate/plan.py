"""The content plan of a campaign, read from the brief and the brand pack before any drafting:
the product, the offers and who qualifies, the selling angles the brief asks for, the tone, the
audiences, and per channel the action a reader can take. What the brief asked for and the plan
cannot honour is listed in words (``not_honoured``), never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from huashu.audience.briefs import BriefReading, read_brief
from huashu.channels import builtin_channels
from huashu.domain import BrandPack, Segment

_WORDS = yaml.safe_load(Path(__file__).with_name("brief_words.yaml").read_text("utf-8"))
#: selling angles per industry: key -> (zh label, words that ask for it in a brief)
ANGLES: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    industry: {k: (v["label"], tuple(v["words"])) for k, v in angles.items()}
    for industry, angles in _WORDS["angles"].items()
}
TONES: dict[str, tuple[str, tuple[str, ...]]] = {
    k: (v["label"], tuple(v["words"])) for k, v in _WORDS["tones"].items()
}
_AVOID = re.compile(
    r"(?:别|不要|不用|不必|不|无需|避免|avoid|don't|do not)\s*"
    r"(?:提|讲|说|强调|mention|talk about)?\s*$"
)
#: the action each channel allows, in words (COPY.md): what a CTA on it must be
CHANNEL_ACTIONS: dict[str, str] = {
    "sms": "回复、到网点、拨打热线或在App内搜索；品牌包没有短链接时不写“点击链接”",
    "smart_call": "转人工或预约客户经理回电；电话里不说“点击”“收藏”",
    "home_card": "按钮文字（不超过8字）",
    "dsp": "按钮文字",
    "xiaohongshu": "收藏、评论或站内搜索；不放外链",
    "video_script": "评论区或主页了解；结尾给出行动",
    "live_script": "小黄车下单或评论区提问",
}


@dataclass(frozen=True)
class OfferPlan:
    key: str
    name: str
    description: str
    eligible: tuple[str, ...]
    not_eligible: tuple[str, ...]


@dataclass(frozen=True)
class ChannelPlan:
    channel: str
    label_zh: str
    action_zh: str
    ctas: tuple[str, ...]


@dataclass(frozen=True)
class ContentPlan:
    """What the drafts of a campaign will say, before any is written."""

    brand_id: str
    brief: str
    product: str
    product_kind: str
    product_description: str
    offers: tuple[OfferPlan, ...]
    angles: tuple[str, ...]
    avoid_angles: tuple[str, ...]
    angle_labels: dict[str, str]
    tone: str
    channels: tuple[ChannelPlan, ...]
    audiences: tuple[str, ...]
    segments: tuple[str, ...]
    language: str
    not_honoured: tuple[dict[str, str], ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines_zh(self) -> list[str]:
        """The plan as the chat page and the CLI say it."""
        lines = [f"产品：{self.product}（{self.product_kind}）{self.product_description}"]
        for o in self.offers:
            who = "、".join(o.eligible) or "无"
            lines.append(f"优惠：{o.name}，仅对符合条件的人群说（{who}）；其余人群只讲标准条件")
        if self.angles:
            lines.append("卖点：" + "、".join(self.angle_labels[a] for a in self.angles))
        if self.avoid_angles:
            lines.append("尽量不提：" + "、".join(self.angle_labels[a] for a in self.avoid_angles))
        lines.append("语气：" + (TONES[self.tone][0] if self.tone in TONES else "品牌默认"))
        for c in self.channels:
            cta = "；".join(c.ctas[:3]) if c.ctas else "（品牌包未提供）"
            lines.append(f"{c.label_zh}行动：{c.action_zh}。可用：{cta}")
        lines.append(f"人群：{len(self.segments)} 个（{'、'.join(self.segments)}）")
        lines += [f"无法执行：{n['zh']}" for n in self.not_honoured]
        return lines


def _hits(text: str, words: tuple[str, ...]) -> list[int]:
    out: list[int] = []
    for w in words:
        start = text.find(w.lower())
        while start >= 0:
            out.append(start)
            start = text.find(w.lower(), start + 1)
    return out


def read_angles(text: str, industry: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(angles asked for, angles asked to avoid: 别提利率) in the order the brief names them."""
    lowered = text.lower()
    wanted: list[tuple[int, str]] = []
    avoided: list[str] = []
    for key, (_, words) in ANGLES.get(industry, {}).items():
        hits = _hits(lowered, words)
        if not hits:
            continue
        if all(_AVOID.search(lowered[max(0, h - 8) : h]) for h in hits):
            avoided.append(key)
        else:
            wanted.append((min(hits), key))
    return tuple(k for _, k in sorted(wanted)), tuple(avoided)


def read_tone(text: str) -> str:
    lowered = text.lower()
    for key, (_, words) in TONES.items():
        if any(w in lowered for w in words):
            return key
    return "neutral"


def content_plan(
    pack: BrandPack,
    brief_text: str,
    segments: list[Segment] | tuple[Segment, ...],
    channels: tuple[str, ...],
    reading: BriefReading | None = None,
) -> ContentPlan:
    """The plan for drafting ``channels`` x ``segments`` of ``brief_text`` with ``pack``."""
    reading = reading or read_brief(brief_text, pack)
    industry = pack.brand.industry
    # words already read as an audience or a channel (优惠资格, 首页) are not angles
    angles, avoid = read_angles(reading.rest, industry)
    labels = {k: v[0] for k, v in ANGLES.get(industry, {}).items()}
    known = builtin_channels()
    offers = tuple(
        OfferPlan(
            key=o.key,
            name=o.name,
            description=o.description,
            eligible=tuple(s.name for s in segments if o.eligible(dict(s.rule))),
            not_eligible=tuple(s.name for s in segments if not o.eligible(dict(s.rule))),
        )
        for o in pack.offers
    )
    plans = []
    for ch in channels:
        ctas = tuple(
            dict.fromkeys(
                pack.render(p)
                for p in pack.phrases.get("cta", ())
                if (not p.channels or ch in p.channels) and p.tone != "formal"
            )
        )
        plans.append(ChannelPlan(ch, known[ch].label_zh, CHANNEL_ACTIONS.get(ch, ""), ctas))
    product = pack.product
    return ContentPlan(
        brand_id=pack.id,
        brief=reading.text,
        product=product.name if product else (pack.campaign.name if pack.campaign else ""),
        product_kind=product.kind if product else "",
        product_description=product.description if product else "",
        offers=offers,
        angles=angles,
        avoid_angles=avoid,
        angle_labels=labels,
        tone=read_tone(reading.text),
        channels=tuple(plans),
        audiences=reading.audiences,
        segments=tuple(s.name for s in segments),
        language=reading.language,
        not_honoured=tuple(not_honoured(pack, reading)),
    )


def not_honoured(pack: BrandPack, reading: BriefReading) -> list[dict[str, str]]:
    """What the brief asks for that the drafts will not do, in zh and en."""
    known = builtin_channels()
    out: list[dict[str, str]] = []
    for word in reading.unknown_channels:
        out.append(
            {
                "kind": "unknown_channel",
                "zh": f"{word}：暂不支持该渠道，本次不生成",
                "en": f"{word}: channel not supported yet; nothing drafted for it",
            }
        )
    for ch in reading.channels:
        if ch not in pack.channels:
            out.append(
                {
                    "kind": "channel_not_enabled",
                    "zh": f"{known[ch].label_zh}未在品牌包中启用，本次不生成",
                    "en": f"channel {ch} is not enabled in the brand pack; nothing drafted for it",
                }
            )
    for word in reading.unmatched_audiences:
        out.append(
            {
                "kind": "unmatched_audience",
                "zh": f"{word}：没有对应的人群分层，未单独写",
                "en": f"{word}: no segment matches this audience; not written for",
            }
        )
    if reading.language != "zh":
        out.append(
            {
                "kind": "language",
                "zh": "需求含英文：已按中文文案撰写（投放对象为中文用户）",
                "en": "the brief is (partly) in English; the copy is written in Chinese",
            }
        )
    return out
