"""Concepts added for the forty-fifth development set (copy where two industries meet: loans
for cosmetic surgery, bank and insurer gifts of skincare and health food, health-food brands
selling on instalments, medical-insurance cards), each checked on wordings of its own (not the
set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a disease claim for a bank's gift is a disease claim
    ("medical-claims", "finance", "app_push", "积分兑灵芝孢子粉，防癌抗癌，送爸妈正合适", "block"),
    ("medical-claims", "finance", "app_push", "积分兑换灵芝孢子粉礼盒，数量有限，兑完即止", "pass"),
    # weight lost, in figures
    ("efficacy-guarantee", "health_food", "xiaohongshu", "喝了两个月代餐奶昔，瘦了12斤", "block"),
    (
        "efficacy-guarantee",
        "health_food",
        "live_script",
        "这款酵素从130斤吃到105斤，姐妹们冲",
        "block",
    ),
    # a health-food brand's notice that says it makes no efficacy claim
    (
        "medical-claims",
        "health_food",
        "app_push",
        "商城分期服务上线，年化利率（单利）9%-16%，以审批为准。本通知不涉及产品功效。",
        "pass",
    ),
    # medical-insurance funds for goods they do not cover
    (
        "public-order",
        "general",
        "home_card",
        "用医保个账买阿胶、奶粉，全部可以医保支付，余额别放着",
        "block",
    ),
    (
        "public-order",
        "general",
        "home_card",
        "提示：奶粉、保健品不能用医保支付，处方药请凭处方购买。",
        "pass",
    ),
    # a deposit or a fund sold with a gift
    (
        "improper-inducement",
        "finance",
        "sms",
        "【某银行】存2万元一年定期，到网点就送蚕丝被一床。拒收请回复R",
        "block",
    ),
    (
        "improper-inducement",
        "finance",
        "dsp",
        "稳健养老基金开放中，认购满5000元即送按摩仪",
        "block",
    ),
    (
        "improper-inducement",
        "finance",
        "sms",
        "【某银行】一年定期存款年利率1.35%，存款有保障。拒收请回复R",
        "pass",
    ),
    # a rebate on the premium, a gift for the employer's buyer
    (
        "improper-inducement",
        "insurance",
        "smart_call",
        "贵司团险今年续保，保费返还10%，我们再给经办人准备了一份礼品",
        "block",
    ),
    # a cosmetic procedure promised painless and scarless
    ("medical-claims", "general", "banner", "埋线双眼皮｜无痛无痕｜当天恢复", "block"),
    # a procedure sold through appearance anxiety
    (
        "medical-claims",
        "finance",
        "video_script",
        "单眼皮总被嫌弃？医美分期来帮你，先做双眼皮后付款",
        "block",
    ),
    # an endorser who says she uses it, awards and model titles: to a reviewer
    (
        "endorsement",
        "insurance",
        "video_script",
        "代言人对着镜头说：我们一家都投保了这款百万医疗。",
        "review",
    ),
    ("substantiation", "general", "wechat_article", "我司方案入选全市数字化转型典型案例", "review"),
    ("substantiation", "general", "banner", "国家级示范门店｜24小时药房", "review"),
]
