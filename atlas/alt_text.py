"""Text alternatives for charts and maps, written from the data they draw: one or two plain sentences saying what
is shown, over which range, and the notable values, for screen readers and for anyone who cannot see the figure.

Pure module (no streamlit). Years are passed as text so that no locale writes "1,918".
"""

from __future__ import annotations

import html
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_skeleton

from atlas.i18n import format_day, format_number, translate

MAX_NAMED_SERIES = 6


def _month(value: pd.Timestamp, lang: str) -> str:
    locale = {"en": "en_GB"}.get(lang, lang)
    return format_skeleton("yMMM", value.to_pydatetime(), locale=locale)


def timeline_alt(events: pd.DataFrame, lang: str) -> str:
    """The timeline: how many events over which years, the most frequent kind, the busiest year, how many contested."""
    if events.empty:
        return translate("alt.empty", lang)
    years = events["date_start"].dt.year
    busiest = years.value_counts().sort_index().idxmax()  # the earliest of equally busy years
    kinds = events["category"].value_counts()
    return translate(
        "alt.timeline",
        lang,
        count=len(events),
        first=str(years.min()),
        last=str(events["date_end"].dt.year.max()),
        category=translate(f"category.{kinds.index[0]}", lang),
        category_count=int(kinds.iloc[0]),
        year=str(busiest),
        year_count=int((years == busiest).sum()),
        contested=int((events["confidence"] == "contested").sum()),
    )


def step_map_alt(day: date, place: str, areas: list[str], lang: str) -> str:
    """A story step's map: the borders of the day, the place marked, the era shapes shown."""
    text = translate("alt.step_map", lang, day=format_day(day, lang), place=place or "—")
    if areas:
        text += " " + translate("alt.areas", lang, areas="; ".join(dict.fromkeys(areas)))
    return text


def _points(trace) -> pd.DataFrame:
    """(label, value) of a trace's marks: the label is the date or category axis, the value the numeric one."""
    labels, values = getattr(trace, "x", None), getattr(trace, "y", None)
    if labels is None or values is None or len(labels) != len(values):
        return pd.DataFrame(columns=["label", "when", "value"])
    numeric_x = pd.api.types.is_numeric_dtype(pd.Series(list(labels)))  # dates are datetime64, not numbers
    if getattr(trace, "orientation", None) == "h" or numeric_x:  # horizontal: the numbers run along x
        labels, values = values, labels
    labels = [html.unescape(str(v)).replace("<br>", " — ") for v in labels]
    frame = pd.DataFrame(
        {"label": [str(v) for v in labels], "value": pd.to_numeric(pd.Series(list(values)), errors="coerce")}
    )
    frame["when"] = pd.to_datetime(pd.Series(list(labels)), errors="coerce", format="mixed")
    return frame.dropna(subset=["value"])


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def figure_alt(fig: go.Figure, subject: str, lang: str) -> str:
    """A chart described from its named series: which series, the months it covers (when dated), and its
    largest value with its series and date or category. Unnamed helper traces (whiskers, spans) are skipped."""
    series = []
    for trace in fig.data:
        if not trace.name or trace.showlegend is False:
            continue
        points = _points(trace)
        if len(points):
            series.append((trace.name, points))
    if not series:  # a chart of unnamed marks (ranges per counting body): every mark, named by its label
        series = [("", points) for points in map(_points, fig.data) if len(points)]
    if not series:
        return translate("alt.empty", lang)
    every = pd.concat([points.assign(name=name) for name, points in series], ignore_index=True)
    top = every.loc[every["value"].abs().idxmax()]
    names = list(dict.fromkeys(name for name, _ in series if name))
    if not names:
        return translate(
            "alt.chart_marks",
            lang,
            subject=subject,
            count=len(every),
            low=format_number(_number(every["value"].min()), lang),
            high=format_number(_number(every["value"].max()), lang),
            when=every.loc[every["value"].idxmax(), "label"],
        )
    dated = every["when"].notna().all()
    value = abs(float(top["value"]))
    top_label = top["name"]
    return translate(
        "alt.chart" if dated else "alt.chart_categories",
        lang,
        subject=subject,
        count=len(names),
        names=", ".join(names[:MAX_NAMED_SERIES]) + ("…" if len(names) > MAX_NAMED_SERIES else ""),
        first=_month(every["when"].min(), lang) if dated else "",
        last=_month(every["when"].max(), lang) if dated else "",
        value=format_number(_number(value), lang),
        series=top_label,
        when=_month(top["when"], lang) if dated else top["label"],
    )
