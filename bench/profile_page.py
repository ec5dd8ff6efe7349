"""Where a page's server time goes: `python bench/profile_page.py [PAGE] [QUERY] [--data DIR] [--runs N]`.

Serves an exported copy of HEAD whose entry point is app.py wrapped in a pyinstrument profiler (running in
Streamlit's script thread, where the page's work happens), asks for N warm runs of PAGE ("" = timeline,
"map", "prisoners", "stories"...) with a protocol-level client, and prints the profile of the last run.
Nothing in the working tree is touched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BUILD, Server, app_snapshot  # noqa: E402
from bench.wsclient import one_view  # noqa: E402

WRAPPER = '''"""Written by bench/profile_page.py: app.py under pyinstrument."""
import runpy
from pathlib import Path

from pyinstrument import Profiler

_profiler = Profiler(interval=0.001)
_profiler.start()
try:
    runpy.run_path(str(Path(__file__).with_name("app.py")), run_name="__main__")
finally:
    _profiler.stop()
    Path(__file__).with_name("_bench_profile.txt").write_text(
        _profiler.output_text(unicode=False, color=False, show_all=False)
    )
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", default="")
    parser.add_argument("query", nargs="?", default="")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-file-mb", type=int, default=None, help="lift the app's file cap (1M-event sets)")
    args = parser.parse_args()
    app_dir, info = app_snapshot("HEAD")
    (app_dir / "_bench_profiled_app.py").write_text(WRAPPER)
    with Server(
        "_bench_profiled_app.py", args.data or app_dir / "data", cwd=app_dir, max_file_mb=args.max_file_mb
    ) as server:
        for _ in range(args.runs):
            view = one_view(server.url, args.page, args.query, timeout=600)
        print(
            f"{info['commit'][:12]} page '{args.page}' ?{args.query}: last run {view.seconds:.3f} s to script_finished"
        )
    profile = (app_dir / "_bench_profile.txt").read_text()
    (BUILD / f"profile-{args.page or 'timeline'}.txt").write_text(profile)
    print(profile)


if __name__ == "__main__":
    main()
