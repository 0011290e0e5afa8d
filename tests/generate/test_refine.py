"""Multi-turn refinement (短一些 / 更口语 / 面向50岁以上) with the conversation stored, and
yield figures stored per backend and channel, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from huashu.channels import get_channel
from huashu.compliance import Checker
from huashu.domain import BrandPack, Creative, InputError, Segment
from huashu.generate import (
    ComposeGenerator,
    GenerationRequest,
    LLMConfig,
    OpenAIGenerator,
    RefineRequest,
    Turn,
    refine,
    yield_markdown,
    yield_stats,
)
from huashu.store import Store, repos
from tests.backends import BACKENDS, backend_store
from tests.generate.chat_server import Reply, chat_server

SEG = Segment(key="oily.student", name="油皮·学生党", rule={}, labels={"skin": "油皮"})
BANK_SEG = Segment(key="livestock.yes", name="养殖户·有优惠", rule={})


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with backend_store(request.param, tmp_path) as s:
        s.upgrade()
        yield s


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs()


def _draft(pack: BrandPack, channel: str, seg: Segment, seed: int = 5) -> Creative:
    request = GenerationRequest(
        pack=pack, segment=seg, channel=get_channel(channel), n=1, seed=seed
    )
    return ComposeGenerator().generate(request)[0]


def _refine_req(
    pack: BrandPack,
    creative: Creative,
    instruction: str,
    seg: Segment,
    history: tuple[Turn, ...] = (),
) -> RefineRequest:
    return RefineRequest(
        pack=pack,
        segment=seg,
        channel=get_channel(creative.channel),
        creative=creative,
        instruction=instruction,
        history=history,
    )


def test_shorter_then_more_spoken_conversation_is_stored(
    bank_pack: BrandPack, checker: Checker, store: Store
) -> None:
    gen = ComposeGenerator(checker=checker)
    original = _draft(bank_pack, "sms", BANK_SEG)
    first = refine(gen, _refine_req(bank_pack, original, "短一些", BANK_SEG))
    assert first.creative is not None
    assert len(first.creative.text) < len(original.text)
    assert checker.check(first.creative, bank_pack).verdict == "pass"
    second = refine(
        gen, _refine_req(bank_pack, first.creative, "更口语一点", BANK_SEG, history=first.turns)
    )
    assert second.creative is not None and second.creative.id != first.creative.id
    assert len(second.creative.text) <= len(original.text)
    with store.session() as s:
        for result in (first, second):
            repos.save_turns(
                s, "conv-1", [(t.role, t.content, t.creative_id) for t in result.turns], "xiaowang"
            )
    with store.session() as s:
        turns = repos.list_turns(s, "conv-1")
    assert [(t.position, t.role) for t in turns] == [
        (0, "operator"),
        (1, "assistant"),
        (2, "operator"),
        (3, "assistant"),
    ]
    assert [t.content for t in turns if t.role == "operator"] == ["短一些", "更口语一点"]
    assert turns[0].creative_id == original.id
    assert turns[3].creative_id == second.creative.id
    assert json.loads(turns[3].content) == second.creative.fields


def test_for_readers_over_50_drops_internet_slang(cosmetics_pack: BrandPack) -> None:
    gen = ComposeGenerator()
    slangy = next(
        c
        for seed in range(40)
        if "闭眼入" in (c := _draft(cosmetics_pack, "home_card", SEG, seed)).text
        or "亲妈" in c.text
    )
    result = refine(gen, _refine_req(cosmetics_pack, slangy, "面向50岁以上的用户", SEG))
    assert result.creative is not None
    assert "闭眼入" not in result.creative.text and "亲妈" not in result.creative.text


def test_openai_refinement_sends_current_copy_history_and_instruction(
    bank_pack: BrandPack, checker: Checker
) -> None:
    original = _draft(bank_pack, "home_card", BANK_SEG)
    shorter = {"title": "春耕贷", "subtitle": "年化利率3.6%起", "cta": "立即申请"}

    def script(body: dict[str, Any], i: int) -> Reply:
        return Reply(json.dumps(shorter, ensure_ascii=False))

    config = LLMConfig(base_url="", model="qwen-test", api_key=SecretStr("k"))
    with chat_server(script) as (url, rec):
        gen = OpenAIGenerator(
            LLMConfig(base_url=url, model=config.model, api_key=config.api_key), checker
        )
        history = (Turn("operator", "更口语一点", original.id), Turn("assistant", "{}", None))
        result = refine(gen, _refine_req(bank_pack, original, "短一些", BANK_SEG, history))
    assert result.creative is not None
    assert result.creative.fields["title"] == "春耕贷"
    assert result.creative.provenance.backend == "openai"
    assert result.attempt.first_pass
    user = rec.bodies[0]["messages"][1]["content"]
    current = json.dumps(get_channel("home_card").unwrap(original.fields), ensure_ascii=False)
    assert current in user and "短一些" in user and "更口语一点" in user
    assert result.turns[0] == Turn("operator", "短一些", original.id)
    assert result.turns[1].creative_id == result.creative.id


@pytest.mark.parametrize(
    ("instruction", "composed", "code", "message"),
    [
        ("", True, "empty_instruction", "empty refinement instruction"),
        (
            "加一句诗",
            True,
            "unsupported_instruction",
            "the compose backend understands 短一些 / 更口语 / 面向中老年, not '加一句诗'; "
            "use the openai backend for free-form edits",
        ),
        (
            "短一些",
            False,
            "not_composed",
            "creative {id} was not composed from phrases; refine it with the openai backend",
        ),
    ],
)
def test_bad_refinements(
    bank_pack: BrandPack, instruction: str, composed: bool, code: str, message: str
) -> None:
    creative = _draft(bank_pack, "sms", BANK_SEG)
    if not composed:
        creative = creative.model_copy(update={"phrase_ids": {}})
    with pytest.raises(InputError) as info:
        refine(ComposeGenerator(), _refine_req(bank_pack, creative, instruction, BANK_SEG))
    assert info.value.code == code
    assert str(info.value) == message.format(id=creative.id)


def test_yield_is_stored_and_reported(bank_pack: BrandPack, checker: Checker, store: Store) -> None:
    gen = ComposeGenerator(checker=checker)
    results = [
        gen.run(
            GenerationRequest(
                pack=bank_pack, segment=BANK_SEG, channel=get_channel(ch), n=20, seed=1
            )
        )
        for ch in ("sms", "home_card")
    ]
    stats = yield_stats("compose", results)
    assert [s.channel for s in stats] == ["home_card", "sms"]
    with store.session() as s:
        for row in stats:
            repos.record_yield(s, campaign_id="cmp-1", **row.as_row())  # type: ignore[arg-type]
            repos.record_yield(s, campaign_id="cmp-2", **row.as_row())  # type: ignore[arg-type]
    with store.session() as s:
        one = repos.yield_summary(s, "cmp-1")
        both = repos.yield_summary(s)
    assert [(r.backend, r.channel) for r in one] == [("compose", "home_card"), ("compose", "sms")]
    for got, want in zip(one, stats, strict=True):
        assert (got.attempts, got.first_pass, got.after_repair) == (
            want.attempts,
            want.first_pass,
            want.after_repair,
        )
    assert both[1].attempts == 2 * stats[1].attempts
    sms = stats[1]
    assert sms.first_pass < sms.after_repair == sms.attempts
    table = yield_markdown(one)
    assert f"| compose | sms | {sms.attempts} | {sms.first_pass_rate:.1%} | 100.0% |" in table
    with pytest.raises(InputError) as info, store.session() as s:
        repos.record_yield(
            s,
            campaign_id=None,
            backend="x",
            channel="sms",
            attempts=1,
            first_pass=2,
            after_repair=1,
        )
    assert info.value.code == "invalid_yield"
