"""Concepts added for the thirty-seventh development set (internet-native wording: slang,
mixed scripts, letter codes), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a room's ceiling is not a superlative
    ("absolute-terms", "general", "banner", "卧室天花板刷了淡蓝色乳胶漆，层高2.8米。", "pass"),
    (
        "absolute-terms",
        "general",
        "xiaohongshu",
        "厨房吊顶换成铝扣板后，天花板再也不发霉了",
        "pass",
    ),
    ("absolute-terms", "cosmetics", "banner", "平价粉底液天花板，油皮亲妈！", "block"),
    # slang named as words the brand will not use
    (
        "absolute-terms",
        "cosmetics",
        "xiaohongshu",
        "“天花板”“yyds”这类词我们从不拿来宣传，这瓶洗面奶就是温和清洁。",
        "pass",
    ),
    # an effect the product is said not to have
    (
        "medical-claims",
        "health_food",
        "live_script",
        "这个蛋白棒是普通零食，没有任何降脂治疗作用，嘴馋的时候吃一根。",
        "pass",
    ),
    # 不 inside a symptom's name negates nothing
    (
        "medical-claims",
        "health_food",
        "live_script",
        "失眠多梦、消化不良、便秘喝两周就好了！",
        "block",
    ),
    # cured, with the person named
    ("medical-claims", "general", "xiaohongshu", "这个按摩枕治好了我妈多年的颈椎病", "block"),
    # a blood value said to have fallen by numbers, a drug stopped
    (
        "medical-claims",
        "health_food",
        "xiaohongshu",
        "坚持吃了三个月，血压从160降到了130，降压药也停了",
        "block",
    ),
    # an instalment with its fees waived in full is free
    (
        "loan-price",
        "finance",
        "app_push",
        "指定商品3期免息（免息即分期手续费全部减免）",
        "pass",
    ),
    # an ad dressed as local news
    (
        "ad-disclosure",
        "general",
        "wechat_article",
        "【民生资讯】全城市民排队购买XX空气炸锅，门店一货难求。",
        "block",
    ),
    (
        "ad-disclosure",
        "general",
        "wechat_article",
        "【民生资讯】本周六起地铁2号线延长运营至23:30。",
        "pass",
    ),
]
