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
    # the kind of notice or account a message imitates: 【还款通知】, 【物流提醒】, 【尊享会员】
    "还款",
    "账单",
    "物流",
    "快递",
    "包裹",
    "订单",
    "交易",
    "支付",
    "安全",
    "尊享",
    "贵宾",
    "权益",
    "积分",
    "生日",
    "社保",
    "医保",
    "养老",
    "公积金",
    "政务",
)
_GENERIC = re.compile("|".join(sorted(GENERIC_WORDS, key=len, reverse=True)))
#: The commonest Chinese surnames: a name after a role (顾问李敏) or before one (李敏顾问).
SURNAMES = (
    "李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤"
)
_ROLE = "(?:客户经理|理财经理|规划师|代理人|顾问|经理|专员|助理|管家|老师)"
#: A person's form of address, not a sender's name: 【王姐】, 【李总】, 【张老师】, and a role
#: with a person's name (【您的专属顾问李敏】, 【王芳经理】).
_PERSON = re.compile(
    rf"[\u4e00-\u9fff]{{1,2}}(?:姐|哥|总|老师|经理|阿姨|叔|师傅|顾问|专员)"
    # a southern nickname (【阿芳】, 【阿强】), not a brand that starts with 阿 (阿里, 阿迪)
    r"|阿(?!里|迪|玛|胶|拉|尔|波|根|联|克|斯|卡|特|萨|贝|芙|道|普)[\u4e00-\u9fff]"
    rf"|{_ROLE}[{SURNAMES}][\u4e00-\u9fff]{{1,2}}|[{SURNAMES}][\u4e00-\u9fff]{{1,2}}{_ROLE}"
)
#: Who the words address (您的专属顾问): no part of a name.
_ADDRESS = re.compile(r"^(?:您的|你的|您|你)")
#: Sentence punctuation: a slogan (【美，从今天开始】), not a name.
_SENTENCE = re.compile(r"[，,。！!？?；;：:]")
_NAME = re.compile(r"[\u3400-\u9fff]|[A-Za-z]{2,}")


def names_a_sender(signature: str) -> bool:
    """True when ``signature`` (the text inside 【】) holds a name once the words that only
    label the message are taken out: 【鹿溪】 and 【锦程银行客服中心】 do, 【温馨提示】, 【】
    【12345】 and a person's form of address (【王姐】) do not (full-width letters count as
    letters). A slogan (【美，从今天开始】) and a person with a role (【您的专属顾问李敏】)
    name nobody either."""
    name = unicodedata.normalize("NFKC", signature).strip()
    if _SENTENCE.search(name):
        return False
    if _PERSON.fullmatch(name) or _PERSON.fullmatch(_GENERIC.sub("", _ADDRESS.sub("", name))):
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
