"""apply_filters returns chronological rows whether or not its input was already in order (the benchmark found:
the loaded events are sorted once, so a rerun skips the sort that cost about a second at a million rows)."""

from datetime import date

import pandas as pd
import pytest

from atlas.filters import FilterState, apply_filters, is_chronological
from atlas.load import load_dataset
from devtools.synthetic import generate

STATES = [
    FilterState(),
    FilterState(categories=("military", "prisoners")),
    FilterState(date_from=date(1990, 1, 1), date_to=date(2020, 12, 31)),
    FilterState(query="exchange"),
]


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> pd.DataFrame:
    return load_dataset(generate(tmp_path_factory.mktemp("synthetic"), 600)).events


def _slow(events: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """The definition: the passing rows sorted by date, then id."""
    from atlas.filters import filter_mask

    return events.loc[filter_mask(events, state)].sort_values(["date_start", "event_id"], kind="stable")


def test_loaded_events_are_chronological(events):
    assert is_chronological(events)
    assert events["event_id"].tolist() == events.sort_values(["date_start", "event_id"])["event_id"].tolist()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("seed", [0, 1])
def test_same_rows_in_the_same_order_from_shuffled_input(events, state, seed):
    shuffled = events.sample(frac=1, random_state=seed)
    assert not is_chronological(shuffled)
    expected = _slow(events, state)["event_id"].tolist()
    assert apply_filters(shuffled, state)["event_id"].tolist() == expected
    assert apply_filters(events, state)["event_id"].tolist() == expected


def test_ties_on_the_date_are_ordered_by_id():
    frame = pd.DataFrame(
        {"date_start": pd.to_datetime(["2020-01-01", "2020-01-01", "2020-01-02"]), "event_id": ["B", "A", "C"]}
    )
    assert not is_chronological(frame)
    assert is_chronological(frame.sort_values(["date_start", "event_id"]))


def test_changing_the_result_leaves_the_shared_dataset_alone(events):
    before = events["title_en"].copy()
    shown = apply_filters(events, FilterState())
    shown.loc[shown.index[0], "title_en"] = "changed"
    shown["extra"] = 1
    assert events["title_en"].equals(before)
    assert "extra" not in events
