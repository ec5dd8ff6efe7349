"""Every reader: axe-core finds no critical or serious violation on any page in any language, the keyboard alone
reaches the filters, the citation, the event navigation, the exports and the handout, and the browser's Print
gives clean pages."""

from __future__ import annotations

import io
import json
from pathlib import Path

import axe_playwright_python
import pytest
from pypdf import PdfReader

from tests.browser.visit import ARTIFACTS, open_page

pytestmark = pytest.mark.browser

# axe-core's own build, as bundled by the PyPI package (pinned in requirements-dev.txt): nothing fetched.
AXE_JS = Path(axe_playwright_python.__file__).resolve().parent / "axe.min.js"
PAGES = {
    "": '[data-testid="stPlotlyChart"]',
    "map": '[data-testid="stDeckGlJsonChart"]',
    "prisoners": '[data-testid="stPlotlyChart"]',
    "stories": '[data-testid="stDeckGlJsonChart"]',
    "sources": '[data-testid="stDataFrame"]',
}
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(' '))}));
}"""


def serious_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in ("critical", "serious")]


@pytest.mark.parametrize("lang", ["en", "fr", "hy"])
@pytest.mark.parametrize("page_name", PAGES)
def test_axe_finds_no_critical_or_serious_violation(browser, live_app, page_name, lang):
    visit = open_page(browser, f"{live_app.url}/{page_name}?lang={lang}", 1280, 720)
    visit.wait_until_idle(PAGES[page_name])
    found = serious_violations(visit.page)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{page_name or 'timeline'}-{lang}.json").write_text(json.dumps(found, indent=1))
    assert found == []
    visit.page.context.close()


FOCUSED = """() => {
  const e = document.activeElement;
  const box = e && e.closest('[class*="st-key-"]');
  return {tag: e ? e.tagName : '', label: e ? (e.getAttribute('aria-label') || (e.innerText || '').slice(0, 60)) : '',
          key: box ? [...box.classList].find(c => c.startsWith('st-key-')).slice(7) : ''};
}"""


def tab_through(page, presses: int) -> list[dict]:
    """What has the focus after each Tab, from the top of the page, keyboard only."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    reached = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUSED))
    return reached


def test_keyboard_alone_reaches_filters_event_navigation_exports_table_and_handout(browser, live_app):
    visit = open_page(browser, f"{live_app.url}/?cat=prisoners", 1280, 720)
    visit.wait_until_idle('[data-testid="stPlotlyChart"]')
    reached = tab_through(visit.page, 200)
    keys = {r["key"] for r in reached}
    # Sidebar filters, the citation panel, previous/next and the event list, the exports (CSV, data package),
    # the data table and the handout.
    wanted = {"query", "categories", "confidence", "cite_panel", "previous", "next", "event", "export_csv"}
    assert wanted | {"export_package", "events_table", "handout_timeline"} <= keys, sorted(keys)
    # The focused Next button works from the keyboard: Enter moves to the next event.
    before = visit.page.evaluate("location.search")  # the selected event is in the address (event=EV-…)
    visit.page.locator(".st-key-next button").focus()
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_function("before => location.search !== before", arg=before, timeout=30_000)
    assert "event=" in visit.page.evaluate("location.search")
    visit.page.context.close()


def test_keyboard_alone_reaches_story_steps_and_the_story_handout(browser, live_app):
    visit = open_page(browser, f"{live_app.url}/stories?story=origins&step=2", 1280, 720)
    visit.wait_until_idle(".st-key-handout_story")
    keys = {r["key"] for r in tab_through(visit.page, 120)}
    assert {"story", "story_forward", "handout_story"} <= keys, sorted(keys)
    visit.page.context.close()


def test_axe_is_live_and_reports_an_unlabelled_button(browser, live_app):
    """The check above can fail: a button with no name added to the page is reported as critical."""
    visit = open_page(browser, f"{live_app.url}/sources", 1280, 720)
    visit.wait_until_idle(PAGES["sources"])
    visit.page.evaluate("document.querySelector('h1').after(document.createElement('button'))")
    assert [v["id"] for v in serious_violations(visit.page)] == ["button-name"]
    visit.page.context.close()


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_printing_the_timeline_keeps_the_whole_chart_and_leaves_out_sidebar_and_buttons(browser, live_app):
    visit = open_page(browser, f"{live_app.url}/?from=2021-01-01&to=2023-12-31", 1280, 720)
    visit.wait_until_idle('[data-testid="stPlotlyChart"]')
    ticks = visit.page.locator('[data-testid="stPlotlyChart"] .xtick text').evaluate_all(
        "ts => ts.map(t => t.textContent)"
    )
    pdf = visit.page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "print-timeline.pdf").write_bytes(pdf)
    _, text = pdf_text(pdf)
    assert ticks[0] in text and ticks[-1] in text  # the first and the last year of the chart are on paper
    for chrome in ("Filters", "Next ▶", "Download CSV", "Download this view as a handout (PDF)"):
        assert chrome not in text
    visit.page.context.close()


def test_printed_prisoner_cards_are_at_least_half_a_page_wide(browser, live_app):
    visit = open_page(browser, f"{live_app.url}/prisoners", 794, 1123)  # an A4 page at 96 px per inch
    visit.wait_until_idle('[data-testid="stPlotlyChart"]')
    visit.page.emulate_media(media="print")
    main = visit.page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    cards = visit.page.locator('[data-testid="stMain"] [data-testid="stColumn"]')
    widths = [cards.nth(i).bounding_box()["width"] for i in range(cards.count())]
    assert widths and min(widths) >= 0.45 * main["width"], (widths, main["width"])
    assert visit.page.locator('[data-testid="stSidebar"]').is_hidden()
    visit.page.emulate_media(media="screen")
    pages, _ = pdf_text(visit.page.pdf(format="A4"))
    (ARTIFACTS / "print-prisoners-pages.txt").write_text(str(pages))
    visit.page.context.close()
