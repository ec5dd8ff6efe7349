"""GeoJSON from data/geo for the maps: read once and simplified for the screen, and the features valid on
a given day (every feature carries inclusive `valid_from`/`valid_to` ISO dates). No geopandas: that stays in
atlas.geo, for building and checking the layers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
from shapely import set_precision
from shapely.geometry import mapping, shape

from atlas.load import DEFAULT_DATA_DIR
from atlas.maps.style import BASE_LAYERS, SIMPLIFY_DEGREES
from atlas.schema import GEO_LAYERS as LAYERS

GEO_DIR = DEFAULT_DATA_DIR / "geo"  # the bundled layers, used when a data folder brings none


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
