"""The events map: every filtered event that has a place, coloured by category, with its uncertainty circle."""

from __future__ import annotations

import pandas as pd
import pydeck as pdk

from atlas.figures import CATEGORY_COLOURS
from atlas.maps.eras import era_layers
from atlas.maps.layers import _dots, country_labels, map_deck, region_base, town_labels
from atlas.maps.style import PRECISION_RADIUS_M, _rgb


def located_events(events: pd.DataFrame, places: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Events joined to their place coordinates; events without a mapped place are left out."""
    name_col = f"name_{lang}" if f"name_{lang}" in places else "name_en"
    cols = ["place_id", "lat", "lon", "geo_precision", "name_en", name_col]
    placed = events.merge(places[list(dict.fromkeys(cols))], on="place_id", how="inner").dropna(subset=["lat", "lon"])
    title_col = f"title_{lang}" if f"title_{lang}" in placed else "title_en"
    place_name = placed[name_col].where(placed[name_col].fillna("") != "", placed["name_en"])
    title = placed[title_col].where(placed[title_col].fillna("") != "", placed["title_en"])
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


def split_by_region(events: pd.DataFrame, places: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The events whose place is in the South Caucasus (the map's frame), and how many happened elsewhere."""
    outside = set(places.loc[places["outside_region"].fillna(False).astype(bool), "place_id"])
    elsewhere = events["place_id"].isin(outside)
    return events.loc[~elsewhere], int(elsewhere.sum())


def event_layer(points: pd.DataFrame) -> pdk.Layer:
    return _dots(
        points,
        "events",
        get_radius="radius",
        radius_min_pixels=7,
        get_fill_color="colour",
        get_line_color=[255, 255, 255, 255],
        stroked=True,
        line_width_min_pixels=1,
        pickable=True,
        auto_highlight=True,
    )


def all_events_deck(
    points: pd.DataFrame, geo: dict[str, dict], places: pd.DataFrame, lang: str, day: str, view: pdk.ViewState
) -> pdk.Deck:
    """Every filtered event with a place, over the borders of the day (the end of the filtered range)."""
    layers = region_base(geo, day) + era_layers(geo, day, lang, muted=True) + country_labels(geo, day, lang)
    return map_deck(layers + [event_layer(points)] + town_labels(places, lang), view)
