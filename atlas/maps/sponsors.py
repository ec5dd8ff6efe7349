"""The sponsors' map: the towns that sponsor a prisoner, named, over today's grey country outlines of Europe and a
1-degree graticule, framed so that every town's name stays on a laptop's or a phone's map. Built from the shared
layer builders (atlas.maps.layers)."""

from __future__ import annotations

import json
import math

import pandas as pd
import pydeck as pdk
import shapely

from atlas.maps.layers import map_deck, text_layer
from atlas.maps.style import FIT_WIDTH_PX
from atlas.text import in_language

SPONSOR_FONT = "'Helvetica, Arial, sans-serif'"
SPONSOR_TOOLTIP = {"text": "{tooltip}"}  # text, never HTML
_NEIGHBOUR_KM = 25  # labels of towns closer than this are put on opposite sides
LAND_FILL, LAND_LINE = [220, 220, 216, 255], [110, 110, 110, 255]  # neutral grey: no country stands out
_LABEL_MIN_AREA = 1.0  # square degrees of a country inside the view before it gets a name


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def label_anchors(points: pd.DataFrame, km: float = _NEIGHBOUR_KM) -> list[str]:
    """'end' (label left of the dot) for a town with a close neighbour to its east, else 'start'.

    Valence and Bourg-lès-Valence lie 2 km apart: their labels go to opposite sides instead of overprinting.
    """
    anchors = []
    for r in points.itertuples():
        east_neighbour = any(
            o.lon > r.lon and _km(r.lat, r.lon, o.lat, o.lon) < km for o in points.itertuples() if o.Index != r.Index
        )
        anchors.append("end" if east_neighbour else "start")
    return anchors


def graticule(lat_min: float, lat_max: float, lon_min: float, lon_max: float, step: float = 1.0) -> list[dict]:
    """Meridians and parallels every `step` degrees covering the box, as PathLayer rows with a label
    ('5°E', '45°N') and where to print it (meridians near the bottom, parallels near the left edge)."""
    lines = []
    lat0, lat1 = math.floor(lat_min / step) * step, math.ceil(lat_max / step) * step
    lon0, lon1 = math.floor(lon_min / step) * step, math.ceil(lon_max / step) * step
    lon = lon0
    while lon <= lon1 + 1e-9:
        label = f"{abs(lon):g}°{'E' if lon >= 0 else 'W'}"
        lines.append({"path": [[lon, lat0], [lon, lat1]], "label": label, "at": [lon + 0.05, lat_min + 0.3]})
        lon += step
    lat = lat0
    while lat <= lat1 + 1e-9:
        label = f"{abs(lat):g}°{'N' if lat >= 0 else 'S'}"
        lines.append({"path": [[lon0, lat], [lon1, lat]], "label": label, "at": [lon_min + 0.3, lat + 0.05]})
        lat += step
    return lines


def country_names(outlines: dict | None, box: tuple[float, float, float, float], lang: str) -> list[dict]:
    """One name per country with at least _LABEL_MIN_AREA inside the view box, at the centre of the largest
    circle that fits in that part (so the name sits well inside the country), in the reader's language."""
    view = shapely.box(*box)
    rows = []
    for feature in (outlines or {}).get("features", []):
        props = feature["properties"]
        part = shapely.from_geojson(json.dumps(feature["geometry"])).intersection(view)
        if part.area < _LABEL_MIN_AREA:
            continue
        if part.geom_type == "MultiPolygon":
            part = max(part.geoms, key=lambda g: g.area)
        at = shapely.get_point(shapely.maximum_inscribed_circle(part, 0.01), 0)  # its centre
        name = in_language(props, "name", lang)
        rows.append({"at": [round(at.x, 3), round(at.y, 3)], "label": name.upper() if lang != "hy" else name})
    return rows


def _text_layer(
    layer_id: str, data, position, text: str, size: int, colour: list[int], anchor: str, baseline: str, **extra
) -> pdk.Layer:
    """The shared text layer, in a system font without a background box (the sponsor names carry an outline):
    the app's web font may not be loaded when deck.gl builds its glyph atlas, and then every label is drawn
    a few pixels high."""
    return text_layer(
        layer_id, data, size, colour, position=position, text=text, font=SPONSOR_FONT, background=False,
        get_text_anchor=anchor, get_alignment_baseline=baseline, **extra,
    )  # fmt: skip


def land_layers(outlines: dict | None, box: tuple[float, float, float, float], lang: str) -> list[pdk.Layer]:
    """Grey countries, cut to what a wide screen shows around the view (the deck is sent on every rerun),
    and their names; none pickable."""
    if not outlines or not outlines.get("features"):
        return []
    lon_min, lat_min, lon_max, lat_max = box
    near = shapely.box(lon_min - 6, lat_min - 3, lon_max + 6, lat_max + 3)
    features = []
    for feature in outlines["features"]:
        part = shapely.from_geojson(json.dumps(feature["geometry"])).intersection(near)
        if not part.is_empty:
            geometry = json.loads(shapely.to_geojson(shapely.set_precision(part, 0.001)))
            features.append({"type": "Feature", "properties": {}, "geometry": geometry})
    return [
        pdk.Layer(
            "GeoJsonLayer",
            data={"type": "FeatureCollection", "features": features},
            id="countries",
            filled=True,
            stroked=True,
            get_fill_color=LAND_FILL,
            get_line_color=LAND_LINE,
            get_line_width=1,
            line_width_min_pixels=1,
            pickable=False,
        ),
        _text_layer(
            "country-names",
            country_names(outlines, box, lang),
            "at",
            "label",
            size=17,
            colour=[105, 105, 105, 255],
            anchor="'middle'",
            baseline="'center'",
            font_weight=600,
        ),
    ]


SPONSOR_ZOOM = 6.0  # the towns of the Rhône valley apart on a laptop or a projector
# Town names: 20 px type, 15 px on a map narrower than a laptop's (two long names pointing away from each
# other from neighbouring towns, Bourg-lès-Valence and Saint-Chamond, need 390 px at 20 px: more than a phone).
NAME_PX, PHONE_NAME_PX = 20, 15
LETTER_WIDTH, NAME_GAP_PX, DOT_PX = 0.6, 14, 10  # a bold letter's width per px of type (generous), gap, a dot


def _view_keeping_names(points: pd.DataFrame, width_px: int, name_px: int) -> tuple[float, float]:
    """(centre longitude, zoom): the closest zoom, up to SPONSOR_ZOOM, at which every dot and every town's name
    (drawn on the side its anchor says) fits across a map `width_px` wide, centred on what is drawn. A phone's
    map is zoomed out and shifted so that no name runs off its edge."""
    reach = NAME_GAP_PX + LETTER_WIDTH * name_px * points["town"].str.len()
    to_right = reach.where(points["anchor"] == "start", DOT_PX)
    to_left = reach.where(points["anchor"] != "start", DOT_PX)
    zoom = SPONSOR_ZOOM
    while True:
        px_per_degree = 512 * 2**zoom / 360
        x = points["lon"] * px_per_degree
        right, left = float((x + to_right).max()), float((x - to_left).min())
        if right - left <= width_px or zoom <= 2:
            return (right + left) / 2 / px_per_degree, round(zoom, 2)
        zoom -= 0.05


def sponsors_deck(
    sponsors: pd.DataFrame, outlines: dict | None = None, lang: str = "en", width_px: int = FIT_WIDTH_PX
) -> pdk.Deck:
    """Sponsor towns with their names over today's country outlines (data/geo/europe.geojson, grey, unpickable)
    and a 1° graticule; no tiles. Without outlines the graticule alone orients the reader. A map narrower
    than a laptop's (a phone) is zoomed out so the names at the edges stay on it."""
    name_px = PHONE_NAME_PX if width_px < FIT_WIDTH_PX else NAME_PX
    points = sponsors.dropna(subset=["lat", "lon"]).copy()
    points = points.groupby(["lat", "lon"], as_index=False).agg(
        {"town": "first", "name": lambda n: " / ".join(n), "sponsored": lambda s: "; ".join(x for x in s if x)}
    )
    points["anchor"] = label_anchors(points)
    points["offset"] = [[14, 0] if a == "start" else [-14, 0] for a in points["anchor"]]
    points["tooltip"] = points["name"] + points["sponsored"].map(lambda s: f" — {s}" if s else "")
    lat_min, lat_max = points["lat"].min() - 0.6, points["lat"].max() + 0.6
    lon_min, lon_max = points["lon"].min() - 4.5, points["lon"].max() + 4.5  # fills a wide screen
    grid = graticule(lat_min, lat_max, lon_min, lon_max)
    box = (lon_min, lat_min, lon_max, lat_max)
    layers = [
        pdk.Layer(  # under the land, so it shows over the sea only, and out to the edges of a wide screen
            "PathLayer",
            data=graticule(lat_min - 3, lat_max + 3, lon_min - 6, lon_max + 6),
            id="graticule",
            get_path="path",
            get_color=[170, 190, 205, 255],
            width_min_pixels=1,
            pickable=False,
        ),
        *land_layers(outlines, box, lang),
        _text_layer(
            "graticule-labels",
            grid,
            "at",
            "label",
            size=14,
            colour=[110, 110, 110, 255],
            anchor="'start'",
            baseline="'bottom'",
        ),
        pdk.Layer(
            "ScatterplotLayer",
            data=points,
            id="sponsors",
            get_position=["lon", "lat"],
            get_radius=2500,
            radius_min_pixels=9,
            get_fill_color=[0, 114, 178, 230],
            get_line_color=[255, 255, 255, 255],
            stroked=True,
            line_width_min_pixels=2,
            pickable=True,
        ),
        _text_layer(
            "sponsor-names",
            points,
            ["lon", "lat"],
            "town",
            size=name_px,
            colour=[20, 20, 20, 255],
            anchor="anchor",
            baseline="'center'",
            get_pixel_offset="offset",
            font_weight=600,
            outline_width=4,
            outline_color=[255, 255, 255, 255],
            font_settings={"sdf": True},
        ),
    ]
    centre, zoom = _view_keeping_names(points, width_px, name_px)
    view = pdk.ViewState(latitude=float((lat_min + lat_max) / 2), longitude=round(centre, 4), zoom=zoom)
    return map_deck(layers, view, tooltip=SPONSOR_TOOLTIP)
