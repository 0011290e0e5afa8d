"""Concepts added for the twenty-second development set (the customer's inbox: money-related
marketing as an ordinary customer receives it), each checked on wordings of its own (not the
set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # the annual equivalent given with the daily rate it converts; hidden in a corner, not
    (
        "loan-price",
        "finance",
        "wechat_article",
        "日利率0.03%，折算成年化利率为10.95%（单利），借款前请看清",
        "pass",
    ),
    ("loan-price", "finance", "xiaohongshu", "日息万三起🔥（折合年化见详情页最底部）", "block"),
    # commissions and purchase fees are not a loan's price
    ("loan-price", "finance", "app_push", "新客股票佣金万分之1.2，有效期6个月。股市有风险", "pass"),
    ("loan-price", "finance", "banner", "积存金1克起购，买入手续费0.4%。金价波动可能亏损", "pass"),
    # a free instalment; zero interest with fees and no annual rate
    ("loan-price", "finance", "app_push", "本单可分6期，每期200元，分期免息免手续费", "pass"),
    ("loan-price", "finance", "live_script", "装修贷0息！服务费一共才6000，特别划算", "block"),
    ("loan-price", "finance", "smart_call", "这个月借款不收利息，等于免费用钱，您先借着", "block"),
    # guarantees and comparisons
    (
        "guaranteed-returns",
        "finance",
        "live_script",
        "这只基金今年至少15%收益，跌了我给大家补",
        "block",
    ),
    ("guaranteed-returns", "finance", "banner", "开户送现金，炒股稳🉐不亏", "block"),
    ("guaranteed-returns", "general", "dsp", "理财训练营：30天学会稳定月入过万", "block"),
    (
        "context",
        "finance",
        "video_script",
        "“保本又高息”？刚性兑付早就打破了，说这话的多半是骗子",
        "pass",
    ),
    # consumer education that describes what bad ads do
    (
        "context",
        "finance",
        "wechat_article",
        "消保课堂：有的广告把“免息”写成“mian息”，还只写日息，请远离",
        "pass",
    ),
    # loan fraud and purpose
    (
        "loan-approval",
        "finance",
        "smart_call",
        "流水我们帮您做，工作证明也能包装，保证下款",
        "block",
    ),
    ("loan-approval", "finance", "sms", "【惠农】补贴贷款不还也不影响征信。拒收请回复R", "block"),
    ("loan-purpose", "finance", "smart_call", "经营贷下来拿去还房贷，没人查用途", "block"),
    # debt relief and credit repair sold outside finance
    ("credit-report", "general", "xiaohongshu", "专业团队帮你修复征信，不成功全额退款", "block"),
    ("credit-report", "general", "video_script", "欠网贷不用还，平台不敢起诉你", "block"),
    # 洗白 in general copy is laundry or a plot, not a credit record
    ("credit-report", "general", "home_card", "洁亮洗衣液，衣领袖口轻松洗白", "pass"),
    ("credit-report", "general", "wechat_article", "这部剧给反派洗白了，观众不买账", "pass"),
    # phishing and stock tips
    (
        "phishing",
        "general",
        "sms",
        "【某钱包】请点击链接验证您的支付密码，否则将冻结账户。拒收请回复R",
        "block",
    ),
    (
        "stock-tip",
        "finance",
        "sms",
        "【某证券】明天有只牛gu启动，回复1免费领取代码。拒收请回复R",
        "block",
    ),
    # insurance
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "这份年金就是一张高息存单，放心存",
        "block",
    ),
    ("insurance-misrepresentation", "insurance", "banner", "增额寿=长期存款，稳拿3个点", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "sms",
        "【某保险】0元保💯万医疗，点击领取。拒收请回复R",
        "block",
    ),
    (
        "bundled-consent",
        "insurance",
        "app_push",
        "免费领取意外险，领取后将自动开通重疾险，每月扣费39元",
        "block",
    ),
    ("bundled-consent", "insurance", "app_push", "免费领取30天意外险，到期不自动续费", "pass"),
]
