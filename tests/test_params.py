"""The parameter registry: every value a link can carry is read without raising, and whatever is not used as
given comes with a notice naming it (dates clamped to 1918-2026, unreadable numbers, unknown choices)."""

from dataclasses import fields
from datetime import date

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.filters import FilterState, apply_filters, describe, filter_mask
from atlas.params import FILTERS, PARAMS, VIEW_PARAMS, ViewState, filters_from_step, in_order, read_params, to_params


def _notices(params: dict) -> list[str]:
    return [n.text("en") for n in read_params(params)[1]]


def test_dates_outside_the_dataset_are_clamped_and_named():
    view, notices = read_params({"from": "1900-01-01"})
    assert view.filters.date_from is None
    assert [n.text("en") for n in notices] == [
        "this link's start date 1900-01-01 is outside 1918–2026; showing from 1918"
    ]
    assert read_params({"to": "2099-12-31"})[0].filters.date_to is None
    assert "showing until 2026" in _notices({"to": "2099-12-31"})[0]
    assert read_params({"from": "2099-01-01"})[0].filters.date_from == date(2026, 12, 31)
    assert read_params({"to": "0001-01-01"})[0].filters.date_to == date(1918, 1, 1)


def test_repeated_keys_use_the_first_value_and_say_so():
    view, notices = read_params({"from": ["2020-01-01", "1900-01-01"]})
    assert view.filters.date_from == date(2020, 1, 1)
    assert "more than once" in notices[0].text("en")
    assert read_params({"from": ["2020-01-01", "2020-01-01"]})[1] == []


def test_numbers_python_would_accept_but_a_link_should_not():
    for text in ("²", "٣", "1" * 5000, "-3", "1e3", " "):
        view, notices = read_params({"year": text, "idle": text, "autoplay": text})
        assert (view.year, view.idle, view.autoplay) == (0, 0, 0)
        assert len(notices) == (0 if text == " " else 3)
    assert "could not be read" in _notices({"step": "²"})[0]


def test_a_step_past_any_story_is_kept_large_so_the_page_shows_the_last_step():
    # step=999 and step=1000000000 behave alike: both past the end (the stories page clamps and says so)
    assert read_params({"step": "999"})[0].step == 999
    assert read_params({"step": "1000000000"})[0].step == read_params({"step": "9" * 50})[0].step > 999


def test_unknown_language_year_and_choices_are_named():
    assert read_params({"lang": "zz"})[0].lang == "en"
    assert "language “zz”" in _notices({"lang": "zz"})[0]
    assert "year 2027 is outside 1918–2026" in _notices({"year": "2027"})[0]
    view, notices = read_params({"cat": "bogus,prisoners"})
    assert view.filters.categories == ("prisoners",) and "“bogus”" in notices[0].text("en")


def test_from_after_to_is_named_and_shown_in_order():
    view, notices = read_params({"from": "2000-01-01", "to": "1990-01-01"})
    assert "swapped" in notices[0].text("en")
    assert in_order(view.filters) == FilterState(date_from=date(1990, 1, 1), date_to=date(2000, 1, 1))


def test_notices_are_translated():
    for lang in ("fr", "hy"):
        text = read_params({"from": "1900-01-01"})[1][0].text(lang)
        assert "1900-01-01" in text and "notice." not in text and "{" not in text


def test_every_parameter_has_a_name_in_every_language():
    from atlas.i18n import LANGUAGES, strings

    for lang in LANGUAGES:
        assert {f"param.{p.key}" for p in PARAMS} <= set(strings(lang))


def test_registry_builds_the_state_classes():
    assert [p.field for p in FILTERS] == [f.name for f in fields(FilterState)]
    assert {p.field for p in VIEW_PARAMS} | {"filters"} == set(ViewState.__dataclass_fields__)
    assert len({p.key for p in PARAMS}) == len(PARAMS)


EVENTS = pd.DataFrame(
    {
        "event_id": ["A", "B", "C"],
        "date_start": pd.to_datetime(["1990-01-01", "2000-01-01", "2020-01-01"]),
        "date_end": pd.to_datetime(["1990-01-01", "2000-01-01", "2020-01-01"]),
        "graphic": [True, False, True],
    }
)


def test_the_new_filter_graphic_only_narrows_describes_and_round_trips():
    state = FilterState(graphic_only=True)
    assert apply_filters(EVENTS, state)["event_id"].tolist() == ["A", "C"]
    assert describe(state, "en", 2, 3) == "2 of 3 events — only events with graphic details."
    assert read_params(to_params(ViewState(filters=state)))[0].filters == state
    assert filter_mask(EVENTS, FilterState()).all()


def test_story_step_filters_read_as_a_permalink():
    state, notices = filters_from_step({"cat": "prisoners", "from": "2020-01-01"})
    assert state == FilterState(categories=("prisoners",), date_from=date(2020, 1, 1)) and notices == []
    assert filters_from_step({"cat": "nope"})[1]


# Values of every kind a hand-edited or hostile link carries, for every declared parameter.
hostile = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["²", "٣", "-1", "0", "1", "999999999999999999999", "1" * 5000, "true", "yes", ""]),
    st.dates().map(date.isoformat),
    st.integers(-(10**30), 10**30).map(str),
    st.lists(st.sampled_from(["prisoners", "military", "x", "", " ", "EV-0001"]), max_size=4).map(",".join),
)
links = st.dictionaries(st.sampled_from([p.key for p in PARAMS]), hostile | st.lists(hostile, min_size=1, max_size=3))


@settings(max_examples=400)
@given(links)
def test_any_link_reads_without_raising_and_names_what_it_left_out(params):
    view, notices = read_params(params)
    named = {n.param for n in notices}
    written = to_params(view)  # what the view will keep in the address
    for key, value in params.items():
        first = value[0] if isinstance(value, list) else value
        if first.strip() and key not in written and key not in named:
            # not used and not named: only a value that means "the default" may pass silently
            param = next(p for p in PARAMS if p.key == key)
            assert param.decode(first)[0] in (param.default, None) or first.strip() in ("0", "false")


def test_presentation_mode_is_classroom_safe_unless_the_link_turns_it_off():
    assert read_params({"present": "1"})[0].classroom is True
    assert read_params({"present": "1", "classroom": "0"})[0].classroom is False
    assert read_params({})[0].classroom is False  # outside a presentation, off unless asked
    # a presenter who turned it off keeps it off in the link they share
    shown = ViewState(present=True, classroom=False)
    assert to_params(shown)["classroom"] == "0"
    assert read_params(to_params(shown))[0] == shown
    assert "classroom" not in to_params(ViewState(present=False, classroom=False))


def test_era_focus_is_read_from_a_link_and_an_unknown_era_is_named():
    assert read_params({"focus": "second_war_2020"})[0].focus == "second_war_2020"
    assert to_params(ViewState(focus="second_war_2020")) == {"focus": "second_war_2020"}
    view, notices = read_params({"focus": "atlantis"})
    assert view.focus == "" and "“atlantis”" in notices[0].text("en")
