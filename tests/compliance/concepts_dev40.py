"""Concepts added for the fortieth development set (health food and functional foods sold to
older people and parents), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # the mandatory list of people who should not take it names conditions
    (
        "medical-claims",
        "health_food",
        "wechat_article",
        "保健功能：有助于改善睡眠。不适宜人群：少年儿童、孕妇、抑郁症患者。本品不能代替药物。",
        "review",
    ),
    # special medical foods carry their own statements
    (
        "medical-claims",
        "health_food",
        "dsp",
        "全营养配方食品（特殊医学用途配方食品），请在医生或者临床营养师指导下使用。",
        "pass",
    ),
    # conditions shrinking, vessels cleaned, a doctor's visit replaced
    ("medical-claims", "health_food", "live_script", "吃了半年，肺结节都变小了！", "block"),
    ("medical-claims", "health_food", "banner", "纳豆红曲，清理血管垃圾", "block"),
    (
        "medical-claims",
        "general",
        "home_card",
        "这款理疗仪在家用，肩周炎不用再去医院",
        "block",
    ),
    ("medical-claims", "general", "wechat_article", "每天一勺黑芝麻粉，清血脂防中风", "block"),
    # sales meetings dressed as free trips and check-ups
    (
        "health-sales",
        "health_food",
        "smart_call",
        "阿姨，周末免费体检还送鸡蛋，顺便听个养生讲座，名额有限快报名。",
        "block",
    ),
    (
        "health-sales",
        "health_food",
        "video_script",
        "提醒大家：“送鸡蛋”“免费体检”的健康讲座，往往是推销陷阱。",
        "pass",
    ),
    # the state named as the guarantor
    ("state-organ-name", "health_food", "banner", "蓝帽认证，国家担保，放心吃", "block"),
    # rules read out, not claims made
    (
        "health-endorser",
        "health_food",
        "wechat_article",
        "法规提示：保健食品广告不得使用医生、患者名义作推荐证明。",
        "pass",
    ),
    # needles no longer needed
    ("medical-claims", "health_food", "live_script", "喝了这个茶，再也不用扎针了", "block"),
]
