"""Fixtures for banner tests: the CJK fonts the project's set-up installs, example creatives."""

from __future__ import annotations

import pytest

from huashu.domain import BrandPack, ChannelName, Creative, Provenance
from huashu.images import BannerRenderer, CjkFonts, find_cjk_fonts

PROVENANCE = Provenance(backend="test", model="fixed", template_version="t1", seed=0)


def creative(pack: BrandPack, channel: ChannelName, cid: str = "c1", **fields: str) -> Creative:
    return Creative(
        id=cid,
        brand_id=pack.id,
        segment_key="all",
        channel=channel,
        fields=fields,
        provenance=PROVENANCE,
    )


@pytest.fixture(scope="session")
def fonts() -> CjkFonts:
    return find_cjk_fonts()


@pytest.fixture
def renderer(fonts: CjkFonts) -> BannerRenderer:
    return BannerRenderer(fonts)


@pytest.fixture
def bank_card(bank_pack: BrandPack) -> Creative:
    return creative(
        bank_pack,
        "home_card",
        title="种植户看过来",
        subtitle="低息贷款减轻负担，年化利率3.6%起",
        cta="立即申请",
    )


@pytest.fixture
def cosmetics_card(cosmetics_pack: BrandPack) -> Creative:
    return creative(
        cosmetics_pack,
        "home_card",
        title="干皮秋冬救星",
        subtitle="温和配方无酒精，5%烟酰胺，50ml到手价129元",
        cta="戳链接试试",
    )
