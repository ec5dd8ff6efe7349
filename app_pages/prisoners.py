"""Prisoners page: counts of Armenians held in Azerbaijan, one line per counting body, each sourced."""

import streamlit as st

import ui
from atlas.figures import held_over_time_figure
from atlas.i18n import format_day

ctx = ui.context()
counts = ctx.data.tables["prisoner_counts"]
st.title(ctx.t("prisoners.heading"))
if counts["held_total"].notna().sum() == 0:
    st.info(ctx.t("prisoners.none"))
    st.stop()
st.plotly_chart(held_over_time_figure(counts, ctx.lang), key="held_chart", width="stretch")
held = counts.dropna(subset=["held_total"])
latest = held["date_end"].max().date()
cited = sorted({i.strip() for cell in held["source_ids"] for i in cell.split(";") if i.strip()})
st.caption(ctx.t("prisoners.as_of", date=format_day(latest, ctx.lang), sources=", ".join(cited)))
