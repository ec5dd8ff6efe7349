"""Sections 1 and 2: page loads against the framework floor, and rerun latency after a filter change."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.browser import load_page, rerun_latencies
from bench.common import CHART_FLOOR_APP, CONTENT, EMPTY_APP, ROOT, RUNS, Server, launch_browser, log, median, ratio
from bench.wsclient import one_view

STORY_CONTENT = '[data-testid="stDeckGlJsonChart"]'


def presentation_url(app_dir: Path) -> str | None:
    """The story page in presentation mode, if this version of the app has one."""
    sys.path.insert(0, str(app_dir))
    try:
        from dataclasses import fields

        from atlas.params import ViewState

        has_flag = "present" in {f.name for f in fields(ViewState)}
    except ImportError:
        has_flag = False
    has_page = (app_dir / "app_pages" / "stories.py").is_file()
    return "stories?present=1&step=1" if has_flag and has_page else None


def search_label(app_dir: Path) -> str:
    locale = json.loads((app_dir / "locales" / "en.json").read_text(encoding="utf-8"))
    return locale["sidebar.query"]


def page_loads(app_dir: Path, data_dir: Path) -> dict:
    """Each page and the empty page, one after the other in every round; ratios are taken per round."""
    story = presentation_url(app_dir)
    targets = {"timeline": ("", CONTENT[""]), "map": ("map", CONTENT["map"]), "prisoners": ("prisoners", CONTENT[""])}
    if story:
        targets["story (presentation)"] = (story, STORY_CONTENT)
    result: dict = {"runs": RUNS, "pages": {}, "story_presentation": "measured" if story else "not built"}
    with (
        Server("app.py", data_dir, cwd=app_dir) as app,
        Server(EMPTY_APP, cwd=app_dir) as empty,
        Server(CHART_FLOOR_APP, cwd=app_dir) as charts,
        sync_playwright() as playwright,
    ):
        browser = launch_browser(playwright)
        cold = {name: load_page(browser, f"{app.url}/{path}", sel) for name, (path, sel) in targets.items()}
        load_page(browser, empty.url, CONTENT["empty"])
        floors = {
            "empty + one plotly chart": ("plotly", CONTENT[""]),
            "empty + one pydeck map": ("pydeck", CONTENT["map"]),
        }
        for kind, selector in floors.values():
            load_page(browser, f"{charts.url}/?chart={kind}", selector)
        rounds: list[dict] = []
        for run in range(RUNS):
            entry = {"empty": load_page(browser, empty.url, CONTENT["empty"])}
            for name, (kind, selector) in floors.items():
                entry[name] = load_page(browser, f"{charts.url}/?chart={kind}", selector)
            for name, (path, selector) in targets.items():
                entry[name] = load_page(browser, f"{app.url}/{path}", selector)
            rounds.append(entry)
            log(f"page loads round {run + 1}/{RUNS}: " + ", ".join(f"{k} {_s(v.seconds)}" for k, v in entry.items()))
        result["floor_s"] = median([r["empty"].seconds for r in rounds])
        result["floor_ws_bytes"] = median([r["empty"].ws_bytes_received for r in rounds])
        result["component_floors"] = {
            name: {
                "median_s": median([r[name].seconds for r in rounds]),
                "ratio_to_floor": median([ratio(r[name].seconds, r["empty"].seconds) for r in rounds]),
                "http_bytes": median([r[name].http_bytes for r in rounds]),
            }
            for name in floors
        }
        for name in targets:
            loads = [r[name] for r in rounds]
            result["pages"][name] = {
                "median_s": median([x.seconds for x in loads]),
                "ratio_to_floor": median([ratio(r[name].seconds, r["empty"].seconds) for r in rounds]),
                "cold_s": cold[name].seconds,
                "ws_bytes": median([x.ws_bytes_received for x in loads]),
                "http_bytes": median([x.http_bytes for x in loads]),
                "failures": sum(1 for x in loads if x.seconds is None),
                "errors": sorted({x.error for x in loads if x.error}),
                "console_errors": sorted({e for x in loads for e in x.console_errors})[:5],
                "foreign_requests": sorted({u for x in loads for u in x.foreign_requests}),
                "failed_responses": sorted({u for x in loads for u in x.failed_responses})[:5],
                "exception_boxes": max(x.exception_boxes for x in loads),
            }
        result["rerun"] = _reruns(browser, app, app_dir)
        result["server_script_s"] = _server_script_times(app, empty, targets)
        browser.close()
    result["atlas_bundled"] = atlas_timings(app_dir, data_dir)
    return result


def _s(value: float | None) -> str:
    return "FAIL" if value is None else f"{value:.2f}s"


def _reruns(browser, app: Server, app_dir: Path) -> dict:
    """Search-box changes on the timeline: ms from Enter to script done and to the chart painted."""
    words = search_terms(app_dir, 4)
    terms = [term for word in words for term in (word, "")]  # narrow, then back to every event
    load, page = load_page(browser, app.url, CONTENT[""], keep=True)
    try:
        if load.seconds is None:
            return {"error": load.error}
        rerun_latencies(page, search_label(app_dir), [words[0], ""], CONTENT[""])
        results = rerun_latencies(page, search_label(app_dir), terms, CONTENT[""])
    except Exception as err:  # noqa: BLE001 - reported, the other sections still run
        return {"error": f"{type(err).__name__}: {str(err).splitlines()[0][:200]}"}
    finally:
        page.context.close()
    return {
        "changes": len(results),
        "median_painted_ms": median([r["painted_ms"] for r in results]),
        "median_script_done_ms": median([r["script_done_ms"] for r in results]),
        "max_painted_ms": max(r["painted_ms"] for r in results),
        "samples": results,
    }


def _server_script_times(app: Server, empty: Server, targets: dict) -> dict:
    """Time to script_finished for a protocol client on a warm server: the server's share of a page view."""
    times: dict = {"empty": median([one_view(empty.url).seconds for _ in range(RUNS)])}
    for name, (path, _) in targets.items():
        page, _, query = path.partition("?")
        times[name] = median([one_view(app.url, page, query).seconds for _ in range(RUNS)])
    return times


def atlas_timings(app_dir: Path, data_dir: Path, profile: str = "") -> dict:
    """Pure-Python load + filter + figure timings (bench/atlas_worker.py in its own process)."""
    cmd = [sys.executable, str(ROOT / "bench" / "atlas_worker.py"), str(app_dir), str(data_dir), str(RUNS)]
    if profile:
        cmd.append(profile)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "worker failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def search_terms(app_dir: Path, count: int) -> list[str]:
    """Words a reader might search that match some but not all bundled events (so a chart is drawn)."""
    from atlas.filters import FilterState, apply_filters
    from atlas.load import load_dataset

    events = load_dataset(app_dir / "data").events
    found = []
    for word in ("war", "prisoner", "ceasefire", "border", "talks", "Stepanakert", "refugees", "Baku", "agreement"):
        if 0 < len(apply_filters(events, FilterState(query=word))) < len(events):
            found.append(word)
    return found[:count] or ["a"]
