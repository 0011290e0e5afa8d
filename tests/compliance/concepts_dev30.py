"""Concepts added for the thirtieth development set (wealth, deposits and insurance sold as
savings after the end of rigid redemption), each checked on wordings of its own (not the set's
text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # deposit insurance overstated
    ("guaranteed-returns", "finance", "home_card", "存款保险全额赔付，存多少都放心", "block"),
    ("guaranteed-returns", "finance", "banner", "大额存单｜200万存款全部受存款保险保护", "block"),
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "存款保险对同一存款人在本行的存款本息合计50万元以内全额偿付",
        "pass",
    ),
    # help to change a risk questionnaire
    (
        "investor-suitability",
        "finance",
        "smart_call",
        "测评分数不够没关系，我帮您把评估改一下",
        "block",
    ),
    ("investor-suitability", "finance", "app_push", "再测一次换个答案，就能买高收益产品", "block"),
    (
        "investor-suitability",
        "finance",
        "app_push",
        "您的风险测评已过期，请重新测评后再购买",
        "pass",
    ),
    # virtual currency by ticker, exchange and buying U
    ("public-order", "general", "dsp", "BTC现货合约一站式，新人注册领好礼", "block"),
    ("public-order", "general", "xiaohongshu", "教你三分钟买U，私信领交易所邀请码", "block"),
    ("public-order", "general", "wechat_article", "警惕！虚拟货币炒作风险极高，请勿参与", "pass"),
    ("public-order", "finance", "home_card", "多币种信用卡，境外消费免货币转换费", "pass"),
    ("public-order", "general", "dsp", "买U盘送读卡器，今天下单明天到", "pass"),
    # an investment sold as safer than, or the same as, a deposit
    ("guaranteed-returns", "finance", "live_script", "这款代销理财本质上就是银行存款", "block"),
    (
        "guaranteed-returns",
        "finance",
        "smart_call",
        "放理财里比存款更安全，银行不可能倒闭的",
        "block",
    ),
    # guarantees in other words
    ("guaranteed-returns", "finance", "banner", "年化7%｜央企担保｜稳健收益", "block"),
    ("guaranteed-returns", "finance", "dsp", "年化6%-9%，本金安全有保障", "block"),
    ("guaranteed-returns", "insurance", "banner", "养老年金 稳享5%", "block"),
    (
        "guaranteed-returns",
        "finance",
        "live_script",
        "实际收益只多不少，历史上从来没低于过",
        "block",
    ),
    ("guaranteed-returns", "general", "smart_call", "供应链项目年化9%，到期本金100%返还", "block"),
    ("guaranteed-returns", "general", "video_script", "黄金永远不会贬值，现在入手不吃亏", "block"),
    (
        "guaranteed-returns",
        "finance",
        "video_script",
        "过往三年年化15%，照这个速度十年翻几倍",
        "block",
    ),
    (
        "guaranteed-returns",
        "finance",
        "sms",
        "【锦程银行】稳享365天理财申购已确认，如非本人操作请致电客服。",
        "pass",
    ),
    ("guaranteed-returns", "general", "banner", "学到的知识永不贬值，暑期班报名中", "pass"),
    ("guaranteed-returns", "general", "dsp", "换上新路由器，网速至少能翻一倍", "pass"),
    (
        "guaranteed-returns",
        "general",
        "live_script",
        "这个价格从来没低于过，今天直播间破价",
        "pass",
    ),
    ("guaranteed-returns", "finance", "home_card", "选择持牌机构购买理财更安全", "pass"),
    # structured deposits: the legal category and its warning
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "结构性存款 保本浮动收益 1.2%-2.6% 结构性存款不同于一般性存款，具有投资风险",
        "pass",
    ),
    # private funds: the investor gate is the warning
    (
        "guaranteed-returns",
        "finance",
        "banner",
        "私募产品只向合格投资者推介，请先完成认证",
        "pass",
    ),
    # insurance as savings
    ("insurance-misrepresentation", "insurance", "dsp", "年金险也能当存款用，每年返还", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "banner",
        "不是存款胜过存款 锁定终身利率",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "smart_call",
        "这款分红是保底的，每年都有",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "sms",
        "【安心人寿】您的保单红利已分配至保单账户，详见App。",
        "pass",
    ),
]
