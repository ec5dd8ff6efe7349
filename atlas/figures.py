"""Plotly figure builders. They return figures and never draw; every data string in hover text is escaped."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from atlas.i18n import translate
from atlas.safe import escape_html
from atlas.schema import CATEGORIES, ERAS

# Okabe-Ito: distinguishable with the common colour-vision deficiencies, one colour per category.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442")
CATEGORY_COLOURS = dict(zip(CATEGORIES, PALETTE))
MAX_DRAWN_EVENTS = 3000  # above this the timeline shows counts per year instead of one mark per event
FONT = {"size": 18}
_DAY_MS = 86_400_000


def _title_column(lang: str, events: pd.DataFrame) -> str:
    return f"title_{lang}" if f"title_{lang}" in events else "title_en"


def _hover(events: pd.DataFrame, lang: str, hidden: frozenset = frozenset()) -> pd.Series:
    titles = events[_title_column(lang, events)].where(events[_title_column(lang, events)] != "", events["title_en"])
    if hidden:
        stand_in = events["category"].map(
            lambda c: translate("event.graphic_title", lang, category=translate(f"category.{c}", lang))
        )
        titles = titles.where(~events["event_id"].isin(hidden), stand_in)
    precision = events["date_precision"].map(lambda p: translate(f"precision.{p}", lang))
    return (
        titles.map(escape_html)
        + "<br>"
        + events["date_display"].map(escape_html)
        + " ("
        + precision.map(escape_html)
        + ")"
    )


def _time_range(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The span of the shown events with a margin, so a filtered timeline zooms to what is left."""
    first, last = events["date_start"].min(), events["date_end"].max()
    margin = max(pd.Timedelta(days=45), (last - first) * 0.03)
    return first - margin, last + margin


LABEL_CHAR_PX = 7.5  # an era label's average letter width at size 13
ASSUMED_PLOT_PX = 1000  # the plot's width on a laptop or projector; narrower screens drop what no longer fits


def era_label_texts(
    eras: list[tuple[str, str, float, float]], plot_px: float = ASSUMED_PLOT_PX
) -> list[tuple[str, int]]:
    """For eras in view as (name, years, start, end) with start/end as fractions of the plot's width: the
    text each label shows and its row (0 or 1). An era's name when it fits its band, else its years, else
    nothing (the band's hover still names it); labels on a row never print over each other."""
    row_ends = [-1.0, -1.0]
    chosen = []
    for name, years, start, end in eras:
        band = (end - start) * plot_px
        picked = ("", 0)
        for text in (name, years):
            width = len(text) * LABEL_CHAR_PX + 6
            if width > max(band, 0) + 4:
                continue
            left = start * plot_px if start < 0.9 else end * plot_px - width
            row = next((r for r in (0, 1) if row_ends[r] <= left), None)
            if row is not None:
                row_ends[row] = left + width
                picked = (text, row)
                break
        chosen.append(picked)
    return chosen


def _era_bands(
    lang: str, span: tuple[pd.Timestamp, pd.Timestamp], plot_px: float = ASSUMED_PLOT_PX
) -> tuple[list[dict], list[dict]]:
    """Shaded bands for the eras in view, each labelled with its name where it fits (else its years), on
    two rows so neighbouring labels never print over each other: (shapes, annotations).

    Returned as plain lists for the figure's one update_layout: one fig.add_vrect/add_annotation call per
    era re-validated the layout each time (44 ms of a 116 ms figure; 4 ms this way, make bench)."""
    bands, in_view = [], []
    width = span[1] - span[0]
    for index, (era, first, last) in enumerate(ERAS):
        if pd.Timestamp(f"{last}-12-31") < span[0] or pd.Timestamp(f"{first}-01-01") > span[1]:
            continue
        bands.append(
            {
                "type": "rect",
                "name": f"era {era}",  # what the band is, for anyone reading the figure (and the tests)
                "xref": "x",
                "yref": "y domain",
                "x0": f"{first}-01-01",
                "x1": f"{last}-12-31",
                "y0": 0,
                "y1": 1,
                "fillcolor": "#888888" if index % 2 else "#cccccc",
                "opacity": 0.15,
                "line": {"width": 0},
                "layer": "below",
            }
        )
        start, end = max(pd.Timestamp(f"{first}-01-01"), span[0]), min(pd.Timestamp(f"{last}-12-31"), span[1])
        full = translate(f"era.{era}", lang)
        years, _, name = full.partition(" ")
        in_view.append((era, full, start, end, name or years, years))
    fractions = [(name, years, (s - span[0]) / width, (e - span[0]) / width) for _, _, s, e, name, years in in_view]
    labels = []
    for (_, full, start, end, _, _), (text, row) in zip(in_view, era_label_texts(fractions, plot_px)):
        # An era that only begins near the right edge gets its label ending there, not running off the chart.
        near_edge = start > span[0] + width * 0.9
        labels.append(
            {
                "x": end if near_edge else start,
                "y": 1.02 if row == 0 else 1.09,
                "xref": "x",
                "yref": "paper",
                "xanchor": "right" if near_edge else "left",
                "yanchor": "bottom",
                "showarrow": False,
                "text": escape_html(text),
                "font": {"size": 13, "color": "#333333"},
                "hovertext": escape_html(full),
            }
        )
    return bands, labels


def era_span(era: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The dates an era covers, with a small margin, for zooming the timeline to it."""
    for name, first, last in ERAS:
        if name == era:
            start, end = pd.Timestamp(f"{first}-01-01"), pd.Timestamp(f"{last}-12-31")
            margin = max(pd.Timedelta(days=20), (end - start) * 0.02)
            return start - margin, end + margin
    return None


def _selection_shapes(row: pd.Series) -> list[dict]:
    """The selected event's span outlined and its start dotted, so a class can follow the stepping.
    Plain shapes, not fig.add_vrect/add_vline, which re-validate the layout (21 ms of a 72 ms figure)."""
    line = {"color": "#D55E00", "width": 2}
    end = row["date_end"] + pd.Timedelta(days=1)
    common = {"xref": "x", "yref": "y domain", "y0": 0, "y1": 1}
    return [
        {"type": "rect", "x0": row["date_start"], "x1": end, "line": line, **common},
        {"type": "line", "x0": row["date_start"], "x1": row["date_start"], "line": {**line, "dash": "dot"}, **common},
    ]


def image_export_config(name: str) -> dict:
    """Plotly options for the chart's camera button: a PNG at twice the shown size (sharp on a slide), named
    after the chart. Plotly draws it in the browser, so saving an image needs no network."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": f"karabakh-atlas-{name}", "scale": 2},
    }


def timeline_figure(
    events: pd.DataFrame,
    lang: str,
    caption: str = "",
    selected: str = "",
    focus: str = "",
    hidden: frozenset = frozenset(),
    compact: bool = False,
) -> go.Figure:
    """One row per category. Day-known events are dots; month- or year-known events are bars over
    the whole span they may fall in, drawn translucent, so no event sits on an invented day.
    `focus` names an era the axis zooms to; `hidden` holds events whose titles the hover must not show
    (graphic events in classroom-safe mode). `compact` is for a phone: the rows are named by the legend only,
    so the plot gets the screen's width, with smaller marks and only the era labels a narrow plot can hold."""
    if len(events) > MAX_DRAWN_EVENTS:
        return timeline_counts_figure(events, lang, caption)
    fig = go.Figure()
    by_category = dict(tuple(events.groupby("category", sort=False)))  # one pass, not one mask per category
    for category in CATEGORIES:
        rows = by_category.get(category)
        if rows is None:
            continue
        label = escape_html(translate(f"category.{category}", lang))
        colour = CATEGORY_COLOURS[category]
        exact = rows["date_precision"] == "day"
        day_rows, span_rows = rows.loc[exact], rows.loc[~exact]
        if len(day_rows):
            fig.add_trace(
                go.Scatter(
                    x=day_rows["date_start"],
                    y=[label] * len(day_rows),
                    mode="markers",
                    marker={"size": 9 if compact else 14, "color": colour, "line": {"width": 1, "color": "white"}},
                    hovertext=_hover(day_rows, lang, hidden),
                    hoverinfo="text",
                    customdata=day_rows["event_id"],
                    name=label,
                    legendgroup=category,
                )
            )
        if len(span_rows):
            duration_ms = (span_rows["date_end"] - span_rows["date_start"]).dt.days.add(1) * _DAY_MS
            fig.add_trace(
                go.Bar(
                    base=span_rows["date_start"],
                    x=duration_ms,
                    y=[label] * len(span_rows),
                    orientation="h",
                    marker={"color": colour, "opacity": 0.35, "line": {"width": 1, "color": colour}},
                    width=0.5,
                    hovertext=_hover(span_rows, lang, hidden),
                    hoverinfo="text",
                    customdata=span_rows["event_id"],
                    name=label,
                    legendgroup=category,
                    showlegend=not len(day_rows),
                )
            )
    span = era_span(focus) or _time_range(events)
    bands, labels = _era_bands(lang, span, 300 if compact else ASSUMED_PLOT_PX)
    chosen = events.loc[events["event_id"] == selected]
    marks = _selection_shapes(chosen.iloc[0]) if len(chosen) else []  # the event on screen below
    fig.update_layout(
        shapes=[*bands, *marks],
        annotations=labels,
        # The filter sentence as title travels with a downloaded PNG of the chart.
        title={"text": escape_html(caption), "font": {"size": 14}, "y": 0.99, "yanchor": "top"},
        font=FONT,
        height=480 if compact else 560,
        margin={"l": 4 if compact else 10, "r": 4 if compact else 10, "t": 90, "b": 10},
        barmode="overlay",
        xaxis={"type": "date", "title": None, "range": list(span)},
        yaxis={
            "title": None,
            "categoryorder": "array",
            "categoryarray": list(reversed(fig_categories(fig))),
            "showticklabels": not compact,
        },
        legend={"orientation": "h", "y": -0.12},
        clickmode="event+select",
    )
    return fig


def fig_categories(fig: go.Figure) -> list[str]:
    return list(dict.fromkeys(trace.y[0] for trace in fig.data if trace.y is not None and len(trace.y)))


def timeline_counts_figure(events: pd.DataFrame, lang: str, caption: str = "") -> go.Figure:
    """Counts per year and category: what a large selection is drawn as, so the page stays light."""
    counts = events.groupby([events["date_start"].dt.year, "category"]).size().unstack(fill_value=0)
    fig = go.Figure()
    for category in (c for c in CATEGORIES if c in counts.columns):
        fig.add_trace(
            go.Bar(
                x=counts.index,
                y=counts[category],
                name=escape_html(translate(f"category.{category}", lang)),
                marker_color=CATEGORY_COLOURS[category],
            )
        )
    fig.update_layout(
        title={"text": escape_html(caption), "font": {"size": 14}},
        font=FONT,
        height=560,
        barmode="stack",
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    return fig
