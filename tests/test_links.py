"""Shared links that used to take pages down (issue: 'shared links that kill the page') open the atlas, and
each value that could not be used is named in a small notice; a property test throws generated values for
every declared parameter at every page."""

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from atlas.i18n import translate
from atlas.params import PARAMS, read_params
from tests.conftest import MINI, ROOT

APP = str(ROOT / "app.py")
PAGES = {
    "": "app_pages/timeline.py",
    "map": "app_pages/map.py",
    "prisoners": "app_pages/prisoners.py",
    "stories": "app_pages/stories.py",
    "sources": "app_pages/sources.py",
}
STORY = """id: tour
title: {en: Tour, fr: Visite, hy: Շրջայց}
steps:
  - event: EV-0001
    caption: {en: One, fr: Un, hy: Մեկ}
  - filters: {cat: "diplomatic,humanitarian", from: "1990-01-01"}
    caption: {en: Two, fr: Deux, hy: Երկու}
    source_ids: [UNSC-822]
  - event: EV-0002
    caption: {en: Three, fr: Trois, hy: Երեք}
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """The tiny dataset with one three-step story, so the stories page has something to step through."""
    target = tmp_path_factory.mktemp("links") / "data"
    shutil.copytree(MINI, target)
    (target / "stories").mkdir()
    (target / "stories" / "tour.yaml").write_text(STORY, encoding="utf-8")
    return target


def _open(data_dir: Path, page: str, params: dict, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.switch_page(PAGES[page])
    at.run()
    return at


def _notice_text(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption if "link_off" in c.value).replace("\\", "")


def _page_text(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown).replace("\\", "")


BROKEN_LINKS = [  # page, query, what the notice must say
    ("", {"from": "1900-01-01"}, "start date 1900-01-01 is outside 1918–2026; showing from 1918"),
    ("", {"to": "2099-12-31"}, "end date 2099-12-31 is outside 1918–2026; showing until 2026"),
    ("", {"from": "0001-01-01"}, "showing from 1918"),
    ("map", {"map_mode": "events", "from": "1900-01-01"}, "showing from 1918"),
    ("", {"from": ["2020-01-01", "1900-01-01"]}, "more than once"),
    ("stories", {"step": "²"}, "step “²” could not be read"),
    ("map", {"year": "²"}, "year “²” could not be read"),
    ("stories", {"idle": "1" * 5000}, "idle seconds"),
    ("", {"lang": "zz"}, "language “zz”"),
    ("", {"event": "EV-9999"}, "event “EV-9999”"),
    ("map", {"year": "2027", "map_mode": "borders"}, "year 2027 is outside 1918–2026"),
    ("", {"from": "2000-01-01", "to": "1990-01-01"}, "swapped"),
    (
        "stories",
        {"story": "tour", "step": "999"},
        "this story has 3 steps; the link asked for step 999, showing step 3",
    ),
    ("stories", {"story": "tour", "step": "1000000000"}, "asked for step 1000000000, showing step 3"),
    ("stories", {"story": "nope"}, "story “nope”"),
    ("map", {"map_mode": "incursions", "month": "1990-01"}, "month “1990-01”"),
    ("", {"tag": "no-such-tag"}, "tag “no-such-tag”"),
]


@pytest.mark.parametrize(("page", "params", "said"), BROKEN_LINKS)
def test_a_broken_link_opens_the_page_and_names_what_it_left_out(data_dir, monkeypatch, page, params, said):
    at = _open(data_dir, page, params, monkeypatch)
    assert not at.exception
    assert said in _notice_text(at)


def test_a_step_past_the_end_shows_the_last_step(data_dir, monkeypatch):
    at = _open(data_dir, "stories", {"story": "tour", "step": "1000000000"}, monkeypatch)
    assert "step 3 of 3" in "\n".join(c.value for c in at.caption)


def test_a_good_link_has_no_notice(data_dir, monkeypatch):
    at = _open(data_dir, "", {"cat": "diplomatic", "from": "1990-01-01", "lang": "fr"}, monkeypatch)
    assert _notice_text(at) == ""


def test_notices_stay_on_the_page_the_link_opened(data_dir, monkeypatch):
    at = _open(data_dir, "", {"from": "1900-01-01"}, monkeypatch)
    at.switch_page(PAGES["sources"])
    at.run()
    assert _notice_text(at) == ""


def test_a_story_step_applies_the_filters_it_declares(data_dir, monkeypatch):
    at = _open(data_dir, "stories", {"story": "tour", "step": "2"}, monkeypatch)
    assert not at.exception
    # the step's filters (categories diplomatic + humanitarian, from 1990) pick one of the four events
    assert "1 of 4 events — between 1990-01-01 and 2026; categories: Diplomatic, Humanitarian." in _page_text(at)
    assert len(at.get("deck_gl_json_chart")) == 1  # the map of the chosen events


def test_the_graphic_only_filter_is_in_the_sidebar_and_the_link(data_dir, monkeypatch):
    at = _open(data_dir, "", {"graphic_only": "1"}, monkeypatch)
    assert at.toggle(key="graphic_only").value is True
    assert "only events with graphic details" in _page_text(at)
    at.toggle(key="graphic_only").set_value(False).run()
    assert "graphic_only" not in at.query_params


# ---- property: generated values for every declared parameter, on every page ----------------------------------

VALUES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["²", "٣", "-1", "0", "1", "3", "1" * 5000, "true", "1900-01-01", "2099-12-31", "2021-05"]),
    st.dates().map(lambda d: d.isoformat()),
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["EV-0001", "EV-9999", "tour", "en", "fr", "zz", "events", "borders", "diplomatic,bogus", "un"]),
)
LINKS = st.dictionaries(
    st.sampled_from([p.key for p in PARAMS]), VALUES | st.lists(VALUES, min_size=2, max_size=3), max_size=4
)
TRIED: list[int] = []


@pytest.mark.slow
@pytest.mark.parametrize("page", list(PAGES))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=LINKS)
def test_any_link_renders_every_page_and_names_what_it_could_not_use(data_dir, monkeypatch, page, params):
    TRIED.append(len(params))
    at = _open(data_dir, page, params, monkeypatch)
    assert not at.exception, (params, [e.value for e in at.exception])
    shown = _notice_text(at)
    for notice in read_params(params)[1]:
        assert notice.text("en").replace("\\", "") in shown or notice.text("en") in shown
    final = at.query_params
    for key, value in params.items():
        param = next(p for p in PARAMS if p.key == key)
        first = (value[0] if isinstance(value, list) else value).strip()
        decoded = param.decode(first)[0] if first else None
        if not first or decoded in (param.default, None) or (param.page and param.page != page):
            continue  # nothing asked for, the default asked for, or another page's parameter
        if page == "stories" and key in ("event",):
            continue  # a story shows its own events
        assert key in final or translate(f"param.{key}", "en") in shown, (page, params, shown)
