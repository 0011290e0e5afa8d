"""The labelled corpus (tests/data/compliance_corpus.yaml): size, coverage and the figures the
issue asks for: recall on block labels >= 0.98, false positives on legal copy <= 0.03."""

from __future__ import annotations

from pathlib import Path

import pytest

from huashu.brand import load_brand_pack
from huashu.compliance import Checker
from huashu.compliance.evaluate import Evaluation, evaluate, family_of, load_corpus
from huashu.domain import InputError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
BRANDS = {
    "bank": ROOT / "examples" / "rural_bank.yaml",
    "cos": ROOT / "examples" / "cosmetics_xhs.yaml",
    "app": DATA / "brands" / "credit_app.yaml",
    "shop": DATA / "brands" / "shop_app.yaml",
}


@pytest.fixture(scope="module")
def result() -> Evaluation:
    brands = {key: load_brand_pack(path) for key, path in BRANDS.items()}
    return evaluate(Checker.from_packs(), load_corpus(DATA / "compliance_corpus.yaml"), brands)


def test_corpus_size_and_coverage(result: Evaluation) -> None:
    assert result.samples >= 300
    assert set(result.by_kind) == {"clean", "violating", "evasive", "tricky"}
    assert min(result.by_kind.values()) >= 40
    assert set(result.by_channel) == {"sms", "home_card", "smart_call", "dsp", "xiaohongshu"}
    assert result.legal_samples >= 140


def test_block_recall_and_false_positive_rate(result: Evaluation) -> None:
    assert result.block_labels >= 150
    assert result.block_recall >= 0.98
    assert result.clean_fpr <= 0.03


def test_every_family_is_labelled_and_precise(result: Evaluation) -> None:
    labelled = {fam for fam, c in result.families.items() if c.tp + c.fn}
    assert {
        "absolute",
        "guaranteed-returns",
        "rate-display",
        "zero-interest",
        "fact-contradiction",
        "fact-unverified",
        "sms-framing",
        "sms-route",
        "ad-label",
        "pii",
        "brand-terms",
        "medical-claim",
    } <= labelled
    low = {fam: (c.precision, c.recall) for fam, c in result.families.items() if c.recall < 0.9}
    assert low == {}
    assert [(s.text, sorted(got)) for s, got in result.misses] == []


def test_held_out_samples() -> None:
    """Written after the rules were frozen; reported in docs/benchmarks.md (5 of 36 differ).
    Its one "legal" sample flagged is a mobile number written in Chinese numerals, which the
    checker reads since issue 18 (the frozen label is kept)."""
    brands = {key: load_brand_pack(path) for key, path in BRANDS.items()}
    held = evaluate(Checker.from_packs(), load_corpus(DATA / "compliance_holdout.yaml"), brands)
    assert held.samples == 36
    assert (held.block_labels, held.block_found) == (25, 24)
    assert (held.legal_samples, held.legal_flagged) == (14, 1)
    assert len(held.misses) == 5


def test_family_of() -> None:
    assert family_of("fact.rate") == "fact-contradiction"
    assert family_of("fact.unsupported") == "fact-unverified"
    assert family_of("sms-finance-route") == "sms-route"
    assert family_of("house-rule") == "house-rule"


@pytest.mark.parametrize(
    ("text", "message"),
    [("samples: [{k: clean}]", "cannot be read: 'b'"), ("[1, 2", "cannot be read")],
)
def test_bad_corpus(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "corpus.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        load_corpus(path)
    assert info.value.code == "invalid_corpus"
