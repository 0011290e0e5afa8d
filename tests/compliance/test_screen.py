"""The rule screen (compliance/screen.py): rules a short creative cannot trigger are skipped,
and the findings are exactly those of running every rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from huashu.brand import load_brand_pack
from huashu.compliance import Checker, engine
from huashu.compliance.checks import CheckContext, CheckKind, FieldText
from huashu.compliance.evaluate import load_corpus
from huashu.compliance.evaluate_law import load_law_set
from huashu.compliance.rules import CompiledRule
from huashu.compliance.screen import Screen, pattern_literals
from huashu.domain import Finding

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
BANK = ROOT / "examples" / "rural_bank.yaml"
RUNS = (
    (BANK, "home_card"),
    (BANK, "sms"),
    (ROOT / "examples" / "cosmetics_xhs.yaml", "xiaohongshu"),
    (DATA / "brands" / "credit_app.yaml", "dsp"),
)


def test_pattern_literals() -> None:
    assert pattern_literals("保本|稳赚") == frozenset({"保本", "稳赚"})
    assert pattern_literals("(?:先|提前)[^。]{0,10}?扣除") == frozenset({"扣除"})
    # an alternation: each alternative's best set, together
    assert pattern_literals("收益[^。]{0,3}保证|(?:年化|年利率)[^。]{0,2}保底") == frozenset(
        {"收益", "保底"}
    )
    assert pattern_literals("[^。]{2,}") is None  # a match may hold no literal
    assert pattern_literals("保本|[^。]+赚") == frozenset({"保本", "赚"})
    assert pattern_literals("保本|[^。]+") is None


def _row(f: Finding) -> tuple[Any, ...]:
    return (f.rule_id, f.severity, f.field, f.start, f.end, f.matched, f.message_zh)


def _texts() -> list[str]:
    texts = [s.text for s in load_corpus(DATA / "compliance_corpus.yaml")]
    for path in sorted(DATA.glob("compliance_law_dev*.yaml"))[::3]:
        texts += [c.text for c in load_law_set(path)]
    return texts


def _findings(checker: Checker, texts: list[str]) -> list[list[tuple[Any, ...]]]:
    out = []
    for path, channel in RUNS:
        brand = load_brand_pack(path)
        out += [[_row(f) for f in checker.check_text(t, channel, brand)] for t in texts]
    return out


def test_screened_checks_find_what_every_rule_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    assert len(texts) > 3000
    checker = Checker.from_packs()
    screened = _findings(checker, texts)
    assert checker._screen is not None
    monkeypatch.setattr(engine, "SCREEN_AFTER", 10**9)
    whole = _findings(Checker.from_packs(), texts)
    assert sum(map(len, whole)) > 10_000
    assert screened == whole


def test_what_the_screen_skips() -> None:
    checker = Checker.from_packs()
    bank = load_brand_pack(BANK)
    assert checker._screened(_fields(checker, "保本保息")) == (
        frozenset(),
        set(),
    )  # the first short creative: no screen built yet
    skip, fire = checker._screened(_fields(checker, "周末上新，欢迎到店看看。"))
    assert checker._screen is not None and len(skip) > 100
    rule = {r.id: k for k, r in enumerate(checker.rules)}
    assert rule["guaranteed-returns-forms"] in skip
    assert rule["guaranteed-returns-forms"] not in fire
    # a ``requires`` rule finds something only at a match of its ``when``
    assert rule["rate-needs-annual"] in skip
    assert rule["rate-needs-annual"] not in fire
    _, fire = checker._screened(_fields(checker, "收益不低于4%"))
    assert rule["guaranteed-returns-forms"] in fire
    _, fire = checker._screened(_fields(checker, "借1万日息低至2元"))
    assert rule["rate-needs-annual"] in fire
    found = checker.check_text("借1万日息低至2元", "home_card", bank)
    assert "rate-needs-annual" in {f.rule_id for f in found}
    # pinyin can stand for a pattern's characters: nothing is skipped
    assert checker._screened(_fields(checker, "稳zhuan不赔")) == (frozenset(), set())
    found = checker.check_text("稳zhuan不赔", "home_card", bank)
    assert found and any(f.rule_id.startswith("guaranteed-returns") for f in found)


def _fields(checker: Checker, text: str) -> tuple[FieldText, ...]:
    return (FieldText("text", checker.normalizer.normalize(text)),)


def test_a_kind_of_ones_own_is_not_screened(tmp_path: Path) -> None:
    """A third party's ``pattern`` kind may find things without a match of the pattern."""

    def always(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
        return [ctx.finding(compiled, 0, 0, 0)]

    pack = tmp_path / "own.yaml"
    pack.write_text(
        "id: own\nversion: '1'\nrules:\n  - id: own-rule\n    basis: b\n"
        "    severity: review\n    kind: pattern\n    pattern: 从不出现的词\n"
        "    message_zh: 提示\n    message_en: note\n",
        encoding="utf-8",
    )
    checker = Checker.from_packs([pack], checks={"pattern": CheckKind(always, ("pattern",))})
    bank = load_brand_pack(BANK)
    for text in ("第一条普通文案。", "第二条普通文案。", "第三条普通文案。"):
        found = checker.check_text(text, "home_card", bank)
        assert any(f.rule_id == "own-rule" for f in found)
    screen = checker._screen
    assert isinstance(screen, Screen)
    own = next(k for k, r in enumerate(checker.rules) if r.id == "own-rule")
    assert own not in screen.screened
