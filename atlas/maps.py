"""pydeck map builders: no tile server, base shapes from data/geo, tooltips as plain text only.

Every function here is pure (no streamlit): it takes frames and GeoJSON dicts and returns frames,
layers or a ``pdk.Deck``, so the tests read the deck through ``deck.to_json()``. The layers:

* the base: countries, Armenia's provinces and Azerbaijan's districts valid on the date shown
  (data/geo, see SOURCES.md), drawn as GeoJsonLayers instead of map tiles;
* labels (TextLayer) for key towns and countries, in the reader's language;
* the incursion sites 2021-2025, sized by people killed or captured, coloured by year, each with a
  circle for what its coordinate stands for (a village is not a district);
* the era shapes (NKAO, the 1994-2020 held area and line of contact, the post-2020 zone and
  corridor), each labelled exact/approximate/schematic as its properties say.

Data strings reach the browser only in ``tooltip`` fields, which deck.gl writes with innerText.
"""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pandas as pd
import pydeck as pdk
from babel.dates import format_date
from pydeck.bindings.json_tools import default_serialize
from shapely import set_precision
from shapely.geometry import mapping, shape

from atlas.figures import CATEGORY_COLOURS
from atlas.geo import LAYERS
from atlas.i18n import LANGUAGES, format_day, format_number, translate

# Radius drawn around a point for what its coordinate stands for (metres): a village is not a district.
PRECISION_RADIUS_M = {"exact": 500, "town": 2_500, "district": 15_000, "region": 40_000, "country": 120_000}
REGION_VIEW = {"latitude": 40.2, "longitude": 46.0, "zoom": 6.2}
FIT_WIDTH_PX, FIT_HEIGHT_PX, FIT_MARGIN_DEG = 640, 540, 0.25  # fit_view frame: a laptop map
PHONE_WIDTH_PX = 340  # the map's width on a 360-414 px phone, where the presets would cut off the east
MAX_FIT_ZOOM = 9.0  # a lone village still shows the villages around it
CURRENT_RING = [240, 228, 66, 255]  # Okabe-Ito yellow: the sites of the month shown, on any year colour
# Tooltip as text (innerText), in type a projector audience can read; style is CSS for the box only.
TOOLTIP_STYLE = {
    "fontSize": "18px",
    "backgroundColor": "#FFFFFF",
    "color": "#111111",
    "border": "1px solid #555555",
    "maxWidth": "420px",
    "whiteSpace": "pre-line",
}
# Tooltip as text (deck.gl sets innerText): data never becomes HTML, whatever it contains.
TOOLTIP = {"text": "{tooltip}", "style": TOOLTIP_STYLE}
# Named views for the presets (centre and zoom checked on screenshots at 1920x1080 and 390x844).
PRESETS = {
    "armenia_east": {"latitude": 40.0, "longitude": 45.55, "zoom": 7.4},
    "karabakh": {"latitude": 39.8, "longitude": 46.65, "zoom": 8.1},
    "region": {"latitude": 40.3, "longitude": 46.0, "zoom": 6.3},
}
BASE_LAYERS = ("countries", "provinces_am", "districts_az")
ERA_LAYERS = ("era_nkao", "era_held_1994", "era_post_2020")
SIMPLIFY_DEGREES = 0.002  # about 200 m: under a pixel at the closest preset (zoom 8)
INCURSION_FIRST_MONTH, INCURSION_LAST_MONTH = "2021-01", "2025-12"
MAP_MODES = ("incursions", "borders", "events")
# One colour per year of the incursion period (plasma, dark to light: readable on the pale base).
YEAR_COLOURS = {2021: "#0D0887", 2022: "#6A00A8", 2023: "#B12A90", 2024: "#E16462", 2025: "#FCA636"}
MIN_SIZE_PX, MAX_SIZE_PX, SIZE_PER_ROOT_PX = 9, 42, 3.5  # marker radius = 9 + 3.5 * sqrt(killed + captured)
# Era shapes: fill colour per feature (Okabe-Ito), the line of contact drawn as a black line.
ERA_COLOURS = {
    "Nagorno-Karabakh Autonomous Oblast": "#E69F00",
    "Area held by Armenian forces (1994-2020)": "#D55E00",
    "Line of contact (1994-2020)": "#000000",
    "Area under Armenian control with Russian peacekeepers": "#0072B2",
    "Lachin corridor": "#56B4E9",
}
ERA_DEFAULT_COLOUR = "#CC79A7"  # the districts handed over in November 2020
MIN_LABELLED_KM2 = 500  # era shapes smaller than this are named in the legend only
COUNTRY_FILLS = {"ARM": [250, 245, 232, 255], "AZE": [238, 238, 230, 255]}
OTHER_COUNTRY_FILL = [226, 226, 222, 255]
SEA_COLOUR = [214, 228, 238, 255]
KEY_TOWNS = (
    "PL-YEREVAN",
    "PL-STEPANAKERT",
    "PL-SHUSHA",
    "PL-GORIS",
    "PL-JERMUK",
    "PL-VARDENIS",
    "PL-LACHIN",
    "PL-GANJA",
    "PL-BAKU",
    "PL-NAKHCHIVAN",
    "PL-TBILISI",
)
BORDER_TOWNS = ("PL-YEREVAN", "PL-STEPANAKERT", "PL-GANJA", "PL-BAKU", "PL-NAKHCHIVAN", "PL-TBILISI")  # fewer, for eras
LABEL_LEFT = frozenset({"PL-SHUSHA", "PL-GORIS", "PL-JERMUK", "PL-YEREVAN"})  # left of the dot, clear of a neighbour
BORDER_LABEL_LEFT = frozenset({"PL-STEPANAKERT", "PL-YEREVAN"})  # the era names sit east of their shapes
COUNTRY_LABEL_AT = {"AZE": (40.75, 48.5)}  # (lat, lon) away from Karabakh, where the era names go
# System fonts only, never fetched; quoted so that pydeck sends it as a literal, not an expression.
LABEL_FONT = "'Noto Sans, DejaVu Sans, Noto Sans Armenian, sans-serif'"


def _rgb(hex_colour: str, alpha: int = 200) -> list[int]:
    return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]


def _name(row: pd.Series | dict, lang: str) -> str:
    """The name in lang, else English; empty and missing cells fall back alike."""
    value = row.get(f"name_{lang}")
    return str(value) if isinstance(value, str) and value.strip() else str(row.get("name_en") or "")


def _count(value: object) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


# --- GeoJSON from data/geo ------------------------------------------------------------------------


def simplified(collection: dict, tolerance: float = SIMPLIFY_DEGREES) -> dict:
    """The collection with each geometry simplified (topology kept) and snapped to 0.0001 degree: the
    1:10m lines have far more points than a screen shows, and the deck is sent again on every rerun."""
    features = []
    for feature in collection.get("features", []):
        geometry = set_precision(shape(feature["geometry"]).simplify(tolerance, preserve_topology=True), 0.0001)
        features.append({**feature, "geometry": mapping(geometry)})
    return {**collection, "features": features}


def read_collections(geo_dir: Path | str) -> dict[str, dict]:
    """Every layer file of data/geo that exists, as GeoJSON dicts (the app caches this); the base layers
    are simplified for the screen, the era shapes kept as built."""
    folder = Path(geo_dir)
    out = {}
    for name in LAYERS:
        path = folder / f"{name}.geojson"
        if path.is_file():
            collection = json.loads(path.read_text(encoding="utf-8"))
            out[name] = simplified(collection) if name in BASE_LAYERS else collection
    return out


def year_date(year: int) -> str:
    """The day a year stands for in the borders view: 31 December, the situation at the end of the year."""
    return date(int(year), 12, 31).isoformat()


def month_end(month: str) -> str:
    """Last day of a 'YYYY-MM' month, ISO."""
    stamp = pd.Period(month, freq="M").end_time
    return stamp.date().isoformat()


def valid_features(collection: dict | None, day: str) -> list[dict]:
    """The features of a collection whose [valid_from, valid_to] holds the ISO day."""
    if not collection:
        return []
    return [
        f for f in collection.get("features", []) if f["properties"]["valid_from"] <= day <= f["properties"]["valid_to"]
    ]


def _slim(features: list[dict], tooltips: list[str] | None = None) -> dict:
    """A FeatureCollection with only the geometry (and a tooltip): less to send on every rerun."""
    out = []
    for index, feature in enumerate(features):
        props = {"tooltip": tooltips[index]} if tooltips else {}
        out.append({"type": "Feature", "geometry": feature["geometry"], "properties": props})
    return {"type": "FeatureCollection", "features": out}


def province_centres(collection: dict | None) -> dict[str, tuple[float, float]]:
    """(lat, lon) of a point inside each province, by English name: where a site without coordinates goes."""
    centres = {}
    for feature in (collection or {}).get("features", []):
        point = shape(feature["geometry"]).representative_point()
        centres[feature["properties"]["name_en"]] = (round(point.y, 5), round(point.x, 5))
    return centres


# --- base, labels ---------------------------------------------------------------------------------


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


def _text_layer(rows: list[dict], layer_id: str, size: int, colour: list[int], **extra) -> pdk.Layer:
    return pdk.Layer(
        "TextLayer",
        data=rows,
        id=layer_id,
        get_position="position",
        get_text="text",
        get_size=size,
        size_units="'pixels'",
        get_color=colour,
        font_family=LABEL_FONT,
        font_weight=600,
        # deck.gl's default is ASCII only; "auto" takes every letter the labels use (Armenian, accents).
        # Quoted: pydeck sends an unquoted string as an expression ("@@=auto"), quotes make it a literal.
        character_set="'auto'",
        background=True,
        get_background_color=[255, 255, 255, 190],
        background_padding=[4, 2],
        pickable=False,
        **extra,
    )


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


# --- incursions -----------------------------------------------------------------------------------


def month_range(first: str = INCURSION_FIRST_MONTH, last: str = INCURSION_LAST_MONTH) -> list[str]:
    """'YYYY-MM' strings from first to last, inclusive."""
    return [str(p) for p in pd.period_range(first, last, freq="M")]


def month_label(month: str, lang: str) -> str:
    """'2021-05' as the reader says it: 'May 2021', 'mai 2021', 'մայիս 2021'."""
    first = pd.Period(month, freq="M").start_time.date()
    return format_date(first, format="LLLL y", locale=lang if lang in LANGUAGES else "en")


def episode_months(incursions: pd.DataFrame, months: list[str]) -> list[str]:
    """The months of the range in which an episode began, in order."""
    return sorted({d.strftime("%Y-%m") for d in incursions["date_start"].dropna()} & set(months))


def latest_month(incursions: pd.DataFrame, months: list[str]) -> str:
    """The last month of the range that has an episode (the page opens on it), else the last month."""
    return (episode_months(incursions, months) or months)[-1]


def play_start(incursions: pd.DataFrame, months: list[str], current: str) -> str | None:
    """Where Play starts: from the current month while episodes remain after it, else again from the first
    episode (so that, opened on the latest month, Play tells the story from May 2021). None: go on from current."""
    episodes = episode_months(incursions, months)
    if episodes and current >= episodes[-1]:
        return episodes[0]
    return None


def next_month(months: list[str], current: str) -> str | None:
    """The month after current in months, or None at the end (the player then stops)."""
    if current not in months:
        return months[0] if months else None
    position = months.index(current) + 1
    return months[position] if position < len(months) else None


def marker_size(people: int) -> float:
    """Marker radius in pixels for the number of people killed or captured (never below the minimum)."""
    return round(min(MAX_SIZE_PX, MIN_SIZE_PX + SIZE_PER_ROOT_PX * math.sqrt(max(people, 0))), 1)


def _date_text(start: pd.Timestamp, end: pd.Timestamp, lang: str) -> str:
    first = format_day(start.date(), lang)
    return first if pd.isna(end) or end == start else f"{first} – {format_day(end.date(), lang)}"


def incursion_sites(incursions: pd.DataFrame, places: pd.DataFrame, provinces: dict | None, lang: str) -> pd.DataFrame:
    """Every incursion with where it can be drawn: at its place's sourced coordinate, else at the centre of
    its province (marz) with a province-wide radius, else nowhere (lat/lon NaN, listed but not mapped)."""
    cols = ["place_id", "name_en", "name_fr", "name_hy", "lat", "lon", "geo_precision"]
    sites = incursions.merge(places[[c for c in cols if c in places]], on="place_id", how="left")
    sites = sites.sort_values(["date_start", "incursion_id"], kind="stable").reset_index(drop=True)
    centres = province_centres(provinces)
    rows = []
    for _, row in sites.iterrows():
        place_name = _name(row, lang) or str(row["place_id"])
        marz = str(row.get("marz") or "").strip() if not pd.isna(row.get("marz")) else ""
        first_marz = marz.split(";")[0].strip()
        lat, lon, placed_by = row.get("lat"), row.get("lon"), "place"
        radius = PRECISION_RADIUS_M.get(str(row.get("geo_precision")), PRECISION_RADIUS_M["district"])
        if pd.isna(lat) or pd.isna(lon):
            if first_marz in centres and row.get("geo_precision") != "country":
                lat, lon = centres[first_marz]
                placed_by, radius = "province", PRECISION_RADIUS_M["region"]
            else:
                lat, lon, placed_by = math.nan, math.nan, ""
        killed, captured = _count(row.get("killed_high")), _count(row.get("captured_high"))
        start = row["date_start"]
        dates = _date_text(start, row["date_end"], lang)
        lines = [f"{dates} — {place_name}" + (f" ({marz})" if marz else "")]
        lines.append(
            translate("map.tooltip_people", lang, killed=killed, captured=captured)
            if killed or captured
            else translate("map.tooltip_no_people", lang)
        )
        if placed_by == "province":
            lines.append(translate("map.tooltip_province", lang, marz=first_marz, km=radius // 1000))
        elif placed_by == "place":
            lines.append(
                translate(f"map.radius.{row.get('geo_precision')}", lang, km=format_number(radius / 1000, lang))
            )
        lines.append(translate(f"confidence.{row['confidence']}", lang))
        rows.append(
            {
                "incursion_id": row["incursion_id"],
                "event_id": "" if pd.isna(row.get("event_id")) else str(row.get("event_id")),
                "month": start.strftime("%Y-%m"),
                "year": int(start.year),
                "dates": dates,
                "place_name": place_name,
                "marz": marz,
                "killed": killed,
                "captured": captured,
                "lat": float(lat),
                "lon": float(lon),
                "radius_m": int(radius),
                "placed_by": placed_by,
                "tooltip": "\n".join(lines),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "incursion_id", "event_id", "month", "year", "dates", "place_name", "marz", "killed", "captured",
            "lat", "lon", "radius_m", "placed_by", "tooltip",
        ],
    )  # fmt: skip


def incursion_points(sites: pd.DataFrame, month: str, cumulative: bool = True) -> pd.DataFrame:
    """The mapped sites up to the month (or in that month only), the month's own drawn strongest.
    Only the columns the deck needs: no name column, the place name travels only inside `tooltip`."""
    mapped = sites.dropna(subset=["lat", "lon"])
    shown = mapped.loc[(mapped["month"] <= month) if cumulative else (mapped["month"] == month)]
    current = shown["month"] == month
    colours = shown["year"].map(lambda y: YEAR_COLOURS.get(int(y), "#444444"))
    return pd.DataFrame(
        {
            "incursion_id": shown["incursion_id"],
            "lat": shown["lat"],
            "lon": shown["lon"],
            "radius_m": shown["radius_m"],
            "size_px": (shown["killed"] + shown["captured"]).map(marker_size),
            "colour": [_rgb(c, 235 if now else 120) for c, now in zip(colours, current)],
            "area_colour": [_rgb(c, 45 if now else 15) for c, now in zip(colours, current)],
            "ring_colour": [_rgb(c, 230 if now else 60) for c, now in zip(colours, current)],
            "line_colour": [CURRENT_RING if now else [255, 255, 255, 220] for now in current],
            "line_px": [5 if now else 1 for now in current],
            "tooltip": shown["tooltip"],
        }
    ).reset_index(drop=True)


def month_summary(sites: pd.DataFrame, month: str, lang: str) -> str:
    """The month's sites in one line for the presenter: 'Goris (20 captured) · Jermuk'."""
    parts = []
    for _, site in sites.loc[sites["month"] == month].iterrows():
        people = []
        if site["killed"]:
            people.append(translate("map.killed_short", lang, count=int(site["killed"])))
        if site["captured"]:
            people.append(translate("map.captured_short", lang, count=int(site["captured"])))
        parts.append(site["place_name"] + (f" ({', '.join(people)})" if people else ""))
    return " · ".join(parts)


def _dots(data: pd.DataFrame | list[dict], layer_id: str, **props) -> pdk.Layer:
    """A ScatterplotLayer of points at [lon, lat] (unless props say otherwise)."""
    return pdk.Layer("ScatterplotLayer", data=data, id=layer_id, **{"get_position": ["lon", "lat"], **props})


def incursion_layers(points: pd.DataFrame) -> list[pdk.Layer]:
    """The location uncertainty (metres, translucent) under the markers (pixels, sized by people)."""
    uncertainty = _dots(
        points,
        "incursion-uncertainty",
        get_radius="radius_m",
        radius_units="'meters'",
        get_fill_color="area_colour",
        get_line_color="ring_colour",
        stroked=True,
        line_width_min_pixels=1,
        pickable=False,
    )
    markers = _dots(
        points,
        "incursions",
        get_radius="size_px",
        radius_units="'pixels'",
        get_fill_color="colour",
        get_line_color="line_colour",
        get_line_width="line_px",
        line_width_units="'pixels'",
        stroked=True,
        pickable=True,
        auto_highlight=True,
    )
    return [uncertainty, markers]


# --- eras -----------------------------------------------------------------------------------------


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


# --- views and decks ------------------------------------------------------------------------------


def fit_view(points: pd.DataFrame, width_px: int = FIT_WIDTH_PX, height_px: int = FIT_HEIGHT_PX) -> pdk.ViewState:
    """The closest view that frames every point (with a margin) in a width x height pixel frame; the
    default frame is a laptop's, so a projector shows the same area with more around it."""
    if points.empty:
        return pdk.ViewState(**REGION_VIEW)
    # The margin holds the widest uncertainty circle too (a province-wide site is 40 km around its dot).
    widest = points["radius_m"].max() / 111_000 if "radius_m" in points and points["radius_m"].notna().any() else 0
    margin = max(FIT_MARGIN_DEG, 1.2 * widest)
    lat_min, lat_max = points["lat"].min() - margin, points["lat"].max() + margin
    lon_span = points["lon"].max() - points["lon"].min() + 2 * margin / math.cos(math.radians(lat_min))
    latitude = float((lat_min + lat_max) / 2)
    # Web Mercator, 512 px world at zoom 0 (deck.gl): lon degrees per pixel = 360 / (512 * 2**zoom), and a
    # degree of latitude is 1 / cos(latitude) times longer on screen than a degree of longitude.
    by_width = width_px * 360 / (512 * lon_span)
    by_height = height_px * 360 * math.cos(math.radians(latitude)) / (512 * (lat_max - lat_min))
    zoom = max(2.0, min(MAX_FIT_ZOOM, math.log2(min(by_width, by_height))))
    return pdk.ViewState(
        latitude=round(latitude, 4),
        longitude=round(float(points["lon"].min() + points["lon"].max()) / 2, 4),
        zoom=round(zoom, 2),
    )


# Armenia, Nakhchivan and Karabakh, centred so that a phone, which shows less width, still has them all.
BORDERS_FRAME = pd.DataFrame({"lat": [38.85, 41.3], "lon": [44.3, 47.6]})


def zoom_for_width(zoom: float, width_px: int) -> float:
    """A preset's zoom for a map `width_px` wide: one narrower than the laptop frame zooms out to show as much."""
    return round(zoom - max(0.0, math.log2(FIT_WIDTH_PX / width_px)), 2)


def preset_view(name: str, points: pd.DataFrame | None = None, width_px: int = FIT_WIDTH_PX) -> pdk.ViewState:
    """A named preset, or the view fitted to the points for "fit" (the region when there are none), for a map
    `width_px` wide: a narrower map zooms out so it shows the same area (deck.gl keeps the zoom, not the area)."""
    if name in PRESETS:
        return pdk.ViewState(**{**PRESETS[name], "zoom": zoom_for_width(PRESETS[name]["zoom"], width_px)})
    return fit_view(points if points is not None else pd.DataFrame(columns=["lat", "lon"]), width_px=width_px)


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by 2, which makes the borders four times larger
    on the wire, and Streamlit sends the whole spec again on every rerun (every month while playing)."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def map_deck(layers: list[pdk.Layer], view: pdk.ViewState) -> pdk.Deck:
    """A deck with no base map at all (no tile, style or token request) and text-only tooltips."""
    # map_style stays pydeck's "__MAP_STYLE__" sentinel: Streamlit then draws no base map, whereas map_style=None
    # makes it fetch a Carto style from the web.
    return CompactDeck(layers=layers, initial_view_state=view, map_provider=None, tooltip=TOOLTIP)


def incursions_deck(
    points: pd.DataFrame,
    geo: dict[str, dict],
    places: pd.DataFrame,
    lang: str,
    month: str,
    view: pdk.ViewState | None = None,
) -> pdk.Deck:
    """The incursion sites up to a month over the borders of that month's last day (eras muted)."""
    day = month_end(month)
    layers = region_base(geo, day) + era_layers(geo, day, lang, muted=True)
    layers += country_labels(geo, day, lang) + incursion_layers(points) + town_labels(places, lang)
    return map_deck(layers, view or fit_view(points))


def borders_deck(geo: dict[str, dict], year: int, places: pd.DataFrame, lang: str, view: pdk.ViewState) -> pdk.Deck:
    """The borders and era shapes of 31 December of the year, labelled, for the teacher's view."""
    day = year_date(year)
    layers = region_base(geo, day) + era_layers(geo, day, lang) + country_labels(geo, day, lang)
    return map_deck(layers + town_labels(places, lang, BORDER_TOWNS, BORDER_LABEL_LEFT), view)


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
