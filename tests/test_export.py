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


def _csv_rows(payload: bytes) -> tuple[list[str], list[dict]]:
    text = payload.decode("utf-8-sig")
    comments = [line for line in text.splitlines() if line.startswith("# ")]
    body = "\n".join(line for line in text.splitlines() if not line.startswith("# "))
    return comments, list(csv.DictReader(io.StringIO(body)))


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_triggers_are_prefixed_in_text_columns_only(trigger):
    frame = pd.DataFrame({"text": [f"{trigger}HYPERLINK(1)", "plain"], "lon": [-46.5, 46.5]})
    safe = formula_safe(frame)
    assert safe["text"].tolist() == [f"'{trigger}HYPERLINK(1)", "plain"]
    assert safe["lon"].tolist() == [-46.5, 46.5]  # numbers untouched


def test_csv_has_exactly_the_filtered_rows_and_its_context(dataset):
    filtered = apply_filters(dataset.events, FilterState(categories=("prisoners", "humanitarian")))
    comments, rows = _csv_rows(events_csv(filtered, dataset["sources"], "2 of 4 events"))
    assert [r["event_id"] for r in rows] == filtered["event_id"].tolist()
    assert rows[1]["title_fr"] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[0]["date_start"] == "1988-02-27"
    assert any(__version__ in c for c in comments) and "# 2 of 4 events" in comments
    assert any(c.startswith("# W-SUMGAIT:") for c in comments) and not any("UNSC-822" in c for c in comments)


def test_json_carries_description_version_and_cited_sources(dataset):
    filtered = apply_filters(dataset.events, FilterState(categories=("humanitarian",)))
    payload = json.loads(events_json(filtered, dataset["sources"], "1 of 4 events"))
    assert payload["description"] == "1 of 4 events" and payload["dataset_version"] == __version__
    assert [e["event_id"] for e in payload["events"]] == ["EV-0001"]
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
    _, rows = _csv_rows(table_csv(frame, "series"))
    assert rows == [{"note": "'=1+1", "held_total": "23"}]
