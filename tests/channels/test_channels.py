"""Channel specs: limits, validators, framing, LLM JSON schemas and export formats."""

from __future__ import annotations

from typing import Any

import pytest

from huashu.channels import DSP_PRESETS, builtin_channels, dsp_spec, get_channel, sms_parts, speak
from huashu.channels.smart_call import branch
from huashu.channels.video_script import shot_seconds, shot_text
from huashu.domain import BrandPack, InputError, Segment
from huashu.generate import schema_errors

SEG = Segment(key="livestock.yes", name="养殖户·有优惠", rule={}, labels={"occupation": "养殖户"})


def test_every_builtin_channel_registered() -> None:
    assert sorted(builtin_channels()) == [
        "dsp",
        "home_card",
        "live_script",
        "smart_call",
        "sms",
        "video_script",
        "xiaohongshu",
    ]


@pytest.mark.parametrize(
    ("text", "parts"),
    [("", 1), ("字" * 70, 1), ("字" * 71, 2), ("字" * 134, 2), ("字" * 135, 3), ("字" * 500, 8)],
)
def test_sms_parts(text: str, parts: int) -> None:
    assert sms_parts(text) == parts


def test_sms_wrap_counts_signature_and_adds_opt_out_once(bank_pack: BrandPack) -> None:
    sms = get_channel("sms")
    wrapped = sms.wrap({"text": "【春田农商银行】春耕备耕正当时。拒收请回复R"}, bank_pack)
    assert wrapped == {"text": "【春田农商银行】春耕备耕正当时。拒收请回复R"}
    assert sms.problems(wrapped) == []
    assert sms.export(wrapped)["chars"] == len(wrapped["text"]) == 22
    assert sms.unwrap(wrapped) == {"text": "春耕备耕正当时"}


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"text": ""}, "sms.text is empty"),
        ({"text": "春耕备耕正当时。拒收请回复R"}, "sms.text must start with the 【signature】"),
        ({"text": "【春田】春耕备耕正当时"}, "sms.text has no opt-out such as 拒收请回复R"),
        ({"text": "【春田】" + "字" * 500 + "回T退订"}, "sms.text has 508 characters, limit 500"),
    ],
)
def test_sms_problems(fields: dict[str, str], problem: str) -> None:
    assert problem in get_channel("sms").problems(fields)


def test_sms_flags_finance_content(bank_pack: BrandPack, cosmetics_pack: BrandPack) -> None:
    sms = get_channel("sms")
    assert "cloud SMS vendors" in sms.flags({"text": "【春田】春耕"}, bank_pack)[0]
    assert sms.flags({"text": "【青禾】新品上市"}, cosmetics_pack) == []
    assert sms.flags({"text": "【青禾】分期免息"}, cosmetics_pack) != []


def test_home_card_adds_rate_disclosure_only_when_missing(bank_pack: BrandPack) -> None:
    card = get_channel("home_card")
    plain = card.wrap(
        {"title": "春耕备耕正当时", "subtitle": "随借随还更灵活", "cta": "立即申请"}, bank_pack
    )
    assert plain["disclosure"] == "年化利率3.6%起，以审批结果为准"
    with_rate = card.wrap(
        {"title": "春耕", "subtitle": "年化利率3.6%起", "cta": "立即申请"}, bank_pack
    )
    assert "disclosure" not in with_rate
    export = card.export(plain)
    assert export["banners"][0] == {"width": 750, "height": 300}
    assert card.problems({"title": "字" * 17, "subtitle": "x", "cta": "y"}) == [
        "home_card.title has 17 characters, limit 16"
    ]


def test_smart_call_script_shape_and_tts(bank_pack: BrandPack) -> None:
    call = get_channel("smart_call")
    fields = call.wrap(
        {"opening": "春耕备耕正当时", "message": "年化利率3.6%起", "close": "立即申请"}, bank_pack
    )
    assert fields["opening"] == "您好，我是春田农商银行的智能客服。春耕备耕正当时"
    assert fields["close"] == "立即申请。感谢接听，再见。"
    assert fields["objection_2"].endswith("以实际审批结果为准。")
    assert call.problems(fields) == []
    turns = call.export(fields)["turns"]
    assert turns[1] == {"step": "message", "say": "年化利率3.6%起", "tts": "年化利率百分之三点六起"}
    assert [t["step"] for t in turns][2:6] == [
        "objection_1",
        "objection_2",
        "objection_3",
        "objection_4",
    ]


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        (
            {
                "opening": "春耕",
                "message": "m",
                "objection_1": branch("q", "a"),
                "objection_2": branch("q", "a"),
                "close": "再见",
            },
            "smart_call.opening must start with a greeting and the caller's identity",
        ),
        (
            {"opening": "您好", "message": "m", "objection_1": branch("q", "a"), "close": "再见"},
            "smart_call has 1 objection branches, expected 2-4",
        ),
        (
            {
                "opening": "您好",
                "message": "字" * 61,
                "objection_1": branch("q", "a"),
                "objection_2": branch("q", "a"),
                "close": "再见",
            },
            "smart_call.message turn has 61 characters, limit 60",
        ),
        (
            {
                "opening": "您好",
                "message": "详见 https://x.cn",
                "objection_1": branch("q", "a"),
                "objection_2": branch("q", "a"),
                "close": "再见",
            },
            "smart_call.message has text TTS cannot speak: / https:",
        ),
    ],
)
def test_smart_call_problems(fields: dict[str, str], problem: str) -> None:
    assert problem in get_channel("smart_call").problems(fields)


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("年化利率3.6%起", "年化利率百分之三点六起"),
        ("最高额度30万元", "最高额度三十万元"),
        ("到手价129元", "到手价一百二十九元"),
        ("50ml", "五十毫升"),
        ("最长3年", "最长三年"),
        ("10", "十"),
        ("105", "一百零五"),
        ("100005", "十万零五"),
        ("20000", "两万"),
        ("2000", "两千"),
        ("22", "二十二"),
        ("1000000000000", "一零零零零零零零零零零零零"),
        ("0.5%", "百分之零点五"),
    ],
)
def test_speak(text: str, spoken: str) -> None:
    assert speak(text) == spoken


def test_dsp_presets_and_generic_fits_all() -> None:
    generic = dsp_spec()
    for preset in DSP_PRESETS:
        spec = dsp_spec(preset)
        limits = {f.name: f.max_chars for f in spec.fields}
        assert all(f.max_chars <= limits[f.name] for f in generic.fields)
    tencent = dsp_spec("tencent").export({"headline": "h", "description": "d", "cta": "c"})
    assert tencent["preset"] == "tencent"
    assert {"width": 1280, "height": 720} in tencent["images"]


def test_xiaohongshu_title_emoji_tags_and_label(cosmetics_pack: BrandPack) -> None:
    xhs = get_channel("xiaohongshu")
    fields = xhs.wrap(
        {"title": "油皮亲妈来了", "body": "清爽控油不紧绷\n#油皮 #青禾"}, cosmetics_pack
    )
    assert fields["title"].startswith("油皮亲妈来了") and len(fields["title"]) == 7
    assert fields["body"] == "清爽控油不紧绷\n#油皮 #青禾\n#青禾烟酰胺精华 #护肤"
    persona = xhs.wrap(
        {"title": "油皮学生党｜精华", "body": "清爽"},
        cosmetics_pack,
        Segment(
            key="oily.student", name="油皮·学生党", rule={}, labels={"s": "油皮", "a": "学生党"}
        ),
    )
    assert persona["body"].endswith("#青禾 #青禾烟酰胺精华 #油皮护肤 #学生党护肤 #护肤")
    assert fields["label"] == "广告"
    export = xhs.export(fields)
    assert export["hashtags"] == ["油皮", "青禾", "青禾烟酰胺精华", "护肤"]
    assert len(export["emoji"]) == 1
    too_many = {**fields, "body": " ".join(f"#t{i}" for i in range(11))}
    assert "xiaohongshu.body has 11 hashtags, limit 10" in xhs.problems(too_many)
    assert "xiaohongshu.label must be 广告 on a commercial note" in xhs.problems(
        {**fields, "label": ""}
    )


def test_video_script_seconds_follow_voiceover(bank_pack: BrandPack) -> None:
    video = get_channel("video_script")
    fields = video.wrap(
        {"shot_1": "春耕备耕正当时", "shot_2": "随借随还更灵活", "shot_4": "年化利率3.6%起"},
        bank_pack,
        SEG,
    )
    # the shot shows the persona's world (the pack's scene), never the segment's label
    assert fields["shot_1"].startswith("画面：近景：主人公在猪圈和饲料间")
    assert "养殖户" not in fields["shot_1"]
    export = video.export(fields)
    assert [s["seconds"] for s in export["shots"]] == [2, 2, 2]
    assert export["seconds"] == 6
    assert shot_seconds("字" * 10) == 3
    assert video.problems(fields) == []
    two = {"shot_1": shot_text("s", "v", "c"), "shot_2": shot_text("s", "v", "c")}
    assert "video_script has 2 shots, expected 3-6" in video.problems(two)
    long = {
        k: shot_text("s", "字" * 60, "c")
        for k in ("shot_1", "shot_2", "shot_3", "shot_4", "shot_5")
    }
    assert "video_script runs 70 s, limit 60 s" in video.problems(long)


def test_live_script_beats(cosmetics_pack: BrandPack) -> None:
    live = get_channel("live_script")
    fields = live.wrap({"pain": "上妆总是起皮？", "offer": "50ml到手价129元"}, cosmetics_pack)
    assert list(fields) == ["warmup", "pain", "offer", "interact"]
    assert fields["interact"].startswith("主播：大家问得最多的：到手价129元")
    assert live.problems(fields) == []
    beats = live.export(fields)["beats"]
    assert beats[1] == {
        "beat": "pain",
        "label_zh": "痛点",
        "host": "上妆总是起皮？",
        "prompt": "有同样困扰的在评论区打“有”",
    }
    assert "live_script has 1 beats, expected at least 4" in live.problems({"pain": "主播：x"})


@pytest.mark.parametrize("name", sorted(builtin_channels()))
def test_llm_round_trip_through_schema(name: str, bank_pack: BrandPack) -> None:
    """unwrap(wrap(from_output(x))) is schema-valid: what a model writes, the channel frames,
    and what a refinement sends back to the model all speak the same schema."""
    spec = get_channel(name)
    answers: dict[str, dict[str, Any]] = {
        "sms": {"text": "春耕备耕正当时，年化利率3.6%起"},
        "home_card": {"title": "春耕备耕", "subtitle": "年化利率3.6%起", "cta": "立即申请"},
        "dsp": {"headline": "春耕备耕", "description": "年化利率3.6%起", "cta": "立即申请"},
        "xiaohongshu": {"title": "春耕笔记", "body": "年化利率3.6%起", "hashtags": ["春耕"]},
        "smart_call": {
            "opening": "您好，我是春田农商银行的智能客服",
            "message": "年化利率3.6%起",
            "objections": [{"question": "靠谱吗", "answer": "本地银行"}] * 2,
            "close": "再见",
        },
        "video_script": {"shots": [{"scene": "s", "voiceover": "v", "caption": "c"}] * 3},
        "live_script": {
            "beats": [
                {"beat": b, "host": "h", "prompt": "p"}
                for b in ("warmup", "pain", "offer", "close")
            ]
        },
    }
    answer = answers[name]
    assert schema_errors(answer, spec.json_schema()) == []
    fields = spec.wrap(spec.from_output(answer), bank_pack)
    assert spec.problems(fields) == []
    assert schema_errors(spec.unwrap(fields), spec.json_schema()) == []


@pytest.mark.parametrize(
    ("call", "code", "message"),
    [
        (
            lambda: get_channel("wechat"),
            "unknown_channel",
            "unknown channel 'wechat'; known: dsp, home_card, live_script, smart_call, sms, "
            "video_script, xiaohongshu",
        ),
        (
            lambda: dsp_spec("google"),
            "unknown_dsp_preset",
            "unknown DSP preset 'google'; known: generic, baidu, kuaishou, oceanengine, tencent",
        ),
    ],
)
def test_bad_channel_input(call: Any, code: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        call()
    assert info.value.code == code
    assert str(info.value) == message
