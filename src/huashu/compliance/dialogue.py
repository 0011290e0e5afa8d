"""Dialogue and FAQ copy (问：…答：…, 客户：…坐席：…): a hit in what the asker says is not a claim
when the answer refuses it; an answer that agrees, or a no to a question about a risk, keeps it."""

from __future__ import annotations

import re
from functools import lru_cache

#: Who asks in a dialogue or an FAQ (问：, 客户：, 网友提问：) and who answers (答：, 坐席：).
_ASKER = re.compile(
    r"(?:问|提问|Q|q|客户|顾客|用户|网友|粉丝|买家|评论|留言|宝宝|家人|阿姨|大爷|叔叔|家长|学员|患者|读者|业主|"
    r"宝子|姐妹|客人|投保人|借款人)(?:[0-9]{0,2})[：:]"
)
_ANSWERER = re.compile(
    r"(?:答|回答|回复|A|a|坐席|客服|主播|博主|小编|官方|销售|顾问|店员|理财经理|客户经理|经理|"
    r"医生|药师|营养师|老师|工作人员|专员|我们)(?:[0-9]{0,2})[：:]"
)
#: An answer that refuses or says no, after an apology or a form of address: 不能不能; 抱歉，
#: 我们无法对收益做任何保证; 这个真的保证不了; 不固定哦; 不受哦 (not 不用担心, 没问题, 不仅…).
_ANSWER_NO = re.compile(
    # an answer that opens with an apology declines: 抱歉，合同约定以外的返佣都是违规的
    r"(?:很|非常)?(?:抱歉|遗憾)[，,。！!]|"
    r"(?:(?:抱歉|不好意思|对不起|很遗憾|您好|你好|亲|亲亲|宝|宝子|阿姨|先生|女士|姐妹|家人|叔叔|大爷|大妈|奶奶|"
    r"爷爷|老人家|姐|哥)[^，。！？；]{0,4}?[，,！!～~]?)*"
    r"[^，。！？；]{0,4}?(?:真的|确实|实在|恐怕|可能)?"
    r"(?!不用|不必|不怕|不愁|不仅|不但|不光|不止|不只|不管|不论|不错|不少|不贵|不假|没问题|没毛病|没错|"
    r"没得说|没的说|没跑)"
    r"(?:不|没|无法|没法|做不到|保证不了|承诺不了|不可能|别信|千万别|千万不|绝对不|肯定不|当然不|"
    r"[\u4e00-\u9fff]{1,2}不了)"
)


@lru_cache(maxsize=8)
def has_dialogue(text: str) -> bool:
    """Whether ``text`` holds an asker's turn (问：, 客户：, 网友：); asked once per field
    however many rules have hits in it. The cache compares whole texts (each rule's view is an
    equal string, not the same object), so it is for once per rule, never once per hit."""
    return _ASKER.search(text) is not None


def answered_no(text: str, k: int, j: int) -> bool:
    """``text[k:j]`` is in a question someone asks in a dialogue or FAQ (after 问：/客户：,
    before the next 答：/坐席：) and the answer that follows refuses it: 问：能代替降压药吗？
    我妈想把药停了。答：不能不能。 An answer that agrees keeps the hit (问：保本吗？答：放心),
    and so does a no to a question about a risk (问：会不会亏？答：不会的): the hit then holds a
    negation itself (不会亏, 没有风险, 零风险) and the no asserts it. Only the 80 characters
    before the hit are searched for the asker, so the cost per hit does not grow with the
    text."""
    if any(ch in text[k:j] for ch in "不没无零0〇"):
        return False
    asked = None
    for m in _ASKER.finditer(text, max(0, k - 80), k):
        asked = m
    if asked is None or _ANSWERER.search(text, asked.end(), k):
        return False
    if _ASKER.search(text, k, j) or _ANSWERER.search(text, k, j):
        return False
    answer = _ANSWERER.search(text, j, j + 80)
    if answer is None or _ASKER.search(text, j, answer.start()):
        return False
    return bool(_ANSWER_NO.match(text, answer.end(), answer.end() + 24))


#: Who answers and how they address the asker, before an answer to an A-not-A question.
_ANSWER_LEAD = (
    r"(?:(?:答|回答|回复|坐席|客服|主播|顾问|老师)[：:])?"
    r"(?:(?:宝子?|亲|姐妹|家人们?|您好|你好|叔叔|阿姨)[，,！!～~]?)?"
)
#: An answer that grants the risk asked about or declines to promise it: 会不会亏？有可能的哈;
#: 有没有副作用？我们不敢说零副作用 (not 不可能, 放心, 不会的).
_CONCEDES = re.compile(
    _ANSWER_LEAD + r"[^，。！？；]{0,6}?(?<![不没无])"
    r"(?:有可能|可能会|可能|会的|会有|会[。！，,!]|会(?:亏|跌)|有的|存在|不排除|不一定|说不好|不好说|"
    r"不(?:跟|和|对|给|向)[^，。！？；]{0,4}?说|不说|不会说|"
    r"不能保证|无法保证|没法保证|没办法保证|不敢保证|不敢说|不保证|保证不了|承诺不了|不承诺)"
)


#: An answer that reassures about the risk asked about: 放心, 不会的, 绝对没有, 稳稳的.
_REASSURES = re.compile(
    _ANSWER_LEAD + r"[^，。！？；]{0,4}?"
    r"(?:放心|不会的|不会哦|不会啦|没有的|没有哦|绝对|肯定不|保证|稳稳|稳了|妥妥|当然不|"
    r"(?:不会|没有)[。！，,!])"
)


def opens_a_not_a(text: str, k: int) -> bool:
    """``text[k]`` is the 不 or 没 of an A-not-A question (会不会, 有没有, 能不能)."""
    return 0 < k < len(text) - 1 and text[k] in "不没" and text[k - 1] == text[k + 1]


def question_answered(text: str, k: int, j: int) -> bool | None:
    """For a hit that opens with the negative half of an A-not-A question (会不会亏, 有没有
    副作用): True when the answer after the question's ？ or ：grants the risk or declines to
    promise it (有可能的哈, 我们不敢说零副作用), False when it reassures (放心, 不会的, 绝对零
    副作用: the question then carries the claim the answer makes), None for any other hit or
    answer."""
    if j - k < 2 or not opens_a_not_a(text, k):
        return None
    end = min((i for i in (text.find(q, j, j + 16) for q in "？?：:") if i >= 0), default=-1)
    if end < 0:
        return None
    if _CONCEDES.match(text, end + 1, end + 40):
        return True
    if _REASSURES.match(text, end + 1, end + 40):
        return False
    return None
