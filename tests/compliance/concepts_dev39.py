"""Concepts added for the thirty-ninth development set (cosmetics and personal care under the
2021 cosmetics rules), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # children's cosmetics claiming whitening or hair growth; an ordinary filing's special claims
    ("medical-claims", "cosmetics", "banner", "宝宝晒黑了？儿童乳液涂一周就变白！", "block"),
    ("medical-claims", "cosmetics", "dsp", "小朋友头发少，用这款儿童洗发露快速生发", "block"),
    ("medical-claims", "cosmetics", "banner", "儿童润肤乳，温和保湿，3岁以上可用", "pass"),
    (
        "medical-claims",
        "cosmetics",
        "wechat_article",
        "本品为普通化妆品（浙G妆网备字2025000123），兼具美白祛斑功效。",
        "block",
    ),
    (
        "medical-claims",
        "cosmetics",
        "app_push",
        "这是普通化妆品，不具有美白功效，主打补水。",
        "pass",
    ),
    # safety asserted for pregnancy and babies; edible grade; age reversed by years
    ("efficacy-guarantee", "cosmetics", "dsp", "孕期放心涂的身体乳，宝宝也能用", "block"),
    ("efficacy-guarantee", "cosmetics", "banner", "食品级原料，可吃级面霜", "block"),
    ("efficacy-guarantee", "cosmetics", "app_push", "坚持用一个月，冻龄5岁", "block"),
    # compared with medical aesthetics; pores gone in days
    ("medical-claims", "cosmetics", "live_script", "这瓶精华比打水光针还管用！", "block"),
    ("medical-claims", "cosmetics", "banner", "5天毛孔不见了", "block"),
    # medical skincare is not a category; the regulator's name
    ("medical-claims", "cosmetics", "dsp", "医学护肤，专为敏感肌", "block"),
    ("state-organ-name", "cosmetics", "app_push", "国家药监局特批祛斑霜", "block"),
    # warnings that name the forbidden words
    (
        "medical-claims",
        "cosmetics",
        "xiaohongshu",
        "避雷：标着“医用面膜”的直接划走，化妆品没有这种说法。",
        "pass",
    ),
    (
        "medical-claims",
        "cosmetics",
        "live_script",
        "化妆品是不允许添加激素的，这是法规底线，不是卖点。",
        "pass",
    ),
    # service SMS: delivered with a use tip, a refund approved
    (
        "sender-identity",
        "cosmetics",
        "sms",
        "【木槿】您购买的防晒喷雾已签收，户外活动请每两小时补喷一次。",
        "pass",
    ),
    (
        "sender-identity",
        "cosmetics",
        "sms",
        "【木槿】您的退货申请已审核通过，退款将在3个工作日内原路返回。",
        "pass",
    ),
    # personal-care goods: hair transplant outside a clinic, toothpaste that stops bleeding
    ("medical-beauty", "general", "banner", "理发店也能做毛囊移植，发际线一次搞定", "block"),
    ("medical-claims", "general", "home_card", "草本牙膏，止血消炎，牙龈不再出血", "block"),
]
