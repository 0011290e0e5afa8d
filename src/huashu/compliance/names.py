"""Names in copy.

Whether an SMS signature names its sender (Advertising Law Art. 43: a commercial message states
the sender's true identity; MIIT's SMS rules: the signature is the sender's name, a trademark or
a product's short name): 【温馨提示】, 【重要通知】, 【会员福利】 or an empty 【】 name nobody, and
with no brand pack to compare against such a signature is read as missing. And whether a hit
lies inside a title in 《》 (a book, a film, a show: 《最好的我们》 is a name, not a claim about
the product)."""

from __future__ import annotations

import re
import unicodedata

#: Words that say what kind of message it is, not who sends it.
GENERIC_WORDS = (
    "温馨提示",
    "温馨提醒",
    "友情提示",
    "友情提醒",
    "尊敬的客户",
    "尊敬的用户",
    "尊敬的会员",
    "亲爱的用户",
    "亲爱的会员",
    "验证码",
    "好消息",
    "提示",
    "提醒",
    "通知",
    "公告",
    "消息",
    "系统",
    "重要",
    "紧急",
    "最新",
    "官方",
    "客服",
    "会员",
    "用户",
    "客户",
    "福利",
    "优惠",
    "特惠",
    "活动",
    "限时",
    "推荐",
    "广告",
    "短信",
    "信息",
    "喜报",
    "恭喜",
    "服务",
    "中心",
    "专享",
    "专属",
    "速看",
    "必看",
)
_GENERIC = re.compile("|".join(sorted(GENERIC_WORDS, key=len, reverse=True)))
#: A person's form of address, not a sender's name: 【王姐】, 【李总】, 【张老师】.
_PERSON = re.compile(r"[\u4e00-\u9fff]{1,2}(?:姐|哥|总|老师|经理|阿姨|叔|师傅|顾问|专员)")
_NAME = re.compile(r"[\u3400-\u9fff]|[A-Za-z]{2,}")


def names_a_sender(signature: str) -> bool:
    """True when ``signature`` (the text inside 【】) holds a name once the words that only
    label the message are taken out: 【鹿溪】 and 【锦程银行客服中心】 do, 【温馨提示】, 【】
    【12345】 and a person's form of address (【王姐】) do not (full-width letters count as
    letters)."""
    name = unicodedata.normalize("NFKC", signature).strip()
    if _PERSON.fullmatch(name):
        return False
    return _NAME.search(_GENERIC.sub("", name)) is not None


#: Characters a title in 《》 may hold around a hit.
_TITLE_REACH = 30


def in_title(original: str, start: int, end: int) -> bool:
    """Whether ``original[start:end]`` lies inside 《…》 (opened before it and closed after it
    within :data:`_TITLE_REACH` characters, with no other mark between)."""
    opened = original.rfind("《", max(0, start - _TITLE_REACH), start)
    if opened < 0 or "》" in original[opened:start]:
        return False
    closed = original.find("》", end, end + _TITLE_REACH)
    return closed >= 0 and "《" not in original[end:closed]
