"""Concepts added for the fourteenth development set (how sellers write around filters, and
legal copy that looks like it), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a money-market fund that is "not a deposit" and "does not guarantee the principal" warns
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "「月月盈」为货币基金，并非银行存款，不保证本金安全，七日年化收益率仅供参考",
        "pass",
    ),
    # a deposit, 保本付息, then the deposit insurance behind it
    (
        "guaranteed-returns",
        "finance",
        "smart_call",
        "我行一年期整存整取年利率1.5%，到期保本付息，受存款保险保障。",
        "pass",
    ),
    # "I won't tell you X" disowns X; a reader told to keep to the doctor's treatment
    (
        "guaranteed-returns",
        "insurance",
        "live_script",
        "我不对大家说“保本”两个字，条款写什么就是什么",
        "pass",
    ),
    (
        "medical-claims",
        "health_food",
        "wechat_article",
        "糖尿病的老人务必遵医嘱用药，保健食品不能代替药物。",
        "pass",
    ),
    # a warning about tricks is no attack on rivals; calling a rival's goods a tax on fools is
    (
        "fair-competition",
        "finance",
        "wechat_article",
        "提醒：别被谐音字和拼音广告骗了，认准持牌机构",
        "pass",
    ),
    ("fair-competition", "general", "home_card", "某宝上那些扫地机都是智商税，买我们的", "block"),
    # a price raised yesterday to be cut today
    ("price", "general", "live_script", "前天刚把价格调到1299，今天直降500给大家", "block"),
    # lists of people for sale, "fresh in"
    (
        "personal-data",
        "general",
        "sms",
        "【数据通】车主手机号码新鲜到货，量大从优，回T退订",
        "block",
    ),
    # cover overstated for every cancer
    ("insurance-misrepresentation", "insurance", "banner", "一份保单，所有癌症都赔", "block"),
    # EGF in cosmetics; a damaged face "fixed in three days"
    ("medical-claims", "cosmetics", "xiaohongshu", "含表皮生长因子的修复精华，熬夜党必备", "block"),
    ("medical-claims", "cosmetics", "xiaohongshu", "过敏泛红5天就好了，亲测", "block"),
    # insurance sold as money you can take out any time
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "保单版余额宝，零钱放进来随存随取",
        "block",
    ),
    # past performance said to prove the future
    (
        "guaranteed-returns",
        "finance",
        "live_script",
        "过往业绩已经证明了，未来还会继续翻倍",
        "block",
    ),
    (
        "guaranteed-returns",
        "finance",
        "home_card",
        "过往业绩不代表未来表现，基金投资需谨慎",
        "pass",
    ),
    # children urged to make their parents buy
    ("minors", "general", "live_script", "小盆友们快叫麻麻下单这个文具盒", "block"),
    ("minors", "general", "video_script", "不买这套学习机的就不是好孩子哦", "block"),
    # a travel time as the location, in financial numerals
    ("real-estate", "general", "banner", "步行叁分钟到地铁站的现房", "block"),
    # rankings and awards a reviewer checks
    ("cited-data", "general", "banner", "京东吹风机类目销量TOP2", "review"),
    (
        "cited-data",
        "finance",
        "wechat_article",
        "该基金获得四星评级（评级机构与日期见基金公告）",
        "review",
    ),
    ("awards", "cosmetics", "app_push", "荣获某美妆媒体年度大赏", "review"),
]
