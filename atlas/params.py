"""Every view parameter declared once: its URL key, the field it fills, the page that owns it, how it is read
from and written to a link, and for a filter how it narrows the events and how the filter sentence names it.

`FilterState` and `ViewState` are built from these declarations; the mask and the sentence (atlas.filters),
the permalink (read_params / to_params) and the sidebar (ui.py) are loops over them. Adding a filter is one
`Param` in FILTERS plus its locale strings (`param.<key>`, `sidebar.<field>`, `filter.<field>`).

Reading a link never raises: each value is either used, or left out (or clamped) with a Notice that names it,
so a mistyped link opens the atlas and says what it could not use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, make_dataclass, replace

import pandas as pd

from atlas.codecs import (
    UNUSED,
    ChoiceCodec,
    DateCodec,
    Decoded,
    FlagCodec,
    IntCodec,
    ListCodec,
    Notice,
    TextCodec,
    _notice,
)
from atlas.derive import fold
from atlas.grading import grading_help
from atlas.i18n import DEFAULT_LANGUAGE, LANGUAGES, translate
from atlas.schema import (
    CATEGORIES,
    CONFIDENCE_LEVELS,
    DATASET_FIRST_YEAR,
    DATASET_LAST_YEAR,
    ERAS,
    LIST_SEPARATOR,
    SOURCE_TYPES,
)
from atlas.text import place_labels
from atlas.versions import VERSION_PATTERN

MAP_MODES = ("incursions", "borders", "events")  # the map page's modes, in the order its radio shows them
ERA_NAMES = tuple(e[0] for e in ERAS)
MAX_SECONDS = 3600  # kiosk autoplay and idle
MAX_STEP = 10**6  # a larger step number is read as "the last step"


# ---- how each filter narrows the events, and how the filter sentence names it ------------------------------


def _any_item_in(joined: pd.Series, wanted: tuple[str, ...]) -> pd.Series:
    """Rows whose ';'-joined cell contains at least one of the wanted items."""
    sep = re.escape(LIST_SEPARATOR)
    pattern = f"(?:^|{sep})\\s*(?:" + "|".join(re.escape(w) for w in wanted) + f")\\s*(?:$|{sep})"
    return joined.fillna("").str.contains(pattern, regex=True)


def _query_mask(events: pd.DataFrame, query: str) -> pd.Series:
    mask = pd.Series(True, index=events.index)
    for term in fold(query).split():
        mask &= events["search_text"].str.contains(term, regex=False)
    return mask


def _isin(column: str) -> Callable[[pd.DataFrame, tuple[str, ...]], pd.Series]:
    return lambda events, wanted: events[column].isin(wanted)


def _listed(prefix: str) -> Callable[[object, Callable], dict]:
    """A clause naming each chosen value in the reader's language, e.g. 'category.military'."""
    return lambda values, t: {"items": ", ".join(t(f"{prefix}.{v}") for v in values)}


def _dates_clause(state: object, t: Callable) -> dict:
    start = state.date_from.isoformat() if state.date_from else str(DATASET_FIRST_YEAR)
    end = state.date_to.isoformat() if state.date_to else str(DATASET_LAST_YEAR)
    return {"start": start, "end": end}


Translate = Callable[..., str]


def _named(prefix: str, values: tuple[str, ...]) -> Callable[[object, str], dict[str, str]]:
    return lambda data, lang: {v: translate(f"{prefix}.{v}", lang) for v in values}


def _used_places(data: object, lang: str) -> dict[str, str]:
    return {p: name for p, name in place_labels(data.tables["places"], lang).items() if p in data.used_place_ids}


@dataclass(frozen=True)
class Param:
    key: str  # in the URL
    field: str  # in FilterState or ViewState; also the session key unless `state` says otherwise
    codec: object
    default: object = None
    page: str = ""  # the url_path of the page that owns it; "" for every page
    state: str = ""  # the session key, when it differs from `field`
    # filters only
    narrow: Callable[[pd.DataFrame, object], pd.Series] | None = None
    # the values of `filter.<sentence>` in the filter sentence, from this filter's value (or the whole state)
    clause: Callable[[object, Translate], dict] | None = None
    sentence: str = ""  # the locale key's last part when it is not the field's name
    # when the clause shows, if not whenever the value differs from the default; the clause then gets the state
    active: Callable[[object], bool] | None = None
    widget: str = ""  # how the sidebar draws it: "multi", "toggle", "text", or "" (drawn by hand)
    # for "multi": the options this dataset offers, each with its name in the reader's language
    choices: Callable[[object, str], dict[str, str]] | None = None
    help: Callable[[str], str] | None = None  # the widget's help text in a language, if it has one

    @property
    def session_key(self) -> str:
        return self.state or self.field

    def decode(self, text: str) -> Decoded:
        try:
            return self.codec.decode(text, self.key)
        except Exception:  # noqa: BLE001 - a codec must never take a page down; say what was left out
            return UNUSED, _notice("notice.unreadable", self.key, value=text)

    def encode(self, value: object) -> str:
        return self.codec.encode(value)


FILTERS: tuple[Param, ...] = (
    Param("from", "date_from", DateCodec(), None, narrow=lambda e, d: e["date_end"] >= pd.Timestamp(d),
          clause=_dates_clause, sentence="between", active=lambda s: bool(s.date_from or s.date_to)),
    Param("to", "date_to", DateCodec(upper=True), None, narrow=lambda e, d: e["date_start"] <= pd.Timestamp(d),
          ),
    Param("era", "eras", ListCodec(ERA_NAMES), (), narrow=_isin("era"), clause=_listed("era"), widget="multi",
          choices=_named("era", ERA_NAMES)),
    Param("cat", "categories", ListCodec(CATEGORIES), (), narrow=_isin("category"), clause=_listed("category"),
          widget="multi", choices=_named("category", CATEGORIES)),
    Param("tag", "tags", ListCodec(), (), narrow=lambda e, v: _any_item_in(e["tags"], v),
          clause=lambda v, t: {"items": ", ".join(v)}, widget="multi",
          choices=lambda data, lang: {t: t for t in data.tags}),
    Param("place", "places", ListCodec(), (), narrow=_isin("place_id"), clause=lambda v, t: {"count": len(v)},
          widget="multi", choices=_used_places),
    Param("src", "source_types", ListCodec(SOURCE_TYPES), (), narrow=lambda e, v: _any_item_in(e["source_types"], v),
          clause=_listed("source_type"), widget="multi", choices=_named("source_type", SOURCE_TYPES)),
    Param("conf", "confidence", ListCodec(CONFIDENCE_LEVELS), (), narrow=_isin("confidence"),
          clause=_listed("confidence"), widget="multi", choices=_named("confidence", CONFIDENCE_LEVELS),
          help=grading_help),
    Param("indep", "independent_only", FlagCodec(), False, narrow=lambda e, v: e["independent"],
          clause=lambda v, t: {}, widget="toggle"),
    Param("graphic_only", "graphic_only", FlagCodec(), False, narrow=lambda e, v: e["graphic"].astype(bool),
          clause=lambda v, t: {}, widget="toggle"),
    Param("q", "query", TextCodec(200), "", narrow=_query_mask, clause=lambda s, t: {"query": s.query.strip()},
          widget="text", active=lambda s: bool(s.query.strip())),
)  # fmt: skip

_MONTH = r"(19|20)\d\d-(0[1-9]|1[0-2])"
VIEW_PARAMS: tuple[Param, ...] = (
    Param("lang", "lang", ChoiceCodec(LANGUAGES), DEFAULT_LANGUAGE),
    Param("event", "event", TextCodec(40), ""),
    # classroom-safe: on in presentation mode unless the link says classroom=0 (see read_params and to_params)
    Param("classroom", "classroom", FlagCodec(), False),
    Param("present", "present", FlagCodec(), False),  # presentation mode: no sidebar or chrome, large type
    Param("story", "story", TextCodec(40), "", page="stories"),
    Param("step", "step", IntCodec(1, MAX_STEP, clamp_high=True), 0, page="stories"),  # 1-based; 0: none open
    Param("autoplay", "autoplay", IntCodec(0, MAX_SECONDS), 0, page="stories"),  # kiosk: seconds between steps
    Param("idle", "idle", IntCodec(0, MAX_SECONDS), 0, page="stories"),  # kiosk: seconds before step 1 again
    Param("graphic", "graphic", FlagCodec(), False, page="stories"),  # stories show graphic details when asked
    Param("map_mode", "map_mode", ChoiceCodec(MAP_MODES), "", page="map"),
    Param("month", "month", TextCodec(7, _MONTH), "", page="map", state="map_month"),  # YYYY-MM
    Param("year", "year", IntCodec(DATASET_FIRST_YEAR, DATASET_LAST_YEAR), 0, page="map", state="map_year"),
    Param("find", "source_query", TextCodec(200), "", page="sources"),  # the Sources page's search box
    Param("types", "source_types_shown", ListCodec(SOURCE_TYPES), (), page="sources"),
    Param("focus", "focus", ChoiceCodec(ERA_NAMES), "", page="timeline"),  # an era the timeline's axis zooms to
    # `embedded=1`: only the figure block, for an <iframe> (Streamlit keeps its own `embed` from st.query_params)
    Param("embedded", "embedded", FlagCodec(), False),
    # `v=`: the dataset version the link was made with
    Param("v", "version", TextCodec(20, VERSION_PATTERN.pattern), "", state="opened_version"),
)
PARAMS: tuple[Param, ...] = FILTERS + VIEW_PARAMS
BY_KEY: dict[str, Param] = {p.key: p for p in PARAMS}


def _state_class(name: str, params: tuple[Param, ...], extra: list, doc: str, methods: dict) -> type:
    spec = extra + [(p.field, object, field(default=p.default)) for p in params]
    cls = make_dataclass(name, spec, frozen=True, namespace={"__doc__": doc, **methods})
    cls.__module__ = __name__
    return cls


FilterState = _state_class(
    "FilterState",
    FILTERS,
    [],
    "Everything that decides which events are shown. Empty tuples and None mean 'no restriction'.",
    {"is_empty": lambda self: self == FilterState()},
)
ViewState = _state_class(
    "ViewState",
    VIEW_PARAMS,
    [("filters", object, field(default_factory=lambda: FilterState()))],
    "What a permalink restores: the filters plus the view options around them.",
    {},
)


def _first(value: str | list[str]) -> tuple[str, bool]:
    """The first value given for a key, and whether the link gave other, different values for it."""
    if isinstance(value, list | tuple):
        values = [str(v) for v in value]
        return (values[0] if values else ""), len(set(values)) > 1
    return str(value), False


def read_params(params: Mapping[str, str | list[str]]) -> tuple[ViewState, list[Notice]]:
    """The view a link asks for, and a notice for every value in it that could not be used as given.
    Unknown keys are ignored (campaign tags, tracking parameters); nothing here raises."""
    notices: list[Notice] = []
    changes: dict[str, object] = {}
    for param in PARAMS:
        if param.key not in params:
            continue
        text, repeated = _first(params[param.key])
        if repeated:
            notices.append(_notice("notice.repeated", param.key, value=text))
        if not text.strip():
            continue
        value, notice = param.decode(text)
        if notice:
            notices.append(notice)
        if value is not UNUSED:
            changes[param.field] = value
    if changes.get("present") and "classroom" not in changes:
        changes["classroom"] = True  # a presentation is classroom-safe unless the link turns it off
    filter_fields = {p.field for p in FILTERS}
    filters = FilterState(**{k: v for k, v in changes.items() if k in filter_fields})
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        # the values stay as written (a permalink reads back what it wrote); the sidebar shows them in order
        notices.append(
            _notice("notice.swapped", "from", start=filters.date_from.isoformat(), end=filters.date_to.isoformat())
        )
    view = ViewState(filters=filters, **{k: v for k, v in changes.items() if k not in filter_fields})
    return view, notices


def in_order(filters: FilterState) -> FilterState:
    """The filters with a start date after the end date swapped, as the sidebar shows them."""
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        return replace(filters, date_from=filters.date_to, date_to=filters.date_from)
    return filters


def from_params(params: Mapping[str, str | list[str]]) -> ViewState:
    """The view a set of query parameters asks for; anything unknown or invalid is left out."""
    return read_params(params)[0]


def to_params(view: ViewState) -> dict[str, str]:
    """Query parameters for a view, omitting every default so links stay short."""
    out: dict[str, str] = {}
    for param in PARAMS:
        value = getattr(view.filters if param in FILTERS else view, param.field)
        if value != param.default and value not in (None, "", ()):
            out[param.key] = param.encode(value)
    if view.present and not view.classroom:  # presentation mode is classroom-safe unless turned off
        out["classroom"] = "0"
    return out


def page_params(page: str) -> tuple[Param, ...]:
    """The parameters a page owns: they go into links to that page only."""
    return tuple(p for p in VIEW_PARAMS if p.page == page and page)


def filters_from_step(step_filters: Mapping[str, str]) -> tuple[FilterState, list[Notice]]:
    """The filters a story step declares (written as in a permalink) as a FilterState."""
    wanted = {k: v for k, v in step_filters.items() if k in {p.key for p in FILTERS}}
    view, notices = read_params(wanted)
    return view.filters, notices


FILTER_KEYS = frozenset(p.key for p in FILTERS)
