"""The checker: creatives in, reports out; rule packs from files; bad packs; custom checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from huashu.brand import load_brand_pack
from huashu.compliance import (
    CheckContext,
    Checker,
    CheckKind,
    CompiledRule,
    base_pack_path,
    builtin_pack_paths,
    load_rule_pack,
)
from huashu.domain import (
    BrandPack,
    ComplianceReport,
    Creative,
    Finding,
    InputError,
    Provenance,
    Severity,
    Verdict,
)

ROOT = Path(__file__).resolve().parents[2]
BUILTIN = (
    "base@2",
    "facts@1",
    "finance@2",
    "insurance@1",
    "cosmetics@2",
    "health_food@1",
    "channels@2",
    "conduct@1",
    "pii@2",
    "voice@1",
)
#: Rules in the built-in packs.
N_RULES = 236
PROVENANCE = Provenance(backend="compose", model="-", template_version="1", seed=7)


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs()


@pytest.fixture(scope="module")
def bank() -> BrandPack:
    return load_brand_pack(ROOT / "examples" / "rural_bank.yaml")


def creative(fields: dict[str, str], channel: str = "home_card", cid: str = "c1") -> Creative:
    return Creative.model_validate(
        {
            "id": cid,
            "brand_id": "chuntian-bank",
            "segment_key": "livestock.yes",
            "channel": channel,
            "fields": fields,
            "provenance": PROVENANCE,
        }
    )


def test_report_over_fields(checker: Checker, bank: BrandPack) -> None:
    card = creative({"title": "利率行业领先", "body": "正规银行，无@风@险，年化利率3.6%起"})
    report = checker.check(card, bank)
    assert report.creative_id == "c1"
    assert report.verdict == Verdict.BLOCK
    assert report.rule_packs == BUILTIN
    assert [(f.field, f.rule_id, f.matched, f.start, f.end) for f in report.findings] == [
        ("title", "absolute-terms", "领先", 4, 6),
        ("body", "guaranteed-returns", "无@风@险", 5, 10),
    ]


@pytest.mark.parametrize(
    ("fields", "verdict"),
    [
        ({"title": "春耕备耕正当时", "body": "年化利率3.6%起，立即申请"}, Verdict.PASS),
        ({"title": "利率行业领先", "body": "年化利率3.6%起"}, Verdict.REVIEW),
        # best in the county is the same claim within the county
        ({"title": "全县最低利率", "body": "年化利率3.6%起"}, Verdict.BLOCK),
        ({"title": "日息万分之一", "body": "年化利率3.65%"}, Verdict.BLOCK),
        # the annualised rate may sit in another field of the same creative
        ({"title": "年化利率3.6%起", "body": "利率低至3.6%"}, Verdict.PASS),
    ],
)
def test_verdicts(
    checker: Checker, bank: BrandPack, fields: dict[str, str], verdict: Verdict
) -> None:
    report = checker.check(creative(fields), bank)
    assert report.verdict == verdict == ComplianceReport.verdict_of(report.findings)


def test_sms_creative(checker: Checker, bank: BrandPack) -> None:
    ok = creative({"text": "【春田农商银行】春耕贷年化利率3.6%起。拒收请回复R"}, channel="sms")
    bad = creative({"text": "春耕贷年化利率3.6%起"}, channel="sms")
    assert checker.check(ok, bank).verdict == Verdict.PASS
    assert [f.rule_id for f in checker.check(bad, bank).findings] == [
        "sms-signature",
        "sms-opt-out",
    ]


def test_report_id_is_deterministic(checker: Checker, bank: BrandPack) -> None:
    a = checker.check(creative({"text": "年化利率3.6%起"}), bank)
    b = checker.check(creative({"text": "年化利率3.6%起"}), bank)
    c = checker.check(creative({"text": "年化利率3.3%起"}), bank)
    d = checker.check(creative({"text": "年化利率3.6%起"}, cid="c2"), bank)
    assert a.id == b.id
    assert len({a.id, c.id, d.id}) == 3
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", a.id)


def test_brand_mismatch(checker: Checker) -> None:
    cosmetics = load_brand_pack(ROOT / "examples" / "cosmetics_xhs.yaml")
    with pytest.raises(InputError, match="belongs to brand chuntian-bank") as info:
        checker.check(creative({"text": "好"}), cosmetics)
    assert info.value.code == "brand_mismatch"


def test_rules_for(checker: Checker) -> None:
    ids = {r.id for r in checker.rules_for("home_card", "cosmetics")}
    assert "rate-needs-annual" not in ids and "sms-signature" not in ids
    assert "sms-opt-out" in {r.id for r in checker.rules_for("sms", "cosmetics")}
    assert len(checker.rules) == N_RULES
    assert "sms-finance-route" in {r.id for r in checker.rules_for("sms", "cosmetics")}
    assert "xhs-ad-label" not in {r.id for r in checker.rules_for("home_card", "cosmetics")}


RULE: dict[str, object] = {
    "id": "no-digits",
    "basis": "house style",
    "severity": "warn",
    "kind": "terms",
    "terms": ["包邮"],
    "message_zh": "不写包邮",
    "message_en": "no free-shipping claims",
}


def write_pack(tmp_path: Path, rules: list[dict[str, object]], name: str = "house") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(
        yaml.safe_dump({"id": name, "version": "2", "rules": rules}, allow_unicode=True),
        encoding="utf-8",
    )
    return path


def test_user_pack_adds_rules(tmp_path: Path, bank: BrandPack) -> None:
    checker = Checker.from_packs([write_pack(tmp_path, [RULE])])
    assert checker.packs == (*BUILTIN, "house@2")
    findings = checker.check_text("全场包 邮", "home_card", bank)
    assert [(f.rule_id, f.severity, f.matched) for f in findings] == [
        ("no-digits", Severity.WARN, "包 邮")
    ]
    alone = Checker.from_packs([write_pack(tmp_path, [RULE])], include_base=False)
    assert alone.packs == ("house@2",)


def _no_digits(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for i, field in enumerate(ctx.fields):
        for m in re.finditer(r"\d+", field.norm.original):
            out.append(ctx.finding(compiled, i, m.start(), m.end()))
    return out


def test_custom_check_kind(tmp_path: Path, bank: BrandPack) -> None:
    path = write_pack(tmp_path, [{**RULE, "kind": "no_digits", "terms": []}])
    checker = Checker.from_packs([path], checks={"no_digits": CheckKind(_no_digits)})
    findings = [
        f for f in checker.check_text("立减30元", "home_card", bank) if f.rule_id == "no-digits"
    ]
    assert [(f.start, f.end, f.matched) for f in findings] == [(2, 4, "30")]


BAD_RULES: list[tuple[dict[str, object], str, str, str]] = [
    ({"severity": "fatal"}, "no-digits", "severity", "Input should be"),
    ({"kind": "magic"}, "no-digits", "kind", "unknown kind 'magic'"),
    ({"kind": "pattern", "terms": [], "pattern": "(包邮"}, "no-digits", "pattern", "bad regular"),
    ({"terms": []}, "no-digits", "terms", "kind 'terms' needs 'terms'"),
    ({"terms": [" ", "@"]}, "no-digits", "terms", "all terms are empty"),
    ({"kind": "max_length"}, "no-digits", "max_chars", "needs 'max_chars'"),
    ({"exempt": ["[a"]}, "no-digits", "exempt[0]", "bad regular expression"),
    # an empty alternative matches everywhere: an anchor that always holds, a pattern that
    # finds empty spans
    (
        {"kind": "pattern", "terms": [], "pattern": "包邮|", "anchor": "贷"},
        "no-digits",
        "pattern",
        "matches empty text",
    ),
    (
        {"kind": "pattern", "terms": [], "pattern": "包邮", "anchor": "贷|额度||dai"},
        "no-digits",
        "anchor",
        "matches empty text",
    ),
    ({"exempt": ["包邮|"]}, "no-digits", "exempt[0]", "matches empty text"),
    ({"channels": ["wechat"]}, "no-digits", "channels", "Input should be"),
    ({"message_zh": None}, "no-digits", "message_zh", "valid string"),
    ({"colour": "red"}, "no-digits", "colour", "Extra inputs"),
    ({"id": "Bad Id"}, "Bad Id", "id", "should match pattern"),
]


@pytest.mark.parametrize(("change", "rule_id", "field", "message"), BAD_RULES)
def test_bad_rule_pack(
    tmp_path: Path, change: dict[str, object], rule_id: str, field: str, message: str
) -> None:
    path = write_pack(tmp_path, [{**RULE, **change}])
    with pytest.raises(InputError, match=re.escape(message)) as info:
        Checker.from_packs([path])
    err = info.value
    assert err.code == "invalid_rule_pack"
    assert (err.details["rule_id"], err.details["field"]) == (rule_id, field)
    assert f"rule '{rule_id}', field '{field}'" in str(err)
    assert f"规则 {rule_id} 的字段 {field} 有误" in err.message_zh


def test_duplicate_rule_id_across_packs(tmp_path: Path) -> None:
    path = write_pack(tmp_path, [{**RULE, "id": "absolute-terms"}])
    with pytest.raises(InputError, match="already used in pack base@2") as info:
        Checker.from_packs([path])
    assert info.value.details["field"] == "id"


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        (None, "rule_pack_not_found", "does not exist"),
        ("rules: [", "invalid_rule_pack", "not valid YAML"),
        ("id: x\nversion: '1'\nrules: []\n", "invalid_rule_pack", "at least 1 item"),
    ],
)
def test_bad_pack_file(tmp_path: Path, text: str | None, code: str, message: str) -> None:
    path = tmp_path / "pack.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)) as info:
        load_rule_pack(path)
    assert info.value.code == code


def test_base_pack_is_package_data() -> None:
    pack = load_rule_pack(base_pack_path())
    assert pack.label == "base@2"
    assert len(pack.digest) == 64


def test_docs_cover_every_rule() -> None:
    doc = (ROOT / "docs" / "compliance.md").read_text(encoding="utf-8")
    rules = [r for path in builtin_pack_paths() for r in load_rule_pack(path).rules]
    assert len(rules) == N_RULES
    assert [r.id for r in rules if f"`{r.id}`" not in doc] == []
    assert [r.id for r in rules if re.split("[；（]", r.basis)[0] not in doc] == []


def test_rule_packs_read_the_same_with_either_yaml_loader() -> None:
    """The packs are read with libyaml's loader where PyYAML has it: it must give what the
    pure-Python safe loader gives, for every built-in pack."""
    from huashu.yamlsafe import SAFE_LOADER

    for path in builtin_pack_paths():
        text = Path(path).read_text(encoding="utf-8")
        assert yaml.load(text, Loader=SAFE_LOADER) == yaml.load(text, Loader=yaml.SafeLoader)
