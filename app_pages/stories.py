"""Guided stories: step through a story with big buttons or a presentation clicker; kiosk autoplay and idle reset."""

import time
from dataclasses import replace

import pandas as pd
import streamlit as st

import ui
import ui.publish
from atlas.alt_text import step_map_alt
from atlas.codecs import LAST_DAY, quoted
from atlas.filters import apply_filters, describe
from atlas.handout import story_handout
from atlas.maps import PHONE_WIDTH_PX, era_legend, located_events
from atlas.params import Notice, filters_from_step
from atlas.safe import escape_markdown
from atlas.stories import STORY_MAP_WIDTH_PX, KioskClock, clamp_step, kiosk_tick, map_view_state, story_deck
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


# Idle counts from the last human input only. A kiosk opened with autoplay runs on its own, so nobody has
# touched it yet (None); a link opened without autoplay is someone's choice of step, so its opening counts.
st.session_state.setdefault("_last_interaction", None if st.session_state.get("autoplay") else time.monotonic())
st.session_state.setdefault("_last_advance", time.monotonic())

if not presenting:
    st.title(ctx.t("stories.heading"))
    st.selectbox(
        ctx.t("stories.choose"),
        list(by_id),
        format_func=lambda i: by_id[i].text(ctx.lang),
        key="story",
        on_change=_story_changed,
        placeholder=ctx.t("sidebar.choose"),
    )
    with st.expander(ctx.t("stories.kiosk")):
        st.number_input(ctx.t("stories.autoplay"), 0, 3600, step=5, key="autoplay")
        st.number_input(ctx.t("stories.idle"), 0, 3600, step=30, key="idle")
        st.toggle(ctx.t("stories.graphic"), key="graphic")
    ui.data_issues_list(story_problems)

step_number = st.session_state["step"]
step = story.steps[step_number - 1]
events = ctx.data.events
step_events = events.loc[events["event_id"] == step.event]
row = step_events.iloc[0] if len(step_events) else None
caption = step.caption.get(ctx.lang) or step.caption.get("en", "")
hide_graphic = not st.session_state.get("graphic")  # shown to groups: graphic details only when asked

# One step, one screen: where we are, the caption as headline, the event beside its map, Back/Next.
where = [story.text(ctx.lang), ctx.t("stories.step", number=step_number, total=len(story.steps))]
if ctx.lang == "hy" and not story.hy_reviewed:  # said on the slide's first line, not on a line of its own
    where.append(ctx.t("translation.not_reviewed"))
st.caption(escape_markdown(" · ".join(where)))
ui.headline(caption)
if step.event and row is None:
    # The story names an event the data no longer has: show the caption and say so, never fail the page.
    st.warning(ctx.t("stories.event_missing", event=escape_markdown(step.event)))

# A step may narrow the events as a permalink's filters would (e.g. cat: prisoners); the map then shows those.
step_filters = filters_from_step(step.filters)[0] if step.filters else None
chosen = apply_filters(events, step_filters) if step_filters is not None else None

text_col, map_col = st.columns([5, 4], gap="medium")
with text_col:
    if chosen is not None:
        st.markdown(f"**{escape_markdown(describe(step_filters, ctx.lang, len(chosen), len(events)))}**")
    if row is not None:
        ui.event_slide(ctx, row, hide_graphic=hide_graphic)
    else:
        ids = ";".join(step.source_ids)
        st.caption(escape_markdown(ui.source_footer(ctx, ids)))
        with st.expander(ctx.t("event.more_sources")):
            st.markdown(source_links(ids, ctx.data.tables["sources"], ctx.lang))
with map_col:
    places = ctx.data.tables["places"]
    alt = None
    if row is not None:
        shown = events.loc[events["event_id"] == step.event]
        day = row["date_start"].date().isoformat()  # borders as they were on the day of the event
    elif chosen is not None:
        shown = chosen
        day = (chosen["date_end"].max() if len(chosen) else pd.Timestamp(LAST_DAY)).date().isoformat()
    else:
        shown = events.iloc[0:0]
        day = events["date_start"].max().date().isoformat()
    points = located_events(shown, places, ctx.lang)
    width = PHONE_WIDTH_PX if ui.on_phone() else STORY_MAP_WIDTH_PX
    view = map_view_state(step.map_view, points, width)
    deck = story_deck(
        points, row["place_id"] if row is not None else "", ui.geo_collections(), places, ctx.lang, day, view
    )
    if row is not None:
        place = place_labels(places, ctx.lang).get(row["place_id"], "")
        areas = list(era_legend(ui.geo_collections(), day, ctx.lang)["name"])
        alt = step_map_alt(row["date_start"].date(), place, areas, ctx.lang)
    with st.container(key="slide_frame"):
        st.pydeck_chart(deck, height="stretch", key=f"story_map_{story.story_id}_{step_number}", alt=alt)
    if alt and not presenting:  # on a slide the map's alt text is there for screen readers, not printed under it
        st.caption(escape_markdown(alt))

back_col, restart_col, forward_col = st.columns([2, 1, 2])
back_col.button(
    ctx.t("stories.back"),
    on_click=_go,
    args=(step_number - 1,),
    key="story_back",
    shortcut="PageUp",
    width="stretch",
    disabled=step_number == 1,
)
restart_col.button(ctx.t("stories.restart"), on_click=_go, args=(1,), key="story_restart", width="stretch")
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
# Keyboards and some clickers send the arrow keys or Home: keys without a button of their own on the slide
# (a second row of arrows only repeated Back/Next), so their buttons are drawn out of sight.
with st.container(key="story_keys", horizontal=True):
    st.button("←", on_click=_go, args=(step_number - 1,), key="story_left", shortcut="Left")
    st.button("⇤", on_click=_go, args=(1,), key="story_home", shortcut="Home")
    st.button("→", on_click=_go, args=(step_number + 1,), key="story_right", shortcut="Right")

autoplay, idle = int(st.session_state.get("autoplay") or 0), int(st.session_state.get("idle") or 0)
if autoplay or idle:

    @st.fragment(run_every=1)
    def _kiosk_clock() -> None:
        """Advance every `autoplay` seconds (looping); back to step 1 `idle` seconds after the last human input."""
        state = st.session_state
        before = KioskClock(state["step"], state["_last_interaction"], state["_last_advance"])
        after = kiosk_tick(story, before, time.monotonic(), autoplay, idle)
        state["_last_interaction"], state["_last_advance"] = after.last_input, after.last_advance
        if after.step != before.step:
            state["step"] = after.step
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
        n: ui.publish.link_to(replace(here, story=story.story_id, step=n, present=True))
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
