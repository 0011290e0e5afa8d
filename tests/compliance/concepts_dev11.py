"""Concepts added for the eleventh development set, each checked on wordings of its own (not
the set's text): the rule must catch other ways of saying the same thing and leave legal copy
alone."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a superlative asked as a question and disowned is no claim; one that is affirmed still is
    ("absolute-terms", "general", "live_script", "行业销量第一？这个咱可不敢说，只说好用", "pass"),
    ("absolute-terms", "general", "live_script", "全网最低价？没错，就是全网最低价", "block"),
    # official designations: a real national-level zone is an address, not a ranking
    ("absolute-terms", "general", "home_card", "仓库设在国家级高新区，支持上门自提", "pass"),
    ("absolute-terms", "general", "banner", "国家级品质的电热水壶", "block"),
    # buying advice on Xiaohongshu quotes no price
    ("ad-disclosure", "general", "xiaohongshu", "新手选空气炸锅的三个坑，想清楚再下单", "pass"),
    # (review since round 52: whether an unlabelled note quoting a price was paid for is a fact)
    ("ad-disclosure", "general", "xiaohongshu", "到手价89元，这款卷发棒真香", "review"),
    # zero interest charged back as a fee each period needs the annualised cost
    ("loan-price", "finance", "banner", "零息分期！每期只收手续费58元", "block"),
    (
        "loan-price",
        "finance",
        "app_push",
        "首借享3天免息（仅免利息，无其他费用），之后年化利率（单利）9%起",
        "pass",
    ),
    # a credit line offered for drawing must show the annualised rate
    ("loan-price", "finance", "sms", "【安和贷】您有8万元备用金额度已到账，马上提现", "block"),
    (
        "loan-price",
        "finance",
        "app_push",
        "您的借款额度30000元可提现，年化利率（单利）7.2%起",
        "pass",
    ),
    # running down another maker's model to sell ours
    (
        "fair-competition",
        "general",
        "live_script",
        "千万别买某牌的那台空调了，噪音大还费电，换我们家的吧",
        "block",
    ),
    ("fair-competition", "general", "home_card", "别再选错尺码了，下单前请查看尺码表", "pass"),
    ("fair-competition", "general", "home_card", "不要再用旧款了，以旧换新补贴200元", "pass"),
    # "free" that costs money after all
    ("misleading-inducement", "general", "dsp", "免费领取电动牙刷，只需支付49元服务费", "block"),
    ("misleading-inducement", "general", "banner", "0元试睡乳胶枕，需交599元押金", "block"),
    ("misleading-inducement", "general", "home_card", "新会员免费领取试用装，全国包邮", "pass"),
    ("misleading-inducement", "general", "home_card", "免费领取，无需支付任何费用", "pass"),
    # franchise and agency returns
    ("guaranteed-returns", "general", "dsp", "火锅店招商加盟，两个月回本，月赚五万", "block"),
    ("guaranteed-returns", "general", "wechat_article", "代理我们的面膜，开店即盈利", "block"),
    (
        "guaranteed-returns",
        "general",
        "home_card",
        "加盟有风险，投资需谨慎；加盟费15万元起，以合同为准",
        "pass",
    ),
    # evasions: traditional characters, line breaks inside the claim
    ("guaranteed-returns", "general", "dsp", "燒烤店加盟，3個月回本，年賺50萬", "block"),
    (
        "fair-competition",
        "general",
        "live_script",
        "别再买XX家的那款了\n用两年就坏\n选我们这台",
        "block",
    ),
    # tobacco and alcohol offered to minors
    ("minors", "general", "wechat_article", "芒果味电子烟，初中生也可以放心抽", "block"),
    ("minors", "general", "live_script", "这款米酒甜甜的，学生党都能喝", "block"),
    ("minors", "general", "home_card", "未成年人不得饮酒，本店不向未成年人售酒", "pass"),
    ("minors", "general", "home_card", "酒店亲子房，小孩可以免费入住", "pass"),
    # personal data handed on as the price of a benefit
    (
        "personal-information",
        "general",
        "wechat_article",
        "留下手机号和身份证号领取洗车券，信息将提供给合作的贷款公司，不同意无法领取",
        "block",
    ),
    (
        "personal-information",
        "general",
        "home_card",
        "未经您单独同意，我们不会将个人信息提供给第三方",
        "pass",
    ),
    # money into a personal account, "internal channel" rates
    (
        "misleading-inducement",
        "finance",
        "smart_call",
        "名额我帮您占着，您先把五万块打到我个人银行卡上",
        "block",
    ),
    ("misleading-inducement", "finance", "live_script", "走特殊渠道，存款利息能给到5%", "block"),
    (
        "misleading-inducement",
        "finance",
        "home_card",
        "请勿向任何个人账户转账，认准本行官方渠道",
        "pass",
    ),
    # cosmetics and health food: safety and efficacy asserted
    ("efficacy-guarantee", "cosmetics", "banner", "孕期可用 百分百不致敏 温和洁面", "block"),
    ("efficacy-guarantee", "cosmetics", "home_card", "纯植物萃取，零化学添加", "block"),
    ("efficacy-guarantee", "health_food", "dsp", "代餐奶昔一周狂甩八斤", "block"),
    ("efficacy-guarantee", "health_food", "live_script", "不节食也不运动，喝着就瘦了", "block"),
    ("efficacy-guarantee", "health_food", "xiaohongshu", "吃了三个月，白发都变黑了", "block"),
    ("efficacy-guarantee", "cosmetics", "home_card", "温和配方，敏感肌请先在耳后试用", "pass"),
    # insurance: a 0 / 1 yuan headline for a large sum insured
    ("insurance", "insurance", "dsp", "1元就能保300万，马上领取", "block"),
    ("insurance", "insurance", "home_card", "首月1元，次月起每月26元，最高保额300万", "pass"),
    # claims lawful only with proof: titles, endorsers, partners, counts, price promises
    ("substantiation", "general", "live_script", "省级工艺美术大师手作的铜壶", "review"),
    (
        "substantiation",
        "general",
        "home_card",
        "市级非遗传承人（证书编号可在店铺首页查询）手工制作",
        "pass",
    ),
    ("endorsement", "general", "xiaohongshu", "美食达人强推的这款辣酱 #广告", "review"),
    (
        "substantiation",
        "general",
        "wechat_article",
        "本训练营由某理工学院授权，结业发证书",
        "review",
    ),
    ("substantiation", "health_food", "home_card", "与国家工程技术研究中心合作研发", "review"),
    ("cited-data", "general", "banner", "全省120多家连锁门店就近服务", "review"),
    ("misleading-inducement", "general", "home_card", "下单后15天内降价退差", "review"),
    ("misleading-inducement", "general", "home_card", "第二件半价，保健食品不是药物", "pass"),
    ("substantiation", "finance", "live_script", "我是持证理财师小周，从业资格证号XXXX", "review"),
    ("substantiation", "finance", "wechat_article", "理财请认准持牌机构，谨防诈骗", "pass"),
    ("substantiation", "finance", "video_script", "投资顾问王某，执业证书编号S01XXXX", "review"),
    (
        "misleading-inducement",
        "finance",
        "banner",
        "指数基金认购费低至1折，基金有风险，投资须谨慎",
        "review",
    ),
    (
        "misleading-inducement",
        "finance",
        "live_script",
        "本场申购费率打一折，原费率1.5%，折后0.15%，基金有风险",
        "pass",
    ),
    ("substantiation", "cosmetics", "banner", "经第三方实验室测试，12小时持妆不脱", "review"),
    ("substantiation", "cosmetics", "home_card", "24小时长效保湿面霜", "review"),
    # Art. 12: the patent's kind as well as its number
    ("substantiation", "general", "banner", "专利静音电机 专利号ZL202220000001.1", "review"),
    ("substantiation", "general", "home_card", "外观设计专利 ZL202330000001.2", "pass"),
]

#: Legal copy that goes to no reviewer either.
CLEAN_CASES: list[tuple[str, str, str, str]] = [
    ("ad-disclosure", "general", "xiaohongshu", "买前必看：新手选咖啡豆的五个问题，想好再下单"),
    ("minors", "general", "home_card", "酒店亲子房，小孩可以免费入住"),
    ("misleading-inducement", "general", "home_card", "商品价格以下单页面为准"),
    ("substantiation", "finance", "wechat_article", "投资理财请认准持牌机构"),
]
