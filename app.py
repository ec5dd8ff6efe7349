"""Karabakh Atlas entry point: page config, the shared sidebar filters, and navigation over app_pages/."""

import streamlit as st

import ui
import ui_publish
from atlas.i18n import translate

ui.seed_from_url()
presenting = bool(st.session_state.get("present"))
embedded = ui_publish.embedded()  # `embedded=1`: only the figure block, for an <iframe>
st.set_page_config(
    page_title="Karabakh Atlas",
    page_icon="🗺️",
    layout="wide",
    initial_sidebar_state="collapsed" if presenting or embedded else "auto",
)
ui.page_chrome(presenting, st.session_state.get("lang", "en"))
ui_publish.embed_chrome()

data = ui.load_data()
ui_publish.resolve_renamed(data)
view = ui.sidebar(data)
ctx = st.session_state["_context"] = ui.build_context(data, view)

t = lambda key: translate(key, view.lang)  # noqa: E731
pages = [
    st.Page(
        "app_pages/timeline.py", title=t("nav.timeline"), icon=":material/timeline:", url_path="timeline", default=True
    ),
    st.Page("app_pages/map.py", title=t("nav.map"), icon=":material/map:", url_path="map"),
    st.Page("app_pages/prisoners.py", title=t("nav.prisoners"), icon=":material/groups:", url_path="prisoners"),
    st.Page("app_pages/stories.py", title=t("nav.stories"), icon=":material/slideshow:", url_path="stories"),
    st.Page("app_pages/sources.py", title=t("nav.sources"), icon=":material/menu_book:", url_path="sources"),
]
page = st.navigation(pages, position="hidden" if presenting or embedded else "top")
if not embedded:
    ui_publish.version_notice(ctx)
# Drawn before the page runs, so a page that stops early (nothing to show) still offers it.
ui_publish.publish_panel(ctx, view, page.url_path or "timeline")
st.session_state[ui.STORY_SHOWN] = st.session_state[ui.MAP_SHOWN] = False
page.run()
# The page may have changed the selected event or story step; the URL records it so a copied link reopens it.
ui.sync_url(ui.current_view(view))
