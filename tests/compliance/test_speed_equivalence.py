"""The windowed scans of long texts (compliance/windows.py) change no finding: the labelled
corpus and every development law-set text, checked as one long document on several brands and
channels with repeats capped and not, give exactly the findings of whole-text scans (windows
switched off by raising ``WINDOW_FROM`` past the text's length in every module reading it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from huashu.brand import load_brand_pack
from huashu.compliance import Checker, homophones, matcher, prefilter
from huashu.compliance.evaluate import load_corpus
from huashu.compliance.evaluate_law import load_law_set
from huashu.domain import Finding

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
BRANDS = {
    "bank": ROOT / "examples" / "rural_bank.yaml",
    "cos": ROOT / "examples" / "cosmetics_xhs.yaml",
    "app": DATA / "brands" / "credit_app.yaml",
    "shop": DATA / "brands" / "shop_app.yaml",
}
#: (brand, channel) pairs the concatenated corpus is checked on.
LONG_RUNS = (
    ("bank", "home_card"),
    ("bank", "sms"),
    ("cos", "xiaohongshu"),
    ("app", "dsp"),
    ("shop", "smart_call"),
)


def _row(f: Finding) -> tuple[Any, ...]:
    return (f.rule_id, f.severity, f.field, f.start, f.end, f.matched, f.message_zh, f.message_en)


def _findings(checker: Checker, text: str) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for brand, channel in LONG_RUNS:
        pack = load_brand_pack(BRANDS[brand])
        for limit in (5, None):
            found = checker.with_repeat_limit(limit).check_text(text, channel, pack)
            out[f"{brand}:{channel}:{limit}"] = [_row(f) for f in found]
    return out


def test_windowed_scans_find_what_whole_scans_find(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [s.text for s in load_corpus(DATA / "compliance_corpus.yaml")]
    texts += [
        c.text for path in sorted(DATA.glob("compliance_law_dev*.yaml")) for c in load_law_set(path)
    ]
    text = "\n".join(texts)
    assert len(text) >= prefilter.WINDOW_FROM
    windowed = _findings(Checker.from_packs(), text)
    for module in (homophones, matcher, prefilter):
        monkeypatch.setattr(module, "WINDOW_FROM", 10 * len(text))
    whole = _findings(Checker.from_packs(), text)
    assert sum(map(len, whole.values())) > 1000
    for name, rows in whole.items():
        assert windowed[name] == rows, name
