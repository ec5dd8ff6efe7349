"""The prisoner-status page in a real Chromium: renders every chart and the sponsors' map offline, without
console errors or requests to any host but the app's own, on a projector-sized and a phone-sized screen."""

import csv

import pytest

from tests.browser.visit import open_page

pytestmark = pytest.mark.browser

SECTIONS = {
    "held": '[data-testid="stPlotlyChart"]',
    "split": '.st-key-split_chart [data-testid="stPlotlyChart"]',
    "sponsors": '[data-testid="stDeckGlJsonChart"]',
}


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (390, 844)])
def test_prisoners_page_renders_offline(browser, live_app, width, height):
    visit = open_page(browser, f"{live_app.url}/prisoners", width, height)
    visit.wait_until_idle('[data-testid="stMetric"]')
    page = visit.page
    visit.screenshot(f"prisoners-top-{width}x{height}")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 4
    assert page.locator('[data-testid="stDownloadButton"]').count() >= 8
    body = page.inner_text("body")
    assert "LIBERTAS" in body and "80–200" in body
    for name, selector in SECTIONS.items():
        element = page.locator(selector).first
        element.scroll_into_view_if_needed()
        element.wait_for(state="visible")
        page.wait_for_timeout(1200)  # plotly / deck.gl paint after scrolling into view
        visit.screenshot(f"prisoners-{name}-{width}x{height}")
    # The held chart really drew its lines (an SVG path per trace), not an empty frame.
    assert page.locator('[data-testid="stPlotlyChart"] .scatterlayer .trace').count() >= 8
    # The release and capture numbers print over each other on a phone: shown on wide screens only.
    numbers = page.locator(".st-key-held_chart text.bartext")
    assert numbers.count() >= 10 and numbers.first.is_visible() == (width > 640)
    assert visit.app_errors() == []
    assert visit.foreign_requests == []
    page.context.close()


def test_prisoners_page_in_armenian(browser, live_app):
    visit = open_page(browser, f"{live_app.url}/prisoners?lang=hy", 1920, 1080)
    visit.wait_until_idle('[data-testid="stMetric"]')
    assert "Քանի՞սն են այսօր պահվում" in visit.page.inner_text("body")
    visit.screenshot("prisoners-top-hy-1920x1080")
    assert visit.app_errors() == []
    assert visit.foreign_requests == []
    visit.page.context.close()


def test_a_series_downloads_with_its_sources(browser, live_app):
    visit = open_page(browser, f"{live_app.url}/prisoners", 1920, 1080)
    visit.wait_until_idle('[data-testid="stMetric"]')
    with visit.page.expect_download() as download:
        visit.page.locator(".st-key-download_held-by-body button").click()
    assert download.value.suggested_filename == "karabakh-atlas-held-by-body.csv"
    lines = open(download.value.path(), encoding="utf-8").read().splitlines()  # plain CSV: no BOM, no comments
    assert "SEED-LIB" in "\n".join(lines)  # every row keeps its sources
    header = next(csv.reader([lines[0]]))
    assert {"counting_body", "held_total", "source_ids"} <= set(header)
    assert len(lines) > 10
    assert visit.app_errors() == [] and visit.foreign_requests == []
    visit.page.context.close()
