"""Page loads and reruns in headless Chromium, with a fresh browser context for every measured run."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

from bench.common import LOCAL_HOSTS, SCRIPT_DONE


@dataclass
class Load:
    """One page load: seconds from navigation to script done + content visible, and what it cost."""

    seconds: float | None = None
    ws_bytes_received: int = 0
    ws_frames_received: int = 0
    http_bytes: int = 0
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)
    exception_boxes: int = 0
    error: str = ""


def _watch(page, load: Load) -> None:
    def on_request(request) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
            load.foreign_requests.append(request.url)

    def on_websocket(ws) -> None:
        def on_frame(payload) -> None:
            load.ws_bytes_received += len(payload)
            load.ws_frames_received += 1

        ws.on("framereceived", on_frame)

    def on_response(response) -> None:
        length = response.headers.get("content-length")
        if length and length.isdigit():
            load.http_bytes += int(length)
        if response.status >= 400:
            load.failed_responses.append(f"HTTP {response.status} {response.url}")

    page.on("request", on_request)
    page.on("websocket", on_websocket)
    page.on("response", on_response)
    page.on("console", lambda m: m.type == "error" and load.console_errors.append(m.text[:300]))
    page.on("pageerror", lambda e: load.console_errors.append(str(e)[:300]))
    page.on("requestfailed", lambda r: load.failed_responses.append(f"{r.failure} {r.url}"[:300]))


def wait_streamlit_done(page, content_selector: str, timeout_ms: int) -> None:
    """Streamlit has finished the script and the chart/map we came for is visible."""
    page.wait_for_selector(content_selector, state="visible", timeout=timeout_ms)
    page.wait_for_selector(SCRIPT_DONE, timeout=timeout_ms)


def load_page(browser, url: str, content_selector: str, timeout_s: float = 120.0, keep: bool = False):
    """Open `url` in a new context and time it until Streamlit is done and the content is visible.
    Returns the Load (and the live page when keep=True; the caller then closes its context)."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    load = Load()
    _watch(page, load)
    start = time.perf_counter()
    try:
        page.goto(url, timeout=timeout_s * 1000)
        wait_streamlit_done(page, content_selector, int(timeout_s * 1000))
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        load.seconds = time.perf_counter() - start
        load.exception_boxes = page.locator('[data-testid="stException"]').count()
    except Exception as err:  # noqa: BLE001 - a failed load is reported, not raised
        load.error = f"{type(err).__name__}: {str(err).splitlines()[0][:200]}"
    if keep:
        return load, page
    context.close()
    return load


# Records every change of Streamlit's script state with the page's clock, so a rerun that is over before
# Playwright polls again is still seen.
_OBSERVE = """() => {
  window.__benchMarks = [];
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => window.__benchMarks.push(
      [app.getAttribute('data-test-script-state'), performance.now()]
  )).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""

_RERUN_DONE = """(t0) => {
  const marks = window.__benchMarks.filter(m => m[1] >= t0);
  const ran = marks.findIndex(m => m[0] === 'running');
  return ran >= 0 && marks.slice(ran).some(m => m[0] === 'notRunning');
}"""

_PAINTED = """(t0) => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
  const marks = window.__benchMarks.filter(m => m[1] >= t0);
  const done = marks.filter(m => m[0] === 'notRunning').pop();
  resolve([done ? done[1] - t0 : null, performance.now() - t0]);
})))"""


def rerun_latencies(page, search_label: str, terms: list[str], chart_selector: str, timeout_s: float = 60.0):
    """Type each term into the sidebar search box and press Enter (as a reader does); for each, the ms
    from the key press to script done and to the updated chart painted (two animation frames later)."""
    page.evaluate(_OBSERVE)
    box = page.get_by_label(search_label)
    results = []
    for term in terms:
        box.fill(term)
        t0 = page.evaluate("() => performance.now()")
        box.press("Enter")
        page.wait_for_function(_RERUN_DONE, arg=t0, timeout=timeout_s * 1000)
        page.wait_for_selector(chart_selector, state="visible", timeout=timeout_s * 1000)
        to_done, to_paint = page.evaluate(_PAINTED, t0)
        results.append({"term": term, "script_done_ms": to_done, "painted_ms": to_paint})
    return results
