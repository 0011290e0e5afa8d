"""Concepts added for the fifty-sixth development set (legal copy only: absolute-sounding words
used lawfully, names that hold a suspicious character), each checked on wordings of its own
(not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # A buyer's own experience is a feeling, not a ranking of the product.
    (
        "absolute-terms",
        "general",
        "xiaohongshu",
        "这是我今年买过最省心的一台洗碗机（个人感受）",
        "review",
    ),
    (
        "absolute-terms",
        "cosmetics",
        "xiaohongshu",
        "我个人用过最清爽的一支防晒，油皮自用",
        "review",
    ),
    # (a verdict on the product in a buyer's voice is still a ranking)
    ("absolute-terms", "cosmetics", "xiaohongshu", "闭眼入，这是我用过最好的面霜", "block"),
]
