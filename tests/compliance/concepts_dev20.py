"""Concepts added for the twentieth development set (internet-native copy: pinyin initials,
slang, memes, emoji for words, comment replies and group announcements), each checked on
wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # signs that stand for words: ≠, restroom signs, a beer mug
    ("context", "finance", "xiaohongshu", "划重点：免息≠免费，借款前先看年化利率", "pass"),
    ("jobs", "general", "banner", "急招收银员 仅限🚹 月薪4500", "block"),
    ("alcohol", "general", "dsp", "下班开车前来一杯🍺，解乏又提神", "block"),
    # an English "no", an answer said to be negative, a list under one negation
    (
        "context",
        "insurance",
        "wechat_article",
        "买了重疾险就“所有病都赔”？NO，先看责任免除",
        "pass",
    ),
    ("context", "health_food", "wechat_article", "“吃酵素能排毒”是真的吗？答案是否定的。", "pass"),
    (
        "context",
        "health_food",
        "wechat_article",
        "这类饮品属于普通食品，不具有通便、助眠的功能，别信夸大宣传",
        "pass",
    ),
    # 避坑 warns the reader, it does not run down a rival
    ("comparison", "finance", "xiaohongshu", "新手买基金避坑指南，别被高收益话术带跑了", "pass"),
    # a statutory term stated is not a paid repair
    (
        "credit-report",
        "finance",
        "wechat_article",
        "不良信息依法保存5年，期满自动删除，无需花钱找人",
        "pass",
    ),
    # slang for sure gains, stock tips and crypto
    ("guaranteed-returns", "finance", "dsp", "跟着操作，年入百万不是梦", "block"),
    ("stock-tip", "finance", "live_script", "老铁们明早开盘直接拉板，跟车别犹豫", "block"),
    ("stock-tip", "finance", "wechat_article", "群主每天带大家抓涨停，内部群名额有限", "block"),
    ("public-order", "finance", "xiaohongshu", "姨太这波稳了，上50倍杠杆冲", "block"),
    ("public-order", "general", "app_push", "新人注册领空投，价值200U", "block"),
    ("public-order", "general", "app_push", "吃鸡新赛季 空投箱刷新更快", "pass"),
    # a stranger asking for ID digits
    (
        "phishing",
        "insurance",
        "smart_call",
        "我是社保局的，帮您升级医保，身份证后六位报一下",
        "block",
    ),
    # a deposit on a flat in instalments, a school place promised
    ("loan-purpose", "general", "smart_call", "首付也可以分期，三年内付清就行", "block"),
    ("real-estate", "general", "dsp", "买我们这套房，孩子保证上重点中学", "block"),
    # insurance
    (
        "insurance-misrepresentation",
        "insurance",
        "banner",
        "百万医疗 理赔率100% 既往症也能赔",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "这份增额寿“存单”，存三年就回本",
        "block",
    ),
    # cosmetics and health food in slang
    ("medical-claims", "cosmetics", "live_script", "这款身体乳还能丰胸，一个月升杯", "block"),
    ("efficacy-guarantee", "cosmetics", "xiaohongshu", "这瓶mei白精华我用了一个月", "review"),
    (
        "medical-claims",
        "health_food",
        "live_script",
        "哥们儿，这款片子提升持久力，试了都说好",
        "block",
    ),
    (
        "disguised-ad",
        "health_food",
        "wechat_article",
        "【养生知识】秋冬如何护心？文末点击购买辅酶Q10",
        "block",
    ),
    # education, alcohol, games, jobs, medical aesthetics, kids
    ("guaranteed-outcome", "general", "dsp", "初中wl寒假班，开学冲进班级前五", "block"),
    ("alcohol", "general", "video_script", "心情不好就来一杯，一醉解千愁", "block"),
    ("minors", "general", "app_push", "学生党福利：未成年也能充值，不受防沉迷限制", "block"),
    ("jobs", "general", "sms", "【易聘】宝妈兼职做单员，日结200。拒收请回复R", "block"),
    ("medical-service", "general", "dsp", "半永久眉 终身不掉色｜医美中心", "block"),
    ("medical-service", "general", "live_script", "光子嫩肤打完直接变白，不满意回来补做", "block"),
    ("minors", "general", "banner", "儿童平板｜全班同学都有了，你家孩子还没有？", "block"),
    # a fake system alert
    ("deceptive-ui", "general", "dsp", "系统检测到您的手机存在病毒，立即清理", "block"),
]
