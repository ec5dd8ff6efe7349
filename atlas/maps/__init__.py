"""Offline maps (pydeck, no tile server): one module per job.

style       sizes, colours, named views, labelled towns
geodata     data/geo read once, features valid on a day (no geopandas)
layers      base, dots, labels, the deck (text-only tooltips)
framing     presets and fitted views for the frame a map is drawn in
eras        era shapes, their legend, the borders-by-year deck
incursion_layers, events   the incursion and events decks
(atlas.incursions holds the incursion logic itself, pure pandas; atlas.maps.sponsors the sponsors' map)

The names the pages use are importable from here.
"""

from atlas.figures import CATEGORY_COLOURS
from atlas.maps.eras import borders_deck, era_changes, era_features, era_layers, era_legend
from atlas.maps.events import all_events_deck, event_layer, located_events, split_by_region
from atlas.maps.framing import BORDERS_FRAME, fit_view, preset_view, zoom_for_width
from atlas.maps.geodata import month_end, read_collections, valid_features, year_date
from atlas.maps.incursion_layers import incursion_layers, incursions_deck
from atlas.maps.layers import CompactDeck, map_deck
from atlas.maps.style import (
    CURRENT_RING,
    FIT_HEIGHT_PX,
    FIT_WIDTH_PX,
    MAX_FIT_ZOOM,
    MAX_SIZE_PX,
    MIN_SIZE_PX,
    PHONE_WIDTH_PX,
    PRECISION_RADIUS_M,
    PRESETS,
    REGION_VIEW,
    TOOLTIP,
    YEAR_COLOURS,
    _rgb,
)
from atlas.params import MAP_MODES

__all__ = [
    "BORDERS_FRAME", "CATEGORY_COLOURS", "CURRENT_RING", "CompactDeck", "FIT_HEIGHT_PX", "FIT_WIDTH_PX", "MAP_MODES",
    "MAX_FIT_ZOOM",
    "MAX_SIZE_PX", "MIN_SIZE_PX", "PHONE_WIDTH_PX", "PRECISION_RADIUS_M", "PRESETS", "REGION_VIEW", "TOOLTIP",
    "YEAR_COLOURS", "_rgb", "all_events_deck", "borders_deck", "era_changes", "era_features",
    "era_layers", "era_legend", "event_layer", "fit_view", "incursion_layers",
    "incursions_deck", "located_events", "map_deck", "month_end",
    "preset_view", "read_collections", "split_by_region",
    "valid_features", "year_date", "zoom_for_width",
]  # fmt: skip

# The incursion logic lives in atlas.incursions (pure pandas), which itself reads atlas.maps.geodata: its names
# are looked up here on first use, not imported, so that neither import waits for the other.
_INCURSION_NAMES = frozenset(
    {"episode_months", "incursion_months", "incursion_points", "incursion_sites", "latest_month", "marker_size",
     "month_label", "month_range", "month_summary", "next_month", "play_start", "year_colours"}
)  # fmt: skip


def __getattr__(name: str) -> object:
    if name in _INCURSION_NAMES:
        import atlas.incursions

        return getattr(atlas.incursions, name)
    raise AttributeError(f"module 'atlas.maps' has no attribute {name!r}")
