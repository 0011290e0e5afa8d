"""Concepts added for the forty-second development set (the shortest copy: banners, push
titles, badges and overlays), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a structured deposit's ceiling alone; its range is the truth
    ("structured-deposit", "finance", "home_card", "结构性存款 最高可达3.05%", "block"),
    (
        "structured-deposit",
        "finance",
        "home_card",
        "结构性存款 年化1.00%-2.75%，收益存在不确定性",
        "pass",
    ),
    # 万无一失 and 只增不减 where money is the subject
    ("guaranteed-returns", "finance", "banner", "这只基金万无一失", "block"),
    ("guaranteed-returns", "insurance", "banner", "年金在手，资产只增不减", "block"),
    ("guaranteed-returns", "general", "banner", "装修交给我们，细节万无一失", "pass"),
    # a universal account's crediting rate promised, a compound rate locked
    ("insurance-returns", "insurance", "app_push", "保底2%，结算利率能到3.5%", "block"),
    ("insurance-returns", "insurance", "banner", "复利3%终身锁定", "block"),
    ("insurance-returns", "insurance", "banner", "万能险保证利率1%，结算利率以公告为准", "pass"),
    # a lump sum promised after years
    ("guaranteed-returns", "insurance", "sms", "【安泰】存2万，15年后稳领5万。退订回T", "block"),
    # emoji ranks and praise
    ("absolute-claims", "general", "banner", "🥇销量吹风机", "review"),
    ("absolute-claims", "cosmetics", "banner", "全网🔝1精华", "block"),
    # split characters
    ("split-characters", "cosmetics", "live_script", "这款面霜纟色对安全", "block"),
    # medical grades outside medicine
    ("medical-grade", "health_food", "banner", "药级品质的鱼油", "block"),
    ("medical-grade", "general", "banner", "医美级射频美容仪", "block"),
    ("medical-grade", "general", "banner", "医用级硅胶奶嘴，宝宝放心咬", "pass"),
    # cosmetics: instant effect, post-procedure use, "no irritation"
    ("cosmetics-efficacy", "cosmetics", "banner", "祛痘精华 一涂马上见效", "block"),
    ("cosmetics-medical", "cosmetics", "banner", "医美术后专用面膜", "block"),
    ("cosmetics-medical", "cosmetics", "banner", "婴儿面霜 零刺激", "block"),
    # health food: necessity for a group, comparison with other health food
    ("health-necessity", "health_food", "banner", "学生必备鱼油", "block"),
    ("health-necessity", "health_food", "banner", "比普通保健品吸收快5倍", "block"),
    # finance: members' average gains, a licence claimed
    ("investment-beneficiary", "finance", "live_script", "跟我学，会员平均赚了25%", "block"),
    ("licence", "finance", "banner", "银保监批准·正规持牌网贷", "review"),
    # pop-ups and fake alerts
    ("popup", "general", "home_card", "观看满30秒才能关闭", "block"),
    ("phishing", "general", "app_push", "您的设备已感染病毒，立即查杀", "block"),
    # real estate: a shop sold with rent
    ("real-estate", "general", "banner", "购铺送5年包租", "block"),
]
