"""Which industry packs a check runs: the ones asked for, else the brand pack's industry, else
the industries the copy itself speaks of (the inference is reported), else all of them.

A check that runs no industry pack cannot see a loan-cost or a medical claim at all, so a check
without a brand pack never defaults to "general" (docs/compliance.md, "Industries")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from huashu.compliance.matcher import TermMatcher
from huashu.compliance.normalize import Normalizer
from huashu.domain import BrandPack, InputError
from huashu.domain.brand import ALL_INDUSTRIES

#: Words that show copy is about an industry (matched on normalised text, any one suffices).
_CUE_WORDS = """
finance: 贷款 借款 借钱 网贷 信贷 额度 授信 放款 下款 利率 利息 年化 日息 月息 息费 分期 信用卡
  理财 基金 收益 存款 定期 本金 投资 征信 还款 银行 可借 借呗 周转 提额 贷 lending loan
insurance: 保险 保单 投保 理赔 保费 保额 承保 被保险人 重疾 医疗险 寿险 年金险 意外险 分红险
  增额 万能险 惠民保 百万医疗 等待期 险种 人寿 财险 保险公司 投保人 两全
cosmetics: 护肤 精华 面霜 面膜 乳液 爽肤水 化妆 彩妆 口红 粉底 防晒 洁面 肌肤 皮肤 美白 祛斑
  淡斑 抗皱 毛孔 痘 敏感肌 油皮 干皮 眼霜 精油 妆 卸妆 洗发 去屑 脱发 生发 染发 保湿 补水 水润
  上脸 面部 化妆品 肤
health_food: 保健食品 保健品 营养 胶囊 益生菌 钙片 蛋白粉 鱼油 维生素 膳食 蓝帽 免疫力 口服液
  冲剂 片剂 软胶囊 辅酶 叶黄素 褪黑素 血糖 血压 血脂 失眠 调理 养生 燕窝 阿胶 人参 灵芝
general: 牛奶 零食 蔬菜 水果 生鲜 外卖 奶茶 咖啡 餐 食品 糕点 游戏 积分 课程 考试 培训 考研 学习
  家电 手机 电脑 空调 加湿器 扫地机 净化器 服装 鞋 打车 出行 酒店 机票 门票 包邮 快递 超市 商城
  考证 证书 上岸 考公 备考
"""


def _cues(text: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.strip().splitlines():
        head, sep, rest = line.partition(":")
        if sep and not line.startswith(" "):
            current = out.setdefault(head.strip(), [])
            line = rest
        current += line.split()
    return {k: tuple(v) for k, v in out.items()}


#: Words that show copy is about an industry (matched on normalised text, any one suffices);
#: ``general`` cues are ordinary goods and services, whose copy runs the common rules alone.
CUES: dict[str, tuple[str, ...]] = _cues(_CUE_WORDS)

#: Words that show copy offers credit: a loan, instalments, interest. The loan-marketing rules
#: (PBoC 〔2021〕 No. 3, the internet-lending rules) bind whoever advertises the credit, so the
#: rules scoped to ``credit`` (loan price, approval promises, credit repair...) also run on a
#: shop's or a clinic's instalment offer ("0首付0审核分期"), whatever industry the brand pack or
#: ``--industry`` names. Insurance copy is left to its own pack (a policy's 利息 is a product
#: term there) unless it sells a policy loan; finance runs those rules anyway.
CREDIT_CUES: tuple[str, ...] = (
    *("贷款", "借款", "借钱", "网贷", "信贷", "授信", "放款", "下款", "分期"),
    *("利息", "息费", "征信", "还款", "月供", "免息", "贷", "日息", "月息", "日供", "周供"),
    *("0首付", "零首付"),
)
#: A policy loan named in insurance copy (see :func:`with_credit`); premiums paid by
#: instalments with a fee count too.
_POLICY_LOANS: tuple[str, ...] = ("保单贷款", "保单借款", "保单贷", "保单借钱", "保单可借")
_INSTALMENTS = re.compile(r"分(?:\d+|[一二两三四五六七八九十]+)?期")

Source = Literal["option", "brand", "inferred", "all"]


@dataclass(frozen=True)
class IndustryChoice:
    """The industries a check runs and why: ``option`` (asked for), ``brand`` (the brand
    pack's), ``inferred`` (``cues`` in the copy named them; ``general`` for ordinary goods) or
    ``all`` (nothing did: every industry pack and the general rules)."""

    industries: tuple[str, ...]
    source: Source
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: the credit words that added ``credit`` to the asked or the brand pack's industry
    credit: tuple[str, ...] = ()

    def describe(self, lang: str = "zh") -> str:
        names = ", ".join(i for i in self.industries if i != "credit")
        if self.source == "inferred":
            why = "; ".join(f"{k}: {'、'.join(v)}" for k, v in self.cues.items())
            return (
                f"行业：{names}（由文案推断：{why}）"
                if lang == "zh"
                else (f"industry: {names} (inferred from the copy: {why})")
            )
        label = {
            "option": ("按参数指定", "as asked"),
            "brand": ("来自品牌包", "from the brand pack"),
            "all": ("未能从文案推断，运行全部行业规则", "none inferred: every industry pack runs"),
        }[self.source]
        if self.credit:
            words = "、".join(self.credit)
            label = (
                f"{label[0]}；文案涉及信贷（{words}），同时运行信贷广告规则",
                f"{label[1]}; the copy offers credit ({words}), so the credit rules run too",
            )
        return f"行业：{names}（{label[0]}）" if lang == "zh" else f"industry: {names} ({label[1]})"

    def as_json(self) -> dict[str, object]:
        return {
            "industries": list(self.industries),
            "source": self.source,
            "cues": {k: list(v) for k, v in self.cues.items()},
        }


@lru_cache(maxsize=4)
def _matchers(normalizer: Normalizer) -> dict[str, TermMatcher]:
    return {industry: _matcher(words, normalizer) for industry, words in CUES.items()}


@lru_cache(maxsize=4)
def _credit_matcher(normalizer: Normalizer) -> TermMatcher:
    return _matcher(CREDIT_CUES, normalizer)


def _matcher(words: Iterable[str], normalizer: Normalizer) -> TermMatcher:
    return TermMatcher(normalizer.normalize(w).bare.text for w in words)


def infer_industries(texts: Iterable[str], normalizer: Normalizer) -> dict[str, tuple[str, ...]]:
    """Industry -> the cue words found in ``texts`` (industries without a cue are left out)."""
    found: dict[str, list[str]] = {}
    for text in texts:
        bare = normalizer.normalize(text).bare.text
        for industry, matcher in _matchers(normalizer).items():
            for s, e in matcher.spans(bare):
                words = found.setdefault(industry, [])
                if bare[s:e] not in words and len(words) < 5:
                    words.append(bare[s:e])
    return {k: tuple(v) for k, v in found.items()}


def credit_cues(bare_texts: Iterable[str], normalizer: Normalizer) -> tuple[str, ...]:
    """The :data:`CREDIT_CUES` found in ``bare_texts`` (normalised, ``bare`` form), at most 3."""
    matcher = _credit_matcher(normalizer)
    words: list[str] = []
    for bare in bare_texts:
        for s, e in matcher.spans(bare):
            if bare[s:e] not in words:
                words.append(bare[s:e])
            if len(words) == 3:
                return tuple(words)
    return tuple(words)


def with_credit(
    industries: Sequence[str], bare_texts: Iterable[str], normalizer: Normalizer
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``industries`` plus ``credit`` where the copy offers credit and none of them judges
    credit copy already (see :data:`CREDIT_CUES`), and the credit words found. Finance judges
    it; insurance only adds ``credit`` for a policy loan or premiums by instalments with a fee
    (:data:`_POLICY_LOANS`)."""
    texts = list(bare_texts)
    if "finance" in industries:
        return tuple(industries), ()
    if "insurance" in industries:
        # a policy loan is a loan: its price needs the annual rate like any other (保单贷款日息
        # 低至0.015%); the pack's other 利息 (a policy's 结算利率) stays the insurance pack's
        loans = tuple(w for w in _POLICY_LOANS if any(w in t for t in texts))
        # premiums paid by instalments with a fee are credit too (分12期，每期手续费仅0.5%)
        if any("手续费" in t and _INSTALMENTS.search(t) for t in texts):
            loans = (*loans, "分期")
        return ((*industries, "credit"), loans) if loans else (tuple(industries), ())
    words = credit_cues(texts, normalizer)
    if not words and any(_INSTALMENTS.search(t) for t in texts):
        # payment by instalments (分12期每月才一千出头) is credit whatever is sold
        words = ("分期",)
    return ((*industries, "credit"), words) if words else (tuple(industries), ())


def parse_industries(value: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """``"finance,insurance"`` (or a list) as known industries; ``None``, ``""`` or ``auto``
    mean "not given"; an unknown name is an ``unknown_industry`` input error."""
    if value is None:
        return None
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip() for n in names if n.strip()]
    if not names or names == ["auto"]:
        return None
    known = ALL_INDUSTRIES
    for name in names:
        if name not in known:
            raise InputError(
                f"unknown industry '{name}'; known: auto, {', '.join(known)}",
                message_zh=f"未知行业“{name}”，可用：auto、{'、'.join(known)}",
                code="unknown_industry",
                details={"industry": name},
            )
    return tuple(dict.fromkeys(names))


def choose_industries(
    asked: Sequence[str] | None,
    brand: BrandPack | None,
    texts: Iterable[str],
    normalizer: Normalizer,
) -> IndustryChoice:
    """The industries to check ``texts`` under (see the module docstring)."""
    named = tuple(asked or ()) or ((brand.brand.industry,) if brand is not None else ())
    if named:
        bare = (normalizer.normalize(t).bare.text for t in texts)
        industries, credit = with_credit(named, bare, normalizer)
        return IndustryChoice(industries, "option" if asked else "brand", credit=credit)
    cues = infer_industries(texts, normalizer)
    if cues:
        ordered = {k: cues[k] for k in ALL_INDUSTRIES if k in cues}
        return IndustryChoice(tuple(ordered), "inferred", ordered)
    return IndustryChoice(ALL_INDUSTRIES, "all")
