"""Concepts added for the sixtieth development set (legal copy only: the careful operator's
copy on risky topics), each checked on wordings of its own (not the set's text)."""

from __future__ import annotations

CASES: list[tuple[str, str, str, str, str]] = [
    # The annual rate right beside the daily one: a review of prominence, not a block.
    ("loan-price", "finance", "home_card", "日利率0.03%（年化利率10.95%，单利）起", "review"),
    (
        "loan-price",
        "finance",
        "sms",
        "【安和银行】逾期部分按日利率万分之五计息（年化18.25%）。回T退订",
        "review",
    ),
    # (the daily rate shouted first still blocks)
    ("loan-price", "finance", "banner", "日息万二！借1万一天2块，年化利率7.3%", "block"),
    # A price with digits is no 0元 headline.
    (
        "insurance-misrepresentation",
        "insurance",
        "xiaohongshu",
        "年交2000元、保额40万的定期寿险",
        "pass",
    ),
]
