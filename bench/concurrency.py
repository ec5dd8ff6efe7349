"""Section 4: 25 viewers at once against one server, with protocol-level clients, confirmed by browsers."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.browser import load_page
from bench.common import CONTENT, EMPTY_APP, RUNS, Server, launch_browser, log, median, percentile
from bench.wsclient import page_view

VIEWERS = 25
BROWSERS = 3


class RssSampler:
    """Peak resident memory of the server while a round runs, sampled every 20 ms."""

    def __init__(self, server: Server):
        self.server, self.peak = server, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.server.rss_mb())
            time.sleep(0.02)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def crowd(server: Server, viewers: int = VIEWERS) -> dict:
    """One round: every viewer's time to script_finished, server CPU, memory before / peak / held / after."""
    rss_before = server.rss_mb()
    cpu_before = server.cpu_seconds()
    held: dict = {}

    async def run() -> list:
        release, arrived = asyncio.Event(), []
        tasks = [asyncio.create_task(page_view(server.url, hold=release, arrived=arrived)) for _ in range(viewers)]
        while len(arrived) < viewers and not all(t.done() for t in tasks):
            await asyncio.sleep(0.02)
        held["cpu"] = server.cpu_seconds()
        await asyncio.sleep(0.5)
        held["rss"] = server.rss_mb()
        release.set()
        return await asyncio.gather(*tasks)

    start = time.perf_counter()
    with RssSampler(server) as sampler:
        views = asyncio.run(run())
    wall = time.perf_counter() - start
    time.sleep(3)  # sessions are dropped on disconnect; give the server a moment
    times = [v.seconds for v in views if v.seconds is not None]
    return {
        "p50_s": percentile(times, 50),
        "p95_s": percentile(times, 95),
        "max_s": max(times) if times else None,
        "errors": sum(1 for v in views if v.errors or v.seconds is None),
        "error_samples": sorted({e for v in views for e in v.errors})[:3],
        "cpu_s_per_view": (held["cpu"] - cpu_before) / viewers,
        "rss_before_mb": rss_before,
        "rss_peak_mb": sampler.peak,
        "rss_held_mb": held["rss"],
        "rss_after_mb": server.rss_mb(),
        "mb_per_session": (held["rss"] - rss_before) / viewers,
        "wall_s": wall,
        "bytes_per_view": median([v.bytes_received for v in views]),
    }


def concurrency(app_dir: Path) -> dict:
    out: dict = {"viewers": VIEWERS, "rounds": RUNS}
    for name, script in (("empty", EMPTY_APP), ("timeline", "app.py")):
        with Server(script, app_dir / "data", cwd=app_dir) as server:
            crowd(server, 2)  # warm: the dataset is loaded and cached once per server
            rounds = []
            for index in range(RUNS):
                rounds.append(crowd(server))
                r = rounds[-1]
                log(f"concurrency {name} round {index + 1}: p50 {r['p50_s']:.2f}s p95 {r['p95_s']:.2f}s, "
                    f"{r['mb_per_session']:.2f} MB/session, {r['errors']} errors")  # fmt: skip
            out[name] = {key: median([r[key] for r in rounds]) for key in rounds[0] if key != "error_samples"}
            out[name]["errors"] = sum(r["errors"] for r in rounds)
            out[name]["error_samples"] = sorted({e for r in rounds for e in r["error_samples"]})[:3]
            out[name]["rss_after_all_mb"] = server.rss_mb()
            if name == "timeline":
                out["browsers"] = _browsers_alongside(server)
    out["cpu_ratio_to_empty"] = out["timeline"]["cpu_s_per_view"] / out["empty"]["cpu_s_per_view"]
    return out


def _browsers_alongside(server: Server) -> dict:
    """A few real browsers loading the timeline while 25 protocol viewers arrive at the same time."""
    results: list = []

    def viewers() -> None:
        results.append(crowd(server))

    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        thread = threading.Thread(target=viewers)
        thread.start()
        loads = [load_page(browser, server.url, CONTENT[""]) for _ in range(BROWSERS)]
        thread.join()
        browser.close()
    return {
        "browser_loads": BROWSERS,
        "median_s": median([x.seconds for x in loads]),
        "failures": sum(1 for x in loads if x.seconds is None),
        "crowd_p95_s": results[0]["p95_s"] if results else None,
    }
