"""The only Streamlit glue: cached loading, URL <-> widget sync, the shared sidebar, small shared widgets.

Everything that decides what is shown lives in the pure package `atlas`; this module only places it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from atlas.cite import add_footer, footer_line
from atlas.figures import MAX_DRAWN_EVENTS, timeline_figure
from atlas.filters import FilterState, apply_filters, describe
from atlas.geo import GEO_DIR
from atlas.i18n import LANGUAGES, format_period, translate
from atlas.load import Dataset, data_dir_from_env, load_dataset
from atlas.maps import month_range, read_collections
from atlas.problems import Problem
from atlas.safe import escape_html, escape_markdown, is_http_url
from atlas.schema import (
    CATEGORIES,
    CONFIDENCE_LEVELS,
    DATASET_FIRST_YEAR,
    DATASET_LAST_YEAR,
    ERAS,
    SOURCE_TYPES,
    TABLES,
)
from atlas.stories import STORIES_FOLDER, Story, read_stories, validate_stories
from atlas.url_state import ViewState, from_params, to_params

T = TypeVar("T")

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "hy": "Հայերեն"}
_URL_LOADED = "_url_loaded"
STORY_SHOWN = "_story_shown"  # set by the stories page on each run it draws
MAP_SHOWN = "_map_shown"  # set by the map page on each run it draws


@dataclass(frozen=True)
class Context:
    """What app.py hands every page: the data, the view, and the filtered events."""

    data: Dataset
    view: ViewState
    filtered: pd.DataFrame
    sentence: str

    @property
    def lang(self) -> str:
        return self.view.lang

    def t(self, key: str, **values: object) -> str:
        return translate(key, self.view.lang, **values)


def _data_stamp(folder: Path) -> tuple[tuple[str, float], ...]:
    """File modification times, so an edited CSV is re-read without restarting the app."""
    return tuple((t.file, (folder / t.file).stat().st_mtime if (folder / t.file).exists() else 0.0) for t in TABLES)


@st.cache_resource(max_entries=4, show_spinner=False)
def _load_cached(folder: str, stamp: tuple) -> Dataset:
    # cache_resource shares one Dataset between sessions instead of unpickling a copy per rerun;
    # safe because nothing in atlas/ mutates its input frames (tests/test_filters.py checks it).
    return load_dataset(Path(folder))


@st.cache_resource(max_entries=256, show_spinner=False)
def _timeline_chart(
    _events: pd.DataFrame,
    stamp: tuple,
    filters_key: str,
    lang: str,
    caption: str,
    selected: str,
    focus: str,
    hidden: frozenset,
    compact: bool,
    footer: str = "",
) -> go.Figure:
    # _events is fully determined by the data stamp and the filters, which is what the cache is keyed on.
    # A shared Figure, not a dict: st.plotly_chart re-validates a dict into a Figure on every run (~50 ms
    # for the bundled timeline) but only serialises a Figure, which reads it and never changes it.
    fig = timeline_figure(_events, lang, caption, selected, focus, hidden, compact)
    if footer:  # added while the figure is still this call's own, before the cache shares it
        detailed = len(_events) <= MAX_DRAWN_EVENTS  # its legend sits under the chart; the counts' on the right
        add_footer(fig, footer, 130 if detailed else 74)
    return fig


def timeline_chart(ctx: Context, selected: str, focus: str = "") -> go.Figure:
    """The timeline figure, built once per view and shared by every session that asks for the same view
    (with 25 viewers on one server, building it was most of each page view's script time)."""
    folder = ctx.data.folder
    key = repr(ctx.view.filters)
    graphic = ctx.filtered["graphic"].astype(bool)
    hidden = frozenset(ctx.filtered.loc[graphic, "event_id"]) if ctx.view.classroom else frozenset()
    footer = footer_line(st.context.url, ctx.lang)
    stamp = (str(folder), _data_stamp(folder))
    compact = on_phone()
    return _timeline_chart(ctx.filtered, stamp, key, ctx.lang, ctx.sentence, selected, focus, hidden, compact, footer)


@st.cache_resource(max_entries=24, show_spinner=False)  # a few builds x 3 languages x a data folder or two
def _per_language(name: str, stamp: tuple, lang: str, _build: Callable[[], T]) -> T:
    return _build()


def per_language(ctx: Context, name: str, build: Callable[[], T]) -> T:
    """What `build` returns, built once per data version and language and shared by every session.
    For pages that do not follow the sidebar filters; the result must be treated as read-only."""
    folder = ctx.data.folder
    return _per_language(name, (str(folder), _data_stamp(folder)), ctx.lang, build)


def load_data() -> Dataset:
    folder = data_dir_from_env()
    return _load_cached(str(folder), _data_stamp(folder))


# Values that must survive a visit to a page that does not draw their widget (Streamlit drops the state
# of widgets not drawn in a run; re-assigning the key at the top of each run keeps it).
_KEPT_ACROSS_PAGES = ("event", "story", "step", "autoplay", "idle", "graphic", "focus")


def seed_from_url() -> None:
    """On a session's first run, put the permalink's values into the widgets' keys."""
    if st.session_state.get(_URL_LOADED):
        for key in _KEPT_ACROSS_PAGES:
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
        return
    view = from_params(st.query_params.to_dict())
    f = view.filters
    st.session_state.update(
        {
            "lang": view.lang,
            "years": (
                f.date_from.year if f.date_from else DATASET_FIRST_YEAR,
                f.date_to.year if f.date_to else DATASET_LAST_YEAR,
            ),
            "exact_dates": (f.date_from, f.date_to),
            "eras": list(f.eras),
            "categories": list(f.categories),
            "tags": list(f.tags),
            "places": list(f.places),
            "source_types": list(f.source_types),
            "confidence": list(f.confidence),
            "independent_only": f.independent_only,
            "query": f.query,
            "classroom": view.classroom,
            "event": view.event,
            "present": view.present,
            "story": view.story,
            "step": view.step,
            "autoplay": view.autoplay,
            "idle": view.idle,
            "graphic": view.graphic,
            "focus": view.focus,
            "embedded": view.embedded,
            "opened_version": view.version,
            _URL_LOADED: True,
        }
    )
    # The map's own state, only where the link sets it (its widgets have their own defaults).
    map_values = {"map_mode": view.map_mode, "map_year": view.year}
    if view.month in month_range():
        map_values["map_month"] = view.month
    st.session_state.update({key: value for key, value in map_values.items() if value})


def _years_changed() -> None:
    st.session_state["exact_dates"] = (None, None)  # the slider now speaks in whole years


def _date_bounds() -> tuple[date | None, date | None]:
    first, last = st.session_state["years"]
    exact_from, exact_to = st.session_state.get("exact_dates", (None, None))
    date_from = exact_from or (date(first, 1, 1) if first > DATASET_FIRST_YEAR else None)
    date_to = exact_to or (date(last, 12, 31) if last < DATASET_LAST_YEAR else None)
    return date_from, date_to


def sidebar(data: Dataset) -> ViewState:
    """The filters shared by every page, drawn once in the frame (app.py)."""
    seed_from_url()
    with st.sidebar:
        lang = st.selectbox(
            translate("sidebar.language", st.session_state["lang"]),
            LANGUAGES,
            format_func=LANGUAGE_NAMES.get,
            key="lang",
        )
        t = lambda key: translate(key, lang)  # noqa: E731
        st.header(t("sidebar.filters"))
        st.text_input(t("sidebar.query"), key="query")
        st.slider(t("sidebar.date_range"), DATASET_FIRST_YEAR, DATASET_LAST_YEAR, key="years", on_change=_years_changed)
        place_names = place_labels(data.tables["places"], lang)
        choices = (  # (label key, options, how to name an option, widget key)
            ("sidebar.eras", [e[0] for e in ERAS], lambda e: t(f"era.{e}"), "eras"),
            ("sidebar.categories", CATEGORIES, lambda c: t(f"category.{c}"), "categories"),
            ("sidebar.tags", data.tags, str, "tags"),
            ("sidebar.places", [p for p in place_names if p in data.used_place_ids], place_names.get, "places"),
            ("sidebar.source_types", SOURCE_TYPES, lambda s: t(f"source_type.{s}"), "source_types"),
            ("sidebar.confidence", CONFIDENCE_LEVELS, lambda c: t(f"confidence.{c}"), "confidence"),
        )
        for label, options, name, key in choices:
            # A hand-edited or outdated link may name a tag or place this dataset lacks: drop it quietly.
            st.session_state[key] = [v for v in st.session_state.get(key, []) if v in options]
            st.multiselect(
                t(label), options, format_func=name, key=key, placeholder=t("sidebar.choose"), select_all=False
            )
        st.toggle(t("sidebar.independent_only"), key="independent_only")
        st.toggle(t("sidebar.classroom"), key="classroom")
        data_issues_panel(data, lang)
    date_from, date_to = _date_bounds()
    filters = FilterState(
        date_from=date_from,
        date_to=date_to,
        eras=tuple(st.session_state["eras"]),
        categories=tuple(st.session_state["categories"]),
        tags=tuple(st.session_state["tags"]),
        places=tuple(st.session_state["places"]),
        source_types=tuple(st.session_state["source_types"]),
        confidence=tuple(st.session_state["confidence"]),
        independent_only=bool(st.session_state["independent_only"]),
        query=st.session_state["query"],
    )
    return ViewState(
        filters=filters,
        lang=lang,
        event=st.session_state.get("event", ""),
        classroom=st.session_state["classroom"],
        present=bool(st.session_state.get("present")),
        embedded=bool(st.session_state.get("embedded")),
        version=st.session_state.get("opened_version", ""),
    )


def build_context(data: Dataset, view: ViewState) -> Context:
    filtered = apply_filters(data.events, view.filters)
    sentence = describe(view.filters, view.lang, len(filtered), len(data.events))
    return Context(data=data, view=view, filtered=filtered, sentence=sentence)


def current_view(view: ViewState) -> ViewState:
    """The view after the page ran: the page may have changed the event or the story step."""
    state = st.session_state
    view = replace(view, event=state.get("event", ""), focus=state.get("focus") or "")
    if state.get(MAP_SHOWN):  # map parameters belong to the map page's links only
        view = replace(
            view, map_mode=state.get("map_mode", ""), month=state.get("map_month", ""), year=state.get("map_year", 0)
        )
    if not state.get(STORY_SHOWN):  # story parameters belong to the story page's links only
        return view
    return replace(
        view,
        story=state.get("story", ""),
        step=int(state.get("step") or 0),
        autoplay=int(state.get("autoplay") or 0),
        idle=int(state.get("idle") or 0),
        graphic=bool(state.get("graphic")),
    )


def permalink_query(ctx: Context, **changes: object) -> str:
    """The query string of the current view with some values changed, e.g. a story step."""
    return "?" + urlencode(to_params(replace(ctx.view, **changes)))


@st.cache_resource(show_spinner=False)
def _load_stories_cached(folder: str, stamp: tuple, data_stamp: tuple) -> tuple[list[Story], list[Problem]]:
    # Keyed on the data files too: a story is checked against the events and sources it cites.
    stories, problems = read_stories(Path(folder))
    return stories, problems + validate_stories(stories, load_data())


def load_stories() -> tuple[list[Story], list[Problem]]:
    folder = data_dir_from_env()
    files = sorted((folder / STORIES_FOLDER).glob("*.yaml"))
    stamp = tuple((f.name, f.stat().st_mtime) for f in files)
    return _load_stories_cached(str(folder), stamp, _data_stamp(folder))


def data_issues_list(problems: list[Problem]) -> None:
    if problems:
        st.dataframe(pd.DataFrame([p.as_dict() for p in problems]), hide_index=True)


# Presentation mode: hide the sidebar and Streamlit's chrome; enlarge the type through the root font size (every
# Streamlit size is in rem), never by zooming the page, which plotly and deck.gl do not expect. Figures and maps
# in a slide take their height from the viewport (.atlas-fill), so one slide is one screen at 1280x720 and
# 1920x1080. A constant, never data.
PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
html { font-size: clamp(16px, 1.25vw, 24px); }
[data-testid="stMainBlockContainer"] { padding: 0.6rem 1.5rem 0.4rem; max-width: 100%; }
[data-testid="stMain"] h1 { font-size: 1.8rem; padding: 0 0 0.2rem; }
.atlas-headline { font-size: 1.45rem; }
.st-key-prisoners_headline h3 { font-size: 1.1rem; padding: 0.1rem 0; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.45rem; }
.st-key-slide_frame { height: calc(100vh - 11.5rem) !important; flex: none !important; min-height: 14rem; }
.st-key-timeline_frame { height: calc(100vh - 6.5rem) !important; flex: none !important; min-height: 16rem; }
.st-key-sources_frame { height: calc(100vh - 16rem) !important; flex: none !important; min-height: 10rem; }
.st-key-map_frame { height: calc(100vh - 16.5rem) !important; flex: none !important; min-height: 16rem; }
.st-key-slide_summary [data-testid="stMarkdownContainer"] p { -webkit-line-clamp: 6; }
</style>"""

# Slides (story steps, presentation mode) outside presentation mode: the same one-screen frame, in page type.
SLIDE_CSS = """<style>
.atlas-headline { font-size: 1.6rem; font-weight: 700; line-height: 1.25; margin: 0; }
.atlas-title { font-size: 1.25rem; font-weight: 600; line-height: 1.25; margin: 0; }
.st-key-story_keys { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
.st-key-slide_frame { height: min(calc(100vh - 12rem), 560px) !important; flex: none !important; min-height: 18rem; }
.st-key-slide_summary [data-testid="stMarkdownContainer"] p {
  display: -webkit-box; -webkit-line-clamp: 8; -webkit-box-orient: vertical; overflow: hidden; }
.st-key-slide_footer [data-testid="stCaptionContainer"] {
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
</style>"""


# Every view, on a phone only: the timeline's title (the filter sentence, printed in full just above the chart)
# would be cut at the screen's edge, and the numbers over the prisoner releases and captures print over each
# other (they stay in the hover and in the tables under the chart). A saved PNG keeps both: plotly draws
# images from the figure, not from the page.
PHONE_CSS = """<style>
@media (max-width: 640px) {
  [data-testid="stPlotlyChart"] .gtitle, .st-key-held_chart text.bartext { display: none; }
  [data-testid="stMainBlockContainer"] { padding: 3.25rem 0.75rem 2rem; }
  [data-testid="stMain"] h1 { font-size: 1.75rem; }
  .st-key-slide_frame { height: 300px !important; min-height: 0; }
  .st-key-prisoners_headline h3 { font-size: 1.2rem; padding: 0.25rem 0; }
}
</style>"""


# The timeline's title is the filter sentence, printed just above the chart on the page (not in an embed, where
# the title carries it); a saved PNG keeps it.
TIMELINE_TITLE_CSS = "<style>.st-key-timeline_chart .gtitle { display: none; }</style>"


def page_chrome(presenting: bool, lang: str = "en") -> None:
    """Constant CSS for the page (never data): phone adjustments, and presentation mode's chrome. On a narrow
    screen Streamlit folds the page links and filters behind a bare "»": it gets a word from the locale file."""
    label = escape_html(translate("nav.menu", lang)).replace("\\", "").replace('"', "")
    menu = f'<style>[data-testid="stExpandSidebarButton"]::after {{ content: "{label}"; margin-left: 0.3rem; }}</style>'
    st.html(PHONE_CSS + SLIDE_CSS + menu + (PRESENTATION_CSS if presenting else ""))


def sync_url(view: ViewState) -> None:
    """Write the view into the address bar on every run, which also re-adds it after a page switch."""
    params = to_params(view)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def on_phone() -> bool:
    """Whether the browser says it is a phone ("Mobi" in its User-Agent, as MDN advises): the server is never
    told the screen's width, and a map's zoom must be chosen before it is drawn."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


def context() -> Context:
    return st.session_state["_context"]


def place_labels(places: pd.DataFrame, lang: str) -> dict[str, str]:
    column = f"name_{lang}" if f"name_{lang}" in places else "name_en"
    names = places[column].where(places[column] != "", places["name_en"])
    return dict(zip(places["place_id"], names))


def data_issues_panel(data: Dataset, lang: str) -> None:
    """Every problem validation found, as a table (text, never HTML), so a campaigner can fix them."""
    if not data.problems:
        return
    rows_to_check = len({(p.file, p.row) for p in data.problems})
    with st.expander(translate("data.issues", lang, count=rows_to_check), expanded=True):
        st.caption(translate("data.issues_help", lang))
        st.dataframe(pd.DataFrame([p.as_dict() for p in data.problems]), hide_index=True)


def sentence_line(ctx: Context) -> None:
    st.markdown(f"**{escape_markdown(ctx.sentence)}**")


def source_links(source_ids: str, sources: pd.DataFrame, lang: str = "en") -> str:
    """Markdown list of sources: escaped labels, links only for http(s) URLs."""
    by_id = sources.set_index("source_id")
    lines = []
    for source_id in (i.strip() for i in str(source_ids).split(";") if i.strip()):
        if source_id not in by_id.index:
            continue
        row = by_id.loc[source_id]
        label = escape_markdown(f"{row['publisher']}: {row['title']}")
        kind = escape_markdown(translate(f"source_type.{row['type']}", lang))
        line = f"- [{label}]({_link(row['url'])}) ({kind})" if is_http_url(row["url"]) else f"- {label} ({kind})"
        archive = row.get("archive_url", "")
        if is_http_url(archive) and archive != row["url"]:
            line += f" · [{escape_markdown(translate('source.archived_copy', lang))}]({_link(archive)})"
        lines.append(line)
    return "\n".join(lines)


def _link(url: str) -> str:
    return quote(url, safe=":/?#@!$&'*+,;=%~")  # no ( ) < > " left to break the Markdown


def translation_note(ctx: Context, reviewed: bool) -> None:
    """Say discreetly, in Armenian, that a text shown in Armenian has not been reviewed by a speaker."""
    if ctx.lang == "hy" and not reviewed:
        st.caption(ctx.t("translation.not_reviewed"))


def count_range(row: pd.Series, what: str) -> str:
    values = [row.get(f"{what}_{b}") for b in ("low", "best", "high")]
    low, best, high = (None if pd.isna(v) else int(v) for v in values)
    if low is not None and high is not None and low != high:
        return f"{low}–{high}" + (f" ({best})" if best is not None else "")
    known = next((v for v in (best, low, high) if v is not None), None)
    return "" if known is None else str(known)


def colon(lang: str) -> str:
    """':' as each language writes it after a label: French puts a no-break space before it."""
    return "\u00a0:" if lang == "fr" else ":"


def hides_title(ctx: Context, row: pd.Series, hide_graphic: bool | None = None) -> bool:
    hide_graphic = ctx.view.classroom if hide_graphic is None else hide_graphic
    return bool(row["graphic"]) and hide_graphic


def event_title(ctx: Context, row: pd.Series, hide_graphic: bool | None = None) -> str:
    """The event's title, or in classroom-safe mode for a graphic event a neutral stand-in naming its kind."""
    if hides_title(ctx, row, hide_graphic):
        return ctx.t("event.graphic_title", category=ctx.t(f"category.{row['category']}"))
    return row.get(f"title_{ctx.lang}") or row["title_en"]


def event_summary(ctx: Context, row: pd.Series) -> str:
    """The summary in the reader's language, English only where that language's text is empty."""
    return row.get(f"summary_{ctx.lang}") or row["summary_en"]


def _facts(ctx: Context, row: pd.Series) -> list[str]:
    lang, c = ctx.lang, colon(ctx.lang)
    place = place_labels(ctx.data.tables["places"], lang).get(row["place_id"], "")
    period = format_period(row["date_start"].date(), row["date_end"].date(), row["date_precision"], lang)
    facts = [
        f"**{ctx.t('event.date')}{c}** {escape_markdown(period)} ({ctx.t('precision.' + row['date_precision'])})",
        f"**{ctx.t('event.confidence')}{c}** {ctx.t('confidence.' + row['confidence'])}",
    ]
    if place:
        facts.append(f"**{ctx.t('event.place')}{c}** {escape_markdown(place)}")
    figures = [(ctx.t(f"event.{what}"), count_range(row, what)) for what in ("killed", "displaced", "captured")]
    figures = [f"{label} {value}" for label, value in figures if value]
    if figures:
        facts.append(f"**{ctx.t('event.counts')}{c}** " + escape_markdown(", ".join(figures)))
    return facts


def claim_field(field: str, lang: str) -> str:
    """A claim's field (killed, duration, ...) in the reader's language; an unlisted field as written."""
    key = f"claim_field.{field}"
    text = translate(key, lang)
    return field.replace("_", " ") if text == key else text


def claims_table(ctx: Context, claims: pd.DataFrame, note: bool = True) -> None:
    """Contested values side by side, every value with who says it and its source."""
    columns = {
        ctx.t("event.claim_field"): claims["field"].map(lambda f: claim_field(f, ctx.lang)),
        ctx.t("event.claim_value"): claims["value"],
        ctx.t("event.claim_who"): claims["claimant"],
        ctx.t("event.claim_source"): claims["source_id"],
    }
    if note:
        columns[ctx.t("event.claim_note")] = claims["note"]
    st.dataframe(pd.DataFrame(columns), hide_index=True, width="stretch")


def event_claims(ctx: Context, row: pd.Series) -> pd.DataFrame:
    claims = ctx.data.tables["claims"]
    return claims.loc[claims["event_id"] == row["event_id"]]


def event_detail(ctx: Context, row: pd.Series, hide_graphic: bool | None = None) -> None:
    """One event: summary, dated with its precision, place, figures as ranges, claims side by side, sources.

    Graphic details (and the title) are hidden in classroom-safe mode, or whenever hide_graphic says so."""
    hidden = hides_title(ctx, row, hide_graphic)
    st.subheader(escape_markdown(event_title(ctx, row, hide_graphic)))
    st.markdown("  \n".join(_facts(ctx, row)))
    if hidden:
        st.info(ctx.t("event.graphic_hidden"))
    else:
        st.markdown(escape_markdown(event_summary(ctx, row)))
    if row.get(f"title_{ctx.lang}") or row.get(f"summary_{ctx.lang}"):
        translation_note(ctx, bool(row.get("hy_reviewed", False)))
    claims = event_claims(ctx, row)
    if not claims.empty:
        st.markdown(f"**{ctx.t('event.claims')}**")
        claims_table(ctx, claims)
    st.markdown(f"**{ctx.t('event.sources')}**")
    st.markdown(source_links(row["source_ids"], ctx.data.tables["sources"], ctx.lang))


def source_footer(ctx: Context, source_ids: str) -> str:
    """One line naming who the slide's facts come from: 'Sources: HRW · RFE/RL'."""
    by_id = dict(zip(ctx.data.tables["sources"]["source_id"], ctx.data.tables["sources"]["publisher"]))
    ids = [i.strip() for i in str(source_ids).split(";") if i.strip()]
    publishers = dict.fromkeys(by_id[i] for i in ids if i in by_id)
    return f"{ctx.t('event.sources')}{colon(ctx.lang)} " + " · ".join(publishers)


def headline(text: str, kind: str = "headline") -> None:
    """A slide's headline or title in a block of its own (escaped text, a fixed class; never data as HTML):
    Streamlit's Markdown headings keep a fixed line box and printed over the next block when they wrapped."""
    st.html(f'<p class="atlas-{kind}" role="heading">{escape_html(text)}</p>')


SLIDE_SUMMARY_CHARS = 320  # about what a slide's few lines hold; a longer summary is repeated in full behind the toggle


def event_slide(ctx: Context, row: pd.Series, hide_graphic: bool | None = None, heading: bool = True) -> None:
    """One event as a slide: title, one line of facts, a few lines of summary, a one-line source footer;
    contested values and the full source list behind a toggle."""
    hidden = hides_title(ctx, row, hide_graphic)
    if heading:
        headline(event_title(ctx, row, hide_graphic), "title")
    st.markdown(" · ".join(_facts(ctx, row)[:1] + _facts(ctx, row)[2:]))
    with st.container(key="slide_summary"):
        if hidden:
            st.info(ctx.t("event.graphic_hidden"))
        else:
            st.markdown(escape_markdown(event_summary(ctx, row)))
    footer = source_footer(ctx, row["source_ids"])
    if ctx.lang == "hy" and not bool(row.get("hy_reviewed", False)):  # on the footer's line, not one of its own
        footer += " · " + ctx.t("translation.not_reviewed")
    with st.container(key="slide_footer"):
        st.caption(escape_markdown(footer))
    claims = event_claims(ctx, row)
    label = ctx.t("event.more_claims") if not claims.empty else ctx.t("event.more_sources")
    with st.expander(label):
        if not hidden and len(event_summary(ctx, row)) > SLIDE_SUMMARY_CHARS:  # the slide shows its first lines
            st.markdown(escape_markdown(event_summary(ctx, row)))
        if not claims.empty:
            claims_table(ctx, claims)
        st.markdown(source_links(row["source_ids"], ctx.data.tables["sources"], ctx.lang))


def geo_collections() -> dict[str, dict]:
    """Every data/geo layer as GeoJSON, read once per folder: the data folder's geo/, else the bundled one
    (a dataset such as tests/fixtures/mini brings no borders of its own; the borders are not its data)."""
    folder = data_dir_from_env() / "geo"
    return _geo_collections(str(folder if folder.is_dir() else GEO_DIR))


@st.cache_resource(show_spinner=False)
def _geo_collections(folder: str) -> dict[str, dict]:
    return read_collections(folder)
