"""The ``openai`` backend over real HTTP against a scripted chat-completions server on
loopback: structured output, grounding and repair, retries, timeouts, concurrency, tokens."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from huashu.channels import get_channel
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
from tests.generate.chat_server import Reply, chat_server

SEG = Segment(key="livestock.yes", name="养殖户·有优惠", rule={}, labels={"occupation": "养殖户"})
KEY = "sk-test-0123456789"
GOOD = {"title": "春耕备耕正当时", "subtitle": "随借随还，年化利率3.6%起", "cta": "立即申请"}
TITLES = [
    "春耕备耕正当时",
    "养殖户专属资金",
    "种植户看过来",
    "生意周转不用愁",
    "惠农好政策",
    "备耕资金有着落",
    "春耕贷来了",
    "乡亲们的好帮手",
    "扩栏舍资金支持",
    "买饲料不差钱",
    "农机种苗都能用",
    "本地银行贴心贷",
]


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
    pack: BrandPack, n: int = 3, channel: str = "home_card", **kw: Any
) -> GenerationRequest:
    return GenerationRequest(
        pack=pack,
        segment=SEG,
        channel=get_channel(channel),
        n=n,
        seed=11,
        campaign_id="cmp-1",
        brief="给养殖户推春耕贷款",
        **kw,
    )


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
        assert c.fields["subtitle"] == "随借随还，年化利率3.6%起"
        assert checker.check(c, bank_pack).verdict == "pass"
        assert c.provenance.backend == "openai"
        assert c.provenance.model == "qwen-test"
        assert c.provenance.template_version == "openai/chat-v2"
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
    assert "养殖户·有优惠" in user and "给养殖户推春耕贷款" in user
    assert all(h["authorization"] == f"Bearer {KEY}" for h in rec.headers)


def test_knowledge_base_phrases_reach_the_prompt(bank_pack: BrandPack, checker: Checker) -> None:
    knowledge = {"phrase:hook-subsidy": (0.8, 0.1), "phrase:hook-salary": (-0.6, 0.1)}
    with chat_server(lambda body, i: Reply(_card(body))) as (url, rec):
        OpenAIGenerator(_config(url), checker).run(_request(bank_pack, n=1, knowledge=knowledge))
    user = rec.bodies[0]["messages"][1]["content"]
    preferred, avoid = user.split("避免使用")
    assert "惠农补贴好政策 +123% [+89%, +162%]" in preferred
    assert "工薪族的贴心好帮手 -45% [-53%, -35%]" in avoid


def test_words_with_evidence_reach_the_prompt(bank_pack: BrandPack, checker: Checker) -> None:
    """Words and structure outrank phrases in the use / avoid list; an interval that crosses
    zero is left out; words the data cannot separate read as one (惠农/补贴)."""
    knowledge = {
        "word:惠农+补贴": (0.166, 0.046),
        "word:网点": (-0.3, 0.1),
        "word:额度": (0.1, 0.2),
        "struct:urgency": (0.2, 0.05),
        "struct:question+word:额度": (-0.3, 0.1),
        "phrase:hook-subsidy": (0.8, 0.1),
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
    assert "额度" not in use.split("参考表达")[0] and "惠农补贴好政策 +" not in user


def test_fact_check_rejects_a_rate_not_in_the_facts_and_repairs(
    bank_pack: BrandPack, checker: Checker
) -> None:
    """年化2.5% when the fact is 3.6%起: the compliance engine's fact rule blocks it, the
    finding is fed back, and the repaired answer (3.6%起) passes."""

    def script(body: dict[str, Any], i: int) -> Reply:
        if len(body["messages"]) == 2:
            return Reply(_card(body, subtitle="随借随还，年化利率2.5%"))
        return Reply(_card(body))

    with chat_server(script) as (url, rec):
        result = OpenAIGenerator(_config(url), checker).run(_request(bank_pack, n=2))
    assert len(result.creatives) == 2
    assert all(c.fields["subtitle"] == "随借随还，年化利率3.6%起" for c in result.creatives)
    assert all(a.passed and not a.first_pass and a.repairs == 1 for a in result.attempts)
    repair = next(b for b in rec.bodies if len(b["messages"]) == 4)["messages"]
    assert repair[2]["role"] == "assistant" and "年化利率2.5%" in repair[2]["content"]
    assert "[fact.rate]" in repair[3]["content"] and "2.5%" in repair[3]["content"]
    (stats,) = yield_stats("openai", [result])
    assert (stats.attempts, stats.first_pass, stats.after_repair) == (2, 0, 2)


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
    blocked = json.dumps({**GOOD, "subtitle": "保本无风险，年化利率3.6%起"}, ensure_ascii=False)
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
        "opening": "春耕备耕正当时，给您介绍春耕贷",
        "message": "随借随还，年化利率3.6%起，最高额度30万元",
        "objections": [
            {"question": "利息高吗？", "answer": "年化利率3.6%起，符合条件还能优惠"},
            {"question": "要抵押吗？", "answer": "纯信用，不用抵押"},
            {"question": "现在不需要", "answer": "好的，需要时随时联系我们"},
        ],
        "close": "您可以在手机银行点击申请",
    }
    with chat_server(lambda body, i: Reply(json.dumps(answer, ensure_ascii=False))) as (url, _):
        result = OpenAIGenerator(_config(url), checker).run(
            _request(bank_pack, n=1, channel="smart_call")
        )
    (c,) = result.creatives
    assert c.fields["opening"].startswith("您好，我是春田农商银行的智能客服。")
    assert c.fields["objection_1"] == "客户：利息高吗？\n坐席：年化利率3.6%起，符合条件还能优惠"
    tts = get_channel("smart_call").export(c.fields)["turns"][1]["tts"]
    assert tts == "随借随还，年化利率百分之三点六起，最高额度三十万元"


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
            "unknown prompt template 'chat-v9'; known: chat-v1, chat-v2",
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
