"""Concepts added for the thirty-second development set (insurance as insurers, brokers,
platforms and agents sell it in 2026), each checked on wordings of its own (not the set's
text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # surrender agents
    (
        "insurance-misrepresentation",
        "general",
        "xiaohongshu",
        "维权团队协助全额退回保费，成功后收取30%服务费",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "犹豫期已经过了？没事，照样能退，找我",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "sms",
        "【安泰人寿】犹豫期内退保可退还已交保费。谨防代理退保骗局。",
        "pass",
    ),
    # short-term health cover renewed for life
    ("insurance-misrepresentation", "insurance", "banner", "一年期医疗险 续保到100岁", "block"),
    ("insurance-misrepresentation", "insurance", "dsp", "惠民保一次参保，终身都有保障", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "home_card",
        "长期医疗险｜保证续保期间20年｜等待期30天",
        "pass",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "home_card",
        "本产品为一年期医疗保险，不保证续保",
        "pass",
    ),
    # a gift that turns into paid cover; 0 yuan with nothing after
    (
        "insurance-misrepresentation",
        "insurance",
        "sms",
        "【e保】您的赠险7天后自动转为正式保障，每月扣费35元。拒收请回复R",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "首月1元！全家医疗保障马上领",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "dsp",
        "免费领300万医疗保障，次月起每月29元自动扣费",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "首月1元，次月起每月23元，保额最高300万",
        "pass",
    ),
    # cover overstated
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "住院拍个照就赔，既往症都能报",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "dsp",
        "意外险当天生效，意外伤害无等待期，以条款为准",
        "pass",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "dsp",
        "意外医疗：100元免赔额以上按100%报销",
        "pass",
    ),
    # official schemes used to sell
    ("state-symbols", "insurance", "wechat_article", "社保局联合推荐的补充医疗，一键开通", "block"),
    ("state-symbols", "insurance", "home_card", "惠民保不参保的话，以后住院只能自费", "block"),
    # health declaration dismissed
    (
        "insurance-misrepresentation",
        "insurance",
        "xiaohongshu",
        "健康告知随便勾，理赔时根本不会查",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "wechat_article",
        "带病投保？我教你怎么填健康告知能过核保",
        "block",
    ),
    # rivals run down
    ("fair-competition", "insurance", "live_script", "别的公司出了事一分不赔，来我们这", "block"),
    (
        "fair-competition",
        "insurance",
        "video_script",
        "所谓“保证续保”要看条款，别被广告骗了",
        "pass",
    ),
    # insurance as a deposit
    (
        "insurance-misrepresentation",
        "insurance",
        "smart_call",
        "这个就像在银行存定期一样，放心",
        "block",
    ),
    ("guaranteed-returns", "finance", "banner", "存款到期？转存人寿大额存单，收益更高", "block"),
    # universal-life and dividend promises; a sourced realised rate
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "结算利率一直都在4%以上，以后也不会低",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "sms",
        "【安泰人寿】2025年度分红实现率98%（见公司官网信息披露），红利不确定。拒收请回复R",
        "pass",
    ),
    # claim speed stated without a source: review
    (
        "insurance-misrepresentation",
        "insurance",
        "dsp",
        "理赔时效0.8天，小额案件30分钟极速赔",
        "review",
    ),
    # second read: disclosed subscriptions, real lapse notices, long-term medical renewal,
    # official scheme notices and promotional "beware" words
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "到期后自动续费，每月19.9元，可随时在App取消",
        "pass",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "sms",
        "【安泰人寿】您的保单已逾宽限期，补缴保费120元即可恢复效力。",
        "pass",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "home_card",
        "长期医疗险，保证续保期间20年，最高可续保至100周岁",
        "pass",
    ),
    (
        "state-symbols",
        "general",
        "sms",
        "【市医保局】2026年度居民医保缴费380元，缴纳后即可享受待遇。",
        "pass",
    ),
    (
        "guaranteed-returns",
        "finance",
        "live_script",
        "保本保息的理财，大家都要警惕通胀，赶紧配置",
        "block",
    ),
    ("general", "general", "app_push", "充值满100赠金币50枚", "pass"),
]
