"""The bundled dataset: zero problems, every reference resolves, precision and privacy rules hold."""

import re

import pandas as pd
import pytest

from atlas.load import load_dataset
from atlas.schema import LIST_SEPARATOR
from atlas.stats import citation_counts, independent_share
from atlas.validate import REGION_LAT, REGION_LON
from tests.conftest import DATA


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA)


def test_bundled_data_has_no_problems(dataset):
    assert [str(p) for p in dataset.problems] == []


def test_enough_events_in_every_era(dataset):
    events = dataset.events
    assert len(events) >= 320
    assert (events.groupby("era").size() >= 3).all()
    assert set(events["era"]) == {e for e in events["era"].unique() if e}  # no event outside the eras


def test_most_events_have_an_independent_source(dataset):
    assert independent_share(dataset.events) >= 0.60


def test_every_event_is_told_in_all_three_languages(dataset):
    events = dataset.events
    for column in ("title_fr", "title_hy", "summary_fr", "summary_hy"):
        assert list(events.loc[events[column].str.strip() == "", "event_id"]) == [], column


# Kinds of source that report or document an event themselves, rather than summarise others' reporting.
REPORTING_TYPES = {"press", "ngo", "intergovernmental", "court", "academic", "print"}


def test_no_confirmed_event_rests_on_an_encyclopedia_and_one_side_alone(dataset):
    types = dataset.tables["sources"].set_index("source_id")["type"]
    confirmed = dataset.events[dataset.events["confidence"] == "confirmed"]
    weak = [
        row.event_id
        for row in confirmed.itertuples()
        if "encyclopedia" in (cited := {types[i] for i in row.source_ids.split(LIST_SEPARATOR) if i})
        and not cited & REPORTING_TYPES
    ]
    assert weak == [], "cite the reporting or the document itself, or lower the confidence"


def test_every_cited_id_resolves(dataset):
    known = set(dataset["sources"]["source_id"])
    for name in ("events", "prisoner_counts", "incursions", "detainees", "detainee_status", "sponsors"):
        cited = {i for cell in dataset[name]["source_ids"] for i in str(cell).split(LIST_SEPARATOR) if i}
        assert cited <= known, name
    assert set(dataset["claims"]["source_id"]) <= known
    assert set(dataset["claims"]["event_id"]) <= set(dataset.events["event_id"])


def test_every_source_is_cited_by_some_row(dataset):
    """No orphan sources: each document listed is what some event, claim, count, person or coordinate cites."""
    every_table, events_only = citation_counts(dataset), citation_counts(dataset, ("events",))
    sources = dataset.tables["sources"]["source_id"]
    assert set(sources) == set(every_table.index)
    assert (every_table.reindex(events_only.index) >= events_only).all()
    assert every_table.sum() > events_only.sum()  # claims, counts and coordinates cite sources too


def test_dates_lie_in_the_dataset_span(dataset):
    for name in ("events", "prisoner_counts", "incursions", "detainee_status"):
        frame = dataset[name]
        assert (frame["date_start"] >= pd.Timestamp("1918-01-01")).all()
        assert (frame["date_end"] <= pd.Timestamp("2026-12-31")).all()
        assert (frame["date_start"] <= frame["date_end"]).all()


def test_coordinates_lie_in_the_region_unless_marked(dataset):
    places = dataset["places"].dropna(subset=["lat", "lon"])
    inside = places["lat"].between(*REGION_LAT) & places["lon"].between(*REGION_LON)
    assert (inside | places["outside_region"]).all()
    assert len(places.loc[~inside]) >= 1  # Paris, Bishkek... exist and are marked


def test_contested_events_have_competing_claims(dataset):
    contested = set(dataset.events.loc[dataset.events["confidence"] == "contested", "event_id"])
    claims = dataset["claims"]
    with_two_values = set(claims.groupby("event_id").filter(lambda g: g["value"].nunique() >= 2)["event_id"])
    assert contested <= with_two_values


def test_no_contact_details_anywhere_in_the_data():
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    phone = re.compile(r"\+\d[\d .()-]{7,}\d")
    for path in DATA.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        assert not email.search(text), path.name
        assert not phone.search(text), path.name
