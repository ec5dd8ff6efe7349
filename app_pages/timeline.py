"""Timeline page: the filtered events on a plotly timeline, one event's detail, and exports."""

import pandas as pd
import streamlit as st

import ui
import ui.publish
from atlas.alt_text import timeline_alt
from atlas.export import events_csv, events_json, events_timelinejs
from atlas.figures import MAX_DRAWN_EVENTS, image_export_config
from atlas.handout import timeline_handout
from atlas.i18n import format_period
from atlas.safe import escape_markdown
from atlas.schema import ERAS

ctx = ui.context()
events = ctx.filtered
present = ctx.view.present
era_names = [e[0] for e in ERAS]


def _era_label(era: str) -> str:
    return ctx.t("timeline.focus_all") if not era else ctx.t(f"era.{era}")


def _focus_picker() -> None:
    """Zoom the axis to one era (the quiet 1924-1987 stretch otherwise takes half the width); the first
    option goes back to every year."""
    if st.session_state.get("focus") not in era_names:
        st.session_state["focus"] = ""
    st.selectbox(
        ctx.t("timeline.focus"),
        ["", *era_names],
        format_func=_era_label,
        key="focus",
        placeholder=ctx.t("sidebar.choose"),
    )


if ctx.view.embedded:
    pass  # embedded, the chart's own title carries the sentence
elif present:
    title_col, focus_col = st.columns([3, 2], vertical_alignment="bottom")
    title_col.markdown(f"### {escape_markdown(ctx.t('timeline.heading'))}")
    title_col.caption(escape_markdown(ctx.sentence))
    with focus_col:
        _focus_picker()
else:
    st.html(ui.TIMELINE_TITLE_CSS)  # the sentence is printed above the chart: not twice
    st.title(ctx.t("timeline.heading"))
    st.markdown(escape_markdown(ctx.t("app.intro")))
    sentence_col, focus_col = st.columns([3, 2], vertical_alignment="bottom")
    with sentence_col:
        ui.sentence_line(ctx)
    with focus_col:
        _focus_picker()

if events.empty:
    st.info(ctx.t("data.empty"))
    st.stop()

ids = events["event_id"].tolist()
if st.session_state.get("event") not in ids:
    st.session_state["event"] = ids[0]
drawn_one_by_one = len(events) <= MAX_DRAWN_EVENTS
chart_col, detail_col = st.columns([3, 2], gap="medium") if present else (st.container(), st.container())

with chart_col, st.container(key="timeline_frame"):
    chart = st.plotly_chart(
        ui.timeline_chart(ctx, st.session_state["event"], st.session_state.get("focus") or ""),
        key="timeline_chart",
        width="stretch",
        height=ui.publish.EMBED_CHART_HEIGHT if ctx.view.embedded else "stretch" if present else "content",
        config=image_export_config("timeline"),
        on_select="rerun",
        selection_mode="points",
    )
clicked = [p.get("customdata") for p in chart.selection.points if p.get("customdata") in ids] if chart else []
# A click selects its event once; the same selection seen again on later reruns must not undo Next/Previous.
if clicked and clicked != st.session_state.get("_last_click"):
    st.session_state["event"] = clicked[0]
st.session_state["_last_click"] = clicked
if not present:
    if drawn_one_by_one:
        st.caption(ctx.t("timeline.caption"))
    else:
        st.caption(ctx.t("timeline.aggregated", count=len(events)))
if ctx.view.embedded:  # an <iframe> of the view: the figure block only (ui.publish.EMBED_CSS hides the rest)
    ui.publish.embed_footer(ctx, ui.current_view(ctx.view), "timeline")
    st.stop()
if not present:  # on a slide the presenter speaks; the chart in words is on every other view
    st.caption(escape_markdown(timeline_alt(events, ctx.lang)))  # the chart in words, for screen readers too

# --- one event, stepped through with previous / next -------------------------------------------
if not drawn_one_by_one:
    # Thousands of options would make the page heavy to send and useless to scroll: narrow first.
    detail_col.info(ctx.t("timeline.narrow_to_step", count=MAX_DRAWN_EVENTS))
else:

    def _option_labels() -> dict[str, str]:
        """'date · title' for every event in this language: one Babel call per event, so built once, not per run."""
        every = ctx.data.events
        title_col = f"title_{ctx.lang}"
        titles = every[title_col].where(every[title_col] != "", every["title_en"])
        periods = (
            format_period(start.date(), end.date(), precision, ctx.lang)
            for start, end, precision in zip(every["date_start"], every["date_end"], every["date_precision"])
        )
        return {i: f"{period} · {title}" for i, period, title in zip(every["event_id"], periods, titles)}

    option_labels = ui.per_language(ctx, "event_option_labels", _option_labels)
    if ctx.view.classroom:  # graphic titles stay out of the list too
        graphic = set(ctx.data.events.loc[ctx.data.events["graphic"].astype(bool), "event_id"])
        option_labels = {
            i: (label.split(" · ", 1)[0] + " · " + ctx.t("event.graphic_short")) if i in graphic else label
            for i, label in option_labels.items()
        }

    def _step(offset: int) -> None:
        position = ids.index(st.session_state["event"]) + offset
        st.session_state["event"] = ids[max(0, min(len(ids) - 1, position))]

    row = events.loc[events["event_id"] == st.session_state["event"]].iloc[0]
    with detail_col:
        if present:
            # The slide shows the event stepped to: PageDown moves the outline on the chart and the text beside it.
            previous_col, where_col, next_col = st.columns([2, 1, 2], vertical_alignment="center")
            where_col.markdown(f"**{ids.index(row['event_id']) + 1}/{len(ids)}**")
        else:
            previous_col, select_col, next_col = st.columns([2, 5, 2], vertical_alignment="bottom")
            select_col.selectbox(
                ctx.t("timeline.select"),
                ids,
                format_func=option_labels.get,
                key="event",
                placeholder=ctx.t("sidebar.choose"),
            )
        # PageUp / PageDown are what presentation clickers send.
        previous_col.button(
            ctx.t("timeline.previous"), on_click=_step, args=(-1,), width="stretch", key="previous", shortcut="PageUp"
        )
        next_col.button(
            ctx.t("timeline.next"), on_click=_step, args=(1,), width="stretch", key="next", shortcut="PageDown"
        )
        if present:
            ui.event_slide(ctx, row)
            st.stop()  # one slide: exports, table and era notes are for the laptop view
        ui.event_detail(ctx, row)

# --- exports of exactly the filtered rows, built only when a button is clicked -----------------
sources = ctx.data.tables["sources"]
csv_col, json_col, tljs_col = st.columns(3)
csv_col.download_button(
    ctx.t("export.csv"),
    lambda: events_csv(events),
    "karabakh-atlas-events.csv",
    "text/csv",
    key="export_csv",
    on_click="ignore",
)
json_col.download_button(
    ctx.t("export.json"),
    lambda: events_json(events, sources, ctx.sentence, ctx.data.tables["claims"]),
    "karabakh-atlas-events.json",
    "application/json",
    key="export_json",
    on_click="ignore",
)
tljs_col.download_button(
    ctx.t("export.timelinejs"),
    lambda: events_timelinejs(events, sources, ctx.sentence, ctx.lang),
    "karabakh-atlas-timelinejs.json",
    "application/json",
    key="export_timelinejs",
    on_click="ignore",
)
ui.publish.data_exports(ctx)
# A printable handout of this view: built on click only (a chart and a long table take seconds).
paper_col, handout_col = st.columns([1, 3], vertical_alignment="bottom")
with paper_col:
    paper = ui.paper_choice()
view_link = ui.publish.link_to(ui.current_view(ctx.view))  # absolute, pinned to the dataset version
handout_col.download_button(
    ctx.t("handout.timeline"),
    lambda: timeline_handout(events, ctx.data, ctx.lang, ctx.sentence, view_link, paper),
    f"karabakh-atlas-timeline-{ctx.lang}-{paper.lower()}.pdf",
    "application/pdf",
    key="handout_timeline",
    on_click="ignore",
)
# Built only while open: a closed table would still cost a frame per run and the browser its 1.2 MB grid chunk.
table = st.expander(ctx.t("timeline.table"), key="events_table", on_change="rerun")
if table.open:
    shown = events.head(MAX_DRAWN_EVENTS)  # a text alternative to the chart, bounded like the chart
    table.dataframe(
        pd.DataFrame(
            {
                ctx.t("event.date"): shown["date_display"],
                ctx.t("timeline.select"): shown[f"title_{ctx.lang}"].where(
                    shown[f"title_{ctx.lang}"] != "", shown["title_en"]
                ),
                ctx.t("sidebar.categories"): shown["category"].map(lambda c: ctx.t(f"category.{c}")),
                ctx.t("event.confidence"): shown["confidence"].map(lambda c: ctx.t(f"confidence.{c}")),
            }
        ),
        hide_index=True,
        width="stretch",
    )
with st.expander(ctx.t("timeline.eras")):
    for era, _, _ in ERAS:
        name, about = escape_markdown(ctx.t(f"era.{era}")), escape_markdown(ctx.t(f"era_about.{era}"))
        st.markdown(f"**{name}**{ui.colon(ctx.lang)} {about}")
