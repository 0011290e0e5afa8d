"""Concepts added for the fifty-fifth development set (the formats an operations team ships:
short copy, agents' posts, article paragraphs, legal copy that looks illegal), each checked on
wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # Context: an effect denied with its object between, a list of forbidden practices, a
    # correction of the brand's own wording.
    ("medical-claims", "health_food", "wechat_article", "本品不具有预防和治疗疾病的作用", "pass"),
    (
        "fair-competition",
        "insurance",
        "wechat_article",
        "本公司严禁以下行为：承诺保底分红；说同业公司「理赔难、要倒闭」",
        "pass",
    ),
    (
        "medical-claims",
        "health_food",
        "video_script",
        "更正说明：上期视频里「喝两周血压就降了」的表述不符合广告规定，已下架",
        "pass",
    ),
    ("loan-price", "finance", "wechat_article", "号称不看征信的贷款，往往伴随着砍头息", "pass"),
    (
        "medical-claims",
        "cosmetics",
        "live_script",
        "痤疮、湿疹这类问题请去看皮肤科，面霜治不了",
        "pass",
    ),
    (
        "medical-claims",
        "cosmetics",
        "wechat_article",
        "防脱发属于特殊化妆品，须取得注册证后才能宣称",
        "pass",
    ),
    # Rivals masked inside a name, or their claims and terms run down.
    ("fair-competition", "cosmetics", "dsp", "还在买兰X黛的精华？全是智商税", "block"),
    ("fair-competition", "insurance", "app_push", "他家拒赔多理赔慢，转投我们更放心", "block"),
    (
        "fair-competition",
        "insurance",
        "wechat_article",
        "某某人寿的条款里坑很多，出险了基本赔不下来",
        "block",
    ),
    # Finance, insurance and health in short copy.
    ("wealth-as-deposit", "finance", "banner", "稳享宝理财，随存随取像活期一样", "block"),
    ("insurance-misrepresentation", "insurance", "app_push", "不问病史，投了就能赔", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "dsp",
        "银行专属储蓄计划：存10万，满期领回15万",
        "block",
    ),
    (
        "guaranteed-returns",
        "finance",
        "wechat_article",
        "这只基金去年涨了30%，明年保守估计也有15%",
        "block",
    ),
    ("medical-claims", "health_food", "dsp", "比二甲双胍还稳的控糖片", "block"),
    (
        "medical-claims",
        "health_food",
        "wechat_article",
        "与其吃止痛药，不如吃这个，效果不比药差",
        "block",
    ),
    (
        "endorsement",
        "health_food",
        "wechat_article",
        "在北京某医院心内科工作了三十多年的李主任，每天都吃这款鱼油",
        "block",
    ),
    ("medical-claims", "general", "wechat_article", "睡了三个月，颈椎病的疼痛缓解了", "block"),
]
