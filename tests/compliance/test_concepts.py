"""Rules by legal concept: every built-in rule finds its own examples and leaves its legal
examples alone; negation, warnings and word boundaries are shared context; the industry packs
run by default (from the brand pack, else inferred from the copy, else all)."""

from __future__ import annotations

from pathlib import Path

import pytest

from huashu.brand import load_brand_pack
from huashu.compliance import Checker
from huashu.compliance.boundaries import Segmenter
from huashu.compliance.context import in_negated_context
from huashu.compliance.industry import choose_industries, parse_industries
from huashu.compliance.inputs import ANY_SIGNATURE, generic_brand
from huashu.compliance.names import names_a_sender
from huashu.compliance.normalize import Normalizer
from huashu.compliance.rules import Rule, builtin_pack_paths, load_rule_pack
from huashu.domain import InputError, Severity
from huashu.domain.brand import ALL_INDUSTRIES

ROOT = Path(__file__).resolve().parents[2]
RULES = [r for path in builtin_pack_paths() for r in load_rule_pack(path).rules]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs()


def _where(rule: Rule) -> tuple[str, tuple[str, ...]]:
    channel = "home_card" if rule.channels == "all" else rule.channels[0]
    industries = ALL_INDUSTRIES if rule.industries == "all" else rule.industries
    return channel, tuple(industries)


CONCEPT = {r.id: r.concept for r in RULES}


def _rules_found(checker: Checker, rule: Rule, text: str) -> set[str]:
    """Rule ids found in ``text`` where ``rule`` applies; a rule of the same concept that says
    it at least as strongly over the same words counts as ``rule`` (findings are not repeated)."""
    channel, industries = _where(rule)
    if channel == "sms" and rule.concept != "sender-identity":
        text = f"【品牌】{text}回T退订"
    findings = checker.check_text(
        text, channel, generic_brand(), options=ANY_SIGNATURE, industries=industries
    )
    found = {f.rule_id for f in findings if f.severity != Severity.WARN}
    rank = {Severity.WARN: 0, Severity.REVIEW: 1, Severity.BLOCK: 2}
    if any(
        CONCEPT.get(f.rule_id) == rule.concept and rank[f.severity] >= rank[rule.severity]
        for f in findings
    ):
        found.add(rule.id)
    return found


def test_every_claim_rule_has_a_concept_and_examples() -> None:
    framing = {"sms-signature", "sms-length", "brand-forbidden", "brand-required"}
    framing |= {r.id for r in RULES if r.kind in ("fact", "simple_rate", "sms_route", "tone")}
    assert [r.id for r in RULES if not r.concept] == []
    missing = [r.id for r in RULES if r.id not in framing and not r.examples.hit]
    assert missing == []


@pytest.mark.parametrize(
    ("rule", "text"),
    [(r, t) for r in RULES for t in r.examples.hit],
    ids=lambda v: v.id if isinstance(v, Rule) else str(v)[:12],
)
def test_rule_finds_its_examples(checker: Checker, rule: Rule, text: str) -> None:
    assert rule.id in _rules_found(checker, rule, text)


@pytest.mark.parametrize(
    ("rule", "text"),
    [(r, t) for r in RULES for t in r.examples.legal],
    ids=lambda v: v.id if isinstance(v, Rule) else str(v)[:12],
)
def test_rule_leaves_legal_examples_alone(checker: Checker, rule: Rule, text: str) -> None:
    assert rule.id not in _rules_found(checker, rule, text)


@pytest.mark.parametrize(
    ("text", "word", "negated"),
    [
        ("本产品非保本理财，投资有风险", "保本", True),
        ("不保本不保收益，请谨慎选择", "保收益", True),
        ("凡是承诺保本高收益的都是诈骗", "保本", True),
        ("骗子常说：秒批秒到、零门槛", "零门槛", True),
        ("本金安全无法保证", "本金安全", True),
        ("本品不能代替药物", "代替药物", True),
        ("不仅保本，还有高收益", "保本", False),
        ("放心，保本保息", "保本", False),
        ("不用担心，稳赚不赔", "稳赚", False),
        # A quoted sentence that ends inside its quotes (…包下款。”), in a warning sentence.
        ("骗子：“交保证金就能包下款。”要先交钱的都是诈骗", "包下款", True),
        # The hit names a kind of scam; a quoted slogan to block (拉黑); 别再信.
        ("甚至是代理退保骗局，请拨打12378", "代理退保", True),
        ("遇到“凭学生证就能贷”一律拉黑", "学生证就能贷", True),
        ("千万别再信“洗白征信”了", "洗白征信", True),
        ("专业团队帮您“洗白征信”，三天出新报告", "洗白征信", False),
    ],
)
def test_negation_and_warnings(text: str, word: str, negated: bool) -> None:
    norm = Normalizer().normalize(text)
    start = text.index(word)
    assert in_negated_context(norm, start, start + len(word)) is negated


@pytest.mark.parametrize(
    ("text", "word", "straddles"),
    [
        ("我们确保本金安全到账", "保本", True),
        ("余额宝本月收益", "宝本", True),
        ("如意宝息费全免", "宝息", True),  # 息费 beats 息|费全免 in jieba's table
        ("担保本息按月偿还", "保本", True),
        ("保本理财", "保本", False),
        ("保 本理财", "保 本", False),
        ("第一名", "第一", False),
        ("无，风险", "无，风险", False),
    ],
)
def test_word_boundaries(text: str, word: str, straddles: bool) -> None:
    start = text.index(word)
    assert Segmenter().straddles(text, start, start + len(word)) is straddles


def test_brand_terms_are_words(checker: Checker) -> None:
    """A product name ending in 宝 is one word: 鑫利宝本周 is not 保本 by homophone."""
    pack = load_brand_pack(ROOT / "examples" / "rural_bank.yaml")
    named = pack.model_copy(
        update={"brand": pack.brand.model_copy(update={"required_terms": ("鑫利宝",)})}
    )
    text = "鑫利宝本周开放申购，业绩比较基准2.5%，理财非存款，产品有风险，投资须谨慎"
    rules = {f.rule_id for f in checker.check_text(text, "home_card", named)}
    assert "guaranteed-returns" not in rules
    assert "guaranteed-returns" in {
        f.rule_id for f in checker.check_text("鑫利宝，保本理财", "home_card", named)
    }


@pytest.mark.parametrize(
    ("text", "industries", "source"),
    [
        ("春耕贷年化利率3.6%起", ("finance",), "inferred"),
        ("百万医疗险，等待期30天", ("insurance",), "inferred"),
        ("烟酰胺精华，清爽控油", ("cosmetics",), "inferred"),
        ("鱼油软胶囊，有助于维持血脂健康水平", ("health_food",), "inferred"),
        ("周末去公园散步", ALL_INDUSTRIES, "all"),
        ("鲜牛奶，巴氏杀菌工艺", ("general",), "inferred"),
    ],
)
def test_industry_inferred(text: str, industries: tuple[str, ...], source: str) -> None:
    choice = choose_industries(None, None, [text], Normalizer())
    assert (choice.industries, choice.source) == (industries, source)
    assert choice.describe("zh").startswith("行业：")


def test_industry_order_of_precedence() -> None:
    bank = load_brand_pack(ROOT / "examples" / "rural_bank.yaml")
    norm = Normalizer()
    assert choose_industries(("cosmetics",), bank, ["贷款"], norm).source == "option"
    assert choose_industries(None, bank, ["精华"], norm).industries == ("finance",)
    assert parse_industries("auto") is None
    assert parse_industries("finance, insurance") == ("finance", "insurance")
    with pytest.raises(InputError) as err:
        parse_industries("games")
    assert err.value.code == "unknown_industry"


def test_credit_offered_in_any_industry_runs_finance_rules(checker: Checker) -> None:
    """The loan-marketing rules bind whoever advertises credit: a shop's or a beauty brand's
    instalment offer is read by the rules scoped to ``credit`` too, the reason shown;
    insurance keeps its own pack, and copy that offers no credit keeps its one industry. A
    merchant's plain 免息分期 (the merchant pays the interest) needs no fee list."""
    norm = checker.normalizer
    shop = "学习机直接点分期，12期一分钱利息不用出，手续费每期才百分之零点六"
    choice = choose_industries(("general",), None, [shop], norm)
    assert choice.industries == ("general", "credit")
    assert choice.credit == ("分期", "利息")
    assert choice.describe("zh").startswith("行业：general（")
    assert "同时运行信贷广告规则" in choice.describe("zh")
    assert "the credit rules run too" in choice.describe("en")
    assert choose_industries(("general",), None, ["新品面霜买一送一"], norm).industries == (
        "general",
    )
    # a policy's own 利息 stays the insurance pack's; a policy loan is a loan (its price needs
    # the annual rate), with no finding where no price is given
    account = "万能账户结算利息按月计入，保单利益以合同为准"
    assert choose_industries(("insurance",), None, [account], norm).industries == ("insurance",)
    policy = "保单贷款利息按合同约定"
    assert choose_industries(("insurance",), None, [policy], norm).industries == (
        "insurance",
        "credit",
    )
    blocks = [
        f
        for f in checker.check_text(
            policy, "home_card", generic_brand(), industries=("insurance", "credit")
        )
        if f.severity.value == "block"
    ]
    assert not blocks
    priced = "保单贷款日息低至0.015%，借1万一天才1块5"
    assert "rate-needs-annual" in {
        f.rule_id
        for f in checker.check_text(
            priced,
            "home_card",
            generic_brand(),
            industries=choose_industries(("insurance",), None, [priced], norm).industries,
        )
    }
    beauty = load_brand_pack(ROOT / "examples" / "cosmetics_xhs.yaml")
    offer = "焕肤套装+分期，0首付、0审核当天到手"
    found = {f.rule_id for f in checker.check_text(offer, "home_card", beauty)}
    assert "loan-approval-promise" in found  # the brand pack's path, no industries given
    assert choose_industries(None, beauty, [offer], norm).industries == ("cosmetics", "credit")
    cost = "新款手机24期免息！每期仅付0.5%服务费，0首付拿回家"
    assert "zero-interest-fee-needs-annual" in {
        f.rule_id for f in checker.check_text(cost, "home_card", beauty)
    }
    legal = "焕肤套装支持3期免息分期"
    assert not {f.rule_id for f in checker.check_text(legal, "home_card", beauty)} & {
        "zero-interest-needs-fees",
        "loan-approval-promise",
    }


def test_no_industry_pack_is_skipped_by_default(checker: Checker) -> None:
    """Without a brand pack or --industry, loan and medical claims are still found."""
    text = "日息万分之五，不查征信秒批"
    choice = choose_industries(None, None, [text], checker.normalizer)
    findings = checker.check_text(text, "home_card", generic_brand(), industries=choice.industries)
    assert {"rate-needs-annual", "loan-approval-promise"} <= {f.rule_id for f in findings}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("江景洋房 建筑面积120平方米 驾车十分钟到市中心", True),
        ("火锅店开业啦 驾车十分钟到市中心", False),  # not a real-estate ad: ``when`` absent
    ],
)
def test_pattern_rule_scoped_by_when(checker: Checker, text: str, found: bool) -> None:
    """A ``pattern`` rule with ``when`` runs only on copy about its kind of product."""
    findings = checker.check_text(text, "home_card", generic_brand(), industries=("general",))
    assert ("real-estate-travel-time" in {f.rule_id for f in findings}) is found


def test_weaker_finding_of_the_same_concept_is_not_repeated(checker: Checker) -> None:
    findings = checker.check_text("全网最低价", "home_card", generic_brand())
    assert [(f.rule_id, f.severity) for f in findings] == [("absolute-claims", Severity.BLOCK)]


@pytest.mark.parametrize(
    "pattern",
    [
        "(?:别(?:再)?(?:买|去)|只有)x",
        "年化|年利率|apr",
        "(?:低至)?[\\d.]+个点",
        "最(?!近)[\\u4e00-\\u9fff]",
        "(?<!不是)广告",
        "a?b|c",
        "[\\d一二]+个点|只有|apr",
    ],
)
def test_prefilter_keeps_every_match(pattern: str) -> None:
    import re

    from huashu.compliance.prefilter import fast_pattern, hit_spans

    text = "别再买假货x只有x年化利率apr低至3.5个点最近最好广告不是广告abcb只有只有xx" * 3
    plain, fast = re.compile(pattern), re.compile(fast_pattern(pattern))
    assert [m.span() for m in plain.finditer(text)] == hit_spans(fast, text)
    assert bool(plain.search(text)) == bool(fast.search(text))


def test_prefilter_first_chars() -> None:
    from huashu.compliance.prefilter import DIGIT, fast_pattern, first_chars

    assert first_chars("(?:别(?:再)?买|只有)") == frozenset("别只")
    assert first_chars("a?b|c") == frozenset("abc")
    assert first_chars(".x") is None  # any character
    assert first_chars("a?") is None  # can match empty
    assert first_chars("[^x]y") is None  # negated class
    assert fast_pattern("年化") == "年化"  # one first character: a literal prefix already
    assert fast_pattern("年化|apr") == "年化|apr"  # alternatives led by literals: skipped already
    assert fast_pattern("[年月]化") == "[年月]化"  # a leading class: skipped already
    assert fast_pattern("(a)\\1|b") == "(a)\\1|b"  # a backreference: left alone
    assert fast_pattern("(?:年|月)化|apr").startswith("[a年月](?<=")  # split form
    # a pattern that starts with a number is split too, its class holding \\d
    assert first_chars("[\\d一]+天|保证") == frozenset({DIGIT, "一", "保"})
    assert fast_pattern("[\\d一]+天|保证").startswith("[\\d一保](?<=")
    assert first_chars("\\w+天") is None  # any word character: not listed


@pytest.mark.parametrize(
    ("text", "needs_opt_out"),
    [
        ("【澜江银行】您尾号6688的信用卡本期账单应还3,256.80元，最后还款日12月10日。", False),
        ("【优选到家】您的订单已发货，运单号SF1432087765021，预计明日送达。", False),
        ("【优选到家】您的订单已发货，下单即送优惠券一张。", True),
        ("【优选到家】草莓到货，满59包邮。", True),
    ],
)
def test_transactional_sms_needs_no_opt_out(
    checker: Checker, text: str, needs_opt_out: bool
) -> None:
    findings = checker.check_text(text, "sms", generic_brand(), options=ANY_SIGNATURE)
    assert ("sms-opt-out" in {f.rule_id for f in findings}) is needs_opt_out


@pytest.mark.parametrize(
    ("text", "rule", "found"),
    [
        ("【科普】化妆品广告不能说「治痘」「消炎」，看到要小心", "cosmetics-medical-claim", False),
        ("这些词不能写：保本、稳赚、零风险", "guaranteed-returns", False),
        ("骗子说“我们平台稳赚不赔，亏了全额赔付”，都是诈骗", "guaranteed-returns-forms", False),
        ("“保本”理财，稳赚", "guaranteed-returns", True),
        ("小鲸贷｜本产品不向在校学生提供贷款", "loan-to-students", False),
    ],
)
def test_mentions_are_not_claims(checker: Checker, text: str, rule: str, found: bool) -> None:
    rules = {
        f.rule_id
        for f in checker.check_text(text, "home_card", generic_brand(), industries=ALL_INDUSTRIES)
    }
    assert (rule in rules) is found


def test_context_reads_a_bounded_window() -> None:
    """A hit deep in a long text without sentence ends reads a few dozen characters around it
    (the first version read the whole prefix: quadratic on megabytes)."""
    from huashu.compliance import context

    text = "好" * 100_000 + "保本"
    assert context._sentence_before(text, 100_000) == "好" * 80
    assert len(context._clause_before(text, 100_000)) <= context._REACH


def test_an_english_no_answers_but_no1_does_not() -> None:
    """A question answered "no" disowns its claim; "No.1" after it is a rank, not an answer
    (the normaliser keeps the text lower-case and drops the dot)."""
    from huashu.compliance import context

    answered = "“什么都赔”吗？no，先看责任免除"
    k = answered.index("什么")
    assert context._negated_at(answered, k, k + 4)
    ranked = "“全网最低价”？no1的选择"
    k = ranked.index("全网")
    assert not context._negated_at(ranked, k, k + 5)


@pytest.mark.parametrize(
    ("signature", "names"),
    [("阿芳", False), ("阿强", False), ("阿里", True), ("阿迪达斯", True), ("鹿溪", True)],
)
def test_a_nickname_names_no_sender(signature: str, names: bool) -> None:
    """A southern nickname (【阿芳】) is a person's form of address, not the sender's name;
    brands that start with 阿 still name one."""
    assert names_a_sender(signature) is names
