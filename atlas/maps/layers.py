"""pydeck layer builders shared by every map: the base (countries, Armenia's provinces and Azerbaijan's districts
valid on the day shown, no tiles), dots, text labels in the reader's language, and the deck itself with no base
map (map_provider=None) and text-only tooltips.

Data strings reach the browser only in ``tooltip`` fields, which deck.gl writes with innerText."""

from __future__ import annotations

import json

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize
from shapely.geometry import shape

from atlas.maps.geodata import _slim, valid_features
from atlas.maps.style import (
    COUNTRY_FILLS,
    COUNTRY_LABEL_AT,
    KEY_TOWNS,
    LABEL_FONT,
    LABEL_LEFT,
    OTHER_COUNTRY_FILL,
    SEA_COLOUR,
    TOOLTIP,
)
from atlas.text import in_language


def _name(row: pd.Series | dict, lang: str) -> str:
    """The name in lang, else English; empty and missing cells fall back alike."""
    return in_language(row, "name", lang)


def region_base(geo: dict[str, dict], day: str) -> list[pdk.Layer]:
    """Countries (filled), Azerbaijan's districts and Armenia's provinces valid on the day, no tiles."""
    countries = valid_features(geo.get("countries"), day)
    sea = pdk.Layer(  # the Caspian and the Black Sea are what no country covers inside the layers' box
        "PolygonLayer",
        data=[{"polygon": [[38, 36], [52, 36], [52, 44.5], [38, 44.5]]}],
        id="base-sea",
        get_polygon="polygon",
        get_fill_color=SEA_COLOUR,
        stroked=False,
        pickable=False,
    )
    fills = [COUNTRY_FILLS.get(f["properties"].get("iso_a3"), OTHER_COUNTRY_FILL) for f in countries]
    layers = [
        sea,
        pdk.Layer(
            "GeoJsonLayer",
            data={
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "geometry": f["geometry"], "properties": {"fill": fill}}
                    for f, fill in zip(countries, fills)
                ],
            },
            id="base-countries",
            stroked=False,
            filled=True,
            get_fill_color="properties.fill",
            pickable=False,
        ),
    ]
    for name, colour, width in (("districts_az", [175, 175, 165, 255], 0.6), ("provinces_am", [140, 130, 110, 255], 1)):
        features = valid_features(geo.get(name), day)
        if features:
            layers.append(
                pdk.Layer(
                    "GeoJsonLayer",
                    data=_slim(features),
                    id=f"base-{name}",
                    stroked=True,
                    filled=False,
                    get_line_color=colour,
                    line_width_min_pixels=width,
                    pickable=False,
                )
            )
    layers.append(  # country borders on top of the internal lines
        pdk.Layer(
            "GeoJsonLayer",
            data=_slim(countries),
            id="base-borders",
            stroked=True,
            filled=False,
            get_line_color=[60, 60, 60, 255],
            line_width_min_pixels=2,
            pickable=False,
        )
    )
    return layers


def text_layer(
    layer_id: str,
    data: object,
    size: int,
    colour: list[int],
    *,
    position: object = "position",
    text: str = "text",
    font: str = LABEL_FONT,
    background: bool = True,
    **extra,
) -> pdk.Layer:
    """Labels every map uses: a TextLayer whose settings survive pydeck (quoted strings are literals)."""
    boxed = {"background": True, "get_background_color": [255, 255, 255, 190], "background_padding": [4, 2]}
    return pdk.Layer(
        "TextLayer",
        data=data,
        id=layer_id,
        get_position=position,
        get_text=text,
        get_size=size,
        get_color=colour,
        font_family=font,
        # deck.gl's default is ASCII only; "auto" takes every letter the labels use (Armenian, accents).
        # Quoted: pydeck sends an unquoted string as an expression ("@@=auto"), quotes make it a literal.
        character_set="'auto'",
        pickable=False,
        **(boxed if background else {}),
        **extra,
    )


def _text_layer(rows: list[dict], layer_id: str, size: int, colour: list[int], **extra) -> pdk.Layer:
    return text_layer(layer_id, rows, size, colour, size_units="'pixels'", font_weight=600, **extra)


def town_labels(
    places: pd.DataFrame, lang: str, ids: tuple[str, ...] = KEY_TOWNS, left: frozenset[str] = LABEL_LEFT
) -> list[pdk.Layer]:
    """A dot and a label for each key town that has a sourced coordinate (left of the dot for `left`)."""
    towns = places.loc[places["place_id"].isin(ids)].dropna(subset=["lat", "lon"])
    if towns.empty:
        return []
    rows = [
        {
            "position": [float(r["lon"]), float(r["lat"])],
            "text": _name(r, lang),
            "anchor": "end" if r["place_id"] in left else "start",
            "offset": [-8, 0] if r["place_id"] in left else [8, 0],
        }
        for _, r in towns.iterrows()
    ]
    dots = _dots(
        rows,
        "town-dots",
        get_position="position",
        get_radius=3,
        radius_units="'pixels'",
        get_fill_color=[40, 40, 40, 255],
        pickable=False,
    )
    labels = _text_layer(
        rows, "town-labels", 15, [30, 30, 30, 255], get_text_anchor="anchor", get_pixel_offset="offset"
    )
    return [dots, labels]


def country_labels(geo: dict[str, dict], day: str, lang: str) -> list[pdk.Layer]:
    rows = []
    for feature in valid_features(geo.get("countries"), day):
        point = shape(feature["geometry"]).representative_point()
        lat, lon = COUNTRY_LABEL_AT.get(feature["properties"].get("iso_a3"), (point.y, point.x))
        rows.append({"position": [round(lon, 4), round(lat, 4)], "text": _name(feature["properties"], lang)})
    return [_text_layer(rows, "country-labels", 17, [110, 110, 110, 255])] if rows else []


def _dots(data: pd.DataFrame | list[dict], layer_id: str, **props) -> pdk.Layer:
    """A ScatterplotLayer of points at [lon, lat] (unless props say otherwise)."""
    return pdk.Layer("ScatterplotLayer", data=data, id=layer_id, **{"get_position": ["lon", "lat"], **props})


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by 2, which makes the borders four times larger
    on the wire, and Streamlit sends the whole spec again on every rerun (every month while playing)."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def map_deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip: dict = TOOLTIP) -> pdk.Deck:
    """A deck with no base map at all (no tile, style or token request) and text-only tooltips."""
    # map_style stays pydeck's "__MAP_STYLE__" sentinel: Streamlit then draws no base map, whereas map_style=None
    # makes it fetch a Carto style from the web.
    return CompactDeck(layers=layers, initial_view_state=view, map_provider=None, tooltip=tooltip)
