"""Concepts added for the thirty-fifth development set (copy modelled on published enforcement
cases), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a policyholder pushed to switch with a false "upgrade"
    (
        "insurance-misrepresentation",
        "insurance",
        "smart_call",
        "叔叔您好，您家那份旧保单必须统一升级，不换的话之前交的保费都打水漂了。",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "接监管通知，所有保单需统一转换为新版本，请尽快到网点办理。",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "新版重疾险已上市，您的原保单继续有效，权益不受影响，是否加保由您决定。",
        "pass",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "sms",
        "【安平保险】您的保单将于3月1日到期，续保请登录官方APP办理。退订回T",
        "pass",
    ),
    # free cover that quietly turns into a monthly charge
    (
        "insurance-misrepresentation",
        "insurance",
        "smart_call",
        "白送您一份意外保险，您确认一下就行，以后按月只扣几块钱。",
        "block",
    ),
    # credit "repair" written with a homophone
    (
        "credit-report",
        "finance",
        "live_script",
        "争信有问题的来找我，逾期记录能帮你删除。",
        "block",
    ),
    (
        "credit-report",
        "finance",
        "wechat_article",
        "征信上的逾期记录修不掉，信息有误可以向征信中心免费提出异议。",
        "pass",
    ),
    # approval with no review at all
    ("loan-approval", "finance", "app_push", "额度已批，不需要任何审核，马上提现。", "block"),
    (
        "loan-approval",
        "finance",
        "app_push",
        "提交申请后需经审核，审批结果以系统通知为准。年化利率（单利）7.2%起。",
        "pass",
    ),
    # a coming withdrawal written with a homophone
    ("insurance-stop-sale", "insurance", "banner", "婷售前最后三天，赶紧锁定高利率！", "block"),
    # service notices: a maturity credited needs no opt-out
    (
        "sender-identity",
        "finance",
        "sms",
        "【恒信证券】您的理财产品已于今日到期，本金和收益已入账，请登录查看。",
        "pass",
    ),
    (
        "sender-identity",
        "finance",
        "sms",
        "【恒信证券】您的理财已于今日到期，新品限时加息，立即抢购！",
        "block",
    ),
    (
        "sender-identity",
        "general",
        "sms",
        "【乐动健身】您的会员已于昨日到期，续费享8折。",
        "block",
    ),
    # a warning to keep one's eyes open is not the claim it warns of
    (
        "insurance-renewal",
        "insurance",
        "xiaohongshu",
        "刷到一年期医疗险说‘保证续保’的，一定要多留个心眼，短期险不能承诺保证续保。",
        "pass",
    ),
    (
        "insurance-renewal",
        "insurance",
        "xiaohongshu",
        "这款一年期医疗险保证续保，放心买！#广告",
        "block",
    ),
    # a character written as its two components
    ("medical-claims", "cosmetics", "banner", "氵台疗痘痘的神奇面膜", "block"),
    # someone reporting being sold to is not selling
    (
        "ad-disclosure",
        "finance",
        "xiaohongshu",
        "避雷：总有人私信我推高息理财，统统拉黑，大家也别信。",
        "pass",
    ),
    (
        "ad-disclosure",
        "cosmetics",
        "xiaohongshu",
        "这支面霜太好用了，想要的私信我拿链接～",
        "block",
    ),
]
