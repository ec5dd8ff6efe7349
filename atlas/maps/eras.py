"""The era shapes (NKAO, the 1994-2020 held area and line of contact, the post-2020 zone and corridor), each
labelled exact/approximate/schematic as its properties say, their legend, and the borders-by-year deck."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pydeck as pdk
from shapely.geometry import shape

from atlas.i18n import format_day, format_number, translate
from atlas.maps.geodata import _slim, valid_features, year_date
from atlas.maps.layers import _name, _text_layer, country_labels, map_deck, region_base, town_labels
from atlas.maps.style import (
    BORDER_LABEL_LEFT,
    BORDER_TOWNS,
    ERA_COLOURS,
    ERA_DEFAULT_COLOUR,
    ERA_LAYERS,
    MIN_LABELLED_KM2,
    _rgb,
)


def _era_colour(props: dict) -> str:
    return ERA_COLOURS.get(props.get("name_en", ""), ERA_DEFAULT_COLOUR)


def _area_text(props: dict, lang: str) -> str:
    computed, historical = props.get("area_km2_computed"), props.get("area_km2_historical")
    parts = []
    if computed:
        parts.append(translate("map.area_computed", lang, km2=int(computed)))
    if historical:
        parts.append(translate("map.area_historical", lang, km2=int(historical)))
    return " · ".join(parts)


def _period_text(props: dict, lang: str) -> str:
    start, end = (date.fromisoformat(props[k]) for k in ("valid_from", "valid_to"))
    return f"{format_day(start, lang)} – {format_day(end, lang)}"


def era_features(geo: dict[str, dict], day: str) -> list[dict]:
    """The era shapes valid on the day, in drawing order (oldest layer first)."""
    return [f for name in ERA_LAYERS for f in valid_features(geo.get(name), day)]


def era_tooltip(props: dict, lang: str) -> str:
    lines = [
        _name(props, lang),
        translate(f"map.precision.{props['precision']}", lang),
        _period_text(props, lang),
    ]
    area = _area_text(props, lang)
    return "\n".join(lines + ([area] if area else []))


def era_layers(geo: dict[str, dict], day: str, lang: str, muted: bool = False) -> list[pdk.Layer]:
    """The era shapes valid on the day (filled areas, the line of contact as a line) and their names."""
    features = era_features(geo, day)
    if not features:
        return []
    areas = [f for f in features if f["geometry"]["type"] in ("Polygon", "MultiPolygon")]
    lines = [f for f in features if f not in areas]
    fill_alpha = 45 if muted else 95
    layers = []
    if areas:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data={
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "geometry": f["geometry"],
                            "properties": {
                                "tooltip": era_tooltip(f["properties"], lang),
                                "fill": _rgb(_era_colour(f["properties"]), fill_alpha),
                                "line": _rgb(_era_colour(f["properties"]), 255),
                            },
                        }
                        for f in areas
                    ],
                },
                id="era-areas",
                stroked=True,
                filled=True,
                get_fill_color="properties.fill",
                get_line_color="properties.line",
                line_width_min_pixels=2,
                pickable=True,
            )
        )
    if lines:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data=_slim(lines, [era_tooltip(f["properties"], lang) for f in lines]),
                id="era-lines",
                stroked=True,
                filled=False,
                get_line_color=[0, 0, 0, 255],
                line_width_min_pixels=3,
                pickable=True,
            )
        )
    if not muted:
        rows = []
        for f in areas:
            if (f["properties"].get("area_km2_computed") or 0) < MIN_LABELLED_KM2:
                continue  # a label would cover the shape (the corridor): the legend names it
            geometry = shape(f["geometry"])
            precision = translate("map.precision_short." + f["properties"]["precision"], lang)
            label = f"{_name(f['properties'], lang)} ({precision})"
            # East of the shape, over Azerbaijan's plain, so that the name never covers the shape it names.
            east = [round(geometry.bounds[2], 4), round(geometry.centroid.y, 4)]
            rows.append({"position": east, "text": label})
        if rows:
            layers.append(
                _text_layer(
                    rows,
                    "era-labels",
                    15,
                    [20, 20, 20, 255],
                    max_width=12,
                    word_break="'break-word'",
                    get_text_anchor="'start'",
                    get_pixel_offset=[8, 0],
                )
            )
    return layers


def era_legend(geo: dict[str, dict], day: str, lang: str) -> pd.DataFrame:
    """One row per era shape on screen: colour, name, how precise, period, computed and historical areas."""
    rows = []
    for feature in era_features(geo, day):
        props = feature["properties"]
        computed, historical = props.get("area_km2_computed"), props.get("area_km2_historical")
        rows.append(
            {
                "colour": _era_colour(props),
                "name": _name(props, lang),
                "precision": translate(f"map.precision_short.{props['precision']}", lang),
                "period": _period_text(props, lang),
                "computed": format_number(int(computed), lang) if computed else "—",
                "historical": format_number(int(historical), lang) if historical else "—",
            }
        )
    return pd.DataFrame(rows, columns=["colour", "name", "precision", "period", "computed", "historical"])


def era_changes(geo: dict[str, dict], year: int, lang: str) -> list[str]:
    """What began or ended during the year (the map shows 31 December), as sentences to list under it."""
    first, last = f"{int(year)}-01-01", f"{int(year)}-12-31"
    out = []
    for name in ERA_LAYERS:
        for feature in (geo.get(name) or {}).get("features", []):
            props = feature["properties"]
            for key, message in (("valid_from", "map.era_began"), ("valid_to", "map.era_ended")):
                if first <= props[key] <= last and not (key == "valid_to" and props[key] == last):
                    day = format_day(date.fromisoformat(props[key]), lang)
                    out.append(translate(message, lang, name=_name(props, lang), day=day))
    return out


def borders_deck(geo: dict[str, dict], year: int, places: pd.DataFrame, lang: str, view: pdk.ViewState) -> pdk.Deck:
    """The borders and era shapes of 31 December of the year, labelled, for the teacher's view."""
    day = year_date(year)
    layers = region_base(geo, day) + era_layers(geo, day, lang) + country_labels(geo, day, lang)
    return map_deck(layers + town_labels(places, lang, BORDER_TOWNS, BORDER_LABEL_LEFT), view)
