"""Concepts added for the sixty-second development set (regional speech and dialect), each
checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # Dialect characters read as the word a reader hears.
    ("guaranteed-returns", "finance", "live_script", "呢只产品包你冇蚀，放心买", "block"),
    ("credit-approval", "finance", "xiaohongshu", "唔查征信，即日到账", "block"),
    ("absolute-terms", "finance", "banner", "阿拉存款利率全上海顶顶高", "block"),
    ("efficacy-guarantee", "health_food", "home_card", "纯天然冇副作用，食几多都唔怕", "block"),
    (
        "insurance-misrepresentation",
        "insurance",
        "live_script",
        "高血压都莫得关系，啥子病都赔",
        "block",
    ),
    ("absolute-terms", "general", "dsp", "销量全广东第一嘅电饭煲", "block"),
    (
        "competitor-disparagement",
        "finance",
        "wechat_article",
        "别个那些网贷都是高利贷，莫去借",
        "block",
    ),
    ("official-endorsement", "finance", "xiaohongshu", "连监管局都表扬过的借款平台", "block"),
    ("loan-to-students", "finance", "home_card", "大學生憑學生證就能借", "block"),
    # Warnings and denials in the same speech.
    (
        "guaranteed-returns",
        "finance",
        "wechat_article",
        "边个同你讲「稳赚唔赔」，都系呃人嘅",
        "pass",
    ),
    ("medical-claims", "cosmetics", "home_card", "我哋唔讲「祛痘」，化妆品唔可以治病", "pass"),
    ("guaranteed-outcome", "general", "app_push", "我哋唔包过，可以免费试听一堂", "pass"),
    ("health-disclaimer", "general", "wechat_article", "黑糖姜茶属普通食品，不具保健功能", "pass"),
    # (腐蚀 reads as nothing a rule holds)
    ("guaranteed-returns", "general", "home_card", "不锈钢锅耐腐蚀，十年不生锈", "pass"),
]
