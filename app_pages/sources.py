"""Sources page: every document the atlas cites, its type, and how many events cite it."""

import pandas as pd
import streamlit as st

import ui

ctx = ui.context()
st.title(ctx.t("sources.heading"))
st.write(ctx.t("sources.intro"))
sources = ctx.data.tables["sources"]
cited = ctx.data.events["source_ids"].str.split(";").explode().str.strip().value_counts()
table = pd.DataFrame(
    {
        ctx.t("sources.id"): sources["source_id"],
        ctx.t("sources.type"): sources["type"].map(lambda s: ctx.t(f"source_type.{s}")),
        ctx.t("sources.publisher"): sources["publisher"],
        ctx.t("sources.title"): sources["title"],
        ctx.t("sources.date"): sources["date"],
        ctx.t("sources.cited_by"): sources["source_id"].map(cited).fillna(0).astype(int),
        ctx.t("sources.url"): sources["url"],  # only http(s) addresses pass validation
    }
)
st.dataframe(
    table,
    hide_index=True,
    column_config={ctx.t("sources.url"): st.column_config.LinkColumn(ctx.t("sources.url"))},
    width="stretch",
)
