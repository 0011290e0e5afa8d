"""Concepts added for the sixty-fourth development set (legal copy only: the lawful twins),
each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # Zero interest with every fee stated; an interest-free period not enjoyed is no offer.
    (
        "loan-price",
        "finance",
        "home_card",
        "分期12期0利息，无金融服务费、无手续费，以审批为准",
        "pass",
    ),
    (
        "loan-price",
        "finance",
        "app_push",
        "逾期未还清的账单不享受免息，按年化18.25%（单利）计息",
        "pass",
    ),
    # A deposit is 保本; a structured deposit has a floor rate.
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "五年期整存整取，保本保息。本行已参加存款保险，限额50万元",
        "pass",
    ),
    (
        "guaranteed-returns",
        "finance",
        "wechat_article",
        "本结构性存款年化收益率1.2%-2.8%，1.2%为保底收益率，具有投资风险",
        "pass",
    ),
    # A fund's standard disclaimer is its risk warning.
    (
        "guaranteed-returns",
        "finance",
        "video_script",
        "基金定投，100元起投。定投不能规避基金投资固有的风险，不能保证获得收益",
        "pass",
    ),
    # The populations a label names are no disease claim.
    (
        "medical-claims",
        "health_food",
        "home_card",
        "保健功能：有助于维持血糖健康水平。适宜人群：血糖偏高者。本品不能代替药物",
        "pass",
    ),
    # Knowledge that holds no product or link.
    (
        "disguised-ads",
        "health_food",
        "xiaohongshu",
        "护眼小常识：每用眼40分钟远眺5分钟。本文不含任何产品推荐和购买链接",
        "pass",
    ),
    # (a structured deposit's floor sold as a guarantee of more still blocks)
    ("guaranteed-returns", "finance", "banner", "稳赚理财，保底收益5%", "block"),
]
