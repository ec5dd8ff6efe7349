"""Guided stories: step through a story with big buttons or a presentation clicker; kiosk autoplay and idle reset."""

import time

import streamlit as st

import ui
from atlas.maps import PHONE_WIDTH_PX, located_events
from atlas.safe import escape_markdown
from atlas.stories import STORY_MAP_WIDTH_PX, KioskClock, clamp_step, kiosk_tick, map_view_state, story_deck

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
text_col, map_col = st.columns([5, 4], gap="medium")
with text_col:
    if row is not None:
        ui.event_slide(ctx, row, hide_graphic=hide_graphic)
    else:
        ids = ";".join(step.source_ids)
        st.caption(escape_markdown(ui.source_footer(ctx, ids)))
        with st.expander(ctx.t("event.more_sources")):
            st.markdown(ui.source_links(ids, ctx.data.tables["sources"], ctx.lang))
with map_col, st.container(key="slide_frame"):
    places = ctx.data.tables["places"]
    shown = events.loc[events["event_id"] == step.event] if row is not None else events.iloc[0:0]
    points = located_events(shown, places, ctx.lang)
    day = (row["date_start"] if row is not None else events["date_start"].max()).date().isoformat()
    width = PHONE_WIDTH_PX if ui.on_phone() else STORY_MAP_WIDTH_PX
    view = map_view_state(step.map_view, points, width)
    deck = story_deck(
        points, row["place_id"] if row is not None else "", ui.geo_collections(), places, ctx.lang, day, view
    )
    st.pydeck_chart(deck, height="stretch", key=f"story_map_{story.story_id}_{step_number}")

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
