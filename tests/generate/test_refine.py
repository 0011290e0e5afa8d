"""Multi-turn refinement (更短 / 更亲切 / 更正式 / 面向50岁以上) that does what it is asked or
says it cannot, with the conversation stored as words, and yield figures stored per backend and
channel, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import SecretStr

from huashu.audience import cross_segments
from huashu.channels import get_channel
from huashu.compliance import Checker
from huashu.config import Settings
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
from huashu.generate.compose import _banks
from huashu.generate.copycheck import copy_findings, failing
from huashu.generate.refine_compose import goals
from huashu.runtime import Runtime
from huashu.services import chat, check_drafts, draft_creatives, plan_campaign
from huashu.store import Store, repos
from tests.backends import BACKENDS, backend_store
from tests.conftest import EXAMPLES
from tests.generate.chat_server import Reply, chat_server

SEGMENTS = {
    seg.key: seg
    for seg in cross_segments(
        BrandPack.model_validate(yaml.safe_load((EXAMPLES / "rural_bank.yaml").read_text("utf-8")))
    )
}
BANK_SEG = SEGMENTS["livestock.yes"]
TONES = {"更亲切": "friendly", "更正式": "formal"}


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with backend_store(request.param, tmp_path) as s:
        s.upgrade()
        yield s


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_packs()


@pytest.fixture(scope="module")
def gen(checker: Checker) -> ComposeGenerator:
    return ComposeGenerator(checker=checker)


@pytest.fixture(scope="module")
def first_round(bank_pack: BrandPack, gen: ComposeGenerator) -> list[tuple[Segment, Creative]]:
    """Every segment's SMS drafts of a first compose round (3 per segment)."""
    sms = get_channel("sms")
    return [
        (seg, c)
        for seg in SEGMENTS.values()
        for c in gen.run(
            GenerationRequest(pack=bank_pack, segment=seg, channel=sms, n=3, seed=0)
        ).creatives
    ]


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
    exclude: frozenset[str] = frozenset(),
) -> RefineRequest:
    return RefineRequest(
        pack=pack,
        segment=seg,
        channel=get_channel(creative.channel),
        creative=creative,
        instruction=instruction,
        history=history,
        exclude=exclude,
    )


def _chars(creative: Creative) -> int:
    return sum(len(v) for v in creative.fields.values())


def _blocking(pack: BrandPack, creative: Creative, seg: Segment) -> list[str]:
    """The copy gate's failing rule ids (and other_segment even as a warning)."""
    found = copy_findings(creative.fields, str(creative.channel), pack, seg)
    return sorted(
        {f.rule_id for f in failing(found)}
        | {f.rule_id for f in found if f.rule_id == "copy.other_segment"}
    )


def _offers(pack: BrandPack, creative: Creative) -> set[str]:
    return {k for pid in creative.phrase_ids.values() for k in pack.phrase(pid).offers}


def _readable(turn: Turn) -> None:
    assert "{" not in turn.content and "}" not in turn.content, turn.content
    assert re.search(r"[\u4e00-\u9fff]", turn.content), turn.content


def test_shorter_then_friendlier_conversation_is_stored(
    bank_pack: BrandPack, checker: Checker, gen: ComposeGenerator, store: Store
) -> None:
    original = max((_draft(bank_pack, "sms", BANK_SEG, seed) for seed in range(6)), key=_chars)
    first = refine(gen, _refine_req(bank_pack, original, "短一些", BANK_SEG))
    assert first.creative is not None
    assert _chars(first.creative) < _chars(original)
    assert checker.check(first.creative, bank_pack).verdict == "pass"
    second = refine(
        gen, _refine_req(bank_pack, first.creative, "更口语一点", BANK_SEG, history=first.turns)
    )
    if second.creative is not None:
        assert second.creative.id != first.creative.id
        assert _chars(second.creative) <= _chars(original)
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
    assert turns[1].creative_id == first.creative.id
    # the answer reads as words: what was done and the new copy, never the fields as JSON
    for t in turns:
        _readable(Turn(t.role, t.content))  # type: ignore[arg-type]
    assert f"{_chars(original)} → {_chars(first.creative)} 字" in turns[1].content
    assert first.creative.fields["text"] in turns[1].content


def test_sms_shorter_for_every_segment(
    bank_pack: BrandPack,
    checker: Checker,
    gen: ComposeGenerator,
    first_round: list[tuple[Segment, Creative]],
) -> None:
    """ "短信再短一点" on every SMS draft of a first round: strictly shorter, from the segment's
    own phrases and passing every check, or an assistant turn that says it cannot be."""
    before: list[int] = []
    after: list[int] = []
    refused = 0
    for seg, draft in first_round:
        result = refine(gen, _refine_req(bank_pack, draft, "短信再短一点", seg))
        _readable(result.turns[1])
        if result.creative is None:
            refused += 1
            assert "最短" in result.turns[1].content
            continue
        new = result.creative
        assert _chars(new) < _chars(draft), (seg.key, draft.text, new.text)
        assert _blocking(bank_pack, new, seg) == []
        assert checker.check(new, bank_pack).verdict == "pass"
        assert new.segment_key == draft.segment_key and bank_pack.product is not None
        assert bank_pack.product.name in new.text
        # a qualifying reader keeps the discount: it is never traded for length
        assert _offers(bank_pack, draft) <= _offers(bank_pack, new), (seg.key, new.text)
        before.append(_chars(draft))
        after.append(_chars(new))
    assert len(before) >= 0.8 * len(first_round), (len(before), refused, len(first_round))
    # measurably shorter, not a character or two
    assert sum(before) / len(before) - sum(after) / len(after) >= 8


def test_shorter_until_it_cannot_then_says_so(
    bank_pack: BrandPack, gen: ComposeGenerator, first_round: list[tuple[Segment, Creative]]
) -> None:
    seg, creative = max(first_round, key=lambda sc: _chars(sc[1]))
    lengths = [_chars(creative)]
    for _ in range(30):
        result = refine(gen, _refine_req(bank_pack, creative, "再精简一点", seg))
        if result.creative is None:
            break
        creative = result.creative
        lengths.append(_chars(creative))
    assert result.creative is None
    assert lengths == sorted(set(lengths), reverse=True) and len(lengths) >= 2
    # shorter compositions exist, but only with the bank's non-compliant phrases (or, for a
    # segment that qualifies, without its discount)
    assert result.turns[1].content.startswith(
        f"{seg.name}·短信：这条已是话术库能组合出的最短合规版本（{lengths[-1]} 字），更短的组合"
    )
    assert result.turns[1].content.endswith("，没有再改短")
    assert result.turns[1].creative_id is None
    assert not result.attempt.passed
    assert "already the shortest" in result.attempt.errors[0]


@pytest.mark.parametrize("instruction", ["语气更亲切", "更正式"])
def test_tone_keeps_segment_offer_and_product(
    bank_pack: BrandPack,
    checker: Checker,
    gen: ComposeGenerator,
    first_round: list[tuple[Segment, Creative]],
    instruction: str,
) -> None:
    """A tone change swaps phrases for ones of that tone written for the same segment; the
    offer phrase (rate, amount, term) and the product stay."""
    tone = next(t for word, t in TONES.items() if word in instruction)
    other = "formal" if tone == "friendly" else "friendly"
    changed = 0
    for seg, draft in first_round:
        result = refine(gen, _refine_req(bank_pack, draft, instruction, seg))
        _readable(result.turns[1])
        was = [bank_pack.phrase(p) for p in draft.phrase_ids.values()]
        banks = _banks(bank_pack, get_channel("sms"), seg)
        if result.creative is None:
            assert "保持不变" in result.turns[1].content
            # nothing of that tone is left to swap in for this segment
            assert all(
                p.tone == tone or not any(q.tone == tone for q in banks[slot])
                for slot, p in zip(draft.phrase_ids, was, strict=True)
            ), (seg.key, draft.phrase_ids)
            continue
        new = result.creative
        changed += 1
        now = [bank_pack.phrase(p) for p in new.phrase_ids.values()]
        assert _blocking(bank_pack, new, seg) == [], (seg.key, new.text)
        assert checker.check(new, bank_pack).verdict == "pass"
        assert new.phrase_ids["offer"] == draft.phrase_ids["offer"]
        assert bank_pack.render(bank_pack.phrase(draft.phrase_ids["offer"])) in new.text
        assert bank_pack.product is not None and bank_pack.product.name in new.text
        assert all(new.phrase_ids[slot] in {p.id for p in banks[slot]} for slot in banks)
        score = sum(p.tone == tone for p in now) - sum(p.tone == other for p in now)
        assert score > sum(p.tone == tone for p in was) - sum(p.tone == other for p in was)
        assert any(
            p.tone == tone and p.id != draft.phrase_ids[slot]
            for slot, p in zip(new.phrase_ids, now, strict=True)
        )
        assert "产品条件（利率、额度、价格等）不变" in result.turns[1].content
    assert changed >= len(first_round) // 2


def test_friendlier_never_borrows_another_segments_words(
    bank_pack: BrandPack, gen: ComposeGenerator
) -> None:
    """The bug: "语气更亲切" gave every segment's SMS the 种植户 hook."""
    for seg in SEGMENTS.values():
        draft = next(
            c
            for seed in range(20)
            if (c := _draft(bank_pack, "sms", seg, seed)).phrase_ids["hook"].endswith("formal")
        )
        result = refine(gen, _refine_req(bank_pack, draft, "语气更亲切", seg))
        assert result.creative is not None, seg.key
        assert _blocking(bank_pack, result.creative, seg) == [], result.creative.text
        hook = bank_pack.phrase(result.creative.phrase_ids["hook"])
        assert hook.tone == "friendly" and bank_pack.fits(hook, dict(seg.rule), "sms")


@pytest.mark.parametrize(
    ("instruction", "wanted"),
    [
        ("短信再短一点", ["short"]),
        ("短一些", ["short"]),
        ("精简", ["short"]),
        ("太长了", ["short"]),
        ("make it shorter", ["short"]),
        ("短信语气更亲切", ["friendly"]),
        ("更口语一点", ["friendly"]),
        ("接地气", ["friendly"]),
        ("别太正式", ["friendly"]),
        ("更正式", ["formal"]),
        ("专业稳重一些", ["formal"]),
        ("不要太口语", ["formal"]),
        ("more formal", ["formal"]),
        ("短一点，更亲切", ["short", "friendly"]),
        ("面向50岁以上的用户", ["senior"]),
        ("加一句诗", []),
    ],
)
def test_what_an_instruction_asks(instruction: str, wanted: list[str]) -> None:
    assert goals(instruction) == wanted


def test_for_readers_over_50_drops_chatty_particles(
    bank_pack: BrandPack, gen: ComposeGenerator
) -> None:
    chatty = next(
        c for seed in range(40) if "吧" in (c := _draft(bank_pack, "sms", BANK_SEG, seed)).text
    )
    result = refine(gen, _refine_req(bank_pack, chatty, "面向50岁以上的用户", BANK_SEG))
    assert result.creative is not None
    assert "吧" not in result.creative.text
    assert _blocking(bank_pack, result.creative, BANK_SEG) == []
    _readable(result.turns[1])


def test_a_composition_in_use_is_not_returned(
    bank_pack: BrandPack, gen: ComposeGenerator, first_round: list[tuple[Segment, Creative]]
) -> None:
    seg, draft = max(first_round, key=lambda sc: _chars(sc[1]))
    best = refine(gen, _refine_req(bank_pack, draft, "更短", seg)).creative
    assert best is not None
    other = refine(gen, _refine_req(bank_pack, draft, "更短", seg, exclude=frozenset({best.id})))
    assert other.creative is not None and other.creative.id != best.id
    assert _chars(other.creative) < _chars(draft)


def test_chat_turn_shows_the_operators_words_and_a_readable_answer(
    tmp_path: Path, bank_pack: BrandPack, examples_dir: Path
) -> None:
    """The chat service: "短信再短一点" refines the SMS drafts only, each strictly shorter, and
    the conversation holds the operator's words once and one answer in words."""
    settings = Settings(data_dir=tmp_path / "data", snapshot_rebuild_seconds=0)
    with Runtime.open(settings) as rt:
        plan = plan_campaign(
            rt,
            bank_pack,
            (examples_dir / "rural_bank.yaml").read_text("utf-8"),
            "给养殖户推春耕贷款，首页卡片+短信",
            "operator-user",
        )
        drafts = draft_creatives(
            rt,
            bank_pack,
            plan.campaign_id,
            plan.segments,
            plan.brief.channels,
            n=2,
            seed=3,
            round_=0,
        )
        check_drafts(rt, bank_pack, plan.campaign_id, drafts, "operator-user")
        out = chat.refine_campaign(rt, plan.campaign_id, "短信再短一点", "operator-user")
        with rt.store.session() as s:
            turns = repos.list_turns(s, plan.campaign_id)
            refined = {old: repos.get_creative(s, new) for old, new in out["replaced"].items()}
    sms = {c.id: c for c in drafts if c.channel == "sms"}
    assert set(refined) <= set(sms) and len(refined) >= 0.8 * len(sms)
    for old, new in refined.items():
        assert _chars(new) < _chars(sms[old])
    assert [(t.role, t.content) for t in turns][:1] == [("operator", "短信再短一点")]
    assert [t.role for t in turns] == ["operator", "assistant"]
    assert turns[1].content == out["reply"]
    _readable(Turn("assistant", turns[1].content))
    assert turns[1].content.startswith(f"已修改 {len(refined)}/{len(sms)} 条：")
    for old, new in refined.items():
        assert f"{_chars(sms[old])} → {_chars(new)} 字" in turns[1].content


def test_openai_refinement_sends_current_copy_history_and_instruction(
    bank_pack: BrandPack, checker: Checker
) -> None:
    original = _draft(bank_pack, "home_card", BANK_SEG)
    shorter = {"title": "春耕贷", "subtitle": "优惠后年化利率3.3%起", "cta": "立即申请"}

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
            "the compose backend can make a draft shorter (更短), friendlier (更亲切), more "
            "formal (更正式), for older readers (面向中老年), not '加一句诗'; "
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
    if code == "unsupported_instruction":
        assert "更短、更亲切、更正式、面向中老年" in info.value.message_zh


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
    # the bank's two non-compliant SMS phrases may cost first passes, repairs recover them
    assert sms.first_pass <= sms.after_repair <= sms.attempts
    table = yield_markdown(one)
    assert (
        f"| compose | sms | {sms.attempts} | {sms.first_pass_rate:.1%} "
        f"| {sms.after_repair_rate:.1%} |"
    ) in table
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
