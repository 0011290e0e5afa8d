"""Rendered banners: golden images re-rendered within tolerance, the disclosure's pixels, text
sources in the metadata, legible contrast, and what the callout and small print say."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from huashu.domain import BrandPack, Creative
from huashu.images import (
    BannerRenderer,
    CjkFonts,
    GradientBackground,
    RenderedBanner,
    banner_content,
    get_preset,
)
from tests.images.conftest import creative
from tests.images.golden_cases import CASES, GOLDEN, Case, case_creative, difference, render_case

MEAN_TOLERANCE = 1.0
PIXEL_TOLERANCE = 0.002


def _pack(case: Case, bank_pack: BrandPack, cosmetics_pack: BrandPack) -> BrandPack:
    return bank_pack if case.pack == "rural_bank" else cosmetics_pack


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_banner_matches_its_golden_image(
    fonts: CjkFonts, case: Case, bank_pack: BrandPack, cosmetics_pack: BrandPack
) -> None:
    pack = _pack(case, bank_pack, cosmetics_pack)
    renderer = BannerRenderer(fonts, GradientBackground(pattern=case.pattern))  # type: ignore[arg-type]
    banner = render_case(case, pack, renderer)
    assert banner.fits
    with Image.open(GOLDEN / f"{case.name}.png") as golden:
        mean, share = difference(banner.image, golden)
    assert mean <= MEAN_TOLERANCE and share <= PIXEL_TOLERANCE, (mean, share)


@pytest.mark.parametrize(
    ("field", "changed"),
    [
        ("title", "种植户看过去"),
        ("subtitle", "低息贷款减轻负担，年化利率3.8%起"),
        ("cta", "马上申请"),
    ],
)
def test_one_changed_character_fails_the_golden_check(
    renderer: BannerRenderer, bank_pack: BrandPack, field: str, changed: str
) -> None:
    case = CASES[0]
    fields = {**case.fields, field: changed}
    made = creative(bank_pack, "home_card", **fields)
    banner = renderer.render(bank_pack, made, get_preset("home_card", "750x300"))
    with Image.open(GOLDEN / f"{case.name}.png") as golden:
        _mean, share = difference(banner.image, golden)
    assert share > PIXEL_TOLERANCE


def _ink(image: Image.Image, box: tuple[int, int, int, int], threshold: int = 200) -> np.ndarray:
    x, y, w, h = box
    gray = np.asarray(image.convert("L").crop((x, y, x + w, y + h)), dtype=np.int16)
    return np.asarray(gray > threshold)


def test_disclosure_area_holds_exactly_the_disclosure_text(
    fonts: CjkFonts, renderer: BannerRenderer, bank_pack: BrandPack, bank_card: Creative
) -> None:
    banner = renderer.render(bank_pack, bank_card, get_preset("home_card", "750x300"))
    block = banner.layout.texts["disclosure"]
    assert block.lines == ("年化利率3.6%起，具体以审批结果为准",)
    ink = _ink(banner.image, block.box, threshold=150)
    assert 0.05 < ink.mean() < 0.5

    def mismatch(lines: tuple[str, ...]) -> int:
        """Differing ink pixels in the worst half-glyph-wide strip against ``lines`` alone."""
        alone = Image.new("L", banner.image.size, 0)
        draw = ImageDraw.Draw(alone)
        x, y, _, _ = block.box
        for i, line in enumerate(lines):
            at = (x, y + i * block.line_height + block.line_height / 2)
            draw.text(at, line, font=fonts.font(block.size), fill=240, anchor="lm")
        expected = _ink(alone, block.box, threshold=150)
        columns = (ink ^ expected).sum(axis=0)
        window = np.convolve(columns, np.ones(block.size // 2), mode="valid")
        return int(window.max())

    exact = mismatch(block.lines)
    assert exact <= 20
    for wrong in ("年化利率3.8%起，具体以审批结果为准", "年化利率3.6%起，具体以审核结果为准", ""):
        assert mismatch((wrong,)) > 2 * exact
    _band_x, band_y, band_w, band_h = banner.layout.disclosure_band or (0, 0, 0, 0)
    assert band_y + band_h == banner.image.height and band_w == banner.image.width


def test_metadata_records_fields_sources_background_and_font(
    renderer: BannerRenderer, fonts: CjkFonts, bank_pack: BrandPack, bank_card: Creative
) -> None:
    banner = renderer.render(bank_pack, bank_card, get_preset("home_card", "1080x450"), seed=3)
    meta = banner.metadata
    assert meta["fields"] == {
        "brand": {"text": "春田农商银行", "source": "brand:name"},
        "title": {"text": "种植户看过来", "source": "field:title"},
        "subtitle": {"text": "低息贷款减轻负担，年化利率3.6%起", "source": "field:subtitle"},
        "cta": {"text": "立即申请", "source": "field:cta"},
        "callout": {"text": "年化利率3.6%起", "source": "fact:annual_rate@field:subtitle"},
        "disclosure": {
            "text": "年化利率3.6%起，具体以审批结果为准",
            "source": "fact:annual_rate+template:finance",
        },
    }
    assert meta["background"] == {
        "backend": "gradient",
        "pattern": "",
        "seed": "3",
        "primary": "#1B7F3B",
        "accent": "#F5A623",
    }
    assert meta["font"] == fonts.describe()
    assert (meta["creative_id"], meta["preset"], meta["size"]) == (
        "c1",
        "home_card-1080x450",
        [1080, 450],
    )
    assert meta["min_contrast"] >= 4.5
    assert set(meta["boxes"]) == {"brand", "title", "subtitle", "cta", "callout", "disclosure"}


def _text_in(banner: RenderedBanner) -> str:
    return "".join("".join(b.lines) for b in banner.layout.texts.values())


def test_every_word_on_the_banner_comes_from_fields_facts_or_brand(
    renderer: BannerRenderer, cosmetics_pack: BrandPack, cosmetics_card: Creative
) -> None:
    for preset_size in ("750x300", "1080x450", "690x240"):
        banner = renderer.render(
            cosmetics_pack, cosmetics_card, get_preset("home_card", preset_size)
        )
        allowed = cosmetics_card.text + cosmetics_pack.brand.name + "，以下单页面实际价格为准"
        allowed += "".join(f.text for f in cosmetics_pack.facts)
        assert set(_text_in(banner)) <= set(allowed)
        assert banner.metadata["min_contrast"] >= 4.5


@pytest.mark.parametrize(
    ("pack_name", "fields", "callout", "disclosure"),
    [
        (
            "bank_pack",
            {"title": "春耕备耕正当时", "subtitle": "符合条件可享优惠，优惠后年化利率3.3%起"},
            "优惠后年化利率3.3%起",
            "优惠后年化利率3.3%起，具体以审批结果为准",
        ),
        (
            "bank_pack",
            {"title": "生意周转不用愁", "subtitle": "30万元额度，纯信用免抵押"},
            "最高额度30万元",
            "年化利率3.6%起，具体以审批结果为准",
        ),
        (
            "bank_pack",
            {
                "title": "工薪族的贴心好帮手",
                "subtitle": "随借随还更灵活",
                "disclosure": "年化利率3.6%起，以审批结果为准",
            },
            None,
            "年化利率3.6%起，以审批结果为准",
        ),
        (
            "cosmetics_pack",
            {"title": "油皮亲妈来了", "subtitle": "清爽控油不紧绷，50ml129元"},
            "到手价129元",
            "到手价129元，以下单页面实际价格为准",
        ),
    ],
)
def test_callout_and_disclosure_come_from_facts(
    request: pytest.FixtureRequest,
    pack_name: str,
    fields: dict[str, str],
    callout: str | None,
    disclosure: str,
) -> None:
    pack: BrandPack = request.getfixturevalue(pack_name)
    content = banner_content(pack, creative(pack, "home_card", **fields))
    assert (content.callout.text if content.callout else None) == callout
    assert content.disclosure is not None and content.disclosure.text == disclosure


def test_general_brands_get_no_disclosure(bank_pack: BrandPack) -> None:
    general = bank_pack.model_copy(
        update={"brand": bank_pack.brand.model_copy(update={"industry": "general"})}
    )
    content = banner_content(general, creative(general, "home_card", title="春耕备耕正当时"))
    assert content.disclosure is None and content.subtitle is None and content.cta is None


def test_every_example_case_renders_on_every_size(
    renderer: BannerRenderer, bank_pack: BrandPack, cosmetics_pack: BrandPack
) -> None:
    for case in CASES:
        pack = _pack(case, bank_pack, cosmetics_pack)
        banners = renderer.render_all(pack, case_creative(case, pack))
        assert all(b.fits for b in banners)
        assert [b.image.size for b in banners] == [
            (p.width, p.height)
            for p in __import__("huashu.images", fromlist=["PRESETS"]).PRESETS[case.channel]
        ]


def test_rendering_is_deterministic_and_leaves_the_background_untouched(
    renderer: BannerRenderer, bank_pack: BrandPack, bank_card: Creative
) -> None:
    preset = get_preset("home_card", "690x240")
    first = renderer.render(bank_pack, bank_card, preset)
    second = renderer.render(bank_pack, bank_card, preset)
    assert np.array_equal(np.asarray(first.image), np.asarray(second.image))
    fresh = BannerRenderer(renderer.fonts).render(bank_pack, bank_card, preset)
    assert np.array_equal(np.asarray(first.image), np.asarray(fresh.image))
