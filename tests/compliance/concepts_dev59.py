"""Concepts added for the fifty-ninth development set (questions in copy: rhetorical, A-not-A,
FAQ, self-answered), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # A question answered no, or granted, is no claim; answered yes, it is.
    ("guaranteed-returns", "finance", "app_push", "这款理财保本吗？不保本，请关注风险等级", "pass"),
    ("guaranteed-returns", "finance", "xiaohongshu", "债基会不会亏？会，短期也有回撤", "pass"),
    ("guaranteed-returns", "finance", "xiaohongshu", "债基会不会亏？不会！闭眼买", "block"),
    (
        "efficacy-guarantee",
        "health_food",
        "live_script",
        "有没有副作用？我不跟你们说零副作用，孕妇不宜",
        "pass",
    ),
    ("absolute-terms", "cosmetics", "dsp", "「销量第一」？我们不说这样的话，只说成分", "pass"),
    # A rhetorical question, then the claim in the next sentence.
    (
        "credit-approval",
        "finance",
        "xiaohongshu",
        "谁说黑户借不到？宝子们实测，有逾期照样下款",
        "block",
    ),
    (
        "credit-approval",
        "finance",
        "live_script",
        "能不能批？能！来一个批一个，一个都不会拒",
        "block",
    ),
    # Rankings without 最, rivals called crooks, parents asked for, fears, forever claims.
    ("absolute-terms", "finance", "wechat_article", "我们是全省收益第一的理财子公司", "block"),
    (
        "competitor-disparagement",
        "finance",
        "home_card",
        "为什么我们更便宜？因为别家坑人，我们不坑",
        "block",
    ),
    (
        "competitor-disparagement",
        "cosmetics",
        "xiaohongshu",
        "别家的面霜含激素，用久了烂脸，我们家才安心",
        "block",
    ),
    ("minors", "general", "app_push", "小朋友，赶紧让爷爷奶奶给你买这套积木吧", "block"),
    ("medical-claims", "health_food", "dsp", "你想让孩子输在起跑线吗？DHA现在就补", "block"),
    ("efficacy-guarantee", "cosmetics", "live_script", "这款面霜永久美白，白了就绝不反弹", "block"),
    ("efficacy-guarantee", "health_food", "video_script", "一个疗程从此告别失眠", "block"),
    # Experts quoted on a return product; a named buyer's monthly income.
    (
        "endorsement",
        "insurance",
        "video_script",
        "某大学经济学家表示：“这款年金险是养老的好选择”",
        "block",
    ),
    (
        "endorsement",
        "finance",
        "xiaohongshu",
        "我爸在银行买了月享盈，每月按时到账1500",
        "block",
    ),
    # A policy loan priced by the day.
    ("loan-price", "insurance", "home_card", "保单借款日息万分之一点五，随借随还", "block"),
    # Leave a rival's policy for ours.
    (
        "insurance-misrepresentation",
        "insurance",
        "smart_call",
        "您那份老保单退掉换到我们这边，保障更多",
        "block",
    ),
    # (the news kept and prices that go both ways)
    (
        "disguised-ads",
        "health_food",
        "wechat_article",
        "本文为健康知识分享，不附任何购买链接",
        "pass",
    ),
    ("real-estate-claims", "general", "home_card", "房价有涨有跌，买房请量力而行", "pass"),
]
