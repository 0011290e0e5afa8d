"""Concepts added for the twenty-sixth development set (copy that passed a legal department,
and its near miss), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # fraud warnings that quote the scammer's promise
    (
        "context",
        "finance",
        "sms",
        "【兴农银行】有不法分子冒充我行员工，以“保本高息”诱导投资，请勿轻信。拒收请回复R",
        "pass",
    ),
    (
        "context",
        "cosmetics",
        "app_push",
        "提醒：有人冒充我司称面霜能“治湿疹”，我司产品无治疗作用",
        "pass",
    ),
    # a term explained; a practice that is history; a rule quoted
    (
        "context",
        "finance",
        "wechat_article",
        "什么是“保本理财”？资管新规后，这种产品已成为历史",
        "pass",
    ),
    ("context", "finance", "app_push", "什么是保本理财？就是我们这款，稳稳的", "block"),
    (
        "context",
        "cosmetics",
        "wechat_article",
        "法规不允许化妆品宣称“医学护肤”，请理性选购",
        "pass",
    ),
    # the product used after the illness, not against it
    (
        "context",
        "cosmetics",
        "xiaohongshu",
        "皮炎好了之后才用这款面霜保湿，有皮肤病请先看医生",
        "pass",
    ),
    ("medical-claims", "cosmetics", "xiaohongshu", "用了这款面霜一周，皮炎好了", "block"),
    # awards named with their superlative, sourced and dated ranks
    (
        "absolute-terms",
        "finance",
        "home_card",
        "我行荣获2025年度金融科技奖·最佳数字银行（颁奖单位：某金融媒体）",
        "review",
    ),
    (
        "absolute-terms",
        "finance",
        "video_script",
        "本基金近三年业绩同类排名第1（来源：某基金评价中心，截至2025年9月30日）。基金有风险",
        "review",
    ),
    ("absolute-terms", "finance", "banner", "本行存款余额位居全县首位", "review"),
    # insurance is not a cure; a cosmetic is not a medicine
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "买了这份防癌险，就再也不怕得癌症了",
        "block",
    ),
    (
        "insurance-misrepresentation",
        "insurance",
        "wechat_article",
        "防癌医疗险：确诊合同约定的恶性肿瘤，可报销医疗费用，以条款为准",
        "pass",
    ),
    ("medical-claims", "cosmetics", "xiaohongshu", "这支修护膏比皮肤科开的药膏还管用", "block"),
    # a game for minors without real names; a property's rise with travel time as the cue
    ("minors", "general", "app_push", "暑假特惠，学生党无需实名，未成年也能随便畅玩", "block"),
    ("real-estate-claims", "general", "dsp", "云栖府距市中心15分钟车程，入手三年稳稳升值", "block"),
    # reviews: sales figures, universities' names, catchment schools, neck-care claims
    ("cited-data", "general", "banner", "扫地机器人年销量突破50万台", "review"),
    ("endorsement", "general", "dsp", "清华博士团队授课，考研数学冲刺班", "review"),
    ("real-estate-claims", "general", "app_push", "云岭府对口实验小学，孩子上学无忧", "review"),
    ("medical-claims", "general", "dsp", "颈椎按摩仪，改善颈椎不适", "review"),
]
