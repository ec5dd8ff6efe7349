"""What an audience sees: every page and every story step in presentation mode fits one projector screen
(1280x720 and 1920x1080) in English, French and Armenian; a kiosk loops through a whole story; a phone shows
the prisoners' headline on its first screen; French and Armenian pages carry no English UI words.

One browser page per screen size and language, reused: story steps are paged with the clicker's key
(PageDown), not reloaded, and every wait is on Streamlit having finished its run, never a fixed sleep."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from atlas.load import load_dataset
from atlas.stories import read_stories
from tests.browser.visit import ARTIFACTS, SCRIPT_DONE, open_page
from tests.conftest import DATA

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1920, 1080)]
LANGS = ["en", "fr", "hy"]
PAGES = {  # path -> what must be drawn before the slide is measured
    "": ".st-key-timeline_chart .js-plotly-plot",
    "map": '[data-testid="stDeckGlJsonChart"]',
    "prisoners": '[data-testid="stPlotlyChart"]',
    "sources": '[data-testid="stDataFrame"]',
}
STORIES = read_stories(DATA)[0]

# Every leaf block of the page, with its box: blocks must stay on the slide and never cover each other.
BLOCKS_JS = """() => {
  const leaves = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]')]
    .filter(e => !e.querySelector('[data-testid="stElementContainer"]'))
    .filter(e => !e.closest('.st-key-story_keys'))
    .filter(e => { const d = e.closest('details'); return !d || d.open; });  // a closed toggle's content is not shown
  return leaves.map(e => {
    const r = e.getBoundingClientRect();
    const kind = (e.firstElementChild && e.firstElementChild.dataset.testid) || e.className.split(' ')[0];
    return {kind, x: r.left, y: r.top, w: r.width, h: r.height};
  }).filter(b => b.w > 2 && b.h > 2);
}"""
SCROLL_JS = """() => { const m = document.querySelector('[data-testid="stMain"]');
  return {scroll: Math.max(m.scrollHeight, document.documentElement.scrollHeight), view: window.innerHeight}; }"""
DONE_AT_STEP_JS = """(step) => new URLSearchParams(location.search).get('step') === step
  && !!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')
  && !document.querySelector('[data-stale="true"]')"""


def slide_problems(page, width: int, height: int) -> list[str]:
    """Why this screen is not one slide: it scrolls, a block leaves the screen, or two blocks overlap."""
    problems = []
    scroll = page.evaluate(SCROLL_JS)
    if scroll["scroll"] > scroll["view"] + 1:
        problems.append(f"scrolls: {scroll['scroll']} px of content in {scroll['view']} px")
    blocks = page.evaluate(BLOCKS_JS)
    for b in blocks:
        if b["x"] < -1 or b["y"] < -1 or b["x"] + b["w"] > width + 1 or b["y"] + b["h"] > height + 1:
            problems.append(f"{b['kind']} leaves the screen: {b}")
    for i, a in enumerate(blocks):
        for b in blocks[i + 1 :]:
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > 2 and dy > 2:
                problems.append(f"{a['kind']} overlaps {b['kind']}")
    return problems


def each_page(page, base: str, query: str):
    """Open every page in turn in the same browser page (the first is already open) and yield its path once
    Streamlit has drawn what the page is for and finished its run."""
    for path, ready in PAGES.items():
        if path:
            page.goto(f"{base}/{path}?{query}")
        page.wait_for_selector(ready, state="visible", timeout=90_000)
        wait_done(page)
        yield path


def wait_done(page, timeout: int = 60_000) -> None:
    page.wait_for_selector(SCRIPT_DONE, timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=timeout)


@pytest.fixture(scope="module")
def events_span():
    events = load_dataset(DATA).events
    return events["date_start"].min(), events["date_end"].max()


# 1920x1080 is 1280x720 scaled by 1.5 (same 16:9, and presentation type is sized in vw), so every story step is
# paged through at 1280 in every language and at 1920 in Armenian, the longest script; every page in all six.
SCREENS = [(w, h, lang) for w, h in SIZES for lang in LANGS]
EVERY_STEP = {(1280, 720, "en"), (1280, 720, "fr"), (1280, 720, "hy"), (1920, 1080, "hy")}


@pytest.fixture(params=SCREENS, ids=lambda p: f"{p[0]}x{p[1]}-{p[2]}")
def screen(request, browser, live_app):
    width, height, lang = request.param
    visit = open_page(browser, f"{live_app.url}/?present=1&lang={lang}", width, height)
    yield visit, width, height, lang
    visit.page.context.close()


def test_every_page_and_every_story_step_is_one_slide(screen, live_app, events_span):
    visit, width, height, lang = screen
    page, problems = visit.page, []
    for path in each_page(page, live_app.url, f"present=1&lang={lang}"):
        problems += [f"/{path}: {p}" for p in slide_problems(page, width, height)]
        if not path:
            problems += [f"timeline: {p}" for p in timeline_problems(page, width, height, events_span)]
    for story in STORIES if (width, height, lang) in EVERY_STEP else []:
        page.goto(f"{live_app.url}/stories?story={story.story_id}&step=1&present=1&lang={lang}")
        for number in range(1, len(story.steps) + 1):
            if number > 1:
                page.keyboard.press("PageDown")
            if number == 1:
                page.wait_for_selector(".atlas-headline", state="visible", timeout=90_000)
            page.wait_for_function(DONE_AT_STEP_JS, arg=str(number), timeout=60_000)
            if number == 1:
                page.mouse.click(3, 3)  # the presenter's first click (on the margin) gives the page focus
                page.wait_for_selector(".st-key-story_forward button:enabled", timeout=60_000)
            where = f"{story.story_id} step {number}"
            problems += [f"{where}: {p}" for p in slide_problems(page, width, height)]
            if lang == "hy" or number == 1:
                visit.screenshot(f"slide-{lang}-{width}-{story.story_id}-{number:02d}")
    if (width, height, lang) in EVERY_STEP:
        contact_sheet(f"slide-{lang}-{width}-", f"contact-{lang}-{width}")
    (ARTIFACTS / f"slide-problems-{lang}-{width}.txt").write_text("\n".join(problems), encoding="utf-8")
    assert problems == []
    assert visit.app_errors() == []
    assert visit.foreign_requests == []


def timeline_problems(page, width: int, height: int, span) -> list[str]:
    """The plotted x-range covers the filtered events, the axis and the legend are on the slide, and
    PageDown shows the next event's detail on the slide."""
    problems = []
    plotted = page.evaluate(
        "() => document.querySelector('.st-key-timeline_chart .js-plotly-plot')._fullLayout.xaxis.range"
    )
    first, last = pd.Timestamp(plotted[0]), pd.Timestamp(plotted[1])
    if first > span[0] or last < span[1]:
        problems.append(f"x-range {first.date()}..{last.date()} misses {span[0].date()}..{span[1].date()}")
    for part in (".xaxislayer-above", ".legend"):
        box = page.locator(f".st-key-timeline_chart {part}").first.bounding_box()
        if box is None or box["y"] + box["height"] > height + 1 or box["x"] + box["width"] > width + 1:
            problems.append(f"{part} off the slide: {box}")
    before = page.locator(".atlas-title").first.inner_text()
    page.mouse.click(3, 3)
    page.keyboard.press("PageDown")
    page.wait_for_function(
        "(t) => { const e = document.querySelector('.atlas-title'); return e && e.innerText !== t; }", arg=before
    )
    wait_done(page)
    title = page.locator(".atlas-title").first.bounding_box()
    if title is None or title["y"] + title["height"] > height:
        problems.append("the stepped-to event is not on the slide")
    return problems + slide_problems(page, width, height)


def contact_sheet(prefix: str, name: str, columns: int = 4, thumb: int = 480) -> Path:
    """Every screenshot starting with prefix, in a grid on one image, to judge a whole language at a glance."""
    from PIL import Image

    shots = sorted(ARTIFACTS.glob(f"{prefix}*.png"))
    images = [Image.open(p) for p in shots]
    size = (thumb, int(thumb * images[0].height / images[0].width))
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (columns * size[0], rows * size[1]), "white")
    for index, image in enumerate(images):
        sheet.paste(image.convert("RGB").resize(size), ((index % columns) * size[0], (index // columns) * size[1]))
    path = ARTIFACTS / f"{name}.png"
    sheet.save(path)
    return path


def test_kiosk_loops_through_every_step_without_returning_early(browser, live_app):
    story = next(s for s in STORIES if s.story_id == "origins")
    visit = open_page(browser, f"{live_app.url}/stories?story=origins&step=1&present=1&autoplay=1&idle=3", 1280, 720)
    page = visit.page
    wait_done(page)
    page.evaluate(
        """() => { window.__steps = [];
        setInterval(() => { const s = new URLSearchParams(location.search).get('step');
          if (s && window.__steps[window.__steps.length - 1] !== s) window.__steps.push(s); }, 100); }"""
    )
    total = len(story.steps)
    # Until the story has come back to step 1 after its last step, and gone on to step 2 again.
    looped = "(n) => { const s = window.__steps; const i = s.indexOf(n); return i >= 0 && s.slice(i).includes('2'); }"
    page.wait_for_function(looped, arg=str(total), timeout=180_000)
    seen = [int(s) for s in page.evaluate("() => window.__steps")]
    start = seen.index(1) if 1 in seen else 0
    expected = [(start_step + i - 1) % total + 1 for i, start_step in enumerate([seen[start]] * len(seen[start:]))]
    assert seen[start:] == expected, f"kiosk went {seen}"
    assert visit.app_errors() == []
    visit.page.context.close()


def test_phone_prisoners_headline_on_the_first_screen(browser, live_app):
    visit = open_page(browser, f"{live_app.url}/prisoners", 390, 844)
    visit.wait_until_idle(".st-key-prisoners_headline")
    headline = visit.page.locator(".st-key-prisoners_headline")
    box = headline.bounding_box()
    assert box["y"] + box["height"] <= 844, f"headline ends at {box['y'] + box['height']} px"
    text = headline.inner_text()
    assert re.search(r"\d", text)
    visit.screenshot("phone-prisoners")
    assert visit.app_errors() == []
    visit.page.context.close()


# UI words that must not show in a French or Armenian view (prose quoted from English sources may, and names
# such as LIBERTAS are no UI word): checked in the page's chrome, that is buttons, labels, headers and captions.
ENGLISH_UI = [
    "Select all", "No results", "Choose an option", "Previous", "Next", "Back", "Restart", "Home",
    "Press", "Encyclopedias", "killed", "duration", "characterisation", "episode", "Contested values",
    "Download", "All years", "Zoom", "Step", "Date:", "Place:", "Sources:",
]  # fmt: skip
CHROME = "button, label, summary, [data-testid='stWidgetLabel'], [data-testid='stCaptionContainer'], h1, h2, h3, li"


@pytest.mark.parametrize("lang", ["fr", "hy"])
def test_no_english_ui_words_in_french_or_armenian(browser, live_app, lang):
    visit = open_page(browser, f"{live_app.url}/?lang={lang}", 1280, 720)
    page, found = visit.page, []
    for path in each_page(page, live_app.url, f"lang={lang}"):
        text = "\n".join(page.locator(CHROME).all_inner_texts())
        found += [f"/{path}: {w}" for w in ENGLISH_UI if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    assert found == []
    visit.page.context.close()
