"""Concepts added for the twenty-fifth development set (how sellers spell around filters,
character by character), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a character written as its two components
    ("guaranteed-returns", "finance", "banner", "亻呆本理财，到期兑付", "block"),
    ("medical-claims", "health_food", "dsp", "吃了就能燃烧月旨肪，一周瘦十斤", "block"),
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "本月旨在推出新客专享活动，理财非存款，产品有风险",
        "pass",
    ),
    # one tone swapped and one exact homophone in the same term
    ("guaranteed-returns", "finance", "live_script", "跟着老师买，稳转不陪", "block"),
    ("guaranteed-returns", "finance", "smart_call", "这款理财包本包息，您放心", "block"),
    ("guaranteed-returns", "finance", "app_push", "这款产品是岗兑的，到期本息一分不少", "block"),
    # English, emoji and digits for words
    ("guaranteed-returns", "finance", "video_script", "this fund: no loss, only gains", "block"),
    ("guaranteed-returns", "finance", "live_script", "收益🔒死6个点，家人们冲", "block"),
    ("guaranteed-returns", "finance", "banner", "5风险高收益，存一年赚一年", "block"),
    (
        "guaranteed-returns",
        "finance",
        "wechat_article",
        "本产品风险等级为R5，风险较高，请谨慎选择",
        "pass",
    ),
    (
        "guaranteed-returns",
        "finance",
        "sms",
        "【金桥】本金0损失，到期兑付承诺。拒收请回复R",
        "block",
    ),
    ("guaranteed-returns", "insurance", "banner", "万能账户终身锁定高收益", "block"),
    # a rate of return in 个点 is not a loan price
    (
        "loan-price",
        "finance",
        "xiaohongshu",
        "存了一年货币基金，收益也就两个点，胜在随取随用 #理财日记",
        "pass",
    ),
    # a deposit's safety, a government bond's backing and coupon
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "整存整取定期存款｜三年期年利率1.75%｜本金安全，受存款保险保障",
        "pass",
    ),
    (
        "state-symbols",
        "finance",
        "wechat_article",
        "凭证式国债下周发行，五年期票面利率1.7%，由国家信用担保，到期一次还本付息",
        "pass",
    ),
    # gambling, and a warning about it; a prize released against a fee
    ("public-order", "general", "dsp", "真人荷官在线发牌，注册送彩金", "block"),
    (
        "public-order",
        "general",
        "video_script",
        "网友问“bc平台”能不能玩？那就是赌博，是违法的",
        "pass",
    ),
    (
        "misleading-inducement",
        "general",
        "sms",
        "【会员中心】恭喜您抽中扫地机器人一台，只需支付运费29元。拒收请回复R",
        "block",
    ),
    # cures and permanence claimed in spelled-out or emoji forms
    ("medical-claims", "general", "live_script", "这个护腰垫，腰疼垫一晚就好了", "block"),
    ("medical-claims", "general", "dsp", "眼保健贴，孩子从此告别眼镜", "block"),
    ("medical-claims", "cosmetics", "banner", "淡斑精华 色斑🈚影🈚踪", "block"),
    (
        "medical-claims",
        "general",
        "xiaohongshu",
        "做了玻尿酸填充，医生说永久有效、0副作用 #医美",
        "block",
    ),
    # an alcohol ad with health claims; infant milk against breast milk
    ("alcohol", "general", "live_script", "这款黄酒养胃护肝，每天小酌一杯更健康", "block"),
    ("minors", "general", "banner", "新生儿配方奶粉，比母ru还营养", "block"),
    # rebates of premiums; insurers that never refuse
    ("insurance-misrepresentation", "insurance", "home_card", "意外险零拒赔，理赔快", "block"),
    ("improper-inducement", "insurance", "live_script", "今天投保的宝子，保费返15%到账", "block"),
    # a seed's yield promised in a homophone
    ("agri-claims", "general", "smart_call", "我们的水稻种亩产保正一千二百斤", "block"),
    # a numbered menu is not a ranking
    ("absolute-terms", "general", "banner", "推荐菜No.1酸菜鱼 No.2毛血旺", "pass"),
]
