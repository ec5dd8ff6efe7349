"""Streamlit glue for publishing a view: cite it, link it, embed it, export it, and say when a link is old.

The decisions live in atlas/cite.py, atlas/versions.py and atlas/package.py; this module only places them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import streamlit as st

import ui
from atlas import __version__
from atlas.cite import (
    Citation,
    bibtex,
    cited_ids,
    csl_json,
    fallback_snippet,
    iframe_snippet,
    long_citation,
    permalink,
    publishers_of,
    short_citation,
)
from atlas.package import data_package_zip, events_geojson, incursions_geojson
from atlas.params import ViewState, to_params
from atlas.safe import escape_markdown
from atlas.versions import changes_since, read_manifest, read_redirects, resolve, row_hashes

EMBED_HEIGHT = 600  # the snippet's frame: the chart, its caption, its sources line and the link back
EMBED_CHART_HEIGHT = 390
_REDIRECTED = "_ids_redirected"

# An embedded view: no sidebar, navigation, header or toolbar, and no padding wasted in a small frame.
# A constant, never data.
EMBED_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.5rem 1rem; max-width: 100%; }
</style>"""


def embedded() -> bool:
    return bool(st.session_state.get("embedded"))


def embed_chrome() -> None:
    if embedded():
        st.html(EMBED_CSS)


def today() -> datetime:
    return datetime.now(UTC)


# --- renamed ids and old versions -----------------------------------------------------------------------


@st.cache_data(max_entries=4, show_spinner=False)
def _redirects(folder: str, stamp: tuple) -> dict[str, str]:
    return read_redirects(Path(folder))


def resolve_renamed(data) -> None:
    """Once per session: an old link's event or place ids that were renamed open under their new ids."""
    if st.session_state.get(_REDIRECTED):
        return
    st.session_state[_REDIRECTED] = True
    redirects = _redirects(str(data.folder), _stamp(data))
    if not redirects:
        return
    if st.session_state.get("event"):
        st.session_state["event"] = resolve(st.session_state["event"], redirects)
    if st.session_state.get("places"):
        st.session_state["places"] = list(dict.fromkeys(resolve(p, redirects) for p in st.session_state["places"]))


def _stamp(data) -> tuple:
    folder = data.folder
    files = [folder / "redirects.csv", *sorted((folder / "versions").glob("*.json"))]
    return ui._data_stamp(folder) + tuple((f.name, f.stat().st_mtime) for f in files if f.exists())


@st.cache_data(max_entries=8, show_spinner=False)
def _changes(folder: str, stamp: tuple, old: str) -> dict | None:
    before = read_manifest(Path(folder), old)
    if before is None:
        return None
    return changes_since(before, row_hashes(Path(folder)))


def version_notice(ctx: ui.Context) -> None:
    """When the link was made with another dataset version: say so, and list what changed since."""
    old = ctx.view.version
    if not old or old == __version__:
        return
    changes = _changes(str(ctx.data.folder), _stamp(ctx.data), old)
    if changes is None:
        st.warning(ctx.t("version.unknown", old=old, new=__version__), icon=":material/history:")
        return
    if not changes:
        st.info(ctx.t("version.nothing", old=old, new=__version__), icon=":material/history:")
        return
    summary = "; ".join(
        ctx.t("version.summary", table=name, added=len(c.added), removed=len(c.removed), edited=len(c.edited))
        for name, c in changes.items()
    )
    st.warning(
        escape_markdown(ctx.t("version.changed", old=old, new=__version__, summary=summary)), icon=":material/history:"
    )
    rows = [
        {ctx.t("version.table"): name, ctx.t("version.kind"): ctx.t(f"version.kind.{kind}"), ctx.t("version.row"): i}
        for name, c in changes.items()
        for kind in ("added", "removed", "edited")
        for i in getattr(c, kind)
    ]
    with st.expander(ctx.t("version.ids", old=old)):
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


# --- what is shown, per page ------------------------------------------------------------------------------


def shown_sources(ctx: ui.Context, page: str) -> tuple[list[str], tuple[str, ...]]:
    """Source ids of what the page shows (most cited first) and the counting bodies or claimants named."""
    tables = ctx.data.tables
    if page == "prisoners":
        counts = tables["prisoner_counts"]
        ids = cited_ids([*counts["source_ids"], *tables["detainees"]["source_ids"]])
        bodies = tuple(dict.fromkeys(ctx.t(f"body.{b}") for b in counts["counting_body"] if b))
        return ids, bodies
    if page == "sources":
        return sorted(tables["sources"]["source_id"]), ()
    if page == "map" and st.session_state.get("map_mode") == "incursions":
        return cited_ids(tables["incursions"]["source_ids"]), ()
    events = ctx.filtered
    claims = tables["claims"].loc[tables["claims"]["event_id"].isin(events["event_id"])]
    ids = cited_ids([*events["source_ids"], *claims["source_id"]])
    bodies = tuple(dict.fromkeys(c.strip() for c in claims["claimant"] if str(c).strip()))
    return ids, bodies


def link_to(view: ViewState, embed: bool = False) -> str:
    return permalink(st.context.url, to_params(replace(view, version="", embedded=False)), __version__, embed)


def citation(ctx: ui.Context, view: ViewState, page: str) -> Citation:
    ids, bodies = shown_sources(ctx, page)
    return Citation(
        title=ctx.t(f"nav.{page}"),
        sentence=ctx.sentence,
        permalink=link_to(view),
        accessed=today().date(),
        lang=ctx.lang,
        publishers=publishers_of(ids, ctx.data.tables["sources"]),
        bodies=bodies,
    )


# --- the panel under every page ---------------------------------------------------------------------------


def publish_panel(ctx: ui.Context, view: ViewState, page: str) -> None:
    """In the sidebar of every page: cite this view (short, long, BibTeX, CSL-JSON), its permalink and, where it
    has one, its embed code. The view is the one the page is about to show: its story or map state counts
    only on its own page (as in ui.current_view)."""
    if embedded() or view.present:
        return
    c = citation(ctx, ui.current_view(view, page), page)
    with st.sidebar.expander(ctx.t("cite.heading"), icon=":material/format_quote:", key="cite_panel"):
        st.caption(ctx.t("cite.help"))
        for label, text in (
            (ctx.t("cite.link", version=__version__), c.permalink),
            (ctx.t("cite.short_label"), short_citation(c)),
            (ctx.t("cite.long_label"), long_citation(c)),
        ):
            st.markdown(escape_markdown(label))
            st.code(text, language=None, wrap_lines=True)  # its copy button copies it in one click
        files = (
            ("cite.bibtex", bibtex(c), "karabakh-atlas.bib", "application/x-bibtex", "cite_bibtex"),
            ("cite.csl", csl_json(c), "karabakh-atlas.csl.json", "application/vnd.citationstyles.csl+json", "cite_csl"),
        )
        for column, (label, text, name, mime, key) in zip(st.columns(2), files):
            column.download_button(ctx.t(label), text.encode("utf-8"), name, mime, key=key, on_click="ignore")
        if page == "timeline":
            st.markdown(f"**{escape_markdown(ctx.t('embed.heading'))}**")
            st.caption(ctx.t("embed.help"))
            title = ctx.t("embed.title", title=ctx.t(f"nav.{page}"), sentence=ctx.sentence)
            snippet = iframe_snippet(link_to(ui.current_view(view, page), embed=True), title, EMBED_HEIGHT)
            st.code(snippet, language="html", wrap_lines=True)
            image = "karabakh-atlas-timeline.png"
            st.caption(ctx.t("embed.fallback", file=image))
            st.code(fallback_snippet(c.permalink, image, title), language="html", wrap_lines=True)


# --- the embedded figure block and the exports ------------------------------------------------------------


def embed_footer(ctx: ui.Context, view: ViewState, page: str) -> None:
    """Under an embedded figure: its sources line and a link to the full view."""
    ids, _ = shown_sources(ctx, page)
    names = publishers_of(ids, ctx.data.tables["sources"])
    shown = ", ".join(names[:8]) + ("…" if len(names) > 8 else "")
    st.caption(escape_markdown(ctx.t("embed.sources", count=len(ids), names=shown)))
    st.link_button(ctx.t("embed.open"), link_to(view), icon=":material/open_in_new:")


def data_exports(ctx: ui.Context) -> None:
    """The data package and the events' GeoJSON, built only when their button is clicked."""
    view = ui.current_view(ctx.view)
    events, tables = ctx.filtered, ctx.data.tables
    package_col, geo_col = st.columns(2)
    package_col.download_button(
        ctx.t("export.package"),
        lambda: data_package_zip(events, tables, ctx.sentence, link_to(view), today().date()),
        "karabakh-atlas-datapackage.zip",
        "application/zip",
        key="export_package",
        on_click="ignore",
        help=ctx.t("export.package_help"),
    )
    with geo_col:
        events_geojson_button(ctx)


def events_geojson_button(ctx: ui.Context) -> None:
    view = ui.current_view(ctx.view)
    events, places = ctx.filtered, ctx.data.tables["places"]
    st.download_button(
        ctx.t("export.geojson"),
        lambda: events_geojson(events, places, ctx.sentence, link_to(view)),
        "karabakh-atlas-events.geojson",
        "application/geo+json",
        key="export_geojson",
        on_click="ignore",
    )


def incursions_export(ctx: ui.Context) -> None:
    view = ui.current_view(ctx.view)
    tables = ctx.data.tables
    st.download_button(
        ctx.t("export.incursions_geojson"),
        lambda: incursions_geojson(tables["incursions"], tables["places"], ctx.t("map.heading"), link_to(view)),
        "karabakh-atlas-incursions.geojson",
        "application/geo+json",
        key="export_incursions_geojson",
        on_click="ignore",
    )
