"""The URL is the state of record: each query parameter is declared once, with how to encode and decode it.

Unknown keys are ignored, invalid values dropped, defaults omitted, so any copied link opens the same
view and a hand-edited link never breaks the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from atlas.filters import FilterState
from atlas.i18n import DEFAULT_LANGUAGE, LANGUAGES
from atlas.maps import MAP_MODES
from atlas.schema import CATEGORIES, CONFIDENCE_LEVELS, ERAS, SOURCE_TYPES
from atlas.versions import VERSION_PATTERN

_LIST_SEP = ","


@dataclass(frozen=True)
class ViewState:
    """What a permalink restores: the filters plus the view options around them."""

    filters: FilterState = FilterState()
    lang: str = DEFAULT_LANGUAGE
    event: str = ""
    classroom: bool = False  # in presentation mode on unless the link says classroom=0
    present: bool = False  # presentation mode: no sidebar or chrome, large type
    focus: str = ""  # an era the timeline's axis zooms to
    story: str = ""
    step: int = 0  # 1-based step of the story; 0 when no story is open
    autoplay: int = 0  # kiosk: seconds between steps, 0 for off
    idle: int = 0  # kiosk: seconds without a click before the story returns to step 1, 0 for off
    graphic: bool = False  # stories show graphic details only when asked
    map_mode: str = ""  # the map page's mode, its month (YYYY-MM) and its year
    month: str = ""
    year: int = 0
    embedded: bool = False  # `embedded=1`: only the figure block, for an <iframe> (Streamlit hides `embed` from us)
    version: str = ""  # `v=`: the dataset version the link was made with


def _decode_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _decode_list(allowed: tuple[str, ...] | None) -> Callable[[str], tuple[str, ...]]:
    def decode(text: str) -> tuple[str, ...]:
        items = [i.strip() for i in text.split(_LIST_SEP) if i.strip()]
        return tuple(dict.fromkeys(i for i in items if allowed is None or i in allowed))

    return decode


def _encode_list(values: tuple[str, ...]) -> str:
    return _LIST_SEP.join(values)


def _decode_flag(text: str) -> bool:
    return text in ("1", "true")


_ERA_NAMES = tuple(e[0] for e in ERAS)
# URL key -> (FilterState field, decode, encode)
FILTER_PARAMS: dict[str, tuple[str, Callable[[str], object], Callable[[object], str]]] = {
    "from": ("date_from", _decode_date, lambda d: d.isoformat()),
    "to": ("date_to", _decode_date, lambda d: d.isoformat()),
    "era": ("eras", _decode_list(_ERA_NAMES), _encode_list),
    "cat": ("categories", _decode_list(CATEGORIES), _encode_list),
    "tag": ("tags", _decode_list(None), _encode_list),
    "place": ("places", _decode_list(None), _encode_list),
    "src": ("source_types", _decode_list(SOURCE_TYPES), _encode_list),
    "conf": ("confidence", _decode_list(CONFIDENCE_LEVELS), _encode_list),
    "indep": ("independent_only", _decode_flag, lambda flag: "1"),
    "q": ("query", lambda text: text.strip()[:200], str),
}
_FLAGS = ("classroom", "present", "graphic", "embedded")
_MONTH = re.compile(r"(19|20)\d\d-(0[1-9]|1[0-2])")
_SECONDS = ("step", "autoplay", "idle")
MAX_SECONDS = 3600


def to_params(view: ViewState) -> dict[str, str]:
    """Query parameters for a view, omitting every default so links stay short."""
    params: dict[str, str] = {}
    default = FilterState()
    for key, (name, _, encode) in FILTER_PARAMS.items():
        value = getattr(view.filters, name)
        if value != getattr(default, name):
            params[key] = encode(value)
    if view.lang != DEFAULT_LANGUAGE:
        params["lang"] = view.lang
    if view.event:
        params["event"] = view.event
    for flag in _FLAGS:
        if getattr(view, flag):
            params[flag] = "1"
    if view.present and not view.classroom:  # presentation mode is classroom-safe unless turned off
        params["classroom"] = "0"
    for text in ("story", "map_mode", "month", "focus"):
        if getattr(view, text):
            params[text] = getattr(view, text)
    if view.year:
        params["year"] = str(view.year)
    if view.version:
        params["v"] = view.version
    for number in _SECONDS:
        if getattr(view, number):
            params[number] = str(getattr(view, number))
    return params


def _decode_count(text: str) -> int:
    return int(text) if text.isdigit() and int(text) <= MAX_SECONDS else 0


def from_params(params: Mapping[str, str | list[str]]) -> ViewState:
    """The view a set of query parameters asks for; anything unknown or invalid is ignored."""

    def first(key: str) -> str:
        value = params.get(key, "")
        return (value[0] if value else "") if isinstance(value, list) else str(value)

    changes = {}
    for key, (name, decode, _) in FILTER_PARAMS.items():
        text = first(key)
        if text:
            decoded = decode(text)
            if decoded not in (None, ()):
                changes[name] = decoded
    lang = first("lang")
    return ViewState(
        filters=replace(FilterState(), **changes),
        lang=lang if lang in LANGUAGES else DEFAULT_LANGUAGE,
        event=first("event")[:40],
        story=first("story")[:40],
        map_mode=first("map_mode") if first("map_mode") in MAP_MODES else "",
        month=first("month") if _MONTH.fullmatch(first("month")) else "",
        version=first("v") if VERSION_PATTERN.fullmatch(first("v")) else "",
        year=int(first("year")) if first("year").isdigit() and 1918 <= int(first("year")) <= 2026 else 0,
        focus=first("focus") if first("focus") in _ERA_NAMES else "",
        **{flag: _decode_flag(first(flag)) for flag in _FLAGS if flag != "classroom"},
        classroom=_decode_flag(first("classroom")) or (_decode_flag(first("present")) and first("classroom") != "0"),
        **{number: _decode_count(first(number)) for number in _SECONDS},
    )
