"""Concepts added for the twenty-eighth development set (consumer credit from first ad to last
reminder), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # collection by threats, shaming or third parties
    (
        "debt-collection",
        "finance",
        "smart_call",
        "您是刘伟的领导吧？他欠我们两万不还，您管管",
        "block",
    ),
    (
        "debt-collection",
        "finance",
        "sms",
        "【速贷】再不还款，明天就去你公司找你，顺便发到你们单位群里",
        "block",
    ),
    ("debt-collection", "finance", "app_push", "你已涉嫌恶意透支诈骗，子女将无法上学", "block"),
    (
        "debt-collection",
        "finance",
        "sms",
        "【兴农银行】您的贷款已逾期5天，应还2,150.00元，请尽快还款或致电官方客服协商。",
        "pass",
    ),
    # an agent collecting, or a message passed on: review
    (
        "debt-collection",
        "finance",
        "sms",
        "【某律所】受某消费金融委托，就您借款逾期一事发出律师函",
        "review",
    ),
    # a fee before the loan
    (
        "loan-fraud",
        "finance",
        "smart_call",
        "您的贷款已审批，需要您先转一千元验资，验资后立即放款",
        "block",
    ),
    (
        "loan-fraud",
        "finance",
        "sms",
        "【兴农银行】我行放款前不收取任何保证金、解冻费，谨防诈骗。",
        "pass",
    ),
    # loans for stocks; no credit check or students in general copy
    ("loan-purpose", "finance", "banner", "信用贷最高30万，拿去抄底正当时", "block"),
    ("credit-approval", "general", "live_script", "零首付开走新车，不看征信，黑户也能办", "block"),
    ("credit-approval", "general", "dsp", "学生党凭学生证就能分期买手机", "block"),
    # a training loan at hiring
    ("public-order", "general", "dsp", "招聘销售，入职先办一笔培训贷，三个月后公司报销", "block"),
    # service messages need no opt-out; a warning quoting the scam's words passes
    (
        "sender-identity",
        "finance",
        "sms",
        "【兴农银行】提醒：近期有不法分子冒充我行发送“额度待领取”短信，请勿点击陌生链接。",
        "pass",
    ),
    (
        "context",
        "finance",
        "sms",
        "【兴农银行】“日息万三”只是计息方式之一，请以年化利率为准比较。我行消费贷年化利率（单利）4.2%起。拒收请回复R",
        "pass",
    ),
    # reviewing this session's own widenings before stopping: each line below would have gone
    # wrong with a first draft (不信 before anything, 那个…以, 提醒 anywhere, 涉嫌 in a warning, a
    # job that handles loans, 月夫 and 月巴 as split characters)
    ("context", "finance", "live_script", "不信你看，这款理财保本保息", "block"),
    ("context", "finance", "home_card", "那个理财以保本为主，放心买", "block"),
    (
        "context",
        "finance",
        "sms",
        "【兴农银行】温馨提醒：“保本保息”理财限时抢购。拒收请回复R",
        "block",
    ),
    (
        "debt-collection",
        "finance",
        "wechat_article",
        "凡要求先转账才能还款的，均涉嫌诈骗，请勿轻信",
        "pass",
    ),
    ("public-order", "general", "app_push", "招聘信贷员，培训后负责办理贷款业务，五险一金", "pass"),
    (
        "sender-identity",
        "finance",
        "sms",
        "【兴农银行】春耕贷年化3.6%起，详询网点。谨防诈骗",
        "block",
    ),
]
