"""Concepts added for the seventeenth development set (the law clause by clause: sub-clauses of
Art. 9-28 of the Advertising Law and of the price, internet-advertising and personal-information
rules), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # officials and state organs used to sell (Art. 9(2))
    ("state-symbols", "general", "video_script", "县委书记亲临我们的茶园品尝，直夸好茶", "block"),
    ("state-symbols", "finance", "banner", "政府背景平台，资金安全看得见", "block"),
    ("state-symbols", "general", "home_card", "本店已入驻多家机关单位食堂供应蔬菜", "block"),
    ("state-symbols", "general", "sms", "【便民】市长热线12345全天受理诉求。拒收请回复R", "pass"),
    # the national map (Art. 9(4))
    (
        "state-symbols",
        "general",
        "xiaohongshu",
        "中国地图拼图（精简版，去掉了南海诸岛），送孩子正好",
        "block",
    ),
    # public order: panic, superstition, unlawful goods and services (Art. 9(5), (8), (10))
    (
        "public-order",
        "general",
        "sms",
        "【便民超市】明天全城就要封控了，赶紧来店里囤菜！拒收请回复R",
        "block",
    ),
    (
        "public-order",
        "general",
        "live_script",
        "这块玉开过光，戴上保佑你升职加薪，不灵包退",
        "block",
    ),
    ("public-order", "general", "dsp", "摩托车ECU刷机，一键解除限速，轻松飙到120码", "block"),
    ("public-order", "general", "wechat_article", "代办各类资格证，无需考试直接拿证", "block"),
    ("public-order", "general", "banner", "考场专用隐形耳机，监考根本查不出", "block"),
    ("public-order", "general", "live_script", "正宗犀牛角手串，越戴越值钱，喜欢的私聊", "block"),
    ("public-order", "general", "home_card", "象牙白色系列橱柜，简约耐看", "pass"),
    ("public-order", "general", "wechat_article", "快递转运中心春节照常营业", "pass"),
    ("public-order", "general", "wechat_article", "提醒考生：严禁携带作弊器材进入考场", "pass"),
    # discrimination (Art. 9(7))
    ("public-order", "general", "banner", "皮肤黑的女孩没前途？用XX美白，白才是王道", "block"),
    ("public-order", "general", "video_script", "这车女人不配开，男人专属", "block"),
    ("public-order", "general", "home_card", "这款剃须刀女生不适合用，女士请选柔肤款", "pass"),
    ("public-order", "general", "banner", "女性专属体检套餐，呵护每一位她", "pass"),
    # children copying danger (Art. 10, 40)
    ("minors", "general", "video_script", "画面：小女孩撑开雨伞从阳台纵身跳下，飘了起来", "block"),
    # pop-ups that do not close (Art. 44)
    ("ad-disclosure", "general", "dsp", "【开屏广告】5秒后才能关闭，新人领券", "block"),
    ("ad-disclosure", "general", "dsp", "【广告】点击右上角关闭", "pass"),
    # news and health lessons with a purchase route (Art. 14, 19)
    (
        "ad-disclosure",
        "health_food",
        "wechat_article",
        "健康知识｜中老年人为什么容易缺钙？……文末附钙片购买链接",
        "block",
    ),
    (
        "ad-disclosure",
        "general",
        "wechat_article",
        "记者获悉，某品牌空气炸锅近期销量火爆……文末附有下单链接",
        "block",
    ),
    # hidden charges (price rules)
    ("price", "general", "home_card", "KTV欢唱套餐99元，无额外收费（开瓶费另收）", "block"),
    # a survey without its source (Art. 11)
    ("substantiation", "general", "banner", "据国外研究报告，87%的家庭都在用空气净化器", "block"),
    (
        "substantiation",
        "general",
        "banner",
        "据国家统计局2024年数据，全国居民人均可支配收入增长5.3%",
        "pass",
    ),
    # consent deemed from use (PIPL)
    (
        "personal-information",
        "finance",
        "app_push",
        "登录即表示同意授权读取您的通讯录和通话记录",
        "block",
    ),
    # existing rules read further
    ("real-estate-claims", "general", "home_card", "XX公馆，离高铁站只要8分钟车程", "block"),
    ("agri-claims", "general", "smart_call", "这批水稻种亩产至少1200斤，达不到全额赔", "block"),
    ("minors", "general", "video_script", "小代言人乐乐（6岁）：我天天吃XX饼干", "block"),
    (
        "guaranteed-outcome",
        "general",
        "live_script",
        "我们有参与过命题的老师，押题押中了好几道",
        "block",
    ),
    (
        "alcohol",
        "general",
        "video_script",
        "画面：派对上喝完XX啤酒的年轻人开车冲向夜色",
        "block",
    ),
    ("alcohol", "general", "xiaohongshu", "失眠的夜里来一杯XX威士忌，烦恼一扫而空", "block"),
    ("alcohol", "general", "live_script", "酒后千万别开车，理性饮酒", "pass"),
    ("insurance-misrepresentation", "insurance", "live_script", "分红每年保底4%，放心买", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "wechat_article",
        "保证利益写进合同；分红部分不保证，以实际为准",
        "pass",
    ),
    ("guaranteed-returns", "finance", "xiaohongshu", "放这里和存款一样安全，收益还高", "block"),
    (
        "personal-information",
        "finance",
        "smart_call",
        "我们从第三方平台查到您的社保缴费记录，可以给您批一笔贷款",
        "block",
    ),
    ("medical-claims", "health_food", "live_script", "这个比降糖药温和多了，血糖稳稳的", "block"),
    ("medical-claims", "cosmetics", "banner", "0过敏配方，孕妇宝宝都能用", "block"),
    ("fair-competition", "general", "xiaohongshu", "别家某牌洗洁精有毒，赶紧换我们家的", "block"),
]
