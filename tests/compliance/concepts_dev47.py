"""Concepts added for the forty-seventh development set (native advertising and advertorials:
news-style reports, expert columns, user stories, explainers that end in a product), each
checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a sales pitch dressed as news, with a way to buy
    (
        "ad-disclosure",
        "general",
        "wechat_article",
        "本报讯 记者实地探访发现，这款空气炸锅成了家家必备，点击下方链接抢购",
        "block",
    ),
    (
        "ad-disclosure",
        "insurance",
        "video_script",
        "【记者探访】走进安禾保险客服中心……片尾：扫码立即投保",
        "block",
    ),
    # real news that sells nothing
    (
        "ad-disclosure",
        "finance",
        "wechat_article",
        "本报讯 市金融监管局提醒市民警惕“保本高收益”宣传，切勿轻信，谨防上当",
        "pass",
    ),
    # a doctor's advice to take a health food daily
    (
        "endorsement",
        "health_food",
        "video_script",
        "医生建议，中老年人每天两粒鱼油，护心脑",
        "block",
    ),
    (
        "endorsement",
        "health_food",
        "wechat_article",
        "有慢性病请遵医嘱，用药问题请咨询医生",
        "pass",
    ),
    # a cosmetic "not a drug but better"
    ("medical-claims", "cosmetics", "live_script", "这个修护霜不是药胜似药，用完脸就好了", "block"),
    # a course's refund if the score does not rise
    (
        "guaranteed-outcome",
        "general",
        "app_push",
        "四六级冲刺班，考过为止，没过全额退学费",
        "block",
    ),
    # a formula diary that puts the bottle beside the breast
    (
        "breastmilk-substitute",
        "general",
        "xiaohongshu",
        "换了这款1段奶粉，宝宝喝得跟亲喂的时候差不多，不用再坚持母乳啦",
        "block",
    ),
    # a government body as the maker, in letters too
    ("state-symbols", "general", "home_card", "zf单位食堂特供大米，5kg装49元", "block"),
    ("state-symbols", "insurance", "banner", "市医保局推出的普惠保，今年开放投保", "block"),
    # an ordinary food that says it is one, and claims nothing
    (
        "medical-claims",
        "health_food",
        "sms",
        "【禾谷】燕麦片1kg装29.9元。本品为普通食品，不具有保健功能。拒收请回复R",
        "pass",
    ),
    ("medical-claims", "health_food", "banner", "鲜牛奶｜巴氏杀菌｜当日配送", "pass"),
    # what the law forbids, quoted as the law
    (
        "medical-claims",
        "health_food",
        "live_script",
        "按规定，普通食品不能宣传预防治疗疾病",
        "pass",
    ),
    # a fund's fee rates are no loan price
    (
        "loan-price",
        "finance",
        "app_push",
        "基金申购费率1.5%，活动期间费率0.15%，基金有风险",
        "pass",
    ),
    # a dermatologist's explainer that sells nothing
    (
        "medical-claims",
        "cosmetics",
        "home_card",
        "皮肤科医生说：痤疮反复要就医，别乱用偏方。本文不推荐任何产品",
        "pass",
    ),
]
