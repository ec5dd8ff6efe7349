"""Sources page: every document the atlas cites, its type, and how many events and rows cite it."""

import pandas as pd
import streamlit as st

import ui
from atlas.derive import fold
from atlas.i18n import REVIEWED_LABELS
from atlas.schema import SOURCE_TYPES
from atlas.stats import citation_counts

ctx = ui.context()
st.title(ctx.t("sources.heading"))
st.write(ctx.t("sources.intro"))
ui.translation_note(ctx, ctx.lang in REVIEWED_LABELS)


def _table() -> pd.DataFrame:
    """The sources with their citation counts and a folded search text (built once per data and language)."""
    sources = ctx.data.tables["sources"]
    in_events, in_rows = citation_counts(ctx.data, ("events",)), citation_counts(ctx.data)
    return pd.DataFrame(
        {
            "_type": sources["type"],
            "_search": (sources["source_id"] + " " + sources["publisher"] + " " + sources["title"]).map(fold),
            ctx.t("sources.id"): sources["source_id"],
            ctx.t("sources.type"): sources["type"].map(lambda s: ctx.t(f"source_type.{s}")),
            ctx.t("sources.publisher"): sources["publisher"],
            ctx.t("sources.title"): sources["title"],
            ctx.t("sources.date"): sources["date"],
            ctx.t("sources.cited_by"): sources["source_id"].map(in_events).fillna(0).astype(int),
            ctx.t("sources.cited_rows"): sources["source_id"].map(in_rows).fillna(0).astype(int),
            ctx.t("sources.url"): sources["url"],  # only http(s) addresses pass validation
            ctx.t("source.archived_copy"): sources["archive_url"],
        }
    )


table = ui.per_language(ctx, "sources_table", _table)
query_col, types_col = st.columns([3, 2])
query = query_col.text_input(ctx.t("sources.find"), key="source_query")
types = types_col.multiselect(
    ctx.t("sources.types"),
    SOURCE_TYPES,
    format_func=lambda s: ctx.t(f"source_type.{s}"),
    key="source_types_shown",
    placeholder=ctx.t("sidebar.choose"),
    select_all=False,  # its "Select all" is English in every language
)
shown = table
if query.strip():
    shown = shown.loc[shown["_search"].str.contains(fold(query.strip()), regex=False)]
if types:
    shown = shown.loc[shown["_type"].isin(types)]
st.caption(ctx.t("sources.shown", shown=len(shown), total=len(table)))
# On a slide the table takes what is left of the screen (.st-key-sources_frame's height comes from the viewport).
with st.container(key="sources_frame") if ctx.view.present else st.container():
    st.dataframe(
        shown.drop(columns=["_type", "_search"]),
        hide_index=True,
        column_config={
            ctx.t("sources.url"): st.column_config.LinkColumn(ctx.t("sources.url")),
            ctx.t("source.archived_copy"): st.column_config.LinkColumn(ctx.t("source.archived_copy")),
        },
        width="stretch",
        height="stretch" if ctx.view.present else 720,
    )
