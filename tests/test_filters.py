"""apply_filters and describe: inclusive bounds, imprecise dates at the edges, search in two languages."""

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.filters import FilterState, apply_filters, describe
from atlas.load import load_dataset
from tests.conftest import MINI


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return load_dataset(MINI).events


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["event_id"].tolist()


def test_no_filter_keeps_everything_in_date_order(events):
    assert ids(apply_filters(events, FilterState())) == ["EV-0003", "EV-0001", "EV-0002", "EV-0004"]


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        (date(1988, 3, 1), None, ["EV-0001", "EV-0002", "EV-0004"]),  # last day of a multi-day event: inclusive
        (date(1988, 3, 2), None, ["EV-0002", "EV-0004"]),
        (None, date(1988, 2, 27), ["EV-0003", "EV-0001"]),  # first day: inclusive
        (None, date(1988, 2, 26), ["EV-0003"]),
        # May 1918 is known only to the month: any day in May keeps it, 1 June does not.
        (date(1918, 5, 31), date(1918, 5, 31), ["EV-0003"]),
        (date(1918, 6, 1), date(1920, 1, 1), []),
        # 2021 is known only to the year: a range ending on 1 January 2021 still reaches it.
        (date(2000, 1, 1), date(2021, 1, 1), ["EV-0004"]),
    ],
)
def test_date_bounds_are_inclusive_and_test_overlap(events, date_from, date_to, expected):
    assert ids(apply_filters(events, FilterState(date_from=date_from, date_to=date_to))) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sumgait", ["EV-0001"]),
        ("Soumgaït", ["EV-0001"]),  # French title
        ("soumgait", ["EV-0001"]),  # accents folded
        ("retrait kelbadjar", ["EV-0002"]),  # French summary, every word must match
        ("Սումգայիթ", ["EV-0001"]),  # Armenian title
        ("nowhere", []),
    ],
)
def test_search_covers_titles_and_summaries_in_both_languages(events, query, expected):
    assert ids(apply_filters(events, FilterState(query=query))) == expected


def test_list_and_flag_filters(events):
    assert ids(apply_filters(events, FilterState(tags=("un",)))) == ["EV-0002"]
    assert ids(apply_filters(events, FilterState(tags=("civilians", "un")))) == ["EV-0001", "EV-0002"]
    assert ids(apply_filters(events, FilterState(source_types=("campaign",)))) == ["EV-0003"]
    assert ids(apply_filters(events, FilterState(independent_only=True))) == ["EV-0001", "EV-0002", "EV-0004"]
    assert ids(apply_filters(events, FilterState(confidence=("contested",)))) == ["EV-0001"]
    assert ids(apply_filters(events, FilterState(eras=("movement_1988",)))) == ["EV-0001"]
    assert ids(apply_filters(events, FilterState(places=("PL-KALBAJAR",)))) == ["EV-0002"]


def test_tag_match_is_whole_item_not_substring(events):
    assert ids(apply_filters(events, FilterState(tags=("civil",)))) == []


@settings(max_examples=80, deadline=None)
@given(
    date_from=st.none() | st.dates(date(1915, 1, 1), date(2030, 1, 1)),
    date_to=st.none() | st.dates(date(1915, 1, 1), date(2030, 1, 1)),
    categories=st.lists(st.sampled_from(["political", "diplomatic", "humanitarian", "prisoners"]), max_size=3),
    query=st.text(max_size=6),
)
def test_filters_only_narrow_and_never_mutate(events, date_from, date_to, categories, query):
    before = events.copy()
    state = FilterState(date_from=date_from, date_to=date_to, categories=tuple(categories), query=query)
    result = apply_filters(events, state)
    pd.testing.assert_frame_equal(events, before)
    assert set(ids(result)) <= set(ids(events))
    # Adding a restriction never adds rows.
    assert set(ids(apply_filters(events, FilterState(categories=tuple(categories), query=query)))) >= set(ids(result))


def test_describe_in_each_language():
    state = FilterState(date_from=date(2021, 1, 1), date_to=date(2023, 12, 31), categories=("prisoners",))
    assert (
        describe(state, "en", 12, 240) == "12 of 240 events — between 2021-01-01 and 2023-12-31; categories: Prisoners."
    )
    assert describe(state, "fr", 1200, 2400).startswith("1\u202f200 événements sur 2\u202f400") or describe(
        state, "fr", 1200, 2400
    ).startswith("1 200 événements sur 2 400")
    assert describe(FilterState(), "hy", 3, 3).endswith("։")
    assert "independent" in describe(FilterState(independent_only=True), "en", 1, 2)
