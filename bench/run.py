"""`make bench`: every benchmark (page loads, reruns, scale, concurrency), a table, results.json, PASS/FAIL per target.

    .venv/bin/python bench/run.py [pages] [scale] [concurrency] [peer] [serving]   (default: all sections)
    BENCH_QUICK=1   a short smoke run (3 runs per median, no 1M set, smaller peer sizes)
    BENCH_APP=HEAD  measure an exported copy of a commit instead of the working tree as it is

Every figure is a median of at least 5 runs (3 with BENCH_QUICK) and every comparison is a ratio of two
measurements taken in the same round. PASS/FAIL lines are informational: nothing here fails the build.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BUILD, QUICK, ROOT, RUNS, app_snapshot, chromium_path, fmt, log  # noqa: E402

RESULTS = ROOT / "bench" / "results.json"
SECTIONS = ("pages", "scale", "concurrency", "peer", "serving")
PEER_SIZES = ("bundled", 1_000) if QUICK else ("bundled", 1_000, 5_000, 100_000)


def _machine() -> dict:
    chromium = subprocess.run([chromium_path(), "--version"], capture_output=True, text=True).stdout.strip()
    import streamlit

    return {
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "chromium": chromium,
        "load_average_at_start": os.getloadavg(),
    }


def targets(results: dict) -> list[tuple[str, str, str, bool | None]]:
    """(target, measured, goal, passed) for every target (loads, reruns, scale, concurrency) this run measured."""
    rows: list[tuple[str, str, str, bool | None]] = []
    pages = results.get("pages")
    if pages:
        for name, limit in (("timeline", 1.5), ("prisoners", 1.5), ("map", 2.0)):
            page = pages["pages"].get(name, {})
            value = page.get("ratio_to_floor")
            rows.append(
                (f"{name} load / empty page", fmt(value, "x"), f"<= {limit}x", value is not None and value <= limit)
            )
        rerun = pages.get("rerun", {})
        value = rerun.get("median_painted_ms")
        rows.append(
            ("rerun: filter change to chart", fmt(value, " ms", 0), "<= 300 ms", value is not None and value <= 300)
        )
    scale = results.get("scale")
    if scale:
        largest = max(scale, key=int)
        entry = scale[largest]
        states = entry["atlas"].get("states", {})
        worst = max((s["filter_and_aggregate_ms"] for s in states.values()), default=None)
        rows.append(
            (
                f"{int(largest):,}: filter + aggregate (worst filter)",
                fmt(worst, " ms", 0),
                "<= 500 ms",
                worst is not None and worst <= 500,
            )
        )
        figure = max((s["figure_json_bytes"] for s in states.values()), default=None)
        ws = entry["served"].get("ws_bytes_per_load")
        payload = max(v for v in (figure, ws) if v is not None) if (figure or ws) else None
        rows.append(
            (
                f"{int(largest):,}: bytes to the browser per page",
                fmt(payload and payload / 2**20, " MB"),
                "<= 2 MB",
                payload is not None and payload <= 2 * 2**20,
            )
        )
        loads = entry["served"].get("warm_load_s") is not None and not entry["served"].get("exception_boxes")
        served = entry["served"]
        measured = (
            f"yes, warm {fmt(served.get('warm_load_s'), ' s', 1)}, cold {fmt(served.get('cold_load_s'), ' s', 0)}"
        )
        rows.append((f"{int(largest):,}: page still loads", measured if loads else "no", "loads", loads))
        refused = entry["atlas"].get("refused_by_app_cap")
        rows.append(
            (f"{int(largest):,}: accepted by the app's file cap", "no" if refused else "yes", "(information)", None)
        )
    crowd = results.get("concurrency")
    if crowd:
        timeline = crowd["timeline"]
        rows.append(
            ("25 viewers: p95 to script finished", fmt(timeline["p95_s"], " s"), "<= 3 s", timeline["p95_s"] <= 3)
        )
        rows.append(
            (
                "25 viewers: memory per session",
                fmt(timeline["mb_per_session"], " MB"),
                "<= 5 MB",
                timeline["mb_per_session"] <= 5,
            )
        )
        rows.append(("25 viewers: errors", str(timeline["errors"]), "0", timeline["errors"] == 0))
        value = crowd["cpu_ratio_to_empty"]
        rows.append(("server CPU per view / empty page's", fmt(value, "x"), "<= 2x", value <= 2))
    serving = results.get("serving")
    if serving:
        for viewers, entry in serving.get("crowds", {}).items():
            value = entry["views_per_s_ratio_n2_n1"]
            rows.append((f"{viewers} viewers: views/s N=2 / N=1", fmt(value, "x"), "near 2x", None))
            errors = entry["n1"]["errors"] + entry["n2"]["errors"]
            rows.append((f"{viewers} viewers through the proxy: errors", str(errors), "0", errors == 0))
        fo = serving.get("failover", {"had_it_back": 0, "lost_page": 0, "errors_on_other_process": 0})
        fo.setdefault("new_arrival_errors", 0)
        rows.append(
            (
                "failover: viewers who lost their page got it back",
                f"{fo['had_it_back']}/{fo['lost_page']}",
                "all",
                fo["had_it_back"] == fo["lost_page"],
            )
        )
        other = fo["errors_on_other_process"] + fo["new_arrival_errors"]
        rows.append(("failover: errors other than on the killed process", str(other), "0", other == 0))
        pages = serving.get("page_loads", {}).get("pages", {})
        for name, limit in (("timeline", 2.5), ("prisoners", 3.0)):
            value = pages.get(name, {}).get("cold_ratio")
            rows.append(
                (
                    f"cold {name} / empty page (proxy)",
                    fmt(value, "x"),
                    f"<= {limit}x",
                    value is not None and value <= limit,
                )
            )
        for name, page in pages.items():
            value = page["warm_ratio"]
            rows.append(
                (f"warm {name} / empty page (proxy)", fmt(value, "x"), "<= 1.5x", value is not None and value <= 1.5)
            )
    return rows


def table(results: dict) -> str:
    lines = []
    pages = results.get("pages")
    if pages:
        lines += [
            "",
            f"1. Page load (median of {pages['runs']}, fresh context each; ratio to the empty page per round)",
        ]
        lines.append(f"   {'page':24} {'median':>8} {'x floor':>8} {'cold':>8} {'ws bytes':>10} {'server run':>11}")
        lines.append(
            f"   {'empty Streamlit page':24} {fmt(pages['floor_s'], ' s'):>8} {'1.00x':>8} {'':>8} "
            f"{fmt(pages['floor_ws_bytes'], '', 0):>10} {fmt(pages['server_script_s']['empty'], ' s'):>11}"
        )
        for name, page in pages["pages"].items():
            lines.append(
                f"   {name:24} {fmt(page['median_s'], ' s'):>8} {fmt(page['ratio_to_floor'], 'x'):>8} "
                f"{fmt(page['cold_s'], ' s'):>8} {fmt(page['ws_bytes'], '', 0):>10} "
                f"{fmt(pages['server_script_s'].get(name), ' s'):>11}"
            )
        for name, floor in pages.get("component_floors", {}).items():
            lines.append(f"   {name:24} {fmt(floor['median_s'], ' s'):>8} {fmt(floor['ratio_to_floor'], 'x'):>8}")
        if pages["story_presentation"] != "measured":
            lines.append(f"   {'story (presentation)':24} not built")
        rerun = pages.get("rerun", {})
        lines += ["", "2. Rerun latency (search box, Enter to chart painted)"]
        if "error" in rerun:
            lines.append(f"   error: {rerun['error']}")
        else:
            lines.append(
                f"   median {fmt(rerun['median_painted_ms'], ' ms', 0)} over {rerun['changes']} changes "
                f"(script done {fmt(rerun['median_script_done_ms'], ' ms', 0)}; "
                f"max {fmt(rerun['max_painted_ms'], ' ms', 0)})"
            )
        atlas = pages.get("atlas_bundled", {})
        if "states" in atlas:
            lines.append(
                f"   server-side atlas work, bundled data ({atlas['events']} events): "
                f"load {fmt(atlas['load_s'] * 1000, ' ms', 0)}"
            )
            for name, state in atlas["states"].items():
                lines.append(
                    f"     {name:16} filter {fmt(state['filter_ms'], ' ms', 1):>10}  "
                    f"figure {fmt(state['figure_ms'], ' ms', 1):>10}"
                    f"  to_json {fmt(state['to_json_ms'], ' ms', 1):>9}  ({state['shown']} shown)"
                )
    scale = results.get("scale")
    if scale:
        lines += ["", "3. Scale (synthetic events; atlas in-process, then the timeline page served from the set)"]
        lines.append(
            f"   {'events':>9} {'csv MB':>7} {'load':>8} {'peak RSS':>9} {'filter+agg (all/cat/search) ms':>31} "
            f"{'fig KB':>7} {'page cold':>9} {'page warm':>9} {'ws KB':>8}"
        )
        for size, entry in scale.items():
            a, s = entry["atlas"], entry["served"]
            if "states" not in a:
                lines.append(f"   {int(size):>9,} error: {a.get('error')}")
                continue
            fa = "/".join(fmt(st["filter_and_aggregate_ms"], "", 0) for st in a["states"].values())
            fig = max(st["figure_json_bytes"] for st in a["states"].values()) / 1024
            lines.append(
                f"   {int(size):>9,} {fmt(a['events_csv_mb'], '', 0):>7} {fmt(a['load_s'], ' s', 1):>8} "
                f"{fmt(a['peak_rss_mb'], ' MB', 0):>9} {fa:>31} {fmt(fig, '', 0):>7} "
                f"{fmt(s.get('cold_load_s'), ' s', 1):>9} {fmt(s.get('warm_load_s'), ' s', 1):>9} "
                f"{fmt((s.get('ws_bytes_per_load') or 0) / 1024, '', 0):>8}"
            )
            if a.get("refused_by_app_cap"):
                lines.append(
                    f"             events.csv is {a['events_csv_mb']:.0f} MB: "
                    f"the app refuses it (cap {a['app_cap_mb']:.0f} MB); "
                    "measured with the cap lifted in the bench process"
                )
    crowd = results.get("concurrency")
    if crowd:
        lines += [
            "",
            f"4. Concurrency: {crowd['viewers']} protocol-level viewers at once (median of {crowd['rounds']} rounds)",
        ]
        lines.append(
            f"   {'app':10} {'p50':>7} {'p95':>7} {'CPU/view':>9} {'RSS before':>11} {'peak':>8} {'held':>8} "
            f"{'after':>8} {'MB/session':>11} {'errors':>7}"
        )
        for name in ("empty", "timeline"):
            c = crowd[name]
            lines.append(
                f"   {name:10} {fmt(c['p50_s'], ' s'):>7} {fmt(c['p95_s'], ' s'):>7} "
                f"{fmt(c['cpu_s_per_view'], ' s', 3):>9} "
                f"{fmt(c['rss_before_mb'], ' MB', 0):>11} {fmt(c['rss_peak_mb'], ' MB', 0):>8} "
                f"{fmt(c['rss_held_mb'], ' MB', 0):>8} "
                f"{fmt(c['rss_after_mb'], ' MB', 0):>8} {fmt(c['mb_per_session'], ' MB'):>11} {c['errors']:>7}"
            )
        b = crowd.get("browsers", {})
        lines.append(
            f"   + {b.get('browser_loads')} real browsers during a 25-viewer round: "
            f"median load {fmt(b.get('median_s'), ' s')}, "
            f"{b.get('failures')} failed"
        )
    serving = results.get("serving")
    if serving:
        lines += ["", f"6. Serving through HAProxy (make serve; median of {serving['rounds']} rounds per cell)"]
        head = f"{'viewers':>7} {'N':>2} {'p50':>7} {'p95':>7} {'views/s':>8} {'errors':>7} {'N2/N1 views/s':>14}"
        lines.append("   " + head)
        for viewers, entry in serving.get("crowds", {}).items():
            for n in ("n1", "n2"):
                c = entry[n]
                share = fmt(entry["views_per_s_ratio_n2_n1"], "x") if n == "n2" else ""
                lines.append(
                    f"   {viewers:>7} {n[1]:>2} {fmt(c['p50_s'], ' s'):>7} {fmt(c['p95_s'], ' s'):>7} "
                    f"{fmt(c['views_per_s'], '', 1):>8} {c['errors']:>7} {share:>14}"
                )
        fo = serving.get("failover")
        fo and lines.append(
            f"   failover (N=2, {fo['viewers']} viewers, one process killed): {fo['lost_page']} lost their page "
            f"({fo['on_killed_process']} were on it), {fo['had_it_back']} had it back, "
            f"p50 {fmt(fo['back_after_kill_p50_s'], ' s')} / max {fmt(fo['back_after_kill_max_s'], ' s')} "
            f"after the kill; {fo['new_arrival_errors']} errors among {fo['new_arrivals']} viewers arriving then"
        )
        pl = serving.get("page_loads", {"runs": 0, "empty_cold_s": None, "empty_warm_s": None, "pages": {}})
        lines.append(
            f"   page loads through the proxy (median of {pl['runs']}): empty page cold "
            f"{fmt(pl['empty_cold_s'], ' s')}, warm {fmt(pl['empty_warm_s'], ' s')}"
        )
        for name, page in pl["pages"].items():
            lines.append(
                f"     {name:10} cold {fmt(page['cold_s'], ' s')} ({fmt(page['cold_ratio'], 'x')})  "
                f"warm {fmt(page['warm_s'], ' s')} ({fmt(page['warm_ratio'], 'x')})"
            )
    peer = results.get("peer")
    if peer:
        lines += ["", f"5. Peer: our timeline page vs TimelineJS {peer['timelinejs']} (same browser, ratio per round)"]
        lines.append(f"   {'events':>9} {'ours':>8} {'TimelineJS':>11} {'ours/TLJS':>10} {'TLJS JSON':>10}")
        for size, entry in peer.items():
            if not isinstance(entry, dict):
                continue
            lines.append(
                f"   {size:>9} {fmt(entry['ours_s'], ' s'):>8} {entry['timelinejs']:>11} "
                f"{fmt(entry['ours_over_timelinejs'], 'x'):>10} {entry['json_bytes'] / 2**20:>8.1f}MB"
            )
            if entry["foreign_requests"]:
                lines.append(f"             TimelineJS asked other hosts: {entry['foreign_requests'][:3]}")
    return "\n".join(lines)


def _run_section(name: str, app_dir: Path) -> dict:
    if name == "pages":
        from bench.pages import page_loads

        return page_loads(app_dir, app_dir / "data")
    if name == "scale":
        from bench.scale import scale

        return scale(app_dir)
    if name == "concurrency":
        from bench.concurrency import concurrency

        return concurrency(app_dir)
    if name == "serving":  # always the working tree: scripts/serve.py starts the app from it
        from bench.serving import serving

        previous = json.loads(RESULTS.read_text()).get("serving") if RESULTS.is_file() else None
        return serving(previous)
    from bench.peer import peer

    return peer(app_dir, BUILD, RUNS, PEER_SIZES)


def main(argv: list[str]) -> int:
    wanted = [a for a in argv if a in SECTIONS] or list(SECTIONS)
    started = time.time()
    app_dir, app_info = app_snapshot(os.environ.get("BENCH_APP", "worktree"))
    BUILD.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.is_file() and len(wanted) < len(SECTIONS) else {}
    results: dict = {**previous, "machine": _machine(), "app": app_info, "quick": QUICK, "runs_per_median": RUNS}
    results.setdefault("section_app", {}).update({name: app_info for name in wanted})
    log(
        f"measuring {app_info['app']} at {app_info['commit'][:12]}; sections: {', '.join(wanted)}; "
        f"{RUNS} runs per median"
    )
    for name in wanted:
        try:  # a section that cannot run (no npm, a crashed browser) is reported; the others still run
            results[name] = _run_section(name, app_dir)
            results.pop(name + "_error", None)
        except Exception as err:  # noqa: BLE001
            log(f"section {name} failed: {type(err).__name__}: {err}")
            results[name + "_error"] = f"{type(err).__name__}: {str(err)[:300]}"
            results.pop(name, None)
    results["finished_at"] = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    results["duration_s"] = round(time.time() - started)
    rows = targets(results)
    results["targets"] = [{"target": t, "measured": m, "goal": g, "pass": p} for t, m, g, p in rows]
    written = BUILD / "results-quick.json" if QUICK else RESULTS  # a smoke run never replaces the real figures
    written.write_text(json.dumps(results, indent=1, default=str) + "\n")
    print(table(results))
    for name in SECTIONS:
        if results.get(name + "_error"):
            print(f"\n{name}: not measured ({results[name + '_error']})")
    print()
    for target, measured, goal, passed in rows:
        verdict = "INFO" if passed is None else ("PASS" if passed else "FAIL")
        print(f"{verdict} {target}: {measured} (target {goal})")
    print(
        f"\n{len(rows)} targets, {sum(1 for r in rows if r[3])} PASS, {sum(1 for r in rows if r[3] is False)} FAIL "
        f"in {results['duration_s']} s; written {written.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
