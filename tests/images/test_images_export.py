"""Export: PNG, JPEG and WebP within the preset's byte limit, metadata embedded in each."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from huashu.domain import BrandPack, Creative, InputError
from huashu.images import BannerRenderer, RenderedBanner, encode, get_preset, read_metadata
from huashu.images.export import PNG_LADDER, QUALITY_LADDER, _save


@pytest.fixture
def banner(renderer: BannerRenderer, bank_pack: BrandPack, bank_card: Creative) -> RenderedBanner:
    return renderer.render(bank_pack, bank_card, get_preset("dsp", "1280x720"))


@pytest.mark.parametrize("fmt", ["png", "jpeg", "webp"])
def test_each_format_fits_the_limit_and_carries_metadata(banner: RenderedBanner, fmt: str) -> None:
    encoded = encode(banner, fmt)
    assert encoded.format == fmt
    assert encoded.size <= encoded.max_bytes == 500 * 1024
    with Image.open(io.BytesIO(encoded.data)) as image:
        assert image.format == {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}[fmt]
        assert image.size == (1280, 720)
    meta = read_metadata(encoded.data)
    assert meta == banner.metadata
    assert meta["fields"]["callout"]["text"] == "年化利率3.6%起"


def test_the_default_is_the_presets_format(
    renderer: BannerRenderer, bank_pack: BrandPack, bank_card: Creative
) -> None:
    card = renderer.render(bank_pack, bank_card, get_preset("home_card", "750x300"))
    encoded = encode(card)
    assert (encoded.format, encoded.max_bytes) == ("png", 150 * 1024)
    assert (encoded.quality, encoded.colors) == (3, 0)


@pytest.mark.parametrize(("fmt", "step"), [("jpeg", 2), ("webp", 3), ("png", 3)])
def test_a_tight_limit_takes_the_first_setting_that_fits(
    banner: RenderedBanner, fmt: str, step: int
) -> None:
    ladder = PNG_LADDER if fmt == "png" else tuple((q, 0) for q in QUALITY_LADDER)
    meta = json.dumps(banner.metadata, ensure_ascii=False, sort_keys=True)
    sizes = [len(_save(banner.image, fmt, meta, q, c)) for q, c in ladder]  # type: ignore[arg-type]
    limit = sizes[step]
    assert all(size > limit for size in sizes[:step])
    encoded = encode(banner, fmt, limit)
    assert encoded.size == limit
    assert (encoded.quality, encoded.colors) == ladder[step]


@pytest.mark.parametrize(
    ("fmt", "limit", "code", "message"),
    [
        ("gif", None, "unknown_image_format", "unknown image format 'gif'; known: png, jpeg, webp"),
        (
            "jpeg",
            2_000,
            "banner_too_large",
            "jpeg banner is {n} bytes at the lowest setting, over the limit 2000",
        ),
    ],
)
def test_export_errors(
    banner: RenderedBanner, fmt: str, limit: int | None, code: str, message: str
) -> None:
    with pytest.raises(InputError) as info:
        encode(banner, fmt, limit)
    assert info.value.code == code
    assert str(info.value) == message.format(n=info.value.details.get("bytes"))


def test_plain_images_have_no_metadata() -> None:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG")
    with pytest.raises(InputError) as info:
        read_metadata(out.getvalue())
    assert (info.value.code, str(info.value)) == (
        "no_banner_metadata",
        "image carries no huashu banner metadata",
    )
