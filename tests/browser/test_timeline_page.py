"""The journalist's path in a real browser: a permalink shows the same events, the downloads hold exactly them,
and the chart saves as an image."""

import csv
import io
import json
import re
import struct
import zipfile
from datetime import date

import pytest

from atlas import __version__
from atlas.filters import FilterState, apply_filters
from atlas.load import load_dataset
from tests.browser.visit import open_page
from tests.conftest import DATA

pytestmark = pytest.mark.browser
PERMALINK = "/?cat=prisoners&from=2021-01-01&to=2023-12-31&indep=1"


def test_permalink_shows_the_same_events_and_exports_them(browser, live_app):
    expected = apply_filters(
        load_dataset(DATA).events,
        FilterState(
            categories=("prisoners",), date_from=date(2021, 1, 1), date_to=date(2023, 12, 31), independent_only=True
        ),
    )["event_id"].tolist()
    visit = open_page(browser, live_app.url + PERMALINK)
    visit.wait_until_idle('[data-testid="stPlotlyChart"]')
    sentence = visit.page.locator('[data-testid="stMain"] strong').first.inner_text()
    # The sentence is printed once, above the chart; the chart's own title (kept for a saved PNG) is not shown.
    assert visit.page.locator('[data-testid="stPlotlyChart"] .gtitle').is_hidden()
    assert re.match(rf"{len(expected)} of \d+ events — between 2021-01-01 and 2023-12-31", sentence)

    with visit.page.expect_download() as csv_download:
        visit.page.get_by_role("button", name="Download CSV").click()
    text = open(csv_download.value.path(), encoding="utf-8").read()  # a plain table: no BOM, no comment lines
    assert not text.startswith(("\ufeff", "#"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["event_id"] for r in rows] == expected
    # Its context travels in the data package: the filter sentence, the permalink, the version.
    with visit.page.expect_download() as package_download:
        visit.page.get_by_role("button", name="Download data package (zip)").click()
    with zipfile.ZipFile(package_download.value.path()) as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
        packaged = list(csv.DictReader(io.StringIO(archive.read("events.csv").decode("utf-8"))))
    assert descriptor["description"] == sentence and "cat=prisoners" in descriptor["homepage"]
    assert [r["event_id"] for r in packaged] == expected

    with visit.page.expect_download() as timeline_download:
        visit.page.get_by_role("button", name="Download TimelineJS JSON").click()
    slides = json.load(open(timeline_download.value.path(), encoding="utf-8"))["events"]
    assert [s["unique_id"] for s in slides] == expected

    # The chart's camera button saves what is shown as a PNG, drawn in the browser at twice the size.
    chart = visit.page.locator('[data-testid="stPlotlyChart"]').first
    chart.hover()
    with visit.page.expect_download() as image_download:
        chart.locator('.modebar-btn[data-title^="Download plot"]').click()
    png = open(image_download.value.path(), "rb").read()
    assert image_download.value.suggested_filename == "karabakh-atlas-timeline.png"
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = struct.unpack(">I", png[16:20])[0]  # from the IHDR chunk
    assert abs(width - 2 * chart.bounding_box()["width"]) <= 4
    # The image is drawn from the figure, whose footer names the source, version, licence and page.
    footer = [t for t in chart.locator(".annotation-text").all_text_contents() if t.startswith("Source: ")]
    assert footer == [f"Source: Karabakh Atlas, dataset v{__version__} · CC BY 4.0127.0.0.1:{live_app.port}"]
    visit.screenshot("timeline-permalink-prisoners")
    assert visit.app_errors() == [] and visit.foreign_requests == []
    visit.page.context.close()


def test_mobile_width_keeps_the_timeline_readable(browser, live_app):
    visit = open_page(browser, live_app.url + PERMALINK, width=390, height=844)
    visit.wait_until_idle('[data-testid="stPlotlyChart"]')
    assert visit.page.locator('[data-testid="stSidebar"][aria-expanded="true"]').count() == 0  # collapsed on phones
    # The chart's title repeats the sentence above it and would be cut at 390 px: hidden on phones only.
    assert visit.page.locator('[data-testid="stPlotlyChart"] .gtitle').is_hidden()
    visit.screenshot("timeline-permalink-390x844")
    visit.page.context.close()


def test_events_table_loads_only_when_opened(browser, live_app):
    visit = open_page(browser, live_app.url + PERMALINK)
    visit.wait_until_idle('[data-testid="stPlotlyChart"]')
    table = visit.page.locator('[data-testid="stExpander"]', has_text="All filtered events as a table")
    assert table.locator('[data-testid="stDataFrame"]').count() == 0
    table.get_by_text("All filtered events as a table").click()
    visit.wait_until_idle('[data-testid="stExpander"] [data-testid="stDataFrame"]')
    assert visit.app_errors() == [] and visit.foreign_requests == []
    visit.page.context.close()
