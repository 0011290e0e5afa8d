"""A discount in 折 that the prices beside it do not bear out (compliance/price_checks.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from huashu.brand import load_brand_pack
from huashu.compliance import Checker
from huashu.compliance.price_checks import _rate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs()


def _fires(checker: Checker, text: str) -> bool:
    bank = load_brand_pack(ROOT / "examples" / "rural_bank.yaml")
    return any(f.rule_id == "discount-overstated" for f in checker.check_text(text, "dsp", bank))


def test_numerals() -> None:
    assert _rate("5") == 5.0
    assert _rate("6.5") == 6.5
    assert _rate("七五") == 7.5
    assert _rate("八") == 8.0


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("双十一5折！原价¥398的羽绒服，今天只要¥278", True),  # 7.0折
        ("八折特惠：原价500元，到手价450元", True),  # 9.0折
        ("七折：原价1000元，现价720元", False),  # 7.2: within rounding
        ("五折：原价¥398，今天只要¥199", False),
        ("原价200元现价120元，八折", False),  # deeper than claimed
        ("全场低至5折，原价298元，现价198元", False),  # "as low as": other items
        ("第二件5折，原价99元，现价79元", False),  # another item's discount
        ("5折起，原价298元，现价198元", False),
        ("满300减50再打9折，原价398元，到手价298元", False),  # offers stacked
    ],
)
def test_discount_against_prices(checker: Checker, text: str, fires: bool) -> None:
    assert _fires(checker, text) is fires
