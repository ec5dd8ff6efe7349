"""Exports hold exactly the filtered rows, neutralise formulas in text only, and escape TimelineJS text."""

import csv
import io
import json

import pandas as pd
import pytest

from atlas import __version__
from atlas.export import events_csv, events_json, events_timelinejs, formula_safe, table_csv
from atlas.filters import FilterState, apply_filters
from atlas.load import load_dataset
from tests.conftest import MINI


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(MINI)


def _csv_rows(payload: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(payload.decode("utf-8"))))


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_triggers_are_prefixed_in_text_columns_only(trigger):
    frame = pd.DataFrame({"text": [f"{trigger}HYPERLINK(1)", "plain"], "lon": [-46.5, 46.5]})
    safe = formula_safe(frame)
    assert safe["text"].tolist() == [f"'{trigger}HYPERLINK(1)", "plain"]
    assert safe["lon"].tolist() == [-46.5, 46.5]  # numbers untouched


def test_csv_has_exactly_the_filtered_rows_and_nothing_else(dataset):
    filtered = apply_filters(dataset.events, FilterState(categories=("prisoners", "humanitarian")))
    payload = events_csv(filtered)
    assert not payload.startswith(b"\xef\xbb\xbf") and b"\n#" not in payload and not payload.startswith(b"#")
    assert payload.decode("utf-8").splitlines()[0].startswith("event_id,date_start,")
    rows = _csv_rows(payload)
    assert [r["event_id"] for r in rows] == filtered["event_id"].tolist()
    assert rows[1]["title_fr"] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[0]["date_start"] == "1988-02-27"
    assert rows[0]["killed_best"] == "32" and rows[0]["graphic"] == "true"  # as the data files write them


def test_json_carries_description_version_and_cited_sources(dataset):
    filtered = apply_filters(dataset.events, FilterState(categories=("humanitarian",)))
    payload = json.loads(events_json(filtered, dataset["sources"], "1 of 4 events", dataset["claims"]))
    assert payload["description"] == "1 of 4 events" and payload["dataset_version"] == __version__
    assert [e["event_id"] for e in payload["events"]] == ["EV-0001"]
    # Who says what travels with the export: both published death tolls, each with its claimant and source.
    assert [(c["value"], c["claimant"]) for c in payload["claims"]] == [
        ("32", "USSR Prosecutor General"),
        ("more than 200", "Armenian sources"),
    ]
    assert [s["source_id"] for s in payload["sources"]] == ["W-SUMGAIT"]


def test_timelinejs_escapes_html_and_keeps_precision(dataset):
    payload = json.loads(events_timelinejs(dataset.events, dataset["sources"], "all <b>", "en"))
    text = json.dumps(payload)
    assert "<img" not in text and "<script" not in text and "&lt;img src=x" in text
    slides = {s["unique_id"]: s for s in payload["events"]}
    assert slides["EV-0003"]["start_date"] == {"year": 1918, "month": 5}  # month precision: no invented day
    assert slides["EV-0004"]["start_date"] == {"year": 2021}
    assert slides["EV-0001"]["end_date"] == {"year": 1988, "month": 3, "day": 1}
    assert 'href="https://en.wikipedia.org/wiki/Sumgait_pogrom"' in slides["EV-0001"]["text"]["text"]


def test_table_csv_is_formula_safe():
    frame = pd.DataFrame({"note": ["=1+1"], "held_total": [23]})
    rows = _csv_rows(table_csv(frame))
    assert rows == [{"note": "'=1+1", "held_total": "23"}]
