"""Guided stories: step through a story with big buttons or a presentation clicker; kiosk autoplay and idle reset."""

import time
from dataclasses import replace

import pandas as pd
import streamlit as st

import ui
import ui_publish
from atlas.alt_text import step_map_alt
from atlas.codecs import LAST_DAY, quoted
from atlas.filters import apply_filters, describe
from atlas.handout import story_handout
from atlas.maps import FIT_WIDTH_PX, PHONE_WIDTH_PX, all_events_deck, era_legend, located_events
from atlas.maps.style import STORY_MAP_HEIGHT_PX
from atlas.params import Notice, filters_from_step
from atlas.safe import escape_markdown
from atlas.stories import clamp_step, map_view_state, next_step
from atlas.text import place_labels, source_links

ctx = ui.context()
stories, story_problems = ui.load_stories()
if not stories:
    st.info(ctx.t("stories.none"))
    st.stop()
by_id = {s.story_id: s for s in stories}
if st.session_state.get("story") not in by_id:
    if st.session_state.get("story"):  # a link naming a story this dataset lacks
        ui.add_notice(Notice("notice.unknown", "story", (("value", quoted(st.session_state["story"])),)))
    st.session_state["story"] = stories[0].story_id
story = by_id[st.session_state["story"]]
asked = st.session_state.get("step") or 1
st.session_state["step"] = clamp_step(story, asked)
if asked != st.session_state["step"]:  # a link's step past the end shows the last step, and says so
    raw = st.query_params.get("step") or str(asked)  # as the link wrote it (a huge number is read as 10**6)
    shown = {"total": str(len(story.steps)), "value": quoted(raw), "shown": str(st.session_state["step"])}
    ui.add_notice(Notice("notice.step", "step", tuple(shown.items())))
presenting = ctx.view.present


def _interacted() -> None:
    now = time.monotonic()
    st.session_state["_last_interaction"] = st.session_state["_last_advance"] = now


def _go(step: int) -> None:
    st.session_state["step"] = clamp_step(story, step)
    _interacted()


def _story_changed() -> None:
    st.session_state["step"] = 1
    _interacted()


st.session_state.setdefault("_last_interaction", time.monotonic())
st.session_state.setdefault("_last_advance", time.monotonic())

if not presenting:
    st.title(ctx.t("stories.heading"))
    st.selectbox(
        ctx.t("stories.choose"),
        list(by_id),
        format_func=lambda i: by_id[i].text(ctx.lang),
        key="story",
        on_change=_story_changed,
    )
    with st.expander(ctx.t("stories.kiosk")):
        st.number_input(ctx.t("stories.autoplay"), 0, 3600, step=5, key="autoplay")
        st.number_input(ctx.t("stories.idle"), 0, 3600, step=30, key="idle")
        st.toggle(ctx.t("stories.graphic"), key="graphic")
    ui.data_issues_list(story_problems)

step_number = st.session_state["step"]
step = story.steps[step_number - 1]
st.caption(
    f"{escape_markdown(story.text(ctx.lang))} · {ctx.t('stories.step', number=step_number, total=len(story.steps))}"
)

events = ctx.data.events
step_events = events.loc[events["event_id"] == step.event]
row = step_events.iloc[0] if len(step_events) else None
caption = step.caption.get(ctx.lang) or step.caption.get("en", "")
st.markdown(f"## {escape_markdown(caption)}")
ui.translation_note(ctx, story.hy_reviewed)
if step.event and row is None:
    # The story names an event the data no longer has: show the caption and say so, never fail the page.
    st.warning(ctx.t("stories.event_missing", event=escape_markdown(step.event)))

# A step may narrow the events as a permalink's filters would (e.g. cat: prisoners); the map then shows those.
step_filters = filters_from_step(step.filters)[0] if step.filters else None
chosen = apply_filters(events, step_filters) if step_filters is not None else None

text_col, map_col = st.columns([3, 2], gap="large")
with text_col:
    if chosen is not None:
        st.markdown(f"**{escape_markdown(describe(step_filters, ctx.lang, len(chosen), len(events)))}**")
    if row is not None:
        # Stories are shown to groups: graphic details stay hidden unless the presenter switches them on.
        ui.event_detail(ctx, row, hide_graphic=not st.session_state.get("graphic"))
    else:
        st.markdown(source_links(";".join(step.source_ids), ctx.data.tables["sources"], ctx.lang))
with map_col:
    if row is not None:
        points = located_events(events.loc[events["event_id"] == step.event], ctx.data.tables["places"], ctx.lang)
        places = ctx.data.tables["places"]
        day = row["date_start"].date().isoformat()  # borders as they were on the day of the event
        view = map_view_state(step.map_view, points, PHONE_WIDTH_PX if ui.on_phone() else FIT_WIDTH_PX)
        deck = all_events_deck(points, ui.geo_collections(), places, ctx.lang, day, view)
        place = place_labels(places, ctx.lang).get(row["place_id"], "")
        areas = list(era_legend(ui.geo_collections(), day, ctx.lang)["name"])
        alt = step_map_alt(row["date_start"].date(), place, areas, ctx.lang)
        st.pydeck_chart(deck, height=STORY_MAP_HEIGHT_PX, key=f"story_map_{story.story_id}_{step_number}", alt=alt)
        st.caption(escape_markdown(alt))
    elif chosen is not None:
        points = located_events(chosen, ctx.data.tables["places"], ctx.lang)
        last = chosen["date_end"].max() if len(chosen) else pd.Timestamp(LAST_DAY)
        view = map_view_state(step.map_view, points, PHONE_WIDTH_PX if ui.on_phone() else FIT_WIDTH_PX)
        deck = all_events_deck(points, ui.geo_collections(), ctx.data.tables["places"], ctx.lang,
                               last.date().isoformat(), view)  # fmt: skip
        st.pydeck_chart(deck, height=STORY_MAP_HEIGHT_PX, key=f"story_map_{story.story_id}_{step_number}")

back_col, forward_col = st.columns(2)
back_col.button(
    ctx.t("stories.back"),
    on_click=_go,
    args=(step_number - 1,),
    key="story_back",
    shortcut="PageUp",
    width="stretch",
    disabled=step_number == 1,
)
forward_col.button(
    ctx.t("stories.forward"),
    on_click=_go,
    args=(step_number + 1,),
    key="story_forward",
    shortcut="PageDown",
    type="primary",
    width="stretch",
    disabled=step_number == len(story.steps),
)
# Clickers send PageUp/PageDown; keyboards and some clickers send the arrow keys.
left_col, restart_col, right_col = st.columns(3)
left_col.button("←", on_click=_go, args=(step_number - 1,), key="story_left", shortcut="Left", type="tertiary")
restart_col.button(
    ctx.t("stories.restart"), on_click=_go, args=(1,), key="story_restart", shortcut="Home", type="tertiary"
)
right_col.button("→", on_click=_go, args=(step_number + 1,), key="story_right", shortcut="Right", type="tertiary")

autoplay, idle = int(st.session_state.get("autoplay") or 0), int(st.session_state.get("idle") or 0)
if autoplay or idle:

    @st.fragment(run_every=1)
    def _kiosk_clock() -> None:
        """Advance every `autoplay` seconds (looping), and go back to step 1 after `idle` seconds untouched."""
        now = time.monotonic()
        if idle and st.session_state["step"] != 1 and now - st.session_state["_last_interaction"] >= idle:
            st.session_state["step"] = 1
            st.session_state["_last_interaction"] = st.session_state["_last_advance"] = now
            st.rerun(scope="app")
        if autoplay and now - st.session_state["_last_advance"] >= autoplay:
            st.session_state["step"] = next_step(story, st.session_state["step"], loop=True)
            st.session_state["_last_advance"] = now
            st.rerun(scope="app")

    _kiosk_clock()

if not presenting:
    st.caption(ctx.t("stories.permalink"))
    st.code(ui.permalink_query(ctx, story=story.story_id, step=step_number, present=True), language=None)
    # A printable handout, one page per step, each with a QR code of its step (built on click only).
    paper_col, handout_col = st.columns([1, 3], vertical_alignment="bottom")
    with paper_col:
        paper = ui.paper_choice()
    here = ui.current_view(ctx.view)  # absolute links, pinned to the dataset version
    links = {
        n: ui_publish.link_to(replace(here, story=story.story_id, step=n, present=True))
        for n in range(1, len(story.steps) + 1)
    }
    handout_col.download_button(
        ctx.t("handout.story"),
        lambda: story_handout(story, ctx.data, ctx.lang, links.get, paper),
        f"karabakh-atlas-{story.story_id}-{ctx.lang}-{paper.lower()}.pdf",
        "application/pdf",
        key="handout_story",
        on_click="ignore",
    )
