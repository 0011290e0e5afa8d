"""Concepts added for the forty-eighth development set (comparison and competition: rivals
named, hinted or masked, rankings and platform badges, comparisons between kinds of product),
each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # (concept, industry, channel, text, verdict)
    # a rival pointed at and run down
    (
        "fair-competition",
        "general",
        "video_script",
        "友商的降噪就是个笑话，戴上跟没戴一样",
        "block",
    ),
    ("fair-competition", "cosmetics", "xiaohongshu", "实测完胜某兰黛，大牌溢价全是品牌费", "block"),
    (
        "fair-competition",
        "finance",
        "wechat_article",
        "我们测了几家：A平台隐藏费用一大堆，只有我们透明",
        "block",
    ),
    # a fair comparison within the brand's own line
    (
        "fair-competition",
        "general",
        "home_card",
        "新款Y3比上一代Y1续航多15天（同条件实验室测试）",
        "pass",
    ),
    # a sales rank with its platform and period: for a reviewer, not a block
    (
        "absolute-terms",
        "general",
        "banner",
        "扫地机器人类目销量第一（数据来源：某电商平台，统计周期2026年1-6月）",
        "review",
    ),
    # the claim said to be no longer made, and a saying that is no ranking
    (
        "guaranteed-returns",
        "finance",
        "app_push",
        "“保本保息”？现在的银行理财早就不这么说了",
        "pass",
    ),
    (
        "absolute-terms",
        "insurance",
        "video_script",
        "保险没有最贵最好，适合自己的才是最好的",
        "pass",
    ),
    # what the speaker will not shout
    (
        "absolute-terms",
        "general",
        "live_script",
        "我不喊“全网最低价”，就说到手价比上周便宜20元",
        "pass",
    ),
    # insurance set apart from deposits
    (
        "insurance-misrepresentation",
        "insurance",
        "app_push",
        "年金险≠存款：存款随时可取，年金前几年退保有损失",
        "pass",
    ),
    # a claim called unlawful in so many words
    (
        "fair-competition",
        "health_food",
        "wechat_article",
        "网上说“某某益生菌吊打止泻药”？这类说法本身就违反广告法",
        "pass",
    ),
]
