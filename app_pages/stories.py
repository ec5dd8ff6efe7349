"""Guided stories: step through a story with big buttons or a presentation clicker; kiosk autoplay and idle reset."""

import time

import streamlit as st

import ui
from atlas.maps import FIT_WIDTH_PX, PHONE_WIDTH_PX, all_events_deck, located_events
from atlas.safe import escape_markdown
from atlas.stories import KioskClock, clamp_step, kiosk_tick, map_view_state

ctx = ui.context()
st.session_state[ui.STORY_SHOWN] = True
stories, story_problems = ui.load_stories()
if not stories:
    st.info(ctx.t("stories.none"))
    st.stop()
by_id = {s.story_id: s for s in stories}
if st.session_state.get("story") not in by_id:
    st.session_state["story"] = stories[0].story_id
story = by_id[st.session_state["story"]]
st.session_state["step"] = clamp_step(story, st.session_state.get("step") or 1)
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
row = events.loc[events["event_id"] == step.event].iloc[0] if step.event else None
caption = step.caption.get(ctx.lang) or step.caption["en"]
st.markdown(f"## {escape_markdown(caption)}")

text_col, map_col = st.columns([3, 2], gap="large")
with text_col:
    if row is not None:
        # Stories are shown to groups: graphic details stay hidden unless the presenter switches them on.
        ui.event_detail(ctx, row, hide_graphic=not st.session_state.get("graphic"))
    else:
        st.markdown(ui.source_links(";".join(step.source_ids), ctx.data.tables["sources"], ctx.lang))
with map_col:
    if row is not None:
        points = located_events(events.loc[events["event_id"] == step.event], ctx.data.tables["places"], ctx.lang)
        places = ctx.data.tables["places"]
        day = row["date_start"].date().isoformat()  # borders as they were on the day of the event
        view = map_view_state(step.map_view, points, PHONE_WIDTH_PX if ui.on_phone() else FIT_WIDTH_PX)
        deck = all_events_deck(points, ui.geo_collections(), places, ctx.lang, day, view)
        st.pydeck_chart(deck, height=420, key=f"story_map_{story.story_id}_{step_number}")

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
