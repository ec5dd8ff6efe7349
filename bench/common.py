"""Shared pieces: paths, run counts, statistics, a Streamlit server under measurement, the browser."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "bench"  # synthetic data, npm packages, logs: git-ignored, never committed
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
RUNS = 3 if QUICK else 5  # every figure is a median of RUNS (5 for a real run)
sys.path.insert(0, str(ROOT))

from devtools.local_server import (  # noqa: E402
    CHROMIUM_FLAGS,
    LOCAL_HOSTS,
    SCRIPT_DONE,
    find_chromium,
    free_port,
    wait_until_healthy,
)

__all__ = ["CHROMIUM_FLAGS", "LOCAL_HOSTS", "SCRIPT_DONE"]

# What must be visible for each page to count as loaded (tests/browser/test_pages.py uses the same).
CONTENT = {
    "": '[data-testid="stPlotlyChart"]',
    "map": '[data-testid="stDeckGlJsonChart"]',
    "prisoners": '[data-testid="stPlotlyChart"]',
    "sources": '[data-testid="stDataFrame"]',
    "empty": '[data-testid="stMarkdown"]',
}


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def percentile(values: list[float], q: float) -> float | None:
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    index = min(len(values) - 1, max(0, round(q / 100 * (len(values) - 1))))
    return values[index]


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def chromium_path() -> str:
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("No Chromium: install Debian's 'chromium' or set ATLAS_CHROMIUM")
    return chromium


def fmt(value, unit: str = "", digits: int = 2) -> str:
    """A measured figure for a table: "n/a" when not measured, text as it is."""
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    return f"{value:.{digits}f}{unit}"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


class Server:
    """One `streamlit run` under measurement (headless, no file watcher, no usage stats), started in `cwd`
    so it reads that folder's .streamlit/config.toml: the app and the empty page are served alike."""

    def __init__(
        self, script: str = "app.py", data_dir: Path | None = None, cwd: Path = ROOT, max_file_mb: int | None = None
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "ATLAS_DATA_DIR": str(Path(data_dir or Path(cwd) / "data").resolve())}
        if max_file_mb:  # the app's own switch, and bench/serve.py's patch for commits that predate it
            env["ATLAS_MAX_FILE_MB"] = env["BENCH_MAX_FILE_MB"] = str(max_file_mb)
        BUILD.mkdir(parents=True, exist_ok=True)
        self.log_path = BUILD / f"server-{Path(script).stem}-{self.port}.log"
        self._log = self.log_path.open("w")
        args = ["--server.port", str(self.port), "--server.address", "127.0.0.1", "--server.headless", "true"]
        args += ["--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "serve.py"), script, *args],
            cwd=cwd,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.proc = psutil.Process(self.process.pid)
        failure = wait_until_healthy(self.url, self.process, 90)
        if failure:
            self.stop()
            raise RuntimeError(f"{failure}; see {self.log_path}")

    def cpu_seconds(self) -> float:
        times = self.proc.cpu_times()
        return times.user + times.system

    def rss_mb(self) -> float:
        return self.proc.memory_info().rss / 2**20

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)


EMPTY_APP = str(ROOT / "bench" / "empty_app.py")
CHART_FLOOR_APP = str(ROOT / "bench" / "chart_floor_app.py")


def app_snapshot(source: str) -> tuple[Path, dict]:
    """The app to measure. "worktree": this working tree as it is. "HEAD" (or any commit): an exported copy
    under build/bench/, so files others edit during a long run cannot change the app mid-measurement."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    watched = ["app.py", "ui", "atlas", "app_pages", "data", "locales"]
    status = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", *watched], capture_output=True)
    dirty = bool(status.stdout.strip())
    if source == "worktree":
        return ROOT, {"app": "working tree", "commit": sha, "uncommitted_changes": dirty}
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", source], capture_output=True, text=True, check=True)
    commit_sha = commit.stdout.strip()
    target = BUILD / f"snapshot-{commit_sha[:12]}"
    if not (target / "app.py").is_file():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.Popen(["git", "-C", str(ROOT), "archive", commit_sha], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(target)], stdin=archive.stdout, check=True)
        archive.wait()
    return target, {"app": f"snapshot of {source}", "commit": commit_sha, "uncommitted_changes": False}
