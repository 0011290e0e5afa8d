"""The layout engine on every preset: the example packs' creatives fit inside the safe area
without overlaps at legible sizes; copy too long for a preset is reported, never clipped."""

from __future__ import annotations

import itertools
import random

import pytest

from huashu.channels import get_channel
from huashu.domain import BrandPack, ChannelName, Creative, InputError
from huashu.generate import all_compositions, compose_fields
from huashu.images import (
    PRESETS,
    BannerLayout,
    BannerRenderer,
    CjkFonts,
    banner_content,
    encode,
    get_preset,
    layout_banner,
    min_px,
)
from huashu.images.layout import Box
from tests.images.conftest import creative


def _sample_creatives(pack: BrandPack, channel: ChannelName) -> list[Creative]:
    """The longest compositions by each field plus a seeded random sample."""
    spec = get_channel(channel)
    every = [compose_fields(pack, spec, c) for c in all_compositions(pack, spec)]
    chosen = random.Random(7).sample(every, min(6, len(every)))
    for name in ("title", "headline", "subtitle", "description", "cta", "disclosure"):
        chosen.append(max(every, key=lambda f, n=name: len(f.get(n, ""))))
    return [creative(pack, channel, f"c{i}", **f) for i, f in enumerate(chosen)]


def _boxes(layout: BannerLayout) -> dict[str, Box]:
    boxes = {role: block.box for role, block in layout.texts.items()}
    if layout.callout is not None:
        boxes["callout"] = layout.callout.box
    if layout.button is not None:
        boxes["cta"] = layout.button.box
    return boxes


def _inside(box: Box, outer: Box) -> bool:
    x, y, w, h = box
    ox, oy, ow, oh = outer
    return x >= ox and y >= oy and x + w <= ox + ow + 1 and y + h <= oy + oh + 1


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@pytest.mark.parametrize("channel", ["home_card", "dsp"])
@pytest.mark.parametrize("pack_name", ["bank_pack", "cosmetics_pack"])
def test_every_preset_fits_the_example_creatives(
    fonts: CjkFonts, request: pytest.FixtureRequest, pack_name: str, channel: ChannelName
) -> None:
    pack: BrandPack = request.getfixturevalue(pack_name)
    if channel not in pack.channels:
        pytest.skip(f"{pack_name} does not write for {channel}")
    checked = 0
    for made in _sample_creatives(pack, channel):
        content = banner_content(pack, made)
        for preset in PRESETS[channel]:
            layout = layout_banner(fonts, preset, content)
            assert layout.fits, (preset.name, made.fields, layout.overflows)
            boxes = _boxes(layout)
            for role, box in boxes.items():
                assert _inside(box, layout.safe), (preset.name, role, box, layout.safe)
            for (ra, a), (rb, b) in itertools.combinations(boxes.items(), 2):
                assert not _overlap(a, b), (preset.name, ra, rb)
            for role, block in layout.texts.items():
                font = fonts.font(block.size, bold=block.bold)
                assert all(font.getlength(line) <= block.box[2] + 1 for line in block.lines)
                if role != "brand":
                    assert min_px(preset, role) <= block.size, (preset.name, role)
            assert "".join(layout.texts["title"].lines) == content.title.text.replace(" ", "")
            if content.disclosure is not None:
                disclosure = layout.texts["disclosure"]
                assert "".join(disclosure.lines) == content.disclosure.text
                assert disclosure.size >= min_px(preset, "disclosure") >= 12
            checked += 1
    assert checked >= 12 * len(PRESETS[channel])


def test_compact_preset_leaves_the_platform_text_out(
    fonts: CjkFonts, bank_card: Creative, bank_pack: BrandPack
) -> None:
    layout = layout_banner(
        fonts, get_preset("dsp", "370x245"), banner_content(bank_pack, bank_card)
    )
    assert layout.omitted == ("brand", "subtitle", "cta")
    assert set(layout.texts) == {"title", "disclosure"}
    assert layout.callout is not None and layout.button is None


LONG_TITLE = "春耕备耕正当时，低息贷款减轻负担，随借随还更灵活，线上申请最快当天放款"


def test_a_long_title_is_reported_not_clipped(
    renderer: BannerRenderer, fonts: CjkFonts, bank_pack: BrandPack
) -> None:
    made = creative(
        bank_pack, "home_card", title=LONG_TITLE, subtitle="年化利率3.6%起", cta="立即申请"
    )
    preset = get_preset("home_card", "750x300")
    banner = renderer.render(bank_pack, made, preset)
    (overflow,) = banner.layout.overflows
    assert overflow.role == "title" and overflow.reason == "lines"
    assert overflow.message() == (
        "title does not fit (lines): needs 3 lines, has 2 lines at the minimum size 31px"
    )
    assert overflow.message_zh() == "标题放不下：最小字号31px时需要3行，只有2行，请缩短文案"
    title = banner.layout.texts["title"]
    assert title.size == min_px(preset, "title") == 31
    assert "".join(title.lines) == LONG_TITLE
    assert banner.metadata["overflows"] == [overflow.message()]
    x, y, _w, h = title.box
    marked = banner.image.getpixel((x - 2, y + h // 2))
    assert marked == (230, 20, 20)
    with pytest.raises(InputError) as info:
        encode(banner)
    assert info.value.code == "banner_overflow"
    assert str(info.value) == "banner does not fit: " + overflow.message()
    assert info.value.message_zh == "横幅文字放不下：" + overflow.message_zh()


@pytest.mark.parametrize(
    ("fields", "code", "message"),
    [
        (
            {"subtitle": "年化利率3.6%起"},
            "banner_missing_title",
            "creative c1 has no title/headline field to put on a banner",
        ),
        (
            {"title": "   "},
            "banner_missing_title",
            "creative c1 has no title/headline field to put on a banner",
        ),
    ],
)
def test_bad_creatives(
    bank_pack: BrandPack, fields: dict[str, str], code: str, message: str
) -> None:
    with pytest.raises(InputError) as info:
        banner_content(bank_pack, creative(bank_pack, "home_card", **fields))
    assert (info.value.code, str(info.value)) == (code, message)


@pytest.mark.parametrize(
    ("channel", "size", "code", "message"),
    [
        (
            "sms",
            "750x300",
            "no_banner_presets",
            "channel 'sms' has no banner presets; channels with banners: dsp, home_card",
        ),
        (
            "home_card",
            "100x100",
            "unknown_banner_size",
            "no home_card banner preset of size '100x100'; sizes: 750x300, 1080x450, 690x240",
        ),
    ],
)
def test_bad_presets(channel: str, size: str, code: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        get_preset(channel, size)
    assert (info.value.code, str(info.value)) == (code, message)


def test_presets_cover_the_channel_sizes() -> None:
    from huashu.channels import DSP_PRESETS
    from huashu.channels.home_card import BANNER_SIZES

    ours = {ch: {(p.width, p.height) for p in presets} for ch, presets in PRESETS.items()}
    assert set(BANNER_SIZES) <= ours["home_card"]
    assert {s for p in DSP_PRESETS.values() for s in p.image_sizes} <= ours["dsp"]
    assert get_preset("home_card", "750×300").name == "home_card-750x300"
