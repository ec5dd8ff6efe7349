"""Every page in a real Chromium: renders, no console errors, no request to any host but the app's own."""

import pytest

from tests.browser.visit import open_page

pytestmark = pytest.mark.browser

# URL path of each page (the timeline is the default page, served at the root) and what must be visible.
PAGES = {
    "": '[data-testid="stPlotlyChart"]',
    "map": '[data-testid="stDeckGlJsonChart"]',
    "prisoners": '[data-testid="stPlotlyChart"]',
    "sources": '[data-testid="stDataFrame"]',
}


@pytest.mark.parametrize("page_name", PAGES)
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (390, 844)])
def test_page_renders_offline_without_errors(browser, live_app, page_name, width, height):
    visit = open_page(browser, f"{live_app.url}/{page_name}", width, height)
    visit.wait_until_idle(PAGES[page_name])
    visit.screenshot(f"{page_name or 'timeline'}-{width}x{height}")
    assert visit.page.locator('[data-testid="stException"]').count() == 0
    assert visit.app_errors() == []
    assert visit.foreign_requests == []
    visit.page.context.close()


def test_permalink_restores_filters_in_browser(browser, live_app):
    visit = open_page(browser, f"{live_app.url}/?cat=prisoners&from=2021-01-01&to=2023-12-31&lang=fr")
    visit.wait_until_idle('[data-testid="stPlotlyChart"]')
    sentence = visit.page.locator("strong", has_text="événements sur").first.inner_text()
    assert "Prisonniers" in sentence and "2021-01-01" in sentence
    # Navigating to another page keeps the filters in the address bar.
    visit.page.get_by_role("link", name="Carte").click()
    visit.page.wait_for_url("**/map?**")
    visit.wait_until_idle("h1")
    assert "cat=prisoners" in visit.page.url and "lang=fr" in visit.page.url
    visit.page.context.close()


def test_hostile_strings_stay_text(browser, hostile_app):
    visit = open_page(browser, f"{hostile_app.url}/?cat=prisoners")
    visit.wait_until_idle('[data-testid="stPlotlyChart"]')
    body = visit.page.inner_text("body")
    assert "<img src=x onerror=alert(1)>" in body  # shown literally, as typed
    assert visit.page.locator("img[src='x']").count() == 0
    assert visit.page.locator("a[href^='javascript']").count() == 0
    assert visit.dialogs == []
    visit.screenshot("hostile-timeline")
    visit.page.context.close()


def test_armenian_renders_with_the_bundled_font(browser, live_app):
    visit = open_page(browser, f"{live_app.url}/?lang=hy")
    visit.wait_until_idle('[data-testid="stPlotlyChart"]')
    loaded = visit.page.evaluate(
        "Promise.all([...document.fonts].filter(f => f.family.includes('Noto Sans Armenian')).map(f => f.load()))"
        ".then(faces => faces.map(f => f.status))"
    )
    assert loaded and set(loaded) == {"loaded"}  # served by the app itself, no system font needed
    assert "Ժամանակագրություն" in visit.page.inner_text("body")
    visit.screenshot("timeline-hy")
    assert visit.foreign_requests == []
    visit.page.context.close()
