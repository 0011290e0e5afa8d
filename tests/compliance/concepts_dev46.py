"""Concepts added for the forty-sixth development set (promotion mechanics and the money side
of selling: merchant instalments, seller-offered credit, auto-renewal, cash for reviews,
reference prices, lotteries, standard terms), each checked on wordings of its own (not the
set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # credit offered by a shop or a beauty brand is read by the loan rules
    ("loan-price", "general", "home_card", "电动车分期开回家，日供低至9元", "block"),
    ("loan-price", "general", "banner", "平板电脑分24期，每期手续费0.6%，0首付带走", "block"),
    ("credit-approval", "cosmetics", "dsp", "美容仪分期购，零审批，当天发货", "block"),
    # a merchant's plain interest-free instalment, the fees borne by the merchant
    ("loan-price", "general", "app_push", "指定家电支持6期免息，手续费由商家承担", "pass"),
    (
        "loan-price",
        "cosmetics",
        "home_card",
        "套装可分3期，每期仅还本金133元，无利息、无手续费",
        "pass",
    ),
    # auto-renewal the buyer did not choose, is not told of, or cannot leave
    (
        "misleading-inducement",
        "general",
        "app_push",
        "开通会员即自动续费，扣费前不另行通知",
        "block",
    ),
    ("misleading-inducement", "general", "dsp", "连续包月已为您默认勾选，次月起25元/月", "block"),
    (
        "misleading-inducement",
        "general",
        "app_push",
        "连续包月次月起25元/月，续费前5天短信提醒，可随时在设置中关闭",
        "pass",
    ),
    # cash for a good review
    (
        "misleading-inducement",
        "cosmetics",
        "sms",
        "【青禾】晒图给五星好评，联系客服返8元红包。拒收请回复R",
        "block",
    ),
    (
        "misleading-inducement",
        "general",
        "app_push",
        "收货后欢迎如实评价，好评差评都不影响售后",
        "pass",
    ),
    # the seller's last word, and refunds refused outright
    (
        "misleading-inducement",
        "general",
        "banner",
        "储值卡一经办理概不退款，解释权归本店所有",
        "block",
    ),
    ("misleading-inducement", "general", "home_card", "预售定金支付后，未付尾款的定金不退", "pass"),
    # a reference price the seller admits was never charged
    (
        "misleading-inducement",
        "general",
        "live_script",
        "吊牌价就是标着好看的，平时都卖三百多",
        "block",
    ),
    # a lottery's car or gold bar over the cap, in w
    ("improper-inducement", "general", "home_card", "满额抽奖，头奖宝马一辆", "block"),
    ("improper-inducement", "general", "home_card", "下单抽奖，一等奖价值6w的金饰", "block"),
    # principal and interest called guaranteed; a deposit's statutory cover is not
    (
        "guaranteed-returns",
        "insurance",
        "smart_call",
        "这款产品本金和收益都有保障，跟存钱一样",
        "block",
    ),
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "存款本息受存款保险保障，最高偿付限额50万元",
        "pass",
    ),
    # what copy must say, or says to warn, is no claim
    ("absolute-terms", "general", "dsp", "幼儿配方奶粉｜母乳是宝宝最好的食物", "pass"),
    (
        "medical-claims",
        "health_food",
        "wechat_article",
        "饮食不能代替治疗，不要用保健食品代替药物",
        "pass",
    ),
    (
        "credit-approval",
        "finance",
        "xiaohongshu",
        "学生办信用卡须年满18周岁，并提供第二还款来源的书面同意",
        "pass",
    ),
    (
        "credential-request",
        "finance",
        "sms",
        "【禾信银行】我行不会向您索要验证码或交易密码。拒收请回复R",
        "pass",
    ),
]
