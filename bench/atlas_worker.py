"""Pure-Python timing of the atlas work behind a page, in its own process so peak memory is its own.

`python bench/atlas_worker.py APP_DIR DATA_DIR RUNS [PROFILE_HTML]` prints one JSON object: load time,
filter / figure / serialisation times per filter state (medians of RUNS), figure JSON sizes, peak RSS.
"""

from __future__ import annotations

import inspect
import json
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path

APP_DIR, DATA_DIR, RUNS = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), int(sys.argv[3])
PROFILE = sys.argv[4] if len(sys.argv) > 4 else ""
sys.path.insert(0, str(APP_DIR))

import atlas.load  # noqa: E402
from atlas.figures import timeline_figure  # noqa: E402
from atlas.filters import FilterState, apply_filters, describe  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def figure(events, sentence: str):
    """timeline_figure with whatever optional parameters the current version takes."""
    params = inspect.signature(timeline_figure).parameters
    extra = {}
    for name in ("caption", "sentence"):
        if name in params:
            extra[name] = sentence
    if "selected" in params:
        extra["selected"] = events["event_id"].iloc[0]
    return timeline_figure(events, "en", **extra)


# What a reader does: nothing yet (every event), a category and period, a word search.
STATES = {
    "all": FilterState(),
    "category+period": FilterState(categories=("military", "prisoners"), date_from=date(1988, 1, 1)),
    "search": FilterState(query="exchange"),
}


def main() -> None:
    cap = atlas.load.MAX_FILE_BYTES
    events_bytes = (DATA_DIR / "events.csv").stat().st_size
    result: dict[str, object] = {"events_csv_mb": events_bytes / 2**20, "app_cap_mb": cap / 2**20}
    result["refused_by_app_cap"] = events_bytes > cap
    if events_bytes > cap:  # measured all the same, past the cap, so the next limit is known too
        atlas.load.MAX_FILE_BYTES = events_bytes + 1
    rss_before = peak_rss_mb()
    start = time.perf_counter()
    data = atlas.load.load_dataset(DATA_DIR)
    result["load_s"] = time.perf_counter() - start
    result["events"] = len(data.events)
    result["problems"] = len(data.problems)
    result["rss_after_load_mb"] = peak_rss_mb()
    result["rss_base_mb"] = rss_before
    states = {}
    for name, state in STATES.items():
        timings = {"filter_ms": [], "figure_ms": [], "to_json_ms": []}
        for _ in range(RUNS):
            t0 = time.perf_counter()
            shown = apply_filters(data.events, state)
            sentence = describe(state, "en", len(shown), len(data.events))
            t1 = time.perf_counter()
            fig = figure(shown, sentence) if len(shown) else None
            t2 = time.perf_counter()
            payload = fig.to_json() if fig is not None else ""
            t3 = time.perf_counter()
            timings["filter_ms"].append((t1 - t0) * 1000)
            timings["figure_ms"].append((t2 - t1) * 1000)
            timings["to_json_ms"].append((t3 - t2) * 1000)
        states[name] = {
            "shown": len(shown),
            "figure_json_bytes": len(payload.encode()),
            **{key: sorted(values)[len(values) // 2] for key, values in timings.items()},
            "filter_and_aggregate_ms": sorted(f + g for f, g in zip(timings["filter_ms"], timings["figure_ms"]))[
                len(timings["filter_ms"]) // 2
            ],
        }
    result["states"] = states
    result["peak_rss_mb"] = peak_rss_mb()
    if PROFILE:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
        for state in STATES.values():
            shown = apply_filters(data.events, state)
            figure(shown, "") if len(shown) else None
        profiler.stop()
        Path(PROFILE).write_text(profiler.output_text(unicode=False, color=False, show_all=False))
        result["profile"] = PROFILE
    print(json.dumps(result))


if __name__ == "__main__":
    os.chdir(APP_DIR)
    main()
