"""The banners kept as golden images in tests/images/golden/; regenerate them (after a
deliberate change to the layout or the font) with ``python -m tests.images.golden_cases``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from huashu.domain import BrandPack, Creative
from huashu.images import (
    BannerRenderer,
    GradientBackground,
    RenderedBanner,
    find_cjk_fonts,
    get_preset,
)
from tests.images.conftest import creative

GOLDEN = Path(__file__).resolve().parent / "golden"


@dataclass(frozen=True)
class Case:
    name: str
    pack: str
    channel: str
    size: str
    fields: dict[str, str]
    pattern: str | None = None


CASES = (
    Case(
        "bank-home_card-750x300",
        "rural_bank",
        "home_card",
        "750x300",
        {
            "title": "种植户看过来",
            "subtitle": "低息贷款减轻负担，年化利率3.6%起",
            "cta": "立即申请",
        },
    ),
    Case(
        "cosmetics-home_card-690x240",
        "cosmetics_xhs",
        "home_card",
        "690x240",
        {
            "title": "干皮秋冬救星",
            "subtitle": "温和配方无酒精，5%烟酰胺，50ml到手价129元",
            "cta": "戳链接试试",
        },
        "dots",
    ),
    Case(
        "bank-dsp-370x245",
        "rural_bank",
        "dsp",
        "370x245",
        {
            "headline": "养殖户专属资金支持",
            "description": "30万元额度，年化利率3.6%起",
            "cta": "立即申请",
        },
    ),
)


def case_creative(case: Case, pack: BrandPack) -> Creative:
    return creative(pack, case.channel, f"golden-{case.name}", **case.fields)  # type: ignore[arg-type]


def render_case(case: Case, pack: BrandPack, renderer: BannerRenderer) -> RenderedBanner:
    return renderer.render(pack, case_creative(case, pack), get_preset(case.channel, case.size))


def difference(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """(mean absolute difference per channel, share of pixels differing by more than 48)."""
    x = np.asarray(a.convert("RGB"), dtype=np.int16)
    y = np.asarray(b.convert("RGB"), dtype=np.int16)
    if x.shape != y.shape:
        return 255.0, 1.0
    diff = np.abs(x - y)
    return float(diff.mean()), float((diff.max(axis=2) > 48).mean())


def main() -> None:
    import yaml

    examples = Path(__file__).resolve().parents[2] / "examples"
    fonts = find_cjk_fonts()
    GOLDEN.mkdir(exist_ok=True)
    for case in CASES:
        pack = BrandPack.model_validate(
            yaml.safe_load((examples / f"{case.pack}.yaml").read_text("utf-8"))
        )
        renderer = BannerRenderer(fonts, GradientBackground(pattern=case.pattern))  # type: ignore[arg-type]
        banner = render_case(case, pack, renderer)
        banner.image.save(GOLDEN / f"{case.name}.png", optimize=True)
        print(GOLDEN / f"{case.name}.png")


if __name__ == "__main__":
    main()
