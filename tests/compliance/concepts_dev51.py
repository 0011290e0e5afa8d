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
    # After round 51: an insurance policy's cover or claims ranked over all others.
    ("absolute-terms", "insurance", "dsp", "这款百万医疗险保障范围最广，理赔最快", "block"),
    ("absolute-terms", "insurance", "home_card", "病种最多的少儿重疾险", "block"),
    (
        "absolute-terms",
        "insurance",
        "dsp",
        "保额最高200万元，小额理赔最快当天到账，以条款为准",
        "pass",
    ),
    # After round 51, concepts read from the law (Art. 9, 18, 25) rather than from a case.
    ("medical-claims", "health_food", "dsp", "上班族每天必吃，不吃就缺维生素", "block"),
    ("medical-claims", "health_food", "dsp", "一瓶顶五瓶普通鱼油", "block"),
    ("efficacy-guarantee", "health_food", "dsp", "天然成分，安全无毒", "block"),
    ("insurance-misrepresentation", "insurance", "dsp", "医保报完剩下的，我们全包", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "smart_call",
        "公司就算破产了，保单利益也一分不少",
        "block",
    ),
    ("guaranteed-returns", "finance", "dsp", "分析师预测明年涨幅翻倍", "block"),
    ("guaranteed-returns", "finance", "dsp", "跟着导师炒股，日赚500", "block"),
    ("guaranteed-returns", "general", "dsp", "临地铁新盘，升值空间巨大", "block"),
    ("state-symbols", "general", "dsp", "领导人同款白茶", "block"),
    ("state-symbols", "general", "wechat_article", "国家领导人出席了博览会开幕式", "pass"),
    ("medical-claims", "general", "dsp", "这款米粉让宝宝变聪明", "block"),
]
