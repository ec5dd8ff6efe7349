"""Prisoners page: who counts how many Armenians are held in Azerbaijan, releases, the missing, the named
detainees and the towns that sponsor them. Every number shown carries its date and its sources."""

from types import SimpleNamespace

import pandas as pd
import streamlit as st

import ui
from atlas import prisoners as P
from atlas.alt_text import figure_alt
from atlas.cite import add_footer, footer_line
from atlas.export import table_csv
from atlas.figures import image_export_config
from atlas.i18n import format_day
from atlas.maps import FIT_WIDTH_PX, PHONE_WIDTH_PX
from atlas.maps.sponsors import sponsors_deck
from atlas.maps.style import MAP_HEIGHT_PX
from atlas.prisoner_figures import (
    disappeared_figure,
    held_over_time_figure,
    split_figure,
    status_figure,
)
from atlas.safe import escape_markdown
from atlas.text import language_column, source_links

ctx = ui.context()
t, lang = ctx.t, ctx.lang
tables = ctx.data.tables
counts, sources, events = tables["prisoner_counts"], tables["sources"], ctx.data.events
publishers = dict(zip(sources["source_id"], sources["publisher"]))

st.title(t("prisoners.heading"))
if counts.empty:
    st.info(t("prisoners.none"))
    st.stop()


def body(name: str) -> str:
    return t(f"body.{name}")


def when(row) -> str:
    return P.date_label(row["date_start"], row["date_end"], row["date_precision"], lang)


def who(source_ids: str) -> str:
    """Publishers of these sources, for a table cell (the links are listed under the chart)."""
    return "; ".join(publishers.get(i, i) for i in P.split_ids(source_ids))


def table(frame: pd.DataFrame) -> None:
    """A table tall enough to show every row (up to 30) without an inner scroll bar."""
    st.dataframe(frame, hide_index=True, width="stretch", height=36 * (min(len(frame), 30) + 1) + 20)


def chart(figure, key: str, name: str) -> None:
    """A full-width chart whose camera button saves it as karabakh-atlas-<name>.png."""
    st.plotly_chart(figure, key=key, width="stretch", config=image_export_config(name))
    subject = figure.layout.yaxis.title.text or figure.layout.xaxis.title.text or t("a11y.chart")
    st.caption(escape_markdown(figure_alt(figure, subject, lang)))  # the chart in words; the tables below hold the data


def footer(key: str, title: str, export: pd.DataFrame, *frames: pd.DataFrame) -> None:
    """Beneath every chart: its 'as of' date, its sources with links, and a CSV of the series drawn."""
    stamp = P.as_of(*frames)
    ids = P.cited(*frames)
    published = P.latest_publication(ids, sources)
    if stamp is None and len(published) == 10:  # a full YYYY-MM-DD publication date
        stamp = pd.Timestamp(published).date()
    day = format_day(stamp, lang) if stamp else (published or "—")
    st.caption(escape_markdown(t("prisoners.as_of", date=day, sources=", ".join(P.split_ids(ids)))))
    with st.expander(t("prisoners.sources", count=len(P.split_ids(ids)))):
        st.markdown(source_links(ids, sources, ctx.lang))
    st.download_button(
        t("prisoners.download"),
        lambda: table_csv(export.drop(columns=["_row"], errors="ignore")),  # built on click only
        f"karabakh-atlas-{key}.csv",
        "text/csv",
        key=f"download_{key}",
        on_click="ignore",
    )


def derive() -> SimpleNamespace:
    """Everything this page computes from the data in one language; the page does not follow the sidebar
    filters, so this is built once per data version and language and shared by all sessions (read-only)."""
    d = SimpleNamespace(
        series=P.held_series_by_body(counts),
        latest=P.latest_counts(counts),
        released_rows=P.releases(counts, events, lang),
        captured_rows=P.captures(counts, events, lang),
        band=P.disappeared_band(counts),
        missing_latest=P.latest_disappeared(counts),
        sponsors=P.sponsors_with_people(tables["sponsors"], tables["places"], tables["detainees"], lang),
        splits=P.split_rows(counts),
        pairs=P.contested_counts(counts),
        claims=P.related_claims(tables["claims"], counts, events),
        people=P.detainee_current_status(tables["detainees"], tables["detainee_status"], lang),
        monthly=P.status_over_time(tables["detainee_status"]),
    )
    d.released_events = P.movement_events(d.released_rows, "released")
    d.captured_events = P.movement_events(d.captured_rows, "captured")
    d.held_chart = held_over_time_figure(d.series, d.released_events, d.captured_events, lang)
    d.split_chart = None if d.splits.empty else split_figure(d.splits, lang)
    d.missing_chart = None if d.band.empty else disappeared_figure(d.band, lang)
    d.status_chart = status_figure(d.monthly, lang)
    # The source line a saved PNG carries (over the chart: the legends below wrap on phones); added before the
    # cache shares the figures.
    for figure in (d.held_chart, d.split_chart, d.missing_chart, d.status_chart):
        if figure is not None:
            add_footer(figure, image_footer, top=True)
    return d


image_footer = footer_line(st.context.url, lang)
derived = ui.per_language(ctx, f"prisoners {image_footer}", derive)
series, latest, band, missing_latest = derived.series, derived.latest, derived.band, derived.missing_latest
released_rows, captured_rows = derived.released_rows, derived.captured_rows
released_events, captured_events = derived.released_events, derived.captured_events
sponsors, splits, pairs = derived.sponsors, derived.splits, derived.pairs
claims, people = derived.claims, derived.people

# --- the headline: how many are held, by whom counted, when -----------------------------------------
# Five seconds on a phone: the latest figure of each body that counted in the last twelve months, one line each
# with its date and who counts; older figures (not today's) behind "earlier counts".
recent, earlier = P.recent_and_earlier(latest)
present = ctx.view.present
# On a slide: the headline beside the held-over-time chart, and nothing more; on a laptop or phone the page goes on.
headline_col, chart_col = st.columns([1, 1], gap="medium") if present else (st.container(), None)
with headline_col:
    with st.container(key="prisoners_headline"):
        st.subheader(t("prisoners.q_held"))
        for _, row in recent.iterrows():
            figure = t(
                "prisoners.headline_line", count=int(row["held_total"]), body=body(row["counting_body"]), date=when(row)
            )
            st.markdown(f"### {escape_markdown(figure)}")
        st.caption(escape_markdown(t("prisoners.q_held_help")))
    with st.expander(t("prisoners.earlier_counts", count=len(earlier))):
        for _, row in earlier.iterrows():
            figure = t(
                "prisoners.headline_line", count=int(row["held_total"]), body=body(row["counting_body"]), date=when(row)
            )
            st.markdown(f"**{escape_markdown(figure)}**")
            st.markdown(source_links(row["source_ids"], sources, ctx.lang))
    with st.expander(t("prisoners.sources", count=len(P.split_ids(P.cited(recent))))):
        st.markdown(source_links(P.cited(recent), sources, ctx.lang))

if present:
    with chart_col, st.container(key="slide_frame"):
        st.plotly_chart(derived.held_chart, key="held_chart", width="stretch", height="stretch")
    st.stop()

st.markdown(escape_markdown(t("prisoners.intro")))
st.caption(escape_markdown(t("prisoners.filters_note")))

st.header(t("prisoners.today"))
st.subheader(t("prisoners.q_home"))
if released_events.empty:
    st.info(t("prisoners.no_releases"))
else:
    last = released_events.iloc[-1]
    low, high = int(released_events["low"].sum()), int(released_events["high"].sum())
    st.markdown(
        "### "
        + escape_markdown(
            t(
                "prisoners.home_answer",
                people=P.number_range(low, high),
                events=len(released_events),
                first=when(released_events.iloc[0]),
                last=when(last),
                last_count=P.number_range(last["low"], last["high"]),
            )
        )
    )
    st.caption(escape_markdown(t("prisoners.home_caveat")))
    st.markdown(source_links(last["source_ids"], sources, ctx.lang))

st.subheader(t("prisoners.q_missing"))
if missing_latest.empty:
    st.info(t("prisoners.no_missing"))
else:
    for _, row in missing_latest.iterrows():
        value = P.number_range(row["low"], row["high"])
        if pd.isna(row["low"]) or pd.isna(row["high"]):
            value = t("prisoners.at_least", value=int(row["low"] if pd.notna(row["low"]) else row["high"]))
        who_when = f"{body(row['counting_body'])}, {when(row)}"
        st.markdown(f"#### {escape_markdown(value)} — {escape_markdown(who_when)}")
        st.markdown(source_links(row["source_ids"], sources, ctx.lang))
    st.caption(escape_markdown(t("prisoners.missing_caveat")))

st.subheader(t("prisoners.q_sponsors"))
towns = sponsors.loc[sponsors["town"] != ""]
ngos = sponsors.loc[sponsors["town"] == ""]
st.markdown(
    "### " + escape_markdown(t("prisoners.sponsors_answer", count=len(sponsors), towns=len(towns), ngos=len(ngos)))
)
st.markdown(escape_markdown(", ".join(towns["town"])))
st.markdown(source_links(P.cited(sponsors), sources, ctx.lang))

# --- held over time ---------------------------------------------------------------------------
st.header(t("prisoners.held_heading"))
st.markdown(escape_markdown(t("prisoners.held_help")))
chart(derived.held_chart, "held_chart", "held-by-body")
footer("held-by-body", t("prisoners.held_heading"), series, series, released_rows, captured_rows)

if not splits.empty:
    st.subheader(t("prisoners.split_heading"))
    st.markdown(escape_markdown(t("prisoners.split_help")))
    chart(derived.split_chart, "split_chart", "held-split")
    footer("held-split", t("prisoners.split_heading"), splits, splits)

# --- releases and captures as tables ----------------------------------------------------------
st.header(t("prisoners.moves_heading"))


def moves_table(rows: pd.DataFrame, what: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("prisoners.col.date"): [when(r) for _, r in rows.iterrows()],
            t(f"prisoners.{what}"): rows[what].astype("Int64"),
            t("prisoners.col.body"): rows["counting_body"].map(body),
            t("prisoners.col.event"): rows["event_title"],
            t("prisoners.col.note"): rows["note"],
            t("prisoners.col.sources"): rows["source_ids"].map(who),
        }
    )


st.subheader(t("prisoners.released_heading"))
table(moves_table(released_rows, "released"))
footer("releases", t("prisoners.released_heading"), released_rows, released_rows)
st.subheader(t("prisoners.captured_heading"))
table(moves_table(captured_rows, "captured"))
footer("captures", t("prisoners.captured_heading"), captured_rows, captured_rows)

# --- disappeared ------------------------------------------------------------------------------
st.header(t("prisoners.missing_heading"))
st.markdown(escape_markdown(t("prisoners.missing_help")))
if not band.empty:
    chart(derived.missing_chart, "missing_chart", "disappeared")
    footer("disappeared", t("prisoners.missing_heading"), band, band)

# --- contested counts side by side ------------------------------------------------------------
st.header(t("prisoners.contested_heading"))
st.markdown(escape_markdown(t("prisoners.contested_help")))
if pairs.empty:
    st.info(t("prisoners.no_contested"))
else:
    newest = pairs.iloc[0]
    left, right = st.columns(2)
    for column, side in ((left, "a"), (right, "b")):
        with column.container(border=True):
            st.markdown(f"### {escape_markdown(body(newest[f'{side}_counting_body']))}")
            day = P.date_label(
                newest[f"{side}_date_start"], newest[f"{side}_date_end"], newest[f"{side}_date_precision"], lang
            )
            st.metric(day, int(newest[f"{side}_held_total"]))
            st.markdown(source_links(newest[f"{side}_source_ids"], sources, ctx.lang))
    side_by_side = {}
    for side in ("a", "b"):
        label = side.upper()
        side_by_side[f"{t('prisoners.col.date')} {label}"] = [
            P.date_label(r[f"{side}_date_start"], r[f"{side}_date_end"], r[f"{side}_date_precision"], lang)
            for _, r in pairs.iterrows()
        ]
        side_by_side[f"{t('prisoners.col.body')} {label}"] = pairs[f"{side}_counting_body"].map(body)
        side_by_side[f"{t('prisoners.held')} {label}"] = pairs[f"{side}_held_total"].astype("Int64")
        side_by_side[f"{t('prisoners.col.sources')} {label}"] = pairs[f"{side}_source_ids"].map(who)
    table(pd.DataFrame(side_by_side))
    latest_of_pair = pairs.assign(date_end=pairs[["a_date_end", "b_date_end"]].max(axis=1))
    footer("contested-counts", t("prisoners.contested_heading"), pairs, latest_of_pair)

if not claims.empty:
    st.subheader(t("prisoners.claims_heading"))
    titles = dict(zip(events["event_id"], language_column(events, "title", lang)))
    table(
        pd.DataFrame(
            {
                t("prisoners.col.event"): claims["event_id"].map(titles),
                t("event.claim_field"): claims["field"],
                t("event.claim_value"): claims["value"],
                t("event.claim_who"): claims["claimant"],
                t("prisoners.col.sources"): claims["source_id"].map(lambda i: publishers.get(i, i)),
                t("prisoners.col.note"): claims["note"],
            }
        )
    )
    claim_rows = claims.assign(source_ids=claims["source_id"])
    footer("claims", t("prisoners.claims_heading"), claim_rows, claim_rows)

# --- named detainees --------------------------------------------------------------------------
st.header(t("prisoners.detainees_heading"))
st.markdown(escape_markdown(t("prisoners.detainees_help")))
status_rows = tables["detainee_status"]
if people.empty:
    st.info(t("prisoners.no_detainees"))
else:
    table(
        pd.DataFrame(
            {
                t("prisoners.col.name"): people["name"],
                t("prisoners.col.status"): people["status"].map(lambda s: t(f"prisoners.status.{s}") if s else ""),
                t("prisoners.col.since"): [
                    P.date_label(r.status_date_start, r.status_date_end, r.status_precision, lang)
                    for r in people.itertuples()
                ],
                t("prisoners.col.captured"): [
                    P.date_label(r.captured_start, r.captured_end, r.captured_precision, lang)
                    for r in people.itertuples()
                ],
                t("prisoners.col.tried"): [
                    format_day(d.date(), lang) if pd.notna(d) else "" for d in people["tried_start"]
                ],
                t("prisoners.col.sentence"): people["sentence"],
                t("prisoners.col.group"): people["group"].map(lambda g: t(f"prisoners.group.{g}")),
                t("prisoners.col.role"): people["public_role"],
                t("prisoners.col.sources"): people["source_ids"].map(who),
            }
        )
    )
    footer("detainees", t("prisoners.detainees_heading"), people, status_rows)
    st.subheader(t("prisoners.status_heading"))
    st.markdown(escape_markdown(t("prisoners.status_help")))
    chart(derived.status_chart, "status_chart", "status-by-month")
    footer("status-by-month", t("prisoners.status_heading"), derived.monthly, status_rows)

# --- sponsors ---------------------------------------------------------------------------------
st.header(t("prisoners.sponsors_heading"))
st.markdown(escape_markdown(t("prisoners.sponsors_help")))
if sponsors.empty:
    st.info(t("prisoners.no_sponsors"))
else:
    if sponsors["lat"].notna().any():
        width = PHONE_WIDTH_PX if ui.on_phone() else FIT_WIDTH_PX  # a phone's deck only once a phone asks
        deck = ui.per_language(
            ctx,
            f"sponsors_map_{width}",
            lambda: sponsors_deck(sponsors, ui.geo_collections().get("europe"), lang, width),
        )
        st.pydeck_chart(deck, height=MAP_HEIGHT_PX, key="sponsors_map")
        note = t("prisoners.map_note")
        unplaced = sponsors.loc[sponsors["lat"].isna(), "name"]
        if not unplaced.empty:  # named from the data, so the note never goes stale as coordinates are added
            note += " " + t("prisoners.map_unplaced", names=", ".join(unplaced))
        st.caption(escape_markdown(note))
    table(
        pd.DataFrame(
            {
                t("prisoners.col.sponsor"): sponsors["name"],
                t("prisoners.col.type"): sponsors["type"].map(lambda s: t(f"prisoners.sponsor_type.{s}")),
                t("prisoners.col.town"): sponsors["town"],
                t("prisoners.col.sponsored"): sponsors["sponsored"],
                t("prisoners.col.note"): sponsors["note"],
                t("prisoners.col.sources"): sponsors["source_ids"].map(who),
            }
        )
    )
    footer("sponsors", t("prisoners.sponsors_heading"), sponsors, sponsors)
