"""Concepts added for the fifty-first development set (legal copy that looks illegal): titles,
awards entered, savings bonds, a list of products with the deposit named as the insured one,
what a home policy insures, each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    ("absolute-terms", "general", "app_push", "您预约的《最强大脑》第十季签名版已到货", "pass"),
    ("absolute-terms", "general", "dsp", "最强大脑同款记忆训练课", "block"),
    (
        "absolute-terms",
        "insurance",
        "wechat_article",
        "我们的理赔服务入选“年度最佳服务奖”，感谢大家",
        "pass",
    ),
    (
        "wealth-risk",
        "finance",
        "smart_call",
        "今年第二期储蓄国债下周开售，100元起购，请问需要预约吗？",
        "pass",
    ),
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "账户可买存款、理财和基金，其中存款受存款保险保障，其他产品不保本",
        "pass",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "dsp",
        "房屋、装修和家电都能保，损失按条款理赔",
        "pass",
    ),
]

#: After round 51: an insurance policy's cover or claims ranked over all others.
CASES += [
    ("absolute-terms", "insurance", "dsp", "这款百万医疗险保障范围最广，理赔最快", "block"),
    ("absolute-terms", "insurance", "home_card", "病种最多的少儿重疾险", "block"),
    (
        "absolute-terms",
        "insurance",
        "dsp",
        "保额最高200万元，小额理赔最快当天到账，以条款为准",
        "pass",
    ),
]
