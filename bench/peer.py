"""Section 5: the same events in TimelineJS (npm @knight-lab/timelinejs, pinned), served from localhost,
against our timeline page, at the bundled data and 1,000 / 5,000 / 100,000 events.

TimelineJS is configured offline: `font: null` (no web-font CSS), no analytics id, script_path on this
server; any request to another host would fail here anyway, and each one is recorded.
`python bench/peer.py export APP_DIR DATA_DIR OUT.json` writes the TimelineJS JSON (atlas.export).
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TIMELINEJS = "@knight-lab/timelinejs@3.9.11"
PEER_DIR_NAME = "timelinejs"
CAP_S = 120.0

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS peer</title>
<link rel="stylesheet" href="node_modules/@knight-lab/timelinejs/dist/css/timeline.css">
<script src="node_modules/@knight-lab/timelinejs/dist/js/timeline.js"></script></head>
<body style="margin:0"><div id="timeline-embed" style="width:100%;height:1000px"></div>
<script>
const data = new URLSearchParams(location.search).get("data");
fetch(data).then(r => r.json()).then(json => {
  const timeline = new TL.Timeline("timeline-embed", json, {
    font: null, ga_property_id: null, ga_measurement_id: null, language: "en",
    script_path: new URL("node_modules/@knight-lab/timelinejs/dist/js/", location.href).href,
  });
  timeline.on("loaded", () => { window.__tlLoaded = performance.now(); });
}).catch(err => { window.__tlError = String(err); });
</script></body></html>
"""


def install(build: Path) -> Path:
    """npm install of the pinned TimelineJS into build/bench/timelinejs/node_modules (once)."""
    folder = build / PEER_DIR_NAME
    package = folder / "node_modules" / "@knight-lab" / "timelinejs" / "package.json"
    folder.mkdir(parents=True, exist_ok=True)
    if not package.is_file() or json.loads(package.read_text())["version"] != TIMELINEJS.rsplit("@", 1)[1]:
        (folder / "package.json").write_text('{"private": true}\n')
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--save-exact", TIMELINEJS],
            cwd=folder,
            check=True,
            capture_output=True,
        )
    (folder / "index.html").write_text(PAGE)
    return folder


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class StaticServer:
    """A tiny static file server on 127.0.0.1 for the TimelineJS page and its JSON."""

    def __init__(self, folder: Path):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def export_json(app_dir: Path, data_dir: Path, out: Path) -> None:
    """The TimelineJS JSON of every event, via atlas.export.events_timelinejs, in a separate process."""
    if out.is_file() and out.stat().st_mtime > (data_dir / "events.csv").stat().st_mtime:
        return
    subprocess.run(
        [sys.executable, __file__, "export", str(app_dir), str(data_dir), str(out)], check=True, timeout=1800
    )


def load_timelinejs(browser, url: str, cap_s: float = CAP_S) -> dict:
    """Seconds from navigation to TimelineJS's `loaded` event with a slide visible; None past the cap."""
    from urllib.parse import urlparse

    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    foreign: list[str] = []
    page.on(
        "request",
        lambda r: (
            urlparse(r.url).hostname not in {"127.0.0.1", "localhost"}
            and r.url.startswith(("http", "ws"))
            and foreign.append(r.url)
        ),
    )
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)[:200]))
    # A page whose main thread never yields also stalls Playwright's own timeouts (seen at 100,000 events:
    # the renderer passed 12 GB after 6 minutes), so the cap is enforced from outside: kill the renderers.
    watchdog = threading.Timer(cap_s + 5, _kill_renderers)
    watchdog.start()
    start = time.perf_counter()
    seconds, error = None, ""
    try:
        page.goto(url, timeout=cap_s * 1000)
        page.wait_for_function("() => window.__tlLoaded || window.__tlError", timeout=cap_s * 1000, polling=100)
        if page.evaluate("() => window.__tlError"):
            error = page.evaluate("() => window.__tlError")
        else:
            page.wait_for_selector(".tl-slide .tl-headline", state="visible", timeout=cap_s * 1000)
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            seconds = time.perf_counter() - start
    except Exception as err:  # noqa: BLE001 - the cap or a crash: reported as such
        error = f"{type(err).__name__}: {str(err).splitlines()[0][:160]}"
    finally:
        watchdog.cancel()
        peak = max(_renderer_rss_mb(), _peak_rss.pop("mb", 0.0))
        try:
            context.close()
        except Exception:  # noqa: BLE001 - a killed renderer's context may already be gone
            pass
    if seconds is not None and seconds > cap_s:
        seconds, error = None, error or f"over the {cap_s:.0f} s cap"
    return {"seconds": seconds, "error": error, "foreign_requests": foreign, "page_errors": errors, "renderer_mb": peak}


_peak_rss: dict[str, float] = {}


def _renderers():
    import psutil

    for child in psutil.Process().children(recursive=True):
        try:
            if "--type=renderer" in " ".join(child.cmdline()):
                yield child
        except psutil.Error:
            continue


def _renderer_rss_mb() -> float:
    sizes = [0.0]
    for process in _renderers():
        try:
            sizes.append(process.memory_info().rss / 2**20)
        except Exception:  # noqa: BLE001 - gone meanwhile
            continue
    return max(sizes)


def _kill_renderers() -> None:
    """At the cap: record the largest renderer's memory, then end this bench's Chromium renderers by pid."""
    _peak_rss["mb"] = _renderer_rss_mb()
    for process in _renderers():
        try:
            process.kill()
        except Exception:  # noqa: BLE001 - gone meanwhile
            continue


def _export_main(app_dir: str, data_dir: str, out: str) -> None:
    sys.path.insert(0, app_dir)
    import atlas.load
    from atlas.export import events_timelinejs
    from atlas.filters import FilterState, apply_filters

    atlas.load.MAX_FILE_BYTES = 2**31
    data = atlas.load.load_dataset(Path(data_dir))
    events = apply_filters(data.events, FilterState())
    Path(out).write_bytes(events_timelinejs(events, data.tables["sources"], f"{len(events)} events", "en"))


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "export":
    _export_main(*sys.argv[2:])


def peer(app_dir: Path, build: Path, runs: int, sizes: tuple) -> dict:
    """Ours over TimelineJS at each size, both loaded in the same round (a ratio per round, then the median)."""
    from playwright.sync_api import sync_playwright

    from bench.browser import load_page
    from bench.common import CONTENT, Server, launch_browser, log, median, ratio
    from devtools.synthetic import dataset_dir, generate

    folder = install(build)
    (folder / "data").mkdir(exist_ok=True)
    static = StaticServer(folder)
    results: dict = {"timelinejs": TIMELINEJS, "cap_s": CAP_S}
    try:
        with sync_playwright() as playwright:
            browser = launch_browser(playwright)
            for size in sizes:
                data_dir = (
                    app_dir / "data"
                    if size == "bundled"
                    else generate(dataset_dir(size), size, source=app_dir / "data")
                )
                out = folder / "data" / f"{size}.json"
                export_json(app_dir, data_dir, out)
                url = f"{static.url}/index.html?data=data/{size}.json"
                entry: dict = {"json_bytes": out.stat().st_size, "rounds": []}
                with Server("app.py", data_dir, cwd=app_dir) as app:
                    load_page(browser, app.url, CONTENT[""], timeout_s=CAP_S)  # cold: reads and caches the CSV
                    for _ in range(runs):
                        ours = load_page(browser, app.url, CONTENT[""], timeout_s=CAP_S).seconds
                        theirs = load_timelinejs(browser, url)
                        entry["rounds"].append({"ours_s": ours, **{f"tljs_{k}": v for k, v in theirs.items()}})
                        if theirs["seconds"] is None:  # over the cap once: not repeated, reported as "> cap"
                            break
                rounds = entry["rounds"]
                capped = any(r["tljs_seconds"] is None for r in rounds)
                entry["ours_s"] = median([r["ours_s"] for r in rounds])
                entry["timelinejs_s"] = None if capped else median([r["tljs_seconds"] for r in rounds])
                entry["timelinejs"] = f"> {CAP_S:.0f} s" if capped else f"{entry['timelinejs_s']:.2f} s"
                entry["ours_over_timelinejs"] = (
                    None if capped else median([ratio(r["ours_s"], r["tljs_seconds"]) for r in rounds])
                )
                entry["foreign_requests"] = sorted({u for r in rounds for u in r["tljs_foreign_requests"]})
                entry["timelinejs_errors"] = sorted({r["tljs_error"] for r in rounds if r["tljs_error"]})
                entry["timelinejs_renderer_mb"] = max(r["tljs_renderer_mb"] for r in rounds)
                results[str(size)] = entry
                log(f"peer {size}: ours {entry['ours_s']}, TimelineJS {entry['timelinejs']}")
            browser.close()
    finally:
        static.stop()
    return results
