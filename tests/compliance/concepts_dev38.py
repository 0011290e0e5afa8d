"""Concepts added for the thirty-eighth development set (the short copy inside bank, insurer and
fintech apps), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a lesson on loan prices, quoting the daily rate others look at
    (
        "loan-price",
        "finance",
        "wechat_article",
        "不少用户只盯着“日利率0.03%”，总觉得每天没几毛钱。换算成年化利率是10.95%，借款前请认准年化利率。",
        "pass",
    ),
    ("loan-price", "finance", "banner", "日利率0.03%，每天不到3毛钱，马上借！", "block"),
    # an annual rate without the fees it must include; interest on a minimum payment hidden
    (
        "loan-price",
        "finance",
        "banner",
        "年化利率低至4.8%（不包含会员费和咨询费）",
        "block",
    ),
    ("loan-price", "finance", "app_push", "还最低还款额就行，剩下的免利息～", "block"),
    (
        "loan-price",
        "finance",
        "app_push",
        "最低还款后，未还金额按年化利率18.25%（日利率0.05%）计息。",
        "pass",
    ),
    # no interest and no fee, both stated
    (
        "loan-price",
        "finance",
        "dsp",
        "家电分期6期免息，不收取任何手续费，利息由商户承担。",
        "pass",
    ),
    # account notices need no opt-out
    (
        "sender-identity",
        "finance",
        "sms",
        "【恒丰银行】您尾号2231的借记卡12月3日支出500.00元。非本人操作请致电客服。",
        "pass",
    ),
    (
        "sender-identity",
        "finance",
        "sms",
        "【恒丰理财】您持有的稳健1号最新净值1.0213，详情请登录App查看。",
        "pass",
    ),
    (
        "sender-identity",
        "general",
        "sms",
        "【乐购超市】您的积分将于1月31日过期，请及时使用。",
        "pass",
    ),
    (
        "sender-identity",
        "general",
        "sms",
        "【乐购超市】您的积分将于1月31日过期，快来兑换电饭煲！",
        "block",
    ),
    (
        "sender-identity",
        "general",
        "sms",
        "【燃动健身】您预约的周三瑜伽课已确认，如需取消请提前1小时。",
        "pass",
    ),
    # what a holder's fund earned, told to the holder
    (
        "guaranteed-returns",
        "finance",
        "app_push",
        "您持有的XX货币基金昨日收益1.08元，七日年化1.62%。",
        "pass",
    ),
    # guarantees in new words
    ("guaranteed-returns", "finance", "dsp", "指数定投，年化8%稳稳拿！", "block"),
    ("guaranteed-returns", "finance", "banner", "高收益低风险，闲钱就放这里", "block"),
    ("guaranteed-returns", "finance", "home_card", "基金就等于存钱，收益还更高", "block"),
    ("guaranteed-returns", "finance", "dsp", "存多少赔多少，存款全额有保障", "block"),
    # loans: a paid membership before the money, a limit for everyone
    (
        "loan-approval",
        "finance",
        "app_push",
        "下款前需开通299元提速会员，审核优先。",
        "block",
    ),
    ("loan-approval", "finance", "live_script", "进直播间的人人都有5万额度！", "block"),
    # cover overstated
    ("insurance-misrepresentation", "insurance", "banner", "医保不报的，这款统统能赔！", "block"),
    # the government's name on a commercial plan
    ("state-organ-name", "insurance", "banner", "政府版惠民保，全家必备", "block"),
]
