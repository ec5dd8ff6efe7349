"""Text alternatives of charts and maps are written from the data: counts, ranges and notable values."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from atlas.alt_text import figure_alt, step_map_alt, timeline_alt
from atlas.i18n import LANGUAGES
from tests.conftest import MINI, ROOT


def events(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """(start date, category, confidence) per event."""
    frame = pd.DataFrame(rows, columns=["date_start", "category", "confidence"])
    frame["date_start"] = pd.to_datetime(frame["date_start"])
    frame["date_end"] = frame["date_start"]
    return frame


def test_timeline_alt_gives_count_range_commonest_kind_busiest_year_and_contested():
    shown = events(
        [
            ("1918-05-28", "political", "confirmed"),
            ("1991-09-02", "military", "contested"),
            ("1991-12-10", "military", "confirmed"),
            ("2023-09-19", "displacement", "contested"),
        ]
    )
    text = timeline_alt(shown, "en")
    assert text.startswith("Timeline of 4 events from 1918 to 2023")
    assert "most frequent kind is Military (2 events)" in text
    assert "busiest year is 1991 with 2 events" in text
    assert "2 events are contested" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_years_are_never_written_with_a_thousands_separator(lang):
    text = timeline_alt(events([("1918-05-28", "political", "confirmed")]), lang)
    assert "1918" in text and "1 918" not in text and "1,918" not in text


def test_figure_alt_names_series_months_and_largest_value_skipping_helper_traces():
    fig = go.Figure(
        [
            go.Scatter(name="ICRC", x=["2021-02-11", "2022-01-01"], y=[40, 33]),
            go.Scatter(name=None, x=["2021-01-01", "2030-01-01"], y=[900, 900], showlegend=False),  # a whisker
            go.Bar(name="Captured", x=["2021-05-27"], y=[-62]),
        ]
    )
    text = figure_alt(fig, "People held", "en")
    assert (
        text
        == "People held: 2 series (ICRC, Captured) from Feb 2021 to Jan 2022. Largest value: 62 (Captured, May 2021)."
    )


def test_empty_inputs_say_there_is_nothing_to_draw():
    assert timeline_alt(events([]), "fr") == "Rien à représenter pour cette vue."
    assert figure_alt(go.Figure(), "x", "en") == "Nothing to draw for this view."


def test_step_map_alt_names_day_place_and_areas_once():
    text = step_map_alt(dt.date(2021, 6, 1), "Shusha", ["Lachin corridor", "Lachin corridor"], "en")
    assert text == (
        "Map of the borders as they were on 1 June 2021, with the place of the event marked: Shusha. "
        "Shaded areas: Lachin corridor."
    )


def test_timeline_page_has_the_chart_in_words_the_grading_and_a_handout(monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(MINI))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    captions = [c.value for c in app.caption]
    assert any(c.startswith("Timeline of 4 events from") for c in captions)
    grading = [c for c in app.caption if c.value.startswith(("Confirmed:", "Contested:", "Single source:"))]
    assert grading and "Partisan sources only" in grading[0].help  # the whole scale in the tooltip
    assert "Partisan sources only" in app.multiselect(key="confidence").help
    assert "Download this view as a handout (PDF)" in [button.label for button in app.get("download_button")]


def test_figure_alt_of_unnamed_ranges_gives_count_low_high_and_the_largest_label():
    fig = go.Figure(
        [
            go.Scatter(x=[80.0], y=["Lawyers · 2022"], showlegend=False),
            go.Scatter(x=[80.0, 200.0], y=["LIBERTAS · March 2026"] * 2, showlegend=False),
        ]
    )
    text = figure_alt(fig, "People", "en")
    assert text == "People: 3 values, from 80 to 200; the largest is LIBERTAS · March 2026."


def test_story_page_describes_its_map_and_offers_the_handout(monkeypatch):
    monkeypatch.delenv("ATLAS_DATA_DIR", raising=False)  # the stories cite the bundled events
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update({"story": "war-blockade-exodus", "step": "1", "lang": "fr"})
    app.run()
    app.switch_page("app_pages/stories.py")
    app.run()
    assert not app.exception
    assert any(c.value.startswith("Carte des frontières au") for c in app.caption)
    labels = [button.label for button in app.get("download_button")]
    assert "Télécharger ce récit en polycopié (PDF)" in labels
