"""Opening an app page in a fresh browser context while recording console errors and foreign requests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from devtools.local_server import LOCAL_HOSTS, SCRIPT_DONE

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "artifacts"
# Opened directly at /map, Streamlit's frontend first looks for its server under /map/ (404) before /.
BASE_PATH_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")
NOT_FOUND_MESSAGE = "the server responded with a status of 404"


@dataclass
class Visit:
    page: object
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    base_path_probes: int = 0

    def app_errors(self) -> list[str]:
        """Console errors, less the framework's own 404s while it discovers its base path."""
        errors, probes = [], self.base_path_probes
        for error in self.console_errors:
            if probes and NOT_FOUND_MESSAGE in error:
                probes -= 1
                continue
            errors.append(error)
        return errors

    def wait_until_idle(self, content_selector: str, timeout_ms: int = 45_000) -> None:
        """Until the script has finished and the chart/map/text we came for is visible."""
        self.page.wait_for_selector(content_selector, state="visible", timeout=timeout_ms)
        self.page.wait_for_selector(SCRIPT_DONE, timeout=timeout_ms)
        self.page.wait_for_timeout(800)  # let plotly/deck.gl finish painting before a screenshot

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        return path


# What Chrome on an Android phone sends: a phone-sized visit says it is a phone, as a real one would.
PHONE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0.0.0 Mobile Safari/537.36"
)


def open_page(browser, url: str, width: int = 1920, height: int = 1080) -> Visit:
    phone = {"user_agent": PHONE_USER_AGENT} if width < 600 else {}
    context = browser.new_context(viewport={"width": width, "height": height}, **phone)
    page = context.new_page()
    visit = Visit(page)

    def on_console(message) -> None:
        if message.type == "error":
            visit.console_errors.append(message.text)

    def on_request(request) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
            visit.foreign_requests.append(request.url)

    def on_response(response) -> None:
        if response.status == 404 and BASE_PATH_PROBE.search(urlparse(response.url).path):
            visit.base_path_probes += 1

    def on_dialog(dialog) -> None:  # an alert() would mean injected script ran
        visit.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
    page.on("request", on_request)
    page.on("response", on_response)
    page.on("dialog", on_dialog)
    page.goto(url)
    return visit
