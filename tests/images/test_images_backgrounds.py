"""Built-in backgrounds: brand-colour gradients and patterns, a user image cropped to fit, and
choosing a backend by name."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from huashu.domain import BrandPack, Creative, InputError
from huashu.images import (
    PRESETS,
    BackgroundRequest,
    BannerRenderer,
    CjkFonts,
    GradientBackground,
    ImageBackend,
    ImageFileBackground,
    ImagesAPIConfig,
    OpenAIImagesBackend,
    Palette,
    make_background,
)


@pytest.fixture
def request_(bank_pack: BrandPack) -> BackgroundRequest:
    return BackgroundRequest(750, 300, Palette.of(bank_pack), seed=1, subject="春田农商银行")


def test_gradient_is_made_of_the_brand_colours(request_: BackgroundRequest) -> None:
    backend = GradientBackground()
    image = backend.background(request_).image
    assert image.size == (750, 300) and image.mode == "RGB"
    pixels = np.asarray(image, dtype=np.float64)
    green = pixels[:, :150].mean(axis=(0, 1))
    assert green[1] > green[0] + 40 and green[1] > green[2] + 40
    again = GradientBackground().background(request_).image
    assert np.array_equal(np.asarray(again), pixels.astype(np.uint8))
    other = (
        GradientBackground().background(BackgroundRequest(750, 300, request_.palette, seed=2)).image
    )
    assert not np.array_equal(np.asarray(other), np.asarray(again))


@pytest.mark.parametrize("pattern", ["dots", "waves", "rings"])
def test_patterns_lighten_the_gradient(request_: BackgroundRequest, pattern: str) -> None:
    plain = np.asarray(GradientBackground().background(request_).image, dtype=np.int16)
    made = GradientBackground(pattern=pattern).background(request_)  # type: ignore[arg-type]
    patterned = np.asarray(made.image, dtype=np.int16)
    lighter = (patterned - plain).sum(axis=2) > 10
    assert 0.005 < lighter.mean() < 0.5
    assert (patterned >= plain - 1).all()
    assert made.source["pattern"] == pattern and made.source["backend"] == "pattern"


def _quadrants(path: Path) -> Path:
    image = Image.new("RGB", (400, 400), (255, 0, 0))
    image.paste((0, 0, 255), (0, 200, 400, 400))
    image.save(path)
    return path


def test_a_user_image_is_cropped_to_cover(tmp_path: Path, request_: BackgroundRequest) -> None:
    backend = ImageFileBackground(_quadrants(tmp_path / "photo.png"))
    made = backend.background(request_)
    assert made.image.size == (750, 300)
    top, bottom = made.image.getpixel((375, 5)), made.image.getpixel((375, 295))
    assert top == (255, 0, 0) and bottom == (0, 0, 255)
    assert made.source["backend"] == "image" and made.source["original_size"] == "400x400"
    assert len(made.source["sha256"]) == 64
    focused = ImageFileBackground(tmp_path / "photo.png", focus=(0.5, 0.0)).background(request_)
    assert focused.image.getpixel((375, 295)) == (255, 0, 0)


def test_banners_over_a_bright_user_image_stay_legible(
    tmp_path: Path, fonts: CjkFonts, bank_pack: BrandPack, bank_card: Creative
) -> None:
    bright = tmp_path / "bright.png"
    photo = Image.new("RGB", (1200, 800), (250, 245, 235))
    photo.paste((120, 170, 70), (0, 500, 1200, 800))
    photo.save(bright)
    renderer = BannerRenderer(fonts, ImageFileBackground(bright))
    for preset in (*PRESETS["home_card"], *PRESETS["dsp"]):
        banner = renderer.render(bank_pack, bank_card, preset)
        assert banner.metadata["scrim_alpha"] > 0.5, preset.name
        assert banner.metadata["min_contrast"] >= 4.5, preset.name
        assert banner.metadata["background"]["file"] == "bright.png"
        assert banner.image.getpixel((2, 2)) != (250, 245, 235)
        if preset.shape == "wide" and not preset.compact:
            assert banner.image.getpixel((preset.width - 2, 2)) == (250, 245, 235)


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (
            lambda tmp: ImageFileBackground(tmp / "none.jpg"),
            "background_not_found",
            "background image {tmp}/none.jpg does not exist",
        ),
        (
            lambda tmp: GradientBackground(pattern="plaid"),
            "unknown_pattern",
            "unknown background pattern 'plaid'; known: dots, waves, rings",
        ),
        (
            lambda tmp: make_background("sky"),
            "unknown_background",
            "unknown background 'sky'; known: gradient, pattern:dots, pattern:waves, "
            "pattern:rings, image:PATH, openai",
        ),
        (
            lambda tmp: make_background("openai"),
            "images_endpoint_missing",
            "the openai background needs an images endpoint: set --images-base-url",
        ),
    ],
)
def test_bad_backgrounds(tmp_path: Path, make: object, code: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        make(tmp_path)  # type: ignore[operator]
    assert (info.value.code, str(info.value)) == (code, message.format(tmp=tmp_path))


def test_an_unreadable_user_image(tmp_path: Path, request_: BackgroundRequest) -> None:
    path = tmp_path / "fake.jpg"
    path.write_bytes(b"not an image")
    with pytest.raises(InputError) as info:
        ImageFileBackground(path).background(request_)
    assert info.value.code == "invalid_image"
    assert str(info.value).startswith(f"background image {path} is not a readable image")


def test_backends_by_name(tmp_path: Path) -> None:
    photo = _quadrants(tmp_path / "p.png")
    made: dict[str, ImageBackend] = {
        spec: make_background(spec, images_api=ImagesAPIConfig("http://127.0.0.1:9/v1"))
        for spec in ("gradient", "pattern:waves", f"image:{photo}", "openai")
    }
    assert [b.name for b in made.values()] == ["gradient", "pattern", "image", "openai"]
    assert isinstance(made["openai"], OpenAIImagesBackend)
    assert all(isinstance(b, ImageBackend) for b in made.values())
