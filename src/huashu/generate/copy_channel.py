"""The copy gate's channel checks: actions a channel cannot carry or that are missing
(``copy.cta_channel``, ``copy.cta_missing``) and the channel's shape (``copy.structure``: SMS
parts, a card title's length, a 小红书 note's body, tags and label, a call's permission
question, objection turns and close, a video's shots, a live script's beats); and the helpers
every copy rule uses (:func:`finding`, :func:`spans`; the gate is
:mod:`huashu.generate.copycheck`)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from huashu.channels import sms_parts
from huashu.channels.smart_call import OBJECTIONS, split_branch
from huashu.channels.xiaohongshu import hashtags
from huashu.domain import Finding, Severity

BASIS = "COPY.md"
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


def finding(
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


def spans(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0 and word:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def _actions(fields: Mapping[str, str], channel: str) -> list[Finding]:
    out: list[Finding] = []
    for name, text in fields.items():
        for word in _FORBIDDEN_ACTIONS.get(channel, ()):
            for start in spans(text, word):
                out.append(
                    finding(
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
            finding(
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
            finding(
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
    return [finding("copy.structure", Severity.REVIEW, f, 0, "", zh, en) for f, zh, en in problems]
