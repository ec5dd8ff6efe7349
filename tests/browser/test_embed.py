"""The embed snippet's view inside another site's page: an 860x600 <iframe> on a host page served from 127.0.0.1
shows only the figure block (chart, caption, sources line, link back), with no sidebar and no navigation."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from atlas import __version__
from atlas.cite import iframe_snippet
from tests.browser.visit import open_page
from tests.local_server import free_port

pytestmark = pytest.mark.browser
VIEW = f"/?cat=prisoners&from=2021-01-01&to=2023-12-31&v={__version__}&embedded=1&embed=true"


@pytest.fixture
def host_page(live_app):
    """An article page on another port of 127.0.0.1 that carries the snippet the Embed box gives."""
    snippet = iframe_snippet(live_app.url + VIEW, "Karabakh Atlas: Timeline", 600).replace(
        'width="100%"', 'width="860"'
    )
    head = "<!doctype html><html lang='en'><title>Article</title><link rel='icon' href='data:,'>"
    html = f"{head}<body><h1>Article</h1>{snippet}</body></html>"

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            body = html.encode("utf-8")
            self.send_response(200 if self.path == "/" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body if self.path == "/" else b"")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_the_embedded_view_shows_only_the_figure_block(browser, host_page):
    visit = open_page(browser, host_page, 1280, 800)
    frame_element = visit.page.locator("iframe")
    frame_element.wait_for(state="visible")
    box = frame_element.bounding_box()
    assert (round(box["width"]), round(box["height"])) == (860, 600)
    frame = visit.page.frame_locator("iframe")
    frame.locator('[data-testid="stPlotlyChart"]').wait_for(state="visible", timeout=45_000)
    frame.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=45_000)
    visit.page.wait_for_timeout(1000)
    # The figure block and nothing else.
    chart = frame.locator('[data-testid="stPlotlyChart"]')
    assert chart.count() == 1 and chart.bounding_box()["width"] > 760  # the chart gets the frame's width
    back = frame.get_by_role("link", name="Open in Karabakh Atlas").bounding_box()
    assert back["y"] + back["height"] <= box["y"] + box["height"]  # the whole block fits the frame, no scrolling
    assert frame.get_by_text("Sources (").first.is_visible()
    assert (
        frame.locator('[data-testid="stSidebar"]').is_hidden()
        or frame.locator('[data-testid="stSidebar"]').count() == 0
    )
    for hidden in ("stSidebarCollapsedControl", "stHeader", "stTopNavLinkContainer", "stDownloadButton", "stExpander"):
        element = frame.locator(f'[data-testid="{hidden}"]')
        assert element.count() == 0 or element.first.is_hidden(), hidden
    assert frame.locator("h1").count() == 0
    link = frame.get_by_role("link", name="Open in Karabakh Atlas").get_attribute("href")
    assert "embedded" not in link and "cat=prisoners" in link
    visit.screenshot("embed-860x600")
    assert visit.app_errors() == [] and visit.foreign_requests == [] and visit.dialogs == []
    visit.page.context.close()


def test_cite_this_view_copies_the_permalink_in_one_click(browser, live_app):
    visit = open_page(browser, live_app.url + "/?cat=prisoners&lang=fr", 1280, 720)
    visit.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_app.url)
    visit.wait_until_idle('[data-testid="stPlotlyChart"]')
    panel = visit.page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]', has_text="Citer, partager")
    panel.get_by_text("Citer, partager ou intégrer cette vue").click()
    code = panel.locator('[data-testid="stCode"]').first
    code.wait_for(state="visible")
    link = code.inner_text().strip()
    assert link.startswith(f"{live_app.url}/?") and f"v={__version__}" in link and "cat=prisoners" in link
    code.hover()
    code.locator("button").first.click()  # st.code's own copy button
    assert visit.page.evaluate("navigator.clipboard.readText()").strip() == link
    assert panel.get_by_text("<iframe").count() >= 1  # the embed snippet sits in the same panel
    visit.screenshot("cite-panel-fr-1280x720")
    assert visit.app_errors() == [] and visit.foreign_requests == []
    visit.page.context.close()


def test_hostile_text_stays_text_in_the_citation_and_the_embed(browser, hostile_app):
    visit = open_page(browser, f"{hostile_app.url}/?cat=prisoners", 1280, 900)
    visit.wait_until_idle('[data-testid="stPlotlyChart"]')
    visit.page.get_by_text("Cite, share or embed this view").click()
    visit.page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').first.wait_for(state="visible")
    embed = open_page(browser, f"{hostile_app.url}/?cat=prisoners&embedded=1&embed=true", 860, 600)
    embed.wait_until_idle('[data-testid="stPlotlyChart"]')
    for page in (visit, embed):
        assert page.page.locator("img[src='x']").count() == 0
        assert page.page.locator("a[href^='javascript']").count() == 0
        assert page.dialogs == [] and page.foreign_requests == []
        page.page.context.close()
