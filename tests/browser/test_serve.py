"""`make serve` in a real browser: two app processes behind HAProxy. Every page loads through the proxy with
its security headers and no CSP violation; an export downloads through it; when the viewer's process is
killed, the page reconnects to the other one and shows the same view again."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.visit import SCRIPT_DONE, open_page
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.browser
PERMALINK = "/?cat=prisoners&from=2021-01-01&to=2023-12-31&indep=1"
CHART = '[data-testid="stPlotlyChart"]'
PAGES = {
    "": CHART,
    "map": '[data-testid="stDeckGlJsonChart"]',
    "prisoners": CHART,
    "sources": '[data-testid="stDataFrame"]',
    "stories?story=origins&step=1&present=1": '[data-testid="stMain"] .atlas-headline',  # ui.headline
    "?embedded=1&embed=true": CHART,  # the embed view, as its <iframe> snippet asks for it
}


def _wait_for(condition, seconds: float, what: str, page=None):
    """Poll `condition` until it returns something truthy; a browser page, if given, keeps its events flowing."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        page.wait_for_timeout(100) if page else time.sleep(0.2)
    raise AssertionError(f"{what}: not within {seconds:.0f} s")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """scripts/serve.py as `make serve` runs it, with N=2 and a free port; its state file says what runs."""
    state_file = tmp_path_factory.mktemp("serve") / "state.json"
    process = subprocess.Popen(
        [sys.executable, "scripts/serve.py", "--processes", "2", "--port", "0", "--state", str(state_file)],
        cwd=ROOT,
        env={**os.environ, "ATLAS_DATA_DIR": str(DATA)},
        start_new_session=True,  # its own process group, so teardown can end every process it started
    )
    try:
        _wait_for(lambda: state_file.is_file() or process.poll() is not None, 180, "make serve ready")
        assert process.poll() is None, f"scripts/serve.py exited with {process.returncode}"
        yield json.loads(state_file.read_text())
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _headers(url: str, cookie: str = "") -> dict:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", "Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as response:
        return {k.lower(): v for k, v in response.headers.items()}


def test_proxy_sends_security_and_caching_headers(cluster):
    page = _headers(cluster["url"] + "/")
    assert "frame-ancestors 'none'" in page["content-security-policy"]
    assert "default-src 'self'" in page["content-security-policy"]
    assert page["x-frame-options"] == "DENY"
    assert page["x-content-type-options"] == "nosniff"
    assert page["referrer-policy"] == "strict-origin-when-cross-origin"
    assert page["set-cookie"].startswith("SERVERID=app") and "HttpOnly" in page["set-cookie"]
    for query in ("?embedded=1&embed=true", "?embedded=1", "?embed=true"):
        embed = _headers(f"{cluster['url']}/{query}")
        assert embed["content-security-policy"].endswith("frame-ancestors *") and "x-frame-options" not in embed
    # Streamlit's hashed bundles are cached for good and gzipped by the proxy; the atlas's fonts for a day.
    html = urllib.request.urlopen(cluster["url"] + "/", timeout=10).read().decode()
    bundle = html.split('src="./static/js/', 1)[1].split('"', 1)[0]
    script = _headers(f"{cluster['url']}/static/js/{bundle}", cookie="SERVERID=app1")
    assert "immutable" in script["cache-control"] and script["content-encoding"] == "gzip"
    font = _headers(f"{cluster['url']}/app/static/fonts/noto-sans-armenian-armenian-400-normal.woff2", "SERVERID=app1")
    assert font["cache-control"] == "public, max-age=86400"
    too_big = urllib.request.Request(cluster["url"] + "/_stcore/upload_file", data=b"x", method="PUT")
    too_big.add_header("Content-Length", str(11 * 2**20))
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(too_big, timeout=10)
    assert refused.value.code == 413


@pytest.mark.parametrize("page_name", PAGES)
def test_every_page_through_the_proxy_without_csp_violations(browser, cluster, page_name):
    visit = open_page(browser, f"{cluster['url']}/{page_name}")
    visit.wait_until_idle(PAGES[page_name])
    assert visit.page.locator('[data-testid="stException"]').count() == 0
    assert visit.app_errors() == []  # a CSP violation is a console error
    assert visit.foreign_requests == []
    visit.page.context.close()


def _csv_event_ids(page) -> list[str]:
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    lines = "\n".join(line for line in text.splitlines() if not line.startswith("# "))
    return [row["event_id"] for row in csv.DictReader(io.StringIO(lines))]


def _server_cookie(page) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == "SERVERID"), None)


def test_download_and_failover_through_the_proxy(browser, cluster):
    visit = open_page(browser, cluster["url"] + PERMALINK)
    finished: dict = {}  # websocket -> script runs finished on it

    def watch(ws) -> None:
        finished[ws] = 0

        def on_frame(payload) -> None:
            if isinstance(payload, bytes):
                msg = ForwardMsg()
                msg.ParseFromString(payload)
                if msg.WhichOneof("type") == "script_finished":
                    finished[ws] += 1

        ws.on("framereceived", on_frame)

    visit.page.on("websocket", watch)
    visit.wait_until_idle(CHART)
    sentence = visit.page.locator('[data-testid="stMain"] strong').first.inner_text()
    first = _server_cookie(visit.page)
    assert first in {"app1", "app2"}
    # A second viewer arriving meanwhile is sent to the other process (least connections), and stays there.
    other = open_page(browser, cluster["url"] + "/sources")
    other.wait_until_idle(PAGES["sources"])
    assert _server_cookie(other.page) == ({"app1", "app2"} - {first}).pop()
    other.page.context.close()

    # The export is made by the process that holds the session: stickiness brings the download back to it.
    # It holds the events the page's sentence counts ("N of M events — ...").
    expected = _csv_event_ids(visit.page)
    assert len(expected) == int(re.match(r"(\d+) of \d+ events", sentence).group(1)) > 0

    url = visit.page.url
    original = set(finished)
    pid = next(app["pid"] for app in cluster["apps"] if app["name"] == first)
    os.kill(pid, signal.SIGKILL)
    # The frontend notices the closed websocket, reconnects through the proxy to the live process, which
    # runs the page again from the URL.
    _wait_for(lambda: any(count for ws, count in finished.items() if ws not in original), 90, "page back", visit.page)
    visit.page.wait_for_selector(SCRIPT_DONE, timeout=60_000)
    visit.page.wait_for_selector(CHART, state="visible", timeout=60_000)
    assert visit.page.locator('[data-testid="stMain"] strong').first.inner_text() == sentence
    assert visit.page.url == url
    # ...and the same export downloads again, now from the process that took the viewer over.
    assert _csv_event_ids(visit.page) == expected
    visit.screenshot("serve-after-failover")
    assert visit.foreign_requests == []
    visit.page.context.close()
