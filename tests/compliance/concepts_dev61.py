"""Concepts added for the sixty-first development set (questions again, in other voices and
products), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # Questions that reject their own word: 没人能保证, 不存在, 别被…带节奏, 不承诺.
    ("guaranteed-returns", "finance", "app_push", "明年还能涨吗？没人能保证，基金有风险", "pass"),
    (
        "guaranteed-returns",
        "finance",
        "video_script",
        "「保本高收益」的理财存在吗？不存在。",
        "pass",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "video_script",
        "说下月停售，赶紧买？别被停售两个字带节奏",
        "pass",
    ),
    ("guaranteed-outcome", "general", "app_push", "能保证过级吗？我们不承诺，效果因人而异", "pass"),
    ("credit-repair", "finance", "video_script", "接到「花钱修复征信」的电话？直接挂！", "pass"),
    ("medical-claims", "cosmetics", "xiaohongshu", "想做医美请去有资质的医疗机构", "pass"),
    ("medical-claims", "health_food", "smart_call", "您平时在吃降压药吗？有的话请先问医生", "pass"),
    ("loan-price", "finance", "app_push", "三年期存款利率1.95%，以网点挂牌利率为准", "pass"),
    # Experts who buy it themselves, a forecast of next year, a record of never losing.
    ("endorsement", "finance", "wechat_article", "为什么分析师们自己都在定投这只基金？", "block"),
    ("guaranteed-returns", "finance", "live_script", "明年金价肯定要破800，今天不买就亏", "block"),
    ("guaranteed-returns", "finance", "live_script", "我做了八年理财，从来没见它亏过", "block"),
    # Named buyers, experts with their own children, stories of results.
    ("endorsement", "finance", "home_card", "李阿姨把20万放进稳享，一年多赚了5000", "block"),
    (
        "endorsement",
        "health_food",
        "video_script",
        "儿科张医生说她自己女儿每天一片这款钙片",
        "block",
    ),
    ("medical-claims", "health_food", "xiaohongshu", "孩子喝了一整个冬天没去过医院", "block"),
    ("medical-claims", "health_food", "home_card", "吃了三个月，膝盖都不疼了", "block"),
    # Cover and renewal overstated; a loan made up with forged papers.
    (
        "insurance-misrepresentation",
        "insurance",
        "home_card",
        "既往症也能全额赔，不限年龄",
        "block",
    ),
    ("insurance-misrepresentation", "insurance", "app_push", "百万医疗，保证终身续保", "block"),
    (
        "credit-approval",
        "finance",
        "wechat_article",
        "资料不够？我们帮你做流水，保证批30万",
        "block",
    ),
    # Rivals run down in questions; children as endorsers and pesterers.
    (
        "competitor-disparagement",
        "insurance",
        "video_script",
        "还在用那家车险？理赔拖半年！",
        "block",
    ),
    (
        "competitor-disparagement",
        "general",
        "live_script",
        "别买他家的充电宝，用半年就鼓包",
        "block",
    ),
    ("minors", "insurance", "video_script", "（5岁的乐乐对着镜头）妈妈，给我买这个保险吧", "block"),
    ("minors", "general", "app_push", "快拉着爸爸的手，让他给你买这个玩具", "block"),
    ("absolute-terms", "cosmetics", "dsp", "还能找到比它更保湿的面霜吗？找不到！", "block"),
    ("sunscreen", "cosmetics", "banner", "一涂就100%阻隔紫外线", "block"),
    ("efficacy-guarantee", "health_food", "live_script", "吃一盒没效果你回来找我", "block"),
    # Premiums by instalments with a fee need the annual rate.
    ("loan-price", "insurance", "sms", "【安盛车险】保费分6期付，每期手续费0.6%。回T退订", "block"),
]
