"""Karabakh Atlas entry point: page config, the shared sidebar filters, and navigation over app_pages/."""

from dataclasses import replace

import streamlit as st

import ui
from atlas.i18n import translate

st.set_page_config(page_title="Karabakh Atlas", page_icon="🗺️", layout="wide", initial_sidebar_state="auto")

data = ui.load_data()
view = ui.sidebar(data)
st.session_state["_context"] = ui.build_context(data, view)

t = lambda key: translate(key, view.lang)  # noqa: E731
pages = [
    st.Page(
        "app_pages/timeline.py", title=t("nav.timeline"), icon=":material/timeline:", url_path="timeline", default=True
    ),
    st.Page("app_pages/map.py", title=t("nav.map"), icon=":material/map:", url_path="map"),
    st.Page("app_pages/prisoners.py", title=t("nav.prisoners"), icon=":material/groups:", url_path="prisoners"),
    st.Page("app_pages/sources.py", title=t("nav.sources"), icon=":material/menu_book:", url_path="sources"),
]
page = st.navigation(pages, position="top")
page.run()
# The page may have changed the selected event; the URL records it so a copied link reopens it.
ui.sync_url(replace(view, event=st.session_state.get("event", "")))
