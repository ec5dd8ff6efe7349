"""Permalinks: state -> params -> state round-trips; unknown and invalid params are dropped."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from atlas.filters import FilterState
from atlas.params import ViewState, from_params, to_params
from atlas.schema import CATEGORIES, CONFIDENCE_LEVELS, ERAS, SOURCE_TYPES

words = st.text(alphabet="abcdefghij-", min_size=1, max_size=8)
states = st.builds(
    FilterState,
    date_from=st.none() | st.dates(date(1918, 1, 1), date(2026, 12, 31)),
    date_to=st.none() | st.dates(date(1918, 1, 1), date(2026, 12, 31)),
    eras=st.lists(st.sampled_from([e[0] for e in ERAS]), unique=True).map(tuple),
    categories=st.lists(st.sampled_from(CATEGORIES), unique=True).map(tuple),
    tags=st.lists(words, unique=True, max_size=3).map(tuple),
    places=st.lists(words, unique=True, max_size=3).map(tuple),
    source_types=st.lists(st.sampled_from(SOURCE_TYPES), unique=True).map(tuple),
    confidence=st.lists(st.sampled_from(CONFIDENCE_LEVELS), unique=True).map(tuple),
    independent_only=st.booleans(),
    query=st.text(alphabet="abc éա", max_size=10).map(str.strip),
)


views = st.builds(
    ViewState,
    filters=states,
    lang=st.sampled_from(["en", "fr", "hy"]),
    event=st.sampled_from(["", "EV-0001"]),
    classroom=st.booleans(),
    present=st.booleans(),
    story=st.sampled_from(["", "origins"]),
    step=st.integers(0, 40),
    autoplay=st.integers(0, 600),
    idle=st.integers(0, 600),
    graphic=st.booleans(),
    map_mode=st.sampled_from(["", "incursions", "borders", "events"]),
    month=st.sampled_from(["", "2021-05", "2022-09"]),
    year=st.sampled_from([0, 1923, 1994, 2021]),
)


@given(views)
def test_round_trip(view):
    assert from_params(to_params(view)) == view


def test_defaults_are_omitted():
    assert to_params(ViewState()) == {}


def test_unknown_and_invalid_values_are_ignored():
    view = from_params({"cat": "bogus,prisoners", "from": "1988-13-40", "lang": "de", "utm_source": "x", "era": "no"})
    assert view == ViewState(filters=FilterState(categories=("prisoners",)))
    assert from_params({"step": "-3", "autoplay": "9999999", "idle": "x", "present": "yes"}) == ViewState()
    assert from_params({"map_mode": "tiles", "month": "2021-13", "year": "1800"}) == ViewState()
