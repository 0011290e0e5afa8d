from __future__ import annotations

import dataclasses
import itertools
import math

import pytest

from huashu.audience import cross_segments
from huashu.channels import builtin_channels, get_channel, sms_parts
from huashu.channels.sms import OPT_OUT
from huashu.compliance import Checker
from huashu.domain import BrandPack, InputError, Segment
from huashu.generate import (
    ComposeGenerator,
    GenerationRequest,
    all_compositions,
    dedupe,
    diversity,
    feature_of,
    make_generator,
    yield_stats,
)
from huashu.generate.plan import content_plan
from huashu.generate.quality import DUPLICATE_THRESHOLD

LIVESTOCK = Segment(key="livestock.yes", name="养殖户·有优惠", rule={"occupation": "livestock"})


def _request(pack: BrandPack, channel: str, n: int = 8, **kw: object) -> GenerationRequest:
    kw.setdefault("segment", LIVESTOCK)
    return GenerationRequest(
        pack=pack,
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
        assert set(c.phrase_ids) == {"hook", "benefit", "offer", "cta"}
        assert c.provenance.backend == "compose"
        assert c.provenance.template_version == "compose/2"


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
        feature_of("hook-livestock"): (1.0, 0.05),
        feature_of("hook-livestock-formal"): (-1.0, 0.05),
    }
    out = ComposeGenerator(explore=0.1).generate(
        _request(bank_pack, "sms", n=40, knowledge=knowledge)
    )
    hooks = [c.phrase_ids["hook"] for c in out]
    # the one unknown hook draws N(0, 0.5): P(it beats 1.0) ~ 2.3%
    assert hooks.count("hook-livestock") / len(hooks) > 0.7
    # exploration (10% of slots) fills a slot with the least-used phrase
    assert hooks.count("hook-livestock-formal") <= 0.2 * len(hooks)


def test_uncertain_phrases_still_get_tried(bank_pack: BrandPack) -> None:
    """Thompson sampling over compositions: a well-estimated modest winner does not shut out
    a phrase whose effect is still uncertain."""
    knowledge = {
        feature_of("card-livestock"): (0.2, 0.02),
        feature_of("card-livestock-amount"): (0.0, 0.8),
    }
    out = ComposeGenerator(explore=0.0).generate(
        _request(bank_pack, "home_card", n=12, knowledge=knowledge)
    )
    hooks = [c.phrase_ids["hook"] for c in out]
    assert "card-livestock" in hooks
    assert "card-livestock-amount" in hooks


def test_exclude_and_exhaustion(bank_pack: BrandPack) -> None:
    first = ComposeGenerator().generate(_request(bank_pack, "home_card", n=5))
    again = ComposeGenerator().generate(
        _request(bank_pack, "home_card", n=5, exclude=frozenset(c.id for c in first))
    )
    assert not {c.id for c in first} & {c.id for c in again}


def test_all_compositions_is_the_full_product(bank_pack: BrandPack) -> None:
    """For a segment: every choice among the phrases written for it and the channel (养殖户
    without a known discount status: 3 hooks, 5 benefits, 3 standard offers, 4 actions)."""
    spec = get_channel("sms")
    combos = list(all_compositions(bank_pack, spec, LIVESTOCK))
    assert len(combos) == 3 * 5 * 3 * 4
    assert len({tuple(c.values()) for c in combos}) == len(combos)
    used = {pid for c in combos for pid in c.values()}
    assert {"hook-livestock", "benefit-feed", "offer-amount", "cta-app"} <= used
    assert not used & {"hook-crop", "benefit-seed", "offer-discount", "card-livestock"}
    every = list(all_compositions(bank_pack, spec))
    sizes = [
        sum(not p.channels or "sms" in p.channels for p in bank_pack.phrases[s])
        for s in spec.slots()
    ]
    assert len(every) == math.prod(sizes)


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
        ({"unknown_sd": 0.0}, ValueError, "unknown_sd must be > 0"),
        ({"max_repairs": -1}, ValueError, "max_repairs must be >= 0"),
        ({"duplicate_threshold": 0.0}, ValueError, "duplicate_threshold must be within (0, 1]"),
    ],
)
def test_bad_generator_options(
    args: dict[str, float], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        ComposeGenerator(**args)  # type: ignore[arg-type]
    assert str(info.value) == message


def test_unknown_backend_named() -> None:
    with pytest.raises(InputError, match="unknown generator backend 'gpt'") as info:
        make_generator("gpt")
    assert "未知的生成后端" in info.value.message_zh


@pytest.mark.parametrize("channel", sorted(builtin_channels()))
@pytest.mark.parametrize("pack_name", ["bank_pack", "cosmetics_pack"])
def test_compose_fills_every_channel(
    channel: str, pack_name: str, request: pytest.FixtureRequest
) -> None:
    """Every channel gets valid creatives from both example packs, including parts no phrase
    bank covers (objection branches, live interaction beats) filled from the pack's facts."""
    pack: BrandPack = request.getfixturevalue(pack_name)
    if channel not in pack.channels:
        pytest.skip(f"{pack_name} does not write for {channel}")
    spec = get_channel(channel)
    segment = cross_segments(pack)[0]
    out = ComposeGenerator().generate(_request(pack, channel, n=4, segment=segment))
    assert len(out) == 4
    for c in out:
        assert spec.problems(c.fields) == []
        assert c.channel == channel
        assert spec.export(c.fields)["channel"] == channel


def test_grounded_compose_repairs_blocked_phrases(bank_pack: BrandPack) -> None:
    """With the compliance engine attached, a draft using 正规银行贷款无风险 (blocked) has the
    phrase banned and is redrawn; nothing blocked comes out, and the yield says so."""
    checker = Checker.from_packs()
    result = ComposeGenerator(checker=checker).run(_request(bank_pack, "sms", n=10))
    assert len(result.creatives) == 10
    assert all(checker.check(c, bank_pack).verdict != "block" for c in result.creatives)
    assert all("benefit-safe" not in c.phrase_ids.values() for c in result.creatives)
    repaired = [a for a in result.attempts if a.passed and not a.first_pass]
    assert repaired and all(a.repairs >= 1 for a in repaired)
    (stats,) = yield_stats("compose", [result])
    assert stats.attempts == len(result.attempts)
    assert stats.first_pass < stats.after_repair <= stats.attempts
    unchecked = ComposeGenerator().generate(_request(bank_pack, "sms", n=30))
    assert any("benefit-safe" in c.phrase_ids.values() for c in unchecked)


def test_near_duplicates_are_dropped(bank_pack: BrandPack) -> None:
    strict = ComposeGenerator(duplicate_threshold=0.6).run(_request(bank_pack, "sms", n=20))
    loose = ComposeGenerator(duplicate_threshold=1.0).run(_request(bank_pack, "sms", n=20))
    assert strict.dropped_duplicates and not loose.dropped_duplicates
    texts = [c.text for c in strict.creatives]
    assert diversity(texts).max_similarity < 0.6
    kept, dropped = dedupe(loose.creatives, threshold=0.6)
    assert dropped and diversity([c.text for c in kept]).max_similarity < 0.6


def test_compose_variety_figures(bank_pack: BrandPack) -> None:
    d = diversity([c.text for c in ComposeGenerator().generate(_request(bank_pack, "sms", n=12))])
    assert d.count == 12
    assert d.distinct_2 > 0.08
    assert d.mean_similarity < 0.5
    assert d.max_similarity < DUPLICATE_THRESHOLD


def test_plan_angles_and_tone_lead_the_first_drafts(bank_pack: BrandPack) -> None:
    """Before the knowledge base knows anything, the brief's angles (审批快 -> fast) and tone
    (亲切 -> friendly) lead: the first drafts use phrases carrying them, the rest still vary."""
    seg = LIVESTOCK.model_copy(update={"labels": {"occupation": "养殖户"}})
    brief = "给养殖户发短信，突出审批快，语气亲切"
    plan = content_plan(bank_pack, brief, [seg], ("sms",))
    assert plan.angles == ("fast",) and plan.tone == "friendly"
    req = GenerationRequest(
        pack=bank_pack, segment=seg, channel=get_channel("sms"), n=6, seed=3, plan=plan
    )
    planned = ComposeGenerator().generate(req)

    fast = {p.id for p in bank_pack.phrases["benefit"] if "fast" in p.angles}
    friendly = {p.id for p in bank_pack.phrases["hook"] if p.tone == "friendly"}
    assert planned[0].phrase_ids["benefit"] in fast
    assert planned[0].phrase_ids["hook"] in friendly
    firsts = [
        [
            ComposeGenerator().generate(dataclasses.replace(req, seed=seed, plan=p))[0]
            for seed in range(10)
        ]
        for p in (plan, None)
    ]
    assert all(c.phrase_ids["benefit"] in fast for c in firsts[0])
    assert sum(c.phrase_ids["benefit"] in fast for c in firsts[1]) < 6
    assert len({c.phrase_ids["benefit"] for c in planned}) >= 3


def _no_facts(pack: BrandPack) -> BrandPack:
    phrases = {
        slot: tuple(p for p in bank if not p.placeholders()) for slot, bank in pack.phrases.items()
    }
    return pack.model_copy(update={"facts": (), "phrases": phrases})


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        ({"brief": ""}, "empty_brief", "empty brief: say what to promote and to whom"),
        ({"brief": "  \n"}, "empty_brief", "empty brief: say what to promote and to whom"),
        (
            {"brief": "贷" * 1_000_000},
            "brief_too_long",
            "brief has 1,000,000 characters, limit 4,000",
        ),
        ({"n": -1}, "invalid_count", "n must be >= 0, got -1"),
        (
            {"pack": "no_facts"},
            "no_facts",
            "brand pack chuntian-bank has no facts: every number, rate and term in a creative "
            "must come from the pack's facts",
        ),
    ],
)
def test_bad_generation_requests(
    bank_pack: BrandPack, change: dict[str, object], code: str, message: str
) -> None:
    if change.get("pack") == "no_facts":
        change = {"pack": _no_facts(bank_pack)}
    request = dataclasses.replace(_request(bank_pack, "sms"), **change)  # type: ignore[arg-type]
    with pytest.raises(InputError) as info:
        ComposeGenerator().generate(request)
    assert info.value.code == code
    assert str(info.value) == message
    assert info.value.message_zh != message
