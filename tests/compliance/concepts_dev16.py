"""Concepts added for the sixteenth development set (spoken and conversational copy: live
streams, customer-service chat, outbound calls, private groups), each checked on wordings of its
own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a denial said the spoken way: 治不了, 可不是啥「…」
    (
        "medical-claims",
        "health_food",
        "live_script",
        "叔叔，咱这鱼油治不好糖尿病，血糖的事还得听医生的",
        "pass",
    ),
    ("absolute-terms", "general", "live_script", "咱这锅可不是啥「行业第一」，就是耐用", "pass"),
    # a firm that would never ask for it, said as a warning
    (
        "transfer-to-personal-account",
        "insurance",
        "wechat_article",
        "温馨提示：我司从不让客户把保费打到业务员个人账户，遇到请拨打客服电话",
        "pass",
    ),
    # a seller's own shop news is recognisable as the shop's; shared-looking notes are not
    ("ad-disclosure", "general", "xiaohongshu", "店里新到了一批羊绒围巾，需要的宝子私我", "pass"),
    (
        "ad-disclosure",
        "general",
        "xiaohongshu",
        "闺蜜推荐的面霜用了一个月，脸真的嫩了，想要同款的看我主页小店",
        "block",
    ),
    # drinking then driving, drinking as a tonic, in a streamer's words
    ("alcohol", "general", "live_script", "喝了咱这口粮酒，第二天上路也不怕，还补肾", "block"),
    # returns said to be certain in speech
    ("guaranteed-returns", "finance", "wechat_article", "这票我一定能让你翻倍，跟着上车", "block"),
    ("guaranteed-returns", "finance", "live_script", "老师带的票包涨停，不涨退你会员费", "block"),
    # deposits bought with subsidies
    (
        "improper-inducement",
        "finance",
        "smart_call",
        "张姐，咱行定期这月还有贴息，存得越多返得越多",
        "block",
    ),
    # a reader's number passed on, or their credit file read back to them
    (
        "personal-information",
        "finance",
        "smart_call",
        "李先生您好，是合作平台把您的手机号推荐给我们的，给您介绍一款信用贷",
        "block",
    ),
    (
        "personal-information",
        "finance",
        "smart_call",
        "您好，我们查到您最近征信记录有点花，可以帮您申请一笔周转金",
        "block",
    ),
    # emoji read as the character they stand for
    (
        "medical-claims",
        "health_food",
        "xiaohongshu",
        "这款纳豆激酶对❤️血管特别好，吃了💊都能停",
        "block",
    ),
    ("zero-interest", "finance", "app_push", "🈚利息分期，先用后还", "block"),
    # homophones of acne gone for good; first-person endorsement of a health food
    ("medical-claims", "cosmetics", "xiaohongshu", "宝子们这支精华我用完逗逗全消了", "block"),
    (
        "endorsement",
        "health_food",
        "video_script",
        "我自己坚持吃了三年这款蛋白粉，叔叔阿姨们也赶紧吃起来",
        "block",
    ),
    ("medical-claims", "health_food", "live_script", "这款酸枣仁膏百分百治失眠", "block"),
    # insurance sold as doubling money, or against a deposit
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "这张保单交五年翻番，放心存",
        "block",
    ),
    ("insurance-misrepresentation", "insurance", "app_push", "保证理赔，绝不拒赔，放心投", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "smart_call",
        "健康告知您随便填就行，保险公司查不出来的",
        "block",
    ),
    # a caller speaking as a state organ
    (
        "misleading-inducement",
        "insurance",
        "smart_call",
        "您好，我们是医保局的，您有一笔补充医疗待遇要领取",
        "block",
    ),
    # substantiation: awards named by year, tests done, certificates held, rankings
    (
        "substantiation",
        "general",
        "live_script",
        "这口锅拿下了2024年度厨具协会金奖，品质没话说",
        "review",
    ),
    ("substantiation", "cosmetics", "home_card", "本品已完成第三方人体功效测试", "review"),
    ("substantiation", "finance", "wechat_article", "我们的投顾都持有国际认证的资格证书", "review"),
    ("substantiation", "general", "banner", "XX电器，中国500强企业", "review"),
    ("substantiation", "general", "home_card", "通过实名认证后即可领取会员权益", "pass"),
]
