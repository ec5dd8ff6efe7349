"""Text alternatives for charts and maps, written from the data they draw: one or two plain sentences saying what
is shown, over which range, and the notable values, for screen readers and for anyone who cannot see the figure.

Pure module (no streamlit). Years are passed as text so that no locale writes "1,918".
"""

from __future__ import annotations

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


def _numeric_points(trace) -> pd.DataFrame:
    x, y = getattr(trace, "x", None), getattr(trace, "y", None)
    if x is None or y is None or len(x) != len(y):
        return pd.DataFrame(columns=["x", "y"])
    frame = pd.DataFrame({"x": pd.to_datetime(pd.Series(list(x)), errors="coerce"), "y": pd.Series(list(y))})
    frame["y"] = pd.to_numeric(frame["y"], errors="coerce")
    return frame.dropna()


def figure_alt(fig: go.Figure, subject: str, lang: str) -> str:
    """A dated chart (x: dates, y: numbers) described from its named series: which series, the months it
    covers, and its largest value with its series and month. Unnamed helper traces (whiskers, spans) are skipped."""
    series = []
    for trace in fig.data:
        if not trace.name or trace.showlegend is False:
            continue
        points = _numeric_points(trace)
        if len(points):
            series.append((trace.name, points))
    if not series:
        return translate("alt.empty", lang)
    every = pd.concat([points.assign(name=name) for name, points in series], ignore_index=True)
    top = every.loc[every["y"].abs().idxmax()]
    names = list(dict.fromkeys(name for name, _ in series))
    shown = ", ".join(names[:MAX_NAMED_SERIES]) + ("…" if len(names) > MAX_NAMED_SERIES else "")
    return translate(
        "alt.chart",
        lang,
        subject=subject,
        count=len(names),
        names=shown,
        first=_month(every["x"].min(), lang),
        last=_month(every["x"].max(), lang),
        value=format_number(abs(int(top["y"])) if float(top["y"]).is_integer() else abs(float(top["y"])), lang),
        series=top["name"],
        when=_month(top["x"], lang),
    )
