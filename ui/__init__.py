"""The only Streamlit glue: cached loading, URL <-> widget sync, the shared sidebar, small shared widgets.

Everything that decides what is shown lives in the pure package `atlas`; this module only places it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from atlas.cite import add_footer, footer_line
from atlas.codecs import quoted
from atlas.figures import MAX_DRAWN_EVENTS, timeline_figure
from atlas.filters import FilterState, apply_filters, describe
from atlas.grading import confidence_explanation, confidence_label
from atlas.i18n import LANGUAGES, claim_field, format_period, translate
from atlas.load import Dataset, data_dir_from_env, load_dataset
from atlas.maps.geodata import GEO_DIR, read_collections
from atlas.params import BY_KEY, FILTERS, VIEW_PARAMS, Notice, ViewState, in_order, page_params, read_params, to_params
from atlas.problems import Problem
from atlas.safe import escape_html, escape_markdown
from atlas.schema import (
    DATASET_FIRST_YEAR,
    DATASET_LAST_YEAR,
    TABLES,
)
from atlas.stories import STORIES_FOLDER, Story, read_stories, validate_stories
from atlas.text import colon, count_of, in_language, place_labels, source_links

T = TypeVar("T")

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "hy": "Հայերեն"}
_URL_LOADED = "_url_loaded"
CURRENT_PAGE = "_page"  # the url_path of the page this run shows, set by app.py once navigation has chosen it
_NOTICES = "_link_notices"  # what the opening link asked for that could not be used, shown on its first page


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
_KEPT_ACROSS_PAGES = ("event", *(p.session_key for p in VIEW_PARAMS if p.page))


def seed_from_url() -> None:
    """On a session's first run, put the permalink's values into the widgets' keys, and keep a notice for
    each value the link gave that could not be used."""
    if st.session_state.get(_URL_LOADED):
        for key in _KEPT_ACROSS_PAGES:
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
        return
    view, notices = read_params({key: st.query_params.get_all(key) for key in st.query_params})
    f = in_order(view.filters)
    state: dict[str, object] = {
        "years": (
            f.date_from.year if f.date_from else DATASET_FIRST_YEAR,
            f.date_to.year if f.date_to else DATASET_LAST_YEAR,
        ),
        "exact_dates": (f.date_from, f.date_to),
        _URL_LOADED: True,
        _NOTICES: notices,
    }
    for param in FILTERS:
        if param.widget:
            value = getattr(f, param.field)
            state[param.session_key] = list(value) if isinstance(value, tuple) else value
    for param in VIEW_PARAMS:
        value = getattr(view, param.field)
        # A page's own parameters only where the link sets them (the page's widgets have their own defaults).
        if not param.page or value != param.default:
            state[param.session_key] = list(value) if isinstance(value, tuple) else value
    st.session_state.update(state)


def add_notice(notice: Notice) -> None:
    """A value of the opening link that a page could not use as given (e.g. a step past the story's end)."""
    st.session_state.setdefault(_NOTICES, []).append(notice)


def link_notices(lang: str) -> int:
    """The opening link's notices, small, on the page it opened (a reader who moves on has seen them);
    returns how many were shown."""
    notices = list(dict.fromkeys(st.session_state.get(_NOTICES) or []))
    if notices:
        lines = "  \n".join(f"· {escape_markdown(n.text(lang))}" for n in notices)
        st.caption(f":material/link_off: {escape_markdown(translate('notice.heading', lang))}  \n{lines}")
    return len(notices)


def link_notices_changed(shown: int) -> bool:
    return len(dict.fromkeys(st.session_state.get(_NOTICES) or [])) != shown


def forget_notices_after_first_page(page: str) -> None:
    first = st.session_state.setdefault("_link_page", page)
    if first != page:
        st.session_state[_NOTICES] = []


def _check_against_data(data: Dataset) -> None:
    """Once per session: the link's event, tags and places must exist in this dataset; else say so."""
    if st.session_state.get("_link_checked"):
        return
    st.session_state["_link_checked"] = True
    event = st.session_state.get("event", "")
    if event and event not in set(data.events["event_id"]):
        add_notice(Notice("notice.unknown", "event", (("value", quoted(event)),)))
        st.session_state["event"] = ""
    for param in FILTERS:
        if param.widget == "multi":
            known = param.choices(data, "en")
            unknown = [v for v in st.session_state.get(param.session_key, []) if v not in known]
            if unknown:
                add_notice(Notice("notice.unknown", param.key, (("value", quoted(", ".join(unknown))),)))


def _years_changed() -> None:
    st.session_state["exact_dates"] = (None, None)  # the slider now speaks in whole years


def _date_bounds() -> tuple[date | None, date | None]:
    first, last = st.session_state["years"]
    exact_from, exact_to = st.session_state.get("exact_dates", (None, None))
    date_from = exact_from or (date(first, 1, 1) if first > DATASET_FIRST_YEAR else None)
    date_to = exact_to or (date(last, 12, 31) if last < DATASET_LAST_YEAR else None)
    return date_from, date_to


def _filter_widget(param, data: Dataset, lang: str) -> None:
    label = translate(f"sidebar.{param.field}", lang)
    key = param.session_key
    if param.widget == "text":
        st.text_input(label, key=key)
    elif param.widget == "toggle":
        st.session_state[key] = bool(st.session_state.get(key, False))
        st.toggle(label, key=key)
    elif param.widget == "multi":
        names = param.choices(data, lang)
        # A hand-edited or outdated link may name a tag or place this dataset lacks (named in a notice).
        st.session_state[key] = [v for v in st.session_state.get(key, []) if v in names]
        placeholder = translate("sidebar.choose", lang)
        help_text = param.help(lang) if param.help else None  # e.g. the public grading scale for confidence
        st.multiselect(
            label,
            list(names),
            format_func=names.get,
            key=key,
            placeholder=placeholder,
            help=help_text,
            select_all=False,
        )


def sidebar(data: Dataset) -> ViewState:
    """The filters shared by every page, drawn once in the frame (app.py): one widget per declared filter."""
    seed_from_url()
    _check_against_data(data)
    with st.sidebar:
        lang = st.selectbox(
            translate("sidebar.language", st.session_state["lang"]),
            LANGUAGES,
            format_func=LANGUAGE_NAMES.get,
            key="lang",
        )
        st.header(translate("sidebar.filters", lang))
        for param in (p for p in FILTERS if p.widget == "text"):
            _filter_widget(param, data, lang)
        st.slider(
            translate("sidebar.date_range", lang),
            DATASET_FIRST_YEAR,
            DATASET_LAST_YEAR,
            key="years",
            on_change=_years_changed,
        )
        for kind in ("multi", "toggle"):
            for param in (p for p in FILTERS if p.widget == kind):
                _filter_widget(param, data, lang)
        st.toggle(translate("sidebar.classroom", lang), key="classroom")
        data_issues_panel(data, lang)
    date_from, date_to = _date_bounds()
    values: dict[str, object] = {"date_from": date_from, "date_to": date_to}
    for param in (p for p in FILTERS if p.widget):
        value = st.session_state.get(param.session_key, param.default)
        values[param.field] = tuple(value) if isinstance(param.default, tuple) else type(param.default)(value)
    return ViewState(
        filters=FilterState(**values),
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


def current_view(view: ViewState, page: str | None = None) -> ViewState:
    """The view after `page` (default: the page this run shows) ran: the page may have changed the event, and its
    own parameters (a story's step, the map's month) go into its links only."""
    state = st.session_state
    page = (state.get(CURRENT_PAGE, "") if page is None else page) or "timeline"  # the default page's path is ""
    changes: dict[str, object] = {"event": state.get("event", "")}
    for param in page_params(page):
        value = state.get(param.session_key) or param.default
        changes[param.field] = type(param.default)(value)
    return replace(view, **changes)


def permalink_query(ctx: Context, **changes: object) -> str:
    """The query string of the current view with some values changed, e.g. a story step."""
    return "?" + urlencode(to_params(replace(ctx.view, **changes)))


def paper_choice() -> str:
    """The paper size of a handout: A4, or US Letter."""
    from atlas.handout import PAPERS  # the handouts draw static maps with geopandas: loaded when offered

    return (
        st.segmented_control(translate("handout.paper", context().lang), PAPERS, default=PAPERS[0], key="handout_paper")
        or PAPERS[0]
    )


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


# The browser's own Print: no sidebar, navigation, buttons or chart toolbars; the page's full width; nothing
# clipped, so Chromium shrinks a chart drawn wider than the paper to fit instead of cutting it; side-by-side
# cards two to a row instead of four letter-wide columns, and never split across pages.
PRINT_CSS = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stButton"], [data-testid="stDownloadButton"], [data-testid="stElementToolbar"],
  [data-testid="stBaseButton-header"], .modebar-container, iframe[title="streamlitApp"] { display: none !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stAppScrollToBottomContainer"],
  [data-testid="stMainBlockContainer"], [data-testid="stVerticalBlock"], [data-testid="stElementContainer"] {
    overflow: visible !important; height: auto !important; max-height: none !important; }
  [data-testid="stMain"] { margin: 0 !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stHorizontalBlock"] { flex-wrap: wrap !important; }
  [data-testid="stColumn"] { min-width: calc(50% - 1rem) !important; flex: 1 1 calc(50% - 1rem) !important; }
  [data-testid="stVerticalBlockBorderWrapper"], [data-testid="stPlotlyChart"], [data-testid="stDeckGlJsonChart"] {
    break-inside: avoid; }
}
</style>"""


# The timeline's title is the filter sentence, printed just above the chart on the page (not in an embed, where
# the title carries it); a saved PNG keeps it.
TIMELINE_TITLE_CSS = "<style>.st-key-timeline_chart .gtitle { display: none; }</style>"


def page_chrome(presenting: bool, lang: str = "en") -> None:
    """Constant CSS for the page (never data): phone adjustments, print, slides and presentation mode's chrome.
    On a narrow screen Streamlit folds the page links and filters behind a bare "»": it gets a word from the
    locale file."""
    label = escape_html(translate("nav.menu", lang)).replace("\\", "").replace('"', "")
    menu = f'<style>[data-testid="stExpandSidebarButton"]::after {{ content: "{label}"; margin-left: 0.3rem; }}</style>'
    st.html(PHONE_CSS + PRINT_CSS + SLIDE_CSS + menu + (PRESENTATION_CSS if presenting else ""))


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


def translation_note(ctx: Context, reviewed: bool) -> None:
    """Say discreetly, in Armenian, that a text shown in Armenian has not been reviewed by a speaker."""
    if ctx.lang == "hy" and not reviewed:
        st.caption(ctx.t("translation.not_reviewed"))


def hides_title(ctx: Context, row: pd.Series, hide_graphic: bool | None = None) -> bool:
    hide_graphic = ctx.view.classroom if hide_graphic is None else hide_graphic
    return bool(row["graphic"]) and hide_graphic


def event_title(ctx: Context, row: pd.Series, hide_graphic: bool | None = None) -> str:
    """The event's title, or in classroom-safe mode for a graphic event a neutral stand-in naming its kind."""
    if hides_title(ctx, row, hide_graphic):
        return ctx.t("event.graphic_title", category=ctx.t(f"category.{row['category']}"))
    return in_language(row, "title", ctx.lang)


def event_summary(ctx: Context, row: pd.Series) -> str:
    """The summary in the reader's language, English only where that language's text is empty."""
    return in_language(row, "summary", ctx.lang)


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
    figures = [(ctx.t(f"event.{what}"), count_of(row, what)) for what in ("killed", "displaced", "captured")]
    figures = [f"{label} {value}" for label, value in figures if value]
    if figures:
        facts.append(f"**{ctx.t('event.counts')}{c}** " + escape_markdown(", ".join(figures)))
    return facts


def claims_block(ctx: Context, event_id: str, skip_fields: tuple[str, ...] = (), notes: bool = True) -> None:
    """The competing values sources give for an event, side by side (none shown when no source disagrees)."""
    claims = ctx.data.tables["claims"]
    claims = claims.loc[(claims["event_id"] == event_id) & ~claims["field"].isin(skip_fields)]
    if not event_id or claims.empty:
        return
    st.markdown(f"**{ctx.t('event.claims')}**")
    claims_table(ctx, claims, note=notes)


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


def sources_block(ctx: Context, source_ids: str) -> None:
    st.markdown(f"**{ctx.t('event.sources')}**")
    st.markdown(source_links(source_ids, ctx.data.tables["sources"], ctx.lang))


def event_claims(ctx: Context, row: pd.Series) -> pd.DataFrame:
    claims = ctx.data.tables["claims"]
    return claims.loc[claims["event_id"] == row["event_id"]]


def event_detail(ctx: Context, row: pd.Series, hide_graphic: bool | None = None) -> None:
    """One event: summary, dated with its precision, place, figures as ranges, claims side by side, sources.

    Graphic details (and the title) are hidden in classroom-safe mode, or whenever hide_graphic says so."""
    hidden = hides_title(ctx, row, hide_graphic)
    st.subheader(escape_markdown(event_title(ctx, row, hide_graphic)))
    st.markdown("  \n".join(_facts(ctx, row)))
    level = row["confidence"]  # the grading in one plain sentence, the whole scale in the tooltip
    st.caption(
        f"{confidence_label(level, ctx.lang)}{colon(ctx.lang)} {confidence_explanation(level, ctx.lang)}",
        help=BY_KEY["conf"].help(ctx.lang),
    )
    if hidden:
        st.info(ctx.t("event.graphic_hidden"))
    else:
        st.markdown(escape_markdown(event_summary(ctx, row)))
    if row.get(f"title_{ctx.lang}") or row.get(f"summary_{ctx.lang}"):
        translation_note(ctx, bool(row.get("hy_reviewed", False)))
    claims_block(ctx, row["event_id"])
    sources_block(ctx, row["source_ids"])


def source_footer(ctx: Context, source_ids: str) -> str:
    """One line naming who the slide's facts come from: 'Sources: HRW · RFE/RL'."""
    by_id = dict(zip(ctx.data.tables["sources"]["source_id"], ctx.data.tables["sources"]["publisher"]))
    ids = [i.strip() for i in str(source_ids).split(";") if i.strip()]
    publishers = dict.fromkeys(by_id[i] for i in ids if i in by_id)
    return f"{ctx.t('event.sources')}{colon(ctx.lang)} " + " · ".join(publishers)


def headline(text: str, kind: str = "headline") -> None:
    """A slide's headline or title in a block of its own (escaped text, a fixed class; never data as HTML):
    Streamlit's Markdown headings keep a fixed line box and printed over the next block when they wrapped."""
    level = 2 if kind == "headline" else 3  # a role="heading" needs its level (axe: aria-required-attr)
    st.html(f'<p class="atlas-{kind}" role="heading" aria-level="{level}">{escape_html(text)}</p>')


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
