"""The 数据 page's charts leave no blank box: each chart's figure is as tall as its caption and
image (before, the short retention heatmap sat in a box as tall as the funnel beside it, half
of it empty), the image keeps its own aspect, and at 1440 px the charts stand in two columns,
at 390 px in one. Screenshots: data-layout-1440, data-layout-390."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from huashu.config import Settings
from huashu.web import create_app
from tests.loopback import run_asgi
from tests.ui.conftest import PASSWORD, Site, fits_window, seed
from tests.web.data_pages import seed_analytics

pytestmark = pytest.mark.ui
#: what a figure may hold besides its caption and image: padding, borders, the caption's margin
SLACK_PX = 32

MEASURE = """() => [...document.querySelectorAll('.charts figure')].map((f) => {
  const box = f.getBoundingClientRect();
  const caption = f.querySelector('figcaption').getBoundingClientRect();
  const img = f.querySelector('img');
  const shown = img.getBoundingClientRect();
  return {
    name: f.dataset.chart, left: Math.round(box.left), height: box.height,
    content: caption.height + shown.height, width: shown.width, shownHeight: shown.height,
    ratio: img.naturalHeight / img.naturalWidth,
  };
})"""


@pytest.fixture(scope="module")
def data_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("ui-data-layout"),
        snapshot_rebuild_seconds=0,
        outbox_interval_seconds=0,
    )
    seed(settings)
    seed_analytics(settings)
    with run_asgi(create_app(settings)) as base:
        yield Site(base, settings, tmp_path_factory.mktemp("ui-data-layout-shots"))


@pytest.mark.parametrize(("width", "columns"), [(1440, 2), (390, 1)])
def test_charts_leave_no_blank_box(
    data_site: Site, browser: Browser, width: int, columns: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{data_site.base}/login")
    page.fill("input[name=username]", "zhang")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{data_site.base}/data")
    images = page.locator(".charts img")
    expect(images).to_have_count(4)
    for image in images.all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
    page.evaluate("window.scrollTo(0, 0)")
    figures = page.evaluate(MEASURE)
    assert [f["name"] for f in figures] == ["cohorts", "funnel", "roi", "attribution"]
    for f in figures:
        blank = f["height"] - f["content"]
        assert blank <= SLACK_PX, f"{f['name']}: {blank:.0f} px of its box is empty ({f})"
        assert abs(f["shownHeight"] - f["width"] * f["ratio"]) <= 2, f  # no letterbox
    assert len({f["left"] for f in figures}) == columns, figures
    assert fits_window(page)
    data_site.shot(page, f"data-layout-{width}")
    context.close()
