"""What the browser tests and the benchmark share to serve the app on loopback and drive Chromium: one list of
flags, one way to find the browser and a free port, and one wait for Streamlit's health check.
No pytest here: tests/ and bench/ both import it from this neutral package (devtools/), never each other."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

CHROMIUM_ENV = "ATLAS_CHROMIUM"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}  # the only hosts a page may reach
SCRIPT_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'  # Streamlit finished the run
# Flags for Debian's Chromium on a closed network (DEVELOPERS.md); every host but 127.0.0.1 fails to resolve,
# so a request to any other host can only show up as a failed request, which the tests then catch.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def chromium_candidates() -> list[str]:
    configured = os.environ.get(CHROMIUM_ENV, "").strip()
    return [configured] if configured else ["/usr/bin/chromium", "/usr/bin/chromium-browser"]


def find_chromium() -> str | None:
    return next((c for c in chromium_candidates() if c and Path(c).is_file()), None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, seconds: float) -> str | None:
    """None once `url`'s /_stcore/health answers 200; otherwise why not (the server exited, or time ran out)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return "streamlit exited"
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return None
        except OSError:
            time.sleep(0.3)
    return f"streamlit did not become healthy within {seconds:.0f} s"
