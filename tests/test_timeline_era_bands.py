"""The timeline's era bands (added in one update_layout, which the benchmark showed is faster): one shaded band and one
label per era in view, in the right place, the selected event's line kept on top of them."""

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from atlas.figures import LABEL_CHAR_PX, era_label_texts, timeline_figure
from atlas.filters import FilterState, apply_filters
from atlas.load import load_dataset
from atlas.schema import ERAS
from tests.conftest import DATA


def _figure(state: FilterState, lang: str = "en"):
    events = apply_filters(load_dataset(DATA).events, state)
    return events, timeline_figure(events, lang, "caption", events["event_id"].iloc[-1])


def test_one_band_and_one_label_per_era_in_view():
    events, fig = _figure(FilterState(date_from=pd.Timestamp("2020-01-01").date()))
    bands = [s for s in fig.layout.shapes if s.type == "rect" and (s.name or "").startswith("era ")]
    spans = {(b.x0, b.x1) for b in bands}
    assert ("2020-01-01", "2020-12-31") in spans and ("2021-01-01", "2023-12-31") in spans
    assert spans <= {(f"{first}-01-01", f"{last}-12-31") for _, first, last in ERAS}
    assert ("1918-01-01", "1920-12-31") not in spans  # eras out of view are not drawn
    labels = [a for a in fig.layout.annotations if a.yref == "paper" and a.xanchor in ("left", "right")]
    assert len(labels) == len(bands)
    assert all(b.layer == "below" and b.yref == "y domain" for b in bands)


def test_labels_in_the_readers_language_and_selected_line_kept():
    _, fig = _figure(FilterState(), "fr")
    hover = {a.hovertext for a in fig.layout.annotations if a.hovertext}
    assert any("1918" in h for h in hover)
    assert [s for s in fig.layout.shapes if s.type == "line"], "the selected event's dotted line is still drawn"


def test_an_era_beginning_at_the_right_edge_stays_inside_the_chart_or_unlabelled():
    # A view ending before EV-0339 (28 Dec 2023 - 4 Apr 2024), whose interval would widen the chart into 2024.
    state = FilterState(date_from=pd.Timestamp("2021-01-01").date(), date_to=pd.Timestamp("2023-12-27").date())
    _, fig = _figure(state)
    right_edge = pd.Timestamp(fig.layout.xaxis.range[1])
    labels = {a.hovertext: a for a in fig.layout.annotations if a.yref == "paper"}
    last = next(a for h, a in labels.items() if h.startswith("2024"))  # begins days before the edge
    assert last.text == "" or (last.xanchor == "right" and pd.Timestamp(last.x) <= right_edge)
    assert next(a for h, a in labels.items() if h.startswith("2021")).text == "Incursions, blockade, exodus"


def test_whole_timeline_shows_era_names_that_never_overlap():
    _, fig = _figure(FilterState(), "fr")
    texts = [a.text for a in fig.layout.annotations if a.yref == "paper"]
    assert "Période soviétique" in texts  # a name, not only years
    assert not any(t[:4].isdigit() and t[4:5] == "–" and t[5:9].isdigit() and len(t) > 9 for t in texts)


@given(
    st.lists(st.tuples(st.floats(0, 1), st.floats(0, 0.5)), min_size=1, max_size=9),
    st.floats(200, 2000),
)
def test_era_labels_on_a_row_never_overlap(spans, plot_px):
    eras, start = [], 0.0
    for gap, length in spans:
        start = min(1.0, start + gap * 0.1)
        eras.append(("A long era name here", "1900–1901", start, min(1.0, start + length)))
    chosen = era_label_texts(eras, plot_px)
    for row in (0, 1):
        boxes = []
        for (_, _, s, e), (text, r) in zip(eras, chosen):
            if text and r == row:
                width = len(text) * LABEL_CHAR_PX + 6
                assert width <= (e - s) * plot_px + 4  # fits its band
                left = s * plot_px if s < 0.9 else e * plot_px - width
                boxes.append((left, left + width))
        assert all(a[1] <= b[0] for a, b in zip(boxes, boxes[1:]))
