"""Concepts added or widened for the sixty-sixth development set (the second held-out set's
brief a third time, written to measure round 65 on first contact), each checked on wordings of
its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    (
        "credit-approval",
        "finance",
        "sms",
        "【快钱】您的3万元贷款已批下，24小时内不登录提取将失效，回T退订",
        "block",
    ),
    (
        "official-endorsement",
        "finance",
        "smart_call",
        "我是人民银行授权的贷款专员，给您留了一个低息名额",
        "block",
    ),
    (
        "endorsement",
        "general",
        "video_script",
        "我叫豆豆，今年7岁，我推荐大家都用这款护眼台灯",
        "block",
    ),
    ("education-ads", "general", "banner", "初一英语寒假班 名师一对一 报名立减200", "block"),
    (
        "personal-information",
        "general",
        "smart_call",
        "我们从您孩子学校那边拿到的名单，想给您介绍托管班",
        "block",
    ),
    (
        "real-estate-claims",
        "general",
        "wechat_article",
        "邻居买了一套两居，三年转手赚了四十万",
        "block",
    ),
    ("medical-claims", "general", "dsp", "过敏性鼻炎的克星！这台加湿器开一晚就好", "block"),
    (
        "medical-claims",
        "general",
        "video_script",
        "医院营养科同款配方，术后补充营养就喝它",
        "block",
    ),
    ("competitor", "finance", "wechat_article", "它家利率高得离谱，还乱扣费，换我们吧", "block"),
    (
        "credit-approval",
        "finance",
        "dsp",
        "手头紧？来我们这借一笔先还上别家的，不影响征信",
        "block",
    ),
    ("loan-price", "finance", "home_card", "借5000元到账4600元，已扣除400元服务费", "block"),
    ("health-food", "health_food", "app_push", "吃了它，药盒可以收起来了", "block"),
    ("health-food", "health_food", "banner", "坚持吃半年，保证长高5厘米", "block"),
    ("health-food", "health_food", "video_script", "（明星林某出镜）我每天都吃这个鱼油", "block"),
    ("public-order", "general", "app_push", "新皮肤上线，尺度全开，懂的都懂", "block"),
    ("consumer-rights", "general", "live_script", "这批是清仓款，不退不换哦", "block"),
    (
        "consumer-rights",
        "general",
        "banner",
        "定制商品不适用七天无理由退货，下单前请确认尺寸",
        "pass",
    ),
    (
        "deposit",
        "finance",
        "sms",
        "【某农商行】一年期定期满10万，除挂牌利率外另返现金300元，回T退订",
        "block",
    ),
    # warnings and deferrals that are not claims
    ("context", "finance", "xiaohongshu", "征信修复都是坑，别信", "pass"),
    (
        "context",
        "cosmetics",
        "video_script",
        "做完水光针后皮肤敏感，请遵医嘱护理，这款面霜只做日常保湿",
        "pass",
    ),
    ("context", "general", "live_script", "这是我们店里卖得最好的一款电饭煲", "pass"),
    ("context", "general", "wechat_article", "招聘分拣员，入职不收任何费用", "pass"),
    (
        "context",
        "general",
        "wechat_article",
        "正规食品的说法是“有助于维持健康”，而不是“降血糖”“治糖尿病”",
        "pass",
    ),
    (
        "context",
        "general",
        "video_script",
        "刷到“喝这个就能停胰岛素”的帖子，先别信，药怎么吃听医生的",
        "pass",
    ),
]
