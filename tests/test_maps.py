"""Map decks built as pure functions and read through their JSON: no base map, text-only tooltips, data
strings only in tooltip fields, views fitted, era layers that follow the year, the incursion player."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from atlas import maps
from atlas.load import load_dataset
from tests.conftest import DATA, MINI

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def geo():
    return maps.read_collections(DATA / "geo")


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA)


def _places(rows: list[dict]) -> pd.DataFrame:
    base = {"name_fr": "", "name_hy": "", "lat": float("nan"), "lon": float("nan"), "geo_precision": "town"}
    return pd.DataFrame([{**base, **row} for row in rows])


def _incursions(rows: list[dict]) -> pd.DataFrame:
    base = {
        "event_id": "",
        "date_end": pd.NaT,
        "marz": "",
        "killed_high": float("nan"),
        "captured_high": float("nan"),
        "confidence": "confirmed",
        "source_ids": "S",
    }
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["date_start"] = pd.to_datetime(frame["date_start"])
    frame["date_end"] = pd.to_datetime(frame["date_end"])
    return frame


def _spec(deck) -> dict:
    return json.loads(deck.to_json())


def _layer(spec: dict, layer_id: str) -> dict:
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


def _strings_with(node, needle: str, key: str = "") -> list[str]:
    """The keys under which a string containing needle sits anywhere in a JSON tree."""
    if isinstance(node, dict):
        return [k for key_, value in node.items() for k in _strings_with(value, needle, key_)]
    if isinstance(node, list):
        return [k for value in node for k in _strings_with(value, needle, key)]
    return [key] if isinstance(node, str) and needle in node else []


HOSTILE_PLACES = _places(
    [
        {"place_id": "PL-EVIL", "name_en": HOSTILE, "lat": 39.5, "lon": 46.0, "geo_precision": "district"},
        {"place_id": "PL-GORIS", "name_en": "Goris", "lat": 39.51111, "lon": 46.34168},
        {"place_id": "PL-SEV", "name_en": "Sev Lich", "geo_precision": "district"},
        {"place_id": "PL-ARMENIA", "name_en": "Armenia", "geo_precision": "country"},
    ]
)


HOSTILE_INCURSIONS = _incursions(
    [
        {"incursion_id": "IN-1", "date_start": "2021-05-12", "place_id": "PL-SEV", "marz": "Syunik"},
        {"incursion_id": "IN-2", "date_start": "2021-05-27", "place_id": "PL-EVIL", "captured_high": 6},
        {"incursion_id": "IN-3", "date_start": "2022-09-13", "place_id": "PL-GORIS", "killed_high": 7},
        {"incursion_id": "IN-4", "date_start": "2022-09-14", "place_id": "PL-ARMENIA"},
    ]
)


def test_incursion_sites_place_by_coordinate_then_province_else_nowhere(geo):
    sites = maps.incursion_sites(HOSTILE_INCURSIONS, HOSTILE_PLACES, geo["provinces_am"], "en").set_index(
        "incursion_id"
    )
    assert sites.loc["IN-3", "placed_by"] == "place" and sites.loc["IN-3", "radius_m"] == 2_500
    assert sites.loc["IN-2", "radius_m"] == maps.PRECISION_RADIUS_M["district"]
    # No coordinate: at a point inside Syunik with a province-wide circle, and the tooltip says so.
    assert sites.loc["IN-1", "placed_by"] == "province" and sites.loc["IN-1", "radius_m"] == 40_000
    assert 38.8 < sites.loc["IN-1", "lat"] < 39.8 and 45.8 < sites.loc["IN-1", "lon"] < 46.7
    assert "centre of Syunik" in sites.loc["IN-1", "tooltip"]
    # A national figure is listed but never drawn.
    assert sites.loc["IN-4", "placed_by"] == "" and pd.isna(sites.loc["IN-4", "lat"])


def test_incursions_deck_has_no_base_map_and_text_only_tooltip(geo):
    sites = maps.incursion_sites(HOSTILE_INCURSIONS, HOSTILE_PLACES, geo["provinces_am"], "en")
    deck = maps.incursions_deck(maps.incursion_points(sites, "2022-09"), geo, HOSTILE_PLACES, "en", "2022-09")
    raw = deck.to_json()
    spec = json.loads(raw)
    assert "mapProvider" not in spec and spec.get("mapStyle", "__MAP_STYLE__") == "__MAP_STYLE__"
    assert "mapbox" not in raw.lower() and "carto" not in raw.lower() and "http" not in raw
    assert deck._tooltip is maps.TOOLTIP and deck._tooltip["text"] == "{tooltip}"
    assert set(deck._tooltip) == {"text", "style"}  # never "html"
    assert all(isinstance(v, str) and "{" not in v for v in deck._tooltip["style"].values())
    ids = [layer["id"] for layer in spec["layers"]]
    for expected in (
        "base-sea",
        "base-countries",
        "base-provinces_am",
        "base-districts_az",
        "incursions",
        "town-labels",
    ):
        assert expected in ids
    assert ids.index("incursion-uncertainty") < ids.index("incursions")  # circles under the dots
    assert "\n" not in raw  # compact JSON: sent again on every month while playing


def test_hostile_place_name_only_inside_tooltip_fields(geo):
    sites = maps.incursion_sites(HOSTILE_INCURSIONS, HOSTILE_PLACES, geo["provinces_am"], "en")
    spec = _spec(maps.incursions_deck(maps.incursion_points(sites, "2022-09"), geo, HOSTILE_PLACES, "en", "2022-09"))
    keys = _strings_with(spec, "<script>")
    assert keys and set(keys) == {"tooltip"}
    # and it is kept verbatim (deck.gl writes the tooltip with innerText, so no escaping is needed)
    assert any(HOSTILE in row["tooltip"] for row in _layer(spec, "incursions")["data"])


def test_month_summary_names_the_sites_of_the_month(geo):
    sites = maps.incursion_sites(HOSTILE_INCURSIONS, HOSTILE_PLACES, geo["provinces_am"], "fr")
    assert maps.month_summary(sites, "2022-09", "fr") == "Goris (7 tués) · Armenia"
    assert maps.month_summary(sites, "2021-06", "fr") == ""


def test_marker_size_grows_with_people_from_a_minimum():
    assert maps.marker_size(0) == maps.MIN_SIZE_PX
    assert maps.marker_size(0) < maps.marker_size(6) < maps.marker_size(26) <= maps.MAX_SIZE_PX
    assert maps.marker_size(10_000) == maps.MAX_SIZE_PX


def test_incursion_points_follow_the_month(geo):
    sites = maps.incursion_sites(HOSTILE_INCURSIONS, HOSTILE_PLACES, geo["provinces_am"], "en")
    may = maps.incursion_points(sites, "2021-05")
    assert sorted(may["incursion_id"]) == ["IN-1", "IN-2"]
    september = maps.incursion_points(sites, "2022-09").set_index("incursion_id")
    assert list(september.index) == ["IN-1", "IN-2", "IN-3"]  # IN-4 has no position
    assert september.loc["IN-3", "line_px"] > september.loc["IN-1", "line_px"]  # this month stands out
    assert september.loc["IN-3", "line_colour"] == maps.CURRENT_RING
    assert september.loc["IN-3", "colour"][:3] == maps._rgb(maps.YEAR_COLOURS[2022])[:3]
    assert september.loc["IN-1", "colour"][3] < september.loc["IN-3", "colour"][3]  # earlier months faded
    assert september.loc["IN-2", "size_px"] > september.loc["IN-1", "size_px"]  # 6 captured vs none
    only = maps.incursion_points(sites, "2022-09", cumulative=False)
    assert list(only["incursion_id"]) == ["IN-3"]
    assert set(only.columns) == {
        "incursion_id", "lat", "lon", "radius_m", "size_px", "colour", "area_colour", "ring_colour", "line_colour",
        "line_px", "tooltip",
    }  # fmt: skip


def test_month_player_steps_and_stops():
    months = maps.month_range()
    assert months[0] == "2021-01" and months[-1] == "2025-12" and len(months) == 60
    assert maps.next_month(months, "2021-12") == "2022-01"
    assert maps.next_month(months, "2025-12") is None
    assert maps.month_label("2021-05", "fr") == "mai 2021"
    assert maps.month_end("2024-02") == "2024-02-29"


def test_view_fitted_to_the_points():
    near = pd.DataFrame({"lat": [39.5, 40.2], "lon": [45.5, 46.3]})
    wide = pd.DataFrame({"lat": [38.5, 41.5], "lon": [44.0, 49.0]})
    view = maps.fit_view(near)
    assert abs(view.latitude - 39.85) < 0.01 and abs(view.longitude - 45.9) < 0.01
    assert maps.fit_view(wide).zoom < view.zoom
    # every point inside the assumed 360 x 520 px frame
    lon_per_px = 360 / (512 * 2**view.zoom)
    assert (near["lon"].max() - near["lon"].min()) / lon_per_px <= maps.FIT_WIDTH_PX
    assert maps.fit_view(near.iloc[0:0]).zoom == maps.REGION_VIEW["zoom"]
    # a lone site: the view holds its whole uncertainty circle and never zooms in past MAX_FIT_ZOOM
    lone = pd.DataFrame({"lat": [39.4], "lon": [46.1], "radius_m": [40_000]})
    lone_view = maps.fit_view(lone)
    lat_per_px = 360 * math.cos(math.radians(39.4)) / (512 * 2**lone_view.zoom)
    assert 2 * 40_000 / 111_000 / lat_per_px <= maps.FIT_HEIGHT_PX
    assert maps.fit_view(lone.assign(radius_m=500)).zoom == maps.MAX_FIT_ZOOM


def test_presets_are_views():
    for name in maps.PRESETS:
        view = maps.preset_view(name)
        assert 38 < view.latitude < 42 and 44 < view.longitude < 48
    assert maps.preset_view("karabakh").zoom > maps.preset_view("region").zoom


@pytest.mark.parametrize(
    ("year", "present", "absent"),
    [
        (1923, "Nagorno-Karabakh Autonomous Oblast", "Area held by Armenian forces (1994-2020)"),
        (2000, "Area held by Armenian forces (1994-2020)", "Nagorno-Karabakh Autonomous Oblast"),
        (2021, "Area under Armenian control with Russian peacekeepers", "Area held by Armenian forces (1994-2020)"),
    ],
)
def test_era_layers_follow_the_year(geo, dataset, year, present, absent):
    spec = _spec(maps.borders_deck(geo, year, dataset.tables["places"], "en", maps.preset_view("region")))
    tooltips = [f["properties"]["tooltip"] for f in _layer(spec, "era-areas")["data"]["features"]]
    assert any(present in tip for tip in tooltips)
    assert not any(absent in tip for tip in tooltips)
    labels = [row["text"] for row in _layer(spec, "era-labels")["data"]]
    assert any(present in label for label in labels)


def test_era_labels_say_how_precise_and_areas_side_by_side(geo):
    legend = maps.era_legend(geo, maps.year_date(1994), "en")
    row = legend.loc[legend["name"] == "Area held by Armenian forces (1994-2020)"].iloc[0]
    assert row["precision"] == "schematic"
    assert (row["computed"], row["historical"]) == ("11,207", "11,458")
    nkao = maps.era_legend(geo, maps.year_date(1923), "fr").iloc[0]
    assert nkao["precision"] == "approximatif" and nkao["historical"] == "4\u202f388"
    assert "line of contact" in " ".join(maps.era_legend(geo, "2000-12-31", "en")["name"]).lower()


def test_no_era_shape_after_september_2023_and_changes_listed(geo):
    assert maps.era_features(geo, maps.year_date(2024)) == []
    changes = " ".join(maps.era_changes(geo, 2020, "en"))
    assert "Area held by Armenian forces" in changes and "Lachin corridor" in changes


def test_country_names_follow_the_date_and_language(geo, dataset):
    places = dataset.tables["places"]
    soviet = _spec(maps.borders_deck(geo, 1950, places, "en", maps.preset_view("region")))
    assert "Armenian SSR" in [row["text"] for row in _layer(soviet, "country-labels")["data"]]
    today = _spec(maps.borders_deck(geo, 2021, places, "hy", maps.preset_view("region")))
    assert "Հայաստան" in [row["text"] for row in _layer(today, "country-labels")["data"]]
    towns = [row["text"] for row in _layer(today, "town-labels")["data"]]
    assert "Երևան" in towns
    assert _layer(today, "town-labels")["characterSet"] == "auto"  # a literal, not a "@@=" expression


def test_pydeck_string_props_are_literals_not_expressions(geo, dataset):
    """pydeck sends an unquoted string prop as an expression: units and fonts must arrive as plain strings."""
    sites = maps.incursion_sites(dataset.tables["incursions"], dataset.tables["places"], geo["provinces_am"], "en")
    spec = _spec(
        maps.incursions_deck(maps.incursion_points(sites, "2022-09"), geo, dataset.tables["places"], "en", "2022-09")
    )
    assert _layer(spec, "incursions")["radiusUnits"] == "pixels"
    assert _layer(spec, "incursion-uncertainty")["radiusUnits"] == "meters"
    assert not _layer(spec, "town-labels")["fontFamily"].startswith("@@=")


def test_all_events_mode_leaves_places_abroad_out(geo):
    mini = load_dataset(MINI)
    events, elsewhere = maps.split_by_region(mini.events, mini.tables["places"])
    assert elsewhere == 0 and len(events) == len(mini.events)
    points = maps.located_events(events, mini.tables["places"], "fr")
    assert list(points["event_id"]) == ["EV-0001"]  # the only event whose place has a coordinate
    spec = _spec(maps.all_events_deck(points, geo, mini.tables["places"], "fr", "2026-12-31", maps.fit_view(points)))
    assert "Soumgaït" in _layer(spec, "events")["data"][0]["tooltip"]
    assert abs(spec["initialViewState"]["latitude"] - 40.58972) < 0.01


def test_base_geometry_simplified_for_the_screen(geo):
    raw = json.loads((DATA / "geo" / "countries.geojson").read_text(encoding="utf-8"))
    count = lambda c: len(json.dumps([f["geometry"] for f in c["features"]]))  # noqa: E731
    assert count(geo["countries"]) < 0.8 * count(raw)
    assert len(geo["countries"]["features"]) == len(raw["features"])
    era = json.loads((DATA / "geo" / "era_nkao.geojson").read_text(encoding="utf-8"))
    assert geo["era_nkao"] == era  # era shapes untouched


def test_play_start_rule():
    incursions = _incursions([{"date_start": "2021-05-12"}, {"date_start": "2022-09-13"}])
    months = maps.month_range()
    assert maps.play_start(incursions, months, "2025-12") == "2021-05"
    assert maps.play_start(incursions, months, "2022-09") == "2021-05"
    assert maps.play_start(incursions, months, "2021-08") is None
    assert maps.latest_month(incursions, months) == "2022-09"
    assert maps.latest_month(incursions.iloc[0:0], months) == "2025-12"


def test_small_era_shapes_named_in_the_legend_not_on_the_map(geo, dataset):
    spec = _spec(maps.borders_deck(geo, 2021, dataset.tables["places"], "en", maps.preset_view("region")))
    labels = " ".join(row["text"] for row in _layer(spec, "era-labels")["data"])
    assert "peacekeepers" in labels and "Lachin corridor" not in labels  # 146 km2: a label would hide it
    tooltips = " ".join(f["properties"]["tooltip"] for f in _layer(spec, "era-areas")["data"]["features"])
    assert "Lachin corridor" in tooltips
    assert "Lachin corridor" in set(maps.era_legend(geo, maps.year_date(2021), "en")["name"])


def test_a_narrow_map_zooms_out_to_show_the_same_area():
    wide, narrow = maps.preset_view("karabakh"), maps.preset_view("karabakh", width_px=maps.PHONE_WIDTH_PX)
    # deck.gl keeps the zoom, not the area: half the width needs one zoom level less to show the same span
    assert narrow.zoom == pytest.approx(wide.zoom - math.log2(maps.FIT_WIDTH_PX / maps.PHONE_WIDTH_PX), abs=0.01)
    assert (narrow.latitude, narrow.longitude) == (wide.latitude, wide.longitude)
    assert maps.preset_view("karabakh", width_px=1600).zoom == wide.zoom  # a big screen is not zoomed in
