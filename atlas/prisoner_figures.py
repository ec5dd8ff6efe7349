"""Figures for the prisoner-status page: plotly charts and the sponsors' pydeck map.

They take the series built by atlas.prisoners, never draw, and escape every data string they place in
hover text or labels. Colours come from figures.PALETTE (Okabe-Ito), type size from figures.FONT.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from atlas.figures import FONT, PALETTE
from atlas.i18n import translate
from atlas.prisoners import SPLIT_COLUMNS, date_label, number_range
from atlas.safe import escape_html
from atlas.schema import COUNTING_BODIES, DETAINEE_STATUSES

# Okabe-Ito in schema order, except that the press's yellow would vanish on a projected white background, so it
# is drawn dark gold; bodies beyond the palette ("other") are grey.
BODY_COLOURS = (
    {body: "#777777" for body in COUNTING_BODIES} | dict(zip(COUNTING_BODIES, PALETTE)) | {"press": "#8A6D00"}
)
SPLIT_COLOURS = {"held_pow": PALETTE[0], "held_civilian": PALETTE[1], "held_leaders": PALETTE[3]}
SPLIT_COLOURS["not_broken_down"] = "#BBBBBB"
STATUS_COLOURS = dict(zip(DETAINEE_STATUSES, (PALETTE[4], PALETTE[1], PALETTE[5], PALETTE[0], PALETTE[2], "#777777")))
RELEASED_COLOUR, CAPTURED_COLOUR = PALETTE[2], PALETTE[4]
_DAY_MS = 86_400_000
_MIN_BAR_DAYS = 14  # a one-day event is drawn this wide so it stays visible over six years
_LAYOUT = {"font": FONT, "hoverlabel": {"font_size": 18}, "paper_bgcolor": "white", "plot_bgcolor": "white"}
_AXIS = {
    "showgrid": True,
    "gridcolor": "#E5E5E5",
    "zeroline": True,
    "zerolinecolor": "#999999",
    "tickfont": {"size": 17, "color": "#222222"},
    "title_font": {"size": 18, "color": "#222222"},
}


def _body(body: str, lang: str) -> str:
    return translate(f"body.{body}", lang)


def _hover_text(heading: str, value: object, row, detail: str, lang: str) -> str:
    """Hover text for one dated, sourced number; every part escaped."""
    when = date_label(row.date_start, row.date_end, row.date_precision, lang)
    parts = (when, detail, row.source_ids.replace(";", ", "))
    return f"<b>{escape_html(heading)}: {escape_html(value)}</b><br>" + "<br>".join(escape_html(p) for p in parts)


def _hover_rows(rows: pd.DataFrame, lang: str, value: pd.Series) -> list[str]:
    return [_hover_text(_body(r.counting_body, lang), v, r, r.note, lang) for r, v in zip(rows.itertuples(), value)]


def held_over_time_figure(series: pd.DataFrame, released: pd.DataFrame, captured: pd.DataFrame, lang: str) -> go.Figure:
    """Top: one step line per counting body (never merged). Bottom: releases up, new captures down.

    A count is drawn from its earliest possible date and holds until the body's next count (line shape
    "hv"); a count whose date is only known to a month or years gets a hollow marker and a pale bar over
    the whole span it may fall in.
    """
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.7, 0.3], vertical_spacing=0.06)
    for body, rows in series.groupby("counting_body", sort=False):
        colour, name = BODY_COLOURS.get(body, "#444444"), escape_html(_body(body, lang))
        exact = rows["date_precision"] == "day"
        fig.add_trace(
            go.Scatter(
                x=rows["date_start"],
                y=rows["held_total"],
                mode="lines+markers",
                line={"shape": "hv", "width": 4, "color": colour},
                marker={
                    "size": 14,
                    "color": [colour if e else "white" for e in exact],
                    "line": {"width": 3, "color": colour},
                    "symbol": "circle",
                },
                name=name,
                legendgroup=body,
                hovertext=_hover_rows(rows, lang, rows["held_total"].astype(int)),
                hoverinfo="text",
            ),
            row=1,
            col=1,
        )
        spans = rows.loc[(rows["date_end"] - rows["date_start"]).dt.days >= 1]
        if len(spans):
            xs, ys = [], []
            for r in spans.itertuples():
                xs += [r.date_start, r.date_end, None]
                ys += [r.held_total, r.held_total, None]
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"width": 12, "color": colour},
                    opacity=0.25,
                    legendgroup=body,
                    showlegend=False,
                    hoverinfo="skip",
                ),
                row=1,
                col=1,
            )
    for moves, colour, sign, key in (
        (released, RELEASED_COLOUR, 1, "released"),
        (captured, CAPTURED_COLOUR, -1, "captured"),
    ):
        if moves.empty:
            continue
        days = (moves["date_end"] - moves["date_start"]).dt.days.add(1).clip(lower=_MIN_BAR_DAYS)
        labels = [number_range(lo, hi) for lo, hi in zip(moves["low"], moves["high"])]
        shown = stagger_labels(moves["date_start"], labels)
        heading = translate(f"prisoners.{key}", lang)
        hover = [_hover_text(heading, label, r, r.event_title, lang) for r, label in zip(moves.itertuples(), labels)]
        fig.add_trace(
            go.Bar(
                x=moves["date_start"],
                y=sign * moves["high"],
                width=days * _DAY_MS,
                offset=0,
                marker={"color": colour},
                text=shown,
                textposition="outside",
                textfont={"size": 17, "color": "#222222"},
                constraintext="none",  # keep the number readable even where the bar is a few pixels wide
                cliponaxis=False,
                name=escape_html(translate(f"prisoners.{key}", lang)),
                hovertext=hover,
                hoverinfo="text",
            ),
            row=2,
            col=1,
        )
    fig.update_layout(
        **_LAYOUT,
        height=780,
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        legend={"orientation": "h", "y": -0.08, "font": {"size": 18}},
        hovermode="closest",
        barmode="overlay",
    )
    ceiling = axis_ceiling(series["held_total"])
    fig.update_yaxes(
        title={"text": escape_html(translate("prisoners.axis_held", lang))},
        range=[0, ceiling] if ceiling else None,
        rangemode="tozero",
        row=1,
        col=1,
        **_AXIS,
    )
    if ceiling:
        for r in series.loc[series["held_total"] > ceiling].itertuples():
            fig.add_annotation(
                x=r.date_start,
                y=ceiling,
                xref="x",
                yref="y",
                text=f"↑ {int(r.held_total)} ({escape_html(_body(r.counting_body, lang))})",
                showarrow=False,
                yanchor="top",
                xanchor="left",
                font={"size": 18, "color": BODY_COLOURS.get(r.counting_body, "#444444")},
                bgcolor="rgba(255,255,255,0.85)",
            )
    fig.update_yaxes(title={"text": escape_html(translate("prisoners.axis_moves", lang))}, row=2, col=1, **_AXIS)
    fig.update_xaxes(type="date", **_AXIS)
    return fig


def axis_ceiling(values: pd.Series, ratio: float = 2.5) -> float | None:
    """A y-axis top that keeps the common values readable when one value dwarfs the rest, else None.

    When the largest value is more than `ratio` times the next largest distinct one (e.g. one lawyer's
    "up to 223" against counts of 20-72), the axis stops a quarter above the runner-up and the page
    prints the off-scale value as text at the top edge instead of flattening every other line.
    """
    distinct = sorted({float(v) for v in values.dropna()}, reverse=True)
    if len(distinct) < 2 or distinct[0] <= ratio * distinct[1]:
        return None
    return distinct[1] * 1.25


def stagger_labels(dates: pd.Series, labels: list[str], days: int = 45) -> list[str]:
    """Raise every other label of events closer than `days` by one line, so '10' and '10' never print as '1010'."""
    out, previous, raised = [], None, False
    for stamp, label in zip(dates, labels):
        close = previous is not None and (stamp - previous).days < days
        raised = close and not raised
        out.append(f"{label}<br> " if raised else label)
        previous = stamp
    return out


def split_figure(splits: pd.DataFrame, lang: str) -> go.Figure:
    """The known breakdowns of a held total, stacked; one bar per count, labelled with its date and body.
    Bars run across so the long date-and-body labels stay whole on a phone and large on a projector."""
    labels = [
        escape_html(date_label(r.date_start, r.date_end, r.date_precision, lang))
        + "<br>"
        + escape_html(_body(r.counting_body, lang))
        for r in splits.itertuples()
    ]
    fig = go.Figure()
    for column in (*SPLIT_COLUMNS, "not_broken_down"):
        values = splits[column]
        fig.add_trace(
            go.Bar(
                y=labels,
                x=values,
                orientation="h",
                name=escape_html(translate(f"prisoners.split.{column}", lang)),
                marker={"color": SPLIT_COLOURS[column]},
                text=[str(int(v)) if pd.notna(v) and v > 0 else "" for v in values],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                constraintext="none",
                textfont={"size": 18},
                hovertemplate="%{x}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        **_LAYOUT,
        barmode="stack",
        height=160 + 80 * len(splits),
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        legend={
            "orientation": "h",
            "y": -0.12 - 0.6 / max(len(splits), 1),
            "font": {"size": 18},
            "traceorder": "normal",
        },
    )
    fig.update_yaxes(autorange="reversed", automargin=True, **{**_AXIS, "showgrid": False})  # oldest on top
    fig.update_xaxes(title={"text": escape_html(translate("prisoners.axis_held", lang))}, **_AXIS)
    return fig


def disappeared_figure(band: pd.DataFrame, lang: str) -> go.Figure:
    """Each body's missing-in-custody figure as a band from its lowest to its highest number, dated."""
    labels = [
        escape_html(_body(r.counting_body, lang))
        + " · "
        + escape_html(date_label(r.date_start, r.date_end, r.date_precision, lang))
        for r in band.itertuples()
    ]
    fig = go.Figure()
    for r, label in zip(band.itertuples(), labels):
        colour = BODY_COLOURS.get(r.counting_body, "#444444")
        ends = [v for v in (r.low, r.high) if pd.notna(v)]
        text = number_range(r.low, r.high)
        if pd.isna(r.high) or pd.isna(r.low):
            text = translate("prisoners.at_least", lang, value=int(ends[0]))
        fig.add_trace(
            go.Scatter(
                x=ends,
                y=[label] * len(ends),
                mode="lines+markers+text",
                line={"width": 18, "color": colour},
                opacity=0.9,
                marker={"size": 20, "color": colour, "symbol": "line-ns", "line": {"width": 4, "color": colour}},
                text=[""] * (len(ends) - 1) + [escape_html(text)],
                textposition="middle right",
                textfont={"size": 18, "color": "#222222"},
                showlegend=False,
                hovertext=escape_html(f"{text} — {r.note} — {r.source_ids.replace(';', ', ')}"),
                hoverinfo="text",
            )
        )
    top = max([v for v in pd.concat([band["low"], band["high"]]) if pd.notna(v)] or [10])
    fig.update_layout(
        **_LAYOUT,
        height=max(260, 70 * len(band) + 80),
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        xaxis={"range": [0, top * 1.3], "title": escape_html(translate("prisoners.axis_people", lang)), **_AXIS},
        yaxis={"autorange": "reversed", "tickfont": {"size": 17, "color": "#222222"}},
    )
    return fig


def status_figure(monthly: pd.DataFrame, lang: str) -> go.Figure:
    """Named persons by status at the end of each month, stacked."""
    fig = go.Figure()
    for status in DETAINEE_STATUSES:
        rows = monthly.loc[monthly["status"] == status]
        if rows.empty or rows["persons"].sum() == 0:
            continue
        fig.add_trace(
            go.Bar(
                x=rows["month"],
                y=rows["persons"],
                name=escape_html(translate(f"prisoners.status.{status}", lang)),
                marker={"color": STATUS_COLOURS[status], "line": {"width": 0}},
                hovertemplate="%{x|%b %Y}: %{y}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        **_LAYOUT,
        barmode="stack",
        bargap=0.05,
        height=440,
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        legend={"orientation": "h", "y": -0.15, "font": {"size": 18}, "traceorder": "normal"},
    )
    fig.update_yaxes(title={"text": escape_html(translate("prisoners.axis_people", lang))}, **_AXIS)
    fig.update_xaxes(type="date", **_AXIS)
    return fig
