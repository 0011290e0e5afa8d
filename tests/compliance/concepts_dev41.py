"""Concepts added for the forty-first development set (rural and county finance: village
banks, farm insurance, farm inputs and the notices that imitate officials), each checked on
wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a subsidy or a payout held hostage to a purchase
    (
        "bundling",
        "insurance",
        "wechat_article",
        "今年耕地补贴跟农业保险挂钩，先交保费再发补贴。",
        "block",
    ),
    (
        "bundling",
        "finance",
        "app_push",
        "未开通本行手机银行的种植户，将无法领取2027年惠农补贴。",
        "block",
    ),
    ("bundling", "finance", "banner", "办理创业贷须同时购买意外险，保费从贷款中扣除", "block"),
    (
        "bundling",
        "insurance",
        "sms",
        "【丰禾农险】政策性农业保险自愿投保，是否投保不影响各项补贴发放。退订回T",
        "pass",
    ),
    # an official's favour, an office's appointment, money from the state for opening an app
    ("official-endorsement", "finance", "smart_call", "乡亲们，这笔贷款是镇里领导特批的", "block"),
    ("official-endorsement", "general", "wechat_article", "市农业局指定经销商，正品保障", "block"),
    (
        "official-endorsement",
        "finance",
        "live_script",
        "今天开通手机银行，国家还补贴每人100元现金！",
        "block",
    ),
    # the national trade-in subsidy is a real programme, not the state paying for an app
    (
        "official-endorsement",
        "general",
        "live_script",
        "以旧换新叠加国家补贴最高立减1500元，名额有限",
        "review",
    ),
    # approval for everyone, in any register
    ("loan-approval", "finance", "live_script", "有地就行，一律给批，征信不看", "block"),
    ("loan-approval", "finance", "smart_call", "阿叔，我哋唔查征信，即刻批", "block"),
    # a deposit that buys a pension or a subsidy
    ("deposit-inducement", "finance", "sms", "存满3万元，每月可领养老补贴50元。退订回T", "block"),
    # money said to double, principal said to come back whole
    ("guaranteed-returns", "finance", "sms", "存8万，12年变16万，稳稳翻倍！退订回T", "block"),
    (
        "guaranteed-returns",
        "finance",
        "smart_call",
        "投10万进来，本金到期全退，每月还有分红",
        "block",
    ),
    ("guaranteed-returns", "insurance", "wechat_article", "交这份保险比存定期划算5倍", "block"),
    # yields and livestock returns guaranteed, additives that tests "cannot find"
    ("agri-yield", "general", "video_script", "种我们的玉米种，亩产少说1500斤", "block"),
    ("agri-yield", "general", "wechat_article", "出售肉羊羔，包成活包回收", "block"),
    ("agri-safety", "general", "wechat_article", "加了这个添加剂，抽检查不出来", "block"),
    # a savings club that takes deposits
    ("illegal-fundraising", "finance", "wechat_article", "本互助社吸收社员存款，年息8%", "block"),
    # a fake freeze of a subsidy card
    ("phishing", "finance", "smart_call", "您的惠农卡即将冻结，请马上到网点激活", "block"),
    # public insurance run down
    (
        "disparagement",
        "insurance",
        "wechat_article",
        "医保报不了几个钱，我们这款比医保强十倍",
        "block",
    ),
    # look-alikes: a vet drug's indication, a loan's down-payment ratio, a checklist, the saying
    (
        "medical-claims",
        "general",
        "wechat_article",
        "兽药：用于猪支原体肺炎的治疗，休药期28日，请在执业兽医指导下使用。",
        "pass",
    ),
    ("down-payment", "finance", "banner", "拖拉机贷｜首付比例20%｜年化利率（单利）5.2%起", "pass"),
    (
        "illegal-fundraising",
        "finance",
        "wechat_article",
        "防非小课堂：看是否承诺高息，看是否要求拉人头，拿不准就问银行。",
        "pass",
    ),
    ("absolute-terms", "finance", "live_script", "理财没有最好的，适合自己的才是最好的。", "pass"),
    # an offer's condition is not a warning (凡…的): a deposit gift still counts
    (
        "deposit-inducement",
        "finance",
        "wechat_article",
        "凡新开户存入2万元以上的，可领现金200元",
        "block",
    ),
    # service messages: wages paid in, a claim settled, how to sow what was bought
    (
        "sms-opt-out",
        "finance",
        "sms",
        "【河湾农商银行】XX劳务公司代发的11月工资5,200.00元已存入您尾号3321的账户。",
        "pass",
    ),
    (
        "sms-opt-out",
        "insurance",
        "sms",
        "【丰禾农险】您的报案号NX2027001已定损，赔款980.00元将支付至您的一卡通。",
        "pass",
    ),
]
