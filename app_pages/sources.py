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
        "source_id": sources["source_id"],
        "type": sources["type"].map(lambda s: ctx.t(f"source_type.{s}")),
        "publisher": sources["publisher"],
        "title": sources["title"],
        "date": sources["date"],
        ctx.t("sources.cited_by"): sources["source_id"].map(cited).fillna(0).astype(int),
        "url": sources["url"],
    }
)
st.dataframe(
    table,
    hide_index=True,
    column_config={"url": st.column_config.LinkColumn("url", validate=r"^https?://")},
    width="stretch",
)
