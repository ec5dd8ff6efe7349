"""Karabakh Atlas entry point: page config, the shared sidebar filters, and navigation over app_pages/."""

import streamlit as st

import ui
import ui.publish
from atlas.i18n import translate

ui.seed_from_url()
presenting = bool(st.session_state.get("present"))
embedded = ui.publish.embedded()  # `embedded=1`: only the figure block, for an <iframe>
st.set_page_config(
    page_title="Karabakh Atlas",
    page_icon="🗺️",
    layout="wide",
    initial_sidebar_state="collapsed" if presenting or embedded else "auto",
)
ui.page_chrome(presenting, st.session_state.get("lang", "en"))
ui.publish.embed_chrome()

data = ui.load_data()
ui.publish.resolve_renamed(data)
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
st.session_state[ui.CURRENT_PAGE] = page.url_path
ui.forget_notices_after_first_page(page.url_path)
if not embedded:
    ui.publish.version_notice(ctx)
# Drawn before the page runs, so a page that stops early (nothing to show) still offers it.
ui.publish.publish_panel(ctx, view, page.url_path or "timeline")
notices = st.empty()
with notices.container():  # before the page, which may stop early (no events, no stories)...
    shown = ui.link_notices(view.lang)
page.run()
if ui.link_notices_changed(shown):  # ...and again if the page added its own (a story step past the end)
    with notices.container():
        ui.link_notices(view.lang)
# The page may have changed the selected event or story step; the URL records it so a copied link reopens it.
ui.sync_url(ui.current_view(view, page.url_path))


# Behind the load balancer (`make serve`) a viewer whose app process died reconnects to another process, which
# has no session for them. Streamlit's frontend asks for a full run on reconnecting only while the page holds
# a timed fragment: this hourly no-op is one, so the new process rebuilds the same view from the URL at once.
@st.fragment(run_every=3600)
def _rerun_after_reconnect() -> None:
    pass


_rerun_after_reconnect()
