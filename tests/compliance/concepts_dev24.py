"""Concepts added for the twenty-fourth development set (beyond money: everyday consumer copy
for retail, food, education, property, farming, jobs, games and home goods), each checked on
wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # "zero formaldehyde": no standard grades it; a warning that says so passes
    ("false-claims", "general", "live_script", "这款儿童床是零甲醛的，买回来当天就能睡", "block"),
    ("false-claims", "general", "banner", "甲醛零释放实木书桌，宝宝房首选", "block"),
    (
        "false-claims",
        "general",
        "wechat_article",
        "商家说的“零甲醛”不可信，看清E0、ENF等级",
        "pass",
    ),
    ("false-claims", "general", "dsp", "无醛添加板材，达到ENF级", "pass"),
    # a patent applied for, advertised; a patent agency's service
    ("substantiation", "general", "dsp", "防溢锅盖已申请实用新型专利，厨房神器", "block"),
    ("substantiation", "general", "home_card", "免费帮您申请外观专利，知识产权一站式服务", "pass"),
    # a patent with its number is checked against the register
    (
        "substantiation",
        "general",
        "banner",
        "静音电机 实用新型专利 专利号ZL202320111222.3",
        "review",
    ),
    # a job ad that turns away hepatitis B carriers
    ("public-order", "general", "app_push", "招聘厨师，月薪8000，乙肝携带者免谈", "block"),
    (
        "public-order",
        "general",
        "sms",
        "【家政中心】招聘保洁，男女不限，入职体检后上岗。拒收请回复R",
        "pass",
    ),
    # clearance all year round; "0元购" that is paid for
    (
        "misleading-inducement",
        "general",
        "live_script",
        "我们店一年四季都在清仓？对，本店全年清仓！",
        "block",
    ),
    (
        "misleading-inducement",
        "general",
        "app_push",
        "0元拿电饭煲，先付199元，签到满一年返还",
        "block",
    ),
    ("misleading-inducement", "general", "dsp", "清仓最后三天，12月10日截止，过季款5折", "pass"),
    # a property's rise promised, or a school place
    (
        "real-estate-claims",
        "general",
        "xiaohongshu",
        "这个小区两年涨幅至少20%，上车就是赚",
        "block",
    ),
    (
        "real-estate-claims",
        "general",
        "sms",
        "【悦府】买房即享学位保障，直升名校。拒收请回复R",
        "block",
    ),
    # income per mu promised by a seed seller; a variety's traits for review
    ("agri-claims", "general", "video_script", "换上我们的麦种，亩效益翻一番", "block"),
    ("agri-claims", "general", "home_card", "玉米新品种，抗倒伏、耐旱，欢迎来电咨询", "review"),
    ("agri-claims", "general", "dsp", "新一代除草剂，除草率高、速效", "review"),
    # a consumer good that cures a spine; doctors cited as recommending
    ("medical-claims", "general", "dsp", "理疗护腰带，腰间盘tu出都能调理好", "block"),
    ("medical-claims", "general", "xiaohongshu", "这款冷敷贴，三甲医院的医生都在推荐", "block"),
    # cancer claims for a health food, in English too
    ("medical-claims", "health_food", "banner", "Anti-cancer 灵芝孢子粉，杀死癌细胞", "block"),
    # minors: spending on games hidden from parents; students drinking in an alcohol ad
    ("minors", "general", "app_push", "初中生周末福利：充值328送稀有皮肤，瞒着爸妈也能玩", "block"),
    (
        "alcohol",
        "general",
        "video_script",
        "画面：高中生在毕业晚会上举起啤酒碰杯。旁白：这一杯敬青春！",
        "block",
    ),
    ("alcohol", "general", "banner", "未成年人禁止饮酒，理性饮酒，酒后不开车", "pass"),
    # a rival run down a few words on; a ranking with its source after it
    (
        "fair-competition",
        "general",
        "live_script",
        "别家的空气炸锅内胆涂层用久了有毒，选我们家",
        "block",
    ),
    (
        "fair-competition",
        "general",
        "xiaohongshu",
        "那些杂牌插座用半年就坏，买了都是智商税",
        "block",
    ),
    (
        "absolute-terms",
        "general",
        "wechat_article",
        "2025年双十一期间某商城电饭煲类目销量第一（来源：商城公开销量榜单）",
        "review",
    ),
    # celebrity endorsements and pass-rate comparisons go to review
    ("endorsement", "general", "video_script", "歌手小周：出差我也用这款行李箱", "review"),
    (
        "guaranteed-outcome",
        "general",
        "sms",
        "【学而思远】往期学员上岸率明显高于平均水平，详询网点。拒收请回复R",
        "review",
    ),
    # a xiaohongshu note with an age notice is not an offer
    (
        "ad-disclosure",
        "general",
        "xiaohongshu",
        "新款拼装积木到了。提示：8岁以下儿童需监护人陪同购买 #积木",
        "pass",
    ),
]
