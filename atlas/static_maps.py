"""Static pictures for print: a story step's map (geopandas + matplotlib) and the timeline chart, as PNG bytes.

Pure module, no streamlit and no network: the borders come from data/geo (valid on the event's day, as on
the interactive map), colours from the interactive map and chart so a handout matches the screen. Figures
are built with matplotlib's object API (never pyplot), which is safe to call from several sessions at once.
"""

from __future__ import annotations

import io
import math
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from atlas.figures import CATEGORY_COLOURS
from atlas.geo import GEO_DIR, features_valid_on, load_layer
from atlas.i18n import translate
from atlas.maps.style import (
    COUNTRY_FILLS,
    ERA_COLOURS,
    ERA_DEFAULT_COLOUR,
    ERA_LAYERS,
    FIT_HEIGHT_PX,
    FIT_WIDTH_PX,
    OTHER_COUNTRY_FILL,
    PRESETS,
    SEA_COLOUR,
)
from atlas.schema import CATEGORIES, ERAS

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
ARMENIAN_FONTS = {"": FONT_DIR / "noto-sans-armenian-400.ttf", "B": FONT_DIR / "noto-sans-armenian-700.ttf"}
for _path in ARMENIAN_FONTS.values():  # the bundled font, so Armenian renders the same on any server
    font_manager.fontManager.addfont(str(_path))
FONT_FAMILY = ["Noto Sans Armenian", "DejaVu Sans"]  # Armenian letters from Noto, the rest from DejaVu
EUROPE_BOX = (-11.0, 34.0, 51.0, 62.0)  # lon_min, lat_min, lon_max, lat_max: the sponsor towns' locator map
EVENT_COLOUR = "#D55E00"  # Okabe-Ito vermilion, as the selected event on the timeline
MAP_SIZE_IN = (6.4, 4.4)
DPI = 200  # sharp on paper, about 150 kB per map


def _hex(rgba: list[int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgba[:3])


@cache
def _layer(name: str, geo_dir: str) -> gpd.GeoDataFrame:
    return load_layer(name, Path(geo_dir).parent)


def view_box(view: str, lat: float | None = None, lon: float | None = None) -> tuple[float, float, float, float]:
    """(lon_min, lat_min, lon_max, lat_max) of a story's named view, the area the interactive map shows for a
    laptop-sized frame; 'fit' is a box around the event's point, 'europe' the locator map."""
    if view == "europe":
        return EUROPE_BOX
    if view in PRESETS:
        centre_lat, centre_lon, zoom = PRESETS[view]["latitude"], PRESETS[view]["longitude"], PRESETS[view]["zoom"]
    elif lat is not None and lon is not None:
        centre_lat, centre_lon, zoom = lat, lon, 8.0
    else:
        centre_lat, centre_lon, zoom = PRESETS["region"]["latitude"], PRESETS["region"]["longitude"], 6.3
    # deck.gl: a 512 px world at zoom 0, so degrees of longitude per pixel = 360 / (512 * 2**zoom).
    half_lon = FIT_WIDTH_PX * 360 / (512 * 2**zoom) / 2
    half_lat = FIT_HEIGHT_PX * 360 / (512 * 2**zoom) / 2 * math.cos(math.radians(centre_lat))
    return centre_lon - half_lon, centre_lat - half_lat, centre_lon + half_lon, centre_lat + half_lat


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def step_map(
    day: str,
    view: str,
    lat: float | None = None,
    lon: float | None = None,
    geo_dir: Path | str = GEO_DIR,
    lang: str = "en",
) -> bytes:
    """PNG of the borders valid on `day` (countries, provinces, districts, era shapes) with the event's place
    marked; no labels but the legend of the era shapes, whose names are in the reader's language."""
    geo_dir = str(geo_dir)
    box = view_box(view, lat, lon)
    if lat is not None and lon is not None:  # a place outside the named view widens it: the mark is never lost
        pad = 0.4
        box = (min(box[0], lon - pad), min(box[1], lat - pad), max(box[2], lon + pad), max(box[3], lat + pad))
    fig = Figure(figsize=MAP_SIZE_IN, layout="constrained")
    ax = fig.add_subplot()
    ax.set_facecolor(_hex(SEA_COLOUR))
    legend = []
    if view == "europe":
        europe = _layer("europe", geo_dir)
        europe.plot(ax=ax, color=_hex(OTHER_COUNTRY_FILL), edgecolor="#777777", linewidth=0.4)
    else:
        countries = features_valid_on(_layer("countries", geo_dir), day)
        fills = [_hex(COUNTRY_FILLS.get(iso, OTHER_COUNTRY_FILL)) for iso in countries.get("iso_a3", [])]
        countries.plot(ax=ax, color=fills or _hex(OTHER_COUNTRY_FILL), edgecolor="none")
        for name, colour, width in (("districts_az", "#afafa5", 0.3), ("provinces_am", "#8c826e", 0.5)):
            shapes = features_valid_on(_layer(name, geo_dir), day)
            if len(shapes):
                shapes.boundary.plot(ax=ax, color=colour, linewidth=width)
        countries.boundary.plot(ax=ax, color="#3c3c3c", linewidth=1.0)
        for name in ERA_LAYERS:
            shapes = features_valid_on(_layer(name, geo_dir), day)
            for _, shape in shapes.iterrows():
                colour = ERA_COLOURS.get(shape["name_en"], ERA_DEFAULT_COLOUR)
                one = gpd.GeoSeries([shape.geometry], crs=shapes.crs)
                if shape.geometry.geom_type in ("Polygon", "MultiPolygon"):
                    one.plot(ax=ax, color=colour, alpha=0.35, edgecolor=colour, linewidth=1.2)
                else:
                    one.plot(ax=ax, color="#000000", linewidth=1.6)
                label = shape.get(f"name_{lang}") or shape["name_en"]
                legend.append(Patch(facecolor=colour, alpha=0.6, label=label))
    if lat is not None and lon is not None:
        ax.plot([lon], [lat], marker="o", markersize=11, color=EVENT_COLOUR, markeredgecolor="white", mew=2, zorder=5)
        ax.plot([lon], [lat], marker="o", markersize=22, fillstyle="none", color=EVENT_COLOUR, mew=1.5, zorder=5)
    ax.set_xlim(box[0], box[2])
    ax.set_ylim(box[1], box[3])
    ax.set_aspect(1 / math.cos(math.radians((box[1] + box[3]) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    if legend:
        ax.legend(handles=legend, loc="lower left", framealpha=0.85, prop={"family": FONT_FAMILY, "size": 6})
    return _png(fig)


def timeline_chart(events: pd.DataFrame, lang: str) -> bytes:
    """PNG of the timeline as on screen, for paper: one row per category, day-known events as dots and
    month- or year-known ones as bars over their whole span, era bands behind. Text is years and the
    category names (Latin, French or Armenian: the Armenian names in the bundled font)."""
    fig = Figure(figsize=(7.2, 3.6), layout="constrained")
    ax = fig.add_subplot()
    shown = [c for c in CATEGORIES if (events["category"] == c).any()]
    rows = {c: len(shown) - 1 - i for i, c in enumerate(shown)}
    first, last = events["date_start"].min(), events["date_end"].max()
    margin = max(pd.Timedelta(days=45), (last - first) * 0.03)
    left, right = first - margin, last + margin
    for index, (_, era_first, era_last) in enumerate(ERAS):
        start, end = pd.Timestamp(f"{era_first}-01-01"), pd.Timestamp(f"{era_last}-12-31")
        if end >= left and start <= right:
            ax.axvspan(max(start, left), min(end, right), color="#888888" if index % 2 else "#cccccc", alpha=0.2, lw=0)
    for category in shown:
        rows_of = events.loc[events["category"] == category]
        colour = CATEGORY_COLOURS[category]
        exact = rows_of["date_precision"] == "day"
        ax.scatter(rows_of.loc[exact, "date_start"], [rows[category]] * int(exact.sum()), s=22, color=colour, zorder=3)
        for _, row in rows_of.loc[~exact].iterrows():
            span = row["date_end"] + pd.Timedelta(days=1) - row["date_start"]
            ax.add_patch(
                Rectangle((row["date_start"], rows[category] - 0.2), span, 0.4, color=colour, alpha=0.35, lw=0)
            )
    names = [translate(f"category.{c}", lang) for c in rows]
    ax.set_yticks(list(rows.values()), names, fontsize=8, fontfamily=FONT_FAMILY)
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.set_xlim(left, right)
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#dddddd", lw=0.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _png(fig)
