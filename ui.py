"""The only Streamlit glue: cached loading, URL <-> widget sync, the shared sidebar, small shared widgets.

Everything that decides what is shown lives in the pure package `atlas`; this module only places it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import streamlit as st

from atlas.filters import FilterState, apply_filters, describe
from atlas.geo import GEO_DIR
from atlas.i18n import LANGUAGES, translate
from atlas.load import Dataset, data_dir_from_env, load_dataset
from atlas.maps import read_collections
from atlas.safe import escape_markdown, is_http_url
from atlas.schema import (
    CATEGORIES,
    CONFIDENCE_LEVELS,
    DATASET_FIRST_YEAR,
    DATASET_LAST_YEAR,
    ERAS,
    SOURCE_TYPES,
    TABLES,
)
from atlas.url_state import ViewState, from_params, to_params

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "hy": "Հայերեն"}
_URL_LOADED = "_url_loaded"


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


def load_data() -> Dataset:
    folder = data_dir_from_env()
    return _load_cached(str(folder), _data_stamp(folder))


def _seed_widgets_from_url() -> None:
    """On a session's first run, put the permalink's values into the widgets' keys."""
    if st.session_state.get(_URL_LOADED):
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
            _URL_LOADED: True,
        }
    )


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
    _seed_widgets_from_url()
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
        st.multiselect(
            t("sidebar.eras"),
            [e[0] for e in ERAS],
            format_func=lambda e: t(f"era.{e}"),
            key="eras",
            placeholder=t("sidebar.choose"),
        )
        st.multiselect(
            t("sidebar.categories"),
            CATEGORIES,
            format_func=lambda c: t(f"category.{c}"),
            key="categories",
            placeholder=t("sidebar.choose"),
        )
        events = data.events
        tag_options = sorted({tag for cell in events["tags"] for tag in str(cell).split(";") if tag.strip()})
        st.multiselect(t("sidebar.tags"), tag_options, key="tags", placeholder=t("sidebar.choose"))
        place_names = place_labels(data.tables["places"], lang)
        used_places = [p for p in place_names if p in set(events["place_id"])]
        st.multiselect(
            t("sidebar.places"),
            used_places,
            format_func=lambda p: place_names.get(p, p),
            key="places",
            placeholder=t("sidebar.choose"),
        )
        st.multiselect(
            t("sidebar.source_types"), SOURCE_TYPES, format_func=lambda s: t(f"source_type.{s}"), key="source_types"
        )
        st.multiselect(
            t("sidebar.confidence"), CONFIDENCE_LEVELS, format_func=lambda c: t(f"confidence.{c}"), key="confidence"
        )
        st.toggle(t("sidebar.independent_only"), key="independent_only")
        st.toggle(t("sidebar.classroom"), key="classroom")
        data_issues_panel(data, lang)
    date_from, date_to = _date_bounds()
    known_places = set(place_names)
    filters = FilterState(
        date_from=date_from,
        date_to=date_to,
        eras=tuple(st.session_state["eras"]),
        categories=tuple(st.session_state["categories"]),
        tags=tuple(st.session_state["tags"]),
        places=tuple(p for p in st.session_state["places"] if p in known_places),
        source_types=tuple(st.session_state["source_types"]),
        confidence=tuple(st.session_state["confidence"]),
        independent_only=bool(st.session_state["independent_only"]),
        query=st.session_state["query"],
    )
    return ViewState(
        filters=filters, lang=lang, event=st.session_state.get("event", ""), classroom=st.session_state["classroom"]
    )


def build_context(data: Dataset, view: ViewState) -> Context:
    filtered = apply_filters(data.events, view.filters)
    sentence = describe(view.filters, view.lang, len(filtered), len(data.events))
    return Context(data=data, view=view, filtered=filtered, sentence=sentence)


def sync_url(view: ViewState) -> None:
    """Write the view into the address bar on every run, which also re-adds it after a page switch."""
    params = to_params(view)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def context() -> Context:
    return st.session_state["_context"]


def place_labels(places: pd.DataFrame, lang: str) -> dict[str, str]:
    column = f"name_{lang}" if f"name_{lang}" in places else "name_en"
    names = places[column].where(places[column] != "", places["name_en"])
    return dict(zip(places["place_id"], names))


def data_issues_panel(data: Dataset, lang: str) -> None:
    """Rows set aside by validation, as a table (text, never HTML), so a campaigner can fix them."""
    if not data.problems:
        return
    rows_set_aside = len({(p.file, p.row) for p in data.problems})
    with st.expander(translate("data.issues", lang, count=rows_set_aside), expanded=True):
        st.caption(translate("data.issues_help", lang))
        st.dataframe(pd.DataFrame([p.as_dict() for p in data.problems]), hide_index=True)


def sentence_line(ctx: Context) -> None:
    st.markdown(f"**{escape_markdown(ctx.sentence)}**")


def source_links(source_ids: str, sources: pd.DataFrame) -> str:
    """Markdown list of sources: escaped labels, links only for http(s) URLs."""
    by_id = sources.set_index("source_id")
    lines = []
    for source_id in (i.strip() for i in str(source_ids).split(";") if i.strip()):
        if source_id not in by_id.index:
            continue
        row = by_id.loc[source_id]
        label = escape_markdown(f"{row['publisher']}: {row['title']}")
        kind = escape_markdown(row["type"])
        if is_http_url(row["url"]):
            url = quote(row["url"], safe=":/?#@!$&'*+,;=%~")  # no ( ) < > " left to break the Markdown
            lines.append(f"- [{label}]({url}) ({kind})")
        else:
            lines.append(f"- {label} ({kind})")
    return "\n".join(lines)


def _count_range(row: pd.Series, what: str) -> str:
    values = [row.get(f"{what}_{b}") for b in ("low", "best", "high")]
    low, best, high = (None if pd.isna(v) else int(v) for v in values)
    if low is not None and high is not None and low != high:
        return f"{low}–{high}" + (f" ({best})" if best is not None else "")
    known = next((v for v in (best, low, high) if v is not None), None)
    return "" if known is None else str(known)


def event_detail(ctx: Context, row: pd.Series) -> None:
    """One event: summary, dated with its precision, place, figures as ranges, claims side by side, sources."""
    lang = ctx.lang
    title = row.get(f"title_{lang}") or row["title_en"]
    st.subheader(escape_markdown(title))
    place = place_labels(ctx.data.tables["places"], lang).get(row["place_id"], "")
    facts = [
        f"**{ctx.t('event.date')}:** {escape_markdown(row['date_display'])} "
        f"({ctx.t('precision.' + row['date_precision'])})",
        f"**{ctx.t('event.confidence')}:** {ctx.t('confidence.' + row['confidence'])}",
    ]
    if place:
        facts.append(f"**{ctx.t('event.place')}:** {escape_markdown(place)}")
    figures = [(ctx.t(f"event.{what}"), _count_range(row, what)) for what in ("killed", "displaced", "captured")]
    figures = [f"{label} {value}" for label, value in figures if value]
    if figures:
        facts.append(f"**{ctx.t('event.counts')}:** " + escape_markdown(", ".join(figures)))
    st.markdown("  \n".join(facts))
    if row["graphic"] and ctx.view.classroom:
        st.info(ctx.t("event.graphic_hidden"))
    else:
        summary = row.get(f"summary_{lang}") or row["summary_en"]
        st.markdown(escape_markdown(summary))
    claims = ctx.data.tables["claims"]
    claims = claims.loc[claims["event_id"] == row["event_id"]]
    if not claims.empty:
        st.markdown(f"**{ctx.t('event.claims')}**")
        st.dataframe(
            pd.DataFrame(
                {
                    ctx.t("event.claim_field"): claims["field"],
                    ctx.t("event.claim_value"): claims["value"],
                    ctx.t("event.claim_who"): claims["claimant"],
                    ctx.t("event.claim_source"): claims["source_id"],
                    "note": claims["note"],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    st.markdown(f"**{ctx.t('event.sources')}**")
    st.markdown(source_links(row["source_ids"], ctx.data.tables["sources"]))


def geo_collections() -> dict[str, dict]:
    """Every data/geo layer as GeoJSON, read once per folder: the data folder's geo/, else the bundled one
    (a dataset such as tests/fixtures/mini brings no borders of its own; the borders are not its data)."""
    folder = data_dir_from_env() / "geo"
    return _geo_collections(str(folder if folder.is_dir() else GEO_DIR))


@st.cache_resource(show_spinner=False)
def _geo_collections(folder: str) -> dict[str, dict]:
    return read_collections(folder)
