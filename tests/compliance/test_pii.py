"""Personal information: detection through evasions, checksums, masking and redaction."""

from __future__ import annotations

import pytest

from huashu.compliance import find_pii, redact
from huashu.compliance.pii import id_checksum_ok, luhn_ok


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("电话13800138000咨询", [("mobile", "13800138000")]),
        ("电话：138 0013 8000，额度30万", [("mobile", "13800138000")]),
        ("+86 139-1234-5678", [("mobile", "8613912345678")]),
        ("１３８００１３８０００", [("mobile", "13800138000")]),
        ("13800138000 30万", [("mobile", "13800138000")]),
        ("1 3 9 1 2 3 4 5 6 7 8", [("mobile", "13912345678")]),
        ("12800138000", []),
        ("138001380001", []),
        ("订单20250312008812", []),
        ("身份证11010519491231002X", [("resident_id", "11010519491231002X")]),
        ("身份证440301199001011234号", [("resident_id", "440301199001011234")]),
        ("身份证110105194912310021", [("long_number", "110105194912310021")]),
        ("一三八 零零一三 八零零零", [("mobile", "13800138000")]),
        ("1️⃣3️⃣8️⃣0️⃣0️⃣1️⃣3️⃣8️⃣0️⃣0️⃣0️⃣", [("mobile", "13800138000")]),
        ("壹叁玖贰叁肆伍陆柒捌玖", [("mobile", "13923456789")]),
        # split by stars, bars, middle dots or emoji; traditional numerals
        ("幺*三*八*五*五*六*七*八*九*零*一", [("mobile", "13855678901")]),
        ("一三八💰一六六二五三九零", [("mobile", "13816625390")]),
        ("一|三|八 一·二·三·四 五✨六七八", [("mobile", "13812345678")]),
        ("壹叄玖 貳叄肆伍 陸柒捌玖", [("mobile", "13923456789")]),
        ("2025/12/01 10/20 33", []),
        ("卡号6222 0202 0000 0000 006", [("bank_card", "6222020200000000006")]),
        ("卡号6222020200000000007", [("long_number", "6222020200000000007")]),
        ("客服热线400-800-1234", []),
        ("年化利率3.6%起", []),
    ],
)
def test_find_pii(text: str, found: list[tuple[str, str]]) -> None:
    assert [(h.type, h.digits) for h in find_pii(text)] == found


def test_checksums() -> None:
    assert id_checksum_ok("11010519491231002X") and id_checksum_ok("11010519491231002x")
    assert not id_checksum_ok("11010519491331002X")  # month 13
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("电话13800138000咨询", "电话138****8000咨询"),
        ("电话 138-0013-8000", "电话 138-****-8000"),
        ("身份证11010519491231002X", "身份证110***********002X"),
        ("卡号6222 0202 0000 0000 006", "卡号**** **** **** ***0 006"),
        ("没有个人信息", "没有个人信息"),
    ],
)
def test_redact(text: str, redacted: str) -> None:
    assert redact(text) == redacted
    assert find_pii(redacted) == []


@pytest.mark.parametrize(
    "text",
    [
        "运作期间2023.03.15—2026.09.30，年化收益率3.12%",
        "活动时间20230315-20260930",
        "2024/1/5 至 2025/12/31",
    ],
)
def test_a_period_of_dates_is_not_pii(text: str) -> None:
    # 2023031520260930 passes the Luhn check: read as a card number before round 44
    assert luhn_ok("2023031520260930")
    assert find_pii(text) == []


def test_a_card_number_beside_a_date_is_still_found() -> None:
    hits = find_pii("2025.01.01起，卡号6222 0202 0000 0000 006")
    assert [h.type for h in hits] == ["bank_card"]
