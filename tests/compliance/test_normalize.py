"""Normalisation undoes evasions and maps every normalised character back to the original."""

from __future__ import annotations

import pytest

from huashu.compliance import normalize


@pytest.mark.parametrize(
    ("original", "text", "bare"),
    [
        ("保 本", "保本", "保本"),
        ("保-本", "保本", "保本"),
        ("无@风@险", "无风险", "无风险"),
        ("无*风*险", "无风险", "无风险"),
        ("无\u200b风\u200c险\ufeff\u2060\u200d", "无风险", "无风险"),
        ("１００％", "100%", "100%"),
        ("ＡＢＣ贷", "abc贷", "abc贷"),
        ("正规银行，无@风@险", "正规银行，无风险", "正规银行无风险"),
        ("好！真的？", "好！真的？", "好真的"),
        ("年化利率 3.6% 起", "年化利率3.6%起", "年化利率3.6%起"),
        ("30,000元", "30000元", "30000元"),
        ("08:00-21:00", "08:00-21:00", "08:00-21:00"),
        ("稳稳稳稳赚", "稳赚", "稳赚"),
        ("稳稳赚", "稳稳赚", "稳稳赚"),
        ("1000元", "1000元", "1000元"),
        ("保.本", "保本", "保本"),
        ("【春田】", "春田", "春田"),
        ("無風險貸款", "无风险贷款", "无风险贷款"),
        ("穩穩穩賺", "稳赚", "稳赚"),
        ("¥129 元", "¥129元", "¥129元"),
        ("好,的", "好，的", "好的"),
        ("a:b", "a：b", "ab"),
        ("½", "12", "12"),
        ("", "", ""),
        ("\ud800保本", "保本", "保本"),
        # a title bar splitting single characters is dropped; between words it ends a clause
        ("稳|赚|不|赔", "稳赚不赔", "稳赚不赔"),
        ("借|一|万，每｜天", "借一万，每天", "借一万每天"),
        ("低息｜快放｜秒批", "低息；快放；秒批", "低息快放秒批"),
        ("最高5万｜3分钟到账", "最高5万；3分钟到账", "最高5万3分钟到账"),
        # emoji that stand for a character read as it; decorative ones stay separators
        ("💊都能停", "药都能停", "药都能停"),
        ("🈚利息，❤️脑好", "无利息，心脑好", "无利息心脑好"),
        ("🏥级护肤", "医院级护肤", "医院级护肤"),
        ("稳✨赚", "稳赚", "稳赚"),
        # = reads as 等于 in ASCII as in full width (the ASCII form was dropped)
        ("零利息=零成本", "零利息等于零成本", "零利息等于零成本"),
        ("零利息＝零成本", "零利息等于零成本", "零利息等于零成本"),
        # characters of regional speech read as the word a reader hears
        ("包你冇蚀", "包你没亏", "包你没亏"),
        ("唔查征信，即日过数", "不查征信，即日过数", "不查征信即日过数"),
        ("收益顶顶高，交关灵", "收益最高，很灵", "收益最高很灵"),
    ],
)
def test_normalize(original: str, text: str, bare: str) -> None:
    n = normalize(original)
    assert (n.text, n.bare.text) == (text, bare)
    assert n.original == original
    assert len(n.offsets) == len(n.ends) == len(n.text)


@pytest.mark.parametrize(
    ("original", "term", "span"),
    [
        ("正规银行，无@风@险", "无风险", "无@风@险"),
        ("理财保 本", "保本", "保 本"),
        ("通过率１００％！", "100%", "１００％"),
        ("稳稳稳赚不赔", "稳赚不赔", "稳稳稳赚不赔"),
        ("无\u200b风险", "无风险", "无\u200b风险"),
        ("這是無風險的", "无风险", "無風險"),
        ("ｗｅｎ賺", "wen赚", "ｗｅｎ賺"),
        ("对❤️脑血管好", "心脑血管", "❤️脑血管"),
        ("🏥级", "医院级", "🏥级"),
        # a character written as its two components spans both
        ("亻呆本亻呆息", "保本保息", "亻呆本亻呆息"),
        ("燃烧月旨 肪", "燃烧脂肪", "燃烧月旨 肪"),
    ],
)
def test_spans_map_back_to_original(original: str, term: str, span: str) -> None:
    n = normalize(original)
    i = n.bare.text.index(term)
    start, end = n.bare.original_span(i, i + len(term))
    assert original[start:end] == span


def test_empty_span_at_end() -> None:
    n = normalize("好 ")
    assert n.bare.original_span(1, 1) == (1, 1)
    assert normalize("").bare.original_span(0, 0) == (0, 0)


def test_components_join_only_as_a_pair_no_word_holds() -> None:
    assert normalize("艹约到病除").text == "药到病除"
    assert normalize("本月旨在回馈老客户").text == "本月旨在回馈老客户"  # 月 + 旨在
    assert normalize("亻").text == "亻"
    # pairs that words hold across their boundary are not joined
    assert normalize("本月夫妻同游，下个月巴黎时装周").text == "本月夫妻同游，下个月巴黎时装周"


def test_a_toneless_swap_may_come_with_exact_homophones() -> None:
    from huashu.compliance.homophones import HomophoneMatcher

    matcher = HomophoneMatcher(["稳赚不赔"])
    assert matcher.spans("跟着买稳转不陪") == [(3, 7)]  # 转: tone; 陪: exact
    assert matcher.spans("稳转不配") == []  # 配 pèi vs 赔 péi: a second tone swap


def test_a_product_name_ending_in_bao_is_not_a_homophone() -> None:
    from huashu.compliance.homophones import HomophoneMatcher

    matcher = HomophoneMatcher(["保收益", "保本保息"])
    assert matcher.spans("您的零钱宝收益已到账") == []  # 零钱宝 + 收益: the fund's return
    assert matcher.spans("宝收益理财") == [(0, 3)]  # no name before 宝: the evasion
    assert matcher.spans("这款理财宝本宝息") == [(4, 8)]  # a second swap: the evasion
    assert matcher.spans("零钱保收益") == [(2, 5)]  # the term itself is always a hit
