"""Reading an operator's chat brief: which channels and audiences it asks for, and what it names
that huashu cannot honour (a platform it does not deliver to, an audience no segment matches).

Words are matched longest first and a matched span is consumed, so 没有优惠 is read as 无优惠 and
never also as 有优惠, and 视频号 (a platform huashu does not deliver to) never reads as 视频.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from huashu.domain import BrandPack, Brief, InputError

#: Longest brief (characters) huashu reads; a chat brief is a few sentences.
MAX_BRIEF_CHARS = 4000

#: words an operator uses for a channel -> channel name (Chinese and English)
CHANNEL_WORDS: dict[str, str] = {
    "短信": "sms",
    "sms": "sms",
    "text message": "sms",
    "首页卡片": "home_card",
    "首页": "home_card",
    "卡片": "home_card",
    "banner": "home_card",
    "横幅": "home_card",
    "home card": "home_card",
    "homepage": "home_card",
    "home page": "home_card",
    "home-page": "home_card",
    "homepage card": "home_card",
    "home page card": "home_card",
    "home-page card": "home_card",
    "app card": "home_card",
    "card": "home_card",
    "智能外呼": "smart_call",
    "外呼": "smart_call",
    "电话": "smart_call",
    "电销": "smart_call",
    "call": "smart_call",
    "phone": "smart_call",
    "信息流": "dsp",
    "dsp": "dsp",
    "程序化": "dsp",
    "feed ad": "dsp",
    "小红书": "xiaohongshu",
    "笔记": "xiaohongshu",
    "xiaohongshu": "xiaohongshu",
    "rednote": "xiaohongshu",
    "red note": "xiaohongshu",
    "xhs": "xiaohongshu",
    "短视频": "video_script",
    "视频脚本": "video_script",
    "视频": "video_script",
    "video": "video_script",
    "直播": "live_script",
    "livestream": "live_script",
    "live stream": "live_script",
    "live script": "live_script",
}

#: words that hold a channel word without naming a channel (a credit card is a product)
NOT_CHANNEL_WORDS: tuple[str, ...] = (
    "credit card", "bank card", "debit card", "id card", "gift card", "membership card",
    "call to action",
)  # fmt: skip

#: platforms and media operators name that huashu does not deliver to
UNKNOWN_CHANNEL_WORDS: tuple[str, ...] = (
    "抖音", "快手", "朋友圈", "微信群", "企业微信", "公众号", "视频号", "微博", "b站", "哔哩哔哩",
    "知乎", "邮件", "电子邮件", "email", "e-mail", "电梯广告", "电梯", "海报", "传单", "地推",
    "广播", "电视", "户外广告", "tiktok", "douyin", "wechat", "weibo", "kuaishou", "bilibili",
    "newsletter", "poster", "wechat moments", "moments",
)  # fmt: skip

#: people an operator may target; any left over after the pack's audiences are read is an
#: audience no segment matches (退休教师 for a bank whose segments are occupations)
AUDIENCE_WORDS: tuple[str, ...] = (
    "退休", "教师", "老师", "大学生", "中学生", "学生", "男士", "男生", "男性", "女生", "女性",
    "孕妇", "宝妈", "妈妈", "老人", "老年人", "中老年", "长辈", "医生", "护士", "公务员", "司机",
    "外卖员", "快递员", "渔民", "军人", "程序员", "青少年", "儿童", "新市民", "大妈", "大爷",
    "retiree", "retired", "teacher", "student", "men", "male", "pregnant", "mother", "mom",
    "senior", "elderly", "doctor", "nurse", "driver",
)  # fmt: skip
_GROUP = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:群体|人群)")
_LEAD = re.compile(r"^(?:面向|针对|给|对|向|帮|为|和|与|及|的)+")
_ASCII_WORD = re.compile(r"[a-z]")


@dataclass(frozen=True)
class BriefReading:
    """What a brief names. ``channels``: known channel names asked for (enabled or not), in
    the order the brief names them;
    ``unknown_channels`` / ``unmatched_audiences``: the brief's own words huashu cannot
    honour; ``audiences``: the pack's value labels the brief selects."""

    text: str
    channels: tuple[str, ...] = ()
    unknown_channels: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    unmatched_audiences: tuple[str, ...] = ()
    language: str = "zh"
    rest: str = field(default="", repr=False)


def language_of(text: str) -> str:
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    latin_words = len(re.findall(r"[A-Za-z]{2,}", text))
    if cjk == 0 and latin_words:
        return "en"
    if latin_words >= 2 and cjk:
        return "mixed"
    return "zh"


def _consume(text: str, word: str) -> tuple[str, bool]:
    """``text`` with every occurrence of ``word`` blanked (English words on word boundaries)."""
    pattern = _pattern(word)
    found = bool(pattern.search(text))
    return (pattern.sub(lambda m: " " * len(m.group(0)), text), found) if found else (text, False)


def read_brief(text: str, pack: BrandPack) -> BriefReading:
    """Read channels, audiences and what cannot be honoured from ``text`` (no defaults)."""
    cleaned = _checked(text)
    rest = cleaned.lower()
    unknown: list[tuple[int, str]] = []  # (where, the brief's own word)
    for word in sorted(UNKNOWN_CHANNEL_WORDS, key=len, reverse=True):
        at = rest.find(word)
        rest, found = _consume(rest, word)
        if found:
            unknown.append((at, cleaned[at : at + len(word)]))
    for word in NOT_CHANNEL_WORDS:
        rest, _ = _consume(rest, word)
    named: dict[str, int] = {}  # channel -> where the brief first names it
    for word in sorted(CHANNEL_WORDS, key=len, reverse=True):
        hit = _pattern(word).search(rest)
        rest, found = _consume(rest, word)
        if found and hit is not None:
            ch = CHANNEL_WORDS[word]
            named[ch] = min(named.get(ch, hit.start()), hit.start())
    channels = sorted(named, key=lambda ch: named[ch])
    rest, audiences = _audiences(rest, pack)
    unmatched: list[str] = []
    for m in _GROUP.finditer(rest):
        unmatched.append(_LEAD.sub("", m.group(1)))
        rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
    runs = _audience_runs(rest)
    for start, end in runs:
        unmatched.append(cleaned[start:end])
    order = {v.label: i for i, v in enumerate(v for d in pack.dimensions for v in d.values)}
    return BriefReading(
        text=cleaned,
        channels=tuple(channels),
        unknown_channels=tuple(dict.fromkeys(word for _, word in sorted(unknown))),
        audiences=tuple(sorted(audiences, key=lambda lab: order[lab])),
        unmatched_audiences=tuple(dict.fromkeys(u for u in unmatched if u.strip())),
        language=language_of(cleaned),
        rest=rest,
    )


_NEGATION_ZH = re.compile(r"(?:没|不|无|非|未)(?:有|是)?$")
_NEGATION_EN = re.compile(
    r"\b(?:not|no|don't|doesn't|do not|does not|without|never|aren't)\b[^.,;:!?]*$"
)


def _negated(rest: str, start: int) -> bool:
    before = rest[max(0, start - 24) : start]
    return bool(_NEGATION_ZH.search(before.rstrip()) or _NEGATION_EN.search(before))


def _audiences(rest: str, pack: BrandPack) -> tuple[str, list[str]]:
    """The pack's value labels named in ``rest`` (and ``rest`` with them consumed).

    A negated alias of a two-valued dimension (没有优惠资格, don't qualify) names the other
    value. An alias several values share (农户: 养殖户 and 种植户) counts only when no more
    specific alias already named one of those values (种菜的农户 is 种植户 alone)."""
    owners: dict[str, list[tuple[int, str]]] = {}
    for index, d in enumerate(pack.dimensions):
        for v in d.values:
            for alias in dict.fromkeys((v.label, *v.aliases)):
                owners.setdefault(alias.lower(), []).append((index, v.label))
    found: list[str] = []
    broad: list[tuple[str, list[tuple[int, str]]]] = []
    for alias in sorted(owners, key=len, reverse=True):
        labels = owners[alias]
        if len(labels) > 1:
            broad.append((alias, labels))
            continue
        index, label = labels[0]
        pattern = _pattern(alias)
        for m in list(pattern.finditer(rest)):
            named = label
            values = pack.dimensions[index].values
            if _negated(rest, m.start()) and len(values) == 2:
                named = next(v.label for v in values if v.label != label)
            if named not in found:
                found.append(named)
        rest = pattern.sub(lambda m: " " * len(m.group(0)), rest)
    for alias, labels in broad:
        rest, hit = _consume(rest, alias)
        if hit and not any(label in found for _, label in labels):
            found.extend(label for _, label in labels if label not in found)
    return rest, found


def _pattern(word: str) -> re.Pattern[str]:
    if _ASCII_WORD.search(word):
        return re.compile(rf"(?<![a-z]){re.escape(word)}s?(?![a-z])")
    return re.compile(re.escape(word))


def _audience_runs(rest: str) -> list[tuple[int, int]]:
    """Spans of ``rest`` covered by adjacent audience words (退休 + 教师 -> 退休教师)."""
    covered = [False] * len(rest)
    for word in AUDIENCE_WORDS:
        for m in _pattern(word).finditer(rest):
            for i in range(m.start(), m.end()):
                covered[i] = True
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(covered):
        if covered[i]:
            j = i
            # English words of one audience are joined by single spaces (retired teachers)
            while j < len(covered) and (
                covered[j] or (rest[j] == " " and j + 1 < len(covered) and covered[j + 1])
            ):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _checked(text: str) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise InputError(
            "empty brief: say what to promote, to whom and on which channels",
            message_zh="需求为空：请写明推广什么、给哪些人群、用哪些渠道，例如“给养殖户推春耕贷款，首页卡片+短信”",
            code="empty_brief",
        )
    if len(cleaned) > MAX_BRIEF_CHARS:
        raise InputError(
            f"brief has {len(cleaned):,} characters, limit {MAX_BRIEF_CHARS:,}: "
            "say what to promote, to whom and on which channels in a few sentences",
            message_zh=(
                f"需求过长：{len(cleaned):,} 字，上限 {MAX_BRIEF_CHARS:,} 字。"
                "请用几句话写明推广什么、给哪些人群、用哪些渠道"
            ),
            code="brief_too_long",
            details={"chars": len(cleaned), "limit": MAX_BRIEF_CHARS},
        )
    return cleaned


def parse_brief(text: str, pack: BrandPack) -> Brief:
    """The brief's channels (default: all the pack enables) and audience labels.

    A brief whose every named channel is unknown or not enabled, or whose every named audience
    matches no segment, is refused with a message saying what was and was not understood.
    """
    reading = read_brief(text, pack)
    enabled = [ch for ch in reading.channels if ch in pack.channels]
    disabled = [ch for ch in reading.channels if ch not in pack.channels]
    if (reading.channels or reading.unknown_channels) and not enabled:
        asked = [*reading.unknown_channels, *disabled]
        raise InputError(
            f"brief asks for channel(s) {', '.join(asked)}, none of which brand {pack.id} "
            f"delivers on ({', '.join(pack.channels)})"
            + (
                f"; audience(s) {', '.join(reading.unmatched_audiences)} match no segment"
                if reading.unmatched_audiences
                else ""
            ),
            message_zh=(
                f"需求中的渠道“{'、'.join(_zh_channels(asked))}”无法投放；"
                f"该品牌可用渠道：{'、'.join(_zh_channels(pack.channels))}。"
                + _understood_zh(reading)
                + _unmatched_zh(reading)
            ),
            code="channel_not_enabled",
            details={
                "asked": asked,
                "enabled": list(pack.channels),
                "unmatched": list(reading.unmatched_audiences),
            },
        )
    if reading.unmatched_audiences and not reading.audiences:
        raise unknown_audience(reading, pack, _understood_zh(reading))
    return Brief(
        text=reading.text,
        brand_id=pack.id,
        channels=tuple(enabled) or pack.channels,
        focus=reading.audiences,
    )


def unknown_audience(reading: BriefReading, pack: BrandPack, understood_zh: str) -> InputError:
    """The refusal of a brief whose every audience matches no segment (``understood_zh``: what
    was understood, said after the list of the pack's audiences)."""
    labels = [v.label for d in pack.dimensions for v in d.values]
    return InputError(
        f"brief names audience(s) {', '.join(reading.unmatched_audiences)} that match no "
        f"segment of brand {pack.id} (audiences: {', '.join(labels)})",
        message_zh=(
            f"需求中的人群“{'、'.join(reading.unmatched_audiences)}”没有对应的人群分层；"
            f"可选人群：{'、'.join(labels)}。" + understood_zh
        ),
        code="unknown_audience",
        details={"unmatched": list(reading.unmatched_audiences), "audiences": labels},
    )


def _zh_channels(names: tuple[str, ...] | list[str]) -> list[str]:
    from huashu.channels import builtin_channels

    known = builtin_channels()
    return [known[n].label_zh if n in known else n for n in names]


def _understood_zh(reading: BriefReading) -> str:
    parts = []
    if reading.channels:
        parts.append("渠道 " + "、".join(_zh_channels(reading.channels)))
    if reading.audiences:
        parts.append("人群 " + "、".join(reading.audiences))
    if parts:
        return "已读懂：" + "；".join(parts) + "。"
    return "" if reading.unmatched_audiences else "其余内容未能识别出渠道或人群。"


def _unmatched_zh(reading: BriefReading) -> str:
    """The audiences no segment matches, said in a refusal about something else."""
    if not reading.unmatched_audiences:
        return ""
    return f"人群“{'、'.join(reading.unmatched_audiences)}”也没有对应的人群分层。"
