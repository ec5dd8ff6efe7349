"""Section `serving` (issue 16): the app behind HAProxy as `make serve` runs it (scripts/serve.py).

1. K = 50, 100, 200 protocol-level viewers at once through the proxy, with N = 1 and N = 2 app processes:
   p50/p95 to script finished, errors, views per second, and the ratio N=2 / N=1.
2. Failover: N = 2 with 100 viewers holding their pages, one process killed (SIGKILL). Viewers on it lose
   their websocket and reconnect through the proxy as the browser does; how many lost their page, how long
   until each had it back, and the errors of 50 new viewers arriving at the moment of the kill.
3. Cold and warm page loads through the proxy in Chromium, as ratios to the empty Streamlit page served the
   same way in the same round; the caching headers of Streamlit's static files through the proxy.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
import urllib.request

import psutil
from playwright.sync_api import sync_playwright

from bench.browser import load_page, wait_streamlit_done
from bench.common import BUILD, CONTENT, EMPTY_APP, QUICK, RUNS, fmt, launch_browser, log, median, percentile, ratio
from bench.wsclient import page_view, rerun_message
from devtools.local_server import free_port
from scripts.serve import Cluster

CROWDS = (50, 100) if QUICK else (50, 100, 200)
ROUNDS = 2 if QUICK else 3
FAILOVER_VIEWERS, FAILOVER_ARRIVALS = 100, 50
PAGES = {"timeline": "", "map": "map", "prisoners": "prisoners"}


def _cluster(processes: int, script: str = "app.py") -> Cluster:
    name = "empty" if script != "app.py" else f"n{processes}"
    return Cluster(processes=processes, port=free_port(), script=script, workdir=BUILD / f"serve-{name}")


def _restarts(cluster: Cluster) -> int:
    return sum(a.restarts for a in cluster.apps)


def _cpu(cluster: Cluster | None) -> list[float]:
    if cluster is None:
        return []
    return [sum(psutil.Process(a.process.pid).cpu_times()[:2]) for a in cluster.apps]


def crowd(url: str, viewers: int, cluster: Cluster | None = None) -> dict:
    """`viewers` sessions at once through the proxy; each one held open until all have their page. With the
    cluster given, each app process's CPU seconds in the round (is the work shared out evenly?)."""
    cpu_before = _cpu(cluster)

    async def run() -> list:
        release, arrived = asyncio.Event(), []
        tasks = [asyncio.create_task(page_view(url, hold=release, arrived=arrived)) for _ in range(viewers)]
        while len(arrived) < viewers and not all(t.done() for t in tasks):
            await asyncio.sleep(0.02)
        release.set()
        return await asyncio.gather(*tasks)

    start = time.perf_counter()
    views = asyncio.run(run())
    wall = time.perf_counter() - start
    times = [v.seconds for v in views if v.seconds is not None]
    cpu = [round(after - before, 2) for before, after in zip(cpu_before, _cpu(cluster))]
    return {
        "cpu_s_per_process": cpu,
        "cpu_s_per_view": sum(cpu) / viewers if cpu else None,
        "p50_s": percentile(times, 50),
        "p95_s": percentile(times, 95),
        "errors": sum(1 for v in views if v.errors or v.seconds is None),
        "error_samples": sorted({e for v in views for e in v.errors})[:3],
        "views_per_s": viewers / max(times) if times else None,
        "wall_s": wall,
    }


def _wait_all_up(cluster: Cluster, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(a.process.poll() is None for a in cluster.apps):
            try:
                for a in cluster.apps:
                    urllib.request.urlopen(a.url + "/_stcore/health", timeout=2)
                time.sleep(2)  # HAProxy needs two passing checks (rise 2) to put it back
                crowd(cluster.url, 2 * len(cluster.apps))
                return
            except OSError:
                pass
        time.sleep(0.5)


def crowds() -> dict:
    out: dict = {}
    for processes in (1, 2):
        with _cluster(processes) as cluster:
            crowd(cluster.url, 4)  # the dataset cached in every process
            for viewers in CROWDS:
                rounds, redone = [], 0
                while len(rounds) < ROUNDS:
                    restarts = _restarts(cluster)
                    r = crowd(cluster.url, viewers, cluster)
                    if _restarts(cluster) > restarts or r["errors"] and cluster.apps[0].process.poll() is not None:
                        # The machine is shared: another job's broad `pkill streamlit` stopped our process
                        # (its log says "Stopping...", a signal, not a crash). Redo the round once it is back.
                        redone += 1
                        log(f"serving N={processes} K={viewers}: an app process was stopped from outside; redo")
                        _wait_all_up(cluster)
                        if redone > 3:
                            raise RuntimeError("app processes keep being stopped from outside")
                        continue
                    rounds.append(r)
                    log(
                        f"serving N={processes} K={viewers}: p50 {fmt(r['p50_s'], 's')} p95 {fmt(r['p95_s'], 's')} "
                        f"{fmt(r['views_per_s'], ' views/s', 1)}, CPU s per process {r['cpu_s_per_process']}, "
                        f"load {os.getloadavg()[0]:.1f}, {r['errors']} errors {r['error_samples'][:1]}"
                    )
                keys = ("p50_s", "p95_s", "views_per_s", "wall_s", "cpu_s_per_view")
                entry = {k: median([r[k] for r in rounds]) for k in keys}
                entry["cpu_s_per_process"] = rounds[-1]["cpu_s_per_process"]
                entry["errors"] = sum(r["errors"] for r in rounds)
                entry["error_samples"] = sorted({e for r in rounds for e in r["error_samples"]})[:3]
                entry["load_average"] = os.getloadavg()[0]
                entry["rounds_redone_after_outside_stop"] = redone
                out.setdefault(str(viewers), {})[f"n{processes}"] = entry
    for entry in out.values():
        entry["views_per_s_ratio_n2_n1"] = ratio(entry["n2"]["views_per_s"], entry["n1"]["views_per_s"])
        entry["p95_ratio_n2_n1"] = ratio(entry["n2"]["p95_s"], entry["n1"]["p95_s"])
    return out


async def _resilient_viewer(url: str, stop: asyncio.Event, record: dict) -> None:
    """A viewer that, like Streamlit's frontend, reconnects when its websocket closes and asks for its page
    again (the frontend's rerun on reconnect); records when it lost the page and when it had it back."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    cookie = ""
    while not stop.is_set():
        try:
            headers = {"Cookie": cookie} if cookie else {}
            async with connect(
                ws_url, subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"], additional_headers=headers, max_size=None
            ) as ws:
                set_cookie = ws.response.headers.get("set-cookie", "")
                if set_cookie:
                    cookie = set_cookie.split(";", 1)[0]
                record.setdefault("servers", []).append(cookie)
                await ws.send(rerun_message())
                async for data in ws:
                    msg = ForwardMsg()
                    msg.ParseFromString(data)
                    if msg.WhichOneof("type") == "script_finished":
                        if "lost_at" in record and "back_at" not in record:
                            record["back_at"] = time.perf_counter()
                        record.setdefault("first_at", time.perf_counter())
                        break
                closed = asyncio.ensure_future(ws.wait_closed())
                stopped = asyncio.ensure_future(stop.wait())
                await asyncio.wait({closed, stopped}, return_when=asyncio.FIRST_COMPLETED)
                stopped.cancel()
                if stop.is_set():
                    closed.cancel()
                    return
        except Exception as err:  # noqa: BLE001 - a refused or dropped connection is retried like the browser
            record.setdefault("errors", []).append(f"{type(err).__name__}: {err}"[:200])
        if stop.is_set():
            return
        record.setdefault("lost_at", time.perf_counter())
        await asyncio.sleep(0.5)  # the frontend's first reconnect comes after a short backoff


def failover() -> dict:
    """N=2, 100 viewers with their pages, then one process killed while 50 more arrive."""
    with Cluster(processes=2, port=free_port(), restart=True, workdir=BUILD / "serve-failover") as cluster:
        crowd(cluster.url, 4)

        async def run() -> dict:
            stop = asyncio.Event()
            records = [{} for _ in range(FAILOVER_VIEWERS)]
            tasks = [asyncio.create_task(_resilient_viewer(cluster.url, stop, r)) for r in records]
            deadline = time.perf_counter() + 180
            while sum("first_at" in r for r in records) < FAILOVER_VIEWERS and time.perf_counter() < deadline:
                await asyncio.sleep(0.05)
            victim = cluster.apps[0]
            on_victim = sum(1 for r in records if r.get("servers", [""])[-1] == f"SERVERID={victim.name}")
            kill_at = time.perf_counter()
            os.kill(victim.process.pid, signal.SIGKILL)
            arrivals = [asyncio.create_task(page_view(cluster.url, timeout=120)) for _ in range(FAILOVER_ARRIVALS)]
            while any("lost_at" in r and "back_at" not in r for r in records) and time.perf_counter() < deadline + 60:
                await asyncio.sleep(0.05)
            await asyncio.sleep(1)  # a viewer whose loss is noticed late is still counted
            while any("lost_at" in r and "back_at" not in r for r in records) and time.perf_counter() < deadline + 90:
                await asyncio.sleep(0.05)
            arrived = await asyncio.gather(*arrivals)
            stop.set()
            await asyncio.gather(*tasks)
            lost = [r for r in records if "lost_at" in r]
            back = [r["back_at"] - kill_at for r in lost if "back_at" in r]
            survivors = [r for r in records if "lost_at" not in r]
            return {
                "viewers": FAILOVER_VIEWERS,
                "on_killed_process": on_victim,
                "lost_page": len(lost),
                "had_it_back": len(back),
                "back_after_kill_p50_s": percentile(back, 50),
                "back_after_kill_max_s": max(back) if back else None,
                "errors_on_other_process": sum(1 for r in survivors if r.get("errors")),
                "new_arrivals": FAILOVER_ARRIVALS,
                "new_arrival_errors": sum(1 for v in arrived if v.errors or v.seconds is None),
                "new_arrival_p95_s": percentile([v.seconds for v in arrived if v.seconds is not None], 95),
                "error_samples": sorted({e for r in lost for e in r.get("errors", [])})[:3],
                "new_arrival_error_samples": sorted({e for v in arrived for e in v.errors})[:3],
            }

        result = asyncio.run(run())
    log(
        f"failover: {result['lost_page']} of {result['viewers']} lost their page "
        f"({result['on_killed_process']} were on the killed process), {result['had_it_back']} had it back, "
        f"p50 {result['back_after_kill_p50_s']}, max {result['back_after_kill_max_s']} s after the kill; "
        f"{result['new_arrival_errors']} errors among {result['new_arrivals']} arrivals"
    )
    return result


def _warm_load(page, url: str, selector: str) -> float | None:
    """The same page again in the same context: the browser's cache is kept, the app runs the script anew."""
    start = time.perf_counter()
    try:
        page.goto(url, timeout=120_000)
        wait_streamlit_done(page, selector, 120_000)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    except Exception:  # noqa: BLE001 - a failed load counts as not measured
        return None
    return time.perf_counter() - start


def _cache_use(page) -> dict:
    """Of the warm visit's scripts, styles and fonts: how many came from the browser's cache."""
    entries = page.evaluate(
        """() => performance.getEntriesByType('resource')
             .filter(e => /\\/static\\//.test(e.name))
             .map(e => [e.name, e.transferSize])"""
    )
    return {"static_files": len(entries), "from_cache": sum(1 for _, size in entries if size == 0)}


def page_loads() -> dict:
    """Cold (fresh context) and warm (same context, second visit) through the proxy, N=1 for the app and the
    empty page alike, rounds interleaved; ratios to the empty page of the same round."""
    runs = min(RUNS, 3)  # each round is nine browser loads; three rounds already take minutes here
    samples: dict = {name: {"cold": [], "warm": []} for name in ("empty", *PAGES)}
    cache: dict = {}
    with _cluster(1, EMPTY_APP) as empty, _cluster(1) as app:
        crowd(app.url, 2)  # before Playwright's sync API holds this thread's event loop
        playwright = sync_playwright().start()
        browser = launch_browser(playwright)
        targets = {"empty": (empty.url + "/", CONTENT["empty"])}
        targets |= {name: (f"{app.url}/{path}", CONTENT[path]) for name, path in PAGES.items()}
        for url, selector in targets.values():  # one unmeasured visit each: the server side warm
            load_page(browser, url, selector)
        for index in range(runs):
            for name, (url, selector) in targets.items():
                load, page = load_page(browser, url, selector, keep=True)
                samples[name]["cold"].append(load.seconds)
                samples[name]["warm"].append(_warm_load(page, url, selector))
                if index == 0:
                    cache[name] = _cache_use(page)
                page.context.close()
            log(
                f"serving pages round {index + 1}: "
                + ", ".join(f"{n} {s['cold'][-1] or 0:.2f}/{s['warm'][-1] or 0:.2f}s" for n, s in samples.items())
            )
        browser.close()
        playwright.stop()
        headers = _static_headers(app.url)
    out: dict = {"runs": runs, "warm_cache_use": cache, "static_headers": headers, "pages": {}}
    for kind in ("cold", "warm"):
        out[f"empty_{kind}_s"] = median(samples["empty"][kind])
    for name in PAGES:
        entry = {}
        for kind in ("cold", "warm"):
            ratios = [ratio(p, e) for p, e in zip(samples[name][kind], samples["empty"][kind])]
            entry[f"{kind}_s"] = median(samples[name][kind])
            entry[f"{kind}_ratio"] = median(ratios)
        out["pages"][name] = entry
    return out


def _static_headers(url: str) -> dict:
    """Cache-Control and Content-Encoding of the main bundle and of the atlas's font, through the proxy."""
    html = urllib.request.urlopen(url + "/", timeout=10).read().decode()
    bundle = "/static/js/" + html.split('src="./static/js/', 1)[1].split('"', 1)[0]
    out = {}
    for path in (bundle, "/app/static/fonts/noto-sans-armenian-armenian-400-normal.woff2", "/"):
        request = urllib.request.Request(url + path, headers={"Accept-Encoding": "gzip", "Cookie": "SERVERID=app1"})
        with urllib.request.urlopen(request, timeout=10) as response:
            out[path if path != bundle else "/static/js/index.*.js"] = {
                "cache_control": response.headers.get("Cache-Control"),
                "content_encoding": response.headers.get("Content-Encoding"),
            }
    return out


PARTS = {"crowds": crowds, "failover": failover, "page_loads": page_loads}


def serving(previous: dict | None = None) -> dict:
    """Every part, or those named in BENCH_SERVING_PARTS (comma-separated) with the others kept from the
    previous results: on a shared machine a long run is easier to redo in pieces."""
    wanted = [p for p in os.environ.get("BENCH_SERVING_PARTS", "").split(",") if p] or list(PARTS)
    out = dict(previous or {})
    for part in wanted:
        out[part] = PARTS[part]()
        out.setdefault("measured_at", {})[part] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    out["rounds"] = ROUNDS
    return out
