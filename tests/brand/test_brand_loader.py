"""Brand-pack loading: the example packs load, and every broken pack is reported with its line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from huashu.brand import PackProblem, load_brand_pack, validate_brand_pack
from huashu.domain import (
    SLOTS,
    BrandPack,
    Dimension,
    DimensionValue,
    Fact,
    InputError,
    Offer,
    Phrase,
)
from huashu.domain.brand import Brand, Campaign, Objection, Product

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = [ROOT / "examples" / "rural_bank.yaml", ROOT / "examples" / "cosmetics_xhs.yaml"]

# Line numbers below refer to this text (line 1 = "brand:").
PACK = """\
brand:
  id: acme
  name: 阿克米
  industry: finance
  sms_signature: 阿克米
facts:
  - {key: rate, label: 年化利率, value: 3.6%起}
channels: [sms, home_card]
dimensions:
  - name: job
    field: occupation
    values:
      - {label: 养殖户, value: livestock}
phrases:
  hook:
    - {id: hook-a, text: 春耕正当时}
  offer:
    - {id: offer-a, text: "年化利率{rate}"}
    - {id: offer-b, text: "{rate}"}
"""

DIMENSIONS = """\
dimensions:
  - name: job
    field: occupation
    values:
      - {label: 养殖户, value: livestock}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_packs_load(path: Path) -> None:
    pack = load_brand_pack(path)
    assert validate_brand_pack(path) == []
    assert pack == BrandPack.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_minimal_pack_loads(tmp_path: Path) -> None:
    pack = load_brand_pack(write(tmp_path, PACK))
    assert pack.brand.name == "阿克米"
    assert pack.render(pack.phrase("offer-a")) == "年化利率3.6%起"


BROKEN = [
    # (old, new, line, field, zh fragment, en fragment)
    ("  name: 阿克米\n", "", 1, "brand.name", "缺少必填字段", "required field is missing"),
    (
        "[sms, home_card]",
        "[sms, wechat]",
        8,
        "channels[1]",
        "取值 wechat 不允许，可选：sms、home_card",
        "'wechat' is not allowed",
    ),
    (
        "  offer:\n",
        "  offers:\n",
        17,
        "phrases.offers",
        "未知的话术槽位 offers",
        "unknown phrase slot",
    ),
    (
        '"{rate}"}',
        '"{price}"}',
        19,
        "phrases.offer[1].text",
        "引用了不存在的事实 price",
        "refers to unknown fact price",
    ),
    (
        "id: offer-b",
        "id: offer-a",
        19,
        "phrases.offer[1].id",
        "话术 id offer-a 重复",
        "phrase id 'offer-a' is used twice",
    ),
    (
        "[sms, home_card]\n",
        "[sms, home_card\n",
        9,
        "",
        "YAML 语法错误",
        "YAML syntax error",
    ),
    (
        "  sms_signature: 阿克米\n",
        "  sms_signature: 阿克米\n  name: 另一家\n",
        6,
        "brand.name",
        "键 name 重复（第 3 行已出现）",
        "duplicate key 'name' (first at line 3)",
    ),
    (DIMENSIONS, "dimensions: []\n", 9, "dimensions", "至少需要 1 项", "needs at least 1 item"),
    (
        "sms_signature: 阿克米",
        "sms_signature: 阿克米农村商业银行股份有限公司",
        5,
        "brand.sms_signature",
        "太长：最多 12 个字符，当前 15 个",
        "at most 12 characters, got 15",
    ),
    (
        "sms_signature: 阿克米",
        "sms_signature: 12345",
        5,
        "brand.sms_signature",
        "应为文本，当前是 12345（请加引号）",
        "must be text",
    ),
    ("industry: finance", "industry: [finance]", 4, "brand.industry", "取值", "is not allowed"),
    ("  industry: finance\n", "  voice: 亲切\n", 4, "brand.voice", "应为列表", "must be a list"),
    (
        "  industry: finance\n",
        "  industy: finance\n",
        4,
        "brand.industy",
        "不认识的字段",
        "unknown",
    ),
    ("id: acme", "id: Acme Bank", 2, "brand.id", "不是合法的 id", "is not a valid id"),
    (
        "value: livestock",
        "value: [1, 2]",
        13,
        "dimensions[0].values[0].value",
        "应为文本；或整数",
        "must be text; or a whole number",
    ),
    (
        "value: 3.6%起}\n",
        "value: 3.6%起}\n  - {key: rate, label: 利率, value: 3%}\n",
        8,
        "facts[1].key",
        "事实 key rate 重复",
        "fact key 'rate' is used twice",
    ),
]


@pytest.mark.parametrize(("old", "new", "line", "field", "zh", "en"), BROKEN)
def test_broken_pack_problem(
    tmp_path: Path, old: str, new: str, line: int, field: str, zh: str, en: str
) -> None:
    assert old in PACK
    path = write(tmp_path, PACK.replace(old, new, 1))
    problems = validate_brand_pack(path)
    assert [(p.line, p.field) for p in problems] == [(line, field)]
    assert zh in problems[0].message_zh
    assert en in problems[0].message_en
    assert problems[0].file == str(path)


@pytest.mark.parametrize(
    ("text", "line", "zh"),
    [("", 1, "文件为空"), ("# only a comment\n", 1, "文件为空"), ("- a\n- b\n", 1, "应为键值映射")],
)
def test_degenerate_files(tmp_path: Path, text: str, line: int, zh: str) -> None:
    problems = validate_brand_pack(write(tmp_path, text))
    assert [(p.line, p.field) for p in problems] == [(line, "")]
    assert zh in problems[0].message_zh


def test_load_raises_with_every_problem(tmp_path: Path) -> None:
    text = PACK.replace("[sms, home_card]", "[sms, wechat]").replace('"{rate}"}', '"{foo}"}')
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_brand_pack(path)
    err = info.value
    assert err.code == "invalid_brand_pack"
    assert str(err).splitlines() == [
        f"brand pack {path} has 2 problems:",
        f"  {path}:8: channels[1]: 'wechat' is not allowed; choose one of: "
        "sms, home_card, smart_call, dsp, xiaohongshu, video_script, live_script",
        f"  {path}:19: phrases.offer[1].text: refers to unknown fact foo; known facts: rate",
    ]
    assert err.message_zh == (
        f"品牌包 {path} 有 2 处错误："
        "第 8 行 channels[1]：取值 wechat 不允许，"
        "可选：sms、home_card、smart_call、dsp、xiaohongshu、video_script、live_script；"
        "第 19 行 phrases.offer[1].text：引用了不存在的事实 foo"
    )
    problems = err.details["problems"]
    assert isinstance(problems, list)
    assert problems[1] == {
        "file": str(path),
        "line": 19,
        "column": 21,
        "field": "phrases.offer[1].text",
        "message_en": "refers to unknown fact foo; known facts: rate",
        "message_zh": "引用了不存在的事实 foo",
    }


def test_cross_reference_problems_are_all_reported(tmp_path: Path) -> None:
    text = PACK.replace('"{rate}"}', '"{foo}{bar}"}').replace("id: offer-b", "id: hook-a")
    problems = validate_brand_pack(write(tmp_path, text))
    assert [(p.line, p.field) for p in problems] == [
        (19, "phrases.offer[1].id"),
        (19, "phrases.offer[1].text"),
    ]
    assert problems[1].message_zh == "引用了不存在的事实 foo、bar"


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (lambda d: d / "absent.yaml", "brand_pack_not_found", "does not exist"),
        (lambda d: d, "brand_pack_not_found", "is not a file"),
    ],
)
def test_missing_file(tmp_path: Path, make: object, code: str, message: str) -> None:
    assert callable(make)
    path = make(tmp_path)
    for call in (load_brand_pack, validate_brand_pack):
        with pytest.raises(InputError, match=message) as info:
            call(path)
        assert info.value.code == code
        assert "品牌包文件" in info.value.message_zh


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_bytes(PACK.encode("utf-8") + "# 注释\n".encode("gbk"))
    problems = validate_brand_pack(path)
    assert [(p.line, p.message_zh) for p in problems] == [(20, "文件不是 UTF-8 编码的文本")]


def test_problem_format() -> None:
    p = PackProblem(
        "x.yaml",
        12,
        5,
        "phrases.offer[1].text",
        "refers to unknown fact foo",
        "引用了不存在的事实 foo",
    )
    assert p.format() == "x.yaml:12: phrases.offer[1].text: refers to unknown fact foo"
    assert p.format("zh") == "第 12 行 phrases.offer[1].text：引用了不存在的事实 foo"
    whole = PackProblem("x.yaml", 1, 1, "", "the file is empty", "文件为空")
    assert (whole.format(), whole.format("zh")) == (
        "x.yaml:1: the file is empty",
        "第 1 行：文件为空",
    )


def test_docs_cover_every_field() -> None:
    doc = (ROOT / "docs" / "brand-pack.md").read_text(encoding="utf-8")
    models: list[type[BaseModel]] = [
        BrandPack,
        Brand,
        Campaign,
        Fact,
        Offer,
        Dimension,
        DimensionValue,
        Phrase,
        Product,
        Objection,
    ]
    names = {name for model in models for name in model.model_fields}
    assert [n for n in sorted(names) if f"`{n}`" not in doc] == []
    assert [s for s in SLOTS if f"`{s}`" not in doc] == []


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            "when: {occupation: livestock}, channels: [sms], tone: friendly}",
            "when: {job: x}}",
            "job",
        ),
        (
            "offers: [rate_discount], channels: [sms], angles: [rate, amount]}",
            "offers: [nope]}",
            "nope",
        ),
        ("facts: [discount_rate]", "facts: [discount_rat]", "discount_rat"),
    ],
)
def test_conditions_name_real_fields_offers_and_facts(
    tmp_path: Path, old: str, new: str, says: str
) -> None:
    """A phrase or offer condition on a field no dimension reads, an offer key or a fact key
    that does not exist, is an error naming it (not a condition that silently never holds)."""
    text = (ROOT / "examples" / "rural_bank.yaml").read_text("utf-8")
    assert old in text
    path = tmp_path / "bank.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(InputError) as info:
        load_brand_pack(path)
    assert info.value.code == "invalid_brand_pack"
    assert says in str(info.value)
