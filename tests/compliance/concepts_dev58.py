"""Concepts added for the fifty-eighth development set (the seller's answer to a customer's
question), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # A question the answer concedes or declines to promise is no claim.
    (
        "guaranteed-returns",
        "finance",
        "xiaohongshu",
        "有人问这只会不会亏？会的，净值有涨有跌",
        "pass",
    ),
    (
        "efficacy-guarantee",
        "health_food",
        "live_script",
        "问这个有没有副作用的家人：我们不敢保证，孕妇不宜食用",
        "pass",
    ),
    # (an answer that reassures keeps it)
    ("guaranteed-returns", "finance", "live_script", "有人问会不会亏？放心，稳稳的", "block"),
    # The seller cannot promise approval, does not show gains.
    (
        "credit-approval",
        "finance",
        "smart_call",
        "客户：我负债有点高，能批吗？坐席：这个我没有办法跟您保证，能否通过以审批为准",
        "pass",
    ),
    ("endorsement", "finance", "app_push", "我们不晒客户收益截图，业绩请看定期报告", "pass"),
    # An apology opens a refusal; a parent asks, an uncle is answered.
    (
        "insurance-misrepresentation",
        "insurance",
        "smart_call",
        "客户：你们给返佣吗？坐席：很抱歉，合同以外的返佣都是违规的",
        "pass",
    ),
    (
        "guaranteed-outcome",
        "general",
        "smart_call",
        "家长：上了这个班能保证考上吗？老师：不能保证的，成绩要看孩子自己",
        "pass",
    ),
    (
        "medical-claims",
        "health_food",
        "smart_call",
        "客户：吃了这个能把降糖药停了吗？坐席：大爷，药千万不能自己停，本品不能代替药物",
        "pass",
    ),
    # The answer that makes the promise.
    ("guaranteed-returns", "finance", "xiaohongshu", "答：照这个趋势，明年涨得只会更多", "block"),
    (
        "guaranteed-returns",
        "finance",
        "xiaohongshu",
        "答：过去两年都涨了，后面收益只会更高",
        "block",
    ),
    (
        "competitor-disparagement",
        "finance",
        "smart_call",
        "坐席：别家的低息都是套路，您可别信",
        "block",
    ),
    (
        "credit-approval",
        "finance",
        "home_card",
        "问：额度能提吗？答：包提额，三个月必涨到3万",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "这个短期医疗险终身都能续，有了它社保不用交了",
        "block",
    ),
    (
        "efficacy-guarantee",
        "health_food",
        "wechat_article",
        "答：多运动，再吃XX牌鱼油（保健食品），功效加倍",
        "block",
    ),
]
