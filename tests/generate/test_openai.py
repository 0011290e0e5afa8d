"""The ``openai`` backend over real HTTP against a scripted chat-completions server on
loopback: structured output, the prompt's content plan per segment and channel, grounding, the
copy gate and repair, retries, timeouts, concurrency, tokens."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from huashu.audience.segments import cross_segments
from huashu.channels import builtin_channels, get_channel
from huashu.compliance import Checker
from huashu.config import Settings
from huashu.domain import BrandPack, InputError, Segment
from huashu.generate import (
    GenerationRequest,
    LLMConfig,
    LLMError,
    OpenAIGenerator,
    make_generator,
    yield_stats,
)
from huashu.generate.plan import ContentPlan, content_plan
from huashu.generate.prompt_context import system_context
from huashu.generate.prompts import TEMPLATES_DIR, load_prompts
from tests.generate.chat_server import Reply, by_turn, chat_server

SEG = Segment(
    key="livestock.yes",
    name="养殖户·有优惠",
    rule={"occupation": "livestock", "rate_discount_eligible": True},
    labels={"occupation": "养殖户", "discount": "有优惠"},
)
#: a segment that does not qualify for the pack's rate discount
SEG_NO = Segment(
    key="livestock.no",
    name="养殖户·无优惠",
    rule={"occupation": "livestock", "rate_discount_eligible": False},
    labels={"occupation": "养殖户", "discount": "无优惠"},
)
KEY = "sk-test-0123456789"
GOOD = {
    "title": "养殖户补栏正当时",
    "subtitle": "春耕贷随借随还，年化利率3.6%起",
    "cta": "立即申请",
}
TITLES = [
    "养殖户补栏正当时",
    "补栏资金有着落",
    "养殖户开春用钱不愁",
    "囤饲料不差钱",
    "扩栏舍资金支持",
    "出栏前周转不愁",
    "养殖户的春耕贷",
    "开春补栏用春耕贷",
    "饲料钱早点备好",
    "栏舍翻新有资金",
    "本地银行贴心贷",
    "乡亲们的好帮手",
]
#: SMS bodies (before the channel adds 【signature】 and the opt-out) for a 养殖户 segment
SMS_CLEAN = (
    "养殖户朋友，开春补栏、囤饲料正要用钱？春耕贷最高额度30万元，年化利率3.6%起。"
    "带身份证到就近网点就能咨询，额度以审批结果为准。"
)
SMS_CROP = (
    "种植户朋友，春耕买种苗、化肥正要用钱？春耕贷最高额度30万元，年化利率3.6%起。"
    "带身份证到就近网点就能咨询，额度以审批结果为准。"
)
SMS_DISCOUNT = (
    "养殖户朋友，开春补栏、囤饲料正要用钱？春耕贷最高额度30万元，您可享春耕利率优惠，"
    "优惠后年化利率3.3%起。带身份证到就近网点就能咨询，额度以审批结果为准。"
)


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs()


def _config(url: str, **kw: Any) -> LLMConfig:
    base: dict[str, Any] = {
        "base_url": url,
        "model": "qwen-test",
        "api_key": SecretStr(KEY),
        "timeout_s": 2.0,
        "concurrency": 4,
        "max_retries": 3,
        "backoff_s": 0.01,
        "max_backoff_s": 0.05,
    }
    return LLMConfig(**{**base, **kw})


def _request(
    pack: BrandPack,
    n: int = 3,
    channel: str = "home_card",
    segment: Segment = SEG_NO,
    brief: str = "给养殖户推春耕贷款",
    **kw: Any,
) -> GenerationRequest:
    return GenerationRequest(
        pack=pack,
        segment=segment,
        channel=get_channel(channel),
        n=n,
        seed=11,
        campaign_id="cmp-1",
        brief=brief,
        **kw,
    )


def _sms(text: str) -> str:
    return json.dumps({"text": text}, ensure_ascii=False)


def _card(body: dict[str, Any], **override: str) -> str:
    """A distinct good card per variant (the seed differs per variant)."""
    title = TITLES[(body.get("seed", 0) - 11) % len(TITLES)]
    return json.dumps({**GOOD, "title": title, **override}, ensure_ascii=False)


def test_structured_output_becomes_grounded_creatives(
    bank_pack: BrandPack, checker: Checker
) -> None:
    with chat_server(lambda body, i: Reply(_card(body))) as (url, rec):
        gen = OpenAIGenerator(_config(url), checker)
        result = gen.run(_request(bank_pack, n=3))
    assert [c.fields["title"] for c in result.creatives] == TITLES[:3]
    for c in result.creatives:
        assert c.fields["subtitle"] == "春耕贷随借随还，年化利率3.6%起"
        assert checker.check(c, bank_pack).verdict == "pass"
        assert c.provenance.backend == "openai"
        assert c.provenance.model == "qwen-test"
        assert c.provenance.template_version == "openai/chat-v3"
    assert sorted(c.provenance.seed for c in result.creatives) == [11, 12, 13]
    assert all(a.first_pass and a.passed for a in result.attempts)
    assert result.usage.prompt_tokens == 300 and result.usage.completion_tokens == 150
    body = rec.bodies[0]
    assert body["model"] == "qwen-test"
    assert body["response_format"]["type"] == "json_schema"
    assert (
        body["response_format"]["json_schema"]["schema"] == get_channel("home_card").json_schema()
    )
    system, user = body["messages"][0]["content"], body["messages"][1]["content"]
    assert "年化利率：3.6%起" in system and "最高额度：30万元" in system
    assert "稳赚" in system
    assert "养殖户·无优惠" in user and "给养殖户推春耕贷款" in user
    assert all(h["authorization"] == f"Bearer {KEY}" for h in rec.headers)


def test_knowledge_base_phrases_reach_the_prompt(bank_pack: BrandPack, checker: Checker) -> None:
    """The segment's own phrases carry their evidence; another segment's phrase and one the
    checks stop are left out however strong their effect."""
    knowledge = {
        "phrase:card-livestock": (0.8, 0.1),
        "phrase:hook-livestock": (-0.6, 0.1),
        "phrase:card-crop": (0.9, 0.1),
        "phrase:benefit-best": (0.7, 0.1),
    }
    with chat_server(lambda body, i: Reply(_card(body))) as (url, rec):
        OpenAIGenerator(_config(url), checker).run(_request(bank_pack, n=1, knowledge=knowledge))
    user = rec.bodies[0]["messages"][1]["content"]
    preferred, avoid = user.split("避免使用")
    assert "养殖户补栏，春耕贷来帮忙 +123% [+89%, +162%]" in preferred
    assert "养殖户朋友，开春补栏、囤饲料正要用钱吧？ -45% [-53%, -35%]" in avoid
    assert bank_pack.render(bank_pack.phrase("card-crop")) not in user
    assert bank_pack.render(bank_pack.phrase("benefit-best")) not in user


def test_words_with_evidence_reach_the_prompt(bank_pack: BrandPack, checker: Checker) -> None:
    """Words and structure outrank phrases in the use / avoid list; an interval that crosses
    zero is left out; words the data cannot separate read as one (惠农/补贴)."""
    knowledge = {
        "word:惠农+补贴": (0.166, 0.046),
        "word:网点": (-0.3, 0.1),
        "word:额度": (0.1, 0.2),
        "struct:urgency": (0.2, 0.05),
        "struct:question+word:额度": (-0.3, 0.1),
        "word:种植户": (0.5, 0.05),
        "phrase:card-livestock": (0.8, 0.1),
    }
    with chat_server(lambda body, i: Reply(_card(body))) as (url, rec):
        OpenAIGenerator(_config(url), checker).run(_request(bank_pack, n=1, knowledge=knowledge))
    user = rec.bodies[0]["messages"][1]["content"]
    use, avoid = user.split("避免使用")
    assert "- 紧迫词（限时、仅剩、今天等） +22% [+12%, +33%]" in use
    assert "- 惠农/补贴 +18% [+9%, +27%]" in use
    assert use.index("紧迫词") < use.index("惠农/补贴")
    assert "- 网点 -26% [-37%, -13%]" in avoid
    assert "- 用问句/额度 -26% [-37%, -13%]" in avoid
    assert "额度" not in use and "养殖户补栏，春耕贷来帮忙 +" not in user
    # another segment's word is never suggested to this one
    assert "种植户 +" not in user


def test_fact_check_rejects_a_rate_not_in_the_facts_and_repairs(
    bank_pack: BrandPack, checker: Checker
) -> None:
    """年化2.5% when the fact is 3.6%起: the compliance engine's fact rule blocks it, the
    finding is fed back, and the repaired answer (3.6%起) passes."""

    def script(body: dict[str, Any], i: int) -> Reply:
        if len(body["messages"]) == 2:
            return Reply(_card(body, subtitle="春耕贷随借随还，年化利率2.5%"))
        return Reply(_card(body))

    with chat_server(script) as (url, rec):
        result = OpenAIGenerator(_config(url), checker).run(_request(bank_pack, n=2))
    assert len(result.creatives) == 2
    assert all(c.fields["subtitle"] == "春耕贷随借随还，年化利率3.6%起" for c in result.creatives)
    assert all(a.passed and not a.first_pass and a.repairs == 1 for a in result.attempts)
    repair = next(b for b in rec.bodies if len(b["messages"]) == 4)["messages"]
    assert repair[2]["role"] == "assistant" and "年化利率2.5%" in repair[2]["content"]
    assert "[fact.rate]" in repair[3]["content"] and "2.5%" in repair[3]["content"]
    (stats,) = yield_stats("openai", [result])
    assert (stats.attempts, stats.first_pass, stats.after_repair) == (2, 0, 2)


def _plan(pack: BrandPack, brief: str | None = None) -> ContentPlan:
    assert pack.campaign is not None
    return content_plan(pack, brief or pack.campaign.brief, cross_segments(pack), pack.channels)


def _section(prompt: str, head: str) -> list[str]:
    """The ``- `` lines of the prompt section that starts with ``head``."""
    lines = prompt.split(head, 1)[1].split("\n")[1:]
    out = []
    for line in lines:
        if not line.startswith("- "):
            break
        out.append(line[2:])
    return out


def _flagged(pack: BrandPack, checker: Checker, channel: str) -> list[str]:
    """Rendered pack phrases whose own words the compliance checker flags."""
    return [
        pack.render(p)
        for bank in pack.phrases.values()
        for p in bank
        if any(f.matched and f.severity != "warn" for f in checker.check_text(
            pack.render(p), channel, pack
        ))
    ]  # fmt: skip


def test_prompt_carries_the_plan_for_a_qualifying_segment(
    bank_pack: BrandPack, checker: Checker
) -> None:
    """养殖户·有优惠 on SMS: the product by name and kind, the offer it qualifies for, its own
    words and scene and the words it must not use, the SMS craft and example, the brief's
    angles, the SMS actions, the finance rules, and reference phrases that fit and pass."""
    with chat_server(lambda body, i: Reply(_sms(SMS_DISCOUNT))) as (url, rec):
        result = OpenAIGenerator(_config(url), checker).run(
            _request(bank_pack, n=1, channel="sms", segment=SEG, plan=_plan(bank_pack))
        )
    assert result.attempts[0].first_pass and result.attempts[0].passed
    system = rec.bodies[0]["messages"][0]["content"]
    assert "春耕贷是一款贷款" in system and "写出“春耕贷”" in system
    assert "养殖户·有优惠符合条件，可以明确告诉读者“您可享春耕利率优惠”" in system
    assert "- 优惠后年化利率：3.3%起" in system
    assert "养殖户、养殖、补栏、饲料、栏舍、出栏" in system and "猪圈和饲料间" in system
    others = system.split("不要用其他人群的说法：")[1].split("\n")[0]
    assert "种植户" in others and "工薪" in others and "补栏" not in others
    assert "【短信怎么写】" in system and "正文55字内是1条" in system
    assert "【春田农商银行】养殖户朋友，开春补栏、囤饲料正要用钱？" in system
    assert "本次需求要突出：额度、放款快" in system
    assert "带上身份证到就近网点就能咨询，额度以审批结果为准。" in _section(
        system, "品牌给的行动说法"
    )
    assert "就写明“年化利率”" in system and "保本、稳赚、无风险、秒批、无门槛" in system
    assert "“最”“第一”" in system
    references = _section(system, "【品牌素材库里的参考说法】")
    by_text = {bank_pack.render(p): p for bank in bank_pack.phrases.values() for p in bank}
    assert references and all(bank_pack.fits(by_text[t], dict(SEG.rule), "sms") for t in references)
    assert bank_pack.render(bank_pack.phrase("offer-discount")) in references
    assert bank_pack.render(bank_pack.phrase("hook-crop")) not in system
    assert not [t for t in _flagged(bank_pack, checker, "sms") if t in system]


def test_prompt_keeps_the_offer_from_a_segment_that_does_not_qualify(
    bank_pack: BrandPack, checker: Checker
) -> None:
    with chat_server(lambda body, i: Reply("{}")) as (url, rec):
        OpenAIGenerator(_config(url), checker, max_repairs=0).run(
            _request(bank_pack, n=1, channel="smart_call", segment=SEG_NO, plan=_plan(bank_pack))
        )
    system = rec.bodies[0]["messages"][0]["content"]
    assert "养殖户·无优惠不符合条件：只讲标准条件，不提优惠" in system
    facts = _section(system, "【事实清单】")
    assert "年化利率：3.6%起" in facts and not any("3.3%" in f for f in facts)
    references = _section(system, "【品牌素材库里的参考说法】")
    assert references and not any("优惠" in t or "3.3%" in t for t in references)
    assert not any("优惠" in t for t in _section(system, "品牌给的行动说法"))


def test_each_channel_gets_its_own_prompt(
    bank_pack: BrandPack, cosmetics_pack: BrandPack, checker: Checker
) -> None:
    """The live-script prompt is not told how to write a 小红书 note, nor the SMS prompt how
    to sell from the 小黄车."""
    segment = cross_segments(cosmetics_pack)[0]
    with chat_server(lambda body, i: Reply("{}")) as (url, rec):
        gen = OpenAIGenerator(_config(url), checker, max_repairs=0)
        gen.run_many(
            [
                _request(
                    cosmetics_pack,
                    n=1,
                    channel="live_script",
                    segment=segment,
                    brief="给油皮学生党讲讲烟酰胺精华，到手价129元",
                ),
                _request(bank_pack, n=1, channel="sms", plan=_plan(bank_pack)),
            ]
        )
    prompts = {
        json.dumps(b["response_format"]["json_schema"]["name"]): "\n".join(
            m["content"] for m in b["messages"]
        )
        for b in rec.bodies
    }
    live, sms = prompts['"live_script"'], prompts['"sms"']
    assert "【直播脚本怎么写】" in live and "小黄车" in live
    assert "小红书" not in live and "笔记" not in live and "短信" not in live
    assert "【短信怎么写】" in sms and "小黄车" not in sms and "小红书" not in sms
    assert "直播" not in sms


def test_every_channel_has_its_own_craft_and_example(bank_pack: BrandPack) -> None:
    prompts = load_prompts("chat-v3")
    channels = builtin_channels()
    assert set(prompts.channels) == set(channels)
    segment = cross_segments(bank_pack)[0]
    rendered = {
        name: prompts.render("system", **system_context(bank_pack, ch, segment))
        for name, ch in channels.items()
    }
    for name, system in rendered.items():
        assert system.count("怎么写】") == 1
        assert f"【{channels[name].label_zh}怎么写】" in system
        for other, parts in prompts.channels.items():
            if other != name:
                first = parts["example"].render().split("\n")[1]
                assert first not in system, (name, other)


def test_a_template_with_an_unknown_channel_part_is_refused(tmp_path: Path) -> None:
    text = (TEMPLATES_DIR / "chat-v3.yaml").read_text("utf-8")
    (tmp_path / "bad.yaml").write_text(text + "  fax:\n    craft: 传真\n", "utf-8")
    with pytest.raises(InputError) as info:
        load_prompts("bad", tmp_path)
    assert info.value.code == "invalid_template" and "fax" in str(info.value)


@pytest.mark.parametrize(
    ("segment", "first", "clean", "rule", "word"),
    [
        (SEG, SMS_CROP, SMS_DISCOUNT, "copy.other_segment", "种植户"),
        (SEG, SMS_CLEAN, SMS_DISCOUNT, "copy.offer_missing", "3.6%起"),
        (SEG_NO, SMS_DISCOUNT, SMS_CLEAN, "copy.ineligible_offer", "春耕利率优惠"),
    ],
)
def test_copy_gate_findings_are_fed_back_and_repaired(
    bank_pack: BrandPack,
    checker: Checker,
    segment: Segment,
    first: str,
    clean: str,
    rule: str,
    word: str,
) -> None:
    """An answer that passes compliance but speaks to another segment (种植户 wording to
    养殖户), or tells a segment that does not qualify about the discount, fails the copy gate:
    the findings are fed back, the repaired answer passes; it is not a first pass."""
    with chat_server(by_turn(Reply(_sms(first)), Reply(_sms(clean)))) as (url, rec):
        result = OpenAIGenerator(_config(url), checker).run(
            _request(bank_pack, n=1, channel="sms", segment=segment)
        )
    (c,) = result.creatives
    assert c.fields["text"] == f"【春田农商银行】{clean.rstrip('。')}。拒收请回复R"
    (attempt,) = result.attempts
    assert attempt.passed and not attempt.first_pass and attempt.repairs == 1
    repair = rec.bodies[1]["messages"]
    assert repair[2] == {"role": "assistant", "content": _sms(first)}
    assert f"[{rule}] text“{word}”" in repair[3]["content"]
    (stats,) = yield_stats("openai", [result])
    assert (stats.attempts, stats.first_pass, stats.after_repair) == (1, 0, 1)


def test_a_draft_the_copy_gate_still_fails_is_dropped(
    bank_pack: BrandPack, checker: Checker
) -> None:
    with chat_server(lambda body, i: Reply(_sms(SMS_CROP))) as (url, rec):
        result = OpenAIGenerator(_config(url), checker, max_repairs=2).run(
            _request(bank_pack, n=1, channel="sms")
        )
    assert result.creatives == []
    (attempt,) = result.attempts
    assert not attempt.passed and not attempt.first_pass and attempt.creative_id is None
    assert attempt.repairs == 2 and len(rec.bodies) == 3
    assert any(e.startswith("[copy.other_segment] text“种植户”") for e in attempt.errors)


@pytest.mark.parametrize(
    ("first", "feedback"),
    [
        ('{"title": "春耕备耕正当时", "subtitle": ', "[json] 输出不是合法的JSON"),
        ('```json\n{"title": "春耕"}\n```', "[schema] $.subtitle: required"),
        (json.dumps({**GOOD, "title": "字" * 30}), "[schema] $.title: 30 characters, limit 16"),
        (json.dumps({**GOOD, "extra": "x"}), "[schema] $.extra: not allowed"),
        (json.dumps({**GOOD, "subtitle": "正规银行保本无风险"}), "[guaranteed-returns]"),
    ],
)
def test_bad_answers_are_fed_back_and_repaired(
    bank_pack: BrandPack, checker: Checker, first: str, feedback: str
) -> None:
    def script(body: dict[str, Any], i: int) -> Reply:
        return Reply(first) if len(body["messages"]) == 2 else Reply(_card(body))

    with chat_server(script) as (url, rec):
        result = OpenAIGenerator(_config(url), checker).run(_request(bank_pack, n=1))
    assert len(result.creatives) == 1
    assert result.attempts[0].repairs == 1 and not result.attempts[0].first_pass
    assert feedback in rec.bodies[1]["messages"][3]["content"]
    assert rec.bodies[1]["messages"][2] == {"role": "assistant", "content": first}


def test_repairs_run_out(bank_pack: BrandPack, checker: Checker) -> None:
    blocked = json.dumps(
        {**GOOD, "subtitle": "春耕贷保本无风险，年化利率3.6%起"}, ensure_ascii=False
    )
    with chat_server(lambda body, i: Reply(blocked)) as (url, rec):
        result = OpenAIGenerator(_config(url), checker, max_repairs=2).run(_request(bank_pack, n=1))
    assert result.creatives == []
    (attempt,) = result.attempts
    assert not attempt.passed and attempt.creative_id is None and attempt.repairs == 2
    assert any("guaranteed-returns" in e for e in attempt.errors)
    assert len(rec.bodies) == 3
    assert attempt.usage.requests == 3


def test_429_and_503_are_retried_with_backoff(bank_pack: BrandPack, checker: Checker) -> None:
    def script(body: dict[str, Any], i: int) -> Reply:
        if i == 0:
            return Reply(status=429, body='{"error": "rate limited"}', headers={"Retry-After": "0"})
        if i == 1:
            return Reply(status=503, body='{"error": "overloaded"}')
        return Reply(_card(body))

    with chat_server(script) as (url, rec):
        result = OpenAIGenerator(_config(url), checker).run(_request(bank_pack, n=1))
    assert len(result.creatives) == 1
    assert len(rec.bodies) == 3
    assert result.usage.requests == 3


def test_slow_response_times_out_and_is_retried(bank_pack: BrandPack, checker: Checker) -> None:
    def script(body: dict[str, Any], i: int) -> Reply:
        return Reply(_card(body), delay=1.0 if i == 0 else 0.0)

    with chat_server(script) as (url, rec):
        result = OpenAIGenerator(_config(url, timeout_s=0.2), checker).run(_request(bank_pack, n=1))
    assert len(result.creatives) == 1
    assert len(rec.bodies) == 2


@pytest.mark.parametrize(
    ("reply", "requests", "code", "message"),
    [
        (
            Reply(status=503, body="overloaded"),
            4,
            "llm_unavailable",
            "chat completion failed after 4 tries: HTTP 503: overloaded",
        ),
        (
            Reply(status=401, body='{"error": "bad key"}'),
            1,
            "llm_rejected",
            'chat completion failed with HTTP 401: {"error": "bad key"}',
        ),
        (
            Reply(status=200, content="", body=""),
            1,
            None,
            None,
        ),
    ],
)
def test_endpoint_failures(
    bank_pack: BrandPack,
    checker: Checker,
    reply: Reply,
    requests: int,
    code: str | None,
    message: str | None,
) -> None:
    with chat_server(lambda body, i: reply) as (url, rec):
        gen = OpenAIGenerator(_config(url), checker, max_repairs=0)
        if code is None:
            result = gen.run(_request(bank_pack, n=1))
            assert result.creatives == [] and result.attempts[0].errors[0].startswith("[json]")
        else:
            with pytest.raises(LLMError) as info:
                gen.run(_request(bank_pack, n=1))
            assert info.value.code == code
            assert str(info.value) == message
            assert KEY not in str(info.value)
            assert (info.value.upstream_status, info.value.status) == (reply.status, 502)
    assert len(rec.bodies) == requests


def test_concurrency_is_bounded(bank_pack: BrandPack, checker: Checker) -> None:
    with chat_server(lambda body, i: Reply(_card(body), delay=0.05)) as (url, rec):
        gen = OpenAIGenerator(_config(url, concurrency=3), checker)
        results = gen.run_many([_request(bank_pack, n=6), _request(bank_pack, n=6, round=1)])
    assert len(rec.bodies) == 12
    assert 2 <= rec.peak <= 3
    assert [len(r.creatives) for r in results] == [6, 6]


def test_identical_and_near_duplicate_answers_are_dropped(
    bank_pack: BrandPack, checker: Checker
) -> None:
    ctas = ["立即申请", "立即申请", "马上申请", "点击申请"]

    def script(body: dict[str, Any], i: int) -> Reply:
        return Reply(json.dumps({**GOOD, "cta": ctas[body["seed"] - 11]}, ensure_ascii=False))

    with chat_server(script) as (url, _):
        result = OpenAIGenerator(_config(url), checker, duplicate_threshold=0.75).run(
            _request(bank_pack, n=4)
        )
    assert [c.fields["cta"] for c in result.creatives] == ["立即申请"]
    assert len(result.dropped_duplicates) == 2


def test_structured_smart_call(bank_pack: BrandPack, checker: Checker) -> None:
    answer = {
        "opening": "想占用您一分钟，说说今年补栏能用的春耕贷，您现在方便听吗？",
        "message": "春耕贷随借随还，年化利率3.6%起，最高额度30万元",
        "objections": [
            {"question": "利息高吗？", "answer": "年化利率3.6%起，符合条件还能优惠"},
            {"question": "要抵押吗？", "answer": "纯信用，不用抵押"},
            {"question": "现在不需要", "answer": "好的，需要时随时联系我们"},
        ],
        "close": "您要是有需要，我请客户经理给您回个电话",
    }
    with chat_server(lambda body, i: Reply(json.dumps(answer, ensure_ascii=False))) as (url, _):
        result = OpenAIGenerator(_config(url), checker).run(
            _request(bank_pack, n=1, channel="smart_call")
        )
    (c,) = result.creatives
    assert c.fields["opening"].startswith("您好，我是春田农商银行的智能客服。")
    assert c.fields["objection_1"] == "客户：利息高吗？\n坐席：年化利率3.6%起，符合条件还能优惠"
    tts = get_channel("smart_call").export(c.fields)["turns"][1]["tts"]
    assert tts == "春耕贷随借随还，年化利率百分之三点六起，最高额度三十万元"
    assert result.attempts[0].first_pass


def test_api_key_is_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HUASHU_LLM_API_KEY", KEY)
    settings = Settings(generator="openai", llm_base_url="http://127.0.0.1:9/v1", llm_model="m")
    assert settings.llm_api_key is not None and settings.llm_api_key.get_secret_value() == KEY
    gen = make_generator(settings, Checker.from_packs())
    assert isinstance(gen, OpenAIGenerator)
    assert KEY not in repr(settings) and KEY not in repr(gen.config)
    assert KEY not in settings.model_dump_json()


@pytest.mark.parametrize(
    ("settings", "code", "message"),
    [
        (
            {"generator": "openai"},
            "llm_not_configured",
            "generator 'openai' needs HUASHU_LLM_BASE_URL, HUASHU_LLM_MODEL",
        ),
        (
            {"generator": "openai", "llm_base_url": "http://x/v1"},
            "llm_not_configured",
            "generator 'openai' needs HUASHU_LLM_MODEL",
        ),
        (
            {
                "generator": "openai",
                "llm_base_url": "http://x/v1",
                "llm_model": "m",
                "llm_template": "chat-v9",
            },
            "unknown_template",
            "unknown prompt template 'chat-v9'; known: chat-v1, chat-v2, chat-v3",
        ),
    ],
)
def test_bad_backend_settings(
    settings: dict[str, str],
    code: str,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as info:
        make_generator(Settings(**settings))  # type: ignore[arg-type]
    assert info.value.code == code
    assert str(info.value) == message
