"""Map page, drawn offline over data/geo: border incursions 2021-2025 month by month, the borders of any
year 1918-2026 with the era shapes, or every filtered event that has a place."""

import pandas as pd
import streamlit as st

import ui
import ui.publish
from atlas import maps
from atlas.codecs import quoted
from atlas.i18n import format_day
from atlas.incursions import incursion_months, year_colours
from atlas.maps.style import MAP_HEIGHT_PX
from atlas.params import Notice
from atlas.safe import escape_markdown, is_http_url
from atlas.schema import DATASET_FIRST_YEAR, DATASET_LAST_YEAR
from atlas.schema import SHAPE_PRECISIONS as PRECISIONS
from atlas.text import count_of, split_list

PLAY_SECONDS = 1.6  # one month per tick while playing
PHONE_MAP_HEIGHT = MAP_HEIGHT_PX  # the site clicks and the fitted view assume the laptop frame's height
MODES = maps.MAP_MODES
VIEWS = ("fit", "armenia_east", "karabakh", "region")
YEAR_PRESETS = (1923, 1994, 2021)

ctx = ui.context()
t, lang = ctx.t, ctx.lang
places = ctx.data.tables["places"]
geo = ui.geo_collections()
months = incursion_months(ctx.data.tables["incursions"])

if "map_month" in st.session_state and st.session_state["map_month"] not in months:  # a link's month without data
    ui.add_notice(Notice("notice.unknown", "month", (("value", quoted(st.session_state.pop("map_month"))),)))
st.session_state.setdefault("map_mode", MODES[0])
st.session_state.setdefault("map_view", VIEWS[0])
st.session_state.setdefault("map_month", maps.latest_month(ctx.data.tables["incursions"], months))
st.session_state.setdefault("map_year", YEAR_PRESETS[0])
st.session_state.setdefault("map_cumulative", True)
st.session_state.setdefault("map_playing", False)

present = ctx.view.present
phone = ui.on_phone()  # on a phone the map must start on the first screen: no page title, a shorter map
if not present and not phone:
    st.title(t("map.heading"))
mode_col, play_col, view_col = st.columns([4, 4, 3], vertical_alignment="bottom")
mode = mode_col.radio(
    t("map.mode"),
    MODES,
    format_func=lambda m: t(f"map.mode.{m}"),
    key="map_mode",
    horizontal=True,
    persist_state="session",
)
view_name = view_col.selectbox(
    t("map.view"),
    VIEWS,
    format_func=lambda v: t(f"map.view.{v}"),
    key="map_view",
    persist_state="session",
    placeholder=t("sidebar.choose"),
)
frame_width = maps.PHONE_WIDTH_PX if ui.on_phone() else maps.FIT_WIDTH_PX
if mode != "incursions":
    st.session_state["map_playing"] = False


def _swatch_table(rows: pd.DataFrame) -> None:
    """A small legend table whose first column ("colour": hex codes) is painted in each row's colour."""
    colours = rows["colour"].tolist()
    rows = rows.rename(columns={"colour": t("map.legend_colour")})
    styled = rows.style.apply(
        lambda column: [f"background-color: {c}; color: {c}" for c in colours], subset=[t("map.legend_colour")]
    )
    st.dataframe(styled, hide_index=True, width="stretch")


def _area_claims() -> None:
    """Every published figure for the area of Armenia taken since 2021, side by side with who gives it."""
    claims = ctx.data.tables["claims"]
    claims = claims.loc[claims["field"] == "area_km2"]
    if claims.empty:
        return
    sources = ctx.data.tables["sources"].set_index("source_id")

    def label(source_id: str) -> str:
        if source_id not in sources.index:
            return source_id
        return f"{sources.at[source_id, 'publisher']}: {sources.at[source_id, 'title']}"

    def link(source_id: str) -> str | None:
        url = sources.at[source_id, "url"] if source_id in sources.index else None
        return url if is_http_url(url) else None

    st.subheader(t("map.area_claims"))
    st.caption(t("map.area_claims_help"))
    st.dataframe(
        pd.DataFrame(
            {
                t("map.claim_km2"): claims["value"],
                t("event.claim_who"): claims["claimant"],
                t("event.claim_source"): claims["source_id"].map(label),
                t("map.link"): claims["source_id"].map(link),
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            t("map.claim_km2"): st.column_config.TextColumn(width="medium"),
            t("map.link"): st.column_config.LinkColumn(display_text="↗", width="small"),
        },
    )


def _site_detail(site: pd.Series) -> None:
    incursions = ctx.data.tables["incursions"]
    row = incursions.loc[incursions["incursion_id"] == site["incursion_id"]].iloc[0]
    st.subheader(escape_markdown(f"{site['dates']} — {site['place_name']}"))
    facts = [f"**{t('event.confidence')}{ui.colon(lang)}** {t('confidence.' + row['confidence'])}"]
    if site["marz"]:
        facts.append(f"**{t('map.marz')}{ui.colon(lang)}** {escape_markdown(site['marz'])}")
    figures = [count_of(row, "killed"), count_of(row, "captured")]
    labels = [t("event.killed"), t("event.captured")]
    counted = [f"{label} {value}" for label, value in zip(labels, figures) if value]
    if counted:
        facts.append(f"**{t('event.counts')}{ui.colon(lang)}** " + escape_markdown(", ".join(counted)))
    if site["placed_by"] == "province":
        facts.append(escape_markdown(t("map.placed_by_province", marz=split_list(site["marz"])[0])))
    elif not site["placed_by"]:
        facts.append(escape_markdown(t("map.not_placed")))
    st.markdown("  \n".join(facts))
    if lang != "en":
        st.caption(t("map.english_only"))
    st.markdown(escape_markdown(row["description_en"]))
    # The area a site covers is drawn on the map; the other disputed figures are listed as the event's are.
    ui.claims_block(ctx, site["event_id"], skip_fields=("area_km2",), notes=False)
    ui.sources_block(ctx, row["source_ids"])


def _map_columns():
    """In presentation mode the map and its legend side by side, the map as tall as the slide allows;
    otherwise the page's own column, map above legend."""
    if not present:
        return st.container(), st.container()
    map_col, legend_col = st.columns([7, 3], gap="small")
    return map_col.container(key="map_frame"), legend_col


def _clickable_map_and_legend(deck, key: str, on_pick, alt: str):
    """The clickable map placed as the mode asks (beside its legend on a slide); returns where the legend goes."""
    map_area, legend_area = _map_columns()
    with map_area:
        _clickable_map(deck, key, on_pick, alt)
    return legend_area


def _map_height():
    return "stretch" if present else PHONE_MAP_HEIGHT if phone else MAP_HEIGHT_PX


def _clickable_map(deck, key: str, on_pick, alt: str) -> None:
    """A map whose points open their detail when clicked (one object at a time)."""
    st.pydeck_chart(deck, height=_map_height(), key=key, on_select=on_pick, selection_mode="single-object", alt=alt)


def _picked(state, layer: str, field: str) -> str | None:
    """The field of the object picked on the map in that layer, if any."""
    try:
        objects = state.selection.objects.get(layer) or []
    except AttributeError:
        return None
    return objects[0].get(field) if objects else None


# --- incursions, month by month -------------------------------------------------------------------


def _toggle_play() -> None:
    playing = not st.session_state.get("map_playing", False)
    start = maps.play_start(ctx.data.tables["incursions"], months, st.session_state.get("map_month", months[-1]))
    if playing and start:
        st.session_state["map_month"] = start
        st.session_state["_map_hold"] = True  # show the first month before moving on
    st.session_state["map_playing"] = playing


def _site_from_map() -> None:
    picked = _picked(st.session_state.get("incursion_map"), "incursions", "incursion_id")
    if picked:
        st.session_state["map_site"] = picked
        st.session_state["map_playing"] = False
        st.session_state["_map_picked"] = True  # the detail is outside the fragment: rerun the whole page


def incursions_mode() -> None:
    sites = maps.incursion_sites(ctx.data.tables["incursions"], places, geo.get("provinces_am"), lang)
    if sites.empty:
        st.info(t("map.no_incursions"))
        return
    playing = st.session_state["map_playing"]
    play_col.button(
        t("map.pause") if playing else t("map.play"),
        icon=":material/pause:" if playing else ":material/play_arrow:",
        on_click=_toggle_play,
        key="map_play",
        type="primary",
        width="stretch",
    )

    @st.fragment(run_every=PLAY_SECONDS if playing else None)
    def month_view() -> None:
        if st.session_state.get("map_playing"):
            if st.session_state.pop("_map_hold", False):
                pass
            else:
                following = maps.next_month(months, st.session_state["map_month"])
                if following is None:
                    st.session_state["map_playing"] = False
                    st.rerun()  # the whole page, so the timer stops and the button says Play again
                st.session_state["map_month"] = following
                ui.sync_url(ui.current_view(ctx.view, "map"))  # the address follows the player, not one month behind
        heading_col, slider_col = st.columns([2, 5], vertical_alignment="center")
        month = slider_col.select_slider(
            t("map.month"),
            months,
            format_func=lambda m: maps.month_label(m, lang),
            key="map_month",
            persist_state="session",
            label_visibility="collapsed",
        )
        in_month = int((sites["month"] == month).sum())
        heading_col.markdown(f"### {escape_markdown(maps.month_label(month, lang))}")
        # Always one line under the heading, so the map does not jump from month to month while playing.
        summary = maps.month_summary(sites, month, lang)
        count = t("map.month_count", count=in_month)
        st.markdown(
            f"**{escape_markdown(count)}**" + (f"{ui.colon(lang)} {escape_markdown(summary)}" if summary else "")
        )
        points = maps.incursion_points(sites, month, st.session_state["map_cumulative"])
        view = maps.preset_view(view_name, sites.dropna(subset=["lat", "lon"]), frame_width)
        legend_area = _clickable_map_and_legend(
            maps.incursions_deck(points, geo, places, lang, month, view),
            "incursion_map",
            _site_from_map,
            t("map.alt.incursions", count=len(points), month=maps.month_label(month, lang)),
        )
        if st.session_state.pop("_map_picked", False):
            st.rerun()
        with legend_area:
            st.toggle(t("map.cumulative"), key="map_cumulative", persist_state="session")
            if present:  # the legend on the slide, beside the map
                _swatch_table(legend)
            else:
                st.caption(t("map.incursion_legend"))
                st.caption(escape_markdown(t("map.shown", shown=len(points), total=len(sites))))

    palette = year_colours(sites["year"])
    legend = pd.DataFrame(
        {
            "colour": list(palette.values()),
            t("map.legend_year"): [str(y) for y in palette],
            t("map.legend_count"): [int((sites["year"] == y).sum()) for y in palette],
        }
    )
    month_view()
    details = st.expander(t("map.details")) if present else st.container()
    with details:
        _incursion_details(sites, legend)


def _incursion_details(sites: pd.DataFrame, legend: pd.DataFrame) -> None:
    with st.expander(t("map.legend"), expanded=False):
        _swatch_table(legend)
        st.caption(t("map.incursion_legend"))
        st.caption(t("map.size_legend"))
        st.caption(t("map.radius_legend"))
    ids = sites["incursion_id"].tolist()
    if st.session_state.get("map_site") not in ids:
        st.session_state["map_site"] = ids[0]
    labels = dict(zip(sites["incursion_id"], sites["dates"] + " · " + sites["place_name"]))
    st.selectbox(t("map.site"), ids, format_func=labels.get, key="map_site", placeholder=t("sidebar.choose"))
    _site_detail(sites.loc[sites["incursion_id"] == st.session_state["map_site"]].iloc[0])
    _area_claims()


# --- borders by year ------------------------------------------------------------------------------


def _set_year(year: int) -> None:
    st.session_state["map_year"] = year


def borders_mode() -> None:
    heading_col, presets_col = st.columns([3, 2], vertical_alignment="center")
    presets = presets_col.container(horizontal=True, horizontal_alignment="right")  # one row, even on a phone
    for preset in YEAR_PRESETS:
        presets.button(str(preset), key=f"map_year_{preset}", on_click=_set_year, args=(preset,), width=96)
    year = st.slider(
        t("map.year"),
        DATASET_FIRST_YEAR,
        DATASET_LAST_YEAR,
        key="map_year",
        persist_state="session",
        label_visibility="collapsed",
    )
    day = maps.year_date(year)
    heading_col.markdown(f"### {escape_markdown(t('map.borders_on', day=format_day(pd.Timestamp(day).date(), lang)))}")
    view = maps.preset_view(view_name, maps.BORDERS_FRAME, frame_width)
    map_area, legend_area = _map_columns()
    map_area.pydeck_chart(
        maps.borders_deck(geo, year, places, lang, view),
        height=_map_height(),
        key="borders_map",
        alt=t("map.alt.borders", day=format_day(pd.Timestamp(day).date(), lang)),
    )
    legend = maps.era_legend(geo, day, lang)
    if present:
        with legend_area:
            if not legend.empty:
                _swatch_table(legend.iloc[:, :2].set_axis(["colour", t("map.legend_name")], axis=1))
        with st.expander(t("map.details")):
            _borders_details(legend, year)
        return
    _borders_details(legend, year)


def _borders_details(legend: pd.DataFrame, year: int) -> None:
    if legend.empty:
        st.info(t("map.no_era"))
    else:
        legend.columns = [
            "colour", t("map.legend_name"), t("map.legend_precision"), t("map.legend_period"),
            t("map.legend_computed"), t("map.legend_historical"),
        ]  # fmt: skip
        _swatch_table(legend)
        st.caption(t("map.area_help"))
        st.caption(
            " · ".join(f"{t('map.precision_short.' + p)}{ui.colon(lang)} {t('map.precision.' + p)}" for p in PRECISIONS)
        )
    changes = maps.era_changes(geo, year, lang)
    if changes:
        st.markdown(f"**{t('map.changes', year=str(year))}**")
        st.markdown("\n".join(f"- {escape_markdown(c)}" for c in changes))
    st.caption(t("map.geo_credit"))


# --- every filtered event with a place ------------------------------------------------------------


def _event_from_map() -> None:
    picked = _picked(st.session_state.get("events_map"), "events", "event_id")
    if picked:
        st.session_state["event"] = picked  # the timeline and the permalink follow


def events_mode() -> None:
    ui.sentence_line(ctx)
    events, elsewhere = maps.split_by_region(ctx.filtered, places)
    points = maps.located_events(events, places, lang)
    if points.empty:
        st.info(t("map.no_places"))
        return
    day = (ctx.view.filters.date_to or pd.Timestamp(f"{DATASET_LAST_YEAR}-12-31")).isoformat()[:10]
    view = maps.preset_view(view_name, points, frame_width)
    legend_area = _clickable_map_and_legend(
        maps.all_events_deck(points, geo, places, lang, day, view),
        "events_map",
        _event_from_map,
        t("map.alt.events", count=len(points)),
    )
    legend_area.caption(escape_markdown(t("map.points", count=len(points))))
    with st.expander(t("map.details")) if present else st.container():
        _events_details(points, elsewhere)


def _events_details(points: pd.DataFrame, elsewhere: int) -> None:
    if elsewhere:
        st.caption(escape_markdown(t("map.elsewhere", count=elsewhere)))
    shown = ctx.filtered.loc[ctx.filtered["event_id"].isin(points["event_id"])]
    used = [c for c in maps.CATEGORY_COLOURS if c in set(shown["category"])]
    with st.expander(t("map.legend"), expanded=False):
        _swatch_table(
            pd.DataFrame(
                {
                    "colour": [maps.CATEGORY_COLOURS[c] for c in used],
                    t("sidebar.categories"): [t(f"category.{c}") for c in used],
                }
            )
        )
        st.caption(t("map.events_radius_legend"))
    event_id = st.session_state.get("event")
    if event_id in set(shown["event_id"]):
        ui.event_detail(ctx, shown.loc[shown["event_id"] == event_id].iloc[0])
    else:
        st.caption(t("map.pick_event"))


{"incursions": incursions_mode, "borders": borders_mode, "events": events_mode}[mode or MODES[0]]()
# What the mode shows, as GeoJSON for QGIS (built only when the button is clicked); for the laptop, not a slide.
if present:
    pass
elif (mode or MODES[0]) == "incursions":
    ui.publish.incursions_export(ctx)
elif mode == "events":
    ui.publish.events_geojson_button(ctx)
