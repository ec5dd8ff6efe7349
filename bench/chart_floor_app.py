"""The framework floor plus one chart component: `?chart=plotly` (one tiny plotly figure, as the timeline
and prisoners pages use) or `?chart=pydeck` (one point on an offline pydeck map, as the map page uses).
It separates what a component's own JavaScript costs a page load from what the app's pages do."""

import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

st.write("Karabakh Atlas benchmark: one chart")
if st.query_params.get("chart") == "pydeck":
    layer = pdk.Layer("ScatterplotLayer", data=[{"lon": 46.75, "lat": 39.82}], get_position=["lon", "lat"])
    view = pdk.ViewState(latitude=39.82, longitude=46.75, zoom=6)
    st.pydeck_chart(pdk.Deck(layers=[layer], initial_view_state=view, map_provider=None, map_style=None))
else:
    st.plotly_chart(go.Figure(go.Scatter(x=[1918, 2026], y=[0, 1])))
