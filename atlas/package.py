"""The filtered view as files for other tools: a Frictionless Data Package (zip) and GeoJSON for QGIS.

The data package holds the shown events, the contested claims about them, the places they happen at and
every source any of these cite, with a datapackage.json that carries the filter sentence, the permalink,
the dataset version and the licence. Every CSV cell goes through the one formula-safe writer.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pandas as pd

from atlas import __version__
from atlas.datapackage import ATTRIBUTIONS, LICENSE, _resource
from atlas.export import _plain, claims_of, csv_bytes
from atlas.safe import neutralise_formula
from atlas.schema import CLAIMS, EVENTS, INCURSIONS, LIST_SEPARATOR, PLACES, SOURCES, Table


def _ids(cells: pd.Series) -> set[str]:
    return {i.strip() for cell in cells.dropna() for i in str(cell).split(LIST_SEPARATOR) if i.strip()}


def view_tables(events: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The rows a package of these events needs, every reference closed (claims -> events and sources,
    events -> places, places -> sources), in the schema's column order."""
    claims = claims_of(events, tables.get("claims"))
    place_ids = _ids(events["place_id"])
    places = tables["places"].loc[tables["places"]["place_id"].isin(place_ids)]
    source_ids = _ids(events["source_ids"]) | _ids(claims["source_id"]) | _ids(places["coord_source_id"])
    sources = tables["sources"].loc[tables["sources"]["source_id"].isin(source_ids)].sort_values("source_id")
    return {
        "events": _plain(events, EVENTS.column_names),
        "claims": _plain(claims, CLAIMS.column_names),
        "places": _plain(places, PLACES.column_names),
        "sources": _plain(sources, SOURCES.column_names),
    }


def _safe_text(value: object) -> object:
    """Metadata strings get the same treatment as cells: nothing a spreadsheet could run."""
    if isinstance(value, str):
        return neutralise_formula(" ".join(value.split()))
    return value


def package_descriptor(sentence: str, permalink: str, accessed: date, version: str = __version__) -> dict:
    tables: tuple[Table, ...] = (EVENTS, CLAIMS, PLACES, SOURCES)
    return {
        "name": "karabakh-atlas-view",
        "title": "Karabakh Atlas: a filtered view",
        "description": _safe_text(sentence),
        "version": version,
        "homepage": _safe_text(permalink),
        "created": f"{accessed.isoformat()}T00:00:00Z",
        "keywords": ["Nagorno-Karabakh", "conflict events", "contested claims"],
        "licenses": [LICENSE],
        "sources": list(ATTRIBUTIONS),
        "resources": [_resource(t) for t in tables],
    }


def data_package_zip(
    events: pd.DataFrame,
    tables: dict[str, pd.DataFrame],
    sentence: str,
    permalink: str,
    accessed: date,
    version: str = __version__,
) -> bytes:
    """A zip with datapackage.json at its root and one CSV per resource."""
    frames = view_tables(events, tables)
    descriptor = package_descriptor(sentence, permalink, accessed, version)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor, indent=1, ensure_ascii=False) + "\n")
        for table in (EVENTS, CLAIMS, PLACES, SOURCES):
            archive.writestr(table.file, csv_bytes(frames[table.name]))
    return buffer.getvalue()


def _feature(lon: float, lat: float, properties: dict) -> dict:
    clean = {k: (None if pd.isna(v) else _safe_text(v)) for k, v in properties.items()}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": clean}


def _collection(name: str, sentence: str, permalink: str, features: list[dict], version: str) -> bytes:
    payload = {
        "type": "FeatureCollection",
        "name": name,
        "description": _safe_text(sentence),
        "dataset_version": version,
        "licence": "CC-BY-4.0",
        "permalink": _safe_text(permalink),
        "features": features,
    }
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def _located(frame: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    coords = places.loc[places["lat"].notna() & places["lon"].notna(), ["place_id", "lat", "lon", "geo_precision"]]
    return frame.merge(coords, on="place_id", how="inner")


def events_geojson(
    events: pd.DataFrame, places: pd.DataFrame, sentence: str, permalink: str, version: str = __version__
) -> bytes:
    """Points of the filtered events that have a place with a coordinate (RFC 7946, WGS84 lon/lat)."""
    columns = [c for c in EVENTS.column_names if not c.startswith("summary_")]
    rows = _located(_plain(events, columns), places)
    features = [
        _feature(float(r["lon"]), float(r["lat"]), {**{c: r[c] for c in columns}, "geo_precision": r["geo_precision"]})
        for r in rows.to_dict("records")
    ]
    return _collection("karabakh-atlas-events", sentence, permalink, features, version)


def incursions_geojson(
    incursions: pd.DataFrame, places: pd.DataFrame, sentence: str, permalink: str, version: str = __version__
) -> bytes:
    """Points of the border incursions, each with its dates, figures, confidence and sources."""
    columns = INCURSIONS.column_names
    rows = _located(_plain(incursions, columns), places)
    features = [
        _feature(float(r["lon"]), float(r["lat"]), {**{c: r[c] for c in columns}, "geo_precision": r["geo_precision"]})
        for r in rows.to_dict("records")
    ]
    return _collection("karabakh-atlas-incursions", sentence, permalink, features, version)
