"""Prisoner-status series and figures: no merging across counting bodies, step semantics, ranges kept whole,
contested pairs found; on small hand-made frames and on the bundled data."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from atlas import prisoners as P
from atlas.load import load_dataset
from atlas.maps.sponsors import graticule, label_anchors, sponsors_deck
from atlas.prisoner_figures import (
    axis_ceiling,
    disappeared_figure,
    held_over_time_figure,
    split_figure,
    stagger_labels,
    status_figure,
)
from tests.conftest import DATA

COUNT_COLUMNS = [
    "count_id",
    "date_start",
    "date_end",
    "date_precision",
    "counting_body",
    "held_total",
    "held_pow",
    "held_civilian",
    "held_leaders",
    "released",
    "captured",
    "disappeared_low",
    "disappeared_high",
    "event_id",
    "note",
    "source_ids",
]


def counts(*rows: dict) -> pd.DataFrame:
    """A typed prisoner_counts frame from a few rows; unspecified numbers are unknown (NaN)."""
    filled = []
    for index, row in enumerate(rows, start=1):
        base = {c: float("nan") for c in COUNT_COLUMNS}
        base.update(count_id=f"PC-{index:03d}", date_precision="day", event_id="", note="", source_ids=f"S{index}")
        base.update(row)
        base.setdefault("date_end", base["date_start"])
        if pd.isna(base["date_end"]):
            base["date_end"] = base["date_start"]
        filled.append(base)
    frame = pd.DataFrame(filled, columns=COUNT_COLUMNS)
    for column in ("date_start", "date_end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


@pytest.fixture(scope="module")
def bundled():
    return load_dataset(DATA)


def test_each_body_keeps_its_own_series_even_on_the_same_day():
    frame = counts(
        {"date_start": "2024-01-01", "counting_body": "libertas", "held_total": 20},
        {"date_start": "2024-01-01", "counting_body": "press", "held_total": 19},
        {"date_start": "2024-06-01", "counting_body": "libertas", "held_total": 18},
    )
    series = P.held_series_by_body(frame)
    assert len(series) == 3  # nothing collapsed into one value per date
    assert series.groupby("counting_body")["held_total"].apply(list).to_dict() == {
        "libertas": [20, 18],
        "press": [19],
    }
    fig = held_over_time_figure(
        series, P.movement_events(P.releases(frame, _no_events()), "released"), _empty_moves(), "en"
    )
    lines = [trace for trace in fig.data if trace.mode == "lines+markers"]
    assert len(lines) == 2  # one line per body, never a merged one
    assert sorted(list(trace.y) for trace in lines) == [[19], [20, 18]]


def test_a_count_holds_until_the_same_bodys_next_count():
    frame = counts(
        {"date_start": "2022-01-01", "counting_body": "lawyers", "held_total": 33},
        {"date_start": "2023-03-01", "counting_body": "libertas", "held_total": 38},
        {"date_start": "2025-01-01", "counting_body": "lawyers", "held_total": 23},
    )
    series = P.held_series_by_body(frame).set_index("count_id")
    # The lawyers' 33 holds until the lawyers' own next figure, not until LIBERTAS speaks.
    assert series.loc["PC-001", "valid_until"] == pd.Timestamp("2025-01-01")
    assert pd.isna(series.loc["PC-003", "valid_until"])
    assert pd.isna(series.loc["PC-002", "valid_until"])
    fig = held_over_time_figure(P.held_series_by_body(frame), _empty_moves(), _empty_moves(), "en")
    assert {trace.line.shape for trace in fig.data if trace.mode == "lines+markers"} == {"hv"}


def test_one_outlier_is_printed_off_scale_instead_of_flattening_the_others():
    assert axis_ceiling(pd.Series([223, 72, 57, 38, 23])) == 90
    assert axis_ceiling(pd.Series([72, 57, 38, 23])) is None
    frame = counts(
        {"date_start": "2021-02-11", "counting_body": "lawyers", "held_total": 223},
        {"date_start": "2021-03-09", "counting_body": "azerbaijani_authorities", "held_total": 72},
        {"date_start": "2025-01-01", "counting_body": "lawyers", "held_total": 23},
    )
    fig = held_over_time_figure(P.held_series_by_body(frame), _empty_moves(), _empty_moves(), "en")
    assert tuple(fig.layout.yaxis.range) == (0, 90)
    assert [a.text for a in fig.layout.annotations if a.text.startswith("↑")] == ["↑ 223 (Lawyers)"]


def test_labels_of_close_events_are_staggered():
    dates = pd.to_datetime(pd.Series(["2021-12-04", "2021-12-19", "2022-02-07", "2022-10-04"]))
    assert stagger_labels(dates, ["10", "10", "8", "17"]) == ["10", "10<br> ", "8", "17"]


def test_latest_counts_take_each_bodys_latest_possible_date():
    frame = counts(
        {
            "date_start": "2022-01-01",
            "date_end": "2023-12-31",
            "date_precision": "year",
            "counting_body": "ombudsman",
            "held_total": 38,
        },
        {"date_start": "2022-08-30", "counting_body": "ombudsman", "held_total": 39},
        {"date_start": "2026-01-14", "counting_body": "press", "held_total": 19},
    )
    latest = P.latest_counts(frame)
    assert latest["counting_body"].tolist() == ["press", "ombudsman"]
    assert latest["held_total"].tolist() == [19, 38]  # the 2022-2023 figure may be later than 30 August 2022


def test_split_keeps_the_part_no_source_breaks_down():
    frame = counts(
        {
            "date_start": "2023-11-01",
            "counting_body": "armenian_government",
            "held_total": 55,
            "held_pow": 41,
            "held_civilian": 6,
        },
        {"date_start": "2023-10-03", "counting_body": "press", "held_leaders": 8},
        {"date_start": "2024-01-01", "counting_body": "press", "held_total": 23},
    )
    splits = P.split_rows(frame).set_index("count_id")
    assert list(splits.index) == ["PC-002", "PC-001"]
    assert splits.loc["PC-001", "not_broken_down"] == 8
    assert pd.isna(splits.loc["PC-002", "held_total"])


def test_split_bars_add_up_to_each_total_and_keep_whole_labels(bundled):
    splits = P.split_rows(bundled.tables["prisoner_counts"])
    fig = split_figure(splits, "en")
    assert {trace.orientation for trace in fig.data} == {"h"}  # labels on the side, never cut under narrow bars
    for row, label in enumerate(fig.data[0].y):
        stacked = sum(float(trace.x[row]) for trace in fig.data if pd.notna(trace.x[row]))
        total = splits.iloc[row]["held_total"]
        parts = splits.iloc[row][list(P.SPLIT_COLUMNS)].fillna(0).sum()
        assert stacked == (total if pd.notna(total) else parts), label
    assert fig.layout.yaxis.autorange == "reversed"  # read top to bottom, oldest first


def _no_events() -> pd.DataFrame:
    return pd.DataFrame({"event_id": pd.Series(dtype=str), "title_en": pd.Series(dtype=str)})


def _empty_moves() -> pd.DataFrame:
    return P.movement_events(pd.DataFrame(), "released")


def test_reports_of_one_release_are_one_event_and_disagreement_stays_a_range():
    frame = counts(
        {"date_start": "2023-12-13", "counting_body": "press", "released": 32, "event_id": "EV-1"},
        {"date_start": "2023-12-13", "counting_body": "azerbaijani_authorities", "released": 32, "event_id": "EV-1"},
        {"date_start": "2026-01-14", "counting_body": "press", "released": 4, "event_id": "EV-2"},
        {"date_start": "2026-01-14", "counting_body": "libertas", "released": 5, "event_id": "EV-2"},
        {"date_start": "2020-12-28", "counting_body": "armenian_government", "released": 4},
    )
    moves = P.movement_events(P.releases(frame, _no_events()), "released").set_index("key")
    assert len(moves) == 3
    assert (moves.loc["EV-1", "low"], moves.loc["EV-1", "high"]) == (32, 32)
    assert (moves.loc["EV-2", "low"], moves.loc["EV-2", "high"]) == (4, 5)
    assert moves.loc["EV-1", "source_ids"] == "S1;S2"
    assert P.number_range(moves.loc["EV-2", "low"], moves.loc["EV-2", "high"]) == "4–5"
    assert "PC-005" in moves.index  # a release without an event is its own event


def test_disappeared_keeps_low_and_high_and_a_missing_end_stays_missing():
    frame = counts(
        {"date_start": "2026-01-14", "counting_body": "libertas", "disappeared_low": 80, "disappeared_high": 200},
        {"date_start": "2025-06-01", "counting_body": "lawyers", "disappeared_low": 80},
        {"date_start": "2025-07-01", "counting_body": "press", "held_total": 23},
    )
    band = P.disappeared_band(frame).set_index("counting_body")
    assert (band.loc["libertas", "low"], band.loc["libertas", "high"]) == (80, 200)
    assert pd.isna(band.loc["lawyers", "high"])  # "80" is not "80 to 80"
    assert "press" not in band.index
    fig = disappeared_figure(P.disappeared_band(frame), "en")
    texts = [t for trace in fig.data for t in trace.text if t]
    assert "80–200" in texts and "80 (no higher figure given)" in texts
    libertas = next(trace for trace in fig.data if "80–200" in trace.text)
    assert list(libertas.x) == [80, 200]


def test_contested_pairs_need_overlapping_dates_and_different_numbers():
    frame = counts(
        {"date_start": "2026-01-14", "date_end": "2026-01-15", "counting_body": "press", "held_total": 19},
        {"date_start": "2026-01-14", "counting_body": "libertas", "held_total": 20},
        {"date_start": "2026-01-14", "counting_body": "armenian_government", "held_total": 20},
        {"date_start": "2025-10-16", "counting_body": "eu", "held_total": 33},
        {"date_start": "2025-10-16", "counting_body": "press", "held_total": 23, "source_ids": "S5"},
        {"date_start": "2025-10-16", "counting_body": "press", "held_total": 25, "source_ids": "S5;X"},
    )
    pairs = P.contested_counts(frame)
    found = {frozenset((a, b)) for a, b in zip(pairs["a_count_id"], pairs["b_count_id"])}
    assert frozenset(("PC-001", "PC-002")) in found  # 19 vs 20 on overlapping days
    assert frozenset(("PC-001", "PC-003")) in found
    assert frozenset(("PC-002", "PC-003")) not in found  # same number: no disagreement
    assert frozenset(("PC-004", "PC-005")) in found  # 33 vs 23
    assert frozenset(("PC-005", "PC-006")) not in found  # same body citing a common source
    assert not any("PC-004" in pair and "PC-001" in pair for pair in found)  # months apart
    assert (pairs["difference"] > 0).all()
    wider = P.contested_counts(frame, tolerance_days=100)
    assert len(wider) > len(pairs)


def test_bundled_data_shows_the_january_2026_and_the_23_vs_33_disagreements(bundled):
    pairs = P.contested_counts(bundled["prisoner_counts"])
    values = {
        frozenset(((a, int(x)), (b, int(y))))
        for a, x, b, y in pairs[["a_counting_body", "a_held_total", "b_counting_body", "b_held_total"]].itertuples(
            index=False
        )
    }
    assert frozenset((("press", 19), ("libertas", 20))) in values
    assert any({v for _, v in pair} == {23, 33} for pair in values)
    newest = pairs.iloc[0]
    assert {int(newest["a_held_total"]), int(newest["b_held_total"])} == {19, 20}


def test_bundled_answers(bundled):
    pc = bundled["prisoner_counts"]
    latest = P.latest_counts(pc).set_index("counting_body")
    assert latest.loc["libertas", "held_total"] == 20
    assert latest.loc["press", "held_total"] == 19
    assert latest.index.is_unique
    moves = P.movement_events(P.releases(pc, bundled.events), "released")
    assert moves["key"].is_unique
    dec_2023 = moves.loc[moves["date_start"] == pd.Timestamp("2023-12-13")].iloc[0]
    assert (dec_2023["low"], dec_2023["high"]) == (32, 32)  # reported twice, counted once
    band = P.latest_disappeared(pc).set_index("counting_body")
    assert (band.loc["libertas", "low"], band.loc["libertas", "high"]) == (80, 200)
    claims = P.related_claims(bundled["claims"], pc, bundled.events)
    jan_2026 = set(pc.loc[pc["date_start"] == pd.Timestamp("2026-01-14"), "event_id"]) - {""}
    assert len(jan_2026) == 1  # both reports of the January 2026 release link the same event
    assert {"held_after_release", "disappeared"} <= set(claims.loc[claims["event_id"].isin(jan_2026), "field"])


def test_related_claims_leave_a_border_clash_death_toll_to_the_timeline():
    events = pd.DataFrame({"event_id": ["EV-1", "EV-2", "EV-3"], "category": ["prisoners", "incursion", "political"]})
    frame = counts(
        {"date_start": "2021-11-16", "counting_body": "armenian_government", "captured": 13, "event_id": "EV-2"}
    )
    claims = pd.DataFrame(
        {
            "claim_id": ["C1", "C2", "C3", "C4"],
            "event_id": ["EV-1", "EV-2", "EV-2", "EV-3"],
            "field": ["date", "killed", "captured_armenian", "held_total"],
        }
    )
    assert P.related_claims(claims, frame, events)["claim_id"].tolist() == ["C1", "C3"]


def _status(*rows: tuple) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["status_id", "person_id", "date_start", "date_end", "date_precision", "status", "sentence"]
    )
    frame["note"], frame["source_ids"] = "", "S1"
    for column in ("date_start", "date_end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


PEOPLE = pd.DataFrame(
    {
        "person_id": ["P1", "P2"],
        "name_en": ["Anna Example", "Bob Example"],
        "name_hy": ["Աննա", ""],
        "group": ["civilian", "pow"],
        "naming_basis": ["named_in_detention_sources"] * 2,
        "public_role": ["", ""],
        "source_ids": ["S9", "S8"],
    }
)


def test_current_status_keeps_capture_trial_and_published_sentence():
    status = _status(
        ("1", "P1", "2020-11-01", "2020-11-30", "month", "captured", ""),
        ("2", "P1", "2020-11-01", "2021-07-31", "month", "sentenced", "20 years"),
        ("3", "P1", "2026-01-14", "2026-01-14", "day", "released", ""),
        ("4", "P2", "2023-09-27", "2023-09-27", "day", "captured", ""),
        ("5", "P2", "2025-01-17", "2025-01-17", "day", "tried", ""),
    )
    people = P.detainee_current_status(PEOPLE, status, "hy").set_index("person_id")
    assert people.loc["P1", "status"] == "released"
    assert people.loc["P1", "sentence"] == "20 years"
    assert people.loc["P1", "name"] == "Աննա"
    assert people.loc["P2", "name"] == "Bob Example"  # no Armenian spelling published: the English one
    assert people.loc["P2", "status"] == "tried"
    assert people.loc["P2", "tried_start"] == pd.Timestamp("2025-01-17")
    assert people.loc["P1", "source_ids"] == "S9;S1"


def test_status_over_time_never_dates_a_status_earlier_than_its_source_allows():
    status = _status(
        ("1", "P1", "2023-07-01", "2023-07-31", "month", "captured", ""),
        ("2", "P1", "2023-07-01", "2023-10-15", "year", "sentenced", "15 years"),
        ("3", "P2", "2023-09-05", "2023-09-05", "day", "captured", ""),
    )
    monthly = P.status_over_time(status, until=date(2023, 11, 1))
    table = monthly.pivot(index="month", columns="status", values="persons")
    assert table.loc["2023-07-01", "captured"] == 1  # known captured by the end of July
    assert table.loc["2023-09-01", "sentenced"] == 0  # the sentence may date from October: not yet counted
    assert table.loc["2023-10-01", "sentenced"] == 1
    assert table.loc["2023-10-01", "captured"] == 1  # P2 only
    assert (table.sum(axis=1) <= 2).all()
    assert table.index.max() == pd.Timestamp("2023-11-01")
    fig = status_figure(monthly, "en")
    assert {trace.name for trace in fig.data} == {"Captured, awaiting trial", "Sentenced"}


def test_bundled_detainees_and_sponsors(bundled):
    t = bundled.tables
    people = P.detainee_current_status(t["detainees"], t["detainee_status"]).set_index("person_id")
    assert people.loc["PR-001", "status"] == "sentenced" and people.loc["PR-001", "sentence"] == "20 years"
    assert people.loc["PR-020", "status"] == "released"
    sponsors = P.sponsors_with_people(t["sponsors"], t["places"], t["detainees"], "fr").set_index("sponsor_id")
    assert sponsors.loc["SP-04", "sponsored"] == "Grigor Saghatelyan"
    assert sponsors.loc["SP-03", "town"] == "Genève"
    assert sponsors.loc["SP-10", "town"] == "" and pd.isna(sponsors.loc["SP-10", "lat"])
    deck = sponsors_deck(sponsors.reset_index())
    assert deck.map_provider is None
    assert deck._tooltip == {"text": "{tooltip}"}


@pytest.mark.parametrize("width_px", [640, 340])
def test_sponsor_names_stay_on_the_map_at_laptop_and_phone_width(bundled, width_px):
    """Each town's name (a letter about half as wide as the type is high, 14 px from its dot) fits in a map
    `width_px` wide."""
    t = bundled.tables
    sponsors = P.sponsors_with_people(t["sponsors"], t["places"], t["detainees"], "en")
    deck = sponsors_deck(sponsors, None, "en", width_px)
    view = deck.initial_view_state
    px_per_degree = 512 * 2**view.zoom / 360
    layer = next(layer for layer in deck.layers if layer.id == "sponsor-names")
    for row in layer.data:  # pydeck keeps a layer's rows as records
        town, anchor = row["town"], row["anchor"]
        x = (row["lon"] - view.longitude) * px_per_degree  # from the map's centre
        reach = 14 + 0.55 * layer.get_size * len(town)
        assert (x + reach if anchor == "start" else x - reach) * (1 if anchor == "start" else -1) <= width_px / 2, town


def test_sponsor_map_draws_grey_countries_under_the_towns(bundled):
    import json

    from atlas.maps import read_collections

    t = bundled.tables
    sponsors = P.sponsors_with_people(t["sponsors"], t["places"], t["detainees"], "fr")
    deck = sponsors_deck(sponsors, read_collections(DATA / "geo")["europe"], "fr")
    layers = {layer["id"]: (i, layer) for i, layer in enumerate(json.loads(deck.to_json())["layers"])}
    order, land = layers["countries"]
    assert land["@@type"] == "GeoJsonLayer" and not land["pickable"]
    assert order < layers["sponsors"][0] < layers["sponsor-names"][0], "land under the points"
    red, green, blue, _ = land["getFillColor"]
    assert max(red, green, blue) - min(red, green, blue) <= 8 and land["lineWidthMinPixels"] == 1  # neutral grey
    assert 5 <= len(land["data"]["features"]) < 40 and all(f["properties"] == {} for f in land["data"]["features"])
    names = {row["label"] for row in layers["country-names"][1]["data"]}
    assert {"FRANCE", "SUISSE", "ITALIE"} <= names  # in the reader's language
    assert deck.map_provider is None and deck.map_style is not None  # None would fetch a CARTO style
    text = deck.to_json()
    assert '"@@=pixels"' not in text and '"@@=middle"' not in text and '"@@=center"' not in text
    bare = sponsors_deck(sponsors)  # no outlines: the graticule alone, as before
    assert "countries" not in {layer.id for layer in bare.layers}


def test_close_towns_get_labels_on_opposite_sides():
    points = pd.DataFrame(
        {"lat": [44.9256, 44.94703, 43.61093], "lon": [4.90956, 4.89463, 3.87635]},
        index=["Valence", "Bourg-lès-Valence", "Montpellier"],
    )
    assert label_anchors(points) == ["start", "end", "start"]


def test_graticule_covers_the_box_with_labelled_lines():
    lines = graticule(43.6, 46.2, -0.5, 6.1)
    labels = {line["label"] for line in lines}
    assert {"44°N", "46°N", "0°E", "1°W", "6°E"} <= labels
    meridian = next(line for line in lines if line["label"] == "5°E")
    assert meridian["path"] == [[5, 43], [5, 47]]


@pytest.mark.parametrize("lang", ["en", "fr", "hy"])
def test_every_vocabulary_value_the_page_shows_has_a_label(lang):
    from atlas.i18n import strings
    from atlas.schema import COUNTING_BODIES, DETAINEE_GROUPS, DETAINEE_STATUSES, SPONSOR_TYPES

    keys = [f"body.{b}" for b in COUNTING_BODIES] + [f"prisoners.group.{g}" for g in DETAINEE_GROUPS]
    keys += [f"prisoners.status.{s}" for s in DETAINEE_STATUSES] + [
        f"prisoners.sponsor_type.{t}" for t in SPONSOR_TYPES
    ]
    keys += [f"prisoners.split.{c}" for c in (*P.SPLIT_COLUMNS, "not_broken_down")]
    assert [k for k in keys if not strings(lang).get(k)] == []


def test_dates_are_shown_as_precisely_as_known():
    assert P.date_label(pd.Timestamp("2026-03-01"), pd.Timestamp("2026-03-31"), "month") == "March 2026"
    assert P.date_label(pd.Timestamp("2022-01-01"), pd.Timestamp("2023-12-31"), "year") == "2022–2023"
    assert P.date_label(pd.Timestamp("2026-01-14"), pd.Timestamp("2026-01-14"), "day", "fr") == "14 janvier 2026"


def test_hover_text_escapes_data():
    frame = counts(
        {"date_start": "2024-01-01", "counting_body": "press", "held_total": 3, "note": "<img src=x onerror=alert(1)>"}
    )
    fig = held_over_time_figure(P.held_series_by_body(frame), _empty_moves(), _empty_moves(), "en")
    hover = " ".join(fig.data[0].hovertext)
    assert "<img" not in hover and "&lt;img" in hover


def _latest(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "counting_body": [r[0] for r in rows],
            "date_start": pd.to_datetime([r[1] for r in rows]),
            "date_end": pd.to_datetime([r[2] for r in rows]),
            "held_total": [r[3] for r in rows],
        }
    )


def test_headline_leads_with_bodies_that_counted_in_the_last_twelve_months():
    from atlas.prisoners import recent_and_earlier

    latest = _latest(
        [
            ("libertas", "2026-03-01", "2026-03-31", 20),
            ("press", "2026-01-14", "2026-01-15", 19),
            ("lawyers", "2025-01-01", "2025-12-31", 23),  # a year-precise count that may fall in the window
            ("icrc", "2024-08-30", "2024-08-30", 23),
            ("eu", "2021-01-28", "2021-01-29", 57),
        ]
    )
    recent, earlier = recent_and_earlier(latest)
    assert list(recent["counting_body"]) == ["libertas", "press", "lawyers"]
    assert list(earlier["counting_body"]) == ["icrc", "eu"]
    assert recent_and_earlier(latest.iloc[0:0])[0].empty


def test_bundled_headline_has_no_figure_older_than_a_year_before_the_newest():
    from atlas.prisoners import latest_counts, recent_and_earlier

    counts = load_dataset(DATA).tables["prisoner_counts"]
    latest = latest_counts(counts)
    recent, earlier = recent_and_earlier(latest)
    assert len(recent) >= 1
    assert sorted([*recent["counting_body"], *earlier["counting_body"]]) == sorted(latest["counting_body"])
    newest = recent["date_end"].max()
    assert (recent["date_end"] > newest - pd.DateOffset(months=12)).all()
    assert (earlier["date_end"] <= newest - pd.DateOffset(months=12)).all()
