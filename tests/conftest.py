"""Shared fixtures: the tiny hostile dataset, the bundled data, and a live app for the browser tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from devtools.local_server import (
    CHROMIUM_ENV,
    CHROMIUM_FLAGS,
    chromium_candidates,
    find_chromium,
    free_port,
    wait_until_healthy,
)

# The machine running the tests is shared and noisy: a slow example is not a failure (speed is measured in bench/).
settings.register_profile("shared_machine", deadline=None)
settings.load_profile("shared_machine")

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
DATA = ROOT / "data"
ARTIFACTS = ROOT / "artifacts"


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A private copy of the tiny dataset that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


def chromium_path() -> str:
    chromium = find_chromium()
    if chromium is None:
        pytest.fail(
            f"No Chromium found (looked at {chromium_candidates()}). Install Debian's 'chromium' package or set "
            f"{CHROMIUM_ENV} to a Chromium/Chrome binary. Browser tests never skip silently.",
            pytrace=False,
        )
    return chromium


class LiveApp:
    def __init__(self, data_dir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        failure = wait_until_healthy(self.url, self.process, 60)
        if failure:
            self.stop()
            raise RuntimeError(failure)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="session")
def live_app():
    app = LiveApp(DATA)
    yield app
    app.stop()


@pytest.fixture(scope="session")
def hostile_app():
    app = LiveApp(MINI)
    yield app
    app.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()
