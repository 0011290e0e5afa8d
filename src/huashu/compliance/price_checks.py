"""Price checks: a discount stated in 折 that the prices beside it do not bear out
(限时5折！原价¥298，今日仅需¥198 is 6.6折). Only a discount claimed deeper than the prices give
is a finding: a price lower than the claim promises misleads nobody."""

from __future__ import annotations

import itertools
import re

from huashu.compliance.checks import CheckContext
from huashu.compliance.numerals import DIGITS
from huashu.compliance.rules import CompiledRule
from huashu.domain import Finding

#: A discount of one product: 5折, 6.5折, 七五折; not 低至5折, 5折起, 第二件5折 (another item).
_DISCOUNT = re.compile(
    r"(?:(?<![\d.至低第件份])(?P<rate>[1-9](?:\.\d)?)"
    r"|(?<![一二三四五六七八九十至低第件份])(?P<cn>[一二三四五六七八九]{1,2}))折(?![起券])"
)
_ORIGINAL = re.compile(
    r"(?:原价|划线价|吊牌价|专柜价|日常价|门市价|市场价)[^\d¥￥。！？]{0,3}[¥￥]?(?P<p>\d+(?:\.\d+)?)"
)
_NOW = re.compile(
    r"(?:现价|仅需|只需|只要|仅售|到手价?|今日价|活动价|折后价?|秒杀价|特价|今日仅需|限时价)"
    r"[^\d¥￥。！？]{0,3}[¥￥]?(?P<p>\d+(?:\.\d+)?)"
)
#: Other offers that change what a price means: a second item, coupons stacked, thresholds.
_OTHER_OFFERS = re.compile(r"第[二2]件|第[二2]份|叠加|券后|满\d+|再减|再打|会员价|起$")
#: Tenths of a 折 a claim may round away (6.6折 sold as 6.5折 is rounding, not fraud).
TOLERANCE = 0.5


def _rate(text: str) -> float:
    if text[0].isdigit():
        return float(text)
    first = DIGITS[text[0]]
    return first + (DIGITS[text[1]] / 10 if len(text) > 1 else 0.0)


def discount_math(compiled: CompiledRule, ctx: CheckContext) -> list[Finding]:
    """A field that claims one discount and shows an original and a current price whose ratio
    is more than :data:`TOLERANCE` 折 above the claim."""
    out: list[Finding] = []
    for i, f in enumerate(ctx.fields):
        text = f.norm.text
        if "折" not in text:
            continue
        # cheapest first: one original price, one current price, one discount, no other offer
        originals = [float(m["p"]) for m in itertools.islice(_ORIGINAL.finditer(text), 2)]
        if len(originals) != 1:
            continue
        nows = [float(m["p"]) for m in itertools.islice(_NOW.finditer(text), 2)]
        if len(nows) != 1 or _OTHER_OFFERS.search(text):
            continue
        claims = list(itertools.islice(_DISCOUNT.finditer(text), 2))
        if len(claims) != 1:
            continue
        original, now = originals[0], nows[0]
        if not 0 < now < original:
            continue
        actual = now / original * 10
        if actual - _rate(claims[0]["rate"] or claims[0]["cn"]) > TOLERANCE:
            m = claims[0]
            out.append(
                ctx.finding(
                    compiled,
                    i,
                    m.start(),
                    m.end(),
                    view=f.norm,
                    extra_zh=f"（按标价实为约{actual:.1f}折）",
                    extra_en=f" (the prices give about {actual:.1f}/10)",
                )
            )
    return out
