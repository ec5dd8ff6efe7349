"""Stories in presentation mode in a real Chromium: every language renders; clicker keys, autoplay, idle reset."""

import pytest

from tests.browser.visit import open_page

pytestmark = pytest.mark.browser
STEP_CAPTION = ".atlas-headline"  # the step's caption, the slide's headline


def _caption(visit) -> str:
    return visit.page.locator(STEP_CAPTION).first.inner_text()


@pytest.mark.parametrize("story", ["origins", "war-blockade-exodus", "prisoners"])
@pytest.mark.parametrize("lang", ["en", "fr", "hy"])
def test_first_step_in_presentation_mode(browser, live_app, story, lang):
    visit = open_page(browser, f"{live_app.url}/stories?story={story}&step=1&present=1&lang={lang}")
    visit.wait_until_idle(STEP_CAPTION)
    visit.page.wait_for_selector('[data-testid="stDeckGlJsonChart"]', state="visible")
    visit.screenshot(f"story-{story}-{lang}")
    assert visit.page.locator('[data-testid="stSidebar"]').is_hidden()  # nothing but the story on screen
    assert visit.page.locator('[data-testid="stHeader"]').is_hidden()
    if lang == "hy":
        assert any("\u0531" <= ch <= "\u058f" for ch in _caption(visit))
    assert visit.app_errors() == []
    assert visit.foreign_requests == []
    visit.page.context.close()


def test_clicker_keys_step_forward_and_back(browser, live_app):
    visit = open_page(browser, f"{live_app.url}/stories?story=origins&step=1&present=1")
    visit.wait_until_idle(STEP_CAPTION)
    first = _caption(visit)
    # A shortcut works once its button is drawn (a lazily loaded chunk, slow on a loaded machine).
    visit.page.wait_for_selector(".st-key-story_forward button:enabled", timeout=30000)
    visit.page.locator(STEP_CAPTION).first.click()  # the page has the focus, as after a presenter's first click
    visit.page.keyboard.press("PageDown")
    visit.page.wait_for_function(f"document.querySelector('{STEP_CAPTION}').innerText !== {first!r}", timeout=30000)
    visit.page.wait_for_url("**step=2**", timeout=30000)  # the permalink follows the clicker
    visit.wait_until_idle(STEP_CAPTION)  # "Back" is enabled only once step 2 is drawn, as a presenter sees it
    visit.page.wait_for_selector(".st-key-story_back button:enabled", timeout=30000)
    visit.page.keyboard.press("PageUp")
    visit.page.wait_for_function(f"document.querySelector('{STEP_CAPTION}').innerText === {first!r}", timeout=30000)
    visit.page.context.close()


def test_autoplay_advances_and_idle_returns_to_the_first_step(browser, live_app):
    # The first step's caption, read without autoplay: a loaded machine could draw step 2 before it is read.
    visit = open_page(browser, f"{live_app.url}/stories?story=prisoners&step=1&present=1")
    visit.wait_until_idle(STEP_CAPTION)
    first = _caption(visit)
    visit.page.context.close()

    visit = open_page(browser, f"{live_app.url}/stories?story=prisoners&step=1&present=1&autoplay=2")
    visit.wait_until_idle(STEP_CAPTION)
    visit.page.wait_for_function(f"document.querySelector('{STEP_CAPTION}').innerText !== {first!r}", timeout=20000)
    visit.page.context.close()

    visit = open_page(
        browser, f"{live_app.url}/stories?story=prisoners&step=4&present=1&idle=20"
    )  # idle counts from opening; long enough for the page to be drawn and read on a loaded machine
    visit.wait_until_idle(STEP_CAPTION)
    assert _caption(visit) != first
    visit.page.wait_for_function(f"document.querySelector('{STEP_CAPTION}').innerText === {first!r}", timeout=60000)
    assert visit.app_errors() == []
    visit.page.context.close()
