"""Campaign names: a short, distinct name read from the brief when a campaign is filed
(product · audience, occasion and channels: 春耕贷·养殖户 短信+首页卡片), and the operator's
rename, validated and audited."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from huashu.domain import BrandPack, Brief, Conflict, InputError
from huashu.store import repos
from huashu.store.campaigns import campaign_row
from huashu.store.models import CampaignRow

#: longest campaign name (characters) an operator may give
MAX_NAME_CHARS = 40
#: longest derived name before a distinguishing suffix
_BASE_CHARS = 30
#: occasions a brief may name, in the words it names them
OCCASIONS: tuple[str, ...] = (
    "春节", "元旦", "元宵", "妇女节", "清明", "五一", "劳动节", "母亲节", "端午", "618", "父亲节",
    "七夕", "开学季", "中秋", "国庆", "重阳", "双11", "双十一", "双12", "双十二", "年货节",
    "春耕", "夏收", "秋收", "三农", "新年", "年终",
)  # fmt: skip


def _labels(channels: tuple[str, ...]) -> list[str]:
    from huashu.channels import builtin_channels

    known = builtin_channels()
    return [known[c].label_zh if c in known else c for c in channels]


def _product(pack: BrandPack, brief: Brief) -> str:
    if pack.product is not None and pack.product.name:
        return pack.product.name
    if pack.campaign is not None and pack.campaign.name:
        return pack.campaign.name
    return brief.text[:12].strip()


def base_name(pack: BrandPack, brief: Brief) -> str:
    """The brief's name without a suffix: product, then its audiences and occasion, then its
    channels (``春耕贷·养殖户 短信+首页卡片``; ``春耕贷·春节 养殖户等3类 首页卡片``)."""
    product = _product(pack, brief)
    tags = [o for o in OCCASIONS if o in brief.text and o not in product][:1]
    focus = list(brief.focus)
    if 1 <= len(focus) <= 2:
        tags.append("、".join(focus))
    elif focus:
        tags.append(f"{focus[0]}等{len(focus)}类人群")
    labels = _labels(tuple(str(c) for c in brief.channels))
    channels = "+".join(labels) if len(labels) <= 3 else f"{labels[0]}等{len(labels)}个渠道"
    head = f"{product}·{' '.join(tags)}" if tags else product
    return f"{head} {channels}".strip()[:_BASE_CHARS].strip()


def campaign_name(pack: BrandPack, brief: Brief, taken: set[str], today: date) -> str:
    """:func:`base_name`, made distinct from the brand's ``taken`` names with the date, then
    a number (``春耕贷·养殖户 短信 06-12``, ``… 06-12 #2``)."""
    name = base_name(pack, brief)
    if name not in taken:
        return name
    dated = f"{name} {today:%m-%d}"
    if dated not in taken:
        return dated
    n = 2
    while f"{dated} #{n}" in taken:
        n += 1
    return f"{dated} #{n}"


def brand_names(s: Session, brand_id: str) -> set[str]:
    """The names of the brand's campaigns."""
    return set(s.scalars(select(CampaignRow.name).where(CampaignRow.brand_id == brand_id)))


def checked_name(name: str) -> str:
    """``name`` trimmed, or the refusal: empty, longer than :data:`MAX_NAME_CHARS`, or with a
    control character (a line break, a tab)."""
    cleaned = (name or "").strip()
    if not cleaned:
        raise InputError(
            "campaign name must not be empty",
            message_zh="活动名称不能为空",
            code="campaign_name_empty",
        )
    if len(cleaned) > MAX_NAME_CHARS:
        raise InputError(
            f"campaign name has {len(cleaned)} characters, limit {MAX_NAME_CHARS}",
            message_zh=f"活动名称过长：{len(cleaned)} 字，最多 {MAX_NAME_CHARS} 字",
            code="campaign_name_too_long",
            details={"chars": len(cleaned), "limit": MAX_NAME_CHARS},
        )
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in cleaned):
        raise InputError(
            "campaign name must not contain control characters (line breaks, tabs)",
            message_zh="活动名称不能包含换行、制表符等控制字符",
            code="campaign_name_control_chars",
        )
    return cleaned


def rename_campaign(s: Session, campaign_id: str, name: str, actor: str) -> dict[str, Any]:
    """Rename the campaign (audited ``campaign.renamed`` with the names before and after);
    the same name again changes nothing (``changed`` false). Another campaign of the brand
    with that name: 409 ``campaign_name_taken``."""
    new = checked_name(name)
    row = campaign_row(s, campaign_id, lock=True)
    before = row.name
    if new == before:
        return {"campaign": repos.get_campaign(s, campaign_id), "changed": False}
    if new in brand_names(s, row.brand_id):
        raise Conflict(
            f"brand {row.brand_id} already has a campaign named {new!r}",
            message_zh=f"该品牌已有名为“{new}”的活动，请换一个名称",
            code="campaign_name_taken",
            details={"name": new},
        )
    row.name = new
    s.flush()
    repos.audit(
        s, actor, "campaign.renamed", "campaign", campaign_id, {"before": before, "after": new}
    )
    return {"campaign": repos.get_campaign(s, campaign_id), "changed": True}
