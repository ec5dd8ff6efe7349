"""Map page: the filtered events that have a place, drawn offline over bundled outlines."""

import streamlit as st

import ui
from atlas.maps import events_deck, located_events

ctx = ui.context()
st.title(ctx.t("map.heading"))
ui.sentence_line(ctx)
points = located_events(ctx.filtered, ctx.data.tables["places"], ctx.lang)
if points.empty:
    st.info(ctx.t("map.no_places"))
else:
    st.caption(ctx.t("map.points", count=len(points)))
    st.pydeck_chart(events_deck(points, ui.base_geojson()), height=640, key="events_map")
