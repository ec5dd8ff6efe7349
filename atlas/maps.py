"""pydeck map builders: no tile server, base shapes from data/geo, tooltips as plain text only."""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

from atlas.figures import CATEGORY_COLOURS

# Radius drawn around a point for what its coordinate stands for (metres): a village is not a district.
PRECISION_RADIUS_M = {"exact": 500, "town": 2_500, "district": 15_000, "region": 40_000, "country": 120_000}
# Tooltip as text (deck.gl sets innerText): data never becomes HTML, whatever it contains.
TOOLTIP = {"text": "{tooltip}"}
REGION_VIEW = {"latitude": 40.2, "longitude": 46.0, "zoom": 6.2}


def _rgb(hex_colour: str, alpha: int = 200) -> list[int]:
    return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]


def located_events(events: pd.DataFrame, places: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Events joined to their place coordinates; events without a mapped place are left out."""
    name_col = f"name_{lang}" if f"name_{lang}" in places else "name_en"
    cols = ["place_id", "lat", "lon", "geo_precision", "name_en", name_col]
    placed = events.merge(places[list(dict.fromkeys(cols))], on="place_id", how="inner").dropna(subset=["lat", "lon"])
    title_col = f"title_{lang}" if f"title_{lang}" in placed else "title_en"
    place_name = placed[name_col].where(placed[name_col] != "", placed["name_en"])
    title = placed[title_col].where(placed[title_col] != "", placed["title_en"])
    return pd.DataFrame(
        {
            "event_id": placed["event_id"],
            "lat": placed["lat"].astype(float),
            "lon": placed["lon"].astype(float),
            "radius": placed["geo_precision"].map(PRECISION_RADIUS_M).fillna(5_000),
            "colour": placed["category"].map(lambda c: _rgb(CATEGORY_COLOURS.get(c, "#444444"))),
            "tooltip": title + " — " + placed["date_display"] + " — " + place_name,
        }
    )


def fit_view(points: pd.DataFrame) -> pdk.ViewState:
    """A view that frames every point (pydeck's compute_view idea, without its dependencies)."""
    if points.empty:
        return pdk.ViewState(**REGION_VIEW)
    lat_span = max(points["lat"].max() - points["lat"].min(), 0.2)
    lon_span = max(points["lon"].max() - points["lon"].min(), 0.2)
    zoom = max(2.0, min(10.0, math.log2(360 / max(lon_span, lat_span * 1.5)) - 0.5))
    return pdk.ViewState(
        latitude=float(points["lat"].mean()),
        longitude=float(points["lon"].mean()),
        zoom=round(zoom, 2),
    )


def base_layers(geojson_layers: list[dict]) -> list[pdk.Layer]:
    """Country and province outlines drawn from bundled GeoJSON instead of map tiles."""
    return [
        pdk.Layer(
            "GeoJsonLayer",
            data=layer,
            id=f"base-{index}",
            stroked=True,
            filled=True,
            get_fill_color=[236, 236, 228, 255] if index == 0 else [0, 0, 0, 0],
            get_line_color=[90, 90, 90, 255],
            line_width_min_pixels=1 if index else 2,
            pickable=False,
        )
        for index, layer in enumerate(geojson_layers)
    ]


def events_deck(points: pd.DataFrame, geojson_layers: list[dict]) -> pdk.Deck:
    layers = base_layers(geojson_layers)
    layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            data=points,
            id="events",
            get_position=["lon", "lat"],
            get_radius="radius",
            radius_min_pixels=6,
            get_fill_color="colour",
            get_line_color=[255, 255, 255, 255],
            stroked=True,
            line_width_min_pixels=1,
            pickable=True,
        )
    )
    return pdk.Deck(
        layers=layers, initial_view_state=fit_view(points), map_provider=None, map_style=None, tooltip=TOOLTIP
    )
