"""The map page in a real Chromium with the network cut: incursions played month by month, the 1923, 1994
and 2021 borders one after another, every event; no console error, no request to another host, and a
hostile place name shown as typed (in the list and in the map's tooltip), never run."""

from __future__ import annotations

import io
import math
import time

import pytest
from PIL import Image

from atlas import maps
from atlas.load import load_dataset
from tests.browser.visit import open_page
from tests.conftest import DATA

pytestmark = pytest.mark.browser

DECK = '[data-testid="stDeckGlJsonChart"]'
CANVAS = f"{DECK} canvas"


def _open_map(browser, app, width: int = 1920, height: int = 1080):
    visit = open_page(browser, f"{app.url}/map", width, height)
    visit.wait_until_idle(CANVAS)
    # deck.gl paints in software here, slowly on a loaded machine: wait until the canvas shows a drawn map
    # (borders, labels, sites: many colours) rather than for a fixed time, then a moment for picking.
    deadline = time.monotonic() + 30
    while _distinct_colours(visit) <= 20 and time.monotonic() < deadline:
        visit.page.wait_for_timeout(300)
    visit.page.wait_for_timeout(500)
    return visit


def _distinct_colours(visit) -> int:
    """How many colours the map canvas shows: a blank or failed deck has one or two."""
    png = visit.page.locator(DECK).first.screenshot()
    image = Image.open(io.BytesIO(png)).convert("RGB").resize((200, 120))
    return len(image.getcolors(maxcolors=200 * 120))


def _clean(visit) -> None:
    assert visit.page.locator('[data-testid="stException"]').count() == 0
    assert visit.app_errors() == []
    assert visit.foreign_requests == []
    assert visit.dialogs == []


def _wait_for_text(visit, text: str, timeout_ms: int = 30_000) -> None:
    visit.page.get_by_text(text, exact=False).first.wait_for(state="visible", timeout=timeout_ms)


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (390, 844)])
def test_incursion_map_draws_offline(browser, live_app, width, height):
    visit = _open_map(browser, live_app, width, height)
    assert _distinct_colours(visit) > 20  # borders, labels and sites were drawn
    visit.screenshot(f"map-incursions-{width}x{height}")
    box = visit.page.locator(DECK).first.bounding_box()
    assert box["width"] <= width and box["height"] >= 400
    _clean(visit)
    visit.page.context.close()


def test_play_incursions_month_by_month(browser, live_app):
    visit = _open_map(browser, live_app)
    visit.page.get_by_role("button", name="Play month by month").click()
    # Opened on the latest episode, the player starts the story again at May 2021, then moves on by itself.
    heading = visit.page.locator("h3").first
    for month in ("May 2021", "June 2021", "July 2021", "August 2021"):
        heading.filter(has_text=month).wait_for(state="visible", timeout=20_000)
        if month == "July 2021":  # while it plays, the address follows the month shown, not one behind
            visit.page.wait_for_url("**month=2021-07**", timeout=5_000)
    visit.page.get_by_role("button", name="Pause").click()
    visit.page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    visit.page.wait_for_timeout(1500)
    visit.screenshot("map-incursions-playing-1920x1080")
    paused_at = visit.page.locator("h3").first.inner_text()
    visit.page.wait_for_timeout(4000)  # more than two ticks: nothing moves once paused
    assert visit.page.locator("h3").first.inner_text() == paused_at
    _clean(visit)
    visit.page.context.close()


def test_teacher_shows_1923_1994_2021_borders(browser, live_app):
    visit = _open_map(browser, live_app)
    visit.page.get_by_text("Borders by year", exact=True).click()
    for year, shape in (
        (1923, "Nagorno-Karabakh Autonomous Oblast"),
        (1994, "Area held by Armenian forces (1994-2020)"),
        (2021, "Lachin corridor"),
    ):
        visit.page.get_by_role("button", name=str(year), exact=True).click()
        _wait_for_text(visit, f"Borders on 31 December {year}")
        visit.page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
        visit.page.wait_for_timeout(1500)
        legend = visit.page.locator('[data-testid="stDataFrame"]').first.inner_text()
        assert shape in legend or visit.page.get_by_text(shape).count() > 0
        visit.screenshot(f"map-borders-{year}-1920x1080")
    assert _distinct_colours(visit) > 20
    _clean(visit)
    visit.page.context.close()


def test_all_events_mode(browser, live_app):
    visit = _open_map(browser, live_app)
    visit.page.get_by_text("All events", exact=True).click()
    _wait_for_text(visit, "events on the map")
    visit.page.wait_for_timeout(1500)
    visit.screenshot("map-events-1920x1080")
    _clean(visit)
    visit.page.context.close()


def test_hostile_site_name_shows_literally(browser, hostile_app):
    visit = _open_map(browser, hostile_app)
    body = visit.page.inner_text("body")
    assert '<script>alert("x")</script>' in body  # the site list shows the place name as typed
    assert "<img src=x onerror=alert(1)>" in body  # and the description
    # The only site is at the centre of the fitted view: hovering it opens the text tooltip.
    box = visit.page.locator(CANVAS).first.bounding_box()
    visit.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = visit.page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    assert '<script>alert("x")</script>' in tooltip.inner_text()
    assert tooltip.locator("script").count() == 0
    visit.screenshot("map-hostile-tooltip")
    assert visit.page.locator("img[src='x']").count() == 0
    assert visit.page.locator("a[href^='javascript']").count() == 0
    _clean(visit)
    visit.page.context.close()


def _pixel(box: dict, view, lat: float, lon: float) -> tuple[float, float]:
    """Where deck.gl (Web Mercator, 512 px world at zoom 0) draws a coordinate in the map's canvas."""
    scale = 512 * 2**view.zoom

    def mercator_y(latitude: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))

    x = box["x"] + box["width"] / 2 + (lon - view.longitude) / 360 * scale
    y = box["y"] + box["height"] / 2 + (mercator_y(view.latitude) - mercator_y(lat)) * scale / (2 * math.pi)
    return x, y


def test_on_a_phone_the_map_zooms_out_to_keep_the_eastern_sites(browser, live_app):
    data = load_dataset(DATA)
    geo = maps.read_collections(DATA / "geo")
    sites = maps.incursion_sites(data.tables["incursions"], data.tables["places"], geo["provinces_am"], "en")
    located = sites.dropna(subset=["lat", "lon"])
    view = maps.preset_view("fit", located, maps.PHONE_WIDTH_PX)
    eastern = located.loc[located["lon"].idxmax()]
    visit = _open_map(browser, live_app, 390, 844)
    canvas = visit.page.locator(CANVAS).first
    canvas.scroll_into_view_if_needed()  # below the controls on a phone
    visit.page.wait_for_timeout(500)
    box = canvas.bounding_box()
    x, y = _pixel(box, view, eastern["lat"], eastern["lon"])
    assert box["x"] < x < box["x"] + box["width"]  # on screen, not cut off at the right edge
    visit.page.mouse.click(x, y)
    visit.page.locator("h3", has_text=eastern["place_name"]).first.wait_for(state="visible", timeout=20_000)
    _clean(visit)
    visit.page.context.close()


def test_clicking_a_site_opens_its_detail(browser, live_app):
    data = load_dataset(DATA)
    geo = maps.read_collections(DATA / "geo")
    sites = maps.incursion_sites(data.tables["incursions"], data.tables["places"], geo["provinces_am"], "en")
    view = maps.preset_view("fit", sites.dropna(subset=["lat", "lon"]))
    jermuk = sites.loc[sites["place_name"] == "Jermuk"].iloc[0]
    visit = _open_map(browser, live_app)
    assert visit.page.locator("h3", has_text="Jermuk").count() == 0
    box = visit.page.locator(CANVAS).first.bounding_box()
    visit.page.mouse.click(*_pixel(box, view, jermuk["lat"], jermuk["lon"]))
    visit.page.locator("h3", has_text="Jermuk").first.wait_for(state="visible", timeout=20_000)
    visit.page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    visit.page.locator("h3", has_text="Jermuk").first.scroll_into_view_if_needed()
    visit.screenshot("map-site-detail-1920x1080")
    assert "Sources" in visit.page.inner_text("body")
    _clean(visit)
    visit.page.context.close()
