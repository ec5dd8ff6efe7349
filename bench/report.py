"""`python bench/report.py`: bench/results.json as the Markdown tables of README.md's Performance section."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import fmt  # noqa: E402


def _commits(results: dict) -> str:
    by_commit: dict[str, list[str]] = {}
    for section, app in results.get("section_app", {}).items():
        by_commit.setdefault(app["commit"][:12], []).append(section)
    if len(by_commit) <= 1:
        return f"`{results['app']['commit'][:12]}`"
    return ", ".join(f"`{commit}` ({', '.join(sections)})" for commit, sections in by_commit.items())


def markdown(results: dict) -> str:
    m = results["machine"]
    out = [
        f"Measured {results['finished_at']} on {m['cores']} cores / {m['memory_gb']:.0f} GB (shared, noisy), "
        f"{m['chromium']}, Streamlit {m['streamlit']}, app at commit {_commits(results)}; "
        f"medians of {results['runs_per_median']} runs; a full `make bench` took "
        f"{results.get('full_run_duration_s', results['duration_s']) / 60:.0f} min.",
        "",
    ]
    pages = results.get("pages")
    if pages:
        out += [
            "| page load (fresh browser context) | median | × empty page | server script run |",
            "|---|---|---|---|",
        ]
        out.append(
            f"| empty Streamlit page (floor) | {fmt(pages['floor_s'], ' s')} | 1.00× | "
            f"{fmt(pages['server_script_s']['empty'], ' s')} |"
        )
        for name, floor in pages.get("component_floors", {}).items():
            out.append(f"| {name} | {fmt(floor['median_s'], ' s')} | {fmt(floor['ratio_to_floor'], '×')} | |")
        for name, page in pages["pages"].items():
            out.append(
                f"| {name} | {fmt(page['median_s'], ' s')} | {fmt(page['ratio_to_floor'], '×')} | "
                f"{fmt(pages['server_script_s'].get(name), ' s')} |"
            )
        rerun = pages.get("rerun", {})
        if "median_painted_ms" in rerun:
            out += [
                "",
                f"Rerun after a search-box change: median {fmt(rerun['median_painted_ms'], ' ms', 0)} to the "
                f"chart painted ({rerun['changes']} changes; "
                f"script done at {fmt(rerun['median_script_done_ms'], ' ms', 0)}).",
            ]
        atlas = pages.get("atlas_bundled", {})
        if "states" in atlas:
            parts = [
                f"{k}: filter {fmt(v['filter_ms'], ' ms', 1)}, figure {fmt(v['figure_ms'], ' ms', 0)}"
                for k, v in atlas["states"].items()
            ]
            out.append(f"Server-side atlas work on the bundled {atlas['events']} events: " + "; ".join(parts) + ".")
    scale = results.get("scale")
    if scale:
        out += [
            "",
            "| events | events.csv | load | peak RSS | filter + aggregate (all / category+period / search) | "
            "figure JSON | page cold / warm | websocket per load |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for size, entry in scale.items():
            a, s = entry["atlas"], entry["served"]
            if "states" not in a:
                continue
            fa = " / ".join(fmt(v["filter_and_aggregate_ms"], "", 0) for v in a["states"].values()) + " ms"
            fig = max(v["figure_json_bytes"] for v in a["states"].values()) / 1024
            cap = " (over the app's 50 MB cap)" if a.get("refused_by_app_cap") else ""
            out.append(
                f"| {int(size):,} | {a['events_csv_mb']:.0f} MB{cap} | {fmt(a['load_s'], ' s', 1)} | "
                f"{a['peak_rss_mb']:.0f} MB | {fa} | {fig:.0f} KB | {fmt(s.get('cold_load_s'), ' s', 1)} / "
                f"{fmt(s.get('warm_load_s'), ' s', 1)} | {(s.get('ws_bytes_per_load') or 0) / 1024:.0f} KB |"
            )
    crowd = results.get("concurrency")
    if crowd:
        out += [
            "",
            f"| {crowd['viewers']} viewers at once | p50 | p95 | CPU per view | RSS before / peak / after | "
            "per session | errors |",
            "|---|---|---|---|---|---|---|",
        ]
        for name in ("empty", "timeline"):
            c = crowd[name]
            out.append(
                f"| {name} | {fmt(c['p50_s'], ' s')} | {fmt(c['p95_s'], ' s')} | {fmt(c['cpu_s_per_view'], ' s', 3)} | "
                f"{c['rss_before_mb']:.0f} / {c['rss_peak_mb']:.0f} / {c['rss_after_mb']:.0f} MB | "
                f"{fmt(c['mb_per_session'], ' MB')} | {c['errors']} |"
            )
    peer = results.get("peer")
    if peer:
        out += [
            "",
            f"| events | our timeline page | TimelineJS {peer['timelinejs'].rsplit('@', 1)[1]} | ours / TimelineJS |",
            "|---|---|---|---|",
        ]
        for size, entry in peer.items():
            if isinstance(entry, dict):
                out.append(
                    f"| {size} | {fmt(entry['ours_s'], ' s')} | {entry['timelinejs']} | "
                    f"{fmt(entry['ours_over_timelinejs'], '×')} |"
                )
    targets = results.get("targets", [])
    if targets:
        out += ["", "| target | measured | goal | |", "|---|---|---|---|"]
        for t in targets:
            verdict = "info" if t["pass"] is None else ("PASS" if t["pass"] else "FAIL")
            out.append(f"| {t['target']} | {t['measured']} | {t['goal']} | {verdict} |")
    return "\n".join(out)


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "results.json"
    print(markdown(json.loads(path.read_text())))
