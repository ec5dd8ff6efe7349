"""Publishing a view: plain CSV that pandas opens as is, the data package (validated with frictionless), GeoJSON,
citations, the chart footer, dataset versions and renamed ids. No file ever holds a live spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
from frictionless import Package, validate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas import __version__
from atlas.cite import (
    Citation,
    add_footer,
    bibtex,
    csl_json,
    footer_line,
    iframe_snippet,
    long_citation,
    page_address,
    permalink,
    short_citation,
)
from atlas.export import EXPORT_COLUMNS, _plain, events_csv, formula_safe, table_csv
from atlas.figures import timeline_figure
from atlas.filters import FilterState, apply_filters, describe
from atlas.load import load_dataset
from atlas.package import data_package_zip, events_geojson, incursions_geojson
from atlas.safe import neutralise_formula
from atlas.versions import changes_since, read_manifest, resolve, row_hashes, write_manifest
from tests.conftest import DATA, MINI

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0"]
LINK = "http://127.0.0.1:8501/timeline?cat=prisoners&v=0.1.0"


@pytest.fixture(scope="module")
def real():
    return load_dataset(DATA)


@pytest.fixture(scope="module")
def mini():
    return load_dataset(MINI)


def _hostile(dataset, text: str) -> pd.DataFrame:
    events = dataset.events.copy()
    for column in ("title_en", "title_fr", "summary_en", "date_display", "tags"):
        events[column] = text
    return events


# --- CSV: plain, round-trips through pandas with default options -----------------------------------------


def _expected(events: pd.DataFrame) -> pd.DataFrame:
    """What the filtered rows look like once a reader has parsed them (text cells neutralised)."""
    return formula_safe(_plain(events, EXPORT_COLUMNS))


@pytest.mark.parametrize("categories", [(), ("prisoners",), ("humanitarian", "military")])
def test_csv_round_trips_through_pandas_with_default_options(real, categories):
    filtered = apply_filters(real.events, FilterState(categories=categories))
    payload = events_csv(filtered)
    assert not payload.startswith(b"\xef\xbb\xbf") and not payload.startswith(b"#")
    assert payload.count(b"\r\n") >= len(filtered) + 1  # RFC 4180 line ends
    read = pd.read_csv(io.BytesIO(payload))  # no option at all
    expected = _expected(filtered).reset_index(drop=True)
    assert list(read.columns) == EXPORT_COLUMNS and len(read) == len(filtered)
    for column in EXPORT_COLUMNS:
        want, got = expected[column], read[column]
        if pd.api.types.is_bool_dtype(want):
            assert got.tolist() == want.tolist(), column
        elif pd.api.types.is_numeric_dtype(want):
            assert got.astype("Float64").equals(want.astype("Float64")), column
        else:  # text, dates; a column empty in every row reads back as missing values
            got, want = got.astype(object).where(got.notna(), ""), want.astype(object).where(want.notna(), "")
            assert got.astype(str).tolist() == want.astype(str).tolist(), column


def test_csv_opens_in_the_stdlib_reader_as_excel_would(real):
    rows = list(csv.reader(io.StringIO(events_csv(real.events).decode("utf-8"))))
    assert rows[0] == EXPORT_COLUMNS and len(rows) == len(real.events) + 1
    assert all(len(r) == len(EXPORT_COLUMNS) for r in rows)  # quoted commas and newlines stay in their cell


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from("=+-@\t\r\n,\";'A1 ()|!é՝"), min_size=1, max_size=12))
def test_no_cell_of_the_csv_starts_a_formula(mini, text):
    events = _hostile(mini, text)
    rows = list(csv.reader(io.StringIO(events_csv(events).decode("utf-8"), newline="")))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(TRIGGERS), cell
    read = pd.read_csv(io.BytesIO(events_csv(events)), keep_default_na=False, dtype=str)
    assert (read["title_en"] == neutralise_formula(text)).all()


def test_table_csv_is_plain_and_safe():
    payload = table_csv(pd.DataFrame({"note": HOSTILE, "held": range(len(HOSTILE))}))
    read = pd.read_csv(io.BytesIO(payload))
    assert read["note"].tolist() == ["'" + h for h in HOSTILE]


# --- data package ------------------------------------------------------------------------------------------


def _package(dataset, events, sentence, tmp_path):
    path = tmp_path / "view.zip"
    path.write_bytes(data_package_zip(events, dataset.tables, sentence, LINK, date(2026, 12, 1)))
    return path


def test_data_package_of_a_filtered_view_validates_with_frictionless(real, tmp_path):
    filtered = apply_filters(real.events, FilterState(categories=("humanitarian",)))
    sentence = describe(FilterState(categories=("humanitarian",)), "en", len(filtered), len(real.events))
    path = _package(real, filtered, sentence, tmp_path)
    report = validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:5]
    package = Package(str(path))
    assert package.description == sentence and package.homepage == LINK and package.version == __version__
    assert package.licenses[0]["name"] == "CC-BY-4.0"
    names = {r.name: r for r in package.resources}
    assert set(names) == {"events", "claims", "places", "sources"}
    events = names["events"].read_rows()
    assert [r["event_id"] for r in events] == filtered["event_id"].tolist()
    claims = names["claims"].read_rows()
    shown_claims = real["claims"].loc[real["claims"]["event_id"].isin(filtered["event_id"])]
    assert len(claims) == len(shown_claims) > 0  # the contested values travel with their events
    assert {r["event_id"] for r in claims} <= set(filtered["event_id"])


def test_data_package_with_hostile_text_validates_and_holds_no_formula(mini, tmp_path):
    for text in HOSTILE:
        path = _package(mini, _hostile(mini, text), text, tmp_path)
        report = validate(str(path))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:5]
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                body = archive.read(name).decode("utf-8")
                if name.endswith(".csv"):
                    cells = [c for row in csv.reader(io.StringIO(body, newline="")) for c in row]
                    assert not any(c.startswith(TRIGGERS) for c in cells), name
                else:
                    descriptor = json.loads(body)
                    assert not descriptor["description"].startswith(TRIGGERS)


# --- GeoJSON -----------------------------------------------------------------------------------------------


def test_events_geojson_opens_in_geopandas_with_every_located_event(real):
    filtered = apply_filters(real.events, FilterState(categories=("military",)))
    payload = events_geojson(filtered, real["places"], "military events", LINK)
    frame = gpd.read_file(io.BytesIO(payload))
    located = real["places"].dropna(subset=["lat", "lon"])["place_id"]
    expected = filtered.loc[filtered["place_id"].isin(located), "event_id"].tolist()
    assert frame["event_id"].tolist() == expected and len(expected) > 0
    assert frame.crs.to_epsg() == 4326
    place = real["places"].set_index("place_id").loc[filtered.iloc[0]["place_id"]]
    first = json.loads(payload)["features"][0]["geometry"]["coordinates"]
    if filtered.iloc[0]["event_id"] == expected[0]:
        assert first == [place["lon"], place["lat"]]  # GeoJSON is lon, lat


def test_incursions_geojson_and_hostile_properties(real, mini):
    payload = json.loads(incursions_geojson(real["incursions"], real["places"], "incursions", LINK))
    assert len(payload["features"]) > 0 and payload["licence"] == "CC-BY-4.0"
    assert {"incursion_id", "confidence", "source_ids"} <= set(payload["features"][0]["properties"])
    hostile = json.loads(events_geojson(_hostile(mini, "=1+1"), mini["places"], "=1+1", LINK))
    assert hostile["description"] == "'=1+1"
    assert all(f["properties"]["title_en"] == "'=1+1" for f in hostile["features"])


# --- citations ---------------------------------------------------------------------------------------------


def _citation(**changes) -> Citation:
    values = dict(
        title="Timeline",
        sentence="12 of 249 events — categories: Prisoners.",
        permalink=permalink("http://127.0.0.1:8501/timeline", {"cat": "prisoners", "v": "0.0.1"}),
        accessed=date(2026, 12, 1),
        publishers=("Human Rights Watch", "Azerbaijan's Ministry of Defence"),
        bodies=("ICRC", "Armenian government"),
    )
    return Citation(**{**values, **changes})


def test_permalink_is_absolute_and_pins_the_current_version():
    link = permalink("http://127.0.0.1:8501/map?old=1#x", {"cat": "prisoners", "v": "0.0.1", "embedded": "1"})
    assert link == f"http://127.0.0.1:8501/map?cat=prisoners&v={__version__}"
    embed = permalink("https://atlas.example/", {"lang": "fr"}, embed=True)
    assert embed == f"https://atlas.example/?lang=fr&v={__version__}&embedded=1&embed=true"
    assert page_address("javascript:alert(1)") == page_address(None) == "http://localhost:8501/"


def test_short_and_long_citations_name_everything_a_reader_needs():
    c = _citation()
    short, long = short_citation(c), long_citation(c)
    for part in ("Karabakh Atlas", __version__, "CC BY 4.0", c.permalink, "2026-12-01"):
        assert part in short and part in long
    assert c.sentence in long and "Human Rights Watch" in long and "ICRC, Armenian government" in long
    fr = long_citation(_citation(lang="fr"))
    assert "consulté le 2026-12-01" in fr and "Sources originales de ce qui est montré\u00a0:" in fr
    many = long_citation(_citation(publishers=tuple(f"P{i}" for i in range(30))))
    assert "P11" in many and "P12" not in many and "and 18 more" in many


@settings(max_examples=60, deadline=None)
@given(title=st.text(min_size=1, max_size=30), sentence=st.text(max_size=40))
def test_bibtex_fields_cannot_close_their_braces(title, sentence):
    entry = bibtex(_citation(title=title, sentence=sentence))
    body = entry[entry.index(",\n") :]
    depth = 0
    for i, char in enumerate(body):
        if char in "{}" and (i == 0 or body[i - 1] != "\\"):
            depth += 1 if char == "{" else -1
            assert depth >= 0 or i == len(body.rstrip()) - 1  # only the entry's own closing brace goes below 0
    assert depth == -1
    assert entry.startswith("@misc{karabakh_atlas_")


def test_csl_json_is_a_dataset_item():
    item = json.loads(csl_json(_citation()))[0]
    assert item["type"] == "dataset" and item["URL"].startswith("http://127.0.0.1:8501/timeline?")
    assert item["accessed"] == {"date-parts": [[2026, 12, 1]]} and item["version"] == __version__
    assert "CC BY 4.0" in item["license"] and "ICRC" in item["note"]


def test_iframe_snippet_escapes_and_carries_its_accessible_name():
    snippet = iframe_snippet('http://x/?q="><script>', 'Atlas "<b>"', 600)
    assert "<script>" not in snippet and "&quot;&gt;&lt;script&gt;" in snippet
    assert 'title="Atlas &quot;&lt;b&gt;&quot;"' in snippet and 'aria-label="Atlas' in snippet
    assert 'loading="lazy"' in snippet and 'height="600"' in snippet


# --- the footer every saved chart carries -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr", "hy"])
def test_chart_footer_names_source_version_licence_and_link(mini, lang):
    line = footer_line("http://127.0.0.1:8501/timeline?cat=x", lang)
    assert "Karabakh Atlas" in line and __version__ in line and "CC BY 4.0" in line
    assert line.endswith("127.0.0.1:8501/timeline")
    fig = add_footer(timeline_figure(mini.events, lang, "sentence"), line, 135)
    footers = [a for a in fig.layout.annotations if a.name == "footer"]
    assert len(footers) == 1 and footers[0].text.replace("<br>", " · ") == line and fig.layout.margin.b == 135
    assert footers[0].yshift < 0  # under the plotting area, where the saved PNG keeps it


# --- versions and renamed ids -------------------------------------------------------------------------------


def test_the_released_version_is_recorded():
    recorded = read_manifest(DATA, __version__)
    hint = "data changed since data/versions was written: run `python -m atlas versions` (or bump the version)"
    assert recorded is not None, hint
    assert recorded == row_hashes(DATA), hint


def test_changes_since_an_older_version(mini_dir):
    write_manifest(mini_dir, "0.0.9")
    events = (mini_dir / "events.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in events if not line.startswith("EV-0002,")]
    kept = [line.replace("Sumgait pogrom", "Sumgait pogrom (1988)") for line in kept]
    kept.append(kept[-1].replace("EV-0004", "EV-0005", 1))
    (mini_dir / "events.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    changes = changes_since(read_manifest(mini_dir, "0.0.9"), row_hashes(mini_dir))
    assert set(changes) == {"events"}
    assert changes["events"].added == ("EV-0005",)
    assert changes["events"].removed == ("EV-0002",)
    assert changes["events"].edited == ("EV-0001",)


def test_a_version_is_never_a_path(mini_dir):
    for bad in ("../events", "0.1.0/../../x", "", "1.2"):
        assert read_manifest(mini_dir, bad) is None
    with pytest.raises(ValueError):
        write_manifest(mini_dir, "../../escape")


def test_redirects_follow_chains_and_stop_on_cycles():
    assert resolve("EV-1", {"EV-1": "EV-2", "EV-2": "EV-3"}) == "EV-3"
    assert resolve("EV-1", {"EV-1": "EV-2", "EV-2": "EV-1"}) == "EV-2"
    assert resolve("EV-9", {"EV-1": "EV-2"}) == "EV-9"


def test_bundled_redirects_point_at_existing_ids(real):
    rows = list(csv.DictReader(open(DATA / "redirects.csv", encoding="utf-8")))
    known = set(real.events["event_id"]) | set(real["places"]["place_id"])
    assert all(r["new_id"] in known for r in rows)
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
