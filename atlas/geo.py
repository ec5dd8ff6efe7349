"""Bundled boundary layers (data/geo, built by `make geo`) and their filtering by date.

Pure module: it never imports streamlit, so the build, the tests and the CLI can use it. Every
feature carries `valid_from`/`valid_to` (inclusive ISO dates), so a map shows the borders of the
date on screen; see data/geo/SOURCES.md for what each layer is drawn from and how approximate it is.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import geopandas as gpd

from atlas.load import DEFAULT_DATA_DIR, data_dir_from_env
from atlas.maps.geodata import valid_features
from atlas.schema import GEO_LAYERS as LAYERS
from atlas.schema import LAYER_BBOX, NATIONAL_LAYERS, REGION_BBOX
from atlas.schema import SHAPE_PRECISIONS as PRECISIONS

__all__ = ["LAYERS", "PRECISIONS", "LAYER_BBOX", "NATIONAL_LAYERS", "REGION_BBOX"]  # declared in atlas.schema

GEO_DIR = DEFAULT_DATA_DIR / "geo"
REQUIRED_PROPERTIES = ("layer", "name_en", "name_fr", "name_hy", "valid_from", "valid_to", "precision", "source")
MID_YEAR = (7, 1)  # a bare year means 1 July: one date per year, away from New Year treaty dates


class GeoLayerError(ValueError):
    """A layer file is unknown, missing or malformed; the message names the file."""


def layer_path(name: str, data_dir: Path | str | None = None) -> Path:
    if name not in LAYERS:
        raise GeoLayerError(f"unknown geo layer {name!r}; known: {', '.join(LAYERS)}")
    base = Path(data_dir) if data_dir is not None else data_dir_from_env()
    return base / "geo" / f"{name}.geojson"


def as_date(value: dt.date | dt.datetime | str | int) -> str:
    """ISO date string for a date, datetime, 'YYYY-MM-DD' string or a bare year (1 July)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, int):
        value = dt.date(value, *MID_YEAR)
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)  # raises ValueError on a malformed date
    return value.isoformat()


def load_layer(name: str, data_dir: Path | str | None = None) -> gpd.GeoDataFrame:
    """Read one layer as a GeoDataFrame in EPSG:4326 (dates as ISO strings), checking its properties."""
    path = layer_path(name, data_dir)
    if not path.is_file():
        raise GeoLayerError(f"{path}: geo layer file not found (rebuild with `make geo`)")
    try:
        # Keep dates as ISO strings: pyogrio would parse them to datetime64 otherwise.
        gdf = gpd.read_file(path, datetime_as_string=True)
    except Exception as exc:  # pyogrio raises several types; the caller needs the file name
        raise GeoLayerError(f"{path}: not a readable GeoJSON layer ({exc})") from exc
    missing = [p for p in REQUIRED_PROPERTIES if p not in gdf.columns]
    if missing or gdf.empty:
        raise GeoLayerError(f"{path}: malformed geo layer, missing properties {missing or 'and features'}")
    if gdf.crs is None:  # RFC 7946 GeoJSON is always lon/lat WGS84
        gdf = gdf.set_crs(4326)
    elif gdf.crs.to_epsg() != 4326:
        raise GeoLayerError(f"{path}: CRS is {gdf.crs}, expected EPSG:4326")
    return gdf


def features_valid_on(gdf: gpd.GeoDataFrame, date: dt.date | str | int) -> gpd.GeoDataFrame:
    """The features whose [valid_from, valid_to] contains the date (ISO strings sort as dates)."""
    day = as_date(date)
    return gdf[(gdf["valid_from"] <= day) & (gdf["valid_to"] >= day)]


def layers_for_date(
    date: dt.date | str | int, data_dir: Path | str | None = None, names: tuple[str, ...] | None = None
) -> dict[str, gpd.GeoDataFrame]:
    """Each named layer (default: all) cut to the features valid on the date; empty layers left out."""
    out = {}
    for name in names or tuple(LAYERS):
        valid = features_valid_on(load_layer(name, data_dir), date)
        if not valid.empty:
            out[name] = valid
    return out


def geojson_valid_on(name: str, date: dt.date | str | int, data_dir: Path | str | None = None) -> dict:
    """The layer as a plain GeoJSON dict of the features valid on the date, ready for pydeck."""
    path = layer_path(name, data_dir)
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = collection["features"]
    except FileNotFoundError as exc:
        raise GeoLayerError(f"{path}: geo layer file not found (rebuild with `make geo`)") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise GeoLayerError(f"{path}: not a GeoJSON FeatureCollection ({exc})") from exc
    day = as_date(date)
    return {"type": "FeatureCollection", "features": valid_features({"features": features}, day)}
