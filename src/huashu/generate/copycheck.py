"""The copy-quality gate, beside compliance: is this draft something the brand would send to
this segment on this channel? Findings read like compliance findings (rule ids ``copy.*``):

- ``copy.other_segment`` (block): another segment's identity words (种植户 wording to 养殖户).
- ``copy.ineligible_offer`` (block): an offer, its wording or its figures to a segment that does
  not qualify.
- ``copy.cta_channel`` (block): an action the channel does not allow (点击 on a phone call,
  收藏 in an SMS, a link where the brand has none).
- ``copy.product_missing``, ``copy.cta_missing``, ``copy.structure`` (review): the product not
  named, no action the reader can take, the channel's shape not met (小红书 body length and
  tags, a call's permission question and objection turns, a video's shots, SMS parts).
- ``copy.repeated`` (review): the same fact twice in one draft (最高30万元 in title and subline).
- ``copy.near_duplicate`` (review): a variant that says what a sibling already says.
- ``copy.offer_missing`` (review): a segment that qualifies for an offer is quoted the
  standard figure the offer improves on (年化利率3.6%起 to 养殖户·有优惠) without the offer.
- ``copy.not_addressed`` (review on SMS and 小红书, warn elsewhere): the segment's own identity
  not named.

It runs on every draft from every backend (``services.campaigns.check_drafts``) and inside the
``compose`` loop, where a failed gate repairs or drops the draft.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Mapping, Sequence

from huashu.channels import sms_parts
from huashu.channels.smart_call import OBJECTIONS, split_branch
from huashu.channels.xiaohongshu import hashtags
from huashu.domain import (
    BrandPack,
    ComplianceReport,
    Creative,
    Finding,
    Offer,
    Segment,
    Severity,
)
from huashu.generate.quality import DUPLICATE_THRESHOLD, similarity

RULE_PACK = "copy/1"
BASIS = "COPY.md"
_NAMESPACE = uuid.UUID("0b1f6a52-5c1e-4f4e-8a4c-1e8f3f0c9d17")
#: actions a channel cannot carry: channel -> words (the pack has no short link to send)
_FORBIDDEN_ACTIONS: dict[str, tuple[str, ...]] = {
    "sms": ("点击", "戳链接", "链接", "收藏", "评论区", "扫码", "小黄车"),
    "smart_call": ("点击", "戳", "链接", "收藏", "评论", "扫码", "下方", "小黄车"),
    "home_card": ("收藏", "评论区", "回复", "小黄车"),
    "dsp": ("收藏", "评论区", "回复", "小黄车"),
    "xiaohongshu": ("点击链接", "戳链接", "链接", "扫码", "加微信", "私信"),
}
#: at least one of these says what the reader can do next
_ACTIONS: dict[str, tuple[str, ...]] = {
    "sms": ("回复", "网点", "拨打", "热线", "搜索", "搜“", "手机银行", "App", "咨询", "门店"),
    "smart_call": ("客户经理", "回电", "联系您", "转人工", "网点", "手机银行", "搜“"),
    "xiaohongshu": ("收藏", "评论", "搜索", "搜「", "搜“"),
}  # fmt: skip
_PERMISSION = re.compile(r"方便|打扰|占用您|一分钟")
XHS_BODY = (150, 600)
XHS_TAGS = (3, 8)
SMS_MAX_PARTS = 2
#: a card headline names the benefit in 12-14 characters (COPY.md); longer ones get too small
#: on the narrow 690x240 banner
CARD_TITLE = 14


def _finding(
    rule: str,
    severity: Severity,
    field: str,
    start: int,
    matched: str,
    zh: str,
    en: str,
    suggestion: str = "",
) -> Finding:
    return Finding(
        rule_id=rule,
        severity=severity,
        basis=BASIS,
        field=field,
        start=start,
        end=start + len(matched),
        matched=matched,
        message_zh=zh,
        message_en=en,
        suggestion_zh=suggestion,
    )


def _spans(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0 and word:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def copy_findings(
    fields: Mapping[str, str], channel: str, pack: BrandPack, segment: Segment | None
) -> list[Finding]:
    """Every copy-quality finding of one draft's ``fields``."""
    out: list[Finding] = []
    if segment is not None:
        out += _other_segment(fields, pack, segment, channel)
        out += _offers(fields, pack, segment)
    out += _actions(fields, channel)
    out += _structure(fields, channel)
    out += _repeated(fields, pack, channel)
    if pack.product is not None and not any(pack.product.name in v for v in fields.values()):
        first = next(iter(fields), "")
        out.append(
            _finding(
                "copy.product_missing",
                Severity.REVIEW,
                first,
                0,
                "",
                f"没有点名产品“{pack.product.name}”：读者不知道这是什么{pack.product.kind}",
                f"the product {pack.product.name} is not named",
                f"写明“{pack.product.name}”",
            )
        )
    return out


#: channels long enough that a draft must name its reader (a card title may not have room)
_ADDRESS_CHANNELS = ("sms", "xiaohongshu")


def _other_segment(
    fields: Mapping[str, str], pack: BrandPack, segment: Segment, channel: str
) -> list[Finding]:
    out: list[Finding] = []
    for d in pack.dimensions:
        own_label = segment.labels.get(d.name)
        if own_label is None:
            continue
        own = next((v for v in d.values if v.label == own_label), None)
        own_words = own.words if own else ()
        addressed = not own_words
        for name, text in fields.items():
            covered = {i for w in own_words for s in _spans(text, w) for i in range(s, s + len(w))}
            # tags the channel adds (#学生党护肤) do not address the reader; the copy must
            prose = "\n".join(line for line in text.split("\n") if not line.startswith("#"))
            addressed = addressed or any(w in prose for w in own_words)
            for v in d.values:
                if v.label == own_label:
                    continue
                for word in v.words:
                    if word in own_words:
                        continue
                    for start in _spans(text, word):
                        if covered & set(range(start, start + len(word))):
                            continue
                        out.append(
                            _finding(
                                "copy.other_segment",
                                Severity.BLOCK,
                                name,
                                start,
                                word,
                                f"“{word}”是{v.label}的说法，这条写给{own_label}",
                                f"'{word}' addresses {v.label}; this draft is for {own_label}",
                                f"换成{own_label}自己的说法",
                            )
                        )
        if not addressed and fields:
            out.append(
                _finding(
                    "copy.not_addressed",
                    Severity.REVIEW if channel in _ADDRESS_CHANNELS else Severity.WARN,
                    next(iter(fields)),
                    0,
                    "",
                    f"没有用{own_label}自己的说法称呼读者",
                    f"the draft does not address {own_label} by its own words",
                )
            )
    return out


def _offers(fields: Mapping[str, str], pack: BrandPack, segment: Segment) -> list[Finding]:
    out: list[Finding] = []
    for offer in pack.offers:
        if offer.eligible(dict(segment.rule)):
            out += _offer_missing(fields, pack, offer)
            continue
        words = [*offer.mentions(), *(pack.fact(k).value for k in offer.facts)]
        for name, text in fields.items():
            for word in sorted(set(words), key=len, reverse=True):
                for start in _spans(text, word):
                    out.append(
                        _finding(
                            "copy.ineligible_offer",
                            Severity.BLOCK,
                            name,
                            start,
                            word,
                            f"{segment.name}不符合“{offer.name}”条件，不能对其说“{word}”",
                            f"{segment.name} does not qualify for {offer.key}; '{word}' states it",
                            "只讲标准条件",
                        )
                    )
    return out


def _repeated(fields: Mapping[str, str], pack: BrandPack, channel: str) -> list[Finding]:
    """A fact stated twice in one draft wastes the reader's attention (a call script repeats
    on purpose when the customer asks, so its objection turns are not counted)."""
    out: list[Finding] = []
    counted = {k: v for k, v in fields.items() if not k.startswith("objection_")}
    text = "\n".join(counted.values())
    values = [f.value for f in pack.facts]
    if pack.product is not None and channel in ("home_card", "dsp"):
        # a card has room for one mention: the product twice in title and subline is waste
        values.append(pack.product.name)
        counted = {k: v for k, v in counted.items() if k != "cta"}
        text = "\n".join(counted.values())
    for value in values:
        if text.count(value) < 2:
            continue
        field_ = [k for k, v in counted.items() if value in v][-1]
        start = counted[field_].rfind(value)
        out.append(
            _finding(
                "copy.repeated",
                Severity.REVIEW,
                field_,
                start,
                value,
                f"“{value}”在这条里说了两遍",
                f"'{value}' is stated twice",
                "删去重复的一处",
            )
        )
    return out


def _offer_missing(fields: Mapping[str, str], pack: BrandPack, offer: Offer) -> list[Finding]:
    """The standard figure an offer improves on (年化利率 for 优惠后年化利率: the fact whose
    label ends the offer fact's label) quoted to a segment that qualifies, in a part that does
    not state the offer (a call's message at 3.6% while its objection turn says 3.3%)."""
    if not offer.facts:
        return []
    labels = [pack.fact(k).label for k in offer.facts]
    standard = [
        f
        for f in pack.facts
        if f.key not in offer.facts
        and any(lab != f.label and lab.endswith(f.label) for lab in labels)
    ]
    told = (*offer.mentions(), *(pack.fact(k).value for k in offer.facts))
    out: list[Finding] = []
    for name, value in fields.items():
        if any(w in value for w in told):
            continue
        for fact in standard:
            at = value.find(fact.value)
            if at >= 0:
                out.append(
                    _finding(
                        "copy.offer_missing",
                        Severity.REVIEW,
                        name,
                        at,
                        fact.value,
                        f"读者符合“{offer.name}”，这里却只报了标准的{fact.text}",
                        f"the segment qualifies for {offer.key} but is quoted the standard rate",
                        f"写明{offer.name}",
                    )
                )
    return out


def _actions(fields: Mapping[str, str], channel: str) -> list[Finding]:
    out: list[Finding] = []
    for name, text in fields.items():
        for word in _FORBIDDEN_ACTIONS.get(channel, ()):
            for start in _spans(text, word):
                out.append(
                    _finding(
                        "copy.cta_channel",
                        Severity.BLOCK,
                        name,
                        start,
                        word,
                        f"“{word}”在{channel}上做不到",
                        f"'{word}' is not an action {channel} allows",
                        "换成该渠道能做的动作",
                    )
                )
    wanted = _ACTIONS.get(channel)
    text = "\n".join(fields.values())
    if wanted and not any(w in text for w in wanted):
        out.append(
            _finding(
                "copy.cta_missing",
                Severity.REVIEW,
                next(iter(fields), ""),
                0,
                "",
                "没有读者能做的下一步（回复、网点、热线、搜索、收藏或评论）",
                f"no action the reader can take on {channel}",
            )
        )
    if channel in ("home_card", "dsp") and not fields.get("cta", "").strip():
        out.append(
            _finding(
                "copy.cta_missing",
                Severity.REVIEW,
                "cta",
                0,
                "",
                "缺少按钮文字",
                "no button text",
            )
        )
    return out


def _structure(fields: Mapping[str, str], channel: str) -> list[Finding]:
    problems: list[tuple[str, str, str]] = []
    if channel == "sms":
        parts = sms_parts(fields.get("text", ""))
        if parts > SMS_MAX_PARTS:
            problems.append(
                (
                    "text",
                    f"短信按{parts}条计费，超过{SMS_MAX_PARTS}条",
                    f"SMS bills as {parts} parts",
                )
            )
    elif channel in ("home_card", "dsp"):
        title = fields.get("title", fields.get("headline", ""))
        if len(title) > CARD_TITLE:
            problems.append(
                (
                    "title" if "title" in fields else "headline",
                    f"标题{len(title)}字，超过{CARD_TITLE}字：窄条横幅上字号会小到看不清",
                    f"card title {len(title)} chars",
                )
            )
    elif channel == "xiaohongshu":
        body = fields.get("body", "")
        prose = "\n".join(line for line in body.split("\n") if not line.startswith("#"))
        size = len(prose.strip())
        low, high = XHS_BODY
        if not low <= size <= high:
            problems.append(
                ("body", f"正文{size}字，笔记正文应为{low}-{high}字", f"note body {size} chars")
            )
        tags = len(hashtags(body))
        if not XHS_TAGS[0] <= tags <= XHS_TAGS[1]:
            problems.append(
                ("body", f"话题标签{tags}个，应为{XHS_TAGS[0]}-{XHS_TAGS[1]}个", f"{tags} tags")
            )
        if fields.get("label") != "广告":
            problems.append(("label", "商业笔记须标注“广告”", "no 广告 label"))
    elif channel == "smart_call":
        if not _PERMISSION.search(fields.get("opening", "")):
            problems.append(
                ("opening", "开场没有先征得同意（如“您现在方便听吗”）", "no permission question")
            )
        turns = [k for k in OBJECTIONS if fields.get(k) and split_branch(fields[k])[1]]
        if len(turns) < 2:
            problems.append(("message", "异议应答少于2轮", f"{len(turns)} objection turns"))
        if not fields.get("close", "").strip():
            problems.append(("close", "缺少结束语", "no close"))
    elif channel == "video_script":
        shots = [v for k, v in fields.items() if k.startswith("shot_") and v]
        if len(shots) < 3 or not all("画面：" in s and "旁白：" in s for s in shots):
            problems.append(
                (next(iter(fields), ""), "短视频须有3个以上镜头，每个含画面和旁白", "shots")
            )
    elif channel == "live_script":
        beats = [v for v in fields.values() if v]
        if len(beats) < 4:
            problems.append((next(iter(fields), ""), "直播脚本须有4个以上环节", "beats"))
    return [_finding("copy.structure", Severity.REVIEW, f, 0, "", zh, en) for f, zh, en in problems]


def duplicate_findings(
    creatives: Sequence[Creative], threshold: float = DUPLICATE_THRESHOLD
) -> dict[str, list[Finding]]:
    """Creative id -> a ``copy.near_duplicate`` finding for each variant that says what an
    earlier sibling of the same segment and channel already says."""
    out: dict[str, list[Finding]] = {}
    kept: dict[tuple[str, str], list[Creative]] = {}
    for c in creatives:
        group = kept.setdefault((c.segment_key, str(c.channel)), [])
        twin = next((k for k in group if similarity(k.text, c.text) >= threshold), None)
        if twin is not None:
            out[c.id] = [
                _finding(
                    "copy.near_duplicate",
                    Severity.REVIEW,
                    next(iter(c.fields), ""),
                    0,
                    "",
                    f"与同组另一条素材（{twin.id[:8]}）几乎相同",
                    f"near-duplicate of {twin.id}",
                )
            ]
        else:
            group.append(c)
    return out


def with_copy_findings(report: ComplianceReport, findings: Sequence[Finding]) -> ComplianceReport:
    """``report`` plus the copy gate's ``findings``: verdict recomputed, id derived from both."""
    if not findings:
        return report
    merged = (*report.findings, *findings)
    digest = hashlib.sha256("\x1f".join(f.model_dump_json() for f in findings).encode()).hexdigest()
    return ComplianceReport(
        id=str(uuid.uuid5(_NAMESPACE, f"{report.id}:{digest}")),
        creative_id=report.creative_id,
        verdict=ComplianceReport.verdict_of(merged),
        findings=merged,
        rule_packs=(*report.rule_packs, RULE_PACK),
    )


def failing(findings: Sequence[Finding]) -> list[Finding]:
    """The findings that fail the gate (block or review; warnings do not)."""
    return [f for f in findings if f.severity != Severity.WARN]
