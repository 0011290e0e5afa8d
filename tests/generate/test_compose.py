from __future__ import annotations

import itertools
import math

import pytest

from huashu.channels import get_channel, sms_parts
from huashu.channels.sms import OPT_OUT
from huashu.domain import BrandPack, InputError, Segment
from huashu.generate import (
    ComposeGenerator,
    GenerationRequest,
    all_compositions,
    feature_of,
    make_generator,
)

LIVESTOCK = Segment(key="livestock.yes", name="养殖户·有优惠", rule={"occupation": "livestock"})


def _request(pack: BrandPack, channel: str, n: int = 8, **kw: object) -> GenerationRequest:
    return GenerationRequest(
        pack=pack,
        segment=LIVESTOCK,
        channel=get_channel(channel),
        n=n,
        seed=3,
        **kw,  # type: ignore[arg-type]
    )


def test_same_seed_same_creatives(bank_pack: BrandPack) -> None:
    a = ComposeGenerator().generate(_request(bank_pack, "sms"))
    b = ComposeGenerator().generate(_request(bank_pack, "sms"))
    assert [c.fields for c in a] == [c.fields for c in b]
    assert len({c.id for c in a}) == len(a) == 8


def test_sms_is_framed_and_fits(bank_pack: BrandPack) -> None:
    for c in ComposeGenerator().generate(_request(bank_pack, "sms", n=20)):
        text = c.fields["text"]
        assert text.startswith("【春田农商银行】")
        assert text.endswith(OPT_OUT)
        assert "年化利率" in text
        assert sms_parts(text) <= 2
        assert set(c.phrase_ids) == {"hook", "benefit", "proof", "offer", "cta"}
        assert c.provenance.backend == "compose"
        assert c.provenance.template_version == "compose/1"


def test_home_card_fields_respect_limits(bank_pack: BrandPack) -> None:
    spec = get_channel("home_card")
    for c in ComposeGenerator().generate(_request(bank_pack, "home_card", n=30)):
        assert spec.problems(c.fields) == []
        assert list(c.fields) == ["title", "subtitle", "cta"]


def test_xiaohongshu_note_has_ad_label_and_no_double_punctuation(
    cosmetics_pack: BrandPack,
) -> None:
    for c in ComposeGenerator().generate(_request(cosmetics_pack, "xiaohongshu", n=10)):
        assert c.fields["label"] == "广告"
        assert len(c.fields["title"]) <= 20
        assert "？，" not in c.fields["body"]
        assert "#青禾" in c.fields["body"]


def test_knowledge_steers_phrase_choice(bank_pack: BrandPack) -> None:
    """A phrase known to lift clicks strongly wins its slot unless the slot is explored
    (10% of slots); one known to hurt is only reached by exploration."""
    knowledge = {
        feature_of("hook-subsidy"): (1.0, 0.05),
        feature_of("hook-salary"): (-1.0, 0.05),
    }
    out = ComposeGenerator(explore=0.1).generate(
        _request(bank_pack, "sms", n=40, knowledge=knowledge)
    )
    hooks = [c.phrase_ids["hook"] for c in out]
    # unknown hooks draw N(0, 0.5): P(one beats 1.0) ~ 2.3%, five of them ~ 11%
    assert hooks.count("hook-subsidy") / len(hooks) > 0.7
    assert hooks.count("hook-salary") <= 3


def test_uncertain_phrases_still_get_tried(bank_pack: BrandPack) -> None:
    """Thompson sampling over compositions: a well-estimated modest winner does not shut out
    a phrase whose effect is still uncertain."""
    knowledge = {feature_of("hook-subsidy"): (0.2, 0.02), feature_of("hook-crop"): (0.0, 0.8)}
    out = ComposeGenerator(explore=0.0).generate(
        _request(bank_pack, "home_card", n=40, knowledge=knowledge)
    )
    hooks = [c.phrase_ids["hook"] for c in out]
    assert "hook-subsidy" in hooks
    assert "hook-crop" in hooks


def test_exclude_and_exhaustion(bank_pack: BrandPack) -> None:
    first = ComposeGenerator().generate(_request(bank_pack, "home_card", n=5))
    again = ComposeGenerator().generate(
        _request(bank_pack, "home_card", n=5, exclude=frozenset(c.id for c in first))
    )
    assert not {c.id for c in first} & {c.id for c in again}


def test_all_compositions_is_the_full_product(bank_pack: BrandPack) -> None:
    spec = get_channel("sms")
    sizes = [len(bank_pack.phrases[s]) for s in spec.slots()]
    combos = list(all_compositions(bank_pack, spec))
    assert len(combos) == math.prod(sizes) == 6 * 8 * 2 * 4 * 3
    assert len({tuple(c.values()) for c in combos}) == len(combos)


def test_variety_distinct_bigrams(bank_pack: BrandPack) -> None:
    out = ComposeGenerator().generate(_request(bank_pack, "sms", n=20))
    grams = [{t[i : i + 2] for i in range(len(t) - 1)} for t in (c.fields["text"] for c in out)]
    sims = [len(a & b) / len(a | b) for a, b in itertools.combinations(grams, 2)]
    assert max(sims) < 0.95
    assert sum(sims) / len(sims) < 0.7


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ({"explore": -0.1}, ValueError, "explore must be within [0, 1]"),
        ({"explore": 1.5}, ValueError, "explore must be within [0, 1]"),
    ],
)
def test_bad_generator_options(
    args: dict[str, float], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message.replace("[", r"\[").replace("]", r"\]")):
        ComposeGenerator(**args)


def test_unknown_backend_named() -> None:
    with pytest.raises(InputError, match="unknown generator backend 'gpt'") as info:
        make_generator("gpt")
    assert "未知的生成后端" in info.value.message_zh
