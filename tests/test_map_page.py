"""The map page through AppTest from app.py: months, the player, modes, languages and the permalink."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DATA, MINI
from tests.test_maps import HOSTILE, _layer, _strings_with

APP = str(DATA.parent / "app.py")


def _map_page(monkeypatch, data_dir) -> AppTest:
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("app_pages/map.py")
    at.run()
    assert not at.exception
    return at


def _deck(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[index].proto.json)


def _md(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown).replace("\\", "")


def _incursion_ids(at: AppTest) -> list[str]:
    return [row["incursion_id"] for row in _layer(_deck(at), "incursions")["data"]]


def test_page_opens_on_the_latest_month_and_the_slider_moves_the_points(monkeypatch):
    at = _map_page(monkeypatch, MINI)
    assert at.radio(key="map_mode").value == "incursions"
    assert at.select_slider(key="map_month").value == "2021-05"  # the last month with an episode
    assert _incursion_ids(at) == ["IN-900"]
    at.select_slider(key="map_month").set_value("2021-04").run()
    assert _incursion_ids(at) == []
    at.select_slider(key="map_month").set_value("2023-01").run()
    assert _incursion_ids(at) == ["IN-900"]  # earlier months kept, faded
    at.toggle(key="map_cumulative").set_value(False).run()
    assert _incursion_ids(at) == []


def test_play_from_the_latest_episode_starts_the_story_again(monkeypatch):
    at = _map_page(monkeypatch, MINI)
    at.button(key="map_play").click().run()
    assert at.session_state["map_playing"] is True
    assert at.select_slider(key="map_month").value == "2021-05"  # the first episode, shown before moving on
    at.run()
    assert at.select_slider(key="map_month").value == "2021-06"  # one month per rerun (one tick)
    at.run()
    assert at.select_slider(key="map_month").value == "2021-07"
    at.button(key="map_play").click().run()
    assert at.session_state["map_playing"] is False
    at.run()
    assert at.select_slider(key="map_month").value == "2021-07"


def test_play_goes_on_from_a_month_before_the_last_episode(monkeypatch):
    at = _map_page(monkeypatch, MINI)
    at.select_slider(key="map_month").set_value("2021-02").run()
    at.button(key="map_play").click().run()
    assert at.select_slider(key="map_month").value == "2021-03"


def test_hostile_site_stays_text_on_the_page(monkeypatch):
    at = _map_page(monkeypatch, MINI)
    assert set(_strings_with(_deck(at), "<script>")) == {"tooltip"}
    site = at.selectbox(key="map_site")
    assert site.value == "IN-900" and HOSTILE in site.format_func(site.value)
    text = _md(at)
    assert "javascript" in text and "<img src=x" in text  # shown, escaped, never a link or an image
    assert not any("](javascript" in str(m.value) for m in at.markdown)


def test_borders_mode_presets_and_year_switch_the_era_layers(monkeypatch):
    at = _map_page(monkeypatch, MINI)  # no data/geo in the fixture: the bundled borders are used
    at.radio(key="map_mode").set_value("borders").run()
    at.button(key="map_year_1923").click().run()
    assert at.slider(key="map_year").value == 1923
    labels = [row["text"] for row in _layer(_deck(at), "era-labels")["data"]]
    assert labels == ["Nagorno-Karabakh Autonomous Oblast (approximate)"]
    assert "1923: Nagorno-Karabakh Autonomous Oblast begins" in _md(at)
    at.button(key="map_year_1994").click().run()
    legend = at.dataframe[0].value
    assert "11,458" in legend.to_string() and "11,207" in legend.to_string()
    at.slider(key="map_year").set_value(2024).run()
    assert any("only the international borders" in i.value for i in at.info)


def test_all_events_mode_follows_the_shared_filters(monkeypatch):
    at = _map_page(monkeypatch, MINI)
    at.radio(key="map_mode").set_value("events").run()
    assert [row["event_id"] for row in _layer(_deck(at), "events")["data"]] == ["EV-0001"]
    at.multiselect(key="categories").set_value(["diplomatic"]).run()
    assert any("None of the filtered events" in i.value for i in at.info)
    at.switch_page("app_pages/timeline.py")
    at.run()
    assert "1 of 4 events" in _md(at)  # the filter set on the map holds on the timeline


def test_area_claims_side_by_side_with_who_says_each(monkeypatch):
    at = _map_page(monkeypatch, DATA)
    tables = [df.value for df in at.dataframe]
    claims = next(t for t in tables if "km²" in t.columns)
    assert {"10", "41", "139", "200"} <= set(claims["km²"]) and any(v.startswith("215") for v in claims["km²"])
    assert any("Pashinyan" in who for who in claims["Who says it"])
    assert not at.exception


@pytest.mark.parametrize("lang", ["fr", "hy"])
def test_page_speaks_the_chosen_language(monkeypatch, lang):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(MINI))
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/map.py")
    at.run()
    assert at.title[0].value == {"fr": "Carte", "hy": "Քարտեզ"}[lang]
    assert at.button(key="map_play").label == {"fr": "Lire mois par mois", "hy": "Դիտել ամիս առ ամիս"}[lang]


def test_map_mode_month_and_year_live_in_the_permalink(monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(MINI))
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"map_mode": "borders", "year": "1994"})
    at.run()
    at.switch_page("app_pages/map.py")
    at.run()
    assert at.radio(key="map_mode").value == "borders" and at.slider(key="map_year").value == 1994
    at.button(key="map_year_1923").click().run()
    assert at.query_params["year"] in ("1923", ["1923"])
    at.radio(key="map_mode").set_value("incursions").run()
    at.select_slider(key="map_month").set_value("2021-05").run()
    assert at.query_params["month"] in ("2021-05", ["2021-05"])
    at.switch_page("app_pages/timeline.py")
    at.run()
    assert "month" not in at.query_params  # map parameters belong to the map's own links
